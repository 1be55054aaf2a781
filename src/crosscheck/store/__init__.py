"""Stores hold a corpus: documents, removals, sentences, mentions, vectors.

``open_store(location)`` picks the store from the location; SQLite is the default and the
only one today (a PostgreSQL store will register here under ``postgresql://`` URLs).
"""

from __future__ import annotations

from pathlib import Path

from crosscheck.errors import UnknownChoiceError
from crosscheck.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "open_store"]

#: URL schemes and the store each selects; a path with no scheme is a SQLite file.
STORES = {"sqlite": SQLiteStore}


def open_store(location: str | Path) -> SQLiteStore:
    """Open (creating if needed) the store at ``location``."""
    text = str(location)
    scheme, sep, rest = text.partition("://")
    if not sep:
        return SQLiteStore(text)
    if scheme not in STORES:
        raise UnknownChoiceError("store scheme", scheme, STORES)
    return STORES[scheme](rest)

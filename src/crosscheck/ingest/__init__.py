"""Ingest: turn files and folders into :class:`Document` records.

Readers are registered by file suffix. A file that cannot be read yields a
:class:`Skip` with a reason instead of raising, so one bad file never stops a batch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import MissingPathError, SourceError
from crosscheck.ingest.readers import READERS, RawSource

__all__ = ["READERS", "RawSource", "Skip", "discover", "document_id", "read_path"]


@dataclass(frozen=True, slots=True)
class Skip:
    """A source that was not added, and why."""

    path: str
    reason: str


def document_id(raw: str) -> str:
    """The content hash that identifies a document: 16 hex digits of sha256(raw)."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


#: Files in a folder that describe the folder rather than being sources; skipped with a
#: reason when a folder is added, taken when named on their own.
FOLDER_NOTES = re.compile(r"^(readme|license|licence|copying|notice|changelog)(\.\w+)?$",
                          re.IGNORECASE)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """Every file under ``paths`` (folders recursively, sorted, hidden files skipped)."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise MissingPathError(str(given))
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if not child.is_file() or hidden:
                    continue
                if FOLDER_NOTES.match(child.name):
                    yield Skip(str(child), "the folder's own notes, not a source "
                                           "(add the file by name to include it)")
                else:
                    yield child
        else:
            yield path


def read_path(path: Path) -> Iterator[RawSource | Skip]:
    """The sources in one file (a ``.jsonl`` file holds many), or why it has none."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield Skip(str(path), f"unsupported file type {path.suffix or '(none)'!r} (supported: {known})")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Skip(str(path), f"cannot read: {exc.strerror or exc}")
        return
    try:
        for item in reader(path, data):
            yield item if isinstance(item, RawSource) else Skip(str(path), item)
    except SourceError as exc:
        yield Skip(str(path), exc.reason)

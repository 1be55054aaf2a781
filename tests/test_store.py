"""Store: numbered migrations, idempotent writes, transactions that roll back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from crosscheck.errors import StoreError, UnknownChoiceError
from crosscheck.model import Document, Mention, Removal, Sentence
from crosscheck.store import open_store
from crosscheck.store.sqlite import SQLiteStore, _migrations

RAW = "First sentence here. Second one in 1941."
DOC = Document(id="abc", uri="mem://a", raw=RAW, title="t",
               removals=(Removal(0, 5, "boilerplate", "menu word"),))
SENTENCES = [Sentence("abc", 0, 0, 20, RAW[0:20]), Sentence("abc", 1, 21, 40, RAW[21:40])]
MENTIONS = [Mention("abc", 1, "date", 35, 39, "1941", "1941", granularity="year", type="DATE")]


def test_migrations_are_numbered_and_applied_once(tmp_path: Path) -> None:
    numbers = [n for n, _ in _migrations()]
    assert numbers == sorted(numbers) and numbers[0] == 1
    store = SQLiteStore(tmp_path / "s.db")
    assert store.schema_version == numbers[-1]
    store.close()
    again = SQLiteStore(tmp_path / "s.db")  # reopening does not re-run migrations
    assert again.schema_version == numbers[-1]


def test_document_round_trip_and_idempotence(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    assert store.add_document(DOC, SENTENCES, MENTIONS) is True
    assert store.add_document(DOC, SENTENCES, MENTIONS) is False
    doc, = store.documents()
    assert doc == DOC
    assert [s for _, s in store.sentences()] == SENTENCES
    (_, mention), = store.mentions("date")
    assert mention == MENTIONS[0]
    hits = store.bm25("second 1941", 5)
    assert hits and store.sentences()[1][0] == hits[0][0]


def test_failed_write_rolls_back(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    bad = [Mention("abc", 7, "date", 0, 1, "x", "x")]  # sentence 7 does not exist
    with pytest.raises(KeyError):
        store.add_document(DOC, SENTENCES, bad)
    assert store.count_documents() == 0 and store.sentences() == []


def test_embeddings_round_trip_and_missing(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    store.add_document(DOC, SENTENCES, [])
    ids = [i for i, _ in store.sentences_without_embedding("m")]
    vectors = np.arange(2 * 3, dtype=np.float32).reshape(2, 3)
    store.add_embeddings("m", ids, vectors)
    got_ids, matrix = store.embeddings("m")
    assert list(got_ids) == ids and np.array_equal(matrix, vectors)
    assert store.sentences_without_embedding("m") == []
    assert len(store.sentences_without_embedding("other")) == 2


def test_bad_locations_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no directory"):
        SQLiteStore(tmp_path / "missing" / "s.db")
    with pytest.raises(UnknownChoiceError, match="sqlite"):
        open_store("mongodb://x")
    (tmp_path / "junk.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        SQLiteStore(tmp_path / "junk.db")
    assert isinstance(sqlite3.sqlite_version, str)

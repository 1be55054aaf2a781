"""The embedded store: one SQLite file per corpus, schema by numbered migrations.

Writes are transactions and idempotent by content hash: re-adding a document whose id is
already stored changes nothing. Vectors are float32 BLOBs searched by the index stage
(this Python's sqlite3 cannot load extensions such as sqlite-vec; brute force over
100k×384 takes tens of milliseconds, see DEPENDENCIES.md).

BM25 is SQLite's FTS5, over sentences and over passages (a sentence with its neighbours).
On SciFact it scores nDCG@10 0.687 against Anserini's 0.679 (bench/scifact.py), so it is
kept over an own or a bm25s index: it is in C, persists in the file and grows by insert.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import numpy as np

from crosscheck.errors import StoreError, UnknownChoiceError
from crosscheck.model import Document, Mention, Removal, Sentence

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_QUERY_TERM = re.compile(r"\w+")

#: Lexical index per retrieval unit; a passage row is named by its centre sentence's id.
LEXICAL_TABLES = {"sentence": "sentences_fts", "passage": "passages_fts"}
#: FTS5 tokenizer per stemming choice; ``porter`` is what migration 0001 created.
TOKENIZERS = {"porter": "porter unicode61", "none": "unicode61"}
_CONTENT = {"sentences_fts": "sentences", "passages_fts": "passages"}


def _migrations() -> list[tuple[int, str]]:
    """The numbered migration scripts shipped in the package, in order."""
    found = []
    for entry in resources.files("crosscheck.store.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


class SQLiteStore:
    """A corpus in one SQLite file (``:memory:`` works for tests)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create store {self.path}: no directory {parent}")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # -- schema ---------------------------------------------------------------------
    def _migrate(self) -> None:
        current = self._db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in _migrations():
            if number <= current:
                continue
            with self.transaction():
                for statement in _split_sql(script):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        """The number of the last migration applied."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside commit together or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    # -- documents ------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        """True if a document with this content hash is stored."""
        row = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def add_document(
        self, doc: Document, sentences: Sequence[Sentence], mentions: Sequence[Mention]
    ) -> bool:
        """Store a document with its removals, sentences and mentions; False if already there."""
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone():
                return False
            db.execute(
                "INSERT INTO documents (id, uri, title, published, media_type, language, raw,"
                " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.uri, doc.title, doc.published, doc.media_type, doc.language,
                 doc.raw, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            db.executemany(
                'INSERT INTO removals (doc_id, start, "end", reason, detail) VALUES (?,?,?,?,?)',
                [(doc.id, r.start, r.end, r.reason, r.detail) for r in doc.removals],
            )
            ids: dict[int, int] = {}
            for s in sentences:
                cur = db.execute(
                    'INSERT INTO sentences (doc_id, idx, start, "end", text) VALUES (?,?,?,?,?)',
                    (doc.id, s.index, s.start, s.end, s.text),
                )
                assert cur.lastrowid is not None
                ids[s.index] = cur.lastrowid
                db.execute(
                    "INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, s.text)
                )
            # Passages need the neighbours in place, so they are indexed once all are.
            db.execute("INSERT INTO passages_fts (rowid, text) SELECT id, text FROM passages"
                       " WHERE doc_id = ?", (doc.id,))
            db.executemany(
                'INSERT INTO mentions (sentence_id, doc_id, kind, start, "end", text, value,'
                " granularity, type, unit, label) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(ids[m.sentence_index], doc.id, m.kind, m.start, m.end, m.text, m.value,
                  m.granularity, m.type, m.unit, m.label) for m in mentions],
            )
        return True

    def documents(self) -> list[Document]:
        """Every stored document with its removals, in the order they were added."""
        removals: dict[str, list[Removal]] = {}
        for doc_id, start, end, reason, detail in self._db.execute(
            'SELECT doc_id, start, "end", reason, detail FROM removals ORDER BY doc_id, start'
        ):
            removals.setdefault(doc_id, []).append(Removal(start, end, reason, detail))
        rows = self._db.execute(
            "SELECT id, uri, title, published, media_type, language, raw FROM documents"
            " ORDER BY rowid"
        ).fetchall()
        return [
            Document(id=r[0], uri=r[1], title=r[2], published=r[3], media_type=r[4],
                     language=r[5], raw=r[6], removals=tuple(removals.get(r[0], ())))
            for r in rows
        ]

    def count_documents(self) -> int:
        """How many documents are stored."""
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    # -- sentences and mentions -----------------------------------------------------
    def sentences(self) -> list[tuple[int, Sentence]]:
        """Every sentence with its row id, by document and position."""
        rows = self._db.execute(
            'SELECT id, doc_id, idx, start, "end", text FROM sentences ORDER BY id'
        )
        return [(r[0], Sentence(r[1], r[2], r[3], r[4], r[5])) for r in rows]

    def mentions(self, kind: str | None = None, *, besides: str | None = None,
                 doc_id: str | None = None, sentence_id: int | None = None,
                 ) -> list[tuple[int, Mention]]:
        """Every mention with the row id of its sentence, in the order they were stored:
        of one kind if ``kind`` is given, of every other kind if ``besides`` is, of one
        document if ``doc_id`` is, of one of its sentences if ``sentence_id`` also is
        (mentions are indexed by document)."""
        sql = (
            'SELECT m.sentence_id, m.doc_id, s.idx, m.kind, m.start, m."end", m.text, m.value,'
            " m.granularity, m.type, m.unit, m.label FROM mentions m"
            " JOIN sentences s ON s.id = m.sentence_id"
        )
        where: list[str] = []
        params: list[str | int] = []
        conditions: tuple[tuple[str, str | int | None], ...] = (
            ("m.kind = ?", kind), ("m.kind != ?", besides), ("m.doc_id = ?", doc_id),
            ("m.sentence_id = ?", sentence_id))
        for condition, value in conditions:
            if value is not None:
                where.append(condition)
                params.append(value)
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self._db.execute(sql + " ORDER BY m.id", params)
        return [(r[0], Mention(*r[1:])) for r in rows]

    # -- lexical index --------------------------------------------------------------
    def bm25(self, query: str, limit: int, unit: str = "sentence",
             stopwords: frozenset[str] = frozenset()) -> list[tuple[int, float]]:
        """Sentence ids ranked by BM25 of the query's terms (any may match), best first.

        ``unit="passage"`` scores each sentence with its neighbours. Stop words are dropped
        from the query, which keeps a question's "the" from touching every row.
        """
        if unit not in LEXICAL_TABLES:
            raise UnknownChoiceError("retrieval unit", unit, LEXICAL_TABLES)
        terms = [t for t in _QUERY_TERM.findall(query.lower()) if t not in stopwords]
        if not terms:
            return []
        table = LEXICAL_TABLES[unit]
        match = " OR ".join(f'"{t}"' for t in dict.fromkeys(terms))
        rows = self._db.execute(
            f"SELECT rowid, bm25({table}) AS score FROM {table}"
            f" WHERE {table} MATCH ? ORDER BY score LIMIT ?",
            (match, limit),
        )
        # FTS5's bm25() is negative, smaller is better; flip it so larger is better.
        return [(r[0], -float(r[1])) for r in rows]

    @property
    def stemming(self) -> str:
        """The stemming the lexical indexes were built with (a key of TOKENIZERS)."""
        row = self._db.execute("SELECT value FROM store_settings WHERE key = 'stemming'").fetchone()
        return str(row[0])

    def set_stemming(self, stemming: str) -> bool:
        """Rebuild the lexical indexes with another stemming; False if already so built.

        FTS5 fixes a table's tokenizer at creation, so a change recreates both tables and
        re-reads the text from the sentences (≈ 1 s per 100k sentences).
        """
        if stemming not in TOKENIZERS:
            raise UnknownChoiceError("stemming", stemming, TOKENIZERS)
        if stemming == self.stemming:
            return False
        with self.transaction() as db:
            for table, content in _CONTENT.items():
                db.execute(f"DROP TABLE {table}")
                db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(text, content='{content}',"
                           f" content_rowid='id', tokenize='{TOKENIZERS[stemming]}')")
                db.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            db.execute("UPDATE store_settings SET value = ? WHERE key = 'stemming'", (stemming,))
        return True

    # -- corpus-wide analysis ---------------------------------------------------------
    def cached_analysis(self, key: str, state: str) -> str | None:
        """The saved result ``key`` if it was computed for corpus state ``state``."""
        row = self._db.execute("SELECT value FROM analysis_cache WHERE key = ? AND state = ?",
                               (key, state)).fetchone()
        return None if row is None else str(row[0])

    def save_analysis(self, key: str, state: str, value: str) -> None:
        """Keep ``value`` as result ``key`` for corpus state ``state`` (replacing any other)."""
        with self.transaction() as db:
            db.execute("INSERT INTO analysis_cache(key, state, value) VALUES (?, ?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET state = excluded.state, value = excluded.value",
                       (key, state, value))

    # -- vectors --------------------------------------------------------------------
    def sentences_without_embedding(self, model: str) -> list[tuple[int, str]]:
        """(id, text) of the sentences that have no vector from ``model`` yet."""
        rows = self._db.execute(
            "SELECT s.id, s.text FROM sentences s LEFT JOIN embeddings e"
            " ON e.sentence_id = s.id AND e.model = ? WHERE e.sentence_id IS NULL ORDER BY s.id",
            (model,),
        )
        return [(r[0], r[1]) for r in rows]

    def add_embeddings(self, model: str, ids: Sequence[int], vectors: np.ndarray) -> None:
        """Store one float32 vector per sentence id (replacing any older one of ``model``)."""
        matrix = np.asarray(vectors, dtype="<f4")
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO embeddings (sentence_id, model, dim, vector)"
                " VALUES (?,?,?,?)",
                [(i, model, matrix.shape[1], row.tobytes()) for i, row in zip(ids, matrix, strict=True)],
            )

    def embeddings(self, model: str) -> tuple[np.ndarray, np.ndarray]:
        """(sentence ids, matrix of their vectors) for ``model``, ordered by id."""
        rows = self._db.execute(
            "SELECT sentence_id, dim, vector FROM embeddings WHERE model = ? ORDER BY sentence_id",
            (model,),
        ).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        matrix = np.frombuffer(b"".join(r[2] for r in rows), dtype="<f4").reshape(
            len(rows), rows[0][1]
        )
        return ids, matrix

    def embeddings_after(self, model: str, after: int) -> tuple[np.ndarray, np.ndarray, int]:
        """Vectors of ``model`` written after write number ``after``: (ids, matrix, last).

        Write numbers are the table's rowids, which grow with every insert or replace, so
        an index that remembers ``last`` can catch up with new vectors alone. Rows are
        copied one by one into the matrix, so loading 300k vectors holds them once
        (≈ 460 MB), not three times (rows, joined bytes, array).
        """
        last, count, dim = self._db.execute(
            "SELECT max(rowid), count(*), max(dim) FROM embeddings WHERE model = ? AND rowid > ?",
            (model, after),
        ).fetchone()
        if not count:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32), after
        ids = np.zeros(count, dtype=np.int64)
        matrix = np.zeros((count, dim), dtype=np.float32)
        filled = 0
        for sentence_id, vector in self._db.execute(
            "SELECT sentence_id, vector FROM embeddings WHERE model = ? AND rowid > ? AND rowid <= ?"
            " ORDER BY rowid", (model, after, last),
        ):
            ids[filled] = sentence_id
            matrix[filled] = np.frombuffer(vector, dtype="<f4")
            filled += 1
        # A vector replaced meanwhile has left the range: keep what was read.
        return ids[:filled], matrix[:filled], int(last)

    def count_embeddings_upto(self, model: str, last: int) -> int:
        """How many vectors of ``model`` have write numbers up to ``last``."""
        return int(self._db.execute(
            "SELECT count(*) FROM embeddings WHERE model = ? AND rowid <= ?", (model, last)
        ).fetchone()[0])

    def count_sentences(self) -> int:
        """How many sentences are stored."""
        return int(self._db.execute("SELECT count(*) FROM sentences").fetchone()[0])

    # -- skips ----------------------------------------------------------------------
    def record_skips(self, skips: Iterable[tuple[str, str]]) -> None:
        """Remember which paths could not be added, and why."""
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO skips (path, reason, at) VALUES (?,?,?)",
                [(p, r, stamp) for p, r in skips],
            )

    def skips(self) -> list[tuple[str, str, str]]:
        """(path, reason, when) of every source that could not be added."""
        return [tuple(r) for r in self._db.execute("SELECT path, reason, at FROM skips")]


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside our literals)."""
    body = "\n".join(line for line in script.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]

"""Nearest-neighbour search over the store's sentence vectors: exact, or ANN when large.

Measured by bench/ann.py (384-d clustered unit vectors, one query at a time, CPU time
per query with one BLAS thread): exact search costs 0.8 ms at 10k vectors, 13 ms at 100k,
39 ms at 300k; a usearch HNSW graph (f16, M=16) answers in ≈ 0.5 ms at recall@10 0.98
(10k) to 1.00 (100k, 300k) but costs ≈ 0.7–0.9 ms of CPU per vector to build (65 CPU-s
for 100k, 267 for 300k). An ``ask`` runs two dense searches, so exact search stays below
``ann_threshold`` (200k: ≤ 60 ms per ask) and the graph is built only above it, once,
kept in a file beside the store and extended with the vectors written since.
hnswlib measured alike (0.30 ms, 57 CPU-s at 100k); usearch is used for its f16
storage (half the memory) and its in-place removal of replaced vectors.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.errors import DependencyError
from crosscheck.index.embed import Embedder
from crosscheck.settings import Settings
from crosscheck.store.sqlite import SQLiteStore


class ExactSearch:
    """Brute-force cosine search over unit vectors held as one matrix."""

    def __init__(self) -> None:
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self._row: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        """Add vectors; an id already present has its vector replaced.

        The first arrays given are taken over, not copied (300k × 384 floats are 460 MB):
        the caller must not reuse them.
        """
        if len(ids) == 0:
            return
        if len(self.ids) == 0:
            self.matrix = np.require(matrix, dtype=np.float32, requirements=["C", "W"])
            self.ids = np.asarray(ids, dtype=np.int64)
            self._row = {int(i): r for r, i in enumerate(self.ids)}
            return
        fresh = []
        for r, sid in enumerate(ids.tolist()):
            row = self._row.get(sid)
            if row is None:
                fresh.append(r)
            else:
                self.matrix[row] = matrix[r]
        if fresh:
            base = len(self.ids)
            self.matrix = np.vstack([self.matrix, matrix[fresh]])
            self.ids = np.concatenate([self.ids, ids[fresh]])
            self._row.update({int(ids[r]): base + n for n, r in enumerate(fresh)})

    def vector(self, sentence_id: int) -> np.ndarray | None:
        """The vector of a sentence, if it has one."""
        row = self._row.get(sentence_id)
        return None if row is None else self.matrix[row]

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` ids closest to the query, best first."""
        if len(self.ids) == 0 or k <= 0:
            return []
        scores = self.matrix @ query
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top]


class UsearchSearch:
    """An HNSW graph (usearch) over unit vectors, stored as f16 to halve its memory."""

    def __init__(self, dim: int, connectivity: int = 16, expansion_add: int = 128,
                 expansion_search: int = 64) -> None:
        try:
            from usearch.index import Index
        except ImportError as exc:
            raise DependencyError("approximate vector search", "pip install usearch") from exc
        self._index = Index(ndim=dim, metric="ip", dtype="f16", connectivity=connectivity,
                            expansion_add=expansion_add, expansion_search=expansion_search)

    def __len__(self) -> int:
        return len(self._index)

    def add(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        """Add vectors; an id already present has its vector replaced."""
        if len(ids) == 0:
            return
        present = np.asarray(self._index.contains(ids), dtype=bool).reshape(-1)
        if present.any():
            self._index.remove(ids[present])
        self._index.add(ids, np.ascontiguousarray(matrix, dtype=np.float32))

    def save(self, path: Path) -> None:
        """Write the graph to a file (written aside, then renamed: never half a file)."""
        partial = path.with_name(path.name + ".partial")
        self._index.save(str(partial))
        partial.replace(path)

    def restore(self, path: Path) -> bool:
        """Load a graph saved by :meth:`save`; False if the file is missing or unreadable."""
        try:
            self._index.load(str(path))
        except (OSError, RuntimeError, ValueError):
            return False
        return True

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """About the ``k`` ids closest to the query, best first."""
        if len(self) == 0 or k <= 0:
            return []
        matches = self._index.search(np.asarray(query, dtype=np.float32), min(k, len(self)))
        return [(int(i), 1.0 - float(d)) for i, d in zip(matches.keys, matches.distances,
                                                         strict=True)]


def _units(listed: str) -> tuple[str, ...]:
    return tuple(u.strip() for u in listed.split(",") if u.strip())


_DEFAULTS = Settings()


@dataclass(frozen=True, slots=True)
class RetrievalOptions:
    """How a corpus is searched: the retrieval part of :class:`Settings` (and its defaults)."""

    #: Fusion of the ranked lists: a key of ``FUSIONS`` (``rrf`` or ``norm``).
    fusion: str = _DEFAULTS.fusion
    #: Lexical units searched beside the dense sentence vectors.
    units: tuple[str, ...] = _units(_DEFAULTS.lexical_units)
    #: Weight of the sentence BM25 list when passages are searched too.
    sentence_weight: float = _DEFAULTS.sentence_weight
    #: Stop words dropped from queries: a key of ``STOPWORD_LISTS``.
    stopwords: str = _DEFAULTS.lexical_stopwords
    #: Vectors above which nearest-neighbour search is approximate.
    ann_threshold: int = _DEFAULTS.ann_threshold

    @classmethod
    def from_settings(cls, settings: Settings) -> RetrievalOptions:
        """The retrieval part of the settings."""
        return cls(fusion=settings.fusion, units=_units(settings.lexical_units),
                   sentence_weight=settings.sentence_weight, stopwords=settings.lexical_stopwords,
                   ann_threshold=settings.ann_threshold)


class VectorIndex:
    """The vectors of one embedder in a store, searchable, kept in step with the store."""

    def __init__(self, store: SQLiteStore, embedder: Embedder,
                 options: RetrievalOptions | None = None) -> None:
        self.embedder = embedder
        self.options = options or RetrievalOptions()
        self._exact = ExactSearch()
        self._ann: UsearchSearch | None = None
        self._graph_file: Path | None = None
        self._last = 0
        self.refresh(store)

    @classmethod
    def shared(cls, store: SQLiteStore, embedder: Embedder,
               options: RetrievalOptions | None = None) -> VectorIndex:
        """The index of this store and embedder, built once and refreshed on each call.

        A question loads the corpus afresh; building an ANN graph each time would cost
        seconds, while catching up with the vectors added since is free when none were.
        """
        options = options or RetrievalOptions()
        per_store = _SHARED.setdefault(store, {})
        index = per_store.get((embedder.name, options))
        if index is None:
            index = per_store[(embedder.name, options)] = cls(store, embedder, options)
        else:
            index.refresh(store)
        return index

    @property
    def ids(self) -> np.ndarray:
        """Sentence ids with a vector, in the order of :attr:`matrix`'s rows."""
        return self._exact.ids

    @property
    def matrix(self) -> np.ndarray:
        """One unit vector per row."""
        return self._exact.matrix

    @property
    def approximate(self) -> bool:
        """True when searches go through the ANN graph."""
        return self._ann is not None

    def refresh(self, store: SQLiteStore) -> int:
        """Take in vectors written since the last refresh; returns how many."""
        ids, matrix, self._last = store.embeddings_after(self.embedder.name, self._last)
        self._exact.add(ids, matrix)
        if self._ann is not None:
            self._ann.add(ids, matrix)
            changed = len(ids) > 0
        elif len(self._exact) >= self.options.ann_threshold:
            self._ann, changed = self._open_graph(store)
        else:
            return len(ids)
        if changed and self._graph_file is not None:
            self._ann.save(self._graph_file)
            self._graph_file.with_suffix(".json").write_text(
                json.dumps({"last": self._last, "count": len(self._ann)}), encoding="utf-8")
        return len(ids)

    def _open_graph(self, store: SQLiteStore) -> tuple[UsearchSearch, bool]:
        """The ANN graph: the one saved beside the store, caught up, or a new one.

        Building a graph costs ≈ 1 minute per 100k vectors on 2 cores, so it is kept in a
        file next to the store and only the vectors written since are added to it.
        Returns the graph and whether it differs from the saved one.
        """
        ann = UsearchSearch(self._exact.matrix.shape[1])
        self._graph_file = _graph_path(store, self.embedder.name)
        saved = _saved_state(self._graph_file)
        if (saved and self._graph_file is not None
                and store.count_embeddings_upto(self.embedder.name, saved[0]) == saved[1]
                and ann.restore(self._graph_file) and len(ann) == saved[1]):
            later, vectors, _ = store.embeddings_after(self.embedder.name, saved[0])
            ann.add(later, vectors)
            return ann, len(later) > 0
        ann = UsearchSearch(self._exact.matrix.shape[1])
        ann.add(self._exact.ids, self._exact.matrix)
        return ann, True

    def vector(self, sentence_id: int) -> np.ndarray | None:
        """The stored vector of a sentence, if it has one."""
        return self._exact.vector(sentence_id)

    def search(self, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` sentence ids closest to the query vector, best first."""
        if self._ann is not None:
            return self._ann.search(query_vector, k)
        return self._exact.search(query_vector, k)


def _graph_path(store: SQLiteStore, model: str) -> Path | None:
    """Where the ANN graph of a store's vectors of ``model`` is kept (None in memory)."""
    if store.path in ("", ":memory:"):
        return None
    return Path(store.path).with_name(f"{Path(store.path).name}.{model}.usearch")


def _saved_state(graph: Path | None) -> tuple[int, int] | None:
    """(last write number, vector count) the saved graph covers, if it was saved whole."""
    if graph is None or not graph.is_file():
        return None
    try:
        state = json.loads(graph.with_suffix(".json").read_text(encoding="utf-8"))
        return int(state["last"]), int(state["count"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


_SHARED: weakref.WeakKeyDictionary[SQLiteStore, dict[tuple[str, RetrievalOptions], VectorIndex]] = (
    weakref.WeakKeyDictionary()
)

"""Index and search: BM25 (SQLite FTS5) and sentence vectors, fused by reciprocal rank.

Embedding is incremental: only sentences without a vector from the current embedder are
embedded, so re-adding or adding a few pages costs only the new sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from crosscheck.index.embed import EMBEDDERS, Embedder, get_embedder
from crosscheck.store.sqlite import SQLiteStore

__all__ = ["EMBEDDERS", "Embedder", "Hit", "VectorIndex", "embed_missing", "get_embedder",
           "hybrid_search"]

Progress = Callable[[int], None]


def embed_missing(store: SQLiteStore, embedder: Embedder, progress: Progress | None = None,
                  chunk: int = 512) -> int:
    """Embed every stored sentence that has no vector from ``embedder``; returns how many."""
    todo = store.sentences_without_embedding(embedder.name)
    for at in range(0, len(todo), chunk):
        part = todo[at:at + chunk]
        vectors = embedder.embed([text for _, text in part])
        store.add_embeddings(embedder.name, [i for i, _ in part], vectors)
        if progress:
            progress(len(part))
    return len(todo)


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved sentence id with its fused score and the ranks behind it."""

    sentence_id: int
    score: float
    bm25_rank: int | None
    dense_rank: int | None


class VectorIndex:
    """Exact cosine search over the store's vectors of one embedder (held in memory)."""

    def __init__(self, store: SQLiteStore, embedder: Embedder) -> None:
        self.embedder = embedder
        self.ids, self.matrix = store.embeddings(embedder.name)
        self._row = {int(i): r for r, i in enumerate(self.ids)}

    def vector(self, sentence_id: int) -> np.ndarray | None:
        """The stored vector of a sentence, if it has one."""
        row = self._row.get(sentence_id)
        return None if row is None else self.matrix[row]

    def search(self, query_vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` sentence ids closest to the query vector, best first."""
        if len(self.ids) == 0:
            return []
        scores = self.matrix @ query_vector
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top]


def hybrid_search(store: SQLiteStore, vectors: VectorIndex, query: str, k: int,
                  rrf_k: int = 60) -> list[Hit]:
    """Reciprocal-rank fusion of BM25 and dense rankings (each cut at ``2k``)."""
    lexical = store.bm25(query, 2 * k)
    dense = vectors.search(vectors.embedder.embed([query])[0], 2 * k)
    bm25_rank = {sid: r for r, (sid, _) in enumerate(lexical)}
    dense_rank = {sid: r for r, (sid, _) in enumerate(dense)}
    hits = []
    for sid in set(bm25_rank) | set(dense_rank):
        score = sum(1.0 / (rrf_k + 1 + ranks[sid])
                    for ranks in (bm25_rank, dense_rank) if sid in ranks)
        hits.append(Hit(sid, score, bm25_rank.get(sid), dense_rank.get(sid)))
    hits.sort(key=lambda h: (-h.score, h.sentence_id))
    return hits[:k]

"""Index and search: BM25 (SQLite FTS5) over sentences and passages, sentence vectors,
and their fusion into one ranking of sentence ids.

Embedding is incremental: only sentences without a vector from the current embedder are
embedded, so re-adding or adding a few pages costs only the new sentences.

Measured on SciFact's 300 test queries (bench/scifact.py, one unit per abstract), nDCG@10
/ Recall@100: BM25 (FTS5) 0.687 / 0.929 (Anserini 0.679 / 0.925), MiniLM 0.647 / 0.922
(MTEB 0.645), fused by reciprocal rank 0.715 / 0.968, by normalised scores 0.732 / 0.952.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crosscheck.english import STOP_WORDS, wordset
from crosscheck.errors import UnknownChoiceError
from crosscheck.index.embed import EMBEDDERS, Embedder, get_embedder
from crosscheck.index.fusion import FUSIONS, Ranking
from crosscheck.index.vectors import RetrievalOptions, VectorIndex
from crosscheck.store.sqlite import SQLiteStore

__all__ = ["EMBEDDERS", "FUSIONS", "STOPWORD_LISTS", "Embedder", "Hit", "RetrievalOptions",
           "VectorIndex", "embed_missing", "get_embedder", "hybrid_search", "ranked_lists"]

Progress = Callable[[int], None]

#: Stop-word lists dropped from queries. ``lucene`` is Lucene's English default (33 words,
#: what Anserini's published BM25 figures use); ``english`` is crosscheck's longer list.
STOPWORD_LISTS: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "lucene": wordset(
        """
        a an and are as at be but by for if in into is it no not of on or such that the
        their then there these they this to was will with
        """
    ),
    "english": STOP_WORDS,
}


def embed_missing(store: SQLiteStore, embedder: Embedder, progress: Progress | None = None,
                  chunk: int = 512) -> int:
    """Embed every stored sentence that has no vector from ``embedder``; returns how many.

    Identical sentences in a chunk (a wire story on two sites, a repeated caption) are
    embedded once and the vector shared.
    """
    todo = store.sentences_without_embedding(embedder.name)
    for at in range(0, len(todo), chunk):
        part = todo[at:at + chunk]
        distinct = {text: row for row, text in enumerate(dict.fromkeys(t for _, t in part))}
        vectors = embedder.embed(list(distinct))
        rows = [distinct[text] for _, text in part]
        store.add_embeddings(embedder.name, [i for i, _ in part], vectors[rows])
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
    passage_rank: int | None = None


def ranked_lists(store: SQLiteStore, vectors: VectorIndex, query: str, depth: int,
                 options: RetrievalOptions | None = None) -> dict[str, Ranking]:
    """Each retriever's ranking of sentence ids for the query, cut at ``depth``.

    Keys: ``sentence`` and ``passage`` (BM25, if in ``options.units``) and ``dense``.
    """
    options = options or vectors.options
    if options.stopwords not in STOPWORD_LISTS:
        raise UnknownChoiceError("stop-word list", options.stopwords, STOPWORD_LISTS)
    stopwords = STOPWORD_LISTS[options.stopwords]
    lists: dict[str, Ranking] = {
        unit: store.bm25(query, depth, unit=unit, stopwords=stopwords) for unit in options.units
    }
    lists["dense"] = vectors.search(vectors.embedder.embed([query])[0], depth)
    return lists


def fuse(lists: dict[str, Ranking], k: int, fusion: str = "rrf", rrf_k: int = 60,
         weights: dict[str, float] | None = None) -> list[Hit]:
    """The ``k`` best sentence ids of the fused lists, with each list's rank kept."""
    if fusion not in FUSIONS:
        raise UnknownChoiceError("fusion", fusion, FUSIONS)
    scores = FUSIONS[fusion](lists, weights or {}, rrf_k)
    ranks = {name: {sid: r for r, (sid, _) in enumerate(ranking)} for name, ranking in lists.items()}
    order = sorted(scores, key=lambda sid: (-scores[sid], sid))[:k]
    return [Hit(sid, scores[sid], ranks.get("sentence", {}).get(sid),
                ranks["dense"].get(sid) if "dense" in ranks else None,
                ranks.get("passage", {}).get(sid)) for sid in order]


def hybrid_search(store: SQLiteStore, vectors: VectorIndex, query: str, k: int,
                  rrf_k: int = 60, options: RetrievalOptions | None = None) -> list[Hit]:
    """BM25 (sentences and passages) fused with dense search; each list cut at ``2k``.

    A passage hit votes for its centre sentence, so a sentence that only makes sense with
    its neighbours ("It was signed two days later.") can still be found. On SciFact split
    into sentences (a document ranked by its best sentence), BM25 over passages scores
    nDCG@10 0.670 against 0.625 over sentences; fused with dense search 0.722.
    """
    options = options or vectors.options
    weights = {"sentence": options.sentence_weight} if "passage" in options.units else {}
    return fuse(ranked_lists(store, vectors, query, 2 * k, options), k, options.fusion, rrf_k,
                weights)

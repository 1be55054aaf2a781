"""SciFact retrieval (BEIR): crosscheck's BM25, dense and hybrid search against the
published figures.

Usage::

    .venv/bin/python bench/scifact.py [--data DIR] [--cache DIR] [--sentences] [--no-peers]

Everything runs through the product's own code: each abstract (title + text) is a document
in a real :class:`SQLiteStore` whose one "sentence" is the whole abstract, embedded by
:func:`embed_missing`, searched by :func:`ranked_lists` (FTS5 BM25 and the
:class:`VectorIndex`) and fused by :func:`fuse`, as ``ask`` does. MiniLM reads up to 256
word pieces of an abstract (sentence-transformers' ``max_seq_length`` for this model).

``--sentences`` adds the product's own setting: abstracts segmented into sentences, BM25
over sentences and over passages, dense per sentence, and a document scored by its best
sentence; it also gives the "average of chunk vectors" alternative to truncation (the mean
of an abstract's sentence vectors). ``--cache DIR`` keeps the stores, so a rerun skips
embedding (build times are then those of the first run).

Metrics: nDCG@10 and Recall@100 over the 300 test queries (``qrels/test.tsv``), graded
gains, as BEIR's pytrec_eval computes them.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

import numpy as np

from crosscheck.index import (
    STOPWORD_LISTS,
    RetrievalOptions,
    VectorIndex,
    embed_missing,
    fuse,
    get_embedder,
    ranked_lists,
)
from crosscheck.index.fusion import Ranking
from crosscheck.model import Document, Sentence
from crosscheck.segment import segment
from crosscheck.store.sqlite import SQLiteStore

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "scifact"
#: Published nDCG@10 / Recall@100 on the SciFact test queries.
PUBLISHED = {"BM25 (Anserini, flat)": (0.679, 0.925), "BM25 (BEIR paper)": (0.665, None),
             "all-MiniLM-L6-v2 (MTEB)": (0.645, None)}

Run = dict[str, list[str]]  # query id -> document ids, best first


@dataclasses.dataclass
class SciFact:
    """Corpus, test queries and graded judgements."""

    docs: list[dict[str, str]]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def load(data: Path) -> SciFact:
    """Read the BEIR files (the test split's queries only)."""
    for name in ("corpus.jsonl", "queries.jsonl", "qrels/test.tsv"):
        if not (data / name).is_file():
            sys.exit(f"error: {data / name} not found (pass --data DIR of BEIR SciFact)")
    docs = [json.loads(line) for line in (data / "corpus.jsonl").open(encoding="utf-8")]
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in (data / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        qid, did, grade = line.split("\t")
        qrels[qid][did] = int(grade)
    queries = {}
    for line in (data / "queries.jsonl").open(encoding="utf-8"):
        q = json.loads(line)
        if q["_id"] in qrels:
            queries[q["_id"]] = q["text"]
    return SciFact(docs, queries, dict(qrels))


def ndcg_at(run: Run, qrels: Mapping[str, Mapping[str, int]], k: int = 10) -> float:
    """Mean nDCG@k (gain = grade, log2 discount) over the judged queries."""
    total = 0.0
    for qid, rel in qrels.items():
        dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(run.get(qid, [])[:k]))
        ideal = sorted(rel.values(), reverse=True)[:k]
        total += dcg / sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return total / len(qrels)


def recall_at(run: Run, qrels: Mapping[str, Mapping[str, int]], k: int = 100) -> float:
    """Mean fraction of relevant documents in the first ``k``."""
    total = 0.0
    for qid, rel in qrels.items():
        relevant = {d for d, g in rel.items() if g > 0}
        total += len(relevant & set(run.get(qid, [])[:k])) / len(relevant)
    return total / len(qrels)


def open_store(cache: Path, name: str) -> SQLiteStore:
    """A store in the cache folder (kept between runs when ``--cache`` is given)."""
    cache.mkdir(parents=True, exist_ok=True)
    return SQLiteStore(cache / name)


def build(store: SQLiteStore, docs: Sequence[dict[str, str]],
          split: Callable[[str, str], list[Sentence]]) -> tuple[float, float, dict[int, str]]:
    """Add the abstracts and embed them: (add seconds, embed seconds, sentence → doc id)."""
    start = time.perf_counter()
    if store.count_documents() < len(docs):
        for d in docs:
            raw = f"{d['title']}\n\n{d['text']}"
            doc_id = "scifact-" + d["_id"]
            store.add_document(Document(id=doc_id, uri=f"scifact:{d['_id']}", raw=raw,
                                        title=d["title"]), split(doc_id, raw), [])
    added = time.perf_counter() - start
    start = time.perf_counter()
    embed_missing(store, get_embedder("minilm"))
    embedded = time.perf_counter() - start
    owner = {sid: s.doc_id.removeprefix("scifact-") for sid, s in store.sentences()}
    return added, embedded, owner


def whole_abstract(doc_id: str, raw: str) -> list[Sentence]:
    """The abstract as one retrieval unit."""
    return [Sentence(doc_id, 0, 0, len(raw), raw)]


def to_docs(ranking: Ranking | Sequence[tuple[int, float]], owner: Mapping[int, str]) -> list[str]:
    """Document ids in the order of their best-ranked unit."""
    return list(dict.fromkeys(owner[sid] for sid, _ in ranking))


def fused(lists: Mapping[str, Ranking], k: int, fusion: str,
          units: Sequence[str] | None = None, weights: dict[str, float] | None = None) -> Ranking:
    """The product's fusion of (some of) the lists, as (sentence id, score)."""
    chosen = {name: lists[name] for name in units or lists}
    return [(h.sentence_id, h.score) for h in fuse(chosen, k, fusion, weights=weights)]


def evaluate(name: str, run: Run, qrels: Mapping[str, Mapping[str, int]],
             published: str = "") -> tuple[float, float]:
    """Print one row of the results table; return (nDCG@10, Recall@100)."""
    ndcg, recall = ndcg_at(run, qrels), recall_at(run, qrels)
    print(f"  {name:<44} nDCG@10 {ndcg:.4f}  R@100 {recall:.4f}  {published}")
    return ndcg, recall


def document_mode(sf: SciFact, cache: Path) -> dict[str, float]:
    """Each abstract one unit: BM25, dense, hybrid by RRF and by score normalisation."""
    store = open_store(cache, "scifact-abstracts.db")
    added, embedded, owner = build(store, sf.docs, whole_abstract)
    print(f"index build: {len(sf.docs)} abstracts stored + BM25 in {added:.1f} s,"
          f" embedded in {embedded:.1f} s ({len(sf.docs) / max(embedded, 1e-9):.1f} abstracts/s;"
          " 0 if cached)")
    options = RetrievalOptions(units=("sentence",), stopwords="lucene")
    vectors = VectorIndex(store, get_embedder("minilm"), options)
    lists: dict[str, dict[str, Ranking]] = {}
    start = time.perf_counter()
    for qid, text in sf.queries.items():
        lists[qid] = ranked_lists(store, vectors, text, 200, options)
        fuse(lists[qid], 100, "rrf")
    seconds = time.perf_counter() - start
    qps = len(sf.queries) / seconds
    print(f"queries: {len(sf.queries)} hybrid searches (BM25 + query embedding + dense + RRF)"
          f" in {seconds:.2f} s = {qps:.1f} queries/s (provisional: shared 2 cores)")

    def run_of(pick: Callable[[dict[str, Ranking]], Ranking]) -> Run:
        return {qid: to_docs(pick(ls), owner)[:100] for qid, ls in lists.items()}

    out: dict[str, float] = {"qps": qps}
    print("SciFact test (300 queries), title + text, one unit per abstract:")
    out["bm25_ndcg10"], out["bm25_recall100"] = evaluate(
        "BM25 FTS5 porter, Lucene stop words", run_of(lambda ls: ls["sentence"]), sf.qrels,
        "| published Anserini 0.679 / 0.925, BEIR 0.665")
    out["dense_ndcg10"], out["dense_recall100"] = evaluate(
        "dense MiniLM int8, 256 word pieces", run_of(lambda ls: ls["dense"]), sf.qrels,
        "| published MiniLM 0.645")
    for fusion in ("rrf", "norm"):
        n, r = evaluate(f"hybrid {fusion}", run_of(partial(fused, k=100, fusion=fusion)),
                        sf.qrels, "| goal >= 0.70")
        out[f"hybrid_{fusion}_ndcg10"], out[f"hybrid_{fusion}_recall100"] = n, r
    for fusion, weight in (("rrf", 0.5), ("rrf", 2.0), ("norm", 0.5), ("norm", 2.0)):
        evaluate(f"hybrid {fusion}, dense weight {weight}", run_of(
            partial(fused, k=100, fusion=fusion, weights={"dense": weight})), sf.qrels)
    lexical_variants(sf, store, owner)
    store.close()
    return out


def lexical_variants(sf: SciFact, store: SQLiteStore, owner: Mapping[int, str]) -> None:
    """BM25 with each stop-word list, then without stemming (rebuilds FTS5, restores it)."""
    for stemming in ("porter", "none"):
        store.set_stemming(stemming)
        for stop_name, stops in STOPWORD_LISTS.items():
            run = {qid: to_docs(store.bm25(text, 100, stopwords=stops), owner)
                   for qid, text in sf.queries.items()}
            evaluate(f"BM25 FTS5 stemming={stemming} stopwords={stop_name}", run, sf.qrels)
    store.set_stemming("porter")


def sentence_mode(sf: SciFact, cache: Path) -> None:
    """Abstracts as the product stores pages: sentences, passages, best sentence per doc."""
    store = open_store(cache, "scifact-sentences.db")
    added, embedded, owner = build(store, sf.docs, lambda d, raw: segment(d, raw))
    print(f"sentence mode: {store.count_sentences()} sentences stored in {added:.1f} s,"
          f" embedded in {embedded:.1f} s")
    embedder = get_embedder("minilm")
    vectors = VectorIndex(store, embedder)
    lists = {qid: ranked_lists(store, vectors, text, 1000) for qid, text in sf.queries.items()}

    def run_of(pick: Callable[[dict[str, Ranking]], Ranking]) -> Run:
        return {qid: to_docs(pick(ls), owner)[:100] for qid, ls in lists.items()}

    print("SciFact test, abstracts split into sentences; a document ranks by its best unit:")
    evaluate("BM25 sentences", run_of(lambda ls: ls["sentence"]), sf.qrels)
    evaluate("BM25 passages (sentence +-1)", run_of(lambda ls: ls["passage"]), sf.qrels)
    evaluate("dense sentences", run_of(lambda ls: ls["dense"]), sf.qrels)
    for units in (("sentence", "dense"), ("passage", "dense"), ("sentence", "passage", "dense")):
        for fusion in ("rrf", "norm"):
            evaluate(f"hybrid {fusion} {'+'.join(units)}", run_of(
                partial(fused, k=1000, fusion=fusion, units=units)), sf.qrels)
    for fusion in ("rrf", "norm"):
        for weight in (0.25, 0.5):
            evaluate(f"hybrid {fusion} sentence (weight {weight})+passage+dense", run_of(
                partial(fused, k=1000, fusion=fusion, weights={"sentence": weight})), sf.qrels)
    product = RetrievalOptions()
    evaluate(f"product default ({product.fusion}, sentence weight"
             f" {product.sentence_weight})", run_of(
                 partial(fused, k=1000, fusion=product.fusion,
                         weights={"sentence": product.sentence_weight})), sf.qrels)
    # Chunk averaging: an abstract's vector as the mean of its sentence vectors.
    by_doc: dict[str, list[int]] = defaultdict(list)
    for row, sid in enumerate(vectors.ids.tolist()):
        by_doc[owner[sid]].append(row)
    names = sorted(by_doc)
    means = np.stack([vectors.matrix[by_doc[d]].mean(axis=0) for d in names])
    means /= np.linalg.norm(means, axis=1, keepdims=True)
    queries = embedder.embed(list(sf.queries.values()))
    run = {qid: [names[i] for i in np.argsort(-(means @ q))[:100]]
           for qid, q in zip(sf.queries, queries, strict=True)}
    evaluate("dense, mean of sentence vectors per abstract", run, sf.qrels)
    store.close()


def bm25s_peer(sf: SciFact) -> None:
    """bm25s with Anserini's k1=0.9, b=0.4, Porter stems, Lucene stop words (reference)."""
    try:
        import bm25s
        import Stemmer
    except ImportError:
        print("  bm25s (not installed: pip install bm25s PyStemmer)")
        return
    stemmer = Stemmer.Stemmer("porter")
    texts = [f"{d['title']} {d['text']}" for d in sf.docs]
    stops = sorted(STOPWORD_LISTS["lucene"])
    start = time.perf_counter()
    retriever = bm25s.BM25(k1=0.9, b=0.4)
    retriever.index(bm25s.tokenize(texts, stopwords=stops, stemmer=stemmer, show_progress=False),
                    show_progress=False)
    built = time.perf_counter() - start
    start = time.perf_counter()
    tokens = bm25s.tokenize(list(sf.queries.values()), stopwords=stops, stemmer=stemmer,
                            show_progress=False)
    found, _ = retriever.retrieve(tokens, k=100, show_progress=False)
    seconds = time.perf_counter() - start
    run = {qid: [sf.docs[i]["_id"] for i in row] for qid, row in zip(sf.queries, found, strict=True)}
    evaluate(f"bm25s k1=0.9 b=0.4 (peer; built {built:.1f} s, {len(run) / seconds:.0f} q/s)",
             run, sf.qrels)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, help="keep the stores here between runs")
    parser.add_argument("--sentences", action="store_true", help="also the sentence/passage mode")
    parser.add_argument("--no-peers", action="store_true", help="skip the bm25s reference")
    args = parser.parse_args()
    sf = load(args.data)
    print(f"SciFact: {len(sf.docs)} abstracts, {len(sf.queries)} test queries")
    for name, (ndcg, recall) in PUBLISHED.items():
        print(f"  published {name:<34} nDCG@10 {ndcg:.3f}" + (f"  R@100 {recall:.3f}" if recall else ""))
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        out = document_mode(sf, cache)
        if not args.no_peers:
            bm25s_peer(sf)
        if args.sentences:
            sentence_mode(sf, cache)
    product = RetrievalOptions().fusion  # the fusion the product uses by default
    print(f"product default fusion: {product}")
    print(f"RESULT bm25_ndcg10={out['bm25_ndcg10']:.4f} dense_ndcg10={out['dense_ndcg10']:.4f}"
          f" hybrid_ndcg10={out[f'hybrid_{product}_ndcg10']:.4f}"
          f" hybrid_recall100={out[f'hybrid_{product}_recall100']:.4f}"
          f" hybrid_rrf_ndcg10={out['hybrid_rrf_ndcg10']:.4f}"
          f" hybrid_norm_ndcg10={out['hybrid_norm_ndcg10']:.4f}"
          f" bm25_recall100={out['bm25_recall100']:.4f} qps={out['qps']:.1f}")

if __name__ == "__main__":
    main()

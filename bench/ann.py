"""Exact (numpy) against approximate (usearch, hnswlib) nearest-neighbour search.

Usage::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/ann.py [--sizes 10000,100000,300000]
                                                         [--queries 200] [--k 10]

(one BLAS thread: a matrix-vector product gains nothing from two, and on a loaded machine
the threads' hand-offs cost tens of milliseconds.)

Vectors are synthetic but shaped like sentence embeddings: 384-d unit vectors that lie
near a 48-d subspace in 3,000 clusters (random isotropic vectors would be the worst case
for a graph index and unlike any text). Queries come from the same mixture. For each
size: build time, median latency per query (one query at a time, as ``ask`` does), and
recall@k of the approximate hits against the exact ones. Build time is shown as wall and
CPU seconds (CPU time is steadier when other work shares the cores). The size above which the
product switches to ANN (``Settings.ann_threshold``) is read off these figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from crosscheck.index.vectors import ExactSearch, UsearchSearch

DIM = 384


def synthetic(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` clustered unit vectors near a low-dimensional subspace."""
    basis = np.random.default_rng(7).standard_normal((48, DIM)).astype(np.float32)
    centres = np.random.default_rng(8).standard_normal((3000, 48)).astype(np.float32)
    latent = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.standard_normal(
        (n, 48)).astype(np.float32)
    x = latent @ basis + 0.8 * rng.standard_normal((n, DIM)).astype(np.float32)
    out: np.ndarray = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    return out


def timed_queries(search: Search, queries: np.ndarray, k: int) -> tuple[float, float, list[set[int]]]:
    """Median wall milliseconds and mean CPU milliseconds per query, and the hit sets."""
    times, hits = [], []
    start_cpu = time.process_time()
    for q in queries:
        start = time.perf_counter()
        found = search(q, k)
        times.append(1000 * (time.perf_counter() - start))
        hits.append({i for i, _ in found})
    cpu = 1000 * (time.process_time() - start_cpu) / len(queries)
    return statistics.median(times), cpu, hits


Search = Callable[[np.ndarray, int], list[tuple[int, float]]]


def usearch_search(matrix: np.ndarray, ids: np.ndarray) -> Search | None:
    """The product's ANN (usearch HNSW, f16, M=16, expansion 128/64) as a search function."""
    index = UsearchSearch(matrix.shape[1])
    index.add(ids, matrix)
    return index.search


def hnswlib_search(matrix: np.ndarray, ids: np.ndarray) -> Search | None:
    """An hnswlib index (f32, M=16, ef_construction=128, ef=64) as a search function."""
    try:
        import hnswlib
    except ImportError:
        return None
    index = hnswlib.Index(space="ip", dim=matrix.shape[1])
    index.init_index(max_elements=len(ids), M=16, ef_construction=128)
    index.add_items(matrix, ids)
    index.set_ef(64)

    def search(q: np.ndarray, k: int) -> list[tuple[int, float]]:
        labels, dists = index.knn_query(q, k=k)
        return [(int(i), 1.0 - float(d)) for i, d in zip(labels[0], dists[0], strict=True)]

    return search


BUILDERS: dict[str, Callable[[np.ndarray, np.ndarray], Search | None]] = {
    "usearch f16 M16": usearch_search, "hnswlib f32 M16": hnswlib_search,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,300000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--peers-upto", type=int, default=100_000,
                        help="run hnswlib only up to this size (it is the reference, not used)")
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    queries = synthetic(args.queries, np.random.default_rng(99))
    result = {}
    print(f"{'n':>8} {'method':<22} {'build s':>8} {'CPU s':>8} {'ms/query':>9} {'CPU ms':>8}"
          f" {'recall@k':>9}")
    for n in (int(s) for s in args.sizes.split(",")):
        matrix = synthetic(n, rng)
        ids = np.arange(n, dtype=np.int64)
        exact = ExactSearch()
        exact.add(ids, matrix)
        ms, cpu, truth = timed_queries(exact.search, queries, args.k)
        print(f"{n:>8} {'exact numpy':<22} {0.0:>8.1f} {0.0:>8.1f} {ms:>9.2f} {cpu:>8.2f} {1.0:>9.3f}")
        result[f"exact_ms_{n}"], result[f"exact_cpu_ms_{n}"] = ms, cpu
        for name, build in BUILDERS.items():
            if n > args.peers_upto and not name.startswith("usearch"):
                continue
            start, start_cpu = time.perf_counter(), time.process_time()
            search = build(matrix, ids)
            built, built_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if search is None:
                print(f"{n:>8} {name:<22} (not installed)")
                continue
            ms, cpu, hits = timed_queries(search, queries, args.k)
            recall = float(np.mean([len(h & t) / len(t) for h, t in zip(hits, truth, strict=True)]))
            print(f"{n:>8} {name:<22} {built:>8.1f} {built_cpu:>8.1f} {ms:>9.2f} {cpu:>8.2f} {recall:>9.3f}")
            key = name.split()[0]
            result[f"{key}_ms_{n}"], result[f"{key}_recall_{n}"] = ms, recall
            result[f"{key}_cpu_ms_{n}"] = cpu
            result[f"{key}_build_cpu_s_{n}"] = built_cpu
    print("RESULT " + " ".join(f"{k}={v:.4g}" for k, v in result.items()))


if __name__ == "__main__":
    main()

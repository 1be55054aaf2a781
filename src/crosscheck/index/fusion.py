"""Fusion of ranked lists (BM25 over sentences and passages, dense) into one ranking.

Two ways, both measured on SciFact by ``bench/scifact.py``:

* ``rrf`` — reciprocal-rank fusion (Cormack et al. 2009): a list's vote is
  ``1 / (rrf_k + 1 + rank)``; needs no calibration of the scores;
* ``norm`` — each list's scores min–max scaled to [0, 1] over its own candidates, then
  summed; keeps *how much* better the first hit is, which ranks alone throw away.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

#: One retriever's output: (sentence id, score), best first.
Ranking = Sequence[tuple[int, float]]
Fuser = Callable[[Mapping[str, Ranking], Mapping[str, float], int], dict[int, float]]


def fuse_rrf(lists: Mapping[str, Ranking], weights: Mapping[str, float],
             rrf_k: int) -> dict[int, float]:
    """Reciprocal-rank fusion: every list adds ``weight / (rrf_k + 1 + rank)``."""
    fused: dict[int, float] = {}
    for name, ranking in lists.items():
        weight = weights.get(name, 1.0)
        for rank, (sid, _) in enumerate(ranking):
            fused[sid] = fused.get(sid, 0.0) + weight / (rrf_k + 1 + rank)
    return fused


def fuse_normalised(lists: Mapping[str, Ranking], weights: Mapping[str, float],
                    rrf_k: int) -> dict[int, float]:
    """Sum of min–max scaled scores; a list that misses a candidate adds 0 for it."""
    del rrf_k
    fused: dict[int, float] = {}
    for name, ranking in lists.items():
        if not ranking:
            continue
        weight = weights.get(name, 1.0)
        scores = [score for _, score in ranking]
        low, high = min(scores), max(scores)
        span = high - low
        for sid, score in ranking:
            scaled = (score - low) / span if span > 0 else 1.0
            fused[sid] = fused.get(sid, 0.0) + weight * scaled
    return fused


#: Fusion methods by name, the extension point for another.
FUSIONS: dict[str, Fuser] = {"rrf": fuse_rrf, "norm": fuse_normalised}

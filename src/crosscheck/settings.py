"""Typed settings with their defaults in one place, overridable by environment variables.

Every knob the pipeline reads lives in :class:`Settings`. ``Settings.from_env()`` applies
``CROSSCHECK_<FIELD>`` overrides (e.g. ``CROSSCHECK_STORE=/data/cc.db``,
``CROSSCHECK_EMBEDDER=hash``), converting them to the field's type.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, fields
from typing import Any

from crosscheck.errors import UsageError

ENV_PREFIX = "CROSSCHECK_"


@dataclass(frozen=True, slots=True)
class Settings:
    """What the pipeline can be told; defaults suit a few hundred noisy web pages."""

    #: SQLite file holding the corpus.
    store: str = "crosscheck.db"
    #: Sentence embedder: ``minilm`` (all-MiniLM-L6-v2, int8 ONNX, offline) or ``hash``
    #: (feature hashing, no model; a fast fallback that keeps the tool working).
    embedder: str = "minilm"
    #: Sentences embedded per batch; 64 keeps padding waste low on 2 cores.
    embed_batch: int = 64
    #: Sentences the question retrieves before analysis (hybrid BM25 + dense).
    retrieve_k: int = 120
    #: Reciprocal-rank-fusion constant; 60 is the value of Cormack et al. (2009).
    rrf_k: int = 60
    #: Fusion of BM25 and dense rankings: ``rrf`` (reciprocal rank) or ``norm`` (min–max
    #: scaled scores summed). On SciFact norm scores 0.732 nDCG@10 and rrf 0.715
    #: (bench/scifact.py), but reasons weigh evidence by the fused score, tuned on rrf's
    #: flat scale: with norm the second sample corpus loses its first reason.
    fusion: str = "rrf"
    #: Lexical units searched with BM25, comma-separated: ``sentence``, ``passage`` (a
    #: sentence with its neighbours, found by the words around it).
    lexical_units: str = "sentence,passage"
    #: Weight of sentence BM25 when passages are searched too: passages carry the match,
    #: sentences tell which of the neighbours holds it (SciFact, norm: 0.722 at 0.5, 0.708
    #: at 1.0).
    sentence_weight: float = 0.5
    #: Stemming of the BM25 index: ``porter`` or ``none`` (a change re-indexes the store).
    lexical_stemming: str = "porter"
    #: Stop words dropped from queries: ``lucene`` (33 words), ``english`` or ``none``.
    lexical_stopwords: str = "lucene"
    #: Sentence vectors above which nearest-neighbour search is approximate (usearch
    #: HNSW) rather than exact; bench/ann.py measures the trade.
    ann_threshold: int = 200_000
    #: Average similarity (cosine beyond the shared topic of what the sentences add to the
    #: question, blended with shared key terms) above which two groups of evidence
    #: sentences are one reason. (bench/reasons.py over four corpora, two phrasings each,
    #: recall / precision on 2026-11-21: 0.14 → 0.82 / 0.73, 0.16 → 0.86 / 0.80,
    #: 0.18 → 0.88 / 0.84, 0.20 → 0.80 / 0.80, 0.22 → 0.73 / 0.77.)
    reason_merge: float = 0.18
    #: Reasons shown in a brief.
    max_reasons: int = 8
    #: Quotes shown per reason.
    max_quotes: int = 6
    #: Cosine similarity above which two dated sentences may describe one event.
    event_merge: float = 0.6
    #: Shortest sentence (in words) that may be evidence; shorter ones are fragments.
    min_words: int = 5
    #: Timeline rows shown in a brief.
    max_timeline: int = 40

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then ``CROSSCHECK_*`` environment variables, then ``overrides``."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, raw, type(getattr(cls(), f.name)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return dataclasses.replace(cls(), **values)

    def to_dict(self) -> dict[str, object]:
        """The settings as plain data (recorded in each brief)."""
        return dataclasses.asdict(self)


def _convert(name: str, raw: str, kind: type) -> Any:
    try:
        return kind(raw)
    except ValueError as exc:
        raise UsageError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {kind.__name__}"
        ) from exc

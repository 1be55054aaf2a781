"""Number conflicts: sources that count the same thing differently.

Two number mentions are about the same thing when they count the same noun (its unit,
singular and plural alike) in sentences close in meaning that share rare words. They
conflict when the values differ by more than rounding: values within 10 % of each other,
or one a rounded form of the other, merely differ in precision and do not conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from crosscheck.analyse.view import CorpusView, content_words, stem
from crosscheck.annotate.numbers import format_number
from crosscheck.model import Conflict, ConflictValue
from crosscheck.settings import Settings

#: Relative difference below which two counts are the same figure, rounded differently.
ROUNDING = 0.10
#: Sum of idf of shared content words needed for two sentences to be about one thing.
SHARED_WEIGHT = 4.0


@dataclass(frozen=True, slots=True)
class Count:
    """A number mention with the noun it counts."""

    sentence_id: int
    doc_id: str
    value: float
    unit: str
    words: frozenset[str]


def collect_counts(view: CorpusView, sentence_ids: Iterable[int]) -> list[Count]:
    """Number mentions with a unit noun in the given sentences."""
    out = []
    for sid in sentence_ids:
        s = view.sentences[sid]
        words = frozenset(stem(w) for w in content_words(s.text))
        for m in view.mentions.get(sid, []):
            if m.kind == "number" and m.unit:
                out.append(Count(sid, s.doc_id, float(m.value), stem(m.unit), words))
    return out


def same_figure(a: float, b: float) -> bool:
    """True when two values differ only by rounding."""
    if a == b:
        return True
    hi, lo = max(abs(a), abs(b)), min(abs(a), abs(b))
    return hi > 0 and (hi - lo) / hi <= ROUNDING


def number_conflicts(view: CorpusView, sentence_ids: Iterable[int],
                     settings: Settings) -> list[Conflict]:
    """Conflicts between counts of the same thing by different sources."""
    counts = collect_counts(view, sentence_ids)
    by_unit: dict[str, list[Count]] = defaultdict(list)
    for c in counts:
        by_unit[c.unit].append(c)
    conflicts = []
    for unit, group in by_unit.items():
        pairs = []
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.doc_id == b.doc_id or same_figure(a.value, b.value):
                    continue
                if sum(view.idf(w) for w in (a.words & b.words) - {unit}) < SHARED_WEIGHT:
                    continue
                va, vb = view.vectors.vector(a.sentence_id), view.vectors.vector(b.sentence_id)
                if va is None or vb is None or float(va @ vb) < settings.event_merge + 0.1:
                    continue
                pairs.append((a, b))
        for a, b in pairs:
            values = tuple(
                ConflictValue(value=format_number(c.value), sources=(c.doc_id,),
                              evidence=(view.evidence(c.sentence_id),))
                for c in (a, b)
            )
            conflicts.append(Conflict(
                kind="number", topic=f"number of {unit}", values=values,
                note=f"{format_number(a.value)} vs {format_number(b.value)} {unit}: more than rounding apart",
            ))
    return conflicts


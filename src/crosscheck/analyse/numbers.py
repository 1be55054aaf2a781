"""Number conflicts: sources that count or time the same thing differently.

A *quantity* is a number with the noun it counts ("4000 workers") or a duration ("in less
than two weeks"), read with its hedge as an interval: "more than 4000" is [4000, ∞),
"less than two weeks" is (0, 14 days], "about a month" is 30 days ± 20 %, a bare figure is
itself ± rounding. Two quantities are about the same thing when they have the same unit
(singular and plural alike; every duration is in days) in sentences close in meaning that
share rare words. They conflict when their intervals do not overlap — so "about 1,200"
and "1,180" never do, and neither do values that merely differ in precision.

Quantities about one thing are grouped (connected components of the "same thing"
relation) and a group whose values fall apart into two or more compatible sets is one
conflict, with every value, who holds it, and a note when one source holds two values.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from crosscheck.analyse.view import CorpusView, stem, stems
from crosscheck.annotate.numbers import format_number
from crosscheck.model import Conflict, ConflictValue
from crosscheck.settings import Settings

#: Relative difference below which two figures are one figure, rounded differently.
ROUNDING = 0.10
#: Relative spread of a hedged figure ("about", "nearly", "some").
APPROXIMATE = 0.20
#: Sum of idf of shared content words needed for two sentences to be about one thing.
SHARED_WEIGHT = 4.0
#: Characters either side of a figure whose words say what it is attached to.
NEAR = 40

_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25, "DE": 3652.5, "CE": 36525.0}
_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)(DE|CE|[DWMY])$")
_AT_MOST = re.compile(r"\b(?:less than|fewer than|under|within|in under|up to|at most|no more than)"
                      r"\s*$", re.IGNORECASE)
_AT_LEAST = re.compile(r"\b(?:more than|over|at least|upwards of|no less than|no fewer than)"
                       r"\s*$", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|around|nearly|almost|approximately|roughly|some|circa|ca\.)"
                    r"\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count or a duration in one sentence, as the interval its wording allows."""

    sentence_id: int
    doc_id: str
    value: float
    unit: str
    low: float
    high: float
    text: str
    words: frozenset[str]
    #: Content words next to the figure (what it is attached to).
    near: frozenset[str]

    def overlaps(self, other: Quantity) -> bool:
        """True when both can be the same figure."""
        return self.low <= other.high and other.low <= self.high


def interval(value: float, hedge: str) -> tuple[float, float]:
    """The values a figure stands for, given the words just before it."""
    if _AT_MOST.search(hedge):
        return 0.0, value * (1 + ROUNDING / 2)
    if _AT_LEAST.search(hedge):
        return value * (1 - ROUNDING / 2), math.inf
    spread = APPROXIMATE if _ABOUT.search(hedge) else ROUNDING / 2
    return value * (1 - spread), value * (1 + spread)


def duration_days(value: str) -> float | None:
    """Days in a TIMEX3 duration ("P2W" → 14); None for anything else."""
    match = _DURATION.match(value)
    return float(match.group(1)) * _DAYS[match.group(2)] if match else None


def collect_quantities(view: CorpusView, sentence_ids: Iterable[int]) -> list[Quantity]:
    """Counts with a unit noun and durations in the given sentences."""
    out = []
    for sid in sentence_ids:
        s = view.sentences[sid]
        if s.text.rstrip().endswith("?"):
            continue  # a question asserts no figure
        words = stems(s.text)
        for m in view.mentions.get(sid, []):
            if m.kind == "number" and m.unit:
                value, unit = float(m.value), stem(m.unit.lower())
            elif m.kind == "date" and m.type == "DURATION":
                days = duration_days(m.value)
                if days is None:
                    continue
                value, unit = days, "duration"
            else:
                continue
            # The hedge is just before the figure, or inside a duration's own text
            # ("less than two weeks").
            before = s.text[max(0, m.start - s.start - 24):m.start - s.start]
            low, high = interval(value, f"{before} {_leading_hedge(m.text)}".rstrip())
            at, end = m.start - s.start, m.end - s.start
            near = stems(s.text[max(0, at - NEAR):at] + " " + s.text[end:end + NEAR])
            out.append(Quantity(sid, s.doc_id, value, unit, low, high, m.text, words, near))
    return out


def _leading_hedge(text: str) -> str:
    """The hedge words inside a mention's text, before its number ("less than two weeks")."""
    match = re.match(r"\D*?(?=\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve|a few|several)\b)", text, re.IGNORECASE)
    return match.group(0) if match else ""


def number_conflicts(view: CorpusView, sentence_ids: Iterable[int],
                     settings: Settings) -> list[Conflict]:
    """Conflicts between quantities of the same thing (across or within sources)."""
    quantities = collect_quantities(view, sentence_ids)
    by_unit: dict[str, list[Quantity]] = defaultdict(list)
    for q in quantities:
        by_unit[q.unit].append(q)
    conflicts = []
    for unit, group in sorted(by_unit.items()):
        # Figures that stand side by side in one sentence measure different things
        # ("50 feet tall and 90 feet across", "21 died and 150 were injured").
        apart = _side_by_side(view, {q.sentence_id for q in group})
        by_sentence: dict[int, set[float]] = defaultdict(set)
        for q in group:  # durations given together ("one year before … the next five years")
            by_sentence[q.sentence_id].add(q.value)
        for values in by_sentence.values():
            apart |= {(a, b) for a in values for b in values if a != b}
        for component in _same_thing_components(view, group, unit, settings, apart):
            conflict = _conflict(view, component, unit)
            if conflict is not None:
                conflicts.append(conflict)
    return conflicts


def _side_by_side(view: CorpusView, sentence_ids: set[int]) -> set[tuple[float, float]]:
    """Pairs of figures that some sentence gives together (whatever their units)."""
    apart: set[tuple[float, float]] = set()
    for sid in sentence_ids:
        values = [float(m.value) for m in view.mentions.get(sid, []) if m.kind == "number"]
        apart |= {(a, b) for a in values for b in values if a != b}
    return apart


def _about_one_thing(view: CorpusView, a: Quantity, b: Quantity, unit: str,
                     settings: Settings, apart: set[tuple[float, float]]) -> bool:
    if a.sentence_id == b.sentence_id or (a.value, b.value) in apart:
        return False
    if unit == "duration" and not (a.near & b.near):
        return False  # a duration has no noun: the words around it must say what lasted
    if sum(view.idf(w) for w in (a.words & b.words) - {unit}) < SHARED_WEIGHT:
        return False
    va, vb = view.vectors.vector(a.sentence_id), view.vectors.vector(b.sentence_id)
    return va is not None and vb is not None and float(va @ vb) >= settings.event_merge


def _same_thing_components(view: CorpusView, group: list[Quantity], unit: str,
                           settings: Settings, apart: set[tuple[float, float]]) -> list[list[Quantity]]:
    parent = list(range(len(group)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(group):
        for j in range(i + 1, len(group)):
            if _about_one_thing(view, a, group[j], unit, settings, apart):
                parent[find(j)] = find(i)
    components: dict[int, list[Quantity]] = defaultdict(list)
    for i, q in enumerate(group):
        components[find(i)].append(q)
    return [c for c in components.values() if len(c) > 1]


def _conflict(view: CorpusView, component: list[Quantity], unit: str) -> Conflict | None:
    """One conflict when the quantities fall into two or more incompatible value sets."""
    sets: list[list[Quantity]] = []
    for q in sorted(component, key=lambda q: (q.value, q.high - q.low)):
        for held in sets:
            if all(q.overlaps(other) for other in held):
                held.append(q)
                break
        else:
            sets.append([q])
    if len(sets) < 2:
        return None
    values = []
    for held in sets:
        sources = tuple(dict.fromkeys(q.doc_id for q in held))
        values.append(ConflictValue(
            value=_shown(held[0], unit), sources=sources,
            evidence=tuple(view.evidence(sid) for sid in dict.fromkeys(q.sentence_id for q in held)),
        ))
    within = [d for d in {q.doc_id for q in component}
              if sum(any(q.doc_id == d for q in held) for held in sets) > 1]
    noun = "duration" if unit == "duration" else f"number of {unit}"
    shown = " vs ".join(v.value for v in values)
    note = f"{shown}: the ranges do not overlap"
    if within:
        note += "; one source gives more than one value (within-source inconsistency)"
    return Conflict(kind="number", topic=noun, values=tuple(values), note=note)


def _shown(q: Quantity, unit: str) -> str:
    return " ".join(q.text.split()) if unit == "duration" else format_number(q.value)

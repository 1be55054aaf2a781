"""Events and the timeline: dated sentences from many sources reconciled into rows.

A *claim* is a sentence with one calendar date it mentions. Two claims describe the
same happening when their sentences are close in meaning, share rare content words, and
their dates are compatible (an event), or — with a stricter similarity — when their dates
disagree but lie within two years (a date conflict about one event). Each event becomes
one timeline row that keeps every source's own date; incompatible dates at the shared
granularity flag the row and produce a ``date`` conflict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from crosscheck.analyse.dates import GRANULARITY_RANK, DateSpan, parse_value
from crosscheck.analyse.reasons import keyphrases
from crosscheck.analyse.view import CorpusView, content_words, stem
from crosscheck.model import Conflict, ConflictValue, Evidence, TimelineEntry
from crosscheck.settings import Settings

#: Sum of idf of the content words two sentences share, below which they are not taken
#: to be about the same happening (≈ one rare word, or two common ones).
SHARED_WEIGHT = 3.0
#: Extra cosine similarity a pair needs when its dates disagree (a conflict is a strong
#: claim; a false one costs the reader more than a missed one).
CONFLICT_MARGIN = 0.08
#: Dates further apart than this are different happenings, however alike the sentences.
MAX_CONFLICT_GAP_DAYS = 2 * 366

_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec spring summer fall autumn winter"
    " early late mid year years day days month months".split()
)


@dataclass
class Claim:
    """One sentence with one of its calendar dates."""

    sentence_id: int
    doc_id: str
    span: DateSpan
    words: frozenset[str]


@dataclass
class Event:
    """Claims about one happening, with the pairs among them whose dates disagree."""

    claims: list[Claim]
    conflicts: list[tuple[Claim, Claim]] = field(default_factory=list)


def collect_claims(view: CorpusView, sentence_ids: Iterable[int]) -> list[Claim]:
    """Claims of the given sentences (dates at year granularity or finer)."""
    claims = []
    for sid in sentence_ids:
        s = view.sentences[sid]
        if len(s.text.split()) < 4:
            continue
        words = frozenset(stem(w) for w in content_words(s.text) if w not in _MONTH_WORDS)
        seen: set[str] = set()
        for m in view.mentions.get(sid, []):
            if m.kind != "date" or m.type not in ("DATE", "TIME"):
                continue
            span = parse_value(m.value)
            if span is None or GRANULARITY_RANK[span.granularity] > GRANULARITY_RANK["year"]:
                continue
            day = span.value.split("T", 1)[0]
            if day in seen:
                continue
            seen.add(day)
            claims.append(Claim(sid, s.doc_id, span, words))
    return claims


def _shared_weight(view: CorpusView, a: Claim, b: Claim) -> float:
    return sum(view.idf(w) for w in a.words & b.words)


def group_events(view: CorpusView, claims: Sequence[Claim], settings: Settings) -> list[Event]:
    """Union claims into events over compatible and conflicting links."""
    n = len(claims)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vectors = view.vector_matrix(c.sentence_id for c in claims)
    sim = vectors @ vectors.T if n else np.zeros((0, 0))
    conflict_pairs: list[tuple[int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = claims[i], claims[j]
            if a.sentence_id == b.sentence_id:
                continue
            similarity = float(sim[i, j])
            if similarity < settings.event_merge:
                continue
            if _shared_weight(view, a, b) < SHARED_WEIGHT:
                continue
            if a.span.compatible(b.span):
                parent[find(i)] = find(j)
            elif (similarity >= settings.event_merge + CONFLICT_MARGIN
                  and a.span.granularity == b.span.granularity
                  and a.span.gap_days(b.span) <= MAX_CONFLICT_GAP_DAYS):
                conflict_pairs.append((i, j))
    for i, j in conflict_pairs:
        parent[find(i)] = find(j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)
    events = []
    for idx in members.values():
        event = Event([claims[i] for i in idx])
        event.conflicts = [(claims[i], claims[j]) for i, j in conflict_pairs
                           if find(i) == find(idx[0])]
        events.append(event)
    return events


def value_groups(event: Event) -> list[tuple[DateSpan, list[Claim]]]:
    """The event's distinct dates: compatible claims share the most precise value."""
    groups: list[tuple[DateSpan, list[Claim]]] = []
    for claim in sorted(event.claims, key=lambda c: GRANULARITY_RANK[c.span.granularity]):
        for i, (span, held) in enumerate(groups):
            if span.compatible(claim.span):
                held.append(claim)
                break
        else:
            groups.append((claim.span, [claim]))
    groups.sort(key=lambda g: (-len({c.doc_id for c in g[1]}),
                               GRANULARITY_RANK[g[0].granularity], g[0].first))
    return groups


def build_timeline(view: CorpusView, events: Sequence[Event], settings: Settings,
                   relevance: dict[int, float]) -> list[TimelineEntry]:
    """One row per event, consensus date first, ordered by date."""
    scored = []
    for event in events:
        groups = value_groups(event)
        consensus, _ = groups[0]
        sources = tuple(dict.fromkeys(c.doc_id for c in event.claims))
        weight = len(sources) + max(relevance.get(c.sentence_id, 0.0) for c in event.claims)
        evidence = _claim_evidence(view, event.claims)
        label = _event_label(view, event)
        entry = TimelineEntry(
            date=consensus.value.split("T", 1)[0] if consensus.granularity == "time"
            else consensus.value,
            granularity="day" if consensus.granularity == "time" else consensus.granularity,
            label=label, sources=sources, evidence=evidence, conflict=bool(event.conflicts),
        )
        scored.append((weight, consensus.first, entry))
    scored.sort(key=lambda t: -t[0])
    kept = scored[: settings.max_timeline]
    kept.sort(key=lambda t: (t[1], t[2].date))
    return [entry for _, _, entry in kept]


def _claim_evidence(view: CorpusView, claims: Sequence[Claim]) -> tuple[Evidence, ...]:
    seen: set[tuple[int, str]] = set()
    out = []
    for c in sorted(claims, key=lambda c: (c.span.first, c.doc_id)):
        key = (c.sentence_id, c.span.value)
        if key in seen:
            continue
        seen.add(key)
        out.append(view.evidence(c.sentence_id, date=c.span.value))
    return tuple(out)


def _event_label(view: CorpusView, event: Event) -> str:
    """The event's shortest sentence, trimmed (a verbatim excerpt, not a summary)."""
    best = min(event.claims, key=lambda c: len(view.sentences[c.sentence_id].text))
    words = view.sentences[best.sentence_id].text.split()
    return " ".join(words[:18]) + (" …" if len(words) > 18 else "")


def date_conflicts(view: CorpusView, events: Sequence[Event]) -> list[Conflict]:
    """A ``date`` conflict for each event whose sources' dates disagree."""
    conflicts = []
    for event in events:
        if not event.conflicts:
            continue
        groups = value_groups(event)
        involved = {id(c) for pair in event.conflicts for c in pair}
        groups = [g for g in groups if any(id(c) in involved for c in g[1])] or groups
        values = []
        for span, held in groups:
            values.append(ConflictValue(
                value=span.value,
                sources=tuple(dict.fromkeys(c.doc_id for c in held)),
                evidence=_claim_evidence(view, held),
            ))
        ids = [c.sentence_id for c in event.claims]
        topic = " · ".join(keyphrases(view, ids, exclude=set(), limit=3))
        conflicts.append(Conflict(kind="date", topic=topic, values=tuple(values),
                                  note=_date_note(groups)))
    return conflicts


def _date_note(groups: Sequence[tuple[DateSpan, list[Claim]]]) -> str:
    notes = []
    docs = [set(c.doc_id for c in held) for _, held in groups]
    counts = Counter(len(d) for d in docs)
    if len(groups) >= 2:
        first, second = groups[0], groups[1]
        n1, n2 = len(docs[0]), len(docs[1])
        if n1 > n2:
            notes.append(f"{n1} sources give {first[0].value}, {n2} give {second[0].value}")
        elif counts:
            notes.append("the sources split evenly")
        if first[0].gap_days(second[0]) == 1:
            notes.append("one day apart: possibly a time-zone or midnight difference")
    shared = set.intersection(*docs) if docs else set()
    if shared:
        notes.append("the same source gives more than one date (an inconsistency within it)")
    return "; ".join(notes)

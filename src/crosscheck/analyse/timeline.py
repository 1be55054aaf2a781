"""Events and the timeline: dated sentences from many sources reconciled into rows.

A *claim* is a sentence with one calendar date it mentions. Two claims describe the
same happening when their sentences are close in meaning, share rare content words, and
their dates are compatible (an event), or — with a stricter similarity — when their dates
disagree but lie within two years (a date conflict about one event). Each event becomes
one timeline row that keeps every source's own date; incompatible dates at the shared
granularity flag the row and produce a ``date`` conflict.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from crosscheck.analyse.claims import clauses
from crosscheck.analyse.dates import GRANULARITY_RANK, PRESENT_WORDS, DateSpan, parse_value
from crosscheck.analyse.entities import event_head, name_stem, normalise_name
from crosscheck.analyse.reasons import keyphrases, shorten
from crosscheck.analyse.salience import DateClaim, rank_days
from crosscheck.analyse.view import CorpusView, base_stem, close_pairs, content_words, stem
from crosscheck.annotate.dates_lexicon import MONTH_ABBREVIATIONS, MONTHS, SEASONS
from crosscheck.model import Conflict, ConflictValue, Entity, Evidence, Mention, TimelineEntry
from crosscheck.settings import Settings

#: Sum of idf of the content words two sentences share, below which they are not taken
#: to be about the same happening (≈ one rare word, or two common ones).
SHARED_WEIGHT = 3.0
#: …or this many shared content words, whatever their weight.
SHARED_WORDS = 3
#: Extra cosine similarity a pair needs when its dates disagree (a conflict is a strong
#: claim; a false one costs the reader more than a missed one).
CONFLICT_MARGIN = 0.1
#: Similarity a date conflict inside one source needs (see _conflict_threshold).
WITHIN_SOURCE_SIMILARITY = 0.85
#: Dates further apart than this are different happenings, however alike the sentences.
MAX_CONFLICT_GAP_DAYS = 2 * 366
#: Characters after an event's name within which a date is that event's date.
ANCHOR_REACH = 80
#: Distinct years an event's anchored dates take at which it is a span, not a moment.
SPAN_YEARS = 3
#: Named participants two disagreeing events must share to be joined at ``event_merge``.
SHARED_PARTICIPANTS = 2
#: Similarity at which two sentences giving the same day and month in neighbouring years
#: are taken to tell one happening (a miscopied year), with shared content words.
SLIP_SIMILARITY = 0.3
#: Content words a date's own clause holds at least to say what the date is the date of;
#: fewer, and the clauses after it are read too (see _clause_words).
CLAUSE_CONTENT = 2
#: Common words, and their sum of idf, that the clauses of two disagreeing dates from two
#: sources share when two close sentences (``event_merge``) date one happening, however
#: their other sentences read: "on 4 June the great bell fell from the tower" / "the bell
#: of the old tower fell on 14 June" share "bell", "fall", "tower" (idf ≈ 3 each in a
#: corpus of a few hundred sentences). Two words ("the fair … that evening") are too few;
#: so are three that every sentence of the corpus holds.
CLAUSE_WORDS = 3
CLAUSE_WEIGHT = 6.0

#: Calendar words: shared by two dated sentences, they say nothing of the happening (with
#: the endings of a day's ordinal: "May 30th" leaves "th").
_MONTH_WORDS = frozenset(
    [*MONTHS, *MONTH_ABBREVIATIONS, *SEASONS, "early", "late", "mid", "year", "years",
     "day", "days", "month", "months", "st", "nd", "rd", "th"]
)


#: Words of a clock and a week, which a post's or a page's time stamp holds beside its date.
_STAMP_WORDS = frozenset(stem(w) for w in """am pm gmt utc mon tue tues wed thu thur thurs fri
    sat sun monday tuesday wednesday thursday friday saturday sunday""".split())


#: Weight of a day's salience (0–1) against an event's number of sources in choosing rows.
SALIENCE_WEIGHT = 2.0


@dataclass
class Claim:
    """One sentence with one of its calendar dates."""

    sentence_id: int
    doc_id: str
    span: DateSpan
    words: frozenset[str]
    #: Where the date starts in the raw text (to tell which name it is the date of).
    start: int = -1


@dataclass
class Event:
    """Claims about one happening, with the pairs among them whose dates disagree."""

    claims: list[Claim]
    conflicts: list[tuple[Claim, Claim]] = field(default_factory=list)
    #: The named event whose date the sources give differently, when one is.
    named: str | None = None


def collect_claims(view: CorpusView, sentence_ids: Iterable[int]) -> list[Claim]:
    """Claims of the given sentences (dates at year granularity or finer)."""
    claims: list[Claim] = []
    for sid in sentence_ids:
        s = view.sentences[sid]
        if len(s.text.split()) < 4:
            continue
        words = _dateless_words(s.text)
        figures = view.mentions.figures(sid)
        if _time_stamp(s.text, words, figures):
            continue
        seen: set[str] = set()
        own: list[Claim] = []
        for m in figures:
            if m.kind != "date" or m.type not in ("DATE", "TIME") or m.text.lower() in PRESENT_WORDS:
                continue  # "Today we would compute it": the writer's time, not the story's
            span = parse_value(m.value)
            if span is None or GRANULARITY_RANK[span.granularity] > GRANULARITY_RANK["year"]:
                continue
            day = span.value.split("T", 1)[0]
            if day in seen:
                continue
            seen.add(day)
            own.append(Claim(sid, s.doc_id, span, words, m.start))
        # "In October 1917 … in 1917": a coarser date that a finer one of the same
        # sentence already covers adds nothing.
        claims.extend(c for c in own if not any(
            o is not c and o.span.compatible(c.span)
            and GRANULARITY_RANK[o.span.granularity] < GRANULARITY_RANK[c.span.granularity]
            for o in own))
    return claims


def _time_stamp(text: str, words: frozenset[str], figures: Sequence[Mention]) -> bool:
    """True for a post's or a page's time stamp ("Reply #3 on: 4 May 2021, 8:14 PM",
    "Updated Aug 10, 2018"): mostly a date, and at most one word besides the clock's."""
    dated = sum(m.end - m.start for m in figures if m.kind == "date")
    return len(words - _STAMP_WORDS) < 2 and 2 * dated >= sum(ch.isalnum() for ch in text)


def _share_content(view: CorpusView, a: Claim, b: Claim) -> bool:
    """True when two sentences share rare words, or several words (in a small corpus
    every word is common, so weight alone would never be reached)."""
    shared = a.words & b.words
    return len(shared) >= SHARED_WORDS or sum(view.idf(w) for w in shared) >= SHARED_WEIGHT


def event_names(entities: Sequence[Entity]) -> dict[str, str]:
    """Each normalised name of an event entity, to the entity's name."""
    event_of: dict[str, str] = {}
    for e in entities:
        forms = (e.name, *e.aliases)
        if any(event_head(normalise_name(f))[0] for f in forms):
            event_of.update((normalise_name(f), e.name) for f in forms)
    return event_of


def anchor_claims(view: CorpusView, claims: Sequence[Claim],
                  entities: Sequence[Entity]) -> list[str | None]:
    """The named event each claim dates, if any.

    A date is the date of the closest event name before it in its sentence ("the Battle of
    X in 1803"; "X, a border clash … in 1805") when no other date stands between them
    and it follows within ``ANCHOR_REACH`` characters. Names are resolved through the
    merged entities, so two sources naming one event two ways anchor to the same entity.
    """
    event_of = event_names(entities)
    out: list[str | None] = []
    for claim in claims:
        mentions = view.mentions.get(claim.sentence_id, [])
        names = [m for m in mentions if m.kind == "entity" and m.end <= claim.start
                 and normalise_name(m.value) in event_of]
        name = max(names, key=lambda m: m.end, default=None)
        if name is None or claim.start - name.end > ANCHOR_REACH or any(
                m.kind == "date" and name.end <= m.start < claim.start for m in mentions):
            out.append(None)
        else:
            out.append(event_of[normalise_name(name.value)])
    # An event dated in three or more years is a span (a war, an occupation), and a year
    # named with it is a year within it, not its date.
    years: dict[str, set[str]] = defaultdict(set)
    for claim, event in zip(claims, out, strict=True):
        if event:
            years[event].add(claim.span.value[:4])
    return [e if e and len(years[e]) < SPAN_YEARS else None for e in out]


def group_events(view: CorpusView, claims: Sequence[Claim], settings: Settings,
                 anchors: Sequence[str | None] = (), entities: Sequence[Entity] = ()) -> list[Event]:
    """Group claims into events by greedy average-linkage, then join conflicting events.

    First, claims whose dates all agree merge while the average similarity between the
    two groups stays at or above ``event_merge`` (average linkage keeps one loose pair
    from chaining unrelated sentences together). Then two events whose dates disagree
    join as one conflicting event when they are closer still (``+ CONFLICT_MARGIN``),
    their finest dates have the same granularity and lie within two years — or, however
    unlike their sentences, when both date one named event (``anchors``, from
    :func:`anchor_claims`). Sources that name the same participants (``entities``, two
    or more in common) need only ``event_merge``: "In 712 Ragnar sailed from Vestland" and
    "In the year 713 came Ragnar from Vestland" read differently but tell one voyage.
    """
    n = len(claims)
    if n == 0:
        return []
    vectors = view.vector_matrix(c.sentence_id for c in claims)
    edges = [(cosine, i, j) for cosine, i, j in close_pairs(vectors, settings.event_merge)
             if claims[i].sentence_id != claims[j].sentence_id
             and _share_content(view, claims[i], claims[j])]
    edges.sort(reverse=True)
    groups: list[list[int]] = [[i] for i in range(n)]
    owner = list(range(n))
    # Average linkage from summed vectors: the mean cosine between two groups is the dot
    # product of their sums over the product of their sizes, so no n × n matrix is kept.
    total = vectors.astype(np.float64)

    def average(a: int, b: int) -> float:
        return float(total[a] @ total[b]) / (len(groups[a]) * len(groups[b]))

    def agree(a: list[int], b: list[int]) -> bool:
        return all(claims[i].span.compatible(claims[j].span) for i in a for j in b)

    for _, i, j in edges:
        gi, gj = owner[i], owner[j]
        if gi == gj or not agree(groups[gi], groups[gj]):
            continue
        if average(gi, gj) < settings.event_merge:
            continue
        groups[gi].extend(groups[gj])
        total[gi] += total[gj]
        for k in groups[gj]:
            owner[k] = gi
        groups[gj] = []
    alive = [g for g in range(n) if groups[g]]
    live = [groups[g] for g in alive]
    sums = total[alive]
    events = [Event([claims[i] for i in g]) for g in live]
    group_of = {g: k for k, g in enumerate(alive)}
    related = {(min(ga, gb), max(ga, gb)) for _, i, j in edges
               for ga, gb in [(group_of[owner[i]], group_of[owner[j]])]}

    def between(a: int, b: int) -> float:
        return float(sums[a] @ sums[b]) / (len(live[a]) * len(live[b]))
    # Conflicts: the closest disagreeing pair of events joins first; each event joins once.
    who = participants(view, entities, (c.sentence_id for c in claims))
    cast = [{name for i in g for name in who.get(claims[i].sentence_id, ())} for g in live]
    pairs = []
    named: dict[tuple[int, int], str] = {}
    said = [{" ".join(view.sentences[claims[i].sentence_id].text.split()) for i in g} for g in live]
    dated: dict[int, list[DateSpan]] = defaultdict(list)
    for c in claims:
        dated[c.sentence_id].append(c.span)
    for a, b in _candidate_pairs(live, claims, anchors, related):
        if said[a] == said[b]:
            continue  # one sentence, copied: its dates differ only by each page's own date
        shared = {anchors[i] for i in live[a] if i < len(anchors) for j in live[b]
                  if j < len(anchors) and _date_one_event_apart(claims[i], claims[j],
                                                                 anchors[i], anchors[j])}
        if shared:
            named[(a, b)] = str(min(name for name in shared if name))
            pairs.append((1.0 + between(a, b), a, b))
            continue
        if any(_same_day_other_year(claims[i], claims[j])
               and float(vectors[i] @ vectors[j]) >= SLIP_SIMILARITY
               and len(_clause_words(view, claims[i]) & _clause_words(view, claims[j])) >= 2
               for i in live[a] for j in live[b]):
            pairs.append((between(a, b), a, b))
            continue
        if (a, b) not in related:
            continue
        score = between(a, b)
        if any(_one_clause_two_dates(view, claims[i], claims[j], float(vectors[i] @ vectors[j]),
                                     dated, settings) for i in live[a] for j in live[b]):
            pairs.append((score, a, b))
            continue
        threshold = _conflict_threshold(events[a], events[b], settings)
        # Each named participant the two share takes a part of the margin off: all
        # of it at SHARED_PARTICIPANTS ("the ferry Kestrel … on March 13" and "the
        # new ferry Kestrel left Marlow … on 3 March", cosine 0.67, share one name).
        # Not inside one source, where two dates are far more often two steps.
        cast_shared = min(_shared_participants(cast[a], cast[b]), SHARED_PARTICIPANTS)
        if cast_shared == SHARED_PARTICIPANTS or threshold < WITHIN_SOURCE_SIMILARITY:
            threshold = min(threshold, settings.event_merge + CONFLICT_MARGIN * (
                1 - cast_shared / SHARED_PARTICIPANTS))
        if score >= threshold and _may_conflict(
                events[a], events[b]):
            pairs.append((score, a, b))
    joined: set[int] = set()
    for _, a, b in sorted(pairs, reverse=True):
        if a in joined or b in joined:
            continue
        joined |= {a, b}
        ea, eb = events[a], events[b]
        ca = max(ea.claims, key=lambda c: -GRANULARITY_RANK[c.span.granularity])
        cb = max(eb.claims, key=lambda c: -GRANULARITY_RANK[c.span.granularity])
        ea.claims.extend(eb.claims)
        ea.conflicts.append((ca, cb))
        ea.named = named.get((a, b))
        eb.claims = []
    return [e for e in events if e.claims]


def _candidate_pairs(live: list[list[int]], claims: Sequence[Claim], anchors: Sequence[str | None],
                     related: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs of event groups (a < b) that may conflict: that date one named event,
    that give one day and month (a year may be miscopied), or that hold related claims
    (``related``). Found through indexes rather than by trying every pair (a corpus-wide
    survey holds thousands of groups)."""
    owner = np.empty(len(claims), dtype=np.int64)
    for g, members in enumerate(live):
        owner[members] = g
    found: set[tuple[int, int]] = {(a, b) for a, b in related if a != b}

    def add_within(keyed: dict[object, set[int]]) -> None:
        for groups in keyed.values():
            found.update(itertools.combinations(sorted(groups), 2))

    by_anchor: dict[object, set[int]] = defaultdict(set)
    by_day: dict[object, set[int]] = defaultdict(set)
    for i, c in enumerate(claims):
        if i < len(anchors) and anchors[i] is not None:
            by_anchor[anchors[i]].add(int(owner[i]))
        if c.span.granularity == "day":
            by_day[c.span.value[4:10]].add(int(owner[i]))
    add_within(by_anchor)
    add_within(by_day)
    return sorted(found)


def participants(view: CorpusView, entities: Sequence[Entity],
                 sentence_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """The entities each of the sentences names, by the entity's name (so aliases meet)."""
    entity_of = view.memo("entity_by_name", lambda: {
        normalise_name(f): e.name for e in entities for f in (e.name, *e.aliases)})
    out: dict[int, frozenset[str]] = {}
    for sid in set(sentence_ids):
        names = {entity_of.get(normalise_name(m.value))
                 for m in view.mentions.get(sid, []) if m.kind == "entity"}
        out[sid] = frozenset(n for n in names if n)
    return out


def _shared_participants(a: set[str], b: set[str]) -> int:
    """How many of the names in ``a`` name someone in ``b``: the same entity, or a name
    with a word in common ("Ragnar" and "Ragnar the Bold" when the epithet was not merged)."""
    words_b = {w for name in b for w in _name_words(name)}
    return sum(1 for name in a if name in b or _name_words(name) & words_b)


def _name_words(name: str) -> set[str]:
    return {name_stem(w.lower()) for w in name.split() if w[:1].isupper() and len(w) > 2}


def _same_day_other_year(a: Claim, b: Claim) -> bool:
    """The same day of the same month a year or two apart: one happening whose year was
    miscopied ("launched on 3 May 1851" beside "launched on 3 May 1852"), not two."""
    x, y = a.span.value, b.span.value
    return (a.span.granularity == b.span.granularity == "day" and a.sentence_id != b.sentence_id
            and x[:4].isdigit() and y[:4].isdigit() and x[4:10] == y[4:10]
            and 0 < abs(int(x[:4]) - int(y[:4])) <= 2)


def _one_clause_two_dates(view: CorpusView, a: Claim, b: Claim, cosine: float,
                          dated: dict[int, list[DateSpan]], settings: Settings) -> bool:
    """Two sources whose close sentences give two dates to clauses that tell the same
    happening: one happening dated two ways, even when the other sentences that date
    each read differently (so the groups' average similarity stays low).

    The clauses share ``CLAUSE_WORDS`` common words (names set aside: who and where
    say nothing of what happened) of ``CLAUSE_WEIGHT`` at ``event_merge``; or, at
    ``event_merge`` + ``CONFLICT_MARGIN``, words of half that weight in the dates' own
    clauses ("X was crowned in 1853" / "X … was in October 1852 crowned"), not in the
    clauses a fronted date is read on to.
    Not when either sentence also gives the other's date (``dated``: each sentence's
    dates): "the fair of 3 and 4 May" holds both and takes no side.
    """
    if a.doc_id == b.doc_id or cosine < settings.event_merge or not _apart(a.span, b.span):
        return False
    if any(x.compatible(b.span) for x in dated[a.sentence_id]) or any(
            y.compatible(a.span) for y in dated[b.sentence_id]):
        return False
    shared = _common_clause_words(view, a) & _common_clause_words(view, b)
    if len(shared) >= CLAUSE_WORDS and _weight(view, shared) >= CLAUSE_WEIGHT:
        return True
    own = _common_clause_words(view, a, read_on=False) & _common_clause_words(view, b, read_on=False)
    return cosine >= settings.event_merge + CONFLICT_MARGIN and _weight(view, own) >= CLAUSE_WEIGHT / 2


def _weight(view: CorpusView, words: Iterable[str]) -> float:
    """Sum of the words' idf: what a few rare words weigh, and many common ones."""
    return sum(view.idf(w) for w in words)


def _apart(a: DateSpan, b: DateSpan) -> bool:
    """Dates that can be one happening dated differently: near in time, incompatible, of
    one precision or one of them a year, the precision a source that recalls a date
    loosely gives ("crowned in 1853" / "crowned on 4 October 1852"; but "talks in March"
    and "signed on 13 April" are more often two steps than one date twice)."""
    return (_disagree(a, b) or ("year" in (a.granularity, b.granularity) and not a.compatible(b)
                                and a.gap_days(b) <= MAX_CONFLICT_GAP_DAYS))


def _common_clause_words(view: CorpusView, claim: Claim, read_on: bool = True) -> frozenset[str]:
    """The claim's clause words (see _clause_words) but names: what happened, not who or
    where. A name word is one the corpus never writes in lower case (the name tagger
    also tags a translation's capitalised nouns, "the Letter of the Miller"). Kept per
    view: a claim is compared with every claim of the groups it may conflict with."""
    kept: dict[tuple[int, int, bool], frozenset[str]] = view.memo("common_clause_words", dict)
    key = (claim.sentence_id, claim.start, read_on)
    if key not in kept:
        lower = view.lowercase_words()
        names = [w for w in content_words(view.sentences[claim.sentence_id].text) if w not in lower]
        kept[key] = _clause_words(view, claim, read_on) - _base_words(" ".join(names))
    return kept[key]


def _clause_words(view: CorpusView, claim: Claim, read_on: bool = True) -> frozenset[str]:
    """Content words (stemmed) of the clause that holds the claim's date: what the date
    is the date of ("the ship was launched … on 3 May 1852", not the rest of the sentence).

    A date that opens its sentence on a clause of its own ("On 3 May 1852, at dawn, the
    ship was launched") dates the clauses after it: with ``read_on`` they are read on
    until they hold ``CLAUSE_CONTENT`` words.
    """
    s = view.sentences[claim.sentence_id]
    at = claim.start - s.start
    end = next((m.end - s.start for m in view.mentions.figures(claim.sentence_id)
                if m.kind == "date" and m.start == claim.start), at)
    spans = clauses(s.text)
    # The clauses the date touches (a date may hold a comma: "March 3, 1852").
    touched = [k for k, (a, b) in enumerate(spans) if a < max(end, at + 1) and b > at]
    words = _base_words(" ".join(s.text[spans[k][0]:spans[k][1]] for k in touched))
    following = spans[touched[-1] + 1:] if touched and read_on else []
    for a, b in following:
        if len(words) >= CLAUSE_CONTENT:
            break
        words |= _base_words(s.text[a:b])
    return words


def _dateless_words(text: str, stemmed: Callable[[str], str] = stem) -> frozenset[str]:
    """Stemmed content words without the calendar's (which say nothing of a happening)."""
    return frozenset(stemmed(w) for w in content_words(text) if w not in _MONTH_WORDS)


def _base_words(text: str) -> frozenset[str]:
    """:func:`_dateless_words` with irregular pasts read as their base (see base_stem)."""
    return _dateless_words(text, base_stem)


def _date_one_event_apart(a: Claim, b: Claim, event_a: str | None, event_b: str | None) -> bool:
    """Two claims that date one named event differently."""
    return (event_a is not None and event_a == event_b and a.sentence_id != b.sentence_id
            and _disagree(a.span, b.span))


def _disagree(a: DateSpan, b: DateSpan) -> bool:
    """Dates that can be one happening dated differently: same precision, incompatible,
    near in time."""
    return (a.granularity == b.granularity and not a.compatible(b)
            and a.gap_days(b) <= MAX_CONFLICT_GAP_DAYS)


def _finest(event: Event) -> DateSpan:
    return min((c.span for c in event.claims), key=lambda s: GRANULARITY_RANK[s.granularity])


def _may_conflict(a: Event, b: Event) -> bool:
    """Two events can be one happening dated differently: same precision, near in time,
    and no sentence of one is also in the other."""
    return _disagree(_finest(a), _finest(b)) and not (
        {c.sentence_id for c in a.claims} & {c.sentence_id for c in b.claims})


def _conflict_threshold(a: Event, b: Event, settings: Settings) -> float:
    """Similarity two disagreeing events need to be called one happening.

    Within one source, two dates close in time are far more often two steps of a story
    ("published on July 26 … accepted on August 10") than a slip, so a conflict inside a
    single source needs near-identical sentences.
    """
    sources = {c.doc_id for c in a.claims} | {c.doc_id for c in b.claims}
    if len(sources) == 1:
        return WITHIN_SOURCE_SIMILARITY
    return settings.event_merge + CONFLICT_MARGIN


def value_groups(event: Event) -> list[tuple[DateSpan, list[Claim]]]:
    """The event's distinct dates, best supported first.

    Claims are placed finest first; a claim joins the one group its date is compatible
    with. A coarse claim compatible with several groups ("1986" beside 13 and 22 April
    1986) supports none of them: it cannot take a side, so it is left out of the count.
    """
    groups: list[tuple[DateSpan, list[Claim]]] = []
    for claim in sorted(event.claims, key=lambda c: GRANULARITY_RANK[c.span.granularity]):
        fits = [g for g in groups if g[0].compatible(claim.span)]
        if len(fits) == 1:
            fits[0][1].append(claim)
        elif not fits:
            groups.append((claim.span, [claim]))
    groups.sort(key=lambda g: (-len({c.doc_id for c in g[1]}),
                               GRANULARITY_RANK[g[0].granularity], g[0].first))
    return groups


def build_timeline(view: CorpusView, events: Sequence[Event], settings: Settings,
                   relevance: dict[int, float]) -> list[TimelineEntry]:
    """One row per event, consensus date first, ordered by date.

    When there are more events than rows, the rows kept are those with the most sources,
    the most relevant sentences, and the most salient days (named by many documents,
    still named long after: :mod:`crosscheck.analyse.salience`).
    """
    salient = _day_salience(view, events, relevance)
    scored = []
    for event in events:
        groups = value_groups(event)
        consensus, _ = groups[0]
        sources = tuple(dict.fromkeys(c.doc_id for c in event.claims))
        weight = (len(sources) + max(relevance.get(c.sentence_id, 0.0) for c in event.claims)
                  + SALIENCE_WEIGHT * salient.get(consensus.first, 0.0))
        evidence = _claim_evidence(view, event.claims)
        label = _event_label(view, event, groups[0][1])
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


def _day_salience(view: CorpusView, events: Sequence[Event],
                  relevance: dict[int, float]) -> dict[int, float]:
    """Salience in [0, 1] of each day the events name (by ordinal)."""
    claims = [DateClaim(doc=c.doc_id, value=c.span.value, relevance=relevance.get(c.sentence_id, 0.0),
                        published=_day(view.documents[c.doc_id].published))
              for e in events for c in e.claims]
    published = {d: _day(doc.published) for d, doc in view.documents.items()}
    ranked = rank_days(claims, published)
    top = ranked[0].score if ranked and ranked[0].score > 0 else 1.0
    return {s.day.toordinal(): s.score / top for s in ranked}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _centrality(view: CorpusView, event: Event) -> dict[int, float]:
    """Each sentence's mean similarity to the event's other sentences."""
    ids = list(dict.fromkeys(c.sentence_id for c in event.claims))
    vectors = view.vector_matrix(ids)
    sim = vectors @ vectors.T
    return {sid: float(sim[i].sum() - sim[i, i]) / max(len(ids) - 1, 1)
            for i, sid in enumerate(ids)}


def _claim_evidence(view: CorpusView, claims: Sequence[Claim],
                    keep_order: bool = False) -> tuple[Evidence, ...]:
    seen: set[tuple[int, str]] = set()
    out = []
    ordered = claims if keep_order else sorted(claims, key=lambda c: (c.span.first, c.doc_id))
    for c in ordered:
        key = (c.sentence_id, c.span.value)
        if key in seen:
            continue
        seen.add(key)
        out.append(view.evidence(c.sentence_id, date=c.span.value))
    return tuple(out)


def _event_label(view: CorpusView, event: Event, consensus: Sequence[Claim]) -> str:
    """The most central sentence among those that give the consensus date, trimmed (a
    verbatim excerpt, not a summary): a row dated 13 April is not labelled by a source
    that says 22 April."""
    centrality = _centrality(view, event)
    best = max(consensus or event.claims, key=lambda c: (centrality[c.sentence_id], -c.sentence_id))
    return shorten(view.sentences[best.sentence_id].text, words=18)


def date_conflicts(view: CorpusView, events: Sequence[Event]) -> list[Conflict]:
    """A ``date`` conflict for each event whose sources' dates disagree."""
    conflicts = []
    for event in events:
        if not event.conflicts:
            continue
        groups = value_groups(event)
        involved = {id(c) for pair in event.conflicts for c in pair}
        groups = [g for g in groups if any(id(c) in involved for c in g[1])] or groups
        centrality = _centrality(view, event)
        values = []
        for span, held in groups:
            best_first = sorted(held, key=lambda c: -centrality[c.sentence_id])
            values.append(ConflictValue(
                value=span.value,
                sources=tuple(dict.fromkeys(c.doc_id for c in best_first)),
                evidence=_claim_evidence(view, best_first, keep_order=True),
            ))
        ids = [c.sentence_id for c in event.claims]
        topic = (f"date of {event.named}" if event.named
                 else " · ".join(keyphrases(view, ids, exclude=set(_MONTH_WORDS), limit=3)))
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
            notes.append(f"{n1} sources give {first[0].value}, "
                         f"{n2} {'gives' if n2 == 1 else 'give'} {second[0].value}")
        elif counts:
            notes.append("the sources split evenly")
        if _next_days(first[0], second[0]):
            notes.append("one day apart: possibly a time-zone or midnight difference")
    shared = set.intersection(*docs) if docs else set()
    if shared:
        notes.append("the same source gives more than one date (an inconsistency within it)")
    return "; ".join(notes)


def _next_days(a: DateSpan, b: DateSpan) -> bool:
    """Two neighbouring days (not two years that touch at New Year: "1852" and "1853")."""
    return a.gap_days(b) == 1 and all(
        GRANULARITY_RANK[x.granularity] <= GRANULARITY_RANK["day"] for x in (a, b))

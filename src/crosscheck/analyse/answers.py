"""Answers to a when-question (the dates the sources give for the happening asked about)
and to a who-question (the people and bodies they name for it).

A when-question ("When did the ferry sink?", "In what year did the tank burst?") is
answered by the timeline's events, not by grouping sentences by meaning: each event
already holds the sources' date claims about one happening, reconciled (a month beside
a day of that month agrees with it) and split where the sources disagree.

1. Score each date claim by how well its sentence matches the question (retrieval),
   plus how many of the question's rarer words stand near the date: of "founded in 985
   … and abandoned by 1450", the date near "abandoned" answers "When was it abandoned?".
2. Rank the events by their best claim, then by how many independent sources date them,
   and keep those whose match comes near the best one.
3. Give each date of a kept event as one answer, the best supported first, so that two
   dates the sources give for one happening stand next to each other; one date given for
   two kept events is one answer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from crosscheck.analyse.dates import GRANULARITY_RANK, DateSpan, spoken_date
from crosscheck.analyse.entities import normalise_name
from crosscheck.analyse.reasons import is_title, keyphrases, shorten
from crosscheck.analyse.timeline import Claim, Event, value_groups
from crosscheck.analyse.view import CorpusView, base_stem, stems
from crosscheck.annotate.entities import tag_names
from crosscheck.english import question_kind
from crosscheck.model import Entity, Reason, Sentence
from crosscheck.settings import Settings

#: Share of the best event's match an event needs to be given as an answer.
MATCH_SHARE = 0.75
#: Weight of each further independent source in an event's rank (its match counts 1).
SUPPORT_WEIGHT = 0.05
#: Weight of the question's words near a date (their share of the question's rarity).
NEAR_WEIGHT = 1.0
#: Words on each side of a date that count as near it.
NEAR_WORDS = 8

_WORD = re.compile(r"\w[\w'’-]*")
#: A date written out with a number (a year, a day), not worked out from the context.
_WRITTEN = re.compile(r"\d")


def asks_when(question: str) -> bool:
    """True for a question that asks for a date: "When …", "In what year …", "On which day …"."""
    return question_kind(question) == "when"


@dataclass
class _Answer:
    span: DateSpan
    score: float
    claims: list[Claim] = field(default_factory=list)


def dated_answers(view: CorpusView, question: str, events: Sequence[Event],
                  relevance: dict[int, float], source_weight: dict[str, float],
                  group_of: dict[str, str], settings: Settings) -> list[Reason]:
    """The dates the sources give for what ``question`` asks about, best match first."""
    q_words = stems(question)
    match: dict[int, float] = {}  # by id() of a claim
    written: set[int] = set()
    for event in events:
        for c in event.claims:
            if _answers_nothing(view, view.sentences[c.sentence_id]):
                match[id(c)] = 0.0
                continue
            dates = [m for m in view.mentions.figures(c.sentence_id) if m.kind == "date"]
            if any(m.start == c.start and _WRITTEN.search(m.text) for m in dates):
                written.add(id(c))
            # A sentence that gives several dates says less plainly which one the
            # question's happening has.
            share = len({m.value for m in dates}) ** -0.5 if dates else 1.0
            match[id(c)] = share * (relevance.get(c.sentence_id, 0.0)
                                    + NEAR_WEIGHT * _near_at(view, c.sentence_id, c.start, q_words))
    units = [(event, [(match[id(c)], c.doc_id) for c in event.claims]) for event in events]
    answers: list[_Answer] = []
    for score, event in _kept(units, group_of, lambda e: min(c.span.first for c in e.claims)):
        if len(answers) >= settings.max_reasons:
            break
        for span, claims in value_groups(event):
            said = [c for c in claims if match[id(c)] > 0.0]
            # One date given for two events is one answer, and so is a coarser date
            # that fits one answer already given ("1919" beside 15 January 1919).
            fits = [a for a in answers if a.span.value == span.value] or [
                a for a in answers if a.span.compatible(span)
                and GRANULARITY_RANK[a.span.granularity] <= GRANULARITY_RANK[span.granularity]]
            if len(fits) == 1:
                fits[0].claims.extend(said)
            elif any(id(c) in written for c in said):
                # A date only worked out from the page's own ("last week", "at noon")
                # or another date supports an answer but is not one.
                answers.append(_Answer(span, score, said))
    return [_reason(view, spoken_date(a.span.value), a.score,
                    [(match[id(c)], c.sentence_id, c.doc_id) for c in a.claims],
                    source_weight, group_of, q_words, settings, date=a.span.value)
            for a in answers[: settings.max_reasons]]


T = TypeVar("T")


def _kept(units: Sequence[tuple[T, list[tuple[float, str]]]], group_of: dict[str, str],
          order: Callable[[T], Any]) -> list[tuple[float, T]]:
    """The units (an event, a name) worth giving as answers, best first, with their rank:
    their best match plus ``SUPPORT_WEIGHT`` for each further independent source; down
    to the first whose best match falls below ``MATCH_SHARE`` of the best unit's.
    ``units`` pairs each with the (match, document) of everything said of it."""
    ranked = []
    for unit, said in units:
        best = max(m for m, _ in said)
        support = len({group_of.get(d, d) for _, d in said})
        ranked.append((best + SUPPORT_WEIGHT * (support - 1), best, unit))
    ranked.sort(key=lambda r: (-r[0], order(r[2])))
    if not ranked or ranked[0][1] <= 0.0:
        return []
    floor = MATCH_SHARE * ranked[0][1]
    return [(score, unit) for score, _, unit in itertools.takewhile(lambda r: r[1] >= floor, ranked)]


def _answers_nothing(view: CorpusView, sentence: Sentence) -> bool:
    """A question or the page's title repeated: it names the topic, it answers nothing."""
    return sentence.text.rstrip().endswith("?") or is_title(view, sentence)


def _near_at(view: CorpusView, sentence_id: int, start: int, q_words: frozenset[str],
             graded: bool = False) -> float:
    """The share of the question's rarity that its words within ``NEAR_WORDS`` of the
    raw offset ``start`` carry; ``graded``, each word by how close it stands ("designed
    by Edwin Hallam" over "the ferry … Hallam": names crowd a sentence as dates do not)."""
    s = view.sentences[sentence_id]
    words = list(_WORD.finditer(s.text))
    at = start - s.start
    centre = next((i for i, w in enumerate(words) if w.end() > at), len(words))
    closeness: dict[str, float] = {}
    for i in range(max(0, centre - NEAR_WORDS), min(len(words), centre + NEAR_WORDS + 1)):
        form = _form(words[i].group(0))
        near = 1 - abs(i - centre) / (NEAR_WORDS + 1) if graded else 1.0
        closeness[form] = max(closeness.get(form, 0.0), near)
    total = sum(view.idf(w) for w in q_words)
    return sum(view.idf(w) * closeness.get(_form(w), 0.0) for w in q_words) / total if total else 0.0


def _form(word: str) -> str:
    """A word's stem, with an irregular past as its base ("sank" as "sink") and a final
    "e" dropped ("collapse" as "collapsed")."""
    return base_stem(word.lower()).removesuffix("e")


def _reason(view: CorpusView, answer: str, score: float, said: list[tuple[float, int, str]],
            source_weight: dict[str, float], group_of: dict[str, str],
            q_words: frozenset[str], settings: Settings, date: str | None = None) -> Reason:
    """One answer (a date in words, a name) as a reason: ``said`` holds the (match,
    sentence, document) of each sentence that gives it; the best quote of each
    independent source first, quotes carrying ``date``."""
    by_match = sorted(said, key=lambda x: (-x[0], x[1]))
    firsts: dict[str, int] = {}
    for _, sid, doc in by_match:
        firsts.setdefault(group_of.get(doc, doc), sid)
    quoted = list(dict.fromkeys([*firsts.values(), *(sid for _, sid, _ in by_match)]))
    weight = sum(source_weight.get(view.sentences[sid].doc_id, 1.0) for sid in firsts.values())
    return Reason(
        label=f"{answer}: {shorten(view.sentences[quoted[0]].text)}",
        keyphrases=tuple(keyphrases(view, quoted, q_words)),
        score=round(score + 0.01 * weight, 4),
        sources=tuple(dict.fromkeys(doc for _, _, doc in by_match)),
        evidence=tuple(view.evidence(sid, date=date) for sid in quoted[: settings.max_quotes]),
    )


_ADJECTIVE = ("ese", "ian", "ish", "ern")
#: Weight of a name the tagger could not tell to be a person or a body (a place, a people).
NAME_WEIGHT = 0.8
#: Words before a name that make it a place: "built in Marlow", "sailed from Tarvik".
_PLACED = re.compile(r"\b(?:in|into|from|at|to|near|across|throughout|within|of)\s+(?:the\s+)?$",
                     re.IGNORECASE)


def asks_who(question: str) -> bool:
    """True for a question that asks for a person or a body: "Who …", "Which company …"."""
    return question_kind(question) == "who"


def named_answers(view: CorpusView, question: str, relevance: dict[int, float],
                  entities: Sequence[Entity], source_weight: dict[str, float],
                  group_of: dict[str, str], settings: Settings) -> list[Reason]:
    """The names the sources give for what ``question`` asks about, best match first.

    Each name mentioned in a retrieved sentence is scored as a date is for a
    when-question (the sentence's match plus the question's rarer words near the name);
    names are counted under their entity (aliases merged), the question's own names are
    not answers, and a name's rank adds a little for each further independent source.
    """
    q_words = stems(question)
    canonical = {normalise_name(a): e.name for e in entities for a in (e.name, *e.aliases)}
    asked = {canonical.get(normalise_name(m.text), m.text) for m in tag_names(question)}
    asked |= {e.name for e in entities if any(
        normalise_name(a) in normalise_name(question) for a in (e.name, *e.aliases) if len(a) > 3)}
    common = view.lowercase_words()
    said: dict[str, list[tuple[float, int, str]]] = {}
    for sid, rel in relevance.items():
        s = view.sentences[sid]
        if _answers_nothing(view, s) or len(s.text.split()) < settings.min_words:
            continue
        for m in view.mentions.get(sid, ()):
            if m.kind != "entity":
                continue
            key = normalise_name(m.value)
            name = canonical.get(key, m.value)
            before = s.text[max(0, m.start - s.start - 12):m.start - s.start]
            if name in asked or _PLACED.search(before):
                continue  # the question's own names; "built in Marlow": a place
            if key not in canonical and (key in common or key.endswith(_ADJECTIVE)):
                continue  # "People", "Engineers" capitalised; "Norland-Ostrian"
            kind = 1.0 if m.label in ("PERSON", "ORG") else NAME_WEIGHT
            match = kind * (rel + NEAR_WEIGHT * _near_at(view, sid, m.start, q_words, graded=True))
            said.setdefault(name, []).append((match, sid, s.doc_id))
    units = [(name, [(match, doc) for match, _, doc in claims]) for name, claims in said.items()]
    return [_reason(view, name, score, said[name], source_weight, group_of, q_words, settings)
            for score, name in _kept(units, group_of, str)[: settings.max_reasons]]

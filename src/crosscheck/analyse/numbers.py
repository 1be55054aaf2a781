"""Number conflicts: sources that count or time the same thing differently.

A *quantity* is a number with the noun it counts ("4000 workers") or a duration ("in less
than two weeks"), read with its hedge as an interval: "more than 4000" is [4000, ∞),
"less than two weeks" is (0, 14 days], "about a month" is 30 days ± 20 %, a bare figure is
itself ± the rounding its digits allow: "1,200" is 1,150–1,250 and "80" is 76–84, while
"79" or "17" is an exact count (± 0.5). They conflict when their intervals do not overlap,
so "about 1,200" and "1,180" never do, nor "80" and "79", nor values that merely differ in
precision; but "17" and "18" do.

Two quantities are about the same thing when they have the same unit (singular and plural
alike, every noun for people as one, every duration in days; a rate such as "miles per
hour" is not a length, nor is the time between two events, "a week after the fire", or a
wait, "waited a week for the ferry", a duration) and their sentences are close in meaning
and share rare words, or are paraphrases, or are on one topic with the same words attached
to the figures ("the ship sank with all 40 sailors on board" / "divers found the wreck of
all 36 sailors on board").
Figures given side by side in one sentence are different things ("14 drowned and 90 were
rescued"), and so are lengths that measure different dimensions ("30 metres tall" / "a
depth of 8 metres"), a count of a part ("of them 12 were children") and a whole, and a
count its own clause narrows ("12 people who were trapped below died") and one whose
sentence does not name that group ("40 people died in the storm"). An ordinal names which
one, not how many: "the first day" is no duration.

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
from functools import lru_cache

from crosscheck.analyse.view import CorpusView, close_pairs, content_words, stem, stems
from crosscheck.annotate.dates_lexicon import ORDINALS
from crosscheck.annotate.numbers import IRREGULAR_PLURALS, MEASURES, format_number, measure_of
from crosscheck.model import Conflict, ConflictValue, Mention
from crosscheck.settings import Settings

#: Relative spread of a hedged figure ("about", "roughly", "some").
APPROXIMATE = 0.20
#: How far below itself a figure "nearly" or "almost" reached may lie: a little less than
#: it ("nearly 5 km" is 4.5 to 5 km, give or take its rounding), not more.
NEARLY = 0.10
#: Widest spread, relative to a round figure, that its rounding allows (half either side):
#: "80" may be a rounded 79, "40" is not a rounded 37.
ROUNDING = 0.10
#: Sum of idf of shared content words needed for two sentences to be about one thing.
SHARED_WEIGHT = 4.0
#: Characters either side of a figure whose words say what it is attached to.
NEAR = 40
#: Sum of idf of words attached to both figures that makes them one thing, when their
#: sentences are at least RELATED: one rare word ("drowned", "census") weighs 3–4 in a
#: corpus of a few hundred sentences, a word in every tenth sentence about 2.3.
NEAR_WEIGHT = 3.0
#: Sentence cosine below ``event_merge`` at which sentences still share a topic, so that
#: figures with the same attached words in them count one thing.
RELATED = 0.45
#: Sentence cosine above ``event_merge`` at which sentences say the same in other words
#: ("the whole crew drowned" / "no sailor came home"): figures of one unit in them
#: count one thing even without a rare word in common.
PARAPHRASE = 0.15

#: Nouns that all count people ("40 persons", "36 people", "claimed 17 lives"): the dead
#: ("four deaths were entered" / "only 7 people died"), a translation's "17 Humans", and
#: the men of a crew, a garrison or a workforce ("12 men hauled the boat up" / "15
#: sailors hauled the boat up").
PEOPLE_NOUNS = frozenset(
    """people person persons individual individuals soul souls life lives human humans
    death deaths dead fatality fatalities man men sailors seamen soldiers workers workmen
    labourers laborers crewmen""".split()
)
#: Ratio beyond which figures in two units of one measure are of two things (see
#: _of_one_scale): sources that give one thing in two units give it within a few times
#: of each other ("800 metres" / "about 1.5 km" disagree by 1.9).
UNIT_SCALE = 3.0
#: The dimension a length measures, named by a word after its unit ("30 metres high", "9
#: miles wide", "8 metres in depth", "of 4 metres of height") or before its figure ("a
#: depth of 8 metres"): a mast's height and a quay's length are different things.
DIMENSIONS = {"high": "height", "tall": "height", "height": "height", "long": "length",
              "length": "length", "deep": "depth", "depth": "depth", "wide": "width",
              "broad": "width", "across": "width", "width": "width", "breadth": "width",
              "thick": "thickness", "thickness": "thickness", "diameter": "width"}
_DIMENSION_NOUNS = "height|length|depth|width|breadth|thickness|diameter"
_DIMENSION_BEFORE = re.compile(
    r"\b(?P<dim>" + _DIMENSION_NOUNS + r")\s+of\s+(?:(?:about|around|nearly|almost|roughly|some"
    r"|approximately|over|under|just|only|more\s+than|less\s+than|up\s+to)\s+)?$",
    re.IGNORECASE)
#: Words before a figure that make it a part of a count just given ("… 40 died, among
#: them 12 children", "including 3 pilots", "of whom 5 were …").
_PART = re.compile(r"\b(?:among\s+(?:them|whom|those|these|which)|including|of\s+(?:them|whom"
                   r"|these|those|which))\W*$", re.IGNORECASE)
#: Units of time: a duration ("lasted three years"), the time between two events ("a
#: week after the fire") or a wait ("waited ten years for a railway"); none is compared
#: with another.
DURATION, OFFSET, WAIT = "duration", "offset", "wait"
TIME_UNITS = (DURATION, OFFSET, WAIT)
#: A duration named by an ordinal and no amount ("the first day", "its final week"): which
#: one, not how many.
_ORDINAL_ONLY = re.compile(r"^(?:\w+\s+)?(?:" + "|".join(
    re.escape(w) for w in sorted(ORDINALS, key=len, reverse=True)) + r")\s+\w+$", re.IGNORECASE)
_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25, "DE": 3652.5, "CE": 36525.0}
_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)(DE|CE|[DWMY])$")
#: Words right after a duration that make it the time between two events ("a week after
#: the fire", "a century to the day after the fire", "ten years on, the town …") ...
_OFFSET = re.compile(r"^\W{0,2}(?:(?:to\s+the\s+(?:day|week|month|year)\s+)?(?:after|before|later"
                     r"|earlier|ago|since|prior)\b|on\s*(?:[,;:.!?]|$))", re.IGNORECASE)
#: ... unless a verb of lasting comes just before it ("it took three years before the
#: road was rebuilt" is how long the rebuilding lasted).
_LASTING = re.compile(r"\b(?:took|take|takes|taking|lasted|lasts|lasting|needed|needs|spent|"
                      r"waited|required)\b\W*$", re.IGNORECASE)
#: Waiting for something is the time until it, not how long it lasted: "the town waited
#: ten years for its railway" says nothing of how long the railway ran.
_WAITED_FOR = re.compile(r"\b(?:wait|waits|waited|waiting)\s+(?:(?:about|around|some|over|another"
                         r"|roughly)\s+)?$", re.IGNORECASE)
_FOR = re.compile(r"^\W{0,2}(?:for|until|till)\b", re.IGNORECASE)
_NEARLY = re.compile(r"\b(?:nearly|almost|close\s+to|just\s+short\s+of)\s*$", re.IGNORECASE)
_AT_MOST = re.compile(r"\b(?:less than|fewer than|under|within|in under|up to|at most|no more than)"
                      r"\s*$", re.IGNORECASE)
_AT_LEAST = re.compile(r"\b(?:more than|over|at least|upwards of|no less than|no fewer than)"
                       r"\s*$", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|around|approximately|roughly|some|circa|ca\.)"
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
    #: Content words next to the figure (what it is attached to), without the words of
    #: its unit and the nouns other figures in the sentence count.
    near: frozenset[str]
    #: The dimension a length measures ("height", "depth"), when the text names it.
    dimension: str | None = None
    #: True for a part of a count just given ("among them 12 children").
    part: bool = False
    #: The first content word of a clause narrowing the counted noun (stemmed): "trapp"
    #: for "12 people who were trapped in the mine".
    narrowed_by: str | None = None
    #: The noun as written ("km"), for a figure in a unit of a measure.
    noun: str = ""
    #: What the quantity is compared with others by: its measure ("length") when its
    #: unit is one of a measure's, else its unit.
    measure: str = ""
    #: How many of the measure's base unit (metres, square metres) its unit is.
    size: float = 1.0

    @property
    def base(self) -> float:
        """The value in its measure's base unit."""
        return self.value * self.size


def rounding_half(value: float) -> float:
    """Half the spread that rounding allows a figure, read from its digits.

    A figure without trailing zeros was written to its last digit: "79" and "17" are
    exact counts (± 0.5), "4.7" is ± 0.05. One ending in zeros may have been rounded to
    that place, but by no more than ROUNDING/2 of itself: "80" is 76–84 (a rounded 79),
    "1,200" is 1,150–1,250, while "40" is not a rounded 37.
    """
    digits = format_number(abs(value))
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1]) / 2
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or zeros == len(digits):
        return 0.5
    return max(0.5, min(10.0 ** zeros / 2, abs(value) * ROUNDING / 2))


def interval(value: float, hedge: str, half: float | None = None) -> tuple[float, float]:
    """The values a figure stands for, given the words just before it.

    ``half`` is the spread its rounding allows (see :func:`rounding_half`, the default);
    a bound ("more than") opens one side, an approximation ("about") widens both, and
    "nearly" reaches down only: "nearly 5 km" is not 4 km.
    """
    half = rounding_half(value) if half is None else half
    if _AT_MOST.search(hedge):
        return 0.0, value + half
    if _AT_LEAST.search(hedge):
        return value - half, math.inf
    if _NEARLY.search(hedge):
        return value * (1 - NEARLY), value + half
    if _ABOUT.search(hedge):
        half = max(half, value * APPROXIMATE)
    return value - half, value + half


def duration_days(value: str) -> float | None:
    """Days in a TIMEX3 duration ("P2W" → 14); None for anything else."""
    parsed = _duration(value)
    return parsed[0] if parsed else None


def _duration(value: str) -> tuple[float, float] | None:
    """Days in a TIMEX3 duration and the spread its rounding allows, in days: "three
    years" is 2.5–3.5 years, as "three" is 2.5–3.5."""
    match = _DURATION.match(value)
    if match is None:
        return None
    count, days = float(match.group(1)), _DAYS[match.group(2)]
    return count * days, rounding_half(count) * days


def count_unit(noun: str) -> str:
    """The unit a count is compared by: its words stemmed ("miles per hour" and "mile per
    hour" alike), and every noun for people as one."""
    low = noun.lower()
    return "people" if low in PEOPLE_NOUNS else " ".join(stem(IRREGULAR_PLURALS.get(w, w))
                                                         for w in low.split())


@lru_cache(maxsize=1 << 12)
def compared_as(noun: str) -> tuple[str, float]:
    """The measure a count is compared in and its unit's size in the measure's base unit:
    ("length", 1000.0) for "km", ("length", 0.9144) for "yards"; a noun of no measure is
    compared as its unit (:func:`count_unit`), size 1."""
    measure = measure_of(noun)
    return measure if measure else (count_unit(noun), 1.0)


def unit_words(unit: str) -> frozenset[str]:
    """The stemmed words a unit is written with: "foot" is also "feet"; these say nothing
    of what two figures of that unit measure."""
    words = unit.split()
    return frozenset(words) | {plural for plural, one in IRREGULAR_PLURALS.items() if one in words}


def collect_quantities(view: CorpusView, sentence_ids: Iterable[int]) -> list[Quantity]:
    """Counts with a unit noun and durations in the given sentences."""
    out = []
    for sid in sentence_ids:
        s = view.sentences[sid]
        if s.text.rstrip().endswith("?"):
            continue  # a question asserts no figure
        mentions = view.mentions.figures(sid)
        words = stems(s.text)
        # What the sentence's figures count: words attached to one figure that are
        # another's noun ("40 arches and took three years") say nothing of the first.
        nouns = frozenset(w for m in mentions if m.kind == "number" and m.unit
                          for w in unit_words(count_unit(m.unit)))
        blanked = _without_figures(s.text, s.start, mentions)
        for m in mentions:
            at, end = m.start - s.start, m.end - s.start
            before = s.text[max(0, at - 24):at]
            reading = _reading(m, before, s.text[end:])
            if reading is None:
                continue
            value, half, unit = reading
            measure, size = compared_as(m.unit) if m.kind == "number" and m.unit else (unit, 1.0)
            # The hedge is just before the figure, or inside a duration's own text
            # ("less than two weeks").
            low, high = interval(value, f"{before} {_leading_hedge(m.text)}".rstrip(), half)
            near = stems(_attached(blanked, at, end))
            after = s.text[end:]
            noun = m.unit if m.kind == "number" and unit != "people" else None
            out.append(Quantity(
                sid, s.doc_id, value, unit, low, high, m.text, words,
                near - nouns - unit_words(unit),
                dimension=_dimension(s.text[max(0, at - 48):at], after, noun) if noun else None,
                part=bool(_PART.search(before)),
                narrowed_by=_narrowed_by(after, m.unit) if m.kind == "number" and m.unit else None,
                noun=m.unit or "", measure=measure, size=size,
            ))
    return out


def _unit_end(after: str, noun: str) -> int | None:
    """Where the counted noun ends in the text after a figure (within four words), or None."""
    match = re.match(r"[\s-]*(?:[^\W\d_]+[\s-]+){0,3}?" + re.escape(noun.split()[0]) + r"\b",
                     after, re.IGNORECASE)
    return match.end() if match else None


def _dimension(before: str, after: str, noun: str) -> str | None:
    """The dimension a length measures, named after its unit ("8 metres deep", "8 metres in
    depth") or before its figure ("a depth of 8 metres"); None when the text names none."""
    found = _DIMENSION_BEFORE.search(before)
    if found:
        return DIMENSIONS[found.group("dim").lower()]
    end = _unit_end(after, noun)
    if end is None:
        return None
    word = re.match(r"[\s-]+(?:(?P<prep>in|of)\s+)?(?P<dim>[^\W\d_]+)", after[end:])
    if word is None:
        return None
    dim = word.group("dim").lower()
    if word.group("prep") and not re.fullmatch(_DIMENSION_NOUNS, dim):
        return None  # "9 miles in length" names one, "9 miles of road" none
    return DIMENSIONS.get(dim)


def _narrowed_by(after: str, noun: str) -> str | None:
    """The word of a clause that picks some of what a figure counts out of the rest, stemmed:
    "12 people who were trapped below" → "trapp"; None without such a clause.

    Only a clause saying what the counted things *were* or *had been* narrows them ("who
    were trapped", "that had been moored"): one saying what they did ("the 30 ships that
    sailed") describes the whole lot as often as a part.
    """
    end = _unit_end(after, noun)
    if end is None:
        return None
    clause = re.match(r"\s*(?:who|which|that)\s+(?:were|was|had\s+been|have\s+been|are)\s+"
                      r"(?P<rest>[^,.;:!?]*)", after[end:], re.IGNORECASE)
    if clause is None:
        return None
    words = content_words(clause.group("rest"))
    return stem(words[0]) if words else None


def _without_figures(text: str, offset: int, figures: Iterable[Mention]) -> str:
    """The sentence with its numbers and dates (``figures``) blanked out, same length:
    "three" in "three years" and in "three wagons" is no word the two figures share."""
    chars = list(text)
    for m in figures:
        chars[m.start - offset:m.end - offset] = " " * (m.end - m.start)
    return "".join(chars)


def _reading(m: Mention, before: str, after: str) -> tuple[float, float, str] | None:
    """A mention's value, the spread its rounding allows and its unit; None when it is
    neither a count with a noun nor a duration."""
    if m.kind == "number" and m.unit:
        value = float(m.value)
        return value, rounding_half(value), count_unit(m.unit)
    if m.kind == "date" and m.type == "DURATION":
        if _ORDINAL_ONLY.match(" ".join(m.text.split())):
            return None  # "the first day" says which day, not how many
        parsed = _duration(m.value)
        if parsed is None:
            return None
        if _WAITED_FOR.search(before) and _FOR.match(after):
            return *parsed, WAIT
        offset = bool(_OFFSET.match(after)) and not _LASTING.search(before)
        return *parsed, OFFSET if offset else DURATION
    return None


def _attached(text: str, start: int, end: int) -> str:
    """The words within NEAR characters of a figure, widened to whole words (a word cut
    in half would stem to a fragment that matches nothing)."""
    left, right = max(0, start - NEAR), min(len(text), end + NEAR)
    while left > 0 and text[left - 1].isalnum():
        left -= 1
    while right < len(text) and text[right].isalnum():
        right += 1
    return text[left:start] + " " + text[end:right]


def _leading_hedge(text: str) -> str:
    """The hedge words inside a mention's text, before its number ("less than two weeks")."""
    match = re.match(r"\D*?(?=\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve|a few|several)\b)", text, re.IGNORECASE)
    return match.group(0) if match else ""


def number_conflicts(view: CorpusView, sentence_ids: Iterable[int],
                     settings: Settings) -> list[Conflict]:
    """Conflicts between quantities of the same thing (across or within sources), in the
    given sentences and wherever else the corpus gives one of those things a figure."""
    context = set(sentence_ids)
    quantities = collect_quantities(view, sorted(context))
    quantities += _kindred(view, quantities, context, settings)
    by_measure: dict[str, list[Quantity]] = defaultdict(list)
    for q in quantities:
        by_measure[q.measure].append(q)
    conflicts = []
    for _, group in sorted(by_measure.items()):
        # Figures that stand side by side in one sentence measure different things
        # ("30 metres tall and 8 metres wide", "14 drowned and 90 were rescued").
        apart = _side_by_side(view, {q.sentence_id for q in group})
        by_sentence: dict[int, set[float]] = defaultdict(set)
        for q in group:  # durations given together ("one year before … the next five years")
            by_sentence[q.sentence_id].add(q.base)
        for values in by_sentence.values():
            apart |= {(a, b) for a in values for b in values if a != b}
        for component in _same_thing_components(view, group, settings, apart):
            conflict = _conflict(view, component)
            if conflict is not None:
                conflicts.append(conflict)
    return conflicts


def _kindred(view: CorpusView, quantities: list[Quantity], context: set[int],
             settings: Settings) -> list[Quantity]:
    """Quantities outside ``context`` that are about the same thing as one inside it: a
    source that gives a figure differently need not read like an answer to the question
    ("Only 7 people died, the register says." in a page asked why a ferry sank).

    Found without comparing every pair: only a sentence with a counted figure in a
    measure the context uses is read, and compared only with the context's sentences
    that are close to it (``RELATED``).
    """
    measures = {q.measure for q in quantities if q.unit not in TIME_UNITS}
    counted = view.memo("sentences_by_measure", lambda: _sentences_by_measure(view))
    outside = sorted({sid for measure in measures for sid in counted.get(measure, ())} - context)
    inside = sorted({q.sentence_id for q in quantities if q.measure in measures})
    if not outside or not inside:
        return []
    close: dict[int, set[int]] = defaultdict(set)
    for _, i, j in close_pairs(view.vector_matrix(outside), RELATED, view.vector_matrix(inside),
                               most=NEIGHBOURS):
        close[outside[i]].add(inside[j])
    by_sentence: dict[int, list[Quantity]] = defaultdict(list)
    for q in quantities:
        by_sentence[q.sentence_id].append(q)
    return [q for q in collect_quantities(view, sorted(close))
            if any(c.measure == q.measure and _about_one_thing(view, q, c, settings, set())
                   for sid in close[q.sentence_id] for c in by_sentence[sid])]


def _sentences_by_measure(view: CorpusView) -> dict[str, list[int]]:
    """The sentences giving a counted figure, by the measure it is compared in."""
    out: dict[str, list[int]] = defaultdict(list)
    for sid in view.sentences:
        for measure in {compared_as(m.unit)[0] for m in view.mentions.figures(sid)
                        if m.kind == "number" and m.unit}:
            out[measure].append(sid)
    return out


def _side_by_side(view: CorpusView, sentence_ids: set[int]) -> set[tuple[float, float]]:
    """Pairs of figures that some sentence gives together (whatever their units)."""
    apart: set[tuple[float, float]] = set()
    for sid in sentence_ids:
        values = [float(m.value) * compared_as(m.unit)[1] if m.unit else float(m.value)
                  for m in view.mentions.figures(sid) if m.kind == "number"]
        apart |= {(a, b) for a in values for b in values if a != b}
    return apart


#: Most figures a figure is compared with, its closest by sentence: enough for one thing
#: every source of a large corpus gives, while a flattened table of thousands of alike
#: lines is not compared pair by pair.
NEIGHBOURS = 60
#: Margin under the lowest cosine _about_one_thing accepts at which pairs are looked at
#: (float32 products may differ from it in the last digits).
_COSINE_SLACK = 1e-4


def _weight(view: CorpusView, words: Iterable[str]) -> float:
    return sum(view.idf(w) for w in words)


def _about_one_thing(view: CorpusView, a: Quantity, b: Quantity, settings: Settings,
                     apart: set[tuple[float, float]]) -> bool:
    """True when two quantities of one unit measure the same thing.

    Either their sentences say the same (close in meaning and sharing rare words, or
    closer still), or they are on one topic and the words attached to the figures agree:
    "all 40 sailors on board" and "all 36 sailors on board" count one thing though the
    rest of their sentences differ.
    """
    if a.sentence_id == b.sentence_id or a.part != b.part or not _narrowed_alike(a, b):
        return False  # a part and the whole, or a group the other's sentence does not name
    if not _of_one_scale(a, b) or _given_apart(a, b, apart):
        return False
    near = _weight(view, a.near & b.near)
    if a.unit in TIME_UNITS and not near:
        return False  # a duration has no noun: the words around it must say what lasted
    va, vb = view.vectors.vector(a.sentence_id), view.vectors.vector(b.sentence_id)
    if va is None or vb is None:
        return False
    cosine = float(va @ vb)
    shared = _weight(view, (a.words & b.words) - unit_words(a.unit) - unit_words(b.unit))
    return ((cosine >= settings.event_merge and shared >= SHARED_WEIGHT)
            or cosine >= settings.event_merge + PARAPHRASE
            or (cosine >= RELATED and near >= NEAR_WEIGHT))


def _of_one_scale(a: Quantity, b: Quantity) -> bool:
    """False for figures in two units of one measure that lie more than ``UNIT_SCALE``
    apart: the unit a writer picks tells the size of what is measured (a quay "700 feet
    long", the inlet it faces "4 miles long"), so such figures are of two things."""
    if a.size == b.size:
        return True
    low, high = sorted((abs(a.base), abs(b.base)))
    return high <= low * UNIT_SCALE


def _given_apart(a: Quantity, b: Quantity, apart: set[tuple[float, float]]) -> bool:
    """True when some sentence gives the two figures side by side: two different things.
    Figures in two units are matched by the ranges they allow, as a conversion is never
    exact: "12 m by 30 m" keeps "40 feet" (12.2 m) from "98 feet" (29.9 m)."""
    if (a.base, b.base) in apart:
        return True
    return a.size != b.size and any(
        a.low * a.size <= x <= a.high * a.size and b.low * b.size <= y <= b.high * b.size
        for x, y in apart)


def _narrowed_alike(a: Quantity, b: Quantity) -> bool:
    """False when one count is of a group its clause narrows ("people who were trapped")
    and the other's sentence does not name that group ("20 people died in the flood")."""
    return all(q.narrowed_by is None or q.narrowed_by in other.words
               for q, other in ((a, b), (b, a)))


def _same_thing_components(view: CorpusView, group: list[Quantity], settings: Settings,
                           apart: set[tuple[float, float]]) -> list[list[Quantity]]:
    parent = list(range(len(group)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Each component measures at most one dimension: a bare "30 metres" joins the heights
    # or the depths, never both. Links between figures of one named dimension go first.
    dimension = [q.dimension for q in group]
    # Only sentences close enough for some test of _about_one_thing are tested (found
    # vectorised: a corpus-wide survey holds thousands of figures of one measure).
    nearest = min(settings.event_merge, RELATED) - _COSINE_SLACK
    close = close_pairs(view.vector_matrix([q.sentence_id for q in group]), nearest,
                        most=NEIGHBOURS)
    links = sorted(((i, j) for _, i, j in close
                    if _about_one_thing(view, group[i], group[j], settings, apart)),
                   key=lambda ij: (group[ij[0]].dimension is None) + (group[ij[1]].dimension is None))
    for i, j in links:
        ri, rj = find(i), find(j)
        if ri == rj or (dimension[ri] and dimension[rj] and dimension[ri] != dimension[rj]):
            continue
        parent[rj] = ri
        dimension[ri] = dimension[ri] or dimension[rj]
    components: dict[int, list[Quantity]] = defaultdict(list)
    for i, q in enumerate(group):
        components[find(i)].append(q)
    return [c for c in components.values() if len(c) > 1]


def _conflict(view: CorpusView, component: list[Quantity]) -> Conflict | None:
    """One conflict when the quantities fall into two or more incompatible value sets."""
    sets: list[list[Quantity]] = []
    # Figures overlap when both can be the same figure ("17" and "18" touch but cannot).
    # What every member of a set allows (in base units) is the span from the largest low
    # to the smallest high; a figure overlaps each member exactly when it overlaps that
    # span, so a set is tested in one step, not member by member.
    spans: list[tuple[float, float]] = []
    for q in sorted(component, key=lambda q: (q.base, (q.high - q.low) * q.size)):
        low, high = q.low * q.size, q.high * q.size
        for k, (most_low, least_high) in enumerate(spans):
            if low < least_high and most_low < high:
                sets[k].append(q)
                spans[k] = (max(most_low, low), min(least_high, high))
                break
        else:
            sets.append([q])
            spans.append((low, high))
    if len(sets) < 2:
        return None
    # Figures in one unit are shown as figures; in several units of a measure, each with
    # its unit ("800 metres vs 1.5 km").
    units = {q.unit for q in component}
    unit = units.pop() if len(units) == 1 else component[0].measure
    values = []
    for held in sets:
        sources = tuple(dict.fromkeys(q.doc_id for q in held))
        values.append(ConflictValue(
            value=_shown(held[0], unit), sources=sources,
            evidence=tuple(view.evidence(sid) for sid in dict.fromkeys(q.sentence_id for q in held)),
        ))
    held_by: dict[str, set[int]] = defaultdict(set)
    for k, held in enumerate(sets):
        for q in held:
            held_by[q.doc_id].add(k)
    within = [d for d, ks in held_by.items() if len(ks) > 1]
    shown = " vs ".join(v.value for v in values)
    note = f"{shown}: the ranges do not overlap"
    if within:
        note += "; one source gives more than one value (within-source inconsistency)"
    dimension = next((q.dimension for q in component if q.dimension), None)
    return Conflict(kind="number", topic=_topic(unit, dimension), values=tuple(values), note=note)


def _topic(unit: str, dimension: str | None = None) -> str:
    if unit in MEASURES:
        return dimension or unit
    if unit == DURATION:
        return "duration"
    if unit == OFFSET:
        return "time between events"
    if unit == WAIT:
        return "time waited"
    return f"number of {unit} ({dimension})" if dimension else f"number of {unit}"


def _shown(q: Quantity, unit: str) -> str:
    if unit in MEASURES:
        return f"{' '.join(q.text.split())} {q.noun}"
    return " ".join(q.text.split()) if unit in TIME_UNITS else format_number(q.value)

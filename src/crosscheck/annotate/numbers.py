"""Numbers with the noun they count: "more than 4000 workers" -> 4000 workers.

Years and dates are the date tagger's; spans it claimed are passed in and skipped here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.annotate.dates_lexicon import (
    NUMBER_WORD,
    SCALES,
    SMALL_NUMBERS,
    TENS,
    month_number,
    number_value,
    weekday_number,
)

_SCALES = {**SCALES, "hundred": 100}
#: Spelled-out cardinals, one word each ("a couple of" and "a"/"an" are the date
#: tagger's business, not counts).
_WORDS = {w: v for w, v in SMALL_NUMBERS.items() if " " not in w and len(w) > 2} | TENS

_NUMBER = re.compile(
    r"(?<![\w.,:/-])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|[1-9]\d{0,2}(?:\.\d{3}){2,}"
    r"|[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+"
    r"|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s*(?:%|per\s?cent\b))?"
    r"(?![\w:/]|[.,]\d)",
    re.IGNORECASE,
)
#: A figure grouped by spaces, as French and the SI write it ("3 418 habitants"): groups
#: of three digits after the first.
_THOUSANDS_SPACES = re.compile(r"[1-9]\d{0,2}(?:[ \u00a0\u202f]\d{3})+")
#: A figure written with thousands points, as German and most of Europe write them
#: ("41.500 Schafe", "1.250.000"): two or more points, or one point before three digits
#: that end in a zero, which an English decimal would not write ("40.000" is not 40).
_THOUSANDS_POINTS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3}){2,}|[1-9]\d{0,2}\.\d\d0")
#: A spelled-out number read whole: "three hundred and twelve" is 312, not "twelve".
_WORD_NUMBER = re.compile(r"\b(?P<num>" + NUMBER_WORD + r")\b", re.IGNORECASE)
#: Words that qualify a number without being what it counts, with the common adjectives
#: of size, age and order that stand between a number and its noun ("9 high towers").
_SKIP = frozenset(
    """
    more than less over about around some nearly almost roughly approximately least
    at the a an of and or to up another other additional extra further elite new old
    his her their its our your my only just some all several very well
    high low tall short long wide deep broad narrow big small large great huge tiny
    heavy light main major minor whole full empty entire separate different similar
    single double young little first last next previous same
    """.split()
)
#: Plurals without an -s and their singulars: "a 30-foot mast" and "30 feet" count one unit.
IRREGULAR_PLURALS = {"feet": "foot", "men": "man", "women": "woman", "children": "child",
                     "teeth": "tooth", "mice": "mouse", "geese": "goose"}
#: Units of measure by the words that name them, with their size in the measure's base
#: unit (metres, square metres): a figure in any unit of a measure can be compared with
#: one in another ("about 1.5 km" / "800 metres" / "roughly 870 yards").
MEASURES: dict[str, dict[str, float]] = {
    "length": {
        **dict.fromkeys("m metre metres meter meters".split(), 1.0),
        **dict.fromkeys("km kilometre kilometres kilometer kilometers".split(), 1000.0),
        **dict.fromkeys("cm centimetre centimetres centimeter centimeters".split(), 0.01),
        **dict.fromkeys("mm millimetre millimetres millimeter millimeters".split(), 0.001),
        **dict.fromkeys("ft foot feet".split(), 0.3048),
        **dict.fromkeys("in inch inches".split(), 0.0254),
        **dict.fromkeys("yd yds yard yards".split(), 0.9144),
        **dict.fromkeys("mi mile miles".split(), 1609.344),
    },
    "area": {**dict.fromkeys("acre acres".split(), 4046.856),
             **dict.fromkeys("ha hectare hectares".split(), 10000.0)},
}
#: Nouns counted in the plural without an -s: a number before one of these counts it.
_PLURAL_NOUNS = frozenset(IRREGULAR_PLURALS) | frozenset(
    "people cattle police staff personnel".split())
_STOP_AFTER = frozenset("""
    of in on at by for from with and or to as was were is are
    """.split())
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
#: A rate after a unit: "per hour", "per square metre", "an hour", "/h" (but "a week
#: later" is when, not a rate).
_RATE = re.compile(
    r"/(?P<slash>[A-Za-z]+)\b|\s+(?:per\s+(?P<per>(?:(?:square|cubic)\s+)?[A-Za-z]+)"
    r"|an?\s+(?P<each>hour|minute|second|day|week|month|year)"
    r"(?!\s+(?:later|after|before|earlier|ago)\b))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in a text (offsets relative to it), its value and its unit noun."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in taken)


def unit_after(text: str, pos: int) -> str | None:
    """The noun a number counts: the first content word of the next four, lower-cased,
    with the rate it is given per ("miles per hour", "kg per square metre").

    A capitalised word is usually a modifier ("300 French soldiers"), so the search goes
    on to a plural after it; but text that capitalises its nouns (translations, titles:
    "40 Persons in the Car", "17 People lost") has no lower-case noun there, and then
    the last word of the first capitalised run is the noun.
    """
    proper: tuple[str, int] | None = None
    run_open = True
    for match in list(_TOKEN.finditer(text, pos))[:4]:
        between = text[pos:match.start()]
        if re.search(r"[.;:!?()\[\]]", between):
            break
        word = match.group(0)
        low = word.lower()
        if low in _STOP_AFTER or _names_a_day_or_month(word):
            break  # "3 Tue Oct 9, 2012": a date after a post number counts nothing
        if low in _SKIP or low in _SCALES or low in _WORDS:
            run_open = proper is None
            pos = match.end()
            continue
        if word[0].isupper():
            if run_open:
                proper = low, match.end()
            pos = match.end()
            continue
        if proper is None or looks_plural(low):
            return _with_rate(text, _without_size(low), match.end())
        break
    return _with_rate(text, *proper) if proper else None


def _without_size(word: str) -> str:
    """A hyphenated noun without the adjective of size it ends in: "a 30-foot-high mast"
    counts feet ("foot-high" → "foot"); what the length measures is read later."""
    head, _, tail = word.rpartition("-")
    return head if head and tail in _SKIP else word


def _names_a_day_or_month(word: str) -> bool:
    """True for a capitalised month or weekday, or its abbreviation ("Sept", "Thu"): never
    a counted noun (in lower case "may", "march" and "sun" are other words)."""
    return word[0].isupper() and (month_number(word) is not None
                                  or weekday_number(word) is not None)


def _with_rate(text: str, noun: str, end: int) -> str:
    """The noun, or the rate it starts ("miles an hour" → "miles per hour"): a speed
    is not a length, though both are counted in miles."""
    rate = _RATE.match(text, end)
    if rate is None:
        return noun
    per = " ".join((rate.group("per") or rate.group("each") or rate.group("slash")).lower().split())
    return f"{noun} per {per}"


def looks_plural(word: str) -> bool:
    """True for a lower-case word shaped like a plural noun ("ships", "people")."""
    return word in _PLURAL_NOUNS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")))


def tag_numbers(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[NumberMention]:
    """Numbers in ``text`` outside the ``taken`` spans (those already tagged as dates)."""
    found: list[NumberMention] = []
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if _overlaps(start, end, taken):
            continue
        value = number_read(match.group("num"))
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        unit = "percent" if match.group("pct") else unit_after(text, end)
        found.append(NumberMention(start, end, match.group(0), value, unit))
    for match in _WORD_NUMBER.finditer(text):
        start, end = match.span()
        if _overlaps(start, end, taken) or _overlaps(start, end, [(n.start, n.end) for n in found]):
            continue
        value = number_value(match.group("num")) or 0.0
        unit = unit_after(text, end)
        # Spelled-out numbers are common as pronoun-like words ("one of them"); keep
        # them only when they count a plural noun.
        if unit and (unit.endswith("s") or unit.split()[0] in _PLURAL_NOUNS) and value >= 2:
            found.append(NumberMention(start, end, match.group(0), value, unit))
    return sorted(found, key=lambda n: n.start)


def number_read(digits: str) -> float:
    """The value of a figure's digits: "1,250", "1 250" and "1.250.000" by their thousands
    marks, "3.5" as a decimal (see ``_THOUSANDS_POINTS``)."""
    if _THOUSANDS_POINTS.fullmatch(digits):
        return float(digits.replace(".", ""))
    if _THOUSANDS_SPACES.fullmatch(digits):
        return float("".join(digits.split()))
    return float(digits.replace(",", ""))


def measure_of(noun: str) -> tuple[str, float] | None:
    """The measure a unit noun belongs to and its size in the measure's base unit
    ("yards" → ("length", 0.9144)); None for a noun that is no unit of measure."""
    low = noun.lower()
    return next(((measure, sizes[low]) for measure, sizes in MEASURES.items() if low in sizes), None)


def format_number(value: float) -> str:
    """A number as a plain decimal string: 4000, 1500000, 2.5."""
    return str(int(value)) if value == int(value) else f"{value:g}"

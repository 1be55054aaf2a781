"""Words of English temporal expressions, as regex fragments and lookup tables.

Kept apart from the rules so that a rule reads as a sentence of named fragments
(``MONTH``, ``DAY``, ``YEAR``...) rather than as a wall of alternations.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
#: The first month of each season (northern hemisphere), to order seasons against dates.
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": -1, "final": -1,
}
UNITS: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
}
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1, "dozen": 12, "a dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
#: Number words that multiply what comes before them ("six million").
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: Quantities that name no number: the TIMEX3 value gets an ``X`` in its place.
VAGUE_QUANTITIES = ("several", "a few", "few", "some", "many", "a number of", "the few")


def _alternation(words: list[str]) -> str:
    """A regex alternation of words, longest first so that the longer one wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _name_forms(words: list[str]) -> str:
    """Capitalised and upper-case forms only: "may" and "march" in lower case are verbs."""
    return _alternation([w.capitalize() for w in words] + [w.upper() for w in words])


MONTH = (
    r"(?:" + _name_forms(list(MONTHS)) + r"|(?:"
    + _name_forms(list(MONTH_ABBREVIATIONS)) + r")\.?)(?![\w'])"
)
MONTH_FULL = r"(?:" + _name_forms(list(MONTHS)) + r")(?![\w'])"
WEEKDAY = (
    r"(?:" + _name_forms(list(WEEKDAYS)) + r"|(?:"
    + _name_forms(list(WEEKDAY_ABBREVIATIONS)) + r")\.(?!\w))"
)
SEASON = r"(?i:" + _alternation(list(SEASONS)) + r")"
DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: A four-digit year that is plausibly a calendar year; guards against counts live in rules.
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)"
_TEN_WORDS = _alternation(list(TENS))
_SMALL_WORDS = _alternation([w for w in SMALL_NUMBERS if " " not in w and len(w) > 2])
_BELOW_HUNDRED = (
    r"(?:(?:" + _TEN_WORDS + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|" + _SMALL_WORDS + r")"
)
_BELOW_THOUSAND = (
    r"(?:" + _BELOW_HUNDRED + r"(?:[\s-]+hundred(?:[\s-]+(?:and\s+)?" + _BELOW_HUNDRED + r")?)?)"
)
#: A spelled-out cardinal read whole: "seven", "forty-two", "three hundred and twelve",
#: "one hundred twenty", "two thousand and nine", "six million" (not "twelve" of
#: "three hundred and twelve").
NUMBER_WORD = (
    _BELOW_THOUSAND + r"(?:[\s-]+(?:thousand|million|billion|trillion)(?:[\s-]+(?:and\s+)?"
    + _BELOW_THOUSAND + r")?)*"
)
NUMBER = (
    r"(?i:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?|" + NUMBER_WORD
    + r"(?:\s+and\s+a\s+half)?|a\s+couple\s+of|couple\s+of|a\s+dozen"
    + r"|an?\s+(?:hundred|thousand)(?:\s+(?:and\s+)?" + _BELOW_HUNDRED + r")?|an?|"
    + _alternation(list(VAGUE_QUANTITIES)) + r")"
)
UNIT = (
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?"
    r"|quarters?|years?|decades?|century|centuries|millennium|millennia)"
)
UNIT_PLURAL = r"(?i:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)"


def number_value(words: str) -> float | None:
    """The number a quantity phrase names, or None when it is vague ("several")."""
    s = " ".join(words.lower().replace("-", " ").split())
    if s in VAGUE_QUANTITIES:
        return None
    half = 0.0
    if s.endswith(" 1/2") or s.endswith(" and a half"):
        half = 0.5
        s = s.removesuffix(" 1/2").removesuffix(" and a half")
    if s in SMALL_NUMBERS:
        return SMALL_NUMBERS[s] + half
    digits = s.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) + half
    total = group = 0  # "two thousand three hundred and six": 2000 + (3 * 100 + 6)
    for word in s.split():
        if word in ("hundred", "dozen"):
            group = max(group, 1) * (100 if word == "hundred" else 12)
        elif word in TENS:
            group += TENS[word]
        elif word in SMALL_NUMBERS:
            group += SMALL_NUMBERS[word]
        elif word in SCALES:
            total += max(group, 1) * SCALES[word]
            group = 0
        elif word != "and":
            return None
    return total + group + half


def month_number(word: str) -> int | None:
    """1–12 for a month name or abbreviation ("Sept."), else None."""
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBREVIATIONS.get(w)


def weekday_number(word: str) -> int | None:
    """0 (Monday)–6 for a weekday name or abbreviation, else None."""
    w = word.lower().rstrip(".")
    found = WEEKDAYS.get(w)
    return found if found is not None else WEEKDAY_ABBREVIATIONS.get(w)


def unit_code(word: str) -> str:
    """The internal code of a unit word ("years" -> "Y", "hours" -> "H")."""
    w = word.lower()
    if w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return UNITS.get(w, "X")

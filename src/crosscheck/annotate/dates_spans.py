"""Rules for lengths of time and repetitions: "less than two weeks" (P2W), "a five-year
period" (P5Y), "for years" (PXY), "every month" (SET P1M), "twice a week".

Span conventions follow TimeBank: "nearly", "more than", "at least" and a leading
"the past"/"the first" belong to the expression; "about", "over" and "within" do not.
"""

from __future__ import annotations

import re

from crosscheck.annotate.dates_calendar import duration_value
from crosscheck.annotate.dates_context import Context, Found, Rule
from crosscheck.annotate.dates_lexicon import (
    MONTH_FULL,
    NUMBER,
    SEASON,
    SEASONS,
    UNIT,
    UNIT_PLURAL,
    WEEKDAY,
    month_number,
    number_value,
    unit_code,
    weekday_number,
)

L = r"(?<![\w$£€#-])"
R = r"(?![\w])"
_LEAD = (
    r"(?i:(?:the|its|their|his|her|a|an)\s+)?(?i:past|last|next|first|coming|previous|following"
    r"|final|latest|remaining|initial|entire|whole|full|same|additional|further|other)\s+"
)
_MOD = (
    r"(?i:more\s+than|less\s+than|fewer\s+than|nearly|almost|at\s+least|up\s+to|no\s+more\s+than"
    r"|no\s+less\s+than|at\s+most|as\s+(?:many|long|much|few)\s+as)\s+"
)


def read_duration(m: re.Match[str], ctx: Context) -> list[Found]:
    """two years / the past three months / nearly four years / 48 hours / five-year."""
    amount = number_value(m["n"])
    unit = unit_code(m["u"])
    if unit == "X":
        return []
    # "a [16-hour] flight", "the [two-week] crisis": an adjective is tagged without its article.
    adjective = "-" in m[0][m.end("n") - m.start():m.start("u") - m.start()]
    bare_article = not m["lead"] or m["lead"].lower().strip() in ("the", "a", "an")
    start = m.start("n") if adjective and bare_article else m.start()
    return [Found(start, m.end(), duration_value(amount, unit), "DURATION")]


def duration_guard(m: re.Match[str], text: str) -> bool:
    """Reject counts that only look like lengths: "a second time", "a quarter of"."""
    n = m["n"].lower()
    unit = m["u"].lower()
    after = text[m.end():m.end() + 12]
    aged = m[0].lower().endswith("-old") or re.match(r"(?i)[\s-]+old\b", after)
    if unit.startswith("year") and aged:
        return False  # an age ("a 6-year-old boy"), which TimeML does not mark
    if unit.startswith("quarter") and re.match(r"\s+of\b", after):
        return False
    if unit == "second" and n in ("a", "the") and re.match(r"\s+[a-z]", after):
        return False
    if n in ("a", "an") and unit in ("day", "night") and re.match(r"\s+(?:or|and)\s", after):
        return True
    # "one day he left": an indefinite point in time, not a length.
    length_cue = re.search(r"(?i)\b(?:for|in|within|after|than|about)\s+$", text[:m.start()])
    return not (m[0].lower().endswith("one day") and not m["lead"] and not length_cue
                and re.match(r"\s*,?\s+[a-z]", after))


def read_vague_plural(m: re.Match[str], ctx: Context) -> list[Found]:
    """for years / recent months / the coming weeks -> PXY, PXM, PXW."""
    return [Found(m.start("span"), m.end(), duration_value(None, unit_code(m["u"])), "DURATION")]


def read_unit_long(m: re.Match[str], ctx: Context) -> list[Found]:
    """day-long / decades-long / year-old: adjectives that name a length."""
    unit_word = m["u"].lower()
    amount = None if unit_word.endswith("s") else 1.0
    return [Found(m.start(), m.end(), duration_value(amount, unit_code(unit_word)), "DURATION")]


_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
                "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H", "quarterly": "P3M",
                "biweekly": "P2W", "fortnightly": "P2W", "biannually": "P6M",
                "semiannually": "P6M"}


def set_adverb_guard(m: re.Match[str], text: str) -> bool:
    """"quarterly" before a noun ("its quarterly dividend") names a kind of report, not a
    repetition in time; TimeML leaves it untagged."""
    if m[0].lower() != "quarterly":
        return True
    return not re.match(r"\s+(?!and\b|or\b|basis\b|through\b|since\b|until\b)[a-z]", text[m.end():])


def read_set_adverb(m: re.Match[str], ctx: Context) -> list[Found]:
    """daily / weekly / annually -> SET P1D / P1W / P1Y."""
    return [Found(m.start(), m.end(), _SET_ADVERBS[m[0].lower()], "SET")]


def read_set_every(m: re.Match[str], ctx: Context) -> list[Found]:
    """every year / each month / every two weeks / each Thursday / every July."""
    if m["u"]:
        amount = number_value(m["n"]) if m["n"] else 1.0
        if m["other"]:
            amount = 2.0
        return [Found(m.start(), m.end(), duration_value(amount or 1, unit_code(m["u"])), "SET")]
    name = m["name"]
    weekday = weekday_number(name)
    if weekday is not None:
        return [Found(m.start(), m.end(), f"XXXX-WXX-{weekday + 1}", "SET")]
    month = month_number(name)
    if month is not None:
        return [Found(m.start(), m.end(), f"XXXX-{month:02d}", "SET")]
    return [Found(m.start(), m.end(), f"XXXX-{SEASONS[name.lower()]}", "SET")]


def read_set_rate(m: re.Match[str], ctx: Context) -> list[Found]:
    """twice a week / $1 billion a year / 40 hours per week -> SET."""
    start = m.start() if m["freq"] else m.start("span")
    return [Found(start, m.end(), duration_value(1, unit_code(m["u"])), "SET")]


def rate_guard(m: re.Match[str], text: str) -> bool:
    """"a year" is a rate only after a frequency or an amount ("$5 a year", "twice a week")."""
    if m["freq"]:
        return True
    before = text[max(0, m.start("span") - 30):m.start("span")]
    return bool(re.search(r"(?i)(?:\d|%|percent|dollars?|cents?|million|billion|thousand"
                          r"|hours?|miles|times|tons?|barrels|pounds|euros|yen)\s*$", before))


def _rule(name: str, pattern: str, read: object, guard: object = None) -> Rule:
    return Rule(name, re.compile(pattern), read, guard)  # type: ignore[arg-type]


SPAN_RULES: list[Rule] = [
    _rule("set_rate", r"(?:(?P<freq>(?i:once|twice|thrice|\w+\s+times))\s+)?(?P<span>(?<![\w-])"
          r"(?i:a|an|per)\s+)(?P<u>(?i:second|minute|hour|day|night|week|month|quarter|year))" + R,
          read_set_rate, rate_guard),
    _rule("duration", L + r"(?P<lead>" + _LEAD + r"|(?i:the)\s+(?!an?\s))?(?:" + _MOD + r")?(?P<n>"
          + NUMBER + r")(?:\s+(?i:more|additional|full|straight|consecutive|long|trading|business"
          r"|working|calendar))?(?:\s+|\s*-\s*)(?P<u>" + UNIT + r")(?:-(?i:long|old))?" + R,
          read_duration, duration_guard),
    _rule("vague_plural", r"(?P<span>(?<![\w-])(?:(?i:the\s+)?(?i:recent|past|last|next|coming"
          r"|few|several|many|early|ensuing|intervening|following)\s+(?:(?i:few|several|many)\s+)?"
          r"|(?<=(?i:for)\s)|(?<=(?i:within)\s)|(?<=(?i:in)\s)(?=(?i:years|decades|centuries)\b)))"
          r"(?P<u>" + UNIT_PLURAL + r")" + R, read_vague_plural),
    _rule("unit_long", L + r"(?P<u>(?i:day|week|month|year|decade|days|weeks|months|years|decades"
          r"|centuries))-(?i:long|old)" + R, read_unit_long),
    _rule("set_adverb", L + r"(?i:daily|nightly|weekly|monthly|yearly|annually|hourly|quarterly"
          r"|biweekly|fortnightly|biannually|semiannually)" + R, read_set_adverb, set_adverb_guard),
    _rule("set_every", L + r"(?i:every|each|per)\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<n>" + NUMBER
          + r")\s+)?(?:(?P<u>" + UNIT + r")|(?P<name>" + WEEKDAY + r"|" + MONTH_FULL + r"|" + SEASON
          + r"))" + R, read_set_every),
]

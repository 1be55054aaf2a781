"""Rules for expressions that count from another time: "yesterday", "last fall", "the next
day", "two years later", weekdays, parts of days and fiscal quarters.

Which time they count from is :mod:`dates_context`'s business: deictic words use the
document date, anaphoric ones the last date the text named.
"""

from __future__ import annotations

import re

from crosscheck.annotate.dates_absolute import PART
from crosscheck.annotate.dates_calendar import (
    CalendarPoint,
    duration_value,
    iso_week_value,
    shift,
    weekday_near,
)
from crosscheck.annotate.dates_context import Context, Found, Rule, clause_tense, sounds_future
from crosscheck.annotate.dates_lexicon import (
    DAY_PARTS,
    MONTH_FULL,
    NUMBER,
    SEASON,
    SEASON_START_MONTH,
    SEASONS,
    UNIT,
    WEEKDAY,
    YEAR4,
    month_number,
    number_value,
    unit_code,
    weekday_number,
)

L = r"(?<![\w$£€#-])"
R = r"(?![\w-])"

_DEICTIC_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                  "the day before yesterday": -2, "the day after tomorrow": 2}


def period_value(point: CalendarPoint, unit: str) -> str:
    """The TIMEX3 value of the period of kind ``unit`` that contains ``point``."""
    day = point.as_date()
    if unit == "D":
        if day:
            return point.value()
        return f"{point.value()}-XX" if point.month else f"{point.year:04d}-XX-XX"
    if unit in ("W", "WE"):
        week = iso_week_value(day) if day else f"{point.year:04d}-WXX"
        return week + ("-WE" if unit == "WE" else "")
    if unit == "M":
        return f"{point.year:04d}-{point.month:02d}" if point.month else f"{point.year:04d}"
    if unit == "Q":
        quarter = (point.month - 1) // 3 + 1 if point.month else "X"
        return f"{point.year:04d}-Q{quarter}"
    if unit == "DE":
        return f"{point.year // 10:03d}X"
    if unit == "CE":
        return f"{point.year // 100:02d}XX"
    return f"{point.year:04d}"


def _quarter_shift(value: str, years: int) -> str | None:
    """A quarter value moved by whole years ("1989-Q3", -1 -> "1988-Q3")."""
    m = re.fullmatch(r"(\d{4})-(Q\d|H\d)", value)
    return f"{int(m[1]) + years:04d}-{m[2]}" if m else None


def read_deictic_day(m: re.Match[str], ctx: Context) -> list[Found]:
    """today / yesterday / tomorrow / tonight, from the document date."""
    word = " ".join(m[0].lower().split())
    base = ctx.speech_time()
    if base is None or base.as_date() is None:
        if word in ("today", "tonight") and base is None:
            return [Found(m.start(), m.end(), "PRESENT_REF")]
        return []
    point = shift(base, "D", _DEICTIC_SHIFT[word])
    if word == "tonight":
        return [Found(m.start(), m.end(), point.value() + "TNI", "TIME", relative=True)]
    return [Found(m.start(), m.end(), point.value(), relative=True)]


_REF_WORDS = {
    # Words left out on purpose: "soon", "previously", "eventually", "shortly" and the
    # adjective "recent" are tagged as false alarms more often than not in TimeBank
    # (e.g. "soon": 13 false alarms against 4 gold).
    "PRESENT_REF": ("now", "currently", "nowadays", "these days", "at present", "presently",
                    "the present", "current", "at the moment"),
    "PAST_REF": ("recently", "lately", "the past"),
    "FUTURE_REF": ("the future", "the near future", "the near term", "the long term",
                   "the short term", "someday"),
}
_REF_OF = {w: ref for ref, words in _REF_WORDS.items() for w in words}


def read_ref(m: re.Match[str], ctx: Context) -> list[Found]:
    """now -> PRESENT_REF, recently -> PAST_REF, the future -> FUTURE_REF."""
    word = " ".join(m["ref"].lower().split())
    return [Found(m.start("ref"), m.end("ref"), _REF_OF[word])]


def ref_guard(m: re.Match[str], text: str) -> bool:
    """Skip uses that are not about time: "the present tense", "current account"."""
    word = m["ref"].lower()
    after = text[m.end():m.end() + 20]
    if word == "the present" and re.match(r"\s+[a-z]", after):
        return False
    if word == "future" and (not m["ref"].islower() or re.match(r"\s+(?:of|tense)\b", after)):
        return False
    if word == "current" and not re.match(r"\s+[a-z]", after):
        return False
    not_time = r"(?i)\s+(?:account|affairs|events|flow|density|source)"
    return not (word == "current" and re.match(not_time, after))


_DEICTIC_REL = {"this": 0, "current": 0, "the current": 0, "the current fiscal": 0,
                "last": -1, "past": -1, "next": 1, "coming": 1}
_ANAPHORIC_REL = {"that": 0, "the same": 0, "the": 0, "the previous": -1, "the preceding": -1,
                  "the prior": -1, "the following": 1, "the next": 1, "the ensuing": 1}
_ENDED = re.compile(r"\s+(?:that\s+|which\s+)?(?i:ended|ending|ends)\b")
_SPAN_REL = ("the past", "the last", "the coming", "the whole", "the entire", "the full",
             "the first", "the final", "the latest")


def read_unit_period(m: re.Match[str], ctx: Context) -> list[Found]:
    """this year / last week / the next day / that month / the end of the year."""
    rel = " ".join((m["rel"] or "the").lower().split())
    unit = unit_code(m["u"].split()[-1])
    if rel == "the" and m["u"][:1].isupper() and not (m["rel"] or "").istitle():
        return []  # "the children of the Quarter": a part of a town, a noun capitalised
    if (rel == "the latest" and unit == "Q") or (rel == "last" and unit == "Q"):
        base = ctx.speech_time()
        return [] if base is None or base.month is None else [
            Found(m.start(), m.end(), period_value(shift(base, "Q", -1), "Q"), relative=True,
                  reports_period=True)]
    if rel in _SPAN_REL or (unit == "Y" and rel == "the" and _ENDED.match(ctx.text, m.end())):
        # "the past year", and "the year ended March 31": twelve months up to a day.
        return [Found(m.start(), m.end(), duration_value(1, unit), "DURATION")]
    if unit == "WE" and rel in ("the", "this", "last", "next", "past", "coming"):
        return _weekend(m, ctx, rel)
    if rel in _DEICTIC_REL:
        base, amount = ctx.speech_time(), _DEICTIC_REL[rel]
    elif rel in _ANAPHORIC_REL:
        base, amount = ctx.narrative_time(need_day=unit in ("D", "W", "WE")), _ANAPHORIC_REL[rel]
        if rel in ("the", "that") and unit == "Q" and ctx.reported_period:
            return [Found(m.start(), m.end(), ctx.reported_period, relative=True)]
        if rel == "the" and unit == "Q" and ctx.anchor and ctx.anchor.month:
            base, amount = ctx.anchor, -1
    else:
        return []
    if base is None:
        return []
    point = shift(base, "D" if unit == "WE" else unit, amount)
    point_to_note = point if unit == "D" and point.day else None
    value = period_value(point, unit)
    return [Found(m.start(), m.end(), value, relative=True, point=point_to_note,
                  reports_period=unit == "Q")]


def _weekend(m: re.Match[str], ctx: Context, rel: str) -> list[Found]:
    """the weekend / this weekend / last weekend: the last one on or before the time of
    writing, or the next one when the word or the clause looks forward."""
    base = ctx.speech_time()
    today = base.as_date() if base else None
    if today is None:
        return []
    forward = rel in ("next", "coming") or (
        rel in ("the", "this") and clause_tense(ctx.text, m.start()) == "future")
    saturday = weekday_near(today, 5, 1 if forward else -1)
    if not forward and today.weekday() == 6:
        saturday = today.fromordinal(today.toordinal() - 1)
    if rel == "next" and today.weekday() >= 5:
        saturday = saturday.fromordinal(saturday.toordinal() + 7)
    return [Found(m.start(), m.end(), iso_week_value(saturday) + "-WE", relative=True)]


def unit_period_guard(m: re.Match[str], text: str) -> bool:
    """A bare "the day"/"the year" is too vague unless a part word ("the end of") leads it."""
    rel = " ".join((m["rel"] or "").lower().split())
    unit = m["u"].lower()
    if not rel and not m["part"]:
        return False
    if rel in ("the", "") and unit in ("month", "day") and not m["part"]:
        return False
    return not (rel in ("past", "the next") and unit in ("century", "decade"))


def _season_year(base: CalendarPoint, start_month: int, direction: int) -> int:
    """The year of the last (-1), current (0) or next (+1) occurrence of a month or season."""
    if direction == 0 or base.month is None:
        return base.year + direction
    if direction < 0:
        return base.year if start_month < base.month else base.year - 1
    return base.year if start_month > base.month else base.year + 1


def read_named_relative(m: re.Match[str], ctx: Context) -> list[Found]:
    """last fall / next March / last Monday / the following spring / that summer."""
    rel = " ".join(m["rel"].lower().split())
    deictic = rel in ("last", "next", "this", "past", "coming")
    base = ctx.speech_time() if deictic else ctx.narrative_time()
    if base is None:
        return []
    direction = {"last": -1, "past": -1, "the previous": -1, "the preceding": -1,
                 "next": 1, "coming": 1, "the following": 1, "the next": 1}.get(rel, 0)
    name = m["name"]
    weekday = weekday_number(name)
    if weekday is not None:
        day = base.as_date()
        if day is None:
            return []
        if direction:
            day = day.fromordinal(day.toordinal() + direction)
        found = weekday_near(day, weekday, direction or 1)
        point = CalendarPoint(found.year, found.month, found.day)
        return [Found(m.start(), m.end(), point.value(), relative=True, point=point)]
    month = month_number(name)
    if month is not None:
        year = _season_year(base, month, direction)
        point = CalendarPoint(year, month)
        return [Found(m.start(), m.end(), point.value(), relative=True, point=point)]
    season = SEASONS[name.lower()]
    year = _season_year(base, SEASON_START_MONTH[season], direction)
    return [Found(m.start(), m.end(), f"{year:04d}-{season}", relative=True)]


def season_guard(m: re.Match[str], text: str) -> bool:
    """A capitalised season before a capitalised word names a thing: "the Summer Games"."""
    return m["season"].islower() or not re.match(r"\s+[A-Z][a-z]", text[m.end():])


def read_season_alone(m: re.Match[str], ctx: Context) -> list[Found]:
    """in the summer / by spring: the season of the year in context, found as for a
    month without a year (its middle month)."""
    season = SEASONS[m["season"].lower()]
    year = ctx.year_for(SEASON_START_MONTH[season] % 12 + 1, None, m.start("season"))
    value = f"{year:04d}-{season}" if year else f"XXXX-{season}"
    return [Found(m.start("span"), m.end(), value, relative=year is not None)]


def read_weekday(m: re.Match[str], ctx: Context) -> list[Found]:
    """Friday: the last Friday on or before the document date, or the next if the clause
    looks forward ("will meet Friday")."""
    base = ctx.speech_time()
    weekday = weekday_number(m["wd"])
    if weekday is None:
        return []
    if base is None or base.as_date() is None:
        return [Found(m.start(), m.end(), f"XXXX-WXX-{weekday + 1}")]
    today = base.as_date()
    assert today is not None
    day = weekday_near(today, weekday, 1 if sounds_future(ctx.text, m.start()) else -1)
    point = CalendarPoint(day.year, day.month, day.day)
    return [Found(m.start(), m.end(), point.value(), relative=True, point=point)]


def read_day_part(m: re.Match[str], ctx: Context) -> list[Found]:
    """Friday morning / last night / this afternoon / tonight -> 1998-02-06TMO."""
    head = " ".join((m["head"] or "today").lower().split())
    part = DAY_PARTS.get(m["part"].lower(), "NI")
    weekday = weekday_number(head)
    if weekday is not None:
        base = ctx.speech_time()
        day = base.as_date() if base else None
        if day is None:
            return [Found(m.start(), m.end(), f"XXXX-WXX-{weekday + 1}T{part}", "TIME")]
        found = weekday_near(day, weekday, 1 if sounds_future(ctx.text, m.start()) else -1)
        return [Found(m.start(), m.end(), f"{found.isoformat()}T{part}", "TIME", relative=True)]
    deictic = head in ("this", "last", "today", "yesterday", "tomorrow", "overnight")
    base = ctx.speech_time() if deictic else ctx.narrative_time()
    if base is None or base.as_date() is None:
        return []
    amount = {"last": -1, "yesterday": -1, "tomorrow": 1, "the following": 1, "the next": 1,
              "the previous": -1, "overnight": -1}.get(head, 0)
    if head == "last" and part != "NI":
        amount = -1
    point = shift(base, "D", amount)
    return [Found(m.start(), m.end(), f"{point.value()}T{part}", "TIME", relative=True)]


def read_offset(m: re.Match[str], ctx: Context) -> list[Found]:
    """two years ago / a year earlier / three days later: a date counted from another."""
    direction = m["dir"].lower().split()[0]
    deictic = direction in ("ago", "from", "hence")
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    amount = number_value(m["n"]) if m["n"] else None
    unit = unit_code(m["u"])
    if amount is None:
        if direction == "ago":
            return [Found(m.start(), m.end(), "PAST_REF")]
        # "A few days later": only the length can be written down.
        return [Found(m.start(), m.start("dir"), duration_value(None, unit), "DURATION")]
    base = ctx.speech_time() if deictic else ctx.narrative_time()
    if base is None:
        return []
    steps = int(amount) * sign
    recent = ctx.reported_period
    if unit == "Y" and recent and steps < 0:
        # "profit rose in the third quarter from a year ago": the same quarter, a year back.
        quarter = _quarter_shift(recent, steps)
        if quarter:
            return [Found(m.start(), m.end(), quarter, relative=True)]
    if unit in ("H", "MIN", "S"):
        return []
    if unit in ("W", "FN"):
        unit, steps = "D", steps * (14 if unit == "FN" else 7)
    point = shift(base, unit if unit in ("D", "M", "Q", "Y", "DE", "CE") else "Y", steps)
    if not 1 <= point.year <= 9999:
        return []  # "2,500 years ago": before the calendar TIMEX3 values can write
    unit_shown = {"DE": "Y", "CE": "Y"}.get(unit, unit)
    value = period_value(point, unit_shown)
    note = point if unit_shown in ("D", "M", "Y") else None
    return [Found(m.start(), m.end(), value, relative=True, point=note)]


def read_quarter(m: re.Match[str], ctx: Context) -> list[Found]:
    """the third quarter / third-quarter / the first half of 1990 / the year-ago quarter."""
    ordinal = m["ord"].lower()
    half = m["what"].lower().startswith("half")
    number = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "final": 2 if half else 4, "last": 2 if half else 4, "latter": 2}[ordinal]
    if half and number > 2:
        return []
    det = " ".join((m["det"] or "").lower().split())
    # "the third-quarter loss": the adjective alone is the timex (TimeBank practice).
    start = m.start("ord") if re.match(r"\w+-", m["ord"] + m[0][m.end("ord") - m.start():]) \
        else m.start()
    start = m.start("fiscal") if m["fiscal"] and start == m.start("ord") else start
    year, relative = _quarter_year(m, ctx, number if not half else number * 2)
    if year is None:
        return [Found(start, m.end(), f"XXXX-{'H' if half else 'Q'}{number}")]
    value = f"{year:04d}-{'H' if half else 'Q'}{number}"
    if "year-earlier" in det or "year-ago" in det:
        return [Found(start, m.end(), _quarter_shift(value, -1) or value, relative=relative)]
    return [Found(start, m.end(), value, relative=relative, reports_period=True)]


def read_year_period(m: re.Match[str], ctx: Context) -> list[Found]:
    """the 1988 quarter / the 1989 period: the quarter under report, in the year named."""
    recent = ctx.reported_period or ""
    quarter = re.search(r"-(Q\d|H\d)$", recent)
    if quarter:
        value = f"{m['y']}-{quarter[1]}"
    else:
        value = f"{m['y']}-QX" if m["what"].lower() == "quarter" else m["y"]
    return [Found(m.start(), m.end(), value)]


def _quarter_year(m: re.Match[str], ctx: Context, quarter: int) -> tuple[int | None, bool]:
    """Which year a quarter belongs to: as written, else the document's reporting year."""
    if m["y"] or m["y2"] or m["y0"]:
        return int(m["y"] or m["y2"] or m["y0"]), False
    if m["rely"]:
        base = ctx.speech_time()
        if base is None:
            return None, False
        return base.year + {"last": -1, "next": 1}.get(m["rely"].split()[0].lower(), 0), True
    if ctx.anchor is not None:
        current = (ctx.anchor.month - 1) // 3 + 1 if ctx.anchor.month else 4
        # A quarter after the current one, named without "next", is last year's results.
        return ctx.anchor.year - (1 if quarter > current else 0), True
    year = ctx.year_hint()
    return year, year is not None


def read_month_of_relative_year(m: re.Match[str], ctx: Context) -> list[Found]:
    """June last year / January this year / March of next year."""
    base = ctx.speech_time()
    month = month_number(m["mon"])
    if base is None or month is None:
        return []
    year = base.year + {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    point = CalendarPoint(year, month)
    return [Found(m.start(), m.end(), point.value(), relative=True, point=point)]


def read_comparison_period(m: re.Match[str], ctx: Context) -> list[Found]:
    """the year-ago quarter / year-earlier results / the latest period: financial reports
    compare a period with the same one a year before."""
    recent = ctx.reported_period
    base = ctx.speech_time()
    if "latest" in m[0].lower() or "current" in m[0].lower():
        if recent and "-Q" in recent:
            return [Found(m.start(), m.end(), recent, relative=True)]
        if base is None or base.month is None:
            return []
        return [Found(m.start(), m.end(), period_value(shift(base, "Q", -1), "Q"), relative=True,
                  reports_period=True)]
    if recent:
        quarter = _quarter_shift(recent, -1)
        if quarter:
            return [Found(m.start(), m.end(), quarter, relative=True)]
    if base is None:
        return []
    return [Found(m.start(), m.end(), f"{base.year - 1:04d}", relative=True)]


def _rule(name: str, pattern: str, read: object, guard: object = None) -> Rule:
    return Rule(name, re.compile(pattern), read, guard)  # type: ignore[arg-type]


_REF_ALTERNATION = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_REF_OF, key=len, reverse=True)
    if w not in ("earlier", "once", "later", "in the past", "in the future")
)

RELATIVE_RULES: list[Rule] = [
    _rule("month_of_relative_year", L + r"(?P<mon>" + MONTH_FULL + r")\s+(?:(?i:of)\s+)?"
          r"(?i:(?P<rel>last|next|this)\s+year)" + R, read_month_of_relative_year),
    _rule("comparison_period", L + r"(?:(?i:the)\s+)?(?:(?i:comparable|corresponding|same)\s+)?(?:"
          r"(?i:year-ago|year-earlier|year-before|prior-year)(?:\s+(?i:quarter|period))?|(?i:latest"
          r"|current)\s+(?i:period))" + R, read_comparison_period),
    _rule("quarter", L + r"(?P<det>(?i:the|this|last|next|the\s+(?:current|latest"
          r"|previous|same|comparable|year-earlier|year-ago)|year-earlier|year-ago)\s+)?"
          r"(?:(?P<y0>" + YEAR4 + r")\s+)?"
          r"(?P<fiscal>(?i:fiscal)\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final"
          r"|last|latter))[\s-]+(?P<what>(?i:quarter|half|half-year))(?![\w-])(?:\s+(?i:of)\s+"
          r"(?:(?i:fiscal|the\s+fiscal\s+year|the\s+year)\s+)?(?P<y>" + YEAR4 + r")|,?\s+(?P<y2>"
          + YEAR4 + r")|\s+(?:(?i:of)\s+)?(?P<rely>(?i:last|next|this)\s+year))?" + R,
          lambda m, ctx: read_quarter(m, ctx)),
    _rule("year_period", L + r"(?i:the)\s+(?P<y>" + YEAR4 + r")\s+(?P<what>(?i:quarter|period))" + R,
          read_year_period),
    _rule("deictic_day", L + r"(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today"
          r"|tonight|yesterday|tomorrow)" + R, read_deictic_day),
    _rule("ref", L + r"(?P<ref>(?i:" + _REF_ALTERNATION + r"))" + R, read_ref, ref_guard),
    _rule("unit_period", L + r"(?P<part>" + PART + r")?(?P<adv>(?i:earlier|later|early|late)"
          r"\s+(?:in\s+)?)?(?P<rel>(?i:this|last|next|past|coming|current|that|the\s+(?:current"
          r"(?:\s+fiscal)?|past|last|next|coming|previous|following|preceding|same|latest|prior"
          r"|ensuing|whole|entire|full|first|final)|the))?\s*(?P<u>(?i:(?:fiscal\s+)?year|month"
          r"|week|weekend|quarter|century|decade|day))" + R, read_unit_period, unit_period_guard),
    _rule("named_relative", L + r"(?:(?i:earlier|later|early|late)\s+)?(?P<rel>(?i:last|next|this"
          r"|past|coming|that|the\s+(?:following|previous|preceding|next|same)))\s+(?P<name>"
          + SEASON + r"|" + MONTH_FULL + r"|" + WEEKDAY + r")" + R, read_named_relative),
    _rule("season_alone", r"(?i:\b(?:in|into|during|by|until|since|through|throughout|over|of|for"
          r"|early|late|mid)\s+)(?P<span>(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?)(?P<season>"
          r"(?i:spring|summer|winter|autumn))(?!\s+(?i:of|in)\b)" + R, read_season_alone,
          season_guard),
    _rule("weekday", L + r"(?P<wd>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
          + R, read_weekday),
    _rule("day_part", L + r"(?:(?P<head>" + WEEKDAY + r"|(?i:yesterday|today|tomorrow|this|last"
          r"|that|the\s+same|the\s+following|the\s+next|the\s+previous))\s+(?:(?i:early|late)\s+)?"
          r"(?P<part>(?i:morning|afternoon|evening|night))|(?P<part2>(?i:tonight|overnight)))" + R,
          lambda m, ctx: read_day_part_any(m, ctx)),
    _rule("offset", L + r"(?:(?i:nearly|almost|more\s+than|less\s+than)\s+)?"
          r"(?:(?P<n>" + NUMBER + r")\s+)?(?P<u>" + UNIT + r")\s+(?P<dir>(?i:ago|earlier|later"
          r"|hence|from\s+now|before(?=\s*[.,;:)!?]|\s*$)|after(?=\s*[.,;:)!?]|\s*$)))" + R,
          read_offset),
]


def read_day_part_any(m: re.Match[str], ctx: Context) -> list[Found]:
    """Day parts with a head word, or "tonight"/"overnight" alone."""
    if m["part2"]:
        word = m["part2"].lower()
        base = ctx.speech_time()
        if base is None or base.as_date() is None:
            return []
        point = shift(base, "D", -1 if word == "overnight" else 0)
        return [Found(m.start(), m.end(), f"{point.value()}TNI", "TIME", relative=True)]
    return read_day_part(m, ctx)


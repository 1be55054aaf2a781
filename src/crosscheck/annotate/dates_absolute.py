"""Rules for calendar expressions that name their own date: days, months, years, seasons,
decades, centuries, quarters and clock times.

A date without a year ("9 August") takes the year of the last date the text named, else
the document date's year, else ``XXXX``.
"""

from __future__ import annotations

import re

from crosscheck.annotate.dates_calendar import (
    CalendarPoint,
    easter,
    make_point,
    nth_weekday,
    parse_anchor,
    weekday_near,
)
from crosscheck.annotate.dates_context import Context, Found, Rule, sounds_future
from crosscheck.annotate.dates_lexicon import (
    DAY_NUMBER,
    MONTH,
    MONTH_FULL,
    ORDINALS,
    SEASON,
    SEASONS,
    WEEKDAY,
    YEAR4,
    month_number,
    weekday_number,
)

# Left edge: not inside a word or a number, and not after a currency sign.
L = r"(?<![\w$£€#])"
# Right edge: not running on into a word or a longer number.
R = r"(?![\w]|[.,]\d|:\d)"
#: "early", "mid-", "the end of" ... before a period; kept inside the span, as TimeML does.
PART = (
    r"(?:(?i:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|beginning|start|close|turn"
    r"|latter\s+part|early\s+part|first\s+half|second\s+half)(?:\s+of(?:\s+the)?)?)(?:\s+|-|\s*-\s*))"
)
#: The comma before a year, also as tokenised text writes it ("January 31 , 2011").
_COMMA = r"(?:\s?,\s*|\s+)"
DAY_PHRASE = (
    r"(?:(?:" + WEEKDAY + r",?\s+)?" + MONTH + r"\s+" + DAY_NUMBER + r"(?:" + _COMMA + YEAR4 + r")?"
    r"|" + DAY_NUMBER + r"\s+(?:(?i:of)\s+)?" + MONTH + r"(?:" + _COMMA + YEAR4 + r")?"
    r"|(?i:(?:last|next|this)\s+)?" + WEEKDAY + r"|(?i:today|yesterday|tomorrow|tonight))"
)

_COUNT_NOUN_AFTER = re.compile(
    r"\s*(?:%|(?i:percent|per\s*cent|-year-old|million|billion|thousand|hundred))"
    r"|\s+(?:[A-Z][a-z]+\s+)?(?i:people|persons|soldiers|troops|men|women|children|officers"
    r"|workers|employees|aircraft|planes|tanks|guns|ships|vessels|shares|tons|tonnes|miles"
    r"|km|kilometers|kilometres|feet|ft|meters|metres|yards|dollars|euros|yen|pounds"
    r"|rubles|cars|vehicles|units|rounds|votes|jobs|cases|deaths|dead|casualties"
    r"|prisoners|lives|points|residents|refugees|copies|barrels|acres|hectares|members"
    r"|students|patients|victims|homes|houses|words|pages|items|rifles|horses|sq|kg|lb|mm|cm"
    r"|hp|calories|rpm|feet|metre|meter|mile|ton|yard)\b"
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?i)(?:\b(?:page|pages|pp?\.|no\.|nos\.|number|flight|room|route|highway|hwy|interstate"
    r"|article|section|sec\.|chapter|vol\.|volume|issue|model|version|v\.|item|code|tel\.?"
    r"|phone|squadron|division|regiment|battalion|bus|train|road|street|st\.|suite|apt\.?"
    r"|box|order|resolution|law|bill|rule|form|channel|cat\.|ref\.|id|exactly|only|some|about"
    r"|nearly|almost|over|than|of\s+the|totaling|totalling|reached|at)\s*"
    r"|\d[.,]?|[+*/=×]\s*)$"
)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?i)\b(?:in|since|until|till|by|from|to|during|circa|c\.|ca\.|year|of|before|after"
    r"|between|and|early|late|mid|the|around|through|throughout|spring|summer|autumn|fall"
    r"|winter|fiscal|as\s+of|back\s+in)\s*[-–]?\s*$|[(\[–—-]\s*$"
)


def _year_for_day(
    ctx: Context, explicit: str | None, month: int, day: int | None, start: int,
) -> tuple[int | None, bool]:
    """The year of a day or month date, and whether it came from the context."""
    if explicit:
        return int(explicit), False
    return ctx.year_for(month, day, start), True


def _calendar_found(
    m: re.Match[str], ctx: Context, start: int, end: int,
    year: int | None, month: int, day: int | None, relative: bool,
) -> list[Found]:
    """A day or month date as a Found, or ``XXXX-…`` when no year can be had."""
    if year is None:
        value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
        return [Found(start, end, value)]
    point = make_point(year, month, day)
    if point is None:
        return []
    return [Found(start, end, point.value(), relative=relative, point=point)]


def _two_digit_year(ctx: Context, digits: str) -> int:
    """A two-digit year ("'41") in the century that puts it nearest the context's year."""
    short = int(digits.strip("'’"))
    hint = ctx.year_hint() or 1950
    year = hint // 100 * 100 + short
    if year > hint + 20:
        year -= 100
    return year


def read_iso(m: re.Match[str], ctx: Context) -> list[Found]:
    """1986-04-13, 1986-04-13T23:59."""
    point = make_point(int(m["y"]), int(m["m"]), int(m["d"]))
    if point is None:
        return []
    if m["H"]:
        value = f"{point.value()}T{m['H']}:{m['M']}"
        return [Found(m.start(), m.end(), value, "TIME", point=point)]
    return [Found(m.start(), m.end(), point.value(), point=point)]


def read_numeric(m: re.Match[str], ctx: Context) -> list[Found]:
    """13.4.1986 or 4/13/1986: the separator decides day-first unless a part exceeds 12."""
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else _two_digit_year(ctx, y)
    day_first = m["sep"] in ".-" if a <= 12 and b <= 12 else a > 12
    day, month = (a, b) if day_first else (b, a)
    point = make_point(year, month, day)
    if point is None:
        return []
    return [Found(m.start(), m.end(), point.value(), point=point)]


def read_month_day(m: re.Match[str], ctx: Context) -> list[Found]:
    """April 13, 1986 / 13 April 1986 / the 13th of April / Saturday, April 25."""
    month = month_number(m["mon"])
    if month is None:
        return []
    day = int(re.sub(r"\D", "", m["d"]))
    year, relative = _year_for_day(ctx, m["y"], month, day, m.start())
    return _calendar_found(m, ctx, m.start(), m.end(), year, month, day, relative)


def read_day_list(m: re.Match[str], ctx: Context) -> list[Found]:
    """May 8 or 9, 1989 / 8-9 May 1989: one date per day, sharing month and year."""
    month = month_number(m["mon"])
    if month is None:
        return []
    year, relative = _year_for_day(ctx, m["y"], month, int(re.sub(r"\D", "", m["d1"])), m.start())
    out: list[Found] = []
    for group in ("d1", "d2"):
        day = int(re.sub(r"\D", "", m[group]))
        start, end = m.span(group)
        if (group == "d1") == (m.start("mon") < m.start("d1")):
            start, end = min(start, m.start("mon")), max(end, m.end("mon"))
        if group == "d2" and m["y"] and m.start("y") > end:
            end = m.end("y")
        out += _calendar_found(m, ctx, start, end, year, month, day, relative)
    return out


def read_month(m: re.Match[str], ctx: Context) -> list[Found]:
    """April 1986 / the end of April / April of '86 / April."""
    month = month_number(m["mon"])
    if month is None:
        return []
    year: int | None
    if m["y"]:
        year, relative = int(m["y"]), False
    elif m["yy"]:
        year, relative = _two_digit_year(ctx, m["yy"]), False
    else:
        year, relative = _year_for_day(ctx, None, month, None, m.start())
    return _calendar_found(m, ctx, m.start(), m.end(), year, month, None, relative)


def month_guard(m: re.Match[str], text: str) -> bool:
    """A bare month name only after a date-ish word ("in May"), not "May I" or "March on"."""
    if m["y"] or m["yy"] or m["part"]:
        return True
    word = m["mon"].rstrip(".").lower()
    if len(word) <= 4 and word not in ("june", "july"):
        ok_before = r"(?i)\b(?:in|since|until|till|by|of|from|to|through|during|before|after|and" \
                    r"|or|between|early|late|mid|last|next|this|that|each|every|until)\s+$"
        return bool(re.search(ok_before, text[max(0, m.start() - 12):m.start()]))
    return True


def read_year(m: re.Match[str], ctx: Context) -> list[Found]:
    """1986 / mid-1984 / fiscal 1998 / the year 1986."""
    point = CalendarPoint(int(m["y"]))
    return [Found(m.start(), m.end(), point.value(), point=point)]


def year_guard(m: re.Match[str], text: str) -> bool:
    """A four-digit number is a year unless it counts something or sits in a code."""
    year = int(m["y"])
    before = text[max(0, m.start() - 24):m.start()]
    after = text[m.end():m.end() + 40]
    if _COUNT_NOUN_AFTER.match(after) or re.match(r"[\d.,:/]\d|\s*-\s*\d{3}", after):
        return False
    if m["pre"]:
        return True
    if _NOT_A_YEAR_BEFORE.search(before):
        return False
    if year >= 1900:
        return True
    # Before 1900 a bare number is as often a count as a year: ask for a date-ish word.
    return bool(_YEAR_CONTEXT_BEFORE.search(before)
                or re.match(r"\s*(?:[,;.)]|$|[-–—]\s*\d)", after))


#: What may follow "in 712" for it to be a year: a clause break, a name, a pronoun or
#: an article ("in 712 he sailed", "In 712, Ragnar", "in 712 the settlers") — not a noun it
#: counts ("in 300 pieces").
_AFTER_YEAR3 = re.compile(
    r"\s*(?:[,;.)\]:]|$|[-–—]\s*\d|(?:and|or|to)\s+\d"
    r"|(?:he|she|they|it|we|I|the|a|an|his|her|their|its|this|that|there|when|after|before"
    r"|by|with|from|on|at|as|while|where|under|because|but|so|then|until|and\s+[a-z]+ed)\b"
    r"|[A-Z])")


def read_year3(m: re.Match[str], ctx: Context) -> list[Found]:
    """the year 712 / in 712 / AD 640: the preposition is not part of the date."""
    point = CalendarPoint(int(m["y"]))
    start = m.start("y") if m["prep"] else m.start()
    return [Found(start, m.end(), point.value(), point=point)]


def year3_guard(m: re.Match[str], text: str) -> bool:
    """A three-digit number is a year only when it says so: "the year 712", "circa 640",
    "AD 640", "712 CE", or "in 712" followed by a clause break, a name or a pronoun."""
    after = text[m.end():m.end() + 40]
    if _COUNT_NOUN_AFTER.match(after) or re.match(r"\s*(?:years?|days?|months?|weeks?|of)\b", after):
        return False
    if m["pre"] or m["era"]:
        return True
    return bool(m["prep"]) and bool(_AFTER_YEAR3.match(after))


_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def read_spoken_year(m: re.Match[str], ctx: Context) -> list[Found]:
    """nineteen ninety-six / the year two thousand (broadcast transcripts spell years out)."""
    words = m["words"].lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        year = 2000 + (_ONES.index(rest[0]) + 1 if rest and rest[0] in _ONES else
                       _TEENS.index(rest[0]) + 10 if rest and rest[0] in _TEENS else 0)
    else:
        century = 19 if words[0] == "nineteen" else 20
        tail = words[1:]
        if tail[0] in _TEENS:
            low = _TEENS.index(tail[0]) + 10
        elif tail[0] == "hundred":
            low = 0
        else:
            low = (_TENS_WORDS.index(tail[0]) + 2) * 10 + (
                _ONES.index(tail[1]) + 1 if len(tail) > 1 else 0)
        year = century * 100 + low
    point = CalendarPoint(year)
    return [Found(m.start(), m.end(), point.value(), point=point)]


def read_year_end(m: re.Match[str], ctx: Context) -> list[Found]:
    """year-end / year's end / by year end: the end of the current year."""
    base = ctx.speech_time()
    if base is None:
        return []
    return [Found(m.start(), m.end(), f"{base.year:04d}", relative=True)]


def read_year_pair(m: re.Match[str], ctx: Context) -> list[Found]:
    """1948-49 or winter of 38-39: two years, the second written short."""
    long_form = m["y1"].isdigit() and len(m["y1"]) == 4
    first = int(m["y1"]) if long_form else _two_digit_year(ctx, m["y1"])
    second = first // 100 * 100 + int(m["y2"])
    if not 0 < second - first <= 10:
        return []
    return [
        Found(m.start("y1"), m.end("y1"), f"{first:04d}", point=CalendarPoint(first)),
        Found(m.start("y2"), m.end("y2"), f"{second:04d}", point=CalendarPoint(second)),
    ]


def read_season(m: re.Match[str], ctx: Context) -> list[Found]:
    """the fall of 1984 / summer of 86 / winter 1987."""
    season = SEASONS[m["season"].lower()]
    year = int(m["y"]) if len(m["y"].strip("'’")) == 4 else _two_digit_year(ctx, m["y"])
    return [Found(m.start(), m.end(), f"{year:04d}-{season}", point=CalendarPoint(year))]


def read_decade(m: re.Match[str], ctx: Context) -> list[Found]:
    """the 1930s / the early 1980s / the '60s / the nineties -> 193X."""
    if m["dec"]:
        digits = m["dec"].strip("'’")
        if len(digits) == 2:
            hint = ctx.year_hint() or 1950
            century = hint // 100
            digits = f"{century if int(digits) <= hint % 100 + 10 else century - 1}{digits}"
        return [Found(m.start(), m.end(), f"{digits[:3]}X")]
    words = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies",
             "eighties", "nineties")
    tens = words.index(m["word"].lower()) + 2
    hint = ctx.year_hint() or 1950
    century = hint // 100 if tens * 10 <= hint % 100 + 10 else hint // 100 - 1
    return [Found(m.start(), m.end(), f"{century}{tens}X")]


def read_century(m: re.Match[str], ctx: Context) -> list[Found]:
    """the 20th century / the nineteenth century -> 19XX."""
    raw = m["ord"].lower()
    number = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else ORDINALS.get(raw, 0)
    if not 1 <= number <= 21:
        return []
    return [Found(m.start(), m.end(), f"{number - 1:02d}XX")]


_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "independence day": (7, 4), "the fourth of july": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26), "may day": (5, 1),
    "bastille day": (7, 14), "veterans day": (11, 11), "armistice day": (11, 11),
}


def holiday_date(name: str, year: int) -> CalendarPoint | None:
    """The date of a named holiday in a year, fixed or computed."""
    key = " ".join(name.lower().replace("’", "'").split())
    if key in _HOLIDAYS:
        return make_point(year, *_HOLIDAYS[key])
    if key.startswith("thanksgiving"):
        day = nth_weekday(year, 11, 3, 4)
    elif key.startswith("easter"):
        day = easter(year)
    elif key == "good friday":
        day = easter(year).fromordinal(easter(year).toordinal() - 2)
    elif key == "memorial day":
        day = nth_weekday(year, 5, 0, -1)
    elif key in ("labor day", "labour day"):
        day = nth_weekday(year, 9, 0, 1)
    elif key == "election day":
        day = nth_weekday(year, 11, 0, 1).fromordinal(nth_weekday(year, 11, 0, 1).toordinal() + 1)
    else:
        return None
    return CalendarPoint(day.year, day.month, day.day)


def read_holiday(m: re.Match[str], ctx: Context) -> list[Found]:
    """Christmas 1986 / Thanksgiving / Easter: year from the text, else the document."""
    typical = holiday_date(m["name"], ctx.year_hint() or 2000)
    if typical is None or typical.month is None:
        return []
    year, relative = _year_for_day(ctx, m["y"], typical.month, typical.day, m.start())
    if year is None:
        return []
    point = holiday_date(m["name"], year)
    if point is None:
        return []
    return [Found(m.start(), m.end(), point.value(), relative=relative, point=point)]


def resolve_day_phrase(phrase: str, ctx: Context, start: int) -> tuple[str, bool] | None:
    """The TIMEX3 day value of a short day phrase inside a larger expression (a clock time)."""
    m = _DAY_PHRASE_RE.fullmatch(phrase.strip().rstrip(","))
    if m is None:
        return None
    if m["mon"] or m["mon2"]:
        month = month_number(m["mon"] or m["mon2"])
        if month is None:
            return None
        day = int(re.sub(r"\D", "", m["d"] or m["d2"]))
        year, relative = _year_for_day(ctx, m["y"] or m["y2"], month, day, start)
        if year is None:
            return f"XXXX-{month:02d}-{day:02d}", False
        point = make_point(year, month, day)
        return (point.value(), relative) if point else None
    base = ctx.speech_time()
    if base is None or base.as_date() is None:
        return None
    today = base.as_date()
    assert today is not None
    word = (m["deixis"] or "").lower()
    if word:
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        day_ = today.fromordinal(today.toordinal() + shift)
        return day_.isoformat(), True
    weekday = weekday_number(m["wd"])
    if weekday is None:
        return None
    rel = (m["rel"] or "").lower()
    future = rel == "next" or (not rel and sounds_future(ctx.text, start))
    return weekday_near(today, weekday, 1 if future else -1).isoformat(), True


_DAY_PHRASE_RE = re.compile(
    r"(?:" + WEEKDAY + r",?\s+)?(?P<mon>" + MONTH + r")\s+(?P<d>" + DAY_NUMBER + r")(?:" + _COMMA + r"(?P<y>"
    + YEAR4 + r"))?|(?P<d2>" + DAY_NUMBER + r")\s+(?:(?i:of)\s+)?(?P<mon2>" + MONTH
    + r")(?:" + _COMMA + r"(?P<y2>" + YEAR4 + r"))?|(?:(?P<rel>(?i:last|next|this))\s+)?(?P<wd>" + WEEKDAY
    + r")|(?P<deixis>(?i:today|yesterday|tomorrow|tonight))"
)



def _meridiem(name: str) -> str:
    """a.m./pm as a named group; the final dot belongs to it unless a word follows."""
    return r"(?P<" + name + r">[AaPp]\.?\s?[Mm](?:\.(?!\w)|(?![\w.])))"


_ZONE = (
    r"(?:\s*\(?(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|MSK|IST|JST)"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?\)?|\s+(?:[A-Z][a-z]+|(?i:local))\s+(?i:time))?"
)
_CLOCK = (
    r"(?:(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?:\s*" + _meridiem("ap1")
    + r")?|(?P<h2>1[0-2]|0?[1-9])(?:[.:](?P<mi2>[0-5]\d))?\s*" + _meridiem("ap")
    + r"|(?P<word>(?i:noon|midnight|midday))"
    + r"|(?P<h3>1[0-2]|0?[1-9])\s+(?:(?i:o['’]clock)|(?P<half>(?i:in\s+the\s+"
    + r"(?:morning|afternoon|evening)|at\s+night))))"
)


def read_clock(m: re.Match[str], ctx: Context) -> list[Found]:
    """23:59 on August 8, 1989 / 11 p.m. Paris time / noon Thursday -> ...T23:59."""
    if m["word"]:
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["word"].lower()]
    elif m["h3"]:
        hh, mm = int(m["h3"]), 0
        if m["half"] and not m["half"].lower().endswith("morning") and hh < 12:
            hh += 12
    else:
        hh = int(m["h"] or m["h2"])
        mm = int(m["mi"] or m["mi2"] or 0)
        meridiem = (m["ap"] or m["ap1"] or "").lower()
        if meridiem.startswith("p") and hh < 12:
            hh += 12
        elif meridiem.startswith("a") and hh == 12:
            hh = 0
    day_value, relative, point = "XXXX-XX-XX", False, None
    if m["date"]:
        resolved = resolve_day_phrase(m["date"], ctx, m.start())
        if resolved:
            day_value, relative = resolved
            point = parse_anchor(day_value)
    elif (day := ctx.day_in_sentence(m.start())
          or (None if ctx.historical else ctx.anchor)) is not None and day.day is not None:
        # "On March 3, 1988, just after midnight": the day the sentence named, else the
        # document's day, unless the text tells of the past ("the tank burst shortly after
        # noon" is not noon on the day the page was written).
        day_value, relative = day.value(), True
    clock = f"{hh:02d}:{mm:02d}"
    value = f"{day_value}T{clock}"
    return [Found(m.start(), m.end(), value, "TIME", relative=relative, point=point)]


def _rule(name: str, pattern: str, read: object, guard: object = None) -> Rule:
    return Rule(name, re.compile(pattern), read, guard)  # type: ignore[arg-type]


ABSOLUTE_RULES: list[Rule] = [
    _rule("iso", L + r"(?P<y>" + YEAR4 + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)"
          r"(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::[0-5]\d)?)?(?![\d:])", read_iso),
    _rule("numeric", L + r"(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<y>"
          + YEAR4 + r"|\d\d)(?!\d|[./-]\d|,\d)", read_numeric),
    _rule("clock", L + _CLOCK + _ZONE + r"(?:(?:(?<!\.),?\s+(?:(?i:on)\s+)?|(?<=\.)\s+)(?P<date>"
          + DAY_PHRASE + r"))?"
          + r"(?![\w:])", read_clock),
    _rule("month_day_list", L + r"(?P<mon>" + MONTH + r")\s+(?P<d1>" + DAY_NUMBER
          + r")\s*(?:(?i:or|and|to|through)|[-–—])\s*(?P<d2>" + DAY_NUMBER + r")(?:" + _COMMA + r"(?P<y>"
          + YEAR4 + r"))?" + R, read_day_list),
    _rule("day_month_list", L + r"(?P<d1>" + DAY_NUMBER + r")\s*(?:(?i:or|and|to)|[-–—])\s*(?P<d2>"
          + DAY_NUMBER + r")\s+(?P<mon>" + MONTH + r")(?:" + _COMMA + r"(?P<y>" + YEAR4 + r"))?" + R,
          read_day_list),
    _rule("month_day", L + r"(?:" + WEEKDAY + r",?\s+)?(?P<mon>" + MONTH + r")\s+(?P<d>"
          + DAY_NUMBER + r")(?:" + _COMMA + r"(?P<y>" + YEAR4 + r"))?" + R, read_month_day),
    # A day with the ordinal dot of German and other European languages, kept by
    # translations: "the 14. April 1961". The year is required ("3. May" may be a list).
    _rule("day_dot_month", L + r"(?:(?i:the)\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9])\.)\s+(?P<mon>"
          + MONTH_FULL + r")" + _COMMA + r"(?P<y>" + YEAR4 + r")" + R, read_month_day),
    _rule("day_month", L + r"(?:(?:" + WEEKDAY + r",?\s+)?(?:(?i:the)\s+)?)?(?P<d>" + DAY_NUMBER
          + r")\s+(?:(?i:of)\s+)?(?P<mon>" + MONTH + r")(?:" + _COMMA + r"(?P<y>" + YEAR4 + r"))?" + R,
          read_month_day),
    _rule("month", L + r"(?P<part>" + PART + r")?(?P<mon>" + MONTH_FULL + r")"
          r"(?:,?\s+(?:(?i:of)\s+)?"
          r"(?:(?P<y>" + YEAR4 + r")|(?P<yy>['’]\d\d))" + R + r")?", read_month, month_guard),
    _rule("month_abbrev_year", L + r"(?P<part>" + PART + r")?(?P<mon>" + MONTH + r"),?\s+"
          r"(?:(?P<y>" + YEAR4 + r")|(?P<yy>['’]\d\d))" + R, read_month),
    _rule("year_pair", L + r"(?P<y1>" + YEAR4 + r"|(?<=(?i:of|in)\s)\d\d|['’]\d\d)\s*[-–—/]\s*"
          r"(?P<y2>\d\d)(?![\w]|[.,]\d)", read_year_pair),
    _rule("year", L + r"(?P<pre>(?i:(?:the\s+)?(?:fiscal|financial|calendar|model)(?:\s+year)?|fy"
          r"|the\s+year|(?:the\s+)?(?:early|late|mid|middle|end|beginning|start|turn)"
          r"(?:\s+of)?)(?:\s+|-|\s*-\s*))?(?P<y>" + YEAR4 + r")(?:\s*(?:AD|CE|A\.D\.))?" + R
          + r"(?!['’]s)", read_year, year_guard),
    _rule("year3", L + r"(?:(?P<pre>(?i:the\s+year|circa|c\.|ca\.|AD|A\.D\.))\s+"
          r"|(?P<prep>(?i:in|since|until|till|before|after))\s+)?(?P<y>[1-9]\d\d)"
          r"(?P<era>\s*(?:AD|CE|A\.D\.))?" + R + r"(?!['’]s)", read_year3, year3_guard),
    _rule("spoken_year", L + r"(?:(?i:the\s+year)\s+)?(?P<words>(?i:(?:nineteen|twenty)\s+(?:"
          + "|".join(_TEENS) + r"|hundred|(?:" + "|".join(_TENS_WORDS) + r")(?:[- ](?:"
          + "|".join(_ONES) + r"))?)|(?<=the\syear\s)two\s+thousand(?:\s+(?:and\s+)?(?:"
          + "|".join(_ONES + _TEENS) + r"))?))" + R, read_spoken_year),
    _rule("year_end", L + r"(?i:(?:the\s+)?year(?:-|\s+)end|year['’]s\s+end)" + R, read_year_end),
    _rule("season", L + r"(?:(?i:the)\s+)?(?:" + PART + r")?(?P<season>" + SEASON + r"),?\s+"
          r"(?:(?i:of)\s+)?(?P<y>" + YEAR4 + r"|['’]\d\d|(?<=of\s)\d\d)" + R + r"(?!\s*[-–—]\s*\d)",
          read_season),
    _rule("decade", L + r"(?:(?i:the)\s+)?(?:" + PART + r")?(?:(?P<dec>(?:1\d|20)\d0|['’]\d0)['’]?s"
          r"|(?i:the\s+)(?P<word>(?i:twenties|thirties|forties|fifties|sixties|seventies"
          r"|eighties|nineties)))" + R, read_decade),
    _rule("century", L + r"(?:(?i:the)\s+)?(?:" + PART + r")?(?P<ord>\d{1,2}(?:st|nd|rd|th)|(?i:"
          + "|".join(sorted((o for o in ORDINALS if ORDINALS[o] > 0), key=len, reverse=True))
          + r"))[\s-]+(?i:century)" + R, read_century),
    _rule("holiday", L + r"(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?"
          r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday"
          r"|Independence\s+Day|the\s+Fourth\s+of\s+July|Halloween|Valentine['’]s\s+Day"
          r"|Labou?r\s+Day|Memorial\s+Day|Election\s+Day|Boxing\s+Day|May\s+Day|Bastille\s+Day"
          r"|Veterans\s+Day|Armistice\s+Day)(?:,?\s+(?P<y>" + YEAR4 + r"))?" + R, read_holiday),
]

"""Calendar arithmetic and TIMEX3 value formatting for the temporal tagger.

A :class:`CalendarPoint` is what a date expression means before it is written as a
TIMEX3 value: a year, maybe a month, maybe a day. Relative expressions are resolved by
shifting points; values are written only at the end, so the arithmetic never parses
strings back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from crosscheck.model import Granularity


@dataclass(frozen=True, slots=True)
class CalendarPoint:
    """A (possibly partial) calendar date: year, then optional month and day."""

    year: int
    month: int | None = None
    day: int | None = None

    def value(self) -> str:
        """The TIMEX3 value at this point's own precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        """The point as a date when it has a day, else None."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def parse_anchor(anchor: str | None) -> CalendarPoint | None:
    """Read a TIMEX3 date value ("1998-02-06", "1998-02", "1986") into a point."""
    if not anchor:
        return None
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", anchor.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    point = make_point(int(year), int(month) if month else None, int(day) if day else None)
    return point


def make_point(year: int, month: int | None = None, day: int | None = None) -> CalendarPoint | None:
    """A valid point, or None for impossible dates such as 31 April."""
    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return CalendarPoint(year, month, day)


def shift(point: CalendarPoint, unit: str, amount: int) -> CalendarPoint:
    """Move a point by whole units ("D", "W", "M", "Q", "Y", "DE", "CE"), keeping its precision."""
    start = point.as_date()
    if unit in ("D", "W") and start is not None:
        moved = start + dt.timedelta(days=amount * (7 if unit == "W" else 1))
        return CalendarPoint(moved.year, moved.month, moved.day)
    if unit in ("M", "Q") and point.month is not None:
        months = point.year * 12 + point.month - 1 + amount * (3 if unit == "Q" else 1)
        year, month = divmod(months, 12)
        day = point.day
        if day is not None:
            day = min(day, calendar.monthrange(year, month + 1)[1])
        return CalendarPoint(year, month + 1, day)
    years = {"Y": 1, "DE": 10, "CE": 100}.get(unit, 0) * amount
    if point.month == 2 and point.day == 29 and not calendar.isleap(point.year + years):
        return CalendarPoint(point.year + years, 2, 28)
    return replace(point, year=point.year + years)


def iso_week_value(day: dt.date) -> str:
    """The TIMEX3 week value of a day ("1998-W06")."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekday_near(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The weekday nearest the anchor: on or before it (direction -1) or on or after (+1)."""
    delta = (weekday - anchor.weekday()) % 7
    if direction > 0:
        return anchor + dt.timedelta(days=delta)
    return anchor - dt.timedelta(days=(7 - delta) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lt = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lt) // 451
    month, day = divmod(h + lt - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based; -1 for last) given weekday of a month, e.g. Thanksgiving."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


_DURATION_TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}
#: How a half of each unit is written in the next smaller unit ("2 1/2 years" -> P2Y6M).
_HALVES = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "H": "30M", "MIN": "30S"}


def duration_value(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration such as P2Y, PT48H, P20Y (two decades), PXY (vague)."""
    scale = {"DE": 10, "CE": 100, "ML": 1000, "FN": 2, "WE": 2}.get(unit, 1)
    base = {"DE": "Y", "CE": "Y", "ML": "Y", "FN": "W", "WE": "D"}.get(unit, unit)
    letter = _DURATION_TIME_UNITS.get(base, base)
    prefix = "PT" if base in _DURATION_TIME_UNITS else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    whole = int(amount)
    if amount != whole and scale == 1 and unit in _HALVES:
        head = f"{prefix}{whole}{letter}" if whole else prefix
        return head + _HALVES[unit]
    number = amount * scale
    text = str(int(number)) if number == int(number) else f"{number:g}"
    return f"{prefix}{text}{letter}"


def granularity_of(value: str) -> Granularity | None:
    """The precision a TIMEX3 date value states, or None for durations and refs."""
    if value.startswith("P") or value.endswith("_REF"):
        return None
    if "T" in value:
        return "time"
    if re.fullmatch(r"\d{2}(?:XX)?", value):
        return "century"
    if re.fullmatch(r"\d{3}X?", value):
        return "decade"
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", value):
        return "day"
    if re.fullmatch(r"[\dX]{4}-(?:\d\d|XX)", value):
        return "month"
    # A week or weekend may straddle two months; claiming "day" would invent precision.
    if re.fullmatch(r"[\dX]{4}-W[\dX]{2}(?:-WE)?", value):
        return "month"
    if re.fullmatch(r"[\dX]{4}-(?:SP|SU|FA|WI)", value):
        return "season"
    if re.fullmatch(r"[\dX]{4}-Q[\dX]", value):
        return "quarter"
    if re.fullmatch(r"[\dX]{4}(?:-H[12])?", value):
        return "year"
    return None

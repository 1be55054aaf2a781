"""TIMEX3 date values as day intervals: compare, order and reconcile them.

A value is read as the closed interval of days it covers: ``1986-04`` is 1 to 30 April
1986, ``1984-FA`` is September to November 1984, ``198X`` is 1980–1989. Two values are
*compatible* when their intervals overlap (``1986-04`` and ``1986-04-13`` are; 13 and 22
April 1986 are not), which is exactly "no conflict at the shared granularity".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"^(?P<y>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?P<t>[\d:]+).*)?)?|(?P<s>SP|SU|FA|AU|WI)|Q(?P<q>[1-4])|"
    r"H(?P<h>[12])|W(?P<w>\d{2})))?$"
)
GRANULARITY_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4,
                    "half": 5, "year": 6, "decade": 7, "century": 8}


#: Words that date the writer's present, not the story: "Today we would compute it".
PRESENT_WORDS = frozenset({"today", "now", "nowadays", "currently", "at present", "these days",
                           "at the moment", "presently"})


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A TIMEX3 value as a day interval with its granularity."""

    value: str
    first: int  # proleptic Gregorian ordinal of the first day
    last: int
    granularity: str

    def compatible(self, other: DateSpan) -> bool:
        """True if the two values can describe the same day (their intervals overlap)."""
        return self.first <= other.last and other.first <= self.last

    def gap_days(self, other: DateSpan) -> int:
        """Days between the two intervals (0 when they overlap)."""
        return max(0, other.first - self.last, self.first - other.last)

    @property
    def year(self) -> int:
        """The calendar year of the first day."""
        return date.fromordinal(self.first).year


def parse_value(value: str) -> DateSpan | None:
    """The interval of a calendar TIMEX3 value; None for durations, refs and odd values."""
    match = _VALUE.match(value)
    if not match:
        return None
    y = match.group("y")
    try:
        if y.endswith("XX"):
            start = int(y[:2]) * 100
            return _span(value, date(max(start, 1), 1, 1), date(start + 99, 12, 31), "century")
        if y.endswith("X"):
            start = int(y[:3]) * 10
            return _span(value, date(max(start, 1), 1, 1), date(start + 9, 12, 31), "decade")
        year = int(y)
        if match.group("d"):
            day = date(year, int(match.group("m")), int(match.group("d")))
            return _span(value, day, day, "time" if match.group("t") else "day")
        if match.group("m"):
            month = int(match.group("m"))
            last = calendar.monthrange(year, month)[1]
            return _span(value, date(year, month, 1), date(year, month, last), "month")
        if match.group("s"):
            lo, hi = _SEASONS[match.group("s")]
            end_year, end_month = (year + 1, hi - 12) if hi > 12 else (year, hi)
            last = calendar.monthrange(end_year, end_month)[1]
            return _span(value, date(year, lo, 1), date(end_year, end_month, last), "season")
        if match.group("q"):
            q = int(match.group("q"))
            lo, hi = 3 * q - 2, 3 * q
            return _span(value, date(year, lo, 1),
                         date(year, hi, calendar.monthrange(year, hi)[1]), "quarter")
        if match.group("h"):
            h = int(match.group("h"))
            return _span(value, date(year, 1 if h == 1 else 7, 1),
                         date(year, 6, 30) if h == 1 else date(year, 12, 31), "half")
        if match.group("w"):
            first = date.fromisocalendar(year, int(match.group("w")), 1)
            return _span(value, first, date.fromordinal(first.toordinal() + 6), "week")
        return _span(value, date(year, 1, 1), date(year, 12, 31), "year")
    except ValueError:
        return None


def _span(value: str, first: date, last: date, granularity: str) -> DateSpan:
    return DateSpan(value, first.toordinal(), last.toordinal(), granularity)


def day_value(value: str) -> str:
    """A value cut to its date part (``1989-08-08T23:59`` -> ``1989-08-08``)."""
    return value.split("T", 1)[0]


_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}


def spoken_date(value: str) -> str:
    """A TIMEX3 value in words: ``1911-03-03`` -> "3 March 1911", ``1911-03`` -> "March
    1911", ``1911-03-03T23:59`` -> "3 March 1911, 23:59", ``191X`` -> "the 1910s";
    other values as they are."""
    match = _VALUE.match(value)
    if not match:
        return value
    y = match.group("y")
    if y.endswith("XX"):
        n = int(y[:2]) + 1
        suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} century"
    if y.endswith("X"):
        return f"the {y[:3]}0s"
    year = str(int(y))
    if match.group("m"):
        month = calendar.month_name[int(match.group("m"))]
        if not match.group("d"):
            return f"{month} {year}"
        day = f"{int(match.group('d'))} {month} {year}"
        return f"{day}, {match.group('t')}" if match.group("t") else day
    if match.group("s"):
        return f"{_SEASON_NAMES[match.group('s')]} {year}"
    if match.group("q"):
        return f"Q{match.group('q')} {year}"
    if match.group("h"):
        return f"{'first' if match.group('h') == '1' else 'second'} half of {year}"
    if match.group("w"):
        return f"week {int(match.group('w'))} of {year}"
    return year

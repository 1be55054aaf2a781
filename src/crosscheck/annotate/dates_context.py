"""What a temporal rule sees while it resolves a match: the reading context.

Relative expressions come in two kinds, resolved against different times (the split
HeidelTime makes for news and narratives):

* *deictic* ones ("today", "last week", "Friday", "two years ago") point from the moment
  of writing, so they use the document date (``anchor``) and fall back to the last date
  the text named;
* *anaphoric* ones ("the next day", "that year", "two years later") point from the last
  date the text named, and fall back to the document date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from crosscheck.annotate.dates_calendar import CalendarPoint
from crosscheck.model import TimexType


@dataclass(frozen=True, slots=True)
class Found:
    """One temporal expression a rule read, before it becomes a ``Timex``."""

    start: int
    end: int
    value: str
    type: TimexType = "DATE"
    relative: bool = False
    #: The calendar point named, when later relative expressions may count from it.
    point: CalendarPoint | None = None
    #: True for a fiscal period under report ("the third quarter"), which later
    #: comparisons ("a year earlier", "the year-ago period") are about.
    reports_period: bool = False


@dataclass(slots=True)
class Context:
    """The times a relative expression may be resolved against, updated left to right."""

    text: str
    anchor: CalendarPoint | None
    last_point: CalendarPoint | None = None
    last_point_end: int = -1
    reported_period: str | None = None
    found: list[Found] = field(default_factory=list)

    def speech_time(self) -> CalendarPoint | None:
        """The time of writing: the document date, else the last date named."""
        return self.anchor or self.last_point

    def narrative_time(self, need_day: bool = False) -> CalendarPoint | None:
        """The time the story is at: the last date named, else the document date.

        When a day is needed ("the same day") and the last date named is only a year or
        month that the document date falls in, the document date is the better guess.
        """
        last, anchor = self.last_point, self.anchor
        if need_day and last is not None and last.day is None and anchor is not None \
                and anchor.day is not None and anchor.year == last.year \
                and last.month in (None, anchor.month):
            return anchor
        return last or anchor

    def year_hint(self) -> int | None:
        """The year a date without one ("9 August") belongs to."""
        point = self.narrative_time()
        return point.year if point else None

    def note(self, found: Found) -> None:
        """Remember a resolved expression so later ones can count from it."""
        self.found.append(found)
        if found.point is not None:
            self.last_point, self.last_point_end = found.point, found.end
        if found.reports_period:
            self.reported_period = found.value

    def year_for(self, month: int, day: int | None, start: int) -> int | None:
        """The year of a month or day named without one ("9 August", "in April").

        Without a document date that has a month, the last year the text named decides
        (else the document's year): "August 8, 1989. In the early morning of 9 August".
        With one, a year named earlier in the same sentence still wins ("in 1986 ... on
        9 August"); otherwise the occurrence nearest the document date, or the next one
        when the clause looks forward ("will meet on March 12").
        """
        last, anchor = self.last_point, self.anchor
        if anchor is None or anchor.month is None:
            return self.year_hint()
        forward = sounds_future(self.text, start)
        if last is not None and 0 <= start - self.last_point_end <= LOCAL_WINDOW \
                and not _SENTENCE_END.search(self.text, self.last_point_end, start) \
                and not (forward and last.year < anchor.year):
            return last.year
        return _nearest_year(anchor, month, day, forward)


#: How far back (in characters, about two sentences) a named year still governs a bare date.
LOCAL_WINDOW = 200
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\"'(]|\n\s*\n")


def _nearest_year(anchor: CalendarPoint, month: int, day: int | None, forward: bool) -> int:
    """The year putting month/day nearest the anchor (``forward``: next on or after it)."""
    assert anchor.month is not None
    here = anchor.month * 31 + (anchor.day or 15)
    there = month * 31 + (day or 15)
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    candidates = [(y, (y - anchor.year) * 372 + there - here) for y in years]
    if forward:
        return min((c for c in candidates if c[1] >= 0), key=lambda c: c[1])[0]
    # News reports the past more than it announces: a later date must be twice as close.
    return min(candidates, key=lambda c: (c[1] * 2 if c[1] > 0 else -c[1]))[0]


Reader = Callable[[re.Match[str], Context], list[Found]]
Guard = Callable[[re.Match[str], str], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern of English temporal expression and how to read a match of it.

    ``guard`` rejects a match before span selection (so a rejected long match does not
    hide a shorter, valid one); ``read`` may still return nothing if the context cannot
    resolve the expression.
    """

    name: str
    pattern: re.Pattern[str]
    read: Reader
    guard: Guard | None = None


_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|planned|scheduled|expected|"
    r"is\s+to|are\s+to|due|next|tomorrow|intends?\s+to|upcoming|as\s+soon\s+as|as\s+early\s+as)\b"
)


def sounds_future(text: str, start: int) -> bool:
    """Whether the clause before ``start`` looks forward in time (for bare weekdays)."""
    left = text[max(0, start - 60):start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("; "))
    return bool(_FUTURE_CUE.search(left[cut + 1:]))

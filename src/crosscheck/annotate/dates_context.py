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

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from crosscheck.annotate.dates_calendar import CalendarPoint, make_point
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
    #: The last date the text wrote out with its year ("March 2, 1988", "in 1987"), not
    #: one this tagger inferred: only such a year may govern later dates without one.
    last_explicit: CalendarPoint | None = None
    last_explicit_end: int = -1
    #: True when the text tells a story far from its document date (a history page):
    #: then a year it wrote out governs the bare dates that follow, not the document date.
    historical: bool = False
    #: The year last given to a date written without one, and where that date began.
    bare_year: int | None = None
    bare_start: int = -1
    reported_period: str | None = None
    found: list[Found] = field(default_factory=list)

    def speech_time(self) -> CalendarPoint | None:
        """The time of writing: the document date. Without one it is unknown: the last
        date named is the story's time, not the writer's ("Today a plaque remembers them"
        after "sank on 3 March 1911" is not 3 March 1911)."""
        return self.anchor

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

    def day_in_sentence(self, start: int) -> CalendarPoint | None:
        """The day a date earlier in the same sentence named, if any."""
        last = self.last_point
        if last is None or last.day is None or start < self.last_point_end:
            return None
        gap = self.text[self.last_point_end:start]
        return last if len(gap) <= LOCAL_WINDOW and not _SENTENCE_END.search(gap) else None

    def note(self, found: Found) -> None:
        """Remember a resolved expression so later ones can count from it."""
        self.found.append(found)
        if found.point is not None:
            self.last_point, self.last_point_end = found.point, found.end
            if not found.relative:
                self.last_explicit, self.last_explicit_end = found.point, found.end
        if found.reports_period:
            self.reported_period = found.value

    def year_for(self, month: int, day: int | None, start: int) -> int | None:
        """The year of a month or day named without one ("9 August", "in April").

        1. A year the text wrote out earlier in the same sentence wins ("in 1986 ... on
           9 August"), as does, in a text that narrates the past (see
           :func:`narrates_past`), one far from the document date while the paragraph is
           still telling that time's story ("in 1988 ... And on March 3").
        2. Without a document date that has a month, the last year named (else the
           document's year).
        3. Otherwise the year an earlier bare date of the same sentence got, if that
           keeps this one within half a year of the document date (a list of dates);
        4. else the occurrence nearest the document date, read with the clause's tense:
           the next one when it looks forward ("will meet on March 12"), the last one
           when it reports the past ("In January, the company bought").
        """
        anchor = self.anchor
        explicit = self._governing_year(start)
        short = _SHORT_YEAR.search(self.text[max(0, start - 12):start])
        if short:
            # A chronology's "41, April 13": the year abbreviated to two digits, in the
            # century of the years around it; without any, no year is invented.
            near = explicit or self.year_hint() or (anchor.year if anchor else None)
            if near is None:
                return None
            written = near - near % 100 + int(short.group(1))
            return written - 100 if written > near + 50 else written
        if explicit is not None:
            return explicit
        if anchor is None or anchor.month is None:
            return self.year_hint()
        year = self._shared_year(start, month, day)
        if year is None:
            year = _nearest_year(anchor, month, day, clause_tense(self.text, start))
        self.bare_year, self.bare_start = year, start
        return year

    def _shared_year(self, start: int, month: int, day: int | None) -> int | None:
        """The year given to a bare date earlier in the same sentence ("from March 30, ...
        from August 6"), which a list of dates shares unless it puts this one far away."""
        if self.bare_year is None or self.anchor is None or start <= self.bare_start:
            return None
        gap = self.text[self.bare_start:start]
        if len(gap) > LOCAL_WINDOW or _SENTENCE_END.search(gap):
            return None
        offset = _offset_days(self.anchor, self.bare_year, month, day)
        return self.bare_year if offset is not None and abs(offset) <= _SHARED_YEAR_REACH else None

    def _governing_year(self, start: int) -> int | None:
        """A year written out before ``start`` that still governs a date without one."""
        last, anchor = self.last_explicit, self.anchor
        if last is None or start < self.last_explicit_end:
            return None
        if anchor is not None and last.year < anchor.year and sounds_future(self.text, start):
            return None  # "joined in July 1997, will meet on March 12": ahead, not then
        gap = self.text[self.last_explicit_end:start]
        if len(gap) <= LOCAL_WINDOW and not _SENTENCE_END.search(gap):
            return last.year
        far = anchor is None or abs(last.year - anchor.year) >= 2
        if self.historical and far and len(gap) <= STORY_WINDOW \
                and not _PARAGRAPH_END.search(gap):
            return last.year
        return None


#: Two digits and a comma opening a clause, just before a month: an abbreviated year in
#: a chronology ("… in Valmora. 12, May 3 – the harbour treaty").
_SHORT_YEAR = re.compile(r"(?:^|[.;:!?–—]\s+|\n\s*)(\d\d),\s*$")
#: How far back (in characters, about two sentences) a named year still governs a bare date.
LOCAL_WINDOW = 200
#: How far (about a paragraph) a year far from the document date keeps governing.
STORY_WINDOW = 1500
_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z\"'(]|\n\s*\n")
_PARAGRAPH_END = re.compile(r"\n\s*\n")


#: How far (in days) the nearest occurrence of a bare date may lie on the wrong side of
#: the document date before the clause's tense moves it a year: a past-tense sentence
#: can still name a date a few weeks ahead ("invited them to a ceremony on March 12").
_TENSE_OVERRIDE = 45
#: How far (days) from the document date a year shared with an earlier date of the same
#: sentence may put a bare date: "payable Jan. 2 to holders of record Dec. 15" does not
#: share Jan. 2's new year, since Dec. 15 of it is more than a year away.
_SHARED_YEAR_REACH = 183


def _offset_days(anchor: CalendarPoint, year: int, month: int, day: int | None) -> int | None:
    """Signed days from the anchor to the nearest day of year/month(/day); 0 inside it;
    None for an impossible date (30 February)."""
    if make_point(year, month, day) is None:
        return None
    here = anchor.as_date() or dt.date(anchor.year, anchor.month or 7, 15)
    first = dt.date(year, month, day or 1)
    last = dt.date(year, month, day or calendar.monthrange(year, month)[1])
    if first > here:
        return (first - here).days
    if last < here:
        return (last - here).days
    return 0


def _nearest_year(anchor: CalendarPoint, month: int, day: int | None, tense: str | None) -> int:
    """The year putting month/day nearest the anchor, unless the clause's tense says the
    other side of it ("In January, the company bought" said in October: last January)."""
    candidates = [(y, off) for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                  if (off := _offset_days(anchor, y, month, day)) is not None]
    if not candidates:
        return anchor.year
    # News reports the past more than it announces: a later date must be twice as close.
    year, offset = min(candidates, key=lambda c: (c[1] * 2 if c[1] > 0 else -c[1]))
    if tense == "past" and offset > _TENSE_OVERRIDE:
        return year - 1
    if tense == "future" and offset < -_TENSE_OVERRIDE:
        return year + 1
    return year


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


_PAST_CUE = re.compile(
    r"\b(?i:was|were|had|did|ago|began|begun|came|went|took|made|bought|sold|brought|fell"
    r"|rose|won|lost|left|met|held|saw|got|gave|paid|struck|fought|found|led|ran|sent|spent"
    r"|wrote|became|built|broke|chose|drew|flew|froze|hit|kept|knew|put|set|shot|stood"
    r"|since|earlier)\b|\b[a-z]{3,}ed\b"
)
#: Verbs that report speech, and -ed words that are seldom past verbs: neither sets the
#: tense of the event the date belongs to.
_REPORTING = re.compile(
    r"(?i)\b(?:said|told|announced|reported|added|noted|stated|explained|claimed|asked"
    r"|replied|warned|confirmed|expected|scheduled|planned|based|named|called|related|limited"
    r"|armed|concerned|interested|proposed|alleged|need|indeed|speed|feed|seed|united)\b"
)


_DEADLINE_BEFORE = re.compile(
    r"(?i)\b(?:by|until|till|effective|payable|expires?|deadline\s+of|due|ahead\s+of)\s+(?:the\s+)?$")
_WOULD = re.compile(r"(?i)\bwould\b")
_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?$")
_CLAUSE_EDGE = re.compile(r"[,;:()\u2014]|\s--\s|\b(?:where|which|when|while|after|before|since"
                          r"|because|although|though|if|unless|who|whom|that|once)\b")
_SENTENCE_START = re.compile(r"[.!?]['\"\u201d\u2019`]*\s+|\n")
#: A passive participle ("is held", "will be paid", "has been planned") or an adjective
#: ("a detailed plan", "unspecified") is no past-tense verb.
_PARTICIPLE = re.compile(
    r"(?i)\b(?:is|are|be|being|been|gets?|to)\s+(?:\w+ly\s+)?[a-z]+\b"
    r"|\b(?:a|an|the|its|their|his|her|our|this|that|these|those|still|very|more|most|less"
    r"|well|newly|so)\s+[a-z]+ed\b|\bun[a-z]+ed\b"
)


def clause_tense(text: str, start: int) -> str | None:
    """"future", "past" or None: the tense around ``start`` from cue words.

    "by"/"until"/"payable" right before a date look forward and "since" back; else the
    cues of the date's clause, else those of its sentence when they all agree. "said" and
    other reporting verbs, and passive participles ("will be held"), are not past verbs.
    """
    left = text[max(0, start - 24):start]
    if _DEADLINE_BEFORE.search(left):
        return "future"
    if _SINCE_BEFORE.search(left):
        return "past"
    starts = [m.end() for m in _SENTENCE_START.finditer(text, max(0, start - 200), start)]
    sentence_start = starts[-1] if starts else max(0, start - 200)
    end = _SENTENCE_START.search(text, start, start + 200)
    before, after = text[sentence_start:start], text[start:end.start() if end else start + 200]
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(before)]
    after_edge = _CLAUSE_EDGE.search(after, 1)
    clause = before[edges[-1] if edges else 0:] + after[:after_edge.start() if after_edge else None]
    tense = _tense_of(clause)
    if tense is not None:
        return tense
    # Out of the clause only a past with no future cue anywhere counts: "In September,
    # it announced plans to" is past, and so is nothing in "plans to buy it in May".
    return "past" if _tense_of(before + after) == "past" else None


def _tense_of(words: str) -> str | None:
    """The tense cue words give, a future cue first ("would" too: news reports plans in it)."""
    if _FUTURE_CUE.search(words) or _WOULD.search(words):
        return "future"
    if _PAST_CUE.search(_PARTICIPLE.sub(" ", _REPORTING.sub(" ", words))):
        return "past"
    return None


_YEAR_WORD = re.compile(r"(?<![\w$.,])(1[0-9]\d\d|20\d\d)(?![\w%]|[.,]\d)")
_DEICTIC_WORD = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?i:yesterday|today"
    r"|tomorrow|tonight|(?:last|this|next)\s+(?:week|month)))\b")


def narrates_past(text: str, anchor: CalendarPoint | None) -> bool:
    """Whether the text tells of times far from its document date rather than its own days.

    News points at its own days ("on Tuesday", "yesterday", "in 1988" a year back) and
    names older years in passing; a history page names far years over and over. Counted:
    years two or more from the document date against those near it plus day words.
    """
    if anchor is None:
        return True
    far = near = 0
    for m in _YEAR_WORD.finditer(text):
        if abs(int(m[1]) - anchor.year) >= 2:
            far += 1
        else:
            near += 1
    return far > 2 * (near + len(_DEICTIC_WORD.findall(text)))


def sounds_future(text: str, start: int) -> bool:
    """Whether the clause before ``start`` looks forward in time (for bare weekdays)."""
    left = text[max(0, start - 60):start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("; "))
    return bool(_FUTURE_CUE.search(left[cut + 1:]))

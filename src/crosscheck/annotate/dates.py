"""The temporal tagger: find dates, times, durations and sets in English text and write
each as a TIMEX3 value (``1986-04-13``, ``1984-FA``, ``P2Y``, ``PRESENT_REF``).

It is rules over regular expressions, no model: every rule (in ``dates_absolute``,
``dates_relative`` and ``dates_spans``) proposes spans; the longest proposals win where
they overlap; the winners are then resolved left to right, so "the next day" counts from
the date the text named just before it. TempEval-3's TimeBank+AQUAINT data
(``bench/tempeval.py``) is the yardstick.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from crosscheck.annotate.dates_absolute import ABSOLUTE_RULES
from crosscheck.annotate.dates_calendar import granularity_of, parse_anchor
from crosscheck.annotate.dates_context import Context, Found, Rule, narrates_past
from crosscheck.annotate.dates_relative import RELATIVE_RULES
from crosscheck.annotate.dates_spans import SPAN_RULES
from crosscheck.model import Timex

__all__ = ["RULES", "tag_dates", "tag_document"]

#: Every rule, in the order that breaks ties between proposals of equal length.
RULES: tuple[Rule, ...] = (*ABSOLUTE_RULES, *RELATIVE_RULES, *SPAN_RULES)

# A cheap pre-check: text with no digit and none of these words cannot hold a timex.
_MAYBE_TEMPORAL = re.compile(
    r"\d|(?i:day|year|month|week|now|current|recent|past|future|soon|ago|later|earlier"
    r"|night|morning|noon|evening|quarter|centur|decade|spring|summer|fall|autumn|winter|hour"
    r"|minute|second|ly\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|christmas|easter"
    r"|thanksgiving|halloween|ies\b|tonight|once|lately)"
)


def tag_dates(text: str, anchor: str | None = None) -> list[Timex]:
    """Find and normalise temporal expressions in `text`; offsets relative to `text`.

    Args:
        text: any text; noisy web text is fine.
        anchor: the document date as a TIMEX3 value (e.g. "1998-02-06" or "1986"), used
            for relative expressions when no explicit date precedes them in the text.

    Returns:
        Non-overlapping ``Timex`` records in text order; ``text[t.start:t.end] == t.text``.
    """
    if not text or not _MAYBE_TEMPORAL.search(text):
        return []
    point = parse_anchor(anchor)
    ctx = Context(text=text, anchor=point, historical=narrates_past(text, point))
    timexes: list[Timex] = []
    taken = bytearray(len(text))  # positions kept timexes cover: an overlap test per span, not per timex
    for rule, match in _select_matches(text):
        try:
            founds = rule.read(match, ctx)
        except (ValueError, OverflowError):
            continue  # arithmetic ran off the calendar (year 0, year 10000): not a date
        for found in founds:
            timex = _to_timex(text, found)
            if timex is not None and not any(taken[timex.start:timex.end]):
                taken[timex.start:timex.end] = b"\x01" * (timex.end - timex.start)
                timexes.append(timex)
                ctx.note(found)
    timexes.sort(key=lambda t: t.start)
    return timexes


def tag_document(pieces: Sequence[tuple[int, str]], anchor: str | None = None) -> list[list[Timex]]:
    """Tag the sentences of one document in a single reading, so context carries over.

    Tagging sentence by sentence forgets what the text said before: "And on March 3"
    after a sentence about 1988 would take the document date's year. Here the pieces are
    laid out at their offsets (gaps become white space) and tagged as one text.

    Args:
        pieces: ``(offset, text)`` per sentence, offsets into the document, in order.
        anchor: the document date as a TIMEX3 value, or None.

    Returns:
        One list per piece of the ``Timex`` records inside it, offsets relative to the
        piece; an expression that would straddle two pieces is dropped.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for offset, text in pieces:
        gap = offset - length
        filler = " " if gap <= 1 else "\n" + " " * (gap - 1)
        if length:
            parts.append(filler)
            length += len(filler)
        spans.append((length, length + len(text)))
        parts.append(text)
        length += len(text)
    found = tag_dates("".join(parts), anchor)
    out: list[list[Timex]] = [[] for _ in spans]
    index = 0
    for timex in found:
        while index < len(spans) and spans[index][1] <= timex.start:
            index += 1
        if index == len(spans):
            break
        start, end = spans[index]
        if start <= timex.start and timex.end <= end:
            out[index].append(replace(timex, start=timex.start - start, end=timex.end - start))
    return out


def _select_matches(text: str) -> list[tuple[Rule, re.Match[str]]]:
    """All rules' matches, longest first, keeping those that overlap no longer one."""
    proposals: list[tuple[int, int, Rule, re.Match[str]]] = []
    for order, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if match.end() > match.start() and (rule.guard is None or rule.guard(match, text)):
                proposals.append((match.start() - match.end(), order, rule, match))
    proposals.sort(key=lambda p: (p[0], p[1], p[3].start()))
    taken = bytearray(len(text))
    chosen: list[tuple[Rule, re.Match[str]]] = []
    for _, _, rule, match in proposals:
        start, end = _trimmed(text, match.start(), match.end())
        if start >= end or any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((rule, match))
    chosen.sort(key=lambda c: c[1].start())
    return chosen


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the white space a pattern may have swallowed at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _to_timex(text: str, found: Found) -> Timex | None:
    """The public record of a rule's finding, or None for an empty or unreadable one."""
    start, end = _trimmed(text, found.start, found.end)
    if start >= end or not found.value:
        return None
    return Timex(
        start=start, end=end, text=text[start:end], value=found.value, type=found.type,
        granularity=granularity_of(found.value) if found.type in ("DATE", "TIME") else None,
        relative=found.relative,
    )



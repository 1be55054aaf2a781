"""The timeline as an inline SVG chart whose axis adapts to the span it shows.

A brief may cover fifteen years or two months, so the tick unit is chosen from the span:
years (stepped 1, 2, 5, 10…) beyond about four years, months (stepped 1, 2, 3, 6, 12)
beyond about a hundred days, days (stepped 1, 2, 7, 14) below. Day-precise events are
dots; a month, season or year is a bar over the days it covers, so a vague date looks
vague. Marks that would overlap go to the next lane. Conflicting dates are red with a
ring, and every mark links to its row in the table below the chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from crosscheck.analyse.dates import DateSpan, parse_value
from crosscheck.model import TimelineEntry

WIDTH, LEFT, RIGHT = 760, 24, 24
LANE, TOP, AXIS = 17, 10, 34
MAX_LANES = 14
#: Under this many pixels a span is drawn as a dot, not a bar.
DOT_BELOW_PX = 9.0
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
MONTH_STEPS = (1, 2, 3, 6, 12)
DAY_STEPS = (1, 2, 7, 14)


@dataclass(frozen=True, slots=True)
class Tick:
    """One labelled tick on the axis, at the first day it names."""

    ordinal: int
    label: str


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _first_step(steps: Sequence[int], units: int, max_ticks: int) -> int:
    return next((s for s in steps if units / s <= max_ticks), steps[-1])


def _year_ticks(lo: int, hi: int, max_ticks: int) -> list[Tick]:
    y0, y1 = date.fromordinal(lo).year, date.fromordinal(hi).year
    step = _first_step(YEAR_STEPS, y1 - y0 + 1, max_ticks)
    first = y0 + (-y0) % step
    return [Tick(date(y, 1, 1).toordinal(), str(y)) for y in range(first, y1 + 1, step)
            if lo <= date(y, 1, 1).toordinal() <= hi]


def _month_ticks(lo: int, hi: int, max_ticks: int) -> list[Tick]:
    a, b = date.fromordinal(lo), date.fromordinal(hi)
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    step = _first_step(MONTH_STEPS, months, max_ticks)
    ticks: list[Tick] = []
    index = a.year * 12 + a.month - 1
    while index <= b.year * 12 + b.month - 1:
        year, month = divmod(index, 12)
        day = date(year, month + 1, 1)
        if month % step == 0 and lo <= day.toordinal() <= hi:
            with_year = not ticks or month == 0
            ticks.append(Tick(day.toordinal(), f"{day:%b %Y}" if with_year else f"{day:%b}"))
        index += 1
    return ticks


def _day_ticks(lo: int, hi: int, max_ticks: int) -> list[Tick]:
    step = _first_step(DAY_STEPS, hi - lo + 1, max_ticks)
    ticks: list[Tick] = []
    for ordinal in range(lo, hi + 1, step):
        day = date.fromordinal(ordinal)
        with_year = not ticks or (day.month == 1 and day.day <= step)
        ticks.append(Tick(ordinal, f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"))
    return ticks


def axis_ticks(lo: int, hi: int, max_ticks: int = 9) -> list[Tick]:
    """Ticks for the day range ``[lo, hi]`` (ordinals): years, months or days by span."""
    span = hi - lo
    if span > 4 * 365:
        return _year_ticks(lo, hi, max_ticks)
    if span > 100:
        return _month_ticks(lo, hi, max_ticks)
    return _day_ticks(lo, hi, max_ticks)


@dataclass(frozen=True, slots=True)
class _Mark:
    index: int
    entry: TimelineEntry
    x1: float
    x2: float
    dot: bool


def _marks(spans: Sequence[tuple[int, TimelineEntry, DateSpan]], lo: int,
           scale: float) -> list[_Mark]:
    marks = []
    for index, entry, span in spans:
        x1 = LEFT + (span.first - lo) * scale
        x2 = LEFT + (span.last + 1 - lo) * scale
        dot = x2 - x1 < DOT_BELOW_PX
        if dot:
            middle = (x1 + x2) / 2
            x1, x2 = middle - 6, middle + 6
        marks.append(_Mark(index, entry, x1, x2, dot))
    return sorted(marks, key=lambda m: (m.x1, m.x2))


def _lanes(marks: Sequence[_Mark]) -> list[int]:
    """A lane per mark so that no two marks in one lane overlap (greedy, left to right)."""
    ends: list[float] = []
    lanes = []
    for m in marks:
        lane = next((i for i, end in enumerate(ends) if end + 3 <= m.x1), None)
        if lane is None:
            lane = len(ends) if len(ends) < MAX_LANES else len(ends) - 1
            if lane == len(ends):
                ends.append(m.x2)
        ends[lane] = max(ends[lane], m.x2)
        lanes.append(lane)
    return lanes


def _shape(m: _Mark, y: float) -> str:
    conflict = m.entry.conflict
    colour = "#a8231b" if conflict else "#1a5aa6"
    if m.dot:
        cx = (m.x1 + m.x2) / 2
        ring = (f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="7.5" fill="none" stroke="{colour}" '
                f'stroke-width="1.5"/>') if conflict else ""
        return ring + f'<circle class="mk" cx="{cx:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
    stroke = f' stroke="{colour}" stroke-width="2"' if conflict else ""
    return (f'<rect class="mk" x="{m.x1:.1f}" y="{y - 4:.1f}" width="{m.x2 - m.x1:.1f}" height="8" '
            f'rx="3" fill="{colour}" fill-opacity="0.5"{stroke}/>')


def timeline_svg(entries: Sequence[TimelineEntry], row_href: Callable[[int], str]) -> str:
    """The chart (empty when no entry has a calendar date); mark ``i`` links to ``row_href(i)``."""
    spans = [(i, t, s) for i, t in enumerate(entries) if (s := parse_value(t.date)) is not None]
    if not spans:
        return ""
    first = min(s.first for _, _, s in spans)
    last = max(s.last for _, _, s in spans)
    pad = max(1, round((last - first) * 0.02))
    lo, hi = first - pad, last + pad
    scale = (WIDTH - LEFT - RIGHT) / (hi - lo + 1)
    marks = _marks(spans, lo, scale)
    lanes = _lanes(marks)
    height = TOP + (max(lanes) + 1) * LANE + AXIS
    axis_y = height - AXIS + 6
    parts = [f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="#56616d"/>']
    for tick in axis_ticks(lo, hi):
        x = LEFT + (tick.ordinal - lo) * scale
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{axis_y + 5}" '
                     f'stroke="#d5dbe1"/><text x="{x:.1f}" y="{axis_y + 19}" font-size="12" '
                     f'text-anchor="middle" fill="#56616d">{_e(tick.label)}</text>')
    for m, lane in zip(marks, lanes, strict=True):
        y = TOP + lane * LANE + LANE / 2
        words = f"{m.entry.date}{' (conflicting dates)' if m.entry.conflict else ''}: {m.entry.label}"
        parts.append(f'<a href="{_e(row_href(m.index))}" aria-label="{_e(words[:300])}">'
                     f"<title>{_e(words[:300])}</title>{_shape(m, y)}</a>")
    conflicts = sum(1 for _, t, _ in spans if t.conflict)
    summary = (f"Timeline chart: {len(spans)} events from {date.fromordinal(first):%Y-%m-%d} to "
               f"{date.fromordinal(last):%Y-%m-%d}; {conflicts} with conflicting dates, in red")
    return (f'<svg class="chart wide" viewBox="0 0 {WIDTH} {height}" role="group" '
            f'aria-label="{_e(summary)}">' + "".join(parts) + "</svg>")

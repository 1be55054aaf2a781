"""The timeline as a text chart for Markdown and terminals.

One row per period on a vertical axis; the period adapts to the span shown (years,
stepped 1/2/5/10… when the span is long; months; weeks; days), so both a fifteen-year
and a two-month timeline fit in about two dozen rows. Each event is one mark on the row
of its (consensus) date: ``●`` for a day-precise date, ``○`` for a coarser one (a month,
a season, a year), ``✖`` where the sources' dates conflict. Empty periods stay on the
axis so gaps read as gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from crosscheck.analyse.dates import parse_value
from crosscheck.model import TimelineEntry

#: At most this many rows; the period grows until the span fits.
MAX_ROWS = 26
#: Marks drawn on one row before the rest are counted ("●●●●●●+3").
MAX_MARKS = 8
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
#: This many empty periods in a row or more are folded into one "⋮" row.
FOLD = 3


@dataclass(frozen=True, slots=True)
class _Period:
    """A way to cut time into rows: the row a day falls in, and its label."""

    name: str
    row: Callable[[date], int]
    label: Callable[[int], str]


def _years(step: int) -> _Period:
    def label(r: int) -> str:
        return str(r * step) if step == 1 else f"{r * step}–{r * step + step - 1}"

    return _Period(f"{step} years" if step > 1 else "year", lambda d: d.year // step, label)


def _periods() -> list[_Period]:
    years = [_years(step) for step in YEAR_STEPS]
    month = _Period("month", lambda d: d.year * 12 + d.month - 1,
                    lambda r: f"{r // 12}-{r % 12 + 1:02d}")
    week = _Period("week", lambda d: d.toordinal() // 7,
                   lambda r: f"{date.fromordinal(r * 7):%Y-%m-%d} …")
    day = _Period("day", lambda d: d.toordinal(), lambda r: f"{date.fromordinal(r):%Y-%m-%d}")
    return [day, week, month, *years]


def text_chart(entries: Sequence[TimelineEntry]) -> str:
    """The chart as lines of text (empty when no entry has a calendar date)."""
    placed = []
    for entry in entries:
        span = parse_value(entry.date)
        if span is not None:
            placed.append((date.fromordinal(span.first), entry))
    if not placed:
        return ""
    for period in _periods():
        lines = _draw(period, placed)
        folds = sum("⋮" in line for line in lines)
        # Fine enough to tell dates apart, coarse enough that the chart is not mostly gaps.
        if len(lines) <= MAX_ROWS and 2 * folds <= len(lines) - folds:
            break
    legend = f"one row per {period.name}; ● day-precise event, ○ coarser date, ✖ sources disagree"
    return "\n".join([legend, *lines])


def _draw(period: _Period, placed: Sequence[tuple[date, TimelineEntry]]) -> list[str]:
    """The rows of the chart, with runs of empty periods folded into one "⋮" row."""
    rows: dict[int, list[TimelineEntry]] = {}
    for first, entry in placed:
        rows.setdefault(period.row(first), []).append(entry)
    lo, hi = min(rows), max(rows)
    labels = {r: _row_label(period, r, rows[r]) for r in rows}
    width = max(len(label) for label in labels.values())
    lines: list[str] = []
    empty = 0
    for r in range(lo, hi + 2):
        if r in rows or r > hi:
            if empty >= FOLD:
                lines.append(f"{'⋮':>{width}} ┆")
            else:
                lines += [f"{period.label(r - k):>{width}} ┤" for k in range(empty, 0, -1)]
            empty = 0
        else:
            empty += 1
            continue
        if r > hi:
            break
        here = rows[r]
        marks = "".join(_mark(e) for e in here[:MAX_MARKS])
        if len(here) > MAX_MARKS:
            marks += f"+{len(here) - MAX_MARKS}"
        lines.append(f"{labels[r]:>{width}} ┤ {marks}")
    return lines


def _row_label(period: _Period, row: int, entries: Sequence[TimelineEntry]) -> str:
    """The period's label, or the entries' own date when they are all coarser than it
    ("1915" rather than "1915-01-01" on a chart by day)."""
    dates = {e.date for e in entries}
    if len(dates) == 1 and len(next(iter(dates))) < len(period.label(row).rstrip(" …")):
        return next(iter(dates))
    return period.label(row)


def _mark(entry: TimelineEntry) -> str:
    if entry.conflict:
        return "✖"
    return "●" if entry.granularity == "day" else "○"

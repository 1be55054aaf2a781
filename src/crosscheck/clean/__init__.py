"""Cleaning: mark the spans of a page's plain text that are not article text.

Nothing is deleted. :func:`find_removals` returns stand-off :class:`Removal` records
(offsets into ``raw`` and a reason); the article view is ``raw`` minus those spans, and
the removed text can always be shown.

The cleaners run in order, each seeing what the earlier ones removed:

1. ``boilerplate`` — page furniture lines by shape (boilerplate.py)
2. ``gloss`` — inline link definitions pasted by encyclopedia mirrors (glosses.py)
3. ``duplicate`` — repeated paragraphs and sentences (duplicates.py); runs after the
   glosses so that a line repeated only in its gloss keeps its link name
4. ``spam`` — commercial, off-topic sentences (spam.py); runs last so that furniture
   and glosses do not distort the page's term statistics
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from crosscheck.clean.boilerplate import find_boilerplate
from crosscheck.clean.duplicates import find_duplicates
from crosscheck.clean.glosses import find_glosses
from crosscheck.clean.spam import find_spam
from crosscheck.clean.spans import Coverage, Line, Span, split_lines
from crosscheck.model import REMOVAL_REASONS, Removal

__all__ = ["find_removals"]

log = logging.getLogger(__name__)

#: A cleaner reads the page's lines and what is removed so far, and proposes spans.
Cleaner = Callable[[list[Line], Coverage], list[Span]]

CLEANERS: tuple[tuple[str, Cleaner], ...] = (
    ("boilerplate", lambda lines, _taken: find_boilerplate(lines)),
    ("gloss", lambda lines, _taken: find_glosses(lines)),
    ("duplicate", find_duplicates),
    ("spam", find_spam),
)


def find_removals(raw: str) -> list[Removal]:
    """Spans of `raw` that are not article text, each with a reason; sorted, non-overlapping.

    Args:
        raw: a page's plain text, exactly as extracted.

    Returns:
        Removals whose offsets index ``raw``; each covers whole lines, whole sentences
        or (for glosses) the pasted definition after a link name. Never raises: a
        cleaner that fails on a strange input is skipped and logged, and the others
        still run.
    """
    if not isinstance(raw, str) or not raw.strip():
        return []
    lines = split_lines(raw)
    taken = Coverage()
    spans: list[Span] = []
    for name, cleaner in CLEANERS:
        try:
            found = cleaner(lines, taken)
        except Exception:  # one cleaner's bug must not cost the page its other cleaners
            log.exception("cleaner %r failed on a %d-character text; skipped", name, len(raw))
            continue
        spans.extend(found)
        taken = taken.with_spans(found)
    return merge_spans(spans, raw)


def merge_spans(spans: list[Span], raw: str) -> list[Removal]:
    """Clamp, sort and union overlapping spans; the longest part names the union's reason.

    Two spans of the same reason separated only by spaces or tabs on one line are
    joined too, so a spam paragraph of two sentences is one removal.
    """
    length = len(raw)
    clean = sorted(
        (
            (max(0, s.start), min(length, s.end), s)
            for s in spans
            if s.reason in REMOVAL_REASONS and min(length, s.end) > max(0, s.start)
        ),
        key=lambda t: (t[0], t[1]),
    )
    groups: list[tuple[int, int, list[Span]]] = []
    for start, end, span in clean:
        if groups:
            g_start, g_end, parts = groups[-1]
            same_line_gap = (
                span.reason == parts[-1].reason
                and start >= g_end
                and not raw[g_end:start].strip(" \t")
            )
            if start < g_end or same_line_gap:
                groups[-1] = (g_start, max(g_end, end), [*parts, span])
                continue
        groups.append((start, end, [span]))
    out: list[Removal] = []
    for start, end, parts in groups:
        main = max(parts, key=lambda p: (p.end - p.start, -p.start))
        out.append(Removal(start, end, main.reason, main.detail))
    return out

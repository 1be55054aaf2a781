"""Lines, sentences and spans of raw text: the units every cleaner marks.

Cleaners never see a copy of the text that could drift from ``raw``; they see
:class:`Line` and :class:`Unit` records that are offsets into it, and report
:class:`Span` records that are offsets into it too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from crosscheck.clean.lexicon import ABBREVIATIONS
from crosscheck.model import RemovalReason


@dataclass(frozen=True, slots=True)
class Line:
    """One line of ``raw``: ``text == raw[start:end]``, without its line break."""

    index: int
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        """The line without surrounding whitespace (NBSP included)."""
        return self.text.strip()

    @property
    def content_start(self) -> int:
        """Offset of the first non-space character (``end`` for a blank line)."""
        return self.start + (len(self.text) - len(self.text.lstrip()))

    @property
    def content_end(self) -> int:
        """Offset just past the last non-space character."""
        return self.start + len(self.text.rstrip())


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence (or a whole line) of ``raw`` that a statistical cleaner scores."""

    start: int
    end: int
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Span:
    """A span a cleaner wants removed; becomes a :class:`~crosscheck.model.Removal`."""

    start: int
    end: int
    reason: RemovalReason
    detail: str


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(raw: str) -> list[Line]:
    """Every line of ``raw`` (``\\n``, ``\\r\\n`` or ``\\r`` breaks), blank ones included."""
    lines: list[Line] = []
    pos = 0
    for m in _LINE_BREAK.finditer(raw):
        lines.append(Line(len(lines), pos, m.start(), raw[pos : m.start()]))
        pos = m.end()
    lines.append(Line(len(lines), pos, len(raw), raw[pos:]))
    return lines


# A sentence ends at . ! ? or … (possibly repeated), then optional closing quotes or
# brackets, then whitespace. Whether it *really* ends is decided in split_sentences.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(line: Line) -> list[Unit]:
    """The sentences of one line, trimmed of surrounding whitespace.

    Good enough for scoring, not for citing: it does not split after an abbreviation
    ("Gen.", "U.S.") or an initial ("J. Smith"), and accepts a lower-case start,
    because machine-translated pages often lower-case the word after a full stop.
    """
    text = line.text
    units: list[Unit] = []
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and len(m.group().rstrip("\"'”’»)]")) == 1:
            before = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
            if before is not None:
                word = before.group(1)
                if (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS:
                    continue
        units.extend(_trimmed(line, begin, m.end()))
        begin = m.end()
    units.extend(_trimmed(line, begin, len(text)))
    return units


def _trimmed(line: Line, begin: int, end: int) -> list[Unit]:
    piece = line.text[begin:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right <= left:
        return []
    s, e = line.start + begin + left, line.start + begin + right
    return [Unit(s, e, piece[left:right], line.index)]


class Coverage:
    """The union of spans already removed, for fast "is this unit touched?" queries."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self.add(spans)

    def add(self, spans: Iterable[Span]) -> None:
        """Add spans; keeps the intervals sorted and merged."""
        pairs = sorted(
            [*zip(self._starts, self._ends, strict=True), *((s.start, s.end) for s in spans)]
        )
        starts: list[int] = []
        ends: list[int] = []
        for s, e in pairs:
            if e <= s:
                continue
            if starts and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        self._starts, self._ends = starts, ends

    def with_spans(self, spans: Iterable[Span]) -> Coverage:
        """A new coverage: this one plus ``spans``."""
        out = Coverage()
        out._starts, out._ends = list(self._starts), list(self._ends)
        out.add(spans)
        return out

    def touches(self, start: int, end: int) -> bool:
        """True when any removed character lies in ``[start, end)``."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        j = i + 1
        return j < len(self._starts) and self._starts[j] < end

"""Segment: sentences as ``(start, end)`` offsets into a document's ``raw``.

Only kept text is segmented: every removal is a hard boundary, so a sentence never spans
text that cleaning marked (an encyclopedia gloss pasted mid-sentence splits the sentence
into the parts around it, each still a verbatim quote). Blank lines end a sentence; a
single line break ends one unless the line runs on into a lower-case continuation.
Within a block, sentence ends are found by punctuation rules with an abbreviation list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from crosscheck.annotate.dates_lexicon import MONTHS
from crosscheck.english import ABBREVIATIONS
from crosscheck.model import Removal, Sentence

#: A line ending in one of these words cannot end a sentence ("between the\nRoman Empire").
_RUN_ON_WORDS = frozenset(
    """
    the a an of and or to in on at by for with from between as than that into
    """.split()
)
_TERMINATOR = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)""")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
#: A day with the ordinal dot European languages write, kept by translations ("the 14.
#: April 1961"): the dot ends no sentence when a month and a year follow.
_DOTTED_DAY = re.compile(r"(?<![\w.])(?:[12]\d|3[01]|0?[1-9])$")
_MONTH_AND_YEAR = re.compile(r"\s+(?:" + "|".join(m.capitalize() for m in MONTHS) + r"),?\s+\d{4}\b")
_LEADING_JUNK = re.compile(r"^[\s\-–—*•·>#|]+")


def kept_regions(length: int, removals: Sequence[Removal]) -> list[tuple[int, int]]:
    """The ``[start, end)`` regions of a text of ``length`` chars that no removal covers."""
    regions, cursor = [], 0
    for r in sorted(removals, key=lambda r: r.start):
        if r.start > cursor:
            regions.append((cursor, r.start))
        cursor = max(cursor, r.end)
    if cursor < length:
        regions.append((cursor, length))
    return regions


def _blocks(raw: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a region into blocks at blank lines and at line breaks that end a line."""
    lines = []
    pos = start
    for match in re.finditer(r"\n", raw[start:end]):
        lines.append((pos, start + match.start()))
        pos = start + match.end()
    lines.append((pos, end))
    block_start: int | None = None
    for i, (ls, le) in enumerate(lines):
        text = raw[ls:le]
        if not text.strip():
            if block_start is not None:
                yield block_start, lines[i - 1][1]
                block_start = None
            continue
        if block_start is None:
            block_start = ls
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or not _runs_on(text, raw[nxt[0]:nxt[1]]):
            yield block_start, le
            block_start = None


def _runs_on(line: str, following: str) -> bool:
    """True when a line break sits inside a sentence (next line continues it)."""
    tail, head = line.rstrip(), following.lstrip()
    if not tail or not head:
        return False
    if tail[-1] in ".!?:;…\"”":
        return False
    last_word = tail.rsplit(None, 1)[-1]
    return (head[0].islower() or head[0] in ",;)" or tail[-1] in ",("
            or last_word in _RUN_ON_WORDS)


def _is_abbreviation(block: str, dot: int) -> bool:
    """True if the period at ``dot`` ends an abbreviation or an initial, not a sentence."""
    match = _WORD_BEFORE.search(block, max(0, dot - 64), dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # A single capital letter ("J. Smith") or dotted initials ("U.S.S.R.").
    return (len(word) == 1 and word.isalpha()) or bool(re.fullmatch(r"(\w\.)+\w", word))


def _plain_word_before(block: str, dot: int) -> bool:
    match = _WORD_BEFORE.search(block, max(0, dot - 64), dot)
    return match is not None and len(match.group(1)) >= 4 and match.group(1).isalpha()


def _split_block(raw: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    block = raw[start:end]
    cursor = 0
    for match in _TERMINATOR.finditer(block):
        stop = match.end()
        if block[match.start()] == "." and match.end() - match.start() == 1:
            if _is_abbreviation(block, match.start()):
                continue
            if (_DOTTED_DAY.search(block, max(0, match.start() - 3), match.start())
                    and _MONTH_AND_YEAR.match(block, stop)):
                continue
            rest = block[stop:].lstrip()
            # A lower-case word after a period follows an abbreviation we do not know
            # ("approx. five") — unless the word before the period is a plain long word,
            # as in machine-translated text that lost its capitals ("controversial. he").
            if rest[:1].islower() and not _plain_word_before(block, match.start()):
                continue
        yield start + cursor, start + stop
        cursor = stop
    if cursor < len(block):
        yield start + cursor, end


def _trim(raw: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past leading bullets/whitespace and trailing whitespace."""
    text = raw[start:end]
    lead = _LEADING_JUNK.match(text)
    if lead:
        start += lead.end()
    text = raw[start:end]
    end = start + len(text.rstrip())
    return start, end


#: Characters beyond which a "sentence" is a run without punctuation (a table, a dump, a
#: page that lost its stops): it is cut at spaces into pieces this long, so no stage
#: downstream (tagging, embedding, quoting) ever works on one unbounded string.
MAX_SENTENCE = 1000


def _split_long(raw: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            cut = raw.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            yield start, cut
            start = cut
        yield start, end


def segment(doc_id: str, raw: str, removals: Sequence[Removal] = ()) -> list[Sentence]:
    """The sentences of the kept text of ``raw``, numbered from 0 in reading order."""
    sentences: list[Sentence] = []
    for region_start, region_end in kept_regions(len(raw), removals):
        for block_start, block_end in _blocks(raw, region_start, region_end):
            for s, e in _split_long(raw, _split_block(raw, block_start, block_end)):
                s, e = _trim(raw, s, e)
                if e > s and any(ch.isalnum() for ch in raw[s:e]):
                    sentences.append(Sentence(doc_id, len(sentences), s, e, raw[s:e]))
    return sentences

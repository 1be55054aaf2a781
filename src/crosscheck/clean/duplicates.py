"""Repeated paragraphs and sentences inside one document.

A unit (a line/paragraph, or a sentence) is a duplicate when (nearly) all of it is
already said by another unit of the same document, so removing it loses nothing:

* 90%+ of its word 3-shingles occur in the other unit, and
* every number and every capitalised word of it occurs in the other unit — a repeat
  that changes a date or a name is a claim of its own (crosscheck reports it as a
  conflict) and stays.

Of two (near-)identical units the later is removed; a paragraph that is wholly
contained in a longer one is removed wherever it stands, so the longer one survives.
Shingle sets are compared through an inverted index (shingle -> units), which keeps a
36 KB page at a few milliseconds and stays near-linear on long pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from crosscheck.clean.spans import Coverage, Line, Span, Unit, split_sentences

#: Below 8 words a repeat is likely a stock phrase or a list item ("3 anos, 3 anos"),
#: not a copied paragraph.
_MIN_WORDS = 8
_CONTAINMENT = 0.9
#: Of two near-identical units, "contained in a longer one" needs the container to be
#: this much longer; otherwise the units count as copies and the later one goes.
_LONGER = 1.2
_WORD = re.compile(r"\w+(?:['’]\w+)*")
#: Most units one unit is compared with in full (those sharing most of its rarest
#: shingles): keeps a pathological page linear.
_MAX_CANDIDATES = 64
#: Most postings read for one unit's candidates.
_MAX_READ = 1024


@dataclass(frozen=True, slots=True)
class _Shingled:
    unit: Unit
    words: int
    vocab: frozenset[str]
    shingles: frozenset[tuple[str, str, str]]
    facts: frozenset[str]


def _shingle(unit: Unit) -> _Shingled:
    raw_words = _WORD.findall(unit.text)
    words = [w.lower() for w in raw_words]
    shingles = frozenset(zip(words, words[1:], words[2:], strict=False))
    # Facts: numbers and capitalised words that are not sentence-initial.
    facts = {
        w
        for i, (w, r) in enumerate(zip(words, raw_words, strict=True))
        if (i > 0 and r[:1].isupper()) or not r.isalpha()
    }
    return _Shingled(unit, len(words), frozenset(words), shingles, frozenset(facts))


def _joined(unit: Unit, parts: list[_Shingled]) -> _Shingled:
    """A paragraph's record from its sentences' (shingles across a boundary are left out)."""
    if len(parts) == 1:
        return _Shingled(unit, parts[0].words, parts[0].vocab, parts[0].shingles, parts[0].facts)
    return _Shingled(
        unit,
        sum(p.words for p in parts),
        frozenset().union(*(p.vocab for p in parts)),
        frozenset().union(*(p.shingles for p in parts)),
        frozenset().union(*(p.facts for p in parts)),
    )


def _said_elsewhere(a: _Shingled, b: _Shingled) -> bool:
    """Is (nearly) everything ``a`` says also said by ``b``?"""
    if not a.shingles:
        return False
    shared = len(a.shingles & b.shingles)
    return shared >= _CONTAINMENT * len(a.shingles) and a.facts <= b.vocab


def _find(units: list[_Shingled], kind: str, *, into_later: bool) -> list[Span]:
    """Units said elsewhere; ``into_later`` also drops a unit contained in a later one."""
    items = [s for s in units if s.words >= _MIN_WORDS]
    # A unit said elsewhere has 90% of its shingles in another unit, so at least that
    # share occurs in two units or more; most units of an article have none. Counting
    # first (in C) and indexing only repeated shingles keeps the index small.
    in_units = Counter(chain.from_iterable(s.shingles for s in items))
    repeated = {sh for sh, n in in_units.items() if n > 1}
    posting: dict[tuple[str, ...], list[int]] = {}
    for i, s in enumerate(items):
        for sh in s.shingles & repeated:
            posting.setdefault(sh, []).append(i)
    removed: set[int] = set()
    spans: list[Span] = []
    for i, s in enumerate(items):
        if len(s.shingles & repeated) < _CONTAINMENT * len(s.shingles):
            continue
        # Prefix filter: a unit holding 90% of s's shingles holds at least one of any
        # floor(10%)+1 of them, so the rarest few name every candidate.
        probe = sorted(s.shingles, key=lambda sh: in_units[sh])
        probe = probe[: int(len(probe) * (1 - _CONTAINMENT)) + 1]
        # A page of one phrase repeated with variations makes every unit a candidate of
        # every other (quadratic: a 20 MB file of such text took over 20 minutes). The
        # rarest shingles' units are read first, up to a budget, and of those the units
        # holding most of the probe (a copy holds nearly all of it) are checked.
        hits: Counter[int] = Counter()
        read = 0
        for sh in probe:
            units_with = posting.get(sh, [])[: _MAX_READ - read]
            hits.update(units_with)
            read += len(units_with)
            if read >= _MAX_READ:
                break
        hits.pop(i, None)
        candidates = sorted(j for j, _ in hits.most_common(_MAX_CANDIDATES))
        for j in candidates:
            if j in removed:
                continue
            other = items[j]
            longer = into_later and other.words >= _LONGER * s.words
            if not (j < i or longer) or not _said_elsewhere(s, other):
                continue
            removed.add(i)
            where = "earlier" if j < i else "later"
            spans.append(
                Span(
                    s.unit.start,
                    s.unit.end,
                    "duplicate",
                    f"repeats {where} {kind} at {other.unit.start}",
                )
            )
            break
    return spans


def find_duplicates(lines: list[Line], taken: Coverage) -> list[Span]:
    """Repeated paragraphs, then repeated sentences among what is left."""
    sentences: dict[int, list[_Shingled]] = {}
    paragraphs: list[_Shingled] = []
    for ln in lines:
        if not ln.stripped or taken.touches(ln.start, ln.end):
            continue
        parts = [_shingle(u) for u in split_sentences(ln)]
        sentences[ln.index] = parts
        unit = Unit(ln.content_start, ln.content_end, ln.stripped, ln.index)
        paragraphs.append(_joined(unit, parts))
    spans = _find(paragraphs, "paragraph", into_later=True)
    gone = {sp.start for sp in spans}
    left = [s for p in paragraphs if p.unit.start not in gone for s in sentences[p.unit.line]]
    # A sentence repeated within one paragraph or across paragraphs; only the later
    # copy goes (a sentence inside a longer one may be the better-cut quote).
    spans.extend(_find(left, "sentence", into_later=False))
    return spans

"""Entities: proper-name mentions across sources merged under their variant names.

Names are merged when they are the same after normalisation (case, accents, hyphens,
a leading "the"), when one is an acronym of the other ("NATO"), when a single word is the
surname of exactly one full person name, or when they are close spellings of each other
(transliteration and machine-translation variants: "Tchaikovsky" / "Chaikovsky").
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from crosscheck.analyse.view import CorpusView
from crosscheck.english import NAME_PARTICLES
from crosscheck.model import Entity

#: rapidfuzz ratio (0–100) above which two names of the same shape are one spelled two ways.
SPELLING_SIMILARITY = 86
#: Names shorter than this merge only when exactly equal (short names collide by chance).
MIN_FUZZY_LENGTH = 6
Unite = Callable[[str, str], None]
_CONNECTORS = NAME_PARTICLES | {"and"}


def normalise_name(name: str) -> str:
    """Case-folded, accent-free, hyphens as spaces, no leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("'s", "")
    for dash in "-–—":
        text = text.replace(dash, " ")
    words = text.casefold().split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def acronym(name: str) -> str:
    """Initials of the significant words of a name ("North Atlantic Treaty Organization" -> nato)."""
    return "".join(w[0] for w in normalise_name(name).split() if w not in _CONNECTORS)


@dataclass
class _Cluster:
    keys: set[str] = field(default_factory=set)
    surfaces: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    labels: Counter[str] = field(default_factory=Counter)
    mentions: int = 0


def merge_entities(view: CorpusView, limit: int = 30) -> list[Entity]:
    """Entities of the whole corpus, most widely attested first."""
    by_key: dict[str, _Cluster] = {}
    lower_words = _lowercase_words(view)
    openers: Counter[str] = Counter()
    for sid, mentions in view.mentions.items():
        for m in mentions:
            if m.kind != "entity":
                continue
            key = normalise_name(m.value)
            if len(key) < 2:
                continue
            if m.start == view.sentences[sid].start and key in lower_words:
                openers[key] += 1
            c = by_key.setdefault(key, _Cluster(keys={key}))
            c.surfaces[m.value] += 1
            c.sources.add(m.doc_id)
            c.labels[m.label or "NAME"] += 1
            c.mentions += 1
    # A word capitalised only where it opens a sentence, and written in lower case
    # elsewhere, is a common word ("Trade fears over …"), not a name.
    for key, count in openers.items():
        if count == by_key[key].mentions:
            del by_key[key]
    keys = sorted(by_key, key=lambda k: (-by_key[k].mentions, k))
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            # The more frequent name stays the root (and becomes the canonical name).
            if keys.index(ra) > keys.index(rb):
                ra, rb = rb, ra
            parent[rb] = ra

    _merge_acronyms(keys, union)
    _merge_surnames(keys, by_key, union)
    _merge_spellings(keys, union)
    merged: dict[str, _Cluster] = defaultdict(_Cluster)
    for k in keys:
        root = merged[find(k)]
        c = by_key[k]
        root.keys |= c.keys
        root.surfaces.update(c.surfaces)
        root.sources |= c.sources
        root.labels.update(c.labels)
        root.mentions += c.mentions
    entities = []
    order = view.source_number()
    for c in merged.values():
        name = _canonical(c.surfaces)
        aliases = tuple(sorted(s for s in c.surfaces if s != name))
        entities.append(Entity(
            name=name, aliases=aliases,
            sources=tuple(sorted(c.sources, key=lambda d: order.get(d, 0))),
            mentions=c.mentions, label=c.labels.most_common(1)[0][0],
        ))
    entities.sort(key=lambda e: (-len(e.sources), -e.mentions, e.name))
    return [e for e in entities if e.mentions >= 2 or len(e.sources) >= 2][:limit]


def _lowercase_words(view: CorpusView) -> set[str]:
    """Every word the corpus writes in lower case somewhere."""
    words: set[str] = set()
    for s in view.sentences.values():
        words.update(w for w in s.text.split() if w.islower())
    return {w.strip(".,;:!?\"'()") for w in words}


def _canonical(surfaces: Counter[str]) -> str:
    """The most used surface form; among equals the longest (most complete)."""
    return max(surfaces, key=lambda s: (surfaces[s], len(s)))


def _merge_acronyms(keys: Sequence[str], union: Unite) -> None:
    singles = {k for k in keys if " " not in k and 2 <= len(k) <= 6}
    for k in keys:
        if " " in k:
            a = acronym(k)
            if len(a) >= 2 and a in singles:
                union(a, k)


def _merge_surnames(keys: Sequence[str], clusters: dict[str, _Cluster], union: Unite) -> None:
    """A one-word name that is the last word of exactly one person's full name."""
    full_by_last: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        person_like = clusters[k].labels.most_common(1)[0][0] in ("PERSON", "NAME")
        # "Roman Empire", "South Africa": when the first word is a name of its own the
        # phrase is a modifier plus a noun, not a given name plus a surname.
        if (2 <= len(words) <= 4 and person_like and not set(words) & _CONNECTORS
                and words[0] not in clusters):
            full_by_last[words[-1]].append(k)
    for k in keys:
        if " " not in k and len(full_by_last.get(k, [])) == 1:
            union(k, full_by_last[k][0])


def _merge_spellings(keys: Sequence[str], union: Unite) -> None:
    """Close spellings of names of the same shape (same number of words)."""
    by_words: dict[int, list[str]] = defaultdict(list)
    for k in keys:
        by_words[len(k.split())].append(k)
    for group in by_words.values():
        for i, a in enumerate(group):
            if len(a) < MIN_FUZZY_LENGTH:
                continue
            for b in group[i + 1:]:
                if len(b) < MIN_FUZZY_LENGTH or a.startswith(b) or b.startswith(a):
                    continue
                if _differ_in_one_known_word(a, b):
                    continue
                if fuzz.ratio(a, b) >= SPELLING_SIMILARITY:
                    union(a, b)


def _differ_in_one_known_word(a: str, b: str) -> bool:
    """"battle of moscow" vs "battle of midway": multi-word names that differ in a whole
    word are different things; only letters inside words may vary."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wa) != len(wb):
        return False
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return any(fuzz.ratio(x, y) < 70 for x, y in differing)

"""Name conflicts: one person given two first names by different sources.

"Harbour Minister Piotr Arada" in one source and "Harbour Minister Pavel Arada" in
another are one person named two ways when the surname and the rest of the context
match: the same title words before the name, or sentences close in meaning that share
rare words. Names that differ only by an initial ("J. Arada") or by accents and case are
the same name, not a conflict, and so are close spellings; a source that uses both
first names is taken to speak of two people (a family), so it never makes a conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from crosscheck.analyse.entities import normalise_name, sound_key
from crosscheck.analyse.view import CorpusView, content_words, stem, stems
from crosscheck.model import Conflict, ConflictValue

#: Idf weight of shared content words that makes two sentences about the same person.
SHARED_WEIGHT = 6.0
#: Idf a shared title or role word needs to identify a person ("treasurer", not "company").
RARE_TITLE = 3.0
#: Cosine of the sentence vectors needed as well when no title words are shared.
CONTEXT_COSINE = 0.55
#: rapidfuzz ratio at which two first names are one name spelled two ways ("Dunmore" /
#: "Dunmoore"): an alias, which entity merging handles, not a conflict.
SPELLING = 80
_TITLE_WORD = re.compile(r"[A-Z][\w.'’-]*$")
_APPOSED = re.compile(r"^\s*,\s*((?:[\w'’-]+\s+){0,4}[\w'’-]+)\s*[,.;]")


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A full person name in one sentence: given name, surname, and the title before it."""

    sentence_id: int
    doc_id: str
    surface: str
    given: str
    surname: str
    title: frozenset[str]


def person_mentions(view: CorpusView, sentence_ids: Iterable[int]) -> list[PersonMention]:
    """Mentions of the shape [Title…] Given Surname.

    A "given name" the corpus also writes in lower case is a title or a common word
    ("Minister Arada", "General Arada"), not a given name; a "surname" it writes in lower
    case is a common noun ("Tarvik Church"), not a person.
    """
    common = view.lowercase_words()
    out = []
    for sid in sentence_ids:
        s = view.sentences[sid]
        for m in view.mentions.get(sid, []):
            if m.kind != "entity" or m.label not in ("PERSON", "NAME"):
                continue
            words = m.value.split()
            if len(words) < 2 or not all(w[:1].isupper() and w.replace("-", "").isalpha()
                                         for w in words[-2:]) or words[-2].lower() in common:
                continue
            if view.lowercase_counts()[words[-1].lower()] >= 2:
                continue  # "Tarvik Church": a common noun the corpus writes in lower case
            before = s.text[:m.start - s.start].split()[-3:]
            title_words = [w for w in before if _TITLE_WORD.match(w)] + words[:-2]
            # A role given in apposition: "Arada, the company treasurer, …"
            after = _APPOSED.match(s.text[m.end - s.start:])
            if after:
                title_words += content_words(after.group(1))
            out.append(PersonMention(
                sentence_id=sid, doc_id=s.doc_id, surface=" ".join(words[-2:]),
                given=normalise_name(words[-2]), surname=normalise_name(words[-1]),
                title=frozenset(w.lower().strip(".,") for w in title_words),
            ))
    return out


def same_given_name(a: str, b: str) -> bool:
    """"joseph" and "j." (or "j") are one given name; so are equal normalised names and
    one name transliterated two ways ("karl" / "carl")."""
    a, b = a.rstrip("."), b.rstrip(".")
    return (a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
            or sound_key(a) == sound_key(b))  # "Karl" and "Carl"


def name_conflicts(view: CorpusView, sentence_ids: Iterable[int]) -> tuple[list[Conflict],
                                                                            list[tuple[str, str]]]:
    """Conflicts over a person's first name, and the name pairs that are one person."""
    by_surname: dict[str, list[PersonMention]] = defaultdict(list)
    for p in person_mentions(view, sentence_ids):
        by_surname[p.surname].append(p)
    conflicts: list[Conflict] = []
    aliases: list[tuple[str, str]] = []
    for _, group in sorted(by_surname.items()):
        givens_by_doc: dict[str, set[str]] = defaultdict(set)
        for p in group:
            givens_by_doc[p.doc_id].add(p.given)
        families = {d for d, g in givens_by_doc.items() if len(_distinct(g)) > 1}
        group = [p for p in group if p.doc_id not in families]
        pairs = [(a, b) for i, a in enumerate(group) for b in group[i + 1:]
                 if a.doc_id != b.doc_id and not same_given_name(a.given, b.given)
                 and fuzz.ratio(a.given, b.given) < SPELLING
                 and a.given not in b.title and b.given not in a.title  # a middle name: "Ann Lee Marlow"
                 and _same_person_context(view, a, b)]
        if not pairs:
            continue
        held: dict[str, list[PersonMention]] = defaultdict(list)
        for a, b in pairs:
            for p in (a, b):
                if p not in held[p.given]:
                    held[p.given].append(p)
        values = tuple(
            ConflictValue(value=ps[0].surface, sources=tuple(dict.fromkeys(p.doc_id for p in ps)),
                          evidence=tuple(view.evidence(sid)
                                         for sid in dict.fromkeys(p.sentence_id for p in ps)))
            for _, ps in sorted(held.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        )
        note = "the same surname, title and context: one person, first name given two ways"
        conflicts.append(Conflict(kind="name", topic=f"first name of {group[0].surface.split()[-1]}",
                                  values=values, note=note))
        aliases.extend((a.surface, b.surface) for a, b in pairs)
    return conflicts, aliases


def _distinct(givens: set[str]) -> list[str]:
    out: list[str] = []
    for g in sorted(givens, key=len, reverse=True):
        if not any(same_given_name(g, o) for o in out):
            out.append(g)
    return out


def _same_person_context(view: CorpusView, a: PersonMention, b: PersonMention) -> bool:
    if any(view.idf(stem(w)) >= RARE_TITLE for w in a.title & b.title):
        return True
    wa = stems(view.sentences[a.sentence_id].text)
    wb = stems(view.sentences[b.sentence_id].text)
    names = stems(f"{a.surface} {b.surface}")
    if sum(view.idf(w) for w in (wa & wb) - names) < SHARED_WEIGHT:
        return False
    va, vb = view.vectors.vector(a.sentence_id), view.vectors.vector(b.sentence_id)
    return va is not None and vb is not None and float(va @ vb) >= CONTEXT_COSINE

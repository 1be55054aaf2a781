"""Entities: proper-name mentions across sources merged under their variant names.

Names are merged when they are the same after normalisation (case, accents, hyphens, "&",
a leading "the"), when one is an acronym of the other ("NATO"), when they are close
spellings of each other (transliteration and machine-translation variants: "Tchaikovsky" /
"Chaikovsky"), or when one is a short form of the other: initials or a clipped given name
("E. Varga", "Alex Varga"), a surname ("Varga", given to the one person it follows), a
body's name without its middle words, an event's name without its "of X". Nouns a
translation capitalised around a name ("the Miller Varga") are left out of it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from crosscheck.analyse.view import CorpusView
from crosscheck.annotate.entities import BODY_WORDS, EVENT_WORDS, TITLES
from crosscheck.english import NAME_PARTICLES, STOP_WORDS
from crosscheck.model import Entity, Mention

#: rapidfuzz ratio (0–100) above which two names of the same shape are one spelled two ways.
SPELLING_SIMILARITY = 86
#: Cosine of the mean sentence vectors at which two event names may be one event.
EVENT_CONTEXT_COSINE = 0.5
#: Letters of a name word that identify a participant ("Norland" / "Norlanders").
PARTICIPANT_STEM = 5
#: Kind words that can name any happening: "the X disaster" may be "the Y flood".
GENERIC_EVENTS = frozenset({"disaster", "catastrophe", "tragedy", "incident", "affair", "crisis"})
#: Distinct years two event names' contexts may span together and still be one event.
MAX_EVENT_YEARS = 3
#: Words for a calamity any of which may name the same one: "the X disaster" is "the X
#: catastrophe".
CALAMITIES = frozenset({"disaster", "catastrophe", "tragedy"})
#: A single word written in lower case at least this often (per capitalised mention) is a
#: common word some sources capitalise ("Children", "History"), not a name.
COMMON_WORD_SHARE = 0.5
#: Share of a bare name's mentions that must name an event ("the battles at X") for the
#: name to be taken as that event's ("the defeat of X" once in fifty mentions is not).
USED_AS_EVENT_SHARE = 0.25
#: Share of a bare surname's mentions after a full name that must follow one person's for
#: it to be that person's when several people bear it ("Reyes" after "Ana Reyes" five
#: times, after "Tomas Reyes" once, is Ana).
SURNAME_FOLLOWS_SHARE = 0.75
#: A one-word name used more than this many times as often as all the full names of
#: several people it ends, and mostly not after one, is a name of its own (a ship, a town).
SURNAME_USE_RATIO = 3
#: Share of a document's one-word names that must be common nouns for the document to be
#: one that capitalises nouns; 69 of 99 in a translation from German, 8 of 37 in others.
NOUN_CAPITALS_SHARE = 0.4
#: Proper names a document counts as having beyond its own, so that a short page with a
#: few title-cased headings (14 of 27) is not taken for one that capitalises nouns.
NOUN_CAPITALS_PRIOR = 20
#: Names shorter than this merge only when exactly equal (short names collide by chance).
MIN_FUZZY_LENGTH = 6
Unite = Callable[[str, str], None]
_CONNECTORS = NAME_PARTICLES | {"and"}
#: Words naming the kind of a place; "X River" is named by X.
_PLACE_KINDS = frozenset({"river", "lake", "mount", "mountain", "mountains", "island", "islands",
                          "sea", "bay", "strait", "gulf", "valley", "desert", "peninsula"})
#: Endings of adjectives that open place names ("French", "Eastern", "Spanish").
_ADJECTIVE_ENDINGS = ("ern", "ese", "ish", "ch", "ic", "ian", "an")
#: Words that make a part or a namesake of a place ("Upper Volta", "New York"), never a
#: given name.
_PLACE_MODIFIERS = frozenset({"inner", "outer", "upper", "lower", "north", "south", "east",
                              "west", "central", "greater", "great", "little", "new", "old",
                              "middle", "far", "near"})
#: Words that tell apart two names otherwise alike: "Eastern X" and "Western X", "Second X"
#: and "Third X" are different things however close their spellings.
_DISTINGUISHING = _PLACE_MODIFIERS | frozenset({
    "eastern", "western", "northern", "southern", "first", "second", "third", "fourth", "fifth"})


_EXPANSIONS = {"co": "company", "corp": "corporation", "inc": "incorporated", "ltd": "limited",
               "bros": "brothers", "dept": "department", "univ": "university", "intl": "international"}
_ABBREVIATIONS = re.compile(r"\b(" + "|".join(_EXPANSIONS) + r")\b\.?", re.IGNORECASE)
#: A kind or a title alone ("the Company", "the Treaty", "the Queen") refers to a name
#: given elsewhere; it is not a name of its own.
_KIND_WORDS = EVENT_WORDS | TITLES | frozenset(_EXPANSIONS.values())


#: A letter with a full stop, not inside a word: an initial ("W.") or one letter of an
#: initialism ("U.S.").
_INITIAL = re.compile(r"(?:(?<![\w.])|(?<=\w\.))([^\W\d_])\.")
_ROMAN = {"first": "i", "second": "ii", "third": "iii", "fourth": "iv", "fifth": "v", "sixth": "vi",
          "seventh": "vii", "eighth": "viii", "ninth": "ix", "tenth": "x"}
#: Common words that belong to the names they hold: "Lake X", "New X", "X Museum",
#: "X the Second".
_NAME_NOUNS = _KIND_WORDS | _PLACE_KINDS | _DISTINGUISHING | BODY_WORDS | frozenset(_ROMAN)
_LETTERS = str.maketrans({"ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ø": "o", "Ø": "O",
                          "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
                          "đ": "d", "Đ": "D", "ı": "i"})


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Case-folded, accent-free, hyphens as spaces, "&" as "and", no leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_LETTERS)  # letters NFKD keeps: "Þórdís" is "thordis"
    text = text.replace("’", "'").replace("'s", "").replace("&", " and ")
    text = _ABBREVIATIONS.sub(lambda m: _EXPANSIONS[m.group(1).lower()], text)
    text = _INITIAL.sub(lambda m: m.group(1) + " ", text)  # "U.S." is "u s" (initials "us"), "W." is "w"
    for dash in "-–—":
        text = text.replace(dash, " ")
    words = text.casefold().split()
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    if len(words) > 2 and words[0] in _ROMAN and set(words[1:]) & EVENT_WORDS:
        words = [*words[1:], _ROMAN[words[0]]]  # "second world war" is "world war ii"
    if len(words) > 2 and words[-2] == "the" and words[-1] in _ROMAN:
        words = [*words[:-2], _ROMAN[words[-1]]]  # "corvin the second" is "corvin ii"
    return " ".join(words)


#: Letters that spell one sound in the transliterations sources mix: "Carl" / "Karl",
#: "Wolga" / "Volga", "Jakob" / "Jacob", "Filip" / "Philip".
_SOUNDS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("w", "v"), ("y", "i"),
           ("th", "t"), ("z", "s"))


@lru_cache(maxsize=65536)
def sound_key(name: str) -> str:
    """A normalised name with letters of one sound spelled one way and doubled letters
    single: two names with one sound key are one name transliterated two ways."""
    key = normalise_name(name)
    for spelled, sound in _SOUNDS:
        key = key.replace(spelled, sound)
    return re.sub(r"(.)\1+", r"\1", key)


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
    sentence_ids: set[int] = field(default_factory=set)
    #: Event words just before bare mentions ("the battles at X" → "battle").
    used_as: Counter[str] = field(default_factory=Counter)
    #: Mentions right after "in", "into", "across"…: a place, not a person.
    placed: int = 0
    #: Mentions right after a title in lower case ("the emperor Corvin"): a name
    #: complete on its own, not the surname of some longer name.
    titled: int = 0
    #: (document, offset) of each mention, to tell which full name a bare one follows.
    at: list[tuple[str, int]] = field(default_factory=list)


def merge_entities(view: CorpusView, limit: int = 30,
                   same: Sequence[tuple[str, str]] = ()) -> list[Entity]:
    """Entities of the whole corpus, most widely attested first.

    ``same`` holds name pairs other analysis found to be one entity (a person whose
    first name sources give two ways).
    """
    by_key: dict[str, _Cluster] = {}
    lower_words = view.lowercase_words()
    openers: Counter[str] = Counter()
    name_of = _names_without_nouns(view)
    for sid, mentions in view.mentions.items():
        for m in mentions:
            if m.kind != "entity":
                continue
            value = name_of(m)
            key = normalise_name(value)
            if (len(key) < 2 or key in STOP_WORDS or key in _KIND_WORDS
                    or _is_field_label(view, sid, m.start, m.end)):
                continue
            if m.start == view.sentences[sid].start and key in lower_words:
                openers[key] += 1
            c = by_key.setdefault(key, _Cluster(keys={key}))
            c.surfaces[value] += 1
            c.sources.add(m.doc_id)
            c.labels[m.label or "NAME"] += 1
            c.mentions += 1
            c.sentence_ids.add(sid)
            c.at.append((m.doc_id, m.start))
            s = view.sentences[sid]
            used = _USED_AS_EVENT.search(s.text[max(0, m.start - s.start - 30):m.start - s.start])
            if used:
                c.used_as[used.group(1).rstrip("s")] += 1
            before = s.text[max(0, m.start - s.start - 16):m.start - s.start]
            possessive = s.text[m.end - s.start:m.end - s.start + 2] in ("'s", "’s")
            if _PLACE_PREPOSITION.search(before) and not possessive:
                c.placed += 1
            if before.split()[-1:] and before.split()[-1] in TITLES:
                c.titled += 1
    # A word capitalised only where it opens a sentence, and written in lower case
    # elsewhere, is a common word ("Trade fears over …"), not a name.
    for key, count in openers.items():
        if count == by_key[key].mentions:
            del by_key[key]
    # A single word the corpus writes in lower case more often than capitalised is a
    # common noun that a source capitalised ("the Treaty"), not a name.
    lower_counts = view.lowercase_counts()
    for key in [k for k in by_key if " " not in k and k in lower_counts]:
        if lower_counts[key] >= COMMON_WORD_SHARE * by_key[key].mentions:
            del by_key[key]
    keys = sorted(by_key, key=lambda k: (-by_key[k].mentions, k))
    names = _Partition(keys, _apart(keys))
    find, union = names.find, names.union
    for a, b in same:
        ka, kb = normalise_name(a), normalise_name(b)
        if ka in names.parent and kb in names.parent:
            union(ka, kb)
    _merge_appositions(view, set(keys), union)
    _merge_acronyms(keys, union)
    _merge_full_names(keys, union, lower_words)
    _merge_legal_forms(keys, union)
    shaped = [k for k in keys if _person_shaped(k, by_key[k])]
    people = [k for k in shaped if _opens_with_given_name(k, by_key, lower_words)]
    _merge_given_name_forms(people, shaped, by_key, lower_words, union, find)
    _merge_latin_forms(people, union)
    _merge_short_bodies(keys, by_key, union, find)
    kind_of = {k: _kind(k, by_key[k]) for k in keys}
    _merge_spellings(keys, union, kind_of)
    _merge_surname_spellings(people, union)
    _merge_surnames(keys, people, by_key, union, find)
    _merge_short_event_names(keys, union, find)
    _merge_event_openings(keys, union, find)
    _merge_event_contexts(view, keys, by_key, find, union, kind_of)
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


class _Partition:
    """Union-find over name keys that never joins two names known to differ.

    The more frequent name stays the root (and becomes the canonical name). Merges are
    transitive, so a chain of plausible steps could join two names a source keeps apart
    ("Eastern X" (Xa) and "Western X" (Xb) when Xa and Xb are spelled alike); a union that
    would put such a pair in one entity is refused.
    """

    def __init__(self, keys: Sequence[str], apart: dict[str, set[str]]) -> None:
        self.rank = {k: i for i, k in enumerate(keys)}
        self.parent = {k: k for k in keys}
        self.members = {k: {k} for k in keys}
        self.apart = apart

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        small, large = sorted((self.members[ra], self.members[rb]), key=len)
        if any(self.apart.get(k, set()) & large for k in small):
            return
        if self.rank[ra] > self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)


def _apart(keys: Sequence[str]) -> dict[str, set[str]]:
    """Names that differ only in a distinguishing word ("eastern x" / "western x")."""
    by_frame: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        words = [w.removesuffix("s") for w in k.split()]  # "x settlements" is "x settlement"
        for i, w in enumerate(words):
            if w in _DISTINGUISHING and len(words) > 1:
                by_frame[(*words[:i], "*", *words[i + 1:])].append((w, k))
    apart: dict[str, set[str]] = defaultdict(set)
    for group in by_frame.values():
        for (word_a, a), (word_b, b) in itertools.combinations(group, 2):
            if word_a != word_b:
                apart[a].add(b)
                apart[b].add(a)
    return apart


def _is_field_label(view: CorpusView, sentence_id: int, start: int, end: int) -> bool:
    """"Tags: …", "Categories: …": a word opening a line and followed by a colon."""
    s = view.sentences[sentence_id]
    return start == s.start and s.text[end - s.start:end - s.start + 1] == ":"


def _names_without_nouns(view: CorpusView) -> Callable[[Mention], str]:
    """The name of each mention, without the nouns around it on a page that capitalises
    common nouns, as translations from German do ("the Miller Varga sold his Mill to the
    Town"): a page most of whose one-word names are common nouns (words the corpus writes
    in lower case at least half as often as in names: "mill", never "Ilse")."""
    named = [(m.doc_id, normalise_name(m.value), m.start != view.sentences[sid].start)
             for sid, found in view.mentions.items() for m in found if m.kind == "entity"]
    in_names = Counter(w for _, key, _ in named for w in key.split())
    lower = view.lowercase_counts()
    nouns = {w for w, n in in_names.items() if lower.get(w, 0) >= COMMON_WORD_SHARE * n}
    names: Counter[str] = Counter()
    noun_names: Counter[str] = Counter()
    for doc, key, inside in named:
        if inside and " " not in key:
            names[doc] += 1
            noun_names[doc] += key in nouns
    translated = {doc for doc in names
                  if noun_names[doc] >= NOUN_CAPITALS_SHARE * (names[doc] + NOUN_CAPITALS_PRIOR)}
    known = {key for doc, key, _ in named if translated and doc not in translated}
    known_words = {w for name in known for w in name.split()}

    def name_of(m: Mention) -> str:
        return _without_nouns(m.value, nouns, known, known_words) if m.doc_id in translated else m.value
    return name_of


def _without_nouns(name: str, nouns: AbstractSet[str], known: AbstractSet[str],
                   known_words: AbstractSet[str]) -> str:
    """A name without the capitalised nouns around it, as an English page would write it:
    "Miller Varga" and "Daughters of Varga" are "Varga" and "Varga the Oars" is "Varga"
    ("miller", "daughters", "oars" are ``nouns``); "Surveyor Anna Varga" is "Anna Varga" (a
    name of other pages, ``known``, after a word no name of theirs has). A name of other
    pages ("Museum of Tarvik") is kept whole, as are kind words ("Lake X", "Tarvik Act")
    and place modifiers ("New X")."""
    words = list(re.finditer(r"\S+", name))
    folded = [w.group().casefold().strip(".,;:!?'’\"()") for w in words]
    kinds = "".join("c" if f in _CONNECTORS else "k" if f in _NAME_NOUNS else
                    "n" if w.group()[:1].isupper() and all(p in nouns for p in f.split("-")) else "p"
                    for w, f in zip(words, folded, strict=True))
    tail = re.search(r"(?<=[npk])c+[nk]+$", kinds)  # "… the Oars"
    if tail and normalise_name(name) not in known:
        name, words, kinds = name[:words[tail.start() - 1].end()], words[:tail.start()], kinds[:tail.start()]
    if normalise_name(name) in known:
        return name
    head = re.match(r"(?:n+c*)+(?=p)", kinds)  # "Miller …", "Daughters of …"
    if head:
        return name[words[head.end()].start():]
    rest = name[words[1].start():] if len(words) > 2 and kinds[0] in "np" else ""
    return rest if folded[0] not in known_words and normalise_name(rest) in known else name


def _canonical(surfaces: Counter[str]) -> str:
    """The most used surface form written with a capital ("Far West" over "far West");
    among equals the longest (most complete).

    A bare surname gives way to the most used full name it ends ("Reyes" → "Maria Reyes").
    """
    best = max(surfaces, key=lambda s: (s[:1].isupper(), surfaces[s], len(s)))
    if " " not in best:
        fuller = [s for s in surfaces if " " in s and normalise_name(s).split()[-1] == normalise_name(best)]
        if fuller:
            return max(fuller, key=lambda s: (surfaces[s], -len(s)))
    return best


#: Words before a name that make it a place: "in X", "across X" (people are seldom "in"),
#: "the town of X", "the borough of X" (a place named after a person is no person).
_PLACE_PREPOSITION = re.compile(r"\b(?:(?:in|into|across|throughout|within)\s+(?:the\s+)?|"
                                r"(?:town|city|village|borough|township|county|parish|port)\s+of\s+)$",
                                re.IGNORECASE)

#: Words between two names that say they are one ("X, also known as Y", "X (Y)").
_APPOSITION = re.compile(r"^\s*(?:\(|,?\s*(?:also known as|better known as|known as|a\.k\.a\.|aka|"
                         r"also called|or simply|formerly|officially)\s*,?)\s*(?:the\s+)?$",
                         re.IGNORECASE)


def _merge_appositions(view: CorpusView, keys: set[str], union: Unite) -> None:
    """Names a source itself declares to be one: "X, also known as Y", "X (Y)"."""
    for sid, mentions in view.mentions.items():
        names = sorted((m for m in mentions if m.kind == "entity"), key=lambda m: m.start)
        text, base = view.sentences[sid].text, view.sentences[sid].start
        for a, b in itertools.pairwise(names):
            between = text[a.end - base:b.start - base]
            if len(between) > 24 or not _APPOSITION.match(between):
                continue
            after = text[b.end - base:b.end - base + 2].lstrip()
            if "(" in between and not after.startswith(")"):
                continue  # "X (Y, Z and W)": a list of things X involves, not X's other name
            ka, kb = normalise_name(a.value), normalise_name(b.value)
            if ka in keys and kb in keys:
                union(ka, kb)


def _merge_acronyms(keys: Sequence[str], union: Unite) -> None:
    singles = {k for k in keys if " " not in k and 2 <= len(k) <= 6}
    for k in keys:
        if " " in k:
            a = acronym(k)
            if len(a) >= 2 and a in singles:
                union(a, k)


def _merge_full_names(keys: Sequence[str], union: Unite, common: AbstractSet[str]) -> None:
    """"Anna K. Varga", "Anna Kovacs Varga" and "Anna Varga": the same given name and
    surname, with initials or one middle name between. With a middle name, a word the
    corpus also writes in lower case ("Vessa Road Bridge": a bridge) or a kind word ("X
    River") makes the name something other than a person's."""
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        middle = words[1:-1]
        if 2 <= len(words) <= 4 and (
                all(len(w) == 1 for w in middle)
                or (len(middle) == 1 and not set(words) & common
                    and not set(words) & (_CONNECTORS | _KIND_WORDS | _PLACE_KINDS))):
            by_ends[(words[0], words[-1])].append(k)
    for names in by_ends.values():
        for other in names[1:]:
            union(names[0], other)


#: Words that give an organisation's legal form: "X Company" is X.
_LEGAL_FORMS = frozenset({"company", "corporation", "incorporated", "limited"})


def _merge_legal_forms(keys: Sequence[str], union: Unite) -> None:
    """"Harlan Milling" and "Harlan Milling Company" (or "… and Company"): an
    organisation's name with its legal form or without."""
    known = set(keys)
    for k in keys:
        words = k.split()
        if len(words) >= 3 and words[-1] in _LEGAL_FORMS:
            bare = words[:-2] if words[-2] == "and" else words[:-1]
            if len(bare) >= 2 and " ".join(bare) in known:
                union(" ".join(bare), k)


def _person_shaped(key: str, cluster: _Cluster) -> bool:
    """A name shaped like a person's: two to four words, labelled a person or a bare name,
    none a connector or a kind ("X Lake", "X Club", "X Flood"), the last more than an
    initial."""
    words = key.split()
    return (2 <= len(words) <= 4 and len(words[-1]) > 1
            and cluster.labels.most_common(1)[0][0] in ("PERSON", "NAME")
            and not set(words) & (_CONNECTORS | EVENT_WORDS | BODY_WORDS | _PLACE_KINDS))


def _opens_with_given_name(key: str, clusters: dict[str, _Cluster], common: AbstractSet[str]) -> bool:
    """Whether a name's first word is a given name or its initial: not a word the corpus
    writes in lower case ("inner", "northern"), not an adjective ("French", "Eastern"), and
    not a name of its own unless used only after the full name (her "Ana" after "Ana
    Reyes"): "Tarvik Harbour", "South Africa" are a modifier and a noun."""
    first = key.split()[0]
    return ((len(first) == 1 or (first not in common and first not in _PLACE_MODIFIERS
                                 and not first.endswith(_ADJECTIVE_ENDINGS)))
            and (first not in clusters or _follows(clusters[first], clusters[key])))


def _merge_given_name_forms(people: Sequence[str], shaped: Sequence[str], clusters: dict[str, _Cluster],
                            common: AbstractSet[str], union: Unite, find: Callable[[str], str]) -> None:
    """"E. R. Varga" and "Edda R. Varga" are "Edda Rosa Varga" when she is the one person
    of that surname whose given names those initials begin; "Alex Varga" is "Alexander
    Varga" on a page that names him in full too (a clipped form is weaker: "Tom" may be
    another's "Tomas"). Longest first, so "E. R. Varga" meets "Edda R. Varga" already
    joined to her. The short form must look like a person's name, its last word no word
    the corpus writes in lower case ("D-Day" is no "Dora Day"); the full one, whose
    initials it gives, need only be shaped like one."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for k in shaped:
        by_last[k.split()[-1]].append(k)
    for short in sorted((k for k in people if k.split()[-1] not in common), key=len, reverse=True):
        fits = {find(k) for k in by_last.get(short.split()[-1], []) if k != short and len(k.split()[0]) > 1
                and _given_names_fit(short.split(), k.split())
                and (_initialled(short) or clusters[short].sources & clusters[k].sources)}
        if len(fits) == 1:
            union(short, fits.pop())


def _initialled(name: str) -> bool:
    """Whether a name gives a given name by its initial only ("e r varga")."""
    return any(len(w) == 1 for w in name.split()[:-1])


def _given_names_fit(short: list[str], full: list[str]) -> bool:
    """Whether the given names of ``short`` ("e", "r") begin those of ``full`` ("edda",
    "rosa"), in order, first to first, one middle name of ``full`` left out at most, and
    at least one of them abbreviated."""
    if not 0 <= len(full) - len(short) <= 1 or not _abbreviates(short[0], full[0]):
        return False
    if short[0] == full[0] and not _initialled(" ".join(short)):
        return False  # nothing abbreviated: "Edda Varga" is no short form of "Edda Rosa Varga"
    given = iter(full[1:-1])
    return all(any(_abbreviates(w, word) for word in given) for w in short[1:-1])


def _abbreviates(short: str, word: str) -> bool:
    """"a" (an initial) or "alex" (a clipped form, two letters short at least: "Ivo" is
    not "Ivor") for "alexander"; a word abbreviates itself."""
    return short == word or (word.startswith(short) and (len(short) == 1 or 3 <= len(short) <= len(word) - 2))


def _merge_latin_forms(people: Sequence[str], union: Unite) -> None:
    """"Olavus Holm" and "Olav Holm": a person's name in its Latin form, each word the
    other's (as it sounds) with "-us" after it, as older scholarship writes names."""
    by_stems: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k in people:
        by_stems[tuple(_latin_stem(w) for w in k.split())].append(k)
    for names in by_stems.values():
        for other in names[1:]:
            union(names[0], other)


def _latin_stem(word: str) -> str:
    """A name word as it sounds without a Latin "-us" ("olavus" → "olav", "rudolphus" →
    "rudolf"); four letters stay at least ("klaus" is not "kla")."""
    sound = sound_key(word)
    return sound[:-2] if sound.endswith("us") and len(sound) >= 6 else sound


def _merge_short_bodies(keys: Sequence[str], clusters: dict[str, _Cluster], union: Unite,
                        find: Callable[[str], str]) -> None:
    """"the Tarvo Bay Club" is "the Tarvo Bay Rowing and Sailing Club": a body's name
    that keeps the first two words or more and the kind of exactly one longer body's name,
    leaving two words or more out, on a page that names the body in full too."""
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        if len(words) >= 4 and words[-1] in BODY_WORDS:
            for n in range(2, len(words) - 2):
                by_ends[(" ".join(words[:n]), words[-1])].append(k)
    for k in keys:
        words = k.split()
        longer = by_ends.get((" ".join(words[:-1]), words[-1]), [])
        if len({find(a) for a in longer}) == 1 and clusters[k].sources & clusters[longer[0]].sources:
            union(k, longer[0])


def _merge_surnames(keys: Sequence[str], people: Sequence[str], clusters: dict[str, _Cluster],
                    union: Unite, find: Callable[[str], str]) -> None:
    """A one-word name that is the last word of one person's full name (after other
    merges: "Tomas Reyes" and "Tomasz Reyes" found to be one person count once); of
    several people's, the one whose full name comes last before it in most of its
    documents ("Ana Reyes ... Reyes said"). Not a place ("in X"): "Upper Volta" does not
    make "Volta" a surname; nor a name a title introduces ("the emperor Corvin").
    """
    full_by_last: dict[str, list[str]] = defaultdict(list)
    for k in people:
        full_by_last[k.split()[-1]].append(k)
    for k in keys:
        if " " in k or k not in full_by_last or clusters[k].placed or clusters[k].titled:
            continue
        bearers = {find(full) for full in full_by_last[k]}
        if len(bearers) == 1:
            union(k, full_by_last[k][0])
            continue
        votes = Counter(find(full) for full in _full_names_before(clusters[k], full_by_last[k], clusters))
        bearer, follows = votes.most_common(1)[0] if votes else ("", 0)
        # "Tarvik" thirty times, after "Ilse Tarvik" ten: a ship or a town named after her.
        bare = clusters[k].mentions
        own_name = (bare > SURNAME_USE_RATIO * sum(clusters[full].mentions for full in full_by_last[k])
                    and 2 * follows < bare)
        if follows and follows >= SURNAME_FOLLOWS_SHARE * votes.total() and not own_name:
            union(k, bearer)


def _follows(later: _Cluster, earlier: _Cluster) -> bool:
    """Whether every mention of ``later`` comes after one of ``earlier`` in its document."""
    first: dict[str, int] = {}
    for doc, at in earlier.at:
        first[doc] = min(at, first.get(doc, at))
    return all(doc in first and first[doc] < at for doc, at in later.at)


def _full_names_before(bare: _Cluster, fulls: Sequence[str], clusters: dict[str, _Cluster]) -> list[str]:
    """For each mention of a bare surname, the full name its document gave last before it
    (none for a mention no full name precedes)."""
    in_doc: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for full in fulls:
        for doc, at in clusters[full].at:
            in_doc[doc].append((at, full))
    found = []
    for doc, at in bare.at:
        before = [(p, full) for p, full in in_doc.get(doc, []) if p < at]
        if before:
            found.append(max(before)[1])
    return found


def _merge_spellings(keys: Sequence[str], union: Unite, kind_of: dict[str, tuple[str, str]]) -> None:
    """Close spellings of names of the same kind.

    Names compare by their distinctive part ("battle of hastings" → "hastings", "volga
    river" → "volga") with the spaces taken out, so "Rio Verde", "Rio-Verde" and
    "Rioverde River" meet; an event name and a bare name never merge this way
    ("Battle of Leeds" is not "Leeds"), but a bare name the sources use for an event
    ("the battles at X", "the defeat at X") is of that event's kind (``kind_of``).
    """
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in keys:
        head, core = kind_of[k]
        # "the X disaster" and "the X catastrophe" are one event named with two words.
        by_kind["disaster" if head in CALAMITIES else head].append((k, core))
        if head and not event_head(k)[0]:
            by_kind[""].append((k, core))  # a place used for an event is still a place name
    for head, members in by_kind.items():
        flats = [core.replace(" ", "") for _, core in members]
        by_flat: dict[str, int] = {}
        by_sound: dict[str, int] = {}
        for i, flat in enumerate(flats):  # the same letters, or the same sounds: one name
            if flat in by_flat:
                union(members[by_flat[flat]][0], members[i][0])
            else:
                by_flat[flat] = i
            sound = sound_key(flat)
            if sound in by_sound:
                union(members[by_sound[sound]][0], members[i][0])
            else:
                by_sound[sound] = i
        long_enough = [i for i in by_flat.values() if len(flats[i]) >= MIN_FUZZY_LENGTH]
        if head:  # an event name's place may be transliterated with a syllable more
            for i, j in _inner_suffixes([members[i][1] for i in long_enough]):
                union(members[long_enough[i]][0], members[long_enough[j]][0])
        for i, j in _close_pairs([flats[i] for i in long_enough]):
            a, b = long_enough[i], long_enough[j]
            (ka, core_a), (kb, core_b) = members[a], members[b]
            if _spelled_alike(core_a, core_b):
                union(ka, kb)


def _merge_surname_spellings(people: Sequence[str], union: Unite) -> None:
    """"Tomas Feriner" and "Tomas Ferynor": one given name and a surname spelled with
    other vowels in the same places (old records spell by ear). The surnames keep their
    first two letters, so "Halden" and "Holden" stay two people, and "Landers" is not
    "Landeraus"."""
    by_person: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for k in people:
        words = k.split()
        if len(words[-1]) > 3:
            by_person[(*words[:-1], words[-1][:2], _vowels_masked(words[-1]))].append(k)
    for names in by_person.values():
        for other in names[1:]:
            union(names[0], other)


def _vowels_masked(word: str) -> str:
    """A word as it sounds with each vowel a "*": "ferriner" and "ferynor" are "f*r*n*r"."""
    return re.sub(r"[aeiou]", "*", sound_key(word))


def _merge_short_event_names(keys: Sequence[str], union: Unite, find: Callable[[str], str]) -> None:
    """"the Harbor Accord" and "the Norland–Ostria Harbor Accord": an event name that ends
    exactly one longer name of its kind is that one, shortened (as a surname is)."""
    by_tail: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        if event_head(k)[0]:
            for i in range(1, len(words) - 1):
                if words[i - 1] not in _CONNECTORS:  # "the theatre of X" is a part of X
                    by_tail[" ".join(words[i:])].append(k)
    for k in keys:
        longer = {find(full) for full in by_tail.get(k, [])}
        if " " in k and event_head(k)[0] and len(longer) == 1:
            union(k, by_tail[k][0])


def _merge_event_openings(keys: Sequence[str], union: Unite, find: Callable[[str], str]) -> None:
    """"the Great Flood" and "the Great Flood of Tarvik": an event name that opens exactly
    one longer name "… of X" is that one, shortened (a longer name that only adds words
    to another, "the Great Flood of Tarvik Relief", is that other)."""
    by_opening: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        if event_head(k)[0] and "of" in words[1:-1]:
            by_opening[" ".join(words[:words.index("of", 1)])].append(k)
    for k in keys:
        longer = by_opening.get(k, [])
        bases = [a for a in longer if not any(a.startswith(b + " ") for b in longer)]
        if event_head(k)[0] and len({find(a) for a in bases}) == 1:
            union(k, bases[0])


def _spelled_alike(a: str, b: str) -> bool:
    """Whether two names close in letters (a high ratio) are one name spelled two ways.

    Not when one is the other with a word more ("world war" / "world war ii") or an
    ending more ("robert" / "roberts"; a doubled letter, "torvik" / "torvikk", is a
    misspelling); not when they differ in a whole word ("battle of leeds" / "lewes"); and
    not when they begin differently ("ostrava" / "vestrava" are two places) unless
    one is the other with letters put in front ("tchaikovsky" / "chaikovsky").
    """
    flat_a, flat_b = a.replace(" ", ""), b.replace(" ", "")
    short, long = sorted((flat_a, flat_b), key=len)
    if long.startswith(short):
        extra = long[len(short):]
        return extra == short[-1] and a.count(" ") == b.count(" ")
    if flat_a[0] != flat_b[0] and not long.endswith(short):
        return False
    return not _differ_in_one_known_word(a, b)


def _inner_suffixes(cores: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) where name j ends name i's letters from inside a word of i, with only a
    few letters before: "surimarekan" / "marekan" are the same place transliterated with a
    syllable more, while "west marekan" / "marekan" (a whole word more) is a part of it."""
    by_flat = {core.replace(" ", ""): j for j, core in enumerate(cores)}
    pairs = []
    for i, core in enumerate(cores):
        flat = core.replace(" ", "")
        boundaries = {len(w) for w in itertools.accumulate(core.split(), lambda a, b: a + b)}
        for cut in range(1, len(flat) - MIN_FUZZY_LENGTH + 1):
            j = by_flat.get(flat[cut:])
            if j is not None and cut not in boundaries and 2 * cut <= len(flat) - cut:
                pairs.append((i, j))
    return pairs


def _close_pairs(names: Sequence[str]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of names whose spelling similarity reaches the threshold.

    rapidfuzz's ``cdist`` scores every pair in C++; names are taken in length bands,
    since a ratio of 86 needs the shorter name to be at least 3/4 of the longer.
    """
    order = sorted(range(len(names)), key=lambda i: len(names[i]))
    pairs: set[tuple[int, int]] = set()
    band = 512
    for start in range(0, len(order), band):
        rows = order[start:start + band]
        longest = len(names[rows[-1]])
        stop = start + band
        while stop < len(order) and 3 * len(names[order[stop]]) <= 4 * longest:
            stop += 1
        cols = order[start:stop]
        scores = process.cdist([names[i] for i in rows], [names[i] for i in cols], scorer=fuzz.ratio,
                               score_cutoff=SPELLING_SIMILARITY, dtype=np.uint8)
        for r, c in zip(*np.nonzero(scores), strict=True):
            i, j = rows[int(r)], cols[int(c)]
            if i != j:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


#: "the battles at X", "the defeat at X", "the siege of X": X named as an event's place.
_USED_AS_EVENT = re.compile(r"\b(battles?|siege|defeats?|clash(?:es)?|fighting|massacre|incident)\s+"
                            r"(?:at|of|on|near)\s+(?:the\s+)?$", re.IGNORECASE)


def _kind(key: str, cluster: _Cluster) -> tuple[str, str]:
    """``event_head`` of a name, or for a bare name the event word sources put before it."""
    head, core = event_head(key)
    if not head and USED_AS_EVENT_SHARE * cluster.mentions <= sum(cluster.used_as.values()):
        word = cluster.used_as.most_common(1)[0][0].lower()
        head = {"defeat": "battle", "clash": "battle", "fighting": "battle"}.get(word, word)
    return head, core


def event_head(key: str) -> tuple[str, str]:
    """The kind words of a normalised name and the rest: ("battle", "hastings").

    Place-kind words ("river", "lake") are dropped from the core and give no kind: a
    river is named by its name.
    """
    words = key.split()
    kind = sorted({w for w in words if w in EVENT_WORDS})
    core = [w for w in words if w not in EVENT_WORDS and w not in _PLACE_KINDS
            and w not in _CONNECTORS]
    return " ".join(kind), " ".join(core) or key


def _merge_event_contexts(view: CorpusView, keys: Sequence[str], clusters: dict[str, _Cluster],
                          find: Callable[[str], str], union: Unite,
                          kind_of: dict[str, tuple[str, str]]) -> None:
    """Two event names used for the same happening: "the X flood" and "the Y disaster",
    or a battle some sources name after a river and others after a village.

    Two names of one kind are candidates when no sentence names both (a sentence naming
    both means two events); their contexts (their sentences and the ones next to them)
    share a year, together span no more than a few (a war that spans years contains
    battles; it is not one of them) and share a month when both give months; they name
    at least two of the same participants; and they read alike (cosine of their mean
    vectors). A name merges with its best candidate only when it is that one's best too,
    so of three battles of one year and one pair of sides none is taken for another.
    """
    root_of = {k: find(k) for k in keys}
    names_in: dict[int, set[str]] = defaultdict(set)
    for k in keys:
        for sid in clusters[k].sentence_ids:
            names_in[sid].add(k)
    common = view.lowercase_words()
    profiles: dict[str, _EventProfile] = {}
    for k in keys:
        head, _ = kind_of[k]
        if head:
            p = profiles.setdefault(root_of[k], _EventProfile(head=head))
            p.sentence_ids |= clusters[k].sentence_ids
            p.sources |= clusters[k].sources
            p.own.add(k)
    for p in profiles.values():
        for sid in p.sentence_ids:
            for near in view.neighbours(sid):
                dates = [m.value for m in view.mentions.figures(near) if m.kind == "date"]
                p.years |= {d[:4] for d in dates if d[:4].isdigit()}
                p.months |= {d[:7] for d in dates if re.match(r"\d{4}-\d\d", d)}
                p.participants |= {name_stem(w) for name in names_in[near] - p.own
                                   for w in name.split() if _participant_word(w, common)}
        vec = view.vector_matrix(sorted(p.sentence_ids)).mean(axis=0)
        p.vector = vec / max(float(np.linalg.norm(vec)), 1e-9)
    rank = {k: i for i, k in enumerate(keys)}
    roots = sorted(profiles, key=rank.__getitem__)
    best: dict[str, tuple[float, str]] = {}
    for i, a in enumerate(roots):
        for b in roots[i + 1:]:
            pa, pb = profiles[a], profiles[b]
            if not _may_be_one_event(pa, pb):
                continue
            cosine = float(pa.vector @ pb.vector)
            if cosine >= EVENT_CONTEXT_COSINE:
                for x, y in ((a, b), (b, a)):
                    if cosine > best.get(x, (-1.0, ""))[0]:
                        best[x] = (cosine, y)
    for a, (_, b) in best.items():
        if best.get(b, (0.0, ""))[1] == a and rank[a] < rank[b]:
            union(a, b)


def _may_be_one_event(a: _EventProfile, b: _EventProfile) -> bool:
    same_kind = a.head == b.head or bool({a.head, b.head} & GENERIC_EVENTS)
    return (same_kind and not a.sources & b.sources
            and bool(a.years & b.years) and len(a.years | b.years) <= MAX_EVENT_YEARS
            and (not a.months or not b.months or bool(a.months & b.months))
            and len(a.participants & b.participants) >= 2)


def _participant_word(word: str, common: AbstractSet[str]) -> bool:
    """A word of a name that tells who took part: not "of", "war", "army" or "north"."""
    return (len(word) > 2 and word not in _CONNECTORS and word not in common
            and word not in _KIND_WORDS and word not in _DISTINGUISHING)


def name_stem(word: str) -> str:
    """The first letters of a name word, so a people and its country meet ("Norland",
    "Norlanders", "Norlandic")."""
    return word[:PARTICIPANT_STEM]


@dataclass
class _EventProfile:
    head: str
    sentence_ids: set[int] = field(default_factory=set)
    own: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    vector: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.float32))


def _differ_in_one_known_word(a: str, b: str) -> bool:
    """"battle of leeds" vs "battle of lewes": multi-word names that differ in a whole
    word are different things; only letters inside words may vary."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wa) != len(wb):
        return False
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return any(fuzz.ratio(x, y) < 70 for x, y in differing)

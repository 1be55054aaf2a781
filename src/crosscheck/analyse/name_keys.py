"""Name keys: the corpus's proper-name mentions gathered under their normalised names.

A mention's name is its words, except on a page that capitalises common nouns, as
translations from German do ("the Miller Varga sold his Mill"): there the nouns around
the name are left out ("Varga"). A name's key is the name case-folded, without accents,
hyphens or a leading "the", with "&" as "and" ("The Ostria & Norland Co." is "ostria and
norland company"); its sound key spells each sound one way ("Wolga" and "Volga" are both
"volga"); its acronym is the initials of its significant words ("nato"). ``name_clusters``
gathers what the corpus says of each key (spellings, sources, labels, the words before
its mentions), which the rules of ``entities`` and ``person_names`` read to merge keys.
The classes of words names are read by live here too: connectors ("of", "van"), kinds of
place ("lake"), place modifiers ("upper"), words that tell two names apart ("eastern"),
and kinds and titles that name nothing alone ("the Treaty").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from crosscheck.analyse.view import CorpusView
from crosscheck.annotate.entities import BODY_WORDS, EVENT_WORDS, TITLES
from crosscheck.english import NAME_PARTICLES, STOP_WORDS
from crosscheck.model import Mention

#: A single word written in lower case at least this often (per capitalised mention) is a
#: common word some sources capitalise ("Children", "History"), not a name.
COMMON_WORD_SHARE = 0.5
#: Share of a document's one-word names that must be common nouns for the document to be
#: one that capitalises nouns; 69 of 99 in a translation from German, 8 of 37 in others.
NOUN_CAPITALS_SHARE = 0.4
#: Proper names a document counts as having beyond its own, so that a short page with a
#: few title-cased headings (14 of 27) is not taken for one that capitalises nouns.
NOUN_CAPITALS_PRIOR = 20
#: Joins two name keys into one entity (the merge rules' ``union``).
Unite = Callable[[str, str], None]
#: Words that join the words of a name ("Battle of X", "Anna van Y", "X and Y").
CONNECTORS = NAME_PARTICLES | {"and"}
#: Words naming the kind of a place; "X River" is named by X.
PLACE_KINDS = frozenset({"river", "lake", "mount", "mountain", "mountains", "island", "islands",
                         "sea", "bay", "strait", "gulf", "valley", "desert", "peninsula"})
#: Words that make a part or a namesake of a place ("Upper Volta", "New York"), never a
#: given name.
PLACE_MODIFIERS = frozenset({"inner", "outer", "upper", "lower", "north", "south", "east",
                             "west", "central", "greater", "great", "little", "new", "old",
                             "middle", "far", "near"})
#: Words that tell apart two names otherwise alike: "Eastern X" and "Western X", "Second X"
#: and "Third X" are different things however close their spellings.
DISTINGUISHING = PLACE_MODIFIERS | frozenset({
    "eastern", "western", "northern", "southern", "first", "second", "third", "fourth", "fifth"})


_EXPANSIONS = {"co": "company", "corp": "corporation", "inc": "incorporated", "ltd": "limited",
               "bros": "brothers", "dept": "department", "univ": "university", "intl": "international"}
_ABBREVIATIONS = re.compile(r"\b(" + "|".join(_EXPANSIONS) + r")\b\.?", re.IGNORECASE)
#: A kind or a title alone ("the Company", "the Treaty", "the Queen") refers to a name
#: given elsewhere; it is not a name of its own.
KIND_WORDS = EVENT_WORDS | TITLES | frozenset(_EXPANSIONS.values())


#: A letter with a full stop, not inside a word: an initial ("W.") or one letter of an
#: initialism ("U.S.").
_INITIAL = re.compile(r"(?:(?<![\w.])|(?<=\w\.))([^\W\d_])\.")
_ROMAN = {"first": "i", "second": "ii", "third": "iii", "fourth": "iv", "fifth": "v", "sixth": "vi",
          "seventh": "vii", "eighth": "viii", "ninth": "ix", "tenth": "x"}
#: Common words that belong to the names they hold: "Lake X", "New X", "X Museum",
#: "X the Second".
_NAME_NOUNS = KIND_WORDS | PLACE_KINDS | DISTINGUISHING | BODY_WORDS | frozenset(_ROMAN)
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
    return "".join(w[0] for w in normalise_name(name).split() if w not in CONNECTORS)


@dataclass
class NameCluster:
    """What the corpus says of one name key: its spellings, sources and labels, and where
    and after which words its mentions stand."""

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


#: "the battles at X", "the defeat at X", "the siege of X": X named as an event's place.
_USED_AS_EVENT = re.compile(r"\b(battles?|siege|defeats?|clash(?:es)?|fighting|massacre|incident)\s+"
                            r"(?:at|of|on|near)\s+(?:the\s+)?$", re.IGNORECASE)

#: Words before a name that make it a place: "in X", "across X" (people are seldom "in"),
#: "the town of X", "the borough of X" (a place named after a person is no person).
_PLACE_PREPOSITION = re.compile(r"\b(?:(?:in|into|across|throughout|within)\s+(?:the\s+)?|"
                                r"(?:town|city|village|borough|township|county|parish|port)\s+of\s+)$",
                                re.IGNORECASE)


def name_clusters(view: CorpusView) -> dict[str, NameCluster]:
    """What the corpus says of each name key of its entity mentions, leaving out words
    capitalised only to open a sentence and common words some sources capitalise."""
    by_key: dict[str, NameCluster] = {}
    lower_words = view.lowercase_words()
    openers: Counter[str] = Counter()
    name_of = _names_without_nouns(view)
    for sid, mentions in view.mentions.items():
        for m in mentions:
            if m.kind != "entity":
                continue
            value = name_of(m)
            key = normalise_name(value)
            if (len(key) < 2 or key in STOP_WORDS or key in KIND_WORDS
                    or _is_field_label(view, sid, m.start, m.end)):
                continue
            if m.start == view.sentences[sid].start and key in lower_words:
                openers[key] += 1
            c = by_key.setdefault(key, NameCluster(keys={key}))
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
    return by_key


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
    kinds = "".join("c" if f in CONNECTORS else "k" if f in _NAME_NOUNS else
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

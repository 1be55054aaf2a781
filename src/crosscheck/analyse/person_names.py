"""Person names: a person's full name merged with the shorter and older forms sources
write it in.

"Anna K. Varga" and "Anna Kovacs Varga" are "Anna Varga" (one given name and surname with
an initial or a middle name between); "E. R. Varga" and "Alex Varga" are the one full
name of that surname whose given names they begin ("Edda Rosa Varga", "Alexander Varga");
a bare "Varga" goes to the one person of that surname, or of several to the one whose
full name its mentions follow ("Ana Reyes ... Reyes said"); "Tomas Feriner" and "Tomas
Ferynor" are one surname spelled by ear, and "Olavus Holm" is "Olav Holm" written in
Latin. A name is a person's when it is shaped like one (two to four words, none a kind of
place, body or event) and opens with a given name (not "South Africa", "French Guiana").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from crosscheck.analyse.name_keys import (
    CONNECTORS,
    KIND_WORDS,
    PLACE_KINDS,
    PLACE_MODIFIERS,
    NameCluster,
    Unite,
    sound_key,
)
from crosscheck.annotate.entities import BODY_WORDS, EVENT_WORDS

#: Share of a bare surname's mentions after a full name that must follow one person's for
#: it to be that person's when several people bear it ("Reyes" after "Ana Reyes" five
#: times, after "Tomas Reyes" once, is Ana).
SURNAME_FOLLOWS_SHARE = 0.75
#: A one-word name used more than this many times as often as all the full names of
#: several people it ends, and mostly not after one, is a name of its own (a ship, a town).
SURNAME_USE_RATIO = 3
#: Endings of adjectives that open place names ("French", "Eastern", "Spanish").
_ADJECTIVE_ENDINGS = ("ern", "ese", "ish", "ch", "ic", "ian", "an")


def merge_full_names(keys: Sequence[str], union: Unite, common: AbstractSet[str]) -> None:
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
                    and not set(words) & (CONNECTORS | KIND_WORDS | PLACE_KINDS))):
            by_ends[(words[0], words[-1])].append(k)
    for names in by_ends.values():
        for other in names[1:]:
            union(names[0], other)


def person_shaped(key: str, cluster: NameCluster) -> bool:
    """A name shaped like a person's: two to four words, labelled a person or a bare name,
    none a connector or a kind ("X Lake", "X Club", "X Flood"), the last more than an
    initial."""
    words = key.split()
    return (2 <= len(words) <= 4 and len(words[-1]) > 1
            and cluster.labels.most_common(1)[0][0] in ("PERSON", "NAME")
            and not set(words) & (CONNECTORS | EVENT_WORDS | BODY_WORDS | PLACE_KINDS))


def opens_with_given_name(key: str, clusters: dict[str, NameCluster], common: AbstractSet[str]) -> bool:
    """Whether a name's first word is a given name or its initial: not a word the corpus
    writes in lower case ("inner", "northern"), not an adjective ("French", "Eastern"), and
    not a name of its own unless used only after the full name (her "Ana" after "Ana
    Reyes"): "Tarvik Harbour", "South Africa" are a modifier and a noun."""
    first = key.split()[0]
    return ((len(first) == 1 or (first not in common and first not in PLACE_MODIFIERS
                                 and not first.endswith(_ADJECTIVE_ENDINGS)))
            and (first not in clusters or _follows(clusters[first], clusters[key])))


def merge_given_name_forms(people: Sequence[str], shaped: Sequence[str], clusters: dict[str, NameCluster],
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


def merge_latin_forms(people: Sequence[str], union: Unite) -> None:
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


def merge_surname_spellings(people: Sequence[str], union: Unite) -> None:
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


def merge_surnames(keys: Sequence[str], people: Sequence[str], clusters: dict[str, NameCluster],
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


def _follows(later: NameCluster, earlier: NameCluster) -> bool:
    """Whether every mention of ``later`` comes after one of ``earlier`` in its document."""
    first: dict[str, int] = {}
    for doc, at in earlier.at:
        first[doc] = min(at, first.get(doc, at))
    return all(doc in first and first[doc] < at for doc, at in later.at)


def _full_names_before(bare: NameCluster, fulls: Sequence[str],
                       clusters: dict[str, NameCluster]) -> list[str]:
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

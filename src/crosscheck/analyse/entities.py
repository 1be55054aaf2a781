"""Entities: proper-name mentions across sources merged under their variant names.

Names are merged when they are the same after normalisation (case, accents, hyphens, "&",
a leading "the"), when one is an acronym of the other ("NATO"), when they are close
spellings of each other (transliteration and machine-translation variants: "Tchaikovsky" /
"Chaikovsky"), or when one is a short form of the other: initials or a clipped given name
("E. Varga", "Alex Varga"), a surname ("Varga", given to the one person it follows), a
body's name without its middle words, an event's name without its "of X". Nouns a
translation capitalised around a name ("the Miller Varga") are left out of it.

Mentions are gathered under their keys in ``name_keys``; the rules for people's names
(initials, clipped given names, surnames, spellings by ear, Latin forms) are in
``person_names``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from crosscheck.analyse.name_keys import (
    CONNECTORS,
    DISTINGUISHING,
    KIND_WORDS,
    PLACE_KINDS,
    NameCluster,
    Unite,
    acronym,
    name_clusters,
    normalise_name,
    sound_key,
)
from crosscheck.analyse.person_names import (
    merge_full_names,
    merge_given_name_forms,
    merge_latin_forms,
    merge_surname_spellings,
    merge_surnames,
    opens_with_given_name,
    person_shaped,
)
from crosscheck.analyse.view import CorpusView
from crosscheck.annotate.entities import BODY_WORDS, EVENT_WORDS
from crosscheck.model import Entity

__all__ = ["acronym", "event_head", "merge_entities", "name_stem", "normalise_name", "sound_key"]

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
#: Share of a bare name's mentions that must name an event ("the battles at X") for the
#: name to be taken as that event's ("the defeat of X" once in fifty mentions is not).
USED_AS_EVENT_SHARE = 0.25
#: Names shorter than this merge only when exactly equal (short names collide by chance).
MIN_FUZZY_LENGTH = 6


def merge_entities(view: CorpusView, limit: int = 30,
                   same: Sequence[tuple[str, str]] = ()) -> list[Entity]:
    """Entities of the whole corpus, most widely attested first.

    ``same`` holds name pairs other analysis found to be one entity (a person whose
    first name sources give two ways).
    """
    by_key = name_clusters(view)
    lower_words = view.lowercase_words()
    keys = sorted(by_key, key=lambda k: (-by_key[k].mentions, k))
    names = _Partition(keys, _apart(keys))
    find, union = names.find, names.union
    for a, b in same:
        ka, kb = normalise_name(a), normalise_name(b)
        if ka in names.parent and kb in names.parent:
            union(ka, kb)
    _merge_appositions(view, set(keys), union)
    _merge_acronyms(keys, union)
    merge_full_names(keys, union, lower_words)
    _merge_legal_forms(keys, union)
    shaped = [k for k in keys if person_shaped(k, by_key[k])]
    people = [k for k in shaped if opens_with_given_name(k, by_key, lower_words)]
    merge_given_name_forms(people, shaped, by_key, lower_words, union, find)
    merge_latin_forms(people, union)
    _merge_short_bodies(keys, by_key, union, find)
    kind_of = {k: _kind(k, by_key[k]) for k in keys}
    _merge_spellings(keys, union, kind_of)
    merge_surname_spellings(people, union)
    merge_surnames(keys, people, by_key, union, find)
    _merge_short_event_names(keys, union, find)
    _merge_event_openings(keys, union, find)
    _merge_event_contexts(view, keys, by_key, find, union, kind_of)
    merged: dict[str, NameCluster] = defaultdict(NameCluster)
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
            if w in DISTINGUISHING and len(words) > 1:
                by_frame[(*words[:i], "*", *words[i + 1:])].append((w, k))
    apart: dict[str, set[str]] = defaultdict(set)
    for group in by_frame.values():
        for (word_a, a), (word_b, b) in itertools.combinations(group, 2):
            if word_a != word_b:
                apart[a].add(b)
                apart[b].add(a)
    return apart


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


def _merge_short_bodies(keys: Sequence[str], clusters: dict[str, NameCluster], union: Unite,
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


def _merge_short_event_names(keys: Sequence[str], union: Unite, find: Callable[[str], str]) -> None:
    """"the Harbor Accord" and "the Norland–Ostria Harbor Accord": an event name that ends
    exactly one longer name of its kind is that one, shortened (as a surname is)."""
    by_tail: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        words = k.split()
        if event_head(k)[0]:
            for i in range(1, len(words) - 1):
                if words[i - 1] not in CONNECTORS:  # "the theatre of X" is a part of X
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


def _kind(key: str, cluster: NameCluster) -> tuple[str, str]:
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
    core = [w for w in words if w not in EVENT_WORDS and w not in PLACE_KINDS
            and w not in CONNECTORS]
    return " ".join(kind), " ".join(core) or key


def _merge_event_contexts(view: CorpusView, keys: Sequence[str], clusters: dict[str, NameCluster],
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
    return (len(word) > 2 and word not in CONNECTORS and word not in common
            and word not in KIND_WORDS and word not in DISTINGUISHING)


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

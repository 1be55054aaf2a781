"""Proper-name spans by capitalisation rules, with a coarse label.

A name is a run of capitalised words ("Ada Lovelace", "NATO", "Franco-Prussian"),
joined by the lower-case connectors names contain ("Battle of Hastings", "United States of
America") and by "&" or "and" inside a body's name ("Rowing and Sailing Club"). Words
that are capitalised only because they start a sentence, and leading titles ("Foreign
Minister …"), are left out. The word lists are of English grammar and common titles,
never of any topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.english import NAME_PARTICLES

#: Words, dotted initialisms ("U.S.") and a person's initial before the next name word
#: ("Edwin R. Hallam") as one token each, or any other character.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]\.(?=\s+[^\W\d_])|"
                    r"[^\W\d_][\w'’]*(?:[-–][^\W\d_][\w'’]*)*|\S", re.UNICODE)
_CONNECTORS = NAME_PARTICLES
#: Capitalised words that are sentence openers or function words, not names.
_NOT_NAMES = frozenset(
    """
    a an the this that these those there here it its he she they we you i his her
    their our my your in on at by for from with without to of and or but nor so yet
    if then than when where while after before since until during because although
    though however moreover furthermore therefore thus hence also meanwhile once as
    what which who whom whose why how all any some many most more much few each
    every both either neither no not one two first second third finally later
    earlier instead indeed still even just only perhaps apparently similarly
    likewise besides otherwise rather already again now today yesterday according
    upvote comments share reply answer question updated posted related read yes ok
    okay please note see also is was were are be been being has have had do does did
    can could will would shall should may might must let let's don't didn't january
    february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
#: Titles that may precede a person's name; stripped from the name, they label it PERSON.
TITLES = frozenset(
    """
    mr mrs ms dr prof sir lord lady king queen prince princess emperor empress
    president premier prime minister secretary chancellor ambassador general admiral
    marshal colonel major captain lieutenant sergeant commander chief foreign deputy
    vice senator governor mayor pope saint st bishop archbishop commissar chairman
    envoy consul judge justice officer
    """.split()
)
EVENT_WORDS = frozenset(
    """
    war battle revolution conference pact treaty agreement accord incident crisis
    offensive operation campaign siege massacre declaration proclamation uprising
    rebellion election summit invasion occupation protocol armistice truce
    convention act disaster catastrophe tragedy flood fire explosion earthquake
    collapse crash wreck eruption epidemic pandemic outbreak famine riot riots strike
    scandal affair panic
    """.split()
)
_ORG_WORDS = frozenset(
    """
    army navy party division ministry council company corporation university
    association government fleet corps committee bank agency institute court
    parliament congress senate league organization organisation federation brigade
    regiment
    """.split()
)
_ORDINALS = frozenset({"first", "second", "third"})
_ADJECTIVE_ENDINGS = ("ese", "ian", "an", "ish", "ic", "ch", "i")


@dataclass(frozen=True, slots=True)
class NameMention:
    """A proper-name span (offsets relative to the text tagged) and its coarse label."""

    start: int
    end: int
    text: str
    label: str


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def label_name(tokens: list[str], titled: bool) -> str:
    """EVENT, ORG, PERSON or NAME from the words of a name."""
    words = {t.lower() for t in tokens}
    if words & EVENT_WORDS:
        return "EVENT"
    if words & _ORG_WORDS:
        return "ORG"
    return "PERSON" if titled else "NAME"


def tag_names(text: str) -> list[NameMention]:
    """Proper-name spans in one sentence."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    found: list[NameMention] = []
    i = 0
    while i < len(tokens):
        if not _is_capitalised(tokens[i][2]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            word = tokens[j][2]
            if _is_capitalised(word):
                j += 1
            elif (word.lower() in _CONNECTORS and j + 1 < len(tokens)
                  and _is_capitalised(tokens[j + 1][2])) or _joins_a_body(tokens, j):
                j += 2
            else:
                break
        first = i - 1 if i and _lowercase_region(tokens[i - 1][2], tokens[i][2]) else i
        run = tokens[first:j]
        mention = _name_from_run(text, run, sentence_start=(i == 0 or _opens(tokens, i)),
                                 next_word=tokens[j][2] if j < len(tokens) else "")
        if mention:
            found.append(mention)
        i = j
    return found


#: Words that end the name of a body: "the Rowing and Sailing Club" is one name where
#: "Norland and Ostria" is two.
BODY_WORDS = _ORG_WORDS | frozenset(
    """
    club society museum library college school foundation trust union board commission
    co sons brothers partners
    """.split()
)


def _joins_a_body(tokens: list[tuple[int, int, str]], j: int) -> bool:
    """True if token ``j`` ("&", or "and" before words that end in a body's kind: "Rowing
    and Sailing Club") joins the capitalised words either side into one name. An "and"
    after a body's kind is a list ("the X Company and Y Company")."""
    word = tokens[j][2]
    if j + 1 >= len(tokens) or not _is_capitalised(tokens[j + 1][2]) or word not in ("&", "and"):
        return False
    if word == "&":
        return True
    k = j + 1
    while k < len(tokens) and _is_capitalised(tokens[k][2]):
        k += 1
    return (tokens[k - 1][2].lower().rstrip(".") in BODY_WORDS
            and tokens[j - 1][2].lower().rstrip(".") not in BODY_WORDS)


#: Lower-case words that make a region of a compass point: "the far West".
_REGION_MODIFIERS = frozenset({"far", "middle", "near"})


def _lowercase_region(word: str, name_word: str) -> bool:
    """True for "far West", "middle East": the region as translations often write it."""
    return word in _REGION_MODIFIERS and name_word in ("East", "West")


def _opens(tokens: list[tuple[int, int, str]], i: int) -> bool:
    """True if token ``i`` starts a sentence or clause (after . : ; ? ! or a quote)."""
    return tokens[i - 1][2] in {".", ":", ";", "?", "!", '"', "“", "(", "-", "–", "—"}


def _name_from_run(text: str, run: list[tuple[int, int, str]], sentence_start: bool,
                   next_word: str) -> NameMention | None:
    # Drop sentence openers and function words at the front ("However Portugal" -> "Portugal"),
    # but not the ordinal that tells one event from another ("Second World War").
    while run and (run[0][2].lower() in _NOT_NAMES or run[0][2].lower() in _CONNECTORS):
        if run[0][2].lower() in _ORDINALS and {t[2].lower() for t in run[1:]} & EVENT_WORDS:
            break
        run = run[1:]
    titled = False
    # "the Departure the Admiral Ivar Holm" (nouns capitalised in translation): a title
    # inside the run, with a two-word name after it, starts the name.
    inner = [k for k in range(1, len(run) - 2) if run[k][2].lower().rstrip(".") in TITLES]
    if inner:
        run, titled = run[inner[-1] + 1:], True
    if (len(run) > 2 and run[0][2].lower().endswith(_ADJECTIVE_ENDINGS)
            and run[1][2].lower().rstrip(".") in TITLES):
        run = run[1:]  # "Norlandic Foreign Minister Haas": the title's country, then the title
    while run and run[0][2].lower().rstrip(".") in TITLES and len(run) > 1:
        run, titled = run[1:], True
    if titled and run[0][2].lower() in _CONNECTORS:
        # "the King of Norway": the name is the place the title is of, not a person "of …".
        while run and run[0][2].lower() in _CONNECTORS:
            run = run[1:]
        titled = False
    # "Corvin the Second": a ruler's number, not an ordinal left over.
    regnal = len(run) > 2 and run[-2][2] == "the" and run[-1][2].lower() in _ORDINALS
    while not regnal and run and (run[-1][2].lower() in _CONNECTORS or run[-1][2].lower() in _NOT_NAMES):
        run = run[:-1]
    if not run:
        return None
    words = [t[2] for t in run]
    if len(words) == 1:
        word = words[0]
        if len(word) < 2 or not any(ch.isalpha() for ch in word):
            return None
        # "French army": a proper adjective before a common noun is not a name.
        if (next_word[:1].islower() and next_word.isalpha()
                and word.lower().endswith(_ADJECTIVE_ENDINGS) and not word.isupper()):
            return None
        if sentence_start and word.lower() in _NOT_NAMES:
            return None
    start, end = run[0][0], run[-1][1]
    if len(words[-1]) == 2 and words[-1].endswith("."):
        end -= 1  # "Plan B. The next day": the sentence's full stop, not an initial
    for possessive in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(possessive) and end - len(possessive) > start + 1:
            end -= len(possessive)
            break
    return NameMention(start, end, text[start:end], label_name(words, titled))

"""Inline link glosses: the definition an encyclopedia mirror pastes after every link.

Shape (from mirrors that render a link's hover card into the text)::

    Lake Geneva Lake Geneva is a deep lake on the north side of the Alps, shared ...
    Marie Curie Marie Salomea Skłodowska–Curie (born ...) was a Polish ... she wa ...

A line opens with a short capitalised name (the link text, part of the article's
sentence, which continues on the next line), then restates it — with "The", with the
name's first word again, or as an infobox (", key = value") — and runs on for a
truncated paragraph that ends in "..." or "…". The name is kept; from the space after
it to the end of the line is a gloss.
"""

from __future__ import annotations

import re

from crosscheck.clean.lexicon import NAME_JOINERS as _NAME_JOINERS
from crosscheck.clean.spans import Line, Span

#: A name longer than this is not a link text ("European Theatre of World War II" is 6).
_MAX_NAME_TOKENS = 8
#: The pasted definition is a truncated paragraph: mirrors cut at 150-300 characters.
_MIN_GLOSS_CHARS = 40
_MIN_GLOSS_WORDS = 6
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")
_TOKEN = re.compile(r"\S+")
_INFOBOX = re.compile(r"\b\w+\s*=\s*\S")


def _bare(token: str) -> str:
    """A token without surrounding punctuation or quote marks ("''Far", "Mongolia;")."""
    return token.strip("\"'“”‘’()[],.;:")


def _is_name_token(token: str, position: int) -> bool:
    """Capitalised word (or a joiner / numeral after the first word), no punctuation."""
    bare = _bare(token)
    if not bare or bare != token:
        return False
    if position > 0 and (bare.lower() in _NAME_JOINERS or bare[:1].isdigit()):
        return True
    return bare[:1].isupper()


def _restates(name: list[str], rest: str, first: str) -> bool:
    """Does the text after the name open a definition of it?"""
    if first == "The" or _bare(first) == _bare(name[0]):
        return True
    # Infobox debris: "Harbour Accord , long_name = Treaty of ..."
    return rest.startswith(",") and _INFOBOX.search(rest) is not None


def find_gloss(line: Line) -> Span | None:
    """The gloss on ``line``, or None when the line does not have the gloss shape."""
    text = line.text
    if len(text) > 5000 or not _TRUNCATED.search(text):
        return None
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) < 1 + _MIN_GLOSS_WORDS:
        return None
    for k in range(1, min(_MAX_NAME_TOKENS, len(tokens) - _MIN_GLOSS_WORDS) + 1):
        # tokens[:k] must all be name-like, and the last one not a joiner.
        if not _is_name_token(tokens[k - 1].group(), k - 1):
            return None
        if _bare(tokens[k - 1].group()).lower() in _NAME_JOINERS:
            continue
        name = [t.group() for t in tokens[:k]]
        begin = tokens[k - 1].end()
        rest = text[tokens[k].start() :]
        if not _restates(name, rest, tokens[k].group()):
            continue
        if len(text) - begin < _MIN_GLOSS_CHARS:
            return None
        return Span(line.start + begin, line.content_end, "gloss", "inline link gloss")
    return None


def find_glosses(lines: list[Line]) -> list[Span]:
    """Every gloss in ``lines``."""
    return [g for ln in lines if (g := find_gloss(ln)) is not None]

"""HTML main text: three extractors vote sentence by sentence.

One extractor fails in its own way on some pages: trafilatura in its balanced setting
keeps a "related stories" list or a newsletter box now and then; the same in its
precision setting sometimes drops the article and returns a menu; readability picks the
wrong container on other pages. Their failures rarely coincide, so a sentence of the
balanced (most complete) output is kept only when at least one of the two others also
found it, i.e. when two of three extractors agree.

On the Zyte article-extraction benchmark (181 pages, 4-token shingle F1,
``bench/extraction.py``) the vote scores 0.971 (P 0.964, R 0.977), the three alone
0.962, 0.946 and 0.925, and ``trafilatura.extract`` with its defaults 0.953; it is 0.970
and 0.971 on the two halves of a 2-fold split. Each extractor runs without trafilatura's
own fallbacks (``fast=True``), since the vote is the fallback; the three cost ≈ 2x the
CPU of one ``trafilatura.extract`` call (≈ 38 against 18 ms a page).

A first line that only repeats the page's title is dropped from the text (the title is
kept on its own): the benchmark's article bodies leave the headline out, and in a brief
the headline is the source's title, not one of its sentences (+0.002 F1).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

__all__ = ["Extractions", "MainText", "combine", "drop_title_line", "extract_main_text",
           "fragment_text", "run_extractors", "vote"]


@dataclass(frozen=True, slots=True)
class MainText:
    """The article text of a page, with the title and date its metadata gives."""

    text: str
    title: str = ""
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Extractions:
    """What each extractor found on one page, before the vote.

    ``readable`` is None when readability is not available (not when it found nothing:
    that is ``""``, and counts as a vote against every sentence).
    """

    balanced: str
    precise: str
    readable: str | None
    title: str = ""
    published: str | None = None


#: trafilatura's own MIN_EXTRACTED_SIZE: below it, it tries its fallbacks rather than trust
#: a text; here it is the length a lone fallback's text needs to be taken.
LONE_FALLBACK_MIN_CHARS = 250


def extract_main_text(page: str) -> MainText:
    """The main text of an HTML page (empty text when no extractor finds any).

    Args:
        page: the page's HTML source, decoded.

    Returns:
        The voted text, one paragraph a line, without a first line that only repeats
        the page's title (the title is returned on its own), plus the published date
        trafilatura's metadata found, if any.
    """
    found = run_extractors(page)
    return MainText(combine(found), found.title, found.published)


def run_extractors(page: str) -> Extractions:
    """Run the three extractors on one page."""
    balanced, title, published = _balanced(page)
    return Extractions(balanced, _precise(page), _readability(page), title, published)


def combine(found: Extractions, *, drop_title: bool = True) -> str:
    """The voted main text of one page's extractions (see the module's docstring)."""
    base, precise, readable = found.balanced, found.precise, found.readable
    if not base:
        # trafilatura found nothing: readability alone is trusted only with an article's
        # length, else its pick is likely the menu of an empty page.
        lone = readable or precise
        text = lone if len(lone) >= LONE_FALLBACK_MIN_CHARS else ""
    elif readable is None or not (precise or readable):
        # No third voter, or neither other one found any text (a short page): two
        # cannot outvote each other, so the fuller output stays.
        text = base
    else:
        # One empty output is a vote too: "nothing on this page is the article". When
        # nothing at all is agreed on, the base stays rather than losing the page.
        text = vote(base, [precise, readable]) or base
    return drop_title_line(text, found.title) if drop_title else text


def _balanced(page: str) -> tuple[str, str, str | None]:
    """trafilatura's default balance of precision and recall, with title and date."""
    import trafilatura

    found = trafilatura.bare_extraction(page, fast=True, include_comments=False,
                                        with_metadata=True)
    if found is None:
        return "", "", None
    fields = found if isinstance(found, dict) else found.as_dict()
    date = fields.get("date")
    return (_tidy(fields.get("text") or ""), str(fields.get("title") or "").strip(),
            str(date) if date else None)


def _precise(page: str) -> str:
    """trafilatura favouring precision: drops more doubtful blocks, sometimes too many."""
    import trafilatura

    return _tidy(trafilatura.extract(page, fast=True, favor_precision=True,
                                     include_comments=False) or "")


def _readability(page: str) -> str | None:
    """The container readability scores highest, as text (None: readability is missing).

    trafilatura ships a port of readability (its own fallback); it is used rather
    than the readability-lxml package because it reads the tree trafilatura already
    knows how to load and runs ≈ 6x faster here (≈ 5 against 30 ms a page) for the
    same vote F1 (0.969 against 0.970 on the benchmark).
    """
    try:
        from trafilatura.readability_lxml import Document
        from trafilatura.utils import load_html
    except ImportError:  # a trafilatura without its port
        return None
    tree = load_html(page)
    if tree is None:
        return ""
    try:
        summary = Document(tree).summary()
    except (ValueError, TypeError, etree.LxmlError):
        return ""
    return fragment_text(summary) if summary else ""


_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    try:
        root = lxml_html.fromstring(fragment)
    except (ValueError, etree.LxmlError):
        return ""
    etree.strip_elements(root, "script", "style", "noscript", etree.Comment, with_tail=False)
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS
        if event == "start":
            parts.append("\n" if block else "")
            parts.append(element.text or "")
        else:
            parts.append("\n" if block else "")
            if element is not root:
                parts.append(element.tail or "")
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """Each line's runs of white space made one space; blank lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(  # after . ! ? … (and a closing quote), not after "U.S." or "J."
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’')\]]))(?<!\b[A-Z]\.)\s+(?=\S)")
#: Votes compare 4-word shingles, the unit the benchmark scores; a sentence is found in
#: another output when at least half of its shingles are there (readability and
#: trafilatura space and join inline elements differently, so exact lines rarely match).
_SHINGLE = 4
_FOUND_SHARE = 0.5


class _Shingles:
    """The 4-word shingles of one extractor's output, to ask whether it holds a sentence."""

    def __init__(self, text: str) -> None:
        words = _words(text)
        self.grams = set(_grams(words))
        self.joined = f" {' '.join(words)} "

    def holds(self, sentence: str) -> bool:
        """Whether this output has (most of) the sentence."""
        words = _words(sentence)
        if not words:
            return True  # punctuation alone goes with its line
        if len(words) < _SHINGLE:
            return f" {' '.join(words)} " in self.joined
        grams = _grams(words)
        return sum(gram in self.grams for gram in grams) >= _FOUND_SHARE * len(grams)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _grams(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]


def vote(base: str, others: Iterable[str], needed: int = 1) -> str:
    """The sentences of ``base`` that at least ``needed`` of ``others`` also hold.

    Sentences are voted on, not lines, because an extractor sometimes returns a whole
    container as one line; a kept sentence stays on its line, joined by one space.
    """
    voters = [_Shingles(text) for text in others]
    kept_lines: list[str] = []
    for line in base.splitlines():
        kept = [s for s in _SENTENCE_BREAK.split(line)
                if sum(v.holds(s) for v in voters) >= needed]
        if kept:
            kept_lines.append(" ".join(kept))
    return "\n".join(kept_lines)


def drop_title_line(text: str, title: str) -> str:
    """``text`` without its first line when that line is only the page's title."""
    first, _, rest = text.partition("\n")
    if title and _words(first) and _words(first) == _words(title):
        return rest
    return text

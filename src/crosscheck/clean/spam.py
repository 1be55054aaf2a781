"""Spam and off-topic sentences, by two independent signals.

1. **Off-topic**: the sentence shares (almost) no content word with the rest of its
   own document. Measured two ways: the share of its distinct content words that occur
   elsewhere in the document, and the TF-IDF cosine between the sentence and the
   document minus the sentence (IDF over the document's own sentences).
2. **Commercial language**: a weighted hit count against a generic marketing lexicon
   (``lexicon.COMMERCIAL_TERMS``: "buy", "free shipping", "perfect", "collection" ...).

A sentence is spam when both fire, or when commercial language alone is overwhelming.
Either signal alone is weak: short article sentences ("Everyone understood the
danger.") often share no word with their page, and articles about trade use shop
words. A wrongly removed fact costs more than a kept ad, so thresholds sit high.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from crosscheck.clean.lexicon import COMMERCIAL_TERMS, STOP_WORDS
from crosscheck.clean.spans import Coverage, Line, Span, Unit, split_sentences

_WORD = re.compile(r"[^\W\d_]+")
_COMMERCIAL = re.compile(
    r"(?<!\w)("
    + "|".join(re.escape(t) for t in sorted(COMMERCIAL_TERMS, key=len, reverse=True))
    + r")(?!\w)"
)
_PERCENT_OFF = re.compile(r"\d+\s*%\s*off\b")

#: Off-topic: at most a fifth of the sentence's distinct content words occur elsewhere
#: on the page. Article sentences of long pages share 40-100%; on a 15-sentence blog
#: post genuine sentences go down to 11%, hence the cosine test too.
_MAX_OVERLAP = 0.2
#: ... and its TF-IDF cosine to the rest of the page is near zero. Article sentences
#: in the samples: 0.03-0.5 (a few short ones lower); injected ads: 0.0.
_MAX_COSINE = 0.03
#: Statistics over fewer kept sentences than this say nothing about a page's topic.
_MIN_SENTENCES = 3
#: Commercial weight needed next to off-topic ("your perfect collection" = 3); article
#: sentences in the samples score 0-1 ("our", "amazing").
_COMMERCIAL_WITH_OFF_TOPIC = 3
#: Commercial weight (with a strong term) that needs only the word-overlap test, not the
#: cosine one: "Book your <city> hotel now … save up to 40% … best price" scores 5.
_COMMERCIAL_NEAR_TOPIC = 5
#: ... and alone: a pile of selling words (at least one strong) on a sentence that is
#: two-thirds unrelated to the page. "Buy cheap X online, free shipping" scores 9+;
#: an economic-history sentence with "buy cheap goods ... at a discount" scores 6-7.
_COMMERCIAL_ALONE = 8
_MAX_OVERLAP_ALONE = 0.34


@dataclass(frozen=True, slots=True)
class SpamScore:
    """The two signals for one unit of text."""

    commercial: int
    strong: bool
    overlap: float
    cosine: float
    content_words: int


def content_words(text: str) -> list[str]:
    """Lower-cased, crudely singularised words of 3+ letters that are not stop words."""
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        if len(w) < 3 or w in STOP_WORDS:
            continue
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
        out.append(w)
    return out


def commercial_weight(text: str) -> tuple[int, bool]:
    """Sum of weights of distinct commercial terms in ``text``, and whether one is strong."""
    low = text.lower()
    hits = {m.group(1) for m in _COMMERCIAL.finditer(low)}
    weight = sum(COMMERCIAL_TERMS[h] for h in hits)
    strong = any(COMMERCIAL_TERMS[h] >= 2 for h in hits)
    if _PERCENT_OFF.search(low):
        weight, strong = weight + 2, True
    return weight, strong


class _Page:
    """Term statistics of the kept sentences of one page."""

    def __init__(self, units: list[Unit]) -> None:
        self.bags = [Counter(content_words(u.text)) for u in units]
        self.total: Counter[str] = Counter()
        df: Counter[str] = Counter()
        for bag in self.bags:
            self.total.update(bag)
            df.update(bag.keys())
        n = len(units)
        self.idf = {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}
        self.norm2 = sum((c * self.idf[t]) ** 2 for t, c in self.total.items())

    def score(self, bag: Counter[str], text: str) -> SpamScore:
        """Signals for ``bag`` against the page minus ``bag`` (``bag`` must be in the page).

        The commercial lexicon is only consulted when the overlap leaves spam possible
        (most article sentences share over half their words with the page).
        """
        if not bag:
            return SpamScore(0, False, 1.0, 1.0, 0)
        shared = sum(1 for t in bag if self.total[t] - bag[t] > 0)
        overlap = shared / len(bag)
        if overlap > max(_MAX_OVERLAP, _MAX_OVERLAP_ALONE):
            return SpamScore(0, False, overlap, 1.0, sum(bag.values()))
        dot = 0.0
        own2 = 0.0
        rest2 = self.norm2
        for t, c in bag.items():
            idf2 = self.idf[t] ** 2
            rest = self.total[t] - c
            dot += c * rest * idf2
            own2 += c * c * idf2
            rest2 += (rest * rest - self.total[t] ** 2) * idf2
        denom = math.sqrt(own2) * math.sqrt(max(rest2, 0.0))
        cosine = dot / denom if denom > 0 else 0.0
        weight, strong = commercial_weight(text)
        return SpamScore(weight, strong, overlap, cosine, sum(bag.values()))


def verdict(s: SpamScore, page_sentences: int) -> str | None:
    """The spam detail for a scored unit, or None to keep it."""
    if s.content_words == 0:
        return None
    off_topic = (
        page_sentences >= _MIN_SENTENCES and s.overlap <= _MAX_OVERLAP and s.cosine <= _MAX_COSINE
    )
    if off_topic and s.commercial >= _COMMERCIAL_WITH_OFF_TOPIC:
        return "commercial language, off-topic"
    # Heavier selling words excuse a little shared vocabulary (an ad naming the page's
    # city): the words must still be nearly all foreign to the page.
    if (page_sentences >= _MIN_SENTENCES and s.overlap <= _MAX_OVERLAP and s.strong
            and s.commercial >= _COMMERCIAL_NEAR_TOPIC):
        return "commercial language, off-topic"
    if s.commercial >= _COMMERCIAL_ALONE and s.strong and s.overlap <= _MAX_OVERLAP_ALONE:
        return "commercial language"
    return None


def find_spam(lines: list[Line], taken: Coverage) -> list[Span]:
    """Spam sentences, and whole short paragraphs that are spam as a block."""
    by_line: dict[int, list[Unit]] = {}
    for ln in lines:
        if not ln.stripped:
            continue
        for u in split_sentences(ln):
            if not taken.touches(u.start, u.end):
                by_line.setdefault(ln.index, []).append(u)
    units = [u for us in by_line.values() for u in us]
    if not units:
        return []
    page = _Page(units)
    bag_of = {u.start: bag for u, bag in zip(units, page.bags, strict=True)}
    spans: list[Span] = []
    for u in units:
        detail = verdict(page.score(bag_of[u.start], u.text), len(units))
        if detail is not None:
            spans.append(Span(u.start, u.end, "spam", detail))
    # A short paragraph (2-3 sentences) can be spam as a whole even when each
    # sentence alone is too short to tell: score it as one block.
    for idx, us in by_line.items():
        if not 2 <= len(us) <= 3:
            continue
        block: Counter[str] = Counter()
        for u in us:
            block.update(bag_of[u.start])
        text = lines[idx].text[us[0].start - lines[idx].start : us[-1].end - lines[idx].start]
        detail = verdict(page.score(block, text), len(units))
        if detail is not None:
            spans.append(Span(us[0].start, us[-1].end, "spam", detail))
    return spans

"""Date salience: which days matter for a question in a large pile of dated text.

A timeline over thousands of articles cannot show every day some sentence names; it must
pick the days the sources treat as important. The evidence for a day, each feature
counted per document so that one long page cannot outvote many short ones:

* **cited** — documents that name the day itself ("on 20 April 2010", "last Tuesday");
* **hindsight** — of those, documents published a week or more after it: a day still
  named later is a day that mattered (the strongest single signal in news);
* **published** — documents published on the day or the next one (news breaks then);
* **relevant** — how much the sentences naming the day are about the question (BM25);
* **coarse** — month- or year-level mentions ("in April 2010") spread over their days:
  weak evidence that lifts busy months a little.

Each feature is log-scaled and divided by its largest value among the candidate days,
so the weights (:class:`SalienceWeights`) mean the same on a corpus of 50 or 5,000
documents; they were set once, not per corpus (``bench/timeline17.py`` says how).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crosscheck.analyse.dates import parse_value
from crosscheck.analyse.view import content_words, stem

__all__ = [
    "DateClaim", "SalienceWeights", "SalientDay", "central_sentences", "question_relevance",
    "rank_days", "select_days",
]

#: A document published this many days or more after a day it names looks back on it.
HINDSIGHT_DAYS = 7
#: Month/year-level mentions are spread over at most this many days (a year's 366 days
#: would drown each day's share; a season or quarter is about 92).
COARSE_SPREAD_LIMIT = 92


@dataclass(frozen=True, slots=True)
class DateClaim:
    """One date a sentence names, as evidence of that date's importance.

    ``value`` is a TIMEX3 value (``2010-04-20``, ``2010-04``, ``2010-W16``);
    ``published`` is the publication day of the document the sentence is in;
    ``relevance`` is how much the sentence is about the question (0 when not at all).
    """

    doc: str
    value: str
    published: dt.date | None = None
    relevance: float = 1.0


@dataclass(frozen=True, slots=True)
class SalienceWeights:
    """How much each feature counts; see the module docstring for what they measure."""

    cited: float = 1.0
    hindsight: float = 1.0
    published: float = 0.5
    relevant: float = 0.5
    coarse: float = 0.25

    def as_dict(self) -> dict[str, float]:
        """The weights by feature name."""
        return {"cited": self.cited, "hindsight": self.hindsight, "published": self.published,
                "relevant": self.relevant, "coarse": self.coarse}


@dataclass(frozen=True, slots=True)
class SalientDay:
    """A candidate day, its score and the raw counts behind it."""

    day: dt.date
    score: float
    features: Mapping[str, float] = field(default_factory=dict)


def question_relevance(question: str, texts: Sequence[str], k1: float = 1.2,
                       b: float = 0.75) -> list[float]:
    """BM25 score of each text for the question's content words (idf over ``texts``).

    A question whose words occur in none of the texts gives every text 0; callers that
    weight by relevance should then treat the texts alike.
    """
    terms = sorted({stem(w) for w in content_words(_split_camel(question))})
    if not terms or not texts:
        return [0.0] * len(texts)
    bags = [Counter(stem(w) for w in content_words(t)) for t in texts]
    lengths = [sum(bag.values()) for bag in bags]
    average = (sum(lengths) / len(lengths)) or 1.0
    n = len(texts)
    idf = {}
    for term in terms:
        df = sum(1 for bag in bags if term in bag)
        idf[term] = math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else 0.0
    scores = []
    for bag, length in zip(bags, lengths, strict=True):
        norm = k1 * (1 - b + b * length / average)
        scores.append(sum(idf[t] * bag[t] * (k1 + 1) / (bag[t] + norm) for t in terms if t in bag))
    return scores


def _split_camel(text: str) -> str:
    """"SyrianCrisis" -> "Syrian Crisis": topic labels often run words together."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text.replace("_", " "))


def rank_days(
    claims: Iterable[DateClaim],
    published: Mapping[str, dt.date | None],
    weights: SalienceWeights | None = None,
    window: tuple[dt.date, dt.date] | None = None,
) -> list[SalientDay]:
    """Candidate days, most salient first.

    Args:
        claims: every date mention of the corpus (or of the documents about the question).
        published: each document's publication day (None when unknown), for all documents,
            also those that name no date.
        weights: feature weights; the defaults when None.
        window: only days in this closed range are candidates.

    Returns:
        ``SalientDay`` per candidate day (days named at day granularity or on which a
        document was published), sorted by score, then by the earlier day.
    """
    weights = weights or SalienceWeights()
    raw = _features(claims, published, window)
    if not raw:
        return []
    scale = {name: max(math.log1p(v[name]) for v in raw.values()) or 1.0
             for name in weights.as_dict()}
    ranked = []
    for day, values in raw.items():
        score = sum(w * math.log1p(values[name]) / scale[name]
                    for name, w in weights.as_dict().items())
        ranked.append(SalientDay(day, score, values))
    ranked.sort(key=lambda s: (-s.score, s.day))
    return ranked


def select_days(ranked: Sequence[SalientDay], count: int) -> list[dt.date]:
    """The ``count`` most salient days, in calendar order (a timeline's rows)."""
    return sorted(s.day for s in ranked[:count])


def _features(
    claims: Iterable[DateClaim],
    published: Mapping[str, dt.date | None],
    window: tuple[dt.date, dt.date] | None,
) -> dict[dt.date, dict[str, float]]:
    """Per candidate day, the raw value of each feature."""
    cited: dict[dt.date, set[str]] = defaultdict(set)
    hindsight: dict[dt.date, set[str]] = defaultdict(set)
    relevant: dict[dt.date, dict[str, float]] = defaultdict(dict)
    coarse: dict[dt.date, dict[str, float]] = defaultdict(dict)
    for claim in claims:
        span = parse_value(claim.value)
        if span is None:
            continue
        if span.granularity in ("day", "time"):
            day = dt.date.fromordinal(span.first)
            cited[day].add(claim.doc)
            if claim.published and (claim.published - day).days >= HINDSIGHT_DAYS:
                hindsight[day].add(claim.doc)
            best = relevant[day].get(claim.doc, 0.0)
            relevant[day][claim.doc] = max(best, claim.relevance)
        elif span.last - span.first < COARSE_SPREAD_LIMIT:
            share = 1.0 / (span.last - span.first + 1)
            for ordinal in range(span.first, span.last + 1):
                day = dt.date.fromordinal(ordinal)
                coarse[day][claim.doc] = max(coarse[day].get(claim.doc, 0.0), share)
    issued: Counter[dt.date] = Counter(d for d in published.values() if d is not None)
    candidates = set(cited) | set(issued)
    if window is not None:
        candidates = {d for d in candidates if window[0] <= d <= window[1]}
    out = {}
    for day in candidates:
        out[day] = {
            "cited": float(len(cited.get(day, ()))),
            "hindsight": float(len(hindsight.get(day, ()))),
            "published": float(issued.get(day, 0) + issued.get(day + dt.timedelta(days=1), 0)),
            "relevant": sum(relevant.get(day, {}).values()),
            "coarse": sum(coarse.get(day, {}).values()),
        }
    return out


#: Two sentences sharing more than this share of their content words say the same thing.
NEAR_DUPLICATE = 0.6


def central_sentences(texts: Sequence[str], count: int) -> list[int]:
    """Indices of up to ``count`` texts that best stand for all of them (closest to the
    centroid of their content words), skipping near-duplicates of one already taken.

    Used to label a salient day with what most sources say happened on it.
    """
    bags = [Counter(stem(w) for w in content_words(t)) for t in texts]
    centroid: Counter[str] = Counter()
    for bag in bags:
        centroid.update(set(bag))
    norm_c = math.sqrt(sum(v * v for v in centroid.values())) or 1.0

    def closeness(i: int) -> float:
        bag = bags[i]
        norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
        return sum(centroid[w] * n for w, n in bag.items()) / (norm * norm_c)

    chosen: list[int] = []
    for i in sorted(range(len(texts)), key=lambda i: (-closeness(i), i)):
        if len(chosen) == count:
            break
        words = set(bags[i])
        if not words or any(_overlap(words, set(bags[j])) > NEAR_DUPLICATE for j in chosen):
            continue
        chosen.append(i)
    return chosen


def _overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two word sets."""
    return len(a & b) / len(a | b) if a | b else 0.0

"""Timeline17 timeline summarisation: crosscheck's date salience against published systems.

Usage::

    .venv/bin/python bench/timeline17.py [--data DIR] [--workers 2] [--topics a,b] [--cv]

For each topic the articles are segmented (``crosscheck.segment``) and tagged with
crosscheck's own temporal tagger (``tag_document``, the article's publication date as the
anchor; the data's ``dates`` field is not used). For each gold timeline, as in the
published protocol (Ghalandari & Ifrim 2020, news-tls ``evaluate.py``): only articles
published within the timeline's first and last day are read, only days in that range are
candidates, and as many days are selected as the gold timeline has. The days come from
``crosscheck.analyse.salience.rank_days`` with the question set to the topic's name
("H1N1", "EgyptianProtest"; relevance by BM25 over the dated sentences) and its default
weights, which were set before the first run and not fitted.

Each selected day gets 1-2 sentences (the gold's average per day, kept to 1-2), chosen by
``central_sentences`` among the sentences naming the day and the openings of articles
published on it or the day after. Scores: Date-F1 of the days; AR-1/AR-2, ROUGE under the
many-to-one date alignment of Martschat & Markert (2017), computed here with crosscheck's
own n-gram counts. Precision and recall are averaged over the 18 timelines, then F.
``--cv`` also tunes the weights on half the topics and scores the other half (2-fold).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from crosscheck.analyse.dates import parse_value  # noqa: E402
from crosscheck.analyse.salience import (  # noqa: E402
    DateClaim,
    SalienceWeights,
    central_sentences,
    question_relevance,
    rank_days,
    select_days,
)
from crosscheck.analyse.view import stem  # noqa: E402
from crosscheck.annotate.dates import tag_document  # noqa: E402
from crosscheck.english import STOP_WORDS  # noqa: E402
from crosscheck.segment import segment  # noqa: E402

#: Published on Timeline17 (Ghalandari & Ifrim 2020, Table 3): Date-F1, AR-1 F, AR-2 F.
PUBLISHED = {"DATEWISE": (0.544, 0.120, 0.035), "CLUST": (0.407, 0.082, 0.020)}


@dataclass(frozen=True, slots=True)
class Article:
    """A tagged article: its publication day, its opening sentences and its sentences
    that name a date (with the TIMEX3 values they name)."""

    uid: str
    published: dt.date
    lead: tuple[str, ...]
    dated: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """A gold timeline: its name, its days and each day's summary sentences."""

    name: str
    days: frozenset[dt.date]
    summaries: dict[dt.date, list[str]]


#: Opening sentences of an article that may summarise the day it was published (news
#: puts the day's event first).
LEAD_SENTENCES = 5
#: Length (words) of a sentence fit for a day's summary: no fragments, no run-on lists.
SUMMARY_WORDS = (5, 60)


def read_article(record: dict[str, str]) -> Article:
    """Segment and tag one article (runs in a worker process)."""
    published = dt.date.fromisoformat(record["dct"][:10])
    text = record["text"]
    sentences = segment(record["uid"], text)
    per_sentence = tag_document([(s.start, s.text) for s in sentences], published.isoformat())
    dated = []
    for sentence, timexes in zip(sentences, per_sentence, strict=True):
        values = tuple(t.value for t in timexes if t.type in ("DATE", "TIME"))
        if values:
            dated.append((sentence.text, values))
    lead = tuple(s.text for s in sentences[:LEAD_SENTENCES])
    return Article(record["uid"], published, lead, tuple(dated))


def read_topic(folder: Path, pool: ProcessPoolExecutor) -> tuple[list[Article], list[Timeline]]:
    """A topic's tagged articles and its gold timelines."""
    records = json.loads((folder / "articles.json").read_text())
    articles = list(pool.map(read_article, records, chunksize=8))
    timelines = []
    for path in sorted(folder.glob("*.timeline.json")):
        entries = json.loads(path.read_text())
        summaries: dict[dt.date, list[str]] = {}
        for entry in entries:
            day = dt.date.fromisoformat(entry["date"][:10])
            text = entry["text"]
            summaries.setdefault(day, []).extend(text[s.start:s.end] for s in segment("", text))
        timelines.append(Timeline(path.name.split(".")[0], frozenset(summaries), summaries))
    return articles, timelines


def question_of(topic: str) -> str:
    """The question a user would ask: the topic's name without its source."""
    return topic.split("_")[0]


@dataclass(frozen=True, slots=True)
class Case:
    """One gold timeline with the evidence crosscheck reads for it."""

    topic: str
    timeline: Timeline
    claims: tuple[DateClaim, ...]
    published: dict[str, dt.date]
    #: Sentences that may summarise each day: those naming it, and the openings of the
    #: articles published on it or the day after.
    day_sentences: dict[dt.date, list[str]]


def prepare(topic: str, articles: Sequence[Article], timeline: Timeline) -> Case:
    """The date claims of the articles published in the timeline's range, each with the
    relevance of its sentence to the question."""
    first, last = min(timeline.days), max(timeline.days)
    chosen = [a for a in articles if first <= a.published <= last]
    texts = [text for a in chosen for text, _ in a.dated]
    relevance = question_relevance(question_of(topic), texts)
    if not any(relevance):
        relevance = [1.0] * len(texts)
    claims = []
    scores = iter(relevance)
    day_sentences: dict[dt.date, list[str]] = {}
    for article in chosen:
        for text, values in article.dated:
            score = next(scores)
            claims += [DateClaim(article.uid, v, article.published, score) for v in values]
            for day in {d for d in map(day_of, values) if d is not None}:
                day_sentences.setdefault(day, []).append(text)
        # An article's opening reports the day it appeared or the day before.
        for back in (0, 1):
            day = article.published - dt.timedelta(days=back)
            day_sentences.setdefault(day, []).extend(article.lead)
    day_sentences = {day: [t for t in texts if SUMMARY_WORDS[0] <= len(t.split()) <= SUMMARY_WORDS[1]]
                     for day, texts in day_sentences.items()}
    return Case(topic, timeline, tuple(claims), {a.uid: a.published for a in chosen},
                day_sentences)


def day_of(value: str) -> dt.date | None:
    """The day a TIMEX3 value names at day (or time) granularity, else None."""
    span = parse_value(value)
    if span is None or span.granularity not in ("day", "time"):
        return None
    return dt.date.fromordinal(span.first)


def predict(case: Case, weights: SalienceWeights) -> list[dt.date]:
    """The days crosscheck selects for one gold timeline's range and length."""
    window = (min(case.timeline.days), max(case.timeline.days))
    ranked = rank_days(case.claims, case.published, weights, window=window)
    return select_days(ranked, len(case.timeline.days))


def date_f1(predicted: Sequence[dt.date], gold: frozenset[dt.date]) -> float:
    """F1 of the predicted days against the gold days."""
    hits = len(set(predicted) & gold)
    if not hits:
        return 0.0
    p, r = hits / len(set(predicted)), hits / len(gold)
    return 2 * p * r / (p + r)


def score(cases: Sequence[Case], weights: SalienceWeights) -> list[float]:
    """Date-F1 of every case, in order."""
    return [date_f1(predict(case, weights), case.timeline.days) for case in cases]


def summarise(case: Case, days: Sequence[dt.date], count: int) -> dict[dt.date, list[str]]:
    """Each selected day's summary: its ``count`` most central naming sentences."""
    out = {}
    for day in days:
        texts = case.day_sentences.get(day, [])
        out[day] = [texts[i] for i in central_sentences(texts, count)]
    return out


def summary_length(timeline: Timeline) -> int:
    """Sentences per day to write: the gold's average, kept to 1–2."""
    average = mean([len(v) for v in timeline.summaries.values()])
    return min(2, max(1, round(average)))


_TOKEN = re.compile(r"[a-z0-9]+")


def _stemmer() -> Callable[[str], str]:
    """Porter's stemmer (as ROUGE-1.5.5 uses) when NLTK is installed, else crosscheck's."""
    try:
        from nltk.stem.porter import PorterStemmer
    except ImportError:
        return stem
    porter = PorterStemmer()
    return porter.stem  # type: ignore[no-any-return]


STEM = _stemmer()


def rouge_grams(sentences: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """The n-grams ROUGE counts: lower-cased, stop words dropped, stemmed, per sentence."""
    grams: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        words = [STEM(w) for w in _TOKEN.findall(sentence.lower()) if w not in STOP_WORDS]
        grams.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return grams


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def alignment_rouge(pred: dict[dt.date, list[str]], gold: dict[dt.date, list[str]],
                    n: int) -> tuple[float, float]:
    """Precision and recall of ROUGE-n under the many-to-one date alignment of Martschat &
    Markert (2017) ("align+ m:1", the AR of Ghalandari & Ifrim 2020): each day is matched
    to the day of the other timeline with the least cost (date distance x content
    distance), and its n-gram hits count 1/(days apart + 1)."""
    pred_days, gold_days = sorted(pred), sorted(gold)
    if not pred_days or not gold_days:
        return 0.0, 0.0
    unigrams = {("p", d): rouge_grams(pred[d], 1) for d in pred_days}
    unigrams.update({("g", d): rouge_grams(gold[d], 1) for d in gold_days})
    grams = {("p", d): rouge_grams(pred[d], n) for d in pred_days}
    grams.update({("g", d): rouge_grams(gold[d], n) for d in gold_days})

    def cost(p: dt.date, g: dt.date) -> float:
        a, b = unigrams[("p", p)], unigrams[("g", g)]
        hits = sum((a & b).values())
        prec = hits / sum(a.values()) if a else 0.0
        rec = hits / sum(b.values()) if b else 0.0
        return (1 - 1 / (abs((p - g).days) + 1)) * (1 - _f(prec, rec))

    p_num = p_den = r_num = r_den = 0.0
    for p in pred_days:
        g = min(gold_days, key=lambda g: cost(p, g))
        hits = sum((grams[("p", p)] & grams[("g", g)]).values())
        p_num += hits / (abs((p - g).days) + 1)
        p_den += sum(grams[("p", p)].values())
    for g in gold_days:
        p = min(pred_days, key=lambda p: cost(p, g))
        hits = sum((grams[("p", p)] & grams[("g", g)]).values())
        r_num += hits / (abs((p - g).days) + 1)
        r_den += sum(grams[("g", g)].values())
    return (p_num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


@dataclass(frozen=True, slots=True)
class Figures:
    """Precision and recall of one timeline: dates, AR-1, AR-2."""

    date: tuple[float, float]
    ar1: tuple[float, float]
    ar2: tuple[float, float]

    @property
    def date_f1(self) -> float:
        return _f(*self.date)

    @property
    def ar1_f(self) -> float:
        return _f(*self.ar1)

    @property
    def ar2_f(self) -> float:
        return _f(*self.ar2)


def evaluate(case: Case, weights: SalienceWeights) -> Figures:
    """Select days, summarise them and score both against the gold timeline."""
    days = predict(case, weights)
    gold = case.timeline.days
    hits = len(set(days) & gold)
    date = (hits / len(days) if days else 0.0, hits / len(gold))
    summaries = summarise(case, days, summary_length(case.timeline))
    return Figures(date, alignment_rouge(summaries, case.timeline.summaries, 1),
                   alignment_rouge(summaries, case.timeline.summaries, 2))


def average_f(figures: Sequence[Figures], kind: str) -> float:
    """F of the precision and recall averaged over timelines."""
    pairs = [getattr(f, kind) for f in figures]
    return _f(mean([p for p, _ in pairs]), mean([r for _, r in pairs]))


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (0 for none)."""
    return sum(values) / len(values) if values else 0.0


#: The grid the 2-fold check searches (each weight relative to ``cited`` = 1).
GRID = {"hindsight": (0.0, 0.5, 1.0, 2.0), "published": (0.0, 0.25, 0.5, 1.0),
        "relevant": (0.0, 0.25, 0.5, 1.0), "coarse": (0.0, 0.25, 0.5)}


def tune(cases: Sequence[Case]) -> SalienceWeights:
    """The grid weights with the best mean Date-F1 on ``cases``."""
    best, best_f1 = SalienceWeights(), -1.0
    names = list(GRID)
    for combo in itertools.product(*(GRID[n] for n in names)):
        weights = SalienceWeights(1.0, **dict(zip(names, combo, strict=True)))
        f1 = mean(score(cases, weights))
        if f1 > best_f1:
            best, best_f1 = weights, f1
    return best


def cross_validate(cases: Sequence[Case]) -> tuple[float, list[SalienceWeights]]:
    """2-fold over topics: tune on every other topic, score the rest, and vice versa."""
    topics = sorted({c.topic for c in cases})
    halves = [set(topics[0::2]), set(topics[1::2])]
    results: list[float] = []
    chosen = []
    for train, test in ((halves[0], halves[1]), (halves[1], halves[0])):
        weights = tune([c for c in cases if c.topic in train])
        chosen.append(weights)
        results += score([c for c in cases if c.topic in test], weights)
    return mean(results), chosen


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print per-timeline figures and the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path,
                        default=REPO.parent / "shared/bench-data/timeline17/t17")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--topics", default="", help="comma-separated topic folders (default all)")
    parser.add_argument("--cv", action="store_true", help="also report 2-fold tuned weights")
    args = parser.parse_args(argv)

    folders = sorted(p for p in args.data.iterdir() if (p / "articles.json").is_file()) \
        if args.data.is_dir() else []
    if args.topics:
        wanted = set(args.topics.split(","))
        folders = [f for f in folders if f.name in wanted]
    if not folders:
        sys.exit(f"no topic folders with articles.json under {args.data}; pass --data DIR")
    weights = SalienceWeights()
    print(f"Timeline17, {len(folders)} topics ({args.data}); salience weights "
          f"{weights.as_dict()}")
    print(f"{'topic':<22}{'timeline':<10}{'articles':>9}{'gold':>6}{'date_f1':>9}{'ar1_f':>8}"
          f"{'ar2_f':>8}{'seconds':>9}")
    cases: list[Case] = []
    figures: list[Figures] = []
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for folder in folders:
            began = time.perf_counter()
            articles, timelines = read_topic(folder, pool)
            topic_cases = [prepare(folder.name, articles, tl) for tl in timelines]
            topic_figures = [evaluate(case, weights) for case in topic_cases]
            seconds = time.perf_counter() - began
            for case, fig in zip(topic_cases, topic_figures, strict=True):
                print(f"{case.topic[:21]:<22}{case.timeline.name[:9]:<10}{len(articles):>9}"
                      f"{len(case.timeline.days):>6}{fig.date_f1:>9.3f}{fig.ar1_f:>8.3f}"
                      f"{fig.ar2_f:>8.3f}{seconds:>9.1f}")
            cases += topic_cases
            figures += topic_figures
    date_f1, ar1_f, ar2_f = (average_f(figures, k) for k in ("date", "ar1", "ar2"))
    print(f"\ncrosscheck (mean over {len(figures)} timelines): Date-F1 {date_f1:.3f}  "
          f"AR-1 F {ar1_f:.3f}  AR-2 F {ar2_f:.3f}")
    for name, (pub_f1, ar1, ar2) in PUBLISHED.items():
        print(f"published {name:<9}                  Date-F1 {pub_f1:.3f}  AR-1 F {ar1:.3f}  "
              f"AR-2 F {ar2:.3f}")
    if args.cv:
        cv_f1, chosen = cross_validate(cases)
        print(f"2-fold check: weights tuned on half the topics give Date-F1 {cv_f1:.3f} on the "
              "other half; tuned: " + "; ".join(str(w.as_dict()) for w in chosen))
    print("notes: P and R are averaged over timelines, then F (as news-tls does); AR uses "
          "crosscheck's own ROUGE counts (Porter stems, crosscheck's stop words), close to but "
          "not ROUGE-1.5.5; seconds per topic include segmenting and tagging on "
          f"{args.workers} workers and are provisional (shared machine).")
    print(f"RESULT date_f1={date_f1:.4f} ar1_f={ar1_f:.4f} ar2_f={ar2_f:.4f}")


if __name__ == "__main__":
    main()

"""Main-text extraction from HTML: crosscheck's extractor against plain trafilatura.

Usage::

    .venv/bin/python bench/extraction.py [--data DIR] [--limit N] [--bootstrap N] [--pages FILE]

``DIR`` holds ``html/<id>.html.gz`` pages and ``ground-truth.json`` (``articleBody`` per
id), the layout of the Zyte/ScrapingHub article-extraction benchmark. The metric is that
benchmark's: each text becomes its multiset of 4-token shingles (tokens are ``\\w+``
runs), each page gets TP/FP/FN normalised by their sum, precision and recall are
averaged over pages and F1 is taken of the two averages; ± is 1.96 bootstrap standard
deviations (pages resampled).

Rows:

* ``crosscheck`` — :func:`crosscheck.ingest.html.extract_main_text`, what ``crosscheck
  add`` stores as a page's ``raw`` (the headline RESULT figure);
* ``crosscheck + cleaning`` — that text minus the spans :func:`crosscheck.clean.find_removals`
  marks, i.e. what ``crosscheck extract`` prints;
* the vote's parts and variants (the choices the design made), and trafilatura as a user
  calls it: ``trafilatura.extract(html)`` with default settings (RESULT
  ``trafilatura_f1``) and with ``include_comments=False`` as the benchmark ran it.

Every choice is also checked on a 2-fold split (pages split by their id hash): the variant
that is best on one half is scored on the other, so a choice that only fits these pages
shows up as a drop.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from crosscheck.api import kept_text  # noqa: E402
from crosscheck.clean import find_removals  # noqa: E402
from crosscheck.ingest.html import Extractions, combine, drop_title_line, run_extractors  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "bench-data" / "article-extraction"

#: Published F1 on this page set (benchmark README; trafilatura 2.0.0 also P .938 R .978).
PUBLISHED = {"trafilatura 2.0.0": 0.958, "newspaper4k": 0.949, "news-please": 0.948,
             "readability-lxml": 0.922, "goose3": 0.896, "boilerpipe": 0.860,
             "justext": 0.804, "all visible text": 0.665}

_TOKEN = re.compile(r"\w+")
NGRAM = 4


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, HTML and the reference article body."""

    id: str
    html: str
    truth: str


@dataclass(frozen=True, slots=True)
class Scores:
    """Averaged precision and recall, their F1, and bootstrap half-widths."""

    precision: float
    recall: float
    f1: float
    f1_ci: float = 0.0


Counts = tuple[float, float, float]  # TP, FP, FN of one page, normalised to sum 1


def load_pages(data: Path, limit: int | None = None) -> list[Page]:
    """The pages of ``data`` that have a ground truth, sorted by id."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((data / "html").glob("*.html.gz")):
        page_id = path.name.split(".")[0]
        if page_id in truth:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
                pages.append(Page(page_id, handle.read(), truth[page_id].get("articleBody") or ""))
    return pages[:limit] if limit else pages


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles (a text shorter than 4 tokens is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + NGRAM]) for i in range(max(1, len(tokens) - NGRAM + 1))
                   if tokens[i:i + NGRAM])


def page_counts(truth: str, predicted: str) -> Counts:
    """TP/FP/FN of shingles, divided by their sum so that long pages do not weigh more."""
    gold, pred = shingles(truth), shingles(predicted)
    tp = sum((gold & pred).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def average(counts: list[Counts]) -> tuple[float, float, float]:
    """Precision over pages that predicted something, recall over pages with a truth."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(counts: list[Counts], bootstrap: int, seed: int = 13) -> Scores:
    """Averaged P/R/F1 with a bootstrap 95 % half-width on F1."""
    p, r, f1 = average(counts)
    rng = random.Random(seed)
    samples = [average(rng.choices(counts, k=len(counts)))[2] for _ in range(bootstrap)]
    ci = 1.96 * statistics.stdev(samples) if len(samples) > 1 else 0.0
    return Scores(p, r, f1, ci)


System = Callable[[Page], str]


def crosscheck_systems(cache: dict[str, Extractions]) -> dict[str, System]:
    """The product and its variants, all built from one run of the three extractors."""

    def found(page: Page) -> Extractions:
        if page.id not in cache:
            cache[page.id] = run_extractors(page.html)
        return cache[page.id]

    def cleaned(page: Page) -> str:
        raw = combine(found(page))
        return kept_text(raw, find_removals(raw))

    return {
        "crosscheck": lambda page: combine(found(page)),
        "crosscheck + cleaning": cleaned,
        "vote, title line kept": lambda page: combine(found(page), drop_title=False),
        "balanced alone (trafilatura fast)": lambda page: found(page).balanced,
        "balanced alone, title line dropped": lambda page: drop_title_line(
            found(page).balanced, found(page).title),
        "precise alone (favor_precision fast)": lambda page: found(page).precise,
        "readability alone (trafilatura's port)": lambda page: found(page).readable or "",
    }


def trafilatura_systems() -> dict[str, System]:
    """trafilatura as a user calls it."""
    import trafilatura

    def call(**options: Any) -> System:
        return lambda page: trafilatura.extract(page.html, **options) or ""

    return {
        "trafilatura.extract() defaults": call(),
        "trafilatura include_comments=False": call(include_comments=False),
        "trafilatura favor_precision, no comments": call(favor_precision=True,
                                                          include_comments=False),
        "trafilatura favor_recall, no comments": call(favor_recall=True, include_comments=False),
    }


def peer_systems() -> dict[str, System]:
    """readability-lxml (the ``bench`` extra), skipped with a note when missing."""
    try:
        from readability import Document
    except ImportError:
        print("note: readability-lxml not installed (pip install -e '.[bench]'); row skipped")
        return {}
    from crosscheck.ingest.html import fragment_text

    return {"readability-lxml": lambda page: fragment_text(Document(page.html).summary(
        html_partial=True))}


def run_system(system: System, pages: list[Page]) -> tuple[list[Counts], float]:
    """Per-page counts and seconds per page."""
    start = time.perf_counter()
    outputs = [system(page) for page in pages]
    seconds = (time.perf_counter() - start) / max(1, len(pages))
    return [page_counts(p.truth, out) for p, out in zip(pages, outputs, strict=True)], seconds


def halves(pages: list[Page]) -> tuple[list[int], list[int]]:
    """Indices of the two halves of a 2-fold split, by the parity of the page id's hash."""
    odd = [int(p.id[:8], 16) % 2 for p in pages]
    return [i for i, o in enumerate(odd) if not o], [i for i, o in enumerate(odd) if o]


def half_f1(counts: list[Counts], rows: list[int]) -> float:
    """F1 over the pages ``rows`` only."""
    return average([counts[i] for i in rows])[2]


def two_fold(pages: list[Page], counts: dict[str, list[Counts]], choices: list[str]) -> list[str]:
    """Lines: the best of ``choices`` on each half, and its F1 on the other half."""
    half_a, half_b = halves(pages)
    lines = []
    for chose_on, report_on, label in ((half_a, half_b, "A→B"), (half_b, half_a, "B→A")):
        best = max(choices, key=lambda name: half_f1(counts[name], chose_on))
        held_out = {name: half_f1(counts[name], report_on)
                    for name in (best, "crosscheck", "trafilatura.extract() defaults")}
        lines.append(f"  {label}: best on the first half: {best!r} "
                     f"(F1 {half_f1(counts[best], chose_on):.4f}); on the held-out half: "
                     f"F1 {held_out[best]:.4f} (crosscheck {held_out['crosscheck']:.4f}, "
                     f"plain trafilatura {held_out['trafilatura.extract() defaults']:.4f})")
    return lines


def _shown_time(name: str, seconds: float) -> str:
    """ms/page, or what a row adds to the crosscheck row whose extractions it reuses."""
    if name == "crosscheck + cleaning":
        return f"{'+' + format(seconds * 1000, '.1f'):>8}"
    reused = name.startswith(("vote", "balanced", "precise", "readability alone"))
    return f"{'–':>8}" if reused else f"{seconds * 1000:8.1f}"


def main(argv: list[str] | None = None) -> None:
    """Run every system on the pages and print the table and the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--pages", type=Path, default=None,
                        help="write per-page P/R of crosscheck and trafilatura to this JSON file")
    args = parser.parse_args(argv)
    pages = load_pages(args.data, args.limit)
    if not pages:
        sys.exit(f"no pages with ground truth under {args.data}")
    systems = {**crosscheck_systems({}), **trafilatura_systems(), **peer_systems()}
    counts: dict[str, list[Counts]] = {}
    print(f"article extraction: {len(pages)} pages from {args.data}")
    half_a, half_b = halves(pages)
    print(f"{'system':44} {'precision':>9} {'recall':>7} {'F1':>7} {'± F1':>6} "
          f"{'F1 on A':>8} {'F1 on B':>8} {'ms/page':>8}")
    results: dict[str, Scores] = {}
    for name, system in systems.items():
        counts[name], seconds = run_system(system, pages)
        results[name] = s = score(counts[name], args.bootstrap)
        print(f"{name:44} {s.precision:9.4f} {s.recall:7.4f} {s.f1:7.4f} {s.f1_ci:6.4f} "
              f"{half_f1(counts[name], half_a):8.4f} {half_f1(counts[name], half_b):8.4f} "
              f"{_shown_time(name, seconds)}")
    print("published F1 on this page set: " + ", ".join(f"{k} {v:.3f}" for k, v in PUBLISHED.items())
          + " (trafilatura P .938 R .978)")
    print(f"halves: A {len(half_a)} pages, B {len(half_b)} pages (by id hash parity); times are "
          "provisional (2 shared cores); the crosscheck row runs 3 extractors, the rows of its "
          "parts reuse them (–) and cleaning's time is what it adds (+)")
    choices = [n for n in systems if not n.startswith("trafilatura") and n != "readability-lxml"]
    print("2-fold check: choose among the rows above (peers aside) on one half, score on the other:")
    for line in two_fold(pages, counts, [*choices, *trafilatura_systems()]):
        print(line)
    if args.pages:
        per_page = {p.id: {name: [round(_precision(*counts[name][i]), 4),
                                  round(_recall(*counts[name][i]), 4)]
                           for name in ("crosscheck", "trafilatura.extract() defaults")}
                    for i, p in enumerate(pages)}
        args.pages.write_text(json.dumps(per_page, indent=1), encoding="utf-8")
    ours, clean, plain = (results["crosscheck"], results["crosscheck + cleaning"],
                          results["trafilatura.extract() defaults"])
    print(f"RESULT f1={ours.f1:.4f} precision={ours.precision:.4f} recall={ours.recall:.4f} "
          f"trafilatura_f1={plain.f1:.4f} trafilatura_precision={plain.precision:.4f} "
          f"trafilatura_recall={plain.recall:.4f} cleaned_f1={clean.f1:.4f} "
          f"cleaned_precision={clean.precision:.4f} cleaned_recall={clean.recall:.4f}")


if __name__ == "__main__":
    main()

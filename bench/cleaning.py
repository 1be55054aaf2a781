"""Speed of cleaning pages: crosscheck's HTML extraction + line/sentence cleaning vs trafilatura.

Usage::

    .venv/bin/python bench/cleaning.py [--data DIR] [--pages N] [--workers W] [--texts DIR]
                                       [--with-add]

``DIR`` is the article-extraction benchmark (``html/*.html.gz``); its pages are cycled to
``N`` (default 1,000). Each row is pages per second, in one process and in a pool of
``W`` processes (default 2, the laptop this is built for), pool start-up included:

* ``trafilatura.extract`` — what a user of trafilatura alone would run (default settings);
* ``crosscheck extract + clean`` — the product's HTML reader (:func:`read_html`, the
  3-extractor vote of ingest/html.py) then :func:`crosscheck.clean.find_removals`, i.e.
  what ``crosscheck add`` and ``crosscheck extract`` do to a page before segmentation;
* ``crosscheck extract only`` — the reader alone, to show where the time goes;
* ``crosscheck clean only (plain text)`` — :func:`find_removals` on Timeline17 articles
  (``--texts``, plain-text news articles), the cost for already-extracted sources;
* with ``--with-add``, also ``crosscheck add`` as it runs today: pages read one by one in
  the main process, then :func:`crosscheck.engine.process_sources` (clean + segment +
  annotate) in its pool, without the store and the embedding.

Figures measured while other jobs share the cores are provisional.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from crosscheck.clean import find_removals  # noqa: E402
from crosscheck.errors import SourceError  # noqa: E402
from crosscheck.ingest.readers import RawSource, read_html  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "bench-data" / "article-extraction"
DEFAULT_TEXTS = REPO.parent / "shared" / "bench-data" / "timeline17" / "t17"

#: Published peer figure (docs/DEPENDENCIES.md, measured here): trafilatura ≈ 1,100 small
#: pages/s. The benchmark's pages are full news pages (≈ 100 kB of HTML), far slower.
PUBLISHED_NOTE = "trafilatura on small pages ≈ 1,100 pages/s (shared/DEPENDENCIES.md)"


def load_html_pages(data: Path, count: int) -> list[bytes]:
    """The benchmark's pages as bytes (as a file reader gets them), cycled to ``count``."""
    paths = sorted((data / "html").glob("*.html.gz"))
    if not paths:
        sys.exit(f"no html/*.html.gz pages under {data}")
    pages = [gzip.decompress(p.read_bytes()) for p in paths]
    return list(itertools.islice(itertools.cycle(pages), count))


def load_texts(texts: Path, count: int) -> list[str]:
    """Plain-text articles of Timeline17 (``*/articles.json``), cycled to ``count``."""
    found: list[str] = []
    for path in sorted(texts.glob("*/articles.json")):
        found.extend(a["text"] for a in json.loads(path.read_text(encoding="utf-8"))
                     if a.get("text"))
        if len(found) >= count:
            break
    return list(itertools.islice(itertools.cycle(found), count)) if found else []


def trafilatura_page(data: bytes) -> int:
    """trafilatura.extract with default settings; the length of its text."""
    import trafilatura

    return len(trafilatura.extract(data.decode("utf-8", "replace")) or "")


def _read(data: bytes) -> RawSource | None:
    try:
        item = next(read_html(Path("page.html"), data))
    except SourceError:  # a page the reader skips still counts as done
        return None
    return item if isinstance(item, RawSource) else None


def crosscheck_extract(data: bytes) -> int:
    """The product's HTML reader alone; the length of the raw text."""
    source = _read(data)
    return len(source.raw) if source else 0


def crosscheck_extract_clean(data: bytes) -> int:
    """The product's HTML reader, then its cleaning; the number of removals."""
    source = _read(data)
    return len(find_removals(source.raw)) if source else 0


def crosscheck_clean_text(text: str) -> int:
    """The product's cleaning of an already plain text; the number of removals."""
    return len(find_removals(text))


def rate(work: Callable[[Any], int], items: Sequence[Any], workers: int) -> tuple[float, float]:
    """Items per second, in this process (workers=1) or a fresh pool (start-up counted),
    and this process's CPU milliseconds per item (meaningful for workers=1 only: under
    contention it still says what a page costs, where wall-clock rates do not)."""
    if items:
        work(items[0])  # imports and first-call set-up are not a page's cost
    start, cpu = time.perf_counter(), time.process_time()
    if workers <= 1:
        for item in items:
            work(item)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for _ in pool.map(work, items, chunksize=8):
                pass
    n = max(1, len(items))
    return n / (time.perf_counter() - start), (time.process_time() - cpu) * 1000 / n


def add_pipeline_rate(pages: list[bytes], workers: int) -> float:
    """``crosscheck add`` minus store and embedding: serial reading, then the engine's pool."""
    from crosscheck.engine import process_sources

    start = time.perf_counter()
    sources = [s for s in (_read(p) for p in pages) if s is not None]
    for _ in process_sources(sources, workers=workers):
        pass
    return len(pages) / (time.perf_counter() - start)


def print_row(name: str, serial: float, pooled: float, cpu_ms: float, workers: int) -> None:
    """One table row: pages/s in one process and in the pool, CPU ms/page, idle estimate."""
    print(f"{name:40} {serial:10.1f} {pooled:12.1f} {cpu_ms:12.1f} {workers * 1000 / cpu_ms:14.1f}",
          flush=True)


def main(argv: list[str] | None = None) -> None:
    """Time each row and print the table and the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--with-add", action="store_true",
                        help="also time `crosscheck add`'s per-document pipeline as it runs today")
    args = parser.parse_args(argv)
    pages = load_html_pages(args.data, args.pages)
    texts = load_texts(args.texts, args.pages) if args.texts.exists() else []
    size = sum(len(p) for p in pages) / max(1, len(pages)) / 1000
    print(f"{len(pages)} pages ({size:.0f} kB of HTML on average) cycled from {args.data}; "
          f"{os.cpu_count()} cores; figures provisional while other jobs share them")
    print(f"{'pages/s':40} {'1 process':>10} {f'{args.workers} processes':>12} "
          f"{'CPU ms/page':>12} {f'{args.workers} idle cores':>14}", flush=True)
    rows: list[tuple[str, float, float, float]] = []
    for name, work, items in (
        ("trafilatura.extract (defaults)", trafilatura_page, pages),
        ("crosscheck extract + clean", crosscheck_extract_clean, pages),
        ("crosscheck extract only", crosscheck_extract, pages),
        (f"crosscheck clean only ({len(texts)} T17 texts)", crosscheck_clean_text, texts),
    ):
        if items:
            serial, cpu_ms = rate(work, items, 1)
            rows.append((name, serial, rate(work, items, args.workers)[0], cpu_ms))
            print_row(*rows[-1], args.workers)
    print(f"'{args.workers} idle cores' = {args.workers} x 1000 / CPU ms per page: the rate the "
          "pool would reach on cores of its own (an estimate; the columns before it are measured)")
    if args.with_add:
        print(f"crosscheck add's pipeline today (read serially, then clean+segment+annotate in "
              f"its pool of {args.workers}): {add_pipeline_rate(pages, args.workers):.1f} pages/s")
    print(f"peer: {PUBLISHED_NOTE}")
    ours, plain = rows[1], rows[0]
    text_rate = f" clean_text_pages_per_s={rows[3][2]:.1f}" if texts else ""
    print(f"RESULT pages_per_s={ours[2]:.1f} trafilatura_pages_per_s={plain[2]:.1f} "
          f"pages_per_s_1proc={ours[1]:.1f} trafilatura_pages_per_s_1proc={plain[1]:.1f} "
          f"cpu_ms_per_page={ours[3]:.1f} trafilatura_cpu_ms_per_page={plain[3]:.1f}{text_rate}")

if __name__ == "__main__":
    main()

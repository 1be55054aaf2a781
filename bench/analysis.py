"""Analysis speed: one question's brief on a 1,000-page store (issue goal: ≤ 2 s).

Builds (or reuses, with --store) a store of N real news articles from Timeline17, loads
it once, and times ``build_brief`` for a set of questions: the first question on a cold
view pays for the corpus-wide work (copy groups, entity merging, name pairs), which is
then shared by every later question on the same view (as in ``crosscheck serve``); a
one-shot ``crosscheck ask`` pays view load + cold analysis. Per-stage times for the cold
question are printed so the profile is visible.

    python bench/analysis.py [--data DIR] [--pages 1000] [--embedder minilm|hash] [--store PATH]

Last line: RESULT view_load_s=… cold_s=… warm_p50_s=… warm_p95_s=… pages=…
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from crosscheck.analyse import build_brief
from crosscheck.api import Corpus

QUESTIONS = [
    "Why did the H1N1 flu spread so fast?", "Why did Egypt's protests topple Mubarak?",
    "When did the Libyan war start?", "Why did the BP oil well leak?",
    "Who led the Syrian uprising?", "Why did Michael Jackson die?",
    "Why did the Iraq war last so long?", "What caused the Haiti earthquake damage?",
    "Why did the Yemen protests begin?", "How did the oil spill affect the Gulf coast?",
    "Why did the financial crisis happen?", "When did the swine flu become a pandemic?",
]


def write_pages(data: Path, pages: int, out: Path) -> Path:
    """N articles from the Timeline17 topics, interleaved, as one .jsonl source file."""
    topics = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(data.glob("*/articles.json"))]
    rows, i = [], 0
    while len(rows) < pages and any(i < len(t) for t in topics):
        for t in topics:
            if i < len(t) and t[i].get("text") and len(rows) < pages:
                rows.append({"text": t[i]["text"], "published": str(t[i].get("dct", ""))[:10],
                             "url": f"t17://{t[i].get('uid', len(rows))}"})
        i += 1
    path = out / "pages.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/bench-data/timeline17/t17"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--embedder", default="minilm", choices=("minilm", "hash"))
    ap.add_argument("--store", type=Path, default=None, help="reuse this store (built if missing)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="crosscheck-bench-") as tmp:
        store = args.store or Path(tmp) / "bench.db"
        corpus = Corpus(store, embedder=args.embedder)
        if corpus.store.count_documents() == 0:
            if not args.data.is_dir():
                print(f"analysis: error: no such folder: {args.data}", file=sys.stderr)
                return 2
            t = time.perf_counter()
            corpus.add([write_pages(args.data, args.pages, Path(tmp))])
            print(f"built a {corpus.store.count_documents()}-page store in {time.perf_counter() - t:.1f} s")
        pages = corpus.store.count_documents()
        t = time.perf_counter()
        view = corpus.view()
        load = time.perf_counter() - t
        times = []
        for question in QUESTIONS:
            t = time.perf_counter()
            brief = build_brief(view, question, corpus.settings)
            times.append(time.perf_counter() - t)
            print(f"{times[-1]:6.2f} s  {question}  ({len(brief.reasons)} reasons, "
                  f"{len(brief.conflicts)} conflicts, {len(brief.timeline)} timeline rows)")
        corpus.close()
    warm = sorted(times[1:])
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    print(f"\n{pages} pages, embedder {args.embedder}")
    print(f"view load {load:.2f} s; first question (cold view) {times[0]:.2f} s; later questions "
          f"median {statistics.median(warm):.2f} s, p95 {p95:.2f} s   (goal: ≤ 2 s per question)")
    print(f"RESULT view_load_s={load:.3f} cold_s={times[0]:.3f} warm_p50_s={statistics.median(warm):.3f} "
          f"warm_p95_s={p95:.3f} pages={pages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Analysis speed: one question's brief on a 1,000-page store (issue goal: ≤ 2 s).

Builds (or reuses, with --store) a store of N real news articles from Timeline17 and
times three cases: a one-shot ``crosscheck ask`` in a fresh process (view load + brief,
with the corpus-wide analysis that ``add`` saved in the store); the first question when
nothing is saved (it pays for copy groups, entity merging and name pairs, the work
``add`` now does); and later questions on the same view (as in ``crosscheck serve``).
Then the corpus-wide survey (``crosscheck timeline``/``conflicts``/``sources`` without a
question) in a fresh process: its time and the process's peak memory beside its memory
once the view is loaded.

    python bench/analysis.py [--data DIR] [--pages 1000] [--embedder minilm|hash] [--store PATH]

Last line: RESULT view_load_s=… oneshot_brief_s=… unsaved_first_s=… warm_p50_s=… warm_p95_s=…
survey_s=… survey_loaded_mb=… survey_peak_mb=… pages=…
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from crosscheck.analyse import build_brief, prepare
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
        prepare(corpus.view())  # as `add` does (a store built by an older version lacks it)
        corpus.close()
        # One-shot, as `crosscheck ask` runs it: a fresh process, the store's saved
        # corpus-wide analysis (written when sources were added).
        shots = [_one_shot(store, args.embedder, q) for q in QUESTIONS[:3]]
        corpus = Corpus(store, embedder=args.embedder)
        with corpus.store.transaction() as db:
            db.execute("DELETE FROM analysis_cache")  # nothing saved: the corpus-wide work
        view = corpus.view()
        times = []
        for question in QUESTIONS:
            t = time.perf_counter()
            brief = build_brief(view, question, corpus.settings)
            times.append(time.perf_counter() - t)
            print(f"{times[-1]:6.2f} s  {question}  ({len(brief.reasons)} reasons, "
                  f"{len(brief.conflicts)} conflicts, {len(brief.timeline)} timeline rows)")
        corpus.close()
        survey_s, loaded_mb, peak_mb = _survey(store, args.embedder)
    warm = sorted(times[1:])
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    shot_load = statistics.median(s[0] for s in shots)
    shot_brief = statistics.median(s[1] for s in shots)
    print(f"\n{pages} pages, embedder {args.embedder}   (goal: ≤ 2 s per question)")
    print(f"one-shot in a fresh process (saved corpus analysis): view load {shot_load:.2f} s + "
          f"brief {shot_brief:.2f} s  (median of {len(shots)})")
    print(f"nothing saved: first question {times[0]:.2f} s (corpus-wide work, now done by `add`)")
    print(f"same view, later questions: median {statistics.median(warm):.2f} s, p95 {p95:.2f} s")
    print(f"survey of the whole corpus (no question), fresh process: {survey_s:.1f} s, "
          f"peak memory {peak_mb:.0f} MB ({loaded_mb:.0f} MB once the view is loaded)")
    print(f"RESULT view_load_s={shot_load:.3f} oneshot_brief_s={shot_brief:.3f} "
          f"unsaved_first_s={times[0]:.3f} warm_p50_s={statistics.median(warm):.3f} "
          f"warm_p95_s={p95:.3f} survey_s={survey_s:.1f} survey_loaded_mb={loaded_mb:.0f} "
          f"survey_peak_mb={peak_mb:.0f} pages={pages}")
    return 0


def _one_shot(store: Path, embedder: str, question: str) -> tuple[float, float]:
    """View load and brief time of one question in a new Python process."""
    load, brief = _in_fresh_process(
        "t = time.perf_counter(); v = c.view(); load = time.perf_counter() - t\n"
        "t = time.perf_counter(); build_brief(v, sys.argv[3], c.settings)\n"
        "print(json.dumps([load, time.perf_counter() - t]))\n", store, embedder, question)
    return load, brief


def _survey(store: Path, embedder: str) -> tuple[float, float, float]:
    """Time of the corpus-wide brief (no question) in a new Python process, its resident
    memory once the view is loaded and its peak (MB)."""
    seconds, loaded, peak = _in_fresh_process(
        "mb = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "v = c.view(); loaded = mb()\n"
        "t = time.perf_counter(); build_brief(v, None, c.settings)\n"
        "print(json.dumps([time.perf_counter() - t, loaded, mb()]))\n", store, embedder)
    return seconds, loaded, peak


def _in_fresh_process(code: str, store: Path, embedder: str, *args: str) -> list[float]:
    """The numbers ``code`` prints as its last line, run in a new Python process with the
    corpus ``c`` open (``sys.argv[1:]`` = store, embedder, ``args``)."""
    prelude = ("import json, resource, sys, time\n"
               "from crosscheck.api import Corpus\n"
               "from crosscheck.analyse import build_brief\n"
               "c = Corpus(sys.argv[1], embedder=sys.argv[2])\n")
    out = subprocess.run([sys.executable, "-c", prelude + code, str(store), embedder, *args],
                         capture_output=True, text=True, check=True).stdout
    return [float(x) for x in json.loads(out.strip().splitlines()[-1])]


if __name__ == "__main__":
    sys.exit(main())

"""Ingest speed, memory and ``ask`` latency through crosscheck's public API, beside a plain
LlamaIndex ingestion + vector index of the same pages with the same embedding model.

Usage::

    .venv/bin/python bench/ingest.py [--data DIR] [--sizes 100,1000] [--quick]
                                     [--questions 50] [--no-peer] [--embed-study]

Pages are real text from ``DIR`` (default ``../shared/bench-data``): three Timeline17 news
articles (≈ 1,150 words each) to one SciFact abstract (≈ 200 words), written as ``.txt``
files. Each size runs in a child process (``Corpus(store).add([folder])``: read → clean →
segment → annotate → store → embed → index), so its peak RSS is its own: the child reports
``ru_maxrss`` of itself and of its process-pool workers. ``ask`` latency is measured on
the largest store over ``--questions`` questions (news questions and SciFact claims), in
a fresh process: the first ask pays for loading the model and the corpus, and is shown
apart. The peer: LlamaIndex ``SentenceSplitter`` (256 MiniLM word pieces, the model's
window, overlap 32) + ``VectorStoreIndex`` with crosscheck's MiniLM ONNX embedder
wrapped as its ``BaseEmbedding`` (no download), then top-10 retrieval for the same
questions. ``--embed-study`` times the embedding choices on the first 100 pages.

Speed figures depend on the machine's load: run on a quiet machine for final figures.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench-data"
#: Goals of issue 5 (there is no published peer figure for this pipeline).
GOALS = "goals: 1,000 news pages <= 180 s on 2 cores, ask p95 <= 1 s, peak RSS <= 2 GB"
NEWS_QUESTIONS = [
    "Why did protesters gather in Tahrir Square?", "Why did Mubarak resign?",
    "How did the army respond to the protests in Egypt?", "Why did the swine flu spread so fast?",
    "How many people died of H1N1 flu?", "When was the swine flu vaccine available?",
    "Why did the United States invade Iraq?", "How many soldiers died in the Iraq war?",
    "Why did NATO bomb Libya?", "What happened to Gaddafi?", "Who led the rebels in Benghazi?",
    "How did Michael Jackson die?", "Who was charged over Michael Jackson's death?",
    "Why did the Syrian uprising begin?", "How many refugees fled Syria?",
    "Why did the Deepwater Horizon rig explode?", "How much oil leaked into the Gulf of Mexico?",
    "When was the BP well capped?", "How many people died in the Haiti earthquake?",
    "Why was aid slow to reach Haiti?",
]


def load_pages(data: Path, count: int) -> list[tuple[str, str]]:
    """``count`` (name, text) pages: three news articles to one abstract, deterministic."""
    topics = []
    for path in sorted(glob.glob(str(data / "timeline17" / "t17" / "*" / "articles.json"))):
        articles = json.loads(Path(path).read_text(encoding="utf-8"))
        topics.append([(f"{Path(path).parent.name}-{a['uid']}", a["text"]) for a in articles])
    corpus = data / "scifact" / "corpus.jsonl"
    if not topics or not corpus.is_file():
        sys.exit(f"error: no Timeline17 articles or SciFact corpus under {data} (pass --data DIR)")
    abstracts = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            d = json.loads(line)
            abstracts.append((f"scifact-{d['_id']}", f"{d['title']}\n\n{d['text']}"))
            if len(abstracts) >= count:
                break
    news = [t[i] for i in range(max(map(len, topics))) for t in topics if i < len(t)]
    pages = []
    for i in range(count):
        pages.append(abstracts[i // 4] if i % 4 == 3 else news[i - i // 4])
    return pages


def questions(data: Path, count: int) -> list[str]:
    """News questions, then SciFact claims asked as questions, ``count`` in all."""
    claims = []
    for line in (data / "scifact" / "queries.jsonl").open(encoding="utf-8"):
        claims.append("Is it true that " + json.loads(line)["text"].rstrip(".") + "?")
    out = (NEWS_QUESTIONS + claims)[:count]
    return out


def write_pages(pages: list[tuple[str, str]], folder: Path) -> int:
    """Write the pages as .txt files; returns their word count."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages:
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return sum(len(text.split()) for _, text in pages)


def rss_mb() -> dict[str, float]:
    """Peak resident memory (MB) of this process and of its reaped children, and the CPU
    seconds both used (on a loaded machine CPU time is steadier than wall time)."""
    own, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {"self_mb": own.ru_maxrss / 1024, "children_mb": kids.ru_maxrss / 1024,
            "cpu_s": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime}


# -- children ---------------------------------------------------------------------------
def child_crosscheck(folder: Path, store: Path, embedder: str) -> dict[str, Any]:
    """Ingest a folder through the public API; stage times from the progress hook."""
    from crosscheck.api import Corpus

    first: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        first.setdefault(stage, time.perf_counter())

    start = time.perf_counter()
    with Corpus(store, embedder=embedder) as corpus:
        report = corpus.add([folder], progress=progress)
        sentences = corpus.store.count_sentences()
    end = time.perf_counter()
    analyse_at = first.get("analyse", end)
    embed_at = first.get("embed", end)
    return {"seconds": end - start, "read_s": analyse_at - start, "analyse_s": embed_at - analyse_at,
            "embed_s": end - embed_at, "added": len(report.added), "skipped": len(report.skipped),
            "embedded": report.embedded, "sentences": sentences,
            "store_mb": sum(p.stat().st_size for p in store.parent.glob(store.name + "*")) / 2**20,
            **rss_mb()}


def child_ask(store: Path, asked: list[str], embedder: str) -> dict[str, Any]:
    """Ask every question of a stored corpus; seconds per question."""
    from crosscheck.api import Corpus

    times, cpu = [], []
    with Corpus(store, embedder=embedder) as corpus:
        for question in asked:
            start, start_cpu = time.perf_counter(), time.process_time()
            corpus.ask(question)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return {"times": times, "cpu": cpu, **rss_mb()}


def child_llamaindex(folder: Path, asked: list[str]) -> dict[str, Any]:
    """Plain LlamaIndex: read, split, embed with the same MiniLM, index; then retrieve."""
    try:
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
    except ImportError:
        return {"error": "llama-index-core not installed (pip install -e '.[bench]')"}
    from importlib import resources

    from tokenizers import Tokenizer

    source = resources.files("crosscheck.index.data") / "minilm-tokenizer.json"
    tokenizer = Tokenizer.from_str(source.read_text(encoding="utf-8"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    start = time.perf_counter()
    documents = SimpleDirectoryReader(str(folder)).load_data()
    splitter = SentenceSplitter(chunk_size=256, chunk_overlap=32,
                                tokenizer=lambda text: tokenizer.encode(text, add_special_tokens=False).ids)
    index = VectorStoreIndex.from_documents(documents, embed_model=llama_embedding(),
                                            transformations=[splitter])
    seconds = time.perf_counter() - start
    retriever = index.as_retriever(similarity_top_k=10)
    times = []
    for question in asked:
        begin = time.perf_counter()
        retriever.retrieve(question)
        times.append(time.perf_counter() - begin)
    return {"seconds": seconds, "chunks": len(index.docstore.docs), "times": times, **rss_mb()}


def llama_embedding() -> Any:
    """crosscheck's MiniLM ONNX embedder as a LlamaIndex embedding class."""
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    from crosscheck.index.embed import get_embedder

    class MiniLMEmbedding(BaseEmbedding):
        _model: Any = PrivateAttr()

        def __init__(self) -> None:
            super().__init__(model_name="all-MiniLM-L6-v2-int8-onnx", embed_batch_size=64)
            self._model = get_embedder("minilm")

        def _get_query_embedding(self, query: str) -> list[float]:
            return [float(x) for x in self._model.embed([query])[0]]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._get_query_embedding(text)

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [[float(x) for x in row] for row in self._model.embed(texts)]

    return MiniLMEmbedding()


def child_embed_study(folder: Path) -> dict[str, Any]:
    """Sentences/s of the embedding choices on the segmented pages of ``folder``."""
    from crosscheck.index.embed import MiniLMEmbedder
    from crosscheck.segment import segment

    texts = [s.text for path in sorted(folder.glob("*.txt"))
             for s in segment(path.name, path.read_text(encoding="utf-8"))]
    unique = list(dict.fromkeys(texts))
    out: dict[str, Any] = {"sentences": len(texts), "unique": len(unique)}
    model = MiniLMEmbedder()
    model.embed(texts[:32])

    def rate(label: str, run: Any) -> None:
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        out[label] = (len(texts) / (time.perf_counter() - start),
                      len(texts) / (time.process_time() - start_cpu))

    # Before: batches of 64 in reading order (each padded to its longest sentence).
    rate("reading order, batch 64", lambda: [model.embed(texts[i:i + 64])
                                             for i in range(0, len(texts), 64)])
    rate("sorted by length, batch 64", lambda: model.embed(texts))
    rate("sorted + identical sentences once", lambda: model.embed(unique))
    for size in (16, 128):
        model.batch_size = size
        rate(f"sorted, batch {size}", lambda: model.embed(texts))
    return out


def run_child(args: list[str]) -> dict[str, Any]:
    """Run this script as a child; its last stdout line is a JSON object."""
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": tail[0]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


# -- parent -----------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", default="100,1000", help="page counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="100 pages, 10 questions")
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--no-peer", action="store_true", help="skip LlamaIndex")
    parser.add_argument("--embed-study", action="store_true", help="time embedding choices")
    parser.add_argument("--child", choices=["crosscheck", "ask", "llamaindex", "embed-study"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        asked = questions(args.data, args.questions)
        result = {"crosscheck": lambda: child_crosscheck(args.folder, args.store, args.embedder),
                  "ask": lambda: child_ask(args.store, asked, args.embedder),
                  "llamaindex": lambda: child_llamaindex(args.folder, asked),
                  "embed-study": lambda: child_embed_study(args.folder)}[args.child]()
        print(json.dumps(result))
        return
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    count = 10 if args.quick else args.questions
    print(f"ingest benchmark: sizes {sizes}, {count} questions, embedder {args.embedder},"
          f" {os.cpu_count()} cores; {GOALS}; speed figures provisional on a loaded machine")
    with tempfile.TemporaryDirectory() as tmp:
        parent(args, sizes, count, Path(tmp))


def parent(args: argparse.Namespace, sizes: list[int], count: int, tmp: Path) -> None:
    """Run every size, the ask latency on the largest, the peer, and print the figures."""
    pages = load_pages(args.data, max(sizes))
    common = ["--data", str(args.data), "--embedder", args.embedder, "--questions", str(count)]
    result: dict[str, float] = {}
    for n in sizes:
        folder, store = tmp / f"pages-{n}", tmp / f"store-{n}" / "crosscheck.db"
        words = write_pages(pages[:n], folder)
        store.parent.mkdir()
        r = run_child([*common, "--child", "crosscheck", "--folder", str(folder), "--store", str(store)])
        if "error" in r:
            sys.exit(f"error: ingest of {n} pages failed: {r['error']}")
        print(f"crosscheck {n:>5} pages, {words} words, {r['sentences']} sentences:"
              f" {r['seconds']:.1f} s (read {r['read_s']:.1f}, clean+segment+annotate+store"
              f" {r['analyse_s']:.1f}, embed {r['embed_s']:.1f}) = {words / r['seconds']:.0f} words/s,"
              f" {r['sentences'] / r['seconds']:.0f} sentences/s; CPU {r['cpu_s']:.1f} s"
              f" (= {r['cpu_s'] / 2:.1f} s on 2 idle cores); store {r['store_mb']:.1f} MB;"
              f" peak RSS {r['self_mb']:.0f} MB (+ pool workers {r['children_mb']:.0f} MB each at most)")
        result.update({f"seconds_{n}": r["seconds"], f"cpu_s_{n}": r["cpu_s"],
                       f"words_per_s_{n}": words / r["seconds"],
                       f"sentences_per_s_{n}": r["sentences"] / r["seconds"],
                       f"rss_mb_{n}": max(r["self_mb"], r["children_mb"]),
                       f"store_mb_{n}": r["store_mb"]})
        if not args.no_peer:
            peer = run_child([*common, "--child", "llamaindex", "--folder", str(folder)])
            if "error" in peer:
                print(f"  LlamaIndex: skipped ({peer['error']})")
            else:
                print(f"LlamaIndex {n:>5} pages: {peer['seconds']:.1f} s for {peer['chunks']} chunks"
                      f" (read + split + embed + VectorStoreIndex), CPU {peer['cpu_s']:.1f} s;"
                      f" peak RSS {peer['self_mb']:.0f} MB; crosscheck/LlamaIndex ratio: time"
                      f" {r['seconds'] / peer['seconds']:.2f}, CPU {r['cpu_s'] / peer['cpu_s']:.2f};"
                      f" retrieval median {1000 * statistics.median(peer['times']):.0f} ms")
                result[f"llamaindex_seconds_{n}"] = peer["seconds"]
                result[f"ratio_{n}"] = r["seconds"] / peer["seconds"]
                result[f"cpu_ratio_{n}"] = r["cpu_s"] / peer["cpu_s"]
    largest = tmp / f"store-{max(sizes)}" / "crosscheck.db"
    a = run_child([*common, "--child", "ask", "--store", str(largest)])
    if "error" in a:
        sys.exit(f"error: ask failed: {a['error']}")
    warm = a["times"][1:] or a["times"]
    print(f"ask on {max(sizes)} pages, {count} questions: first {a['times'][0]:.2f} s (loads model"
          f" and corpus), then median {statistics.median(warm):.2f} s, p95 {percentile(warm, 0.95):.2f} s;"
          f" all: median {statistics.median(a['times']):.2f} s, p95 {percentile(a['times'], 0.95):.2f} s;"
          f" peak RSS {a['self_mb']:.0f} MB; CPU per warm ask median"
          f" {statistics.median(a['cpu'][1:] or a['cpu']):.2f} s,"
          f" p95 {percentile(a['cpu'][1:] or a['cpu'], 0.95):.2f} s")
    result.update({"ask_median_s": statistics.median(a["times"]),
                   "ask_p95_s": percentile(a["times"], 0.95), "ask_rss_mb": a["self_mb"],
                   "ask_cpu_p95_s": percentile(a["cpu"][1:] or a["cpu"], 0.95)})
    if args.embed_study:
        study = run_child(["--child", "embed-study", "--folder", str(tmp / f"pages-{min(sizes)}")])
        print(f"embedding study on {study.pop('sentences')} sentences"
              f" ({study.pop('unique')} distinct) of {min(sizes)} pages:")
        for label, (wall, cpu) in study.items():
            print(f"  {label:<36} {wall:>5.0f} sentences/s, {cpu:>5.0f} per CPU second")
    print("RESULT " + " ".join(f"{k}={v:.4g}" for k, v in result.items()))


if __name__ == "__main__":
    main()

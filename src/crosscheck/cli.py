"""The ``crosscheck`` command: a thin layer over :mod:`crosscheck.api`.

Every error crosscheck raises on purpose is printed as one line, ``crosscheck: error: …``,
with exit status 2 for usage errors and 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from crosscheck import __version__
from crosscheck.errors import CrosscheckError, MissingPathError, UsageError
from crosscheck.settings import Settings

PROG = "crosscheck"
PART_FORMATS = ("text", "json", "md")


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are one line, like crosscheck's own."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see {self.prog} --help)\n")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="PATH",
                   help="corpus file (default ./crosscheck.db, or $CROSSCHECK_STORE)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars or notes")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also the source of the CLI reference in the README)."""
    parser = _Parser(prog=PROG, description="Cited research briefs from noisy web sources, "
                                            "offline.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("add", help="add files and folders (.txt .md .html .pdf .jsonl) to the store")
    _add_common(p)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--workers", type=int, default=None,
                   help="processes for cleaning and annotation (default: CPU count, at most 4)")

    p = sub.add_parser("ask", help="write the research brief for a question")
    _add_common(p)
    p.add_argument("question")
    p.add_argument("--format", "-f", default="md", metavar="FORMAT",
                   help="md (default), json or html")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    for name, what in (("sources", "the audit of every source"),
                       ("timeline", "the reconciled timeline"),
                       ("conflicts", "the conflicts between sources"),
                       ("entities", "entities with their merged aliases")):
        p = sub.add_parser(name, help=f"show {what}")
        _add_common(p)
        if name != "sources":
            p.add_argument("question", nargs="?", default=None,
                           help="limit to what bears on this question (default: whole corpus)")
        p.add_argument("--format", "-f", default="text", metavar="FORMAT",
                       help="text (default), json or md")

    p = sub.add_parser("extract", help="print the kept main text of files, as cleaning leaves it")
    p.add_argument("paths", nargs="+", metavar="PATH")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--show-removed", action="store_true",
                       help="print the removed spans with their reasons instead")
    shown.add_argument("--jsonl", action="store_true",
                       help='one JSON object per file: {"path", "text", "removed"} or '
                            '{"path", "error"}')

    p = sub.add_parser("search", help="sentences that best match a query (BM25 + embeddings)")
    _add_common(p)
    p.add_argument("query")
    p.add_argument("-k", type=int, default=10, help="how many (default 10)")

    p = sub.add_parser("demo", help="run the bundled sample corpus; writes brief.md/.html/.json")
    _add_common(p)
    p.add_argument("--corpus", metavar="DIR", default=None,
                   help="corpus folder (default: examples/neutrality-pact)")
    p.add_argument("--question", default=None,
                   help="question to ask (default: the one in the corpus README)")
    p.add_argument("--out", metavar="DIR", default=".", help="where to write the briefs")

    p = sub.add_parser("serve", help="the local web UI: ask, read briefs, view sources, add files")
    _add_common(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="interface to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(COMMANDS[args.command](args))
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except CrosscheckError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


# -- helpers -----------------------------------------------------------------------------

def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(store=getattr(args, "store", None))


class _Bars:
    """tqdm progress bars on stderr, one per stage, silent with -q."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self._bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet or total <= 0:
            return
        if done == 0 and stage in self._bars:
            return
        from tqdm import tqdm

        bar = self._bars.get(stage)
        if bar is None:
            labels = {"read": "reading", "analyse": "cleaning+annotating", "embed": "embedding"}
            bar = tqdm(total=total, desc=labels.get(stage, stage), unit="doc" if stage != "embed"
                       else "sent", file=sys.stderr, leave=True, dynamic_ncols=True)
            self._bars[stage] = bar
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()


def _open(args: argparse.Namespace) -> Any:
    from crosscheck.api import Corpus

    return Corpus(settings=_settings(args))


def _check_format(fmt: str, choices: Sequence[str]) -> None:
    if fmt not in choices:
        from crosscheck.errors import UnknownChoiceError

        raise UnknownChoiceError("format", fmt, choices)


def _write(text: str, output: str | None, stream: TextIO | None = None) -> None:
    if output:
        target = Path(output)
        if not target.parent.is_dir():
            raise MissingPathError(str(target.parent))
        target.write_text(text, encoding="utf-8")
    else:
        (stream or sys.stdout).write(text if text.endswith("\n") else text + "\n")


# -- commands ----------------------------------------------------------------------------

def cmd_add(args: argparse.Namespace) -> int:
    """crosscheck add PATH..."""
    corpus = _open(args)
    bars = _Bars(args.quiet)
    try:
        report = corpus.add(args.paths, progress=bars, workers=args.workers)
    finally:
        bars.close()
    for skip in report.skipped:
        print(f"skipped {skip.path}: {skip.reason}", file=sys.stderr)
    if not args.quiet:
        print(f"added {len(report.added)} document(s), {len(report.unchanged)} already stored, "
              f"{len(report.skipped)} skipped; store {corpus.settings.store} holds "
              f"{corpus.store.count_documents()} document(s)", file=sys.stderr)
    return 0 if report.added or report.unchanged else 1


def cmd_ask(args: argparse.Namespace) -> int:
    """crosscheck ask QUESTION [--format md|json|html] [-o FILE]"""
    from crosscheck.render import RENDERERS, render

    _check_format(args.format, list(RENDERERS))
    from crosscheck.analyse import require_question

    question = require_question(args.question)
    corpus = _open(args)
    brief = corpus.ask(question)
    if args.format == "html":
        from crosscheck.render.html import brief_to_html

        text = brief_to_html(brief, raws={d.id: d.raw for d in corpus.documents()})
    else:
        text = render(brief, args.format)
    _write(text, args.output)
    return 0


def _part(args: argparse.Namespace, part: str) -> int:
    from crosscheck.render.json import brief_to_dict
    from crosscheck.render.markdown import brief_to_markdown

    _check_format(args.format, PART_FORMATS)
    question = getattr(args, "question", None)
    if question is not None:
        from crosscheck.analyse import require_question

        question = require_question(question)
    corpus = _open(args)
    brief = corpus.ask(question) if question else corpus.survey()
    data = brief_to_dict(brief)
    if args.format == "json":
        _write(json.dumps(data[part], ensure_ascii=False, indent=2), None)
        return 0
    if args.format == "md":
        md = brief_to_markdown(brief)
        heading = {"sources": "## Sources", "timeline": "## Timeline",
                   "conflicts": "## Conflicts", "entities": "## Entities"}[part]
        section = md[md.index(heading):]
        following = section.find("\n## ", 1)
        _write(section if following < 0 else section[:following], None)
        return 0
    _write(TEXT_PARTS[part](data), None)
    return 0


def _text_sources(data: dict[str, Any]) -> str:
    lines = []
    for s in data["sources"]:
        reasons: dict[str, int] = {}
        for r in s["removed"]:
            reasons[r["reason"]] = reasons.get(r["reason"], 0) + r["end"] - r["start"]
        removed = ", ".join(f"{k} {v} chars" for k, v in sorted(reasons.items())) or "nothing"
        lines.append(f"[{s['number']}] {s['id']}  quality {s['quality']['score']:.2f}  "
                     f"{s['title'][:70]}")
        facts = [f"language {s['language']}"] + ([f"published {s['published']}"] if s["published"] else [])
        if s["group"] != s["id"]:
            facts.append(f"copy group {s['group']}")
        lines.append(f"    {s['uri']}  ({', '.join(facts)}; {s['kept_chars']}/{s['chars']} chars kept, "
                     f"{s['sentences']} sentences; removed: {removed})")
        for note in s["quality"]["notes"]:
            lines.append(f"    - {note}")
    return "\n".join(lines)


def _numbers(data: dict[str, Any]) -> dict[str, int]:
    return {s["id"]: s["number"] for s in data["sources"]}


def _text_timeline(data: dict[str, Any]) -> str:
    nums = _numbers(data)
    lines = []
    for t in data["timeline"]:
        cites = "".join(f"[{nums[d]}]" for d in t["sources"])
        flag = "  ⚠ conflict: " + ", ".join(sorted({f"{e['date']} [{nums[e['source']]}]"
                                                   for e in t["evidence"]})) if t["conflict"] else ""
        lines.append(f"{t['date']:<12} {cites:<10} {t['label']}{flag}")
    return "\n".join(lines) or "no dated events"


def _text_conflicts(data: dict[str, Any]) -> str:
    nums = _numbers(data)
    lines = []
    for c in data["conflicts"]:
        lines.append(f"{c['kind']}: {c['topic']}" + (f"  ({c['note']})" if c["note"] else ""))
        for v in c["values"]:
            cites = "".join(f"[{nums[d]}]" for d in v["sources"])
            quote = " ".join(v["evidence"][0]["quote"].split()) if v["evidence"] else ""
            lines.append(f"    {v['value']:<12} {cites:<8} “{quote[:160]}”")
    return "\n".join(lines) or "no conflicts"


def _text_entities(data: dict[str, Any]) -> str:
    nums = _numbers(data)
    lines = []
    for e in data["entities"]:
        cites = "".join(f"[{nums[d]}]" for d in e["sources"])
        also = f"  also: {', '.join(e['aliases'])}" if e["aliases"] else ""
        lines.append(f"{e['name']:<40} {e['label'] or '':<7} {e['mentions']:>4}x {cites}{also}")
    return "\n".join(lines) or "no entities"


TEXT_PARTS = {"sources": _text_sources, "timeline": _text_timeline,
              "conflicts": _text_conflicts, "entities": _text_entities}


def cmd_search(args: argparse.Namespace) -> int:
    """crosscheck search QUERY [-k N]"""
    from crosscheck.analyse import require_question
    from crosscheck.index import hybrid_search

    query = require_question(args.query)
    corpus = _open(args)
    view = corpus.view()
    numbers = view.source_number()
    for hit in hybrid_search(view.store, view.vectors, query, args.k):
        s = view.sentences[hit.sentence_id]
        print(f"[{numbers[s.doc_id]}] {s.doc_id}:{s.start}-{s.end}  {' '.join(s.text.split())}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """crosscheck extract PATH... [--show-removed | --jsonl]"""
    from crosscheck.api import extract

    failed = done = 0
    for item in extract(args.paths):
        done += 1
        if args.jsonl:
            print(json.dumps(item.to_dict(), ensure_ascii=False), flush=True)
            failed += item.error is not None
            continue
        if item.error is not None:
            print(f"{PROG}: {item.path}: {item.error}", file=sys.stderr)
            failed += 1
            continue
        print(f"==> {item.path} <==")
        if args.show_removed:
            for r in item.removed:
                span = " ".join(item.raw[r.start:r.end].split())
                detail = f" ({r.detail})" if r.detail else ""
                print(f"{r.start}-{r.end}\t{r.reason}{detail}\t{span}")
        else:
            print(item.text)
        print()
    return 1 if failed == done else 0


_QUESTION_LINE = re.compile(r"\*([^*]+\?)\*")


def _repo_examples() -> Path:
    return Path(__file__).resolve().parents[2] / "examples" / "neutrality-pact"


def cmd_demo(args: argparse.Namespace) -> int:
    """crosscheck demo: the sample corpus into a temporary store, briefs into --out."""
    from crosscheck.api import Corpus
    from crosscheck.render.html import brief_to_html

    corpus_dir = Path(args.corpus) if args.corpus else Path("examples/neutrality-pact")
    if not corpus_dir.is_dir() and not args.corpus:
        corpus_dir = _repo_examples()
    if not corpus_dir.is_dir():
        raise MissingPathError(str(corpus_dir))
    question = args.question or _readme_question(corpus_dir)
    out = Path(args.out)
    if not out.is_dir():
        raise MissingPathError(str(out))
    with tempfile.TemporaryDirectory(prefix="crosscheck-demo-") as tmp:
        store = args.store or str(Path(tmp) / "demo.db")
        with Corpus(settings=Settings.from_env(store=store)) as corpus:
            bars = _Bars(args.quiet)
            try:
                corpus.add([corpus_dir], progress=bars)
            finally:
                bars.close()
            brief = corpus.ask(question)
            raws = {d.id: d.raw for d in corpus.documents()}
    (out / "brief.md").write_text(brief.to_markdown(), encoding="utf-8")
    (out / "brief.html").write_text(brief_to_html(brief, raws=raws), encoding="utf-8")
    (out / "brief.json").write_text(brief.to_json(), encoding="utf-8")
    sys.stdout.write(brief.to_markdown())
    if not args.quiet:
        print(f"\nwrote {out / 'brief.md'}, {out / 'brief.html'}, {out / 'brief.json'}",
              file=sys.stderr)
    return 0


def _readme_question(corpus_dir: Path) -> str:
    """The research question a corpus README states in italics, if any."""
    for name in ("README.md", "readme.md", "README.txt"):
        readme = corpus_dir / name
        if readme.is_file():
            match = _QUESTION_LINE.search(readme.read_text(encoding="utf-8", errors="replace"))
            if match:
                return " ".join(match.group(1).split())
    raise UsageError(f"no question given and none found in {corpus_dir}/README.md: "
                     "pass --question")


def cmd_serve(args: argparse.Namespace) -> int:
    """crosscheck serve [--host H] [--port N]: the web UI over the store, until Ctrl-C."""
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port number (0-65535)")
    from crosscheck.web import serve

    serve(_settings(args), host=args.host, port=args.port)
    return 0


COMMANDS = {
    "add": cmd_add,
    "ask": cmd_ask,
    "sources": lambda a: _part(a, "sources"),
    "timeline": lambda a: _part(a, "timeline"),
    "conflicts": lambda a: _part(a, "conflicts"),
    "entities": lambda a: _part(a, "entities"),
    "search": cmd_search,
    "extract": cmd_extract,
    "demo": cmd_demo,
    "serve": cmd_serve,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

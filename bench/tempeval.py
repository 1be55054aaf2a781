"""TempEval-3 Task A (temporal expressions) on TimeML files: crosscheck's tagger against
published systems and the Python taggers a user would otherwise pick.

Usage::

    .venv/bin/python bench/tempeval.py [--data DIR] [--limit N] [--errors FILE] [--no-peers]

Scoring follows the TempEval-3 official scorer for Task A: strict P/R/F1 (exact span),
relaxed P/R/F1 (any overlap, each gold and system timex matched at most once), value and
type accuracy over the relaxed-matched pairs, and value-F1 = relaxed F1 x value accuracy.
The document-creation time (``functionInDocument="CREATION_TIME"``) is not scored; its
value is the ``anchor`` every tagger gets.

Peers (``dateparser``, Microsoft's ``recognizers-text-date-time``) are benchmark-only
extras, imported lazily and skipped with a note when missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from crosscheck.annotate.dates import tag_dates  # noqa: E402

#: Published TE3 test-set figures (UzZaman et al. 2013, Task A): relaxed F1, value F1.
PUBLISHED = {"HeidelTime (TE3 test)": (0.903, 0.776), "SUTime (TE3 test)": (0.903, 0.674)}


@dataclass(frozen=True, slots=True)
class Span:
    """A timex as offsets into a document's plain text, with its TIMEX3 value and type."""

    start: int
    end: int
    value: str
    type: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """One TimeML file: plain text of <TEXT>, gold timexes in it, and the creation date."""

    name: str
    text: str
    gold: tuple[Span, ...]
    anchor: str | None
    #: The sub-corpus (the folder the file sits in: TimeBank, AQUAINT).
    corpus: str = ""


def read_timeml(path: Path) -> TimeMLDoc:
    """Plain text and gold TIMEX3 spans of a TimeML file (offsets into the <TEXT> content)."""
    root = ET.parse(path).getroot()
    anchor = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            anchor = timex.get("value")
    body = root.find("TEXT")
    if body is None:
        return TimeMLDoc(path.name, "", (), anchor, path.parent.name)
    parts: list[str] = []
    gold: list[Span] = []
    offset = 0

    def walk(element: ET.Element) -> None:
        nonlocal offset
        if element.text:
            parts.append(element.text)
            offset += len(element.text)
        for child in element:
            start = offset
            walk(child)
            if child.tag == "TIMEX3":
                gold.append(Span(start, offset, child.get("value", ""), child.get("type", "")))
            if child.tail:
                parts.append(child.tail)
                offset += len(child.tail)

    walk(body)
    return TimeMLDoc(path.name, "".join(parts), tuple(gold), anchor, path.parent.name)


#: A gold timex and the system timex matched to it; None on the side that has none.
Pair = tuple[Span | None, Span | None]


@dataclass
class Tally:
    """Counts behind the TempEval-3 Task A figures."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    seconds: float = 0.0

    def add(self, gold: tuple[Span, ...], system: list[Span]) -> list[Pair]:
        """Score one document; return its (gold, system) pairs, unmatched ones with None."""
        self.gold += len(gold)
        self.system += len(system)
        pairs = match_one_to_one(gold, system)
        for g, s in pairs:
            if g is None or s is None:
                continue
            self.relaxed += 1
            self.strict += (g.start, g.end) == (s.start, s.end)
            self.value_ok += g.value == s.value
            self.type_ok += g.type == s.type
        return pairs

    def figures(self) -> dict[str, float]:
        """strict/relaxed P, R, F1; value and type accuracy; value-F1."""
        def prf(hit: int) -> tuple[float, float, float]:
            p = hit / self.system if self.system else 0.0
            r = hit / self.gold if self.gold else 0.0
            return p, r, 2 * p * r / (p + r) if p + r else 0.0

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        return {"strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp,
                "relaxed_r": rr, "relaxed_f1": rf, "value_acc": value_acc,
                "type_acc": type_acc, "value_f1": rf * value_acc}


def match_one_to_one(gold: tuple[Span, ...], system: list[Span]) -> list[Pair]:
    """Pair gold and system spans: exact spans first, then the largest overlaps."""
    candidates = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                candidates.append((not exact, -overlap, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs: list[Pair] = []
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((gold[i], system[j]))
    pairs += [(g, None) for i, g in enumerate(gold) if i not in used_g]
    pairs += [(None, s) for j, s in enumerate(system) if j not in used_s]
    return pairs


Tagger = Callable[[str, str | None], list[Span]]


def crosscheck_tagger(text: str, anchor: str | None) -> list[Span]:
    """crosscheck.annotate.dates.tag_dates."""
    return [Span(t.start, t.end, t.value, t.type) for t in tag_dates(text, anchor=anchor)]


def _anchor_datetime(anchor: str | None) -> dt.datetime:
    try:
        return dt.datetime.strptime((anchor or "")[:10], "%Y-%m-%d")
    except ValueError:
        return dt.datetime(2000, 1, 1)


def dateparser_tagger() -> Tagger | str:
    """dateparser.search.search_dates, with its own period guess for the granularity."""
    try:
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates
    except ImportError:
        return "dateparser not installed (.venv/bin/pip install dateparser)"
    period_parser = DateDataParser(languages=["en"])
    formats = {"year": "%Y", "month": "%Y-%m", "week": "%Y-%m-%d", "day": "%Y-%m-%d"}

    def tag(text: str, anchor: str | None) -> list[Span]:
        settings = {"RELATIVE_BASE": _anchor_datetime(anchor), "PREFER_DATES_FROM": "past"}
        found = search_dates(text, languages=["en"], settings=settings) or []
        spans: list[Span] = []
        cursor = 0
        for surface, when in found:
            start = text.find(surface, cursor)
            if start < 0:
                continue
            cursor = start + len(surface)
            data = period_parser.get_date_data(surface)
            period = data.period if data and data.period else "day"
            if period == "time":
                spans.append(Span(start, cursor, when.strftime("%Y-%m-%dT%H:%M"), "TIME"))
            else:
                value = when.strftime(formats.get(period, "%Y-%m-%d"))
                spans.append(Span(start, cursor, value, "DATE"))
        return spans

    return tag


def recognizers_tagger() -> Tagger | str:
    """Microsoft Recognizers-Text (datetimeV2), using the TIMEX it resolves to."""
    try:
        from recognizers_date_time import Culture, recognize_datetime
    except ImportError:
        return ("recognizers-text-date-time not installed or broken (.venv/bin/pip install "
                "recognizers-text-date-time 'emoji<1.0')")
    kinds = {"date": "DATE", "daterange": "DATE", "time": "TIME", "datetime": "TIME",
             "timerange": "TIME", "datetimerange": "TIME", "duration": "DURATION", "set": "SET"}

    def tag(text: str, anchor: str | None) -> list[Span]:
        spans: list[Span] = []
        reference = _anchor_datetime(anchor)
        for result in recognize_datetime(text, Culture.English, reference=reference):
            kind = result.type_name.rsplit(".", 1)[-1]
            values = (result.resolution or {}).get("values") or [{}]
            spans.append(Span(result.start, result.end + 1, _recognizers_value(values, reference),
                              kinds.get(kind, "DATE")))
        return spans

    return tag


def _recognizers_value(values: list[dict[str, str]], reference: dt.datetime) -> str:
    """A TIMEX3 value from recognizers' resolution: its timex, with an ``XXXX`` year or
    weekday filled from the resolved date nearest before the reference (as it resolves)."""
    timex = str(values[0].get("timex", ""))
    if timex.startswith("("):
        timex = timex[1:].split(",")[0]
    if "X" not in timex or timex.startswith("P"):
        return timex
    stamp = reference.strftime("%Y-%m-%d")
    resolved = [str(v.get("value") or v.get("start") or "") for v in values]
    past = [r for r in resolved if r and r[:10] <= stamp]
    chosen = (past[-1] if past else resolved[0])[:10]
    if not chosen[:4].isdigit():
        return timex
    if timex.startswith("XXXX-WXX") or timex.count("X") >= 6:
        return chosen + timex[10:] if "T" in timex else chosen
    return chosen[:4] + timex[4:]


def run(tagger: Tagger, docs: list[TimeMLDoc], errors: list[str] | None = None) -> Tally:
    """Tag every document, timing only the tagger, and score it."""
    tally = Tally()
    for doc in docs:
        began = time.perf_counter()
        system = sorted(tagger(doc.text, doc.anchor), key=lambda s: s.start)
        tally.seconds += time.perf_counter() - began
        pairs = tally.add(doc.gold, system)
        if errors is not None:
            errors += describe_errors(doc, pairs)
    return tally


def describe_errors(doc: TimeMLDoc, pairs: list[Pair]) -> list[str]:
    """One line per miss, false alarm, span or value mistake, for finding kinds of errors."""
    lines = []
    for g, s in pairs:
        if g and s and (g.start, g.end, g.value, g.type) == (s.start, s.end, s.value, s.type):
            continue
        ref = g or s
        assert ref is not None
        left = doc.text[max(0, ref.start - 40):ref.start].replace("\n", " ")
        right = doc.text[ref.end:ref.end + 25].replace("\n", " ")
        kind = "MISS" if s is None else "FALSE" if g is None else (
            "SPAN" if (g.start, g.end) != (s.start, s.end) else "VALUE")
        gold_text = f"{doc.text[g.start:g.end]!r} {g.type} {g.value}" if g else "-"
        sys_text = f"{doc.text[s.start:s.end]!r} {s.type} {s.value}" if s else "-"
        lines.append(f"{kind}\t{doc.name}\tanchor={doc.anchor}\tgold={gold_text}\tsys={sys_text}"
                     f"\t…{left}[{doc.text[ref.start:ref.end]}]{right}…")
    return lines


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the table and the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path,
                        default=REPO.parent / "shared/bench-data/tempeval3/TBAQ-cleaned")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--errors", type=Path, help="write crosscheck's errors here, one a line")
    parser.add_argument("--no-peers", action="store_true", help="skip dateparser and recognizers")
    args = parser.parse_args(argv)

    paths = sorted(args.data.rglob("*.tml"))
    if args.limit:
        paths = paths[:args.limit]
    if not paths:
        sys.exit(f"no .tml files under {args.data}; pass --data DIR (TimeBank/, AQUAINT/)")
    docs = [read_timeml(p) for p in paths]
    n_gold = sum(len(d.gold) for d in docs)
    print(f"TempEval-3 Task A on {len(docs)} TimeML files, {n_gold} gold TIMEX3 ({args.data})")

    errors: list[str] = []
    rows: list[tuple[str, dict[str, float] | None, str]] = []
    ours = run(crosscheck_tagger, docs, errors)
    rows.append(("crosscheck", ours.figures(), _speed(ours)))
    for corpus in sorted({d.corpus for d in docs}):
        part = run(crosscheck_tagger, [d for d in docs if d.corpus == corpus])
        rows.append((f"  crosscheck on {corpus}"[:28], part.figures(), f"{part.gold} gold"))
    notes: list[str] = []
    if not args.no_peers:
        for name, make in (("dateparser.search_dates", dateparser_tagger),
                           ("recognizers-text-date-time", recognizers_tagger)):
            tagger = make()
            if isinstance(tagger, str):
                notes.append(f"{name}: skipped, {tagger}")
                continue
            tally = run(tagger, docs)
            rows.append((name, tally.figures(), _speed(tally)))
    for name, (relaxed_f1, value_f1) in PUBLISHED.items():
        rows.append((name, {"relaxed_f1": relaxed_f1, "value_f1": value_f1}, "published"))

    print_table(rows)
    for note in notes:
        print("note:", note)
    print("note: published rows are on the TE3 platinum test set, not these files; "
          "same scorer definitions.")
    if args.errors:
        args.errors.write_text("\n".join(errors) + "\n")
        print(f"errors: {len(errors)} lines in {args.errors}")
    f = ours.figures()
    print(f"RESULT strict_f1={f['strict_f1']:.4f} relaxed_f1={f['relaxed_f1']:.4f} "
          f"value_acc={f['value_acc']:.4f} type_acc={f['type_acc']:.4f} "
          f"value_f1={f['value_f1']:.4f}")


def _speed(tally: Tally) -> str:
    rate = tally.gold / tally.seconds if tally.seconds else float("inf")
    return f"{rate:,.0f} timex/s"


def print_table(rows: list[tuple[str, dict[str, float] | None, str]]) -> None:
    """The comparison table; a dash where a figure was not published."""
    columns = ["strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
               "value_acc", "type_acc", "value_f1"]
    header = f"{'tagger':<28}" + "".join(f"{c:>11}" for c in columns) + f"{'speed':>18}"
    print(header)
    print("-" * len(header))
    for name, figures, speed in rows:
        cells = "".join(
            f"{figures[c]:>11.3f}" if figures and c in figures else f"{'-':>11}" for c in columns
        )
        print(f"{name:<28}{cells}{speed:>18}")


if __name__ == "__main__":
    main()

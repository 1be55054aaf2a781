"""Conflicts quality: the brief's conflicts scored against a reader's key, corpus by corpus.

Each key in ``bench/conflict_keys/`` names a corpus folder under ``--data``, its question,
the conflicts a careful reader finds there and the differences that are not conflicts
(precision only, unit conversions, agreed figures, different events). Each conflict and
non-conflict has two or more sides, each a list of [file prefix, snippet] pairs that state
it. The corpus is added to a fresh store, the question asked, and a brief value *holds* a
side when one of its quotes contains one of the side's snippets (whitespace-normalised,
case-folded) and comes from a file with that prefix:

- found: one brief conflict has two different values holding two different sides of a
  key conflict; recall is found / keyed (mean over corpora; per kind pooled over corpora);
- violated: one brief conflict has two different values holding two different sides of a
  non-conflict, unless those two values also hold opposite sides of a key conflict (one
  sentence can carry two figures: "25 ft high at 35 mph, killing 21 people");
  violations is violated / non-conflicts over all corpora;
- unkeyed: brief conflicts that find no key conflict (mean per corpus). Some may be right
  but unplanted, so each is printed for a reader to judge.

There is no published peer for this. The keys for the written corpora copy the planted
facts of their READMEs; the neutrality-pact key was written from reading its five pages.

    python bench/conflicts.py [--data examples] [--keys bench/conflict_keys] [--embedder minilm]

Last line: RESULT recall=… violations=… unkeyed=… recall_date=… recall_number=… recall_name=…
recall_claim=… (the corpora the engine was developed on) heldout_recall=… heldout_violated=…
(keys with "held_out": true)
"""

from __future__ import annotations

import html
import itertools
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from crosscheck.model import Brief, Conflict
from keyed import corpus_files, held_out, keyed_arguments, keyed_corpora, norm

KINDS = ("date", "number", "name", "claim")
Side = list[list[str]]  # [[file prefix, snippet], ...]


def check_snippets(key: dict[str, Any], folder: Path) -> None:
    """Exit loudly when a key snippet is not verbatim in a file with its prefix."""
    # HTML writes "—" as "&mdash;": compare with the characters the page shows.
    texts = {p.name: html.unescape(p.read_text(encoding="utf-8")) if p.suffix in (".html", ".htm")
             else p.read_text(encoding="utf-8") for p in corpus_files(folder)}
    missing = [(item["id"], prefix, snippet)
               for item in key["conflicts"] + key["not_conflicts"]
               for side in item["sides"] for prefix, snippet in side
               if not any(name.startswith(prefix) and snippet in text for name, text in texts.items())]
    if missing:
        for item_id, prefix, snippet in missing:
            print(f"{key['corpus']} {item_id}: not in any {prefix}* file: {snippet!r}", file=sys.stderr)
        sys.exit(f"{len(missing)} key snippet(s) not found verbatim; fix the key")


def held_sides(conflict: Conflict, sides: list[Side], file_of: dict[str, str]) -> list[set[int]]:
    """For each value of ``conflict``, the indices of the sides it holds."""
    return [{i for i, side in enumerate(sides)
             if any(file_of[e.source].startswith(prefix) and norm(snippet) in norm(e.quote)
                    for e in value.evidence for prefix, snippet in side)}
            for value in conflict.values]


def opposed(held: list[set[int]]) -> set[tuple[int, int]]:
    """Pairs of values (by index) that hold two different sides."""
    return {(a, b) for a, b in itertools.combinations(range(len(held)), 2)
            if any(i != j for i in held[a] for j in held[b])}


def score(brief: Brief, key: dict[str, Any], file_of: dict[str, str]) -> dict[str, Any]:
    """Found and violated key items, and the brief conflicts that find no key conflict."""
    found: set[str] = set()
    violated: set[str] = set()
    unkeyed: list[Conflict] = []
    for conflict in brief.conflicts:
        explained: set[tuple[int, int]] = set()
        for k in key["conflicts"]:
            pairs = opposed(held_sides(conflict, k["sides"], file_of))
            if pairs:
                found.add(k["id"])
                explained |= pairs
        if not explained:
            unkeyed.append(conflict)
        for n in key["not_conflicts"]:
            if opposed(held_sides(conflict, n["sides"], file_of)) - explained:
                violated.add(n["id"])
    return {"found": found, "violated": violated, "unkeyed": unkeyed}


def show(conflict: Conflict, file_of: dict[str, str]) -> None:
    print(f"    [{conflict.kind}] {conflict.topic[:70]} — {conflict.note[:70]}")
    for v in conflict.values:
        for e in v.evidence[:2]:
            print(f"        {v.value[:22]:<22} {file_of[e.source][:3]} {' '.join(e.quote.split())[:100]}")


def main() -> int:
    ap = keyed_arguments(__doc__, "conflict_keys")
    args = ap.parse_args()
    recalls: list[float] = []
    held: list[float] = []
    held_violated = 0
    unkeyed_counts: list[int] = []
    by_kind = {kind: [0, 0] for kind in KINDS}  # found, keyed
    violated = not_conflicts = 0
    for key, corpus in keyed_corpora(args.keys, args.data, args.embedder, check_snippets):
        started = time.perf_counter()
        brief = corpus.ask(key["question"])
        file_of = {s.id: Path(s.uri).name for s in brief.sources}
        result = score(brief, key, file_of)
        seconds = time.perf_counter() - started
        print(f"\n{key['corpus']}  ({len(brief.conflicts)} brief conflicts, {seconds:.1f}s)")
        for k in key["conflicts"]:
            hit = k["id"] in result["found"]
            if not held_out(key):
                by_kind[k["kind"]][0] += hit
                by_kind[k["kind"]][1] += 1
            print(f"  {'found ' if hit else 'MISSED'}    {k['id']:<14} {k['kind']:<7} {k['label']}")
        for n in key["not_conflicts"]:
            status = "VIOLATED" if n["id"] in result["violated"] else "ok      "
            print(f"  {status}  {n['id']:<14} {'':<7} {n['label']}")
        recall = len(result["found"]) / len(key["conflicts"])
        if held_out(key):
            held.append(recall)
            held_violated += len(result["violated"])
        else:
            recalls.append(recall)
            violated += len(result["violated"])
            not_conflicts += len(key["not_conflicts"])
            unkeyed_counts.append(len(result["unkeyed"]))
        print(f"  recall {len(result['found'])}/{len(key['conflicts'])}  violated "
              f"{len(result['violated'])}/{len(key['not_conflicts'])}  unkeyed {len(result['unkeyed'])}")
        for conflict in result["unkeyed"]:
            show(conflict, file_of)
    if not recalls and not held:
        print("no corpus found", file=sys.stderr)
        return 1
    kinds = " ".join(f"recall_{kind}={found / keyed:.4f}"
                     for kind, (found, keyed) in by_kind.items() if keyed)
    developed = (f"recall={statistics.mean(recalls):.4f} violations={violated / max(not_conflicts, 1):.4f} "
                 f"unkeyed={statistics.mean(unkeyed_counts):.4f} {kinds} ") if recalls else ""
    apart = (f"heldout_recall={statistics.mean(held):.4f} heldout_violated={held_violated}"
             if held else "")
    print(f"RESULT {developed}{apart}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())

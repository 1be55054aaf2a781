"""Reasons quality: the brief's reasons scored against a reader's key, corpus by corpus.

Each key in ``bench/reason_keys/`` names a corpus folder under ``--data``, its questions
(phrased more than one way) and the reasons a careful reader finds there, each with the
sentences (as snippets, with their file prefix) that give it. The corpus is added to a
fresh store with the MiniLM embedder, each question asked, and each brief reason
matched to the key reasons whose snippets its quotes contain:

- recall: key reasons found in some brief reason;
- precision: brief reasons that give some key reason;
- purity: of those, the share that give exactly one (two reasons in one are a merge);
- splits: extra brief reasons per found key reason (one reason shown twice, or given
  again inside a group that mixes it with another);
- repeats: the part of splits a reader sees as one reason shown twice: extra brief
  reasons per found key reason among the brief reasons that give that reason alone;
- lead: the first brief reason gives a key reason.

There is no published peer for this: no other tool groups reasons without an LLM. The keys
were written from reading the pages; the engine's settings were not fitted to them beyond
the quality gate's floors.

    python bench/reasons.py [--data examples] [--keys bench/reason_keys] [--embedder minilm]

Last line: RESULT recall=… precision=… purity=… splits=… repeats=… lead=… (means over the
questions of the corpora the engine was developed on) heldout_recall=… heldout_precision=…
heldout_lead=… (over the held-out corpora: keys with "held_out": true)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from crosscheck.model import Brief, Reason
from keyed import held_out, keyed_arguments, keyed_corpora, reasons_quoted


def gives(reason: Reason, key: dict[str, object], file_of: dict[str, str]) -> set[str]:
    """The ids of the key reasons whose snippets ``reason``'s quotes contain."""
    return set().union(*(reasons_quoted(key, file_of[e.source], e.quote) for e in reason.evidence))


def score(brief: Brief, key: dict[str, object], file_of: dict[str, str]) -> dict[str, float]:
    """Recall, precision, purity, splits and lead of ``brief`` against ``key``."""
    reasons = key["reasons"]
    assert isinstance(reasons, list)
    matched = [gives(r, key, file_of) for r in brief.reasons]
    giving = [m for m in matched if m]
    found_ids = set().union(*matched) if matched else set()
    return {
        "recall": len(found_ids) / len(reasons),
        "precision": len(giving) / len(matched) if matched else 0.0,
        "purity": sum(len(m) == 1 for m in giving) / len(giving) if giving else 0.0,
        "splits": sum(sum(k in m for m in matched) - 1 for k in found_ids) / max(len(found_ids), 1),
        "repeats": sum(max(sum(m == {k} for m in matched) - 1, 0) for k in found_ids)
        / max(len(found_ids), 1),
        "lead": float(bool(matched) and bool(matched[0])),
    }


def main() -> int:
    ap = keyed_arguments(__doc__, "reason_keys")
    ap.add_argument("--verbose", action="store_true",
                    help="print each brief reason, the key reasons it gives, and its quotes")
    args = ap.parse_args()
    rows, held = [], []
    for key, corpus in keyed_corpora(args.keys, args.data, args.embedder):
        file_of = {d.id: Path(d.uri).name for d in corpus.documents()}
        for question in key["questions"]:
            started = time.perf_counter()
            brief = corpus.ask(question)
            seconds = time.perf_counter() - started
            figures = score(brief, key, file_of)
            (held if held_out(key) else rows).append(figures)
            print(f"{key['corpus']:<16} " + " ".join(f"{k}={v:.2f}" for k, v in figures.items())
                  + f"  ask_s={seconds:.2f}  {question}")
            if args.verbose:
                for i, r in enumerate(brief.reasons, 1):
                    ids = ",".join(sorted(gives(r, key, file_of))) or "--"
                    print(f"  {i}. [{len(r.sources)} src] {ids:8s} {r.label[:100]}")
                    for e in r.evidence:
                        print(f"       {file_of[e.source][:3]} {' '.join(e.quote.split())[:100]}")
    if not rows and not held:
        print("no corpus found", file=sys.stderr)
        return 1
    means = {k: statistics.mean(r[k] for r in rows) for k in rows[0]} if rows else {}
    means |= {f"heldout_{k}": statistics.mean(r[k] for r in held)
              for k in ("recall", "precision", "lead")} if held else {}
    print("RESULT " + " ".join(f"{k}={v:.4f}" for k, v in means.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reason grouping against a reader's key: how the candidate sentences are clustered,
apart from which clusters are shown.

``bench/reasons.py`` scores the brief, where grouping and ranking act together: a better
grouping can still give a worse brief when other groups outrank the reasons. This bench
scores the grouping alone. For each question of each keyed corpus (``bench/reason_keys``)
it takes the engine's candidate pool, groups it as the engine does, and scores the groups
with B-cubed precision and recall over the pool sentences the key assigns to a reason
(a sentence that gives two reasons counts as right beside either):

- precision: per keyed sentence, the share of its group's keyed sentences that give one
  of its reasons (low: groups mix reasons);
- recall: per keyed sentence, the share of the sentences giving its reasons that sit in
  its group (low: one reason split over several groups, which the brief can show twice);
- f1: their harmonic mean (of the means).

``--full-weight W`` blends the whole sentences' vectors (beyond the topic) into the
engine's similarity with weight W, and ``--merge T`` sets the merge threshold: knobs to
measure other groupings against the engine's own (W = 0, T = the setting).

    python bench/grouping.py [--data examples] [--embedder minilm] [--full-weight 0] [--merge T]

Last line: RESULT precision=… recall=… f1=… (means over the development corpora's
questions) heldout_precision=… heldout_recall=… heldout_f1=… (over the held-out ones)
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from crosscheck.analyse import copy_groups
from crosscheck.analyse import reasons as R
from keyed import held_out, keyed_arguments, keyed_corpora, reasons_quoted


def bcubed(clusters: Sequence[Sequence[int]], keys: Sequence[frozenset[str]]) -> tuple[float, float]:
    """B-cubed precision and recall of ``clusters`` (lists of item indices) over the items
    with a key reason; two items agree when they share a key reason."""
    group = {i: g for g, members in enumerate(clusters) for i in members}
    keyed = [i for i in group if keys[i]]
    if not keyed:
        return 0.0, 0.0
    precision, recall = [], []
    for i in keyed:
        together = [j for j in keyed if group[j] == group[i]]
        agreeing = [j for j in keyed if keys[j] & keys[i]]
        both = sum(1 for j in together if keys[j] & keys[i])
        precision.append(both / len(together))
        recall.append(both / len(agreeing))
    return statistics.mean(precision), statistics.mean(recall)


def main() -> int:
    ap = keyed_arguments(__doc__, "reason_keys")
    ap.add_argument("--full-weight", type=float, default=0.0,
                    help="weight of whole-sentence vectors blended into the similarity")
    ap.add_argument("--merge", type=float, default=None, help="merge threshold (default: the setting)")
    args = ap.parse_args()
    rows: list[dict[str, float]] = []
    held: list[dict[str, float]] = []
    for key, corpus in keyed_corpora(args.keys, args.data, args.embedder):
        view, settings = corpus.view(), corpus.settings
        file_of = {d.id: Path(d.uri).name for d in corpus.documents()}
        threshold = settings.reason_merge if args.merge is None else args.merge
        for question in key["questions"]:
            pool = R.candidates(view, question, settings, copy_groups(view),
                                keep=settings.retrieve_k // 2)
            ids = [c.sentence_id for c in pool]
            sim = R.similarity(view, ids, question)
            if args.full_weight:
                full = R._beyond_topic(view, view.vector_matrix(ids), question)
                sim = (1 - args.full_weight) * sim + args.full_weight * (full @ full.T)
            clusters = R.agglomerate_matrix(sim, threshold)
            keys = [frozenset(reasons_quoted(key, file_of[view.sentences[i].doc_id], view.sentences[i].text))
                    for i in ids]
            p, r = bcubed(clusters, keys)
            figures = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
            (held if held_out(key) else rows).append(figures)
            print(f"{key['corpus']:<16} " + " ".join(f"{k}={v:.2f}" for k, v in figures.items())
                  + f"  groups={len(clusters)}  {question}")
    if not rows and not held:
        print("no corpus found", file=sys.stderr)
        return 1
    means = {k: statistics.mean(r[k] for r in rows) for k in rows[0]} if rows else {}
    means |= {f"heldout_{k}": statistics.mean(r[k] for r in held) for k in held[0]} if held else {}
    print("RESULT " + " ".join(f"{k}={v:.4f}" for k, v in means.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

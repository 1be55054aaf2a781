"""Alias merging: the corpus's entities scored against a reader's key, corpus by corpus.

Each key in ``bench/alias_keys/`` names a corpus folder under ``--data``, its alias groups
(surface forms the pages write for one entity) and its distinct sets (forms no two of which
may share an entity: "Eastern Settlement" / "Western Settlement", two people with one given
name). The corpus is added to a fresh store and every entity merged as the quality gate
does (``merge_entities(view, limit=1000, same=...)``, see tests/test_quality.py). A form
is in an entity when it equals the entity's name or one of its aliases (case-folded, dashes
unified, a trailing period and a leading "the" ignored):

- pair_recall: per group, the share of its form pairs that share an entity, then the mean
  over all groups; a form found in no entity misses all its pairs (such forms are printed);
- complete: the share of groups with all their forms in one entity;
- wrong_merges: pairs of key groups, or of forms of one distinct set, that share an entity
  (counted once per pair, however many forms of each the entity holds).

There is no published peer for this. The keys for the written corpora copy the alias groups
of their READMEs; the neutrality-pact key was written from reading its five pages.

    python bench/aliases.py [--data examples] [--keys bench/alias_keys] [--embedder minilm]

Last line: RESULT pair_recall=… complete=… wrong_merges=… (the corpora the engine was
developed on) heldout_pair_recall=… heldout_wrong_merges=… (keys with "held_out": true)
"""

from __future__ import annotations

import itertools
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from crosscheck.analyse.entities import merge_entities
from crosscheck.analyse.names import name_conflicts
from crosscheck.api import Corpus
from crosscheck.model import Entity
from keyed import corpus_files, held_out, keyed_arguments, keyed_corpora

_DASHES = re.compile(r"[‐-―−]")


def _form(text: str) -> str:
    text = " ".join(_DASHES.sub("-", text.replace("’", "'")).split()).casefold().rstrip(".")
    return text[4:] if text.startswith("the ") else text


def check_forms(key: dict[str, Any], folder: Path) -> None:
    """Exit loudly when a key form is not verbatim in any file of the corpus."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in corpus_files(folder))
    missing = [f for item in key["groups"] + key["distinct"] for f in item["forms"] if f not in text]
    if missing:
        sys.exit(f"{key['corpus']}: key form(s) not verbatim in any file: {missing}; fix the key")


def all_entities(corpus: Corpus) -> list[Entity]:
    """Every entity of the corpus, merged as the quality gate merges them."""
    view = corpus.view()
    _, same_people = name_conflicts(view, view.sentences)
    return merge_entities(view, limit=1000, same=same_people)


def score(entities: list[Entity], key: dict[str, Any]) -> dict[str, Any]:
    """Per-group pair share and completeness, forms found nowhere, and wrong merges."""
    names = [{_form(n) for n in (e.name, *e.aliases)} for e in entities]
    known = set().union(*names) if names else set()
    groups = []
    for g in key["groups"]:
        forms = [_form(f) for f in g["forms"]]
        pairs = list(itertools.combinations(forms, 2))
        hits = sum(any({a, b} <= n for n in names) for a, b in pairs)
        groups.append({"id": g["id"], "pairs": hits / len(pairs), "hits": hits, "total": len(pairs),
                       "complete": any(set(forms) <= n for n in names),
                       "absent": [f for f in g["forms"] if _form(f) not in known],
                       "split": [sorted(f for f in g["forms"] if _form(f) in n) for n in names
                                 if any(_form(f) in n for f in g["forms"])]})
    unit_of = {_form(f): g["id"] for g in key["groups"] for f in g["forms"]}
    group_ids = set(unit_of.values())
    forbidden = {frozenset((unit_of.get(_form(a), a), unit_of.get(_form(b), b)))
                 for d in key["distinct"] for a, b in itertools.combinations(d["forms"], 2)}
    distinct_units = {u for pair in forbidden for u in pair}
    wrong: dict[frozenset[str], str] = {}
    for entity, n in zip(entities, names, strict=True):
        units = {unit_of[f] for f in n if f in unit_of}
        units |= {u for u in distinct_units if u not in group_ids and _form(u) in n}
        for a, b in itertools.combinations(sorted(units), 2):
            pair = frozenset((a, b))
            if pair in forbidden or (a in group_ids and b in group_ids):
                wrong.setdefault(pair, entity.name)
    return {"groups": groups, "wrong": wrong}


def main() -> int:
    ap = keyed_arguments(__doc__, "alias_keys")
    args = ap.parse_args()
    groups: list[dict[str, Any]] = []
    held: list[dict[str, Any]] = []
    wrong_merges = held_wrong = 0
    for key, corpus in keyed_corpora(args.keys, args.data, args.embedder, check_forms):
        started = time.perf_counter()
        entities = all_entities(corpus)
        result = score(entities, key)
        print(f"\n{key['corpus']}  ({len(entities)} entities, {time.perf_counter() - started:.1f}s)")
        for g in result["groups"]:
            split = " | ".join(", ".join(s) for s in g["split"]) or "none"
            status = "complete" if g["complete"] else "split   "
            print(f"  {status}  {g['id']:<20} pairs {g['hits']}/{g['total']}"
                  + ("" if g["complete"] else f"  entities: {split}")
                  + (f"  not a name: {', '.join(g['absent'])}" if g["absent"] else ""))
        for pair, entity in result["wrong"].items():
            print(f"  WRONG MERGE  {' + '.join(sorted(pair))}  in entity {entity!r}")
        corpus_groups = result["groups"]
        print(f"  pair_recall {statistics.mean(g['pairs'] for g in corpus_groups):.2f}  "
              f"complete {sum(g['complete'] for g in corpus_groups)}/{len(corpus_groups)}  "
              f"wrong_merges {len(result['wrong'])}")
        if held_out(key):
            held += corpus_groups
            held_wrong += len(result["wrong"])
        else:
            groups += corpus_groups
            wrong_merges += len(result["wrong"])
    if not groups and not held:
        print("no corpus found", file=sys.stderr)
        return 1
    developed = (f"pair_recall={statistics.mean(g['pairs'] for g in groups):.4f} "
                 f"complete={statistics.mean(float(g['complete']) for g in groups):.4f} "
                 f"wrong_merges={wrong_merges} ") if groups else ""
    apart = (f"heldout_pair_recall={statistics.mean(g['pairs'] for g in held):.4f} "
             f"heldout_wrong_merges={held_wrong}") if held else ""
    print(f"RESULT {developed}{apart}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())

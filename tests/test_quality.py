"""Quality gate: floors on what the analysis finds in the bundled corpora.

The sample corpus (real pages) and the second corpus (written for this purpose, on an
unrelated topic, with its planted facts listed in examples/molasses-flood/README.md) are
both analysed with the real MiniLM model; reasons, conflicts and aliases are also scored
against the reader's keys of all four corpora (bench/reason_keys, bench/conflict_keys,
bench/alias_keys; two more written corpora: examples/greenland-norse, examples/tay-bridge),
with the bench scripts' own scoring.
Each assertion is a floor that the engine reaches today; a change that loses a reason, a
conflict or an alias merge fails CI.
Precision is gated too: values that merely differ in precision or in units must not
conflict, and the number of claim contradictions is capped.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest
from tests.conftest import ROOT

from crosscheck.api import Corpus
from crosscheck.model import Brief, Conflict, Entity

SECOND = ROOT / "examples" / "molasses-flood"
BENCH = ROOT / "bench"
KEYS = BENCH / "reason_keys"


def _bench(name: str) -> ModuleType:
    """A bench script as a module, so the gate scores exactly as the benchmark does."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # the benches share bench/keyed.py
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _readme_question(folder_readme: str) -> str:
    match = re.search(r"\*([^*]+\?)\*", folder_readme)
    assert match, "the corpus README states its question in italics"
    return " ".join(match.group(1).split())


@pytest.fixture(scope="module")
def second_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    corpus = Corpus(tmp_path_factory.mktemp("second") / "second.db", embedder="minilm")
    corpus.add([SECOND], workers=1)
    yield corpus
    corpus.close()


@pytest.fixture(scope="module")
def second_brief(second_corpus: Corpus) -> Brief:
    return second_corpus.ask(_readme_question((SECOND / "README.md").read_text(encoding="utf-8")))


def _all_entities(corpus: Corpus) -> list[Entity]:
    """Every entity of the corpus (the brief shows only the most attested)."""
    entities: list[Entity] = _bench("aliases").all_entities(corpus)
    return entities


@pytest.fixture(scope="module")
def sample_entities(sample_corpus: Corpus) -> list[Entity]:
    return _all_entities(sample_corpus)


@pytest.fixture(scope="module")
def second_entities(second_corpus: Corpus) -> list[Entity]:
    return _all_entities(second_corpus)


def _file_number(brief: Brief, prefix: str) -> str:
    return next(s.id for s in brief.sources if s.uri.rsplit("/", 1)[-1].startswith(prefix))


def _values(conflict: Conflict) -> set[str]:
    return {v.value for v in conflict.values}


def _together(entities: list[Entity], *names: str) -> bool:
    """True when one entity carries all these names (as its name or aliases)."""
    return any({n.casefold() for n in names} <= {x.casefold() for x in (e.name, *e.aliases)}
               for e in entities)


# -- the sample corpus ---------------------------------------------------------------------

def test_sample_reasons_floor(sample_brief: Brief) -> None:
    reasons = sample_brief.reasons
    assert len(reasons) >= 6
    assert len(reasons[0].sources) >= 3
    leading = " ".join(e.quote for r in reasons[:2] for e in r.evidence).lower()
    assert "fear" in leading or "afraid" in leading
    assert [r.score for r in reasons] == sorted((r.score for r in reasons), reverse=True)
    quotes = [(e.source, e.start) for r in reasons for e in r.evidence]
    assert len(quotes) == len(set(quotes)), "a quote backs two reasons"


def test_sample_conflicts_floor(sample_brief: Brief) -> None:
    dates = [c for c in sample_brief.conflicts if c.kind == "date"]
    assert any({"1941-04-13", "1941-04-22"} <= _values(c) for c in dates)
    assert any({"1945-08-08", "1945-08-09"} <= _values(c) and "time-zone" in c.note for c in dates)
    names = [c for c in sample_brief.conflicts if c.kind == "name"]
    assert any({"Yosuke Matsuoka", "Yoshihiro Matsuoka"} <= _values(c) for c in names)
    assert sum(c.kind == "claim" for c in sample_brief.conflicts) <= 2


def test_sample_aliases_floor(sample_entities: list[Entity]) -> None:
    assert _together(sample_entities, "Khalkhin Gol", "Khalkin Gol", "Khailkhin Gol",
                     "Battle of Khalkin Gol", "Khalkingol River")
    # one battle under its Japanese-derived and its Mongolian names, tied by year and sides
    assert _together(sample_entities, "Battle of Nomenkan", "Battle of Normenkan",
                     "Battle of Surino Menkan", "Khalkhin Gol", "Battle of Khalkin Gol")
    assert _together(sample_entities, "Stalin", "Joseph Stalin")
    assert _together(sample_entities, "Hitler", "Adolf Hitler")
    assert _together(sample_entities, "Yosuke Matsuoka", "Yoshihiro Matsuoka")
    assert sum(1 for e in sample_entities if e.aliases) >= 10
    assert not _together(sample_entities, "Soviet Union", "Japan")


# -- the second corpus (planted facts: examples/molasses-flood/README.md) -------------------

def test_second_date_conflict_and_precision(second_brief: Brief) -> None:
    dates = [c for c in second_brief.conflicts if c.kind == "date"]
    day = next(c for c in dates if {"1919-01-15", "1919-01-25"} <= _values(c))  # C1
    minority = next(v for v in day.values if v.value == "1919-01-25")
    assert minority.sources == (_file_number(second_brief, "02_"),)
    assert not any("1919-01" in _values(c) for c in dates)  # C2: precision only


def test_second_number_conflicts(second_brief: Brief) -> None:
    numbers = [c for c in second_brief.conflicts if c.kind == "number"]
    assert any({"12", "21"} <= _values(c) for c in numbers)  # C3
    durations = [c for c in numbers if c.topic == "duration"]
    assert any(any("six months" in v for v in _values(c)) for c in durations)  # C5
    # C4: feet against metres, mph against km/h are conversions, not conflicts; and
    # figures given side by side (dead and injured, height and width) are not one thing.
    for c in numbers:
        assert not {"21", "150"} <= _values(c) and not {"50", "90"} <= _values(c)
        assert not re.search(r"met(er|re)|km|lit(er|re)", c.topic)


def test_second_name_and_claim_conflicts(second_brief: Brief) -> None:
    names = [c for c in second_brief.conflicts if c.kind == "name"]
    assert any({"Arthur Jell", "Albert Jell"} <= _values(c) for c in names)  # C6
    assert not any("Square" in c.topic for c in names)  # a spelling variant is an alias
    claims = [c for c in second_brief.conflicts if c.kind == "claim"]
    assert any("bombed" in c.topic for c in claims)  # C7
    assert len(claims) <= 2


def test_second_aliases(second_entities: list[Entity]) -> None:
    assert _together(second_entities, "Keany Square", "Keaney Square", "Keeney Square")
    assert _together(second_entities, "Great Molasses Flood", "Boston Molasses Disaster")
    assert _together(second_entities, "Isaac Gonzales", "Isaac Gonzalez")
    assert _together(second_entities, "USIA", "United States Industrial Alcohol",
                     "U.S. Industrial Alcohol")
    assert _together(second_entities, "Jell", "Arthur Jell", "Albert Jell", "Arthur P. Jell")
    assert _together(second_entities, "Ogden", "Hugh Ogden", "Hugh W. Ogden")
    assert _together(second_entities, "Purity Distilling", "Purity Distilling Company")
    assert not any(e.name in ("Tags", "Children", "History", "None") for e in second_entities)


def test_second_reasons(second_brief: Brief) -> None:
    reasons = second_brief.reasons
    assert len(reasons) >= 5
    text = [" ".join(e.quote for e in r.evidence).lower() for r in reasons]
    # R1 (too thin), R2 (untested, leaking), R3 (warming). R1 was first until the
    # grouping was measured on four corpora; on this phrasing it is now 4th (see README).
    for cue in ("too thin", "leak", "warm"):
        assert any(cue in t for t in text), cue


def test_second_mirror_counted_once(second_brief: Brief) -> None:
    blog, mirror = (next(s for s in second_brief.sources if s.uri.endswith(name))
                    for name in ("05_blog.md", "06_blog_mirror.txt"))
    assert blog.group == mirror.group


def test_second_quotes_are_verbatim(second_brief: Brief, second_corpus: Corpus) -> None:
    raws = {d.id: d.raw for d in second_corpus.documents()}
    evidence = [e for r in second_brief.reasons for e in r.evidence]
    evidence += [e for c in second_brief.conflicts for v in c.values for e in v.evidence]
    evidence += [e for t in second_brief.timeline for e in t.evidence]
    assert evidence
    for e in evidence:
        assert raws[e.source][e.start:e.end] == e.quote


def test_second_debris_removed_facts_kept(second_corpus: Corpus) -> None:
    docs = {d.uri.rsplit("/", 1)[-1][:2]: d for d in second_corpus.documents()}

    def removed(doc_key: str, reason: str) -> str:
        d = docs[doc_key]
        return " ".join(d.raw[r.start:r.end] for r in d.removals if r.reason == reason)

    assert "CityStay Deals" in removed("02", "spam")
    assert "reminder that disasters can come" in removed("01", "duplicate")
    furniture = {"01": ["5 min read", "Comments (12)", "Categories: History"],
                 "03": ["Upvote:3", "asked 4 years ago", "Related post"],
                 "04": ["TheInfoList", "last modified"], "05": ["7 min read", "Comments (12)"],
                 "06": ["By admin", "Share this"]}
    for key, lines in furniture.items():
        for line in lines:
            assert line in removed(key, "boilerplate"), (key, line)
    for key, d in docs.items():  # no removal cuts into a planted reason or conflict
        for r in d.removals:
            text = d.raw[r.start:r.end]
            assert "too thin" not in text and "killing" not in text and "bombed" not in text, key


# -- reasons against a reader's key (bench/reason_keys, scored in full by bench/reasons.py) --

def _key_recall_precision(brief: Brief, key_name: str) -> tuple[float, float]:
    """Share of the key's reasons some brief reason gives, and of brief reasons giving one
    (scored by bench/reasons.py, so the gate and the benchmark match quotes one way)."""
    bench = _bench("reasons")
    key = json.loads((KEYS / key_name).read_text(encoding="utf-8"))
    file_of = {s.id: s.uri.rsplit("/", 1)[-1] for s in brief.sources}
    figures = bench.score(brief, key, file_of)
    return figures["recall"], figures["precision"]


def test_sample_reasons_against_the_key(sample_brief: Brief) -> None:
    """Five of the seven key reasons at least (six today: all but Japan tied down in
    China). The last places are near ties ("going south" comes in at place 6 and again
    in a mixed group at place 8), so the floor leaves one reason's room; the mean over
    every keyed run is gated below."""
    recall, precision = _key_recall_precision(sample_brief, "neutrality-pact.json")
    assert recall >= 0.7 and precision >= 0.7, (recall, precision)


def test_second_reasons_against_the_key(second_brief: Brief) -> None:
    recall, precision = _key_recall_precision(second_brief, "molasses-flood.json")
    assert recall >= 0.8 and precision >= 0.7, (recall, precision)


#: Keyed corpora written after the engine was developed, to measure it on a topic it was
#: not fitted to (``"held_out": true`` in their keys); their floors sit at today's figures.
HELD_OUT = frozenset(key["corpus"] for key in (json.loads(p.read_text(encoding="utf-8"))
                                                for p in KEYS.glob("*.json"))
                     if _bench("keyed").held_out(key))


@pytest.fixture(scope="module")
def keyed_corpora(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Corpus]]:
    """A store of each bundled corpus that has a reader's key (MiniLM, as the benches)."""
    corpora = {}
    for key_path in sorted(KEYS.glob("*.json")):
        name = json.loads(key_path.read_text(encoding="utf-8"))["corpus"]
        folder = ROOT / "examples" / name
        corpus = Corpus(tmp_path_factory.mktemp(name) / "store.db", embedder="minilm")
        corpus.add(_bench("keyed").corpus_files(folder), workers=1)
        corpora[name] = corpus
    yield corpora
    for corpus in corpora.values():
        corpus.close()


@pytest.fixture(scope="module")
def every_key(keyed_corpora: dict[str, Corpus]) -> list[tuple[str, float, float]]:
    """(run, recall, precision) for every bundled corpus with a key, each question."""
    runs = []
    for key_path in sorted(KEYS.glob("*.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        corpus = keyed_corpora[key["corpus"]]
        for question in key["questions"]:
            recall, precision = _key_recall_precision(corpus.ask(question), key_path.name)
            runs.append((f"{key['corpus']}: {question}", recall, precision))
    return runs


def test_conflicts_on_every_keyed_corpus(keyed_corpora: dict[str, Corpus]) -> None:
    """bench/conflicts.py's keys: planted conflicts found on all four corpora the engine
    was developed on (the sample's battle dated 1937 by one source and 1939 by another
    among them; a year miscopied within one source; a claim reported and rejected), a
    floor at today's figure on the corpus written later as held-out, and no listed
    non-conflict (precision only, units, agreed figures) reported on any."""
    bench = _bench("conflicts")
    recalls, violated = {}, []
    for key_path in sorted((BENCH / "conflict_keys").glob("*.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        brief = keyed_corpora[key["corpus"]].ask(key["question"])
        file_of = {s.id: s.uri.rsplit("/", 1)[-1] for s in brief.sources}
        result = bench.score(brief, key, file_of)
        recalls[key["corpus"]] = len(result["found"]) / len(key["conflicts"])
        violated += [(key["corpus"], v) for v in sorted(result["violated"])]
    assert violated == []
    developed = {c: r for c, r in recalls.items() if c not in HELD_OUT}
    assert sum(developed.values()) / len(developed) >= 0.85, recalls
    assert recalls["neutrality-pact"] == 1.0 and min(developed.values()) >= 0.8, recalls
    # Held-out, at today's figures (README: held-out corpora): 5, 6, 5 and 6 of 9.
    assert recalls["vasa-ship"] >= 0.5 and recalls["tulip-mania"] >= 0.6, recalls
    assert recalls["johnstown-flood"] >= 0.5 and recalls["london-fire"] >= 0.6, recalls


def test_aliases_on_every_keyed_corpus(keyed_corpora: dict[str, Corpus]) -> None:
    """bench/aliases.py's keys: variant names merged on all four corpora, and no two
    things a key keeps apart ("Eastern X" / "Western X") in one entity."""
    bench = _bench("aliases")
    pairs, held_out, wrong = [], [], []
    for key_path in sorted((BENCH / "alias_keys").glob("*.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        result = bench.score(bench.all_entities(keyed_corpora[key["corpus"]]), key)
        (held_out if key["corpus"] in HELD_OUT else pairs).extend(g["pairs"] for g in result["groups"])
        wrong += [(key["corpus"], sorted(w)) for w in result["wrong"]]
    assert wrong == [], wrong
    assert sum(pairs) / len(pairs) >= 0.65
    assert sum(held_out) / len(held_out) >= 0.65


def test_reasons_on_every_keyed_corpus(every_key: list[tuple[str, float, float]]) -> None:
    """Four corpora on four topics, two phrasings each (bench/reasons.py prints the same
    figures): floors on the mean and on every run, so a change fitted to one corpus that
    loses reasons on another fails."""
    developed = [run for run in every_key if run[0].split(":")[0] not in HELD_OUT]
    assert len(developed) >= 8
    recall = sum(r for _, r, _ in developed) / len(developed)
    precision = sum(p for _, _, p in developed) / len(developed)
    assert recall >= 0.8 and precision >= 0.8, (recall, precision)
    for run, r, p in developed:
        assert r >= 0.7 and p >= 0.6, (run, r, p)
    held_out = [run for run in every_key if run[0].split(":")[0] in HELD_OUT]
    recall = sum(r for _, r, _ in held_out) / len(held_out)
    precision = sum(p for _, _, p in held_out) / len(held_out)
    assert recall >= 0.55 and precision >= 0.75, (recall, precision)  # today: 0.60 / 0.83
    for run, r, p in held_out:
        assert r >= 0.45 and p >= 0.6, (run, r, p)


def test_grouping_bench_scores_split_and_mixed_groups() -> None:
    """bench/grouping.py's B-cubed: a reason split over two groups loses recall, a group
    that mixes two reasons loses precision, and sentences with no key reason are left out."""
    bcubed = _bench("grouping").bcubed
    keys = [frozenset({"A"}), frozenset({"A"}), frozenset({"B"}), frozenset()]
    assert bcubed([[0, 1], [2], [3]], keys) == (1.0, 1.0)
    precision, recall = bcubed([[0], [1], [2, 3]], keys)
    assert precision == 1.0 and recall == pytest.approx((0.5 + 0.5 + 1.0) / 3)
    precision, recall = bcubed([[0, 1, 2, 3]], keys)
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3) and recall == 1.0

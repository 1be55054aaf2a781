"""Analysis building blocks on small hand-made inputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from crosscheck.analyse.dates import parse_value
from crosscheck.analyse.entities import acronym, normalise_name
from crosscheck.analyse.numbers import same_figure
from crosscheck.analyse.reasons import agglomerate, question_kind
from crosscheck.api import Corpus


def test_date_values_compare_at_shared_granularity() -> None:
    day13, day22 = parse_value("1941-04-13"), parse_value("1941-04-22")
    month, season = parse_value("1941-04"), parse_value("1939-FA")
    decade, time = parse_value("194X"), parse_value("1945-08-08T23:59")
    assert day13 and day22 and month and season and decade and time
    assert not day13.compatible(day22)
    assert month.compatible(day13) and month.compatible(day22)
    assert decade.compatible(day13) and not season.compatible(month)
    assert time.granularity == "time" and day13.gap_days(day22) == 9
    assert parse_value("P2W") is None and parse_value("PRESENT_REF") is None


def test_agglomerate_keeps_distinct_groups_apart() -> None:
    a = np.array([[1, 0, 0], [0.95, 0.05, 0], [0, 1, 0], [0, 0.97, 0.03]], dtype=np.float32)
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    clusters = sorted(sorted(c) for c in agglomerate(a, 0.8))
    assert clusters == [[0, 1], [2, 3]]


def test_names_normalise_and_acronyms() -> None:
    assert normalise_name("The Soviet–Japanese Pact") == "soviet japanese pact"
    assert acronym("Union of Soviet Socialist Republics") == "ussr"


def test_rounding_is_not_a_conflict() -> None:
    assert same_figure(18000, 18500) and same_figure(1.5e6, 1_500_000)
    assert not same_figure(600000, 1_500_000)


def test_question_kinds() -> None:
    assert question_kind("Why did it happen?") == "why"
    assert question_kind("  When was it signed?") == "when"
    assert question_kind("Tell me about it") == "other"


PLANTED = {
    "a.txt": "The Harbor Accord was signed on March 3, 1921 in Lisbon by both envoys. "
             "Envoy Maria Duarte led the talks because the fishing dispute threatened trade.",
    "b.txt": "The Harbor Accord was signed on March 9, 1921 in Lisbon by both envoys. "
             "Duarte pressed for the deal due to fears that the fishing dispute would spread.",
    "c.txt": "The Harbor Accord was signed on March 3, 1921 in Lisbon. "
             "Trade fears over the fishing dispute made both sides decide to settle.",
}


def test_planted_date_conflict_and_alias(tmp_path: Path) -> None:
    for name, text in PLANTED.items():
        (tmp_path / name).write_text(text)
    with Corpus(tmp_path / "s.db", embedder="minilm") as corpus:
        corpus.add([tmp_path], workers=1)
        brief = corpus.ask("Why was the Harbor Accord signed?")
    conflict = next(c for c in brief.conflicts if c.kind == "date")
    values = {v.value: len(v.sources) for v in conflict.values}
    assert values == {"1921-03-03": 2, "1921-03-09": 1}
    assert "2 sources give 1921-03-03" in conflict.note
    duarte = next(e for e in brief.entities if e.name in ("Maria Duarte", "Duarte"))
    assert {duarte.name, *duarte.aliases} == {"Maria Duarte", "Duarte"}
    assert brief.reasons and len(brief.reasons[0].sources) >= 2

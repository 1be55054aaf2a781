"""Conflicts that sources word differently: one happening dated in clauses that say the
same while the rest of the sentences differ, a year against a finer date, figures in two
units of one measure, counts of the dead and of a crew, figures written with European
thousands marks, and a figure outside the question's sentences (all texts invented).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.test_numbers import _by_source, _numbers, _survey

from crosscheck.analyse.dates import DateSpan, parse_value
from crosscheck.analyse.numbers import interval, number_conflicts
from crosscheck.analyse.timeline import _disagree, _next_days
from crosscheck.annotate.numbers import tag_numbers
from crosscheck.api import Corpus
from crosscheck.model import Brief, Conflict
from crosscheck.settings import Settings

#: A harbour log of many sentences on other matters, so that a word three sentences of a
#: test hold weighs as it would in a real corpus (idf ≈ 3).
HARBOUR_LOG = " ".join(
    f"The {colour} {boat} came back to the {quay} with {catch}."
    for colour in ("red", "blue", "green", "black", "white")
    for boat in ("trawler", "smack", "dinghy", "lugger")
    for quay in ("north quay", "old slip", "stone pier")
    for catch in ("herring", "cod"))


def _surveyed(tmp_path: Path, files: dict[str, str]) -> Brief:
    """The survey of ``files`` with a filler source and the harbour log."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    return _survey(tmp_path, {**files, "y_log.txt": HARBOUR_LOG})


def _dates(brief: Brief) -> list[Conflict]:
    return [c for c in brief.conflicts if c.kind == "date"]


def _date_sets(brief: Brief) -> list[set[str]]:
    return [{v.value for v in c.values} for c in _dates(brief)]


# -- dates -----------------------------------------------------------------------------------

ONE_FALL_TWO_DAYS = {
    "a.txt": "On 4 June 1852 the great bell fell from the old tower of Tarvik church, and within "
             "a week the bishop sent masons from the coast.",
    "b.txt": "The old tower of Tarvik church lost its great bell on 4 June 1852, when the bell "
             "fell through the rotten beams and nobody was hurt.",
    "c.txt": "Then on 14 June 1852, late in the evening, the great bell fell from the old tower "
             "and the whole town of Tarvik came running.",
}


def test_clauses_that_say_the_same_date_one_happening(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """c.txt reads only fairly like a.txt (cosine ≈ 0.62 with the hash embedder), but the
    clauses the two dates stand in say the same in rare words ("bell", "fell", "tower";
    c.txt's fronted date dates the clauses after it): one fall dated two ways. Without
    that rule the sentences are too unlike to be called one happening."""
    brief = _surveyed(tmp_path / "with", ONE_FALL_TWO_DAYS)
    assert _date_sets(brief) == [{"1852-06-04", "1852-06-14"}]

    monkeypatch.setattr("crosscheck.analyse.timeline.CLAUSE_WORDS", 99)
    monkeypatch.setattr("crosscheck.analyse.timeline.CLAUSE_WEIGHT", 99.0)
    assert _dates(_surveyed(tmp_path / "without", ONE_FALL_TWO_DAYS)) == []


CROWNED_IN_A_YEAR = {
    "a.txt": "Queen Maren of Tarvik was crowned in 1853 in the old cathedral, after a long "
             "regency.",
    "b.txt": "Queen Maren of Tarvik was in October 1852 crowned in the old cathedral, after a "
             "long regency.",
    "c.txt": "Queen Maren of Tarvik was crowned on 4 October 1852 in the old cathedral, after a "
             "long regency.",
}


def test_a_year_conflicts_with_a_finer_date_of_another_year(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Crowned in 1853" against "in October 1852 crowned": the year a source recalls
    loosely disagrees with the month; "October 1852" and "4 October 1852" only differ in
    precision and hold one side. Dates of one precision only would not conflict."""
    brief = _surveyed(tmp_path / "years", CROWNED_IN_A_YEAR)
    conflicts = _dates(brief)
    assert len(conflicts) == 1
    assert _by_source(brief, conflicts[0]) == {"1852-10-04": {"b.txt", "c.txt"},
                                               "1853": {"a.txt"}}

    monkeypatch.setattr("crosscheck.analyse.timeline._apart", _disagree)
    assert _dates(_surveyed(tmp_path / "precision", CROWNED_IN_A_YEAR)) == []


def test_a_sentence_giving_both_days_takes_no_side(tmp_path: Path) -> None:
    """"The gale of 3 and 4 May" holds the other source's day too: no conflict."""
    brief = _surveyed(tmp_path, {
        "a.txt": "The gale of 3 and 4 May 1852 tore the roofs off the net sheds of Tarvik.",
        "b.txt": "The gale of 4 May 1852 tore the roofs off the net sheds along the Tarvik quay.",
    })
    assert _dates(brief) == []


def _span(value: str) -> DateSpan:
    span = parse_value(value)
    assert span is not None
    return span


def test_two_years_are_not_one_day_apart() -> None:
    """1852 and 1853 touch at New Year, but only two days can be a midnight apart."""
    assert _next_days(_span("1852-05-03"), _span("1852-05-04"))
    assert not _next_days(_span("1852"), _span("1853"))


# -- numbers ---------------------------------------------------------------------------------

ONE_DRIFT_THREE_UNITS = {
    "a.txt": "The ferry Kestrel drifted 800 metres from the Brannock quay before she capsized.",
    "b.txt": "The ferry Kestrel drifted roughly 870 yards from the Brannock quay before she "
             "capsized.",
    "c.txt": "The ferry Kestrel had drifted about 1.5 km from the Brannock quay before she "
             "capsized.",
}


def test_figures_in_two_units_of_one_measure_are_compared(tmp_path: Path) -> None:
    """Metres, yards and kilometres are lengths: 800 metres and roughly 870 yards (796
    metres) agree, about 1.5 km disagrees with both, and each value is shown with its
    unit."""
    brief = _surveyed(tmp_path, ONE_DRIFT_THREE_UNITS)
    conflicts = _numbers(brief)
    assert len(conflicts) == 1
    assert _by_source(brief, conflicts[0]) == {"870 yards": {"a.txt", "b.txt"},
                                               "1.5 km": {"c.txt"}}


def test_units_far_apart_measure_two_things(tmp_path: Path) -> None:
    """A writer picks the unit to suit the size: the quay "700 feet long" and the inlet
    it faces, "about 4 miles long", are two lengths, not one given two ways."""
    brief = _surveyed(tmp_path, {
        "a.txt": "The Brannock quay is 700 feet long and faces the inlet.",
        "b.txt": "The Brannock quay faces the inlet, about 4 miles long.",
    })
    assert _numbers(brief) == []


def test_figures_given_together_in_other_units_stay_apart(tmp_path: Path) -> None:
    """One source gives the gas holder's two sides in metres side by side, another in
    feet: 12 and 30 metres are two things, so 12 metres is not compared with 98 feet
    (29.9 metres), which is the other side."""
    brief = _surveyed(tmp_path, {
        "a.txt": "The Brannock gas holder measured 12 metres by 30 metres at its base.",
        "b.txt": "The Brannock gas holder measured 40 feet by 98 feet at its base.",
    })
    assert _numbers(brief) == []


DEAD_AND_CREW = {
    "a.txt": "Only four deaths were entered in the parish register after the Brannock gale. The "
             "harbour master had 12 men haul the new lifeboat up the slip to test the winch.",
    "b.txt": "The parish register lists just 7 people who died after the Brannock gale. The harbour "
             "master had 15 sailors haul the new lifeboat up the slip to test the winch.",
}


def test_the_dead_and_a_crew_are_counts_of_people(tmp_path: Path) -> None:
    """"Four deaths were entered" and "just 7 people who died" count the dead; "12 men" and
    "15 sailors" who hauled the lifeboat up count one crew."""
    brief = _surveyed(tmp_path, DEAD_AND_CREW)
    assert sorted(sorted(v.value for v in c.values) for c in _numbers(brief)) == [
        ["12", "15"], ["4", "7"]]


def test_thousands_written_with_points_or_spaces() -> None:
    """"40.000" and "3 418" are how much of Europe writes 40,000 and 3,418; a decimal
    point before one or two digits, or before three that do not end in zero, stays one."""
    def read(text: str) -> list[float]:
        return [n.value for n in tag_numbers(text)]
    assert read("Some 40.000 sheep were sold at the fair.") == [40000]
    assert read("The census counted 3 418 persons.") == [3418]
    assert read("Some 1.250.000 bricks were fired.") == [1250000]
    assert read("A 61.6 metre mast, 3.5 percent, 0.375 inches.") == [61.6, 3.5, 0.375]
    # A leading zero is never a thousands group: "0.500" is a half, "0 300" two figures.
    assert read("A plate 0.500 inches thick.") == [0.5]
    assert read("Between 0 300 and 0 400 hours.") == [0, 300, 0, 400]


def test_nearly_reaches_below_the_figure_only() -> None:
    """"Nearly 10" is a little under ten: not 8, as "about 10" may be."""
    assert interval(10, "nearly")[0] == 9
    assert interval(10, "about")[0] <= 8 < interval(10, "nearly")[0]


def test_a_figure_outside_the_question_joins_a_thing_inside_it(tmp_path: Path) -> None:
    """The question's sentences count four dead; a sentence it did not retrieve counts
    seven: the conflict is found, as a source that gives a figure differently need not
    read like an answer to the question."""
    _surveyed(tmp_path, DEAD_AND_CREW)
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        view = corpus.view()
        context = [sid for sid, s in view.sentences.items() if "four deaths" in s.text]
        conflicts = number_conflicts(view, context, Settings())
    assert [sorted(v.value for v in c.values) for c in conflicts] == [["4", "7"]]

"""Number conflicts on small invented corpora (a storm at a made-up harbour), in a real
SQLite store through the public API.

Each test writes a few short sources, surveys them (conflicts over the whole corpus) and
checks which figures conflict: exact counts that differ do, figures that differ only in
rounding, hedging or units do not, and durations are compared only with durations.
"""

from __future__ import annotations

from pathlib import Path

from crosscheck.analyse.numbers import (
    Quantity,
    collect_quantities,
    count_unit,
    interval,
    rounding_half,
)
from crosscheck.annotate.dates_lexicon import number_value
from crosscheck.annotate.numbers import tag_numbers
from crosscheck.api import Corpus
from crosscheck.model import Brief, Conflict

#: Sentences on other matters, so that the words the sources share are rare in the corpus.
FILLER = ("Brannock is a fishing town on the north coast. Its market sells wool and salt. "
          "The chapel bell was cast in a foundry far inland. Tourists walk the cliff path in "
          "summer. The school has a small library. A railway reached the town late. The "
          "station is now a cafe. Gulls nest on the harbour wall. The mayor keeps bees. "
          "Local cheese is pressed in round moulds. A brass band plays on feast days. The "
          "museum shows old nets and lanterns. Pilgrims once stopped at the holy well. "
          "Winter fog closes the road over the moor.")


def _survey(tmp_path: Path, files: dict[str, str]) -> Brief:
    """The survey of a corpus made of ``files`` plus a filler source."""
    for name, text in {**files, "z_filler.txt": FILLER}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        corpus.add([tmp_path], workers=1)
        return corpus.survey()


def _stored_quantities(tmp_path: Path) -> list[Quantity]:
    """Every figure of the store ``_survey`` wrote, as the number analysis reads it."""
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        view = corpus.view()
        return collect_quantities(view, view.sentences)


def _numbers(brief: Brief) -> list[Conflict]:
    return [c for c in brief.conflicts if c.kind == "number"]


def _value_sets(brief: Brief) -> list[set[str]]:
    return [{v.value for v in c.values} for c in _numbers(brief)]


def _by_source(brief: Brief, conflict: Conflict) -> dict[str, set[str]]:
    """Each value of a conflict with the file names of the sources that hold it."""
    names = {s.id: s.uri.rsplit("/", 1)[-1] for s in brief.sources}
    return {v.value: {names[s] for s in v.sources} for v in conflict.values}


# -- intervals -----------------------------------------------------------------------------

def _apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return not (a[0] < b[1] and b[0] < a[1])


def test_rounding_follows_the_digits() -> None:
    assert rounding_half(17) == 0.5 and rounding_half(79) == 0.5  # exact counts
    assert rounding_half(4.7) == 0.05
    assert rounding_half(1200) == 50 and rounding_half(80) == 4  # ±5 % at most
    assert _apart(interval(17, ""), interval(18, ""))
    assert not _apart(interval(80, ""), interval(79, ""))
    assert not _apart(interval(1200, ""), interval(1180, ""))
    assert _apart(interval(40, ""), interval(37, ""))  # 40 is not a rounded 37


def test_hedges_widen_or_open_the_interval() -> None:
    assert not _apart(interval(200, "about"), interval(170, ""))
    assert not _apart(interval(40, "more than"), interval(55, ""))
    assert _apart(interval(10, "less than"), interval(14, ""))
    assert _apart(interval(15, "nearly"), interval(11, ""))


def test_unit_nouns() -> None:
    def units(text: str) -> list[str | None]:
        return [n.unit for n in tag_numbers(text)]
    assert units("All 17 small boats sank.") == ["boats"]  # an adjective is not the noun
    assert units("All 41 Passengers on Board drowned.") == ["passengers"]  # capitalised nouns
    assert units("Some 38 People lost the Life.") == ["people"]
    assert units("300 French sailors came.") == ["sailors"]  # a capitalised modifier
    assert units("The wind reached 90 miles per hour.") == ["miles per hour"]
    assert units("It blew at 140 km/h and 80 miles an hour.") == ["km per h", "miles per hour"]
    assert units("The bay is 9 miles wide.") == ["miles"]
    assert units("She drowned 14 sailors a week later.") == ["sailors"]


# -- conflicts in a store ------------------------------------------------------------------

def test_exact_small_counts_conflict(tmp_path: Path) -> None:
    brief = _survey(tmp_path, {
        "a.txt": "The gale of 1897 sank 17 boats off Brannock Point.",
        "b.txt": "The gale of 1897 sank 18 boats off Brannock Point.",
        "c.txt": "That night the gale of 1897 sank 18 boats off Brannock Point.",
    })
    conflict = next(c for c in _numbers(brief) if c.topic == "number of boat")
    assert _by_source(brief, conflict) == {"17": {"a.txt"}, "18": {"b.txt", "c.txt"}}
    raw = {s.id: Path(s.uri).read_text(encoding="utf-8") for s in brief.sources}
    for value in conflict.values:
        for e in value.evidence:
            assert e.quote == raw[e.source][e.start:e.end]


def test_rounded_and_hedged_figures_do_not_conflict(tmp_path: Path) -> None:
    brief = _survey(tmp_path, {
        "a.txt": "The gale of 1897 sank 80 boats off Brannock Point. The lifeboat crew of "
                 "Brannock pulled about 200 sailors from the cold sea.",
        "b.txt": "The gale of 1897 sank 79 boats off Brannock Point. The lifeboat crew of "
                 "Brannock pulled 170 sailors from the cold sea.",
        "c.txt": "The gale of 1897 sank more than 40 boats off Brannock Point.",
    })
    assert _numbers(brief) == []


def test_bounds_conflict_when_a_figure_lies_outside(tmp_path: Path) -> None:
    brief = _survey(tmp_path, {
        "a.txt": "The lifeboat crew of Brannock pulled less than 10 sailors from the cold sea.",
        "b.txt": "The lifeboat crew of Brannock pulled 14 sailors from the cold sea.",
    })
    assert {"10", "14"} in _value_sets(brief)


def test_capitalised_nouns_and_nouns_for_people_are_counted(tmp_path: Path) -> None:
    """A translated page writes "41 Passengers"; another counts "lives", a third
    "people": all are counts of people, and the figures disagree."""
    brief = _survey(tmp_path, {
        "a.txt": "All 41 Persons on Board drowned when the ferry Kestrel sank in the storm.",
        "b.txt": "All 38 people on board drowned when the ferry Kestrel sank in the storm.",
        "c.txt": "All 38 lives on board were lost when the ferry Kestrel sank in the storm.",
    })
    conflict = next(c for c in _numbers(brief) if c.topic == "number of people")
    assert _by_source(brief, conflict) == {"38": {"b.txt", "c.txt"}, "41": {"a.txt"}}


def test_figures_attached_to_the_same_words_count_one_thing(tmp_path: Path) -> None:
    """Sentences that say more than the figure still count one thing when the words next
    to the figure agree ("people on board")."""
    brief = _survey(tmp_path, {
        "a.txt": "A wave rolled the ferry Kestrel over, and she sank with all 41 people on "
                 "board.",
        "b.txt": "The Kestrel left the quay at dusk, and she sank with all 38 people on board "
                 "before midnight.",
    })
    assert {"38", "41"} in _value_sets(brief)


def test_a_speed_is_not_a_length(tmp_path: Path) -> None:
    brief = _survey(tmp_path, {
        "a.txt": "Over Brannock bay the storm wind reached 90 miles per hour at dusk.",
        "b.txt": "Over Brannock bay the storm front stretched 9 miles at dusk.",
    })
    assert _numbers(brief) == []
    units = {q.unit for q in _stored_quantities(tmp_path)}
    assert {"mile", "mile per hour"} <= units


def test_figures_side_by_side_are_different_things(tmp_path: Path) -> None:
    brief = _survey(tmp_path, {
        "a.txt": "The storm at Brannock drowned 14 sailors and 90 sailors were rescued.",
        "b.txt": "About 90 sailors were rescued by the Brannock lifeboat after the storm.",
        "c.txt": "The storm at Brannock drowned 14 sailors.",
    })
    assert _numbers(brief) == []


def test_durations_of_one_thing_conflict(tmp_path: Path) -> None:
    brief = _survey(tmp_path, {
        "a.txt": "The harbour inquiry into the sinking lasted about three weeks.",
        "b.txt": "The harbour inquiry into the sinking lasted five months, and blamed the owners.",
        "c.txt": "It took nearly two years before the harbour was clear of wrecks.",
    })
    durations = [c for c in _numbers(brief) if c.topic == "duration"]
    assert len(durations) == 1
    assert _by_source(brief, durations[0]) == {"three weeks": {"a.txt"},
                                               "five months": {"b.txt"}}


def test_time_between_events_is_not_a_duration(tmp_path: Path) -> None:
    """"Opened a week after the storm" says when, not how long: it is not compared
    with how long the inquiry lasted; "it took two years before …" is how long."""
    brief = _survey(tmp_path, {
        "a.txt": "The harbour inquiry into the sinking opened a week after the storm.",
        "b.txt": "The harbour inquiry into the sinking lasted five months after the storm.",
        "c.txt": "It took nearly two years before the harbour was clear of wrecks.",
    })
    assert _numbers(brief) == []
    units = {q.text: q.unit for q in _stored_quantities(tmp_path)
             if q.unit in ("offset", "duration")}
    assert units == {"a week": "offset", "five months": "duration",
                     "nearly two years": "duration"}


# -- what a figure reads as ----------------------------------------------------------------

def test_compound_number_words_are_read_whole() -> None:
    def read(text: str) -> list[tuple[float, str | None]]:
        return [(n.value, n.unit) for n in tag_numbers(text)]
    assert read("Three hundred and fifty sailors signed.") == [(350, "sailors")]
    assert read("The fund paid two thousand and nine widows.") == [(2009, "widows")]
    assert read("One hundred twenty boats sailed.") == [(120, "boats")]
    assert read("Twenty-five thousand gulls nest here.") == [(25000, "gulls")]
    assert read("Five thousand men came.") == [(5000, "men")]  # a plural without -s
    assert number_value("a hundred and fifty") == 150
    assert number_value("two thousand three hundred and six") == 2306


def test_a_month_or_weekday_is_never_a_counted_unit() -> None:
    """Forum furniture ("3 Tue Oct 9, 2012 8:15 pm") puts a post number before a date."""
    units = [n.unit for n in tag_numbers("3 Tue Oct 9, 2012 8:15 pm")]
    assert set(units) == {None}
    assert tag_numbers("Reply 4 Sept 12, 2011")[0].unit is None
    assert tag_numbers("#7 Thursday, 9 May")[0].unit is None


def test_a_hyphenated_length_counts_its_unit() -> None:
    assert [n.unit for n in tag_numbers("a 30-foot-high mast")] == ["foot"]
    assert count_unit("feet") == count_unit("foot")


def _quantities(tmp_path: Path, files: dict[str, str]) -> list[Quantity]:
    _survey(tmp_path, files)
    return _stored_quantities(tmp_path)


def test_spelled_out_durations_and_their_anchors(tmp_path: Path) -> None:
    """"Two hundred and ten years to the day after the storm" is 210 years between two
    events (not "ten years"), and so is "a century on, …"."""
    quantities = _quantities(tmp_path, {
        "a.txt": "Two hundred and ten years to the day after the storm, the town unveiled a "
                 "plaque. Two hundred and ten years on, the harbour wall still stands.",
    })
    assert {(q.text, q.unit) for q in quantities} == {
        ("Two hundred and ten years", "offset")}
    assert {round(q.value / 365.25) for q in quantities} == {210}


def test_an_ordinal_day_is_no_duration(tmp_path: Path) -> None:
    brief = _survey(tmp_path, {
        "a.txt": "The harbour inquiry into the sinking sat on the first day of the storm.",
        "b.txt": "The harbour inquiry into the sinking sat for four days after the storm.",
        "c.txt": "The harbour inquiry into the sinking lasted four days.",
    })
    assert _numbers(brief) == []
    texts = {q.text for q in _stored_quantities(tmp_path)}
    assert "the first day" not in texts and "four days" in texts


def test_a_wait_is_not_how_long_the_awaited_thing_lasted(tmp_path: Path) -> None:
    """"Waited ten years for its own lifeboat" is the time until the lifeboat came; it is
    compared neither with how long a storm lasted nor with the time between two events."""
    brief = _survey(tmp_path, {
        "a.txt": "The great storm at Brannock raged for three days.",
        "b.txt": "Brannock had to wait ten years for its own great storm lifeboat.",
        "c.txt": "A plaque to the great storm at Brannock went up forty years after it.",
    })
    assert _numbers(brief) == []
    units = {q.text: q.unit for q in _stored_quantities(tmp_path)}
    assert units["ten years"] == "wait" and units["three days"] == "duration"


def test_lengths_of_different_dimensions_do_not_conflict(tmp_path: Path) -> None:
    """A tower's height, a quay's length and the harbour's depth are all counted in feet;
    a height conflicts only with another height."""
    brief = _survey(tmp_path, {
        "a.txt": "The Brannock light tower is 72 feet high and the old quay is 930 feet long.",
        "b.txt": "The Brannock light tower is 72 feet tall, on a rock in water 60 feet deep.",
        "c.txt": "The Brannock light tower is 64 feet tall, says the harbour guide.",
    })
    conflicts = _numbers(brief)
    assert [c.topic for c in conflicts] == ["number of foot (height)"]
    assert _by_source(brief, conflicts[0]) == {"64": {"c.txt"}, "72": {"a.txt", "b.txt"}}


def test_the_dimension_is_read_before_or_after_the_figure(tmp_path: Path) -> None:
    quantities = _quantities(tmp_path, {
        "a.txt": "The wreck lies at a depth of about 40 metres. The mole is 300 metres in "
                 "length. The mast is 30 feet of height. The 12-foot-wide gate stuck. The "
                 "bay is 9 miles across. The cable ran 9 miles of sea bed.",
    })
    assert {q.text: q.dimension for q in quantities} == {
        "40": "depth", "300": "length", "30": "height", "12": "width", "9": None}
    assert [q.dimension for q in quantities if q.text == "9"] == ["width", None]


def test_a_named_subgroup_is_not_the_total(tmp_path: Path) -> None:
    """"12 people who were trapped in the chapel" and "among them 9 people" count part of
    the dead; "41 people died" counts them all, and "38 people died" disagrees with it."""
    brief = _survey(tmp_path, {
        "a.txt": "In the great storm at Brannock 41 people died, among them 9 people from the "
                 "harbour.",
        "b.txt": "In the great storm at Brannock about 12 people who were trapped in the "
                 "chapel died.",
        "c.txt": "In the great storm at Brannock 38 people died.",
    })
    assert _value_sets(brief) == [{"38", "41"}]

"""Annotate: numbers with units, proper names, and mentions as offsets into raw."""

from __future__ import annotations

from crosscheck.annotate import annotate
from crosscheck.annotate.entities import tag_names
from crosscheck.annotate.numbers import format_number, tag_numbers
from crosscheck.segment import segment


def test_numbers_with_units_and_scales() -> None:
    text = ("More than 18000 Japanese officers died; 1.5 million elite troops and 26,000 "
            "artillery pieces took part, with five divisions and 12% losses.")
    found = {(n.text, n.value, n.unit) for n in tag_numbers(text)}
    assert ("18000", 18000.0, "officers") in found
    assert ("1.5 million", 1_500_000.0, "troops") in found
    assert ("26,000", 26000.0, "artillery") in found
    assert ("five", 5.0, "divisions") in found
    assert ("12%", 12.0, "percent") in found


def test_numbers_skip_spans_taken_by_dates_and_times() -> None:
    text = "It lasted until 23:59 on August 8, 1945, and one of them left."
    taken = [(text.index("23:59"), text.index("23:59") + 5),
             (text.index("August"), text.index("1945") + 4)]
    assert tag_numbers(text, taken) == []
    assert format_number(1500000.0) == "1500000" and format_number(2.5) == "2.5"


def test_names_drop_sentence_openers_titles_and_adjectives() -> None:
    text = ("However, Foreign Minister Yosuke Matsuoka met Stalin in Moscow, and the "
            "Japanese army lost the Battle of Khalkhin Gol to the USSR.")
    names = {(m.text, m.label) for m in tag_names(text)}
    assert ("Yosuke Matsuoka", "PERSON") in names
    assert ("Stalin", "NAME") in names and ("Moscow", "NAME") in names
    assert ("Battle of Khalkhin Gol", "EVENT") in names and ("USSR", "NAME") in names
    assert not any(t in ("However", "Japanese", "Foreign Minister Yosuke Matsuoka")
                   for t, _ in names)


def test_a_title_of_a_place_names_the_place() -> None:
    """"the King of Valmora" names Valmora; "King Anselm of Valmora" is a person."""
    assert [(m.text, m.label) for m in tag_names("The King of Valmora sent grain.")] == [("Valmora", "NAME")]
    assert [(m.text, m.label) for m in tag_names("Then King Anselm of Valmora sent grain.")] == [
        ("Anselm of Valmora", "PERSON")]


def test_ordinals_of_events_and_titles_after_a_nationality() -> None:
    names = {m.text for m in tag_names("During the Second Harbor War, Norlandic Foreign "
                                        "Minister Haas met the envoys.")}
    assert names == {"Second Harbor War", "Haas"}
    assert {m.text for m in tag_names("Second, the Harbor War ended.")} == {"Harbor War"}


def test_mentions_index_raw() -> None:
    raw = "Intro line.\n\nOn April 13, 1941, 3 envoys from Tokyo signed the pact in Moscow."
    sentences = segment("d", raw)
    mentions = annotate(sentences)
    kinds = {m.kind for m in mentions}
    assert kinds == {"date", "number", "entity"}
    for m in mentions:
        assert raw[m.start:m.end] == m.text
    date = next(m for m in mentions if m.kind == "date")
    assert date.value == "1941-04-13" and date.granularity == "day"

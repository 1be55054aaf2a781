"""Alias merging: short forms of names, surnames among several people, spelling variants,
and names a translation wrapped in capitalised nouns (all names invented)."""

from __future__ import annotations

from pathlib import Path

from tests.test_analyse import _names_with, _surveyed

from crosscheck.analyse.entities import normalise_name
from crosscheck.analyse.name_keys import _without_nouns
from crosscheck.analyse.person_names import _abbreviates, _vowels_masked
from crosscheck.annotate.entities import tag_names

PLACE_NAMED_AFTER_A_PERSON = {
    "a.txt": "Ilse Stenvik founded the iron works in 1851. The town of Stenvik grew up around "
             "the works and was named after her.",
    "b.txt": "Workers walked in from the town of Stenvik every morning. Ilse Stenvik paid them in coin.",
}


def test_a_place_named_after_a_person_is_not_her_surname(tmp_path: Path) -> None:
    entities = _surveyed(tmp_path, PLACE_NAMED_AFTER_A_PERSON).entities

    assert "Stenvik" not in _names_with(entities, "Ilse Stenvik")
    assert _names_with(entities, "Stenvik") == {"Stenvik"}


GIVEN_NAME_FORMS = {
    "a.txt": "The survey was led by Edda Rosa Halvorsen. Halvorsen mapped the coast in 1871. "
             "Alexander Brammert built the lighthouse, and Alex Brammert kept it.",
    "b.txt": "E. R. Halvorsen published the charts in 1873, and Edda R. Halvorsen revised them. "
             "Alex Brammert drew its plans. Ivonne Holm and Ivonne Holm's sister sang.",
    "c.txt": "Ivo Holm played the organ. Ivo Holm also wrote hymns.",
    "d.txt": "A lifeboat, the D-Day, was named after the landings; the D-Day sank on a stormy day in 1950. "
             "Dora Day christened the D-Day.",
}


def test_initials_and_clipped_given_names_are_the_one_person_they_begin(tmp_path: Path) -> None:
    """Initials anywhere; a clipped given name ("Alex") on a page that gives the full one,
    not "Ivo" on a page of its own; and a common word after an initial is no surname."""
    assert _abbreviates("e", "edda") and _abbreviates("alex", "alexander")
    assert not _abbreviates("ivo", "ivor")  # one letter more is another name, not a short form
    entities = _surveyed(tmp_path, GIVEN_NAME_FORMS).entities

    assert _names_with(entities, "Halvorsen") == {
        "Edda Rosa Halvorsen", "Edda R. Halvorsen", "E. R. Halvorsen", "Halvorsen"}
    assert _names_with(entities, "Alex Brammert") == {"Alexander Brammert", "Alex Brammert"}
    assert _names_with(entities, "Ivo Holm") == {"Ivo Holm"}
    assert "Dora Day" not in _names_with(entities, "D-Day")


SURNAME_OF_SEVERAL = {
    "a.txt": "Ana Reyes drew the first plan of the harbour. Reyes argued for a longer pier.",
    "b.txt": "The engineer Ana Reyes surveyed the bay in 1880. Reyes found the old pier rotten.",
    "c.txt": "Ana Reyes wrote the report with her clerk. Reyes sent it to the council. "
             "Tomas Reyes, a painter, was no relation.",
    "d.txt": "Reyes warned that the pier would fail.",
}


def test_a_surname_of_several_people_is_the_one_it_follows(tmp_path: Path) -> None:
    entities = _surveyed(tmp_path, SURNAME_OF_SEVERAL).entities

    assert _names_with(entities, "Ana Reyes") == {"Ana Reyes", "Reyes"}


SHIP_NAMED_AFTER_PEOPLE = {
    "a.txt": "Ilse Tarvik ordered a ship. The Tarvik was launched in May. The Tarvik sank in "
             "June. The Tarvik lay on the seabed for a century.",
    "b.txt": "The Tarvik carried sixty guns. The Tarvik heeled in the wind. Divers found the "
             "Tarvik in 1956.",
    "c.txt": "The Tarvik draws many visitors. Visitors climb aboard the Tarvik. Sten Tarvik, a "
             "grandson, opened the museum.",
}


def test_a_name_used_far_more_than_its_bearers_full_names_is_its_own(tmp_path: Path) -> None:
    """Ten bare mentions against two full names of two people: a ship, not a surname,
    however many of its mentions follow one of them."""
    entities = _surveyed(tmp_path, SHIP_NAMED_AFTER_PEOPLE).entities

    assert _names_with(entities, "Tarvik") == {"Tarvik"}


GIVEN_NAME_ALONE = {
    "a.txt": "Our guest today is Edda Stenberg. Edda, welcome to the show. Stenberg has "
             "studied the wreck for twenty years.",
    "b.txt": "Stenberg said the ship was top-heavy from the day it was launched.",
}


def test_a_given_name_used_alone_after_the_full_name_is_still_a_given_name(tmp_path: Path) -> None:
    entities = _surveyed(tmp_path, GIVEN_NAME_ALONE).entities

    assert {"Edda Stenberg", "Stenberg"} <= _names_with(entities, "Stenberg")


NOUNS_CAPITALISED = {
    "a.txt": "In the Spring carried the River much Ice. The Miller Varga lost his Wheel and his "
             "Barn, and the Flood took the Bridge. The Farmers brought Hay and Timber; the "
             "Council paid the Carpenters. The Daughters of Varga sold Bread on the Market, and "
             "the Priest blessed the new Wheel. Later built the Engineer Ilse Marlow a Dam of "
             "Stone by the Lake Tarvo.",
    "b.txt": "In spring the river carried ice down from the hills. The miller Varga lost a wheel "
             "and a barn, and the flood took the bridge. Farmers brought hay and timber, and "
             "the council paid the carpenters. His daughters sold bread at the market, and the "
             "priest blessed the wheel. Ilse Marlow later built a dam of stone by the lake, "
             "and Lake Tarvo has kept its level since.",
}


def test_nouns_a_translation_capitalised_are_left_out_of_names(tmp_path: Path) -> None:
    """A page that capitalises its nouns (a translation from German) writes "the Miller
    Varga" and "the Daughters of Varga": the name is "Varga"; a noun before a name other
    pages write ("Ilse Marlow") is left out too; a kind word ("Lake") stays."""
    nouns = {"miller", "daughters", "oars", "lake"}
    assert _without_nouns("Miller Varga", nouns, set(), set()) == "Varga"
    assert _without_nouns("Varga the Oars", nouns, set(), set()) == "Varga"
    assert _without_nouns("Engineer Ilse Marlow", nouns, {"ilse marlow"}, {"ilse", "marlow"}) == "Ilse Marlow"
    assert _without_nouns("Lake Tarvo", nouns, set(), set()) == "Lake Tarvo"
    assert _without_nouns("Edda Ilse Marlow", nouns, {"ilse marlow"}, {"edda", "ilse", "marlow"}) == (
        "Edda Ilse Marlow")  # a word other pages' names have is no noun
    entities = _surveyed(tmp_path, NOUNS_CAPITALISED).entities

    assert _names_with(entities, "Varga") == {"Varga"}
    assert _names_with(entities, "Ilse Marlow") == {"Ilse Marlow"}
    assert "Lake Tarvo" in _names_with(entities, "Lake Tarvo")


SURNAME_SPELLINGS = {
    "a.txt": "Tomas Ferriner kept the bakery by the bridge. Edda Barsolo owned the mill.",
    "b.txt": "The guild books list him as Tomas Ferynor. Edda Bursela owned the brewery.",
}


def test_a_surname_spelled_with_other_vowels_is_one_person(tmp_path: Path) -> None:
    assert _vowels_masked("ferriner") == _vowels_masked("ferynor") == "f*r*n*r"
    entities = _surveyed(tmp_path, SURNAME_SPELLINGS).entities

    assert _names_with(entities, "Tomas Ferriner") == {"Tomas Ferriner", "Tomas Ferynor"}
    assert "Edda Bursela" not in _names_with(entities, "Edda Barsolo")  # "ba…" is not "bu…"


LATIN_FORMS = {
    "a.txt": "The chronicle of Halvardus Olavus survives in two copies.",
    "b.txt": "Halvard Olav wrote his chronicle in the abbey.",
}


def test_a_name_in_its_latin_form_is_the_same_name(tmp_path: Path) -> None:
    entities = _surveyed(tmp_path, LATIN_FORMS).entities

    assert _names_with(entities, "Halvard Olav") == {"Halvard Olav", "Halvardus Olavus"}


SHORT_NAMES_OF_BODIES_AND_EVENTS = {
    "a.txt": "In 1870 the Tarvo Bay Rowing and Sailing Club bought the boathouse. The Great "
             "Flood of Stenvik drowned the lower town in 1843. The Great Fire of Halden and the "
             "Great Fire of Tarvik were a year apart.",
    "b.txt": "Members of the Tarvo Bay Rowing & Sailing Club raced on Sundays. The Tarvo Bay "
             "Club kept its boats by the pier. After the Great Flood the town built a dyke. "
             "The Great Fire of Halden began in a bakery.",
    "c.txt": "The Tarvo Bay Club closed in 1902. The Great Flood of Stenvik is remembered each "
             "spring. The Great Fire left the square empty.",
}


def test_short_names_of_bodies_and_events_are_the_one_longer_name(tmp_path: Path) -> None:
    """A body named by its first words and its kind, an event named without its "of X";
    with two fires of two towns "the Great Fire" is neither."""
    entities = _surveyed(tmp_path, SHORT_NAMES_OF_BODIES_AND_EVENTS).entities

    assert _names_with(entities, "Tarvo Bay Club") == {
        "Tarvo Bay Club", "Tarvo Bay Rowing and Sailing Club", "Tarvo Bay Rowing & Sailing Club"}
    assert "Great Flood" in _names_with(entities, "Great Flood of Stenvik")
    assert "Great Fire" not in _names_with(entities, "Great Fire of Halden")


def test_and_inside_a_body_name_and_a_rulers_number() -> None:
    assert [m.text for m in tag_names("The Rowing and Sailing Club met.")] == ["Rowing and Sailing Club"]
    assert [m.text for m in tag_names("It was built by Marlow & Holm in 1870.")] == ["Marlow & Holm"]
    assert [m.text for m in tag_names("Marlow and Holm were members.")] == ["Marlow", "Holm"]
    assert [m.text for m in tag_names("The Tarvik Iron Company and Vessa Steel Company merged.")] == [
        "Tarvik Iron Company", "Vessa Steel Company"]
    assert [m.text for m in tag_names("Corvin the Second.")] == ["Corvin the Second"]
    assert normalise_name("Corvin the Second") == normalise_name("Corvin II") == "corvin ii"
    assert normalise_name("Rowing & Sailing Club") == normalise_name("Rowing and Sailing Club")

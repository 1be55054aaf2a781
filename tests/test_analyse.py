"""Analysis building blocks on small hand-made inputs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from crosscheck import analyse
from crosscheck.analyse import reasons
from crosscheck.analyse import view as view_module
from crosscheck.analyse.claims import negations
from crosscheck.analyse.dates import parse_value
from crosscheck.analyse.entities import acronym, normalise_name
from crosscheck.analyse.names import same_given_name
from crosscheck.analyse.numbers import duration_days, interval
from crosscheck.analyse.reasons import (
    _explains,
    _tells_aftermath,
    agglomerate,
    cause_strength,
    focus,
    question_kind,
    sides,
)
from crosscheck.analyse.view import CorpusView, close_pairs, stems
from crosscheck.annotate.entities import tag_names
from crosscheck.api import Corpus
from crosscheck.index import hybrid_search
from crosscheck.model import Brief, Entity, Mention


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


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def test_rounding_and_hedges_are_not_conflicts() -> None:
    assert _overlap(interval(18000, "killed"), interval(18500, "lost"))
    assert not _overlap(interval(600000, "of"), interval(1_500_000, "the"))
    # "more than 18000" allows 25000; "about 200" allows 180 but not 120.
    assert _overlap(interval(18000, "more than"), interval(25000, ""))
    assert _overlap(interval(200, "about"), interval(180, ""))
    assert not _overlap(interval(200, "about"), interval(120, ""))


def test_durations_as_days_with_their_hedge() -> None:
    two_weeks, month = duration_days("P2W"), duration_days("P1M")
    assert two_weeks == 14 and month and 30 < month < 31 and duration_days("PAST_REF") is None
    assert not _overlap(interval(two_weeks, "in less than"), interval(month, "took"))
    assert _overlap(interval(two_weeks, "in less than"), interval(10, "in"))


def test_negations_leave_idioms_out() -> None:
    assert negations("The wind was not unusual that day.") == 1
    assert negations("It was not only the wind but the design.") == 0
    assert negations("They didn't sign.") == 1
    assert negations("The crews refused to use the new nets.") == 1  # "did not use"
    assert negations("The harvest failed.") == 0 and negations("It failed to stop the flood.") == 1
    # "almost no rain" says how little, as "little rain" does; it denies nothing.
    assert negations("There had been almost no rain since the spring.") == 0
    assert negations("There had been no rain since the spring.") == 1


def test_initials_are_the_same_given_name() -> None:
    assert same_given_name("j.", "joseph") and same_given_name("anna", "anna")
    assert not same_given_name("yosuke", "yoshihiro")
    assert same_given_name("klas", "clas")  # one name transliterated two ways, no conflict


def test_sound_keys_and_a_title_inside_a_translated_run() -> None:
    from crosscheck.analyse.entities import sound_key
    assert sound_key("Wasa") == sound_key("Vasa") and sound_key("Jakobsson") == sound_key("Jacobsson")
    assert sound_key("Arthur") != sound_key("Albert")
    names = [m.text for m in tag_names("Weeks before the Departure the Admiral Clas Falk let test her.")]
    assert "Clas Falk" in names
    assert [m.text for m in tag_names("The United Nations General Assembly met.")] == [
        "United Nations General Assembly"]


def test_question_kinds() -> None:
    assert question_kind("Why did it happen?") == "why"
    assert question_kind("  When was it signed?") == "when"
    assert question_kind("Tell me about it") == "other"
    for asks_why in ("What caused the dam to fail?", "What were the main reasons for the strike?",
                     "How come the bridge fell?", "What factors led to the collapse?"):
        assert question_kind(asks_why) == "why", asks_why
    assert question_kind("What was the death toll?") == "what"
    assert question_kind("In what year did it sink?") == "when"
    assert question_kind("Which company owned the tank?") == "who"


def test_cause_and_effect_sides_of_a_cue() -> None:
    assert sides("Fear of the army is the main reason why they waited.") == (
        "Fear of the army", "they waited")
    assert sides("The dam failed because its spillway was too small.") == (
        "its spillway was too small", "The dam failed")
    assert sides("Because the spillway was too small, the dam failed.") == (
        "the spillway was too small", "the dam failed")
    assert sides("The dam stood on granite.") == ("", "")
    # What was chosen is the motive a choice gives.
    assert sides("The council decided to build on the east bank instead.") == (
        "build on the east bank instead", "The council")
    assert sides("The collapse stemmed from a flaw in the castings.") == (
        "a flaw in the castings", "The collapse")
    assert sides("Poor drainage gave rise to the flooding.") == ("Poor drainage", "the flooding")
    assert sides("The gaps in the hull, that's why she leaked.") == (
        "The gaps in the hull", "she leaked")
    # ", so" gives a result: what stands before it is the cause.
    assert sides("The iron was full of hidden flaws, so the lugs cracked.") == (
        "The iron was full of hidden flaws", "the lugs cracked")
    assert cause_strength("The iron was full of hidden flaws, so the lugs cracked.") == 1.0
    for not_a_result in ("The river rose so far that the town flooded.",
                         "They kept ledgers, receipts and so on for years.",
                         "The hull, so called by the crew, was painted red."):
        assert sides(not_a_result) == ("", ""), not_a_result


def test_counterfactuals_are_cues_and_open_questions_are_not() -> None:
    # "X would have Y" reasons about a cause; a question inside a sentence gives none.
    assert cause_strength("A wider hull would have kept her upright.") == 0.5
    assert cause_strength("The mayor was jailed while the court tried to work out "
                          "who was to blame.") == 0.0
    assert cause_strength("Nobody knew why the wall gave way.") == 0.0
    for cue in ("That is why the wall gave way.", "That's why the wall gave way.",
                "The reason why it gave way was the frost.",
                "The report explains why the wall gave way."):
        assert cause_strength(cue) == 1.0, cue


def test_cues_that_do_not_explain_the_asked_event() -> None:
    asked = stems("Why did the dam on the river fail in 1931?")
    assert _explains("The dam failed because its spillway was too small.", asked)
    # a consequence of the asked event, a summary pointing elsewhere, the writer's story
    assert not _explains("The disaster led to new safety rules for dams.", asked)
    assert not _explains("These three reasons led to the failure of the dam.", asked)
    assert not _explains("The above reasons made the engineers remain silent.", asked)
    assert not _explains("I went there because my grandfather had worked on the dam.", asked)


def test_verbs_of_loss_and_decline_are_weak_cues() -> None:
    assert cause_strength("The dam failed because its spillway was too small.") == 1.0
    for states in ("Orders from the coast dwindled.", "The looms were too slow for the new cloth.",
                   "Colder winters meant smaller harvests.", "The town lost its only buyer.",
                   "The valley lacks the timber the yard needs.",
                   "The new tariff deprives the weavers of their market."):
        assert cause_strength(states) == 0.5, states
    assert cause_strength("The mill stood by the river for a century.") == 0.0


def test_responsible_for_is_a_cue_only_as_a_verdict() -> None:
    for verdict in ("The inquiry held the owners responsible for the flood.",
                    "Poor welds were largely responsible for the failure."):
        assert cause_strength(verdict) == 1.0, verdict
    # A job title names a person, it does not explain anything.
    assert cause_strength("The man responsible for the sluices, a carpenter, had been his foreman.") == 0.0


def test_focus_keeps_a_rare_word_among_the_question_words() -> None:
    asked = stems("Why did the kingdom of Norland not invade the republic?")
    rare = {"afraid": 5.0, "conflict": 3.0}
    text = "Thus, the kingdom of Norland was afraid of conflict with the republic."
    assert "afraid" in focus(text, asked, lambda w: rare.get(w, 0.5))
    assert focus("The levee broke because the river rose too fast.", asked) == "the river rose too fast"


PLANTED = {
    "a.txt": "The Harbor Accord was signed on March 3, 1921 in Lisbon by both envoys. "
             "Envoy Maria Duarte led the talks because the fishing dispute threatened trade.",
    "b.txt": "The Harbor Accord was signed on March 9, 1921 in Lisbon by both envoys. "
             "Duarte pressed for the deal due to fears that the fishing dispute would spread.",
    "c.txt": "The Harbor Accord was signed on March 3, 1921 in Lisbon. "
             "Trade fears over the fishing dispute made both sides decide to settle.",
}


def test_planted_date_conflict_and_alias(tmp_path: Path) -> None:
    brief = _asked(tmp_path, PLANTED, "Why was the Harbor Accord signed?", embedder="minilm")
    conflict = next(c for c in brief.conflicts if c.kind == "date")
    values = {v.value: len(v.sources) for v in conflict.values}
    assert values == {"1921-03-03": 2, "1921-03-09": 1}
    assert "2 sources give 1921-03-03" in conflict.note
    duarte = next(e for e in brief.entities if e.name in ("Maria Duarte", "Duarte"))
    assert {duarte.name, *duarte.aliases} == {"Maria Duarte", "Duarte"}
    assert brief.reasons and len(brief.reasons[0].sources) >= 2


#: Why the (invented) Dunmore woollen mill closed: each page names the mill in its
#: opening lines and gives the reasons in sentences that do not, as real pages do.
UNNAMED_REASONS = {
    "a.txt": "The Dunmore woollen mill closed in 1931 after ninety years. The Dunmore mill "
             "employed three hundred weavers at its peak. Cheap cotton cloth from the coastal "
             "factories undercut the price of wool. The old water wheel could not drive the "
             "new power looms, so output stayed low.",
    "b.txt": "Why did the Dunmore mill close? Locals still tell the story of the Dunmore mill. "
             "Factory cotton from the coast sold for half the price of local wool. The water "
             "wheel was too weak for modern looms, and the owners never bought an engine.",
    "c.txt": "The Dunmore mill stood on the river for ninety years. Coastal factories flooded "
             "the market with cheap cotton, and orders for wool dwindled. A spring flood in "
             "1929 also damaged the dye house.",
    "d.txt": "Dunmore mill history. Visitors can still see the Dunmore mill race. Buyers "
             "turned to cheaper cotton cloth made in the coastal towns.",
}


#: What sites ask of their readers, one line each: corroborated across every source, so
#: it must be removed as furniture before reasons are ranked by corroboration.
CALLS_TO_ACTION = ("Sign up for our free newsletter to get the best stories in your inbox.",
                   "Subscribe to our newsletter and get the top stories sent to your inbox.",
                   "Join our mailing list to receive the latest stories in your inbox.",
                   "If you enjoyed this story, please share it with your friends.")


def test_reasons_found_where_the_sources_do_not_name_the_topic(tmp_path: Path) -> None:
    """A reason four sources corroborate leads though its sentences share no word with
    the question; the sites' calls to action are not reasons; every quote is its
    source's raw[start:end]."""
    for (name, text), call in zip(UNNAMED_REASONS.items(), CALLS_TO_ACTION, strict=True):
        (tmp_path / name).write_text(f"{text}\n\n{call}\n")
    with Corpus(tmp_path / "s.db", embedder="minilm") as corpus:
        corpus.add([tmp_path], workers=1)
        brief = corpus.ask("Why did the Dunmore mill close?")
        raw = {d.id: d.raw for d in corpus.documents()}
    first = " ".join(e.quote for e in brief.reasons[0].evidence).lower()
    assert "cotton" in first and len(brief.reasons[0].sources) >= 3, brief.reasons[0]
    assert any("wheel" in e.quote for r in brief.reasons[:3] for e in r.evidence)
    assert not any("inbox" in e.quote or "share" in e.quote for r in brief.reasons for e in r.evidence)
    for e in (e for r in brief.reasons for e in r.evidence):
        assert raw[e.source][e.start:e.end] == e.quote


BACKGROUND_AND_REASON = {
    "a.txt": "The Kestrel ferry sank in the Marrow estuary in the spring of 1911. The ferry was "
             "built at the Ashby yard and carried about sixty passengers on each crossing. Its hull "
             "plates had rusted through because the owners never paid for a dry-dock survey. "
             "Several families in Marrow lost relatives that day.",
    "b.txt": "In 1911 the ferry Kestrel went down in the Marrow estuary. Built by the Ashby "
             "shipyard, she could take some sixty passengers across the water. The owners had "
             "skipped every dry-dock survey, so nobody saw that the hull plates were rotten with "
             "rust. A memorial stands on the quay today.",
    "c.txt": "The loss of the Kestrel in 1911 is still remembered in Marrow. The vessel came from "
             "the Ashby yard and was licensed for about sixty people. Ferries of that age were "
             "common on the estuary. The town council later paid for a new landing stage.",
    "d.txt": "When the Kestrel sank in 1911, Marrow was left with no way to reach the far shore. "
             "The Ashby yard had built her to carry roughly sixty passengers. Divers found the "
             "wreck in shallow water. The crossing was not restored for two years.",
}


def test_an_explanation_outranks_background_that_more_sources_repeat(tmp_path: Path) -> None:
    """Two pages say why the ferry sank; all four give its builder and the year. The
    explanation comes first."""
    brief = _asked(tmp_path, BACKGROUND_AND_REASON, "Why did the Kestrel ferry sink?", embedder="minilm")
    first = brief.reasons[0]
    assert "dry-dock survey" in first.label, [r.label for r in brief.reasons]
    assert len(first.sources) == 2


AFTERMATH = {
    "a.txt": "The Kestrel sank in 1911 because her hull plates had rusted through. The wreck "
             "was raised in 1958 because the harbour needed a deeper channel.",
    "b.txt": "Rusted hull plates sank the Kestrel in 1911. In 1958 the wreck was lifted because "
             "the harbour wanted its channel dredged.",
    "c.txt": "The old ferry went down in 1911 because her plates were thin with rust. Divers "
             "lifted her in 1958 because the port had to deepen the channel.",
}


def test_what_followed_the_asked_year_is_not_a_reason(tmp_path: Path) -> None:
    """All three pages explain both the sinking in 1911 and the raising in 1958 with a
    "because"; asked why the ferry sank in 1911, the raising is not the first reason."""
    brief = _asked(tmp_path, AFTERMATH, "Why did the Kestrel ferry sink in 1911?", embedder="minilm")
    assert "rust" in brief.reasons[0].label.lower(), [r.label for r in brief.reasons]
    assert not any("channel" in e.quote for e in brief.reasons[0].evidence)


WHAT_FOLLOWED = {
    "a.txt": "The Hallam mill fire of 1843 spread across the town because a dry north wind "
             "carried sparks from roof to roof. It destroyed 212 houses and most families lost "
             "their homes. Afterwards the council banned thatch because the insurers demanded it. "
             "The ruins were cleared in 1901. The stones were then stored in a barn for decades, "
             "because the museum had no room to show them.",
    "b.txt": "A dry wind from the north drove sparks over the roofs of Hallam in 1843, so the fire "
             "jumped from street to street. 212 houses burned and 40 people were killed. In the "
             "years that followed the town rebuilt in brick because new bylaws required it. The "
             "ruins were cleared in 1901. The stones went into storage, because the museum was "
             "too small to keep them on show.",
    "c.txt": "The fire at the Hallam mill started in 1843. By the end it had destroyed 212 houses. "
             "Afterwards thatch was forbidden because the insurers would not cover it. The ruins "
             "were cleared in 1901. The stones were stored away because there was no room for them.",
}


def test_what_a_fire_destroyed_and_what_followed_it_are_not_reasons(tmp_path: Path) -> None:
    """All three pages count the houses lost, tell what followed with a "because"
    ("Afterwards …", "In the years that followed …") and explain why the stones were
    stored after the ruins were cleared in 1901 (a sentence with no year of its own).
    Two say why the fire spread: the dry wind leads, and none of the rest is a reason."""
    brief, _ = _asked_verbatim(tmp_path, WHAT_FOLLOWED,
                               "Why did the Hallam mill fire spread so far in 1843?")
    assert "wind" in brief.reasons[0].label.lower(), [r.label for r in brief.reasons]
    first_quotes = " ".join(e.quote for e in brief.reasons[0].evidence)
    for later in ("212 houses", "thatch", "brick", "stored", "storage"):
        assert later not in first_quotes


def test_a_sentence_opening_on_what_followed_tells_the_aftermath() -> None:
    assert _tells_aftermath("Afterwards the council banned thatch because insurers asked.")
    assert _tells_aftermath("In the years that followed, the town rebuilt in brick.")
    assert _tells_aftermath("After the collapse, the line was closed for a decade.")
    # What an inquiry found afterwards is a cause, and "after" elsewhere is no opening.
    assert not _tells_aftermath("After the collapse, engineers found the bolts had sheared.")
    assert not _tells_aftermath("The tank burst after the temperature rose overnight.")


def test_a_text_file_whose_first_line_is_a_sentence_gives_it_as_evidence(tmp_path: Path) -> None:
    """A text file's title is its first line; a heading is not evidence, a sentence is."""
    brief = _asked(tmp_path, {
        "note.txt": "The Kestrel sank in 1911 because its hull plates had rusted.\n",
        "headed.txt": "The Kestrel ferry\n\nShe was built at the Ashby yard.\n",
    }, "Why did the Kestrel sink?")
    quotes = [e.quote for r in brief.reasons for e in r.evidence]
    assert "The Kestrel sank in 1911 because its hull plates had rusted." in quotes
    assert "The Kestrel ferry" not in quotes


def test_one_source_is_ranked_by_retrieval(tmp_path: Path) -> None:
    """Nothing corroborates a lone page, so its reasons come from what the question
    retrieves, not from an arbitrary order."""
    brief = _asked(tmp_path, {"only.txt": (
        "Walkers come to the valley in summer because its paths are quiet and green. The "
        "Dunmore mill stood on the river for ninety years. The Dunmore mill closed in 1931 "
        "because cheap cotton from the coast undercut its wool. The river still turns an old "
        "wheel there.")}, "Why did the Dunmore mill close?")
    assert "because cheap cotton" in brief.reasons[0].evidence[0].quote


def test_a_long_page_gives_only_the_sentences_around_its_hits(tmp_path: Path) -> None:
    """A page with a long comment thread cannot fill a why-question's candidates."""
    chatter = " ".join(f"Reader {n} wrote that the weather was fine on day {n}." for n in range(200))
    (tmp_path / "thread.txt").write_text(
        f"{chatter} The Dunmore mill closed because cheap cotton undercut its wool. "
        f"The Dunmore mill closed after its wheel failed. {chatter}")
    (tmp_path / "a.txt").write_text(UNNAMED_REASONS["a.txt"])
    (tmp_path / "b.txt").write_text(UNNAMED_REASONS["b.txt"])
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        corpus.add([tmp_path], workers=1)
        view = corpus.view()
        hits = hybrid_search(view.store, view.vectors, "Why did the Dunmore mill close?", 60, 60)
        picked = reasons._retrieved_documents(view, hits)
    thread = next(d for d in view.documents if view.documents[d].uri.endswith("thread.txt"))
    at = [view.sentences[h.sentence_id].index for h in hits if view.sentences[h.sentence_id].doc_id == thread]
    mine = [view.sentences[i] for i in picked if view.sentences[i].doc_id == thread]
    assert any("cheap cotton" in s.text for s in mine)
    assert len(mine) < sum(s.doc_id == thread for s in view.sentences.values())
    assert all(min(abs(s.index - a) for a in at) <= reasons.HIT_WINDOW for s in mine)
    short = {i for i, s in view.sentences.items() if s.doc_id != thread}
    assert short <= set(picked)  # the short pages come whole


def test_a_reason_is_labelled_by_a_sentence_that_explains(tmp_path: Path) -> None:
    """In a group where a background fact is the most typical sentence, the label is the
    one that explains; closeness for support is still measured from the typical one."""
    (tmp_path / "a.txt").write_text("The vat held nine thousand gallons of dye. "
                                    "The vat split because its staves were too thin for the load.")
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        corpus.add([tmp_path], workers=1)
        view = corpus.view()
    fact, explains = sorted(view.sentences)
    pool = [reasons.Candidate(fact, "a", 1.0, 0.0), reasons.Candidate(explains, "a", 1.0, 1.0),
            reasons.Candidate(fact, "b", 1.0, 0.0)]
    sim = np.array([[1.0, 0.5, 0.9], [0.5, 1.0, 0.5], [0.9, 0.5, 1.0]])
    members = [0, 1, 2]
    assert reasons._label_member(view, pool, sim, members, reasons.CENTRE_CUE) == 0
    assert reasons._label_member(view, pool, sim, members, reasons.LABEL_CUE) == 1


NOT_ALIASES = {
    "a.txt": "The treaty covered Upper Volta and its river trade. Traders from Upper Volta "
             "crossed the border each spring. The customs post at Ouagadou closed in winter.",
    "b.txt": "Volta was the name of a river long before the colony. Ships sailed up the "
             "Volta every spring. Volta fish fed the markets of Accra.",
    "c.txt": "Delegates met at the Harbor Conference (Accra, Lome, Lagos) in March. "
             "The Harbor Conference ended without a treaty. Accra sent three envoys.",
}


def _surveyed(tmp_path: Path, files: dict[str, str]) -> Brief:
    """The survey (entities, conflicts) of a small corpus made of ``files``."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        corpus.add([tmp_path], workers=1)
        return corpus.survey()


def _asked(tmp_path: Path, files: dict[str, str], question: str, embedder: str = "hash") -> Brief:
    """The brief for ``question`` over a small corpus made of ``files``."""
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    with Corpus(tmp_path / "s.db", embedder=embedder) as corpus:
        corpus.add([tmp_path], workers=1)
        return corpus.ask(question)


def _names_with(entities: Sequence[Entity], name: str) -> set[str]:
    """All names of the entity that carries ``name`` (empty if none does)."""
    return next(({e.name, *e.aliases} for e in entities if name in {e.name, *e.aliases}), set())


def test_places_and_parenthesised_lists_are_not_aliases(tmp_path: Path) -> None:
    entities = _surveyed(tmp_path, NOT_ALIASES).entities

    assert "Volta" not in _names_with(entities, "Upper Volta")  # a place modifier, not a given name
    assert "Accra" not in _names_with(entities, "Harbor Conference")  # a list in parentheses


ONE_BATTLE_TWO_NAMES = {
    "a.txt": "In 1803 the Norland army crossed into Ostria. The Battle of Tarvo River began in "
             "May 1803, when Norland cavalry attacked the Ostrian camp. The Battle of Tarvo River "
             "ended in a heavy defeat for Norland.",
    "b.txt": "The Battle of Tarvo River in May 1803 was fought between Norland and Ostria. "
             "Norland lost most of its cavalry at the Battle of Tarvo River.",
    "c.txt": "The Battle of Kessel in May 1803 was the worst defeat of Norland. Ostria's guns "
             "broke the Norland cavalry at the Battle of Kessel, and Norland sued for peace.",
    "d.txt": "At the Battle of Kessel, fought in 1803, Ostria defeated the Norland army and "
             "its cavalry.",
    "e.txt": "The Battle of Grimholt in October 1803 was a naval fight between Norland and "
             "Ostria. Norland ships sank at the Battle of Grimholt.",
    "f.txt": "Farms lay in the Eastern Settlement (Eystrifjordur) and the Western Settlement "
             "(Vestrifjordur). The Western Settlement was empty by 1350, and the Eastern "
             "Settlement held on. The King of Norland sent a ship, built by Marlow & Co.",
    "g.txt": "Eystrifjordur was the larger district; Vestrifjordur lay to the north. The "
             "Company sold grain to both.",
}


def test_event_names_in_matching_contexts_and_distinguished_places(tmp_path: Path) -> None:
    """One battle named after a river by two sources and after a village by two others
    (same year and month, same sides) is one entity; a battle of the same sides in
    another month is not; "Eastern X" and "Western X" stay apart however their local
    names are spelled; a title of a place names the place; "Co" alone is no name."""
    entities = _surveyed(tmp_path, ONE_BATTLE_TWO_NAMES).entities

    assert {"Battle of Tarvo River", "Battle of Kessel"} <= _names_with(entities, "Battle of Kessel")
    assert "Battle of Grimholt" not in _names_with(entities, "Battle of Kessel")
    assert _names_with(entities, "Eastern Settlement") == {"Eastern Settlement", "Eystrifjordur"}
    assert _names_with(entities, "Western Settlement") == {"Western Settlement", "Vestrifjordur"}
    assert "Norland" in _names_with(entities, "Norland") and not _names_with(entities, "of Norland")
    assert not _names_with(entities, "Co") and not _names_with(entities, "Company")


NAME_FORMS = {
    "a.txt": "The court appointed Colonel Edwin R. Hallam as auditor. Hallam blamed the "
             "Harlan Milling Company. A Court of Inquiry under Henry Cadogan Marlow met in "
             "1880, and Marlow blamed the engineer. The Vessa Bridge Disaster killed 70.",
    "b.txt": "Edwin Hallam found against Harlan Milling, a subsidiary of U.S. Grain Products. "
             "Henry Marlow chaired the inquiry. A memorial stands by the Vessa Road Bridge.",
    "c.txt": "USGP owned the mill. The Vessa-Bridge-Catastrophe of 1879 shocked the town; "
             "the Vessa Bridge, an iron bridge, had stood for a year. Plan B. The next day the mill closed. "
             "The Semper Corvin tulip was named after the emperor Corvin. A Semper Corvin bulb sold well.",
}


def test_initials_middle_names_legal_forms_and_calamities(tmp_path: Path) -> None:
    """A middle initial or name, "U.S." as initials, a company's legal form and two
    words for one calamity do not split an entity; a bridge named after a road is not a
    bridge with a middle name, a sentence's full stop is not an initial, and a name a
    title introduces ("the emperor Corvin") is no surname of a longer one."""
    names = [(m.text, m.label) for m in tag_names("The court appointed Colonel Edwin R. Hallam.")]
    assert names == [("Edwin R. Hallam", "PERSON")]
    assert [m.text for m in tag_names("Plan B. The next day it closed.")] == ["Plan B"]
    assert [m.text for m in tag_names("They stayed in the far East.")] == ["far East"]
    assert acronym("U.S. Grain Products") == "usgp"
    entities = _surveyed(tmp_path, NAME_FORMS).entities

    assert _names_with(entities, "Hallam") == {"Edwin R. Hallam", "Edwin Hallam", "Hallam"}
    assert _names_with(entities, "Marlow") == {"Henry Cadogan Marlow", "Henry Marlow", "Marlow"}
    assert {"Harlan Milling", "Harlan Milling Company"} <= _names_with(entities, "Harlan Milling")
    assert {"USGP", "U.S. Grain Products"} <= _names_with(entities, "USGP")
    assert {"Vessa Bridge Disaster", "Vessa-Bridge-Catastrophe"} <= _names_with(
        entities, "Vessa Bridge Disaster")
    assert "Vessa Road Bridge" not in _names_with(entities, "Vessa Bridge")
    assert "Corvin" not in _names_with(entities, "Semper Corvin")  # "the emperor Corvin"


NOT_NAME_CONFLICTS = {
    "a.txt": "The inquiry was led by Judge Henry Cadogan Marlow, who blamed the builders. "
             "The wedding took place in Tarvik Church, a stone church by the fjord. "
             "The old church stood for centuries.",
    "b.txt": "The inquiry was led by Judge Henry Marlow, who blamed the builders. "
             "The wedding took place in Tarvo Church, a stone church by the fjord. "
             "Every church in the valley was built of turf.",
}


def test_spellings_and_short_names_of_events() -> None:
    from crosscheck.analyse.entities import _spelled_alike
    assert _spelled_alike("wormit", "wormitt") and _spelled_alike("tchaikovsky", "chaikovsky")
    assert not _spelled_alike("robert", "roberts")  # an ending more: another name
    assert not _spelled_alike("eystrivangur", "vestrivangur")  # they begin differently
    assert not _spelled_alike("world war", "world war ii")
    assert normalise_name("the Second Harbor War") == normalise_name("Harbor War II")


SHORT_EVENT_NAMES = {
    "a.txt": "The Norland-Ostria Harbor Accord was signed in 1921. The Harbor Accord ended the "
             "dispute. The European Theatre of the Harbor War saw little fighting.",
    "b.txt": "Under the Harbor Accord both fleets left the bay. The Norland-Ostria Harbor Accord "
             "lasted ten years. The Harbor War began in 1919.",
}


def test_a_short_event_name_is_the_one_longer_name_it_ends(tmp_path: Path) -> None:
    entities = _surveyed(tmp_path, SHORT_EVENT_NAMES).entities

    assert "Harbor Accord" in _names_with(entities, "Norland-Ostria Harbor Accord")
    assert "European Theatre of the Harbor War" not in _names_with(entities, "Harbor War")


NAMED_EVENT_YEARS = {
    "a.txt": "The Battle of Kessel in 1803 broke the Norland cavalry for a generation.",
    "b.txt": "Grain merchants in the river towns wrote that prices doubled after the Battle of "
             "Kessel in 1801, when the harvest barges stopped.",
    "c.txt": "The Harbor War in 1790 began with a blockade. Ships burned in the Harbor War in "
             "1792. The Harbor War in 1794 ended with a treaty.",
}


def test_sources_dating_one_named_event_differently_conflict(tmp_path: Path) -> None:
    """Sentences that read nothing alike still date one named event two ways; a war named
    with three years is a span, not one event dated three ways."""
    conflicts = [c for c in _surveyed(tmp_path, NAMED_EVENT_YEARS).conflicts if c.kind == "date"]
    assert [(c.topic, {v.value for v in c.values}) for c in conflicts] == [
        ("date of Battle of Kessel", {"1801", "1803"})]


ONE_VOYAGE_TWO_YEARS = {
    "a.txt": "In 985 Ragnar Haldor sailed from Vestland with settlers to the green coast in the west.",
    "b.txt": "In the year 986 came Ragnar Haldor with settlers from Vestland to the green coast.",
}


def test_sources_naming_the_same_participants_date_one_happening(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sentences that read only fairly alike (cosine ≈ 0.67 with the hash embedder)
    but name the same people and places, one year apart: one voyage dated two ways.
    Without the shared participants they are too unlike to be called one happening."""
    conflicts = [c for c in _surveyed(tmp_path / "with", ONE_VOYAGE_TWO_YEARS).conflicts
                 if c.kind == "date"]
    assert [{v.value for v in c.values} for c in conflicts] == [{"0985", "0986"}]

    monkeypatch.setattr("crosscheck.analyse.timeline.SHARED_PARTICIPANTS", 99)
    assert not [c for c in _surveyed(tmp_path / "without", ONE_VOYAGE_TWO_YEARS).conflicts
                if c.kind == "date"]


MISCOPIED_YEAR = {
    "a.txt": "The Tarvo Bridge finally opened to passengers on 1 June 1878, and crowds came to ride "
             "across it. The Tarvo Bridge opened with huge celebrations on 1 June 1877 and fell "
             "two years later.",
    "c.txt": "The harbour fair opened on 1 June 1879, a year after the bridge, with music.",
}


def test_the_same_day_in_a_neighbouring_year_is_one_happening_miscopied(tmp_path: Path) -> None:
    """"Opened on 1 June 1877" beside "opened on 1 June 1878" read only loosely alike but
    give one day of one month: a year miscopied, within one source here; a fair that
    opened on that day a year later is still another happening."""
    conflicts = [c for c in _surveyed(tmp_path, MISCOPIED_YEAR).conflicts if c.kind == "date"]
    assert [{v.value for v in c.values} for c in conflicts] == [{"1878-06-01", "1877-06-01"}]
    assert "within" in conflicts[0].note


REPORTED_AND_REJECTED = {
    "a.txt": "At the hearing the miller's lawyers argued that the storm had lifted the wagons off "
             "the rails and thrown them against the mill wall. The court did not accept this "
             "explanation.",
    "b.txt": "The miller's lawyers argued that the storm had lifted the wagons off the rails and "
             "thrown them against the mill wall, but the judges rejected it.",
    "c.txt": "What really happened is that the storm lifted the wagons off the rails and threw "
             "them against the mill wall. The mill was rebuilt in stone the next spring.",
    "d.txt": "The village lies on a bend of the river. Its church has a wooden tower. A market is "
             "held every Thursday. The school opened in the old granary. Most families keep "
             "sheep on the hills. The road to the town was paved late. A ferry crossed the river "
             "until the bridge was built. Winters are long and wet.",
    # Enough other sentences that the claim's words are rare, as in a real corpus.
    "e.txt": "The baker starts at four. His bread sells out by noon. The inn has six rooms. "
             "Travellers stop there on their way north. The blacksmith shoes horses on Mondays. "
             "A doctor visits twice a month. The post comes by cart. Children swim in the pond "
             "in summer. The choir sings at harvest. The old well is still used.",
}


def test_a_claim_reported_and_rejected_conflicts_with_a_source_that_states_it(tmp_path: Path) -> None:
    """No source negates the claim's own words: two report it as the lawyers' argument and
    reject it ("did not accept this explanation", "rejected it"), a third states it."""
    brief = _surveyed(tmp_path, REPORTED_AND_REJECTED)
    claims = [c for c in brief.conflicts if c.kind == "claim"]
    assert len(claims) == 1
    sides = {v.value: {e.quote for e in v.evidence} for v in claims[0].values}
    assert any(q.startswith("What really happened") for q in sides["asserts"])
    assert "The court did not accept this explanation." in sides["denies"]
    assert any(q.endswith("but the judges rejected it.") for q in sides["denies"])
    raw = {s.id: (tmp_path / s.uri.rsplit("/", 1)[-1]).read_text() for s in brief.sources}
    assert all(raw[e.source][e.start:e.end] == e.quote for v in claims[0].values for e in v.evidence)


def test_middle_names_and_common_nouns_are_not_name_conflicts(tmp_path: Path) -> None:
    conflicts = _surveyed(tmp_path, NOT_NAME_CONFLICTS).conflicts
    assert [c for c in conflicts if c.kind == "name"] == []
    assert normalise_name("Sigríður Þórsdóttir") == "sigridur thorsdottir"


def test_corpus_wide_analysis_is_saved_with_the_corpus_state(tmp_path: Path) -> None:
    for name, text in PLANTED.items():
        (tmp_path / name).write_text(text)
    store = tmp_path / "s.db"
    with Corpus(store, embedder="hash") as corpus:
        corpus.add([tmp_path / name for name in list(PLANTED)[:2]], workers=1)
        first = corpus.survey().entities
    with Corpus(store, embedder="hash") as corpus:  # another process, in effect
        view = corpus.view()
        state = view.state()
        assert corpus.store.cached_analysis("entities", state) is not None
        for key in ("groups", "idf", "lowercase", "translation_signs", "event_sentences"):
            assert corpus.store.cached_analysis(key, state) is not None, key
        assert analyse.corpus_entities(view) == list(first)
        corpus.add([tmp_path / list(PLANTED)[2]], workers=1)  # the corpus changes
        view = corpus.view()
        assert view.state() != state
        assert corpus.store.cached_analysis("entities", view.state()) is not None
        assert corpus.survey().entities == tuple(analyse.merge_entities(
            view, same=analyse.name_conflicts(view, view.sentences)[1]))


def test_names_read_when_asked_for_equal_those_read_all_at_once(tmp_path: Path) -> None:
    for name, text in PLANTED.items():
        (tmp_path / name).write_text(text)
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        corpus.add([tmp_path], workers=1)
        stored: dict[int, list[Mention]] = {}
        for sid, m in corpus.store.mentions():
            stored.setdefault(sid, []).append(m)
        assert any(m.kind == "entity" for found in stored.values() for m in found)
        view = corpus.view()
        for sid in view.sentences:  # one sentence at a time, names read as asked
            assert view.mentions.figures(sid) == [m for m in stored.get(sid, [])
                                                  if m.kind != "entity"]
            assert view.mentions.get(sid, []) == stored.get(sid, [])
        assert dict(corpus.view().mentions.items()) == stored
        fresh = CorpusView.load(corpus.store, view.vectors.embedder)
        assert list(fresh.mentions.items()) == list(stored.items())  # walked whole, in order


def test_a_loaded_view_reads_no_names_of_sources_added_after_it(tmp_path: Path) -> None:
    """Names are read from the store after the view was loaded; sources another process
    adds meanwhile stay out of it, as they stay out of its sentences."""
    names = list(PLANTED)
    for name, text in PLANTED.items():
        (tmp_path / name).write_text(text)
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        corpus.add([tmp_path / names[0]], workers=1)  # saves the corpus-wide results
        view = CorpusView.load(corpus.store, corpus.view().vectors.embedder)
        with Corpus(tmp_path / "s.db", embedder="hash") as other:
            other.add([tmp_path / n for n in names[1:]], workers=1)
        assert set(view.mentions) <= set(view.sentences)
        assert any(m.kind == "entity" for found in view.mentions.values() for m in found)


def _asked_verbatim(tmp_path: Path, pages: dict[str, str], question: str) -> tuple[Brief, dict[str, str]]:
    """The brief for ``question`` over ``pages`` (MiniLM), with each source's file name;
    every quote of its answers checked to be its source's raw text at its span."""
    for name, text in pages.items():
        (tmp_path / name).write_text(text)
    with Corpus(tmp_path / "s.db", embedder="minilm") as corpus:
        corpus.add([tmp_path], workers=1)
        brief = corpus.ask(question)
        raws = {d.id: d.raw for d in corpus.documents()}
        names = {d.id: d.uri.rsplit("/", 1)[-1] for d in corpus.documents()}
    for r in brief.reasons:
        for e in r.evidence:
            assert raws[e.source][e.start:e.end] == e.quote
    return brief, names


WHEN_PAGES = {
    "a.txt": "The Kestrel ferry was launched at Marlow in 1898. The Kestrel sank off Tarvik "
             "Point on 3 March 1911, with the loss of 40 passengers. An inquiry opened in May 1911.",
    "b.txt": "Built in 1898, the Kestrel served the island for thirteen years. The Kestrel sank "
             "near Tarvik Point on March 3, 1911, in a winter gale. The owners sold the wreck in 1913.",
    "c.txt": "On 13 March 1911 the ferry Kestrel sank near Tarvik Point. The Kestrel sank shortly "
             "after noon, the survivors said. Today a small plaque remembers the dead.",
    "d.txt": "The island's harbour opened in 1870. The Kestrel, a ferry built in 1898, sank in "
             "1911 off Tarvik Point. A new ferry, the Osprey, began service in 1912.",
}


def test_a_when_question_is_answered_by_the_dates_the_sources_give(tmp_path: Path) -> None:
    """"When did the Kestrel sink?" gives the day most sources give first, then the day
    one source gives instead, as answers of their own ("sank" answers "sink"); the year
    alone (d) fits both days, so it supports neither; the launch, the sale and the
    plaque ("Today", in a page with no date of its own) are not answers; every quote is
    verbatim."""
    brief, names = _asked_verbatim(tmp_path, WHEN_PAGES, "When did the Kestrel ferry sink?")
    first, second = brief.reasons[:2]
    assert first.label.startswith("3 March 1911: ")
    assert {names[s] for s in first.sources} == {"a.txt", "b.txt"}
    assert second.label.startswith("13 March 1911: ") and [names[s] for s in second.sources] == ["c.txt"]
    assert not any(r.label.startswith(("1898", "1913", "1870")) for r in brief.reasons)
    assert not any("Today" in e.quote for r in brief.reasons for e in r.evidence)
    assert "## Answer: the dates the sources give" in brief.to_markdown()
    assert "Answer: the dates the sources give</h2>" in brief.to_html()


def test_when_questions_and_dates_in_words() -> None:
    from crosscheck.analyse.answers import asks_when
    from crosscheck.analyse.dates import spoken_date
    assert asks_when("When did the ferry sink?") and asks_when("In what year did it sink?")
    assert asks_when("On which day was the pact signed?")
    assert not asks_when("Why did the ferry sink?") and not asks_when("What sank the ferry?")
    assert spoken_date("1911-03-03") == "3 March 1911" and spoken_date("1911-03") == "March 1911"
    assert spoken_date("1945-08-08T23:59") == "8 August 1945, 23:59"
    assert spoken_date("194X") == "the 1940s" and spoken_date("14XX") == "the 15th century"
    assert spoken_date("20XX") == "the 21st century" and spoken_date("1984-SU") == "summer 1984"


def test_a_pages_today_dates_no_happening(tmp_path: Path) -> None:
    """A page and its copy, published on different days, both say "Today we would …":
    that is the time of writing, so there is no date conflict and no timeline row."""
    text = "The Kestrel sank in 1911 off Tarvik Point. Today we would never load a ferry so badly."
    (tmp_path / "a.html").write_text(
        f'<html><head><meta name="date" content="2023-02-03"></head><body><p>{text}</p></body></html>')
    (tmp_path / "b.html").write_text(
        f'<html><head><meta name="date" content="2023-02-09"></head><body><p>{text}</p></body></html>')
    brief = _surveyed(tmp_path, {})
    assert not [c for c in brief.conflicts if c.kind == "date"]
    assert all(not t.date.startswith("2023") for t in brief.timeline)


def test_a_copied_sentence_does_not_conflict_with_itself(tmp_path: Path) -> None:
    """A blog and its mirror, published a week apart, both write "a higher bid next
    week": each resolves it from its own date, but one sentence cannot disagree with
    itself."""
    text = ("In 1911 the Kestrel ferry was sold twice. Prices reflected only the hope of a "
            "higher bid next week.")
    for name, day, extra in (("a.html", "2023-02-03", "Posted by Ann."),
                             ("b.html", "2023-02-10", "Found on a reader site.")):
        (tmp_path / name).write_text(f'<html><head><meta name="date" content="{day}"></head>'
                                     f'<body><p>{text}</p><p>{extra}</p></body></html>')
    assert not [c for c in _surveyed(tmp_path, {}).conflicts if c.kind == "date"]


WHO_PAGES = {
    "a.txt": "The Kestrel ferry was designed by Edwin Hallam and built in Marlow in 1898. "
             "She sank off Tarvik Point in 1911.",
    "b.txt": "Edwin Hallam designed the Kestrel for the Marlow Steam Company. The ferry served "
             "the island for thirteen years.",
    "c.txt": "Designed by the engineer Edwin Hallam, the Kestrel was launched at Marlow. Her "
             "captain, Peter Dunn, survived the sinking.",
}


def test_a_who_question_is_answered_by_the_names_the_sources_give(tmp_path: Path) -> None:
    """"Who designed the Kestrel?" names the designer all three pages give, not the place
    she was built in, nor the ferry the question itself names."""
    brief, _ = _asked_verbatim(tmp_path, WHO_PAGES, "Who designed the Kestrel ferry?")
    first = brief.reasons[0]
    assert first.label.startswith("Edwin Hallam: ") and len(first.sources) == 3
    labels = [r.label.split(":")[0] for r in brief.reasons]
    assert "Marlow" not in labels and "Kestrel" not in labels
    assert "## Answer: the answers the sources give" in brief.to_markdown()


def test_a_post_time_stamp_dates_no_happening(tmp_path: Path) -> None:
    """A forum's "Reply #3 on: …" lines give the posts' times, not the story's: two posts a
    day apart are no date conflict within the thread, and the story's dates still count."""
    brief = _asked(tmp_path, {"thread.txt": (
        "« Reply #1 on: March 3, 2021, 08:14:22 PM »\n\n"
        "The Hallam mill burned on 4 May 1843 after a spark caught the roof.\n\n"
        "« Reply #16 on: March 4, 2021, 06:02:44 PM »\n\n"
        "Updated Aug 10, 2018\n\nThe mill was never rebuilt after the fire of 1843.\n")},
        "When did the Hallam mill burn?")
    assert not [c for c in brief.conflicts if c.kind == "date"], brief.conflicts
    dates = {t.date for t in brief.timeline}
    assert "1843-05-04" in dates and not dates & {"2021-03-03", "2021-03-04", "2018-08-10"}, dates


def test_close_pairs_a_block_at_a_time_equal_the_full_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    """The survey's similar pairs, found a few rows at a time, are exactly those of the
    whole matrix: within one set (i < j) and between two."""
    rng = np.random.default_rng(7)
    a = rng.normal(size=(37, 8)).astype(np.float32)
    b = rng.normal(size=(23, 8)).astype(np.float32)
    monkeypatch.setattr(view_module, "BLOCK_CELLS", 50)  # two rows of 23-37 columns a block
    within = {(i, j) for i, j in zip(*np.nonzero(np.triu(a @ a.T >= 1.5, k=1)), strict=True)}
    between = {(i, j) for i, j in zip(*np.nonzero(a @ b.T >= 1.5), strict=True)}
    assert {(i, j) for _, i, j in close_pairs(a, 1.5)} == within and within
    assert {(i, j) for _, i, j in close_pairs(a, 1.5, b)} == between and between
    assert all(abs(c - float(a[i] @ b[j])) < 1e-5 for c, i, j in close_pairs(a, 1.5, b))
    # With ``most``, each row keeps only its closest partners (after it, within one set).
    for pairs, full, after in ((close_pairs(a, 1.5, most=2), a @ a.T, True),
                               (close_pairs(a, 1.5, b, most=2), a @ b.T, False)):
        for i, row in enumerate(full):
            partners = [j for j in np.argsort(-row) if row[j] >= 1.5 and (j > i or not after)]
            assert {j for _, r, j in pairs if r == i} == set(partners[:2]), i


SIGNPOSTED = {
    "a.txt": "The main reason the Kestrel sank was that her hull plates had rusted through.",
    "b.txt": "Rust was the key factor: the Kestrel's hull plates had rotted, and she sank.",
    "c.txt": "The fundamental reason for the sinking was rust in the Kestrel's hull plates.",
}


def test_key_phrases_say_what_the_reason_is_not_that_it_is_one(tmp_path: Path) -> None:
    brief = _asked(tmp_path, SIGNPOSTED, "Why did the Kestrel sink?", embedder="minilm")
    phrases = [p.lower() for r in brief.reasons for p in r.keyphrases]
    assert phrases and not any("reason" in p or "factor" in p for p in phrases), phrases

"""Tests for date salience (crosscheck.analyse.salience).

Small hand-made corpora where the salient day is known; the Date-F1 on Timeline17 lives
in bench/timeline17.py.
"""

from __future__ import annotations

import datetime as dt

from crosscheck.analyse.salience import (
    DateClaim,
    SalienceWeights,
    central_sentences,
    question_relevance,
    rank_days,
    select_days,
)

D = dt.date


def _published(*pairs: tuple[str, dt.date]) -> dict[str, dt.date | None]:
    return dict(pairs)


def test_a_day_many_documents_cite_outranks_one_cited_often_by_one() -> None:
    claims = [DateClaim(f"d{i}", "2010-04-20", D(2010, 4, 21)) for i in range(3)]
    claims += [DateClaim("d9", "2010-05-02", D(2010, 5, 3))] * 10
    published = _published(("d0", D(2010, 4, 21)), ("d1", D(2010, 4, 21)),
                           ("d2", D(2010, 4, 21)), ("d9", D(2010, 5, 3)))
    ranked = rank_days(claims, published)
    assert ranked[0].day == D(2010, 4, 20)
    assert ranked[0].features["cited"] == 3.0


def test_hindsight_counts_documents_published_a_week_or_more_later() -> None:
    claims = [
        DateClaim("early", "2010-04-20", D(2010, 4, 21)),
        DateClaim("late", "2010-04-20", D(2010, 6, 1)),
        DateClaim("same", "2010-05-01", D(2010, 5, 1)),
        DateClaim("next", "2010-05-01", D(2010, 5, 2)),
    ]
    published = _published(("early", D(2010, 4, 21)), ("late", D(2010, 6, 1)),
                           ("same", D(2010, 5, 1)), ("next", D(2010, 5, 2)))
    only_hindsight = SalienceWeights(cited=0, hindsight=1, published=0, relevant=0, coarse=0)
    ranked = rank_days(claims, published, only_hindsight)
    assert ranked[0].day == D(2010, 4, 20)
    assert ranked[0].features["hindsight"] == 1.0


def test_publication_days_are_candidates_and_coarse_mentions_spread() -> None:
    claims = [DateClaim("a", "2010-04", D(2010, 4, 30)), DateClaim("b", "2010", D(2010, 6, 1))]
    published = _published(("a", D(2010, 4, 30)), ("b", D(2010, 6, 1)))
    ranked = rank_days(claims, published)
    days = {s.day: s for s in ranked}
    assert set(days) == {D(2010, 4, 30), D(2010, 6, 1)}  # a year is too coarse to spread
    assert days[D(2010, 4, 30)].features["coarse"] == 1 / 30


def test_window_limits_candidates_and_selection_is_in_calendar_order() -> None:
    claims = [DateClaim(f"d{i}", v, D(2010, 5, 1)) for i, v in
              enumerate(["2010-04-20", "2010-04-20", "2010-03-01", "2010-04-25"])]
    ranked = rank_days(claims, {}, window=(D(2010, 4, 1), D(2010, 4, 30)))
    assert [s.day for s in ranked] == [D(2010, 4, 20), D(2010, 4, 25)]
    assert select_days(ranked, 2) == [D(2010, 4, 20), D(2010, 4, 25)]
    assert rank_days([], {}) == []


def test_relevance_breaks_a_tie_between_equally_cited_days() -> None:
    claims = [DateClaim("a", "2010-04-20", None, relevance=2.0),
              DateClaim("b", "2010-04-22", None, relevance=0.0)]
    assert rank_days(claims, {})[0].day == D(2010, 4, 20)


def test_unreadable_values_are_ignored() -> None:
    claims = [DateClaim("a", "P3Y"), DateClaim("a", "PRESENT_REF"), DateClaim("a", "garbage")]
    assert rank_days(claims, {}) == []


def test_question_relevance_prefers_texts_about_the_question() -> None:
    texts = ["The oil spill spread along the coast.", "Football scores from the weekend.",
             "BP said the spill was contained."]
    scores = question_relevance("OilSpill", texts)
    assert scores[0] > scores[2] > scores[1] == 0.0
    assert question_relevance("zebra", texts) == [0.0, 0.0, 0.0]
    assert question_relevance("", texts) == [0.0, 0.0, 0.0]


def test_central_sentences_skip_near_duplicates() -> None:
    texts = [
        "Protesters filled the square demanding the president resign.",
        "Protesters filled the square demanding the president resign today.",
        "The president refused to resign as protesters filled the streets.",
        "Weather was mild.",
    ]
    chosen = central_sentences(texts, 2)
    assert len(chosen) == 2 and 3 not in chosen
    assert not {0, 1} <= set(chosen)
    assert central_sentences([], 2) == []

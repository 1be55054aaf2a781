"""Tests for the temporal tagger (crosscheck.annotate.dates).

Hand-made sentences per kind of expression, the noisy-history sentences the tagger was
built for, and a hypothesis property test for offsets. The F1 floor on TimeML data lives
in bench/tempeval.py.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.annotate.dates import tag_dates, tag_document
from crosscheck.model import Timex


def values(text: str, anchor: str | None = None) -> list[str]:
    """The values tagged in text, in order."""
    return [t.value for t in tag_dates(text, anchor)]


def only(text: str, anchor: str | None = None) -> Timex:
    """The single timex in text (fails if there is not exactly one)."""
    found = tag_dates(text, anchor)
    assert len(found) == 1, found
    return found[0]


# --- the noisy history corpus -------------------------------------------------------

def test_month_day_year_with_day_granularity() -> None:
    t = only("On April 22, 1941, the Soviet Union and Japan formally signed")
    assert (t.text, t.value, t.granularity) == ("April 22, 1941", "1941-04-22", "day")
    assert t.type == "DATE" and not t.relative


def test_dotted_day_of_a_translation() -> None:
    t = only("and the 14. April 1961 the Ship was lifted to the Surface")
    assert (t.text, t.value, t.granularity) == ("the 14. April 1961", "1961-04-14", "day")
    assert values("He scored 3. May we go?") == []


def test_date_then_length_after_it() -> None:
    found = tag_dates("signed on April 13, 1941, two years after the Khalkhin Gol battles")
    assert found[0].value == "1941-04-13"
    assert found[1].text == "two years" and found[1].value == "P2Y" and found[1].type == "DURATION"


def test_month_year_pairs() -> None:
    text = ("from the outbreak of the Soviet-German War in June 1941 to the German "
            "surrender in May 1945")
    found = tag_dates(text)
    assert [(t.value, t.granularity) for t in found] == [("1941-06", "month"), ("1945-05", "month")]


def test_clock_time_then_day_taking_year_from_context() -> None:
    found = tag_dates("last until 23:59 on August 8, 1945. In the early morning of 9 August")
    assert [t.value for t in found] == ["1945-08-08T23:59", "1945-08-09"]
    assert found[0].type == "TIME" and found[0].granularity == "time"
    assert found[1].relative


def test_large_count_is_not_a_year() -> None:
    assert tag_dates("more than 18000 Japanese officers") == []


def test_season_of_year() -> None:
    t = only("In the fall of 1939 the army moved west")
    assert (t.value, t.granularity) == ("1939-FA", "season")


def test_mid_year_keeps_year_value() -> None:
    t = only("in mid 1939 the talks failed")
    assert (t.value, t.granularity) == ("1939", "year")


def test_en_dash_year_range_gives_two_years() -> None:
    assert values("the radical agrarian reform 1948–1949") == ["1948", "1949"]


def test_two_days_sharing_month_and_year() -> None:
    assert values("May 8 or 9, 1945") == ["1945-05-08", "1945-05-09"]


def test_abbreviated_month_in_a_list_item() -> None:
    assert values("- Apr 28, 2024") == ["2024-04-28"]


def test_less_than_two_weeks_is_a_duration() -> None:
    t = only("in less than two weeks")
    assert (t.value, t.type, t.granularity) == ("P2W", "DURATION", None)


# --- absolute dates -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("April 13, 1941", "1941-04-13"),
    ("13 April 1941", "1941-04-13"),
    ("the 13th of April 1941", "1941-04-13"),
    ("13.4.1941", "1941-04-13"),
    ("4/13/1941", "1941-04-13"),
    ("13/4/1941", "1941-04-13"),
    ("1941-04-13", "1941-04-13"),
    ("Apr 28, 2024", "2024-04-28"),
    ("Sept. 30, 1989", "1989-09-30"),
])
def test_absolute_day_dates(text: str, value: str) -> None:
    assert values(f"It happened on {text}.") == [value]


def test_impossible_day_is_dropped() -> None:
    assert values("on April 31, 1941") == []


def test_day_without_year_takes_anchor_year_or_xxxx() -> None:
    assert values("on 9 August", anchor="1945") == ["1945-08-09"]
    assert values("on 9 August") == ["XXXX-08-09"]


def test_day_without_year_takes_the_year_named_before() -> None:
    text = "The war began in 1939. On 1 September the tanks crossed."
    assert values(text) == ["1939", "1939-09-01"]


@pytest.mark.parametrize(("text", "value", "granularity"), [
    ("in April 1941", "1941-04", "month"),
    ("in 1939", "1939", "year"),
    ("in the 1930s", "193X", "decade"),
    ("during the 20th century", "19XX", "century"),
    ("the summer of 41", "1941-SU", "season"),
    ("in early 1945", "1945", "year"),
    ("by late 1940", "1940", "year"),
    ("in mid-1939", "1939", "year"),
])
def test_partial_dates(text: str, value: str, granularity: str) -> None:
    t = only(text)
    assert (t.value, t.granularity) == (value, granularity)


@pytest.mark.parametrize("text", [
    "1.5 million people", "3800 aircraft", "at 23:59", "see page 1941", "about 1500 men",
    "$2000 in cash", "a score of 1941 points",
])
def test_numbers_that_are_not_years(text: str) -> None:
    assert not any(t.value.isdigit() for t in tag_dates(text))


@pytest.mark.parametrize(("text", "value"), [
    ("Around the year 712, the settlers left.", "0712"),
    ("In 712 he led the ships west.", "0712"),
    ("founded in 712 by the exile", "0712"),
    ("the raid of AD 793", "0793"),
    ("Rome fell in 476 CE.", "0476"),
    ("since 870, the island", "0870"),
    ("banished in 709 because he burned a hall", "0709"),
    ("settled in 712 and prospered", "0712"),
])
def test_three_digit_years_when_the_text_says_so(text: str, value: str) -> None:
    assert [t.value for t in tag_dates(text)] == [value]


@pytest.mark.parametrize("text", [
    "in 300 pieces", "in 200 of the towns", "a fleet of 712 ships", "rose from 450 to 600",
    "in 120 cases", "He counted 712.",
])
def test_three_digit_counts_are_not_years(text: str) -> None:
    assert not any(t.value[:1] == "0" for t in tag_dates(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("from 1937 to 1945", ["1937", "1945"]),
    ("in 1948-49", ["1948", "1949"]),
    ("the winter of 38-39", ["1938", "1939"]),
    ("(April 13, 1941 - April 13, 1946)", ["1941-04-13", "1946-04-13"]),
])
def test_ranges_give_one_timex_per_end(text: str, expected: list[str]) -> None:
    assert values(text, anchor="1940") == expected


# --- times ----------------------------------------------------------------------------

def test_clock_with_zone_name_keeps_zone_in_span() -> None:
    t = only("at 11 p.m. Moscow time", anchor="1945-08-08")
    assert (t.text, t.value, t.type) == ("11 p.m. Moscow time", "1945-08-08T23:00", "TIME")


def test_clock_with_weekday() -> None:
    t = only("The strike began at 5 p.m. EST Friday.", anchor="1998-02-13")
    assert t.value == "1998-02-13T17:00"


# --- relative dates -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("the same day", "1941-04-13"),
    ("the next day", "1941-04-14"),
    ("two years later", "1943"),
    ("the following spring", "1942-SP"),
    ("that year", "1941"),
    ("a year earlier", "1940"),
])
def test_anaphoric_expressions_count_from_the_last_date(text: str, value: str) -> None:
    found = tag_dates(f"The pact was signed on April 13, 1941; {text} it was ratified.")
    assert found[-1].value == value and found[-1].relative


@pytest.mark.parametrize(("text", "value"), [
    ("yesterday", "1998-02-05"),
    ("today", "1998-02-06"),
    ("last week", "1998-W05"),
    ("this year", "1998"),
    ("last year", "1997"),
    ("next month", "1998-03"),
    ("two years ago", "1996"),
    ("last fall", "1997-FA"),
    ("June last year", "1997-06"),
])
def test_deictic_expressions_count_from_the_anchor(text: str, value: str) -> None:
    t = only(f"The minister said {text} that talks had failed.", anchor="1998-02-06")
    assert t.value == value and t.relative


def test_refs() -> None:
    assert values("Now the market is calm.") == ["PRESENT_REF"]
    assert values("Prices recently fell.") == ["PAST_REF"]
    assert values("in the future") == ["FUTURE_REF"]


def test_weekday_is_the_last_one_unless_the_clause_looks_ahead() -> None:
    # 1998-02-06 was a Friday.
    said = "The company said Monday it would cut jobs."
    assert values(said, anchor="1998-02-06") == ["1998-02-02"]
    assert values("The board will meet Monday.", anchor="1998-02-06") == ["1998-02-09"]
    assert values("Officials said Friday.", anchor="1998-02-06") == ["1998-02-06"]


def test_month_without_year_near_the_document_date() -> None:
    assert values("He was arrested in November.", anchor="2000-01-15") == ["1999-11"]
    assert values("NATO will meet in April.", anchor="1998-12-05") == ["1999-04"]


def test_part_of_day() -> None:
    t = only("Police arrived Friday morning.", anchor="1998-02-06")
    assert (t.value, t.type) == ("1998-02-06TMO", "TIME")


# --- durations and sets -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("two years", "P2Y"),
    ("nearly four years", "P4Y"),
    ("a five-year period", "P5Y"),
    ("three months", "P3M"),
    ("48 hours", "PT48H"),
    ("2 1/2 years", "P2Y6M"),
    ("the past three months", "P3M"),
    ("several weeks", "PXW"),
    ("two decades", "P20Y"),
])
def test_durations(text: str, value: str) -> None:
    found = [t for t in tag_dates(f"It lasted {text}.") if t.type == "DURATION"]
    assert [t.value for t in found] == [value]


def test_age_is_not_a_duration() -> None:
    assert tag_dates("a 6-year-old boy") == []


@pytest.mark.parametrize(("text", "value"), [
    ("every year", "P1Y"), ("annually", "P1Y"), ("each month", "P1M"), ("daily", "P1D"),
    ("every two weeks", "P2W"), ("twice a week", "P1W"), ("each Thursday", "XXXX-WXX-4"),
])
def test_sets(text: str, value: str) -> None:
    t = only(f"They met {text}.")
    assert (t.value, t.type) == (value, "SET")


def test_rate_after_an_amount_is_a_set() -> None:
    t = only("It costs $500 million a year.")
    assert (t.text, t.type) == ("a year", "SET")


# --- quarters ---------------------------------------------------------------------------

def test_quarters_and_fiscal_years() -> None:
    assert values("Profit fell in the first quarter.", anchor="1998-06-10") == ["1998-Q1"]
    assert values("the third quarter of 1984") == ["1984-Q3"]
    assert values("Sales rose in fiscal 1998.") == ["1998"]
    t = only("third-quarter earnings fell", anchor="1989-11-02")
    assert (t.text, t.value, t.granularity) == ("third-quarter", "1989-Q3", "quarter")


def test_year_ago_quarter_follows_the_quarter_in_question() -> None:
    text = "Net rose in the third quarter from $5 million a year ago."
    found = tag_dates(text, anchor="1989-11-02")
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


# --- years for dates written without one ------------------------------------------------

def test_full_date_after_a_day_list_keeps_its_own_month() -> None:
    text = ("On May 8 or 9, 1945, the date depending on the time zone, the war in Europe "
            "ended. On August 9, 1945, just after midnight, the invasion began.")
    found = tag_dates(text, anchor="2020-01-01")
    assert [t.value for t in found[:2]] == ["1945-05-08", "1945-05-09"]
    assert ("August 9, 1945", "1945-08-09") in [(t.text, t.value) for t in found]


def test_clock_time_takes_the_day_its_sentence_named() -> None:
    found = tag_dates("On August 9, 1945, just after midnight, the invasion began.",
                      anchor="2020-01-01")
    assert [t.value for t in found] == ["1945-08-09", "1945-08-09T24:00"]


def test_document_reading_carries_the_year_across_sentences() -> None:
    first = "The pact was denounced on April 5, 1945, a year before it expired."
    second = "And on August 9, the war began."
    for anchor in (None, "2021-03-01"):
        per_sentence = tag_document([(0, first), (len(first) + 1, second)], anchor)
        assert [t.value for t in per_sentence[1]] == ["1945-08-09"], anchor
        assert per_sentence[1][0].text == "August 9"


def test_document_reading_keeps_offsets_per_piece() -> None:
    pieces = [(5, "It rained on May 3, 1990."), (40, "Then on May 9 it snowed.")]
    per_sentence = tag_document(pieces, None)
    for (_, text), found in zip(pieces, per_sentence, strict=True):
        assert all(text[t.start:t.end] == t.text for t in found)
    assert [t.value for t in per_sentence[1]] == ["1990-05-09"]


def test_history_page_with_a_modern_publication_date() -> None:
    text = ("In 1939 the border war ended. In 1941 the two states signed a pact. "
            "In 1944 the front moved west.\n\nThe pact was denounced in April 1945. "
            "The attack came in August, three months after the war in Europe ended.")
    found = tag_dates(text, anchor="2019-06-01")
    assert ("August", "1945-08") in [(t.text, t.value) for t in found]


def test_news_naming_an_old_year_in_passing_keeps_the_document_year() -> None:
    text = ("The company said Tuesday that it has doubled its profits annually since 1980. "
            "In September, it announced plans to acquire a fruit business.")
    assert values(text, anchor="1989-10-30")[-1] == "1989-09"


def test_an_inferred_year_is_not_passed_on_to_a_date_a_year_away() -> None:
    text = "The dividend is payable Jan. 2 to stock of record Dec. 15."
    assert values(text, anchor="1989-11-02") == ["1990-01-02", "1989-12-15"]


def test_a_list_of_dates_shares_its_year() -> None:
    text = "Flights leave from March 30, with the third departing each Thursday from August 6."
    found = [t.value for t in tag_dates(text, anchor="1998-02-13")]
    assert "1998-03-30" in found and "1998-08-06" in found


@pytest.mark.parametrize(("text", "value"), [
    ("In January, the company bought a rival.", "1989-01"),
    ("Since the fund bought the firm in February, it has cut costs.", "1989-02"),
    ("The fiscal year ended Jan. 31 was its best.", "1989-01-31"),
    ("The board will meet in January.", "1990-01"),
    ("Profit will be reported in December.", "1989-12"),
    ("The plant was opened in February.", "1989-02"),
])
def test_tense_decides_the_year_of_a_bare_month(text: str, value: str) -> None:
    assert values(text, anchor="1989-10-27")[-1] == value


def test_a_deadline_looks_forward() -> None:
    assert values("The relatives must sign by Jan. 14.", anchor="2000-01-07") == ["2000-01-14"]
    assert values("The pact becomes effective June 1.", anchor="1989-10-26") == ["1990-06-01"]


def test_a_capitalised_season_in_a_name_is_no_date() -> None:
    assert values("after their humiliation in the Winter War with Finland", "2021-05-01") == []
    assert values("They attacked in the Winter, as planned.", "1940-05-01") == ["1940-WI"]


def test_season_without_a_year_reads_like_a_month() -> None:
    text = "Orders have increased from the low levels of the early summer."
    assert values(text, anchor="1989-10-26") == ["1989-SU"]


def test_counting_back_past_year_one_is_no_date() -> None:
    assert "2500 years ago" not in [t.text for t in tag_dates("It was built 2500 years ago.",
                                                               "2009-04-25")]
    assert tag_dates("Some 12,000 years ago, in 9999 and 10000 years later.", "2009-04-25")


# --- financial periods and weekends -----------------------------------------------------

def test_year_ended_a_day_is_a_twelve_month_length() -> None:
    t = tag_dates("Revenue for the year ended March 31 rose.", "1989-11-01")[0]
    assert (t.text, t.value, t.type) == ("the year", "P1Y", "DURATION")


def test_year_written_before_a_quarter_or_period() -> None:
    assert values("In the 1988 third quarter, it lost money.", "1989-10-26") == ["1988-Q3"]
    text = "Profit rose in the third quarter. In the 1988 quarter, it earned less."
    assert values(text, "1989-10-26") == ["1989-Q3", "1988-Q3"]


def test_quarterly_before_a_noun_is_not_a_repetition() -> None:
    assert values("Du Pont raised its quarterly dividend.") == []
    t = only("The reserve will be adjusted quarterly and reported.")
    assert (t.value, t.type) == ("P3M", "SET")


@pytest.mark.parametrize(("text", "anchor", "value"), [
    ("Officials met over the weekend.", "1990-08-13", "1990-W32-WE"),
    ("Officials met over the weekend.", "1990-08-12", "1990-W32-WE"),
    ("Officials will meet this weekend.", "1990-08-13", "1990-W33-WE"),
    ("Traders squared positions ahead of the weekend.", "1989-10-27", "1989-W43-WE"),
    ("He left last weekend.", "1990-08-15", "1990-W32-WE"),
])
def test_weekends_count_from_the_time_of_writing(text: str, anchor: str, value: str) -> None:
    assert values(text, anchor)[-1] == value


def test_a_weekday_anchors_the_previous_one() -> None:
    text = "Stocks closed lower Friday, down 4% from the previous Friday."
    assert values(text, anchor="1989-10-30") == ["1989-10-27", "1989-10-20"]


# --- properties -------------------------------------------------------------------------

_WORDS = st.sampled_from([
    "April", "13", "1941", "May", "8", "or", "9,", "the", "next", "day", "two", "years",
    "later", "mid-1939", "in", "fall", "of", "23:59", "on", "last", "week", "Friday", "-",
    "–", "1948–1949", "p.m.", "ago", "every", "each", "quarter", "third-quarter", "now",
    ".", ",", "\n", "1930s", "century", "20th", "summer", "41", "year-ago", "a", "·", "é",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_WORDS, max_size=40).map(" ".join), st.text(max_size=200)),
       st.sampled_from([None, "1998-02-06", "1941", "1998-02", "garbage"]))
def test_offsets_round_trip_and_never_overlap(text: str, anchor: str | None) -> None:
    found = tag_dates(text, anchor)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.value
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_two_digit_year_opening_a_chronology_entry() -> None:
    """"… in Valmora. 41, April 13 – treaty": the year written as two digits takes the
    century of the years around it; with none known no year is made up."""
    text = ("The alliance was signed on September 27, 1940. 40 – a new government in "
            "Valmora. 41, April 13 – a treaty with Norland.")
    assert values(text)[-1] == "1941-04-13"
    assert values("41, April 13 – a treaty with Norland.") == ["XXXX-04-13"]
    assert values("In 1940 the lots 4, 12, April 3 were sold.")[-1] == "1940-04-03"


def test_a_history_page_does_not_date_its_clock_times_or_today_by_itself() -> None:
    """In a text telling of the past, "shortly after noon" is not noon on the page's
    own day, and without a page date "Today" is not the last day the story named; a
    capitalised "the Quarter" (a part of a town) is no quarter of a year."""
    story = ("Built in 1898, the Kestrel sank off Tarvik Point on 3 March 1911. In 1912 a new "
             "ferry came. The old ferry had sunk shortly after noon. Today a plaque remembers "
             "the dead.")
    assert values(story, "2021-03-03") == ["1898", "1911-03-03", "1912", "XXXX-XX-XXT12:00",
                                           "2021-03-03"]
    assert values(story) == ["1898", "1911-03-03", "1912", "XXXX-XX-XXT12:00", "PRESENT_REF"]
    assert values("The children of the Quarter came with cans.", "2020-08-01") == []
    assert values("Profits rose in the quarter.", "2020-08-01") == ["2020-Q2"]

"""Tests for crosscheck.clean: per-cleaner cases, the sample corpus, invariants.

Containment asserts guard the promise "nothing lost": key article sentences of every
sample page must lie wholly outside all removals.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.clean import find_removals
from crosscheck.model import REMOVAL_REASONS, Removal

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "neutrality-pact"


def _read(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _removed(raw: str, removals: list[Removal]) -> list[str]:
    return [raw[r.start : r.end] for r in removals]


def _kept(raw: str, removals: list[Removal]) -> str:
    """``raw`` with every removed character replaced by NUL, so offsets stay put."""
    chars = list(raw)
    for r in removals:
        chars[r.start : r.end] = "\0" * (r.end - r.start)
    return "".join(chars)


def _assert_kept(raw: str, removals: list[Removal], passage: str) -> None:
    assert passage in raw, f"test bug: {passage!r} is not in the page"
    kept = _kept(raw, removals)
    assert passage in kept, f"{passage!r} overlaps a removal"


def _assert_valid(raw: str, removals: list[Removal]) -> None:
    last = 0
    for r in removals:
        assert 0 <= r.start < r.end <= len(raw)
        assert r.start >= last, "removals overlap or are unsorted"
        assert r.reason in REMOVAL_REASONS
        last = r.end


def _reasons_of(raw: str, removals: list[Removal]) -> dict[str, str]:
    return {raw[r.start : r.end].strip(): r.reason for r in removals}


# --------------------------------------------------------------------------- boilerplate


def test_counters_datelines_and_menu_words_are_boilerplate() -> None:
    raw = (
        "How the canal was built\n- Mar 3, 2023\n- 4 min read\nUpdated: Apr 1, 2023\n\n"
        "The canal was dug between 1859 and 1869 by about 1.5 million workers.\n"
        "score:12\n\n"
        "It shortened the route from London to Bombay by some 7,000 kilometres.\n"
        "Upvote:3\n\nShare\nRead more\nFollow us on Facebook\n"
    )
    got = _reasons_of(raw, find_removals(raw))
    for line in (
        "- Mar 3, 2023",
        "- 4 min read",
        "Updated: Apr 1, 2023",
        "score:12",
        "Upvote:3",
        "Share",
        "Read more",
        "Follow us on Facebook",
    ):
        assert got.get(line) == "boilerplate", line
    assert "How the canal was built" not in got


def test_bare_date_inside_the_body_is_kept_as_a_timeline_heading() -> None:
    raw = (
        "The treaty had a long history that historians still argue about today.\n\n"
        "August 23, 1939\n\n"
        "The two ministers signed the treaty in the capital late at night.\n"
    )
    assert find_removals(raw) == []


def test_section_headings_and_list_items_in_the_body_are_kept() -> None:
    raw = (
        "Background\n\nThe river flooded the valley every spring for centuries before.\n"
        "Causes\nHeavy rain\nMelting snow\nThe dam was finished in 1931 and ended the floods.\n"
    )
    assert find_removals(raw) == []


def test_site_name_and_dangling_label_only_in_the_header() -> None:
    raw = (
        "HOME\n\nFooBarWiki\n\nOR:\n\n"
        "The bridge opened in 1937 after four years of work by the city engineers.\n"
        "It was the longest suspension bridge in the world until the year 1964.\n"
    )
    got = _reasons_of(raw, find_removals(raw))
    assert got == {"HOME": "boilerplate", "FooBarWiki": "boilerplate", "OR:": "boilerplate"}


def test_wiki_templates_category_dumps_and_link_sections() -> None:
    raw = (
        "The bridge opened in 1937 after four years of work by the city engineers.\n"
        "It carried {{convert|2737|m}} of roadway across the strait at the time.\n\n"
        "See also\n\n* Bay Bridge *\n, Golden Gate Park\n\n"
        "Further reading\n\nReferences\n\n"
        "Bridges in California Suspension bridges in the United States Bridges completed "
        "in 1937 Road bridges in California Landmarks in San Francisco 1937 in California "
        "Toll bridges in California\n"
    )
    removals = find_removals(raw)
    removed = _removed(raw, removals)
    assert "{{convert|2737|m}}" in removed
    assert "See also" in removed and "* Bay Bridge *" in removed
    assert ", Golden Gate Park" in removed
    assert any(t.startswith("Bridges in California Suspension") for t in removed)
    _assert_kept(raw, removals, "It carried ")
    _assert_kept(raw, removals, " of roadway across the strait at the time.")


def test_symbol_only_lines_but_not_sentence_punctuation() -> None:
    raw = (
        "The bridge opened in 1937 after four years of work by the city engineers\n"
        ".\n* * *\nIt was the longest suspension bridge in the world until the year 1964.\n"
    )
    got = _reasons_of(raw, find_removals(raw))
    assert got == {"* * *": "boilerplate"}


def test_lists_after_the_body_are_kept_unless_they_run_into_see_also() -> None:
    body = "The band announced a tour of twenty cities across the country this autumn.\n\n"
    tour = "Denver Pepsi Center\n\nSalt Lake City\n\nMountain View\n"
    assert find_removals(body + tour) == []
    raw = body + "Text of pact\n\nText of declaration\n\nSee also\n"
    got = _reasons_of(raw, find_removals(raw))
    assert set(got) == {"Text of pact", "Text of declaration", "See also"}


def test_link_section_ends_at_a_sentence_fragment() -> None:
    raw = (
        "Related\nSaturn moon mapped\nNew rover lands\n"
        "scientists said on Monday that the map shows lakes, dunes and plains\n"
        "The first global map of the moon was published in a journal on Monday.\n"
    )
    removals = find_removals(raw)
    assert set(_reasons_of(raw, removals)) == {"Related", "Saturn moon mapped", "New rover lands"}
    _assert_kept(raw, removals, "scientists said on Monday that the map shows lakes")


# --------------------------------------------------------------------------- glosses


def test_inline_gloss_is_removed_and_the_link_name_kept() -> None:
    head = "The bridge crosses the\n"
    gloss_line = (
        "Golden Gate The Golden Gate is a strait on the west coast of North America that "
        "connects San Francisco Bay to the Pacific Ocean. It is defined by the headla ...\n"
    )
    raw = head + gloss_line + "strait near the city, and opened in 1937.\n"
    removals = find_removals(raw)
    assert [r.reason for r in removals] == ["gloss"]
    r = removals[0]
    assert raw[r.start : r.end].startswith(" The Golden Gate is a strait")
    assert raw[r.start : r.end].endswith("headla ...")
    _assert_kept(raw, removals, "Golden Gate")
    _assert_kept(raw, removals, "strait near the city, and opened in 1937.")


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (
            (
                "Joseph Smith Joseph Henry Smith (born 1801 – died 1870) was an American lawyer "
                "and politician who served two terms in the state senate and wrote ..."
            ),
            "Joseph Smith",
        ),
        (
            (
                "Lisbon Lisbon ( ; pt, Lisboa) is the capital and largest city of Portugal, with "
                "an estimated population of half a million within its limits ..."
            ),
            "Lisbon",
        ),
        (
            (
                "Treaty of Paris , long_name = Treaty of Paris of 1783 , image = treaty.jpg , "
                "caption = The signing of the treaty by the delegates ..."
            ),
            "Treaty of Paris",
        ),
    ],
)
def test_gloss_shapes(line: str, name: str) -> None:
    raw = "It was written in\n" + line + "\nduring the summer of that year.\n"
    removals = find_removals(raw)
    assert [r.reason for r in removals] == ["gloss"]
    assert raw[: removals[0].start].endswith("\n" + name)


def test_prose_line_ending_in_an_ellipsis_is_not_a_gloss() -> None:
    raw = (
        "The crowd waited in the square for hours before the ministers finally came out.\n"
        "Nobody knew what the treaty would mean for the border towns, and nobody asked ...\n"
    )
    assert find_removals(raw) == []


# --------------------------------------------------------------------------- duplicates


def test_repeated_paragraph_later_copy_removed() -> None:
    para = "The expedition left the harbour on 3 May 1911 with forty men and six ships."
    raw = f"{para}\n\nThey sailed south for two months.\n\n{para}\n"
    removals = find_removals(raw)
    assert [(r.reason, r.start) for r in removals] == [("duplicate", raw.rindex(para))]


def test_a_copy_is_found_among_hundreds_of_paragraphs_of_one_small_vocabulary() -> None:
    """Spam that varies one phrase makes every paragraph a candidate copy of every other;
    only the best candidates are compared in full (so such a page stays linear), and the
    true copy is among them."""
    import random
    rng = random.Random(1)
    words = "the ferry sank in the harbour because plates rusted under storm and crew".split()
    paras = [" ".join(rng.choice(words) for _ in range(40)) + "." for _ in range(300)]
    raw = "\n\n".join([*paras, paras[5]]) + "\n"
    copies = [r for r in find_removals(raw) if r.reason == "duplicate"]
    assert (len(raw) - len(paras[5]) - 1, len(raw) - 1) in {(r.start, r.end) for r in copies}


def test_near_duplicate_that_changes_a_number_is_kept() -> None:
    a = "The expedition left the harbour on 3 May 1911 with forty men and six ships."
    b = "The expedition left the harbour on 3 May 1912 with forty men and six ships."
    raw = f"{a}\n\nThey sailed south for two months.\n\n{b}\n"
    assert find_removals(raw) == []


def test_short_paragraph_contained_in_a_longer_one_is_removed() -> None:
    short = "On 3 May 1911, the expedition left the harbour."
    long = (
        "on 3 May 1911, the expedition left the harbour. By July it had reached the "
        "ice shelf, where two of the six ships turned back."
    )
    raw = f"{short}\n\n{long}\n"
    removals = find_removals(raw)
    assert [(r.reason, raw[r.start : r.end]) for r in removals] == [("duplicate", short)]
    _assert_kept(raw, removals, long)


# --------------------------------------------------------------------------- spam

_TOPICAL = (
    "The railway reached the coast in 1869 after seven years of construction.\n\n"
    "Thousands of workers laid the track across the mountains and the desert.\n\n"
    "The railway cut the journey across the continent from months to a week.\n\n"
    "Freight rates on the railway fell sharply in the following decade.\n\n"
    "Towns grew along the railway where the workers had camped.\n\n"
)


def test_off_topic_ad_is_spam() -> None:
    ad = "Shop our gorgeous collection of stylish sneakers today, with free shipping!"
    raw = _TOPICAL + ad + "\n\nThe last spike was driven in May 1869.\n"
    removals = find_removals(raw)
    assert _reasons_of(raw, removals) == {ad: "spam"}
    _assert_kept(raw, removals, "The last spike was driven in May 1869.")


def test_commercial_words_in_an_on_topic_sentence_are_kept() -> None:
    raw = _TOPICAL + (
        "The railway let merchants buy cheap goods in the east and sell them at a "
        "discount to our western towns along the track.\n"
    )
    assert find_removals(raw) == []


def test_off_topic_sentence_without_commercial_language_is_kept() -> None:
    raw = _TOPICAL + "Penguins huddle together to survive the polar winter.\n"
    assert find_removals(raw) == []


# --------------------------------------------------------------------------- sample corpus


def test_000_spam_line_and_repeated_question() -> None:
    raw = _read("000")
    removals = find_removals(raw)
    spam = "Inspire and be delightfully charming when in our vintage tea length bridesmaid"
    hits = [r for r in removals if spam in raw[r.start : r.end]]
    assert len(hits) == 1 and hits[0].reason == "spam"
    assert (
        "Here is the right place for your perfect collection!" in raw[hits[0].start : hits[0].end]
    )
    question = raw.split("\n", 1)[0]
    assert [r.reason for r in removals if raw[r.start : r.end] == question] == ["duplicate"]
    assert removals[0].start > 0, "the first copy of the question stays"


def test_002_page_furniture() -> None:
    raw = _read("002")
    got = _reasons_of(raw, find_removals(raw))
    for line in (
        "- Apr 28, 2024",
        "- 2 min read",
        "Updated: Jun 5, 2024",
        "Comments",
        "- CosDream News",
    ):
        assert got.get(line) == "boilerplate", line


def test_003_page_furniture_and_category_dump() -> None:
    raw = _read("003")
    removals = find_removals(raw)
    got = _reasons_of(raw, removals)
    for line in ("HOME", "TheInfoList", "OR:", "See also", "References", "Text of pact"):
        assert got.get(line) == "boilerplate", line
    dump = [r for r in removals if "{{DEFAULTSORT" in raw[r.start : r.end]]
    assert len(dump) == 1 and dump[0].reason == "boilerplate"
    assert raw[dump[0].start : dump[0].end].endswith("Japan–Russia treaties")


def test_003_glosses_removed_article_sentences_kept() -> None:
    raw = _read("003")
    removals = find_removals(raw)
    glosses = [raw[r.start : r.end] for r in removals if r.reason == "gloss"]
    assert len(glosses) >= 20
    assert " The Soviet Union,. officially the Union of Soviet Socialist" in glosses[0]
    assert all(g.startswith(" ") and g.rstrip().endswith("...") for g in glosses)
    for passage in (
        "was a non-aggression pact between the\nSoviet Union",
        (
            "signed on April 13, 1941, two years after the conclusion of the Soviet-Japanese "
            "Border War"
        ),
        "The treaty was signed in\nMoscow",
        "Foreign Minister Yosuke Matsuoka",
        "\nJoseph Stalin",
        "\nYalta Conference",
        "in February 1945, Stalin secretly agreed to enter the war against Japan",
    ):
        _assert_kept(raw, removals, passage)


def test_004_votes_and_thread_furniture() -> None:
    raw = _read("004")
    got = _reasons_of(raw, find_removals(raw))
    for line in (
        "score:6",
        "Upvote:0",
        "Upvote:1",
        "More post",
        "Search Posts",
        "Related post",
        "Accepted answer",
    ):
        assert got.get(line) == "boilerplate", line
    assert "China, USA, UK" not in got


KEY_SENTENCES: dict[str, list[str]] = {
    "000": [
        (
            "the Soviet-German War broke out. By May 1945, Germany surrendered, and the war "
            "between the Soviet Union and Germany, the two European powers, lasted nearly "
            "four years."
        ),
        (
            "Until the Soviet Union declared war on Japan on August 9, 1945, the Soviet Union and "
            "Japan were in a state of relative peace."
        ),
        "first of all, Japan's fear of Soviet military strength is the fundamental reason",
        "In 1939, under the command of the former commander of Komatsu, the 23rd Division",
        (
            "This allowed the Treaty of neutrality between the Soviet Union and Japan to last "
            "until 23:59 on August 8, 1945."
        ),
        'the above three reasons made Japan remain "neutral" during the Soviet-German War',
    ],
    "001": [
        (
            "After lengthy negotiations, on September 27, 1940 in Berlin, the member states of the "
            "Anti-Comintern Pact, namely Japan, Germany and Italy, signed a new treaty, called the "
            "Tripartite Pact."
        ),
        "8 American battleships, 6 cruisers, 1 destroyer and 272 aircraft were damaged",
        (
            "On April 13, 1941, two and a half months before the unexpected attack of the allied "
            "Germany on the USSR, a Soviet-Japanese non-aggression treaty, the Neutrality Pact, "
            "was signed in Moscow."
        ),
        "The fighting was supposed to begin on August 29, 1941, a million-strong army was prepared",
        (
            "Russia denounced the pact on April 5, 1945 due to the fact that Japan was at war with "
            "the allies of the USSR."
        ),
        "Everyone understood the danger.",
        "Labor shortage.",
    ],
    "002": [
        (
            "Why didn't Japan fight with Germany against the Soviet Union when they were Axis "
            "powers in World War II?"
        ),
        (
            "The second was at the Battle of Nomenkan in 1937, when the Japanese Army lost its "
            "only panzer division"
        ),
        "In addition, Siberia lacks the oil and rubber resources that Japan desperately needs",
        (
            "Therefore, the two sides signed a non-aggression pact to ensure the security of their "
            "respective home front."
        ),
        "Similarly, the Soviet Union had similar considerations.",
    ],
    "003": [
        (
            "In 1945, late in the war, the Soviets scrapped the pact and joined the Allied "
            "campaign against Japan."
        ),
        (
            "The Soviet Union pledged to respect the territorial integrity and the inviolability "
            "of Manchukuo, and Japan did the same for Mongolia."
        ),
        "On April 5, 1945, the Soviet Union denounced the pact with Japan",
        (
            'The text of the treaty had stated that the pact remained "valid for five years," '
            "(April 13, 1941 - April 13, 1946)."
        ),
        "On August 9, 1945, just after midnight in Manchuria, the Soviets invaded Manchuria.",
        "Background",
    ],
    "004": [
        (
            "Why did the Soviet–Japanese Neutrality Pact take 2 years to sign after the Battle of "
            "Khalkin Gol?"
        ),
        "The army backed Hokushin-ron aimed at China, Manchuria, and Siberia.",
        (
            "On the one hand, there were talks of the Soviet Union joining the Axis in late 1940, "
            "but these went nowhere."
        ),
        "in mid 1939, Japan was not only wanting to insulate itself from USSR risks",
        "China, USA, UK",
        "It took them 2 years to get to a point where they partially committed",
    ],
}


@pytest.mark.parametrize("prefix", sorted(KEY_SENTENCES))
def test_key_sentences_of_each_sample_are_kept(prefix: str) -> None:
    raw = _read(prefix)
    removals = find_removals(raw)
    _assert_valid(raw, removals)
    for passage in KEY_SENTENCES[prefix]:
        _assert_kept(raw, removals, passage)


@pytest.mark.parametrize("prefix", sorted(KEY_SENTENCES))
def test_sample_removals_never_cut_a_word(prefix: str) -> None:
    raw = _read(prefix)
    for r in find_removals(raw):
        assert not (r.start > 0 and raw[r.start - 1].isalnum() and raw[r.start].isalnum())
        assert not (r.end < len(raw) and raw[r.end - 1].isalnum() and raw[r.end].isalnum())


def test_sample_corpus_removal_counts() -> None:
    """Pinned floors and ceilings, so a regression in either direction is seen."""
    counts = {p: Counter(r.reason for r in find_removals(_read(p))) for p in KEY_SENTENCES}
    assert counts["000"]["spam"] == 1 and counts["000"]["duplicate"] >= 1
    assert counts["001"]["spam"] == 0 and counts["001"]["boilerplate"] == 0
    assert counts["002"]["boilerplate"] >= 5
    assert counts["003"]["gloss"] >= 20 and counts["003"]["boilerplate"] >= 10
    assert counts["004"]["boilerplate"] >= 7
    assert sum(c["spam"] for c in counts.values()) == 1


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "raw",
    [
        "",
        " ",
        "\n\n\n",
        "\0\x01\x02",
        "\ud800 lone surrogate",
        "a" * 200_000,
        ("word " * 50_000) + "...",
        "{{" * 1000,
        "}}{{" * 500 + "\n" + "[[Category:" * 300,
        "x.\r\ny.\rz.\n",
        "...\n" * 100,
        "Name The " + "x " * 10_000 + "...",
    ],
)
def test_never_raises_on_odd_input(raw: str) -> None:
    _assert_valid(raw, find_removals(raw))


#: Random text built from characters and fragments that trigger every cleaner.
_TEXT = st.lists(
    st.sampled_from(
        [
            *"abcXYZ019 .,;:!?…-*{}[]()|=\n\t\r'\"",
            "The ",
            "Upvote:",
            " ...",
            "Comments",
            "Apr 28, 2024",
            "buy ",
            "perfect ",
            "Soviet Union ",
            "{{",
            "}}",
            "See also\n",
            "the war was long. ",
        ]
    ),
    max_size=200,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_removals_are_valid_for_random_text(raw: str) -> None:
    _assert_valid(raw, find_removals(raw))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_removals_are_valid_for_random_unicode(raw: str) -> None:
    _assert_valid(raw, find_removals(raw))


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("Comments (12)", "vote count"),
        ("**Comments (3)**", "vote count"),
        ("asked 4 years ago", "time stamp"),
        ("This page was last modified at 2023-07-19 21:40:11 UTC", "dateline"),
        ("Categories: Floods | Disasters in Ohio | 1913 in the United States", "category list"),
        ("Tags: floods, ohio, 1913, history facts", "category list"),
        ("*Posted 14 January 2022 · 7 min read · Tags: rivers, history*", "metadata line"),
        ("By admin  |  January 20, 2022  |  History", "metadata line"),
        ("Sign up for our free newsletter to get the best stories delivered to your inbox every "
         "morning.", "call to action"),
        ("Join our mailing list to receive the latest stories in your inbox.", "call to action"),
        ("Follow us on Twitter and Facebook for more stories like this one.", "call to action"),
        ("If you enjoyed this article, please share it with your friends and family.",
         "call to action"),
    ],
)
def test_more_page_furniture_shapes(line: str, detail: str) -> None:
    raw = (f"{line}\n\nThe river rose for three days and the levee failed on the fourth, "
           "flooding the lower town. Engineers later said the levee had been built too low.\n")
    spans = find_removals(raw)
    assert any(raw[s.start:s.end].strip("*") == line.strip("*") and s.detail == detail for s in spans), spans
    assert not any("levee failed" in raw[s.start:s.end] for s in spans)


def test_furniture_shapes_leave_article_sentences_alone() -> None:
    raw = ("The committee asked for more time. Tags were attached to every crate by the workers. "
           "It was last updated in the spring, when the new rules came in. "
           "Comments from residents were collected over two weeks.\n"
           "\nThe union urged its members to subscribe to the strike fund.\n"
           "\nYour grandfather's farm would not have survived a winter like that one.\n")
    assert find_removals(raw) == []

"""Segment: sentences are exact offsets into raw; removals are hard boundaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.model import Removal
from crosscheck.segment import MAX_SENTENCE, kept_regions, segment


def texts(raw: str, removals: list[Removal] | None = None) -> list[str]:
    return [s.text for s in segment("d", raw, removals or [])]


def test_splits_sentences_and_keeps_abbreviations() -> None:
    raw = "Dr. Smith met Mr. J. Doe in the U.S. capital. They signed it! Was it 1.5 million? Yes."
    assert texts(raw) == ["Dr. Smith met Mr. J. Doe in the U.S. capital.", "They signed it!",
                          "Was it 1.5 million?", "Yes."]


def test_blank_lines_and_line_ends_split_but_continuations_join() -> None:
    raw = "Heading line\nA sentence that runs\non to the next line. Another.\n\n- bullet item"
    assert texts(raw) == ["Heading line", "A sentence that runs\non to the next line.",
                          "Another.", "bullet item"]


def test_lowercase_after_period_splits_after_a_plain_word() -> None:
    raw = "The treaty was controversial. he objectively kept the peace. approx. five men came."
    assert texts(raw) == ["The treaty was controversial.",
                          "he objectively kept the peace.", "approx. five men came."]


def test_a_dotted_day_before_a_month_and_year_ends_no_sentence() -> None:
    # A translation keeps the ordinal dot: "the 14. April 1961". Without a year it may
    # end a sentence ("… on the 3. May …" stays ambiguous and splits).
    raw = ("The hull was lifted the 14. April 1961 from the Bottom. It came on 3. May. "
           "In 1961. April was cold.")
    assert texts(raw) == ["The hull was lifted the 14. April 1961 from the Bottom.", "It came on 3.",
                          "May.", "In 1961.", "April was cold."]


def test_removals_split_sentences_and_are_never_inside_one() -> None:
    raw = "The pact between the\nSoviet Union The Soviet Union was a country ...\nand Japan was signed."
    gloss_start = raw.index(" The Soviet Union was")
    gloss_end = raw.index("\nand Japan")
    removal = Removal(gloss_start, gloss_end, "gloss")
    sentences = segment("d", raw, [removal])
    assert [s.text for s in sentences] == ["The pact between the\nSoviet Union", "and Japan was signed."]
    for s in sentences:
        assert s.end <= gloss_start or s.start >= gloss_end


def test_kept_regions_merge_overlaps() -> None:
    regions = kept_regions(20, [Removal(2, 5, "spam"), Removal(4, 8, "spam"), Removal(15, 20, "spam")])
    assert regions == [(0, 2), (8, 15)]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400),
       st.lists(st.tuples(st.integers(0, 400), st.integers(0, 60)), max_size=4))
def test_offsets_round_trip(raw: str, cuts: list[tuple[int, int]]) -> None:
    removals = [Removal(min(a, len(raw)), min(a + n, len(raw)), "boilerplate") for a, n in cuts]
    removals = [r for r in removals if r.end > r.start]
    previous_end = 0
    for i, s in enumerate(segment("d", raw, removals)):
        assert s.index == i
        assert raw[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
        assert s.start >= previous_end
        previous_end = s.end
        for r in removals:
            assert s.end <= r.start or s.start >= r.end


def test_a_run_without_stops_is_cut_into_bounded_pieces() -> None:
    raw = " ".join(["the river rose and the levee failed"] * 2000)  # 72k characters, no stop
    sentences = segment("d", raw)
    assert len(sentences) > 50
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert all(raw[s.start:s.end] == s.text for s in sentences)
    assert all(not s.text.startswith(" ") and " " not in (s.text[0], s.text[-1]) for s in sentences)
    covered = "".join(raw[s.start:s.end] for s in sentences).replace(" ", "")
    assert covered == raw.replace(" ", "")  # nothing lost at the cuts

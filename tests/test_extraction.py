"""HTML main text: the 2-of-3 vote, its fallbacks, and an F1 floor on real pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.ingest import read_path
from crosscheck.ingest.html import (
    Extractions,
    combine,
    drop_title_line,
    extract_main_text,
    fragment_text,
    vote,
)
from crosscheck.ingest.readers import RawSource

BENCH_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "article-extraction"

STORY = [
    "The council approved the new harbour wall on Monday after a long debate.",
    "Engineers said the old wall had cracked in three places during the winter storms.",
    "Work will start in spring and should take about eighteen months to finish.",
    "Residents asked for a footpath along the top, and the council agreed to study it.",
]
RELATED = ["Ten gadgets you need this winter for your kitchen and garden",
           "Subscribe to our newsletter for the best deals every single week"]


def _page() -> str:
    """A news page with a menu, the story, a related-stories list and a footer."""
    nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
    story = "".join(f"<p>{s} {s}</p>" for s in STORY)
    related = "".join(f"<li><a href='/r{i}'>{t}</a></li>" for i, t in enumerate(RELATED))
    return ("<html><head><title>Council approves harbour wall</title>"
            "<meta property='article:published_time' content='2024-03-05T10:00:00Z'></head>"
            f"<body><nav><ul>{nav}</ul></nav><article><h1>Council approves harbour wall</h1>"
            f"{story}</article><aside><h3>Related</h3><ul>{related}</ul></aside>"
            "<footer>© 2024 The Harbour Times. All rights reserved.</footer></body></html>")


def test_vote_keeps_sentences_another_extractor_also_found() -> None:
    base = f"{STORY[0]} {RELATED[0]}.\n{STORY[1]}\n{RELATED[1]}"
    kept = vote(base, [f"{STORY[0]}\n{STORY[1]}", f"{STORY[1]}"])
    assert kept == f"{STORY[0]}\n{STORY[1]}"


def test_vote_short_sentences_need_an_exact_word_match() -> None:
    assert vote("Read more.\nOn Monday.", ["It happened on Monday."]) == "On Monday."


def test_an_empty_output_votes_against_everything_but_the_base_never_vanishes() -> None:
    found = Extractions(balanced="Menu\n" + STORY[0], precise="", readable=STORY[0])
    assert combine(found) == STORY[0]
    nothing_agreed = Extractions(balanced=STORY[0], precise=STORY[1], readable=STORY[2])
    assert combine(nothing_agreed) == STORY[0]


def test_fallbacks_when_a_voter_is_missing_or_empty() -> None:
    article = "\n".join(STORY)
    assert combine(Extractions(balanced="", precise="", readable=article)) == article
    assert combine(Extractions(balanced="", precise=article, readable=None)) == article
    assert combine(Extractions(balanced="", precise="", readable="Home | News")) == ""
    assert combine(Extractions(balanced=STORY[0], precise="", readable=None)) == STORY[0]
    assert combine(Extractions(balanced=STORY[0], precise="", readable="")) == STORY[0]


def test_a_first_line_that_only_repeats_the_title_goes() -> None:
    text = f"Harbour wall: approved!\n{STORY[0]}"
    assert drop_title_line(text, "Harbour Wall — Approved") == STORY[0]
    assert drop_title_line(STORY[0], "Harbour wall") == STORY[0]
    assert drop_title_line(text, "") == text


def test_fragment_text_puts_blocks_on_lines_and_drops_scripts() -> None:
    fragment = ("<div><p>First <b>bold</b> para.</p><script>var x = 1;</script>"
                "<ul><li>one</li><li>two</li></ul>tail words<br>after break</div>")
    assert fragment_text(fragment) == "First bold para.\none\ntwo\ntail words\nafter break"
    assert fragment_text("") == ""


def test_extract_main_text_keeps_the_story_and_drops_the_furniture() -> None:
    found = extract_main_text(_page())
    for sentence in STORY:
        assert sentence in found.text
    for debris in (*RELATED, "Section 3", "All rights reserved"):
        assert debris not in found.text
    assert found.title == "Council approves harbour wall"
    assert not found.text.startswith(found.title)
    assert found.published == "2024-03-05"


def test_html_reader_uses_the_vote_and_skips_a_page_without_text(tmp_path: Path) -> None:
    (tmp_path / "story.html").write_text(_page(), encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><body><script>var a = 1;</script></body></html>",
                                         encoding="utf-8")
    src, = read_path(tmp_path / "story.html")
    assert isinstance(src, RawSource) and src.media_type == "text/html"
    assert src.title == "Council approves harbour wall" and STORY[2] in src.raw
    skip, = read_path(tmp_path / "empty.html")
    assert not isinstance(skip, RawSource) and "no main text" in skip.reason


@pytest.mark.skipif(not BENCH_DATA.exists(), reason="benchmark data not beside the checkout")
def test_f1_floor_on_benchmark_pages() -> None:
    """A pinned floor on the first 60 benchmark pages (measured F1 0.965, P 0.963, R 0.967)."""
    from bench.extraction import average, load_pages, page_counts

    pages = load_pages(BENCH_DATA, limit=60)
    counts = [page_counts(p.truth, extract_main_text(p.html).text) for p in pages]
    precision, recall, f1 = average(counts)
    assert f1 >= 0.96 and precision >= 0.95 and recall >= 0.96, (precision, recall, f1)

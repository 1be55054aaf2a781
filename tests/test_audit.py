"""Source audit: language, the page's own publication date, machine-translation signs."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

from crosscheck.annotate.language import detect_language
from crosscheck.annotate.published import published_from_text
from crosscheck.api import Corpus
from crosscheck.model import Removal

SECOND = ROOT / "examples" / "molasses-flood"


def test_language_of_a_source() -> None:
    assert detect_language("The committee met on Monday and agreed to build a new bridge.") == "en"
    assert detect_language("Der Ausschuss traf sich am Montag und beschloss den Bau.") == "de"
    assert detect_language("Too short.") == "und"


def test_published_date_from_the_head_of_a_page() -> None:
    assert published_from_text("BOSTON, Jan. 15, 2019 — About a hundred people stood.", []) == "2019-01-15"
    byline = "A title\n*Posted 14 January 2022 · 7 min read · Tags: failure analysis, history*\n\nText."
    assert published_from_text(byline, []) == "2022-01-14"
    furniture = "Mar 3, 2021\n\nThe tank burst on January 15, 1919."
    assert published_from_text(furniture, [Removal(0, 11, "boilerplate", "bare date")]) == "2021-03-03"
    # A date inside the article is a fact, not the publication date.
    assert published_from_text("On 15 January 1919 the tank burst.", []) is None


def test_audit_reads_right_on_the_second_corpus(tmp_path: Path) -> None:
    with Corpus(tmp_path / "s.db", embedder="hash") as corpus:
        corpus.add([SECOND])
        sources = {s.uri.rsplit("/", 1)[-1][:2]: s for s in corpus.survey().sources}
    assert all(s.language == "en" for s in sources.values())
    assert sources["07"].published == "2019-01-15" and sources["01"].published == "2021-03-03"
    assert any("machine translation" in n for n in sources["02"].quality.notes)
    assert not any("machine translation" in n for n in sources["05"].quality.notes)
    assert sources["06"].group == sources["05"].group
    assert sources["04"].quality.score < sources["05"].quality.score

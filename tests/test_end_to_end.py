"""The sample corpus end to end: the brief a reader would recognise as right."""

from __future__ import annotations

import json

import jsonschema
from tests.conftest import sample_file

from crosscheck.api import Corpus
from crosscheck.model import Brief, Evidence
from crosscheck.render import brief_schema


def all_evidence(brief: Brief) -> list[Evidence]:
    quotes = [e for r in brief.reasons for e in r.evidence]
    quotes += [e for c in brief.conflicts for v in c.values for e in v.evidence]
    quotes += [e for t in brief.timeline for e in t.evidence]
    return quotes


def test_every_quote_is_raw_slice(sample_corpus: Corpus, sample_brief: Brief) -> None:
    raws = {d.id: d.raw for d in sample_corpus.documents()}
    quotes = all_evidence(sample_brief)
    assert len(quotes) > 20
    for e in quotes:
        assert raws[e.source][e.start:e.end] == e.quote
    for s in sample_brief.sources:
        for r in s.removed:
            assert raws[s.id][r.start:r.end] == r.text


def test_spam_line_is_removed_as_spam(sample_brief: Brief) -> None:
    raw = sample_file("000_").read_text(encoding="utf-8")
    source = next(s for s in sample_brief.sources if s.uri.endswith(sample_file("000_").name))
    spam = [r for r in source.removed if r.reason == "spam"]
    assert any("bridesmaid dresses" in r.text for r in spam)
    assert all(raw[r.start:r.end] == r.text for r in spam)


def test_signing_date_conflict(sample_brief: Brief) -> None:
    signing = [c for c in sample_brief.conflicts if c.kind == "date"
               and {"1941-04-13", "1941-04-22"} <= {v.value for v in c.values}]
    assert signing, [c.topic for c in sample_brief.conflicts]
    values = {v.value: v for v in signing[0].values}
    assert len(values["1941-04-13"].sources) > len(values["1941-04-22"].sources)
    assert any("signed" in e.quote for e in values["1941-04-22"].evidence)


def test_timeline_holds_the_invasion_date_in_order(sample_brief: Brief) -> None:
    dates = [t.date for t in sample_brief.timeline]
    assert "1941-06-22" in dates
    signing = next(t for t in sample_brief.timeline if t.date == "1941-04-13")
    assert signing.conflict and len(signing.sources) >= 3
    assert dates.index("1941-04-13") < dates.index("1941-06-22")


def test_reasons_are_multi_source_and_distinct(sample_brief: Brief) -> None:
    reasons = sample_brief.reasons
    assert len(reasons) >= 4
    assert len(reasons[0].sources) >= 3
    # In order of support, which weighs each independent source by its quality and by
    # whether it explains (README: how it works): a group of three sources that state a
    # fact with no explanation cue may follow two that explain.
    scores = [r.score for r in reasons]
    assert scores == sorted(scores, reverse=True)
    assert len(reasons[0].sources) == max(len(r.sources) for r in reasons)
    seen: set[tuple[str, int]] = set()
    for r in reasons:  # no quote is evidence for two reasons
        for e in r.evidence:
            assert (e.source, e.start) not in seen
            seen.add((e.source, e.start))
    fear = " ".join(e.quote for r in reasons[:2] for e in r.evidence).lower()
    assert "fear" in fear or "afraid" in fear


def test_brief_json_validates(sample_brief: Brief) -> None:
    data = json.loads(sample_brief.to_json())
    jsonschema.validate(data, brief_schema())
    assert len(data["sources"]) == 5


def test_audit_reads_right(sample_brief: Brief) -> None:
    by_name = {s.uri.rsplit("/", 1)[-1][:3]: s for s in sample_brief.sources}
    gloss = [r for r in by_name["003"].removed if r.reason == "gloss"]
    assert len(gloss) >= 10
    assert by_name["003"].quality.score < by_name["002"].quality.score
    assert any("spam" in n for n in by_name["000"].quality.notes)
    assert by_name["003"].title != "HOME"


def test_entities_merge_variants(sample_brief: Brief) -> None:
    names = {e.name: set(e.aliases) for e in sample_brief.entities}
    stalin = next(a for n, a in names.items() if "Stalin" in n)
    assert "Joseph Stalin" in stalin | {n for n in names if "Stalin" in n}
    assert not any(n in ("However", "Trade", "The") for n in names)


def test_html_report_is_self_contained(sample_brief: Brief) -> None:
    page = sample_brief.to_html()
    assert "<svg" in page and "http://" not in page.replace("http://www.w3.org", "")
    assert "<script" not in page.lower()

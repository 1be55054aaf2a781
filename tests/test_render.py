"""Render: the JSON contract validates, and hostile source text renders inert."""

from __future__ import annotations

import json

import jsonschema
import pytest

from crosscheck.errors import UnknownChoiceError
from crosscheck.model import (
    Brief,
    Conflict,
    ConflictValue,
    Entity,
    Evidence,
    Reason,
    RemovedText,
    SourceAudit,
    SourceQuality,
    TimelineEntry,
)
from crosscheck.render import brief_schema, render
from crosscheck.render.html import brief_to_html
from crosscheck.render.text_chart import text_chart

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> &amp; javascript:alert(3)'


def hostile_brief() -> Brief:
    quote = Evidence("s1", 0, len(HOSTILE), HOSTILE, date="1941-04-13")
    source = SourceAudit(
        id="s1", uri="javascript:alert('uri')", title=HOSTILE, published=None,
        quality=SourceQuality(0.5, (HOSTILE,)),
        removed=(RemovedText(0, 8, "spam", "<script>"),),
    )
    return Brief(
        question=HOSTILE, sources=(source,),
        reasons=(Reason(HOSTILE, (HOSTILE,), 1.0, ("s1",), (quote,)),),
        conflicts=(Conflict("date", HOSTILE, (ConflictValue("1941-04-13", ("s1",), (quote,)),
                                              ConflictValue("1941-04-22", ("s1",), (quote,))),
                            HOSTILE),),
        timeline=(TimelineEntry("1941-04-13", "day", HOSTILE, ("s1",), (quote,), True),),
        entities=(Entity(HOSTILE, (HOSTILE,), ("s1",), 2, "NAME"),),
    )


def test_json_validates_against_shipped_schema() -> None:
    data = json.loads(render(hostile_brief(), "json"))
    jsonschema.validate(data, brief_schema())
    assert data["schema"] == "crosscheck.brief/1"
    assert data["reasons"][0]["evidence"][0]["quote"] == HOSTILE  # JSON keeps text verbatim


def test_html_escapes_everything() -> None:
    page = brief_to_html(hostile_brief(), raws={"s1": HOSTILE})
    assert "<script>" not in page and "onerror=\"alert" not in page
    assert "<img" not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;" in page
    assert "Content-Security-Policy" in page and "<script" not in page.lower()


def test_markdown_escapes_angle_brackets() -> None:
    md = render(hostile_brief(), "md")
    assert "<script>" not in md and "<img" not in md


def test_unknown_format_lists_choices() -> None:
    with pytest.raises(UnknownChoiceError, match="html, json, markdown, md"):
        render(hostile_brief(), "pdf")


def _entry(value: str, conflict: bool = False) -> TimelineEntry:
    granularity = {10: "day", 7: "month", 4: "year"}[len(value)]
    return TimelineEntry(date=value, granularity=granularity, label=value, sources=("a",),
                         evidence=(), conflict=conflict)


def test_text_chart_reads_a_fifteen_year_span_by_year() -> None:
    entries = [_entry(v) for v in ("1930", "1931-05", "1937-07-07", "1939-09-01", "1941-12-07",
                                    "1943", "1944-06-06", "1945-05-08")]
    entries.append(_entry("1941-04-13", conflict=True))
    chart = text_chart(entries).splitlines()
    assert chart[0].startswith("one row per year")
    rows = {line.split("┤")[0].strip(): line.split("┤")[1].strip() for line in chart[1:] if "┤" in line}
    assert rows["1941"] == "●✖" and rows["1930"] == "○" and rows["1938"] == ""
    assert any("⋮" in line for line in chart)
    assert len(chart) <= 27


def test_text_chart_reads_a_two_month_span_by_week() -> None:
    days = ["1945-08-06", "1945-08-08", "1945-08-09", "1945-08-15", "1945-09-02", "1945-09-30"]
    chart = text_chart([_entry(d, conflict=d == "1945-08-09") for d in days]).splitlines()
    assert chart[0].startswith(("one row per day", "one row per week"))
    assert sum("✖" in line for line in chart[1:]) == 1 and sum(line.count("●") for line in chart[1:]) == 5
    assert text_chart([]) == ""


def test_text_chart_folds_long_gaps() -> None:
    chart = text_chart([_entry("1905"), _entry("1939"), _entry("1940"), _entry("1941")])
    assert "⋮" in chart and len(chart.splitlines()) < 8

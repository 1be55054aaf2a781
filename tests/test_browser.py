"""The report and the web UI in a real browser: Debian's Chromium driven by Playwright.

One server per corpus and one browser for the whole session; each test gets a fresh
page whose dialogs, requests and console messages are recorded, so every test can also
check that nothing ran and nothing left this machine. Screenshots go to tests/artifacts/.
Without /usr/bin/chromium the module is skipped locally; CI (.ci/run) installs it and sets
CROSSCHECK_REQUIRE_BROWSER=1, which turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from tests.conftest import SAMPLE_QUESTION

from crosscheck.api import Corpus
from crosscheck.model import Brief

pytest_plugins = ["tests.conftest_web"]

from tests.conftest_web import ARTIFACTS, HOSTILE, HOSTILE_QUESTION, ROOT, LiveServer, write_report  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    if os.environ.get("CROSSCHECK_REQUIRE_BROWSER"):
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium); .ci/run installs it",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SENTINEL = "__crosscheck_pwned"  # what the hostile corpus's scripts would set


@dataclass
class Watched:
    """A page with everything it did recorded."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def assert_inert(self, *allowed: str) -> None:
        """No dialog, no sentinel set, no CSP violation, no request beyond ``allowed``."""
        assert self.dialogs == []
        assert self.page.evaluate(f"typeof window.{SENTINEL}") == "undefined"
        assert [m for m in self.console if "Content Security Policy" in m] == []
        outside = [u for u in self.requests if not u.startswith(allowed)]
        assert outside == [], f"requests left the machine: {outside}"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


def _watch(browser: Any, **context: Any) -> Iterator[Watched]:
    ctx = browser.new_context(**{"viewport": {"width": 1100, "height": 900}, **context})
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    watched = Watched(page)
    page.on("request", lambda r: watched.requests.append(r.url))
    page.on("console", lambda m: watched.console.append(m.text))

    def dialog(d: Any) -> None:
        watched.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    yield watched
    ctx.close()


@pytest.fixture()
def watched(browser: Any) -> Iterator[Watched]:
    yield from _watch(browser)


@pytest.fixture(scope="session")
def sample_report(sample_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static report of the sample question, as `crosscheck ask --format html` writes it."""
    return write_report(sample_corpus, SAMPLE_QUESTION, tmp_path_factory.mktemp("report") / "brief.html")


@pytest.fixture(scope="session")
def sample_data(sample_server: LiveServer) -> dict[str, Any]:
    """The sample brief as the server's JSON API returns it."""
    with urllib.request.urlopen(f"{sample_server.url}/api/brief?{urlencode({'q': SAMPLE_QUESTION})}") as r:
        data: dict[str, Any] = json.loads(r.read())
    return data


def shot(page: Any, name: str, **kw: Any) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), **kw)


def _words(text: str) -> str:
    return " ".join(text.split())


def assert_reasons(page: Any, labels: list[str]) -> None:
    headings = [_words(h) for h in page.locator("article.reason h3").all_text_contents()]
    assert headings == [f"{i}. {_words(label)}" for i, label in enumerate(labels, start=1)]


def assert_citation_opens_context(page: Any, quote: str) -> None:
    """Click the first citation: its passage shows, the highlighted span equals the quote."""
    ctx = page.locator("#ctx-q1")
    assert not ctx.is_visible()
    page.locator("#q1 .cite").click()
    assert ctx.is_visible() and page.evaluate("location.hash") == "#ctx-q1"
    mark = ctx.locator("mark.hl")
    assert mark.text_content() == quote
    passage = ctx.locator(".passage").text_content() or ""
    assert len(passage) > len(quote) and quote in passage  # the sentences around it too


def assert_timeline(page: Any, timeline: list[dict[str, Any]]) -> None:
    page.get_by_role("link", name="Timeline", exact=True).click()
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    assert chart.locator("a").count() == len(timeline)
    conflicts = sum(1 for t in timeline if t["conflict"])
    assert chart.locator('.mk[fill="#a8231b"]').count() == conflicts
    assert page.locator("#timeline ~ .table-wrap tbody tr").count() == len(timeline)
    chart.locator("a").first.click()
    assert page.locator("tr:target").count() == 1


def assert_removed_toggle(page: Any, scope: str) -> None:
    """Removed text is hidden until the toggle is on, then shown struck through in place."""
    cut = page.locator(f"{scope} del.removed").first
    toggle = page.locator("#show-removed")
    if toggle.is_checked():
        toggle.uncheck()
    assert not cut.is_visible()
    toggle.check()
    assert cut.is_visible()
    assert "line-through" in cut.evaluate("e => getComputedStyle(e).textDecorationLine")


def assert_named(page: Any) -> None:
    """Every link and control has an accessible name (text, aria-label or a label)."""
    unnamed = page.evaluate("""() => [...document.querySelectorAll('a, button, input, summary')]
        .filter(e => !(e.getAttribute('aria-label') || (e.labels && e.labels.length)
                       || e.textContent.trim()))
        .map(e => e.outerHTML.slice(0, 80))""")
    assert unnamed == []


# -- the served UI ---------------------------------------------------------------------------

def test_served_brief_citation_and_source_viewer(watched: Watched, sample_server: LiveServer,
                                                  sample_data: dict[str, Any]) -> None:
    page = watched.page
    page.goto(f"{sample_server.url}/")
    page.get_by_label("Question", exact=True).fill(SAMPLE_QUESTION)
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url(re.compile(r"\?q="))
    assert _words(page.locator("h1").text_content() or "") == SAMPLE_QUESTION
    assert_reasons(page, [r["label"] for r in sample_data["reasons"]])
    assert_named(page)
    quote = sample_data["reasons"][0]["evidence"][0]["quote"]
    assert_citation_opens_context(page, quote)
    shot(page, "web-citation.png")
    page.locator("#ctx-q1").get_by_role("link", name="open in the source").click()
    page.wait_for_url(re.compile(r"/doc/[0-9a-f]{16}\?start=\d+&end=\d+"))
    cited = page.locator("mark#cited")
    assert cited.text_content() == quote and cited.is_visible()
    box = cited.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled to the span
    shot(page, "web-viewer.png")
    watched.assert_inert(sample_server.url)


def test_viewer_toggles_removed_text(watched: Watched, sample_server: LiveServer) -> None:
    with urllib.request.urlopen(f"{sample_server.url}/api/documents") as r:
        docs = json.loads(r.read())["documents"]
    doc = max(docs, key=lambda d: d["removals"])
    watched.page.goto(f"{sample_server.url}/doc/{doc['id']}")
    assert watched.page.locator("#show-removed").is_checked()  # the viewer shows removals
    assert_removed_toggle(watched.page, "#text")
    shot(watched.page, "web-viewer-removed.png")
    watched.assert_inert(sample_server.url)


def test_served_timeline_and_search(watched: Watched, sample_server: LiveServer,
                                    sample_data: dict[str, Any]) -> None:
    page = watched.page
    page.goto(f"{sample_server.url}/?{urlencode({'q': SAMPLE_QUESTION})}")
    assert_timeline(page, sample_data["timeline"])
    page.locator("svg.chart").screenshot(path=str(ARTIFACTS / "web-timeline.png"))
    page.get_by_role("link", name="Search sentences").click()
    page.get_by_label("Find sentences").fill("neutrality pact")
    page.get_by_role("button", name="Search").click()
    assert page.locator("ol.hits > li").count() >= 3
    watched.assert_inert(sample_server.url)


def test_upload_then_ask(watched: Watched, scratch_server: LiveServer) -> None:
    page = watched.page
    page.goto(f"{scratch_server.url}/")
    assert_named(page)
    page.get_by_label(re.compile("^Files")).set_input_files(
        [str(HOSTILE / "newspaper.html"), str(HOSTILE / "bridge-notes.txt")])
    page.get_by_role("button", name="Add to the corpus").click()
    assert "2 added" in (page.locator("main").text_content() or "")
    page.get_by_label("Question", exact=True).fill(HOSTILE_QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q="))
    assert page.locator("article.reason").count() >= 1
    assert "<script>" in page.locator("main").inner_text()  # shown as text, not run
    watched.assert_inert(scratch_server.url)


# -- the static report -------------------------------------------------------------------------

def test_static_report(watched: Watched, sample_report: Path, sample_brief: Brief) -> None:
    page = watched.page
    page.goto(sample_report.as_uri())
    assert_reasons(page, [r.label for r in sample_brief.reasons])
    chars, lines = page.evaluate("""() => { const q = [...document.querySelectorAll('.quote .qt')]
        .sort((a, b) => b.textContent.length - a.textContent.length)[0];
        const lh = parseFloat(getComputedStyle(q).lineHeight);
        return [q.textContent.length, Math.round(q.getBoundingClientRect().height / lh)]; }""")
    assert lines >= 3 and chars / lines >= 50 and chars / (lines - 1) <= 90  # ~70 characters a line
    assert_citation_opens_context(page, sample_brief.reasons[0].evidence[0].quote)
    page.evaluate("window.scrollTo(0, 0)")  # the question, the first reason, the open passage
    shot(page, "report.png")
    if os.environ.get("CROSSCHECK_UPDATE_SCREENSHOT"):
        shutil.copy(ARTIFACTS / "report.png", ROOT / "docs" / "report.png")
    number = next(n for n, s in enumerate(sample_brief.sources, start=1) if s.removed)
    page.locator(f"#src-{number} details.fulltext summary").click()
    assert_removed_toggle(page, f"#text-{number}")
    timeline = [{"conflict": t.conflict} for t in sample_brief.timeline]
    assert_timeline(page, timeline)
    shot(page, "report-timeline.png")
    watched.assert_inert(sample_report.as_uri())


def test_reading_needs_no_javascript(browser: Any, sample_report: Path, sample_brief: Brief) -> None:
    for watched in _watch(browser, java_script_enabled=False):
        watched.page.goto(sample_report.as_uri())
        assert_citation_opens_context(watched.page, sample_brief.reasons[0].evidence[0].quote)
        watched.page.keyboard.press("Tab")  # keyboard: focus shows a citation's passage too
        watched.page.locator("#q2 .cite").focus()
        assert watched.page.locator("#ctx-q2").is_visible()


def test_phone_print_focus_and_names(browser: Any, sample_report: Path) -> None:
    for watched in _watch(browser, viewport={"width": 390, "height": 844}, is_mobile=True,
                          device_scale_factor=2):
        page = watched.page
        page.goto(sample_report.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        shot(page, "report-phone.png")
        assert_named(page)
        page.locator("#q1 .cite").focus()
        outline = page.locator("#q1 .cite").evaluate("e => getComputedStyle(e).outlineStyle")
        assert outline != "none"  # a visible focus state
        page.emulate_media(media="print")
        assert not page.locator("#show-removed").is_visible() and not page.locator("nav.toc").is_visible()


# -- hostile input ------------------------------------------------------------------------------

def test_hostile_corpus_renders_inert(watched: Watched, hostile_server: LiveServer,
                                      hostile_corpus: Corpus, tmp_path: Path) -> None:
    page = watched.page
    with urllib.request.urlopen(f"{hostile_server.url}/api/documents") as r:
        docs = json.loads(r.read())["documents"]
    urls = [f"{hostile_server.url}/?{urlencode({'q': HOSTILE_QUESTION})}", f"{hostile_server.url}/",
            f"{hostile_server.url}/search?q=bridge+collapse"]
    urls += [f"{hostile_server.url}/doc/{d['id']}" for d in docs]
    report = write_report(hostile_corpus, HOSTILE_QUESTION, tmp_path / "hostile.html")
    urls.append(report.as_uri())
    for url in urls:
        page.goto(url)
        for cite in page.locator('.quote .cite[href^="#ctx-"]').all()[:6]:
            cite.hover()
            cite.click()
        if page.locator("#show-removed").count():
            page.locator("#show-removed").check()
        for link in page.locator("svg.chart a").all()[:3]:
            link.click()
        assert page.evaluate(f"typeof window.{SENTINEL}") == "undefined", url
    page.goto(urls[0])
    text = page.locator("main").inner_text()
    assert "<script>window.__crosscheck_pwned" in text and "onerror=" in text  # shown, inert
    shot(page, "hostile.png", full_page=True)
    watched.assert_inert(hostile_server.url, report.as_uri())


def test_the_inertness_checks_would_catch_a_script(watched: Watched) -> None:
    """The detectors are not vacuous: an injected script trips them, with or without CSP."""
    page = watched.page
    page.set_content(f"<p>x</p><script>window.{SENTINEL} = 1; alert('ran')</script>")
    with pytest.raises(AssertionError):
        watched.assert_inert("about:")
    watched.dialogs.clear()
    page.evaluate(f"delete window.{SENTINEL}")
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    page.set_content(f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
                     f"<p>x</p><script>window.{SENTINEL} = 1</script>")
    assert page.evaluate(f"typeof window.{SENTINEL}") == "undefined"
    with pytest.raises(AssertionError):  # blocked by the policy, but the violation is seen
        watched.assert_inert("about:")

"""The HTML report and the web UI without a browser: rendering, routes, security, uploads."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import jsonschema
import pytest
from tests.conftest import SAMPLE_QUESTION
from tests.conftest_web import HOSTILE_QUESTION, LiveServer, write_report

from crosscheck.api import Corpus
from crosscheck.cli import build_parser
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
from crosscheck.render.html import brief_to_html, content_security_policy, marked_text, style_hash
from crosscheck.render.json import brief_schema
from crosscheck.render.timeline_chart import axis_ticks, timeline_svg
from crosscheck.web.uploads import MAX_FILE_BYTES, check_upload, safe_name, upload_root, write_upload

pytest_plugins = ["tests.conftest_web"]

Response = tuple[int, dict[str, str], str]


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> Response:
    """Status, headers (lower-case names) and body of one request; 4xx/5xx do not raise."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read().decode("utf-8")


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, dict[str, str]]:
    """A multipart/form-data body with the files as field ``files``."""
    boundary = "----crosscheck-test-boundary"
    body = bytearray()
    for name, data in files:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                 f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
        body += data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return bytes(body), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


# -- the renderer ------------------------------------------------------------------------

RAW = ("First sentence is here. Second sentence holds the quote we cite. "
       "MENU | HOME | LOGIN Third sentence follows it. Fourth one is far away.")


def _brief(timeline: tuple[TimelineEntry, ...] = ()) -> Brief:
    start = RAW.index("Second")
    end = RAW.index("cite.") + len("cite.")
    cut = RAW.index("MENU")
    quote = Evidence("d1", start, end, RAW[start:end])
    source = SourceAudit("d1", "file:///x.txt", "A title", None, SourceQuality(0.8, ("fine",)),
                         removed=(RemovedText(cut, cut + 20, "boilerplate", RAW[cut:cut + 20]),))
    return Brief(question="Why is the quote cited?", sources=(source,),
                 reasons=(Reason("the quote", ("quote",), 1.0, ("d1",), (quote,)),),
                 conflicts=(Conflict("date", "when", (ConflictValue("2001", ("d1",), (quote,)),
                                                      ConflictValue("2002", ("d1",), (quote,)))),),
                 timeline=timeline, entities=(Entity("Quote", ("Quotes",), ("d1",), 2),))


def test_marked_text_keeps_the_quote_whole_and_escapes() -> None:
    raw = "a <b>bold</b> & 'x' end"
    html = marked_text(raw, [(2, 5, "spam"), (10, 14, "gloss")], 0, len(raw), (4, 12), "m")
    mark = re.search(r'<mark class="hl" id="m">(.*?)</mark>', html)
    assert mark is not None
    inner = re.sub(r"<[^>]+>", "", mark.group(1)).replace("&lt;", "<").replace("&gt;", ">")
    assert inner == raw[4:12]  # a removal crossing the mark's edge is split, not lost
    assert "<b>" not in html and "&lt;b" in html and "&#x27;x&#x27;" in html
    assert html.count('class="removed"') == 4


def test_context_shows_the_sentence_before_and_after() -> None:
    page = brief_to_html(_brief(), raws={"d1": RAW})
    passage = re.search(r'<p class="passage"[^>]*>(.*?)</p>', page, re.S)
    assert passage is not None
    text = re.sub(r"<del.*?</del>", "", passage.group(1))
    assert "First sentence is here." in text and "Third sentence follows it." in text
    assert "Fourth" not in text
    assert '<del class="removed" data-reason="boilerplate"' in passage.group(1)


def test_report_csp_allows_only_its_own_stylesheet() -> None:
    page = brief_to_html(_brief(), raws={"d1": RAW})
    assert content_security_policy() in page.replace("&#x27;", "'")
    assert style_hash() in content_security_policy() and "default-src 'none'" in content_security_policy()
    assert "<script" not in page.lower() and "http://" not in page and "https://" not in page


def test_removed_text_is_in_place_and_listed() -> None:
    page = brief_to_html(_brief(), raws={"d1": RAW})
    assert 'id="show-removed"' in page and 'id="text-1"' in page
    assert page.count('data-reason="boilerplate"') >= 3  # context, list of removals, full text


def _entries(values: list[str], conflict_at: int = 0) -> tuple[TimelineEntry, ...]:
    ev = (Evidence("d1", 0, 5, RAW[:5]),)
    return tuple(TimelineEntry(v, "day", f"event {i}", ("d1",), ev, i == conflict_at)
                 for i, v in enumerate(values))


@pytest.mark.parametrize(("lo", "hi", "unit"), [
    ("1930-01-01", "1945-12-31", r"^\d{4}$"),       # fifteen years: years
    ("1941-04-13", "1941-06-12", r"^\d{1,2} [A-Z][a-z]{2}( \d{4})?$"),  # two months: days
    ("1941-01-10", "1941-11-20", r"^[A-Z][a-z]{2}( \d{4})?$"),  # ten months: months
])
def test_axis_ticks_adapt_to_the_span(lo: str, hi: str, unit: str) -> None:
    ticks = axis_ticks(date.fromisoformat(lo).toordinal(), date.fromisoformat(hi).toordinal())
    assert 3 <= len(ticks) <= 9
    assert all(re.match(unit, t.label) for t in ticks), [t.label for t in ticks]
    assert [t.ordinal for t in ticks] == sorted(t.ordinal for t in ticks)


@pytest.mark.parametrize("values", [
    ["1930", "1937-07-07", "1939-09-01", "1941-04-13", "1945-08", "1945-09-02"],
    ["1941-04-13", "1941-04-22", "1941-05", "1941-06-12"],
])
def test_timeline_chart_links_every_event_and_marks_conflicts(values: list[str]) -> None:
    svg = timeline_svg(_entries(values), lambda i: f"#t-{i + 1}")
    assert svg.count("<a href=") == len(values)
    assert {f'href="#t-{i + 1}"' for i in range(len(values))} <= set(re.findall(r'href="[^"]+"', svg))
    assert svg.count("#a8231b") == 2  # the one conflict: red mark and red ring
    labels = re.findall(r'text-anchor="middle" fill="#56616d">([^<]+)<', svg)
    assert len(labels) >= 3


def test_timeline_chart_without_dates_is_empty() -> None:
    assert timeline_svg(_entries(["PRESENT_REF"]), lambda i: "#") == ""


# -- uploads ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "reason"), [
    ("a.exe", b"MZ...", "unsupported file type '.exe'"),
    ("a.txt", b"%PDF-1.4 hidden", "binary content in a .txt file"),
    ("a.txt", b"abc\x00def", "NUL bytes"),
    ("a.txt", b"\xff\xfe\xfa", ""),
    ("a.txt", b"caf\xe9", "not UTF-8"),
    ("a.pdf", b"plain text", "not a PDF"),
    ("a.html", b"just words, no markup", "no HTML tags"),
    ("a.jsonl", b"[1, 2]\n", "not a JSON object"),
    ("a.txt", b"   \n", "empty file"),
    ("a.txt", b"x" * (MAX_FILE_BYTES + 1), "too large"),
])
def test_uploads_are_checked_by_suffix_and_content(name: str, data: bytes, reason: str) -> None:
    checked = check_upload(name, data)
    if reason:
        assert isinstance(checked, str) and reason in checked
    else:
        assert not isinstance(checked, str)


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "..\\..\\win.txt", "/abs/x.txt", ".hidden.txt",
                                  "a b<script>.txt", "..", "x/../../y.md"])
def test_upload_names_cannot_leave_the_upload_folder(name: str, tmp_path: Path) -> None:
    safe = safe_name(name)
    assert "/" not in safe and "\\" not in safe and not safe.startswith(".")
    checked = check_upload(name, b"Some text about a bridge.")
    if isinstance(checked, str):
        assert "unsupported" in checked
        return
    root = upload_root(str(tmp_path / "store.db"))
    target = write_upload(root, checked)
    assert target.is_relative_to(root) and target.read_bytes() == b"Some text about a bridge."


# -- the server ------------------------------------------------------------------------------

def test_serve_binds_to_loopback_by_default() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000


def test_serve_command_serves_the_store(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = "import sys; from crosscheck.cli import main; sys.exit(main())"
    proc = subprocess.Popen([sys.executable, "-c", code, "serve", "--store", str(tmp_path / "s.db"),
                             "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _, body = http(f"http://127.0.0.1:{port}/api/documents")
                break
            except urllib.error.URLError:
                assert proc.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.1)
        assert status == 200 and json.loads(body) == {"documents": []}
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err
    bad = subprocess.run([sys.executable, "-c", code, "serve", "--port", "70000"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "not a port number" in bad.stderr


def test_brief_page_and_api_agree_and_are_cached(sample_server: LiveServer) -> None:
    q = urlencode({"q": SAMPLE_QUESTION})
    status, headers, page = http(f"{sample_server.url}/?{q}")
    assert status == 200 and headers["content-type"].startswith("text/html")
    status, _, body = http(f"{sample_server.url}/api/brief?{q}")
    data = json.loads(body)
    jsonschema.validate(data, brief_schema())
    asked = sample_server.worker.asked
    for reason in data["reasons"]:
        assert escape(reason["label"]) in page
    http(f"{sample_server.url}/?{q}")
    assert sample_server.worker.asked == asked  # the second ask came from the cache
    assert "<script" not in page.lower()


def test_every_response_carries_the_security_headers(sample_server: LiveServer) -> None:
    for path in ("/", "/search?q=pact", "/docs", "/api/documents", "/openapi.json", "/nowhere"):
        _, headers, _ = http(sample_server.url + path)
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["content-security-policy"].startswith("default-src 'none'"), path
        if headers["content-type"].startswith("text/html"):
            assert "style-src 'sha256-" in headers["content-security-policy"]
            assert "script-src" not in headers["content-security-policy"]


@pytest.mark.parametrize("doc_id", ["..%2f..%2fetc%2fpasswd", "%2e%2e", "ABCDEF0123456789",
                                    "0123456789abcdef0", "0123456789abcde", "0123456789abcdeg"])
def test_document_ids_are_validated(sample_server: LiveServer, doc_id: str) -> None:
    status, _, body = http(f"{sample_server.url}/doc/{doc_id}")
    assert status == 404 and "root:" not in body
    status, _, body = http(f"{sample_server.url}/api/documents/{doc_id}")
    assert status == 404 and json.loads(body)["error"].startswith("no such")


def test_viewer_highlights_the_span_and_checks_its_bounds(sample_server: LiveServer) -> None:
    _, _, body = http(f"{sample_server.url}/api/documents")
    doc = json.loads(body)["documents"][0]
    _, _, body = http(f"{sample_server.url}/api/documents/{doc['id']}")
    raw = json.loads(body)["raw"]
    status, _, page = http(f"{sample_server.url}/doc/{doc['id']}?start=0&end=40")
    assert status == 200 and '<mark class="hl" id="cited">' in page
    for bad in ("start=5&end=2", f"start=0&end={len(raw) + 1}", "start=-1&end=3", "start=3"):
        status, _, _ = http(f"{sample_server.url}/doc/{doc['id']}?{bad}")
        assert status == 400, bad


def test_search_and_documents_api(sample_server: LiveServer) -> None:
    status, _, body = http(f"{sample_server.url}/api/search?q={quote('neutrality pact')}&k=3")
    hits = json.loads(body)["hits"]
    assert status == 200 and len(hits) == 3
    _, _, page = http(f"{sample_server.url}/search?q={quote('neutrality pact')}")
    assert page.count('class="quote"') >= 3
    assert f"/doc/{hits[0]['doc_id']}?start={hits[0]['start']}&amp;end={hits[0]['end']}" in page
    status, _, body = http(f"{sample_server.url}/api/brief?q=%20%20")
    assert status == 400 and "no words" in json.loads(body)["error"]


def test_openapi_and_offline_docs(sample_server: LiveServer) -> None:
    _, _, body = http(f"{sample_server.url}/openapi.json")
    paths = json.loads(body)["paths"]
    assert {"/api/brief", "/api/search", "/api/documents", "/api/documents/{doc_id}"} <= set(paths)
    _, _, page = http(f"{sample_server.url}/docs")
    assert "/api/brief" in page and "<script" not in page.lower() and "cdn" not in page.lower()


def test_foreign_host_and_cross_site_posts_are_refused(scratch_server: LiveServer) -> None:
    status, _, _ = http(scratch_server.url + "/", headers={"Host": "attacker.example"})
    assert status == 400  # DNS rebinding: a name that is not this server
    body, headers = multipart([("a.txt", b"A sentence about the bridge collapse today.")])
    status, _, _ = http(scratch_server.url + "/upload", body, {**headers, "Origin": "https://evil.example"})
    assert status == 403
    status, _, _ = http(scratch_server.url + "/upload", body, {**headers, "Sec-Fetch-Site": "cross-site"})
    assert status == 403
    _, _, listing = http(scratch_server.url + "/api/documents")
    assert json.loads(listing)["documents"] == []


def test_upload_is_stored_like_add_and_stays_in_the_store_folder(scratch_server: LiveServer) -> None:
    text = b"The bridge collapsed because the cables were corroded by salt water over years."
    body, headers = multipart([("../../../escape.txt", text), ("evil.exe", b"MZ"),
                               ("fake.pdf", b"not a pdf at all")])
    status, _, result = http(scratch_server.url + "/api/documents", body, headers)
    data = json.loads(result)
    assert status == 200 and len(data["added"]) == 1
    assert {r["name"] for r in data["refused"]} == {"evil.exe", "fake.pdf"}
    folder = scratch_server.store.parent
    written = [p for p in folder.rglob("*") if p.is_file() and p.read_bytes() == text]
    assert len(written) == 1 and written[0].is_relative_to(upload_root(str(scratch_server.store)))
    assert not (folder.parent / "escape.txt").exists()
    status, _, again = http(scratch_server.url + "/upload", body, headers)
    assert status == 200 and "1 already stored" in again  # same content: stored once
    _, _, listing = http(scratch_server.url + "/api/documents")
    assert len(json.loads(listing)["documents"]) == 1


def test_uploads_without_files_or_too_large_are_refused(scratch_server: LiveServer) -> None:
    status, _, body = http(scratch_server.url + "/api/documents", b"",
                           {"Content-Type": "multipart/form-data; boundary=x"})
    assert status == 400 and "error" in json.loads(body)
    big, headers = multipart([("big.txt", b"word " * (MAX_FILE_BYTES // 5 + 10))])
    status, _, body = http(scratch_server.url + "/api/documents", big, headers)
    assert status == 200 and "too large" in json.loads(body)["refused"][0]["reason"]


def test_empty_store_says_so(scratch_server: LiveServer) -> None:
    status, _, page = http(f"{scratch_server.url}/?q={quote('Why did it happen?')}")
    assert status == 409 and "holds no documents" in page
    status, _, page = http(f"{scratch_server.url}/")
    assert status == 200 and "holds no documents yet" in page


class _Tags(HTMLParser):
    """Every tag and attribute a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_inert(page: str) -> None:
    """No script, no event handler, no javascript: link, nothing fetched from anywhere."""
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert not {"script", "iframe", "img", "object", "embed", "link", "base", "frame"} & set(names)
    assert names.count("style") == 1
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, value)
            assert name not in ("src", "srcset", "background", "formaction"), (tag, name)
            if name in ("href", "action"):
                assert value is not None and value.startswith(("#", "/", "?")), (tag, value)


def test_hostile_corpus_is_escaped_in_every_page(hostile_server: LiveServer,
                                                 hostile_corpus: Corpus, tmp_path: Path) -> None:
    _, _, brief_page = http(f"{hostile_server.url}/?{urlencode({'q': HOSTILE_QUESTION})}")
    _, _, listing = http(f"{hostile_server.url}/api/documents")
    pages = [brief_page, http(f"{hostile_server.url}/")[2],
             http(f"{hostile_server.url}/search?q=bridge+collapse")[2],
             write_report(hostile_corpus, HOSTILE_QUESTION, tmp_path / "r.html").read_text("utf-8")]
    pages += [http(f"{hostile_server.url}/doc/{d['id']}")[2] for d in json.loads(listing)["documents"]]
    for page in pages:
        assert_inert(page)
    assert "&lt;script&gt;" in brief_page and "conflict-card" in brief_page
    assert "javascript:alert(&#x27;uri&#x27;)" in brief_page  # shown as text, never as a link


def test_readme_shows_the_report() -> None:
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    shot = root / "docs" / "report.png"
    assert "## Reading the brief in a browser" in readme and "(docs/report.png)" in readme
    assert "crosscheck serve" in readme
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size < 300_000

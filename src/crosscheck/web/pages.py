"""The web UI's HTML pages, built on the report's page shell and stylesheet.

Like the report, every page works without script: the question box and search are GET
forms (so every page has a shareable URL), upload is a plain multipart POST form.
All text from the store is escaped here; the shell's CSP allows forms to post only to
this server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any
from urllib.parse import urlencode

from crosscheck.api import AddReport
from crosscheck.model import Brief, Document
from crosscheck.render.html import ReportLinks, brief_body, content_security_policy, html_page, marked_text
from crosscheck.web.uploads import MAX_FILE_BYTES, MAX_FILES
from crosscheck.web.worker import SearchHit

#: The policy of every HTML page the server sends (also sent as an HTTP header, where
#: ``frame-ancestors`` is honoured too).
PAGE_CSP = content_security_policy(form_action="'self'")
HEADER_CSP = PAGE_CSP + "; frame-ancestors 'none'"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def source_url(doc_id: str, start: int | None = None, end: int | None = None,
               question: str = "") -> str:
    """The source viewer's URL for a document, a cited span in it and the question asked."""
    params: dict[str, str | int] = {}
    if start is not None and end is not None:
        params.update(start=start, end=end)
    if question:
        params["q"] = question
    query = f"?{urlencode(params)}" if params else ""
    return f"/doc/{doc_id}{query}{'#cited' if 'start' in params else ''}"


def _bar(question: str = "") -> str:
    return (
        '<header class="bar"><form method="get" action="/" role="search" aria-label="ask a question">'
        '<label for="q">Question</label>'
        f'<input type="search" id="q" name="q" value="{_e(question)}" required '
        'placeholder="Why did … happen?" autocomplete="off">'
        '<button type="submit">Ask</button>'
        '<span class="links"><a href="/search">Search sentences</a><a href="/#upload">Add files</a>'
        '<a href="/#documents">Documents</a><a href="/docs">API</a></span></form></header>'
    )


def page(title: str, body: str, question: str = "") -> str:
    """A web UI page: the question bar over ``body`` (trusted HTML)."""
    footer = ('<footer><p>crosscheck, served from this machine only · '
              '<a href="/openapi.json">OpenAPI</a></p></footer>')
    return html_page(title, body, header=_bar(question), footer=footer, csp=PAGE_CSP)


def _upload_form() -> str:
    return (
        '<section aria-labelledby="upload"><h2 id="upload">Add files</h2>'
        '<form method="post" action="/upload" enctype="multipart/form-data">'
        '<p><label for="files">Files (.txt .md .html .pdf .jsonl; at most '
        f"{MAX_FILES} files of {MAX_FILE_BYTES // (1024 * 1024)} MB)</label><br>"
        '<input type="file" id="files" name="files" multiple required '
        'accept=".txt,.text,.md,.markdown,.html,.htm,.pdf,.jsonl"></p>'
        '<p><button type="submit">Add to the corpus</button></p></form></section>'
    )


def _document_list(docs: Sequence[Document]) -> str:
    items = "".join(
        f'<li><a href="{_e(source_url(d.id))}">{_e(d.title or d.uri)}</a><br>'
        f'<span class="uri">{_e(d.uri)} · {len(d.raw):,} characters · {len(d.removals)} '
        "removals</span></li>" for d in docs)
    return (f'<section aria-labelledby="documents"><h2 id="documents">Documents ({len(docs)})</h2>'
            f'<ol class="sources">{items}</ol></section>')


def home_page(docs: Sequence[Document], message: str = "") -> str:
    """The start page: what the corpus holds, how to ask, and the upload form."""
    note = f'<p class="error" role="alert">{_e(message)}</p>' if message else ""
    intro = ("<h1>Ask the corpus a question</h1>"
             f"{note}<p>Type a question above; the brief lists the reasons the sources give, "
             "where they conflict, a timeline, the names they use and an audit of every source. "
             "Each brief has its own address, so it can be bookmarked or shared.</p>")
    if not docs:
        intro += "<p><b>The store holds no documents yet:</b> add some files below.</p>"
    return page("crosscheck", intro + _document_list(docs) + _upload_form())


def brief_page(brief: Brief, raws: Mapping[str, str]) -> str:
    """The report for a question, its citations pointing at the source viewer."""
    def link(doc_id: str, start: int | None, end: int | None) -> str:
        return source_url(doc_id, start, end, brief.question)

    body = brief_body(brief, raws, ReportLinks(source=link, inline_sources=False))
    return page(f"{brief.question} — crosscheck", body, brief.question)


def search_page(query: str, hits: Sequence[SearchHit]) -> str:
    """Search across sentences, with each hit a link to its span in the source."""
    form = ('<form method="get" action="/search" role="search"><p><label for="sq">Find sentences'
            f'</label><br><input type="search" id="sq" name="q" value="{_e(query)}" required> '
            '<button type="submit">Search</button></p></form>')
    items = "".join(
        f'<li><blockquote class="quote"><span class="qt">{_e(h.quote)}</span>'
        f'<a class="cite" href="{_e(source_url(h.doc_id, h.start, h.end))}" aria-label="source '
        f'{h.number}: {_e(h.title)}, open at this sentence">[{h.number}]</a></blockquote>'
        f'<small>{_e(h.title)} · characters {h.start}–{h.end}</small></li>' for h in hits)
    result = (f'<p class="meta">{len(hits)} sentences</p><ol class="hits">{items}</ol>'
              if query else "")
    return page(f"Search: {query}" if query else "Search", f"<h1>Search sentences</h1>{form}{result}")


def viewer_page(doc: Document, start: int | None, end: int | None, question: str = "") -> str:
    """One source with the cited span highlighted and its removals struck through."""
    cuts = [(r.start, r.end, r.reason) for r in doc.removals]
    mark = (start, end) if start is not None and end is not None else None
    text = marked_text(doc.raw, cuts, 0, len(doc.raw), mark, mark_id="cited")
    back = (f'<p><a href="/?{_e(urlencode({"q": question}))}">← back to the brief</a></p>'
            if question else "")
    cited = (f'<p class="meta">The highlighted passage is characters {start}–{end}. '
             '<a href="#cited">Go to it</a>.</p>' if mark else "")
    removed = sum(r.end - r.start for r in doc.removals)
    published = f" · published {_e(doc.published)}" if doc.published else ""
    body = (f'{back}<article class="viewer"><h1>{_e(doc.title or doc.uri)}</h1>'
            f'<p class="uri">{_e(doc.uri)} · {_e(doc.media_type)}{published} · {len(doc.raw):,} '
            f"characters, {removed:,} removed in {len(doc.removals)} spans · id {_e(doc.id)}</p>"
            f'{cited}<p><label class="toggle"><input type="checkbox" id="show-removed" checked> '
            "Show removed text, struck through in place</label></p>"
            f'<div class="src" id="text">{text}</div></article>')
    return page(doc.title or doc.uri, body, question)


def upload_page(report: AddReport, refused: Sequence[tuple[str, str]]) -> str:
    """What an upload did: documents added or already there, files refused and why."""
    added = "".join(f'<li><a href="{_e(source_url(d.id))}">{_e(d.title or d.uri)}</a></li>'
                    for d in report.added)
    unchanged = "".join(f"<li>{_e(uri)}</li>" for uri in report.unchanged)
    skipped = [(s.path.rsplit("/", 1)[-1], s.reason) for s in report.skipped] + list(refused)
    refusals = "".join(f"<li><b>{_e(name)}</b>: {_e(reason)}</li>" for name, reason in skipped)
    body = (f"<h1>Files added</h1><p>{len(report.added)} added, {len(report.unchanged)} already "
            f"stored, {len(skipped)} refused.</p>"
            + (f"<h2>Added</h2><ul>{added}</ul>" if added else "")
            + (f"<h2>Already stored</h2><ul>{unchanged}</ul>" if unchanged else "")
            + (f'<h2>Refused</h2><ul class="error">{refusals}</ul>' if refusals else "")
            + '<p><a href="/">Back to the corpus</a></p>')
    return page("Files added — crosscheck", body)


def error_page(message: str, question: str = "") -> str:
    """A one-line error, with the question box to try again."""
    return page("crosscheck: error", f'<h1>Cannot do that</h1><p class="error" role="alert">'
                                     f"{_e(message)}</p>", question)


def docs_page(openapi: Mapping[str, Any]) -> str:
    """The API reference from the OpenAPI schema, as a page that needs no CDN script."""
    rows = []
    for path, methods in openapi.get("paths", {}).items():
        for method, op in methods.items():
            params = ", ".join(f"{p['name']}{'' if p.get('required') else '?'}"
                               for p in op.get("parameters", []))
            rows.append(f"<tr><td><code>{_e(method.upper())}</code></td><td><code>{_e(path)}</code>"
                        f"</td><td>{_e(params)}</td><td>{_e(op.get('summary', ''))}<br><small>"
                        f"{_e(op.get('description', ''))}</small></td></tr>")
    info = openapi.get("info", {})
    body = (f"<h1>{_e(info.get('title', 'API'))} {_e(info.get('version', ''))}</h1>"
            "<p>The JSON API under <code>/api/</code> returns the brief's public contract "
            "(<code>crosscheck.brief/1</code>). The machine-readable description is "
            '<a href="/openapi.json">/openapi.json</a>.</p>'
            '<div class="table-wrap wide"><table><thead><tr><th>method</th><th>path</th>'
            f'<th>parameters</th><th>what it does</th></tr></thead><tbody>{"".join(rows)}'
            "</tbody></table></div>")
    return page("API — crosscheck", body)

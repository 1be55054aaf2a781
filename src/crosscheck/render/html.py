"""The brief as one self-contained HTML page: inline CSS and SVG, no script, no network.

Source text is hostile (pages carry ``<script>``, ``onerror=``, ``javascript:`` URLs), so
every piece of it passes through :func:`html.escape` with quotes, URIs are shown as text
and never as links, and the page's Content-Security-Policy allows nothing but its own
stylesheet (by hash) and ``data:`` images: even a missed escape could neither run script
nor make the reader's browser fetch anything.

Reading needs no script: a citation shows the passage in context on hover or focus and
keeps it open when followed (``:target``); the removed-text toggle is a checkbox read by
CSS ``:has()``. The local web UI (:mod:`crosscheck.web`) renders the same report and adds
links into its source viewer through :class:`ReportLinks`.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from string import Template
from typing import cast

from crosscheck.model import (
    Brief,
    Conflict,
    ConflictValue,
    Evidence,
    Reason,
    Removal,
    RemovalReason,
    Sentence,
    SourceAudit,
)
from crosscheck.render.timeline_chart import timeline_svg
from crosscheck.segment import segment

#: How far (chars) the context may reach beyond the quote on each side; a whole
#: neighbouring sentence is shown unless it is longer than this.
CONTEXT_REACH = 420

Span = tuple[int, int, str]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@cache
def _template(name: str) -> str:
    return (resources.files("crosscheck.render") / "templates" / name).read_text("utf-8")


def stylesheet() -> str:
    """The report's CSS (shared with the web UI)."""
    return _template("report.css")


def style_hash() -> str:
    """The CSP source expression that allows exactly :func:`stylesheet` inline."""
    digest = hashlib.sha256(stylesheet().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(form_action: str = "'none'") -> str:
    """Nothing but the page's own stylesheet and ``data:`` images; forms only where told."""
    return (f"default-src 'none'; style-src {style_hash()}; img-src data:; "
            f"form-action {form_action}; base-uri 'none'")


def html_page(title: str, body: str, *, header: str = "", footer: str = "",
              csp: str | None = None) -> str:
    """A full page around trusted ``body``/``header``/``footer`` HTML (callers escape)."""
    return Template(_template("page.html")).substitute(
        csp=_e(csp or content_security_policy()), title=_e(title), css=stylesheet(),
        header=header, body=body, footer=footer,
    )


def marked_text(raw: str, removals: Iterable[Span], lo: int, hi: int,
                mark: tuple[int, int] | None = None, mark_id: str = "") -> str:
    """``raw[lo:hi]`` escaped, removals as ``<del class="removed">``, ``mark`` as ``<mark>``.

    The mark is one element so its text content equals ``raw[mark[0]:mark[1]]`` exactly;
    a removal that crosses the mark's edge is split there.
    """
    cuts = sorted((max(s, lo), min(e, hi), r) for s, e, r in removals if s < hi and e > lo)
    if mark is None:
        return _with_removals(raw, cuts, lo, hi)
    ms, me = max(mark[0], lo), min(mark[1], hi)
    ident = f' id="{_e(mark_id)}"' if mark_id else ""
    return (_with_removals(raw, cuts, lo, ms)
            + f'<mark class="hl"{ident}>{_with_removals(raw, cuts, ms, me)}</mark>'
            + _with_removals(raw, cuts, me, hi))


def _with_removals(raw: str, cuts: Sequence[Span], lo: int, hi: int) -> str:
    out, cursor = [], lo
    for start, end, reason in cuts:
        start, end = max(start, cursor), min(end, hi)
        if start >= end:
            continue
        out.append(_e(raw[cursor:start]))
        out.append(f'<del class="removed" data-reason="{_e(reason)}" title="removed: {_e(reason)}">'
                   f"{_e(raw[start:end])}</del>")
        cursor = end
    if cursor < hi:
        out.append(_e(raw[cursor:hi]))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ReportLinks:
    """Where the report links a source: the static file keeps to itself, the web UI
    points at its source viewer (``source(doc_id, start, end)``)."""

    source: Callable[[str, int | None, int | None], str] | None = None
    #: Include each source's full text (the static file); the web UI links its viewer instead,
    #: so a brief over hundreds of sources stays small.
    inline_sources: bool = True


class _Report:
    """One rendering of one brief: citation numbers, context lookups, quote ids."""

    def __init__(self, brief: Brief, raws: Mapping[str, str] | None, links: ReportLinks) -> None:
        self.brief = brief
        self.raws = raws or {}
        self.links = links
        self.sources = {s.id: s for s in brief.sources}
        self.numbers = {s.id: n for n, s in enumerate(brief.sources, start=1)}
        self.removals: dict[str, list[Span]] = {
            s.id: [(r.start, r.end, r.reason) for r in s.removed] for s in brief.sources}
        self._sentences: dict[str, list[Sentence]] = {}
        self._quotes = 0

    # -- small pieces ------------------------------------------------------------------
    def source_name(self, doc_id: str, limit: int = 90) -> str:
        s = self.sources.get(doc_id)
        name = " ".join((s.title or s.uri or doc_id).split()) if s else doc_id
        return name if len(name) <= limit else name[:limit - 1] + "…"

    def cites(self, doc_ids: Iterable[str]) -> str:
        out = []
        for d in doc_ids:
            if d in self.numbers:
                n = self.numbers[d]
                out.append(f'<a class="cite" href="#src-{n}" aria-label="source {n}: '
                           f'{_e(self.source_name(d))}">[{n}]</a>')
        return "".join(out)

    def source_href(self, doc_id: str, start: int | None = None, end: int | None = None) -> str:
        if self.links.source is not None:
            return self.links.source(doc_id, start, end)
        return f"#src-{self.numbers.get(doc_id, 0)}"

    def span_cite(self, e: Evidence) -> str:
        """A citation marker that opens the quoted span (the viewer, or the source audit)."""
        n = self.numbers.get(e.source, 0)
        return (f'<a class="cite" href="{_e(self.source_href(e.source, e.start, e.end))}" '
                f'aria-label="source {n}: {_e(self.source_name(e.source))}">[{n}]</a>')

    # -- quotes and their context ------------------------------------------------------
    def sentences(self, doc_id: str) -> list[Sentence]:
        if doc_id not in self._sentences:
            cuts = [Removal(s, e, cast(RemovalReason, r)) for s, e, r in self.removals.get(doc_id, [])]
            self._sentences[doc_id] = segment(doc_id, self.raws[doc_id], cuts)
        return self._sentences[doc_id]

    def window(self, e: Evidence) -> tuple[int, int]:
        """From the start of the sentence before the quote to the end of the one after."""
        sents = self.sentences(e.source)
        ends = [s.end for s in sents]
        starts = [s.start for s in sents]
        before = bisect_right(ends, e.start) - 1
        after = bisect_left(starts, e.end)
        lo = sents[before].start if before >= 0 else e.start
        hi = sents[after].end if after < len(sents) else e.end
        raw = self.raws[e.source]
        if e.start - lo > CONTEXT_REACH:  # a very long sentence before: its last words only
            space = raw.find(" ", e.start - CONTEXT_REACH, e.start)
            lo = space + 1 if space >= 0 else e.start - CONTEXT_REACH
        if hi - e.end > CONTEXT_REACH:
            cut = raw.rfind(" ", e.end, e.end + CONTEXT_REACH)
            hi = cut if cut > e.end else e.end + CONTEXT_REACH
        return lo, hi

    def passage(self, e: Evidence) -> str:
        raw = self.raws.get(e.source)
        if raw is None or raw[e.start:e.end] != e.quote:
            return f'<mark class="hl">{_e(e.quote)}</mark>'
        lo, hi = self.window(e)
        return (("… " if lo > 0 else "")
                + marked_text(raw, self.removals.get(e.source, []), lo, hi, (e.start, e.end))
                + (" …" if hi < len(raw) else ""))

    def quote(self, e: Evidence) -> str:
        """A quote with its citation marker and the passage in context behind it."""
        self._quotes += 1
        qid = f"q{self._quotes}"
        n = self.numbers.get(e.source, 0)
        name = self.source_name(e.source)
        viewer = (f'<a href="{_e(self.source_href(e.source, e.start, e.end))}">open in the source'
                  "</a>" if self.links.source else "")
        return (
            f'<blockquote class="quote" id="{qid}"><span class="qt">{_e(e.quote)}</span>'
            f'<a class="cite" href="#ctx-{qid}" aria-label="source {n}: {_e(name)} — show the '
            f'passage in context">[{n}]</a>'
            f'<div class="ctx" id="ctx-{qid}" role="note" aria-label="passage in source {n}">'
            f'<p class="passage" data-source="{_e(e.source)}" data-start="{e.start}" '
            f'data-end="{e.end}">{self.passage(e)}</p>'
            f'<p class="ctx-meta">[{n}] {_e(name)} · characters {e.start}–{e.end} · '
            f'{viewer}<a href="#src-{n}">source audit</a><a href="#{qid}">close</a></p>'
            "</div></blockquote>"
        )

    # -- sections ----------------------------------------------------------------------
    def reasons(self) -> str:
        parts = ['<section aria-labelledby="answer"><h2 id="answer">Answer: '
                 f"{self.brief.answer_heading}</h2>"]
        if not self.brief.reasons:
            parts.append("<p>No source sentence answers this question.</p>")
        for i, r in enumerate(self.brief.reasons, start=1):
            parts.append(self.reason(i, r))
        parts.append("</section>")
        return "".join(parts)

    def reason(self, i: int, r: Reason) -> str:
        support = len(r.sources)
        single = ' <span class="badge warn">single source</span>' if support == 1 else ""
        chips = "".join(f"<span>{_e(k)}</span>" for k in r.keyphrases)
        return (f'<article class="reason" id="reason-{i}"><h3>{i}. {_e(r.label)}</h3>'
                f'<p class="support">Supported by {support} independent source'
                f'{"s" * (support != 1)} {self.cites(r.sources)}{single}'
                + (f' · key phrases <span class="chips">{chips}</span>' if chips else "")
                + "</p>" + "".join(self.quote(e) for e in r.evidence) + "</article>")

    def conflicts(self) -> str:
        parts = ['<section aria-labelledby="conflicts"><h2 id="conflicts">Conflicts</h2>']
        if not self.brief.conflicts:
            parts.append("<p>No conflicts found between the sources on this question.</p>")
        parts.extend(self.conflict(c) for c in self.brief.conflicts)
        parts.append("</section>")
        return "".join(parts)

    def quality(self, doc_ids: Iterable[str]) -> float:
        scores = [self.sources[d].quality.score for d in doc_ids if d in self.sources]
        return sum(scores) / len(scores) if scores else 0.0

    def conflict(self, c: Conflict) -> str:
        counts = Counter({v.value: len(v.sources) for v in c.values})
        top = counts.most_common(2)
        majority = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
        best = max(c.values, key=lambda v: self.quality(v.sources)).value if c.values else None
        note = f'<p class="note">{_e(c.note)}</p>' if c.note else ""
        values = "".join(self.value(v, v.value == majority, v.value == best) for v in c.values)
        return (f'<article class="conflict-card wide"><h3>{_e(c.kind)}: {_e(c.topic)}</h3>{note}'
                f'<div class="values">{values}</div></article>')

    def value(self, v: ConflictValue, majority: bool, best: bool) -> str:
        badges = ('<span class="badge">most sources</span>' if majority else "") + (
            '<span class="badge">better sources</span>' if best else "")
        holders = "".join(
            f"<li>{self.cites([d])} {_e(self.source_name(d, 60))} <small>quality "
            f"{self.sources[d].quality.score:.2f}</small></li>" for d in v.sources if d in self.sources)
        quotes = "".join(self.quote(e) for e in v.evidence[:2])
        lead = " lead" if majority or best else ""
        return (f'<div class="value{lead}"><div><span class="v">{_e(v.value)}</span>{badges}</div>'
                f'<p class="support">held by {len(v.sources)} source{"s" * (len(v.sources) != 1)}'
                f'</p><ul class="holders">{holders}</ul>{quotes}</div>')

    def timeline(self) -> str:
        entries = self.brief.timeline
        parts = ['<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>']
        if not entries:
            parts.append("<p>No dated events found.</p></section>")
            return "".join(parts)
        parts.append(timeline_svg(entries, lambda i: f"#t-{i + 1}"))
        parts.append('<p class="legend"><span><span class="sw"></span>event on a day</span>'
                     '<span><span class="sw bar"></span>month, season or year</span>'
                     '<span><span class="sw conflict"></span>sources give different dates</span>'
                     "</p>")
        parts.append('<div class="table-wrap wide"><table><caption class="meta">Every event with each '
                     "source's own date</caption><thead><tr><th scope=\"col\">date</th>"
                     '<th scope="col">event</th><th scope="col">dates claimed</th></tr></thead><tbody>')
        for i, t in enumerate(entries, start=1):
            flag = ' <span class="conflict-flag">conflict</span>' if t.conflict else ""
            claims = "".join(f"<li>{_e(e.date or t.date)} {self.span_cite(e)}</li>" for e in t.evidence)
            parts.append(f'<tr id="t-{i}"><td class="date">{_e(t.date)}{flag}</td><td>{_e(t.label)}</td>'
                         f'<td><ul class="chips">{claims}</ul></td></tr>')
        parts.append("</tbody></table></div></section>")
        return "".join(parts)

    def entities(self) -> str:
        parts = ['<section aria-labelledby="entities"><h2 id="entities">Entities</h2>']
        if not self.brief.entities:
            parts.append("<p>No names found.</p></section>")
            return "".join(parts)
        parts.append('<div class="table-wrap wide"><table><thead><tr><th scope="col">name</th>'
                     '<th scope="col">also written</th><th scope="col">mentions</th>'
                     '<th scope="col">sources</th></tr></thead><tbody>')
        for ent in self.brief.entities:
            aliases = "".join(f"<li>{_e(a)}</li>" for a in ent.aliases)
            parts.append(f"<tr><td><b>{_e(ent.name)}</b><br><small>{_e(ent.label or 'name')}"
                         f'</small></td><td><ul class="chips">{aliases}</ul></td>'
                         f"<td>{ent.mentions}</td><td>{self.cites(ent.sources)}</td></tr>")
        parts.append("</tbody></table></div></section>")
        return "".join(parts)

    def audit(self) -> str:
        parts = ['<section aria-labelledby="sources"><h2 id="sources">Sources and what was '
                 'removed</h2><p><label class="toggle"><input type="checkbox" id="show-removed"> '
                 "Show removed text, struck through in place</label></p>"
                 '<p class="note">Cleaning never deletes: navigation debris, spam, pasted glosses '
                 "and duplicates are hidden from the reading text but kept, with the reason.</p>"
                 '<ol class="sources">']
        parts.extend(self.source(n, s) for n, s in enumerate(self.brief.sources, start=1))
        parts.append("</ol></section>")
        return "".join(parts)

    def source(self, n: int, s: SourceAudit) -> str:
        title = _e(s.title or s.id)
        if self.links.source:
            title = f'<a href="{_e(self.source_href(s.id))}">{title}</a>'
            parts_link = (f'<p><a href="{_e(self.source_href(s.id))}">Read the source text, removals '
                          "struck through</a></p>")
        else:
            parts_link = ""
        published = f", published {_e(s.published)}" if s.published else ""
        notes = "".join(f"<li>{_e(note)}</li>" for note in s.quality.notes)
        by_reason = Counter[str]()
        for r in s.removed:
            by_reason[r.reason] += r.end - r.start
        removed = ", ".join(f"{_e(k)} {v:,} chars" for k, v in sorted(by_reason.items())) or "nothing"
        parts = [f'<li class="source" id="src-{n}"><span class="title">{title}</span><br>'
                 f'<span class="uri">{_e(s.uri)}{published}</span><br>'
                 f'<span class="support">quality <meter min="0" max="1" low="0.5" high="0.75" '
                 f'optimum="1" value="{s.quality.score:.2f}" aria-label="quality score"></meter> '
                 f"<b>{s.quality.score:.2f}</b> · {s.kept_chars:,} of {s.chars:,} characters kept · "
                 f"removed: {removed}</span>"]
        if notes:
            parts.append(f'<ul class="support">{notes}</ul>')
        if s.removed:
            cuts = "".join(f'<li><small>{_e(r.reason)}{" — " + _e(r.detail) if r.detail else ""}'
                           f'</small> <del class="removed" data-reason="{_e(r.reason)}">'
                           f'{_e(" ".join(r.text.split())[:300])}</del></li>' for r in s.removed)
            parts.append(f"<details><summary>What was removed ({len(s.removed)} spans)</summary>"
                         f'<ul class="cut-list">{cuts}</ul></details>')
        raw = self.raws.get(s.id)
        if raw is not None and self.links.inline_sources:
            parts.append(f'<details class="fulltext"><summary>Read the source text</summary>'
                         f'<div class="src" id="text-{n}">'
                         f"{marked_text(raw, self.removals[s.id], 0, len(raw))}</div></details>")
        parts.append(parts_link + "</li>")
        return "".join(parts)

    def body(self) -> str:
        b = self.brief
        toc = ('<nav class="toc" aria-label="sections"><a href="#answer">Reasons</a>'
               '<a href="#conflicts">Conflicts</a><a href="#timeline">Timeline</a>'
               '<a href="#entities">Entities</a><a href="#sources">Sources</a></nav>')
        intro = (f'<h1 id="question">{_e(b.question)}</h1><p class="meta">A crosscheck brief from '
                 f"{len(b.sources)} source{'s' * (len(b.sources) != 1)}. Every quote is verbatim; "
                 "the bracketed number names its source — hover, focus or follow it to read the "
                 f"passage around the quote.</p>{toc}")
        return "\n".join([intro, self.reasons(), self.conflicts(), self.timeline(),
                          self.entities(), self.audit()])


def brief_body(brief: Brief, raws: Mapping[str, str] | None = None,
               links: ReportLinks | None = None) -> str:
    """The report's ``<main>`` content (the web UI wraps it in its own page)."""
    return _Report(brief, raws, links or ReportLinks()).body()


def brief_to_html(brief: Brief, raws: Mapping[str, str] | None = None,
                  links: ReportLinks | None = None) -> str:
    """The brief as one HTML page.

    Args:
        brief: the brief to show.
        raws: document id -> raw text; with it each citation shows the sentences around the
            quote and each source's full text is included, removals struck through in place.
        links: where sources link to (default: within the page).
    """
    footer = (f'<footer><p>crosscheck {_e(brief.version)} · a self-contained page: no script, '
              "no requests.</p></footer>")
    return html_page(f"{brief.question} — crosscheck brief", brief_body(brief, raws, links),
                     footer=footer)

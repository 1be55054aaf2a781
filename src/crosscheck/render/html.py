"""The brief as one self-contained HTML page: inline CSS and SVG, no script, no network.

Every piece of source text passes through :func:`html.escape` (quotes included), and
URIs are shown as text, never as links, so hostile pages cannot inject markup, run
script or make the reader's browser fetch anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from crosscheck.analyse.dates import DateSpan, parse_value
from crosscheck.model import Brief, Evidence, TimelineEntry

_CSS = """
:root{--fg:#1d232a;--muted:#5b6570;--line:#d9dee3;--accent:#1f5fae;--warn:#b3261e;
--bg:#fff;--soft:#f5f7f9}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 Georgia,'Times New Roman',serif;
color:var(--fg);background:var(--bg)}main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{font-size:1.6rem;line-height:1.25}h2{font:600 1.15rem/1.3 system-ui,sans-serif;margin-top:2.2rem;
border-bottom:1px solid var(--line);padding-bottom:.3rem}h3{font:600 1rem/1.35 system-ui,sans-serif}
.meta,.note,small{color:var(--muted);font-family:system-ui,sans-serif;font-size:.85rem}
blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid var(--line);background:var(--soft)}
a{color:var(--accent)}a:focus,summary:focus{outline:3px solid var(--accent);outline-offset:2px}
.cite{font-family:system-ui,sans-serif;font-size:.8rem;text-decoration:none;margin-left:.2rem}
.values{display:flex;flex-wrap:wrap;gap:.6rem}.value{flex:1 1 14rem;border:1px solid var(--line);
padding:.5rem .7rem;border-radius:4px}.value b{font-family:system-ui,sans-serif}
table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{border-bottom:1px solid var(--line);
padding:.35rem .4rem;text-align:left;vertical-align:top}th{font-family:system-ui,sans-serif}
.conflict{color:var(--warn);font-weight:600}svg{width:100%;height:auto}
.removed{background:#fdecea;text-decoration:line-through;color:#7a2520}
details{margin:.4rem 0}summary{cursor:pointer;font-family:system-ui,sans-serif;font-size:.9rem}
.src{white-space:pre-wrap;font-size:.85rem;max-height:30rem;overflow:auto;border:1px solid var(--line);
padding:.6rem}
@media print{details>*{display:block}summary{display:none}.src{max-height:none}a{color:inherit}}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _cites(numbers: dict[str, int], doc_ids: Iterable[str]) -> str:
    return "".join(f'<a class="cite" href="#src-{numbers[d]}">[{numbers[d]}]</a>'
                   for d in doc_ids if d in numbers)


def _quote(e: Evidence, numbers: dict[str, int]) -> str:
    n = numbers.get(e.source)
    cite = f'<a class="cite" href="#src-{n}" title="characters {e.start}–{e.end}">[{n}]</a>'
    return f"<blockquote>{_e(e.quote)}{cite}</blockquote>"


def _timeline_svg(entries: tuple[TimelineEntry, ...]) -> str:
    """Dates on a horizontal axis, one mark per event, conflicts in red."""
    spans: list[tuple[TimelineEntry, DateSpan]] = []
    for t in entries:
        span = parse_value(t.date)
        if span is not None:
            spans.append((t, span))
    if not spans:
        return ""
    lo = min(s.first for _, s in spans)
    hi = max(s.last for _, s in spans)
    width, left, right = 720, 40, 20
    scale = (width - left - right) / max(hi - lo, 1)
    from datetime import date as _date
    y0, y1 = _date.fromordinal(lo).year, _date.fromordinal(hi).year
    step = max(1, (y1 - y0 + 1) // 8)
    ticks = []
    for year in range(y0, y1 + 2, step):
        x = left + (_date(year, 1, 1).toordinal() - lo) * scale
        if left <= x <= width - right:
            ticks.append(f'<line x1="{x:.1f}" y1="58" x2="{x:.1f}" y2="64" stroke="#5b6570"/>'
                         f'<text x="{x:.1f}" y="78" font-size="11" text-anchor="middle" '
                         f'fill="#5b6570">{year}</text>')
    if len(ticks) < 2:  # a short span: label the months instead
        ticks = []
        first = _date.fromordinal(lo)
        month = _date(first.year, first.month, 1)
        while month.toordinal() <= hi:
            x = left + (month.toordinal() - lo) * scale
            if x >= left:
                ticks.append(f'<line x1="{x:.1f}" y1="58" x2="{x:.1f}" y2="64" stroke="#5b6570"/>'
                             f'<text x="{x:.1f}" y="78" font-size="11" text-anchor="middle" '
                             f'fill="#5b6570">{month:%b %Y}</text>')
            month = _date(month.year + month.month // 12, month.month % 12 + 1, 1)
    marks = []
    for i, (t, s) in enumerate(spans):
        x = left + ((s.first + s.last) / 2 - lo) * scale
        colour = "#b3261e" if t.conflict else "#1f5fae"
        y = 24 + (i % 4) * 8
        marks.append(f'<circle cx="{x:.1f}" cy="{y}" r="{5 if t.conflict else 4}" fill="{colour}">'
                     f"<title>{_e(t.date)}: {_e(t.label)}</title></circle>")
    return (f'<svg viewBox="0 0 {width} 90" role="img" aria-label="Timeline chart: '
            f'{len(spans)} events from {y0} to {y1}, conflicts in red">'
            f'<line x1="{left}" y1="60" x2="{width - right}" y2="60" stroke="#5b6570"/>'
            + "".join(ticks) + "".join(marks) + "</svg>")


def _source_text(raw: str, removed: Iterable[tuple[int, int, str]]) -> str:
    """The source with removed spans struck through in place."""
    out, cursor = [], 0
    for start, end, reason in sorted(removed):
        out.append(_e(raw[cursor:start]))
        out.append(f'<span class="removed" title="removed: {_e(reason)}">{_e(raw[start:end])}</span>')
        cursor = max(cursor, end)
    out.append(_e(raw[cursor:]))
    return "".join(out)


def brief_to_html(brief: Brief, raws: dict[str, str] | None = None) -> str:
    """The brief as one HTML page; with ``raws`` (id -> raw) each source's text is included."""
    numbers = {s.id: n for n, s in enumerate(brief.sources, start=1)}
    parts = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(brief.question)} — crosscheck brief</title><style>{_CSS}</style></head>",
        f"<body><main><h1>{_e(brief.question)}</h1>",
        f'<p class="meta">A crosscheck brief from {len(brief.sources)} sources. Every quote is '
        "verbatim; the bracketed number names its source.</p>",
        "<h2 id=\"answer\">Answer: the reasons the sources give</h2>",
    ]
    if not brief.reasons:
        parts.append("<p>No source sentence answers this question.</p>")
    for i, r in enumerate(brief.reasons, start=1):
        support = len(r.sources)
        parts.append(f"<section><h3>{i}. {_e(r.label)}</h3>")
        parts.append(f'<p class="note">Supported by {support} source{"s" * (support != 1)} '
                     f"{_cites(numbers, r.sources)}"
                     f"{' — single source' if support == 1 else ''}. Key phrases: "
                     f"{_e(', '.join(r.keyphrases))}.</p>")
        parts.extend(_quote(e, numbers) for e in r.evidence)
        parts.append("</section>")
    parts.append('<h2 id="conflicts">Conflicts</h2>')
    if not brief.conflicts:
        parts.append("<p>No conflicts found between the sources on this question.</p>")
    for c in brief.conflicts:
        parts.append(f"<section><h3>{_e(c.kind)}: {_e(c.topic)}</h3>")
        if c.note:
            parts.append(f'<p class="note">{_e(c.note)}</p>')
        parts.append('<div class="values">')
        for v in c.values:
            quotes = "".join(_quote(e, numbers) for e in v.evidence[:2])
            parts.append(f'<div class="value"><b>{_e(v.value)}</b> '
                         f"{_cites(numbers, v.sources)}{quotes}</div>")
        parts.append("</div></section>")
    parts.append('<h2 id="timeline">Timeline</h2>')
    parts.append(_timeline_svg(brief.timeline))
    if brief.timeline:
        parts.append("<table><thead><tr><th>date</th><th>event</th><th>sources</th></tr>"
                     "</thead><tbody>")
        for t in brief.timeline:
            flag = ' <span class="conflict">conflict</span>' if t.conflict else ""
            claims = ", ".join(sorted({f"{e.date} [{numbers.get(e.source)}]"
                                       for e in t.evidence if e.date}))
            parts.append(f"<tr><td>{_e(t.date)}{flag}</td><td>{_e(t.label)}"
                         f'<br><small>{_e(claims)}</small></td>'
                         f"<td>{_cites(numbers, t.sources)}</td></tr>")
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No dated events found.</p>")
    parts.append('<h2 id="entities">Entities</h2><ul>')
    for ent in brief.entities:
        aliases = f" — also {_e(', '.join(ent.aliases))}" if ent.aliases else ""
        parts.append(f"<li><b>{_e(ent.name)}</b> <small>{_e(ent.label or 'name')}, "
                     f"{ent.mentions} mentions</small> {_cites(numbers, ent.sources)}{aliases}</li>")
    parts.append('</ul><h2 id="sources">Sources</h2><ol>')
    for n, s in enumerate(brief.sources, start=1):
        parts.append(f'<li id="src-{n}"><b>{_e(s.title or s.id)}</b> '
                     f"<small>{_e(s.uri)}{', published ' + _e(s.published) if s.published else ''}"
                     f"</small><br>quality {s.quality.score:.2f}: {_e('; '.join(s.quality.notes))}")
        if s.removed:
            parts.append(f"<details><summary>Removed text ({len(s.removed)} spans)</summary><ul>")
            for cut in s.removed:
                parts.append(f'<li><small>{_e(cut.reason)}</small> '
                             f'<span class="removed">{_e(" ".join(cut.text.split())[:300])}</span></li>')
            parts.append("</ul></details>")
        if raws and s.id in raws:
            spans = [(r.start, r.end, r.reason) for r in s.removed]
            parts.append("<details><summary>Full text, removals struck through</summary>"
                         f'<div class="src">{_source_text(raws[s.id], spans)}</div></details>')
        parts.append("</li>")
    parts.append("</ol></main></body></html>")
    return "\n".join(parts)

"""The brief as Markdown: Answer, Conflicts, Timeline, Entities, Sources.

Every quote is followed by its citation ``[n]``, n numbering the source list at the end.
Source text is untrusted: angle brackets are escaped so a renderer that passes HTML
through cannot be made to run a source's markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from crosscheck.model import Brief, Evidence
from crosscheck.render.text_chart import text_chart


def _safe(text: str) -> str:
    """Source text made inert in Markdown (no raw HTML, one line)."""
    return " ".join(text.replace("<", "&lt;").replace(">", "&gt;").split())


def _cell(text: str) -> str:
    return _safe(text).replace("|", "\\|")


def _cite(numbers: dict[str, int], doc_ids: Iterable[str]) -> str:
    return "".join(f"[{numbers[d]}]" for d in doc_ids if d in numbers)


def _quote(e: Evidence, numbers: dict[str, int]) -> str:
    return f"“{_safe(e.quote)}” [{numbers.get(e.source, '?')}]"


def brief_to_markdown(brief: Brief) -> str:
    """The whole brief as one Markdown document."""
    numbers = {s.id: n for n, s in enumerate(brief.sources, start=1)}
    out: list[str] = [f"# {_safe(brief.question)}", ""]
    n_sources = len(brief.sources)
    out.append(f"*A crosscheck brief from {n_sources} source{'s' * (n_sources != 1)}: every "
               "quote below is verbatim, with its source in brackets.*")
    out += ["", f"## Answer: {brief.answer_heading}", ""]
    if not brief.reasons:
        out.append("No source sentence answers this question.")
    for i, r in enumerate(brief.reasons, start=1):
        support = len(r.sources)
        weak = " — single source" if support == 1 else ""
        out.append(f"### {i}. {_safe(r.label)}")
        out.append("")
        out.append(f"Supported by {support} source{'s' * (support != 1)} "
                   f"{_cite(numbers, r.sources)}{weak}. Key phrases: "
                   f"{', '.join(_safe(k) for k in r.keyphrases) or '—'}.")
        out.append("")
        for e in r.evidence:
            out.append(f"> {_quote(e, numbers)}")
            out.append(">")
        if out[-1] == ">":
            out.pop()
        out.append("")
    out += ["## Conflicts", ""]
    if not brief.conflicts:
        out.append("No conflicts found between the sources on this question.")
    for c in brief.conflicts:
        out.append(f"- **{c.kind}** — {_safe(c.topic) or 'unlabelled'}" +
                   (f" ({_safe(c.note)})" if c.note else ""))
        for v in c.values:
            quote = _quote(v.evidence[0], numbers) if v.evidence else ""
            out.append(f"  - **{_safe(v.value)}** held by {_cite(numbers, v.sources)}: {quote}")
    out += ["", "## Timeline", ""]
    if brief.timeline:
        chart = text_chart(brief.timeline)
        if chart:
            out += ["```text", chart, "```", ""]
        out.append("| date | event | sources | conflict |")
        out.append("|---|---|---|---|")
        for t in brief.timeline:
            claims = "; ".join(sorted({f"{e.date} {_cite(numbers, [e.source])}"
                                       for e in t.evidence if e.date}))
            flag = f"⚠ {claims}" if t.conflict else ""
            out.append(f"| {t.date} | {_cell(t.label)} | {_cite(numbers, t.sources)} | {flag} |")
    else:
        out.append("No dated events found.")
    out += ["", "## Entities", ""]
    for ent in brief.entities:
        aliases = f" — also: {', '.join(_safe(a) for a in ent.aliases)}" if ent.aliases else ""
        out.append(f"- **{_safe(ent.name)}** ({ent.label or 'name'}, {ent.mentions} mentions, "
                   f"{_cite(numbers, ent.sources)}){aliases}")
    out += ["", "## Sources", ""]
    for n, s in enumerate(brief.sources, start=1):
        removed: dict[str, int] = {}
        for cut in s.removed:
            removed[cut.reason] = removed.get(cut.reason, 0) + 1
        cleaned = ", ".join(f"{k} ×{v}" for k, v in sorted(removed.items())) or "nothing"
        out.append(f"{n}. **{_safe(s.title) or s.id}** — `{_safe(s.uri)}`"
                   + (f", published {s.published}" if s.published else ""))
        out.append(f"   quality {s.quality.score:.2f}: {'; '.join(_safe(x) for x in s.quality.notes)}."
                   f" Removed: {cleaned}.")
    out.append("")
    return "\n".join(out)

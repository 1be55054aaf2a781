"""The brief as the ``crosscheck.brief/1`` JSON contract (schema: ``brief.schema.json``)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from crosscheck.model import Brief, Evidence

SCHEMA_ID = "crosscheck.brief/1"


def _evidence(e: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"source": e.source, "start": e.start, "end": e.end, "quote": e.quote}
    if e.date is not None:
        out["date"] = e.date
    return out


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as plain data in the order of the published contract."""
    return {
        "schema": SCHEMA_ID,
        "question": brief.question,
        "version": brief.version,
        "sources": [
            {
                "id": s.id, "number": n, "uri": s.uri, "title": s.title,
                "published": s.published, "language": s.language, "group": s.group,
                "chars": s.chars, "kept_chars": s.kept_chars, "sentences": s.sentences,
                "quality": {"score": s.quality.score, "notes": list(s.quality.notes)},
                "removed": [{"start": r.start, "end": r.end, "reason": r.reason,
                             "text": r.text, "detail": r.detail} for r in s.removed],
            }
            for n, s in enumerate(brief.sources, start=1)
        ],
        "reasons": [
            {"label": r.label, "keyphrases": list(r.keyphrases), "score": r.score,
             "sources": list(r.sources), "evidence": [_evidence(e) for e in r.evidence]}
            for r in brief.reasons
        ],
        "conflicts": [
            {"kind": c.kind, "topic": c.topic, "note": c.note,
             "values": [{"value": v.value, "sources": list(v.sources),
                         "evidence": [_evidence(e) for e in v.evidence]} for v in c.values]}
            for c in brief.conflicts
        ],
        "timeline": [
            {"date": t.date, "granularity": t.granularity, "label": t.label,
             "sources": list(t.sources), "evidence": [_evidence(e) for e in t.evidence],
             "conflict": t.conflict}
            for t in brief.timeline
        ],
        "entities": [
            {"name": e.name, "aliases": list(e.aliases), "sources": list(e.sources),
             "mentions": e.mentions, "label": e.label}
            for e in brief.entities
        ],
        "config": brief.config,
    }


def brief_to_json(brief: Brief, indent: int | None = 2) -> str:
    """The brief as JSON text."""
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent)


def brief_schema() -> dict[str, Any]:
    """The JSON Schema of the brief contract shipped in the package."""
    text = (resources.files("crosscheck.render") / "brief.schema.json").read_text("utf-8")
    return dict(json.loads(text))

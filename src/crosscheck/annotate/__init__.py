"""Annotate: dates, numbers and proper names in each sentence, as :class:`Mention` spans.

Mention offsets index the document's ``raw`` (a sentence's offsets plus the offset inside
it). Relative dates are resolved against the nearest explicit date earlier in the same
document, else against the document's published date.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.annotate.dates import tag_dates
from crosscheck.annotate.entities import tag_names
from crosscheck.annotate.numbers import format_number, tag_numbers
from crosscheck.model import Mention, Sentence

__all__ = ["annotate"]

#: Granularities precise enough to anchor the relative dates that follow them.
_ANCHORING = {"time", "day", "month", "year"}


def annotate(sentences: Sequence[Sentence], published: str | None = None) -> list[Mention]:
    """Every date, number and name mention in the sentences of one document."""
    mentions: list[Mention] = []
    anchor = published
    for s in sentences:
        dates = tag_dates(s.text, anchor=anchor)
        for t in dates:
            mentions.append(Mention(
                s.doc_id, s.index, "date", s.start + t.start, s.start + t.end, t.text,
                t.value, granularity=t.granularity, type=t.type,
            ))
            if t.type in ("DATE", "TIME") and t.granularity in _ANCHORING and t.value[:1].isdigit():
                anchor = t.value
        taken = [(t.start, t.end) for t in dates]
        for n in tag_numbers(s.text, taken):
            mentions.append(Mention(
                s.doc_id, s.index, "number", s.start + n.start, s.start + n.end, n.text,
                format_number(n.value), unit=n.unit,
            ))
        for name in tag_names(s.text):
            if any(name.start < e and st < name.end for st, e in taken):
                continue
            mentions.append(Mention(
                s.doc_id, s.index, "entity", s.start + name.start, s.start + name.end,
                name.text, " ".join(name.text.split()), label=name.label,
            ))
    return mentions

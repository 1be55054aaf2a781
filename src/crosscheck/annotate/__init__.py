"""Annotate: dates, numbers and proper names in each sentence, as :class:`Mention` spans.

Mention offsets index the document's ``raw`` (a sentence's offsets plus the offset inside
it). Relative dates are resolved against the nearest explicit date earlier in the same
document, else against the document's published date.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.annotate.dates import tag_document
from crosscheck.annotate.entities import tag_names
from crosscheck.annotate.numbers import format_number, tag_numbers
from crosscheck.model import Mention, Sentence

__all__ = ["annotate"]

def annotate(sentences: Sequence[Sentence], published: str | None = None) -> list[Mention]:
    """Every date, number and name mention in the sentences of one document."""
    mentions: list[Mention] = []
    # One reading of the whole document: the date tagger keeps the publication date as
    # the time of writing and the dates the text named as the story's time.
    per_sentence = tag_document([(s.start, s.text) for s in sentences], anchor=published)
    for s, dates in zip(sentences, per_sentence, strict=True):
        for t in dates:
            mentions.append(Mention(
                s.doc_id, s.index, "date", s.start + t.start, s.start + t.end, t.text,
                t.value, granularity=t.granularity, type=t.type,
            ))
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

"""The data model every stage speaks (DESIGN.md, "Data model").

All text-bearing records are *stand-off*: they hold ``(start, end)`` offsets into a
document's ``raw`` text, never copies that could drift from it. A ``text`` field, where
present, is a convenience equal to ``raw[start:end]`` and is checked by the tests.

The records are frozen dataclasses so a stage can hand them on without fear that a
later stage edits them in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from crosscheck.english import question_kind

RemovalReason = Literal["boilerplate", "spam", "duplicate", "gloss"]
REMOVAL_REASONS: tuple[RemovalReason, ...] = ("boilerplate", "spam", "duplicate", "gloss")

MentionKind = Literal["date", "entity", "number"]

#: How precise a date value is, finest first.
Granularity = Literal["time", "day", "month", "season", "quarter", "year", "decade", "century"]
GRANULARITIES: tuple[Granularity, ...] = (
    "time", "day", "month", "season", "quarter", "year", "decade", "century",
)

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of ``raw`` that cleaning marked as not part of the article, and why."""

    start: int
    end: int
    reason: RemovalReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """One source exactly as read; ``id`` is the hash of ``raw``."""

    id: str
    uri: str
    raw: str
    title: str = ""
    published: str | None = None
    media_type: str = "text/plain"
    language: str = "en"
    removals: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as offsets into its document's ``raw``."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression found in a text, with its TIMEX3-style normalised value.

    ``value`` follows TIMEX3: ``1986-04-13``, ``1984-08``, ``1984``, ``1984-FA`` (season),
    ``198X`` (decade), ``19XX`` (century), ``1986-04-13T23:59`` (time), ``P2Y`` (duration),
    ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``. Offsets are relative to the text tagged.
    """

    start: int
    end: int
    text: str
    value: str
    type: TimexType = "DATE"
    granularity: Granularity | None = "day"
    #: True when the value was resolved against an anchor (a nearby date or the document date).
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A date, number or proper-name span inside a sentence, with its normalised value.

    * date: ``value`` is a TIMEX3 value, ``granularity`` and ``type`` as in :class:`Timex`.
    * number: ``value`` is the number as a plain decimal string, ``unit`` the noun it counts.
    * entity: ``value`` is the surface name with whitespace normalised, ``label`` a coarse type.
    """

    doc_id: str
    sentence_index: int
    kind: MentionKind
    start: int
    end: int
    text: str
    value: str
    granularity: str | None = None
    type: str | None = None
    unit: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote: ``quote == raw[start:end]`` of source ``source``."""

    source: str
    start: int
    end: int
    quote: str
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A name and its merged aliases across sources."""

    name: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    mentions: int
    label: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One dated happening; each source's own date claim is kept in its evidence."""

    date: str
    granularity: str
    label: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    conflict: bool = False


@dataclass(frozen=True, slots=True)
class ConflictValue:
    """One of the competing values in a conflict, with who holds it."""

    value: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources disagree about one thing (a date, a number, a name or a claim)."""

    kind: Literal["date", "number", "name", "claim"]
    topic: str
    values: tuple[ConflictValue, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Reason:
    """A distinct reason/answer the sources give, with its quotes and its support."""

    label: str
    keyphrases: tuple[str, ...]
    score: float
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class SourceQuality:
    """A source's quality score in [0, 1] and the reasons that moved it, in words."""

    score: float
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemovedText:
    """A removal with the text it covers, as the audit shows it."""

    start: int
    end: int
    reason: str
    text: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SourceAudit:
    """What the brief says about one source."""

    id: str
    uri: str
    title: str
    published: str | None
    quality: SourceQuality
    removed: tuple[RemovedText, ...] = ()
    chars: int = 0
    kept_chars: int = 0
    sentences: int = 0
    language: str = "en"
    #: Sources that copy one another share a group; corroboration counts a group once.
    group: str = ""


@dataclass(frozen=True, slots=True)
class Brief:
    """The research brief for one question (the public JSON contract lives in render/)."""

    question: str
    sources: tuple[SourceAudit, ...]
    reasons: tuple[Reason, ...]
    conflicts: tuple[Conflict, ...]
    timeline: tuple[TimelineEntry, ...]
    entities: tuple[Entity, ...]
    config: dict[str, object] = field(default_factory=dict)
    version: str = ""

    # The renderers are a later stage; the model imports them lazily, only so the public
    # API can read ``brief.to_json()`` as the issue asks. Nothing in render/ imports this
    # at module load, so there is no cycle.

    @property
    def answer_heading(self) -> str:
        """What the answer section lists: the reasons the sources give (a why/how
        question), the dates (a when-question answered by dated claims, every quote
        carrying its date) or, for other questions, their answers."""
        kind = question_kind(self.question)
        if kind in ("why", "how"):
            return "the reasons the sources give"
        if kind == "when" and self.reasons and all(e.date for r in self.reasons for e in r.evidence):
            return "the dates the sources give"
        return "the answers the sources give"

    def to_dict(self) -> dict[str, object]:
        """The brief as the ``crosscheck.brief/1`` JSON contract."""
        from crosscheck.render.json import brief_to_dict

        return brief_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        """The brief as JSON text (``crosscheck.brief/1``)."""
        from crosscheck.render.json import brief_to_json

        return brief_to_json(self, indent=indent)

    def to_markdown(self) -> str:
        """The brief as Markdown."""
        from crosscheck.render.markdown import brief_to_markdown

        return brief_to_markdown(self)

    def to_html(self) -> str:
        """The brief as one self-contained HTML page."""
        from crosscheck.render.html import brief_to_html

        return brief_to_html(self)

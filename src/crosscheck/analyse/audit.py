"""Source audit: what was removed from each source, whether it copies another, and a
quality score in [0, 1] with the reasons that moved it, in plain words."""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.analyse.view import CorpusView
from crosscheck.model import Conflict, Document, RemovedText, SourceAudit, SourceQuality

#: Share of one source's 8-word shingles found in another above which it is a copy.
MIRROR_CONTAINMENT = 0.5
_SHINGLE = 8


#: One shingle in this many is kept (those whose hash is 0 modulo it): a consistent
#: sample, so containment between two documents is estimated without bias.
_SAMPLE = 4
#: A shingle found in more documents than this is site furniture, not copied text.
_COMMON = 50


def _shingles(doc: Document) -> set[int]:
    words = re.findall(r"\w+", doc.raw.lower())
    # crc32, not hash(): the same sample in every process, so groups are reproducible.
    hashes = (zlib.crc32(" ".join(words[i:i + _SHINGLE]).encode())
              for i in range(max(len(words) - _SHINGLE + 1, 0)))
    return {h for h in hashes if h % _SAMPLE == 0}


def duplicate_groups(docs: Sequence[Document]) -> dict[str, str]:
    """Each document's group id: the first-added document it (transitively) copies.

    Shared shingles are counted through an inverted index, so the cost follows the
    shingles two documents actually share rather than the number of pairs.
    """
    shingles = [_shingles(d) for d in docs]
    postings: dict[int, list[int]] = defaultdict(list)
    group = {d.id: d.id for d in docs}
    for i, own in enumerate(shingles):
        shared: Counter[int] = Counter()
        for h in own:
            earlier = postings[h]
            if len(earlier) <= _COMMON:
                shared.update(earlier)
            earlier.append(i)
        for j, overlap in sorted(shared.items()):
            if overlap / max(min(len(own), len(shingles[j])), 1) >= MIRROR_CONTAINMENT:
                group[docs[i].id] = group[docs[j].id]
                break
    return group


@dataclass(frozen=True, slots=True)
class Standing:
    """How often a source holds the majority or the minority value in conflicts."""

    majority: int = 0
    minority: int = 0


def conflict_standing(conflicts: Sequence[Conflict]) -> dict[str, Standing]:
    """Per source: conflicts where it sides with the most-held value, and where not."""
    tally: dict[str, Counter[str]] = {}
    for conflict in conflicts:
        if len(conflict.values) < 2:
            continue
        top = max(len(v.sources) for v in conflict.values)
        leaders = [v for v in conflict.values if len(v.sources) == top]
        for v in conflict.values:
            side = "majority" if len(leaders) == 1 and v is leaders[0] else "minority"
            if len(leaders) > 1:
                continue
            for doc_id in v.sources:
                tally.setdefault(doc_id, Counter())[side] += 1
    return {d: Standing(c["majority"], c["minority"]) for d, c in tally.items()}


def audit_sources(view: CorpusView, conflicts: Sequence[Conflict],
                  groups: dict[str, str]) -> list[SourceAudit]:
    """The audit of every source, in the order they were added."""
    standing = conflict_standing(conflicts)
    numbers = view.source_number()
    sentence_counts = Counter(s.doc_id for s in view.sentences.values())
    signs = source_signs(view)
    audits = []
    for doc_id in view.doc_order:
        doc = view.documents[doc_id]
        removed = tuple(RemovedText(r.start, r.end, r.reason, doc.raw[r.start:r.end], r.detail)
                        for r in doc.removals)
        removed_chars = sum(r.end - r.start for r in doc.removals)
        quality = score_source(doc, removed, standing.get(doc_id, Standing()),
                               copies=numbers.get(groups.get(doc_id, doc_id))
                               if groups.get(doc_id, doc_id) != doc_id else None,
                               signs=signs[doc_id])
        audits.append(SourceAudit(
            id=doc.id, uri=doc.uri, title=doc.title, published=doc.published,
            quality=quality, removed=removed, chars=len(doc.raw),
            kept_chars=len(doc.raw) - removed_chars, sentences=sentence_counts[doc_id],
            language=doc.language, group=groups.get(doc_id, doc_id),
        ))
    return audits


@dataclass(frozen=True, slots=True)
class TranslationSigns:
    """Marks of machine translation or garbling in a source's kept sentences."""

    #: Share of sentences that start with a lower-case letter.
    lower_starts: float = 0.0
    #: Share of mid-sentence words capitalised although the corpus writes them in lower case.
    capitalised_common: float = 0.0

    @property
    def garbled(self) -> bool:
        return self.lower_starts >= GARBLED_STARTS or self.capitalised_common >= GARBLED_CAPITALS


#: Shares above which a source reads as machine-translated or garbled.
GARBLED_STARTS = 0.2
GARBLED_CAPITALS = 0.08
_WORD = re.compile(r"[^\W\d_]+")


def source_signs(view: CorpusView) -> dict[str, TranslationSigns]:
    """:func:`translation_signs` of every source, kept with the corpus."""
    return view.kept(
        "translation_signs",
        lambda: {d: translation_signs(view, d) for d in view.doc_order},
        lambda by_doc: {d: [t.lower_starts, t.capitalised_common] for d, t in by_doc.items()},
        lambda raw: {d: TranslationSigns(float(a), float(b)) for d, (a, b) in raw.items()})


def translation_signs(view: CorpusView, doc_id: str) -> TranslationSigns:
    """How a source's sentences break English writing habits (see :class:`TranslationSigns`)."""
    common = view.lowercase_words()
    starts = words = capitals = 0
    sentences = view.sentences_of(doc_id)
    for s in sentences:
        text = s.text.lstrip("\"'“‘([*-–— ")
        starts += bool(text[:1].islower())
        tokens = _WORD.findall(text)[1:]
        words += len(tokens)
        capitals += sum(1 for t in tokens if t[:1].isupper() and not t.isupper() and t.lower() in common)
    return TranslationSigns(starts / max(len(sentences), 1), capitals / max(words, 1))


def score_source(doc: Document, removed: Sequence[RemovedText], standing: Standing,
                 copies: int | None, signs: TranslationSigns | None = None) -> SourceQuality:
    """Quality in [0, 1]: start at 1 and subtract for what a careful reader would distrust."""
    score = 1.0
    notes: list[str] = []
    total = max(len(doc.raw), 1)
    by_reason: Counter[str] = Counter()
    for r in removed:
        by_reason[r.reason] += r.end - r.start
    debris = sum(by_reason.values()) / total
    if debris >= 0.02:
        score -= min(0.4, 0.6 * debris)
        parts = ", ".join(f"{reason} {100 * chars / total:.0f}%"
                          for reason, chars in by_reason.most_common())
        notes.append(f"{100 * debris:.0f}% of the text is not article text ({parts})")
    spam = sum(1 for r in removed if r.reason == "spam")
    if spam:
        score -= min(0.2, 0.1 * spam)
        notes.append(f"{spam} spam or off-topic sentence{'s' * (spam != 1)} pasted into the text")
    if signs is not None and signs.garbled:
        score -= 0.1
        marks = []
        if signs.lower_starts >= GARBLED_STARTS:
            marks.append(f"{100 * signs.lower_starts:.0f}% of sentences start in lower case")
        if signs.capitalised_common >= GARBLED_CAPITALS:
            marks.append(f"common words capitalised ({100 * signs.capitalised_common:.0f}% of words)")
        notes.append("reads like a machine translation: " + ", ".join(marks)
                     + "; names in it may be garbled")
    if doc.language not in ("en", "und"):
        notes.append(f"written in language '{doc.language}'")
    kept_words = len(doc.raw.split()) - sum(len(r.text.split()) for r in removed)
    if kept_words < 150:
        score -= 0.1
        notes.append(f"short: {kept_words} words of article text")
    if standing.minority:
        score -= min(0.3, 0.1 * standing.minority)
        notes.append(f"holds the less supported value in {standing.minority} conflict"
                     f"{'s' * (standing.minority != 1)}")
    if standing.majority:
        score += min(0.1, 0.05 * standing.majority)
        notes.append(f"agrees with the better supported value in {standing.majority} conflict"
                     f"{'s' * (standing.majority != 1)}")
    if copies is not None:
        notes.append(f"largely copies source [{copies}]: counted once with it")
    if not notes:
        notes.append("clean article text; no conflicts with other sources")
    return SourceQuality(round(max(0.05, min(1.0, score)), 2), tuple(notes))

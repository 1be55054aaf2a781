"""Engine: run the per-document stages (clean → segment → annotate) over many sources.

:func:`process_source` is a pure function of one source, so it runs the same in this
process, in a local process pool, or (later) on a Ray cluster. Storing and embedding stay
in the calling process, which owns the store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from crosscheck.annotate import annotate
from crosscheck.annotate.language import detect_language
from crosscheck.annotate.published import published_from_text
from crosscheck.clean import find_removals
from crosscheck.ingest import Skip, document_id, read_path
from crosscheck.ingest.readers import RawSource, first_line_title, normalise_published
from crosscheck.model import Document, Mention, Removal, Sentence
from crosscheck.segment import segment

__all__ = ["Processed", "process_source", "process_sources", "read_one", "read_paths"]

#: Below this many sources a pool costs more to start than it saves (≈ 0.3 s to fork
#: two workers and import the stages, against ≈ 20 ms of work per page).
POOL_THRESHOLD = 24


@dataclass(frozen=True, slots=True)
class Processed:
    """A document ready to store: cleaned, segmented and annotated."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]


def process_source(source: RawSource) -> Processed:
    """Clean, segment and annotate one source."""
    doc_id = document_id(source.raw)
    removals = tuple(find_removals(source.raw))
    published = (normalise_published(source.published)
                 or published_from_text(source.raw, removals))
    sentences = segment(doc_id, source.raw, removals)
    document = Document(
        id=doc_id, uri=source.uri, raw=source.raw, title=source.title,
        published=published, media_type=source.media_type, removals=removals,
        language=detect_language(" ".join(s.text for s in sentences)),
    )
    mentions = annotate(sentences, published=published)
    if source.title == first_line_title(source.raw) and _starts_removed(source.raw, removals):
        # The title came from the first line, and cleaning found that line to be page
        # furniture ("HOME"): take the first kept sentence instead.
        title = sentences[0].text[:200] if sentences else source.title
        document = dataclasses.replace(document, title=" ".join(title.split()))
    return Processed(document, tuple(sentences), tuple(mentions))


def _starts_removed(raw: str, removals: tuple[Removal, ...]) -> bool:
    first = len(raw) - len(raw.lstrip())
    return any(r.start <= first < r.end for r in removals)


def read_one(path: Path) -> list[RawSource | Skip]:
    """Everything one file yields (sources or skips), as a list a pool can send back."""
    return list(read_path(path))


def read_paths(paths: Sequence[Path], workers: int = 1) -> Iterator[list[RawSource | Skip]]:
    """Read files in order, in a pool when there are many: extracting the main text of an
    HTML page costs tens of milliseconds, as much as cleaning and annotating it."""
    if workers <= 1 or len(paths) < POOL_THRESHOLD:
        for path in paths:
            yield read_one(path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(read_one, paths, chunksize=4)


def process_sources(sources: Iterable[RawSource], workers: int = 1) -> Iterator[Processed]:
    """Process sources in order, in a pool of ``workers`` processes when there are many."""
    items = list(sources)
    if workers <= 1 or len(items) < POOL_THRESHOLD:
        for item in items:
            yield process_source(item)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process_source, items, chunksize=8)

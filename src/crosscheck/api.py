"""The Python API, mirrored by the CLI: ``Corpus(path).add(paths)``, ``.ask(question)``.

::

    from crosscheck import Corpus
    corpus = Corpus("crosscheck.db")
    report = corpus.add(["examples/neutrality-pact/"])
    brief = corpus.ask("Why did the bridge collapse?")
    print(brief.to_markdown())
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.analyse import CorpusView, build_brief, prepare, require_question
from crosscheck.clean import find_removals
from crosscheck.engine import process_sources, read_paths
from crosscheck.errors import EmptyStoreError
from crosscheck.index import RetrievalOptions, embed_missing, get_embedder
from crosscheck.index.embed import Embedder
from crosscheck.ingest import Skip, discover, document_id, read_path
from crosscheck.ingest.readers import RawSource
from crosscheck.model import Brief, Document, Removal
from crosscheck.settings import Settings
from crosscheck.store import open_store
from crosscheck.store.sqlite import SQLiteStore

#: Called with (stage, done, total) as work proceeds; the CLI draws progress bars with it.
ProgressHook = Callable[[str, int, int], None]


@dataclass
class AddReport:
    """What one ``add`` did: documents added, content already stored, and skips."""

    added: list[Document] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    embedded: int = 0


@dataclass(frozen=True, slots=True)
class Extraction:
    """One source as cleaning sees it: the kept text and every removed span, or an error."""

    path: str
    text: str = ""
    removed: tuple[Removal, ...] = ()
    raw: str = ""
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``--jsonl`` record: ``{"path", "text", "removed"}`` or ``{"path", "error"}``."""
        if self.error is not None:
            return {"path": self.path, "error": self.error}
        return {"path": self.path, "text": self.text,
                "removed": [{"start": r.start, "end": r.end, "reason": r.reason,
                             "detail": r.detail, "text": self.raw[r.start:r.end]}
                            for r in self.removed]}


def extract(paths: Iterable[str | Path]) -> Iterator[Extraction]:
    """Read and clean each source under ``paths`` without storing anything.

    A file that cannot be read yields an :class:`Extraction` with its ``error`` and the
    rest go on; a ``.jsonl`` file yields one extraction per record.
    """
    for given in paths:
        if not Path(given).exists():
            yield Extraction(path=str(given), error="no such file or directory")
            continue
        yield from _extract_one(given)


def _extract_one(given: str | Path) -> Iterator[Extraction]:
    for found in discover([given]):
        if isinstance(found, Skip):
            continue  # a folder's own README is not a source here either
        for item in read_path(found):
            if isinstance(item, Skip):
                yield Extraction(path=item.path, error=item.reason)
                continue
            removals = tuple(find_removals(item.raw))
            yield Extraction(path=item.uri, text=kept_text(item.raw, removals),
                             removed=removals, raw=item.raw)


def kept_text(raw: str, removals: Iterable[Removal]) -> str:
    """``raw`` without its removed spans; the blank lines a removed line leaves are merged."""
    parts, at = [], 0
    for r in sorted(removals, key=lambda r: r.start):
        if r.start > at:
            parts.append(raw[at:r.start])
        at = max(at, r.end)
    parts.append(raw[at:])
    text = "".join(parts)
    text = _HORIZONTAL_GAPS.sub(" ", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


_HORIZONTAL_GAPS = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")


class Corpus:
    """A corpus of sources in one store, and the questions asked of it."""

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None,
                 **overrides: Any) -> None:
        if path is not None:
            overrides["store"] = str(path)
        self.settings = dataclasses.replace(settings or Settings.from_env(), **overrides)
        self.store: SQLiteStore = open_store(self.settings.store)
        self.store.set_stemming(self.settings.lexical_stemming)
        self._embedder: Embedder | None = None
        self._view: tuple[tuple[int, int], CorpusView] | None = None

    @property
    def embedder(self) -> Embedder:
        """The sentence embedder the settings name (loaded on first use)."""
        if self._embedder is None:
            self._embedder = get_embedder(self.settings.embedder, self.settings.embed_batch)
        return self._embedder

    def add(self, paths: Iterable[str | Path], progress: ProgressHook | None = None,
            workers: int | None = None) -> AddReport:
        """Ingest files and folders; one bad file is skipped with a reason, never fatal."""
        report = AddReport()
        pool = workers if workers is not None else min(os.cpu_count() or 1, 4)
        found = list(discover(paths))
        report.skipped.extend(f for f in found if isinstance(f, Skip))
        files = [f for f in found if not isinstance(f, Skip)]
        sources: list[RawSource] = []
        for i, items in enumerate(read_paths(files, workers=pool), start=1):
            for item in items:
                if isinstance(item, Skip):
                    report.skipped.append(item)
                else:
                    sources.append(item)
            if progress:
                progress("read", i, len(files))
        # Content already stored (or twice in this batch) costs no cleaning or analysis.
        fresh: dict[str, RawSource] = {}
        for source in sources:
            doc_id = document_id(source.raw)
            if doc_id in fresh or self.store.has_document(doc_id):
                report.unchanged.append(source.uri)
            else:
                fresh[doc_id] = source
        sources = list(fresh.values())
        for done, processed in enumerate(process_sources(sources, workers=pool), start=1):
            if self.store.add_document(processed.document, processed.sentences,
                                       processed.mentions):
                report.added.append(processed.document)
            else:
                report.unchanged.append(processed.document.uri)
            if progress:
                progress("analyse", done, len(sources))
        if report.skipped:
            self.store.record_skips((s.path, s.reason) for s in report.skipped)
        report.embedded = self.index(progress)
        if report.added:
            prepare(self.view())  # corpus-wide analysis now, so questions start warm
        return report

    def index(self, progress: ProgressHook | None = None) -> int:
        """Embed every sentence that has no vector yet; returns how many were embedded."""
        todo = len(self.store.sentences_without_embedding(self.embedder.name))
        if not todo:
            return 0
        done = 0
        if progress:
            progress("embed", 0, todo)

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress("embed", done, todo)

        return embed_missing(self.store, self.embedder, tick)

    def view(self) -> CorpusView:
        """The corpus loaded for analysis (raises if it holds no documents).

        The loaded view is kept while the store holds the same documents, so later
        questions reuse it and the corpus-wide analysis it memoises (copy groups,
        entities): only the first question pays for loading.
        """
        documents = self.store.count_documents()
        if documents == 0:
            raise EmptyStoreError(self.settings.store)
        state = (documents, self.store.count_sentences())
        if self._view is None or self._view[0] != state:
            self.index()
            self._view = (state, CorpusView.load(self.store, self.embedder,
                                                 RetrievalOptions.from_settings(self.settings)))
        return self._view[1]

    def ask(self, question: str) -> Brief:
        """The research brief for a question."""
        return build_brief(self.view(), require_question(question), self.settings)

    def survey(self) -> Brief:
        """Timeline, conflicts, entities and audit of the whole corpus (no question)."""
        return build_brief(self.view(), None, self.settings)

    def documents(self) -> list[Document]:
        """Every stored document."""
        return self.store.documents()

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.analyse import CorpusView, build_brief, require_question
from crosscheck.engine import process_sources
from crosscheck.errors import EmptyStoreError
from crosscheck.index import embed_missing, get_embedder
from crosscheck.index.embed import Embedder
from crosscheck.ingest import Skip, discover, read_path
from crosscheck.ingest.readers import RawSource
from crosscheck.model import Brief, Document
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


class Corpus:
    """A corpus of sources in one store, and the questions asked of it."""

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None,
                 **overrides: Any) -> None:
        if path is not None:
            overrides["store"] = str(path)
        self.settings = dataclasses.replace(settings or Settings.from_env(), **overrides)
        self.store: SQLiteStore = open_store(self.settings.store)
        self._embedder: Embedder | None = None

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
        files = list(discover(paths))
        sources: list[RawSource] = []
        for i, path in enumerate(files, start=1):
            if isinstance(path, Skip):
                report.skipped.append(path)
            else:
                for item in read_path(path):
                    if isinstance(item, Skip):
                        report.skipped.append(item)
                    else:
                        sources.append(item)
            if progress:
                progress("read", i, len(files))
        pool = workers if workers is not None else min(os.cpu_count() or 1, 4)
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
        """The corpus loaded for analysis (raises if it holds no documents)."""
        if self.store.count_documents() == 0:
            raise EmptyStoreError(self.settings.store)
        self.index()
        return CorpusView.load(self.store, self.embedder)

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

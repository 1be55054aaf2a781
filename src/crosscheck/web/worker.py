"""One thread owns the corpus; briefs are cached per (question, store state).

SQLite connections belong to the thread that opened them, and analysis on a 2-core
laptop is best done one question at a time, so every store access of the web UI runs on
a single worker thread. Asking a question takes about a second on the sample corpus;
the cache makes a shared or reloaded URL instant, and any document added (through the
UI or by ``crosscheck add`` in another process) changes the state and so the key.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from crosscheck.analyse import CorpusView, build_brief, require_question
from crosscheck.api import AddReport, Corpus
from crosscheck.index import hybrid_search
from crosscheck.model import Brief, Document
from crosscheck.settings import Settings

T = TypeVar("T")

#: Briefs kept in memory; a brief of the sample corpus is ~200 KB of objects.
CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One sentence found by search, as a citable span."""

    doc_id: str
    number: int
    title: str
    start: int
    end: int
    quote: str
    score: float


class CorpusWorker:
    """The corpus behind the web UI, used from one thread only."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="crosscheck-corpus")
        self._corpus: Corpus | None = None
        self._view: tuple[int, CorpusView] | None = None
        self._briefs: OrderedDict[tuple[str, int], Brief] = OrderedDict()
        self.asked = 0  # analyses actually run (the cache's misses), for tests and logs

    async def run(self, job: Callable[[CorpusWorker], T]) -> T:
        """Run ``job(self)`` on the corpus thread."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, job, self)

    def close(self) -> None:
        """Close the store on its own thread and stop the thread."""
        self._pool.submit(self._close).result()
        self._pool.shutdown(wait=True)

    def _close(self) -> None:
        if self._corpus is not None:
            self._corpus.close()
            self._corpus = None

    # -- everything below runs on the corpus thread ------------------------------------
    @property
    def corpus(self) -> Corpus:
        """The corpus, opened on first use (on this thread)."""
        if self._corpus is None:
            self._corpus = Corpus(settings=self.settings)
        return self._corpus

    def state(self) -> int:
        """A token that changes whenever documents are added (content ids never change)."""
        return self.corpus.store.count_documents()

    def view(self) -> CorpusView:
        """The loaded corpus, reloaded when the store's state changed."""
        state = self.state()
        if self._view is None or self._view[0] != state:
            self._view = (state, self.corpus.view())
        return self._view[1]

    def brief(self, question: str) -> tuple[Brief, dict[str, str]]:
        """The brief for a question (cached) and the raw texts of its sources."""
        question = require_question(question)
        view = self.view()
        key = (question, self.state())
        brief = self._briefs.get(key)
        if brief is None:
            brief = build_brief(view, question, self.corpus.settings)
            self.asked += 1
            self._briefs[key] = brief
            while len(self._briefs) > CACHE_SIZE:
                self._briefs.popitem(last=False)
        else:
            self._briefs.move_to_end(key)
        raws = {s.id: view.documents[s.id].raw for s in brief.sources if s.id in view.documents}
        return brief, raws

    def documents(self) -> list[Document]:
        """Every stored document, in the order added."""
        return self.corpus.documents()

    def document(self, doc_id: str) -> Document | None:
        """One stored document by id, or None."""
        if self._view is not None and self._view[0] == self.state():
            return self._view[1].documents.get(doc_id)
        return next((d for d in self.corpus.documents() if d.id == doc_id), None)

    def search(self, query: str, k: int) -> list[SearchHit]:
        """The sentences that best match ``query`` (BM25 and embeddings fused)."""
        query = require_question(query)
        view = self.view()
        numbers = view.source_number()
        hits = []
        for hit in hybrid_search(view.store, view.vectors, query, k, self.corpus.settings.rrf_k):
            s = view.sentences[hit.sentence_id]
            doc = view.documents[s.doc_id]
            hits.append(SearchHit(s.doc_id, numbers[s.doc_id], doc.title or doc.uri, s.start, s.end,
                                  doc.raw[s.start:s.end], hit.score))
        return hits

    def add(self, paths: Sequence[Path]) -> AddReport:
        """Ingest files exactly as ``crosscheck add`` does (one process: the server's)."""
        return self.corpus.add(paths, workers=1)

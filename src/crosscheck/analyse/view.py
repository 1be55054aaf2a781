"""CorpusView: what analysis reads from a store, loaded once per question."""

from __future__ import annotations

import contextlib
import json
import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar, cast

import numpy as np

from crosscheck import __version__
from crosscheck.english import IRREGULAR_PAST, STOP_WORDS, wordset
from crosscheck.index import RetrievalOptions, VectorIndex
from crosscheck.index.embed import Embedder
from crosscheck.model import Document, Evidence, Mention, Sentence
from crosscheck.store.sqlite import SQLiteStore

T = TypeVar("T")
#: Bumped when results saved in the store change shape or meaning, so older ones are
#: recomputed rather than misread.
ANALYSIS_FORMAT = 2
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

#: Words analysis ignores when it compares or labels sentences: the English function
#: words, plus discourse and ordering words that say nothing of a sentence's content.
STOPWORDS = STOP_WORDS | wordset(
    """
    almost already always another aren't became become becomes cannot couldn't didn't
    doesn't don't earlier either ever every first furthermore get go going gone got
    hadn't hasn't haven't hence indeed instead isn't it's later least less let like made
    make may meanwhile might moreover must neither never others quite rather really
    second shall take taken that's there's third took toward towards us wasn't way ways
    well went weren't whether whole whose
    """
)


def content_words(text: str) -> list[str]:
    """Lower-cased words of a text minus stop words and one-letter words."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text))
            if w not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=1 << 15)
def stems(text: str) -> frozenset[str]:
    """The stemmed content words of a text (what analysis compares texts by; kept for the
    texts seen last, as claim and reason matching stem one sentence many times)."""
    return frozenset(stem(w) for w in content_words(text))


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix-stripping stem, enough to match 'signed'/'signing'/'signs'."""
    for suffix in ("ational", "ization", "ations", "ation", "ings", "ing", "edly", "ed",
                   "ies", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def base_stem(word: str) -> str:
    """The stem of a word with an irregular past read as its base: "sank" as "sink",
    "gave" as "give" ("the pier gave way" and "the pier gives way" say the same)."""
    return stem(IRREGULAR_PAST.get(word, word))


#: Once names have been read for one sentence in this many, the rest are read at once.
_READ_ALL_SHARE = 20


class MentionIndex(Mapping[int, list[Mention]]):
    """The mentions of each sentence (by sentence id), in the order they were stored.

    Dates and numbers are read at once. Names, most of the mentions, are read a sentence
    at a time when it is first looked up, or all at once when the whole index is walked:
    once the corpus-wide results (entities, the dates of named events) are saved in the
    store, a question needs the names of the sentences it touches only, and reading
    every name costs a one-shot question ≈ 0.4 s on a 1,000-page store.
    """

    _LAZY = "entity"

    def __init__(self, store: SQLiteStore, sentences: dict[int, Sentence]) -> None:
        self._store = store
        self._sentences = sentences
        self._by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for sid, m in store.mentions(besides=self._LAZY):
            if sid in sentences:  # not a sentence another process stored since
                self._by_sentence[sid].append(m)
        self._read: set[int] = set()  # sentences whose names have been read
        self._complete = False

    def figures(self, sentence_id: int) -> list[Mention]:
        """The sentence's dates and numbers, without reading its names."""
        return [m for m in self._by_sentence.get(sentence_id, ()) if m.kind != self._LAZY]

    def _read_sentence(self, sentence_id: int) -> None:
        sentence = self._sentences.get(sentence_id)
        if self._complete or sentence_id in self._read or sentence is None:
            return
        if len(self._read) * _READ_ALL_SHARE >= len(self._sentences):
            self._read_all()  # a walk over much of the corpus: one read is cheaper
            return
        self._read.add(sentence_id)
        for _, m in self._store.mentions(self._LAZY, doc_id=sentence.doc_id,
                                         sentence_id=sentence_id):
            self._by_sentence[sentence_id].append(m)

    def _read_all(self) -> None:
        if self._complete:
            return
        for sid, m in self._store.mentions(self._LAZY):
            if sid not in self._read and sid in self._sentences:
                self._by_sentence[sid].append(m)
        # Sentence ids follow the order sentences were stored, as the mentions did.
        self._by_sentence = defaultdict(list, sorted(self._by_sentence.items()))
        self._complete = True

    def __getitem__(self, sentence_id: int) -> list[Mention]:
        self._read_sentence(sentence_id)
        found = self._by_sentence.get(sentence_id)
        if not found:
            raise KeyError(sentence_id)
        return found

    def __iter__(self) -> Iterator[int]:
        self._read_all()
        return iter([sid for sid, found in self._by_sentence.items() if found])

    def __len__(self) -> int:
        self._read_all()
        return sum(1 for found in self._by_sentence.values() if found)


@dataclass
class CorpusView:
    """Documents, sentences, mentions and vectors of a store, indexed for analysis."""

    store: SQLiteStore
    documents: dict[str, Document]
    sentences: dict[int, Sentence]
    mentions: MentionIndex
    vectors: VectorIndex
    doc_order: list[str]
    _idf: dict[str, float] = field(default_factory=dict)
    _lowercase: Counter[str] | None = None
    _by_position: dict[tuple[str, int], int] | None = None
    _by_document: dict[str, list[int]] | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, store: SQLiteStore, embedder: Embedder,
             options: RetrievalOptions | None = None) -> CorpusView:
        """Read everything analysis needs from the store."""
        docs = store.documents()
        sentences = dict(store.sentences())
        view = cls(
            store=store,
            documents={d.id: d for d in docs},
            sentences=sentences,
            mentions=MentionIndex(store, sentences),
            vectors=VectorIndex.shared(store, embedder, options),
            doc_order=[d.id for d in docs],
        )
        view._idf = view.kept("idf", view._compute_idf)
        return view

    def state(self) -> str:
        """Names the corpus a saved result was computed for: documents, sentences, code."""
        last = max(self.sentences, default=0)
        return f"{ANALYSIS_FORMAT}/{__version__}/{len(self.documents)}/{len(self.sentences)}/{last}"

    def kept(self, key: str, compute: Callable[[], T], encode: Callable[[T], Any] = lambda v: v,
             decode: Callable[[Any], T] = lambda v: v) -> T:
        """A corpus-wide result that does not depend on the question: from this view's
        memo, else from the store if it was saved for this corpus state, else computed
        now and saved (as JSON) for the next process."""
        def load_or_compute() -> T:
            state = self.state()
            saved = self.store.cached_analysis(key, state)
            if saved is not None:
                return decode(json.loads(saved))
            value = compute()
            # A read-only store: the result is still right, only not kept.
            with contextlib.suppress(sqlite3.OperationalError):
                self.store.save_analysis(key, state, json.dumps(encode(value)))
            return value
        return self.memo(key, load_or_compute)

    def _compute_idf(self) -> dict[str, float]:
        df: Counter[str] = Counter()
        for s in self.sentences.values():
            df.update(stems(s.text))
        n = max(len(self.sentences), 1)
        return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}

    def idf(self, stemmed: str) -> float:
        """Inverse sentence frequency of a stemmed word (rare words weigh more)."""
        return self._idf.get(stemmed, math.log(len(self.sentences) + 2))

    def evidence(self, sentence_id: int, date: str | None = None) -> Evidence:
        """A sentence as a verbatim, cited quote."""
        s = self.sentences[sentence_id]
        raw = self.documents[s.doc_id].raw
        return Evidence(source=s.doc_id, start=s.start, end=s.end, quote=raw[s.start:s.end],
                        date=date)

    def vector_matrix(self, sentence_ids: Iterable[int]) -> np.ndarray:
        """Stacked vectors of the sentences (zeros where a sentence has none)."""
        ids = list(sentence_ids)
        out = np.zeros((len(ids), self.vectors.matrix.shape[1] if len(self.vectors.ids) else 1),
                       dtype=np.float32)
        for row, sid in enumerate(ids):
            v = self.vectors.vector(sid)
            if v is not None:
                out[row] = v
        return out

    def sentence_at(self, doc_id: str, index: int) -> int | None:
        """The id of a document's sentence at position ``index``, if it has one."""
        if self._by_position is None:
            self._by_position = {(t.doc_id, t.index): i for i, t in self.sentences.items()}
        return self._by_position.get((doc_id, index))

    def neighbours(self, sentence_id: int) -> list[int]:
        """The sentence and the ones just before and after it in the same document."""
        s = self.sentences[sentence_id]
        around = (self.sentence_at(s.doc_id, s.index + d) for d in (-1, 0, 1))
        return [i for i in around if i is not None]

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per view: corpus-wide results that do not depend on the
        question (copy groups, entities) are shared by every question asked of it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def sentence_ids_of(self, doc_id: str) -> list[int]:
        """The ids of a document's sentences in order (grouped once for the whole corpus)."""
        if self._by_document is None:
            grouped: dict[str, list[int]] = defaultdict(list)
            for sid, s in self.sentences.items():
                grouped[s.doc_id].append(sid)
            for ids in grouped.values():
                ids.sort(key=lambda i: self.sentences[i].index)
            self._by_document = dict(grouped)
        return self._by_document.get(doc_id, [])

    def sentences_of(self, doc_id: str) -> list[Sentence]:
        """A document's sentences in order."""
        return [self.sentences[i] for i in self.sentence_ids_of(doc_id)]

    def lowercase_counts(self) -> Counter[str]:
        """How often the corpus writes each word in lower case (computed once)."""
        if self._lowercase is None:
            def count() -> dict[str, int]:
                counts: Counter[str] = Counter()
                for s in self.sentences.values():
                    counts.update(w.strip(".,;:!?\"'()") for w in s.text.split() if w.islower())
                return dict(counts)
            self._lowercase = Counter(self.kept("lowercase", count))
        return self._lowercase

    def lowercase_words(self) -> AbstractSet[str]:
        """Every word the corpus writes in lower case somewhere."""
        return self.lowercase_counts().keys()

    def source_number(self) -> dict[str, int]:
        """Citation number ``[n]`` of each document, in the order they were added."""
        return {doc_id: i + 1 for i, doc_id in enumerate(self.doc_order)}


#: Cosines a block of rows of :func:`close_pairs` holds at most, so memory stays bounded.
BLOCK_CELLS = 1 << 23


def close_pairs(vectors: np.ndarray, threshold: float, other: np.ndarray | None = None,
                most: int | None = None) -> list[tuple[float, int, int]]:
    """(cosine, i, j) for every pair of rows whose dot product is at least ``threshold``:
    i < j within ``vectors``, or any i of ``vectors`` and j of ``other``. Computed a block
    of rows at a time, so memory grows with the pairs found, not with the product of the
    rows (a corpus-wide survey compares tens of thousands of sentences).

    With ``most``, each row keeps only its ``most`` closest partners: a page of thousands
    of near-identical lines (a flattened table) would otherwise make every pair close.
    """
    against = vectors if other is None else other
    step = max(1, BLOCK_CELLS // max(len(against), 1))
    out: list[tuple[float, int, int]] = []
    for start in range(0, len(vectors), step):
        block = vectors[start:start + step] @ against.T
        if other is None:  # each pair once: only the partners after the row
            at = np.arange(start, start + len(block))[:, None]
            block[np.arange(block.shape[1])[None, :] <= at] = -np.inf
        if most is not None and block.shape[1] > most:
            # Below its ``most`` best partners, a row's cosines are dropped.
            nth = np.partition(block, -most, axis=1)[:, -most][:, None]
            block[block < nth] = -np.inf
        rows, cols = np.nonzero(block >= threshold)
        out.extend(zip(block[rows, cols].tolist(), (rows + start).tolist(), cols.tolist(),
                       strict=True))
    return out

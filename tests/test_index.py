"""Index: the offline MiniLM embedder, BM25 via FTS5, hybrid fusion, incremental embedding."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from crosscheck.api import Corpus
from crosscheck.errors import UnknownChoiceError
from crosscheck.index import VectorIndex, embed_missing, hybrid_search
from crosscheck.index.embed import EMBEDDERS, HashEmbedder, MiniLMEmbedder, get_embedder
from crosscheck.model import Document, Sentence
from crosscheck.store.sqlite import SQLiteStore


def test_minilm_vectors_are_unit_and_padding_free() -> None:
    model = get_embedder("minilm")
    short = "The treaty was signed in Moscow."
    alone = model.embed([short])[0]
    # In a batch beside a much longer sentence the short one is padded; with the mask
    # honoured its vector must not change.
    batch = model.embed([short, "word " * 120])[0]
    assert abs(float(np.linalg.norm(alone)) - 1.0) < 1e-4
    assert float(alone @ batch) > 0.999


def test_minilm_ranks_meaning() -> None:
    model = get_embedder("minilm")
    q, near, far = model.embed(["Why did the army retreat?",
                                "The soldiers withdrew because supplies ran out.",
                                "Our shop sells wedding dresses at low prices."])
    assert float(q @ near) > float(q @ far) + 0.2


def test_unknown_embedder_lists_choices() -> None:
    with pytest.raises(UnknownChoiceError, match="hash, minilm"):
        get_embedder("word2vec")


def test_hash_embedder_is_deterministic() -> None:
    a = HashEmbedder().embed(["same words here"])
    b = HashEmbedder().embed(["same words here"])
    assert np.array_equal(a, b)


def test_hybrid_search_and_incremental_embedding(hash_corpus: Corpus, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The river flooded the valley in spring. Farmers lost crops.")
    (tmp_path / "b.txt").write_text("A new railway reached the town. Trade grew quickly.")
    first = hash_corpus.add([tmp_path / "a.txt", tmp_path / "b.txt"], workers=1)
    assert first.embedded == 4
    view = hash_corpus.view()
    hits = hybrid_search(view.store, view.vectors, "railway town", 3)
    assert view.sentences[hits[0].sentence_id].text == "A new railway reached the town."
    assert hits[0].bm25_rank == 0
    (tmp_path / "c.txt").write_text("The bridge collapsed. Nobody was hurt.")
    second = hash_corpus.add([tmp_path / "c.txt"], workers=1)
    assert second.embedded == 2  # only the new document's sentences
    assert len(VectorIndex(hash_corpus.store, hash_corpus.embedder).ids) == 6


class CountingEmbedder:
    """The real hashing embedder, counting the texts it is asked to embed."""

    name = "hash-512"
    dim = 512

    def __init__(self, batch_size: int = 0) -> None:
        self.inner = HashEmbedder()
        self.texts = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.embed(texts)


def synthetic_page(n: int) -> str:
    """A small page of four sentences whose words depend on ``n``."""
    return " ".join(f"Report {n} line {i} mentions depot{n % 97} and route{(n * 7 + i) % 89}."
                    for i in range(4))


def test_adding_pages_embeds_only_new_sentences(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingEmbedder()
    monkeypatch.setitem(EMBEDDERS, "counting", lambda batch_size=0: counter)
    get_embedder.cache_clear()
    corpus = Corpus(tmp_path / "big.db", embedder="counting")
    store = corpus.store
    old_pages = 1000
    for n in range(old_pages):  # many old pages, stored directly (no parsing: fast)
        raw = synthetic_page(n)
        store.add_document(Document(id=f"old{n}", uri=f"mem://{n}", raw=raw),
                           [Sentence(f"old{n}", 0, 0, len(raw), raw)], [])
    assert corpus.index() == old_pages and counter.texts == old_pages
    folder = tmp_path / "new"
    folder.mkdir()
    for n in range(10):
        (folder / f"page{n}.txt").write_text(synthetic_page(old_pages + n), encoding="utf-8")
    report = corpus.add([folder], workers=1)
    new_sentences = store.count_sentences() - old_pages
    assert len(report.added) == 10 and report.embedded == new_sentences == 40
    assert counter.texts == old_pages + new_sentences  # no old sentence embedded again
    again = corpus.add([folder], workers=1)  # re-adding costs nothing
    assert again.embedded == 0 and len(again.unchanged) == 10
    assert counter.texts == old_pages + new_sentences
    corpus.close()
    get_embedder.cache_clear()


def test_identical_sentences_are_embedded_once(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "dup.db")
    raw = "Wire copy line. Wire copy line. A different line."
    parts = [Sentence("d", 0, 0, 15, raw[0:15]), Sentence("d", 1, 16, 31, raw[16:31]),
             Sentence("d", 2, 32, 49, raw[32:49])]
    store.add_document(Document(id="d", uri="mem://d", raw=raw), parts, [])
    counter = CountingEmbedder()
    assert embed_missing(store, counter) == 3 and counter.texts == 2
    ids, matrix = store.embeddings(counter.name)
    assert len(ids) == 3 and np.array_equal(matrix[0], matrix[1])


def test_minilm_batches_keep_within_the_token_budget() -> None:
    model = get_embedder("minilm")
    assert isinstance(model, MiniLMEmbedder)
    lengths = [10] * 100 + [250] * 40
    batches = model._batches(lengths)
    assert sorted(i for b in batches for i in b) == list(range(140))
    for batch in batches:
        assert len(batch) <= model.batch_size
        assert len(batch) * max(lengths[i] for i in batch) <= model.max_batch_tokens

"""Index: the offline MiniLM embedder, BM25 via FTS5, hybrid fusion, incremental embedding."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from crosscheck.api import Corpus
from crosscheck.errors import UnknownChoiceError
from crosscheck.index import VectorIndex, hybrid_search
from crosscheck.index.embed import HashEmbedder, get_embedder


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

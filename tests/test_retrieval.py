"""Retrieval: passages, stop words, stemming, fusion, ANN above a threshold, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from crosscheck.api import Corpus
from crosscheck.errors import UnknownChoiceError
from crosscheck.index import RetrievalOptions, VectorIndex, embed_missing, fuse, hybrid_search
from crosscheck.index.embed import HashEmbedder
from crosscheck.index.fusion import fuse_normalised, fuse_rrf
from crosscheck.index.vectors import ExactSearch, UsearchSearch
from crosscheck.model import Document, Sentence
from crosscheck.settings import Settings
from crosscheck.store.sqlite import SQLiteStore, _migrations, _split_sql


def add_page(store: SQLiteStore, doc_id: str, sentences: list[str]) -> None:
    """Store a page whose sentences are joined by single spaces."""
    raw, parts, at = " ".join(sentences), [], 0
    for i, text in enumerate(sentences):
        parts.append(Sentence(doc_id, i, at, at + len(text), text))
        at += len(text) + 1
    store.add_document(Document(id=doc_id, uri=f"mem://{doc_id}", raw=raw), parts, [])


def ids_of(store: SQLiteStore) -> dict[str, int]:
    return {s.text: sid for sid, s in store.sentences()}


@pytest.fixture()
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "r.db")
    add_page(s, "a", ["The old bridge over the river was closed.", "It collapsed two days later.",
                      "Engineers blamed corrosion."])
    add_page(s, "b", ["Railways reached the town in spring.", "Trade grew quickly."])
    return s


def test_passage_hits_map_to_the_centre_sentence(store: SQLiteStore) -> None:
    ids = ids_of(store)
    # "bridge" and "corrosion" are two sentences apart; only the passage around the
    # middle sentence holds both.
    sentence_hits = [sid for sid, _ in store.bm25("bridge corrosion", 5)]
    passage_hits = [sid for sid, _ in store.bm25("bridge corrosion", 5, unit="passage")]
    assert passage_hits[0] == ids["It collapsed two days later."]
    assert ids["It collapsed two days later."] not in sentence_hits
    with pytest.raises(UnknownChoiceError, match="passage, sentence"):
        store.bm25("bridge", 5, unit="page")


def test_hybrid_search_reports_passage_ranks(store: SQLiteStore) -> None:
    embed_missing(store, HashEmbedder())
    vectors = VectorIndex(store, HashEmbedder())
    hits = hybrid_search(store, vectors, "bridge corrosion", 3)
    assert any(h.passage_rank == 0 and h.bm25_rank is None for h in hits)
    only_sentences = RetrievalOptions(units=("sentence",))
    assert all(h.passage_rank is None
               for h in hybrid_search(store, vectors, "bridge corrosion", 3, options=only_sentences))


def test_stop_words_are_dropped_from_queries(store: SQLiteStore) -> None:
    lucene = frozenset({"the", "was", "it"})
    assert store.bm25("the was it", 5, stopwords=lucene) == []
    assert store.bm25("the railways", 5, stopwords=lucene) == store.bm25("railways", 5)
    assert len(store.bm25("the", 5)) == 2  # without the list "the" matches everywhere


def test_stemming_is_a_store_setting_that_reindexes(store: SQLiteStore, tmp_path: Path) -> None:
    assert store.stemming == "porter" and store.bm25("railway", 5)
    assert store.set_stemming("none") is True
    assert store.bm25("railway", 5) == [] and store.bm25("railways", 5, unit="passage")
    assert store.set_stemming("none") is False
    store.close()
    again = SQLiteStore(tmp_path / "r.db")
    assert again.stemming == "none"
    with pytest.raises(UnknownChoiceError, match="none, porter"):
        again.set_stemming("lancaster")


def test_corpus_applies_lexical_settings(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "c.db", embedder="hash", lexical_stemming="none")
    assert corpus.store.stemming == "none"
    options = RetrievalOptions.from_settings(Settings(lexical_units="passage", fusion="norm"))
    assert options.units == ("passage",) and options.fusion == "norm"
    corpus.close()


def test_a_version_1_store_is_upgraded_with_its_passages(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    db = sqlite3.connect(path)
    (_, first), *_ = _migrations()
    for statement in _split_sql(first):
        db.execute(statement)
    db.execute("INSERT INTO documents VALUES ('d', 'u', '', NULL, 'text/plain', 'en', 'x', 'now')")
    for idx, text in enumerate(["The dam was finished.", "It burst in May."]):
        cur = db.execute('INSERT INTO sentences (doc_id, idx, start, "end", text)'
                         " VALUES ('d', ?, 0, 1, ?)", (idx, text))
        db.execute("INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, text))
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = SQLiteStore(path)
    assert store.schema_version == _migrations()[-1][0]
    hits = store.bm25("dam burst", 5, unit="passage")
    assert {sid for sid, _ in hits} == {1, 2} and store.stemming == "porter"


def test_fusions_rank_agreement_first() -> None:
    lists = {"sentence": [(1, 9.0), (2, 5.0), (3, 1.0)], "dense": [(2, 0.9), (4, 0.8), (1, 0.1)]}
    rrf = fuse_rrf(lists, {}, 60)
    assert max(rrf, key=lambda s: rrf[s]) in {1, 2} and rrf[2] > rrf[4] and rrf[1] > rrf[3]
    norm = fuse_normalised(lists, {}, 60)
    assert norm[2] == pytest.approx(0.5 + 1.0) and norm[3] == 0.0
    weighted = fuse_normalised(lists, {"dense": 0.0}, 60)
    assert max(weighted, key=lambda s: weighted[s]) == 1
    hits = fuse(lists, 2, "norm")
    assert [h.sentence_id for h in hits] == [2, 1] and hits[0].dense_rank == 0
    with pytest.raises(UnknownChoiceError, match="norm, rrf"):
        fuse(lists, 2, "borda")


def test_exact_search_replaces_and_appends() -> None:
    exact = ExactSearch()
    eye = np.eye(4, dtype=np.float32)
    exact.add(np.array([10, 11]), eye[:2].copy())
    exact.add(np.array([11, 12]), eye[[3, 2]])  # 11 replaced, 12 new
    assert len(exact) == 3
    assert exact.search(eye[3], 1) == [(11, 1.0)]
    vector = exact.vector(12)
    assert vector is not None and np.array_equal(vector, eye[2])


def test_ann_above_threshold_and_incremental(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "ann.db")
    embedder = HashEmbedder()
    for p in range(30):
        add_page(store, f"p{p}", [f"Page {p} speaks of topic{p} and item{p * 7}.",
                                  f"Its second line names place{p}."])
    embed_missing(store, embedder)
    small = VectorIndex(store, embedder, RetrievalOptions(ann_threshold=1000))
    large = VectorIndex(store, embedder, RetrievalOptions(ann_threshold=50))
    assert not small.approximate and large.approximate
    query = embedder.embed(["Its second line names place17."])[0]
    assert large.search(query, 3)[0][0] == small.search(query, 3)[0][0]
    add_page(store, "new", ["A fresh line about harbour cranes."])
    embed_missing(store, embedder)
    assert large.refresh(store) == 1 and large.refresh(store) == 0
    fresh = embedder.embed(["A fresh line about harbour cranes."])[0]
    assert large.search(fresh, 1)[0][0] == ids_of(store)["A fresh line about harbour cranes."]


def test_usearch_replaces_a_vector() -> None:
    index = UsearchSearch(4)
    eye = np.eye(4, dtype=np.float32)
    index.add(np.array([1, 2]), eye[:2])
    index.add(np.array([1]), eye[2:3])
    assert len(index) == 2 and index.search(eye[2], 1)[0][0] == 1


def test_shared_index_is_reused_and_refreshed(store: SQLiteStore) -> None:
    embedder = HashEmbedder()
    embed_missing(store, embedder)
    first = VectorIndex.shared(store, embedder)
    add_page(store, "c", ["Ferries stopped running."])
    embed_missing(store, embedder)
    again = VectorIndex.shared(store, embedder)
    assert again is first and len(again.ids) == 6


def test_ann_graph_is_saved_beside_the_store_and_caught_up(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "g.db")
    embedder = HashEmbedder()
    for p in range(20):
        add_page(store, f"p{p}", [f"Line {p} about topic{p}.", f"Another line on place{p}."])
    embed_missing(store, embedder)
    options = RetrievalOptions(ann_threshold=10)
    first = VectorIndex(store, embedder, options)
    graph = tmp_path / f"g.db.{embedder.name}.usearch"
    assert first.approximate and graph.is_file()
    stamp = graph.stat().st_mtime_ns
    assert VectorIndex(store, embedder, options).approximate
    assert graph.stat().st_mtime_ns == stamp  # reopened from the file, not rewritten
    add_page(store, "late", ["A late line about lighthouse keepers."])
    embed_missing(store, embedder)
    caught_up = VectorIndex(store, embedder, options)
    query = embedder.embed(["A late line about lighthouse keepers."])[0]
    assert caught_up.search(query, 1)[0][0] == ids_of(store)["A late line about lighthouse keepers."]
    graph.with_suffix(".json").write_text("{broken", encoding="utf-8")  # rebuilt, not trusted
    assert len(VectorIndex(store, embedder, options).search(query, 5)) == 5


def test_the_sentence_holding_the_words_beats_its_neighbours(store: SQLiteStore) -> None:
    embed_missing(store, HashEmbedder())
    vectors = VectorIndex(store, HashEmbedder())
    hits = hybrid_search(store, vectors, "corrosion", 3)
    assert hits[0].sentence_id == ids_of(store)["Engineers blamed corrosion."]
    assert hits[0].bm25_rank == 0 and hits[0].passage_rank is not None
    assert RetrievalOptions().fusion == Settings().fusion

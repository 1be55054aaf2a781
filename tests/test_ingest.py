"""Ingest: every supported type read, every bad file skipped with a reason, idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import minimal_pdf

from crosscheck.api import Corpus
from crosscheck.errors import MissingPathError
from crosscheck.ingest import Skip, discover, document_id, read_path
from crosscheck.ingest.readers import RawSource

ARTICLE = ("The bridge opened on 3 May 1931 after four years of work. "
           "Engineers said the river had delayed it twice.\n")


def _sources(path: Path) -> list[RawSource | Skip]:
    return list(read_path(path))


def test_text_and_markdown_are_read_verbatim(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title here\n\n" + ARTICLE, encoding="utf-8")
    a, = _sources(tmp_path / "a.txt")
    b, = _sources(tmp_path / "b.md")
    assert isinstance(a, RawSource) and a.raw == ARTICLE
    assert isinstance(b, RawSource) and b.title == "Title here" and b.media_type == "text/markdown"


def test_html_main_text_becomes_raw(tmp_path: Path) -> None:
    page = ("<html><head><title>Bridge news</title></head><body><nav>Home | About | Login</nav>"
            "<article><h1>Bridge opens</h1>" + "".join(f"<p>{ARTICLE} Paragraph {i} adds detail "
            "about the long construction and the people of the town.</p>" for i in range(4))
            + "</article><footer>Copyright 2024</footer></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    src, = _sources(tmp_path / "page.html")
    assert isinstance(src, RawSource)
    assert "The bridge opened on 3 May 1931" in src.raw
    assert "Login" not in src.raw and src.media_type == "text/html"


def test_pdf_text_layer(tmp_path: Path) -> None:
    (tmp_path / "doc.pdf").write_bytes(minimal_pdf("The bridge opened in 1931."))
    src, = _sources(tmp_path / "doc.pdf")
    assert isinstance(src, RawSource) and "bridge opened in 1931" in src.raw


def test_jsonl_one_document_per_line_bad_lines_skipped(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ARTICLE, "url": "https://example.org/a", "title": "A",
                         "published": "2024-04-28"}),
             "{not json", json.dumps({"title": "no text"}), "",
             json.dumps({"text": "Second document with enough words to count."})]
    (tmp_path / "docs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = _sources(tmp_path / "docs.jsonl")
    docs = [i for i in items if isinstance(i, RawSource)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert docs[0].uri == "https://example.org/a" and len(docs) == 2
    assert docs[0].published == "2024-04-28"
    assert {s.reason.split(":")[0] for s in skips} == {"line 2", "line 3"}


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"   \n", "empty"),
    ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
    ("latin1.txt", "caf\xe9 cr\xe8me".encode("latin-1"), "undecodable"),
    ("image.png", b"\x89PNG\r\n", "unsupported"),
    ("fake.pdf", b"not a pdf at all", "not a PDF"),
])
def test_bad_files_are_skipped_with_reason(tmp_path: Path, name: str, data: bytes,
                                           reason: str) -> None:
    (tmp_path / name).write_bytes(data)
    skip, = _sources(tmp_path / name)
    assert isinstance(skip, Skip) and reason in skip.reason


def test_discover_recurses_skips_hidden_and_folder_notes(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "README.md").write_text("about this folder")
    found = list(discover([tmp_path]))
    assert tmp_path / "sub" / "a.txt" in found
    assert not any(isinstance(f, Path) and f.name.startswith(".") for f in found)
    assert any(isinstance(f, Skip) and f.path.endswith("README.md") for f in found)
    with pytest.raises(MissingPathError):
        list(discover([tmp_path / "nope"]))


def test_document_id_is_content_hash() -> None:
    assert document_id(ARTICLE) == document_id(str(ARTICLE))
    assert document_id(ARTICLE) != document_id(ARTICLE + " ")
    assert len(document_id(ARTICLE)) == 16


def test_adding_same_content_twice_stores_it_once(hash_corpus: Corpus, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "copy.txt").write_text(ARTICLE)
    report = hash_corpus.add([tmp_path / "a.txt", tmp_path / "copy.txt"], workers=1)
    assert len(report.added) == 1 and len(report.unchanged) == 1
    again = hash_corpus.add([tmp_path / "a.txt"], workers=1)
    assert not again.added and again.embedded == 0
    assert hash_corpus.store.count_documents() == 1


def test_failed_add_leaves_store_untouched(hash_corpus: Corpus, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    hash_corpus.add([tmp_path / "a.txt"], workers=1)
    before = [(d.id, d.raw, d.removals) for d in hash_corpus.documents()]
    sentences = hash_corpus.store.sentences()
    (tmp_path / "bad.bin").write_bytes(b"\x00\x00")
    report = hash_corpus.add([tmp_path / "bad.bin"], workers=1)
    assert not report.added and report.skipped
    assert [(d.id, d.raw, d.removals) for d in hash_corpus.documents()] == before
    assert hash_corpus.store.sentences() == sentences
    assert hash_corpus.store.skips()[0][0].endswith("bad.bin")


def test_pool_gives_same_documents_as_serial(tmp_path: Path) -> None:
    for i in range(30):
        (tmp_path / f"d{i}.txt").write_text(f"Document {i}. " + ARTICLE * (1 + i % 3))
    with Corpus(tmp_path / "serial.db", embedder="hash") as serial, \
            Corpus(tmp_path / "pool.db", embedder="hash") as pooled:
        serial.add([tmp_path], workers=1)
        pooled.add([tmp_path], workers=2)
        assert serial.store.sentences() == pooled.store.sentences()


def test_reading_in_a_pool_gives_the_same_sources_in_order(tmp_path: Path) -> None:
    from crosscheck.engine import POOL_THRESHOLD, read_paths

    paths = []
    for i in range(POOL_THRESHOLD + 2):
        p = tmp_path / f"{i:02d}.txt"
        p.write_text(f"Page {i} says the bridge opened on {i + 1} May 1931, after long delays." if i % 7
                     else "", encoding="utf-8")
        paths.append(p)
    serial = [[type(x).__name__ + getattr(x, "raw", getattr(x, "reason", "")) for x in items]
              for items in read_paths(paths, workers=1)]
    pooled = [[type(x).__name__ + getattr(x, "raw", getattr(x, "reason", "")) for x in items]
              for items in read_paths(paths, workers=2)]
    assert serial == pooled
    assert sum(items[0].startswith("Skip") for items in serial) == len(range(0, len(paths), 7))

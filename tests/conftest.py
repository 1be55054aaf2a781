"""Shared fixtures: real SQLite stores (never a mock), the sample corpus, small inputs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.api import Corpus
from crosscheck.model import Brief

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "neutrality-pact"
SAMPLE_QUESTION = "Why did Japan not attack the Soviet Union during the war?"


def sample_file(prefix: str) -> Path:
    """The sample-corpus file whose name starts with ``prefix`` (e.g. "000_")."""
    return next(SAMPLE.glob(prefix + "*.txt"))


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """The sample corpus in a real SQLite store, embedded with the real MiniLM model."""
    store = tmp_path_factory.mktemp("sample") / "sample.db"
    corpus = Corpus(store, embedder="minilm")
    corpus.add([SAMPLE], workers=1)
    yield corpus
    corpus.close()


@pytest.fixture(scope="session")
def sample_brief(sample_corpus: Corpus) -> Brief:
    """The brief for the sample question."""
    return sample_corpus.ask(SAMPLE_QUESTION)


@pytest.fixture()
def hash_corpus(tmp_path: Path) -> Iterator[Corpus]:
    """An empty store using the instant hashing embedder (for fast behavioural tests)."""
    corpus = Corpus(tmp_path / "store.db", embedder="hash")
    yield corpus
    corpus.close()


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (hand-built, no PDF writer needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)

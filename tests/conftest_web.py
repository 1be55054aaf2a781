"""Fixtures for the web UI tests: real uvicorn servers on free loopback ports, real stores.

Imported by tests/test_web.py and tests/test_browser.py (``from tests.conftest_web import
...``). One server per store and session: the sample corpus (a copy of the session's
sample store, so uploads in one test never change another module's store) and the
hostile corpus (tests/data/hostile: ``<script>``, ``onerror=``, ``javascript:`` URLs,
entities in titles, quotes and uris).

It holds no asserts, so it opts out of assertion rewriting (PYTEST_DONT_REWRITE): the
test modules import its helpers before pytest loads it as a plugin.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from crosscheck.api import Corpus
from crosscheck.render.html import brief_to_html
from crosscheck.settings import Settings
from crosscheck.web import create_app
from crosscheck.web.worker import CorpusWorker

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "data" / "hostile"
HOSTILE_QUESTION = "Why did the Harbour Bridge collapse?"
ARTIFACTS = ROOT / "tests" / "artifacts"


@dataclass
class LiveServer:
    """A uvicorn server running ``app`` in a thread, on a socket bound before it starts."""

    app: FastAPI
    store: Path

    def __post_init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = int(self._socket.getsockname()[1])
        config = uvicorn.Config(self.app, log_level="warning", lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]},
                                        daemon=True, name=f"uvicorn-{self.port}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def worker(self) -> CorpusWorker:
        worker: CorpusWorker = self.app.state.worker
        return worker

    def start(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(15)
        self._socket.close()


def copy_store(source: str, target: Path) -> Path:
    """A consistent copy of a SQLite store (the backup API also copies the WAL's pages)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def _serve(store: Path, embedder: str) -> Iterator[LiveServer]:
    settings = Settings.from_env(store=str(store), embedder=embedder)
    server = LiveServer(create_app(settings), store).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sample_server(sample_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The web UI over a copy of the sample corpus's store."""
    store = copy_store(sample_corpus.settings.store, tmp_path_factory.mktemp("web") / "sample.db")
    yield from _serve(store, sample_corpus.settings.embedder)


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """The hostile corpus in its own store (MiniLM, so the date conflict is found)."""
    corpus = Corpus(tmp_path_factory.mktemp("hostile") / "hostile.db", embedder="minilm")
    corpus.add([HOSTILE], workers=1)
    yield corpus
    corpus.close()


@pytest.fixture(scope="session")
def hostile_server(hostile_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The web UI over a copy of the hostile corpus."""
    store = copy_store(hostile_corpus.settings.store, tmp_path_factory.mktemp("web-hostile") / "h.db")
    yield from _serve(store, "minilm")


@pytest.fixture()
def scratch_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The web UI over an empty store (hashing embedder), for uploads."""
    yield from _serve(tmp_path / "scratch.db", "hash")


def write_report(corpus: Corpus, question: str, path: Path) -> Path:
    """The static HTML report of ``question``, as ``crosscheck ask --format html`` writes it."""
    brief = corpus.ask(question)
    path.write_text(brief_to_html(brief, raws={d.id: d.raw for d in corpus.documents()}),
                    encoding="utf-8")
    return path

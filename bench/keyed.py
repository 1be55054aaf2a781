"""What the benches scored against a reader's key share (reasons, conflicts, aliases).

Each key in a keys folder names a corpus folder under ``--data``; the corpus is added to a
fresh temporary store and handed to the bench, one key at a time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from crosscheck.api import Corpus

Key = dict[str, Any]


def norm(text: str) -> str:
    """Whitespace normalised and case-folded, for matching a snippet inside a quote."""
    return " ".join(text.split()).casefold()


def reasons_quoted(key: Key, file_name: str, text: str) -> set[str]:
    """The ids of the key reasons one of whose snippets (with its file prefix) ``text``,
    taken from the file ``file_name``, holds."""
    text = norm(text)
    return {k["id"] for k in key["reasons"]
            if any(file_name.startswith(prefix) and norm(snippet) in text
                   for prefix, snippet in k["quotes"])}


def held_out(key: Key) -> bool:
    """True for a corpus written after the engine, to measure it on a topic it was not
    fitted to (``"held_out": true`` in its keys); benches report it apart."""
    return bool(key.get("held_out"))


def corpus_files(folder: Path) -> list[Path]:
    """The sources of a bundled corpus (everything but its README)."""
    return [p for p in sorted(folder.iterdir()) if p.name != "README.md"]


def keyed_arguments(doc: str, keys: str) -> argparse.ArgumentParser:
    """The options every keyed bench takes: ``--data`` (corpus folders), ``--keys`` (the
    bench's keys folder, ``keys`` beside this file by default) and ``--embedder``."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("examples"))
    ap.add_argument("--keys", type=Path, default=Path(__file__).parent / keys)
    ap.add_argument("--embedder", default="minilm", choices=("minilm", "hash"))
    return ap


def keyed_corpora(keys: Path, data: Path, embedder: str,
                  check: Callable[[Key, Path], None] | None = None) -> Iterator[tuple[Key, Corpus]]:
    """(key, corpus) for each key whose corpus folder exists; ``check`` vets the key
    against the folder first (snippets verbatim in their files)."""
    for key_path in sorted(keys.glob("*.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        folder = data / key["corpus"]
        if not folder.is_dir():
            print(f"{key['corpus']}: no folder {folder}, skipped", file=sys.stderr)
            continue
        if check is not None:
            check(key, folder)
        with (tempfile.TemporaryDirectory(prefix="crosscheck-bench-") as tmp,
              Corpus(Path(tmp) / "store.db", embedder=embedder) as corpus):
            corpus.add(corpus_files(folder), workers=1)
            yield key, corpus

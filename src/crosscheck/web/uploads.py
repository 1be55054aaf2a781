"""Uploaded files: checked by suffix *and* content, then written inside the server's folder.

An upload is hostile input twice over: its bytes (a PDF renamed ``.txt``, a zip, a
10 GB stream) and its name (``../../etc/cron.d/x``, ``C:\\evil``, a leading dot). The
name is used only for its suffix, which must be a registered reader's, and for a
sanitised label; the file lands in ``<store folder>/<store name>.uploads/<content
hash>/``, a path the server builds itself and checks again after resolving it.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import SourceError
from crosscheck.ingest import READERS

#: One file at most 5 MB: a long web page is ~100 KB of text, a report PDF a few MB.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: One request at most 20 files and 25 MB in all.
MAX_FILES = 20
MAX_REQUEST_BYTES = 25 * 1024 * 1024

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl"}
_HTML_TAG = re.compile(rb"<\s*(!doctype|html|head|body|title|p|div|article|main|section|h[1-6])\b",
                       re.IGNORECASE)
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
#: Magic numbers of binary formats that must not pass as text.
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b",
                 b"\x7fELF", b"MZ")


@dataclass(frozen=True, slots=True)
class Checked:
    """An upload that passed the checks: its safe file name and bytes."""

    name: str
    data: bytes


def safe_name(filename: str) -> str:
    """A file name with no directory part and only ``[A-Za-z0-9._-]`` (never hidden)."""
    base = re.split(r"[\\/]", filename)[-1]
    cleaned = _UNSAFE_NAME.sub("_", base).lstrip("._") or "upload"
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        return cleaned[:100]
    return f"{stem[:90] or 'upload'}.{suffix[:10]}"


def _text_problem(suffix: str, data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark; the reader decodes it
    if data.startswith(_BINARY_MAGIC):
        return f"binary content in a {suffix} file"
    if b"\x00" in data[:8192]:
        return "binary content (NUL bytes), not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not UTF-8 text (byte {exc.start})"
    if suffix in (".html", ".htm") and not _HTML_TAG.search(data[:65536]):
        return "no HTML tags in an .html file"
    if suffix == ".jsonl":
        first = next((line for line in text.splitlines() if line.strip()), "")
        try:
            record = json.loads(first)
        except json.JSONDecodeError:
            return "the first line is not JSON"
        if not isinstance(record, dict):
            return "the first line is not a JSON object"
    return None


def check_upload(filename: str, data: bytes) -> Checked | str:
    """The upload made safe to store, or the one-line reason it is refused."""
    name = safe_name(filename)
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        return f"unsupported file type {suffix or '(none)'!r} (supported: {known})"
    if not data.strip():
        return "empty file"
    if len(data) > MAX_FILE_BYTES:
        return f"too large: {len(data):,} bytes (at most {MAX_FILE_BYTES:,})"
    if suffix == ".pdf":
        return Checked(name, data) if data.startswith(b"%PDF-") else "not a PDF (no %PDF- header)"
    problem = _text_problem(suffix, data) if suffix in _TEXT_SUFFIXES else None
    return problem or Checked(name, data)


def upload_root(store: str) -> Path:
    """The folder uploads go to: beside the store file, owned by the server."""
    if store == ":memory:":
        return Path(tempfile.gettempdir()) / "crosscheck-memory.uploads"
    path = Path(store).resolve()
    return path.parent / f"{path.name}.uploads"


def write_upload(root: Path, upload: Checked) -> Path:
    """Write a checked upload under ``root/<content hash>/``; the same bytes land once."""
    digest = hashlib.sha256(upload.data).hexdigest()[:16]
    folder = (root / digest).resolve()
    target = (folder / upload.name).resolve()
    base = root.resolve()
    if not (target.is_relative_to(base) and target.parent == folder):
        raise SourceError(upload.name, f"refusing to write outside {base}")  # unreachable by design
    folder.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_bytes(upload.data)
    return target

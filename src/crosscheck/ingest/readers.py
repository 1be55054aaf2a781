"""One reader per file type: bytes in, :class:`RawSource` records out.

A reader raises :class:`SourceError` for a file it cannot use (empty, binary,
undecodable), or yields a string (the reason) for one bad record inside a file that
holds many (a ``.jsonl`` line), so the other records still go in.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crosscheck.errors import SourceError


@dataclass(frozen=True, slots=True)
class RawSource:
    """What a reader found: the text that becomes the document's ``raw``, and metadata."""

    uri: str
    raw: str
    title: str = ""
    published: str | None = None
    media_type: str = "text/plain"


Reader = Callable[[Path, bytes], Iterator["RawSource | str"]]


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (or UTF-16 with a BOM) text of a file; SourceError if empty or binary."""
    if not data.strip():
        raise SourceError(str(path), "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(str(path), f"undecodable UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192]:
        raise SourceError(str(path), "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            str(path), f"undecodable: not UTF-8 (byte {exc.start}: {exc.reason})"
        ) from exc
    return text.removeprefix("\ufeff")


def first_line_title(text: str, limit: int = 200) -> str:
    """The first non-blank line, as a title for sources that carry none."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:limit]
    return ""


def _require_text(path: Path, text: str) -> str:
    if not text.strip():
        raise SourceError(str(path), "no text in file")
    return text


def read_text(path: Path, data: bytes) -> Iterator[RawSource | str]:
    """Plain text and Markdown: the decoded file is the document."""
    text = _require_text(path, decode_text(path, data))
    media = "text/markdown" if path.suffix.lower() == ".md" else "text/plain"
    yield RawSource(uri=str(path), raw=text, title=first_line_title(text), media_type=media)


def read_html(path: Path, data: bytes) -> Iterator[RawSource | str]:
    """HTML: the page's main text (see ingest/html.py) becomes the document's ``raw``."""
    from crosscheck.ingest.html import extract_main_text

    try:
        found = extract_main_text(decode_text(path, data))
    except ImportError as exc:  # pragma: no cover - trafilatura is a core dependency
        raise SourceError(str(path), f"HTML support is not installed ({exc})") from exc
    if not found.text.strip():
        raise SourceError(str(path), "no main text found in the HTML page")
    yield RawSource(uri=str(path), raw=found.text, title=found.title or first_line_title(found.text),
                    published=found.published, media_type="text/html")


def read_pdf(path: Path, data: bytes) -> Iterator[RawSource | str]:
    """PDF: the text layer, page by page (a scanned PDF without one is skipped)."""
    if not data.startswith(b"%PDF"):
        raise SourceError(str(path), "not a PDF file (no %PDF header)")
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise SourceError(str(path), f"PDF support is not installed ({exc})") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise SourceError(str(path), f"unreadable PDF: {exc}") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise SourceError(str(path), "PDF has no text layer (scanned images only?)")
    yield RawSource(uri=str(path), raw=text, title=str(meta_title) or first_line_title(text),
                    media_type="application/pdf")


_TEXT_KEYS = ("text", "content", "body")
_URL_KEYS = ("url", "uri", "link")


def read_jsonl(path: Path, data: bytes) -> Iterator[RawSource | str]:
    """JSON Lines: one document per line with ``text`` and optional url/title/published."""
    text = decode_text(path, data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {number}: invalid JSON ({exc.msg})"
            continue
        if not isinstance(record, dict):
            yield f"line {number}: not a JSON object"
            continue
        body = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str)), "")
        if not body.strip():
            yield f"line {number}: no text (expected a 'text' field)"
            continue
        uri = next((str(record[k]) for k in _URL_KEYS if record.get(k)), f"{path}#{number}")
        published = record.get("published") or record.get("date")
        yield RawSource(
            uri=uri, raw=body, title=str(record.get("title") or first_line_title(body)),
            published=str(published) if published else None,
            media_type=str(record.get("media_type") or "text/plain"),
        )


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".jsonl": read_jsonl,
}

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalise_published(value: str | None) -> str | None:
    """An ISO date prefix of a published value, or None when it is not one."""
    if not value:
        return None
    head = value.strip()[:10]
    return head if _ISO_DATE.match(head) else None

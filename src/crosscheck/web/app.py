"""The FastAPI application: HTML pages for people, ``/api/`` JSON for programs.

Every response carries a Content-Security-Policy that allows no script and no request
beyond this server; document ids are checked against the content-hash shape before any
lookup, so a path such as ``/doc/..%2f..%2fetc`` is a 404 and never a file access;
uploads are checked (see :mod:`crosscheck.web.uploads`), and a POST that comes from
another site (a page the reader happens to have open) is refused, as is any request
whose Host is not this server (DNS rebinding).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from crosscheck import __version__
from crosscheck.api import AddReport
from crosscheck.errors import CrosscheckError, UsageError
from crosscheck.render.json import brief_schema, brief_to_dict
from crosscheck.settings import Settings
from crosscheck.web import pages
from crosscheck.web.uploads import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_REQUEST_BYTES,
    Checked,
    check_upload,
    upload_root,
    write_upload,
)
from crosscheck.web.worker import CorpusWorker

#: Document ids are the first 16 hex digits of sha256(raw) (crosscheck.ingest.document_id).
DOC_ID = re.compile(r"^[0-9a-f]{16}$")
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

QuestionParam = Annotated[str, Query(max_length=500, description="the research question")]


def _headers(response: Response, html: bool) -> None:
    response.headers["X-Content-Type-Options"] = "nosniff"
    # not "no-referrer": with it a same-origin form POST sends "Origin: null"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = (
        pages.HEADER_CSP if html else "default-src 'none'; frame-ancestors 'none'")


def _cross_site(request: Request) -> bool:
    """True for a state-changing request sent by another site's page."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    return origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host', '')}"


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status)


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return _html(pages.error_page(message), status)


def create_app(settings: Settings, host: str = "127.0.0.1") -> FastAPI:
    """The web UI over the store ``settings.store`` (opened on first request)."""
    worker = CorpusWorker(settings)
    uploads = upload_root(settings.store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        worker.close()

    app = FastAPI(title="crosscheck", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="Cited research briefs from noisy web sources, served locally.")
    app.state.worker = worker
    allowed = sorted({*LOOPBACK, host}) if host not in ("0.0.0.0", "::") else ["*"]
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed)

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method == "POST" and _cross_site(request):
            response = _error(request, 403, "cross-site requests are refused")
        else:
            response = await call_next(request)
        _headers(response, response.headers.get("content-type", "").startswith("text/html"))
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error(request, 400, f"bad request: {problems}")

    @app.exception_handler(CrosscheckError)
    async def crosscheck_error(request: Request, exc: CrosscheckError) -> Response:
        return _error(request, 400 if isinstance(exc, UsageError) else 409, str(exc))

    _pages(app, worker)
    _api(app, worker)
    _upload_routes(app, worker, uploads)
    return app


def _pages(app: FastAPI, worker: CorpusWorker) -> None:
    @app.get("/", response_class=HTMLResponse, summary="The question box, or the brief for ?q=")
    async def home(q: Annotated[str | None, Query(max_length=500)] = None) -> Response:
        if q is None or not q.strip():
            docs = await worker.run(lambda w: w.documents())
            return _html(pages.home_page(docs, "" if q is None else "Type a question first."))
        brief, raws = await worker.run(lambda w: w.brief(q))
        return _html(pages.brief_page(brief, raws))

    @app.get("/search", response_class=HTMLResponse, summary="Search across sentences")
    async def search(q: Annotated[str, Query(max_length=500)] = "",
                     k: Annotated[int, Query(ge=1, le=100)] = 20) -> Response:
        hits = await worker.run(lambda w: w.search(q, k)) if q.strip() else []
        return _html(pages.search_page(q, hits))

    @app.get("/doc/{doc_id}", response_class=HTMLResponse,
             summary="A source with a cited span highlighted and its removals shown")
    async def document(request: Request, doc_id: str, start: int | None = None,
                       end: int | None = None,
                       q: Annotated[str, Query(max_length=500)] = "") -> Response:
        if not DOC_ID.match(doc_id):
            return _error(request, 404, "no such document: ids are 16 hex digits")
        doc = await worker.run(lambda w: w.document(doc_id))
        if doc is None:
            return _error(request, 404, f"no such document: {doc_id}")
        if (start is None) != (end is None) or (
                start is not None and end is not None and not 0 <= start <= end <= len(doc.raw)):
            return _error(request, 400, f"start and end must be given together, "
                                        f"0 <= start <= end <= {len(doc.raw)}")
        return _html(pages.viewer_page(doc, start, end, q))

    @app.get("/docs", response_class=HTMLResponse, summary="This API reference")
    async def docs() -> Response:
        return _html(pages.docs_page(app.openapi()))


def _api(app: FastAPI, worker: CorpusWorker) -> None:
    brief_response: dict[int | str, dict[str, Any]] = {
        200: {"description": "the brief (crosscheck.brief/1)",
              "content": {"application/json": {"schema": brief_schema()}}}}

    @app.get("/api/brief", summary="The research brief for a question", responses=brief_response)
    async def api_brief(q: QuestionParam) -> Response:
        brief, _ = await worker.run(lambda w: w.brief(q))
        return JSONResponse(brief_to_dict(brief))

    @app.get("/api/search", summary="Sentences that best match a query")
    async def api_search(q: QuestionParam,
                         k: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
        hits = await worker.run(lambda w: w.search(q, k))
        return {"query": q, "hits": [asdict(h) for h in hits]}

    @app.get("/api/documents", summary="Every stored document (without its text)")
    async def api_documents() -> dict[str, Any]:
        docs = await worker.run(lambda w: w.documents())
        return {"documents": [{"id": d.id, "uri": d.uri, "title": d.title, "published": d.published,
                               "media_type": d.media_type, "chars": len(d.raw),
                               "removals": len(d.removals)} for d in docs]}

    @app.get("/api/documents/{doc_id}", summary="One document: raw text and removals")
    async def api_document(request: Request, doc_id: str) -> Response:
        doc = await worker.run(lambda w: w.document(doc_id)) if DOC_ID.match(doc_id) else None
        if doc is None:
            return _error(request, 404, f"no such document: {doc_id[:40]}")
        return JSONResponse({"id": doc.id, "uri": doc.uri, "title": doc.title,
                             "published": doc.published, "media_type": doc.media_type,
                             "raw": doc.raw, "removed": [asdict(r) for r in doc.removals]})


_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}}


async def _receive_files(request: Request) -> tuple[list[Checked], list[tuple[str, str]]]:
    """The uploaded files that pass the checks, and (name, reason) for those refused."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise UsageError("an upload must state its Content-Length")
    if int(length) > MAX_REQUEST_BYTES:
        raise UsageError(f"upload too large: at most {MAX_REQUEST_BYTES:,} bytes per request")
    accepted: list[Checked] = []
    refused: list[tuple[str, str]] = []
    async with request.form(max_files=MAX_FILES, max_fields=4) as form:
        for item in form.getlist("files"):
            if not isinstance(item, UploadFile):
                continue
            name = item.filename or "upload"
            data = await item.read(MAX_FILE_BYTES + 1)
            checked = check_upload(name, data)
            if isinstance(checked, str):
                refused.append((name[:120], checked))
            else:
                accepted.append(checked)
    if not accepted and not refused:
        raise UsageError("no files in the upload: send them as the multipart field 'files'")
    return accepted, refused


def _upload_routes(app: FastAPI, worker: CorpusWorker, root: Path) -> None:
    async def ingest(request: Request) -> tuple[AddReport, list[tuple[str, str]]]:
        accepted, refused = await _receive_files(request)
        paths = [write_upload(root, c) for c in accepted]
        report = await worker.run(lambda w: w.add(paths)) if paths else AddReport()
        return report, refused

    @app.post("/upload", response_class=HTMLResponse, summary="Add files (HTML form)",
              openapi_extra=_UPLOAD_BODY)
    async def upload(request: Request) -> Response:
        report, refused = await ingest(request)
        return _html(pages.upload_page(report, refused), 200 if report.added or report.unchanged else 400)

    @app.post("/api/documents", summary="Add files; stored like `crosscheck add`",
              openapi_extra=_UPLOAD_BODY)
    async def api_upload(request: Request) -> dict[str, Any]:
        report, refused = await ingest(request)
        return {"added": [{"id": d.id, "uri": d.uri, "title": d.title} for d in report.added],
                "unchanged": report.unchanged,
                "refused": [{"name": n, "reason": r} for n, r in refused]
                + [{"name": s.path.rsplit("/", 1)[-1], "reason": s.reason} for s in report.skipped]}

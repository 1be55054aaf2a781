"""The local web UI: ``crosscheck serve`` (read the brief in a browser, add files).

A FastAPI app over one store (:func:`create_app`), served by uvicorn on the loopback
interface unless told otherwise (:func:`serve`). Pages need no script; the JSON API
under ``/api/`` returns the brief's public contract. FastAPI and uvicorn are runtime
dependencies, imported only when the web UI is used.
"""

from __future__ import annotations

import sys

from crosscheck.settings import Settings
from crosscheck.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web UI until interrupted (blocking)."""
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"crosscheck: warning: serving on {host}: anyone who can reach this address can "
              "read the corpus and add files", file=sys.stderr)
    print(f"crosscheck: serving {settings.store} at http://{host}:{port}/ (Ctrl-C stops)",
          file=sys.stderr)
    uvicorn.run(create_app(settings, host), host=host, port=port, log_level="warning")

"""`eventwire serve`: the HTTP API (/api/v1/) and the web explorer over an event database.

See docs/serve.md. `create_app(db)` builds the ASGI app; `run(db, host, port)` serves it with
uvicorn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..settings import Settings
from .app import LOOPBACK_HOSTS, create_app
from .protocol import HeaderTimeoutProtocol


def run(db: str | Path, *, host: str = "127.0.0.1", port: int = 8000,
        settings: Settings | None = None, extract_text: bool = True, max_chars: int | None = None,
        log_level: str = "info") -> None:
    """Serve until interrupted (uvicorn handles Ctrl-C and SIGTERM)."""
    import uvicorn

    kwargs: dict[str, Any] = {"max_chars": max_chars} if max_chars else {}
    if host not in LOOPBACK_HOSTS:
        kwargs["allowed_hosts"] = None  # served to a network: its names are not known here
    app = create_app(db, settings=settings, extract_text=extract_text, **kwargs)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, http=HeaderTimeoutProtocol)


__all__ = ["create_app", "run"]

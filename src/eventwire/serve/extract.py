"""POST /api/v1/extract: article text in, the output contract out, with one model per process.

Bodies are bounded twice: by bytes before they are read (`BodyLimit`, so a huge upload is refused
without being buffered) and by characters once parsed. The pipeline is not thread-safe, so one
lock lets one extraction run at a time.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from .errors import ApiError, error_response

router = APIRouter(prefix="/api/v1")
EXTRACT_PATH = "/api/v1/extract"
DEFAULT_MAX_CHARS = 100_000


class ExtractRequest(BaseModel):
    text: Annotated[str, Field(min_length=1, description="The text of one article")]
    published: date | None = Field(None, description="Publication date, for relative dates")
    ref: Annotated[str | None, Field(max_length=500)] = None


class Extraction:
    """The process's Extractor behind a lock (loaded once, at startup)."""

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor
        self.lock = threading.Lock()

    def run(self, text: str, published: str | None, ref: str | None) -> Any:
        with self.lock:
            return self.extractor.extract_text(text, published=published, ref=ref)


@router.post("/extract", summary="Extract one article's events from its text (the output contract)")
def extract(request: Request, body: ExtractRequest) -> dict[str, Any]:
    extraction: Extraction | None = request.app.state.extraction
    if extraction is None:
        raise ApiError(503, "extract_disabled",
                       "this server was started with --no-extract; restart it without that option")
    limit = request.app.state.max_chars
    if len(body.text) > limit:
        raise ApiError(413, "payload_too_large",
                       f"text has {len(body.text)} characters; the limit is {limit} "
                       "(split it, or ingest it with `eventwire ingest`)")
    published = body.published.isoformat() if body.published else None
    article = extraction.run(body.text, published, body.ref)
    return {"eventwire": __version__, "articles": [article.to_dict()]}


BODY_TIMEOUT = 10.0  # seconds to wait for each part of a request body (a stalled client is cut off)


class BodyLimit:
    """Refuses request bodies over `max_bytes` on the extract route, before buffering them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != EXTRACT_PATH:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            try:
                message = await asyncio.wait_for(receive(), BODY_TIMEOUT)
            except TimeoutError:
                raise HTTPException(408, detail=f"request body not received within {BODY_TIMEOUT:g} s; "
                                    "send the body at once") from None
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                # FastAPI re-raises HTTPExceptions met while reading a body (others become 400s)
                raise HTTPException(413, detail=self._message())
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        return f"request body over {self.max_bytes} bytes; send less text"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(413, "payload_too_large", self._message())(scope, receive, send)



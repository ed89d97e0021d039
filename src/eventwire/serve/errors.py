"""One error shape for every HTTP error the server gives:

    {"error": {"status": 404, "code": "not_found", "message": "no article with id 'x'"}}

Our own `ApiError`, FastAPI's validation errors, Starlette's 404/405 and anything unexpected all
leave through the handlers installed by `install_handlers`.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import StoreError

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large",
          415: "unsupported_media_type", 422: "invalid_parameter", 500: "internal_error",
          503: "unavailable"}
# How long a client should wait before asking again while an ingest holds the database.
RETRY_AFTER_SECONDS = 5


class ApiError(Exception):
    """An error with its HTTP status, a stable machine code and a message that says what to do."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)


def store_error(exc: StoreError) -> ApiError:
    """A database that cannot be opened: busy (an ingest writes it), missing, or unreadable."""
    text = str(exc)
    if "is open by another" in text:
        return ApiError(503, "database_busy",
                        f"{text.split(' is open')[0]} is being written by an ingest; "
                        f"try again in a few seconds",
                        {"Retry-After": str(RETRY_AFTER_SECONDS)})
    if "no such database" in text or "not an eventwire database" in text:
        return ApiError(503, "database_missing", text)
    return ApiError(500, "database_error", text)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404:
        message = f"no such resource: {request.url.path}"
    return error_response(exc.status_code, _CODES.get(exc.status_code, "http_error"), message,
                          dict(exc.headers or {}))


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_parameter", _validation_message(exc))


async def _store(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreError)
    return await _api_error(request, store_error(exc))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return error_response(500, "internal_error",
                          f"the server failed on this request ({type(exc).__name__}); "
                          "see the server log")


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StoreError, _store)
    app.add_exception_handler(Exception, _unexpected)

"""Security of every page and endpoint of a real `eventwire serve` on a loopback port: hostile
values in every parameter are bound or refused (never a 500, never reflected as markup), no
endpoint writes, every response carries the security headers, and oversized or stalled requests
are cut off with a clear status.

The endpoints are taken from the server's own OpenAPI document, so a new route is covered as
soon as it exists. tests/test_serve.py holds the first SQL and path cases; test_web.py the
browser-side escaping."""

from __future__ import annotations

import hashlib
import json
import socket
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import store as ew_store

from .test_serve_support import ROOT, Served, request, server

pytestmark = pytest.mark.model

HOSTILE = [
    "' OR 1=1 --", "x'); DROP TABLE events; --", "%' OR '%'='", "1; SELECT * FROM runs",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "../../../../etc/passwd",
    "\u202e\u0000\ufffd", "99999999999999999999999", "-1e308", "{{7*7}}${7*7}",
]
PAGES = ["/", "/try", "/articles/x"]
STATIC = ROOT / "src" / "eventwire" / "serve" / "static"
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")


@pytest.fixture(scope="module")
def served() -> Served:
    return server()


@pytest.fixture(scope="module")
def routes(served: Served) -> list[tuple[str, str, list[dict[str, Any]]]]:
    spec = served.json("/api/v1/openapi.json")
    return [(method.upper(), path, op.get("parameters", []))
            for path, methods in spec["paths"].items() for method, op in methods.items()]


def _fill(path: str, value: str = "x") -> str:
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + quote(value, safe="") + path[end + 1:]
    return path


def _state(db: Path) -> tuple[str, dict[str, int]]:
    """The database file's bytes and row counts (the server opens it read-only per request)."""
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with ew_store.open(db) as s:
        return digest, s.counts()


def _check(status: int, headers: dict[str, str], body: bytes, what: str) -> None:
    assert status < 500, f"{what}: {status} {body[:300]!r}"
    for name in SECURITY_HEADERS:
        assert name in headers, f"{what}: no {name} header"
    kind = headers.get("content-type", "")
    if status >= 400:
        assert kind.startswith("application/json"), f"{what}: {kind}"
        error = json.loads(body)["error"]
        assert error["status"] == status and error["code"] and error["message"]
    if "html" in kind:
        assert b"<script>alert" not in body and b"onerror=alert" not in body, what


def test_no_endpoint_writes(served: Served, routes: list[tuple[str, str, list[dict[str, Any]]]]) -> None:
    """The only route that takes a body is the extraction, and it stores nothing: no write
    endpoint exists, so none can be reached without a start flag and a token."""
    assert {(m, p) for m, p, _ in routes if m != "GET"} == {("POST", "/api/v1/extract")}
    before = _state(served.db)
    for _, path, _ in routes:
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            if (method, path) == ("POST", "/api/v1/extract"):
                continue
            status, headers, body = request(served.base + _fill(path), data=b"{}", method=method,
                                            headers={"Content-Type": "application/json"})
            assert status in (404, 405), (method, path, status)
            _check(status, headers, body, f"{method} {path}")
    text = "Kenyan police arrested 40 protesters in Nairobi on Tuesday, officials said."
    status, _, body = served.post("/api/v1/extract", json.dumps({"text": text, "ref": "not-stored"}).encode())
    assert status == 200, body
    for page in PAGES:
        request(served.base + page, data=b"x=1", method="POST")
    assert _state(served.db) == before


def test_hostile_values_in_every_parameter(served: Served, routes: list[tuple[str, str, list[dict[str, Any]]]]) -> None:
    before = _state(served.db)
    checked = 0
    for method, path, params in routes:
        if method != "GET":
            continue
        for param in params:
            for value in HOSTILE:
                if param["in"] == "path":
                    url = _fill(path, value)
                else:
                    url = f"{_fill(path)}?{urlencode({param['name']: value})}"
                status, headers, body = served.get(url)
                _check(status, headers, body, url)
                checked += 1
    assert checked > 300
    assert _state(served.db) == before


def test_pages_are_our_static_files_and_reflect_nothing(served: Served) -> None:
    for page in PAGES:
        for value in HOSTILE[:7]:
            url = f"{page}?{urlencode({'actor': value, 'q': value})}"
            status, headers, body = served.get(url)
            assert status == 200 and headers["content-type"].startswith("text/html")
            _check(status, headers, body, url)
            assert value.encode() not in body
    status, headers, body = served.get("/articles/" + quote(HOSTILE[5], safe=""))
    assert status == 200 and body == (STATIC / "article.html").read_bytes()
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]


def test_errors_and_assets_carry_the_security_headers(served: Served) -> None:
    for path in ("/api/v1/nope", "/api/v1/events?limit=0", "/static/nope.js", "/api/v1/stats"):
        status, headers, body = served.get(path)
        _check(status, headers, body, path)
    assets = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*")
                    if p.is_file() and "vendor" not in p.parts)
    assert assets
    for asset in assets[:20]:
        status, headers, _ = served.get(f"/static/{asset}")
        assert status == 200 and headers["x-content-type-options"] == "nosniff", asset


def _raw(served: Served, data: bytes, *, wait: float = 0.0, read_timeout: float = 30.0) -> bytes:
    """Send raw bytes on one connection (optionally stalling after them); what the server answers."""
    with socket.create_connection(("127.0.0.1", served.port), timeout=read_timeout) as conn:
        conn.sendall(data)
        if wait:
            time.sleep(wait)
        chunks = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
        return b"".join(chunks)


def test_oversized_requests_are_cut_off_with_a_clear_status(served: Served) -> None:
    long_query = "/api/v1/events?" + urlencode({"actor": "a" * 100_000})
    status, headers, body = served.get(long_query)
    assert status == 422 and json.loads(body)["error"]["code"] == "invalid_parameter"
    head = _raw(served, b"GET /api/v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n")
    assert head.startswith((b"HTTP/1.1 400", b"HTTP/1.1 431")), head[:100]
    declared = _raw(served, b"POST /api/v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 900000000\r\n\r\n")
    assert declared.startswith(b"HTTP/1.1 413"), declared[:100]
    many = "&".join(f"quad={i % 4 + 1}" for i in range(20_000)).encode()  # a 140 KB request line
    line = _raw(served, b"GET /api/v1/events?" + many + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert line.startswith((b"HTTP/1.1 400", b"HTTP/1.1 414", b"HTTP/1.1 431")), line[:100]
    status, _, body = served.get("/api/v1/events?" + "&".join(f"quad={i % 4 + 1}" for i in range(500)))
    assert status < 500, body[:200]


def test_a_stalled_body_is_cut_off_with_408(served: Served) -> None:
    answer = _raw(served, b"POST /api/v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 1000\r\n\r\n{\"text\": \"", read_timeout=25)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:100]


def test_stalled_headers_are_cut_off(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=25) as conn:
        conn.sendall(b"GET /api/v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        try:
            closed = conn.recv(100) is not None
        except TimeoutError:
            closed = False
    assert closed and time.monotonic() - started < 20


@pytest.mark.parametrize("body", [
    b'{"text": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", b'{"text": "\\ud800 lone surrogate"}',
    b'{"text": "ok", "published": "2024-13-45"}', b"[1, 2]", b"null", b'{"text": "x", "ref": {"a": 1}}',
    b'{"text": "x", "ref": "' + b"r" * 1000 + b'"}', b"\xff\xfe{\x00", b"",
])
def test_malformed_extraction_bodies_are_refused_in_the_error_shape(served: Served, body: bytes) -> None:
    status, headers, answer = served.post("/api/v1/extract", body)
    assert status in (400, 422), (status, answer[:200])
    _check(status, headers, answer, repr(body[:40]))
    status, headers, answer = served.post("/api/v1/extract", b'{"text": "x"}', headers={"Content-Type": "text/plain"})
    assert status in (400, 415, 422) and status < 500


@pytest.mark.parametrize("text", [
    "Police\x00 arrested\x07 12\x1b[31m people\x0b in Dhaka.\x0c", "Police arrested 12 people in Dhaka." + "\n" * 5000,
    "!?.,;:" * 500, "🔥💣 Police 👮 arrested 12 people in Dhaka 🇧🇩 on Monday.",
    "\u202ePolice arrested 12 people in Dhaka\u202c \u200b\u200b\ufeff said officials.", "a" * 15_000,
    "<script>alert(1)</script> Police arrested 12 people in Dhaka.",
])
def test_odd_texts_extract_to_the_contract(served: Served, text: str) -> None:
    status, headers, body = served.post("/api/v1/extract", json.dumps({"text": text}).encode())
    assert status == 200, body[:300]
    assert headers["content-type"].startswith("application/json")
    (article,) = json.loads(body)["articles"]
    assert {"id", "body", "events", "entities"} <= set(article)


_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(HOSTILE)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_values_in_random_parameters(served: Served, routes: list[tuple[str, str, list[dict[str, Any]]]],
                                            data: st.DataObject) -> None:
    method, path, params = data.draw(st.sampled_from([r for r in routes if r[0] == "GET" and r[2]]))
    chosen = data.draw(st.lists(st.sampled_from(params), min_size=1, max_size=4, unique_by=lambda p: p["name"]))
    values = {p["name"]: data.draw(_ANY_TEXT) for p in chosen}
    url = path
    for p in chosen:
        if p["in"] == "path":
            url = url.replace("{" + p["name"] + "}", quote(values.pop(p["name"]) or "x", safe=""))
    url = _fill(url) + ("?" + urlencode(values) if values else "")
    status, headers, body = served.get(url)
    _check(status, headers, body, url)

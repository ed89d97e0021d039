"""Shared by test_serve*.py and test_web*.py (no tests here): one database built with the real
pipeline (the bundled samples plus a hostile article), and one `eventwire serve` on a loopback
port, started once per test session and stopped at exit."""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
HOSTILE_REF = "hostile-1"
# Markup in every text field an article can carry: each must render as inert text.
HOSTILE = {
    "id": HOSTILE_REF,
    "text": ("Hostile Press reported that Turkish forces shelled Kurdish positions near Manbij on "
             "Monday. <script>window.__pwned = 1; alert('script')</script> Read more at "
             "<a href=\"javascript:window.__pwned=2\">this link</a> and "
             "<img src=x onerror=\"window.__pwned=3\">.\n\n"
             "The Syrian Democratic Forces said they would respond to the attack."),
    "headline": "<img src=x onerror=\"window.__pwned=4\">Hostile headline",
    "url": "javascript:window.__pwned=5",
    "published": "2024-05-20",
    "source": "<b onmouseover=\"window.__pwned=6\">Hostile</b> Press",
}
MAX_CHARS = 20_000


@dataclass(frozen=True)
class Served:
    base: str
    db: Path
    port: int
    process: subprocess.Popen[bytes]

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return request(self.base + path)

    def json(self, path: str) -> Any:
        status, _, body = self.get(path)
        assert status == 200, (path, status, body[:500])
        return json.loads(body)

    def post(self, path: str, data: bytes, headers: dict[str, str] | None = None
             ) -> tuple[int, dict[str, str], bytes]:
        return request(self.base + path, data=data,
                       headers={"Content-Type": "application/json", **(headers or {})})


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
            method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@functools.cache
def database() -> Path:
    """The samples and the hostile article, through the real pipeline, into a fresh database."""
    from eventwire.store import ingest

    folder = Path(tempfile.mkdtemp(prefix="eventwire-serve-test-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "events.duckdb"
    ingest([str(SAMPLES), str(hostile)], str(db))
    return db


@functools.cache
def server() -> Served:
    """`eventwire serve` in its own process, with the model loaded for /api/v1/extract."""
    db = database()
    port = free_port()
    log = open(db.parent / "serve.log", "wb")  # noqa: SIM115 - closed with the process at exit
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port),
         "--max-chars", str(MAX_CHARS), "--log-level", "warning"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    atexit.register(_stop, process)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"eventwire serve exited: {(db.parent / 'serve.log').read_text()}")
        try:
            if request(base + "/api/v1/stats")[0] == 200:
                return Served(base, db, port, process)
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("eventwire serve did not answer within 180 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()

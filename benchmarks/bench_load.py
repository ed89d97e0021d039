"""Load: a real `eventwire serve` on a loopback port under BENCH_LOAD_CLIENTS (default 200)
concurrent clients for BENCH_LOAD_SECONDS (default 60) of mixed reads and extractions. Reports
requests served, failures, p50/p99 latency (per kind and overall), and the server's resident
memory at the start (after one warm-up request per route), half-way, at the peak and at the end
(flat memory: the end near the half-way mark).

The database is BENCH_LOAD_ARTICLES (default 40) articles of the benchmark corpus. The same
`load()` runs, shorter, in tests/test_load_server.py.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

READS = ("/api/v1/stats", "/api/v1/events?limit=50", "/api/v1/events?quad=4&limit=20",
         "/api/v1/events?actor=TUR&limit=20", "/api/v1/timeline", "/api/v1/places", "/api/v1/network",
         "/api/v1/summary", "/api/v1/clusters?limit=20", "/api/v1/actors?limit=20",
         "/api/v1/articles?limit=20", "/api/v1/export?format=csv", "/", "/static/js/explorer.js")
TEXTS = ("Turkish artillery shelled positions of the Syrian Democratic Forces near Manbij on Tuesday, "
         "the Syrian Observatory for Human Rights said.",
         "Kenyan police arrested 40 protesters in Nairobi on Monday after clashes near parliament, "
         "officials said.",
         "The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss a ceasefire in Gaza.")
EXTRACT_SHARE = 0.05  # one request in twenty is an extraction (one model, one at a time)


class Tally:
    """Latencies per request kind and failures, shared by the client threads.
    (A plain class: benchmarks/run.py loads this file without registering it as a module.)"""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = {}
        self.failures: list[str] = []
        self.lock = threading.Lock()

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if error:
                self.failures.append(error)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _client(port: int, stop: float, seed: int, tally: Tally, extra_reads: tuple[str, ...]) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    reads = READS + extra_reads
    while time.monotonic() < stop:
        extract = rng.random() < EXTRACT_SHARE
        path = "/api/v1/extract" if extract else rng.choice(reads)
        body = json.dumps({"text": rng.choice(TEXTS), "published": "2024-05-20"}).encode() if extract else None
        started = time.perf_counter()
        error = None
        try:
            conn.request("POST" if extract else "GET", path, body=body,
                         headers={"Content-Type": "application/json"} if extract else {})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                error = f"{path}: HTTP {response.status}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{path}: {type(exc).__name__}: {exc}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        tally.add(path, time.perf_counter() - started, error)
    conn.close()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def load(port: int, pid: int, *, clients: int, seconds: float,
         extra_reads: tuple[str, ...] = ()) -> dict[str, object]:
    """`clients` threads, each on its own keep-alive connection, for `seconds`; the figures."""
    tally = Tally()
    memory: list[float] = [rss_mb(pid)]
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, stop, n, tally, extra_reads), daemon=True)
               for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        time.sleep(0.5)
        memory.append(rss_mb(pid))
        if time.monotonic() > stop + 180:
            break  # a client stuck past its last request: reported as a failure below
    elapsed = time.perf_counter() - started
    stuck = sum(t.is_alive() for t in threads)
    every = [s for values in tally.latencies.values() for s in values]
    kinds = {"extract": tally.latencies.get("/api/v1/extract", []),
             "read": [s for path, values in tally.latencies.items() if path != "/api/v1/extract" for s in values]}
    figures: dict[str, object] = {
        "load_clients": clients, "load_seconds": round(elapsed, 1), "load_requests": len(every),
        "load_requests_per_second": round(len(every) / elapsed, 1),
        "load_failures": len(tally.failures) + stuck, "load_failure_examples": tally.failures[:5],
        "load_p50_ms": round(1000 * statistics.median(every), 1) if every else None,
        "load_p99_ms": round(1000 * _percentile(every, 0.99), 1),
        "load_rss_start_mb": round(memory[0], 1), "load_rss_peak_mb": round(max(memory), 1),
        "load_rss_mid_mb": round(memory[len(memory) // 2], 1),
        "load_rss_end_mb": round(memory[-1], 1),
    }
    for kind, values in kinds.items():
        if values:
            figures[f"load_{kind}_requests"] = len(values)
            figures[f"load_{kind}_p50_ms"] = round(1000 * statistics.median(values), 1)
            figures[f"load_{kind}_p99_ms"] = round(1000 * _percentile(values, 0.99), 1)
    slowest = sorted(tally.latencies.items(), key=lambda kv: -_percentile(kv[1], 0.99))[:3]
    figures["load_slowest_p99_ms"] = {path: round(1000 * _percentile(v, 0.99), 1) for path, v in slowest}
    return figures


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`eventwire serve` with the model, answering /api/v1/stats (waits up to 180 s)."""
    out = open(log, "wb")  # noqa: SIM115 - the process writes it until it is stopped
    process = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port),
                                "--log-level", "warning"], stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"eventwire serve exited: {log.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/stats")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError("eventwire serve did not answer within 180 s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run() -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    from eventwire.store import ingest

    clients = int(os.environ.get("BENCH_LOAD_CLIENTS", "200"))
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    articles = int(os.environ.get("BENCH_LOAD_ARTICLES", "40"))
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-load-") as tmp:
        folder = Path(tmp)
        corpus = write_corpus(folder / "corpus", articles)
        db = folder / "events.duckdb"
        ingest([str(corpus)], db)
        port = free_port()
        process = start_server(db, port, folder / "serve.log")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for path in READS:  # warm up every route once, the extraction too
                conn.request("GET", path)
                conn.getresponse().read()
            conn.request("POST", "/api/v1/extract", body=json.dumps({"text": TEXTS[0]}).encode(),
                         headers={"Content-Type": "application/json"})
            conn.getresponse().read()
            conn.close()
            return load(port, process.pid, clients=clients, seconds=seconds)
        finally:
            stop_server(process)


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))

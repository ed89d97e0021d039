"""Load on a real `eventwire serve` (loopback): 50 concurrent clients of mixed reads and
extractions, twice 8 seconds. No request fails, p50/p99 are reported, and memory is flat: the
second round, the same as the first, leaves the server no bigger than the first did (within
noise). The 200-client, 60-second version is benchmarks/bench_load.py."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from .test_serve_support import HOSTILE_REF, ROOT, Served, server

pytestmark = pytest.mark.model


def bench_load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "benchmarks" / "bench_load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def served() -> Served:
    return server()


def test_fifty_clients_no_failure_and_flat_memory(served: Served, record_property) -> None:  # type: ignore[no-untyped-def]
    bench = bench_load()
    article = served.json(f"/api/v1/events?limit=1&article={HOSTILE_REF}")
    reads = tuple(f"/api/v1/articles/{e['article_id']}" for e in article["events"][:1])
    for path in bench.READS + reads:  # warm up every route once
        assert served.get(path)[0] == 200, path
    assert served.post("/api/v1/extract", json.dumps({"text": bench.TEXTS[0]}).encode())[0] == 200
    first = bench.load(served.port, served.process.pid, clients=50, seconds=8, extra_reads=reads)
    second = bench.load(served.port, served.process.pid, clients=50, seconds=8, extra_reads=reads)
    for name, figures in (("first", first), ("second", second)):
        for key in ("load_requests", "load_p50_ms", "load_p99_ms", "load_extract_p99_ms", "load_rss_end_mb"):
            record_property(f"{name}_{key}", figures.get(key))
    print(json.dumps({"first": first, "second": second}, indent=1))  # the figures, with pytest -s
    for figures in (first, second):
        assert figures["load_failures"] == 0, figures["load_failure_examples"]
        assert figures["load_read_requests"] > 100 and figures.get("load_extract_requests", 0) > 0
    growth = second["load_rss_end_mb"] - first["load_rss_end_mb"]
    assert growth < 0.1 * first["load_rss_end_mb"] + 30, (first, second)

"""Serve: what the HTTP layer adds. Median time per API read on a database of the benchmark
corpus (each read opens its own read-only connection), the cost of that open, and the time of
POST /api/v1/extract against calling the same Extractor directly on the same texts (ratio).

BENCH_SERVE_ARTICLES (default 40) articles of the benchmark corpus are ingested; reads are
repeated BENCH_SERVE_REPEAT (default 15) times. Requests go through the ASGI app in process
(Starlette's TestClient), so the figures are the app's own cost, without the network.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.pipeline import Extractor  # noqa: E402
from eventwire.serve import create_app  # noqa: E402
from eventwire.store import ingest  # noqa: E402
from eventwire.store import open as open_store  # noqa: E402

READS = ("stats", "articles?limit=100", "events?limit=100", "events?limit=100&quad=4",
         "events?actor=TUR&limit=100", "timeline", "places", "network", "summary", "clusters?limit=100",
         "actors?limit=100")


def _median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def run() -> dict[str, object]:
    from fastapi.testclient import TestClient

    n = int(os.environ.get("BENCH_SERVE_ARTICLES", "40"))
    repeat = int(os.environ.get("BENCH_SERVE_REPEAT", "15"))
    corpus = write_corpus(HERE / "corpus" / f"bench-{n}.jsonl", n)
    records = load_texts(corpus)
    figures: dict[str, object] = {"serve_articles": n}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "events.duckdb"
        ingest([str(corpus)], str(db))
        with open_store(db) as store:
            figures["serve_events"] = store.count()
        figures["serve_open_close_ms"] = _median_ms(lambda: open_store(db).close(), repeat)
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            for path in READS:
                assert client.get(f"/api/v1/{path}").status_code == 200, path
                figures[f"serve_ms_{path.split('?')[0]}{'_quad' if 'quad' in path else ''}"
                        f"{'_actor' if 'actor=' in path else ''}"] = _median_ms(
                    lambda p=path: client.get(f"/api/v1/{p}"), repeat)
            texts = [r["text"] for r in records[:10]]
            extractor = Extractor()
            extractor.extract_text(texts[0])  # warm up both sides alike
            client.post("/api/v1/extract", json={"text": texts[0]})
            started = time.perf_counter()
            for text in texts:
                extractor.extract_text(text)
            direct = time.perf_counter() - started
            started = time.perf_counter()
            for text in texts:
                assert client.post("/api/v1/extract", json={"text": text}).status_code == 200
            api = time.perf_counter() - started
    figures["serve_extract_ratio_vs_direct"] = round(api / direct, 3)
    figures["serve_extract_ms_per_article"] = round(api / len(texts) * 1000, 1)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))

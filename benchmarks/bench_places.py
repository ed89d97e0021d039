"""Gazetteer load time and memory, lookup speed, and the places + times stages against bare spaCy."""

from __future__ import annotations

import gc
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.nlp import build_nlp  # noqa: E402
from eventwire.places import Geoparser  # noqa: E402
from eventwire.places import gazetteer as gz  # noqa: E402
from eventwire.settings import Settings  # noqa: E402
from eventwire.times import resolve_times  # noqa: E402

NAMES = ["Aleppo", "Tel Abyad", "Ain Issa", "Springfield", "Laurel County", "northern Syria", "Ohio", "Zzyzx"]


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _load_figures() -> dict:
    gz.load_gazetteer.cache_clear()
    gc.collect()
    before = _rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        gz.load_gazetteer(tmp)  # cold: builds from the installed packages and writes the cache
        cold = time.perf_counter() - started
        gz.load_gazetteer.cache_clear()
        gc.collect()
        mid = _rss_mb()
        started = time.perf_counter()
        gaz = gz.load_gazetteer(tmp)  # warm: reads the cache
        warm = time.perf_counter() - started
        after = _rss_mb()
    started = time.perf_counter()
    n = 0
    for _ in range(2000):
        for name in NAMES:
            gaz.find(name)
            n += 1
    lookup_us = (time.perf_counter() - started) / n * 1e6
    return {
        "gazetteer_places": len(gaz),
        "gazetteer_build_seconds": round(cold, 2),
        "gazetteer_load_seconds": round(warm, 3),
        "gazetteer_rss_mb": round(after - mid, 1),
        "gazetteer_rss_before_mb": round(before, 1),
        "gazetteer_lookup_us": round(lookup_us, 2),
    }


def run() -> dict:
    figures = _load_figures()
    n = int(os.environ.get("BENCH_ARTICLES", "200"))
    records = load_texts(write_corpus(HERE / "corpus" / f"bench-{n}.jsonl", n))
    texts = [r["text"] for r in records]
    nlp = build_nlp(Settings())
    list(nlp.pipe(texts[:5]))
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    bare = time.perf_counter() - started
    geo = Geoparser(Settings())
    per_doc = []
    started = time.perf_counter()
    for doc in docs:
        t = time.perf_counter()
        geo.resolve(doc, None, None)
        per_doc.append(time.perf_counter() - t)
    places = time.perf_counter() - started
    started = time.perf_counter()
    for doc, rec in zip(docs, records, strict=True):
        resolve_times(doc, rec.get("published"))
    times = time.perf_counter() - started
    figures.update({
        "places_vs_spacy": round(places / bare, 4),
        "places_ms_per_article_median": round(statistics.median(per_doc) * 1000, 2),
        "times_vs_spacy": round(times / bare, 4),
        "places_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    })
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))

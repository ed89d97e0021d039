"""Gazetteer load time and memory, lookup speed, and the places + times stages against bare spaCy."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.nlp import build_nlp  # noqa: E402
from eventwire.places import Geoparser  # noqa: E402
from eventwire.settings import Settings  # noqa: E402
from eventwire.times import resolve_times  # noqa: E402

_PROBE = """
import json, os, sys, time
def rss():
    with open('/proc/self/statm') as fh:
        return int(fh.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
from eventwire.places import gazetteer as gz
before = rss()
t = time.perf_counter()
gaz = gz.load_gazetteer(sys.argv[1])
seconds = time.perf_counter() - t
names = [n for n in gaz._names[::48]]
t = time.perf_counter()
for name in names:
    gaz.find(name)
lookup = (time.perf_counter() - t) / len(names) * 1e6
print(json.dumps({"seconds": seconds, "rss_mb": rss() - before, "places": len(gaz), "lookup_us": lookup}))
"""


def _probe(cache_dir: str) -> dict:
    """A fresh interpreter, so that load time and resident memory are the gazetteer's own."""
    out = subprocess.run([sys.executable, "-c", _PROBE, cache_dir], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load_figures() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cold = _probe(tmp)  # builds from the installed packages and writes the cache
        warm = _probe(tmp)  # reads the cache
    return {
        "gazetteer_places": warm["places"],
        "gazetteer_build_seconds": round(cold["seconds"], 2),
        "gazetteer_load_seconds": round(warm["seconds"], 3),
        "gazetteer_rss_mb": round(warm["rss_mb"], 1),
        "gazetteer_lookup_us": round(warm["lookup_us"], 2),
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
    print(json.dumps(run(), indent=1))

"""Whole pipeline against the bare spaCy model on the same texts, stage shares, peak memory."""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.model import Document  # noqa: E402
from eventwire.nlp import build_nlp  # noqa: E402
from eventwire.pipeline import Extractor  # noqa: E402
from eventwire.settings import Settings  # noqa: E402


def corpus_size() -> int:
    return int(os.environ.get("BENCH_ARTICLES", "1000"))


def run() -> dict:
    path = write_corpus(HERE / "corpus" / f"bench-{corpus_size()}.jsonl", corpus_size())
    records = load_texts(path)
    texts = [r["text"] for r in records]
    settings = Settings()
    nlp = build_nlp(settings)
    list(nlp.pipe(texts[:5]))  # warm caches before timing either side

    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    bare = time.perf_counter() - started

    extractor = Extractor(settings)
    docs = [Document(ref=r["id"], body=r["text"], published=r["published"], language="en") for r in records]
    started = time.perf_counter()
    n_events = sum(len(a.events) for a in extractor.extract(docs))
    full = time.perf_counter() - started

    total = sum(extractor.timings.seconds.values()) or 1.0
    words = sum(len(t.split()) for t in texts)
    return {
        "corpus_articles": len(texts),
        "corpus_words": words,
        "spacy_seconds": round(bare, 2),
        "pipeline_seconds": round(full, 2),
        "pipeline_vs_spacy_ratio": round(full / bare, 3),
        "pipeline_articles_per_second": round(len(texts) / full, 1),
        "events_per_article": round(n_events / len(texts), 2),
        "stage_share": {k: round(v / total, 4) for k, v in sorted(extractor.timings.seconds.items())},
        "stage_vs_spacy": {k: round(v / bare, 4) for k, v in sorted(extractor.timings.seconds.items())},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }

"""Actors stage: its cost against the bare spaCy parse of the same texts, KB load time and size.

Budget (the Actors issue): the stage costs at most 15% of the spaCy parse time. Texts are the
benchmark corpus (BENCH_ACTORS_ARTICLES, default 200 articles). The KB is loaded (and timed)
before the stage is timed, as the pipeline loads it once per process.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.actors import ActorResolver  # noqa: E402
from eventwire.actors.kb import load_kb, stats  # noqa: E402
from eventwire.model import Document  # noqa: E402
from eventwire.nlp import build_nlp  # noqa: E402
from eventwire.settings import Settings  # noqa: E402


def run() -> dict:
    n = int(os.environ.get("BENCH_ACTORS_ARTICLES", "200"))
    texts = [r["text"] for r in load_texts(write_corpus(HERE / "corpus" / f"bench-{n}.jsonl", n))]
    settings = Settings()
    nlp = build_nlp(settings)
    list(nlp.pipe(texts[:5]))

    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    parse = time.perf_counter() - started

    load_kb.cache_clear()
    started = time.perf_counter()
    resolver = ActorResolver(settings)
    kb_load = time.perf_counter() - started

    started = time.perf_counter()
    mentions = resolved = 0
    for doc, text in zip(docs, texts, strict=True):
        actors = resolver.resolve(doc, Document(ref=None, body=text))
        mentions += len(actors.mentions)
        resolved += sum(m.actor is not None for m in actors.mentions)
    stage = time.perf_counter() - started

    figures = {
        "actors_articles": len(texts),
        "actors_parse_seconds": round(parse, 3),
        "actors_stage_seconds": round(stage, 3),
        "actors_cost_vs_parse": round(stage / parse, 4),
        "actors_budget_vs_parse": 0.15,
        "actors_kb_load_seconds": round(kb_load, 3),
        "actors_mentions": mentions,
        "actors_mentions_resolved_share": round(resolved / max(mentions, 1), 3),
    }
    figures.update({f"actors_kb_{k}": v for k, v in stats(resolver.kb).items()})
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))

"""Events stage: its cost against the bare spaCy parse of the same texts.

Budget (the Events issue): the event stage costs at most 20% of the spaCy parse time. Texts are
the benchmark corpus (BENCH_EVENTS_ARTICLES, default 300) plus the shared sample when present.
Actors are resolved beforehand (outside the timing), as the pipeline hands them to the stage.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT.parent / "shared" / "samples" / "asharq-syria-2articles.txt"
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.actors import ActorResolver  # noqa: E402
from eventwire.events import code_events  # noqa: E402
from eventwire.model import Document  # noqa: E402
from eventwire.nlp import build_nlp  # noqa: E402
from eventwire.places import ArticlePlaces  # noqa: E402
from eventwire.settings import Settings  # noqa: E402


def _texts() -> list[str]:
    n = int(os.environ.get("BENCH_EVENTS_ARTICLES", "300"))
    texts = [r["text"] for r in load_texts(write_corpus(HERE / "corpus" / f"bench-{n}.jsonl", n))]
    if SAMPLE.is_file():
        texts.append(SAMPLE.read_text(encoding="utf-8"))
    return texts


def run() -> dict:
    texts = _texts()
    settings = Settings()
    nlp = build_nlp(settings)
    list(nlp.pipe(texts[:5]))  # warm caches before timing

    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    parse = time.perf_counter() - started

    resolver = ActorResolver(settings)
    actors = [resolver.resolve(doc, Document(ref=None, body=doc.text)) for doc in docs]
    places = ArticlePlaces()
    started = time.perf_counter()
    events = [code_events(doc, a, places, [], []) for doc, a in zip(docs, actors, strict=True)]
    stage = time.perf_counter() - started

    n_events = sum(len(e) for e in events)
    words = sum(len(doc) for doc in docs)
    return {
        "events_texts": len(texts),
        "events_found": n_events,
        "events_per_1000_tokens": round(1000 * n_events / max(words, 1), 2),
        "events_parse_seconds": round(parse, 3),
        "events_stage_seconds": round(stage, 3),
        "events_ratio_to_parse": round(stage / parse, 4) if parse else None,
        "events_budget_ratio": 0.20,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))

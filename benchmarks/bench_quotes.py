"""Quotes stage: its cost against the bare spaCy parse of the same texts, and its gold figures.

Budget (the Quotes issue): the stage costs at most 5% of the spaCy parse time. Texts are the
benchmark corpus (BENCH_QUOTES_ARTICLES, default 300) plus the quotes gold articles, which are
quote-dense; the figures on eval/gold/quotes.jsonl come from the real Extractor.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.actors import ActorResolver  # noqa: E402
from eventwire.model import Document  # noqa: E402
from eventwire.nlp import build_nlp  # noqa: E402
from eventwire.pipeline import Extractor  # noqa: E402
from eventwire.quotes import find_quotes  # noqa: E402
from eventwire.quotes.score import score_gold  # noqa: E402
from eventwire.settings import Settings  # noqa: E402

GOLD = ROOT / "eval" / "gold" / "quotes.jsonl"


def _texts() -> tuple[list[str], list[dict]]:
    n = int(os.environ.get("BENCH_QUOTES_ARTICLES", "300"))
    records = load_texts(write_corpus(HERE / "corpus" / f"bench-{n}.jsonl", n))
    gold = [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [r["text"] for r in records] + [g["text"] for g in gold], gold


def run() -> dict:
    texts, gold = _texts()
    settings = Settings()
    nlp = build_nlp(settings)
    list(nlp.pipe(texts[:5]))  # warm caches before timing

    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    parse = time.perf_counter() - started

    resolver = ActorResolver(settings)
    actors = [resolver.resolve(doc, Document(ref=None, body=doc.text)) for doc in docs]
    started = time.perf_counter()
    found = [find_quotes(doc, a) for doc, a in zip(docs, actors, strict=True)]
    stage = time.perf_counter() - started

    extractor = Extractor(settings)
    figures = score_gold(
        gold, lambda text, published: extractor.extract_text(text, published=published)
    )
    keep = ("span_f1", "match_f1", "speaker_accuracy", "speaker_recall")
    return {
        "quotes_articles": len(texts),
        "quotes_found": sum(len(f) for f in found),
        "quotes_spacy_seconds": round(parse, 3),
        "quotes_stage_seconds": round(stage, 3),
        "quotes_vs_spacy_ratio": round(stage / parse, 4),
        "quotes_gold": {
            k: v for k, v in figures.items() if k.endswith(keep) or k.endswith(("_gold", "_pred"))
        },
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))

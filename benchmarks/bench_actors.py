"""Actors stage: its cost against the bare spaCy parse of the same texts, KB load time and size.

Budget (the Actors issue): the stage costs at most 15% of the spaCy parse time. Texts are the
benchmark corpus (BENCH_ACTORS_ARTICLES, default 200 articles). The KB is loaded (and timed)
before the stage is timed, as the pipeline loads it once per process.
"""

from __future__ import annotations

import json
import os
import re
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
    figures.update(_gsr_gold_spans(nlp, resolver))
    return figures


def _gsr_gold_spans(nlp, resolver) -> dict:  # type: ignore[no-untyped-def]
    """Codes given the annotators' own actor spans (../shared/eval/plover_gsr_cameo.json):
    isolates actor resolution from the event coder's choice of arguments."""
    path = HERE.parent.parent / "shared" / "eval" / "plover_gsr_cameo.json"
    if not path.exists():
        return {}
    from eventwire.evaluate.metrics import code_matches, split_code

    hits = total = 0
    for record in json.loads(path.read_text(encoding="utf-8")):
        text = record.get("text")
        if not isinstance(text, str):
            continue
        doc = nlp(text)
        actors = resolver.resolve(doc, Document(ref=None, body=text, published=record.get("date")))
        for side in ("source", "target"):
            for gold in record.get(side) or []:
                if not isinstance(gold, dict) or not gold.get("actorText") or not gold.get("code"):
                    continue
                at = text.find(gold["actorText"].strip())
                span = doc.char_span(at, at + len(gold["actorText"].strip()), alignment_mode="expand")
                if at < 0 or span is None:
                    continue
                head, _ = split_code(gold["code"])
                sector = re.sub(r"[^A-Z]", "", str(gold.get("sector") or "")[:3].upper())
                code = head + sector if len(sector) == 3 and head not in {"IGO", "NGO"} else head
                found = actors.for_span(span)
                actor = found.actor if found is not None else None
                total += 1
                hits += actor is not None and code_matches(code, actor.code, actor.country)
    return {"actors_gsr_gold_span_actors": total,
            "actors_gsr_gold_span_code_accuracy": round(hits / max(total, 1), 3)}


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))

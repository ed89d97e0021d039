"""Ingest + clean throughput (articles/s) on scraped-dump text, and the share of time spent
outside spaCy when the same articles are then parsed; and HTML pages per second (trafilatura).

The benchmark corpus (corpus.py) is written out as dump files in the shape scrapers produce:
each article with its headline and caption block repeated, a site mark, a date line, a
dateline, "Advertisement" breaks; five articles per file, separated by wide gaps.
"""

from __future__ import annotations

import html
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.ingest import iter_documents  # noqa: E402
from eventwire.lang import detect_language  # noqa: E402
from eventwire.model import Document  # noqa: E402
from eventwire.nlp import build_nlp  # noqa: E402
from eventwire.settings import Settings  # noqa: E402

PER_FILE = 5


def corpus_size() -> int:
    return int(os.environ.get("BENCH_INGEST_ARTICLES", "300"))


def _dump_article(record: dict[str, str]) -> str:
    caption = f"Smoke rises over {record['headline'].split()[-1]} after an attack, in a file photo. (Reuters)"
    header = f"{record['headline']}\n\n{caption}\n{caption}\nTT\n\n{record['headline']}\n\n{caption}\n{caption}\n"
    paragraphs = record["text"].split("\n\n")
    paragraphs[0] = f"BEIRUT (Reuters) - {paragraphs[0]}"
    if len(paragraphs) > 3:
        paragraphs.insert(3, "Advertisement")
    return f"{header}\n{record['published']}\n\n" + "\n\n".join(paragraphs)


def _write_dumps(records: list[dict[str, str]], folder: Path) -> None:
    for start in range(0, len(records), PER_FILE):
        chunk = records[start : start + PER_FILE]
        text = "\n\n\n\n".join(_dump_article(r) for r in chunk) + "\n"
        (folder / f"dump-{start // PER_FILE:05d}.txt").write_text(text, encoding="utf-8")


def _html_page(record: dict[str, str]) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(record['headline'])} | {record['source']}</title>"
        f'<meta property="article:published_time" content="{record["published"]}"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(record['headline'])}</h1>{paragraphs}</article>"
        "<footer>Copyright 2024. All rights reserved.</footer></body></html>"
    )


def _html_rate(records: list[dict[str, str]], settings: Settings) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        for i, record in enumerate(records):
            (Path(tmp) / f"page-{i:05d}.html").write_text(_html_page(record), encoding="utf-8")
        started = time.perf_counter()
        docs = [d for d in iter_documents([tmp], settings=settings) if isinstance(d, Document)]
        return len(docs) / (time.perf_counter() - started)


def run() -> dict:
    records = load_texts(write_corpus(HERE / "corpus" / "bench-ingest.jsonl", corpus_size()))
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write_dumps(records, folder)
        size = sum(p.stat().st_size for p in folder.iterdir())
        detect_language("Loads the language model once, before timing. " * 3)
        started = time.perf_counter()
        items = list(iter_documents([str(folder)], settings=settings))
        ingest = time.perf_counter() - started
    docs = [d for d in items if isinstance(d, Document)]
    nlp = build_nlp(settings)
    list(nlp.pipe(d.body for d in docs[:5]))
    started = time.perf_counter()
    for _ in nlp.pipe((d.body for d in docs), batch_size=settings.batch_size):
        pass
    spacy_seconds = time.perf_counter() - started
    return {
        "ingest_articles": len(docs),
        "ingest_articles_expected": len(records),
        "ingest_megabytes": round(size / 1e6, 2),
        "ingest_seconds": round(ingest, 3),
        "ingest_articles_per_second": round(len(docs) / ingest, 1),
        "ingest_mb_per_second": round(size / 1e6 / ingest, 2),
        "ingest_vs_spacy_ratio": round(ingest / spacy_seconds, 4),
        "ingest_share_outside_spacy": round(ingest / (ingest + spacy_seconds), 4),
        "ingest_html_articles_per_second": round(_html_rate(records[:100], settings), 1),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))

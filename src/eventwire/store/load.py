"""Loading finished output into a database (no NLP): the files `eventwire extract` or a cluster run
write, with the same idempotent, resumable batch writes as `ingest`.

Accepted files (a directory is searched recursively for them):
- `.jsonl`: one Article per line (`extract --format jsonl`); a line with `input` and `reason` and
  no `body` is a Rejection;
- `.json`: one document `{"eventwire": ..., "articles": [...]}` (`extract --format json`);
- `.parquet`: one row per Article, columns named as the contract's fields, nested values as
  structs and lists (what `to_dict()` gives, written by pyarrow, DuckDB or Spark).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Article, Rejection
from ..settings import Settings
from . import dedupe
from .db import Store
from .runner import IngestSummary

SUFFIXES = (".jsonl", ".json", ".parquet")


def load_files(sources: Sequence[str | Path]) -> list[Path]:
    """The loadable files named by `sources` (files, or directories searched recursively)."""
    found: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise StoreError(f"{path}: no such file or directory to load")
    return found


def read_records(path: Path, batch_size: int = 512) -> Iterator[Article | Rejection]:
    """Articles and rejections of one output file, in file order."""
    if path.suffix == ".parquet":
        yield from _parquet(path, batch_size)
    elif path.suffix == ".json":
        yield from (_record(d, path) for d in _json_document(path))
    else:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    yield _record(_json_line(line, path, n), path)


def _json_line(line: str, path: Path, n: int) -> dict[str, Any]:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path}:{n}: not JSON ({exc.msg}); is this an eventwire JSON Lines file?") from exc


def _json_document(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise StoreError(f"{path}: not JSON ({exc.msg})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise StoreError(f"{path}: expected {{\"eventwire\": ..., \"articles\": [...]}} (extract --format json)")
    return data["articles"]


def _record(data: dict[str, Any], path: Path) -> Article | Rejection:
    if "body" not in data and "reason" in data:
        return Rejection(str(data.get("input", path)), str(data["reason"]), str(data.get("code", "unreadable")))
    try:
        return Article.from_dict(data)
    except (TypeError, KeyError, ValueError) as exc:
        raise StoreError(f"{path}: a record is not an eventwire Article ({exc})") from exc


def _parquet(path: Path, batch_size: int) -> Iterator[Article | Rejection]:
    con = duckdb.connect()
    try:
        result = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
    except duckdb.Error as exc:
        raise StoreError(f"{path}: not a readable Parquet file ({exc})") from exc
    names = [d[0] for d in result.description or ()]
    while rows := result.fetchmany(batch_size):
        for row in rows:
            yield _record(_plain(dict(zip(names, row, strict=True))), path)
    con.close()


def _plain(value: Any) -> Any:
    """Parquet writers may type ISO strings as dates: give them back as the contract's strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def load(sources: Sequence[str | Path], db: str | Path, *, settings: Settings | None = None,
         batch_size: int = 256, version: str = "") -> IngestSummary:
    """Store the articles of finished output files into `db`, then recompute event clusters."""
    settings = settings or Settings()
    files = load_files(sources)
    started = time.perf_counter()
    with Store(db) as store:
        names = [str(f) for f in files]
        run_id = store.start_run(command="load", sources=names, settings=settings, version=version)
        counts = {"articles_read": 0, "articles_new": 0, "articles_skipped": 0, "rejections": 0,
                  "events_new": 0, "inputs_skipped": 0}
        seconds_store = 0.0
        try:
            for name in names:
                if store.input_done(name):
                    counts["inputs_skipped"] += 1
                    continue
                seconds_store += _load_file(store, name, run_id, batch_size, counts)
            t = time.perf_counter()
            clusters = dedupe.refresh(store.con, settings, run_id=run_id)
            seconds_dedupe = time.perf_counter() - t
        except BaseException as exc:
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            store.finish_run(run_id, status, {**counts, "message": repr(exc)[:500]})
            raise
        total = time.perf_counter() - started
        summary = IngestSummary(run_id=run_id, inputs=len(names), clusters=clusters,
                                seconds_total=round(total, 3),
                                seconds_pipeline=round(total - seconds_store - seconds_dedupe, 3),
                                seconds_store=round(seconds_store, 3),
                                seconds_dedupe=round(seconds_dedupe, 3), **counts)
        store.finish_run(run_id, "finished", {k: v for k, v in summary.as_dict().items()
                                               if k not in ("run_id", "inputs", "clusters")})
    return summary


def _load_file(store: Store, name: str, run_id: int, batch_size: int, counts: dict[str, int]) -> float:
    seconds = 0.0
    articles: list[Article] = []
    rejections: list[Rejection] = []
    n_articles = n_rejections = 0
    for record in read_records(Path(name)):
        if isinstance(record, Rejection):
            rejections.append(record)
            n_rejections += 1
        else:
            articles.append(record)
            n_articles += 1
        if len(articles) >= batch_size:
            seconds += _add(store, articles, rejections, run_id, (), counts)
            articles, rejections = [], []
    return seconds + _add(store, articles, rejections, run_id, ((name, n_articles, n_rejections),), counts)


def _add(store: Store, articles: list[Article], rejections: list[Rejection], run_id: int,
         inputs: Iterable[tuple[str, int, int]], counts: dict[str, int]) -> float:
    started = time.perf_counter()
    result = store.add(articles, rejections, run_id=run_id, inputs=list(inputs))
    counts["articles_read"] += len(articles)
    counts["articles_new"] += result.new_articles
    counts["articles_skipped"] += result.skipped
    counts["events_new"] += result.new_events
    counts["rejections"] += len(rejections)
    return time.perf_counter() - started

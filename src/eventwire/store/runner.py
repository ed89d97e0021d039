"""`ingest`: run the pipeline over inputs into a database, resumably.

Resumable by construction: every batch (articles, their rejections, the inputs it completes) is
one transaction; an article whose content id is stored already is skipped before NLP; an input
file recorded as done with the same size and modification time is not read again. A run killed
at any moment and started again therefore finishes the corpus, storing nothing twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from .. import ingest as ingest_stage
from ..ingest.sources import STDIN_NAME, Source, expand_inputs
from ..model import Article, Document, Rejection, article_id
from ..settings import Settings
from . import dedupe
from .db import Store


@dataclass
class Progress:
    """Counters handed to `on_progress` after each batch and each input."""

    inputs_total: int
    inputs_done: int = 0
    inputs_skipped: int = 0
    articles_read: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    rejections: int = 0
    events_new: int = 0
    current: str = ""
    started: float = field(default_factory=time.perf_counter)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


@dataclass(frozen=True)
class IngestSummary:
    run_id: int
    inputs: int
    inputs_skipped: int
    articles_read: int
    articles_new: int
    articles_skipped: int
    rejections: int
    events_new: int
    clusters: int
    seconds_total: float
    seconds_pipeline: float
    seconds_store: float
    seconds_dedupe: float

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


@dataclass
class _Pending:
    documents: list[Document] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    inputs: list[tuple[str, int, int]] = field(default_factory=list)


class _Run:
    def __init__(self, store: Store, run_id: int, settings: Settings, batch_size: int,
                 progress: Progress, on_progress: Callable[[Progress], None] | None) -> None:
        self.store, self.run_id, self.settings = store, run_id, settings
        self.batch_size = batch_size
        self.progress, self.on_progress = progress, on_progress
        self.pending = _Pending()
        self.seconds_store = 0.0  # lookups and writes; the rest of a run is the pipeline's
        self._extractor = None

    @property
    def extractor(self):  # type: ignore[no-untyped-def]
        if self._extractor is None:  # loading the model is skipped when every input is done
            from ..pipeline import Extractor

            self._extractor = Extractor(self.settings)
        return self._extractor

    def source(self, name: str, published: str | None) -> None:
        p = self.progress
        p.current = name
        articles = rejections = 0
        for item in ingest_stage.iter_documents([name], published=published, settings=self.settings):
            if isinstance(item, Rejection):
                rejections += 1
                self.pending.rejections.append(item)
                continue
            articles += 1
            p.articles_read += 1
            self.pending.documents.append(item)
            if len(self.pending.documents) >= self.batch_size:
                self.flush()
        self.pending.inputs.append((name, articles, rejections))
        if len(self.pending.inputs) >= self.batch_size:
            self.flush()
        p.inputs_done += 1
        if self.on_progress:
            self.on_progress(p)

    def flush(self) -> None:
        pending, self.pending = self.pending, _Pending()
        started = time.perf_counter()
        todo = self._unseen(pending.documents)
        extracting = time.perf_counter()
        articles: list[Article] = list(self.extractor.extract(todo)) if todo else []
        stored_at = time.perf_counter()
        result = self.store.add(articles, pending.rejections, run_id=self.run_id, inputs=pending.inputs)
        self.seconds_store += time.perf_counter() - stored_at + (extracting - started)
        p = self.progress
        p.articles_new += result.new_articles
        p.articles_skipped += result.skipped + len(pending.documents) - len(todo)
        p.events_new += result.new_events
        p.rejections += len(pending.rejections)
        if self.on_progress:
            self.on_progress(p)

    def _unseen(self, documents: list[Document]) -> list[Document]:
        """Documents whose article is not stored yet: those are skipped before NLP, the costly
        part, which is what makes a re-run or a resumed run fast."""
        ids = [article_id(d.body) for d in documents]
        stored = self.store.stored(ids)
        first = {i: n for n, i in reversed(list(enumerate(ids)))}
        return [d for n, (d, i) in enumerate(zip(documents, ids, strict=True))
                if i not in stored and first[i] == n]


def ingest(
    sources: Sequence[str],
    db: str | Path,
    *,
    settings: Settings | None = None,
    published: str | None = None,
    batch_size: int = 64,
    on_progress: Callable[[Progress], None] | None = None,
    version: str = "",
) -> IngestSummary:
    """Run the pipeline over `sources` (paths, globs, directories, `-`) into the database `db`."""
    settings = settings or Settings()
    started = time.perf_counter()
    with Store(db) as store:
        run_id = store.start_run(command="ingest", sources=sources, settings=settings, version=version)
        files = list(expand_inputs(sources, max_bytes=settings.max_input_bytes))
        progress = Progress(inputs_total=sum(isinstance(f, Source) for f in files))
        run = _Run(store, run_id, settings, batch_size, progress, on_progress)
        try:
            _ingest_sources(run, files, published)
            run.flush()
            t = time.perf_counter()
            clusters = dedupe.refresh(store.con, settings, run_id=run_id)
            seconds_dedupe = time.perf_counter() - t
        except BaseException as exc:
            if not _interrupted(exc):
                store.finish_run(run_id, "failed", {**_counts(progress), "message": repr(exc)[:500]})
                raise
            stop = exc if isinstance(exc, KeyboardInterrupt) else KeyboardInterrupt(str(exc))
            store.finish_run(run_id, "interrupted", {**_counts(progress), "message": repr(stop)[:500]})
            raise stop from exc
        total = time.perf_counter() - started
        summary = IngestSummary(
            run_id=run_id, inputs=progress.inputs_total, inputs_skipped=progress.inputs_skipped,
            articles_read=progress.articles_read, articles_new=progress.articles_new,
            articles_skipped=progress.articles_skipped, rejections=progress.rejections,
            events_new=progress.events_new, clusters=clusters, seconds_total=round(total, 3),
            seconds_pipeline=round(total - run.seconds_store - seconds_dedupe, 3),
            seconds_store=round(run.seconds_store, 3), seconds_dedupe=round(seconds_dedupe, 3),
        )
        store.finish_run(run_id, "finished", {k: v for k, v in summary.as_dict().items()
                                               if k not in ("run_id", "inputs", "clusters")})
    return summary


def _interrupted(exc: BaseException) -> bool:
    """Ctrl-C, also when DuckDB was running a query and turned it into its own error."""
    if isinstance(exc, KeyboardInterrupt | duckdb.InterruptException):
        return True
    return isinstance(exc, RuntimeError) and "Query interrupted" in str(exc)


def _ingest_sources(run: _Run, files: Iterable[Source | Rejection], published: str | None) -> None:
    """One file at a time (a directory or glob is expanded the way ingest does), so that each
    file is recorded as done with the batch holding its last article."""
    for item in files:
        if isinstance(item, Rejection):
            run.pending.rejections.append(item)
            continue
        if run.store.input_done(item.name):
            run.progress.inputs_skipped += 1
            run.progress.inputs_done += 1
            continue
        run.source("-" if item.name == STDIN_NAME else item.name, published)


def _counts(p: Progress) -> dict[str, int]:
    return {"articles_read": p.articles_read, "articles_new": p.articles_new,
            "articles_skipped": p.articles_skipped, "rejections": p.rejections,
            "events_new": p.events_new, "inputs_skipped": p.inputs_skipped}

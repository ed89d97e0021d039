"""Opening the database (locking, clear errors, migrations) and the batch writer.

DuckDB lets one process open a file for writing; a second process (writer or reader) gets a lock
error, which becomes a StoreError naming the process that holds the file. Every batch of articles
is written in one transaction: a run killed at any moment leaves whole batches or nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..model import Article, Rejection
from . import queries
from .rows import article_rows
from .schema import ARTICLE_TABLES, BOOKKEEPING, KEYED_TABLES, MIGRATIONS

_PID = re.compile(r"\(PID (\d+)\)")
MEMORY = ":memory:"
# DuckDB would otherwise take up to 80% of RAM for its buffers; past this it spills to disk, which
# keeps an ingest worker (model, knowledge base, gazetteer, store) within its memory budget.
MEMORY_LIMIT = "1GB"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


WRITER_LOCK_WAIT = 10.0  # seconds a writer waits for readers (a server holds the file per request)


def connect(
    path: str | Path, *, read_only: bool = False, lock_wait: float | None = None
) -> duckdb.DuckDBPyConnection:
    """Open `path` (":memory:" for a scratch database) and bring its schema up to date.

    A writer waits up to `lock_wait` seconds (default WRITER_LOCK_WAIT) for another process to
    let go of the file; a reader does not wait (default 0), so a server can answer "busy" at once.
    """
    name = str(path)
    if read_only and name != MEMORY and not Path(name).exists():
        raise StoreError(f"{name}: no such database; create it with `eventwire ingest ... --db {name}`")
    if name != MEMORY:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
    wait = (0.0 if read_only else WRITER_LOCK_WAIT) if lock_wait is None else lock_wait
    con = _open(name, read_only and name != MEMORY, time.monotonic() + wait)
    try:
        _prepare(con, name, read_only)
    except duckdb.Error as exc:
        con.close()
        raise _open_error(name, exc) from exc
    return con


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, when DuckDB has not already done so itself (a failed COMMIT rolls back)."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")


def _open(name: str, read_only: bool, deadline: float) -> duckdb.DuckDBPyConnection:
    while True:
        try:
            return duckdb.connect(name, read_only=read_only)
        except duckdb.Error as exc:
            if not _is_lock_error(str(exc)) or time.monotonic() >= deadline:
                raise _open_error(name, exc) from exc
        time.sleep(0.1)


def _is_lock_error(text: str) -> bool:
    return "Could not set lock" in text or "Conflicting lock" in text


def _prepare(con: duckdb.DuckDBPyConnection, name: str, read_only: bool) -> None:
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    if not read_only:
        migrate(con)
    elif not queries_ready(con):
        raise StoreError(f"{name}: not an eventwire database (no schema); ingest into it first")


def queries_ready(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        return bool(queries.applied_migrations(con))
    except duckdb.CatalogException:
        return False


_CORRUPT = ("not a valid DuckDB database", "Corrupt database", "checksum", "Could not read enough bytes")


def _open_error(name: str, exc: duckdb.Error) -> StoreError:
    text = str(exc)
    first = text.splitlines()[0] if text else type(exc).__name__
    if any(mark in text for mark in _CORRUPT):
        return corrupt_error(name, first)
    if _is_lock_error(text):
        pid = _PID.search(text)
        holder = f"pid {pid.group(1)}" if pid else "another process"
        return StoreError(f"{name} is open by another eventwire process ({holder}); "
                          "wait for it or use another --db")
    if "version" in text.lower() and "storage" in text.lower():
        return StoreError(f"{name} was written by another DuckDB version ({first}); "
                          "open it with that version or export and re-ingest")
    return StoreError(f"{name}: cannot open the database ({first})")


def corrupt_error(name: str, detail: str) -> StoreError:
    return StoreError(f"{name} is not a readable eventwire database (corrupt, truncated or another "
                      f"kind of file: {detail}); restore it from a backup or use another --db")


def read_error(name: str, exc: duckdb.Error) -> StoreError:
    """A failure while reading an open database: corruption found late, or an unusable file."""
    text = str(exc)
    first = text.splitlines()[0] if text else type(exc).__name__
    if any(mark in text for mark in _CORRUPT):
        return corrupt_error(name, first)
    return StoreError(f"{name}: reading the database failed ({first})")


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations this database has not run yet, each in its own transaction."""
    con.execute(BOOKKEEPING)
    done = queries.applied_migrations(con)
    applied = []
    for migration in MIGRATIONS:
        if migration.name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            queries.record_migration(con, migration.name, now())
            con.execute("COMMIT")
        except duckdb.Error as exc:
            _rollback(con)
            raise StoreError(f"schema migration {migration.name} failed: {exc}") from exc
        applied.append(migration.name)
    return applied


@dataclass
class BatchResult:
    new_articles: int
    skipped: int
    new_events: int


def rejection_id(rejection: Rejection) -> str:
    blob = "\x1f".join((rejection.input, rejection.code, rejection.reason)).encode()
    return sha256(blob).hexdigest()[:16]


def fingerprint(name: str) -> str | None:
    """Identity of a regular file's content as it is now (None for stdin, directories, unknown)."""
    if name == "-":
        return None
    try:
        st = os.stat(name)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


class Store:
    """A writable event database: one per process, batch writes, resumable runs."""

    def __init__(self, path: str | Path = MEMORY, *, arrow: bool = True) -> None:
        self.path = str(path)
        self.arrow = arrow  # False forces the pure-DuckDB insert path (pyarrow is optional)
        self.con = connect(self.path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stored(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already (one indexed lookup per batch, so a
        database of millions of articles costs no memory here)."""
        return queries.existing_ids(self.con, list(dict.fromkeys(ids)))

    def add(self, articles: Iterable[Article], rejections: Sequence[Rejection] = (),
            *, run_id: int | None = None,
            inputs: Sequence[tuple[str, int, int]] = ()) -> BatchResult:
        """Store new articles (by content id), rejections and finished inputs
        (name, articles, rejections) in one transaction."""
        batch = list(articles)
        known = self.stored(a.id for a in batch)
        fresh: dict[str, Article] = {}
        for article in batch:
            if article.id not in known and article.id not in fresh:
                fresh[article.id] = article
        seen = len(batch)
        stamp = now()
        tables = article_rows(fresh.values(), run_id=run_id, now=stamp)
        rejected = [(rejection_id(r), r.input, r.code, r.reason, run_id, stamp) for r in rejections]
        done = [(name, fp, run_id, n, r, stamp) for name, n, r in inputs
                if (fp := fingerprint(name)) is not None]
        self._transaction(tables, rejected, done)
        n_events = sum(len(a.events) for a in fresh.values())
        return BatchResult(len(fresh), seen - len(fresh), n_events)

    def _transaction(self, tables: dict[str, Any], rejected: list[tuple[Any, ...]],
                     inputs: list[tuple[Any, ...]]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in ARTICLE_TABLES:
                queries.insert_columns(self.con, table, tables.get(table, {}),
                                       keyed=table in KEYED_TABLES, arrow=self.arrow)
            queries.insert_rejections(self.con, rejected)
            for row in inputs:
                queries.record_input(self.con, *row)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            _rollback(self.con)
            raise StoreError(f"{self.path}: writing a batch failed ({exc}); nothing of it was stored") from exc
        except BaseException:  # Ctrl-C mid-batch: the batch is dropped whole, the run can go on later
            _rollback(self.con)
            raise

    def start_run(self, *, command: str, sources: Sequence[str], settings: Any, version: str) -> int:
        # This process holds the write lock, so a run still marked running elsewhere has died.
        stale = [rid for rid, pid in queries.running_runs(self.con) if pid != os.getpid()]
        if stale:
            queries.mark_interrupted(self.con, stale)
        return queries.start_run(self.con, command=command, version=version,
                                 digest=settings.digest(), settings=settings.as_dict(),
                                 sources=sources, pid=os.getpid(), now=now())

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        queries.finish_run(self.con, run_id, status, now(), counts)

    def input_done(self, name: str) -> bool:
        fp = fingerprint(name)
        return fp is not None and queries.input_done(self.con, name, fp)

    def counts(self) -> dict[str, int]:
        return queries.table_counts(self.con, (*ARTICLE_TABLES, "rejections", "clusters", "runs"))


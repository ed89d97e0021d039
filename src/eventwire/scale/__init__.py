"""Scale: the same pipeline over a large corpus, on one machine or on a Ray cluster.

    eventwire run --engine local|ray --input 'corpus/**/*.{jsonl,warc.gz,html}' --output out/

Inputs are cut into shards (shards.py: one file, or a byte slice of a large JSON Lines file);
each worker (local.py: a process; ray_engine.py: a Ray actor) loads the model once and turns
whole shards into Parquet files partitioned by publication day (parquet.py), then marks the
shard done. A shard done is never redone: a killed run, started again, does only the rest.
`folder.py` reads an output folder back (DuckDB views, or a database through `eventwire load`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..model import Rejection
from ..settings import Settings
from .shards import DEFAULT_SLICE_BYTES, Shard, expand_inputs, is_done, output_lock, plan_shards
from .worker import ShardResult

ENGINES = ("local", "ray")


@dataclass(frozen=True, slots=True)
class RunSummary:
    engine: str
    workers: int  # workers that ran at least one shard
    shards: int
    shards_skipped: int  # done by an earlier run
    shards_run: int
    articles: int
    rejections: int
    events: int
    seconds: float
    worker_rss_mb: float  # the largest peak resident memory of any worker
    missing: tuple[Rejection, ...] = ()  # inputs that matched no file


@dataclass(frozen=True, slots=True)
class Plan:
    todo: tuple[Shard, ...]
    done: tuple[Shard, ...]
    missing: tuple[Rejection, ...]


def plan(inputs: Sequence[str], output: str | Path, *, slice_bytes: int = DEFAULT_SLICE_BYTES) -> Plan:
    """The shards of `inputs`, split into those still to do and those an earlier run finished."""
    files, missing = expand_inputs(inputs)
    out = Path(output)
    shards = plan_shards(files, slice_bytes=slice_bytes)
    finished = {s.id for s in shards if is_done(out, s)}
    done = tuple(s for s in shards if s.id in finished)
    todo = tuple(s for s in shards if s.id not in finished)
    return Plan(todo=todo, done=done, missing=tuple(missing))


def run(inputs: Sequence[str], output: str | Path, *, engine: str = "local", workers: int | None = None,
        settings: Settings | None = None, published: str | None = None,
        slice_bytes: int = DEFAULT_SLICE_BYTES, ray_address: str | None = None, version: str = "",
        on_result: Callable[[ShardResult], None] | None = None) -> RunSummary:
    """Run the pipeline over `inputs` into the Parquet folder `output`, resuming a killed run.
    `workers` defaults to this machine's CPUs (local) or every CPU of the Ray cluster (ray)."""
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    settings = settings or Settings()
    out = Path(output).resolve()
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out}: exists and is not a folder; --output names a folder")
    out.mkdir(parents=True, exist_ok=True)
    with output_lock(out):
        return _run(inputs, out, engine, workers, settings, published, slice_bytes, ray_address,
                    version, on_result)


def _run(inputs: Sequence[str], out: Path, engine: str, workers: int | None, settings: Settings,
         published: str | None, slice_bytes: int, ray_address: str | None, version: str,
         on_result: Callable[[ShardResult], None] | None) -> RunSummary:
    started = time.perf_counter()
    work = plan(inputs, out, slice_bytes=slice_bytes)
    kwargs = {"workers": workers, "settings": settings, "published": published, "version": version,
              "on_result": on_result}
    if engine == "ray":
        from .ray_engine import run_ray

        results = run_ray(work.todo, out, address=ray_address, **kwargs)  # type: ignore[arg-type]
    else:
        from .local import run_local

        kwargs["workers"] = workers or os.cpu_count() or 1
        results = run_local(work.todo, out, **kwargs)  # type: ignore[arg-type]
    return RunSummary(
        engine=engine, workers=len({r.worker for r in results}),
        shards=len(work.todo) + len(work.done), shards_skipped=len(work.done), shards_run=len(results),
        articles=sum(r.articles for r in results), rejections=sum(r.rejections for r in results),
        events=sum(r.events for r in results), seconds=round(time.perf_counter() - started, 3),
        worker_rss_mb=max((r.worker_rss_mb for r in results), default=0.0), missing=work.missing,
    )


__all__ = ["ENGINES", "Plan", "RunSummary", "ShardResult", "plan", "run"]

"""The local engine: a pool of worker processes on one machine, each loading the model once.

Workers are started with `spawn` (a clean interpreter, no state copied from the parent) and each
takes whole shards from a queue, so a slow shard never holds the others back.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..settings import Settings
from .shards import Shard
from .worker import ShardProcessor, ShardResult

_processor: ShardProcessor | None = None


def _start_worker(output: str, settings: Settings, published: str | None, version: str) -> None:
    global _processor
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _processor = ShardProcessor(output, settings=settings, published=published, version=version)


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9 gives it no chance to stop us) exits too; its
    unfinished shard has no marker, so the next run redoes it."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _run_shard(shard: Shard) -> ShardResult:
    assert _processor is not None, "worker used before its initializer ran"
    return _processor.process(shard)


def run_local(shards: Sequence[Shard], output: Path, *, workers: int, settings: Settings,
              published: str | None = None, version: str = "",
              on_result: Callable[[ShardResult], None] | None = None) -> list[ShardResult]:
    """Run `shards` on `workers` processes; `on_result` is called as each shard finishes."""
    if not shards:
        return []
    workers = max(1, min(workers, len(shards)))
    context = multiprocessing.get_context("spawn")
    results: list[ShardResult] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                             initargs=(str(output), settings, published, version)) as pool:
        futures = [pool.submit(_run_shard, shard) for shard in shards]
        try:
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                if on_result is not None:
                    on_result(result)
        except BaseException:
            # finished shards are kept (marked done); queued ones are not started
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return results


__all__ = ["run_local"]

"""One worker's job: load the model once, then turn whole shards into Parquet files + a marker.

The local engine runs one `ShardProcessor` per worker process, the Ray engine one per actor; both
call `process(shard)` for each shard they are given, so both write the same files.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..model import Article, Document, Rejection
from ..pipeline import Extractor
from ..settings import Settings
from .parquet import ShardWriter, remove_shard_output
from .shards import Shard, attempt_path, mark_done, marker_path, read_shard


@dataclass(frozen=True, slots=True)
class ShardResult:
    shard_id: str
    input: str
    articles: int
    rejections: int
    events: int
    seconds: float
    cpu_seconds: float  # CPU time of the worker for this shard (robust to other load on the machine)
    worker: str  # host:pid of the worker that ran it
    worker_load_cpu_seconds: float  # CPU time the worker spent loading model, KB and gazetteer
    worker_rss_mb: float  # peak resident memory of the worker so far

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ShardProcessor:
    """Holds one Extractor (model, knowledge base, gazetteer) for the life of a worker."""

    def __init__(self, output: str | Path, *, settings: Settings, published: str | None = None,
                 version: str = "") -> None:
        self.output = Path(output)
        self.settings = settings
        self.published = published
        self.version = version
        started = time.process_time()
        self.extractor = Extractor(settings)
        self.load_cpu_seconds = round(time.process_time() - started, 3)
        self.name = f"{socket.gethostname()}:{os.getpid()}"

    def process(self, shard: Shard) -> ShardResult:
        """Run one shard from scratch and mark it done; what an earlier attempt left is replaced."""
        started, cpu = time.perf_counter(), time.process_time()
        attempt = attempt_path(self.output, shard)
        if attempt.exists() or marker_path(self.output, shard).exists():
            # an attempt that died, or output of a since-changed input: only then is there
            # anything to clear, so a fresh run never scans the output folder
            remove_shard_output(self.output, shard.id)
        attempt.parent.mkdir(parents=True, exist_ok=True)
        attempt.touch()
        writer = ShardWriter(self.output, shard.id)
        counts = {"articles": 0, "rejections": 0, "events": 0}
        items = read_shard(shard, published=self.published, settings=self.settings)
        for item in self._extract(items):
            writer.add(item)
            if isinstance(item, Rejection):
                counts["rejections"] += 1
            else:
                counts["articles"] += 1
                counts["events"] += len(item.events)
        files = writer.commit()
        seconds = round(time.perf_counter() - started, 3)
        mark_done(self.output, shard, {
            **counts, "seconds": seconds, "files": [str(f.relative_to(self.output)) for f in files],
            "eventwire": self.version, "settings_digest": self.settings.digest(),
        })
        attempt.unlink(missing_ok=True)
        return ShardResult(shard.id, shard.name, seconds=seconds,
                           cpu_seconds=round(time.process_time() - cpu, 3), worker=self.name,
                           worker_load_cpu_seconds=self.load_cpu_seconds, worker_rss_mb=peak_rss_mb(),
                           **counts)

    def _extract(self, items: Iterable[Document | Rejection]) -> Iterator[Article | Rejection]:
        """Documents through the pipeline in batches; rejections pass through in place."""
        pending: list[Document | Rejection] = []
        for item in items:
            pending.append(item)
            if sum(isinstance(p, Document) for p in pending) >= self.settings.batch_size:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def _flush(self, pending: list[Document | Rejection]) -> Iterator[Article | Rejection]:
        articles = iter(self.extractor.extract([p for p in pending if isinstance(p, Document)]))
        for item in pending:
            yield item if isinstance(item, Rejection) else next(articles)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


__all__ = ["ShardProcessor", "ShardResult", "peak_rss_mb"]

"""The Ray engine: Ray Data `map_batches` over an actor pool; each actor loads the model once.

The dataset is the list of shards still to do (one row each); every actor runs a
`ShardProcessor`, so it writes the same Parquet files and markers as the local engine, directly
into the output folder. On a cluster that folder must be one every node can write (a shared
filesystem mount): actors write their own shards, nothing goes back through the driver but a
row of counts per shard.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..settings import Settings
from .shards import Shard
from .worker import ShardProcessor, ShardResult

_RESULT_FIELDS = tuple(ShardResult.__dataclass_fields__)


def require_ray():  # type: ignore[no-untyped-def]
    """The `ray` module, or a ConfigError that says how to install it."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise ConfigError("the ray engine needs Ray Data: pip install 'eventwire[ray]' "
                          "(or pip install 'ray[data]'), or use --engine local") from exc
    return ray


class ShardActor:
    """A Ray Data callable class: constructed once per actor, called with batches of shards."""

    def __init__(self, output: str, settings: dict[str, Any], published: str | None, version: str) -> None:
        self.processor = ShardProcessor(output, settings=Settings(**settings), published=published,
                                        version=version)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        results = [self.processor.process(Shard.from_dict(json.loads(s))) for s in batch["shard"]]
        return {name: [getattr(r, name) for r in results] for name in _RESULT_FIELDS}


def start_ray(workers: int | None, address: str | None = None) -> bool:
    """Connect to the cluster at `address` (or RAY_ADDRESS), else start Ray on this machine with
    `workers` CPUs (default: all). True when this call started or joined Ray."""
    ray = require_ray()
    if ray.is_initialized():
        return False
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
    return True


def run_ray(shards: Sequence[Shard], output: Path, *, workers: int | None, settings: Settings,
            published: str | None = None, version: str = "", address: str | None = None,
            on_result: Callable[[ShardResult], None] | None = None) -> list[ShardResult]:
    """Run `shards` on a pool of `workers` Ray actors (one CPU each; default: every CPU of the
    cluster); results as shards finish. A Ray this call started is shut down at the end."""
    if not shards:
        return []
    ray = require_ray()
    started = start_ray(workers, address)
    try:
        workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        return _run_dataset(ray, shards, output, workers=workers, settings=settings,
                            published=published, version=version, on_result=on_result)
    finally:
        if started:
            ray.shutdown()


def _run_dataset(ray, shards: Sequence[Shard], output: Path, *, workers: int, settings: Settings,  # type: ignore[no-untyped-def]
                 published: str | None, version: str,
                 on_result: Callable[[ShardResult], None] | None) -> list[ShardResult]:
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = False
    items = [{"shard": json.dumps(s.as_dict())} for s in shards]
    dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
        ShardActor,
        fn_constructor_kwargs={"output": str(output.resolve()), "settings": settings.as_dict(),
                               "published": published, "version": version},
        batch_size=1,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=max(1, min(workers, len(shards)))),
        num_cpus=1,
    )
    results: list[ShardResult] = []
    for row in dataset.iter_rows():
        result = ShardResult(**{name: _plain(row[name]) for name in _RESULT_FIELDS})
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


__all__ = ["ShardActor", "require_ray", "run_ray", "start_ray"]

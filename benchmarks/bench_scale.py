"""Scale: the local engine with 2 workers against 1, and the Ray engine against the local engine,
on the same generated corpus (cut into JSON Lines slices, the shards of `eventwire run`).

Each figure is a wall-clock ratio of whole runs (worker start and model loads included) on this
machine, so it means the same on any machine of the same core count. The per-core rate of the
1-worker run gives the estimate of cores needed for one million articles a day.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import load_texts, write_corpus  # noqa: E402

from eventwire.scale import RunSummary, ShardResult  # noqa: E402
from eventwire.scale import run as run_scale  # noqa: E402

SHARDS = 16  # enough shards that two workers stay busy to the end


def corpus_size() -> int:
    return int(os.environ.get("BENCH_SCALE_ARTICLES", os.environ.get("BENCH_ARTICLES", "1000")))


@dataclass
class Timed:
    seconds: float  # wall clock of the whole run
    cpu_makespan: float  # the busiest worker's CPU seconds (model load + its shards)
    summary: RunSummary


def _best(path: Path, out: Path, engine: str, workers: int) -> Timed:
    """The fastest of BENCH_SCALE_REPEAT runs (default 1): other load only ever slows a run down."""
    runs = [_timed(path, out, engine, workers) for _ in range(repeats())]
    return Timed(min(r.seconds for r in runs), min(r.cpu_makespan for r in runs), runs[0].summary)


def repeats() -> int:
    return max(1, int(os.environ.get("BENCH_SCALE_REPEAT", "1")))


def _timed(path: Path, out: Path, engine: str, workers: int) -> Timed:
    shutil.rmtree(out, ignore_errors=True)
    slice_bytes = math.ceil(path.stat().st_size / SHARDS)
    results: list[ShardResult] = []
    started = time.perf_counter()
    summary = run_scale([str(path)], out, engine=engine, workers=workers, slice_bytes=slice_bytes,
                        on_result=results.append)
    seconds = time.perf_counter() - started
    busy: dict[str, float] = defaultdict(float)
    for r in results:
        busy[r.worker] = busy.get(r.worker, r.worker_load_cpu_seconds) + r.cpu_seconds
    return Timed(seconds, max(busy.values()), summary)


def _ray_available() -> bool:
    try:
        import ray  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError:
        return False
    return True


def run() -> dict:
    n = corpus_size()
    path = write_corpus(HERE / "corpus" / f"bench-{n}.jsonl", n)
    words = sum(len(r["text"].split()) for r in load_texts(path))
    figures: dict[str, object] = {"scale_corpus_articles": n, "scale_corpus_words": words,
                                  "scale_shards": SHARDS, "scale_repeats": repeats(),
                                  # other load on the machine makes parallel figures less reliable
                                  "scale_load_average_before": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-scale-") as tmp:
        one = _best(path, Path(tmp) / "w1", "local", 1)
        two = _best(path, Path(tmp) / "w2", "local", 2)
        assert one.summary.articles == two.summary.articles == n, "a scale run lost articles"
        per_core = n / one.cpu_makespan
        figures.update({
            "local_1_worker_seconds": round(one.seconds, 2),
            "local_2_workers_seconds": round(two.seconds, 2),
            "workers2_speedup": round(one.seconds / two.seconds, 3),
            # what two dedicated cores give: the busiest worker's CPU time, immune to other load
            "workers2_speedup_cpu": round(one.cpu_makespan / two.cpu_makespan, 3),
            "local_articles_per_cpu_second": round(per_core, 2),
            "worker_peak_rss_mb": two.summary.worker_rss_mb,
            # one worker per core, busy all day, with no margin for peaks
            "cores_for_1m_articles_per_day": math.ceil(1_000_000 / 86_400 / per_core),
            "scale_load_average_after_local": round(os.getloadavg()[0], 2),
        })
        if not _ray_available():
            figures["ray_vs_local_ratio"] = None
            figures["ray_skipped"] = "ray is not installed (pip install 'eventwire[ray]')"
            return figures
        import ray

        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        figures["ray_init_seconds"] = round(time.perf_counter() - started, 2)
        try:
            on_ray = _best(path, Path(tmp) / "ray", "ray", 2)
        finally:
            ray.shutdown()
        assert on_ray.summary.articles == n, "the ray run lost articles"
        figures.update({
            "ray_2_workers_seconds": round(on_ray.seconds, 2),
            "ray_vs_local_ratio": round(on_ray.seconds / two.seconds, 3),
            "ray_vs_local_cpu_ratio": round(on_ray.cpu_makespan / two.cpu_makespan, 3),
        })
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))

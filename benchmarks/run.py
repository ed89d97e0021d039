"""`make bench`: runs every benchmarks/bench_*.py module's `run(ctx)` and writes results.json.

Figures are ratios against the bare spaCy model on the same texts where they concern speed, so
they mean the same on any machine. Each module returns a dict that is merged into the results.
"""

from __future__ import annotations

import importlib.util
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _machine() -> dict[str, object]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "processor": platform.processor() or platform.machine(),
    }


def main(argv: list[str]) -> int:
    only = set(argv)
    results: dict[str, object] = {"machine": _machine()}
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        started = time.perf_counter()
        print(f"bench {name} ...", flush=True)
        figures = module.run()
        figures[f"{name}_bench_seconds"] = round(time.perf_counter() - started, 2)
        results.update(figures)
        print(json.dumps(figures, indent=1), flush=True)
    out = HERE / "results.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Results as one JSON document (eval/results.json) and as text tables for the terminal."""

from __future__ import annotations

import json
import platform
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from .runner import DatasetResult


def results_document(results: Mapping[str, DatasetResult], *, command: str, settings_digest: str,
                     with_errors: bool = False) -> dict[str, Any]:
    return {
        "eventwire": __version__,
        "command": command,
        "settings_digest": settings_digest,
        "python": platform.python_version(),
        "datasets": {name: r.as_dict(with_errors) for name, r in results.items()},
    }


def write_results(document: dict[str, Any], path: str | Path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def format_table(results: Mapping[str, DatasetResult]) -> str:
    """One block per dataset: its figures, then seconds per stage."""
    lines: list[str] = []
    for name, r in results.items():
        limit = f", first {r.limit}" if r.limit else ""
        lines.append(f"{name}  ({r.items} items{limit})")
        width = max((len(k) for k in r.figures), default=10)
        for key, value in r.figures.items():
            lines.append(f"  {key:<{width}}  {_number(value)}")
        by_type = r.breakdown.get("events_by_type", {})
        if by_type:
            lines.append("  events found by type: " + ", ".join(
                f"{t} {c['matched']}/{c['gold']}" for t, c in by_type.items()))
        stages = "  ".join(f"{k} {v:.2f}" for k, v in r.seconds.items() if k not in ("total", "per_item_ms"))
        per_item = f", {r.seconds['per_item_ms']:.1f} ms per item" if "per_item_ms" in r.seconds else ""
        lines.append(f"  seconds: total {r.seconds.get('total', 0.0):.1f}{per_item}" + (f"  ({stages})" if stages else ""))
        lines.extend(f"  note: {n}" for n in r.notes)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def format_errors(results: Mapping[str, DatasetResult], per_dataset: int | None = None) -> str:
    """Misses and false positives with their sentence, grouped by dataset and kind."""
    lines: list[str] = []
    for name, r in results.items():
        if not r.errors:
            continue
        kinds: dict[str, int] = {}
        for e in r.errors:
            kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
        summary = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
        lines.append(f"== {name}: {len(r.errors)} errors ({summary})")
        shown = r.errors if per_dataset is None else r.errors[:per_dataset]
        for e in shown:
            detail = "  ".join(f"{k}={v}" for k, v in e.items()
                               if k not in ("dataset", "ref", "kind", "sentence") and v is not None)
            lines.append(f"[{e['kind']}] {e['ref']}: {detail}")
            lines.append(f"    {e['sentence']}")
        if len(shown) < len(r.errors):
            lines.append(f"... {len(r.errors) - len(shown)} more (use --json for all)")
        lines.append("")
    return "\n".join(lines)


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) > 1:
        return f"{int(value)}"
    return f"{value:.4f}"

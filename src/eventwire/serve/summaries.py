"""Aggregates the explorer draws, shaped from the store's grouped counts (`EventStore.summary`,
computed by the database): counts per day and quad class (timeline), events per place (map), who
acts on whom (network)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..store import Summary

QUADS = (1, 2, 3, 4)


def timeline(summary: Summary) -> dict[str, Any]:
    """Event counts per day, split by quad class (1 verbal cooperation ... 4 material conflict);
    events without a day or a quad class are counted as `undated`."""
    days: dict[str, list[int]] = {}
    undated = 0
    for day, quad, events in summary.days:
        if day is None or quad not in QUADS:
            undated += events
            continue
        days.setdefault(str(day), [0, 0, 0, 0])[quad - 1] += events
    return {"days": [{"day": d, "counts": c} for d, c in sorted(days.items())], "undated": undated}


def places(summary: Summary) -> list[dict[str, Any]]:
    """One entry per located place: its events, their quad classes and mean Goldstein score."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for name, lat, lon, country, quad, events, goldstein in summary.places:
        entry = found.setdefault((name, round(lat, 4), round(lon, 4)), {
            "name": name, "lat": lat, "lon": lon, "country": country, "events": 0,
            "quads": [0, 0, 0, 0], "_g": 0.0})
        entry["events"] += events
        if quad in QUADS:
            entry["quads"][quad - 1] += events
        entry["_g"] += goldstein
    out = []
    for entry in found.values():
        entry["goldstein"] = round(entry.pop("_g") / entry["events"], 2)
        out.append(entry)
    return sorted(out, key=lambda e: (-e["events"], e["name"] or ""))


def located(found: Iterable[dict[str, Any]]) -> int:
    return sum(p["events"] for p in found)


def network(summary: Summary, max_nodes: int = 60) -> dict[str, Any]:
    """Actors as nodes, source -> target edges weighted by events and coloured by mean Goldstein.
    Only the `max_nodes` most active actors are kept (the rest would be unreadable)."""
    nodes: dict[str, dict[str, Any]] = {}
    activity: Counter[str] = Counter()
    edges: list[tuple[str, str, int, float]] = []
    for s, t, events, goldstein, *sides in summary.pairs:
        for key, (name, code, resolved) in ((s, sides[0:3]), (t, sides[3:6])):
            if key is not None:
                nodes.setdefault(key, {"id": key, "name": name, "code": code if resolved else None,
                                       "resolved": bool(resolved)})
                activity[key] += events
        if s is not None and t is not None and s != t:
            edges.append((s, t, events, goldstein))
    kept = {key for key, _ in activity.most_common(max_nodes)}
    edge_list = [{"source": s, "target": t, "events": n, "goldstein": round(g / n, 2)}
                 for s, t, n, g in edges if s in kept and t in kept]
    edge_list.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
    node_list = [{**nodes[k], "events": activity[k]} for k in kept]
    node_list.sort(key=lambda n: (-n["events"], n["id"]))
    return {"nodes": node_list, "edges": edge_list, "dropped_nodes": len(nodes) - len(kept)}

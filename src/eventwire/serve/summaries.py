"""Aggregates the explorer draws, computed from event rows (the store's flat event columns):
counts per day and quad class (timeline), events per place (map), who acts on whom (network)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

Row = dict[str, Any]
QUADS = (1, 2, 3, 4)


def filter_quad(rows: Iterable[Row], quads: Sequence[int]) -> list[Row]:
    wanted = set(quads)
    return [r for r in rows if r.get("quad_class") in wanted]


def timeline(rows: Iterable[Row]) -> dict[str, Any]:
    """Event counts per day, split by quad class (1 verbal cooperation ... 4 material conflict)."""
    days: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    undated = 0
    for r in rows:
        quad = r.get("quad_class")
        if r.get("day") is None or quad not in QUADS:
            undated += 1
            continue
        days[str(r["day"])][quad - 1] += 1
    series = [{"day": day, "counts": counts} for day, counts in sorted(days.items())]
    return {"days": series, "undated": undated}


def places(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """One entry per located place: its events, their quad classes and mean Goldstein score."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        if r.get("place_lat") is None or r.get("place_lon") is None:
            continue
        key = (r.get("place_name"), round(r["place_lat"], 4), round(r["place_lon"], 4))
        entry = found.setdefault(key, {"name": r.get("place_name"), "lat": r["place_lat"],
                                       "lon": r["place_lon"], "country": r.get("place_country"),
                                       "events": 0, "quads": [0, 0, 0, 0], "_g": 0.0})
        entry["events"] += 1
        if r.get("quad_class") in QUADS:
            entry["quads"][r["quad_class"] - 1] += 1
        entry["_g"] += r.get("goldstein") or 0.0
    out = []
    for entry in found.values():
        entry["goldstein"] = round(entry.pop("_g") / entry["events"], 2)
        out.append(entry)
    return sorted(out, key=lambda e: (-e["events"], e["name"] or ""))


def _actor(r: Row, side: str) -> tuple[str, dict[str, Any]] | None:
    """A network node for one side of an event: the canonical actor, else the words of the text."""
    if r.get(f"{side}_actor_id"):
        key = r[f"{side}_actor_id"]
        return key, {"id": key, "name": r.get(f"{side}_name") or r.get(f"{side}_text"),
                     "code": r.get(f"{side}_code"), "resolved": True}
    text = r.get(f"{side}_text")
    if not text:
        return None
    return f"text:{text.lower()}", {"id": f"text:{text.lower()}", "name": text, "code": None,
                                    "resolved": False}


def network(rows: Iterable[Row], max_nodes: int = 60) -> dict[str, Any]:
    """Actors as nodes, source -> target edges weighted by events and coloured by mean Goldstein.
    Only the `max_nodes` most active actors are kept (the rest would be unreadable)."""
    nodes: dict[str, dict[str, Any]] = {}
    activity: Counter[str] = Counter()
    edges: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in rows:
        source, target = _actor(r, "source"), _actor(r, "target")
        for side in (source, target):
            if side is not None:
                nodes.setdefault(side[0], side[1])
                activity[side[0]] += 1
        if source is not None and target is not None and source[0] != target[0]:
            edges[(source[0], target[0])].append(r.get("goldstein") or 0.0)
    kept = {key for key, _ in activity.most_common(max_nodes)}
    edge_list = [{"source": s, "target": t, "events": len(g), "goldstein": round(sum(g) / len(g), 2)}
                 for (s, t), g in edges.items() if s in kept and t in kept]
    edge_list.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
    node_list = [{**nodes[k], "events": activity[k]} for k in kept]
    node_list.sort(key=lambda n: (-n["events"], n["id"]))
    return {"nodes": node_list, "edges": edge_list, "dropped_nodes": len(nodes) - len(kept)}

"""Cross-article deduplication: event mentions of the same real-world event become one cluster.

Two event mentions are the same event when they have the same source actor code, the same
target actor code (or both none), the same CAMEO root, the same factuality (asserted/reported vs
planned, negated ...), days at most `dedupe_days` apart from the cluster's first day, and places
at most `dedupe_km` apart from the cluster's first located place (an unknown place does not
contradict). Counts follow GDELT's meaning: NumMentions = event mentions (a sentence each),
NumArticles = distinct articles, NumSources = distinct outlets.

After each run the groups its new events belong to are recomputed from all their stored events
(clusters never span groups), so a result never depends on the order articles arrived in; a
cluster's id is the key of its earliest event mention.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ..settings import Settings
from . import queries

EARTH_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Open:
    id: str
    first_day: date
    lat: float | None = None
    lon: float | None = None


def _fits(c: _Open, day: date, lat: float | None, lon: float | None, days: int, km: float) -> bool:
    if (day - c.first_day).days > days:
        return False
    if c.lat is None or lat is None or lon is None or c.lon is None:
        return True
    return haversine_km(c.lat, c.lon, lat, lon) <= km


def assign_clusters(candidates: Iterable[tuple[Any, ...]], days: int, km: float,
                    seeds: Iterable[tuple[Any, ...]] = ()) -> tuple[list[str], list[str]]:
    """(event keys, cluster ids) for candidates in day order (see queries.cluster_candidates),
    starting from `seeds`, clusters still open (see queries.scope_to_run)."""
    keys: list[str] = []
    ids: list[str] = []
    groups: dict[tuple[Any, ...], list[_Open]] = {}
    for cid, first_day, source, target, root, mode, lat, lon in seeds:
        groups.setdefault((source, target, root, mode), []).append(_Open(cid, first_day, lat, lon))
    for key, source, target, root, mode, day, lat, lon in candidates:
        group = (source, target, root, mode)
        open_ = [c for c in groups.get(group, ()) if (day - c.first_day).days <= days]
        home = next((c for c in open_ if _fits(c, day, lat, lon, days, km)), None)
        if home is None:
            home = _Open(key, day, lat, lon)
            open_.append(home)
        elif home.lat is None and lat is not None:
            home.lat, home.lon = lat, lon
        groups[group] = open_
        keys.append(key)
        ids.append(home.id)
    return keys, ids


def recompute(con: duckdb.DuckDBPyConnection, *, days: int, km: float, run_id: int | None = None) -> int:
    """Rebuild the clusters in one transaction: all of them, or only what the events of `run_id`
    can change (the same result, much less work). Returns the number of clusters."""
    con.execute("BEGIN TRANSACTION")
    try:
        seeds: list[tuple[Any, ...]] = []
        if run_id is None:
            queries.scope_to_all(con)
        else:
            seeds = queries.scope_to_run(con, run_id, days)
        keys, ids = assign_clusters(queries.cluster_candidates(con), days, km, seeds)
        queries.write_clusters(con, keys, ids)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return queries.table_counts(con, ("clusters",))["clusters"]


def refresh(con: duckdb.DuckDBPyConnection, settings: Settings, *, run_id: int | None) -> int:
    """After a run: the groups its new events touch; everything when the tolerances changed
    since the clusters were computed (or `run_id` is None)."""
    stamp = f"{settings.dedupe_days}:{settings.dedupe_km}"
    if queries.cluster_settings(con) != stamp:
        run_id = None
    recompute(con, days=settings.dedupe_days, km=settings.dedupe_km, run_id=run_id)
    queries.set_cluster_settings(con, stamp)
    return queries.table_counts(con, ("clusters",))["clusters"]

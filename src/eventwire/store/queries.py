"""Every SQL statement of the store except the schema's DDL (schema.py), in one place.

Functions take an open DuckDB connection and plain values; they never open, lock or commit
(db.py does). Parameters are always bound, never formatted into the text, except identifiers
that come from this package's own constants.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from .filters import EventFilter, parse_type
from .rows import Columns
from .schema import SCHEMA_VERSION_TABLE

Con = duckdb.DuckDBPyConnection

# ---- migrations ------------------------------------------------------------------------------


def applied_migrations(con: Con) -> set[str]:
    return {r[0] for r in con.execute(f"SELECT name FROM {SCHEMA_VERSION_TABLE}").fetchall()}


def record_migration(con: Con, name: str, now: datetime) -> None:
    con.execute(f"INSERT INTO {SCHEMA_VERSION_TABLE} VALUES (?, ?)", [name, now])


# ---- batch insert ----------------------------------------------------------------------------


def insert_columns(con: Con, table: str, columns: Columns, *, keyed: bool = False,
                   arrow: bool = True) -> None:
    """One INSERT for a whole batch. With pyarrow the columns become one Arrow table that DuckDB
    scans in place (about 4x faster); without it each list is unnested side by side."""
    names = list(columns)
    if not names or not columns[names[0]]:
        return
    quoted = ", ".join(f'"{n}"' for n in names)
    conflict = " ON CONFLICT DO NOTHING" if keyed else ""
    batch = _arrow_table(columns) if arrow else None
    if batch is not None:
        con.register("_eventwire_batch", batch)
        try:
            con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _eventwire_batch{conflict}")
        finally:
            con.unregister("_eventwire_batch")
        return
    values = ", ".join(f"unnest(${i + 1})" for i in range(len(names)))
    con.execute(f"INSERT INTO {table} ({quoted}) SELECT {values}{conflict}", [columns[n] for n in names])


def _arrow_table(columns: Columns) -> Any:
    try:
        import pyarrow
    except ImportError:
        return None
    try:
        return pyarrow.table(columns)
    except (pyarrow.ArrowInvalid, pyarrow.ArrowTypeError):
        return None  # mixed Python types in a column: the unnest path converts them one by one


def existing_ids(con: Con, ids: Sequence[str]) -> set[str]:
    rows = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($1))", [list(ids)])
    return {r[0] for r in rows.fetchall()}


def insert_rejections(con: Con, rows: Sequence[tuple[str, str, str, str, int, datetime]]) -> None:
    if rows:
        cols = list(zip(*rows, strict=True))
        con.execute("INSERT INTO rejections SELECT unnest($1), unnest($2), unnest($3), unnest($4), "
                    "unnest($5), unnest($6) ON CONFLICT DO NOTHING", [list(c) for c in cols])


# ---- runs and inputs -------------------------------------------------------------------------


def start_run(con: Con, *, command: str, version: str, digest: str, settings: dict[str, Any],
              sources: Sequence[str], pid: int, now: datetime) -> int:
    run_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()[0]  # type: ignore[index]
    con.execute(
        "INSERT INTO runs (id, command, version, settings_digest, settings, sources, pid, status, "
        "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)",
        [run_id, command, version, digest, json.dumps(settings), json.dumps(list(sources)), pid, now],
    )
    return int(run_id)


def finish_run(con: Con, run_id: int, status: str, now: datetime, counts: dict[str, Any]) -> None:
    allowed = ("articles_read", "articles_new", "articles_skipped", "rejections", "events_new",
               "inputs_skipped", "seconds_total", "seconds_pipeline", "seconds_store",
               "seconds_dedupe", "message")
    sets = ", ".join(f"{k} = ?" for k in allowed if k in counts)
    params = [counts[k] for k in allowed if k in counts]
    con.execute(f"UPDATE runs SET status = ?, finished_at = ?{', ' if sets else ''}{sets} WHERE id = ?",
                [status, now, *params, run_id])


def running_runs(con: Con) -> list[tuple[int, int]]:
    return con.execute("SELECT id, pid FROM runs WHERE status = 'running'").fetchall()


def mark_interrupted(con: Con, run_ids: Sequence[int]) -> None:
    con.execute("UPDATE runs SET status = 'interrupted' WHERE id IN (SELECT unnest($1))", [list(run_ids)])


def input_done(con: Con, name: str, fingerprint: str) -> bool:
    row = con.execute("SELECT 1 FROM inputs WHERE input = ? AND fingerprint = ?", [name, fingerprint])
    return row.fetchone() is not None


def record_input(con: Con, name: str, fingerprint: str, run_id: int, articles: int,
                 rejections: int, now: datetime) -> None:
    con.execute("INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [name, fingerprint, run_id, articles, rejections, now])


def runs(con: Con) -> list[dict[str, Any]]:
    return _dicts(con.execute("SELECT * FROM runs ORDER BY id"))


def table_counts(con: Con, tables: Sequence[str]) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]


# ---- event filters ---------------------------------------------------------------------------

_HAVERSINE_KM = (
    "2 * 6371.0 * asin(sqrt(pow(sin(radians(place_lat - ?) / 2), 2) + cos(radians(?)) * "
    "cos(radians(place_lat)) * pow(sin(radians(place_lon - ?) / 2), 2)))"
)


def _actor_clause(prefix: str, value: str, known: Sequence[str]) -> tuple[str, list[Any]]:
    parts = [f"{prefix}_code LIKE ?", f"{prefix}_actor_id = ?", f"lower({prefix}_name) = lower(?)",
             f"lower({prefix}_text) = lower(?)"]
    params: list[Any] = [value.upper() + "%", value, value, value]
    ids = [t[3:] for t in known if t.startswith("id:")]
    if ids:
        parts.append(f"{prefix}_actor_id IN (SELECT unnest(?))")
        params.append(ids)
    names = [t[5:].lower() for t in known if t.startswith("name:")]
    if names:
        parts.append(f"lower({prefix}_name) IN (SELECT unnest(?))")
        params.append(names)
    for code in (t[5:] for t in known if t.startswith("code:")):
        parts.append(f"{prefix}_code LIKE ?")
        params.append(code + "%")
    return "(" + " OR ".join(parts) + ")", params


def event_where(f: EventFilter, alias: str = "") -> tuple[str, list[Any]]:
    """WHERE clause (starting with ' WHERE', or empty) and its parameters for an EventFilter."""
    clauses: list[str] = []
    params: list[Any] = []
    if f.actor:
        sql, p = _actor_clause("source", f.actor, f.actor_known)
        clauses.append(sql)
        params += p
    if f.target:
        sql, p = _actor_clause("target", f.target, f.target_known)
        clauses.append(sql)
        params += p
    if f.country:
        clauses.append("place_country = ?")
        params.append(f.country)
    if f.type:
        kind, value = parse_type(f.type)
        if kind == "plover":
            clauses.append("upper(plover) = ?")
        elif kind == "root":
            clauses.append("cameo_root = ?")
        else:
            clauses.append("cameo LIKE ?")
            value += "%"
        params.append(value)
    if f.quad:
        # One bound value each (at most four): the scan filters on them directly, 10x faster
        # than a subquery over a list.
        clauses.append(f"quad_class IN ({', '.join('?' * len(f.quad))})")
        params += [int(q) for q in f.quad]
    if f.since:
        clauses.append("day >= ?")
        params.append(f.since)
    if f.until:
        clauses.append("day <= ?")
        params.append(f.until)
    if f.near:
        _near_clause(f, clauses, params)
    if f.min_confidence is not None:
        clauses.append("confidence >= ?")
        params.append(f.min_confidence)
    if f.mode:
        clauses.append("mode = ?")
        params.append(f.mode)
    if f.article:
        clauses.append("article_id = ?")
        params.append(f.article)
    if f.cluster:
        clauses.append("key IN (SELECT event_key FROM event_clusters WHERE cluster_id = ?)")
        params.append(f.cluster)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _near_clause(f: EventFilter, clauses: list[str], params: list[Any]) -> None:
    near = f.near
    assert near is not None
    dlat = near.km / 111.0
    # A bounding box first: cheap on zone maps, and the exact distance only for what is left.
    clauses.append("place_lat BETWEEN ? AND ?")
    params += [near.lat - dlat, near.lat + dlat]
    clauses.append(f"{_HAVERSINE_KM} <= ?")
    params += [near.lat, near.lat, near.lon, near.km]


_EVENT_ORDER = "day NULLS LAST, article_id, idx"
_EVENT_COLUMNS = "e.*, c.cluster_id, a.published, a.source AS outlet, a.url, a.headline"
_SORTED = f"ORDER BY e.{_EVENT_ORDER.replace(', ', ', e.')}"
# Pages up to this size are fetched by their keys (one bound parameter each).
_SMALL_PAGE = 1000


def _events_sql(con: Con, f: EventFilter) -> tuple[str, list[Any]]:
    where, params = event_where(f)
    if f.limit and f.limit <= _SMALL_PAGE:
        return _page_sql(con, where, params, f)
    rows = f"SELECT * FROM events{where}"
    if f.limit or f.offset:
        rows = (f"SELECT * FROM events WHERE rowid IN (SELECT rowid FROM events{where} "
                f"ORDER BY {_EVENT_ORDER}{_page(f)})")
    sql = (f"SELECT {_EVENT_COLUMNS} FROM ({rows}) e "
           "LEFT JOIN event_clusters c ON c.event_key = e.key "
           f"JOIN articles a ON a.id = e.article_id {_SORTED}")
    return sql, params


def _page_sql(con: Con, where: str, params: list[Any], f: EventFilter) -> tuple[str, list[Any]]:
    """A small page in two reads: filter and sort only the sort columns, then fetch just those
    rows, their clusters and articles by key. Joining whole tables instead costs a scan of
    every cluster membership and article (3x slower on a million events)."""
    found = con.execute(f"SELECT rowid, key, article_id FROM events{where} "
                        f"ORDER BY {_EVENT_ORDER}{_page(f)}", params).fetchall()
    rowids = [r[0] for r in found]
    keys = [r[1] for r in found] or [""]
    articles = sorted({r[2] for r in found})
    marks = ", ".join("?" * len(keys))  # a list of bound values: read through the key index
    sql = (f"SELECT {_EVENT_COLUMNS} FROM (SELECT * FROM events WHERE rowid IN (SELECT unnest(?))) e "
           "LEFT JOIN (SELECT event_key, cluster_id FROM event_clusters "
           f"WHERE event_key IN ({marks})) c ON c.event_key = e.key "
           "JOIN (SELECT id, published, source, url, headline FROM articles "
           f"WHERE id IN (SELECT unnest(?))) a ON a.id = e.article_id {_SORTED}")
    return sql, [rowids, *keys, articles]


def select_events(con: Con, f: EventFilter) -> list[dict[str, Any]]:
    return _dicts(con.execute(*_events_sql(con, f)))


def select_events_frame(con: Con, f: EventFilter) -> Any:
    """The same rows as select_events as a pandas DataFrame (DuckDB converts them in bulk)."""
    return con.execute(*_events_sql(con, f)).df()


def count_events(con: Con, f: EventFilter) -> int:
    where, params = event_where(f)
    return int(con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0])  # type: ignore[index]


def _side_key(side: str) -> str:
    # One node per canonical actor, else per wording of the mention whatever its case.
    return (f"coalesce(nullif({side}_actor_id, ''), 'text:' || lower(nullif({side}_text, '')))")


def summarise_events(con: Con, f: EventFilter) -> dict[str, list[tuple[Any, ...]]]:
    """Grouped counts of the events matching `f` (limit and offset ignored), aggregated in SQL:
    days: (day, quad_class, events); places: (name, lat, lon, country, quad_class, events,
    goldstein sum) per place rounded to 4 decimals; pairs: (source key, target key, events,
    goldstein sum, source name, source code, source resolved, target name, target code,
    target resolved) per source -> target actor (keys: actor id, else 'text:' and the wording)."""
    where, params = event_where(dataclasses.replace(f, limit=None, offset=0))
    located = ("place_lat IS NOT NULL AND place_lon IS NOT NULL"
               + (f" AND {where[len(' WHERE '):]}" if where else ""))
    days = con.execute(f"SELECT day, quad_class, count(*) FROM events{where} "
                       "GROUP BY ALL ORDER BY ALL", params).fetchall()
    places = con.execute(
        "SELECT place_name, min(place_lat), min(place_lon), min(place_country), quad_class, count(*), "
        "sum(coalesce(goldstein, 0)) FROM events WHERE " + located +
        " GROUP BY place_name, round(place_lat, 4), round(place_lon, 4), quad_class ORDER BY ALL",
        params).fetchall()
    source, target = _side_key("source"), _side_key("target")
    pairs = con.execute(
        f"SELECT {source} AS s, {target} AS t, count(*), sum(coalesce(goldstein, 0)), "
        "min(coalesce(source_name, source_text)), min(source_code), bool_or(nullif(source_actor_id, '') "
        "IS NOT NULL), min(coalesce(target_name, target_text)), min(target_code), "
        f"bool_or(nullif(target_actor_id, '') IS NOT NULL) FROM events{where} GROUP BY s, t "
        "ORDER BY s NULLS LAST, t NULLS LAST", params).fetchall()
    return {"days": days, "places": places, "pairs": pairs}


def select_actors(con: Con, like: str | None, limit: int | None) -> list[dict[str, Any]]:
    sql = (
        "WITH uses AS (SELECT source_actor_id AS id, 1 AS as_source, 0 AS as_target FROM events "
        "UNION ALL SELECT target_actor_id, 0, 1 FROM events), "
        "counts AS (SELECT id, sum(as_source) AS as_source, sum(as_target) AS as_target FROM uses "
        "WHERE id IS NOT NULL GROUP BY id), "
        "mentioned AS (SELECT actor_id AS id, count(*) AS mentions, count(DISTINCT article_id) "
        "AS articles FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id) "
        "SELECT a.*, coalesce(m.mentions, 0) AS mentions, coalesce(m.articles, 0) AS articles, "
        "coalesce(c.as_source, 0) AS as_source, coalesce(c.as_target, 0) AS as_target "
        "FROM actors a LEFT JOIN counts c USING (id) LEFT JOIN mentioned m USING (id)"
    )
    params: list[Any] = []
    if like:
        sql += " WHERE a.code LIKE ? OR a.id = ? OR lower(a.name) LIKE lower(?)"
        params = [like.upper() + "%", like, f"%{like}%"]
    sql += " ORDER BY as_source + as_target DESC, mentions DESC, a.id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return _dicts(con.execute(sql, params))


def select_articles(con: Con, *, source: str | None, since: date | None, until: date | None,
                    limit: int | None, offset: int = 0) -> list[dict[str, Any]]:
    clauses, params = [], []
    if source:
        clauses.append("lower(source) = lower(?)")
        params.append(source)
    if since:
        clauses.append("published_day >= ?")
        params.append(since)
    if until:
        clauses.append("published_day <= ?")
        params.append(until)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = ("SELECT id, ref, source, url, headline, published, language, n_events, run_id, stored_at "
           f"FROM articles{where} ORDER BY published_day NULLS LAST, id"
           f"{_page(EventFilter(limit=limit, offset=offset))}")
    return _dicts(con.execute(sql, params))


def select_article(con: Con, article_id: str) -> dict[str, Any] | None:
    rows = _dicts(con.execute("SELECT * FROM articles WHERE id = ?", [article_id]))
    return rows[0] if rows else None


def select_children(con: Con, table: str, article_id: str) -> list[dict[str, Any]]:
    return _dicts(con.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY idx", [article_id]))


def select_actor_map(con: Con, ids: Sequence[str]) -> list[dict[str, Any]]:
    return _dicts(con.execute("SELECT * FROM actors WHERE id IN (SELECT unnest($1))", [list(ids)]))


def find_place(con: Con, name: str) -> tuple[float, float] | None:
    """Coordinates of a place name already resolved in stored articles (most mentioned first)."""
    row = con.execute(
        "SELECT lat, lon FROM places WHERE lower(name) = lower(?) AND lat IS NOT NULL "
        "GROUP BY lat, lon ORDER BY count(*) DESC LIMIT 1", [name.strip()]
    ).fetchone()
    return (float(row[0]), float(row[1])) if row else None


# ---- clusters --------------------------------------------------------------------------------


_FACTUALITY = "CASE WHEN e.mode IN ('asserted', 'reported') THEN 'factual' ELSE e.mode END"
_GROUP = f"e.source_code, coalesce(e.target_code, ''), e.cameo_root, {_FACTUALITY}"
_MERGEABLE = "e.source_code IS NOT NULL AND e.day IS NOT NULL"


_GROUP_MATCH = (
    "e.source_code = t.g_source AND coalesce(e.target_code, '') = t.g_target "
    f"AND e.cameo_root IS NOT DISTINCT FROM t.g_root AND {_FACTUALITY} = t.g_fact"
)


def scope_to_run(con: Con, run_id: int, days: int) -> list[tuple[Any, ...]]:
    """Limit the next cluster computation to what the events of `run_id` can change, and return
    the clusters still open where it starts (the seeds).

    Clusters never span groups (source, target, CAMEO root, factuality), and events are assigned
    in day order, each depending only on those before it. So in a group whose earliest new event
    is on day D, events before S = D - days keep their cluster; events from S on are reassigned,
    starting from the clusters founded in [S - days, S), which may still take members.
    Returns seeds as (cluster id, first day, group..., anchor lat, anchor lon) in founding order.
    """
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _starts AS SELECT e.source_code AS g_source, "
        f"coalesce(e.target_code, '') AS g_target, e.cameo_root AS g_root, {_FACTUALITY} AS g_fact, "
        "CAST(min(e.day) - CAST(? AS INTEGER) AS DATE) AS s "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE a.run_id = ? AND {_MERGEABLE} "
        "GROUP BY ALL", [days, run_id])
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _scope AS SELECT e.key FROM events e JOIN _starts t "
        f"ON {_GROUP_MATCH} WHERE {_MERGEABLE} AND e.day >= t.s")
    order = "strftime(e.day, '%Y-%m-%d') || e.key"
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _seeds AS SELECT c.cluster_id AS id, min(e.day) AS first_day, "
        "t.g_source, t.g_target, t.g_root, t.g_fact, "
        f"arg_min(e.place_lat, {order}) FILTER (WHERE e.place_lat IS NOT NULL) AS lat, "
        f"arg_min(e.place_lon, {order}) FILTER (WHERE e.place_lat IS NOT NULL) AS lon "
        f"FROM events e JOIN _starts t ON {_GROUP_MATCH} JOIN event_clusters c ON c.event_key = e.key "
        f"WHERE {_MERGEABLE} AND e.day < t.s "
        "GROUP BY c.cluster_id, t.g_source, t.g_target, t.g_root, t.g_fact, t.s "
        "HAVING min(e.day) >= t.s - CAST(? AS INTEGER)", [days])
    con.execute("DELETE FROM clusters WHERE id IN (SELECT cluster_id FROM event_clusters WHERE "
                "event_key IN (SELECT key FROM _scope)) OR id IN (SELECT id FROM _seeds)")
    con.execute("DELETE FROM event_clusters WHERE event_key IN (SELECT key FROM _scope)")
    seeds = con.execute("SELECT id, first_day, g_source, g_target, g_root, g_fact, lat, lon "
                        "FROM _seeds ORDER BY first_day, id").fetchall()
    con.execute("DROP TABLE _seeds")
    con.execute("DROP TABLE _starts")
    return seeds


def scope_to_all(con: Con) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE _scope AS SELECT e.key FROM events e "
                f"WHERE {_MERGEABLE}")
    con.execute("DELETE FROM clusters")
    con.execute("DELETE FROM event_clusters")


def cluster_candidates(con: Con, chunk: int = 100_000) -> Iterator[tuple[Any, ...]]:
    """The events in scope (mergeable: an actor code and a day), in day order."""
    result = con.execute(
        f"SELECT e.key, {_GROUP}, e.day, e.place_lat, e.place_lon "
        "FROM events e JOIN _scope s ON s.key = e.key ORDER BY e.day, e.key"
    )
    while rows := result.fetchmany(chunk):
        yield from rows


def write_clusters(con: Con, keys: list[str], cluster_ids: list[str]) -> None:
    """Membership of the scoped events, singletons for events without any, then a summary for
    every cluster that has none."""
    con.execute("CREATE OR REPLACE TEMP TABLE _merged (event_key VARCHAR, cluster_id VARCHAR)")
    insert_columns(con, "_merged", {"event_key": keys, "cluster_id": cluster_ids})
    con.execute("INSERT INTO event_clusters SELECT event_key, cluster_id FROM _merged")
    con.execute("INSERT INTO event_clusters SELECT e.key, e.key FROM events e "
                "ANTI JOIN event_clusters c ON c.event_key = e.key")
    con.execute("DROP TABLE _merged")
    con.execute("DROP TABLE _scope")
    con.execute(_CLUSTER_SUMMARY)


_CLUSTER_SUMMARY = """
INSERT INTO clusters
WITH agg AS (
    SELECT c.cluster_id AS id,
           min(e.day) AS first_day, max(e.day) AS last_day,
           min(a.published) AS first_seen, max(a.published) AS last_seen,
           count(DISTINCT e.article_id) AS num_articles,
           count(DISTINCT coalesce(a.source, a.url, a.id)) AS num_sources,
           count(*) AS num_mentions,
           bool_and(e.mode IN ('asserted', 'reported')) AS factual, min(e.mode) AS any_mode,
           arg_min(e.place_name, e.day) FILTER (WHERE e.place_name IS NOT NULL) AS place_name,
           arg_min(e.place_lat, e.day) FILTER (WHERE e.place_name IS NOT NULL) AS place_lat,
           arg_min(e.place_lon, e.day) FILTER (WHERE e.place_name IS NOT NULL) AS place_lon,
           arg_min(e.place_country, e.day) FILTER (WHERE e.place_name IS NOT NULL) AS place_country,
           max(e.fatalities) AS fatalities, max(e.confidence) AS confidence
    FROM event_clusters c JOIN events e ON e.key = c.event_key JOIN articles a ON a.id = e.article_id
    WHERE c.cluster_id IN (SELECT cluster_id FROM event_clusters ANTI JOIN clusters k
                           ON k.id = event_clusters.cluster_id)
    GROUP BY c.cluster_id
)
SELECT agg.id, r.source_code, r.target_code, r.cameo, r.cameo_root, r.plover,
       CASE WHEN agg.factual THEN 'asserted' ELSE agg.any_mode END,
       first_day, last_day, first_seen, last_seen, num_articles, num_sources, num_mentions,
       agg.place_name, agg.place_lat, agg.place_lon, agg.place_country, agg.fatalities, agg.confidence
FROM agg JOIN events r ON r.key = agg.id
"""


def cluster_settings(con: Con) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = 'cluster_settings'").fetchone()
    return row[0] if row else None


def set_cluster_settings(con: Con, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES ('cluster_settings', ?)", [value])


def _cluster_match(f: EventFilter) -> tuple[str, list[Any]]:
    where, params = event_where(f)
    if not where:
        return "", []
    return (" AND id IN (SELECT c.cluster_id FROM event_clusters c JOIN "
            f"(SELECT key FROM events{where}) e ON e.key = c.event_key)"), params


def select_clusters(con: Con, f: EventFilter, min_articles: int) -> list[dict[str, Any]]:
    match, params = _cluster_match(f)
    sql = (f"SELECT * FROM clusters WHERE num_articles >= ?{match} "
           f"ORDER BY num_articles DESC, first_day NULLS LAST, id{_page(f)}")
    return _dicts(con.execute(sql, [min_articles, *params]))


def count_clusters(con: Con, f: EventFilter, min_articles: int) -> int:
    match, params = _cluster_match(f)
    row = con.execute(f"SELECT count(*) FROM clusters WHERE num_articles >= ?{match}",
                      [min_articles, *params]).fetchone()
    return int(row[0]) if row else 0


def cluster_sentences(con: Con, cluster_id: str) -> list[dict[str, Any]]:
    return _dicts(con.execute(
        "SELECT e.key, e.article_id, a.source AS outlet, a.published, e.sentence "
        "FROM event_clusters c JOIN events e ON e.key = c.event_key JOIN articles a ON "
        "a.id = e.article_id WHERE c.cluster_id = ? ORDER BY a.published NULLS LAST, e.key",
        [cluster_id]))


# ---- helpers ---------------------------------------------------------------------------------


def _page(f: EventFilter) -> str:
    # Integers from the filter (validated by EventStore.filter), so formatting them in is safe.
    limit = f" LIMIT {int(f.limit)}" if f.limit else ""
    return limit + (f" OFFSET {int(f.offset)}" if f.offset else "")


def _dicts(result: Con) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description or ()]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


# ---- export profiles -------------------------------------------------------------------------
# Each profile is a SELECT over the stored tables; export.py documents every column it yields.

_CLUSTER_MATCH = (
    "k.id IN (SELECT c.cluster_id FROM event_clusters c JOIN (SELECT key FROM events{where}) m "
    "ON m.key = c.event_key)"
)

_NATIVE = (
    "SELECT e.* EXCLUDE (idx), c.cluster_id, k.num_articles, k.num_sources, k.num_mentions, "
    "a.published, a.source AS outlet, a.url, a.headline "
    "FROM events e LEFT JOIN event_clusters c ON c.event_key = e.key "
    "LEFT JOIN clusters k ON k.id = c.cluster_id JOIN articles a ON a.id = e.article_id{where} "
    "ORDER BY e.day NULLS LAST, e.article_id, e.idx"
)

_GDELT = """
SELECT k.id AS GLOBALEVENTID,
       CAST(strftime(k.first_day, '%Y%m%d') AS INTEGER) AS SQLDATE,
       CAST(strftime(k.first_day, '%Y%m') AS INTEGER) AS MonthYear,
       year(k.first_day) AS Year,
       round(year(k.first_day) + (dayofyear(k.first_day) - 1) / 365.0, 4) AS FractionDate,
       e.source_code AS Actor1Code, e.source_name AS Actor1Name,
       e.source_country AS Actor1CountryCode, e.source_role AS Actor1Type1Code,
       e.target_code AS Actor2Code, e.target_name AS Actor2Name,
       e.target_country AS Actor2CountryCode, e.target_role AS Actor2Type1Code,
       e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode, e.cameo_root AS EventRootCode,
       e.quad_class AS QuadClass, e.goldstein AS GoldsteinScale,
       k.num_mentions AS NumMentions, k.num_sources AS NumSources, k.num_articles AS NumArticles,
       CASE WHEN e.place_name IS NULL THEN 0 WHEN e.place_feature = 'country' THEN 1
            WHEN e.place_feature IN ('region', 'admin1', 'state', 'province') THEN 5 ELSE 4 END
         AS ActionGeo_Type,
       nullif(concat_ws(', ', e.place_name, e.place_admin1, i.name), '') AS ActionGeo_FullName,
       e.place_country AS ActionGeo_CountryCode,
       e.place_lat AS ActionGeo_Lat, e.place_lon AS ActionGeo_Long,
       e.place_geonameid AS ActionGeo_FeatureID,
       CAST(strftime(a.stored_at, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
       a.url AS SOURCEURL
FROM clusters k JOIN events e ON e.key = k.id JOIN articles a ON a.id = e.article_id
LEFT JOIN _iso_countries i ON i.alpha2 = e.place_country
WHERE {match}
ORDER BY k.first_day NULLS LAST, k.id
"""

_ACLED = """
SELECT k.id AS event_id_cnty,
       k.first_day AS event_date,
       year(k.first_day) AS year,
       CASE WHEN e.day_from = 'event' THEN 1 ELSE 2 END AS time_precision,
       CASE WHEN e.acled_event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
            WHEN e.acled_event_type = 'Strategic developments' THEN 'Strategic developments'
            ELSE 'Political violence' END AS disorder_type,
       e.acled_event_type AS event_type, e.acled_sub_event_type AS sub_event_type,
       coalesce(e.source_name, e.source_text) AS actor1,
       coalesce(e.target_name, e.target_text) AS actor2,
       i.numeric AS iso, i.name AS country, e.place_admin1 AS admin1,
       e.place_name AS location, e.place_lat AS latitude, e.place_lon AS longitude,
       CASE WHEN e.place_feature IN ('city', 'village', 'town', 'locality', 'neighbourhood') THEN 1
            WHEN e.place_feature = 'country' THEN 3 WHEN e.place_name IS NULL THEN NULL ELSE 2 END
         AS geo_precision,
       (SELECT string_agg(DISTINCT coalesce(a2.source, a2.url), '; ')
          FROM event_clusters c2 JOIN events e2 ON e2.key = c2.event_key
          JOIN articles a2 ON a2.id = e2.article_id WHERE c2.cluster_id = k.id) AS source,
       e.sentence AS notes,
       k.fatalities AS fatalities,
       CAST(epoch(a.stored_at) AS BIGINT) AS timestamp
FROM clusters k JOIN events e ON e.key = k.id JOIN articles a ON a.id = e.article_id
LEFT JOIN _iso_countries i ON i.alpha2 = e.place_country
WHERE e.acled_event_type IS NOT NULL AND {match}
ORDER BY k.first_day NULLS LAST, k.id
"""


def register_countries(con: Con, rows: Sequence[tuple[str, str, int, str]]) -> None:
    """(alpha2, alpha3, numeric, name) as a temporary table for the GDELT and ACLED profiles."""
    con.execute("CREATE OR REPLACE TEMP TABLE _iso_countries "
                "(alpha2 VARCHAR, alpha3 VARCHAR, numeric INTEGER, name VARCHAR)")
    if rows:
        cols = [list(c) for c in zip(*rows, strict=True)]
        con.execute("INSERT INTO _iso_countries SELECT unnest($1), unnest($2), unnest($3), unnest($4)",
                    cols)


def profile_select(profile: str, f: EventFilter) -> tuple[str, list[Any]]:
    """The SELECT of an export profile restricted to the filter, and its parameters."""
    where, params = event_where(f)
    if profile == "native":
        sql = _NATIVE.format(where=f" WHERE e.key IN (SELECT key FROM events{where})" if where else "")
    else:
        sql = (_GDELT if profile == "gdelt" else _ACLED).format(match=_CLUSTER_MATCH.format(where=where))
    if f.limit or f.offset:
        sql = f"SELECT * FROM ({sql}){_page(f)}"
    return sql, params


def copy_to(con: Con, select: str, params: list[Any], path: str, fmt: str) -> int:
    """Write the SELECT's rows to `path` with DuckDB's own writers; returns the row count."""
    options = {"csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json",
               "parquet": "FORMAT parquet, COMPRESSION zstd"}[fmt]
    literal = path.replace("'", "''")
    row = con.execute(f"COPY ({select}) TO '{literal}' ({options})", params).fetchone()
    return int(row[0]) if row else 0


def column_names(con: Con, select: str, params: list[Any]) -> list[str]:
    result = con.execute(f"SELECT * FROM ({select}) LIMIT 0", params)
    return [d[0] for d in result.description or ()]

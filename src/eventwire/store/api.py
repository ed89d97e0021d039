"""The Python API over a stored database: `eventwire.open(path)`.

    import eventwire
    with eventwire.open("events.duckdb") as db:
        for e in db.events(actor="TUR", type="ASSAULT", near="Manbij", km=50):
            print(e.day, e.event.source, e.event.action.cameo, e.event.sentence)
        frame = db.events_frame(country="SY")          # pandas, optional

Results are the contract's records (`Article`, `Event`, `Actor`) wrapped with what the store adds
(cluster, day, outlet). Read-only by default, so a server and several readers can share a file
that no ingest is writing.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from ..errors import StoreError
from ..model import Actor, Article, Event
from ..settings import Settings
from . import queries
from .db import connect, read_error
from .filters import (
    EventFilter,
    Near,
    kb_terms,
    parse_country,
    parse_day,
    parse_latlon,
    parse_quad,
    parse_type,
)
from .rows import actor_from_row, build_article, event_from_row


@dataclass(frozen=True, slots=True)
class StoredEvent:
    key: str
    article_id: str
    cluster_id: str | None
    day: date | None
    published: str | None
    outlet: str | None
    url: str | None
    event: Event


@dataclass(frozen=True, slots=True)
class ActorStats:
    actor: Actor
    mentions: int
    articles: int
    as_source: int
    as_target: int


@dataclass(frozen=True, slots=True)
class Cluster:
    """One real-world event and how widely it was reported (GDELT's counting)."""

    id: str
    source_code: str | None
    target_code: str | None
    cameo: str | None
    cameo_root: str | None
    plover: str | None
    mode: str | None
    first_day: date | None
    last_day: date | None
    first_seen: str | None
    last_seen: str | None
    num_articles: int
    num_sources: int
    num_mentions: int
    place_name: str | None
    place_lat: float | None
    place_lon: float | None
    place_country: str | None
    fatalities: int | None
    confidence: float | None


@dataclass(frozen=True, slots=True)
class Summary:
    """Grouped counts of the events a filter matches (see queries.summarise_events for the
    tuples): per day and quad class, per place and quad class, per source -> target actor."""

    events: int
    days: list[tuple[Any, ...]]
    places: list[tuple[Any, ...]]
    pairs: list[tuple[Any, ...]]


_FILTER_FIELDS = {f.name for f in dataclasses.fields(EventFilter)}
R = TypeVar("R")


def _reading(method: Callable[..., R]) -> Callable[..., R]:
    """DuckDB errors while reading (corruption found late) become one clear StoreError."""

    @functools.wraps(method)
    def wrapper(self: EventStore, *args: Any, **kwargs: Any) -> R:
        try:
            return method(self, *args, **kwargs)
        except duckdb.Error as exc:
            raise read_error(self.path, exc) from exc

    return wrapper


class EventStore:
    """Queries over one database file; every method is one read."""

    def __init__(self, path: str | Path, *, read_only: bool = True,
                 settings: Settings | None = None) -> None:
        self.path = str(path)
        self.settings = settings or Settings()
        self.con = connect(self.path, read_only=read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- filters --------------------------------------------------------------------------

    def filter(self, spec: EventFilter | None = None, **kwargs: Any) -> EventFilter:
        """An EventFilter from keywords: near= takes a place name or "lat,lon" (with km=)."""
        unknown = set(kwargs) - _FILTER_FIELDS - {"km"}
        if unknown:
            raise StoreError(f"unknown event filter(s): {', '.join(sorted(unknown))}; "
                             f"known: {', '.join(sorted(_FILTER_FIELDS | {'km'}))}")
        km = float(kwargs.pop("km", None) or self.settings.dedupe_km)
        if isinstance(kwargs.get("near"), str):
            kwargs["near"] = self.locate(kwargs["near"], km)
        for role in ("actor", "target"):
            if kwargs.get(role):
                kwargs[f"{role}_known"] = kb_terms(kwargs[role], self.settings.kb_overlay)
        if kwargs.get("country"):
            kwargs["country"] = parse_country(kwargs["country"])
        if kwargs.get("type"):
            parse_type(kwargs["type"])  # read again by the query: a bad type fails here, clearly
        if "quad" in kwargs:
            kwargs["quad"] = parse_quad(kwargs["quad"] or ())
        if "offset" in kwargs:
            kwargs["offset"] = kwargs["offset"] or 0
        for name in ("limit", "offset"):
            if kwargs.get(name) is not None and int(kwargs[name]) < 0:
                raise StoreError(f"--{name} {kwargs[name]}: must be 0 or more")
        for name in ("since", "until"):
            if name in kwargs:
                kwargs[name] = parse_day(kwargs[name], f"--{name}")
        return dataclasses.replace(spec or EventFilter(), **kwargs)

    @_reading
    def locate(self, where: str, km: float) -> Near:
        """"lat,lon", else a place already resolved in this database, else the gazetteer."""
        point = parse_latlon(where) or queries.find_place(self.con, where) or _gazetteer(where, self.settings)
        if point is None:
            raise StoreError(f"--near {where!r}: no such place in this database or the gazetteer; "
                             'give coordinates instead, e.g. --near "36.53,37.95"')
        return Near(lat=point[0], lon=point[1], km=km, name=where)

    # -- reads ----------------------------------------------------------------------------

    @_reading
    def events(self, spec: EventFilter | None = None, **kwargs: Any) -> list[StoredEvent]:
        rows = queries.select_events(self.con, self.filter(spec, **kwargs))
        return [_stored_event(r) for r in rows]

    @_reading
    def event_rows(self, spec: EventFilter | None = None, **kwargs: Any) -> list[dict[str, Any]]:
        """Events as flat rows (the native export's columns), for tables, CSV and JSON."""
        return queries.select_events(self.con, self.filter(spec, **kwargs))

    @_reading
    def events_frame(self, spec: EventFilter | None = None, **kwargs: Any) -> Any:
        """Events as a pandas DataFrame, one row per event mention, flat columns."""
        _pandas()
        return queries.select_events_frame(self.con, self.filter(spec, **kwargs))

    @_reading
    def count(self, spec: EventFilter | None = None, **kwargs: Any) -> int:
        return queries.count_events(self.con, self.filter(spec, **kwargs))

    @_reading
    def summary(self, spec: EventFilter | None = None, **kwargs: Any) -> Summary:
        """Counts per day, place and actor pair of every matching event, computed by the
        database (no event row is read into Python); limit and offset do not apply."""
        groups = queries.summarise_events(self.con, self.filter(spec, **kwargs))
        return Summary(events=sum(r[2] for r in groups["days"]), **groups)

    @_reading
    def actors(self, like: str | None = None, limit: int | None = None) -> list[ActorStats]:
        rows = queries.select_actors(self.con, like, limit)
        return [ActorStats(actor=actor_from_row(r), mentions=r["mentions"],  # type: ignore[arg-type]
                           articles=r["articles"], as_source=r["as_source"],
                           as_target=r["as_target"]) for r in rows]

    @_reading
    def articles(self, *, source: str | None = None, since: str | date | None = None,
                 until: str | date | None = None, limit: int | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Article metadata rows (no body), by publication day; `article(id)` gives the whole
        record."""
        if offset < 0 or (limit is not None and limit < 0):
            raise StoreError("limit and offset must be 0 or more")
        return queries.select_articles(self.con, source=source, since=parse_day(since, "--since"),
                                       until=parse_day(until, "--until"), limit=limit, offset=offset)

    @_reading
    def article(self, article_id: str) -> Article | None:
        row = queries.select_article(self.con, article_id)
        if row is None:
            return None
        children = {t: queries.select_children(self.con, t, article_id)
                    for t in ("mentions", "events", "quotes", "places", "times")}
        ids = [r["actor_id"] for r in children["mentions"] if r["actor_id"]]
        actors = {r["id"]: actor_from_row(r) for r in queries.select_actor_map(self.con, ids)}
        return build_article(row, children, actors)  # type: ignore[arg-type]

    @_reading
    def clusters(self, spec: EventFilter | None = None, *, min_articles: int = 1,
                 **kwargs: Any) -> list[Cluster]:
        rows = queries.select_clusters(self.con, self.filter(spec, **kwargs), min_articles)
        return [Cluster(**r) for r in rows]

    @_reading
    def count_clusters(self, spec: EventFilter | None = None, *, min_articles: int = 1,
                       **kwargs: Any) -> int:
        """How many clusters `clusters()` would return without limit and offset."""
        return queries.count_clusters(self.con, self.filter(spec, **kwargs), min_articles)

    @_reading
    def cluster_sentences(self, cluster_id: str) -> list[dict[str, Any]]:
        """Every supporting sentence of a cluster, with its article, outlet and date."""
        return queries.cluster_sentences(self.con, cluster_id)

    @_reading
    def runs(self) -> list[dict[str, Any]]:
        return queries.runs(self.con)

    @_reading
    def counts(self) -> dict[str, int]:
        return queries.table_counts(self.con, ("articles", "events", "actors", "quotes", "places",
                                               "times", "rejections", "clusters", "runs"))


def open(path: str | Path, *, read_only: bool = True, settings: Settings | None = None) -> EventStore:
    """Open an eventwire database for queries (see the module docstring); an `eventwire run` output
    folder is loaded (incrementally) into the database inside it first."""
    if Path(path).is_dir():
        from ..scale.folder import database

        path = database(path, settings=settings)
    return EventStore(path, read_only=read_only, settings=settings)


def _stored_event(row: dict[str, Any]) -> StoredEvent:
    return StoredEvent(key=row["key"], article_id=row["article_id"], cluster_id=row["cluster_id"],
                       day=row["day"], published=row["published"], outlet=row["outlet"],
                       url=row["url"], event=event_from_row(row))


def _gazetteer(name: str, settings: Settings) -> tuple[float, float] | None:
    from ..places import Geoparser

    (place,) = Geoparser(settings).resolve_toponyms(name, [(0, len(name))])
    return (place.lat, place.lon) if place is not None else None


def _pandas() -> None:
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise StoreError("DataFrames need pandas: pip install 'eventwire[pandas]' "
                         "(or use events(), which needs nothing extra)") from exc

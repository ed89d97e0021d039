"""The JSON API under /api/v1/: read routes over the database (one read-only connection per
request, see database.py) and the export of the current filter. Every error has one shape
(errors.py)."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from .. import __version__
from ..store import Summary
from . import summaries
from .database import Database
from .errors import ApiError
from .params import MAX_ROWS, EventQuery, event_query

router = APIRouter(prefix="/api/v1")
Filters = Annotated[EventQuery, Depends(event_query)]
Id = Annotated[str, PathParam(max_length=200)]
MAX_PAGE = 1000


def _db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


@router.get("/stats", summary="Row counts of the database and its last run")
def stats(request: Request) -> dict[str, Any]:
    with _db(request).read() as store:
        counts = store.counts()
        runs = store.runs()
    last = runs[-1] if runs else None
    return {"eventwire": __version__, "database": Path(_db(request).path).name, "counts": counts,
            "last_run": {k: last.get(k) for k in ("id", "command", "status", "started_at",
                                                  "finished_at", "articles_new")} if last else None}


@router.get("/articles", summary="Article metadata (no body), by publication day")
def articles(request: Request,
             source: Annotated[str | None, Query(max_length=200)] = None,
             since: date | None = None, until: date | None = None,
             limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
             offset: Annotated[int, Query(ge=0, le=MAX_ROWS)] = 0) -> dict[str, Any]:
    with _db(request).read() as store:
        rows = store.articles(source=source, since=since, until=until, limit=limit, offset=offset)
    return {"offset": offset, "limit": limit, "articles": rows}


@router.get("/articles/{article_id}", summary="One article with all its records (the contract)")
def article(request: Request, article_id: Id) -> dict[str, Any]:
    with _db(request).read() as store:
        found = store.article(article_id)
        clusters = {r["key"]: r["cluster_id"] for r in store.event_rows(article=article_id)} if found else {}
    if found is None:
        raise ApiError(404, "not_found", f"no article with id {article_id!r}")
    body = found.to_dict()
    for event in body["events"]:
        event["cluster_id"] = clusters.get(f"{found.id}/{event['id']}")
    return body


@router.get("/events", summary="Event mentions matching the filters, one page at a time")
def events(request: Request, q: Filters,
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
           offset: Annotated[int, Query(ge=0, le=MAX_ROWS)] = 0) -> dict[str, Any]:
    with _db(request).read() as store:
        spec = q.spec(store)
        total = store.count(spec)
        page = store.event_rows(spec, limit=limit, offset=offset)
    return {"total": total, "offset": offset, "limit": limit, "filters": q.as_params(),
            "events": page}


def _summary(request: Request, q: EventQuery) -> Summary:
    with _db(request).read() as store:
        return store.summary(q.spec(store))


# Aggregates are computed by the database over every matching event: never truncated (the
# field stays for clients written when they were).
@router.get("/timeline", summary="Event counts per day and quad class")
def timeline(request: Request, q: Filters) -> dict[str, Any]:
    return {**summaries.timeline(_summary(request, q)), "truncated": False}


@router.get("/places", summary="Located events per place (the map)")
def places(request: Request, q: Filters) -> dict[str, Any]:
    found = _summary(request, q)
    shown = summaries.places(found)
    return {"places": shown, "located": summaries.located(shown), "events": found.events,
            "truncated": False}


@router.get("/network", summary="Who acts on whom: actors and weighted source->target edges")
def network(request: Request, q: Filters,
            max_nodes: Annotated[int, Query(ge=2, le=300)] = 60) -> dict[str, Any]:
    return {**summaries.network(_summary(request, q), max_nodes), "truncated": False}


@router.get("/summary", summary="Timeline, places and network in one read (what the explorer draws)")
def summary(request: Request, q: Filters,
            max_nodes: Annotated[int, Query(ge=2, le=300)] = 60) -> dict[str, Any]:
    found = _summary(request, q)
    shown = summaries.places(found)
    return {"events": found.events, "truncated": False,
            "timeline": summaries.timeline(found),
            "places": {"places": shown, "located": summaries.located(shown), "events": found.events},
            "network": summaries.network(found, max_nodes)}


@router.get("/clusters", summary="Deduplicated events with GDELT-style counts")
def clusters(request: Request, q: Filters,
             min_articles: Annotated[int, Query(ge=1)] = 1,
             limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
             offset: Annotated[int, Query(ge=0, le=MAX_ROWS)] = 0) -> dict[str, Any]:
    with _db(request).read() as store:
        spec = q.spec(store)
        total = store.count_clusters(spec, min_articles=min_articles)
        found = store.clusters(spec, min_articles=min_articles, limit=limit, offset=offset)
    return {"total": total, "offset": offset, "limit": limit,
            "clusters": [dataclasses.asdict(c) for c in found]}


@router.get("/clusters/{cluster_id:path}", summary="Every sentence that reports one cluster")
def cluster(request: Request, cluster_id: Id) -> dict[str, Any]:
    with _db(request).read() as store:
        sentences = store.cluster_sentences(cluster_id)
    if not sentences:
        raise ApiError(404, "not_found", f"no cluster with id {cluster_id!r}")
    return {"id": cluster_id, "sentences": sentences}


@router.get("/actors", summary="Actors, most active first")
def actors(request: Request, like: Annotated[str | None, Query(max_length=200)] = None,
           limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> dict[str, Any]:
    with _db(request).read() as store:
        found = store.actors(like, limit)
    return {"actors": [{**dataclasses.asdict(a.actor), "mentions": a.mentions,
                        "articles": a.articles, "as_source": a.as_source,
                        "as_target": a.as_target} for a in found]}


_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


@router.get("/export", summary="The events of the current filter as a file (codebook: export docs)",
            response_class=FileResponse)
def export(request: Request, q: Filters,
           format: Literal["jsonl", "csv", "parquet"] = "csv",
           profile: Literal["native", "gdelt", "acled"] = "native") -> FileResponse:
    from ..export import export as run_export

    folder = Path(tempfile.mkdtemp(prefix="eventwire-export-"))
    name = f"eventwire-{profile}.{format}"
    try:
        with _db(request).read() as store:
            run_export(store, folder / name, fmt=format, profile=profile, spec=q.spec(store))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(folder / name, media_type=_MEDIA[format], filename=name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))

"""The event filters of `eventwire events`, as query parameters shared by every event route.

Values reach the store as bound parameters (the store's `EventFilter`); nothing here writes SQL.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import Field

from ..errors import StoreError
from ..store import EventFilter, EventStore
from .errors import ApiError

Quad = Annotated[int, Field(ge=1, le=4)]
Mode = Literal["asserted", "planned", "negated", "hypothetical", "demanded", "reported"]
# The largest offset a page may start at.
MAX_ROWS = 50_000


@dataclass(frozen=True)
class EventQuery:
    actor: str | None = None
    target: str | None = None
    country: str | None = None
    type: str | None = None
    quad: tuple[int, ...] = ()
    since: date | None = None
    until: date | None = None
    near: str | None = None
    km: float | None = None
    min_confidence: float | None = None
    mode: str | None = None
    article: str | None = None
    cluster: str | None = None

    def spec(self, store: EventStore) -> EventFilter:
        """The store's filter; a filter the store cannot read (unknown country, bad type) is a 400."""
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                                  if f.name != "km" and getattr(self, f.name) not in (None, ())}
        if self.near and self.km:
            values["km"] = self.km
        try:
            return store.filter(**values)
        except StoreError as exc:
            raise ApiError(400, "invalid_filter", str(exc).replace("--", "")) from exc

    def as_params(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if v not in (None, ())}


def _text(description: str) -> Any:
    return Query(max_length=200, description=description)


def event_query(
    actor: Annotated[str | None, _text("Source actor: code prefix (TUR), actor id (Q43) or name")] = None,
    target: Annotated[str | None, _text("Target actor: code prefix, actor id or name")] = None,
    country: Annotated[str | None, _text("Where the event happened: ISO alpha-2/alpha-3 or name")] = None,
    type: Annotated[str | None, _text("PLOVER type (ASSAULT), CAMEO root (19) or code (194)")] = None,
    quad: Annotated[list[Quad] | None, Query(description="QuadClass 1-4; repeatable")] = None,
    since: Annotated[date | None, Query(description="Events on or after this day")] = None,
    until: Annotated[date | None, Query(description="Events on or before this day")] = None,
    near: Annotated[str | None, _text('A place name or "lat,lon"; with km')] = None,
    km: Annotated[float | None, Query(gt=0, le=20_000, description="Radius for near")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    mode: Annotated[Mode | None, Query(description="Only this modality")] = None,
    article: Annotated[str | None, _text("Only events of this article id")] = None,
    cluster: Annotated[str | None, _text("Only events of this cluster id")] = None,
) -> EventQuery:
    return EventQuery(actor=actor or None, target=target or None, country=country or None,
                      type=type or None, quad=tuple(sorted(set(quad or ()))), since=since,
                      until=until, near=near or None, km=km, min_confidence=min_confidence,
                      mode=mode, article=article or None, cluster=cluster or None)

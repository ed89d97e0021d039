"""Frozen records of the output contract (`spec/output.md`, v1) and the records between stages.

The contract records (Actor ... Article) serialise with `to_dict()`/`from_dict()`; that is the one
JSON shape of the project. Field order follows the spec; fields after the spec's are additions
(allowed by the contract), never renames.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str | None
    role: str | None
    code: str


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    actor: Actor | None
    label: str


@dataclass(frozen=True, slots=True)
class Acled:
    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class Action:
    text: str
    cameo: str
    root: str
    name: str
    plover: str
    plover_mode: str | None
    quad_class: int
    goldstein: float
    acled: Acled | None = None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str
    mentions: tuple[tuple[int, int], ...] = ()
    precision: str = "city"


@dataclass(frozen=True, slots=True)
class TimeRef:
    text: str
    start: int
    end: int
    value: str | None
    precision: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    sentence: str
    start: int
    end: int
    source: Mention | None
    target: Mention | None
    action: Action
    mode: str
    place: Place | None
    date: TimeRef | None
    fatalities: int | None
    injured: int | None
    attributed_to: str | None
    confidence: float
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    direct: bool
    speaker: Mention | None
    cue: str
    addressee: str | None
    event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    ref: str | None
    source: str | None
    url: str | None
    headline: str | None
    published: str | None
    captions: tuple[str, ...]
    body: str
    language: str
    entities: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeRef, ...] = ()
    warnings: tuple[str, ...] = ()
    byline: str | None = None
    dateline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return from_dict(cls, data)


@dataclass(frozen=True, slots=True)
class Document:
    """One article as ingest and clean hand it on: text and metadata, before any NLP."""

    ref: str | None
    body: str
    headline: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    captions: tuple[str, ...] = ()
    byline: str | None = None
    dateline: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = ()
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input (or part of one) that could not become an article, and why."""

    input: str
    reason: str
    code: str = "unreadable"

    def message(self) -> str:
        return f"{self.input}: {self.reason}"


def article_id(body: str) -> str:
    """Stable id: sha256 of the normalised body (NFC, whitespace collapsed), first 16 hex chars."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFC", body)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def to_dict(record: Any) -> Any:
    """The one JSON shape: dataclasses become objects, tuples become lists."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    return record


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Inverse of `to_dict` for the contract records (unknown keys are ignored)."""
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        kwargs[f.name] = _convert(_SCHEMA.get((cls.__name__, f.name)), data[f.name])
    return cls(**kwargs)


def _convert(kind: Any, value: Any) -> Any:
    if value is None or kind is None:
        return value
    if kind == "pairs":
        return tuple(tuple(p) for p in value)
    if kind == "strs":
        return tuple(value)
    if isinstance(kind, tuple):
        return tuple(from_dict(kind[0], v) for v in value)
    return from_dict(kind, value)


_SCHEMA: dict[tuple[str, str], Any] = {
    ("Mention", "actor"): Actor,
    ("Action", "acled"): Acled,
    ("Place", "mentions"): "pairs",
    ("Event", "source"): Mention,
    ("Event", "target"): Mention,
    ("Event", "action"): Action,
    ("Event", "place"): Place,
    ("Event", "date"): TimeRef,
    ("Quote", "speaker"): Mention,
    ("Article", "captions"): "strs",
    ("Article", "warnings"): "strs",
    ("Article", "entities"): (Mention,),
    ("Article", "events"): (Event,),
    ("Article", "quotes"): (Quote,),
    ("Article", "places"): (Place,),
    ("Article", "times"): (TimeRef,),
}

__all__ = [
    "Acled",
    "Action",
    "Actor",
    "Article",
    "Document",
    "Event",
    "Mention",
    "Place",
    "Quote",
    "Rejection",
    "TimeRef",
    "article_id",
    "from_dict",
    "to_dict",
]

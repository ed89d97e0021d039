"""The project's own gold format (JSON Lines, one article per line; docs/eval.md).

Only `text` (or `input`) is required; a list that is absent was not annotated and is not scored.
Every dataset loader turns its data into these records, so one scorer applies the same matching
rules to all of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event that must be found. `sources`/`targets` are alternatives (any one may match);
    an empty `targets` means the target is not checked."""

    sources: tuple[str, ...]
    targets: tuple[str, ...] = ()
    plover: str = ""
    cameo: str = ""
    trigger: str | None = None
    mode: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    place: str | None = None
    date: str | None = None
    attributed_to: str | None = None


@dataclass(frozen=True, slots=True)
class GoldActor:
    """An actor mention a reader must get; `codes` are alternatives (any one may match)."""

    text: str
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldPlace:
    text: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GoldTime:
    text: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldQuote:
    text: str
    speaker: str | None
    direct: bool = True


@dataclass(frozen=True, slots=True)
class GoldArticle:
    ref: str
    text: str
    published: str | None = None
    headline: str | None = None
    input: str | None = None
    events: tuple[GoldEvent, ...] | None = None
    actors: tuple[GoldActor, ...] | None = None
    places: tuple[GoldPlace, ...] | None = None
    times: tuple[GoldTime, ...] | None = None
    quotes: tuple[GoldQuote, ...] | None = None
    not_events: tuple[GoldEvent, ...] | None = None
    raw_quotes: tuple[dict[str, Any], ...] | None = None


def load_gold(path: str | Path) -> list[GoldArticle]:
    """Reads and checks a gold file; a bad line raises InputError naming the line and the fix."""
    file = Path(path)
    if not file.is_file():
        raise InputError(str(file), "gold file not found; give a path to a .jsonl file (docs/eval.md)")
    articles = []
    for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{file}:{n}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not JSON ({exc.msg}); each line must be one JSON object") from exc
        articles.append(parse_article(data, where))
    return articles


def parse_article(data: Any, where: str) -> GoldArticle:
    if not isinstance(data, dict):
        raise InputError(where, "each line must be a JSON object with at least a 'text'")
    text, source = data.get("text"), data.get("input")
    if not (isinstance(text, str) and text.strip()) and not isinstance(source, str):
        raise InputError(where, "missing 'text' (the article body) or 'input' (a path#n to ingest)")
    return GoldArticle(
        ref=str(data.get("ref") or where),
        text=text or "",
        published=data.get("published"),
        headline=data.get("headline"),
        input=source,
        events=_list(data, "events", _event, where),
        actors=_list(data, "actors", _actor, where),
        places=_list(data, "places", _place, where),
        times=_list(data, "times", _time, where),
        quotes=_list(data, "quotes", _quote, where),
        not_events=_list(data, "not_events", _event, where),
        raw_quotes=tuple(data["quotes"]) if isinstance(data.get("quotes"), list) else None,
    )


def _list(data: dict[str, Any], key: str, parse: Any, where: str) -> tuple[Any, ...] | None:
    items = data.get(key)
    if items is None:
        return None
    if not isinstance(items, list):
        raise InputError(where, f"'{key}' must be a list of objects")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(where, f"'{key}'[{i}] must be an object")
        try:
            out.append(parse(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(where, f"'{key}'[{i}] is malformed ({exc}); see docs/eval.md") from exc
    return tuple(out)


def _codes(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _event(d: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        sources=_codes(d.get("source")),
        targets=_codes(d.get("target")),
        plover=str(d.get("plover") or ""),
        cameo=str(d.get("cameo") or ""),
        trigger=d.get("trigger"),
        mode=d.get("mode"),
        fatalities=_int(d.get("fatalities")),
        injured=_int(d.get("injured")),
        place=d.get("place"),
        date=d.get("date"),
        attributed_to=d.get("attributed_to"),
    )


def _actor(d: dict[str, Any]) -> GoldActor:
    codes = _codes(d["code"])
    if not codes:
        raise ValueError("an actor needs a 'code'")
    return GoldActor(text=str(d["text"]), codes=codes)


def _place(d: dict[str, Any]) -> GoldPlace:
    lat, lon = d.get("lat"), d.get("lon")
    return GoldPlace(
        text=str(d["text"]),
        lat=None if lat is None else float(lat),
        lon=None if lon is None else float(lon),
        country=d.get("country"),
        geonameid=_int(d.get("geonameid")),
    )


def _time(d: dict[str, Any]) -> GoldTime:
    return GoldTime(text=str(d["text"]), value=str(d["value"]))


def _quote(d: dict[str, Any]) -> GoldQuote:
    return GoldQuote(text=str(d["text"]), speaker=d.get("speaker"), direct=bool(d.get("direct", True)))

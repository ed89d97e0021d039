"""Articles <-> table rows: the one mapping between the contract's records and the store's tables.

`article_rows` turns Articles into column lists (one dict of columns per table), the shape the
batch insert takes, whether the Articles come from the pipeline or from a Parquet/JSONL run.
`build_article` is the inverse, used by the Python API to hand back the contract's records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from ..model import (
    Acled,
    Action,
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Quote,
    TimeRef,
)

Columns = dict[str, list[Any]]
TableRows = dict[str, Columns]

ACTOR_FIELDS = ("id", "name", "type", "country", "role", "code")
MENTION_FIELDS = ("text", "start", "end", "label", "actor_id", "code", "name", "country", "role", "type")


def iso_day(value: str | None) -> date | None:
    """The calendar day of an ISO date/datetime string, or None when it names no single day."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_key(article_id: str, event_id: str) -> str:
    return f"{article_id}/{event_id}"


class _Table:
    def __init__(self) -> None:
        self.columns: Columns = defaultdict(list)

    def add(self, **values: Any) -> None:
        for name, value in values.items():
            self.columns[name].append(value)


def _mention_values(prefix: str, mention: Mention | None) -> dict[str, Any]:
    actor = mention.actor if mention else None
    values: dict[str, Any] = {
        f"{prefix}_text": mention.text if mention else None,
        f"{prefix}_start": mention.start if mention else None,
        f"{prefix}_end": mention.end if mention else None,
        f"{prefix}_label": mention.label if mention else None,
        f"{prefix}_actor_id": actor.id if actor else None,
    }
    for name in ("code", "name", "country", "role", "type"):
        values[f"{prefix}_{name}"] = getattr(actor, name) if actor else None
    return values


def _event_day(event: Event, published_day: date | None) -> tuple[date | None, str | None]:
    if event.date and event.date.precision == "day":
        day = iso_day(event.date.value)
        if day:
            return day, "event"
    if published_day:
        return published_day, "published"
    return None, None


def _place_values(place: Place | None) -> dict[str, Any]:
    names = ("name", "geonameid", "lat", "lon", "country", "admin1", "feature", "precision")
    values = {f"place_{n}": getattr(place, n) if place else None for n in names}
    values["place_mentions"] = [list(span) for span in place.mentions] if place else None
    return values


def _date_values(ref: TimeRef | None) -> dict[str, Any]:
    names = ("text", "start", "end", "value", "precision", "anchor")
    return {f"date_{n}": getattr(ref, n) if ref else None for n in names}


def _action_values(action: Action) -> dict[str, Any]:
    return {
        "action_text": action.text,
        "cameo": action.cameo,
        "cameo_root": action.root,
        "action_name": action.name,
        "plover": action.plover,
        "plover_mode": action.plover_mode,
        "quad_class": action.quad_class,
        "goldstein": action.goldstein,
        "acled_event_type": action.acled.event_type if action.acled else None,
        "acled_sub_event_type": action.acled.sub_event_type if action.acled else None,
    }


def article_rows(articles: Iterable[Article], *, run_id: int | None, now: datetime) -> TableRows:
    """Column lists per table for these articles (actors deduplicated within the batch)."""
    tables = {name: _Table() for name in ("articles", "mentions", "events", "quotes", "places", "times")}
    actors: dict[str, Actor] = {}
    for article in articles:
        _add_article(tables, actors, article, run_id, now)
    out = {name: dict(t.columns) for name, t in tables.items()}
    out["actors"] = {f: [getattr(a, f) for a in actors.values()] for f in ACTOR_FIELDS}
    return out


def _add_article(tables: dict[str, _Table], actors: dict[str, Actor], article: Article,
                 run_id: int | None, now: datetime) -> None:
    published_day = iso_day(article.published)
    tables["articles"].add(
        id=article.id, ref=article.ref, source=article.source, url=article.url,
        headline=article.headline, published=article.published, published_day=published_day,
        captions=list(article.captions), body=article.body, language=article.language,
        warnings=list(article.warnings), byline=article.byline, dateline=article.dateline,
        n_events=len(article.events), run_id=run_id, stored_at=now,
    )
    for mention in _all_mentions(article):
        if mention.actor is not None:
            actors.setdefault(mention.actor.id, mention.actor)
    for idx, m in enumerate(article.entities):
        tables["mentions"].add(article_id=article.id, idx=idx, text=m.text, start=m.start, end=m.end,
                               label=m.label, actor_id=m.actor.id if m.actor else None)
    for idx, e in enumerate(article.events):
        _add_event(tables["events"], article.id, idx, e, published_day)
    for idx, q in enumerate(article.quotes):
        tables["quotes"].add(article_id=article.id, idx=idx, text=q.text, start=q.start, end=q.end,
                             direct=q.direct, **_mention_values("speaker", q.speaker), cue=q.cue,
                             addressee=q.addressee, event_id=q.event_id)
    for idx, p in enumerate(article.places):
        tables["places"].add(article_id=article.id, idx=idx, name=p.name, geonameid=p.geonameid,
                             lat=p.lat, lon=p.lon, country=p.country, admin1=p.admin1,
                             feature=p.feature, precision=p.precision,
                             mentions=[list(span) for span in p.mentions])
    for idx, t in enumerate(article.times):
        tables["times"].add(article_id=article.id, idx=idx, text=t.text, start=t.start, end=t.end,
                            value=t.value, precision=t.precision, anchor=t.anchor)


def _add_event(table: _Table, article_id: str, idx: int, e: Event, published_day: date | None) -> None:
    day, day_from = _event_day(e, published_day)
    table.add(
        key=event_key(article_id, e.id), article_id=article_id, event_id=e.id, idx=idx,
        sentence=e.sentence, start=e.start, end=e.end,
        **_mention_values("source", e.source), **_mention_values("target", e.target),
        **_action_values(e.action), mode=e.mode, **_place_values(e.place), **_date_values(e.date),
        day=day, day_from=day_from, fatalities=e.fatalities, injured=e.injured,
        attributed_to=e.attributed_to, confidence=e.confidence, rule=e.rule,
    )


def _all_mentions(article: Article) -> Iterable[Mention]:
    yield from article.entities
    for e in article.events:
        yield from (m for m in (e.source, e.target) if m is not None)
    yield from (q.speaker for q in article.quotes if q.speaker is not None)


# ---- rows -> records -------------------------------------------------------------------------


def actor_from_row(row: dict[str, Any], prefix: str = "") -> Actor | None:
    key = f"{prefix}actor_id" if prefix else "id"
    if row.get(key) is None:
        return None
    return Actor(id=row[key], **{f: row.get(f"{prefix}{f}") for f in ACTOR_FIELDS[1:]})


def mention_from_row(row: dict[str, Any], prefix: str) -> Mention | None:
    if row.get(f"{prefix}_text") is None:
        return None
    return Mention(text=row[f"{prefix}_text"], start=row[f"{prefix}_start"], end=row[f"{prefix}_end"],
                   actor=actor_from_row(row, f"{prefix}_"), label=row[f"{prefix}_label"])


def place_from_row(row: dict[str, Any], prefix: str = "") -> Place | None:
    if row.get(f"{prefix}name") is None:
        return None
    spans = row.get(f"{prefix}mentions") or []
    return Place(name=row[f"{prefix}name"], geonameid=row[f"{prefix}geonameid"], lat=row[f"{prefix}lat"],
                 lon=row[f"{prefix}lon"], country=row[f"{prefix}country"], admin1=row[f"{prefix}admin1"],
                 feature=row[f"{prefix}feature"], mentions=tuple(tuple(s) for s in spans),
                 precision=row[f"{prefix}precision"])


def time_from_row(row: dict[str, Any], prefix: str = "") -> TimeRef | None:
    if row.get(f"{prefix}text") is None:
        return None
    return TimeRef(text=row[f"{prefix}text"], start=row[f"{prefix}start"], end=row[f"{prefix}end"],
                   value=row[f"{prefix}value"], precision=row[f"{prefix}precision"],
                   anchor=row[f"{prefix}anchor"])


def event_from_row(row: dict[str, Any]) -> Event:
    acled = None
    if row.get("acled_event_type") is not None:
        acled = Acled(row["acled_event_type"], row["acled_sub_event_type"])
    action = Action(text=row["action_text"], cameo=row["cameo"], root=row["cameo_root"],
                    name=row["action_name"], plover=row["plover"], plover_mode=row["plover_mode"],
                    quad_class=row["quad_class"], goldstein=row["goldstein"], acled=acled)
    return Event(id=row["event_id"], sentence=row["sentence"], start=row["start"], end=row["end"],
                 source=mention_from_row(row, "source"), target=mention_from_row(row, "target"),
                 action=action, mode=row["mode"], place=place_from_row(row, "place_"),
                 date=time_from_row(row, "date_"), fatalities=row["fatalities"],
                 injured=row["injured"], attributed_to=row["attributed_to"],
                 confidence=row["confidence"], rule=row["rule"] or "")


def quote_from_row(row: dict[str, Any]) -> Quote:
    return Quote(text=row["text"], start=row["start"], end=row["end"], direct=row["direct"],
                 speaker=mention_from_row(row, "speaker"), cue=row["cue"],
                 addressee=row["addressee"], event_id=row["event_id"])


def mention_row_to_record(row: dict[str, Any], actors: dict[str, Actor]) -> Mention:
    actor = actors.get(row["actor_id"]) if row["actor_id"] else None
    return Mention(text=row["text"], start=row["start"], end=row["end"], actor=actor, label=row["label"])


def build_article(row: dict[str, Any], children: dict[str, list[dict[str, Any]]],
                  actors: dict[str, Actor]) -> Article:
    """An Article from its stored row and its child rows (each list in idx order)."""
    return Article(
        id=row["id"], ref=row["ref"], source=row["source"], url=row["url"], headline=row["headline"],
        published=row["published"], captions=tuple(row["captions"] or ()), body=row["body"],
        language=row["language"],
        entities=tuple(mention_row_to_record(r, actors) for r in children["mentions"]),
        events=tuple(event_from_row(r) for r in children["events"]),
        quotes=tuple(quote_from_row(r) for r in children["quotes"]),
        places=tuple(p for p in (place_from_row(r) for r in children["places"]) if p),
        times=tuple(t for t in (time_from_row(r) for r in children["times"]) if t),
        warnings=tuple(row["warnings"] or ()), byline=row["byline"], dateline=row["dateline"],
    )

"""Exports of a stored database: JSON Lines, CSV or Parquet, in three profiles, each with a codebook.

- native: one row per event mention, every stored field, with its cluster and the cluster's counts.
- gdelt: one row per deduplicated event (cluster), GDELT 2.0 event-table column names where a
  GDELT column means the same thing; columns GDELT has and eventwire cannot fill are left out.
- acled: one row per cluster whose event has an ACLED type, ACLED codebook column names.

A codebook (`<output>.codebook.md`) is written beside every export: what each column means, where
it differs from the original dataset, the filters and the row count.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from .errors import StoreError
from .store import queries
from .store.api import EventStore
from .store.db import read_error
from .store.filters import EventFilter

FORMATS = ("jsonl", "csv", "parquet")
PROFILES = ("native", "gdelt", "acled")


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    codebook: Path
    rows: int
    bytes: int
    format: str
    profile: str


_MENTION = {
    "text": "the words of the {who} as written in the sentence",
    "start": "offset of the {who} mention in the article body (code points)",
    "end": "end offset (exclusive) of the {who} mention",
    "label": "NER label of the {who} mention (PERSON, ORG, GPE, NORP ...)",
    "actor_id": "canonical actor id of the {who} (Wikidata QID where known)",
    "code": "CAMEO-style actor code of the {who} (country + role, e.g. TURMIL)",
    "name": "canonical name of the {who}",
    "country": "ISO 3166-1 alpha-3 country of the {who}",
    "role": "CAMEO role code of the {who} (GOV, MIL, REB ...)",
    "type": "actor type of the {who} (state, person, armed_group ...)",
}

NATIVE: dict[str, str] = {
    "key": "event key: article id / event id (unique in the database)",
    "article_id": "id of the article (sha256 of its normalised body, 16 hex chars)",
    "event_id": "event id, stable within its article",
    "sentence": "the sentence the event was read from",
    "start": "offset of the sentence in the article body",
    "end": "end offset (exclusive) of the sentence",
    **{f"source_{k}": v.format(who="source actor (who acts)") for k, v in _MENTION.items()},
    **{f"target_{k}": v.format(who="target actor (who is acted upon)") for k, v in _MENTION.items()},
    "action_text": "the words of the predicate (\"shelled\", \"clashes\")",
    "cameo": "CAMEO event code",
    "cameo_root": "CAMEO root code (first two digits)",
    "action_name": "CAMEO name of the event code",
    "plover": "PLOVER event type",
    "plover_mode": "PLOVER mode",
    "quad_class": "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
    "goldstein": "Goldstein scale, -10 to +10",
    "acled_event_type": "ACLED event type (empty outside ACLED's taxonomy)",
    "acled_sub_event_type": "ACLED sub-event type",
    "mode": "asserted, planned, negated, hypothetical, demanded or reported",
    "place_name": "where the event happened, when the text says",
    "place_geonameid": "GeoNames id of the place",
    "place_lat": "latitude (WGS84)",
    "place_lon": "longitude (WGS84)",
    "place_country": "ISO 3166-1 alpha-2 country of the place",
    "place_admin1": "first-level administrative division of the place",
    "place_feature": "kind of place (city, village, region, country ...)",
    "place_precision": "precision of the coordinates",
    "place_mentions": "[start, end] offsets of the place's mentions in the body",
    "date_text": "the words giving the event's date",
    "date_start": "offset of the date expression",
    "date_end": "end offset of the date expression",
    "date_value": "ISO value of the event's date (2022-02-03, 2022-02, 2022-W05, 2022)",
    "date_precision": "day, week, month, year or unknown",
    "date_anchor": "what the date was resolved against: published, absolute or none",
    "day": "the event's day: its own date when given to the day, else the article's publication day",
    "day_from": "where `day` comes from: event or published",
    "fatalities": "people killed in this event, when stated",
    "injured": "people wounded, when stated",
    "attributed_to": "who reports the event",
    "confidence": "coder confidence, 0 to 1",
    "rule": "versioned name of the rule that coded the event",
    "cluster_id": "the deduplicated event this mention belongs to (key of its earliest mention)",
    "num_articles": "articles reporting the cluster (GDELT NumArticles)",
    "num_sources": "distinct outlets reporting the cluster (GDELT NumSources)",
    "num_mentions": "event mentions in the cluster, several per article possible (GDELT NumMentions)",
    "published": "publication date/time of the article",
    "outlet": "the outlet or feed of the article",
    "url": "URL of the article",
    "headline": "headline of the article",
}

GDELT: dict[str, str] = {
    "GLOBALEVENTID": "cluster id (a string, not GDELT's integer: the key of the earliest mention)",
    "SQLDATE": "day of the event as YYYYMMDD (earliest day in the cluster)",
    "MonthYear": "YYYYMM of SQLDATE",
    "Year": "year of SQLDATE",
    "FractionDate": "year + (day of year - 1) / 365",
    "Actor1Code": "CAMEO-style code of the source actor",
    "Actor1Name": "canonical name of the source actor",
    "Actor1CountryCode": "ISO alpha-3 country of the source actor (GDELT: CAMEO country code, same letters for states)",
    "Actor1Type1Code": "CAMEO role of the source actor",
    "Actor2Code": "CAMEO-style code of the target actor",
    "Actor2Name": "canonical name of the target actor",
    "Actor2CountryCode": "ISO alpha-3 country of the target actor",
    "Actor2Type1Code": "CAMEO role of the target actor",
    "EventCode": "CAMEO event code",
    "EventBaseCode": "first three digits of EventCode",
    "EventRootCode": "CAMEO root code",
    "QuadClass": "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
    "GoldsteinScale": "Goldstein scale, -10 to +10",
    "NumMentions": "event mentions in all articles (several per article possible)",
    "NumSources": "distinct outlets",
    "NumArticles": "distinct articles",
    "ActionGeo_Type": "0 none, 1 country, 4 city or village, 5 region (GDELT's US types 2, 3 are not used)",
    "ActionGeo_FullName": "place, admin1, country",
    "ActionGeo_CountryCode": "ISO alpha-2 country of the place (GDELT uses FIPS 10-4: they differ for some countries)",
    "ActionGeo_Lat": "latitude",
    "ActionGeo_Long": "longitude",
    "ActionGeo_FeatureID": "GeoNames id (GDELT: GNS/GNIS feature id)",
    "DATEADDED": "when the earliest mention was stored, YYYYMMDDHHMMSS UTC",
    "SOURCEURL": "URL of the article with the earliest mention",
}

ACLED: dict[str, str] = {
    "event_id_cnty": "cluster id (the key of the earliest mention; not ACLED's country-prefixed number)",
    "event_date": "earliest day of the event in the cluster",
    "year": "year of event_date",
    "time_precision": "1 the text gives the day, 2 the day is the publication day",
    "disorder_type": "Political violence, Demonstrations or Strategic developments (from event_type)",
    "event_type": "ACLED event type",
    "sub_event_type": "ACLED sub-event type",
    "actor1": "canonical name of the source actor (ACLED's own actor names differ)",
    "actor2": "canonical name of the target actor",
    "iso": "ISO 3166-1 numeric code of the country of the place",
    "country": "country name of the place",
    "admin1": "first-level administrative division",
    "location": "place name",
    "latitude": "latitude",
    "longitude": "longitude",
    "geo_precision": "1 town or village, 2 region or near, 3 country",
    "source": "outlets reporting the event, separated by '; '",
    "notes": "the sentence of the earliest mention",
    "fatalities": "largest fatality count stated in the cluster (empty when none is stated)",
    "timestamp": "when the earliest mention was stored (Unix seconds)",
}

CODEBOOKS = {"native": NATIVE, "gdelt": GDELT, "acled": ACLED}


def codebook_path(output: Path) -> Path:
    return output.with_name(output.name + ".codebook.md")


def export(db: EventStore, output: str | Path, *, fmt: str = "jsonl", profile: str = "native",
           spec: EventFilter | None = None) -> ExportResult:
    """Write the events matching `spec` to `output` and its codebook beside it."""
    if fmt not in FORMATS:
        raise StoreError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if profile not in PROFILES:
        raise StoreError(f"profile {profile!r}: choose one of {', '.join(PROFILES)}")
    spec = spec or EventFilter()
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        if profile != "native":
            queries.register_countries(db.con, _countries())
        select, params = queries.profile_select(profile, spec)
        rows = queries.copy_to(db.con, select, params, str(out), fmt)
        columns = queries.column_names(db.con, select, params)
    except duckdb.Error as exc:
        raise read_error(db.path, exc) from exc
    book = codebook_path(out)
    book.write_text(_codebook(profile, fmt, columns, spec, rows, db.path), encoding="utf-8")
    return ExportResult(out, book, rows, out.stat().st_size, fmt, profile)


def _countries() -> list[tuple[str, str, int, str]]:
    import pycountry

    return [(c.alpha_2, c.alpha_3, int(c.numeric), c.name) for c in pycountry.countries]


def _codebook(profile: str, fmt: str, columns: list[str], spec: EventFilter, rows: int, db: str) -> str:
    from . import __version__

    meanings = CODEBOOKS[profile]
    missing = [c for c in columns if c not in meanings]
    if missing:
        raise StoreError(f"internal: columns without a codebook entry: {', '.join(missing)}")
    unset = EventFilter()
    filters = {k: v for k, v in dataclasses.asdict(spec).items() if v not in (None, "", getattr(unset, k))}
    lines = [
        f"# eventwire export codebook: {profile} profile, {fmt}",
        "",
        f"- eventwire {__version__}; database `{db}`; written {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}",
        f"- rows: {rows} ({'one per event mention' if profile == 'native' else 'one per deduplicated event'})",
        f"- filters: {filters or 'none'}",
        "",
        "| column | meaning |",
        "|---|---|",
    ]
    lines += [f"| {c} | {meanings[c].replace('|', '/')} |" for c in columns]
    return "\n".join(lines) + "\n"

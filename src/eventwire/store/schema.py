"""The event database schema as named, ordered migrations.

Each migration runs once, in order, inside one transaction, and is recorded by name in
`schema_migrations`; a database never goes back to an older shape. A new schema change is a new
entry appended to `MIGRATIONS`, never an edit of a past one (stored databases already ran it).

Layout: one row per article; mentions, events, quotes, places and times keyed by
(article_id, idx) or by the event key `article_id/event_id`; actors once per canonical id;
`event_clusters` and `clusters` hold the cross-article deduplication (recomputed, never edited);
`rejections`, `inputs` and `runs` make ingest resumable and auditable.

Only articles, actors, rejections, inputs and runs carry primary keys: child rows are written in
the same transaction as their article, after the article id was checked, so they cannot repeat,
and keys on them would cost a third of the insert time.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION_TABLE = "schema_migrations"


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    statements: tuple[str, ...]


_MENTION_COLUMNS = """
    {p}_text VARCHAR, {p}_start INTEGER, {p}_end INTEGER, {p}_label VARCHAR,
    {p}_actor_id VARCHAR, {p}_code VARCHAR, {p}_name VARCHAR, {p}_country VARCHAR, {p}_role VARCHAR,
    {p}_type VARCHAR"""


def _mention(prefix: str) -> str:
    return _MENTION_COLUMNS.format(p=prefix)


_INITIAL = (
    """CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        ref VARCHAR, source VARCHAR, url VARCHAR, headline VARCHAR,
        published VARCHAR, published_day DATE,
        captions VARCHAR[], body VARCHAR, language VARCHAR, warnings VARCHAR[],
        byline VARCHAR, dateline VARCHAR,
        n_events INTEGER, run_id INTEGER, stored_at TIMESTAMP
    )""",
    """CREATE TABLE actors (
        id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, role VARCHAR,
        code VARCHAR
    )""",
    """CREATE TABLE mentions (
        article_id VARCHAR, idx INTEGER, text VARCHAR, start INTEGER, "end" INTEGER,
        label VARCHAR, actor_id VARCHAR
    )""",
    f"""CREATE TABLE events (
        key VARCHAR, article_id VARCHAR, event_id VARCHAR, idx INTEGER,
        sentence VARCHAR, start INTEGER, "end" INTEGER,
        {_mention("source")},
        {_mention("target")},
        action_text VARCHAR, cameo VARCHAR, cameo_root VARCHAR, action_name VARCHAR,
        plover VARCHAR, plover_mode VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        acled_event_type VARCHAR, acled_sub_event_type VARCHAR,
        mode VARCHAR,
        place_name VARCHAR, place_geonameid BIGINT, place_lat DOUBLE, place_lon DOUBLE,
        place_country VARCHAR, place_admin1 VARCHAR, place_feature VARCHAR, place_precision VARCHAR,
        place_mentions INTEGER[][],
        date_text VARCHAR, date_start INTEGER, date_end INTEGER, date_value VARCHAR,
        date_precision VARCHAR, date_anchor VARCHAR,
        day DATE, day_from VARCHAR,
        fatalities INTEGER, injured INTEGER, attributed_to VARCHAR, confidence DOUBLE, rule VARCHAR
    )""",
    f"""CREATE TABLE quotes (
        article_id VARCHAR, idx INTEGER, text VARCHAR, start INTEGER, "end" INTEGER,
        direct BOOLEAN, {_mention("speaker")}, cue VARCHAR, addressee VARCHAR, event_id VARCHAR
    )""",
    """CREATE TABLE places (
        article_id VARCHAR, idx INTEGER, name VARCHAR, geonameid BIGINT, lat DOUBLE, lon DOUBLE,
        country VARCHAR, admin1 VARCHAR, feature VARCHAR, precision VARCHAR, mentions INTEGER[][]
    )""",
    """CREATE TABLE times (
        article_id VARCHAR, idx INTEGER, text VARCHAR, start INTEGER, "end" INTEGER,
        value VARCHAR, precision VARCHAR, anchor VARCHAR
    )""",
    """CREATE TABLE rejections (
        id VARCHAR PRIMARY KEY, input VARCHAR, code VARCHAR, reason VARCHAR, run_id INTEGER,
        rejected_at TIMESTAMP
    )""",
    """CREATE TABLE inputs (
        input VARCHAR, fingerprint VARCHAR, run_id INTEGER, articles INTEGER, rejections INTEGER,
        finished_at TIMESTAMP,
        PRIMARY KEY (input, fingerprint)
    )""",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY, command VARCHAR, version VARCHAR, settings_digest VARCHAR,
        settings JSON, sources JSON, pid INTEGER, status VARCHAR,
        started_at TIMESTAMP, finished_at TIMESTAMP,
        articles_read INTEGER, articles_new INTEGER, articles_skipped INTEGER,
        rejections INTEGER, events_new INTEGER, inputs_skipped INTEGER,
        seconds_total DOUBLE, seconds_pipeline DOUBLE, seconds_store DOUBLE, seconds_dedupe DOUBLE,
        message VARCHAR
    )""",
    """CREATE TABLE event_clusters (event_key VARCHAR, cluster_id VARCHAR)""",
    """CREATE TABLE clusters (
        id VARCHAR, source_code VARCHAR, target_code VARCHAR, cameo VARCHAR, cameo_root VARCHAR,
        plover VARCHAR, mode VARCHAR, first_day DATE, last_day DATE,
        first_seen VARCHAR, last_seen VARCHAR,
        num_articles INTEGER, num_sources INTEGER, num_mentions INTEGER,
        place_name VARCHAR, place_lat DOUBLE, place_lon DOUBLE, place_country VARCHAR,
        fatalities INTEGER, confidence DOUBLE
    )""",
)

# Small facts about the database itself, e.g. the tolerances its clusters were computed with.
_META = ("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",)

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_meta", _META),
)

BOOKKEEPING = (
    f"CREATE TABLE IF NOT EXISTS {SCHEMA_VERSION_TABLE} "
    "(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
)

# Tables filled from articles, in the order an ingest batch writes them.
ARTICLE_TABLES = ("articles", "actors", "mentions", "events", "quotes", "places", "times")
KEYED_TABLES = ("articles", "actors")

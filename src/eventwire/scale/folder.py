"""Reading a Parquet output folder of `eventwire run` back, without copying it anywhere.

`connect(folder)` gives an in-memory DuckDB connection with three views over the folder's files:

- `articles`: one row per article (the contract's fields, nested) plus `published_day`;
- `events`: one row per event, flattened with the column names of the store's `events` table
  (`source_code`, `cameo`, `plover`, `place_name`, `day` ...), plus `published_day`;
- `rejections`: the inputs that could not be read.

`database(folder)` brings the folder into an eventwire database (through `eventwire.store.load`,
incremental: files already loaded are skipped), so every query command of the store can run on
it; the database is kept in the folder as `_eventwire.duckdb`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import StoreError
from ..settings import Settings
from .parquet import ARTICLES_DIR, REJECTIONS_DIR

CACHE_DB = "_eventwire.duckdb"

_MENTION = ("text", "start", "end", "label")
_ACTOR = (("actor_id", "id"), ("code", "code"), ("name", "name"), ("country", "country"),
          ("role", "role"), ("type", "type"))


def _mention_columns(prefix: str) -> list[str]:
    own = [f'e.{prefix}."{f}" AS {prefix}_{f}' for f in _MENTION]
    actor = [f"e.{prefix}.actor.{f} AS {prefix}_{col}" for col, f in _ACTOR]
    return own + actor


_EVENT_COLUMNS = [
    "a.id || '/' || e.id AS key", "a.id AS article_id", "e.id AS event_id",
    "e.sentence", "e.start", 'e."end"',
    *_mention_columns("source"), *_mention_columns("target"),
    "e.action.text AS action_text", "e.action.cameo AS cameo", "e.action.root AS cameo_root",
    "e.action.name AS action_name", "e.action.plover AS plover", "e.action.plover_mode AS plover_mode",
    "e.action.quad_class AS quad_class", "e.action.goldstein AS goldstein",
    "e.action.acled.event_type AS acled_event_type",
    "e.action.acled.sub_event_type AS acled_sub_event_type", "e.mode",
    "e.place.name AS place_name", "e.place.geonameid AS place_geonameid",
    "e.place.lat AS place_lat", "e.place.lon AS place_lon", "e.place.country AS place_country",
    "e.place.admin1 AS place_admin1", "e.place.feature AS place_feature",
    "e.place.precision AS place_precision",
    "e.date.text AS date_text", "e.date.value AS date_value", "e.date.precision AS date_precision",
    # the store's rule: the event's own date when given to the day, else the publication day
    "CASE WHEN e.date.precision = 'day' AND TRY_CAST(e.date.value AS DATE) IS NOT NULL "
    "THEN TRY_CAST(e.date.value AS DATE) ELSE TRY_CAST(a.published_day AS DATE) END AS day",
    "e.fatalities", "e.injured", "e.attributed_to", "e.confidence", "e.rule",
    "a.source AS outlet", "a.url", "a.published", "a.published_day",
]


def _glob(folder: Path, sub: str) -> str:
    return str(folder / sub / "**" / "*.parquet").replace("'", "''")


def connect(folder: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with views `articles`, `events`, `rejections` over `folder`."""
    root = Path(folder)
    if not (root / ARTICLES_DIR).is_dir():
        raise StoreError(f"{root}: not an eventwire run output folder (no {ARTICLES_DIR}/ inside); "
                         "make one with `eventwire run --output FOLDER`")
    con = duckdb.connect()
    articles = (f"SELECT * FROM read_parquet('{_glob(root, ARTICLES_DIR)}', hive_partitioning = true, "
                "hive_types_autocast = false)")
    con.execute(f"CREATE VIEW articles AS {articles}")
    con.execute(f"CREATE VIEW events AS SELECT {', '.join(_EVENT_COLUMNS)} "
                "FROM articles a, UNNEST(a.events) AS t(e)")
    if any((root / REJECTIONS_DIR).glob("*.parquet")):
        con.execute(f"CREATE VIEW rejections AS SELECT * FROM read_parquet('{_glob(root, REJECTIONS_DIR)}')")
    else:
        con.execute("CREATE VIEW rejections AS SELECT NULL::VARCHAR AS input, NULL::VARCHAR AS reason, "
                    "NULL::VARCHAR AS code WHERE false")
    return con


def database(folder: str | Path, db: str | Path | None = None, *, settings: Settings | None = None) -> Path:
    """The folder loaded into an eventwire database (kept up to date incrementally); its path."""
    from ..store.load import load

    root = Path(folder)
    if not (root / ARTICLES_DIR).is_dir():
        raise StoreError(f"{root}: not an eventwire run output folder (no {ARTICLES_DIR}/ inside); "
                         "pass a database file or a folder made by `eventwire run --output`")
    target = Path(db) if db else root / CACHE_DB
    sources = [root / ARTICLES_DIR, *([root / REJECTIONS_DIR] if (root / REJECTIONS_DIR).is_dir() else [])]
    load(sources, target, settings=settings)
    return target


__all__ = ["CACHE_DB", "connect", "database"]

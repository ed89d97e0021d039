"""Parquet output of `eventwire run`, partitioned by publication day, one file per shard and day.

Layout of an output folder (Hive partitioning, readable by DuckDB, Spark, pandas, Ray):

    out/articles/published_day=2024-03-01/part-<shard>.parquet   one row per Article
    out/articles/published_day=unknown/part-<shard>.parquet      articles without a usable date
    out/rejections/part-<shard>.parquet                          inputs that could not be read
    out/_shards/<shard>.done                                      one marker per finished shard

An article row has the contract's fields as columns, nested records as structs and lists of
structs (exactly `Article.to_dict()`), with a fixed schema derived from `eventwire.model`, so
every file of every run has the same types and `eventwire load out/` reads them back into
Articles. A rejection row has `input`, `reason`, `code`. Files are written under a temporary
name (starting with a dot, never `.parquet`) and renamed into place when complete.
"""

from __future__ import annotations

import dataclasses
import os
import re
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import model
from ..model import Article, Rejection

ARTICLES_DIR = "articles"
REJECTIONS_DIR = "rejections"
PARTITION = "published_day"
UNKNOWN_DAY = "unknown"
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def _pa():  # type: ignore[no-untyped-def]
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency of the run command
        from ..errors import ConfigError

        raise ConfigError("writing Parquet needs pyarrow; pip install 'pyarrow>=14'") from exc
    return pyarrow


def _arrow_type(hint: Any):  # type: ignore[no-untyped-def]
    pa = _pa()
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return _arrow_type(args[0])
    if typing.get_origin(hint) is tuple:
        return pa.list_(_arrow_type(args[0]))
    if dataclasses.is_dataclass(hint):
        return pa.struct(_fields(hint))
    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return scalars[hint]


def _fields(cls: type) -> list[Any]:
    pa = _pa()
    hints = typing.get_type_hints(cls, vars(model))
    return [pa.field(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(cls)]


def article_schema():  # type: ignore[no-untyped-def]
    """The Arrow schema of an article row (the contract's Article, nested)."""
    return _pa().schema(_fields(Article))


def rejection_schema():  # type: ignore[no-untyped-def]
    return _pa().schema(_fields(Rejection))


def publication_day(article: Article) -> str:
    """`YYYY-MM-DD` of the article's publication date, or `unknown`."""
    match = _DAY.match(article.published or "")
    return match.group(1) if match else UNKNOWN_DAY


class ShardWriter:
    """Streams one shard's articles into one Parquet file per publication day, in row groups of
    `rows_per_group`; `commit()` renames the finished files into place and returns them."""

    def __init__(self, output: Path, shard_id: str, rows_per_group: int = 256) -> None:
        self.output = output
        self.shard_id = shard_id
        self.rows_per_group = rows_per_group
        self._writers: dict[str, Any] = {}
        self._pending: dict[str, list[dict[str, Any]]] = {}
        self._rejections: list[dict[str, Any]] = []
        self._schema = article_schema()

    def add(self, item: Article | Rejection) -> None:
        if isinstance(item, Rejection):
            self._rejections.append(model.to_dict(item))
            return
        day = publication_day(item)
        rows = self._pending.setdefault(day, [])
        rows.append(item.to_dict())
        if len(rows) >= self.rows_per_group:
            self._flush(day)

    def _flush(self, day: str) -> None:
        rows = self._pending.pop(day, [])
        if not rows:
            return
        pa = _pa()
        writer = self._writers.get(day)
        if writer is None:
            tmp = _temporary(self.article_path(day))
            tmp.parent.mkdir(parents=True, exist_ok=True)
            writer = pa.parquet.ParquetWriter(str(tmp), self._schema, compression="zstd")
            self._writers[day] = writer
        writer.write_table(pa.Table.from_pylist(rows, schema=self._schema))

    def article_path(self, day: str) -> Path:
        return self.output / ARTICLES_DIR / f"{PARTITION}={day}" / f"part-{self.shard_id}.parquet"

    def rejection_path(self) -> Path:
        return self.output / REJECTIONS_DIR / f"part-{self.shard_id}.parquet"

    def commit(self) -> list[Path]:
        """Close every file and rename it into place; the shard's output is then complete."""
        for day in list(self._pending):
            self._flush(day)
        done: list[Path] = []
        for day, writer in self._writers.items():
            writer.close()
            done.append(_rename(self.article_path(day)))
        if self._rejections:
            pa = _pa()
            path = self.rejection_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            table = pa.Table.from_pylist(self._rejections, schema=rejection_schema())
            pa.parquet.write_table(table, str(_temporary(path)), compression="zstd")
            done.append(_rename(path))
        self._writers.clear()
        return done


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _rename(path: Path) -> Path:
    tmp = _temporary(path)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def remove_shard_output(output: Path, shard_id: str) -> int:
    """Delete what an unfinished earlier attempt at a shard left (files and temporary files)."""
    removed = 0
    name = f"part-{shard_id}.parquet"
    for folder in (output / ARTICLES_DIR, output / REJECTIONS_DIR):
        if not folder.exists():
            continue
        for path in folder.rglob(f"*{name}*"):
            if path.name == name or path.name.startswith(f".{name}."):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def write_articles(output: Path, shard_id: str, items: Iterable[Article | Rejection]) -> list[Path]:
    """Write a whole shard at once (tests, small jobs): the same files `ShardWriter` makes."""
    writer = ShardWriter(output, shard_id)
    for item in items:
        writer.add(item)
    return writer.commit()


__all__ = [
    "ARTICLES_DIR",
    "PARTITION",
    "REJECTIONS_DIR",
    "UNKNOWN_DAY",
    "ShardWriter",
    "article_schema",
    "publication_day",
    "rejection_schema",
    "remove_shard_output",
    "write_articles",
]

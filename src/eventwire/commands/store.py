"""Database commands: ingest, load, events, clusters, actors, articles, export, runs (thin wrappers
over eventwire.store and eventwire.export)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import StoreError

DEFAULT_DB = "events.duckdb"

_db_option = click.option("--db", default=DEFAULT_DB, show_default=True, type=click.Path(),
                          help="The DuckDB database file, or an `eventwire run` output folder to read.")
_format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                              default="table", show_default=True, help="Output format.")


def _filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--actor", help="Source actor: code prefix (TUR, TURMIL), actor id or name."),
        click.option("--target", help="Target actor: code prefix, actor id or name."),
        click.option("--country", help="Country where the event happened (ISO code: SY or SYR)."),
        click.option("--type", "type_", metavar="TYPE", help="PLOVER type (ASSAULT), CAMEO root (19) or code (194)."),
        click.option("--quad", multiple=True, metavar="1-4",
                     help="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal "
                          "conflict, 4 material conflict; repeat it (or 3,4) for several."),
        click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this day."),
        click.option("--near", metavar="PLACE", help='A place name or "lat,lon"; with --km.'),
        click.option("--km", type=float, default=50.0, show_default=True, help="Radius for --near."),
        click.option("--min-confidence", type=float, help="Only events at least this confident."),
        click.option("--mode", type=click.Choice(["asserted", "planned", "negated", "hypothetical",
                                                  "demanded", "reported"]), help="Only this modality."),
        click.option("--limit", type=int, help="At most this many rows."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter(db: Any, kw: dict[str, Any]) -> Any:
    keys = ("actor", "target", "country", "since", "until", "near", "km", "min_confidence", "mode",
            "limit")
    values = {k: kw[k] for k in keys if kw.get(k) is not None}
    if kw.get("type_"):
        values["type"] = kw["type_"]
    if kw.get("quad"):
        values["quad"] = kw["quad"]
    if "near" not in values:
        values.pop("km", None)
    return db.filter(**values)


def _settings(ctx: click.Context) -> Any:
    from ..settings import load_settings

    return load_settings(ctx.find_root().obj)


def _open(ctx: click.Context, path: str) -> Any:
    from ..store import open as open_store

    return open_store(path, settings=_settings(ctx))


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for inputs that give none.")
@click.option("--batch-size", type=int, default=64, show_default=True,
              help="Articles per transaction (a kill loses at most one batch of work).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def ingest(ctx: click.Context, sources: tuple[str, ...], db: str, published: str | None,
           batch_size: int, quiet: bool) -> None:
    """Run the pipeline over SOURCES into the database: articles, mentions, actors, events, quotes,
    places, times, rejections and a runs row. Idempotent and resumable: stored articles (same
    content id) and finished input files are skipped, so a killed run is simply started again."""
    from .. import __version__
    from ..store import ingest as run_ingest
    from ..store.filters import parse_day

    _writable_db(db)
    day = parse_day(published, "--published")
    published = day.isoformat() if day else None
    settings = _settings(ctx)
    if quiet:
        summary = run_ingest(list(sources), db, settings=settings, published=published,
                             batch_size=batch_size, version=__version__)
    else:
        summary = _with_progress(sources, lambda cb: run_ingest(
            list(sources), db, settings=settings, published=published, batch_size=batch_size,
            on_progress=cb, version=__version__))
    click.echo(_summary_line(summary, db), err=True)
    if summary.articles_read == 0 and summary.inputs_skipped == 0:
        click.echo("error: no input could be read (see the rejections table for why)", err=True)
        ctx.exit(1)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_db_option
@click.option("--batch-size", type=int, default=256, show_default=True, help="Articles per transaction.")
@click.pass_context
def load(ctx: click.Context, sources: tuple[str, ...], db: str, batch_size: int) -> None:
    """Store finished output into the database: `eventwire run` folders (Parquet) and `extract`
    output (JSON, JSON Lines). Idempotent like ingest: an article already stored is skipped."""
    from .. import __version__
    from ..store import load as run_load

    _writable_db(db)
    summary = run_load(list(sources), db, settings=_settings(ctx), batch_size=batch_size, version=__version__)
    click.echo(_summary_line(summary, db), err=True)
    if summary.articles_read == summary.rejections == summary.inputs_skipped == 0:
        click.echo("error: no article found in the sources", err=True)
        ctx.exit(1)


def _writable_db(db: str) -> None:
    if Path(db).is_dir():
        raise StoreError(f"{db} is a folder; --db of ingest and load takes a database file such as events.duckdb")


def _with_progress(sources: Sequence[str], work: Callable[[Callable[[Any], None]], Any]) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(),
               TextColumn("{task.completed}/{task.total} inputs"),
               TextColumn("{task.fields[articles]} articles ({task.fields[rate]:.1f}/s)"),
               TextColumn("{task.fields[new]} new, {task.fields[skipped]} skipped, "
                          "{task.fields[rejected]} rejected"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("ingest", total=len(sources), articles=0, rate=0.0, new=0, skipped=0,
                            rejected=0)

        def update(p: Any) -> None:
            bar.update(task, completed=p.inputs_done, articles=p.articles_read,
                       rate=p.articles_read / max(p.elapsed, 1e-6), new=p.articles_new,
                       skipped=p.articles_skipped, rejected=p.rejections)

        return work(update)


def _summary_line(s: Any, db: str) -> str:
    share = (s.seconds_store + s.seconds_dedupe) / max(s.seconds_pipeline, 1e-9)
    return (f"{db}: run {s.run_id}: {s.articles_read} articles read, {s.articles_new} new, "
            f"{s.articles_skipped} already stored, {s.rejections} rejected, {s.events_new} new events, "
            f"{s.clusters} event clusters; {s.inputs_skipped} inputs already done; "
            f"{s.seconds_total:.1f}s ({s.articles_read / max(s.seconds_total, 1e-9):.1f} articles/s, "
            f"store {share:.1%} of pipeline time)")


_EVENT_COLUMNS = ("day", "source_code", "cameo", "plover", "target_code", "mode", "place_name",
                  "confidence", "sentence")


@click.command()
@_db_option
@_filter_options
@_format_option
@click.pass_context
def events(ctx: click.Context, db: str, fmt: str, **kw: Any) -> None:
    """Query stored events (one row per event mention; the table shows 50 unless --limit)."""
    import dataclasses

    with _open(ctx, db) as store:
        spec = _filter(store, kw)
        if fmt == "table" and spec.limit is None:
            spec = dataclasses.replace(spec, limit=50)
        rows = store.event_rows(spec)
    _emit(rows, fmt, _EVENT_COLUMNS, title=f"{len(rows)} events")


_CLUSTER_COLUMNS = ("id", "first_day", "last_day", "source_code", "cameo", "plover", "target_code",
                    "place_name", "num_articles", "num_sources", "num_mentions", "fatalities")


@click.command()
@_db_option
@_filter_options
@click.option("--min-articles", type=int, default=1, show_default=True,
              help="Only events reported by at least this many articles.")
@click.option("--sentences", is_flag=True, help="Add every supporting sentence (json format).")
@_format_option
@click.pass_context
def clusters(ctx: click.Context, db: str, fmt: str, min_articles: int, sentences: bool, **kw: Any) -> None:
    """Deduplicated events: the same event reported by several articles or outlets is one row,
    with GDELT-style counts (articles, sources, mentions) and first/last seen."""
    import dataclasses

    with _open(ctx, db) as store:
        found = store.clusters(_filter(store, kw), min_articles=min_articles)
        rows = [dataclasses.asdict(c) for c in found]
        if sentences:
            for row in rows:
                row["sentences"] = store.cluster_sentences(row["id"])
    _emit(rows, fmt, _CLUSTER_COLUMNS, title=f"{len(rows)} event clusters")


@click.command()
@_db_option
@click.option("--like", help="Code prefix, id, or part of the name.")
@click.option("--limit", type=int, default=50, show_default=True)
@_format_option
@click.pass_context
def actors(ctx: click.Context, db: str, like: str | None, limit: int, fmt: str) -> None:
    """Actors in the database, most active first."""
    import dataclasses

    with _open(ctx, db) as store:
        rows = [{**dataclasses.asdict(a.actor), "mentions": a.mentions, "articles": a.articles,
                 "as_source": a.as_source, "as_target": a.as_target} for a in store.actors(like, limit)]
    _emit(rows, fmt, ("code", "name", "type", "country", "id", "mentions", "articles", "as_source",
                      "as_target"), title=f"{len(rows)} actors")


@click.command()
@_db_option
@click.option("--source", help="Only this outlet.")
@click.option("--since", metavar="YYYY-MM-DD")
@click.option("--until", metavar="YYYY-MM-DD")
@click.option("--limit", type=int, default=50, show_default=True)
@_format_option
@click.pass_context
def articles(ctx: click.Context, db: str, source: str | None, since: str | None, until: str | None,
             limit: int, fmt: str) -> None:
    """Stored articles (metadata; the Python API gives whole records)."""
    with _open(ctx, db) as store:
        rows = store.articles(source=source, since=since, until=until, limit=limit)
    _emit(rows, fmt, ("id", "published", "source", "n_events", "headline"), title=f"{len(rows)} articles")


@click.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True)
@click.option("--profile", type=click.Choice(["native", "gdelt", "acled"]), default="native",
              show_default=True, help="native: every field per event mention; gdelt/acled: one row "
              "per deduplicated event with those datasets' column names.")
@_filter_options
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.pass_context
def export(ctx: click.Context, db: str, fmt: str, profile: str, output: str, **kw: Any) -> None:
    """Export events to JSON Lines, CSV or Parquet, with a codebook written beside the file."""
    from ..export import export as run_export

    with _open(ctx, db) as store:
        result = run_export(store, output, fmt=fmt, profile=profile, spec=_filter(store, kw))
    click.echo(f"{result.path}: {result.rows} rows, {result.bytes} bytes ({profile}, {fmt}); "
               f"codebook {result.codebook}", err=True)


def _emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str], *, title: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, default=str, indent=1))
    elif fmt == "csv":
        names = list(rows[0]) if rows else list(columns)
        writer = csv.DictWriter(sys.stdout, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in r.items()} for r in rows)
    else:
        _table(rows, columns, title)


def _cell(value: Any) -> Any:
    return json.dumps(value, default=str) if isinstance(value, (list, dict)) else value


def _table(rows: list[dict[str, Any]], columns: Sequence[str], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for name in columns:
        table.add_column(name, overflow="fold", max_width=60 if name == "sentence" else None)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console().print(table)


@click.command()
@_db_option
@_format_option
@click.pass_context
def runs(ctx: click.Context, db: str, fmt: str) -> None:
    """The database's runs (status, counts, timings) and its table sizes."""
    with _open(ctx, db) as store:
        rows = store.runs()
        counts = store.counts()
    _emit(rows, fmt, ("id", "command", "status", "started_at", "articles_read", "articles_new",
                      "rejections", "events_new", "seconds_total"), title=f"{len(rows)} runs")
    if fmt == "table":
        click.echo(", ".join(f"{n} {t}" for t, n in counts.items()))


COMMANDS = [ingest, load, events, clusters, actors, articles, export, runs]

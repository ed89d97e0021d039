"""`eventwire serve`: the HTTP API and web explorer over a database (docs/serve.md)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--db", default="events.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="The DuckDB database file (read-only; an ingest may write it meanwhile).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default serves this machine only.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--no-extract", is_flag=True,
              help="Do not load the model: POST /api/v1/extract answers 503, startup is instant.")
@click.option("--max-chars", type=click.IntRange(1), default=100_000, show_default=True,
              help="Longest text POST /api/v1/extract accepts.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True)
@click.pass_context
def serve(ctx: click.Context, db: str, host: str, port: int, no_extract: bool, max_chars: int,
          log_level: str) -> None:
    """Serve the JSON API (/api/v1/) and the web explorer for DB at http://HOST:PORT/."""
    from ..serve import run
    from ..settings import load_settings

    if not Path(db).exists():
        click.echo(f"warning: {db} does not exist yet; pages will say so until "
                   f"`eventwire ingest ... --db {db}` creates it", err=True)
    click.echo(f"eventwire: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(db, host=host, port=port, settings=load_settings(ctx.find_root().obj),
        extract_text=not no_extract, max_chars=max_chars, log_level=log_level)


COMMANDS = [serve]

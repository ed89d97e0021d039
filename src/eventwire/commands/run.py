"""`eventwire run`: the pipeline over a large corpus into a Parquet folder, locally or on Ray."""

from __future__ import annotations

import click


@click.command("run")
@click.option("--input", "inputs", multiple=True, required=True, metavar="PATTERN",
              help="Files, folders or quoted globs (`**` and `{a,b}` understood); repeatable.")
@click.option("--output", required=True, type=click.Path(file_okay=False),
              help="Folder for Parquet output, partitioned by publication day (created if needed).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: worker processes on this machine; ray: Ray Data actors (eventwire[ray]).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes or Ray actors, each loading the model once "
                   "[default: this machine's CPUs; ray: the cluster's CPUs].")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for inputs that give none.")
@click.option("--slice-mb", type=click.IntRange(min=1), default=32, show_default=True,
              help="JSON Lines files larger than this are cut into shards of this size.")
@click.option("--ray-address", metavar="ADDR", help="Ray cluster to join (default: RAY_ADDRESS, else a local Ray).")
@click.option("--quiet", is_flag=True, help="Print only the summary line.")
@click.pass_context
def run_command(ctx: click.Context, inputs: tuple[str, ...], output: str, engine: str, workers: int | None,
                published: str | None, slice_mb: int, ray_address: str | None, quiet: bool) -> None:
    """Run the pipeline over INPUTS into the Parquet folder OUTPUT. Each input file (or slice of a
    large JSON Lines file) is a shard; a shard done is never redone, so a killed run started again
    only does the rest. Load the result with `eventwire load OUTPUT --db events.duckdb`."""
    from .. import __version__
    from ..cli import _check_date, _settings
    from ..scale import run

    done = 0

    def progress(result) -> None:  # type: ignore[no-untyped-def]
        nonlocal done
        done += 1
        if not quiet:
            click.echo(f"[{done}] {result.input}: {result.articles} articles, {result.rejections} "
                       f"rejected, {result.events} events, {result.seconds:.1f}s", err=True)

    summary = run(list(inputs), output, engine=engine, workers=workers,
                  settings=_settings(ctx), published=_check_date(published),
                  slice_bytes=slice_mb * 1024 * 1024, ray_address=ray_address, version=__version__,
                  on_result=progress)
    for missing in summary.missing:
        click.echo(missing.message(), err=True)
    click.echo(f"{output}: {summary.shards_run} shards run, {summary.shards_skipped} already done, "
               f"{summary.articles} articles, {summary.events} events, {summary.rejections} rejected, "
               f"{summary.seconds:.1f}s ({summary.engine}, {summary.workers} workers)", err=True)
    if summary.shards == 0:
        click.echo("error: no input file found", err=True)
        ctx.exit(1)


COMMANDS = [run_command]

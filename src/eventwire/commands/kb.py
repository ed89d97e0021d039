"""`eventwire kb validate FILE` and `eventwire kb stats`: the actor knowledge base."""

from __future__ import annotations

import json

import click


@click.group("kb")
def kb() -> None:
    """The actor knowledge base (countries, organisations, armed groups, people); see docs/kb.md."""


@kb.command("validate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def validate(file: str) -> None:
    """Check a KB overlay FILE (JSON Lines); print each bad entry as file:line: problem.
    Exit code 1 when any entry is bad."""
    from ..actors.kb import validate_file

    problems = validate_file(file)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"{file}: ok")


@kb.command("stats")
@click.option("--overlay", type=click.Path(exists=True, dir_okay=False),
              help="Include this overlay file (default: the kb_overlay setting).")
@click.pass_context
def stats(ctx: click.Context, overlay: str | None) -> None:
    """Print the size of the knowledge base as JSON."""
    from ..actors.kb import load_kb
    from ..actors.kb import stats as kb_stats
    from ..settings import load_settings

    path = overlay or load_settings(ctx.find_root().obj).kb_overlay
    click.echo(json.dumps(kb_stats(load_kb(path)), indent=2))


COMMANDS = [kb]

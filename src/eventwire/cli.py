"""The `eventwire` command line: each command a thin wrapper over a library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EventwireError
from .model import Article, Mention, Rejection
from .settings import Settings, load_settings


class _Group(click.Group):
    """Turns eventwire's own errors into one clear line on stderr, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file (default: ./eventwire.toml if present).")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """eventwire: political event data from news — who did what to whom, where, when, and
    according to whom, each event traced to its sentence."""
    ctx.obj = config


def _settings(ctx: click.Context) -> Settings:
    return load_settings(ctx.find_root().obj)


def _write_rejection(rejection: Rejection) -> None:
    click.echo(rejection.message(), err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True,
              help="json: one document {eventwire, articles}; jsonl: one article per line.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for inputs that give none.")
@click.pass_context
def extract(ctx: click.Context, inputs: tuple[str, ...], fmt: str, published: str | None) -> None:
    """Extract articles and events from INPUTS (files, directories, globs, or - for stdin) and
    print the output contract as JSON on stdout. Unreadable inputs are reported on stderr as
    `input: reason`; the exit code is non-zero only when no input could be read."""
    from .pipeline import extract_inputs

    published = _check_date(published)
    count = 0
    for item in extract_inputs(inputs, published=published, settings=_settings(ctx)):
        if isinstance(item, Rejection):
            _write_rejection(item)
            continue
        line = json.dumps(item.to_dict(), ensure_ascii=False)
        if fmt == "jsonl":
            sys.stdout.write(line + "\n")
        else:  # the header waits for the first article, so an early error leaves no half document
            sys.stdout.write((",\n" if count else _json_header()) + line)
        count += 1
    if fmt == "json":
        sys.stdout.write((_json_header() if not count else "\n") + "]}\n")
    if count == 0:
        click.echo("error: no input could be read", err=True)
        ctx.exit(1)


def _json_header() -> str:
    return f'{{"eventwire": {json.dumps(__version__)}, "articles": [\n'


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint="--published") from exc


@cli.command()
@click.pass_context
def info(ctx: click.Context) -> None:
    """Print versions, the spaCy model and the current settings."""
    import spacy

    from .pipeline import pending_stages

    settings = _settings(ctx)
    data = {
        "eventwire": __version__,
        "python": sys.version.split()[0],
        "spacy": spacy.__version__,
        "settings": settings.as_dict(),
        "settings_digest": settings.digest(),
        "stages_not_built": pending_stages(),
    }
    try:
        from .nlp import build_nlp

        meta = build_nlp(settings).meta
        data["model"] = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    except EventwireError as exc:
        data["model"] = f"unavailable: {exc}"
    click.echo(json.dumps(data, indent=2))


@cli.command()
@click.option("--corpus", type=click.Path(exists=True, file_okay=False), default="samples", show_default=True,
              help="Folder of articles to run on.")
@click.option("--output", type=click.Path(file_okay=False), default="demo-out", show_default=True,
              help="Folder to write the results to.")
@click.pass_context
def demo(ctx: click.Context, corpus: str, output: str) -> None:
    """Run the pipeline on the bundled sample corpus and say where the results are."""
    from .pipeline import extract_inputs

    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    articles: list[Article] = []
    for item in extract_inputs([corpus], settings=_settings(ctx)):
        if isinstance(item, Rejection):
            _write_rejection(item)
        else:
            articles.append(item)
    path = out / "articles.json"
    doc = {"eventwire": __version__, "articles": [a.to_dict() for a in articles]}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(_summary(articles))
    click.echo(f"\nThe full output (the contract of docs/output.md) is in {path}")


def _summary(articles: list[Article]) -> str:
    lines = [f"{len(articles)} articles, {sum(len(a.events) for a in articles)} events"]
    for a in articles:
        coded = [e for e in a.events if e.action.plover]  # plain "X said" statements are not listed
        lines.append(f"\n# {a.headline or a.ref}  ({a.published or 'undated'}; {len(a.events)} events, "
                     f"{len(a.quotes)} quotes, {len(a.places)} places)")
        for e in coded[:10]:
            extra = f" @{e.place.name}" if e.place else ""
            extra += f" killed={e.fatalities}" if e.fatalities else ""
            lines.append(f"  {_who(e.source):>16} {e.action.cameo:>4} {e.action.plover:<9} "
                         f"{_who(e.target):<16} {e.mode:<9} {e.action.text[:28]!r}{extra}")
        if len(coded) > 10:
            lines.append(f"  ... {len(coded) - 10} more")
        for w in dict.fromkeys(a.warnings):
            lines.append(f"  warning: {w}")
    return "\n".join(lines)


def _who(mention: Mention | None) -> str:
    if mention is None:
        return "-"
    return mention.actor.code if mention.actor else mention.text[:16]


def main() -> None:
    cli(prog_name="eventwire")


def _register() -> None:
    from .commands import all_commands

    for command in all_commands():
        cli.add_command(command)


_register()

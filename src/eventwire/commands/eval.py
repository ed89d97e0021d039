"""`eventwire eval DATASET`: accuracy and time per stage on annotated data (docs/eval.md)."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("eval")
@click.argument("dataset")
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N items of each dataset.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON document.")
@click.option("--errors", is_flag=True, help="List misses and false positives with their sentence.")
@click.option("--output", type=click.Path(dir_okay=False), help="Also write the JSON results to this file.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, exists=True),
              help="Folder of the shared development sets (default: ../shared/eval when present).")
@click.pass_context
def eval_command(ctx: click.Context, dataset: str, limit: int | None, as_json: bool, errors: bool,
                 output: str | None, data_dir: str | None) -> None:
    """Score the pipeline on DATASET: plover-gsr, confli-class, confli-spans, lgl, geovirus,
    gold:FILE (the project's gold format), or all (every dataset present plus eval/gold/*.jsonl).
    Prints precision, recall and F1 per stage and seconds per stage."""
    from ..cli import _settings
    from ..evaluate import format_errors, format_table, results_document, run_all, write_results
    from ..evaluate.runner import check, default_data_dir
    from ..pipeline import Extractor

    data = Path(data_dir) if data_dir else default_data_dir()
    check(dataset, data)
    settings = _settings(ctx)
    extractor = Extractor(settings)
    results = run_all(dataset, extractor, data_dir=data, limit=limit)
    command = "eventwire eval " + dataset + (f" --limit {limit}" if limit else "")
    document = results_document(results, command=command, settings_digest=settings.digest(),
                                with_errors=errors)
    if output:
        write_results(results_document(results, command=command, settings_digest=settings.digest()), output)
    if as_json:
        click.echo(json.dumps(document, indent=1, ensure_ascii=False))
        return
    click.echo(format_table(results), nl=False)
    if errors:
        click.echo("\n" + format_errors(results))
    if output:
        click.echo(f"results written to {output}")


COMMANDS = [eval_command]

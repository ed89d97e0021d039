"""The actor KB: shipped files load and validate, overlays are checked line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.actors.kb import load_kb, norm, read_countries, stats, validate_file
from eventwire.actors.records import Term
from eventwire.cli import cli
from eventwire.errors import ConfigError

DATA = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "actors" / "data"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.jsonl")))
def test_shipped_files_validate(name: str) -> None:
    assert validate_file(DATA / name) == []


def test_countries_table_is_complete() -> None:
    countries = read_countries((DATA / "countries.tsv").read_text(encoding="utf-8"))
    codes = {c.iso3 for c in countries}
    assert len(codes) == len(countries) >= 249
    assert {"TUR", "SYR", "PSE", "XKX", "TWN", "SSD"} <= codes
    by = {c.iso3: c for c in countries}
    assert "Türkiye" in by["TUR"].aliases and "Ankara" in [s for s, _ in by["TUR"].seats]
    assert "Emirati" in by["ARE"].adjectives and "Belarusian" in by["BLR"].adjectives


def test_kb_size_meets_the_issue() -> None:
    figures = stats(load_kb(None))
    assert figures["countries"] >= 249
    assert figures["igos"] >= 30
    assert figures["armed_groups"] >= 100
    assert figures["people"] >= 500


def test_g20_and_conflict_heads_are_known_on_a_date() -> None:
    kb = load_kb(None)
    for iso3 in ("USA", "RUS", "CHN", "TUR", "SYR", "UKR", "ISR", "IRN", "SDN", "AFG", "IND", "BRA"):
        assert kb.holders(iso3, "president", "2023-06-01") or kb.holders(
            iso3, "prime minister", "2023-06-01") or kb.holders(iso3, "supreme leader", "2023-06-01"), iso3


def test_norm_folds_accents_case_possessives_and_the() -> None:
    assert norm("the Kremlin's") == "kremlin"
    assert norm("Türkiye") == "turkiye"
    assert norm("U.S.") == "us"
    assert norm("Belarus\u2019") == "belarus"


def test_term_dates_with_partial_precision() -> None:
    term = Term("TUR", "GOV", "president", "2014-08", "2023")
    assert term.active("2014-08-01") and term.active("2023-12-31")
    assert not term.active("2014-07-31") and not term.active("2024-01-01")


def _overlay(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "overlay.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"id": "blue-militia", "name": "Blue Militia", "type": "armed_group",
                   "country": "SYR", "role": "REB", "aliases": ["Blue Brigade"]})


def test_overlay_adds_actors(tmp_path: Path) -> None:
    kb = load_kb(str(_overlay(tmp_path, [GOOD])))
    hit = kb.lookup("Blue Brigade")[0]
    assert hit.entry is not None and hit.entry.actor().code == "SYRREB"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "x", "name": "X", "type": "militia"}', "type 'militia'"),
        ('{"id": "x", "name": "X", "type": "armed_group", "country": "XYZ"}', "country 'XYZ'"),
        ('{"id": "x", "name": "X", "type": "armed_group", "role": "BAD"}', "role 'BAD'"),
        ('{"id": "Bad Id", "name": "X", "type": "ngo"}', "id 'Bad Id'"),
        ('{"id": "x", "type": "ngo"}', "'name'"),
        ('{"id": "x", "name": "X", "type": "person", "terms": [["TUR", "GOV", "", "2020-13", null]]}', "start"),
        ('{"id": "x", "name": "X", "type": "person", "terms": [["TUR", "GOV", "", "2020", "2019"]]}', "ends"),
        ('{"id": "x", "name": "X", "type": "ngo", "colour": "red"}', "unknown field"),
        ('{"id": "x", "name": "X", "type": "ngo", "aliases": "X"}', "aliases"),
    ],
)
def test_bad_overlay_names_file_line_and_problem(tmp_path: Path, line: str, problem: str) -> None:
    path = _overlay(tmp_path, [GOOD, line])
    with pytest.raises(ConfigError) as err:
        load_kb(str(path))
    message = str(err.value)
    assert f"{path}:2:" in message and problem in message


def test_validate_lists_every_problem_and_duplicates(tmp_path: Path) -> None:
    path = _overlay(tmp_path, [GOOD, "[1, 2]", GOOD])
    problems = validate_file(path)
    assert len(problems) == 2
    assert problems[0].startswith(f"{path}:2:") and "duplicate id" in problems[1]


def test_kb_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["kb", "validate", str(_overlay(tmp_path, [GOOD]))])
    assert ok.exit_code == 0 and "ok" in ok.output
    bad = runner.invoke(cli, ["kb", "validate", str(_overlay(tmp_path, ["{oops"]))])
    assert bad.exit_code == 1 and "overlay.jsonl:1: not valid JSON" in bad.output
    out = runner.invoke(cli, ["kb", "stats"])
    assert out.exit_code == 0 and json.loads(out.output)["people"] >= 500

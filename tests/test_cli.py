from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from eventwire.cli import cli


def test_extract_reports_bad_input_and_goes_on(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Turkish artillery shelled positions near Manbij on Friday.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "missing.txt"), str(good)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["articles"]) == 1
    assert "missing.txt" in result.stderr


def test_extract_fails_when_nothing_readable(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_version_matches_package() -> None:
    import eventwire

    out = subprocess.run([sys.executable, "-m", "eventwire", "--version"], capture_output=True, text=True)
    assert eventwire.__version__ in out.stdout


def test_bad_published_date_is_a_clear_error(tmp_path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Text.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(good), "--published", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output

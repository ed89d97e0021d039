"""`eventwire load` and the query commands on `eventwire run` output, over the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True, text=True,
                          timeout=600, cwd=ROOT)


def test_run_output_loads_once_and_is_queryable_as_a_folder(tmp_path) -> None:
    out = tmp_path / "out"
    done = _cli("run", "--input", str(ROOT / "samples"), "--output", str(out), "--workers", "1", "--quiet")
    assert done.returncode == 0, done.stderr
    db = tmp_path / "events.duckdb"
    first = _cli("load", str(out), "--db", str(db))
    assert first.returncode == 0, first.stderr
    again = _cli("load", str(out), "--db", str(db))
    assert again.returncode == 0 and " 0 new" in again.stderr, again.stderr
    from_db = json.loads(_cli("events", "--db", str(db), "--format", "json").stdout)
    from_folder = json.loads(_cli("events", "--db", str(out), "--format", "json").stdout)
    assert from_db and len(from_db) == len(from_folder)
    assert {e["sentence"] for e in from_db} == {e["sentence"] for e in from_folder}


def test_ingest_refuses_a_folder_as_database(tmp_path) -> None:
    done = _cli("ingest", str(ROOT / "samples"), "--db", str(tmp_path))
    assert done.returncode == 2
    assert "is a folder" in done.stderr and "Traceback" not in done.stderr

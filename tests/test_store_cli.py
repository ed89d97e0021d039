"""The database commands through the real CLI (click's runner, no subprocess)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import eventwire.store as store
from eventwire.cli import cli
from eventwire.store import dedupe
from tests.test_store import _corpus


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with store.Store(path) as s:
        s.add(_corpus())
        dedupe.recompute(s.con, days=2, km=50.0)
    return str(path)


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    return result


def test_events_json_with_filters(db):
    result = _run("events", "--db", db, "--actor", "TUR", "--type", "ASSAULT", "--near", "Manbij",
                  "--km", "20", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 3 and {r["place_name"] for r in rows} == {"Manbij"}
    assert all(r["cluster_id"] for r in rows)


def test_events_csv_and_table(db):
    result = _run("events", "--db", db, "--country", "UA", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(result.output)))
    assert row["source_code"] == "RUSGOV" and row["place_name"] == "Kharkiv"
    table = _run("events", "--db", db, "--since", "2022-03-01")
    assert table.exit_code == 0 and "2 events" in table.output


def test_clusters_actors_articles(db):
    clusters = json.loads(_run("clusters", "--db", db, "--min-articles", "2", "--sentences",
                               "--format", "json").output)
    assert [(c["num_articles"], len(c["sentences"])) for c in clusters] == [(2, 2)]
    actors = json.loads(_run("actors", "--db", db, "--format", "json").output)
    assert actors[0]["code"] == "TURMIL"
    articles = json.loads(_run("articles", "--db", db, "--source", "AP", "--format", "json").output)
    assert len(articles) == 3


def test_export_writes_file_and_codebook(db, tmp_path):
    out = tmp_path / "acled.csv"
    result = _run("export", "--db", db, "--format", "csv", "--profile", "acled", "--actor", "TURMIL",
                  "--output", str(out))
    assert result.exit_code == 0, result.output
    assert len(list(csv.DictReader(out.open()))) == 3
    assert (tmp_path / "acled.csv.codebook.md").exists()


def test_errors_are_one_clear_line(db, tmp_path):
    missing = _run("events", "--db", str(tmp_path / "none.duckdb"))
    assert missing.exit_code == 2 and "no such database" in missing.output
    bad = _run("events", "--db", db, "--since", "yesterday")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    assert "Traceback" not in missing.output + bad.output


def test_runs_lists_runs_and_table_sizes(db):
    with store.Store(db) as s:
        from eventwire.settings import Settings

        s.finish_run(s.start_run(command="ingest", sources=["x"], settings=Settings(), version="t"),
                     "finished", {"articles_new": 5})
    rows = json.loads(_run("runs", "--db", db, "--format", "json").output)
    assert [(r["status"], r["articles_new"]) for r in rows] == [("finished", 5)]
    assert "5 articles, 6 events" in _run("runs", "--db", db).output


def test_quad_on_events_clusters_and_export(db, tmp_path):
    events = json.loads(_run("events", "--db", db, "--quad", "4", "--format", "json").output)
    assert len(events) == 5 and {r["quad_class"] for r in events} == {4}
    assert json.loads(_run("events", "--db", db, "--quad", "1", "--quad", "3", "--format", "json").output) == []
    clusters = json.loads(_run("clusters", "--db", db, "--quad", "2", "--format", "json").output)
    assert [c["cameo_root"] for c in clusters] == ["12"]
    out = tmp_path / "gdelt.csv"
    result = _run("export", "--db", db, "--profile", "gdelt", "--format", "csv", "--quad", "3,4",
                  "--output", str(out))
    assert result.exit_code == 0, result.output
    assert {r["QuadClass"] for r in csv.DictReader(out.open())} == {"4"}
    bad = _run("events", "--db", db, "--quad", "5")
    assert bad.exit_code == 2 and "QuadClass" in bad.output and "Traceback" not in bad.output
    typo = _run("events", "--db", db, "--type", "19;--")
    assert typo.exit_code == 2 and "PLOVER" in typo.output

"""Exports: three formats x three profiles, codebooks beside them, filters applied."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

import eventwire.store as store
from eventwire.errors import StoreError
from eventwire.export import CODEBOOKS, codebook_path, export
from eventwire.store import dedupe
from tests.test_store import _corpus


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with store.Store(path) as s:
        s.add(_corpus())
        dedupe.recompute(s.con, days=2, km=50.0)
    with store.open(path) as opened:
        yield opened


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("profile", ["native", "gdelt", "acled"])
def test_every_format_and_profile_writes_rows_and_a_codebook(db, tmp_path, fmt, profile):
    out = tmp_path / f"{profile}.{fmt}"
    result = export(db, out, fmt=fmt, profile=profile)
    expected = {"native": 6, "gdelt": 5, "acled": 4}[profile]
    assert result.rows == expected and result.bytes == out.stat().st_size > 0
    rows = duckdb.sql(f"SELECT * FROM '{out}'").fetchall() if fmt == "parquet" else None
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
    elif fmt == "csv":
        with out.open() as fh:
            rows = list(csv.DictReader(fh))
    assert len(rows) == expected
    book = codebook_path(out).read_text()
    assert f"{profile} profile" in book and f"rows: {expected}" in book
    for column in CODEBOOKS[profile]:
        assert f"| {column} |" in book


def test_gdelt_profile_uses_gdelt_names_and_cluster_counts(db, tmp_path):
    out = tmp_path / "g.jsonl"
    export(db, out, profile="gdelt", spec=db.filter(actor="TURMIL"))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    top = max(rows, key=lambda r: r["NumArticles"])
    assert (top["NumArticles"], top["NumSources"], top["NumMentions"]) == (2, 2, 2)
    assert top["SQLDATE"] == 20220203 and top["EventRootCode"] == "19" and top["QuadClass"] == 4
    assert top["Actor1Code"] == "TURMIL" and top["Actor2Code"] == "SYRREB"
    assert top["ActionGeo_FullName"] == "Manbij, Aleppo, Syrian Arab Republic"


def test_acled_profile_keeps_only_acled_types_with_acled_columns(db, tmp_path):
    out = tmp_path / "a.csv"
    export(db, out, fmt="csv", profile="acled", spec=db.filter(country="UA"))
    with out.open() as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["disorder_type"] == "Political violence"
    assert (row["country"], row["iso"], row["location"]) == ("Ukraine", "804", "Kharkiv")
    assert row["fatalities"] == "3" and row["actor1"] == "Russia"


def test_filters_restrict_native_rows(db, tmp_path):
    out = tmp_path / "n.jsonl"
    result = export(db, out, spec=db.filter(near="Manbij", km=10))
    assert result.rows == 3
    assert {json.loads(line)["place_name"] for line in out.read_text().splitlines()} == {"Manbij"}


def test_quad_filter_and_paging_reach_every_profile(db, tmp_path):
    everything = export(db, tmp_path / "all.jsonl", spec=db.filter()).rows
    out = tmp_path / "q.jsonl"
    result = export(db, out, spec=db.filter(quad=[2]))
    assert 0 < result.rows < everything
    assert {json.loads(line)["quad_class"] for line in out.read_text().splitlines()} == {2}
    book = (tmp_path / "q.jsonl.codebook.md").read_text()
    assert "filters: {'quad': (2,)}" in book
    gdelt = tmp_path / "g.csv"
    assert export(db, gdelt, fmt="csv", profile="gdelt", spec=db.filter(quad=[4], limit=1, offset=1)).rows == 1
    assert {r["QuadClass"] for r in csv.DictReader(gdelt.open())} == {"4"}


def test_unknown_format_or_profile_is_refused(db, tmp_path):
    with pytest.raises(StoreError, match="choose one of"):
        export(db, tmp_path / "x.xml", fmt="xml")
    with pytest.raises(StoreError, match="choose one of"):
        export(db, tmp_path / "x.csv", fmt="csv", profile="icews")

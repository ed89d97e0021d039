"""Loading finished output (JSON Lines, JSON, Parquet) into a database, idempotently."""

from __future__ import annotations

import json

import duckdb
import pytest

import eventwire.store as store
from eventwire.errors import StoreError
from eventwire.model import to_dict
from tests.test_store import _corpus


def _write_outputs(folder):
    corpus = _corpus()
    folder.mkdir()
    (folder / "part-0.jsonl").write_text(
        "\n".join(json.dumps(to_dict(a)) for a in corpus[:2])
        + "\n" + json.dumps({"input": "x.pdf", "reason": "not text", "code": "binary"}) + "\n",
        encoding="utf-8")
    (folder / "part-1.json").write_text(json.dumps({"eventwire": "0", "articles": [to_dict(corpus[2])]}),
                                        encoding="utf-8")
    staging = folder / "staging.jsonl"
    staging.write_text("\n".join(json.dumps(to_dict(a)) for a in corpus[3:]) + "\n", encoding="utf-8")
    duckdb.sql(f"COPY (SELECT * FROM read_json('{staging}', format='newline_delimited')) "
               f"TO '{folder / 'part-2.parquet'}' (FORMAT parquet)")
    staging.unlink()
    return corpus


def test_load_reads_jsonl_json_and_parquet_and_round_trips(tmp_path):
    corpus = _write_outputs(tmp_path / "out")
    db = tmp_path / "l.duckdb"
    summary = store.load([tmp_path / "out"], db)
    assert (summary.articles_new, summary.rejections, summary.inputs) == (5, 1, 3)
    with store.open(db) as s:
        for original in corpus:
            assert s.article(original.id) == original
        assert s.clusters(min_articles=2)[0].num_articles == 2
    again = store.load([tmp_path / "out"], db)
    assert (again.articles_new, again.inputs_skipped) == (0, 3)


def test_load_explains_bad_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.jsonl:1: not JSON"):
        store.load([bad], tmp_path / "b.duckdb")
    with pytest.raises(StoreError, match="no such file"):
        store.load([tmp_path / "missing"], tmp_path / "b.duckdb")

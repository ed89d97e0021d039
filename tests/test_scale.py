"""`eventwire run` (local engine): shards, Parquet output, resumption after kill -9, loading."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.model import Article, Document, Rejection
from eventwire.scale import plan, run
from eventwire.scale.folder import connect, database
from eventwire.scale.parquet import publication_day, remove_shard_output, write_articles
from eventwire.scale.shards import expand_braces, expand_inputs, plan_shards, read_shard
from eventwire.settings import Settings
from eventwire.store.load import read_records

from .test_scale_support import write_files

ROOT = Path(__file__).resolve().parents[1]
EVENTWIRE = [sys.executable, "-m", "eventwire"]


def test_braces_expand_like_a_shell():
    assert expand_braces("c/**/*.{jsonl,warc.gz,html}") == ["c/**/*.jsonl", "c/**/*.warc.gz", "c/**/*.html"]
    assert expand_braces("{a,b}/{x,y}") == ["a/x", "a/y", "b/x", "b/y"]
    assert expand_braces("plain/*.txt") == ["plain/*.txt"]


def test_inputs_expand_globs_dirs_and_report_missing(tmp_path):
    write_files(tmp_path / "c" / "deep", files=2, per_file=1)
    (tmp_path / "c" / "page.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "c" / ".hidden.jsonl").write_text("{}\n")
    files, missing = expand_inputs([f"{tmp_path}/c/**/*.{{jsonl,html}}", str(tmp_path / "c"), "nope/*.x"])
    names = sorted(p.name for p in files)
    assert names == ["page.html", "part-000.jsonl", "part-001.jsonl"]  # each once, hidden skipped
    assert [m.input for m in missing] == ["nope/*.x"]


def test_jsonl_slices_cover_every_line_once(tmp_path):
    ids = write_files(tmp_path, files=1, per_file=40)
    path = tmp_path / "part-000.jsonl"
    for slice_bytes in (97, 500, 1024, path.stat().st_size, 10**9):
        shards = plan_shards([path], slice_bytes=slice_bytes)
        seen = [d.ref for s in shards for d in read_shard(s, published=None, settings=Settings())
                if isinstance(d, Document)]
        assert seen == ids, slice_bytes
        assert len({s.id for s in shards}) == len(shards)


def test_slices_report_broken_lines(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "Troops attacked the town on Monday."}\n{broken\n' * 3)
    shards = plan_shards([path], slice_bytes=40)
    items = [i for s in shards for i in read_shard(s, published=None, settings=Settings())]
    assert sum(isinstance(i, Rejection) for i in items) == 3
    assert sum(isinstance(i, Document) for i in items) == 3


@pytest.mark.model
def test_parquet_rows_read_back_as_the_same_articles(tmp_path, extractor):
    texts = ["Turkish artillery shelled Kurdish positions near Tal Abyad on Monday, a monitor said.",
             "Russian Foreign Minister Sergei Lavrov met his Iranian counterpart in Moscow on Friday."]
    articles = [extractor.extract_text(texts[0], published="2024-03-04", ref="a"),
                extractor.extract_text(texts[1], ref="b")]
    rejection = Rejection("x.bin", "unknown format", "unknown_format")
    files = write_articles(tmp_path, "s1", [*articles, rejection])
    assert {f.parent.name for f in files} == {"published_day=2024-03-04", "published_day=unknown", "rejections"}
    back = [r for f in sorted(files) for r in read_records(f)]
    assert sorted((a for a in back if isinstance(a, Article)), key=lambda a: a.ref or "") == articles
    assert [r for r in back if isinstance(r, Rejection)] == [rejection]
    assert remove_shard_output(tmp_path, "s1") == 3
    assert not list(tmp_path.rglob("*.parquet"))


def test_publication_day_partitions():
    base = Article(id="x", ref=None, source=None, url=None, headline=None, published=None,
                   captions=(), body="b", language="en")
    from dataclasses import replace

    assert publication_day(base) == "unknown"
    assert publication_day(replace(base, published="2024-02-29T10:00:00+00:00")) == "2024-02-29"
    assert publication_day(replace(base, published="yesterday")) == "unknown"


@pytest.mark.model
@pytest.mark.slow
def test_local_run_writes_every_article_once_and_resumes(tmp_path):
    ids = write_files(tmp_path / "in", files=3, per_file=4)
    (tmp_path / "in" / "junk.jsonl").write_text("{not json\n")
    note = tmp_path / "in" / "note.txt"
    note.write_text("Police arrested dozens of protesters in Nairobi on Tuesday, witnesses said.\n")
    out = tmp_path / "out"
    summary = run([str(tmp_path / "in")], out, workers=2)
    assert (summary.shards, summary.shards_run, summary.articles, summary.rejections) == (5, 5, 13, 1)
    assert summary.workers == 2
    con = connect(out)
    refs = [r[0] for r in con.execute("SELECT ref FROM articles ORDER BY ref").fetchall()]
    assert refs == sorted([*ids, str(note)])
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert n_events == summary.events > 0
    days = {r[0] for r in con.execute("SELECT DISTINCT published_day FROM articles").fetchall()}
    assert "unknown" in days  # the undated note
    assert days - {"unknown"} <= {f"2024-{m:02d}-{d:02d}" for m in (1, 2, 3) for d in range(1, 6)}
    assert con.execute("SELECT count(*) FROM rejections").fetchone()[0] == 1

    again = run([str(tmp_path / "in")], out, workers=2)
    assert (again.shards_skipped, again.shards_run, again.articles) == (5, 0, 0)

    (tmp_path / "in" / "part-001.jsonl").touch()  # a changed input is its shard redone, not added twice
    os.utime(tmp_path / "in" / "part-001.jsonl", ns=(1, 1))
    redo = run([str(tmp_path / "in")], out, workers=1)
    assert (redo.shards_run, redo.articles) == (1, 4)
    assert connect(out).execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (13, 13)

    db = database(out)
    import duckdb

    with duckdb.connect(str(db), read_only=True) as store:
        assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 13
        assert store.execute("SELECT count(*) FROM events").fetchone()[0] == n_events


def _markers(out: Path) -> int:
    return len(list((out / "_shards").glob("*.done"))) if (out / "_shards").exists() else 0


@pytest.mark.model
@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_gives_each_article_exactly_once(tmp_path):
    ids = write_files(tmp_path / "in", files=8, per_file=3)
    out = tmp_path / "out"
    cmd = [*EVENTWIRE, "run", "--input", f"{tmp_path}/in/*.jsonl", "--output", str(out), "--workers", "2"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _markers(out) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; give it more work"
    os.killpg(proc.pid, signal.SIGKILL)  # the whole run: driver and workers, as a crash would
    proc.wait()
    done_before = _markers(out)
    assert 2 <= done_before < 8

    result = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"{done_before} already done" in result.stderr
    rows = connect(out).execute("SELECT ref FROM articles").fetchall()
    assert sorted(r[0] for r in rows) == sorted(ids)  # every article, none twice
    leftovers = [p for p in out.rglob("*") if p.is_file() and p.name.startswith(".")]
    assert leftovers == [] or all(p.suffix == ".tmp" for p in leftovers)
    assert len(plan([f"{tmp_path}/in/*.jsonl"], out).todo) == 0


def test_run_command_reports_no_input(tmp_path):
    result = subprocess.run([*EVENTWIRE, "run", "--input", str(tmp_path / "none-*.jsonl"), "--output",
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "no file matches" in result.stderr and "no input file found" in result.stderr


def test_markers_are_not_loadable_output(tmp_path):
    from eventwire.scale.shards import mark_done

    path = tmp_path / "a.jsonl"
    path.write_text("")
    shard = plan_shards([path])[0]
    marker = mark_done(tmp_path, shard, {"articles": 0})
    assert marker.suffix == ".done"  # `eventwire load out/` reads .json/.jsonl/.parquet files only
    assert json.loads(marker.read_text())["shard"]["id"] == shard.id


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    from eventwire.errors import ConfigError
    from eventwire.scale.shards import output_lock

    with output_lock(tmp_path), pytest.raises(ConfigError, match="another eventwire run"):
        run([str(tmp_path / "none.jsonl")], tmp_path)
    summary = run([str(tmp_path / "none.jsonl")], tmp_path)  # free again once the first is done
    assert summary.shards == 0 and summary.missing


def test_every_run_option_is_documented():
    from eventwire.commands.run import run_command

    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    for param in run_command.params:
        for flag in param.opts:
            assert f"`{flag}" in doc, f"{flag} of `eventwire run` is not in docs/scale.md"


def test_ray_engine_without_ray_says_how_to_install(tmp_path, monkeypatch):
    from eventwire.errors import ConfigError

    write_files(tmp_path / "in", files=1, per_file=1)
    monkeypatch.setitem(sys.modules, "ray", None)  # as if ray were not installed
    with pytest.raises(ConfigError, match=r"eventwire\[ray\]"):
        run([str(tmp_path / "in")], tmp_path / "out", engine="ray")


@pytest.mark.model
def test_what_a_dead_attempt_left_is_replaced_not_added_to(tmp_path, extractor):
    from eventwire.scale.shards import attempt_path

    write_files(tmp_path / "in", files=1, per_file=1)
    shard = plan([str(tmp_path / "in")], tmp_path / "out").todo[0]
    stale = extractor.extract_text("Rebels attacked a convoy near Goma on Monday.", published="2023-05-05")
    write_articles(tmp_path / "out", shard.id, [stale])  # as if renamed in place before a kill -9
    attempt_path(tmp_path / "out", shard).parent.mkdir(parents=True, exist_ok=True)
    attempt_path(tmp_path / "out", shard).touch()
    summary = run([str(tmp_path / "in")], tmp_path / "out", workers=1)
    assert summary.articles == 1
    refs = connect(tmp_path / "out").execute("SELECT ref FROM articles").fetchall()
    assert refs == [("art-00000",)]
    assert not attempt_path(tmp_path / "out", shard).exists()

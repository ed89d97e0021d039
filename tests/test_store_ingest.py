"""Ingest end to end with the real model: same records as extract_inputs, idempotent, resumable
after kill -9, and two writers refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import eventwire.store as store
from eventwire.model import Article
from eventwire.pipeline import extract_inputs

pytestmark = pytest.mark.model

_FORCES = ["artillery", "warplanes", "troops", "drones", "police"]
_PLACES = ["Manbij", "Aleppo", "Idlib", "Kharkiv", "Mosul", "Goma", "Marib"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_corpus(folder: Path, n: int) -> list[Path]:
    """n small template articles, one file each, every body different."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        force, place, day = _FORCES[i % 5], _PLACES[i % 7], _DAYS[i % 5]
        text = (f"Turkish {force} shelled positions near {place} on {day}, killing {i % 9 + 2} fighters, "
                f"according to local officials. Report {i} of the series.\n\n"
                f"The ministry in Ankara said the operation in {place} would continue.")
        path = folder / f"a{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _integrity(db: Path) -> dict[str, int]:
    with store.open(db) as s:
        con = s.con
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        orphans = sum(one(f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")
                      for t in ("events", "mentions", "quotes", "places", "times"))
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "distinct": one("SELECT count(DISTINCT id) FROM articles"),
            "refs": one("SELECT count(DISTINCT ref) FROM articles"),
            "orphans": orphans,
            "unclustered": one("SELECT count(*) FROM events WHERE key NOT IN (SELECT event_key FROM event_clusters)"),
        }


def test_ingest_stores_what_extract_inputs_yields(tmp_path):
    paths = [str(p) for p in write_corpus(tmp_path / "in", 6)]
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    inputs = [*paths, str(tmp_path / "in" / "empty.txt"), str(tmp_path / "missing.txt")]
    db = tmp_path / "e.duckdb"
    summary = store.ingest(inputs, db, published="2022-02-03", batch_size=4)
    assert (summary.articles_new, summary.rejections) == (6, 2)
    expected = [a for a in extract_inputs(inputs, published="2022-02-03") if isinstance(a, Article)]
    with store.open(db) as s:
        assert [s.article(a.id) for a in expected] == expected
        rejected = s.con.execute("SELECT input, code, reason FROM rejections ORDER BY input").fetchall()
        runs = s.runs()
    assert runs[-1]["status"] == "finished" and runs[-1]["articles_new"] == 6
    assert runs[-1]["seconds_pipeline"] > 0
    assert [r[0] for r in rejected] == inputs[-2:] and all(r[1] and r[2] for r in rejected)


def test_ingesting_again_stores_nothing_and_skips_done_inputs(tmp_path):
    paths = [str(p) for p in write_corpus(tmp_path / "in", 5)]
    db = tmp_path / "e.duckdb"
    store.ingest(paths, db)
    again = store.ingest(paths, db)
    assert (again.articles_new, again.inputs_skipped) == (0, 5)
    copy = tmp_path / "copy.txt"  # same text under another name: read, recognised, not stored
    copy.write_text(Path(paths[0]).read_text(encoding="utf-8"), encoding="utf-8")
    third = store.ingest([str(copy)], db)
    assert (third.articles_read, third.articles_new, third.articles_skipped) == (1, 0, 1)
    assert _integrity(db)["articles"] == 5


def test_kill_9_mid_run_then_resume_loses_nothing_and_stores_nothing_twice(tmp_path):
    n = 240
    write_corpus(tmp_path / "in", n)
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(tmp_path / "in"), "--db", str(db),
           "--quiet", "--batch-size", "8"]
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and first.poll() is None:
        if wal.exists() and wal.stat().st_size > 60_000:  # several batches are committed
            break
        time.sleep(0.05)
    assert first.poll() is None, f"the first run ended before it could be killed: {first.stderr.read()}"
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    first.stderr.close()

    second = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    state = _integrity(db)
    assert state == {"articles": n, "distinct": n, "refs": n, "orphans": 0, "unclustered": 0}
    with store.open(db) as s:
        runs = s.runs()
    assert [r["status"] for r in runs] == ["interrupted", "finished"]
    assert 0 < runs[1]["articles_new"] < n  # the second run resumed, it did not start over
    assert runs[1]["articles_new"] + runs[1]["articles_skipped"] + runs[1]["inputs_skipped"] == n


def test_ctrl_c_records_an_interrupted_run_and_keeps_whole_batches(tmp_path):
    write_corpus(tmp_path / "in", 160)
    db = tmp_path / "c.duckdb"
    run = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(tmp_path / "in"), "--db",
                            str(db), "--quiet", "--batch-size", "8"], stderr=subprocess.PIPE, text=True)
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if wal.exists() and wal.stat().st_size > 60_000:
            break
        time.sleep(0.05)
    assert run.poll() is None, run.stderr.read()
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode != 0 and "Traceback" not in err
    with store.open(db) as s:
        (row,) = s.runs()
        stored = s.count()
        articles = s.con.execute("SELECT count(*), sum(n_events) FROM articles").fetchone()
    assert row["status"] == "interrupted" and "KeyboardInterrupt" in row["message"]
    assert 0 < articles[0] < 160 and stored == articles[1]  # whole articles, each with all its events


def test_two_writers_on_one_file_are_refused_with_a_clear_message(tmp_path):
    paths = [str(p) for p in write_corpus(tmp_path / "in", 3)]
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nimport eventwire.store as s\nw = s.Store(sys.argv[1])\n"
         "print('ready', flush=True)\ntime.sleep(60)\n", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        refused = subprocess.run([sys.executable, "-m", "eventwire", "ingest", *paths, "--db", str(db),
                                  "--quiet"], capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert refused.returncode != 0
    assert f"is open by another eventwire process (pid {holder.pid})" in refused.stderr
    assert "Traceback" not in refused.stderr
    store.ingest(paths, db)
    assert _integrity(db)["articles"] == 3

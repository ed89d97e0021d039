"""kill -9 at random points, several times over, on a corpus of thousands of articles: after the
last restart the database holds every article exactly once, each with all its records, and
passes an integrity check; the same for `eventwire run` and its Parquet folder."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import eventwire.store as store
from eventwire.ingest import iter_documents
from eventwire.model import Document, article_id

pytestmark = pytest.mark.model

_ACTORS = ["Turkish artillery", "Russian warplanes", "Israeli troops", "Houthi drones", "Kenyan police",
           "Syrian government forces", "Ukrainian drones", "Sudanese paramilitaries", "Malian soldiers"]
_VERBS = ["shelled", "bombed", "attacked", "raided", "struck"]
_PLACES = ["Manbij", "Aleppo", "Idlib", "Kharkiv", "Mosul", "Goma", "Marib", "Khartoum", "Gao", "Nairobi"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def story(i: int) -> str:
    """A short, distinct news text (every i gives another body, so another content id)."""
    actor, verb = _ACTORS[i % len(_ACTORS)], _VERBS[i % len(_VERBS)]
    place, day = _PLACES[i % len(_PLACES)], _DAYS[i % len(_DAYS)]
    return (f"{actor} {verb} positions near {place} on {day}, killing {i % 13 + 2} fighters, local "
            f"officials said in report number {i}.\n\nThe ministry said the operation near {place} would go on.")


def write_corpus(folder: Path, n: int) -> Path:
    """n articles: most in JSON Lines files of 400 records (a kill lands inside a file), the rest
    one text file each (a kill lands between files)."""
    folder.mkdir(parents=True, exist_ok=True)
    in_jsonl = n * 3 // 4
    for start in range(0, in_jsonl, 400):
        lines = [json.dumps({"id": f"r{i}", "published": "2023-03-0" + str(i % 9 + 1), "text": story(i)})
                 for i in range(start, min(start + 400, in_jsonl))]
        (folder / f"batch{start:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    for i in range(in_jsonl, n):
        (texts / f"t{i:05d}.txt").write_text(story(i), encoding="utf-8")
    return folder


def expected_ids(folder: Path) -> set[str]:
    """Content ids of every article the corpus holds (read and cleaned, no NLP)."""
    docs = [d for d in iter_documents([str(folder)]) if isinstance(d, Document)]
    return {article_id(d.body) for d in docs}


def integrity(db: Path) -> dict[str, object]:
    """What must hold in any eventwire database, whatever killed the runs that wrote it."""
    with store.open(db) as s:
        con = s.con
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        ids = {r[0] for r in con.execute("SELECT id FROM articles").fetchall()}
        per_article = ("events", "mentions", "quotes", "places", "times")
        return {
            "ids": ids,
            "rows": one("SELECT count(*) FROM articles"),
            "orphans": sum(one(f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)")
                           for t in per_article),
            "duplicate_rows": sum(one(f"SELECT count(*) - count(DISTINCT (article_id, idx)) FROM {t}")
                                  for t in ("mentions", "quotes", "places", "times"))
            + one("SELECT count(*) - count(DISTINCT key) FROM events"),
            "articles_missing_events": one(
                "SELECT count(*) FROM articles a WHERE a.n_events != "
                "(SELECT count(*) FROM events e WHERE e.article_id = a.id)"),
            "unclustered": one("SELECT count(*) FROM events WHERE key NOT IN (SELECT event_key FROM event_clusters)"),
            "clusters_without_row": one("SELECT count(DISTINCT cluster_id) FROM event_clusters "
                                        "WHERE cluster_id NOT IN (SELECT id FROM clusters)"),
        }


def assert_whole(db: Path, ids: set[str]) -> None:
    state = integrity(db)
    assert state.pop("ids") == ids, "every article stored, none extra"
    assert state == {"rows": len(ids), "orphans": 0, "duplicate_rows": 0, "articles_missing_events": 0,
                     "unclustered": 0, "clusters_without_row": 0}


def kill_at_random_points(cmd: list[str], kills: int, rng: random.Random, *,
                          progress: Callable[[], Callable[[], bool]], latest: float) -> list[float]:
    """Start `cmd` `kills` times; once this start has made progress (`progress()` gives, for each
    start, a check of it), SIGKILL its
    whole process group (workers included, as a power loss would) after a random delay of at most
    `latest` seconds. Progress, not the clock, starts the countdown, so a kill lands mid-run on a
    fast machine and on a loaded one alike. Returns the delays of the kills that happened."""
    delays = []
    for _ in range(kills):
        progressed = progress()
        run = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 300
        while run.poll() is None and not progressed() and time.monotonic() < deadline:
            time.sleep(0.02)
        delay = round(rng.uniform(0.0, latest), 2)
        try:
            run.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
            delays.append(delay)
    return delays


def _wal_grew(db: Path) -> Callable[[], Callable[[], bool]]:
    """This start has committed a batch: its write-ahead log changed and holds more than the
    schema's pages (a killed start leaves its log behind, so the log as found does not count)."""
    wal = Path(str(db) + ".wal")

    def state() -> tuple[int, int] | None:
        return (wal.stat().st_size, wal.stat().st_mtime_ns) if wal.exists() else None

    def for_start() -> Callable[[], bool]:
        found = state()
        return lambda: (now := state()) is not None and now != found and now[0] > 60_000

    return for_start


def _new_shard_done(out: Path) -> Callable[[], Callable[[], bool]]:
    """This start has finished a shard since it began."""

    def done() -> int:
        return len(list((out / "_shards").glob("*.done"))) if (out / "_shards").is_dir() else 0

    def for_start() -> Callable[[], bool]:
        found = done()
        return lambda: done() > found

    return for_start


def test_ingest_killed_again_and_again_stores_every_article_once(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 2000)
    ids = expected_ids(corpus)
    assert len(ids) == 2000
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db), "--quiet",
           "--batch-size", "32"]
    delays = kill_at_random_points(cmd, 4, random.Random(20240601), progress=_wal_grew(db), latest=1.5)
    assert len(delays) >= 3, "the runs ended before they could be killed: make the corpus larger"
    started = time.monotonic()
    last = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert last.returncode == 0, last.stderr
    assert_whole(db, ids)
    with store.open(db) as s:
        runs = s.runs()
    assert [r["status"] for r in runs] == ["interrupted"] * len(runs[:-1]) + ["finished"]
    assert runs[-1]["articles_new"] < 2000, "the last run resumed, it did not start over"
    assert time.monotonic() - started < 600


def test_run_killed_again_and_again_then_loaded_holds_every_article_once(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 1000)
    ids = expected_ids(corpus)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "eventwire", "run", "--input", str(corpus), "--output", str(out),
           "--workers", "2", "--quiet", "--slice-mb", "1"]
    delays = kill_at_random_points(cmd, 3, random.Random(7), progress=_new_shard_done(out), latest=1.5)
    assert len(delays) >= 2
    last = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert last.returncode == 0, last.stderr
    leftovers = [p for p in out.rglob(".*") if p.is_file()]
    assert not leftovers, f"temporary files of killed runs left in the output: {leftovers[:3]}"
    db = tmp_path / "loaded.duckdb"
    store.load([out], db)
    assert_whole(db, ids)


def _session_processes(sid: int) -> list[int]:
    """Processes of one session (the run started with start_new_session), the leader excluded."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != sid:
            try:
                if os.getsid(int(entry.name)) == sid:
                    found.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return found


def test_run_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 1000)
    cmd = [sys.executable, "-m", "eventwire", "run", "--input", str(corpus), "--output", str(tmp_path / "out"),
           "--workers", "2", "--quiet", "--slice-mb", "1"]
    run = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.5)
            workers = _session_processes(run.pid)
        assert run.poll() is None and workers, "the run ended before its workers could be seen"
        os.kill(run.pid, signal.SIGKILL)  # the main process only, as `kill -9 PID` does
        run.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _session_processes(run.pid):
            time.sleep(1)
        assert _session_processes(run.pid) == []
    finally:
        for pid in _session_processes(run.pid):
            os.kill(pid, signal.SIGKILL)

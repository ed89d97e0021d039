"""Faults of the machine, not of the input: a full disk under the database, a file-size limit
(a full temp folder), a read-only database. Each gives a clear error and leaves the database
whole (every batch committed before the fault, nothing of the failed one), and running the same
command again once the fault is gone finishes the corpus.

A real full disk is a small tmpfs mounted in a private mount namespace (`unshare -rm`, no root
needed on most Linux systems; skipped where it is not allowed); a read-only database is a
read-only bind mount the same way (root ignores file modes), else a file without write
permission."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import eventwire.store as store

from .test_reliability_kill import assert_whole, expected_ids, integrity, story

pytestmark = pytest.mark.model
EVENTWIRE = [sys.executable, "-m", "eventwire"]


def jsonl(path: Path, start: int, stop: int) -> Path:
    lines = [json.dumps({"id": f"r{i}", "published": "2023-03-01", "text": story(i)}) for i in range(start, stop)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingest(db: Path, *inputs: Path, **popen: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EVENTWIRE, "ingest", *map(str, inputs), "--db", str(db), "--quiet",
                           "--batch-size", "16"], capture_output=True, text=True, timeout=600, **popen)


def digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes() if p.exists() else b"<absent>")
    return h.hexdigest()


def can_unshare_mount(tmp: Path) -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=1m tmpfs '{tmp}'"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


def assert_clear_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "error:" in result.stderr
    assert any(w in result.stderr for w in words), result.stderr[-800:]


@pytest.fixture(scope="module")
def full_disk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A database with 40 articles, then an ingest of 400 more onto a tmpfs with room for a few
    batches only; the database after the fault is copied out of the namespace."""
    root = tmp_path_factory.mktemp("full")
    mnt = root / "mnt"
    mnt.mkdir()
    if not can_unshare_mount(mnt):
        pytest.skip("cannot mount a tmpfs in a private namespace here (unshare -rm not allowed)")
    seed_db = root / "seed.duckdb"
    first = jsonl(root / "first.jsonl", 0, 40)
    assert ingest(seed_db, first).returncode == 0
    size = seed_db.stat().st_size + (os.path.getsize(f"{seed_db}.wal") if Path(f"{seed_db}.wal").exists() else 0)
    more = jsonl(root / "more.jsonl", 40, 440)
    out = root / "after"
    out.mkdir()
    command = " ".join(f"'{c}'" for c in [*EVENTWIRE, "ingest", str(more), "--db", f"{mnt}/e.duckdb",
                                           "--quiet", "--batch-size", "16"])
    script = (f"mount -t tmpfs -o size={size + 700_000} tmpfs '{mnt}' && cp '{seed_db}' '{mnt}/e.duckdb' && "
              f"{command}; rc=$?; cp '{mnt}'/e.duckdb* '{out}/'; exit $rc")
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=600)
    return {"result": result, "db": out / "e.duckdb", "first": first, "more": more}


def test_full_disk_keeps_whole_batches_and_the_rerun_finishes(full_disk: dict[str, object],
                                                              tmp_path: Path) -> None:
    result, db = full_disk["result"], full_disk["db"]
    assert result.returncode != 0, "the tmpfs was large enough for the whole corpus: shrink it"
    state = integrity(db)
    assert 40 <= state["rows"] < 440
    assert (state["orphans"], state["duplicate_rows"], state["articles_missing_events"]) == (0, 0, 0)
    with store.open(db) as s:
        assert s.runs()[-1]["status"] == "failed"
    # space is back: the same command finishes the corpus, each article once
    moved = tmp_path / "e.duckdb"
    shutil.copy(db, moved)
    again = ingest(moved, full_disk["first"], full_disk["more"])
    assert again.returncode == 0, again.stderr
    assert_whole(moved, expected_ids(full_disk["first"]) | expected_ids(full_disk["more"]))


def test_full_disk_is_one_clear_error(full_disk: dict[str, object]) -> None:
    assert_clear_error(full_disk["result"], "No space left on device", "writing a batch failed")


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    return apply


def test_a_file_size_limit_stops_the_run_and_loses_no_input(tmp_path: Path) -> None:
    """Under a 1 MB file-size limit (a temp folder or disk that cannot grow) the run stops with a
    clear error; no article is turned into a rejection and no input is marked done, so the rerun
    reads them all."""
    db = tmp_path / "e.duckdb"
    first = jsonl(tmp_path / "first.jsonl", 0, 20)
    assert ingest(db, first).returncode == 0
    more = jsonl(tmp_path / "more.jsonl", 20, 120)
    limited = ingest(db, more, preexec_fn=_limit_file_size(1_000_000))
    assert_clear_error(limited, "File too large", "refused a file operation")
    with store.open(db) as s:
        assert s.con.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
        assert s.runs()[-1]["status"] == "failed"
    assert integrity(db)["rows"] < 120
    again = ingest(db, more)
    assert again.returncode == 0, again.stderr
    assert_whole(db, expected_ids(first) | expected_ids(more))


def test_a_read_only_database_is_refused_clearly_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "e.duckdb"
    first = jsonl(tmp_path / "first.jsonl", 0, 10)
    assert ingest(db, first).returncode == 0
    more = jsonl(tmp_path / "more.jsonl", 10, 20)
    files = sorted(folder.iterdir())
    before = digest(*files)
    if os.geteuid() == 0:  # root writes through file modes: a read-only bind mount instead
        probe = tmp_path / "probe"
        probe.mkdir()
        if not can_unshare_mount(probe):
            pytest.skip("running as root without mount namespaces: cannot make a read-only file")
        command = " ".join(f"'{c}'" for c in [*EVENTWIRE, "ingest", str(more), "--db", str(db), "--quiet"])
        script = (f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' && "
                  f"exec {command}")
        result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300)
    else:
        for path in files:
            path.chmod(0o444)
        folder.chmod(0o555)
        try:
            result = ingest(db, more)
        finally:
            folder.chmod(0o755)
            for path in files:
                path.chmod(0o644)
    assert_clear_error(result, "Read-only file system", "Permission denied", "read-only", "cannot open")
    assert sorted(folder.iterdir()) == files and digest(*files) == before
    assert integrity(db)["rows"] == 10

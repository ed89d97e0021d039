"""`eventwire run --engine ray`: the same files as the local engine, from a local Ray."""

from __future__ import annotations

import pytest

from eventwire.scale import run
from eventwire.scale.folder import connect

from .test_scale_support import write_files

ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'eventwire[ray]')")
pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install 'ray[data]')")

pytestmark = [pytest.mark.model, pytest.mark.slow,
              pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.*")]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _rows(out):
    con = connect(out)
    articles = con.execute("SELECT id, published_day FROM articles ORDER BY id").fetchall()
    events = con.execute("SELECT key, cameo, source_code, target_code FROM events ORDER BY key").fetchall()
    return articles, events


def test_ray_engine_writes_what_the_local_engine_writes_and_resumes(tmp_path, local_ray):
    ids = write_files(tmp_path / "in", files=3, per_file=3)
    ray_summary = run([str(tmp_path / "in")], tmp_path / "ray", engine="ray", workers=2)
    assert (ray_summary.shards_run, ray_summary.articles) == (3, len(ids))
    local_summary = run([str(tmp_path / "in")], tmp_path / "local", engine="local", workers=1)
    assert ray_summary.events == local_summary.events
    assert _rows(tmp_path / "ray") == _rows(tmp_path / "local")

    again = run([str(tmp_path / "in")], tmp_path / "ray", engine="ray", workers=2)
    assert (again.shards_skipped, again.shards_run) == (3, 0)

"""The HTTP API against a real `eventwire serve` on a loopback port (tests/test_serve_support.py):
answers agree with the Python API over the same file, every error has one shape, parameters are
bound, static paths stay in their folder, and an ingest can take the file while the server runs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from eventwire import store as ew_store

from .test_serve_support import HOSTILE_REF, MAX_CHARS, ROOT, Served, request, server

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def served() -> Served:
    return server()


def _error(status: int, body: bytes) -> dict[str, object]:
    data = json.loads(body)
    assert set(data) == {"error"}
    err = data["error"]
    assert set(err) == {"status", "code", "message"}
    assert err["status"] == status and err["message"] and re.fullmatch(r"[a-z_]+", err["code"])
    return err


def _count(db: Path, **filters: object) -> int:
    with ew_store.open(db) as store:
        return store.count(**filters)


def test_stats_match_the_python_api(served: Served) -> None:
    stats = served.json("/api/v1/stats")
    with ew_store.open(served.db) as store:
        assert stats["counts"] == store.counts()
    assert stats["counts"]["articles"] >= 9 and stats["counts"]["events"] > 0
    assert stats["last_run"]["status"] == "finished"


def test_event_filters_agree_with_the_store(served: Served) -> None:
    everything = served.json("/api/v1/events?limit=1")
    assert everything["total"] == _count(served.db)
    rows = served.json("/api/v1/events?limit=1000")["events"]
    code = next(r["source_code"] for r in rows if r["source_code"] and len(r["source_code"]) >= 3)
    prefix = code[:3]
    found = served.json(f"/api/v1/events?actor={prefix}&limit=1000")
    assert found["total"] == _count(served.db, actor=prefix) > 0
    assert all(prefix in (r["source_code"] or "") or r["source_name"] for r in found["events"])
    day = next(r["day"] for r in rows if r["day"])
    since = served.json(f"/api/v1/events?since={day}&limit=1000")
    assert since["total"] == _count(served.db, since=day)
    assert all(r["day"] >= day for r in since["events"])


def test_quad_filter_and_paging(served: Served) -> None:
    rows = served.json("/api/v1/events?limit=1000")["events"]
    conflict = [r["key"] for r in rows if r["quad_class"] in (3, 4)]
    found = served.json("/api/v1/events?quad=3&quad=4&limit=1000")
    assert found["total"] == len(conflict) and [r["key"] for r in found["events"]] == conflict
    pages = []
    for offset in range(0, len(rows), 7):
        page = served.json(f"/api/v1/events?limit=7&offset={offset}")
        assert page["total"] == len(rows)
        pages += [r["key"] for r in page["events"]]
    assert pages == [r["key"] for r in rows]
    quad_pages = [r["key"] for off in range(0, len(conflict), 5)
                  for r in served.json(f"/api/v1/events?quad=3&quad=4&limit=5&offset={off}")["events"]]
    assert quad_pages == conflict


def test_aggregates_count_the_same_events(served: Served) -> None:
    total = served.json("/api/v1/events?limit=1")["total"]
    timeline = served.json("/api/v1/timeline")
    assert sum(sum(d["counts"]) for d in timeline["days"]) + timeline["undated"] == total
    assert [d["day"] for d in timeline["days"]] == sorted(d["day"] for d in timeline["days"])
    places = served.json("/api/v1/places")
    assert places["events"] == total and places["located"] == sum(p["events"] for p in places["places"])
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places["places"])
    network = served.json("/api/v1/network")
    ids = {n["id"] for n in network["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["events"] >= 1 for e in network["edges"])
    assert all(-10 <= e["goldstein"] <= 10 for e in network["edges"])
    narrowed = served.json("/api/v1/timeline?quad=4")
    assert sum(d["counts"][3] for d in narrowed["days"]) == sum(d["counts"][3] for d in timeline["days"])
    assert all(d["counts"][:3] == [0, 0, 0] for d in narrowed["days"])
    together = served.json("/api/v1/summary")
    assert together["timeline"] == {k: v for k, v in timeline.items() if k != "truncated"}
    assert together["places"]["places"] == places["places"]
    assert together["network"]["edges"] == network["edges"]
    assert together["events"] == total and not together["truncated"]


def test_clusters_and_exports_take_quad(served: Served) -> None:
    with ew_store.open(served.db) as store:
        conflict = [c.id for c in store.clusters(quad=[3, 4])]
        events = store.count(quad=[3, 4])
    assert conflict and events
    found = served.json("/api/v1/clusters?quad=3&quad=4&limit=1000")
    assert found["total"] == len(conflict) and [c["id"] for c in found["clusters"]] == conflict
    paged = [c["id"] for off in range(0, len(conflict), 4)
             for c in served.json(f"/api/v1/clusters?quad=3&quad=4&limit=4&offset={off}")["clusters"]]
    assert paged == conflict
    status, _, body = served.get("/api/v1/export?format=csv&quad=3&quad=4")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert status == 200 and len(rows) == events and {r["quad_class"] for r in rows} <= {"3", "4"}


def test_article_with_all_its_records(served: Served) -> None:
    listing = served.json("/api/v1/articles?limit=100")["articles"]
    hostile = next(a for a in listing if a["ref"] == HOSTILE_REF)
    article = served.json(f"/api/v1/articles/{hostile['id']}")
    with ew_store.open(served.db) as store:
        expected = store.article(hostile["id"]).to_dict()
    assert {k: v for k, v in article.items() if k != "events"} == \
        {k: v for k, v in expected.items() if k != "events"}
    assert [{k: v for k, v in e.items() if k != "cluster_id"} for e in article["events"]] == expected["events"]
    assert "<script>" in article["body"]  # stored and served as the text it is
    assert all(e["cluster_id"] for e in article["events"])
    paged = served.json("/api/v1/articles?limit=3&offset=3")["articles"]
    assert [a["id"] for a in paged] == [a["id"] for a in listing[3:6]]


def test_clusters_actors_and_cluster_sentences(served: Served) -> None:
    clusters = served.json("/api/v1/clusters?limit=1000")
    with ew_store.open(served.db) as store:
        assert clusters["total"] == len(store.clusters())
    first = clusters["clusters"][0]
    detail = served.json(f"/api/v1/clusters/{quote(first['id'], safe='')}")
    assert len(detail["sentences"]) == first["num_mentions"]
    actors = served.json("/api/v1/actors?limit=5")["actors"]
    assert 0 < len(actors) <= 5 and all({"id", "name", "code", "mentions"} <= set(a) for a in actors)


def test_export_of_the_current_filter(served: Served) -> None:
    total = served.json("/api/v1/events?mode=asserted&limit=1")["total"]
    status, headers, body = served.get("/api/v1/export?format=csv&mode=asserted")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert "attachment" in headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    assert len(rows) == total and {r["mode"] for r in rows} == {"asserted"}
    status, _, body = served.get("/api/v1/export?format=jsonl&profile=gdelt")
    assert status == 200 and all("GLOBALEVENTID" in json.loads(line) for line in body.splitlines())


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/v1/articles/0000000000000000", 404, "not_found"),
    ("/api/v1/clusters/nope", 404, "not_found"),
    ("/api/v1/no-such-route", 404, "not_found"),
    ("/api/v1/events?since=yesterday", 422, "invalid_parameter"),
    ("/api/v1/events?limit=100000", 422, "invalid_parameter"),
    ("/api/v1/events?quad=9", 422, "invalid_parameter"),
    ("/api/v1/events?mode=imagined", 422, "invalid_parameter"),
    ("/api/v1/events?country=Atlantis", 400, "invalid_filter"),
    ("/api/v1/events?type=1%3B2", 400, "invalid_filter"),
    ("/api/v1/export?type=1%3B2", 400, "invalid_filter"),
    ("/api/v1/clusters?type=%27", 400, "invalid_filter"),
    ("/api/v1/export?format=xlsx", 422, "invalid_parameter"),
])
def test_one_error_shape(served: Served, path: str, status: int, code: str) -> None:
    got, headers, body = served.get(path)
    assert got == status, body
    assert headers["content-type"].startswith("application/json")
    assert _error(status, body)["code"] == code


def test_wrong_method_has_the_error_shape(served: Served) -> None:
    status, _, body = request(served.base + "/api/v1/events", data=b"{}", method="POST")
    assert _error(405, body)["code"] == "method_not_allowed"
    status, _, body = served.post("/api/v1/extract", b"{not json")
    assert _error(422, body)["code"] == "invalid_parameter"


def test_parameters_are_bound_not_formatted(served: Served) -> None:
    total = served.json("/api/v1/events?limit=1")["total"]
    for hostile in ("' OR 1=1 --", "x'); DROP TABLE events; --", "%' OR '%'='", "\\' OR ''='"):
        query = urlencode({"actor": hostile, "target": hostile, "near": "1,1", "km": 1, "limit": 5})
        assert served.json(f"/api/v1/events?{query}")["total"] == 0
        assert served.json(f"/api/v1/actors?{urlencode({'like': hostile})}")["actors"] == []
        status, _, body = served.get(f"/api/v1/articles/{quote(hostile, safe='')}")
        assert status == 404, body
    assert served.json("/api/v1/events?limit=1")["total"] == total


def test_extract_returns_the_contract(served: Served) -> None:
    text = ("Turkish artillery shelled positions of the Syrian Democratic Forces near Manbij on "
            "Tuesday, the Syrian Observatory for Human Rights said.")
    status, _, body = served.post("/api/v1/extract", json.dumps({"text": text, "published": "2022-02-03"}).encode())
    assert status == 200, body
    doc = json.loads(body)
    assert set(doc) == {"eventwire", "articles"} and len(doc["articles"]) == 1
    article = doc["articles"][0]
    assert article["body"] == text and article["published"] == "2022-02-03"
    assert {"id", "entities", "events", "quotes", "places", "times", "captions", "warnings"} <= set(article)
    assert any(e["action"]["quad_class"] == 4 for e in article["events"])


def test_extract_size_limits(served: Served) -> None:
    status, _, body = served.post("/api/v1/extract", json.dumps({"text": "a" * (MAX_CHARS + 1)}).encode())
    assert "limit" in _error(413, body)["message"]
    status, _, body = served.post("/api/v1/extract", b'{"text": "' + b"a" * (MAX_CHARS * 5) + b'"}')
    assert _error(413, body)["code"] == "payload_too_large"
    status, _, body = served.post("/api/v1/extract", json.dumps({"text": ""}).encode())
    assert _error(422, body)["code"] == "invalid_parameter"


def test_a_writer_gets_the_file_and_readers_get_a_clear_503(served: Served) -> None:
    served.json("/api/v1/events?limit=1")  # the server has read the file: it holds no lock after
    writer = ew_store.Store(served.db)     # what an ingest does first: take the file for writing
    try:
        for path in ("/api/v1/events", "/api/v1/stats", "/api/v1/articles/x"):
            status, headers, body = served.get(path)
            assert _error(503, body)["code"] == "database_busy"
            assert int(headers["retry-after"]) > 0
        status, _, body = served.get("/")
        assert status == 200  # pages still load and say the database is busy
    finally:
        writer.close()
    assert served.json("/api/v1/events?limit=1")["total"] > 0


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static/%2e%2e%2fapp.py",
    "/static/js/../../app.py", "/static/..%5capp.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
])
def test_static_paths_stay_in_their_folder(served: Served, path: str) -> None:
    status, _, body = request(served.base + path)
    assert status == 404
    assert b"create_app" not in body and b"root:" not in body


def test_pages_assets_and_headers(served: Served) -> None:
    for path in ("/", "/try", "/articles/anything"):
        status, headers, body = served.get(path)
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    assert served.get("/static/js/explorer.js")[0] == 200


def test_no_asset_comes_from_another_site() -> None:
    static = ROOT / "src" / "eventwire" / "serve" / "static"
    remote = re.compile(r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//|from\s+["']https?:|@import\s+url\(\s*["']?https?:|url\(\s*["']?https?:""")
    for path in static.rglob("*"):
        if path.suffix in (".html", ".js", ".css") and "vendor" not in path.parts:
            assert not remote.search(path.read_text(encoding="utf-8")), path


def test_openapi_lists_every_route_and_docs_name_them(served: Served) -> None:
    spec = served.json("/api/v1/openapi.json")
    paths = set(spec["paths"])
    expected = {"/api/v1/stats", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/events",
                "/api/v1/timeline", "/api/v1/places", "/api/v1/network", "/api/v1/summary", "/api/v1/clusters",
                "/api/v1/clusters/{cluster_id}", "/api/v1/actors", "/api/v1/export", "/api/v1/extract"}
    assert expected <= paths
    docs = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    for path in paths:
        assert path.removeprefix("/api/v1") in docs, f"{path} is not documented in docs/serve.md"
    assert served.get("/docs")[0] == 404  # FastAPI's own docs page loads from a CDN: not served


def test_serve_binds_loopback_by_default() -> None:
    from eventwire.commands.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    import inspect

    from eventwire.serve import run

    assert inspect.signature(run).parameters["host"].default == "127.0.0.1"


def test_docs_name_every_serve_option() -> None:
    from eventwire.commands.serve import serve

    docs = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    for param in serve.params:
        for flag in param.opts:
            assert f"`{flag}`" in docs, f"{flag} is not documented in docs/serve.md"


def test_other_host_names_are_refused(served: Served) -> None:
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example"):
        status, _, body = request(served.base + "/api/v1/stats", headers={"Host": host})
        assert _error(400, body)["code"] == "invalid_host"
    for host in (f"localhost:{served.port}", f"127.0.0.1:{served.port}"):
        assert request(served.base + "/api/v1/stats", headers={"Host": host})[0] == 200


def test_an_ingest_beside_the_server_breaks_nothing(served: Served, tmp_path: Path) -> None:
    """A real `eventwire ingest` into the served file: every answer meanwhile is the data or a
    clear 503, never another error, and the new article is served once the ingest is done."""
    import subprocess
    import sys
    import time

    before = served.json("/api/v1/stats")["counts"]["articles"]
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps({"id": "beside-1", "published": "2024-06-01", "text":
                               "Kenyan police fired tear gas at protesters in Nairobi on Saturday, "
                               "witnesses said."}) + "\n", encoding="utf-8")
    seen: dict[int, int] = {}
    # An ingest that starts in the very milliseconds a request holds the file stops at once with
    # DuckDB's lock error (the store does not wait for the lock yet): it is simply started again.
    for _attempt in range(10):
        ingest = subprocess.Popen([sys.executable, "-m", "eventwire", "ingest", str(new), "--db",
                                   str(served.db), "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        while ingest.poll() is None:
            status, _, body = served.get("/api/v1/events?limit=5")
            seen[status] = seen.get(status, 0) + 1
            if status != 200:
                assert _error(status, body)["code"] == "database_busy"
            time.sleep(0.1)
        errors = ingest.stderr.read().decode() if ingest.stderr else ""
        if ingest.returncode == 0:
            break
        assert f"(pid {served.process.pid})" in errors, errors  # only the server's short reads
    assert ingest.returncode == 0
    assert set(seen) <= {200, 503} and seen.get(503, 0) > 0
    assert served.json("/api/v1/stats")["counts"]["articles"] == before + 1
    refs = [a["ref"] for a in served.json("/api/v1/articles?limit=1000")["articles"]]
    assert "beside-1" in refs


@pytest.mark.parametrize(("content", "status", "code"), [
    (None, 503, "database_missing"),
    (b"this is not a database" * 100, 500, "database_error"),
])
def test_a_missing_or_broken_database_is_a_clear_error(tmp_path: Path, content: bytes | None,
                                                       status: int, code: str) -> None:
    import subprocess
    import sys
    import time

    from .test_serve_support import free_port

    db = tmp_path / "events.duckdb"
    if content is not None:
        db.write_bytes(content)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port",
                                str(port), "--no-extract", "--log-level", "warning"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                request(base + "/")
                break
            except OSError:
                time.sleep(0.25)
        got, _, body = request(base + "/api/v1/events")
        assert got == status and _error(status, body)["code"] == code
        assert "events.duckdb" in _error(status, body)["message"]
        assert request(base + "/")[0] == 200
        got, _, body = request(base + "/api/v1/extract", data=b'{"text": "x"}',
                               headers={"Content-Type": "application/json"})
        assert _error(503, body)["code"] == "extract_disabled"
    finally:
        process.terminate()
        process.wait(timeout=20)

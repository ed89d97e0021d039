"""Store: schema, idempotent batch writes, round trip of the contract, queries, clusters, errors."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import duckdb
import pytest

import eventwire.store as store
from eventwire.errors import StoreError
from eventwire.model import Rejection
from eventwire.store import dedupe
from eventwire.store.schema import MIGRATIONS
from tests.test_store_factory import (
    AIN_ISSA,
    CONDEMN,
    KHARKIV,
    MANBIJ,
    RUSGOV,
    SDF,
    SHELL,
    TURGOV,
    TURMIL,
    article,
    event,
)


def _corpus():
    """Three outlets report one shelling near Manbij; one more shelling far away; a statement."""
    a = article("Turkish artillery shelled SDF positions near Manbij on Thursday. One.",
                outlet="Asharq", events=(event("e1", TURMIL, SDF, SHELL, place=MANBIJ, day="2022-02-03"),
                                         event("e2", TURGOV, RUSGOV, CONDEMN, day="2022-02-03")))
    b = article("Turkey's army shelled Kurdish fighters around Manbij. Two.", outlet="Reuters",
                published="2022-02-04", events=(event("e1", TURMIL, SDF, SHELL, place=MANBIJ),))
    c = article("Shelling by Turkish forces hit SDF areas. Three.", outlet="AP", published="2022-02-04",
                events=(event("e1", TURMIL, SDF, SHELL, place=AIN_ISSA, day="2022-02-03"),))
    d = article("Turkish guns shelled the SDF in Manbij again weeks later. Four.", outlet="AP",
                published="2022-03-20", events=(event("e1", TURMIL, SDF, SHELL, place=MANBIJ),))
    e = article("Russian forces shelled Kharkiv. Five.", outlet="AP", published="2022-03-01",
                events=(event("e1", RUSGOV, None, SHELL, place=KHARKIV, fatalities=3),))
    return [a, b, c, d, e]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with store.Store(path) as s:
        s.add(_corpus(), [Rejection("bad.pdf", "not text", "binary")], run_id=1)
        dedupe.recompute(s.con, days=2, km=50.0)
    return path


def test_migrations_are_named_recorded_and_run_once(tmp_path):
    path = tmp_path / "m.duckdb"
    con = store.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    assert names == [m.name for m in MIGRATIONS]
    assert store.migrate(con) == []
    con.close()


def test_round_trip_keeps_every_field_of_the_contract(db):
    with store.open(db) as s:
        for original in _corpus():
            assert s.article(original.id) == original
        assert s.article("nope") is None


def test_adding_again_stores_nothing_twice(db):
    with store.Store(db) as s:
        result = s.add(_corpus() + _corpus(), [Rejection("bad.pdf", "not text", "binary")])
        assert (result.new_articles, result.skipped) == (0, 10)
        counts = s.counts()
    assert counts["articles"] == 5 and counts["events"] == 6 and counts["rejections"] == 1
    assert counts["actors"] == 4


def test_duplicates_inside_one_batch_are_stored_once(tmp_path):
    with store.Store(tmp_path / "x.duckdb") as s:
        a = _corpus()[0]
        assert s.add([a, a]).new_articles == 1
        assert s.counts()["events"] == 2


def test_events_filters(db):
    with store.open(db) as s:
        assert len(s.events()) == 6
        assert {e.event.source.actor.code for e in s.events(actor="TUR")} == {"TURMIL", "TURGOV"}
        assert len(s.events(actor="TURMIL", target="SYRREB")) == 4
        assert len(s.events(target="Syrian Democratic Forces")) == 4
        assert len(s.events(type="ASSAULT")) == 5
        assert len(s.events(type="19")) == 5 and len(s.events(type="194")) == 5
        assert len(s.events(type="12")) == 1
        assert len(s.events(country="SY")) == 4 and len(s.events(country="UKR")) == 1
        assert len(s.events(since="2022-03-01")) == 2
        assert len(s.events(until=date(2022, 2, 3))) == 3
        assert len(s.events(near="36.5,37.9", km=20)) == 3
        assert len(s.events(near="Manbij", km=200)) == 4  # Ain Issa is ~80 km east of Manbij
        assert len(s.events(min_confidence=0.9)) == 0
        assert s.count(actor="RUS") == 1
        assert len(s.events(limit=2)) == 2


def test_event_day_falls_back_to_publication(db):
    with store.open(db) as s:
        (e,) = s.events(actor="TURMIL", since="2022-03-10")
    assert e.day == date(2022, 3, 20) and e.event.date is None


def test_clusters_group_reports_of_one_event(db):
    with store.open(db) as s:
        clusters = s.clusters(type="ASSAULT")
        top = clusters[0]
        assert (top.num_articles, top.num_sources, top.num_mentions) == (2, 2, 2)
        assert top.first_day == date(2022, 2, 3) and top.last_day == date(2022, 2, 4)
        assert top.first_seen == "2022-02-03" and top.last_seen == "2022-02-04"
        sentences = s.cluster_sentences(top.id)
        assert [r["outlet"] for r in sentences] == ["Asharq", "Reuters"]
        # Ain Issa is too far from Manbij, and the March shelling too late: separate clusters.
        assert [c.num_articles for c in clusters] == [2, 1, 1, 1]
        assert len(s.clusters(min_articles=2)) == 1


def test_cluster_tolerances_are_tunable(db):
    with store.Store(db) as s:
        dedupe.recompute(s.con, days=2, km=200.0)
    with store.open(db) as s:
        assert s.clusters(type="ASSAULT")[0].num_articles == 3
        assert sum(c.num_mentions for c in s.clusters()) == 6


def test_negated_events_do_not_join_asserted_ones():
    keys, ids = dedupe.assign_clusters([
        ("a/e1", "TURMIL", "SYRREB", "19", "factual", date(2022, 2, 3), 36.5, 37.9),
        ("b/e1", "TURMIL", "SYRREB", "19", "negated", date(2022, 2, 3), 36.5, 37.9),
        ("c/e1", "TURMIL", "SYRREB", "19", "factual", date(2022, 2, 4), None, None),
        ("d/e1", "TURMIL", "SYRREB", "19", "factual", date(2022, 2, 9), 36.5, 37.9),
    ], days=2, km=50)
    got = dict(zip(keys, ids, strict=True))
    assert got["a/e1"] == got["c/e1"] == "a/e1"
    assert got["b/e1"] != got["a/e1"] and got["d/e1"] == "d/e1"


def test_actors_and_articles(db):
    with store.open(db) as s:
        stats = {a.actor.code: a for a in s.actors()}
        assert stats["TURMIL"].as_source == 4 and stats["SYRREB"].as_target == 4
        assert [a.actor.code for a in s.actors("SYR")] == ["SYRREB"]
        rows = s.articles(since="2022-03-01")
        assert [r["source"] for r in rows] == ["AP", "AP"]


def test_runs_are_recorded(tmp_path):
    from eventwire.settings import Settings

    with store.Store(tmp_path / "r.duckdb") as s:
        rid = s.start_run(command="ingest", sources=["a"], settings=Settings(), version="t")
        s.finish_run(rid, "finished", {"articles_new": 3})
        rid2 = s.start_run(command="ingest", sources=["a"], settings=Settings(), version="t")
    with store.open(tmp_path / "r.duckdb") as s:
        runs = s.runs()
    assert [r["status"] for r in runs] == ["finished", "running"] and rid2 == rid + 1
    assert runs[0]["articles_new"] == 3 and runs[0]["settings_digest"] == Settings().digest()


def test_unknown_filter_and_bad_values_say_what_to_do(db):
    with store.open(db) as s:
        with pytest.raises(StoreError, match="unknown event filter"):
            s.events(actr="TUR")
        with pytest.raises(StoreError, match="YYYY-MM-DD"):
            s.events(since="last week")
        with pytest.raises(StoreError, match="coordinates"):
            s.events(near="Atlantis-on-Nowhere")
        with pytest.raises(StoreError, match="PLOVER"):
            s.events(type="19x")


def test_corrupt_file_gives_a_clear_message(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database at all\n" * 200)
    with pytest.raises(StoreError, match="not a readable eventwire database"):
        store.Store(bad)
    with pytest.raises(StoreError, match="no such database"):
        store.open(tmp_path / "missing.duckdb")


@pytest.mark.parametrize("damage", ["truncate", "garble"])
def test_a_damaged_database_gives_a_clear_message(db, damage):
    import os

    if damage == "truncate":
        os.truncate(db, 5000)
    else:
        with open(db, "r+b") as fh:
            fh.seek(4096)
            fh.write(bytes(range(256)) * 32)
    for read_only in (True, False):
        with (pytest.raises(StoreError, match="not a readable eventwire database .*restore it from a backup"),
              store.open(db, read_only=read_only) as s):
            s.events()
            s.article(s.articles(limit=1)[0]["id"])


def test_a_plain_duckdb_file_is_not_an_eventwire_database(tmp_path):
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not an eventwire database"):
        store.open(path)


def test_second_process_is_refused_with_the_holders_pid(db):
    code = (
        "import sys, time\nimport eventwire.store as s\nw = s.Store(sys.argv[1])\n"
        "print('ready', flush=True)\ntime.sleep(30)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as info:
            store.Store(db)
        assert f"is open by another eventwire process (pid {holder.pid})" in str(info.value)
        assert "use another --db" in str(info.value)
        with pytest.raises(StoreError, match="open by another eventwire process"):
            store.open(db)
    finally:
        holder.kill()
        holder.wait()
    with store.open(db) as s:  # the refused writer changed nothing
        assert s.counts()["articles"] == 5


def test_the_pure_duckdb_insert_path_stores_the_same_records(tmp_path):
    with store.Store(tmp_path / "plain.duckdb", arrow=False) as s:
        s.add(_corpus())
        s.add(_corpus())
        assert s.counts()["events"] == 6
    with store.open(tmp_path / "plain.duckdb") as s:
        for original in _corpus():
            assert s.article(original.id) == original


def test_event_keys_stay_unique_without_a_key_constraint(db):
    with store.Store(db) as s:
        s.add(_corpus())
        keys = s.con.execute("SELECT count(*), count(DISTINCT key) FROM events").fetchone()
    assert keys == (6, 6)


def test_events_as_a_dataframe(db):
    pandas = pytest.importorskip("pandas")
    with store.open(db) as s:
        frame = s.events_frame(type="ASSAULT")
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 5
    assert frame["source_code"].value_counts()["TURMIL"] == 4
    assert {"cluster_id", "place_lat", "sentence", "outlet"} <= set(frame.columns)


def test_clusters_follow_changed_tolerances_without_new_articles(db):
    from eventwire.settings import Settings

    with store.Store(db) as s:
        assert dedupe.refresh(s.con, Settings(dedupe_km=200.0), run_id=99) == 4
        assert dedupe.refresh(s.con, Settings(dedupe_km=200.0), run_id=99) == 4
        assert dedupe.refresh(s.con, Settings(), run_id=99) == 5


def test_an_older_database_is_upgraded_by_the_migrations_it_lacks(tmp_path):
    from eventwire.settings import Settings
    from eventwire.store import queries
    from eventwire.store.schema import BOOKKEEPING

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(BOOKKEEPING)
    for statement in MIGRATIONS[0].statements:
        con.execute(statement)
    queries.record_migration(con, MIGRATIONS[0].name, store.db.now())
    con.close()
    with store.Store(path) as s:
        s.add(_corpus()[:1])
        assert queries.applied_migrations(s.con) == {m.name for m in MIGRATIONS}
        assert dedupe.refresh(s.con, Settings(), run_id=None) == 2


def test_a_filter_passed_as_a_record_keeps_every_field(db):
    with store.open(db) as s:
        spec = s.filter(since="2022-03-01", actor="TUR")
        assert len(s.events(spec)) == 1 and len(s.events(spec, limit=5)) == 1


def test_near_a_name_only_the_gazetteer_knows(db):
    with store.open(db) as s:
        near = s.locate("Raqqa", 60)  # not in the stored places: resolved by the geoparser
        assert abs(near.lat - 35.95) < 0.2 and abs(near.lon - 39.0) < 0.2
        assert [e.event.place.name for e in s.events(near="Raqqa", km=60)] == ["Ain Issa"]


def test_readers_share_a_file_but_a_writer_waits_for_them(db):
    code = (
        "import sys, time\nimport eventwire.store as s\nr = s.open(sys.argv[1])\n"
        "print('ready', flush=True)\ntime.sleep(30)\n"
    )
    reader = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ready"
        with store.open(db) as s:
            assert s.count() == 6
        with pytest.raises(StoreError, match=f"pid {reader.pid}"):
            store.Store(db)
    finally:
        reader.kill()
        reader.wait()


@pytest.mark.parametrize("seed", range(6))
def test_clusters_recomputed_per_run_equal_a_full_recompute(tmp_path, seed):
    import random

    from eventwire.settings import Settings

    rng = random.Random(seed)
    actors, places = [TURMIL, SDF, RUSGOV, TURGOV], [MANBIJ, AIN_ISSA, KHARKIV, None]
    runs = []
    for run in range(4):
        # Runs of every size; later ones mostly, not only, report later days.
        low, high = (1, 20) if run == 0 else (rng.randint(1, 25), 28)
        batch = []
        for i in range(rng.choice([2, 5, 30])):
            events = tuple(
                event(f"e{j}", *rng.sample(actors, 2), rng.choice([SHELL, CONDEMN]),
                      place=rng.choice(places), day=f"2022-02-{rng.randint(low, high):02d}",
                      mode=rng.choice(["asserted", "asserted", "negated"]))
                for j in range(rng.randint(1, 4)))
            batch.append(article(f"Seed {seed} run {run} article {i}.",
                                 published=f"2022-02-{rng.randint(low, high):02d}",
                                 outlet=rng.choice(["A", "B", "C"]), events=events))
        runs.append(batch)
    settings = Settings(dedupe_days=rng.choice([1, 2, 4]))
    path = tmp_path / "inc.duckdb"

    def snapshot(con):
        return (sorted(con.execute("SELECT * FROM event_clusters").fetchall()),
                sorted(con.execute("SELECT * FROM clusters").fetchall(), key=str))

    with store.Store(path) as s:
        for run_id, batch in enumerate(runs, 1):
            s.add(batch, run_id=run_id)
            dedupe.refresh(s.con, settings, run_id=run_id)
        incremental = snapshot(s.con)
        dedupe.recompute(s.con, days=settings.dedupe_days, km=settings.dedupe_km)
        full = snapshot(s.con)
    assert incremental == full
    assert len(full[0]) == sum(len(a.events) for b in runs for a in b)


def test_actor_filters_understand_names_the_knowledge_base_knows(tmp_path):
    import dataclasses

    from eventwire.model import Actor, Mention

    sdf = Actor("syrian-democratic-forces", "Syrian Democratic Forces", "armed_group", "SYR", "REB", "SYRREB")
    ev = dataclasses.replace(event("e1", RUSGOV, sdf, SHELL, day="2022-02-03"),
                             target=Mention("Kurdish fighters", 20, 36, sdf, "NORP"))
    path = tmp_path / "kb.duckdb"
    with store.Store(path) as s:
        s.add([article("Russian jets struck Kurdish fighters.", events=(ev,))] + _corpus())
    with store.open(path) as s:
        assert [e.event.target.text for e in s.events(target="SDF", actor="the Kremlin")] == ["Kurdish fighters"]
        assert len(s.events(target="SDF")) == 5  # the factory's SDF: another id, the same name
        assert len(s.events(actor="Turkey")) == 5  # a state name stands for all of its actors

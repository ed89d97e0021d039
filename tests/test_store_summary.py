"""Store: quad class and paging in EventFilter, early type checks, and the grouped counts of
EventStore.summary checked against a recount of the event rows in Python."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

import pytest

import eventwire.store as store
from eventwire.errors import StoreError
from eventwire.store import dedupe
from tests.test_store import _corpus
from tests.test_store_factory import CONDEMN, SDF, TURGOV, TURMIL, article, event, mention


def _more():
    """A statement without a day, one by an unresolved actor, one without a target."""
    return [article("The Turkish government condemned the SDF. Six.", outlet="AP", published=None,
                    events=(event("e1", TURGOV, SDF, CONDEMN),)),
            article("Tribal elders condemned the shelling. Seven.", outlet="AP", published="2022-02-05",
                    events=(replace(event("e1", None, TURMIL, CONDEMN, day="2022-02-05"),
                                    source=mention(None, "Tribal elders", label="NORP")),
                            event("e2", SDF, None, CONDEMN, day="2022-02-05")))]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with store.Store(path) as s:
        s.add(_corpus() + _more(), run_id=1)
        dedupe.recompute(s.con, days=2, km=50.0)
    return path


def _side(row, side):
    if row[f"{side}_actor_id"]:
        return row[f"{side}_actor_id"]
    return f"text:{row[f'{side}_text'].lower()}" if row[f"{side}_text"] else None


def _recount(rows):
    days = Counter((r["day"], r["quad_class"]) for r in rows)
    places = defaultdict(lambda: [0, 0.0])
    pairs = defaultdict(lambda: [0, 0.0])
    for r in rows:
        if r["place_lat"] is not None:
            entry = places[(r["place_name"], r["quad_class"])]
            entry[0] += 1
            entry[1] += r["goldstein"] or 0.0
        pair = pairs[(_side(r, "source"), _side(r, "target"))]
        pair[0] += 1
        pair[1] += r["goldstein"] or 0.0
    return days, places, pairs


@pytest.mark.parametrize("filters", [{}, {"quad": [4]}, {"actor": "TUR"}, {"since": "2022-02-04"},
                                     {"country": "SY", "quad": (2, 4)}])
def test_summary_equals_a_recount_of_the_rows(db, filters):
    with store.open(db) as s:
        rows = s.event_rows(**filters)
        found = s.summary(**filters, limit=1, offset=1)  # paging does not narrow an aggregate
    days, places, pairs = _recount(rows)
    assert found.events == len(rows) > 0
    assert {(d, q): n for d, q, n in found.days} == dict(days)
    assert {(p[0], p[4]): [p[5], p[6]] for p in found.places} == {k: v for k, v in places.items()}
    assert {(p[0], p[1]): [p[2], p[3]] for p in found.pairs} == {k: v for k, v in pairs.items()}


def test_summary_names_resolved_and_unresolved_actors(db):
    with store.open(db) as s:
        pairs = {(p[0], p[1]): p for p in s.summary().pairs}
    elders = pairs[("text:tribal elders", TURMIL.id)]
    assert elders[4:] == ("Tribal elders", None, False, TURMIL.name, "TURMIL", True)
    assert pairs[(SDF.id, None)][2] == 1


def test_quad_filter_and_paging_of_events_and_clusters(db):
    with store.open(db) as s:
        everything = s.event_rows()
        assert [r["key"] for r in s.event_rows(quad=[4])] == \
            [r["key"] for r in everything if r["quad_class"] == 4]
        assert s.count(quad="2,4") == len(everything) and s.count(quad=[3]) == 0
        pages = [r["key"] for off in range(0, len(everything), 3)
                 for r in s.event_rows(limit=3, offset=off)]
        assert pages == [r["key"] for r in everything]
        assert s.event_rows(offset=len(everything) - 1)[0]["key"] == everything[-1]["key"]
        assert s.event_rows(limit=10, offset=len(everything)) == []
        assert s.event_rows(limit=5000, offset=2) == everything[2:]  # a large page: one query
        assert s.event_rows(limit=len(everything)) == everything  # a small page: fetched by key
        clusters = s.clusters()
        assert s.count_clusters() == len(clusters)
        assert [c.id for c in s.clusters(limit=2, offset=1)] == [c.id for c in clusters[1:3]]
        shelling = s.clusters(quad=[4])
        assert shelling and all(c.cameo_root == "19" for c in shelling)
        assert s.count_clusters(quad=[4]) == len(shelling) < len(clusters)
        articles = s.articles()
        assert s.articles(limit=2, offset=3) == articles[3:5]
        assert s.articles(offset=len(articles)) == []


def test_bad_filters_fail_when_the_filter_is_built(db):
    with store.open(db) as s:
        with pytest.raises(StoreError, match="PLOVER type"):
            s.filter(type="1;2")
        with pytest.raises(StoreError, match="QuadClass is 1"):
            s.filter(quad=[5])
        with pytest.raises(StoreError, match="QuadClass"):
            s.filter(quad="conflict")
        with pytest.raises(StoreError, match="0 or more"):
            s.filter(offset=-1)
        assert s.filter(quad=("4", 3, "4")).quad == (3, 4)

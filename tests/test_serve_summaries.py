"""The explorer's aggregates (eventwire.serve.summaries), shaped from hand-made grouped counts
in the form EventStore.summary returns (the SQL itself: tests/test_store_summary.py)."""

from __future__ import annotations

from datetime import date

from eventwire.serve import summaries
from eventwire.store import Summary

D3, D5, D6 = date(2022, 2, 3), date(2022, 2, 5), date(2022, 2, 6)
TUR = ("tur", "Turkey", "TUR", True)
SDF = ("sdf", "Syrian Democratic Forces", "SDF", True)
CROWD = ("text:the protesters", "the protesters", None, False)
NONE = (None, None, None, False)


def _pair(source, target, events, goldstein):
    return (source[0], target[0], events, goldstein, *source[1:], *target[1:])


SUMMARY = Summary(
    events=6,
    days=[(D3, 1, 1), (D3, 4, 2), (D5, 3, 1), (D6, 1, 1), (None, 2, 1)],
    places=[("Ain Issa", 36.39, 38.86, "SY", 4, 2, -19.0), ("Manbij", 36.53, 37.95, "SY", 3, 1, -4.0)],
    pairs=[_pair(TUR, SDF, 2, -19.0), _pair(SDF, TUR, 2, -3.0), _pair(CROWD, SDF, 1, 5.0),
           _pair(CROWD, NONE, 1, 0.0)],
)


def test_timeline_counts_per_day_and_quad() -> None:
    found = summaries.timeline(SUMMARY)
    assert found["days"] == [
        {"day": "2022-02-03", "counts": [1, 0, 0, 2]},
        {"day": "2022-02-05", "counts": [0, 0, 1, 0]},
        {"day": "2022-02-06", "counts": [1, 0, 0, 0]},
    ]
    assert found["undated"] == 1


def test_places_group_events_with_their_mean_goldstein() -> None:
    found = summaries.places(SUMMARY)
    assert [(p["name"], p["events"], p["quads"], p["goldstein"]) for p in found] == [
        ("Ain Issa", 2, [0, 0, 0, 2], -9.5), ("Manbij", 1, [0, 0, 1, 0], -4.0)]
    assert summaries.located(found) == 3


def test_network_edges_are_directed_weighted_and_coloured() -> None:
    found = summaries.network(SUMMARY)
    edges = {(e["source"], e["target"]): (e["events"], e["goldstein"]) for e in found["edges"]}
    assert edges == {("tur", "sdf"): (2, -9.5), ("sdf", "tur"): (2, -1.5),
                     ("text:the protesters", "sdf"): (1, 5.0)}
    nodes = {n["id"]: n for n in found["nodes"]}
    assert nodes["sdf"]["events"] == 5 and nodes["sdf"]["resolved"]
    assert nodes["text:the protesters"]["events"] == 2 and not nodes["text:the protesters"]["resolved"]
    assert nodes["text:the protesters"]["code"] is None


def test_network_keeps_the_most_active_actors() -> None:
    found = summaries.network(SUMMARY, max_nodes=2)
    assert {n["id"] for n in found["nodes"]} == {"sdf", "tur"}
    assert found["dropped_nodes"] == 1
    assert all(e["source"] in {"sdf", "tur"} and e["target"] in {"sdf", "tur"} for e in found["edges"])

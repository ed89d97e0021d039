"""The explorer's aggregates (eventwire.serve.summaries) on small hand-made event rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventwire.serve import summaries


def _row(day: str | None, quad: int, goldstein: float, source: tuple[str | None, str] | None,
         target: tuple[str | None, str] | None = None, place: tuple[str, float, float] | None = None
         ) -> dict[str, Any]:
    row: dict[str, Any] = {"day": date.fromisoformat(day) if day else None, "quad_class": quad,
                           "goldstein": goldstein}
    for side, value in (("source", source), ("target", target)):
        actor_id, text = value if value else (None, None)
        row.update({f"{side}_actor_id": actor_id, f"{side}_text": text,
                    f"{side}_name": text.title() if actor_id and text else None,
                    f"{side}_code": actor_id.upper() if actor_id else None})
    name, lat, lon = place if place else (None, None, None)
    row.update({"place_name": name, "place_lat": lat, "place_lon": lon,
                "place_country": "SY" if place else None})
    return row


TUR = ("tur", "turkey")
SDF = ("sdf", "syrian democratic forces")
ROWS = [
    _row("2022-02-03", 4, -10.0, TUR, SDF, ("Ain Issa", 36.39, 38.86)),
    _row("2022-02-03", 4, -9.0, TUR, SDF, ("Ain Issa", 36.39, 38.86)),
    _row("2022-02-03", 1, 1.0, SDF, TUR),
    _row("2022-02-05", 3, -4.0, SDF, TUR, ("Manbij", 36.53, 37.95)),
    _row(None, 2, 5.0, (None, "the protesters"), SDF),
    _row("2022-02-06", 1, 0.0, (None, "The Protesters"), None),
]


def test_timeline_counts_per_day_and_quad() -> None:
    found = summaries.timeline(ROWS)
    assert found["days"] == [
        {"day": "2022-02-03", "counts": [1, 0, 0, 2]},
        {"day": "2022-02-05", "counts": [0, 0, 1, 0]},
        {"day": "2022-02-06", "counts": [1, 0, 0, 0]},
    ]
    assert found["undated"] == 1


def test_places_group_events_with_their_mean_goldstein() -> None:
    found = summaries.places(ROWS)
    assert [(p["name"], p["events"], p["quads"], p["goldstein"]) for p in found] == [
        ("Ain Issa", 2, [0, 0, 0, 2], -9.5), ("Manbij", 1, [0, 0, 1, 0], -4.0)]


def test_network_edges_are_directed_weighted_and_coloured() -> None:
    found = summaries.network(ROWS)
    edges = {(e["source"], e["target"]): (e["events"], e["goldstein"]) for e in found["edges"]}
    assert edges == {("tur", "sdf"): (2, -9.5), ("sdf", "tur"): (2, -1.5),
                     ("text:the protesters", "sdf"): (1, 5.0)}
    nodes = {n["id"]: n for n in found["nodes"]}
    assert nodes["sdf"]["events"] == 5 and nodes["sdf"]["resolved"]
    # unresolved actors are one node per wording, whatever its case
    assert nodes["text:the protesters"]["events"] == 2 and not nodes["text:the protesters"]["resolved"]


def test_network_keeps_the_most_active_actors() -> None:
    found = summaries.network(ROWS, max_nodes=2)
    assert {n["id"] for n in found["nodes"]} == {"sdf", "tur"}
    assert found["dropped_nodes"] == 1
    assert all(e["source"] in {"sdf", "tur"} and e["target"] in {"sdf", "tur"} for e in found["edges"])


def test_quad_filter_keeps_only_those_classes() -> None:
    assert [r["quad_class"] for r in summaries.filter_quad(ROWS, [3, 4])] == [4, 4, 3]

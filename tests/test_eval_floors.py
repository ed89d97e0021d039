"""Quality gate: every figure pinned in eval/floors.json must stay at or above its floor.

The shared development sets run with the sample limits written in floors.json (so that the whole
test suite stays fast on two cores); `make eval` runs them in full. They skip when ../shared is
absent; the project's own gold files always run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate.floors import below_floor, pin_new
from eventwire.evaluate.runner import DatasetResult, run_dataset

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))


def _spec(name: str) -> str:
    return f"gold:{ROOT / 'eval' / 'gold' / (name[5:] + '.jsonl')}" if name.startswith("gold:") else name


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS["floors"]))
def test_figures_stay_above_floors(name: str, extractor, request: pytest.FixtureRequest) -> None:
    data_dir = None
    if not name.startswith("gold:"):
        data_dir = request.getfixturevalue("shared_dir") / "eval"
    result = run_dataset(_spec(name), extractor, data_dir=data_dir, limit=FLOORS["limits"].get(name))
    failing = below_floor(result.figures, FLOORS["floors"][name])
    assert not failing, f"{name}: figures below their floor (measured, floor): {failing}"


def test_floors_file_is_consistent() -> None:
    for name, figures in FLOORS["floors"].items():
        assert name.startswith("gold:") or name in FLOORS["limits"], name
        if name.startswith("gold:"):
            assert (ROOT / "eval" / "gold" / f"{name[5:]}.jsonl").is_file(), name
        for key, pinned in figures.items():
            assert 0.0 <= pinned["floor"] <= pinned["measured"] <= 1.0, (name, key)


def test_floor_check_and_pinning_rules() -> None:
    floors = {"events.f1": {"floor": 0.5, "measured": 0.52}}
    assert below_floor({"events.f1": 0.49}, floors) == {"events.f1": (0.49, 0.5)}
    assert below_floor({"events.f1": 0.5}, floors) == {}
    assert below_floor({}, floors) == {"events.f1": (0.0, 0.5)}
    doc = {"floors": {"x": {"events.f1": {"floor": 0.6, "measured": 0.61}}}}
    result = DatasetResult("x", 3, None, {"events.f1": 0.2, "events.recall": 0.5, "articles": 3}, {})
    pin_new(doc, {"x": result})
    assert doc["floors"]["x"]["events.f1"]["floor"] == 0.6  # never lowered
    assert doc["floors"]["x"]["events.recall"] == {"floor": 0.48, "measured": 0.5}
    assert "articles" not in doc["floors"]["x"]
    higher = DatasetResult("x", 3, None, {"events.f1": 0.9, "events.recall": 0.1}, {})
    pin_new(doc, {"x": higher}, raise_existing=True)
    assert doc["floors"]["x"]["events.f1"] == {"floor": 0.88, "measured": 0.9}
    assert doc["floors"]["x"]["events.recall"]["floor"] == 0.48  # never lowered

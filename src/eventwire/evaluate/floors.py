"""Pinned floors (eval/floors.json): a figure may not drop below its floor.

Floors only go up, by hand, beside the figure that justifies them. `pin_new` adds floors for
figures that have none yet (a little below the measured value) and never lowers an existing one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .runner import DatasetResult

HIGHER_IS_BETTER = (".precision", ".recall", ".f1", ".accuracy", ".macro_f1", ".acc161", ".exact",
                    ".avoided", ".body_f1")
MARGIN = 0.02
# Accuracies of event fields are conditional on the events matched: they may fall as recall
# rises, so they are reported but not pinned.
CONDITIONAL = tuple(f"events.{f}.accuracy" for f in ("mode", "fatalities", "injured", "place", "date", "attributed_to"))


def load_floors(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def below_floor(figures: Mapping[str, float], floors: Mapping[str, Mapping[str, float]]) -> dict[str, tuple[float, float]]:
    """{figure: (measured, floor)} for each figure under its floor (a missing figure counts as 0)."""
    out = {}
    for key, pinned in floors.items():
        value = float(figures.get(key, 0.0))
        if value < float(pinned["floor"]) - 1e-9:
            out[key] = (value, float(pinned["floor"]))
    return out


def pin_new(document: dict[str, Any], results: Mapping[str, DatasetResult], margin: float = MARGIN,
            raise_existing: bool = False) -> dict[str, Any]:
    """Adds {"floor", "measured"} for each higher-is-better figure without a floor yet; with
    `raise_existing` (a deliberate, reviewed step) also raises floors the new figures justify.
    A floor is never lowered."""
    floors = document.setdefault("floors", {})
    for name, result in results.items():
        pinned = floors.setdefault(name, {})
        for key, value in result.figures.items():
            if not key.endswith(HIGHER_IS_BETTER) or key in CONDITIONAL:
                continue
            floor = max(0.0, math.floor(round((value - margin) * 1000, 6)) / 1000)
            if key not in pinned or (raise_existing and floor > pinned[key]["floor"]):
                pinned[key] = {"floor": floor, "measured": value}
    return document

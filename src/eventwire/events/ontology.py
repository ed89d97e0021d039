"""The event ontologies: CAMEO codes, QuadClass and PentaClass, PLOVER types and modes, ACLED types.

The tables are the project's own data files under `events/data/` (format in docs/events.md),
loaded once at import and indexed by code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import EventwireError
from ..model import Acled, Action

DATA = resources.files(__package__) / "data"


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.code)

    @property
    def penta_class(self) -> int:
        return penta_class(self.code)


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad_class: int
    modes: tuple[str, ...]
    meaning: str


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code (roots and leaves) by code string ("19", "194", "1831")."""
    out: dict[str, CameoCode] = {}
    for row in _rows("cameo.tsv"):
        code, name, goldstein, plover, mode = (row + ["", ""])[:5]
        out[code] = CameoCode(code, name, float(goldstein), plover, mode or None)
    return out


@functools.cache
def plover_types() -> dict[str, PloverType]:
    """The 16 PLOVER event types with their modes."""
    out: dict[str, PloverType] = {}
    for row in _rows("plover.tsv"):
        name, quad, modes, meaning = (row + ["", ""])[:4]
        out[name] = PloverType(name, int(quad), tuple(m for m in modes.split(",") if m), meaning)
    return out


@functools.cache
def acled_types() -> dict[str, tuple[str, ...]]:
    """ACLED event type -> its sub-event types, spelled as in the ACLED codebook."""
    out: dict[str, list[str]] = {}
    for row in _rows("acled.tsv"):
        out.setdefault(row[0], []).append(row[1])
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def _acled_parent() -> dict[str, str]:
    return {sub: etype for etype, subs in acled_types().items() for sub in subs}


def acled(sub_event_type: str) -> Acled:
    """The ACLED pair for a sub-event type name (the event type is implied)."""
    try:
        return Acled(_acled_parent()[sub_event_type], sub_event_type)
    except KeyError as exc:
        raise EventwireError(
            f"unknown ACLED sub-event type {sub_event_type!r}; use one of events/data/acled.tsv"
        ) from exc


def cameo(code: str) -> CameoCode:
    try:
        return cameo_codes()[code]
    except KeyError as exc:
        raise EventwireError(
            f"unknown CAMEO code {code!r}; codes are listed in events/data/cameo.tsv"
        ) from exc


def quad_class(code: str) -> int:
    """1 verbal cooperation (01-05), 2 material cooperation (06-08), 3 verbal conflict (09-13),
    4 material conflict (14-20)."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def penta_class(code: str) -> int:
    """0 statement/appeal (01-02), 1 verbal coop (03-05), 2 material coop (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    return 0 if int(code[:2]) <= 2 else quad_class(code)


def make_action(text: str, code: str, acled_sub: str | None = None) -> Action:
    """The contract's `action` object for a CAMEO code."""
    c = cameo(code)
    return Action(
        text=text,
        cameo=c.code,
        root=c.root,
        name=c.name,
        plover=c.plover,
        plover_mode=c.plover_mode,
        quad_class=c.quad_class,
        goldstein=c.goldstein,
        acled=acled(acled_sub) if acled_sub else None,
    )


__all__ = [
    "CameoCode",
    "PloverType",
    "acled",
    "acled_types",
    "cameo",
    "cameo_codes",
    "make_action",
    "penta_class",
    "plover_types",
    "quad_class",
]

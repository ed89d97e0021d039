"""Events: predicates with source and target -> CAMEO/PLOVER/ACLED coded events."""

from __future__ import annotations

from .coder import RULESET, code_events, main_event
from .ontology import cameo, cameo_codes, make_action, penta_class, plover_types, quad_class

__all__ = [
    "RULESET",
    "cameo",
    "cameo_codes",
    "code_events",
    "main_event",
    "make_action",
    "penta_class",
    "plover_types",
    "quad_class",
]

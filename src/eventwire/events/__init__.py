"""Events: predicates with source and target -> CAMEO/PLOVER/ACLED coded events."""

from __future__ import annotations

from .coder import code_events

__all__ = ["code_events"]

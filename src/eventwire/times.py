"""Times: temporal expressions -> ISO values. Placeholder until the stage is built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

READY = False


def resolve_times(doc: Doc, published: str | None) -> list[TimeRef]:
    return []

"""Quotes: direct and indirect quotations with speakers. Placeholder until the stage is built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ArticleActors

READY = False


def find_quotes(doc: Doc, actors: ArticleActors) -> list[Quote]:
    return []

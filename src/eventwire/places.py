"""Places: toponyms -> GeoNames places. Placeholder until the stage is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Document, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ArticleActors
    from .settings import Settings

READY = False


@dataclass
class ArticlePlaces:
    places: list[Place] = field(default_factory=list)

    def in_range(self, start: int, end: int) -> Place | None:
        """The most specific place mentioned between these body offsets (an event's clause)."""
        return None


class Geoparser:
    """Holds the gazetteer (loaded once per process) and resolves articles."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def resolve(self, doc: Doc, document: Document, actors: ArticleActors) -> ArticlePlaces:
        return ArticlePlaces()

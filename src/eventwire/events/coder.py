"""Event coder. Placeholder until the stage is built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Event, Quote, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..actors import ArticleActors
    from ..places import ArticlePlaces

READY = False


def code_events(
    doc: Doc,
    actors: ArticleActors,
    places: ArticlePlaces,
    times: list[TimeRef],
    quotes: list[Quote],
) -> list[Event]:
    return []

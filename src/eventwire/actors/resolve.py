"""Resolution of mentions to actors within one article.

Placeholder until the actors stage is built: NER mentions with no actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..settings import Settings

READY = False


@dataclass
class ArticleActors:
    """The actors of one article: every mention, and lookups the later stages use."""

    mentions: list[Mention] = field(default_factory=list)

    def for_span(self, span: Span) -> Mention | None:
        """The actor mention a noun phrase (subject, object, ...) refers to, or None."""
        for m in self.mentions:
            if m.start <= span.start_char < m.end or span.start_char <= m.start < span.end_char:
                return m
        return None

    def for_token(self, token: Token) -> Mention | None:
        return self.for_span(token.doc[token.i : token.i + 1])


class ActorResolver:
    """Holds the knowledge base (loaded once per process) and resolves articles."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def resolve(self, doc: Doc, document: Document) -> ArticleActors:
        return ArticleActors(
            [Mention(e.text, e.start_char, e.end_char, None, e.label_) for e in doc.ents]
        )

"""`find_quotes`: direct quotes from marks, indirect quotes from the parse, with speakers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Quote
from .direct import DirectQuotes
from .indirect import indirect_quotes
from .marks import find_marked
from .speaker import SpeakerFinder

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..actors import ArticleActors


def find_quotes(doc: Doc, actors: ArticleActors) -> list[Quote]:
    """Every quotation of the article, in text order. Offsets are into the body (`doc.text`);
    for a direct quote they are the span inside the marks."""
    text = doc.text
    spans = find_marked(text)
    quoted = [(s.open_at, (s.close_at if s.close_at is not None else s.end) + 1) for s in spans]
    finder = SpeakerFinder(doc, actors, quoted, text)
    finder.collect_speakers()
    direct = DirectQuotes(doc, finder, spans).quotes()
    indirect = indirect_quotes(doc, finder)
    return sorted([*direct, *indirect], key=lambda q: (q.start, not q.direct))

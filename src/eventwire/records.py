"""Records: the one place the contract's `Article` is assembled from a document and stage results."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Article, Document, Event, Mention, Place, Quote, TimeRef, article_id


def build_article(
    document: Document,
    *,
    entities: Iterable[Mention] = (),
    events: Iterable[Event] = (),
    quotes: Iterable[Quote] = (),
    places: Iterable[Place] = (),
    times: Iterable[TimeRef] = (),
    warnings: Iterable[str] = (),
) -> Article:
    return Article(
        id=article_id(document.body),
        ref=document.ref,
        source=document.source,
        url=document.url,
        headline=document.headline,
        published=document.published,
        captions=tuple(document.captions),
        body=document.body,
        language=document.language or "en",
        entities=tuple(sorted(entities, key=lambda m: (m.start, m.end))),
        events=tuple(sorted(events, key=lambda e: (e.start, e.id))),
        quotes=tuple(sorted(quotes, key=lambda q: q.start)),
        places=tuple(places),
        times=tuple(sorted(times, key=lambda t: t.start)),
        warnings=tuple(document.warnings) + tuple(warnings),
        byline=document.byline,
        dateline=document.dateline,
    )

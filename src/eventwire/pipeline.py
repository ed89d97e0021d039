"""The pipeline, in stage order:

    ingest -> clean -> nlp -> actors -> places -> times -> quotes -> events -> records

`ingest` reads inputs and `clean` turns each into a `Document` (ingest/, clean.py); `nlp` parses the
bodies with one spaCy pipeline in batches (nlp.py); `actors` resolves mentions to actors
(actors/); `places` geoparses (places.py); `times` normalises dates against publication (times.py);
`quotes` finds quotations and speakers (quotes.py); `events` codes who did what to whom
(events/); `records` assembles the contract's `Article` (records.py). Nothing after `records`
sees a spaCy object.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import ingest, places, quotes, times
from .actors import ActorResolver
from .actors import resolve as actors_resolve
from .events import code_events
from .events import coder as events_coder
from .model import Article, Document, Rejection
from .nlp import build_nlp
from .places import Geoparser
from .records import build_article
from .settings import Settings

STAGES = ("ingest", "nlp", "actors", "places", "times", "quotes", "events", "records")

_STAGE_MODULES = {
    "ingest": ingest,
    "actors": actors_resolve,
    "places": places,
    "times": times,
    "quotes": quotes,
    "events": events_coder,
}


def pending_stages() -> list[str]:
    """Stages whose real implementation has not landed yet (reported in each article's warnings)."""
    return [name for name, mod in _STAGE_MODULES.items() if not getattr(mod, "READY", True)]


@dataclass
class Timings:
    """Seconds spent per stage, summed over a run."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


class Extractor:
    """Loads the model, knowledge base and gazetteer once; turns documents into articles."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = build_nlp(self.settings)
        self.actors = ActorResolver(self.settings)
        self.geo = Geoparser(self.settings)
        self.timings = Timings()
        self._pending = tuple(f"{s}: not built yet" for s in pending_stages() if s != "ingest")

    def extract_text(self, text: str, *, published: str | None = None, ref: str | None = None) -> Article:
        """Text of one article in, the contract's Article out (no cleaning of dump structure)."""
        from .clean import clean_document

        doc = clean_document(
            Document(ref=ref, body=text), published=published, detect=self.settings.language_check
        )
        return next(iter(self.extract([doc])))

    def extract(self, documents: Iterable[Document]) -> Iterator[Article]:
        """Documents in, Articles out, in the same order; parsed in batches with nlp.pipe."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= self.settings.batch_size:
                yield from self._extract_batch(batch)
                batch = []
        if batch:
            yield from self._extract_batch(batch)

    def _extract_batch(self, batch: list[Document]) -> Iterator[Article]:
        english = [d for d in batch if _is_english(d)]
        t = time.perf_counter()
        docs = dict(zip((id(d) for d in english), self.nlp.pipe(d.body for d in english), strict=True))
        self.timings.add("nlp", t)
        for document in batch:
            doc = docs.get(id(document))
            if doc is None:
                yield build_article(document, warnings=_language_warning(document))
            else:
                yield self._extract_one(document, doc)

    def _extract_one(self, document: Document, doc) -> Article:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        actors = self.actors.resolve(doc, document)
        t = self.timings.add("actors", t)
        article_places = self.geo.resolve(doc, document, actors)
        t = self.timings.add("places", t)
        article_times = times.resolve_times(doc, document.published)
        t = self.timings.add("times", t)
        article_quotes = quotes.find_quotes(doc, actors)
        t = self.timings.add("quotes", t)
        events = code_events(doc, actors, article_places, article_times, article_quotes)
        events = [e for e in events if e.confidence >= self.settings.min_confidence]
        article_quotes = quotes.link_quotes(article_quotes, events)
        t = self.timings.add("events", t)
        article = build_article(
            document,
            entities=actors.mentions,
            events=events,
            quotes=article_quotes,
            places=article_places.places,
            times=article_times,
            warnings=self._pending,
        )
        self.timings.add("records", t)
        return article


def _is_english(document: Document) -> bool:
    return document.language in (None, "en") and bool(document.body.strip())


def _language_warning(document: Document) -> tuple[str, ...]:
    # clean.py already explains a non-English article; only an empty body needs saying here
    return ("empty body: nothing to analyse",) if not document.body.strip() else ()


def extract_inputs(
    inputs: Iterable[str], *, published: str | None = None, settings: Settings | None = None
) -> Iterator[Article | Rejection]:
    """Paths/globs/`-` in; Articles and Rejections out, in input order. The batch never stops."""
    settings = settings or Settings()
    extractor: Extractor | None = None  # loaded at the first readable document, not before
    pending: list[Document | Rejection] = []
    for item in ingest.iter_documents(inputs, published=published, settings=settings):
        pending.append(item)
        if isinstance(item, Rejection):
            if len(pending) == 1:
                yield pending.pop()
            continue
        extractor = extractor or Extractor(settings)
        if sum(isinstance(p, Document) for p in pending) >= settings.batch_size:
            yield from _flush(extractor, pending)
            pending = []
    if pending:
        yield from _flush(extractor or Extractor(settings), pending)


def _flush(extractor: Extractor, pending: list[Document | Rejection]) -> Iterator[Article | Rejection]:
    articles = iter(extractor.extract([p for p in pending if isinstance(p, Document)]))
    for item in pending:
        yield item if isinstance(item, Rejection) else next(articles)

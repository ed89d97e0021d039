"""Resolution of mentions to actors within one article.

Order of work for an article: find named spans (NER + KB names), grow person names over their
titles, find noun phrases headed by role nouns, then resolve every phrase in text order so that
short names, definite descriptions ("the group", "the Turkish president") and pronouns can look
back at what came before.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Actor, Document, Mention
from . import roles
from .compose import Composer, Ref
from .kb import KB, load_kb, norm
from .spans import Candidate, extend_person, named_spans, role_heads

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..settings import Settings

READY = True


@dataclass
class ArticleActors:
    """The actors of one article: every mention, and lookups the later stages use."""

    mentions: list[Mention] = field(default_factory=list)
    countries: collections.Counter[str] = field(default_factory=collections.Counter)
    _by_token: dict[int, Mention] = field(default_factory=dict, repr=False)
    _composer: Composer | None = field(default=None, repr=False)
    _places: dict[int, Actor] = field(default_factory=dict, repr=False)
    _cache: dict[tuple[int, int], Mention | None] = field(default_factory=dict, repr=False)

    def for_span(self, span: Span) -> Mention | None:
        """The actor mention a noun phrase (subject, object, ...) refers to, or None."""
        key = (span.start, span.end)
        if key not in self._cache:
            found = self._find(span.root, span.start) if len(span) else None
            if found is not None and self._composer is not None and found.actor is not None:
                found = self._composer.narrow(span, found)
            if found is not None and found.actor is None and span.root.i in self._places:
                # a place in `entities`, but as an event's argument it stands for its country
                found = Mention(found.text, found.start, found.end, self._places[span.root.i], found.label)
            self._cache[key] = _widen(found, span) if found is not None else None
        return self._cache[key]

    def state_of(self, iso2: str | None) -> Actor | None:
        """The state actor of a country given by its ISO alpha-2 code (a place's country)."""
        iso3 = self._iso3(iso2)
        return self._composer.kb.state(iso3) if iso3 and self._composer is not None else None

    def placed(self, actor: Actor, iso2: str | None) -> Actor:
        """A role-only actor ("protesters": CVL) given the country the text puts it in, by the
        ISO alpha-2 code of that place; any other actor unchanged."""
        iso3 = self._iso3(iso2)
        if iso3 is None or actor.country or not actor.role or self._composer is None:
            return actor
        return self._composer.kb.role_actor(iso3, actor.code)

    def _iso3(self, iso2: str | None) -> str | None:
        if not iso2 or self._composer is None:
            return None
        kb = self._composer.kb
        if not kb.by_iso2:
            kb.by_iso2.update({c.iso2: c.iso3 for c in kb.countries.values() if c.iso2})
        return kb.by_iso2.get(iso2.upper())

    def for_token(self, token: Token) -> Mention | None:
        return self.for_span(token.doc[token.i : token.i + 1])

    def conjuncts(self, span: Span) -> list[Mention]:
        """Each coordinated actor of a phrase ("Russia and Iran" -> two mentions)."""
        root = span.root
        found: list[Mention] = []
        for tok in (root, *root.conjuncts):
            m = self.for_token(tok)
            if m is not None and m.actor is not None and all(m.actor != f.actor for f in found):
                found.append(m)
        if self._composer is not None and found and len(found) == 1:
            split = self._composer.split_adjectives(root, found[0])
            if split:
                return split
        return found

    def _find(self, root: Token, start: int = 0) -> Mention | None:
        mention = self._by_token.get(root.i)
        if mention is not None:
            for child in root.children:  # "U.S. and British warplanes": the first conjunct leads
                usable = child.dep_ in {"amod", "nmod", "compound"} and child.i >= start
                first = self._by_token.get(child.i) if usable else None
                if first is not None and first is not mention and child.conjuncts and first.actor is not None:
                    return first
            return mention
        if self._composer is None:
            return None
        if root.pos_ == "PRON" or root.lower_ in roles.PERSON_PRONOUNS:
            return self._composer.pronoun(root)
        for child in root.rights:  # "its ally Belarus", "the group's leader, X"
            if child.dep_ in {"appos", "compound"} and child.i in self._by_token:
                named = self._by_token[child.i]
                if named.actor is not None:
                    return named
        for child in root.children:
            if child.dep_ == "poss":
                m = self._by_token.get(child.i) or (self._composer.pronoun(child) if child.pos_ == "PRON" else None)
                if m is not None:
                    return m
        for child in root.children:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i in self._by_token:
                return self._by_token[child.i]
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "by"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self._find(obj)
        return None


class ActorResolver:
    """Holds the knowledge base (loaded once per process) and resolves articles."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kb: KB = load_kb(settings.kb_overlay)

    def resolve(self, doc: Doc, document: Document) -> ArticleActors:
        return resolve_doc(self.kb, doc, document.published)


def resolve_doc(kb: KB, doc: Doc, published: str | None) -> ArticleActors:
    words = [t.text for t in doc]
    named = named_spans(doc, kb, words)
    for cand in named:
        if cand.label == "PERSON":
            extend_person(doc, cand)
    covered = {i for c in named for i in range(c.title_start or c.start, c.end)}
    persons = {i for c in named if c.label == "PERSON" for i in range(c.title_start or c.start, c.end)}
    nps = _outermost(role_heads(doc, words, covered, persons))
    composer = Composer(kb, doc, published, named, words)
    result = ArticleActors(_composer=composer)
    absorbed = {i for c in nps for i in range(c.start, c.end)}
    absorbed |= {i for c in named if c.title_start is not None for i in range(c.title_start, c.start)}
    for cand in sorted([*named, *nps], key=lambda c: c.start):
        if cand.label != "NP" and cand.start in absorbed and cand.end - 1 in absorbed:
            _count(result, composer.base_country(cand))
            continue
        ref = composer.resolve(cand)
        parts = composer.coordinated(cand, ref) if cand.label == "NP" else []
        if parts:
            for part, part_ref in parts:
                _record(result, composer, part, part_ref)
        else:
            _record(result, composer, cand, ref)
    return result


def _widen(mention: Mention, span: Span) -> Mention:
    """The caller's phrase ("the Croatian government's request") with the actor found in it."""
    if len(span) < 2 or not (span.start_char <= mention.start and mention.end <= span.end_char):
        return mention
    text, start, end = _trim(span.text, span.start_char)
    if (start, end) == (mention.start, mention.end) or not text:
        return mention
    return Mention(text, start, end, mention.actor, mention.label)


def _outermost(cands: list[Candidate]) -> list[Candidate]:
    """Noun phrases inside a larger one ("the countries'" in "the countries' ministries") go."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and out[-1].start <= c.start and c.end <= out[-1].end:
            continue
        out.append(c)
    return out


def _record(result: ArticleActors, composer: Composer, cand: Candidate, ref: Ref) -> None:
    doc = composer.doc
    start = cand.title_start if cand.title_start is not None else cand.start
    span = doc[start : cand.end]
    text, begin, end = _trim(span.text, span.start_char)
    mention = Mention(text, begin, end, ref.actor, cand.label)
    result.mentions.append(mention)
    for i in range(start, cand.end):
        result._by_token.setdefault(i, mention)
        if ref.place_of is not None:
            result._places[i] = ref.place_of
    composer.remember(ref, mention)
    if ref.actor is not None and ref.actor.country:
        result.countries[ref.actor.country] += 1
    elif ref.actor is None:
        _count(result, composer.base_country(cand))


def _count(result: ArticleActors, country: str | None) -> None:
    if country:
        result.countries[country] += 1


def _trim(text: str, start: int) -> tuple[str, int, int]:
    """Drop possessive endings and stray punctuation around a mention's text."""
    stripped = text.rstrip(" ,;:\n\t")
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if stripped.endswith(ending) and len(stripped) > len(ending) + 1:
            stripped = stripped[: -len(ending)]
            break
    lead = len(stripped) - len(stripped.lstrip(" \"'\u201c("))
    stripped = stripped[lead:]
    return stripped, start + lead, start + lead + len(stripped)


def resolve_phrase(text: str, published: str | None = None, overlay: str | None = None) -> Actor | None:
    """The actor a phrase names out of context ("Hungarian", "Tokyo", "Iraqi troops"), or None."""
    from ..nlp import build_nlp
    from ..settings import Settings

    kb = load_kb(overlay)
    hits = kb.lookup(text)
    if hits:
        actor = Composer.actor_of_hits(kb, hits, published)
        if actor is not None:
            return actor
    doc = build_nlp(Settings())(text)
    actors = resolve_doc(kb, doc, published)
    if not len(doc):
        return None
    root = doc[:].root
    mention = actors.for_token(root)
    if mention is None and actors.mentions:
        mention = max(actors.mentions, key=lambda m: m.end - m.start)
    return mention.actor if mention is not None else None


__all__ = ["ActorResolver", "ArticleActors", "resolve_doc", "resolve_phrase", "norm"]

"""References back within an article: pronouns (he, she, it, its, they), the subject of a
governing clause, and institutions named before ("the ministry", "the junta")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Actor, Mention
from . import roles
from .context import INSTITUTIONS, Ref, at, copular_it, pronoun_filter

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .kb import KB

LOOKBACK_SENTS = 3


class BackReferences:
    """Mixed into the Composer: reads the refs resolved so far, in text order."""

    kb: KB
    doc: Doc
    refs: list[Ref]

    def _sent(self, i: int) -> int:
        raise NotImplementedError

    def pronoun(self, tok: Token) -> Mention | None:
        word = tok.lower_
        accept = pronoun_filter(word)
        if accept is None or word == "it" and (tok.dep_ == "expl" or tok.dep_ == "nsubj" and copular_it(tok)):
            return None
        ref = self._subject_ref(tok, accept)
        if ref is None:
            sent = self._sent(tok.i)
            for cand in self._recent(tok.i, None):
                near = word in roles.PERSON_PRONOUNS or sent - cand.sent <= 1
                if near and accept(cand) and (word != "it" or cand.dep in {"nsubj", "nsubjpass"}):
                    ref = cand
                    break
        return at(tok, ref.actor) if ref is not None and ref.actor is not None else None

    def _subject_ref(self, tok: Token, accept: Callable[[Ref], bool]) -> Ref | None:
        """The subject of a clause governing the pronoun ("Türkiye maintains that its ...")."""
        by_head = {r.start: r for r in self.refs if r.start < tok.i}
        node = tok
        while node.head.i != node.i:
            node = node.head
            for child in node.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.right_edge.i < tok.i:
                    ref = by_head.get(child.i)
                    if ref is not None and accept(ref):
                        return ref
        return None

    def _recent(self, before: int, kind: str | None) -> list[Ref]:
        sent = self._sent(before)
        out = []
        for ref in reversed(self.refs):
            if ref.start >= before:
                continue
            if sent - ref.sent > LOOKBACK_SENTS and kind != "person":
                break
            if kind is None or ref.kind == kind:
                out.append(ref)
        return out

    def _recent_role(self, before: int, role: str) -> Actor | None:
        """"the junta", "the ministry": the same institution named before (same head word),
        else the last actor of that role within two sentences."""
        word = self.doc[before].lemma_.lower() if before < len(self.doc) else ""
        sent = self._sent(before)
        near: Actor | None = None
        for ref in reversed(self.refs):
            actor = ref.actor
            if ref.start >= before or actor is None or actor.role != role[:3] or not actor.country:
                continue
            if ref.mention is not None and word and word in ref.mention.text.lower():
                return self.kb.role_actor(actor.country, role)
            last = ref.mention.text.lower().split()[-1] if ref.mention is not None and ref.mention.text else ""
            if near is None and sent - ref.sent <= 2 and last in INSTITUTIONS:
                near = self.kb.role_actor(actor.country, role)
        return near

    def _article_countries(self) -> set[str]:
        return {r.actor.country for r in self.refs[-30:] if r.actor is not None and r.actor.country}

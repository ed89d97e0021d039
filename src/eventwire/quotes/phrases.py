"""Syntax around a cue word: its speaker token, its addressee, a noun phrase's tight extent.

Pure functions over spaCy tokens; `speaker.py` turns the tokens into `Mention`s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import MEDIUM_NOUNS, MEDIUM_PREPS, cue_of, has_use

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "prep", "acl", "ccomp", "relcl", "dep")


def issuer_token(document: Token) -> Token | None:
    for child in document.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def is_definite(token: Token) -> bool:
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
        for c in token.children
    )


def subject_token(cue: Token) -> Token | None:
    """The token naming who speaks: "according to X" -> X; "quoted X as saying" -> X; else the
    subject of the cue, or of the verb it hangs from ("..., adding that ...")."""
    if cue.lower_ == "according":
        for prep in cue.children:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    if not any(c.dep_ in SUBJECTS for c in cue.children):
        governing = _governing_cue(cue)  # "..., stressing that": the subject of the cue above
        if governing is not None:
            cue = governing
    if has_use(cue, "quoted"):
        for child in cue.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                return child
    node = cue
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:  # two subjects is a misparse of a long title: the one next to the verb
            before = [c for c in subjects if c.i < node.i]
            return before[-1] if before else subjects[0]
        for child in node.children:  # passive "the statement was issued by X"
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if node.dep_ not in _CLIMB or node.head is node:
            break
        node = node.head
    return _inverted(cue)


def _governing_cue(cue: Token) -> Token | None:
    node = cue
    for _ in range(6):
        if node.dep_ not in _CLIMB or node.head is node:
            return None
        node = node.head
        if cue_of(node) is not None and any(c.dep_ in SUBJECTS for c in node.children):
            return node
    return None


def _inverted(cue: Token) -> Token | None:
    """'..., said X' parsed without a subject: the first noun right after the cue."""
    for t in cue.doc[cue.i + 1 : cue.i + 4]:
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            return t.head if t.dep_ == "compound" else t
        if t.is_punct:
            break
    return None


def tight_phrase(head: Token) -> Span:
    """The head with its left modifiers and a following "of/for/to X" (titles, spokesmen), up to
    the first comma: appositions, relative clauses and participles stay out."""
    doc = head.doc
    left = min((t.i for t in head.lefts if t.dep_ not in ("punct", "cc")), default=head.i)
    right = head.i
    for child in head.rights:
        keep = child.dep_ in ("compound", "flat") or (
            child.dep_ == "prep" and child.lower_ in ("of", "for", "to", "at")
        )
        if not keep:
            break
        last = max(t.i for t in child.subtree)
        if any(doc[k].text in ",;(" for k in range(head.i, last + 1)):
            break
        right = last
    return doc[left : right + 1]


def addressee_of(cue: Token) -> str | None:
    """Whom or through what the speaker spoke: "told The Associated Press", "said in a televised
    interview", "wrote on Telegram", "told reporters"."""
    if has_use(cue, "object"):
        for child in cue.children:
            if child.dep_ in ("dobj", "dative", "iobj"):
                return tight_phrase(child).text
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in MEDIUM_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            if prep.lower_ == "to" and (
                obj.ent_type_ in ("ORG", "NORP") or obj.lemma_ in _AUDIENCES
            ):
                return _phrase_text(obj)
            if obj.lemma_.lower() in MEDIUM_NOUNS or (
                prep.lower_ == "on" and obj.ent_type_ in ("ORG", "PRODUCT")
            ):
                return _phrase_text(obj)
    return None


_AUDIENCES = frozenset(
    {"reporter", "journalist", "press", "lawmaker", "parliament", "crowd", "supporter", "audience"}
)


def _phrase_text(obj: Token) -> str:
    tokens = list(obj.subtree)
    text = obj.doc[tokens[0].i : tokens[-1].i + 1].text
    return text.strip(" ,.;")

"""Modality of a predicate: asserted, planned, negated, hypothetical, demanded, reported.

Read from the predicate's own dependents (negation, modal auxiliaries, "if" clauses, adjectives
on nominal events) and from the verb that governs it (light and planning verbs pass their
negation and modals on to the event they carry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

MODES = ("asserted", "planned", "negated", "hypothetical", "demanded", "reported")

_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "can", "should", "must", "ca"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no"})
_PLANNED_ADJ = frozenset({"planned", "proposed", "upcoming", "scheduled", "future", "expected", "prospective", "draft"})
_HYPO_ADJ = frozenset({"possible", "potential", "hypothetical", "likely", "feared", "alleged"})
_REPORTED_ADV = frozenset({"reportedly", "allegedly", "purportedly", "apparently"})
_FAIL = frozenset({"fail", "avoid", "stop"})


def _child_mode(dep: str, low: str) -> str | None:
    """The mode one dependent marks ("would", "will", "possible", "if", "reportedly")."""
    if dep == "neg" or (dep == "det" and low == "no") or (dep == "advmod" and low == "never"):
        return "negated"
    if (dep == "aux" and low in _HYPOTHETICAL) or (dep == "amod" and low in _HYPO_ADJ):
        return "hypothetical"
    if dep == "mark" and low in {"if", "unless"}:
        return "hypothetical"
    if (dep == "aux" and low in _FUTURE) or (dep in {"amod", "compound"} and low in _PLANNED_ADJ):
        return "planned"
    if dep == "advmod" and low in _REPORTED_ADV:
        return "reported"
    return None


_STRENGTH = {"negated": 3, "hypothetical": 2, "planned": 1, "reported": 0}


def _own_mode(token: Token) -> str | None:
    """The mode the predicate's own dependents mark, or None when they mark none."""
    marks = [m for c in token.children if (m := _child_mode(c.dep_, c.lower_))]
    if marks:
        return max(marks, key=_STRENGTH.__getitem__)
    if token.dep_ == "xcomp" and token.head.lemma_ == "be" and _is_to(token):
        return "planned"  # "is to visit", "are set to meet"
    if token.dep_ == "pobj" and token.head.head.lemma_ in {"possibility", "prospect", "chance", "risk"}:
        return "hypothetical"
    return None


def _is_to(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def mode_of(token: Token, carrier: Token | None = None) -> str:
    """The predicate's mode, looking through a light verb that carries it ("did not hold talks")."""
    for t in (token, carrier):
        if t is None:
            continue
        m = _own_mode(t)
        if m == "negated":
            return m
        if t.dep_ == "xcomp" and t.head.lemma_ in _FAIL:
            return "negated"
        if m:
            return m
    return "asserted"


def governing_mode(token: Token) -> str | None:
    """Modals of the verbs above an embedded predicate ("will begin to withdraw")."""
    head = token.head
    if token.dep_ in {"xcomp", "ccomp"} and head.i != token.i:
        return _own_mode(head)
    return None


__all__ = ["MODES", "governing_mode", "mode_of"]

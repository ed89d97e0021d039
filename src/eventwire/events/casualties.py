"""Casualty counts: killed and injured, in digits or words ("two", "a dozen", "at least 15")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_UNITS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000,
}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}

KILL_VERBS = frozenset({
    "kill", "murder", "execute", "slay", "massacre", "behead", "assassinate", "neutralize", "neutralise",
})
KILL_NOUNS = frozenset({"death", "dead", "fatality", "body", "killing"})
DIE_VERBS = frozenset({"die", "perish"})
INJURE_VERBS = frozenset({"injure", "wound", "hurt", "maim"})
INJURE_NOUNS = frozenset({"injury", "injured", "wounded", "casualty"})
CASUALTY_LEMMAS = KILL_VERBS | KILL_NOUNS | DIE_VERBS | INJURE_VERBS | INJURE_NOUNS


def parse_number(tokens: list[Token]) -> int | None:
    """Digits or number words ("15", "1,200", "two dozen", "a dozen", "10 million") -> int."""
    total, current, seen = 0, 0, False
    for t in tokens:
        word = t.lower_.replace(",", "")
        if word.isdigit():
            current += int(word)
            seen = True
        elif word in _SCALES and seen:
            current = max(current, 1) * _SCALES[word]
        elif word in _SCALES:
            current = _SCALES[word]
            seen = True
        elif word in _UNITS and word not in {"a", "an"}:
            current += _UNITS[word]
            seen = True
        elif "-" in word and all(p in _UNITS for p in word.split("-")):
            current += sum(_UNITS[p] for p in word.split("-"))
            seen = True
    total += current
    return total if seen and total > 0 else None


def count_of(noun: Token) -> int | None:
    """The number a noun phrase states: its nummod ("two SDF members"), or the noun itself."""
    if noun.like_num or noun.lower_ in _UNITS:
        return parse_number([t for t in noun.subtree if t.like_num or t.lower_ in _UNITS])
    for child in noun.children:
        if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "amod" and child.like_num):
            nums = [t for t in child.subtree if t.like_num or t.lower_ in _UNITS]
            if nums:
                return parse_number(nums)
    return None


def _victims(token: Token) -> list[Token]:
    """The noun phrases holding the victims of a kill/injure/die predicate."""
    labels = {"dobj", "nsubjpass"} if token.lemma_ not in DIE_VERBS else {"nsubj"}
    out = [c for c in token.children if c.dep_ in labels]
    if token.dep_ in {"acl", "amod"} and token.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        out.append(token.head)  # "two soldiers killed in the attack"
    return out


def _toll(token: Token) -> int | None:
    """ "the death toll rose to 20", "a toll of 15": the number next to a toll."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.like_num:
                    return count_of(g)
    head = token.head
    if token.dep_ == "nsubj":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"to", "at"}:
                for g in child.children:
                    if g.like_num:
                        return count_of(g)
            if child.dep_ in {"attr", "dobj"} and child.like_num:
                return count_of(child)
    return None


def find_casualties(sent: Span) -> list[tuple[Token, str, int]]:
    """(cue token, "killed" | "injured", count) for each stated casualty count in a sentence."""
    found: list[tuple[Token, str, int]] = []
    for t in sent:
        lemma = t.lemma_.lower()
        if lemma not in CASUALTY_LEMMAS:
            continue
        kind = "killed" if lemma in KILL_VERBS | KILL_NOUNS | DIE_VERBS else "injured"
        if t.pos_ in {"VERB", "AUX"} or t.tag_.startswith("VB"):
            for v in _victims(t):
                n = count_of(v)
                if n is not None:
                    found.append((t, kind, n))
                    break
        elif lemma in KILL_NOUNS | INJURE_NOUNS:
            n = count_of(t)
            if n is not None:
                found.append((t, kind, n))
        elif lemma == "toll":
            n = _toll(t)
            if n is not None:
                found.append((t, "killed", n))
    return found


__all__ = ["CASUALTY_LEMMAS", "find_casualties", "parse_number"]

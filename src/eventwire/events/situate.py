"""Where and when an event happened: the place and time mentions of its own clause.

The clause is the predicate's subtree; the participants' own names are left out ("Russia waged a
campaign in Syria": Syria, not Russia). When the clause names no place or time, the sentence's
main line is used, never a relative or reported clause about something else ("Tsikhanouskaya, who
left after an August 2020 vote, criticized the deal": not August 2020).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Place, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..places import ArticlePlaces

Range = tuple[int, int]
_SIDE_CLAUSES = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "appos"})
_BROAD = frozenset({"country", "region", "continent", "admin1", "state"})


def clause_range(anchor: Token, sent: Span) -> Range:
    left, right = anchor.left_edge, anchor.right_edge
    return max(left.idx, sent.start_char), min(right.idx + len(right), sent.end_char)


Clause = tuple[int, int, Range]


def sentence_clauses(sent: Span) -> list[Clause]:
    """(first token, last token, character range) of every side clause of a sentence; computed
    once per sentence and shared by its events."""
    return [
        (t.left_edge.i, t.right_edge.i, (t.left_edge.idx, t.right_edge.idx + len(t.right_edge)))
        for t in sent if t.dep_ in _SIDE_CLAUSES
    ]


def side_clauses(anchor: Token, clauses: list[Clause]) -> list[Range]:
    """The side clauses that do not hold the anchor."""
    return [r for lo, hi, r in clauses if not (lo <= anchor.i <= hi)]


def own_clause(anchor: Token, sent: Span, clauses: list[Clause]) -> list[Range]:
    """The anchor's subtree without the side clauses inside it."""
    return subtract([clause_range(anchor, sent)], side_clauses(anchor, clauses))


def main_line(anchor: Token, sent: Span, clauses: list[Clause]) -> list[Range]:
    """The sentence's character ranges without the side clauses that do not hold the anchor."""
    return subtract([(sent.start_char, sent.end_char)], side_clauses(anchor, clauses))


def subtract(ranges: list[Range], cuts: list[Range]) -> list[Range]:
    out = ranges
    for cs, ce in sorted(cuts):
        nxt: list[Range] = []
        for s, e in out:
            if ce <= s or cs >= e:
                nxt.append((s, e))
                continue
            if s < cs:
                nxt.append((s, cs))
            if ce < e:
                nxt.append((ce, e))
        out = nxt
    return out


def _best_place(places: ArticlePlaces, ranges: list[Range]) -> Place | None:
    found = [p for r in ranges if (p := places.in_range(*r)) is not None]
    if not found:
        return None
    return min(found, key=lambda p: (p.feature in _BROAD or p.precision in _BROAD))


def event_place(
    places: ArticlePlaces, anchor: Token, sent: Span, clauses: list[Clause], args: list[Range],
    *, local: bool = False,
) -> Place | None:
    """The most specific place of the clause (without the `args` spans), else of the main line."""
    found = _best_place(places, subtract(own_clause(anchor, sent, clauses), args))
    if found is not None or local:
        return found
    return _best_place(places, subtract(main_line(anchor, sent, clauses), args))


def event_date(
    times: list[TimeRef], anchor: Token, sent: Span, clauses: list[Clause], *, local: bool = False
) -> TimeRef | None:
    """The first time expression of the clause, else of the main line."""
    in_sent = [t for t in times if sent.start_char <= t.start < sent.end_char]
    if not in_sent:
        return None
    clause = own_clause(anchor, sent, clauses)
    tiers = [clause] if local else [clause, main_line(anchor, sent, clauses)]
    for ranges in tiers:
        found = [t for t in in_sent if any(s <= t.start < e for s, e in ranges)]
        if found:
            return found[0]
    return None


__all__ = [
    "clause_range", "event_date", "event_place", "main_line", "own_clause", "sentence_clauses",
    "side_clauses", "subtract",
]

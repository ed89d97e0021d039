"""`link_quotes`: each quote -> the statement event coded from the same cue and sentence."""

from __future__ import annotations

import dataclasses

from ..model import Event, Mention, Quote

# CAMEO roots of speech acts: statements, appeals, intents, and the verbal conflict roots
# (investigate, demand, disapprove, reject, threaten) that are usually said, not done.
STATEMENT_ROOTS = frozenset({"01", "02", "03", "09", "10", "11", "12", "13"})
_NEAR = 250  # characters between a quote and the sentence of its cue ("“...” \n\n she said")


def link_quotes(quotes: list[Quote], events: list[Event]) -> list[Quote]:
    """The quotes, each with `event_id` set to the statement event read from its cue, if any."""
    statements = [e for e in events if e.action.root in STATEMENT_ROOTS]
    return [_link(q, statements) for q in quotes]


def _link(quote: Quote, statements: list[Event]) -> Quote:
    best: tuple[tuple[int, int, int], Event] | None = None
    for event in statements:
        gap = _gap(event, quote)
        same_cue = bool(quote.cue) and _same_word(event.action.text, quote.cue)
        if gap > 0 and not (same_cue and gap <= _NEAR):
            continue
        rank = (int(same_cue), int(_same_speaker(event.source, quote.speaker)), -gap)
        if rank[:2] == (0, 0):
            continue
        if best is None or rank > best[0]:
            best = (rank, event)
    return dataclasses.replace(quote, event_id=best[1].id) if best else quote


def _gap(event: Event, quote: Quote) -> int:
    """Characters between the event's sentence and the quote (0 when they overlap)."""
    return max(0, event.start - quote.end, quote.start - event.end)


def _same_word(action: str, cue: str) -> bool:
    a, c = action.lower().split(), cue.lower()
    return c in a or any(w[:4] == c[:4] for w in a if len(w) >= 4 and len(c) >= 4)


def _same_speaker(source: Mention | None, speaker: Mention | None) -> bool:
    if source is None or speaker is None:
        return False
    if source.actor is not None and speaker.actor is not None:
        return source.actor.id == speaker.actor.id
    return source.text.split()[-1:] == speaker.text.split()[-1:] or (
        source.start == speaker.start and source.end == speaker.end
    )

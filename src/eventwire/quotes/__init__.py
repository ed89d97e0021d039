"""Quotes: direct and indirect quotations with their speakers (docs/quotes.md).

`find_quotes(doc, actors)` finds them, `link_quotes(quotes, events)` ties each to the statement
event coded from the same cue, `score_quotes(predicted, gold, body)` scores them against gold.
"""

from __future__ import annotations

from .find import find_quotes
from .link import link_quotes
from .score import score_quotes

READY = True

__all__ = ["READY", "find_quotes", "link_quotes", "score_quotes"]

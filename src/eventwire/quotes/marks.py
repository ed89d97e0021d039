"""Direct-quote spans from quotation marks, on plain text (no parse needed).

Conventions handled:
- curly double quotes (“…”), guillemets («…»), straight double quotes ("…", open or close told
  apart by the characters around them);
- curly single quotes (‘…’) as the primary mark (British style); a closing ’ is told apart from an
  apostrophe by what follows it;
- marks nested inside a quote belong to that quote (no separate span);
- a quote running over several paragraphs: a paragraph that ends inside a quote and a next
  paragraph that opens with a mark of the same kind continue one quote, closed at the end;
- unbalanced marks: a quote never closed ends with its paragraph when it opened the paragraph (or
  continues a multi-paragraph quote), and with its sentence otherwise; a stray closing mark, or an
  opening mark followed by a space, is ignored.
  So no mark can swallow text past the paragraph it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_OPENERS_BEFORE = "([{—–-/"
_AFTER_CLOSE = ",.;:!?)]}—–-…"
_MAX_PARAGRAPHS = 12  # a multi-paragraph quote longer than this is cut: evidence of a lost mark
_LINE = re.compile(r"[^\n]+")
_LOOKAHEAD = 600  # characters searched for a later closing ’ (keeps one-line dumps linear)
_TERMINATOR = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """The text inside one pair of quotation marks (start/end exclude the marks)."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when the quote was never closed
    paragraphs: int = 1


@dataclass(slots=True)
class _Open:
    kind: str  # "double", "straight" or "single"
    open_at: int
    start: int
    paragraphs: int = 1


def find_marked(text: str) -> list[MarkedSpan]:
    """Every quoted span of `text`, in order, with offsets into `text`."""
    spans: list[MarkedSpan] = []
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    state: _Open | None = None
    for n, (lo, hi) in enumerate(lines):
        pos = lo
        if state is not None:  # continuing a multi-paragraph quote: skip its reopening mark
            pos = _first_nonspace(text, lo, hi) + 1
        state, found = _scan_line(text, pos, hi, state)
        spans.extend(found)
        if state is None:
            continue
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        if nxt and state.paragraphs < _MAX_PARAGRAPHS and _reopens(text, nxt, state.kind):
            state.paragraphs += 1
            continue
        if state.paragraphs > 1 or text[lo : state.open_at].strip() == "":
            spans.append(_span(text, state, hi, None))
        else:  # a mark lost mid-paragraph: the quote ends with its sentence
            spans.append(_span(text, state, _sentence_end(text, state.start, hi), None))
        state = None
    return [s for s in spans if _has_words(text, s)]


def _scan_line(
    text: str, pos: int, hi: int, state: _Open | None
) -> tuple[_Open | None, list[MarkedSpan]]:
    found: list[MarkedSpan] = []
    for i in range(pos, hi):
        c = text[i]
        if c not in '“”«»„"‘’':
            continue
        role = _role(text, i, hi)
        if state is None:
            if role == "open" or (role == "either" and c == '"'):
                state = _Open("straight" if c == '"' else "double", i, i + 1)
            elif role == "open1":
                state = _Open("single", i, i + 1)
        elif _closes(state, role, text, i, hi):
            found.append(_span(text, state, i, i))
            state = None
    return state, found


def _closes(state: _Open, role: str, text: str, i: int, hi: int) -> bool:
    if state.kind == "double":
        return role == "close" and text[i] != '"'
    if state.kind == "straight":
        return role in ("close", "either") and text[i] == '"'
    return role == "close1" and _ends_single(text, i, hi)


def _role(text: str, i: int, hi: int) -> str:
    """open/close (double), open1/close1 (single), either (a straight mark that could be both),
    or none (an apostrophe or a mark that cannot delimit anything)."""
    c = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < hi else " "
    starts = before.isspace() or before in _OPENERS_BEFORE or before in _DOUBLE_OPEN + "‘"
    ends = after.isspace() or after in _AFTER_CLOSE or after in _DOUBLE_CLOSE + "’"
    if c in _DOUBLE_OPEN:
        return "none" if after.isspace() else "open"
    if c in _DOUBLE_CLOSE:
        return "close"
    if c == '"':
        if starts and not ends:
            return "open"
        if ends and not starts:
            return "close"
        return "either"
    if c == "‘":
        return "open1" if starts and not after.isspace() else "none"
    if c == "’":
        return "close1" if ends and not before.isspace() else "none"
    return "none"


def _ends_single(text: str, i: int, hi: int) -> bool:
    """A ’ after an s and before a lower-case word is a plural possessive ("the ministers’ talks")
    unless no other closing candidate follows on the line."""
    if text[i - 1] not in "sS" or not text[i + 1 : i + 3].strip()[:1].islower():
        return True
    end = min(hi, i + _LOOKAHEAD)
    return not any(text[j] == "’" and _role(text, j, hi) == "close1" for j in range(i + 1, end))


def _sentence_end(text: str, lo: int, hi: int) -> int:
    found = _TERMINATOR.search(text, lo, hi)
    return found.end() if found else hi


def _reopens(text: str, line: tuple[int, int], kind: str) -> bool:
    first = text[_first_nonspace(text, *line)]
    return first in {"double": "“«„", "straight": '"', "single": "‘"}[kind]


def _first_nonspace(text: str, lo: int, hi: int) -> int:
    i = lo
    while i < hi - 1 and text[i].isspace():
        i += 1
    return i


def _span(text: str, state: _Open, end: int, close_at: int | None) -> MarkedSpan:
    start = state.start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return MarkedSpan(start, end, state.open_at, close_at, state.paragraphs)


def _has_words(text: str, span: MarkedSpan) -> bool:
    return any(ch.isalnum() for ch in text[span.start : span.end])

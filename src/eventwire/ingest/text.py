"""Plain text: one article, or a dump of many, split into articles while streaming.

What separates articles in scraped dumps, in the order the splitter uses it:
- two or more blank lines (or a rule line like "-----"), when the text after them opens like an
  article (a headline-like line followed by story text, a repeated headline block, or a
  dateline); otherwise the gap is just a wide gap inside one article and the segments are joined
  again;
- inside a segment, a headline-like line that is repeated a few lines further down (the
  "headline, caption, caption, mark, headline, caption" header block of many sites) when it is
  not itself the repeat of an earlier line.

Memory stays bounded: lines are read with a size limit, and an article longer than
`max_chars` is cut at a blank line (else a line end) into parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from . import lines as L

HEADER_WINDOW = 12  # a header block repeats its headline within this many lines
# A line of rule characters ("-----", "=====", "* * *") or a form feed separates like a wide gap.
_RULE = re.compile(r"^(?:[-=_~#*•·]\s*){3,}$")


@dataclass(frozen=True, slots=True)
class Piece:
    """An article (part > 0: one part of an over-long article) or an unsplittable run of text."""

    text: str
    article: int
    part: int = 0
    too_long: int = 0  # characters of a line that exceeds max_chars and was skipped


@dataclass(frozen=True, slots=True)
class _Segment:
    lines: tuple[str, ...]
    continued: bool = False  # a forced cut of an over-long segment: same article as before
    too_long: int = 0

    @property
    def size(self) -> int:
        return sum(len(s) + 1 for s in self.lines)


def iter_pieces(stream: TextIO, *, max_chars: int) -> Iterator[Piece]:
    """Articles of a plain-text stream, in order (a skipped over-long line after its article)."""
    assembler = _Assembler(max_chars)
    skipped: list[Piece] = []
    for segment in _segments(stream, max_chars):
        if segment.too_long:
            skipped.append(Piece("", max(assembler.article, 1), too_long=segment.too_long))
            continue
        for sub in _split_headers(segment):
            for piece in assembler.add(sub):
                yield piece
                yield from skipped
                skipped.clear()
    yield from assembler.finish()
    yield from skipped


def _read_lines(stream: TextIO, max_chars: int) -> Iterator[str | int]:
    """Lines without their ends; an int instead of a line longer than max_chars (its size)."""
    while True:
        line = stream.readline(max_chars + 1)
        if not line:
            return
        if len(line) > max_chars and not line.endswith("\n"):
            size = len(line)
            while True:
                more = stream.readline(1 << 20)
                size += len(more.rstrip("\r\n"))
                if not more or more.endswith("\n"):
                    break
            yield size
            continue
        yield line.rstrip("\n").rstrip("\r")


def _segments(stream: TextIO, max_chars: int) -> Iterator[_Segment]:
    """Runs of lines separated by 2+ blank lines, each at most max_chars long."""
    current: list[str] = []
    size = 0
    blanks = 0
    continued = False
    for item in _read_lines(stream, max_chars):
        if isinstance(item, int):
            yield _Segment((), too_long=item)
            continue
        line = item.replace("\f", "").strip()
        if "\f" in item or _RULE.match(line):
            blanks += 2
            if not line or _RULE.match(line):
                continue
        elif not line:
            blanks += 1
            continue
        if blanks >= 2 and current:
            yield _Segment(tuple(current), continued)
            current, size, continued = [], 0, False
        elif blanks and current:
            current.append("")
            size += 1
        blanks = 0
        if size + len(line) + 1 > max_chars and current:
            keep, rest = _cut(current)
            yield _Segment(tuple(keep), continued)
            current, continued = rest, True
            size = sum(len(s) + 1 for s in current)
        current.append(line)
        size += len(line) + 1
    if current:
        yield _Segment(tuple(current), continued)


def _cut(lines: list[str]) -> tuple[list[str], list[str]]:
    """Cut before the last paragraph break when there is one, else keep everything."""
    for i in range(len(lines) - 1, 0, -1):
        if not lines[i]:
            return lines[:i], lines[i + 1 :]
    return lines, []


def _split_headers(segment: _Segment) -> list[_Segment]:
    """Split a segment where a new repeated-headline block starts."""
    lines = segment.lines
    starts = [
        i
        for i in range(1, len(lines))
        if lines[i]
        and L.looks_like_headline(lines[i])
        and lines[i] in lines[i + 1 : i + 1 + HEADER_WINDOW]
        and lines[i] not in lines[max(0, i - HEADER_WINDOW) : i]
        and _has_story(lines[: i])
    ]
    if not starts:
        return [segment]
    out = []
    bounds = [0, *starts, len(lines)]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        out.append(_Segment(lines[a:b], segment.continued and n == 0))
    return out


def _has_story(lines: tuple[str, ...] | list[str]) -> bool:
    return any(L.word_count(s) >= 12 and L.ends_sentence(s) for s in lines)


def _opens_article(lines: tuple[str, ...] | list[str]) -> bool:
    first = next((s for s in lines if s), "")
    if L.find_dateline(first):
        return True  # "KYIV, Ukraine (AP) — ..." after a wide gap: a story without a headline
    if not L.looks_like_headline(first):
        return False
    repeated = first in lines[1 : 1 + HEADER_WINDOW]
    return repeated or _has_story(lines)


class _Assembler:
    """Joins segments into articles and cuts over-long articles into parts."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.article = 0
        self.part = 0
        self.lines: list[str] = []
        self.prefix: list[str] = []  # a lone headline block waiting for its story

    def add(self, segment: _Segment) -> Iterator[Piece]:
        lines = [*self.prefix, *segment.lines]
        self.prefix = []
        first = next((s for s in lines if s), "")
        if not segment.continued and not _has_story(lines) and len(lines) <= 6 and L.looks_like_headline(first):
            self.prefix = lines
            return
        size = sum(len(s) + 1 for s in lines)
        if not (self.lines or self.part):
            self.article += 1
        elif not segment.continued and _opens_article(lines):
            yield from self._emit(final=True)
            self.part = 0
            self.article += 1
        elif self._size() + size > self.max_chars:
            yield from self._emit(final=False)
        if self.lines:
            self.lines.append("")
        self.lines.extend(lines)

    def finish(self) -> Iterator[Piece]:
        if self.prefix:
            if not (self.lines or self.part):
                self.article += 1
            self.lines.extend(["", *self.prefix] if self.lines else self.prefix)
            self.prefix = []
        yield from self._emit(final=True)

    def _size(self) -> int:
        return sum(len(s) + 1 for s in self.lines)

    def _emit(self, *, final: bool) -> Iterator[Piece]:
        if not self.lines:
            return
        part = 0 if final and self.part == 0 else self.part + 1
        yield Piece("\n".join(self.lines), self.article, part)
        self.lines = []
        self.part = 0 if final else part


__all__ = ["Piece", "iter_pieces"]

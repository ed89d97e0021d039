"""Direct quotes: each marked span with the cue that attributes it and its speaker.

Order of evidence for one span: (1) the parse: climb from the quote's clause to a governing cue
word outside any quote ("Russia remains “somewhat neutral”" -> stated); (2) the text around the
marks up to the sentence end ("“...,” she said", "He told reporters: “...”", "“...,” said X");
(3) a quote standing alone keeps the speaker of the quote before it in the paragraph, of the last
quote of the previous paragraph (wire style continuation), or of the next quote in its paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Mention, Quote
from .cues import cue_of
from .marks import MarkedSpan
from .phrases import SUBJECTS, addressee_of
from .speaker import SpeakerFinder

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ABBREV = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z](?:\.[A-Z])+|\b[a-z]{1,3}\.[a-z]|\bNo|\bSt)$")
_CLIMB_STEPS = 8
_WINDOW = 400  # characters of attribution text looked at on either side of a quote


@dataclass(frozen=True, slots=True)
class Attribution:
    cue: Token | None
    speaker: Mention | None
    addressee: str | None
    standalone: bool  # no words outside the marks in its sentence


class DirectQuotes:
    """Attributes the marked spans of one article, in text order."""

    def __init__(self, doc: Doc, finder: SpeakerFinder, spans: list[MarkedSpan]) -> None:
        from spacy.attrs import IDX

        self.doc = doc
        self.text = finder.text
        self.finder = finder
        self.spans = spans
        self._starts = doc.to_array(IDX).tolist() if len(doc) else []

    def quotes(self) -> list[Quote]:
        found = [self._attribute(n) for n in range(len(self.spans))]
        found = self._inherit(found)
        out = []
        for span, a in zip(self.spans, found, strict=True):
            cue = a.cue.text if a.cue is not None else ""
            out.append(
                Quote(
                    self.text[span.start : span.end],
                    span.start,
                    span.end,
                    True,
                    a.speaker,
                    cue,
                    a.addressee,
                )
            )
        return out

    def _attribute(self, n: int) -> Attribution:
        span = self.spans[n]
        pre, post = self._windows(n)
        standalone = not _has_words(self.text, *pre) and not _has_words(self.text, *post)
        cue = self._climb(span) or self._window_cue(span, pre, post)
        if cue is not None:
            speaker = self.finder.speaker_of(cue)
            if speaker is not None:
                self.finder.said.append(speaker)
            return Attribution(cue, speaker, addressee_of(cue), standalone)
        if self.text[pre[0] : pre[1]].rstrip().endswith(":"):
            speaker = self._colon_subject(pre)
            if speaker is not None:
                self.finder.said.append(speaker)
                return Attribution(None, speaker, None, standalone)
        return Attribution(None, None, None, standalone)

    def _tokens(self, lo: int, hi: int) -> list[Token]:
        i = bisect.bisect_left(self._starts, lo)
        j = bisect.bisect_left(self._starts, hi)
        return list(self.doc[i:j])

    def _climb(self, span: MarkedSpan) -> Token | None:
        inside = self._tokens(span.start, span.end)
        lo, hi = span.open_at, span.close_at if span.close_at is not None else span.end
        para_lo = self.finder.paragraph(lo)[0]
        para_hi = self.finder.paragraph(hi)[1]
        for token in inside:
            node, steps = token, 0
            if lo <= node.head.idx <= hi and node.head is not node:
                continue  # not a root of the quoted material
            while steps < _CLIMB_STEPS and node.head is not node:
                node, steps = node.head, steps + 1
                if lo <= node.idx <= hi:
                    break
                if not para_lo <= node.idx < para_hi:
                    break  # a parse running across paragraphs
                if cue_of(node) is not None and not self.finder.in_quote(node.idx):
                    return node
        return None

    def _window_cue(
        self, span: MarkedSpan, pre: tuple[int, int], post: tuple[int, int]
    ) -> Token | None:
        quoted = self.text[span.start : span.end].rstrip()
        after = [t for t in self._tokens(*post) if cue_of(t) is not None]
        before = [t for t in reversed(self._tokens(*pre)) if cue_of(t) is not None]
        if after and (not quoted.endswith(".") or not before):
            return after[0]
        return before[0] if before else None

    def _colon_subject(self, pre: tuple[int, int]) -> Mention | None:
        """'Tsikhanouskaya was blunt: “...”': the subject of the clause before the colon."""
        for token in self._tokens(*pre):
            if token.dep_ in SUBJECTS:
                return self.finder.mention_for(token)
        return None

    def _windows(self, n: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """Character ranges of the text before the opening and after the closing mark, within the
        paragraph, the sentence and the neighbouring quotes."""
        span = self.spans[n]
        para_lo = self.finder.paragraph(span.open_at)[0]
        lo = para_lo
        if n > 0 and self.spans[n - 1].close_at is not None:
            lo = max(lo, self.spans[n - 1].close_at + 1)
        lo = max(lo, span.open_at - _WINDOW)  # attribution sits next to the marks
        lo = max(lo, _last_terminator(self.text, lo, span.open_at))
        if span.close_at is None:
            return (lo, span.open_at), (span.end, span.end)
        hi = self.finder.paragraph(span.close_at)[1]
        if n + 1 < len(self.spans):
            hi = min(hi, self.spans[n + 1].open_at)
        if self.text[span.start : span.end].rstrip()[-1:] == ".":
            hi = span.close_at + 1
        hi = min(hi, span.close_at + 1 + _WINDOW)
        hi = min(hi, _next_terminator(self.text, span.close_at + 1, hi))
        return (lo, span.open_at), (span.close_at + 1, hi)

    def _inherit(self, found: list[Attribution]) -> list[Attribution]:
        """Standalone quotes with no cue take the speaker of a neighbouring quote."""
        out = list(found)
        for n, a in enumerate(found):
            if a.speaker is not None or not a.standalone:
                continue
            donor = self._donor(n, out)
            if donor is not None:
                out[n] = Attribution(donor.cue, donor.speaker, None, True)
        return out

    def _donor(self, n: int, found: list[Attribution]) -> Attribution | None:
        para = self.finder.paragraph(self.spans[n].open_at)[0]
        if n > 0 and found[n - 1].speaker is not None:
            prev_para = self.finder.paragraph(self.spans[n - 1].open_at)[0]
            if prev_para == para or self._quote_only_paragraph(n):
                return found[n - 1]
        later = n + 1 < len(found) and found[n + 1].speaker is not None
        if later and self.finder.paragraph(self.spans[n + 1].open_at)[0] == para:
            return found[n + 1]
        return None

    def _quote_only_paragraph(self, n: int) -> bool:
        span = self.spans[n]
        lo = self.finder.paragraph(span.open_at)[0]
        return not _has_words(self.text, lo, span.open_at)


def _has_words(text: str, lo: int, hi: int) -> bool:
    return any(c.isalpha() for c in text[lo:hi])


def _is_terminator(text: str, i: int) -> bool:
    if text[i] not in ".!?":
        return False
    if i + 1 < len(text) and not text[i + 1].isspace():
        return False
    return text[i] != "." or not _ABBREV.search(text[max(0, i - 12) : i])


def _last_terminator(text: str, lo: int, hi: int) -> int:
    for i in range(hi - 1, lo - 1, -1):
        if _is_terminator(text, i):
            return i + 1
    return lo


def _next_terminator(text: str, lo: int, hi: int) -> int:
    for i in range(lo, hi):
        if _is_terminator(text, i):
            return i
    return hi

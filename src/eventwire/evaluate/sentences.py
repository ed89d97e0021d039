"""Sentence-level scorers: PentaClass of the main event (confli-class) and the main event's source
and target token spans (confli-spans)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Article, Event, Mention
from .datasets import LabelledSentence, SpanSentence
from .metrics import NO_CLASS, PENTA_NAMES, PRF, macro_f1, penta_class, token_prf
from .scoring import ErrorLog


def main_event(events: Sequence[Event]) -> Event | None:
    """The events stage's choice when it offers one (`eventwire.events.main_event`), else the
    highest-confidence event (the earliest on ties)."""
    if not events:
        return None
    try:
        from ..events import main_event as stage_main_event  # type: ignore[attr-defined]
    except ImportError:
        stage_main_event = None
    if stage_main_event is not None:
        chosen = stage_main_event(list(events))
        if chosen is not None:
            return chosen
    return max(events, key=lambda e: (e.confidence, -e.start))


def predicted_class(article: Article) -> int:
    event = main_event(article.events)
    return penta_class(event.action.cameo) if event else NO_CLASS


@dataclass
class PentaScores:
    gold: list[int] = field(default_factory=list)
    predicted: list[int] = field(default_factory=list)

    def add(self, item: LabelledSentence, article: Article, log: ErrorLog) -> None:
        pred = predicted_class(article)
        self.gold.append(item.label)
        self.predicted.append(pred)
        if pred != item.label:
            event = main_event(article.events)
            log.add(item.ref, "penta_wrong" if event else "penta_no_event", item.text,
                    gold=_penta_name(item.label), predicted=_penta_name(pred),
                    event=f"{event.action.cameo} {event.action.text}" if event else None)

    def figures(self) -> dict[str, float]:
        n = len(self.gold)
        hits = sum(g == p for g, p in zip(self.gold, self.predicted, strict=True))
        return {
            "sentences": n,
            "penta.accuracy": round(hits / n, 4) if n else 0.0,
            "penta.macro_f1": round(macro_f1(self.gold, self.predicted, range(len(PENTA_NAMES))), 4),
            "penta.with_event": round(sum(p != NO_CLASS for p in self.predicted) / n, 4) if n else 0.0,
        }


    def confusion(self) -> dict[str, dict[str, int]]:
        """{gold class: {predicted class: sentences}}, classes by name."""
        out: dict[str, dict[str, int]] = {}
        for g, p in zip(self.gold, self.predicted, strict=True):
            row = out.setdefault(_penta_name(g), {})
            row[_penta_name(p)] = row.get(_penta_name(p), 0) + 1
        return out


def _penta_name(cls: int) -> str:
    return f"{cls} {PENTA_NAMES[cls]}" if 0 <= cls < len(PENTA_NAMES) else "none (no event)"


@dataclass
class SpanScores:
    source: PRF = field(default_factory=PRF)
    target: PRF = field(default_factory=PRF)
    sentences: int = 0

    def add(self, item: SpanSentence, article: Article, log: ErrorLog) -> None:
        self.sentences += 1
        event = main_event(article.events)
        for role, prf, mention in (
            ("S", self.source, event.source if event else None),
            ("T", self.target, event.target if event else None),
        ):
            gold = item.gold_tokens(role)
            pred = _tokens(item, article, mention)
            token_prf(gold, pred, prf)
            if gold != pred:
                log.add(item.ref, "source_span" if role == "S" else "target_span", item.text,
                        gold=_words(item, gold), predicted=_words(item, pred))

    def figures(self) -> dict[str, float]:
        both = PRF(self.source.tp + self.target.tp, self.source.fp + self.target.fp,
                   self.source.fn + self.target.fn)
        return {"sentences": self.sentences} | both.figures("spans") | self.source.figures(
            "spans.source") | self.target.figures("spans.target")


def _tokens(item: SpanSentence, article: Article, mention: Mention | None) -> set[int]:
    if mention is None:
        return set()
    start, end = mention.start, mention.end
    if article.body != item.text:  # cleaning changed the text: find the mention in the original
        found = item.text.find(article.body[start:end])
        if found < 0:
            return set()
        start, end = found, found + (end - start)
    return item.token_indexes(start, end)


def _words(item: SpanSentence, tokens: set[int]) -> str:
    return " ".join(item.text[slice(*item.offsets[i])] for i in sorted(tokens)) or "-"

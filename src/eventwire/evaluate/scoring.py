"""Scores predicted Articles against GoldArticles: events, actors, places, times, quotes.

The matching rules are written down in docs/eval.md; every dataset that becomes GoldArticles
(PLOVER-GSR, the project's own gold files) is scored by exactly these functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, Event, Mention, Quote
from .gold import GoldArticle, GoldEvent
from .metrics import (
    KM_THRESHOLD,
    PRF,
    Ratio,
    cameo_root,
    code_matches,
    haversine_km,
    norm_text,
    normalise_plover,
    split_code,
    text_matches,
)

EVENT_FIELDS = ("mode", "fatalities", "injured", "place", "date", "attributed_to")
ANYWHERE_FIELDS = ("fatalities", "injured", "place")


@dataclass
class ErrorLog:
    """Misses and false positives with their sentence, for `eventwire eval --errors`."""

    dataset: str
    items: list[dict[str, Any]] = field(default_factory=list)

    def add(self, ref: str, kind: str, sentence: str, **detail: Any) -> None:
        self.items.append({"dataset": self.dataset, "ref": ref, "kind": kind, "sentence": sentence, **detail})


@dataclass
class ArticleScores:
    events: PRF = field(default_factory=PRF)
    events_pair: PRF = field(default_factory=PRF)
    events_type: PRF = field(default_factory=PRF)
    fields: dict[str, Ratio] = field(default_factory=lambda: {f: Ratio() for f in EVENT_FIELDS})
    anywhere: dict[str, Ratio] = field(default_factory=lambda: {f: Ratio() for f in ANYWHERE_FIELDS})
    by_type: dict[str, list[int]] = field(default_factory=dict)
    not_events: Ratio = field(default_factory=Ratio)
    actors: PRF = field(default_factory=PRF)
    places: PRF = field(default_factory=PRF)
    times: PRF = field(default_factory=PRF)
    quotes: PRF = field(default_factory=PRF)
    quotes_direct: PRF = field(default_factory=PRF)
    quotes_indirect: PRF = field(default_factory=PRF)
    speakers: Ratio = field(default_factory=Ratio)
    annotated: set[str] = field(default_factory=set)
    articles: int = 0
    unscored: int = 0

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {"articles": self.articles}
        if "events" in self.annotated:
            out |= self.events.figures("events") | self.events_pair.figures("events.actors_only")
            out |= self.events_type.figures("events.type_only")
            out["events.gold"] = self.events.tp + self.events.fn
            out["events.unscored_comments"] = self.unscored
            for name, ratio in self.fields.items():
                if ratio.total:
                    out[f"events.{name}.accuracy"] = round(ratio.value, 4)
            for name, ratio in self.anywhere.items():
                if ratio.total:
                    out[f"{name}.recall"] = round(ratio.value, 4)
        if self.not_events.total:
            out["not_events.avoided"] = round(self.not_events.value, 4)
        for stage in ("actors", "places", "times", "quotes"):
            if stage in self.annotated:
                out |= getattr(self, stage).figures(stage)
        if "quotes" in self.annotated:
            for kind in ("direct", "indirect"):
                prf = getattr(self, f"quotes_{kind}")
                if prf.tp + prf.fn:
                    out |= prf.figures(f"quotes.{kind}")
            out["quotes.speaker_accuracy"] = round(self.speakers.value, 4)
        return out


def mention_code(mention: Mention | None) -> tuple[str | None, str | None]:
    if mention is None or mention.actor is None:
        return None, None
    return mention.actor.code, mention.actor.country


def actor_ok(golds: tuple[str, ...], mention: Mention | None) -> bool:
    """No gold alternatives: not checked. Otherwise the predicted actor matches one of them."""
    if not golds:
        return True
    code, country = mention_code(mention)
    return any(code_matches(g, code, country) for g in golds)


def type_ok(gold: GoldEvent, event: Event) -> bool:
    """The PLOVER type or the CAMEO root agrees, whichever the gold gives (either, when both:
    the two ontologies cut some kinds differently, e.g. sanctions)."""
    if not gold.plover and not gold.cameo:
        return True
    if gold.plover and normalise_plover(gold.plover) == normalise_plover(event.action.plover):
        return True
    return bool(gold.cameo) and cameo_root(gold.cameo) == cameo_root(event.action.cameo)


def event_matches(gold: GoldEvent, event: Event) -> bool:
    return actor_ok(gold.sources, event.source) and actor_ok(gold.targets, event.target) and type_ok(gold, event)


def pair_matches(gold: GoldEvent, event: Event) -> bool:
    return actor_ok(gold.sources, event.source) and actor_ok(gold.targets, event.target)


def match_one_to_one(golds: list[Any], preds: list[Any], same: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """Greedy in gold order: each gold item takes the first unused predicted item that matches."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if pi not in used and same(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _count(prf: PRF, n_gold: int, n_pred: int, n_matched: int) -> None:
    prf.tp += n_matched
    prf.fn += n_gold - n_matched
    prf.fp += n_pred - n_matched


def score_article(gold: GoldArticle, article: Article, scores: ArticleScores, log: ErrorLog) -> None:
    scores.articles += 1
    events = list(article.events)
    if gold.events is not None:
        scores.annotated.add("events")
        _score_events(gold, list(gold.events), events, scores, log)
    if gold.not_events:
        for bad in gold.not_events:
            hit = next((e for e in events if event_matches(bad, e)), None)
            scores.not_events.add(hit is None)
            if hit is not None:
                log.add(gold.ref, "not_event_found", hit.sentence, gold=_gold_event(bad), predicted=_pred_event(hit))
    if gold.actors is not None:
        scores.annotated.add("actors")
        _score_actors(gold, article, scores.actors, log)
    if gold.places is not None:
        scores.annotated.add("places")
        _score_places(gold, article, scores.places, log)
    if gold.times is not None:
        scores.annotated.add("times")
        _score_times(gold, article, scores.times, log)
    if gold.quotes is not None:
        scores.annotated.add("quotes")
        _score_quotes(gold, article, scores, log)


def _score_events(gold: GoldArticle, golds: list[GoldEvent], events: list[Event], scores: ArticleScores,
                  log: ErrorLog) -> None:
    pairs = match_one_to_one(golds, events, event_matches)
    _count_events(scores.events, golds, events, pairs)
    _count_events(scores.events_pair, golds, events, match_one_to_one(golds, events, pair_matches))
    _count_events(scores.events_type, golds, events, match_one_to_one(golds, events, type_ok))
    scores.unscored += sum(1 for pi, e in enumerate(events) if pi not in {p for _, p in pairs}
                           and not scored_prediction(e))
    for gi, pi in pairs:
        _score_fields(golds[gi], events[pi], scores.fields)
    _score_anywhere(golds, events, scores.anywhere)
    matched_types = [normalise_plover(golds[gi].plover) or golds[gi].cameo[:2] for gi, _ in pairs]
    for g in golds:
        counts = scores.by_type.setdefault(normalise_plover(g.plover) or g.cameo[:2] or "?", [0, 0])
        counts[0] += 1
    for t in matched_types:
        scores.by_type[t][1] += 1
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, g in enumerate(golds):
        if gi not in matched_g:
            near = next((e for e in events if pair_matches(g, e) or type_ok(g, e)), None)
            log.add(gold.ref, "event_missed", _sentence_of(gold.text, g.trigger), gold=_gold_event(g),
                    nearest=_pred_event(near) if near else None)
    for pi, e in enumerate(events):
        if pi not in matched_p and scored_prediction(e):
            log.add(gold.ref, "event_false_positive", e.sentence, predicted=_pred_event(e))


def scored_prediction(event: Event) -> bool:
    """Predicted events without a PLOVER type (CAMEO 01 comments: "X said") are matched like any
    other, but one that matches no gold event is not a false positive: PLOVER, which every gold
    set here is coded in, does not code them."""
    return bool(normalise_plover(event.action.plover))


def _count_events(prf: PRF, golds: list[GoldEvent], events: list[Event], pairs: list[tuple[int, int]]) -> None:
    matched = {p for _, p in pairs}
    prf.tp += len(pairs)
    prf.fn += len(golds) - len(pairs)
    prf.fp += sum(1 for pi, e in enumerate(events) if pi not in matched and scored_prediction(e))


def _score_anywhere(golds: list[GoldEvent], events: list[Event], ratios: dict[str, Ratio]) -> None:
    """Casualties and event places found on any predicted event of the article, whatever its
    actors: a measure of those stages that does not wait for the actors to be right."""
    for g in golds:
        if g.fatalities is not None:
            ratios["fatalities"].add(any(e.fatalities == g.fatalities for e in events))
        if g.injured is not None:
            ratios["injured"].add(any(e.injured == g.injured for e in events))
        if g.place is not None:
            ratios["place"].add(any(e.place is not None and text_matches(g.place, e.place.name) for e in events))


def _score_fields(gold: GoldEvent, event: Event, fields: dict[str, Ratio]) -> None:
    if gold.mode is not None:
        fields["mode"].add(gold.mode == event.mode)
    if gold.fatalities is not None:
        fields["fatalities"].add(gold.fatalities == event.fatalities)
    if gold.injured is not None:
        fields["injured"].add(gold.injured == event.injured)
    if gold.place is not None:
        fields["place"].add(event.place is not None and text_matches(gold.place, event.place.name))
    if gold.date is not None:
        value = event.date.value if event.date else None
        fields["date"].add(bool(value) and (value == gold.date or gold.date.startswith(value or "-")))
    if gold.attributed_to is not None:
        fields["attributed_to"].add(text_matches(gold.attributed_to, event.attributed_to))


def _score_actors(gold: GoldArticle, article: Article, prf: PRF, log: ErrorLog) -> None:
    """Gold actors are the coded actor mentions a reader must get (recall). A predicted coded
    mention is wrong when its text is a gold actor's with another code, or when its code names a
    country or organisation (its head) that no gold actor code names (precision). Role-only
    codes on texts the gold does not list ("fighters" REB) are not scored."""
    golds = list(gold.actors or ())
    coded = [m for m in article.entities if m.actor is not None]
    heads = {split_code(c)[0] for a in golds for c in a.codes}
    for a in golds:
        same_text = [m for m in coded if actor_text_matches(a.text, m.text)]
        hit = any(actor_ok(a.codes, m) for m in same_text)
        prf.tp += hit
        prf.fn += not hit
        if not hit:
            got = [m.actor.code for m in same_text if m.actor]
            log.add(gold.ref, "actor_missed", _sentence_of(article.body, a.text),
                    gold=f"{a.text} {'|'.join(a.codes)}", predicted=got or None)
    for m in coded:
        assert m.actor is not None
        texts = [a for a in golds if actor_text_matches(a.text, m.text)]
        wrong_code = bool(texts) and not any(actor_ok(a.codes, m) for a in texts)
        head = split_code(m.actor.code)[0] or (m.actor.country or "")
        unknown_head = bool(head) and head not in heads
        if wrong_code or (not texts and unknown_head):
            prf.fp += 1
            log.add(gold.ref, "actor_false_positive", _sentence_at(article.body, m.start),
                    predicted=f"{m.text} {m.actor.code}")


def actor_text_matches(gold: str, predicted: str) -> bool:
    """The predicted mention contains the gold actor's words, or is part of them that keeps the
    head (last) word: "police" is "Kenyan police", "Turkey" is not "Turkey's Defence Ministry"."""
    g, p = norm_text(gold), norm_text(predicted)
    if not g or not p:
        return False
    if f" {g} " in f" {p} ":
        return True
    return f" {p} " in f" {g} " and g.split()[-1] == p.split()[-1]


def _score_places(gold: GoldArticle, article: Article, prf: PRF, log: ErrorLog) -> None:
    golds = list(gold.places or ())
    preds = list(article.places)

    def same(g: Any, p: Any) -> bool:
        names = [p.name] + [article.body[s:e] for s, e in p.mentions]
        if not any(text_matches(g.text, n) for n in names):
            return False
        if g.lat is not None and g.lon is not None:
            return haversine_km(g.lat, g.lon, p.lat, p.lon) <= KM_THRESHOLD
        return g.country is None or (p.country or "").upper() == g.country.upper()

    pairs = match_one_to_one(golds, preds, same)
    _count(prf, len(golds), len(preds), len(pairs))
    _log_unmatched(gold, article, golds, preds, pairs, log, "place",
                   lambda g: f"{g.text} ({g.lat}, {g.lon})", lambda p: f"{p.name} ({p.lat}, {p.lon}) {p.country}")


def _score_times(gold: GoldArticle, article: Article, prf: PRF, log: ErrorLog) -> None:
    golds = list(gold.times or ())
    preds = list(article.times)
    pairs = match_one_to_one(golds, preds, lambda g, p: text_matches(g.text, p.text) and p.value == g.value)
    _count(prf, len(golds), len(preds), len(pairs))
    _log_unmatched(gold, article, golds, preds, pairs, log, "time",
                   lambda g: f"{g.text} = {g.value}", lambda p: f"{p.text} = {p.value}")


def _log_unmatched(gold: GoldArticle, article: Article, golds: list[Any], preds: list[Any],
                   pairs: list[tuple[int, int]], log: ErrorLog, kind: str,
                   show_g: Callable[[Any], str], show_p: Callable[[Any], str]) -> None:
    mg = {g for g, _ in pairs}
    mp = {p for _, p in pairs}
    for i, g in enumerate(golds):
        if i not in mg:
            log.add(gold.ref, f"{kind}_missed", _sentence_of(article.body, g.text), gold=show_g(g))
    for i, p in enumerate(preds):
        if i not in mp:
            start = getattr(p, "start", None)
            if start is None:
                start = p.mentions[0][0] if getattr(p, "mentions", ()) else 0
            log.add(gold.ref, f"{kind}_false_positive", _sentence_at(article.body, start), predicted=show_p(p))


def _score_quotes(gold: GoldArticle, article: Article, scores: ArticleScores, log: ErrorLog) -> None:
    """Direct and indirect quotes are scored apart; a kind the gold article lists no quote of was
    not annotated there and is not scored. The quotes stage's own scorer is used when present."""
    golds = list(gold.quotes or ())
    for kind in (True, False):
        kind_golds = [g for g in golds if g.direct == kind]
        if not kind_golds:
            continue
        preds = [q for q in article.quotes if q.direct == kind]
        prf = scores.quotes_direct if kind else scores.quotes_indirect
        own = _own_quote_counts(gold, kind_golds, preds, article, log)  # also lists the errors
        counts = _external_quote_counts(gold, kind, preds, article) or own
        matched, hits, named = counts
        for target in (prf, scores.quotes):
            _count(target, len(kind_golds), len(preds), matched)
        scores.speakers.hits += hits
        scores.speakers.total += named


def _own_quote_counts(gold: GoldArticle, golds: list[Any], preds: list[Quote], article: Article,
                      log: ErrorLog) -> tuple[int, int, int]:
    pairs = match_one_to_one(golds, preds, lambda g, p: quote_overlap(g.text, p.text) >= 0.5)
    hits = named = 0
    for gi, pi in pairs:
        g, p = golds[gi], preds[pi]
        if g.speaker:
            ok = speaker_matches(g.speaker, p)
            named += 1
            hits += ok
            if not ok:
                log.add(gold.ref, "quote_wrong_speaker", p.text, gold=g.speaker,
                        predicted=p.speaker.text if p.speaker else None)
    _log_unmatched(gold, article, golds, preds, pairs, log, "quote",
                   lambda g: f"{g.speaker}: {g.text[:80]}", lambda p: p.text[:80])
    return len(pairs), hits, named


def quote_overlap(gold: str, predicted: str) -> float:
    """Share of the longer quote's words that the two have in common (0..1)."""
    g, p = set(norm_text(gold).split()), set(norm_text(predicted).split())
    if not g or not p:
        return 0.0
    return len(g & p) / max(len(g), len(p))


def speaker_matches(gold_speaker: str, quote: Quote) -> bool:
    if quote.speaker is None:
        return False
    names = [quote.speaker.text] + ([quote.speaker.actor.name] if quote.speaker.actor else [])
    return any(text_matches(gold_speaker, n) for n in names)


def _external_quote_counts(gold: GoldArticle, direct: bool, preds: list[Quote],
                           article: Article) -> tuple[int, int, int] | None:
    """(matched, speakers right, speakers named) from `eventwire.quotes.score_quotes`, the quotes
    stage's own scorer (docs/quotes.md), or None when it is not there."""
    try:
        from ..quotes import score_quotes  # type: ignore[attr-defined]
    except ImportError:
        return None
    raw = [q for q in gold.raw_quotes or () if bool(q.get("direct", True)) == direct]
    try:
        result = score_quotes(preds, raw, article.body)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None
    kind = "direct" if direct else "indirect"
    keys = (f"{kind}_matched", f"{kind}_speaker_ok", f"{kind}_speaker_named")
    if not isinstance(result, Mapping) or not all(isinstance(result.get(k), int) for k in keys):
        return None
    return int(result[keys[0]]), int(result[keys[1]]), int(result[keys[2]])


_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bMr|\bDr|\bSt)[.!?][\"”’]?(?=\s+[\"“A-Z0-9])|\n")


def _sentence_at(body: str, offset: int) -> str:
    """The sentence around `offset`, by a punctuation rule good enough for error listings."""
    if len(body) <= 400:
        return body.strip()
    ends = [m.end() for m in _SENTENCE_END.finditer(body, 0, offset)]
    start = ends[-1] if ends else 0
    nxt = _SENTENCE_END.search(body, offset)
    end = nxt.end() if nxt else len(body)
    return body[start:end].strip()


def _sentence_of(body: str, needle: str | None) -> str:
    if needle:
        i = body.find(needle.split()[0]) if needle.split() else -1
        if i >= 0:
            return _sentence_at(body, i)
    return body[:300]


def _gold_event(g: GoldEvent) -> str:
    tgt = "|".join(g.targets) or "-"
    return f"{'|'.join(g.sources) or '-'} {g.plover or g.cameo} {tgt}" + (f" [{g.trigger}]" if g.trigger else "")


def _pred_event(e: Event) -> str:
    src = mention_code(e.source)[0] or (e.source.text if e.source else "-")
    tgt = mention_code(e.target)[0] or (e.target.text if e.target else "-")
    return f"{src} {e.action.plover}/{e.action.cameo} {tgt} [{e.action.text}]"

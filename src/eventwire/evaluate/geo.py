"""Toponym scorers for LGL and GeoVirus: resolution of the gold toponyms, and end-to-end
(toponyms found by the pipeline itself, then resolved)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..model import Article, Place
from .datasets import GeoArticle, Toponym
from .metrics import KM_THRESHOLD, PRF, Ratio, haversine_km
from .scoring import ErrorLog, _sentence_at


def _close(top: Toponym, place: Place | None) -> bool:
    return place is not None and haversine_km(top.lat, top.lon, place.lat, place.lon) <= KM_THRESHOLD


def _exact(top: Toponym, place: Place | None) -> bool:
    return place is not None and place.geonameid is not None and place.geonameid == top.geonameid


@dataclass
class ResolveScores:
    """Given the gold spans: accuracy within 161 km, exact GeoNames id (where gold has ids)."""

    acc161: Ratio = field(default_factory=Ratio)
    exact: Ratio = field(default_factory=Ratio)
    answered: Ratio = field(default_factory=Ratio)
    errors_km: list[float] = field(default_factory=list)

    def add(self, item: GeoArticle, places: list[Place | None], log: ErrorLog) -> None:
        for top, place in zip(item.toponyms, places, strict=False):
            ok = _close(top, place)
            self.acc161.add(ok)
            self.answered.add(place is not None)
            if top.geonameid is not None:
                self.exact.add(_exact(top, place))
            if place is not None:
                self.errors_km.append(haversine_km(top.lat, top.lon, place.lat, place.lon))
            if not ok:
                log.add(item.ref, "toponym_wrong" if place else "toponym_unresolved",
                        _sentence_at(item.text, top.start), gold=f"{top.text} ({top.lat}, {top.lon})",
                        predicted=f"{place.name} ({place.lat}, {place.lon}) {place.country}" if place else None)
        for top in item.toponyms[len(places):]:
            self.acc161.add(False)
            self.answered.add(False)
            if top.geonameid is not None:
                self.exact.add(False)

    def figures(self, prefix: str) -> dict[str, float]:
        out = {
            f"{prefix}.toponyms": self.acc161.total,
            f"{prefix}.acc161": round(self.acc161.value, 4),
            f"{prefix}.answered": round(self.answered.value, 4),
        }
        if self.exact.total:
            out[f"{prefix}.exact"] = round(self.exact.value, 4)
        if self.errors_km:
            out[f"{prefix}.median_km"] = round(statistics.median(self.errors_km), 1)
        return out


@dataclass
class EndToEndScores:
    """Toponyms the pipeline found (span overlap with gold) and how many it also placed right."""

    detect: PRF = field(default_factory=PRF)
    resolve: ResolveScores = field(default_factory=ResolveScores)

    def add(self, item: GeoArticle, article: Article, log: ErrorLog) -> None:
        spans = _predicted_spans(item, article)
        used: set[int] = set()
        placed: list[Place | None] = []
        for top in item.toponyms:
            hit = next((i for i, (s, e, _) in enumerate(spans)
                        if i not in used and s < top.end and top.start < e), None)
            if hit is None:
                placed.append(None)
                self.detect.fn += 1
            else:
                used.add(hit)
                placed.append(spans[hit][2])
                self.detect.tp += 1
        for i, (s, e, place) in enumerate(spans):
            if i in used or any(a < e and s < b for a, b in item.ungrounded):
                continue
            if any(t.start < e and s < t.end for t in item.toponyms):
                continue  # a second mention span on an already-matched toponym
            self.detect.fp += 1
            log.add(item.ref, "toponym_false_positive", _sentence_at(item.text, s),
                    predicted=f"{item.text[s:e]} -> {place.name} {place.country}")
        self.resolve.add(item, placed, log)

    def figures(self, prefix: str) -> dict[str, float]:
        return self.detect.figures(f"{prefix}.detect") | self.resolve.figures(prefix)


def _predicted_spans(item: GeoArticle, article: Article) -> list[tuple[int, int, Place]]:
    spans = []
    for place in article.places:
        for start, end in place.mentions:
            if article.body != item.text:
                found = _nearest(item.text, article.body[start:end], start)
                if found < 0:
                    continue
                start, end = found, found + (end - start)
            spans.append((start, end, place))
    spans.sort(key=lambda x: x[0])
    return spans


def _nearest(text: str, needle: str, near: int) -> int:
    if not needle:
        return -1
    best, i = -1, text.find(needle)
    while i >= 0:
        if best < 0 or abs(i - near) < abs(best - near):
            best = i
        i = text.find(needle, i + 1)
    return best

"""Disambiguation: which gazetteer place each toponym of an article is.

Each candidate gets a score: a prior (feature type, then population), plus evidence from the
article: its countries (from the actors stage and from the other toponyms), the first-level regions
and counties it names, explicit qualifiers ("Manbij, in Aleppo province", "Alexandria, La."), and
closeness to the article's other places. Three passes: the first resolves each name on the prior
and the actors' countries; the next two re-score with what the previous one found elsewhere in
the article (a second round of evidence settles names that depended on other uncertain names).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .gazetteer import Entry, Gazetteer
from .normalise import key, split_area

_CITY = ("city", "town", "village")
_PRIOR = {"country": 13.5, "continent": 11.5, "region": 11.0, "admin1": 9.0}
_TOP_K = 30  # candidates per name that take part in the spatial vote
_FINE = 0.25  # degrees: the "next door" cell of the spatial vote


def _cell(lat: float, lon: float, size: float) -> tuple[int, int]:
    """Grid cell; fine cells are offset by 100,000 so they never equal a coarse one."""
    offset = 0 if size == 1.0 else 100_000
    return (math.floor(lat / size) + offset, math.floor(lon / size) + offset)


@dataclass(frozen=True, slots=True)
class Toponym:
    """One place name in a text; `core` is the name without 'province', 'northern' ...."""

    start: int
    end: int
    text: str
    core: str
    kind: str | None = None  # what a suffix says it is: admin1, region, city
    directional: bool = False  # "northern Syria": a part of the place
    qualifier: str | None = None  # "Ohio" in "Columbus, Ohio"


def make_toponym(text: str, start: int, end: int) -> Toponym:
    surface = text[start:end]
    core, kind, directional = split_area(surface.removeprefix("the ").removeprefix("The "))
    return Toponym(start, end, surface, core, kind, directional, _qualifier(text, end))


_QUALIFIER = re.compile(
    r",\s+(?:in\s+(?:the\s+)?|near\s+)?((?:[A-Z][\w'’\-]*\.?)(?:\s+(?:[A-Z][\w'’\-]*\.?|province|governorate|county|state)){0,3})"
)


def _qualifier(text: str, end: int) -> str | None:
    m = _QUALIFIER.match(text, end)
    return m.group(1).rstrip(",") if m else None


@dataclass
class Context:
    """What the article says about where it is. Each reading is tagged with the name it came from,
    so that a name is never its own evidence (nor are its repeats)."""

    countries: list[tuple[str, float, str]]  # (country, weight, name key)
    admin1s: list[tuple[tuple[str, str], str]]
    points: list[tuple[float, float, str]]
    cells: dict[str, tuple[set[tuple[int, int]], float]] = field(default_factory=dict)  # name -> (cells, weight)

    def support(self, e: Entry, name: str) -> float:
        """How many other names of the article could be a place near this one (spatial minimality);
        a name with few readings says more than one that exists everywhere ("Springfield")."""
        coarse = _cell(e.lat, e.lon, 1.0)
        fine = _cell(e.lat, e.lon, _FINE)
        total = 0.0
        for n, (cells, w) in self.cells.items():
            if n != name and coarse in cells:
                total += 2 * w if fine in cells else w / 2  # next door counts more than the region
        return total

    def country_share(self, cc: str | None, name: str) -> float:
        total = sum(w for _, w, n in self.countries if n != name)
        mine = sum(w for c, w, n in self.countries if n != name and c == cc)
        return mine / total if cc and total else 0.0

    def names_admin1(self, cc: str, a1: str, name: str) -> bool:
        return any(k == (cc, a1) and n != name for k, n in self.admin1s)

    def near(self, lat: float, lon: float, name: str, km: float = 60.0) -> bool:
        return any(n != name and _km(lat, lon, la, lo) < km for la, lo, n in self.points)


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def candidates(self, top: Toponym) -> tuple[list[Entry], bool]:
        """Gazetteer entries for the toponym; the flag says they came from the loose key."""
        country = self.gaz.demonym(top.core)
        if country is not None:
            return [country], False
        found = self.gaz.find(top.text) if top.text != top.core else []
        found = found or self.gaz.find(top.core)
        if found:
            return found, False
        return self.gaz.find_loose(top.core), True

    def resolve(self, toponyms: list[Toponym], countries: Counter[str] | None = None) -> list[Entry | None]:
        cands = [self.candidates(t) for t in toponyms]
        quals = [self._qualifier_places(t) for t in toponyms]
        seed = self._context([], [], countries)
        seed.cells = _cells(toponyms, cands)
        first = [self._best(t, c, q, seed) for t, c, q in zip(toponyms, cands, quals, strict=True)]
        readings = first
        for _ in range(2):
            context = self._context(toponyms, readings, countries)
            context.cells = seed.cells
            readings = [self._best(t, c, q, context) for t, c, q in zip(toponyms, cands, quals, strict=True)]
        return readings

    def _qualifier_places(self, top: Toponym) -> list[Entry]:
        if not top.qualifier:
            return []
        q = top.qualifier
        if len(q) == 2 and q.isupper():
            state = self.gaz.admin1("US", q)
            return [state] if state else []
        core, _, _ = split_area(q)
        return [e for e in self.gaz.find(q) or self.gaz.find(core) if e.feature in ("country", "admin1", "admin2")]

    def _context(self, toponyms: list[Toponym], first: list[Entry | None],
                 countries: Counter[str] | None) -> Context:
        # the actors' countries count less than a place: demonyms are already places here, and an
        # actor's country ("Georgia" the state read as the country) can mislead local news
        ctx = Context([(cc, 0.5 * n, "") for cc, n in (countries or {}).items()], [], [])
        for top, e in zip(toponyms, first, strict=True):
            if e is None:
                continue
            name = key(top.core)
            if e.country:
                ctx.countries.append((e.country, 2.0 if e.feature in ("country", "admin1") else 1.0, name))
            if e.admin1 and e.country and e.feature in ("admin1", "admin2"):
                ctx.admin1s.append(((e.country, e.admin1), name))
            if e.feature in _CITY or e.feature == "admin2":
                ctx.points.append((e.lat, e.lon, name))
        return ctx

    def _best(self, top: Toponym, found: tuple[list[Entry], bool], quals: list[Entry],
              ctx: Context) -> Entry | None:
        entries, loose = found
        if not entries:
            return None
        name = key(top.core)
        if loose:
            # a loose spelling match is believed only inside the article's countries
            entries = [e for e in entries if ctx.country_share(e.country, name) > 0]
            if not entries:
                return None
        scored = [(self._score(top, e, loose, quals, ctx, name) + _rank_bonus(top, e, entries, name, ctx), -e.id, e)
                  for e in entries]
        return max(scored)[2]

    def _score(self, top: Toponym, e: Entry, loose: bool, quals: list[Entry], ctx: Context, name: str) -> float:
        score = _PRIOR.get(e.feature, 2.0 + math.log10(e.population + 1))
        if key(e.name) == name:
            score += 1.5
        elif e.population < 10_000 and e.feature in _CITY:
            score -= 2.0  # an alternate name of a village is weak evidence
        if e.id in self.gaz.capitals:
            score += 3.0
        if e.feature in _CITY or e.feature == "admin2":
            score += 1.5 * min(ctx.support(e, name), 3.0)
        if e.feature == "admin1":
            score += min(math.log10(e.population + 1), 8.0) / 8.0
        if loose:
            score -= 3.0
        score += _kind_bonus(top, e)
        score += 7.0 * ctx.country_share(e.country, name)
        if e.feature not in ("country", "admin1") and e.country and e.admin1 and ctx.names_admin1(e.country, e.admin1, name):
            score += 4.0
        if any(_inside(e, q) for q in quals):
            score += 8.0
        if (e.feature in _CITY or e.feature == "admin2") and ctx.near(e.lat, e.lon, name):
            score += 3.0
        return score


def _rank_bonus(top: Toponym, e: Entry, entries: list[Entry], name: str, ctx: Context) -> float:
    """A state or country outranks a village of its name ("California, Pa.") unless the village is
    next to the article's other places; a big town outranks the region named after it ("Aleppo" is
    the city unless the text says "province")."""
    if e.feature in _CITY and e.population < 100_000 and not ctx.near(e.lat, e.lon, name) and any(
        o.feature in ("country", "admin1") and key(o.name) == name for o in entries
    ):
        return -3.0
    if e.feature == "admin1" and top.kind != "admin1" and any(
        o.feature in _CITY and o.population >= 100_000 and key(o.name) == name
        and o.country == e.country and o.admin1 == e.admin1 for o in entries
    ):
        return -3.0
    return 0.0


def _kind_bonus(top: Toponym, e: Entry) -> float:
    if top.kind == "admin1":
        return 5.0 if e.feature == "admin1" else 0.0
    if top.kind == "city":
        return 3.0 if e.feature in _CITY else 0.0
    if top.kind == "region":
        return 2.0 if e.feature in (*_CITY, "admin1", "admin2") else 0.0
    return 0.0


def _inside(e: Entry, q: Entry) -> bool:
    if e.id == q.id:
        return False
    if q.feature == "country":
        return e.country == q.country
    if q.feature == "admin1":
        return e.country == q.country and e.admin1 == q.admin1
    return _km(e.lat, e.lon, q.lat, q.lon) < 60


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def _cells(toponyms: list[Toponym], cands: list[tuple[list[Entry], bool]]) -> dict[str, tuple[set[tuple[int, int]], float]]:
    """For each distinct name, the 1-degree and 0.25-degree cells (and their neighbours) of its
    likeliest point places, in one set (the two sizes never collide: fine cells are scaled)."""
    out: dict[str, tuple[set[tuple[int, int]], float]] = {}
    for top, (entries, _) in zip(toponyms, cands, strict=True):
        name = key(top.core)
        if name in out:
            continue
        points = [e for e in entries if e.feature in _CITY or e.feature == "admin2"]
        points.sort(key=lambda e: -e.population)
        cells: set[tuple[int, int]] = set()
        for e in points[:_TOP_K]:
            for size in (1.0, _FINE):
                la, lo = _cell(e.lat, e.lon, size)
                cells.update((la + a, lo + b) for a in (-1, 0, 1) for b in (-1, 0, 1))
        n = len(points)
        out[name] = (cells, 1.0 if n <= 3 else 0.5 if n <= 10 else 0.25)
    return out

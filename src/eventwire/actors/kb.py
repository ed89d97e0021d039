"""The actor knowledge base: load the package's data files (and a user overlay) once, index names.

Files (formats in docs/kb.md): `data/countries.tsv` (states: names, adjectives, people nouns,
seats of power), `data/*.jsonl` (international organisations, armed groups, parties, agencies,
media, people with dated terms of office). Every lookup key is normalised by `norm()`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..model import Actor
from .records import KBEntry, Term, load_jsonl, role_name

DATA_FILES = ("igos.jsonl", "groups.jsonl", "media.jsonl", "people.jsonl")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2011": "-",
                         "\u2013": "-", "\u2014": "-"})


_SPACES = re.compile(r"\s+")
_HYPHENS = re.compile(r"\s*-\s*")
_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:al|el|ad|ash|as|at|az|ar|an)[- ](?=\w{3})")


@functools.lru_cache(maxsize=131072)
def norm(text: str) -> str:
    """Lookup key: accents folded, lowercase, no dots, "the" and possessive 's dropped."""
    text = text.translate(_QUOTES)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _SPACES.sub(" ", text.lower().replace(".", "")).strip()
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    text = _HYPHENS.sub("-", text).strip()
    # Arabic article variants: "al-Assad", "el-Sisi", "Al Thani", "ad-Din" index alike.
    return _ARTICLE.sub("", text) if " " in text else text


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    qid: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    seats: tuple[tuple[str, str], ...]  # (name, role) e.g. ("the Pentagon", "MIL")


@dataclass(frozen=True, slots=True)
class Hit:
    """One meaning of a name: kind is state | adjective | people | seat | entry."""

    kind: str
    country: str | None = None
    role: str | None = None
    entry: KBEntry | None = None
    exact: str = ""  # the alias as written, for case-sensitive acronyms


@dataclass
class KB:
    countries: dict[str, Country] = field(default_factory=dict)
    by_iso2: dict[str, str] = field(default_factory=dict)  # filled on first use
    entries: list[KBEntry] = field(default_factory=list)
    names: dict[str, list[Hit]] = field(default_factory=dict)
    surnames: dict[str, list[KBEntry]] = field(default_factory=dict)
    offices: dict[tuple[str, str], list[tuple[KBEntry, Term]]] = field(default_factory=dict)
    first_words: dict[str, int] = field(default_factory=dict)

    def lookup(self, text: str) -> list[Hit]:
        """Every meaning of a name; acronyms (all capitals) only match as written."""
        hits = self.names.get(norm(text), [])
        stripped = text.strip()
        return [h for h in hits if not _is_acronym(h.exact) or _acronym_matches(h.exact, stripped)]

    def state(self, iso3: str) -> Actor:
        return _state_actor(self.countries[iso3])

    def role_actor(self, iso3: str | None, role: str) -> Actor:
        return _role_actor(self.countries.get(iso3) if iso3 else None, role)

    def holders(self, iso3: str, title: str, date: str | None) -> list[KBEntry]:
        """People holding `title` in `iso3` on `date` (latest holder when the date is unknown)."""
        terms = self.offices.get((iso3, title), [])
        if date is None:
            terms = sorted(terms, key=lambda et: et[1].start, reverse=True)[:1]
            return [e for e, _ in terms]
        return [e for e, t in terms if t.active(date)]

    def add(self, entry: KBEntry) -> None:
        self.entries.append(entry)
        for alias in (entry.name, *entry.aliases):
            self._index(alias, Hit("entry", entry.country, entry.role, entry, alias))
        if entry.type == "person":
            parts = entry.name.split()
            if len(parts) > 1:
                self.surnames.setdefault(norm(parts[-1]), []).append(entry)
            for term in entry.terms:
                if term.title:
                    self.offices.setdefault((term.country, term.title), []).append((entry, term))

    def add_country(self, c: Country) -> None:
        self.countries[c.iso3] = c
        for name in (c.name, *c.aliases):
            self._index(name, Hit("state", c.iso3, None, None, name))
        for adj in c.adjectives:
            self._index(adj, Hit("adjective", c.iso3, None, None, adj))
        for noun in c.people:
            self._index(noun, Hit("people", c.iso3, "CVL", None, noun))
        for seat, role in c.seats:
            self._index(seat, Hit("seat", c.iso3, role, None, seat))

    def _index(self, name: str, hit: Hit) -> None:
        key = norm(name)
        if not key:
            return
        bucket = self.names.setdefault(key, [])
        if hit not in bucket:
            bucket.append(hit)
        width = len(name.split()) + 2 * name.count("-") + name.count("'") + name.count("\u2019")
        for first in {key.split(" ")[0], norm(name.split()[0])} - {"", "the"}:
            self.first_words[first] = max(self.first_words.get(first, 0), width)


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 5 and letters.isupper()


def _acronym_matches(alias: str, text: str) -> bool:
    return alias.replace(".", "") == text.replace(".", "").removeprefix("the ").removeprefix("The ")


def _state_actor(c: Country) -> Actor:
    return Actor(c.qid or f"state-{c.iso3.lower()}", c.name, "state", c.iso3, None, c.iso3)


def _role_actor(c: Country | None, role: str) -> Actor:
    """`role` may stack two codes ("CVLEDU": students); the first is the actor's role."""
    main = role[:3]
    words = " ".join(role_name(role[i : i + 3]) for i in range(0, len(role), 3))
    if c is None:
        return Actor(f"role-{role.lower()}", words, _role_type(main), None, main, role)
    return Actor(f"{c.iso3.lower()}-{role.lower()}", f"{c.name} ({words})", _role_type(main), c.iso3, main, c.iso3 + role)


def _role_type(role: str) -> str:
    if role in {"REB", "INS", "UAF"}:
        return "armed_group"
    if role in {"CVL", "REF"}:
        return "population"
    if role == "MED":
        return "media"
    if role == "NGO":
        return "ngo"
    return "organization"


def read_countries(text: str) -> list[Country]:
    rows: list[Country] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, iso2, qid, name, aliases, adjectives, people, seats = (line.split("\t") + [""] * 8)[:8]
        rows.append(Country(iso3, iso2, qid, name, _split(aliases), _split(adjectives), _split(people),
                            tuple(_seat(s) for s in _split(seats))))
    return rows


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split(",") if x.strip())


def _seat(cell: str) -> tuple[str, str]:
    name, _, role = cell.partition("=")
    return name.strip(), (role.strip() or "GOV")


def _data(name: str) -> str:
    return resources.files("eventwire.actors").joinpath("data", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=4)
def load_kb(overlay: str | None = None) -> KB:
    """The KB, built once per process per overlay path. A bad overlay raises ConfigError."""
    kb = KB()
    for country in read_countries(_data("countries.tsv")):
        kb.add_country(country)
    known = set(kb.countries)
    for name in DATA_FILES:
        for entry in load_jsonl(_data(name).splitlines(), f"eventwire/actors/data/{name}", known):
            kb.add(entry)
    if overlay:
        path = Path(overlay)
        for entry in load_jsonl(_read_overlay(path), str(path), known):
            kb.add(entry)
    return kb


def _read_overlay(path: Path) -> list[str]:
    from ..errors import ConfigError

    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the KB overlay ({exc}); fix kb_overlay in settings") from exc


def validate_file(path: str | Path) -> list[str]:
    """Every problem of a KB overlay file, as `file:line: problem` (empty when it loads cleanly)."""
    from .records import validate_lines

    file = Path(path)
    known = {c.iso3 for c in read_countries(_data("countries.tsv"))}
    return validate_lines(_read_overlay(file), str(file), known)


def stats(kb: KB) -> dict[str, int]:
    """Sizes of the knowledge base: countries, organisations, groups, people, names indexed."""
    counts = {"countries": len(kb.countries), "igos": 0, "armed_groups": 0, "organizations": 0,
              "ngos": 0, "media": 0, "people": 0, "people_terms": 0}
    keys = {"igo": "igos", "armed_group": "armed_groups", "organization": "organizations",
            "ngo": "ngos", "media": "media", "person": "people"}
    for entry in kb.entries:
        key = keys.get(entry.type)
        if key:
            counts[key] += 1
        counts["people_terms"] += len(entry.terms)
    counts["demonyms"] = sum(len(c.adjectives) + len(c.people) for c in kb.countries.values())
    counts["seats_of_power"] = sum(len(c.seats) for c in kb.countries.values())
    counts["names_indexed"] = len(kb.names)
    return counts

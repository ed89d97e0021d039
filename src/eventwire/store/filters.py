"""What a user asks for: event filters, parsed from the CLI's or the API's words into values."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import StoreError

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True, slots=True)
class Near:
    lat: float
    lon: float
    km: float
    name: str | None = None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Every filter is optional; set ones are combined with AND.

    actor/target: a CAMEO-style code prefix ("TUR" matches TURMIL, TURGOV), an actor id ("Q43"),
    an actor's canonical name, the words of a mention, or any name the knowledge base knows
    ("SDF", "the Kremlin", "Erdogan"), resolved into `*_known` by EventStore.filter. country: where the event happened, ISO alpha-2 ("SY"; alpha-3
    is accepted). type: a PLOVER type ("ASSAULT"), a CAMEO root ("19") or a CAMEO code ("194",
    matching its sub-codes). quad: QuadClass values (1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict), any of them. since/until: the event's day (its own
    date, else publication day). limit/offset: one page of the results, in their order.
    """

    actor: str | None = None
    target: str | None = None
    actor_known: tuple[str, ...] = ()  # what the knowledge base says `actor` names (see kb_terms)
    target_known: tuple[str, ...] = ()
    country: str | None = None
    type: str | None = None
    quad: tuple[int, ...] = ()
    since: date | None = None
    until: date | None = None
    near: Near | None = None
    min_confidence: float | None = None
    mode: str | None = None
    article: str | None = None
    cluster: str | None = None
    limit: int | None = None
    offset: int = 0


def parse_type(value: str) -> tuple[str, str]:
    """("plover", "ASSAULT") | ("root", "19") | ("cameo", "194")."""
    value = value.strip()
    if value.isdigit():
        if len(value) <= 2:
            return "root", value.zfill(2)
        return "cameo", value
    if re.fullmatch(r"[A-Za-z_]+", value):
        return "plover", value.upper()
    raise StoreError(f"--type {value!r}: use a PLOVER type (ASSAULT), a CAMEO root (19) or code (194)")


def parse_quad(values: int | str | Iterable[int | str]) -> tuple[int, ...]:
    """QuadClass values 1-4, sorted and unique, from one value or several ("3,4" accepted)."""
    items = [values] if isinstance(values, int | str) else list(values)
    words = [w for item in items for w in str(item).replace(",", " ").split()]
    if not all(w.isdigit() and 1 <= int(w) <= 4 for w in words):
        raise StoreError(f"--quad {' '.join(words)!r}: QuadClass is 1 (verbal cooperation), "
                         "2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)")
    return tuple(sorted({int(w) for w in words}))


def parse_country(value: str) -> str:
    """ISO alpha-2 from alpha-2, alpha-3 or an English country name."""
    import pycountry

    value = value.strip()
    if len(value) == 2 and value.isalpha():
        return value.upper()
    try:
        found = pycountry.countries.lookup(value)
    except LookupError as exc:
        raise StoreError(f"--country {value!r}: not a known country; use an ISO code such as SY") from exc
    return str(found.alpha_2)


def parse_latlon(value: str) -> tuple[float, float] | None:
    match = _LATLON.match(value)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise StoreError(f"--near {value!r}: latitude must be within ±90 and longitude within ±180")
    return lat, lon


def parse_day(value: str | date | None, option: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise StoreError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from exc


def kb_terms(value: str, overlay: str | None = None) -> tuple[str, ...]:
    """Actor ids ("id:..."), names ("name:...") and code prefixes ("code:...") the knowledge base
    gives a name: an entry's id and canonical name, a state's country code (all its actors), a
    seat's country and role."""
    from ..actors.kb import load_kb

    terms: list[str] = []
    for hit in load_kb(overlay).lookup(value):
        if hit.entry is not None:
            terms += [f"id:{hit.entry.id}", f"name:{hit.entry.name}"]
        elif hit.kind == "seat" and hit.country:
            terms.append(f"code:{hit.country}{hit.role or ''}")
        elif hit.country:
            terms.append(f"code:{hit.country}")
    return tuple(dict.fromkeys(terms))

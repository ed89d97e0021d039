"""KB records (JSON Lines): parsing and validation with file:line messages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import ConfigError
from ..model import Actor

TYPES = ("state", "person", "organization", "armed_group", "igo", "ngo", "media", "population")
ROLES = {
    "GOV": "government", "MIL": "military", "OPP": "opposition", "REB": "rebels",
    "INS": "insurgents", "UAF": "unidentified armed forces", "CVL": "civilians",
    "REF": "refugees", "MED": "media", "JUD": "judiciary", "LEG": "legislature",
    "COP": "police", "SPY": "intelligence", "BUS": "business", "EDU": "education",
    "LAB": "labour", "HLH": "health", "REL": "religious", "CRM": "criminals",
    "ELI": "elites", "NGO": "non-governmental organisation", "IGO": "intergovernmental organisation",
    "PTY": "political party", "AGR": "agriculture", "SEP": "separatists",
}
_ID = re.compile(r"^(Q[1-9][0-9]*|[a-z0-9][a-z0-9-]*)$")
_CODE = re.compile(r"^[A-Z0-9]{2,12}$")
_IGO = re.compile(r"^IGO[A-Z0-9]{0,9}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FIELDS = {"id", "name", "type", "country", "role", "code", "aliases", "gender", "terms", "note"}


def role_name(role: str) -> str:
    return ROLES.get(role, role.lower())


@dataclass(frozen=True, slots=True)
class Term:
    """One office: [country, role, title, start, end]; dates YYYY[-MM[-DD]], end null = ongoing."""

    country: str
    role: str
    title: str
    start: str
    end: str | None

    def active(self, date: str) -> bool:
        day = date[:10]
        return _pad(self.start, "01") <= day and (self.end is None or day <= _pad(self.end, "31"))


def _pad(date: str, fill: str) -> str:
    parts = date.split("-")
    while len(parts) < 3:
        parts.append(fill if len(parts) == 2 or fill == "01" else "12")
    return "-".join(parts)


@dataclass(frozen=True, slots=True)
class KBEntry:
    id: str
    name: str
    type: str
    country: str | None
    role: str | None
    code: str
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    terms: tuple[Term, ...] = ()

    def actor(self, date: str | None = None, prefer: str | None = None) -> Actor:
        """The Actor; with dated terms, country and role of the term active on `date` (among
        several, the one in country `prefer`: "Islamic State" in a Syria story is SYRREB)."""
        if not self.terms:
            return Actor(self.id, self.name, self.type, self.country, self.role, self.code)
        term = self.term_at(date)
        if prefer and term is not None and term.country != prefer:
            term = next((t for t in self.terms if t.country == prefer and (date is None or t.active(date))), term)
        if term is None:
            national = [t for t in self.terms if not t.country.startswith("IGO")] or list(self.terms)
            country = self.country or max(national, key=lambda t: t.start).country
            last = max(self.terms, key=lambda t: t.start)
            if country.startswith("IGO"):
                return Actor(self.id, self.name, self.type, None, "ELI", country)
            if last.role in _KEEPS_ROLE:
                return Actor(self.id, self.name, self.type, country, last.role, country + last.role)
            # a former office holder: elite, with the office's role after it ("BGDELIGOV")
            return Actor(self.id, self.name, self.type, country, "ELI", country + "ELI" + last.role)
        if term.country.startswith("IGO"):
            return Actor(self.id, self.name, self.type, None, term.role, term.country)
        return Actor(self.id, self.name, self.type, term.country, term.role, term.country + term.role)

    def term_at(self, date: str | None) -> Term | None:
        if date is None:
            ongoing = [t for t in self.terms if t.end is None]
            if ongoing:  # several at once (a group in many countries): the first listed
                return min(ongoing, key=lambda t: _RANK.get(t.role, 9))
            return max(self.terms, key=lambda t: t.start)
        active = [t for t in self.terms if t.active(date)]
        if active:
            return min(active, key=lambda t: _RANK.get(t.role, 9))
        if any(_pad(t.start, "01") > date[:10] for t in self.terms) and not any(
            t.end and _pad(t.end, "31") < date[:10] for t in self.terms
        ):
            return min(self.terms, key=lambda t: t.start)
        return None


_RANK = {"GOV": 0, "MIL": 1, "OPP": 2}
# Rebels and opposition figures keep their role after their last dated term; office holders
# become "ELI" (former officials, CAMEO), their office's role kept after it: "BGDELIGOV".
_KEEPS_ROLE = {"REB", "INS", "OPP", "CRM", "REL", "UAF"}


def load_jsonl(lines: Iterable[str], source: str, countries: set[str]) -> list[KBEntry]:
    """Parse a KB JSON Lines file; the first bad line raises ConfigError naming file and line."""
    entries: list[KBEntry] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry, problem = parse_line(line, countries)
        if problem:
            raise ConfigError(f"{source}:{number}: {problem}; fix the line (format: docs/kb.md)")
        entries.append(entry)  # type: ignore[arg-type]
    return entries


def validate_lines(lines: Iterable[str], source: str, countries: set[str]) -> list[str]:
    """Every problem of a KB JSON Lines file, as `file:line: problem` (empty when valid)."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry, problem = parse_line(line, countries)
        if problem:
            problems.append(f"{source}:{number}: {problem}")
        elif entry is not None:
            if entry.id in seen:
                problems.append(f"{source}:{number}: duplicate id {entry.id!r} (first on line {seen[entry.id]})")
            seen.setdefault(entry.id, number)
    return problems


def parse_line(line: str, countries: set[str]) -> tuple[KBEntry | None, str | None]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(data, dict):
        return None, "a line must be one JSON object"
    problem = _check(data, countries)
    if problem:
        return None, problem
    terms = tuple(Term(*t) for t in data.get("terms") or ())
    country = data.get("country")
    role = data.get("role")
    code = data.get("code") or _derive_code(data["type"], country, role, terms)
    return KBEntry(data["id"], data["name"], data["type"], country, role, code,
                   tuple(data.get("aliases") or ()), data.get("gender"), terms), None


def _derive_code(kind: str, country: str | None, role: str | None, terms: tuple[Term, ...]) -> str:
    if terms and not country:
        country = terms[0].country
    if kind == "igo":
        return "IGO" + (role or "")
    return (country or "") + (role or "") or "UNK"


def _check(data: dict[str, object], countries: set[str]) -> str | None:
    unknown = set(data) - _FIELDS
    if unknown:
        return f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}"
    for key in ("id", "name", "type"):
        if not isinstance(data.get(key), str) or not data[key]:
            return f"missing or empty {key!r}"
    if not _ID.match(str(data["id"])):
        return f"id {data['id']!r} must be a Wikidata QID (Q123) or a lowercase slug (a-z, 0-9, -)"
    if data["type"] not in TYPES:
        return f"type {data['type']!r} is not one of {', '.join(TYPES)}"
    country, role, code = data.get("country"), data.get("role"), data.get("code")
    if country is not None and country not in countries:
        return f"country {country!r} is not an ISO 3166-1 alpha-3 code of the KB"
    if role is not None and role not in ROLES:
        return f"role {role!r} is not a CAMEO role code ({', '.join(sorted(ROLES))})"
    if code is not None and not (isinstance(code, str) and _CODE.match(code)):
        return f"code {code!r} must be 2-12 capital letters/digits (e.g. BLRGOV, IGOUNO)"
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        return "aliases must be a list of non-empty strings"
    if data.get("gender") not in (None, "m", "f"):
        return "gender must be \"m\", \"f\" or absent"
    return _check_terms(data.get("terms", []), countries)


def _valid_date(value: object) -> bool:
    if not (isinstance(value, str) and _DATE.match(value)):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _check_terms(terms: object, countries: set[str]) -> str | None:
    if not isinstance(terms, list):
        return "terms must be a list of [country, role, title, start, end]"
    for i, term in enumerate(terms, 1):
        if not isinstance(term, list) or len(term) != 5:
            return f"term {i} must be [country, role, title, start, end]"
        country, role, title, start, end = term
        if country not in countries and not (isinstance(country, str) and _IGO.match(country)):
            return f"term {i}: country {country!r} is neither an ISO alpha-3 code of the KB nor an IGO code"
        if role not in ROLES:
            return f"term {i}: role {role!r} is not a CAMEO role code"
        if not isinstance(title, str):
            return f"term {i}: title must be a string (\"\" when none)"
        if not _valid_date(start):
            return f"term {i}: start {start!r} must be YYYY, YYYY-MM or YYYY-MM-DD"
        if end is not None and not _valid_date(end):
            return f"term {i}: end {end!r} must be YYYY[-MM[-DD]] or null"
        if end is not None and end < start:
            return f"term {i}: ends ({end}) before it starts ({start})"
    return None

"""Counting and comparison primitives shared by every scorer (docs/eval.md, "Matching rules")."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# PLOVER draft 0.5 names (used by PLOVER-GSR) -> the 2021 PLOVER types the project emits.
PLOVER_DRAFT = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

# Non-ISO country parts seen in CAMEO-style gold codes -> ISO 3166-1 alpha-3.
COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GER": "DEU", "UK": "GBR"}

# Role aliases: the same sector under two spellings.
ROLE_ALIASES = {"CIV": "CVL"}

# CAMEO role codes; a code that starts with one has no country ("CVL": civilians of unknown country).
ROLE_CODES = frozenset({
    "GOV", "MIL", "REB", "OPP", "INS", "CVL", "MED", "JUD", "LEG", "COP", "BUS", "REF", "CRM", "LAB",
    "EDU", "HLH", "ELI", "SPY", "UAF", "AGR", "PTY", "SET", "MOD", "RAD", "REL",
})

# Code heads that are not countries but classes of transnational actor (IGOUNO, NGOAMN ...).
NON_STATE_HEADS = frozenset({"IGO", "NGO", "IMG", "ISM", "MNC", "UIS", "NGM"})

KM_THRESHOLD = 161.0  # the toponym-resolution convention (100 miles)

PENTA_NAMES = ("statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
NO_CLASS = -1  # predicted PentaClass of a sentence in which no event was found


@dataclass
class PRF:
    """True positives, false positives, false negatives; precision/recall/F1 from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self, prefix: str) -> dict[str, float]:
        return {
            f"{prefix}.precision": round(self.precision, 4),
            f"{prefix}.recall": round(self.recall, 4),
            f"{prefix}.f1": round(self.f1, 4),
        }


@dataclass
class Ratio:
    """Hits out of trials (an accuracy); `value` is 0 when there were no trials."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0


def macro_f1(gold: Sequence[int], predicted: Sequence[int], classes: Iterable[int]) -> float:
    """Unweighted mean of per-class F1 over `classes` (a prediction outside them is only wrong)."""
    scores = []
    for c in classes:
        prf = PRF()
        for g, p in zip(gold, predicted, strict=True):
            prf.tp += g == c and p == c
            prf.fp += g != c and p == c
            prf.fn += g == c and p != c
        scores.append(prf.f1)
    return sum(scores) / len(scores) if scores else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def norm_text(text: str | None) -> str:
    """Case-, accent-, punctuation- and space-insensitive form for comparing short strings."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`]s\b", "", text.lower())
    return " ".join(re.findall(r"\w+", text))


def text_matches(gold: str | None, predicted: str | None) -> bool:
    """Equal after `norm_text`, or one contains the other on word boundaries."""
    g, p = norm_text(gold), norm_text(predicted)
    if not g or not p:
        return False
    return g == p or f" {g} " in f" {p} " or f" {p} " in f" {g} "


def split_code(code: str | None) -> tuple[str, tuple[str, ...]]:
    """'TURMIL' -> ('TUR', ('MIL',)); 'IGOUNO' -> ('IGO', ('UNO',)); case and aliases folded."""
    if not code:
        return "", ()
    code = re.sub(r"[^A-Za-z]", "", code).upper()
    head = COUNTRY_ALIASES.get(code[:3], code[:3])
    first = 3
    if head in ROLE_CODES or head in ROLE_ALIASES:
        head, first = "", 0
    roles = tuple(ROLE_ALIASES.get(code[i : i + 3], code[i : i + 3]) for i in range(first, len(code) - 2, 3))
    return head, roles


def code_matches(gold: str, predicted: str | None, predicted_country: str | None = None) -> bool:
    """A bare gold head ('TUR', 'IGO') matches any predicted code with that head; a full gold code
    ('TURMIL') also needs each of its roles among the predicted code's roles."""
    g_head, g_roles = split_code(gold)
    p_head, p_roles = split_code(predicted)
    if not g_head:  # a role-only gold code ("CVL") needs that role, whatever the country
        return bool(g_roles) and all(r in p_roles for r in g_roles)
    if p_head != g_head and COUNTRY_ALIASES.get(predicted_country or "", predicted_country) != g_head:
        return False
    return all(r in p_roles for r in g_roles)


def normalise_plover(name: str | None) -> str:
    if not name:
        return ""
    name = name.strip().upper()
    return PLOVER_DRAFT.get(name, name)


def cameo_root(code: str | None) -> str:
    """'0314' -> '03'; '194' -> '19'; '' when the code is not a CAMEO code."""
    digits = (code or "").strip()
    if len(digits) < 2 or not digits[:2].isdigit():
        return ""
    return digits[:2]


def penta_class(cameo: str | None) -> int:
    """PentaClass of a CAMEO code: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13, 4 = 14-20."""
    root = cameo_root(cameo)
    if not root:
        return NO_CLASS
    n = int(root)
    for cls, top in enumerate((2, 5, 8, 13, 20)):
        if 1 <= n <= top:
            return cls
    return NO_CLASS


def token_prf(gold: set[int], predicted: set[int], prf: PRF) -> None:
    """Adds one sentence's token overlap to a running micro-averaged count."""
    prf.tp += len(gold & predicted)
    prf.fp += len(predicted - gold)
    prf.fn += len(gold - predicted)

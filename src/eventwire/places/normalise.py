"""Spelling-insensitive keys for place names.

Two spellings of one place should give the same key: "Tel Abyad" / "Tall Abyad", "Ain Issa" /
"'Ayn 'Isa", "Al-Raqqa" / "Ar Raqqah", "Qamishli" / "Al-Qamishli", "St. Louis" / "Saint Louis",
"Sao Paulo" / "São Paulo". `key` is exact after folding; `skeleton` is a looser consonant key used
only as a fallback when the exact key finds nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Arabic article forms, written joined ("al-Bab", "ar-Raqqa") or apart ("Al Bab"); dropped from
# names of more than one word so that "Al Hasakah" and "Hasakah" meet.
ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "ed", "es", "ez", "er", "en", "et"})

# Transliteration and abbreviation variants of common name-forming words -> one form.
_WORD_FORMS = {
    "tel": "tal", "tell": "tal", "tall": "tal", "tal": "tal",
    "ain": "ayn", "ayn": "ayn", "ein": "ayn", "ayin": "ayn", "aïn": "ayn",
    "deir": "dayr", "dayr": "dayr", "dair": "dayr", "der": "dayr",
    "jabal": "jabal", "jebel": "jabal", "jabel": "jabal", "djebel": "jabal", "jbel": "jabal",
    "kafr": "kafr", "kfar": "kafr", "kafar": "kafr", "kfr": "kafr",
    "beit": "bayt", "bayt": "bayt", "bait": "bayt",
    "sheikh": "shaykh", "shaykh": "shaykh", "shaikh": "shaykh", "sheik": "shaykh", "shekh": "shaykh",
    "abu": "abu", "abou": "abu",
    "umm": "umm", "um": "umm", "om": "umm",
    "ras": "ras", "raas": "ras",
    "qasr": "qasr", "kasr": "qasr",
    "saint": "st", "st": "st", "sainte": "ste", "ste": "ste", "san": "san",
    "mount": "mt", "mt": "mt",
    "fort": "ft", "ft": "ft",
    "port": "port", "pt": "pt",
    "new": "new",
}

_QUOTES = re.compile(r"[\u0027\u2018\u2019\u02bb\u02bc\u02be\u02bf\u0060\u00b4\u2032]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.,/()]+")
_NON_WORD = re.compile(r"[^a-z0-9 ]")
_DOUBLES = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lowercase ASCII letters, digits and single spaces: diacritics, apostrophes and hyphens gone."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    text = _QUOTES.sub("", text.lower())
    text = _SEPARATORS.sub(" ", text)
    return _NON_WORD.sub("", text).strip()


@functools.lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """The exact lookup key: folded, variant words unified, Arabic articles dropped, doubled
    letters single ("Issa"/"Isa", "Raqqa"/"Raqa")."""
    words = [_DOUBLES.sub(r"\1", _WORD_FORMS.get(w, w)) for w in fold(text).split()]
    if len(words) > 1:
        words = [w for w in words if w not in ARTICLES] or words
    return " ".join(words)


_VOWELS = re.compile(r"[aeiouy]")


def skeleton(text: str) -> str:
    """A loose key: consonants only after the first letter, doubles collapsed, final -h dropped.

    "Raqqa"/"Raqqah", "Manbij"/"Minbij", "Qamishli"/"Qamishly" meet; used only as a fallback.
    """
    out = []
    for word in key(text).split():
        word = word.replace("q", "k").replace("kh", "k").replace("ph", "f").replace("w", "u")
        if len(word) > 3 and word.endswith("h"):
            word = word[:-1]
        head, tail = word[:1], _VOWELS.sub("", word[1:])
        out.append(_DOUBLES.sub(r"\1", head + tail))
    return " ".join(out)


# Words after a name that say which kind of area it is ("Idlib province", "Ain Issa countryside").
AREA_SUFFIXES = {
    "countryside": "region", "province": "admin1", "governorate": "admin1", "region": "region",
    "district": "region", "area": "region", "city": "city", "town": "city", "village": "city",
    "state": "admin1", "oblast": "admin1", "prefecture": "admin1", "municipality": "city",
    "outskirts": "region", "suburbs": "region", "countryside's": "region",
    "township": "city", "twp": "city", "twp.": "city", "borough": "city",
}

# Words before a name that make it a part of the area ("northern Syria", "the eastern Ghouta").
DIRECTION_PREFIXES = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "upstate", "downstate", "rural", "greater", "downtown",
})


def split_area(text: str) -> tuple[str, str | None, bool]:
    """'Idlib province' -> ('Idlib', 'admin1', False); 'northern Syria' -> ('Syria', None, True)."""
    words = text.split()
    directional = False
    if len(words) > 1 and words[0].lower() in DIRECTION_PREFIXES:
        words, directional = words[1:], True
    if len(words) > 2 and " ".join(words[:2]).lower() in ("town of", "city of", "village of", "township of"):
        words = words[2:]
    kind = None
    if len(words) > 1 and words[-1].lower() in AREA_SUFFIXES:
        kind = AREA_SUFFIXES[words[-1].lower()]
        words = words[:-1]
    return " ".join(words), kind, directional

"""What one line of a scraped news text is: headline, caption, credit, byline, date, site mark,
boilerplate, or text. Pure functions over a single line; clean.py and the dump splitter use them.

The rules describe classes of lines (a photo credit is a line ending in an agency or an owner in
parentheses; a site mark is a few capitals with no lowercase), so they carry over to outlets the
team has never seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .dates import is_date_line

# News agencies and picture services, as they appear in credits and datelines.
AGENCIES = (
    "AP", "AFP", "Reuters", "REUTERS", "Getty Images", "Getty", "EPA", "EPA-EFE", "EFE", "Anadolu",
    "Anadolu Agency", "AA", "Xinhua", "SANA", "SPA", "WAM", "QNA", "KUNA", "IRNA", "TASS", "RIA",
    "RIA Novosti", "Sputnik", "dpa", "DPA", "ANSA", "Yonhap", "Kyodo", "PA", "UPI", "Bloomberg",
    "Shutterstock", "Alamy", "NurPhoto", "SOPA Images", "Sipa", "Pool", "Handout", "IANS", "PTI",
    "ANI", "MENA", "Ukrinform", "BelTA", "Interfax", "WAFA", "Petra", "NNA", "Bernama", "Antara",
    "CNA", "Associated Press", "Agence France-Presse", "Agence France Presse",
)
_AGENCY_RE = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
_PHOTO_WORDS = r"photo|photos|image|images|picture|pictures|photograph|file|handout|courtesy|supplied|video|screenshot|screengrab|illustration|graphic"

_CAPTION_PREFIX = re.compile(
    rf"^(?:(?:{_PHOTO_WORDS})(?:\s+(?:photo|image|credit|caption))?\s*(?:[:|/]|[-–—]\s)|"
    r"FILE\s*[-–—:]\s|FILE PHOTO\b|PHOTO\s*:|\[(?:photo|image|file)[^\]]*\])",
    re.I,
)
# "... (AP)", "(AP Photo/Name)", "(Reuters)", "File photo (Reuters)", "(Photo: Name)".
_CREDIT_PAREN = re.compile(r"\((?P<credit>[^()]{1,80})\)\s*$")
_CREDIT_AGENCY = re.compile(rf"(?:^|[\s/:,.-])(?:{_AGENCY_RE}|{_PHOTO_WORDS})(?:$|[\s/:,.-])", re.I)
# "... on Tuesday. REUTERS/Name", "... in 2019. AFP via Getty Images"
_CREDIT_TAIL = re.compile(
    rf"[.!?\"”’)]\s+(?:(?:{_AGENCY_RE})(?:/[\w .'’-]+)?(?: via [\w ]+)?|[A-Z]{{3,}}(?:/[A-Z][\w .'’-]+)?)\s*$"
)
# A credit alone on its line: "REUTERS/Thomas Mukoya", "AFP via Getty Images", "(AP Photo/Name, File)".
_CREDIT_ALONE = re.compile(
    rf"^\(?(?:{_AGENCY_RE})(?:\s*photo)?(?:\s*/\s*[\w .'’-]+)?(?:\s+via\s+[\w ]+)?(?:,?\s*file)?\)?\.?$", re.I
)
_PHOTO_PHRASE = re.compile(
    r"\b(?:photo|image|picture)\s*(?:by|credit|courtesy)\s*:?\s|"  # "Photo by Name", "Image credit: X"
    r"^(?:image|photo|video|picture)\s+(?:source|caption|credit)\s*[,:]|"  # "Image source, Reuters"
    r"\b(?:photograph|photo|picture|image|illustration)\s*:\s*[^.:]{2,80}$",  # "... Photograph: Name/AFP"
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|story by)\s+(?P<name>[A-Z\u00C0-\u024F][^.!?;]{1,120})$", re.I
)
_BYLINE_WORD = re.compile(
    r"^(?:[A-Z\u00C0-\u024F][\w.'’-]*|(?:al|el|ad|an|as|ash|at|abu|bin|ibn|ben|da|de|di|du|le|la)-[\w'’-]+|"
    r"and|in|for|of|the|de|da|di|du|la|le|al|el|bin|ibn|van|von|der|den|&|[|,/-]+)$"
)
_SOCIAL = {
    "share", "tweet", "email", "e-mail", "print", "facebook", "twitter", "x", "whatsapp", "linkedin",
    "telegram", "reddit", "pinterest", "messenger", "copy", "link", "save", "comment", "comments",
}
_OPEN_ENDINGS = {
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but",
    "as", "that", "which", "who", "its", "their", "his", "her", "is", "are", "was", "were", "has",
    "have", "had", "be", "been", "will", "would", "into", "than",
}
# A sentence ends in . ! ? (any script), maybe inside closing quotes or brackets; ":" opens a
# quotation or list, so the line is complete too. A comma or semicolon never ends a line's text.
_SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]]*$|:$")


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    end: int  # where the story text starts after the dateline
    date: str | None = None  # "Feb. 3" when the dateline carries one (never a year)


# "KYIV, Ukraine (AP) — ", "BRUSSELS (Reuters) - ", "WASHINGTON — ", "MINSK, Belarus, Feb. 3 (Reuters) -"
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{1,40}[A-Z.](?:,\s*[A-Z][A-Za-z'’.\- ]{1,30}?)?)"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[^()]{1,40})\))?\s*(?P<dash>[—–]|--?|:)\s*"
)
# "MOSCOW, March 3. /TASS/. " (agency between slashes)
_DATELINE_SLASH = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{1,40}[A-Z])(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?\.?\s*/(?P<agency>[A-Za-z][\w .-]{1,20})/\.?\s*"
)
# Words written in capitals before a colon that are labels, not places ("UPDATE: ...").
_LABELS = {
    "BREAKING", "UPDATE", "UPDATED", "WARNING", "EXCLUSIVE", "ANALYSIS", "OPINION", "EDITORIAL",
    "WATCH", "LIVE", "CORRECTION", "NOTE", "EDITOR'S NOTE", "FACT CHECK", "EXPLAINER", "COMMENT",
    "INTERVIEW", "REVIEW", "URGENT", "FLASH", "ALERT", "VIDEO", "PHOTOS", "READ", "LISTEN", "Q&A",
}
# "(CNN) — " with no place: the agency alone.
_DATELINE_AGENCY = re.compile(r"^\((?P<agency>[A-Z][\w .&-]{1,30})\)\s*(?P<dash>[—–]|--?)\s*")
# "Gaza City (AFP) - " written in mixed case: only with a known agency in parentheses.
_DATELINE_MIXED = re.compile(
    rf"^(?P<place>[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){{0,3}}(?:,\s*[A-Z][A-Za-z'’.\- ]{{1,30}}?)?)"
    rf"\s*\((?P<agency>{_AGENCY_RE})\)\s*(?P<dash>[—–]|--?|:)\s*"
)


def normalise_key(line: str) -> str:
    """Comparison key: case, spacing, quote styles and trailing punctuation ignored."""
    key = line.casefold()
    if not key.isascii():
        key = _SINGLE_QUOTES.sub("'", _DOUBLE_QUOTES.sub('"', key))
    key = " ".join(key.split())
    return key.strip(" \"'.,;:!?-–—")


_SINGLE_QUOTES = re.compile("[’‘]")
_DOUBLE_QUOTES = re.compile("[“”«»]")


def word_count(line: str) -> int:
    return len(line.split())


def is_site_mark(line: str) -> bool:
    """A few capitals or symbols alone on a line ("TT", "AP", "***", "|"): a site's mark."""
    s = line.strip()
    if not s:
        return False
    if not re.search(r"[^\W\d_]", s):
        return not re.search(r"\d", s) or len(s) <= 3
    return len(s) <= 4 and not re.search(r"[a-z]", s)


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    text = resources.files(__package__).joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    patterns = [p for p in (line.strip() for line in text.splitlines()) if p and not p.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


def is_boilerplate(line: str) -> bool:
    """Ads, "Read more" links, share/subscribe prompts, navigation, copyright lines."""
    s = line.strip()
    if not s or word_count(s) > 25:
        return False
    if _boilerplate().fullmatch(s):
        return True
    words = re.findall(r"[\w-]+", s.lower())
    return bool(words) and len(words) <= 8 and all(w in _SOCIAL for w in words)


def is_caption(line: str, *, in_header: bool = False) -> bool:
    """A photo caption or credit. In the header (before the story starts) any short credit in
    parentheses counts; in the story only agency or photo credits do, so "(SDF)" stays text."""
    s = line.strip()
    if not s:
        return False
    if _CAPTION_PREFIX.match(s) or _PHOTO_PHRASE.search(s) or _CREDIT_ALONE.match(s):
        return True
    paren = _CREDIT_PAREN.search(s)
    if paren and paren.start() > 0 and not _looks_like_dateline_only(s):
        credit = paren.group("credit").strip()
        if _CREDIT_AGENCY.search(f" {credit} "):
            return True
        if in_header and 2 <= word_count(credit) <= 6 and is_name_like(credit) and word_count(s) >= 4:
            return True
    return bool(_CREDIT_TAIL.search(s)) and word_count(s) >= 4


def _looks_like_dateline_only(line: str) -> bool:
    return bool(_DATELINE_CAPS.match(line + " - ")) and word_count(line) <= 5


def is_name_like(text: str) -> bool:
    """Every word capitalised (or a small joining word): a name, an outlet, a credit."""
    words = re.findall(r"[\w'’.&-]+", text)
    small = {"of", "the", "for", "and", "de", "al", "via", "on", "in"}
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in small for w in words)


def byline_name(line: str) -> str | None:
    """"By Jane Doe | Associated Press" -> "Jane Doe | Associated Press"; None if not a byline."""
    s = line.strip()
    match = _BYLINE.match(s)
    if not match or word_count(s) > 14:
        return None
    name = match.group("name").strip()
    tokens = re.findall(r"[^\s,|/]+|[,|/]", name)
    if not all(_BYLINE_WORD.match(t) for t in tokens):
        return None
    return name


def is_date(line: str) -> bool:
    return is_date_line(line.strip())


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a story ("KYIV, Ukraine (AP) — "), or None."""
    bare = _DATELINE_AGENCY.match(paragraph)
    if bare and paragraph[bare.end():][:1].isupper():
        return Dateline(place="", agency=bare.group("agency"), end=bare.end())
    for pattern in (_DATELINE_SLASH, _DATELINE_CAPS, _DATELINE_MIXED):
        match = pattern.match(paragraph)
        if not match:
            continue
        place = match.group("place").strip().rstrip(",")
        rest = paragraph[match.end():]
        dash = match.groupdict().get("dash")
        agency = match.group("agency")
        if pattern is _DATELINE_CAPS and not agency and not _dash_without_agency(dash, place):
            continue  # "WARNING: ..." or "NATO - Russia talks" is not a dateline
        if not rest or (not rest[0].isupper() and rest[0] not in "\"“'‘"):
            continue
        if pattern is _DATELINE_CAPS and len(re.sub(r"[^A-Z]", "", place.split(",")[0])) < 3:
            continue
        return Dateline(
            place=place, agency=agency.strip() if agency else None, end=match.end(),
            date=match.groupdict().get("date"),  # not every dateline pattern has a date
        )
    return None


_FIELD = re.compile(
    r"^(?P<name>title|headline|url|link|source|site|outlet|publisher|date|published|published at|"
    r"publication date|author|authors|byline|section|category|categories|language|lang|id)\s*:\s*(?P<value>\S.{0,300})$",
    re.I,
)
_FIELD_NAMES = {
    "title": "headline", "headline": "headline", "url": "url", "link": "url", "source": "source",
    "site": "source", "outlet": "source", "publisher": "source", "date": "date", "published": "date",
    "published at": "date", "publication date": "date", "author": "byline", "authors": "byline",
    "byline": "byline",
}
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def metadata_field(line: str) -> tuple[str, str] | None:
    """("headline" | "url" | "date" | "byline" | "source" | "other", value) for a scraper's
    "Name: value" line, or None. A "date" value must hold a date."""
    match = _FIELD.match(line.strip())
    if not match:
        return None
    name = _FIELD_NAMES.get(match.group("name").lower(), "other")
    value = match.group("value").strip()
    if name == "url" and not _URL_LINE.match(value):
        return None
    if name == "date" and not is_date(value):
        return None
    return name, value


def is_url(line: str) -> bool:
    return bool(_URL_LINE.match(line.strip()))


def _dash_without_agency(dash: str | None, place: str) -> bool:
    """"WASHINGTON — " and "NEW DELHI: " are datelines; "UPDATE: " and "NATO - " are not."""
    if dash in ("—", "–", "--"):
        return True
    return dash == ":" and place.upper() not in _LABELS and "," not in place and place == place.upper()


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


def looks_like_headline(line: str) -> bool:
    """Short, title-like, not a finished sentence, not a caption/credit/date/byline/mark."""
    s = line.strip()
    n = word_count(s)
    if n < 2 or n > 30 or len(s) > 220:
        return False
    if s.endswith((".", ",", ";", ":")) and not s.endswith("..."):
        return False
    if s.rsplit(None, 1)[-1].lower() in _OPEN_ENDINGS:
        return False  # "... positions of the" is a line cut mid-sentence, not a title
    if is_site_mark(s) or is_boilerplate(s) or is_caption(s) or is_date(s) or byline_name(s):
        return False
    first = s[0]
    starts_well = first.isdigit() or first in "\"“‘'«" or (first.isalpha() and not first.islower())
    return starts_well and bool(re.search(r"[^\W\d_]", s))


__all__ = [
    "AGENCIES",
    "Dateline",
    "byline_name",
    "ends_sentence",
    "find_dateline",
    "is_boilerplate",
    "is_caption",
    "is_date",
    "is_name_like",
    "is_site_mark",
    "is_url",
    "metadata_field",
    "looks_like_headline",
    "normalise_key",
    "word_count",
]

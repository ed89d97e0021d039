"""Publication dates as news pages write them -> ISO `YYYY-MM-DD`.

Handles ISO dates and timestamps, "15 May 2024", "May 15, 2024", "Wednesday, 15 May, 2024 -
09:40", "Feb. 3, 2022", RFC 822 feed dates, and day-first numeric dates when the day is over 12
(a numeric date that could be either order is not guessed).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
]
# Words a standalone date line may hold besides the date itself.
_DATE_LINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|date|time|gmt|utc|[ap]\.?m\.?|"
    r"mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?|[+-]\d{2}:?\d{2}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b|"
    r"\b[A-Z]{2,4}T\b",
    re.I,
)


def parse_date(text: str | None) -> str | None:
    """The first full date (day, month, year) in `text` as ISO, or None."""
    if not text:
        return None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match.group("year"), match.group("month"), match.group("day"), pattern)
            if found:
                return found
    return None


def month_day(text: str | None) -> tuple[int, int] | None:
    """(month, day) of a yearless date such as "Feb. 3" or "March 3", else None."""
    match = re.fullmatch(rf"\s*{_MONTH}\s+{_DAY}\.?\s*", text or "", re.I)
    if not match:
        return None
    month = match.group("month").lower().rstrip(".")
    m = MONTHS.get(month[:4] if month.startswith("sept") else month[:3], 0)
    return (m, int(match.group("day"))) if m else None


def complete_date(month: int, day: int, *, texts: list[str], fallback: str | None) -> str | None:
    """A yearless dateline date made whole: the year of a full date with the same month and day
    in `texts`, else the year of `fallback` (the year before when that would be in its future)."""
    for text in texts:
        for pattern in _PATTERNS:
            for match in pattern.finditer(text):
                found = _to_date(match.group("year"), match.group("month"), match.group("day"), pattern)
                if found and (int(found[5:7]), int(found[8:10])) == (month, day):
                    return found
    if not fallback or not re.match(r"\d{4}-\d\d-\d\d", fallback):
        return None
    year = int(fallback[:4])
    try:
        candidate = date(year, month, day)
        if (candidate - date.fromisoformat(fallback[:10])).days > 2:
            candidate = date(year - 1, month, day)
    except ValueError:
        return None
    return candidate.isoformat()


def is_date_line(line: str) -> bool:
    """A short line that is only a date (with weekday, time, "Published:" and the like)."""
    if len(line) > 80 or not parse_date(line):
        return False
    rest = line
    for pattern in _PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _DATE_LINE_WORDS.sub(" ", rest)
    return not re.search(r"[A-Za-z]{2,}", rest)


def _to_date(year: str, month: str, day: str, pattern: re.Pattern[str]) -> str | None:
    if month.isdigit():
        m = int(month)
        if pattern is _PATTERNS[3] and int(day) <= 12:
            return None  # 03/04/2024 could be March or April
    else:
        m = MONTHS.get(month.lower().rstrip(".")[:4] if month.lower().startswith("sept") else month.lower()[:3], 0)
    try:
        return date(int(year), m, int(day)).isoformat()
    except ValueError:
        return None


__all__ = ["complete_date", "is_date_line", "month_day", "parse_date"]

"""Times: temporal expressions -> ISO values, read against the publication date.

`resolve_times(doc, published)` takes spaCy's DATE and TIME mentions (plus weekday phrases and a
preceding "Thursday," that spaCy leaves out), and `normalise(text, published)` gives each an ISO
value: a day "2022-02-03", an ISO week "2022-W05", a month "2022-02" or a year "2022".

Rules come first, for the forms news uses (absolute dates, weekdays, "yesterday", "last week",
"three days ago", "since 2015", "August 2020"); dateparser is only a fallback, because it is slow
and has traps: the modal "may", bare numbers (ages, house numbers), and "on Friday" in a story
published on a Friday (news means that same day). News conventions:
- a weekday alone is the most recent such day on or before publication ("said on Friday"), or the
  next one on or after it when the sentence is in the future ("will meet on Monday");
- a month alone ("in March") is the most recent such month, or the next one in the future;
- without a publication date, relative expressions get precision `unknown` and no value.
`anchor` says what a value rests on: `absolute` (the text gives the year), `published`, or `none`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .model import TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

READY = True

Value = tuple[str | None, str, str]  # (value, precision, anchor)

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
    "a few": None, "couple": 2, "a couple of": 2,
}

_M = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD = r"(?:(?P<weekday>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+)?"
_Y = r"(?P<year>(?:1[89]|2[01])\d\d)"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*[0-3]?\d(?:st|nd|rd|th)?)?"  # a range: its first day

_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)(?:[T ][\d:.+Z-]*)?$")
_MDY = re.compile(rf"^{_WD}{_M}\s+{_D}(?:,?\s+{_Y})?$")
_DMY = re.compile(rf"^{_WD}(?:the\s+)?{_D}(?:\s+of)?\s+{_M}(?:,?\s+{_Y})?$")
_MY = re.compile(rf"^(?:(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+)?{_M}(?:\s+of)?,?\s+{_Y}$")
_MONTH_ONLY = re.compile(rf"^(?P<rel>last|next|this|early|late|mid|earlier|later)?[\s-]*{_M}$")
_YEAR = re.compile(rf"^(?:the\s+)?(?:(?:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of|fiscal|calendar|the year|year)[\s-]+)?{_Y}$")
_DECADE = re.compile(r"^(?:(?:early|mid|late)[\s-]+)?(?:1[89]|20)\d0'?s$")
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d\d)$")
_WEEKDAY = re.compile(
    r"^(?:(?P<rel>last|next|this|this past|this coming|past|coming|early|late)\s+)?"
    r"(?P<weekday>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?"
    r"(?:\s+(?:morning|afternoon|evening|night|noon|midnight))?$"
)
_AGO = re.compile(r"^(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|a couple of|couple of)\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier|before)$")
_REL_UNIT = re.compile(r"^(?:(?:earlier|later|early|late|mid|(?:the\s+)?(?:end|start|beginning|middle)\s+of)[\s-]+)?(?P<rel>last|next|this|the past|the previous|the coming|past|previous|coming)\s+(?P<unit>week|month|year|weekend)$")
_RECENT = re.compile(r"^(?:the\s+)?(?:recent|past|last|previous|coming|next)\s+(?:few\s+|several\s+|couple of\s+|\d+\s+|two\s+|three\s+)?(?P<unit>day|week|month|year)s$")

_SAME_DAY = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
             "yesterday evening": -1, "tomorrow": 1, "tomorrow morning": 1, "day before yesterday": -2,
             "day after tomorrow": 2, "earlier today": 0, "later today": 0, "overnight": 0}
_LEAD = re.compile(r"^(?:on|in|since|by|until|till|from|during|through|before|after|as of|as early as|at|around|about|of|for|the|over|between)\s+", re.IGNORECASE)
_FUTURE = frozenset({"will", "'ll", "shall", "scheduled", "planned", "plans", "plan", "expected", "due", "upcoming", "next", "set", "going"})


def parse_published(published: str | None) -> dt.date | None:
    """The date part of an ISO date or datetime ('2022-02-03', '2022-02-03T10:00:00Z')."""
    if not published:
        return None
    m = re.match(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})", published)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def normalise(text: str, published: str | dt.date | None, *, future: bool = False) -> Value | None:
    """ISO value, precision and anchor of one temporal expression; None when it is not a date."""
    pub = published if isinstance(published, dt.date) else parse_published(published)
    t = _clean(text)
    if not t or (t == "may" and "May" not in text):
        return None  # the modal verb
    for rule in (_absolute, _relative):
        found = rule(t, pub, future)
        if found is not None:
            return found
    return _fallback(text, t, pub)


def _clean(text: str) -> str:
    t = " ".join(text.replace("\u2019", "'").split()).strip(" ,.;:()").lower()
    t = re.sub(r"'s$", "", t)  # "Sunday's attack"
    t = _CLOCK_HEAD.sub("", _CLOCK_TAIL.sub("", t))  # "5 p.m. Monday", "Monday at 5 p.m."
    prev = None
    while prev != t:
        prev, t = t, _TIME_OF_DAY.sub("", _LEAD.sub("", t))
    return t.strip(" ,")


_CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am|pm)|noon|midnight)"
_CLOCK_HEAD = re.compile(rf"^(?:about\s+|around\s+|at\s+)?{_CLOCK}\s+(?:on\s+)?(?=\S)")
_CLOCK_TAIL = re.compile(rf",?\s+(?:at\s+|around\s+|about\s+)?{_CLOCK}$")
_TIME_OF_DAY = re.compile(r"^(?:dawn|dusk|midnight|noon|daybreak|sunrise|sunset|early|late)\s+(?:on\s+)?(?=\S)")


def _absolute(t: str, pub: dt.date | None, future: bool) -> Value | None:
    m = _ISO.match(t)
    if m:
        return _day(int(m["year"]), int(m["month"]), int(m["day"]), "absolute")
    m = _MDY.match(t) or _DMY.match(t)
    if m:
        month, day = MONTHS[m["month"]], int(m["day"])
        if m["year"]:
            return _day(int(m["year"]), month, day, "absolute")
        if pub is None:
            return (None, "unknown", "none")
        year = _year_for(month, pub, future, day)
        return _day(year, month, day, "published")
    m = _MY.match(t)
    if m:
        return (f"{int(m['year']):04d}-{MONTHS[m['month']]:02d}", "month", "absolute")
    m = _YEAR.match(t)
    if m:
        return (m["year"], "year", "absolute")
    if _DECADE.match(t):
        return (None, "unknown", "absolute")  # a decade has no ISO value of its own
    m = _NUMERIC.match(t)
    if m:
        year = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0)
        return _day(year, int(m["a"]), int(m["b"]), "absolute")  # US order: month/day/year
    return None


def _day(year: int, month: int, day: int, anchor: str) -> Value | None:
    try:
        return (dt.date(year, month, day).isoformat(), "day", anchor)
    except ValueError:
        return None


def _year_for(month: int, pub: dt.date, future: bool, day: int = 1) -> int:
    """Year of a month (and day) given without one: the most recent, or the next in the future."""
    if future:
        return pub.year if (month, day) >= (pub.month, pub.day if day != 1 else 1) else pub.year + 1
    return pub.year if (month, day) <= (pub.month, pub.day if day != 1 else 31) else pub.year - 1


def _relative(t: str, pub: dt.date | None, future: bool) -> Value | None:
    for rule in (_same_day, _weekday, _month_only, _ago, _rel_unit, _recent):
        found = rule(t, pub, future)
        if found is not None:
            return found if pub is not None else (None, "unknown", "none")
    return None


def _same_day(t: str, pub: dt.date | None, future: bool) -> Value | None:
    if t not in _SAME_DAY:
        return None
    if pub is None:
        return (None, "unknown", "none")
    return ((pub + dt.timedelta(days=_SAME_DAY[t])).isoformat(), "day", "published")


def _weekday(t: str, pub: dt.date | None, future: bool) -> Value | None:
    m = _WEEKDAY.match(t)
    if not m:
        return None
    if pub is None:
        return (None, "unknown", "none")
    wd = WEEKDAYS[m["weekday"]]
    rel = m["rel"] or ""
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if rel in ("next", "this coming", "coming") or (rel in ("", "this") and future):
        days = 7 if rel == "next" and ahead == 0 else ahead
        return ((pub + dt.timedelta(days=days)).isoformat(), "day", "published")
    if rel in ("last", "this past", "past"):
        back = back or 7
    return ((pub - dt.timedelta(days=back)).isoformat(), "day", "published")


def _month_only(t: str, pub: dt.date | None, future: bool) -> Value | None:
    m = _MONTH_ONLY.match(t)
    if not m:
        return None
    if pub is None:
        return (None, "unknown", "none")
    month, rel = MONTHS[m["month"]], m["rel"] or ""
    if rel == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        year = pub.year
    else:
        year = _year_for(month, pub, future)
    return (f"{year:04d}-{month:02d}", "month", "published")


def _ago(t: str, pub: dt.date | None, future: bool) -> Value | None:
    m = _AGO.match(t)
    if not m:
        return None
    if pub is None:
        return (None, "unknown", "none")
    n = int(m["n"]) if m["n"].isdigit() else NUMBERS.get(m["n"].strip())
    unit = m["unit"]
    if n is None:
        return _period(pub, unit, 0)
    if unit == "day":
        return ((pub - dt.timedelta(days=n)).isoformat(), "day", "published")
    if unit == "week":
        return _period(pub, "week", -n)
    if unit == "month":
        return _period(pub, "month", -n)
    return _period(pub, "year", -n)


def _rel_unit(t: str, pub: dt.date | None, future: bool) -> Value | None:
    if t == "weekend":
        if pub is None:
            return (None, "unknown", "none")
        sat = pub + dt.timedelta(days=5 - pub.weekday())  # the Saturday of the publication week
        past = sat if pub.weekday() >= 5 else sat - dt.timedelta(days=7)
        return _period(sat if future else past, "week", 0)
    m = _REL_UNIT.match(t)
    if not m:
        return None
    if pub is None:
        return (None, "unknown", "none")
    rel, unit = m["rel"], m["unit"]
    step = -1 if rel in ("last", "previous", "the previous") else 1 if rel in ("next", "coming", "the coming") else 0
    if unit == "weekend":
        sat = pub + dt.timedelta(days=5 - pub.weekday())
        return _period(sat + dt.timedelta(days=7 * step), "week", 0)
    if rel in ("the past", "past"):
        step = 0
    return _period(pub, unit, step)


def _recent(t: str, pub: dt.date | None, future: bool) -> Value | None:
    """'recent weeks', 'the past few days': the period of publication one size up."""
    m = _RECENT.match(t)
    if not m:
        return None
    if pub is None:
        return (None, "unknown", "none")
    return _period(pub, {"day": "week", "week": "month", "month": "year", "year": "year"}[m["unit"]], 0)


def _period(day: dt.date, unit: str, step: int) -> Value:
    if unit == "day":
        return ((day + dt.timedelta(days=step)).isoformat(), "day", "published")
    if unit == "week":
        y, w, _ = (day + dt.timedelta(weeks=step)).isocalendar()
        return (f"{y:04d}-W{w:02d}", "week", "published")
    if unit == "month":
        index = day.year * 12 + day.month - 1 + step
        return (f"{index // 12:04d}-{index % 12 + 1:02d}", "month", "published")
    return (f"{day.year + step:04d}", "year", "published")


_DURATION = re.compile(r"^(?:the\s+)?(?:past\s+|last\s+|next\s+)?[\w-]+\s+(?:hours?|minutes?|days?|weeks?|months?|years?|decades?)$")
_HAS_DATE_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"
)


def _fallback(original: str, t: str, pub: dt.date | None) -> Value | None:
    """dateparser, for what the rules do not know; never for bare numbers or the modal 'may'."""
    if re.fullmatch(r"[\d\s,.]+", t) or t in ("may", "march") and not original.strip()[:1].isupper():
        return None
    if _DURATION.match(t):
        return None  # "24 hours", "two years": how long, not when
    if not _HAS_DATE_WORD.search(t) or (t.startswith("may") and "May" not in original):
        return None  # dateparser reads "2-3 p.m." or "two 5-year" as dates: a month name is required
    try:
        import dateparser
    except ImportError:
        return None
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month"], "STRICT_PARSING": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    parsed = dateparser.parse(t, languages=["en"], settings=settings)
    if parsed is None:
        return None
    has_year = re.search(r"\b(1[89]|2[01])\d\d\b", t) is not None
    if not has_year and pub is None:
        return (None, "unknown", "none")
    anchor = "absolute" if has_year else "published"
    if re.search(r"\b[0-3]?\d(st|nd|rd|th)?\b", re.sub(r"\b(1[89]|2[01])\d\d\b", "", t)):
        return (parsed.date().isoformat(), "day", anchor)
    return (f"{parsed.year:04d}-{parsed.month:02d}", "month", anchor)


# The document level ------------------------------------------------------------------------------


def resolve_times(doc: Doc, published: str | None) -> list[TimeRef]:
    """Every temporal expression of a parsed article with its value, in text order."""
    pub = parse_published(published)
    out: list[TimeRef] = []
    for span in _time_spans(doc):
        found = normalise(span.text, pub, future=_future(span))
        if found is None:
            continue
        value, precision, anchor = found
        out.append(TimeRef(span.text, span.start_char, span.end_char, value, precision, anchor))
    return out


def _time_spans(doc: Doc) -> list[Span]:
    spans = []
    covered = set()
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or not _plausible(ent):
            continue
        ent = _widen(ent)
        spans.append(ent)
        covered.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i not in covered and tok.lower_ in _WEEKDAY_WORDS and tok.text[:1].isupper():
            spans.append(doc[tok.i : tok.i + 1])
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in spans:  # a widened span swallows the weekday spaCy tagged on its own
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


_WEEKDAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _plausible(ent: Span) -> bool:
    """Drop DATE mentions that are ages or house numbers ('Henry, 19,', '1935 Orchard St.')."""
    text = ent.text.strip()
    if re.fullmatch(r"\d{1,3}", text):
        return False
    if re.fullmatch(r"\d{4}", text):
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN":
            return False
    return True


def _widen(ent: Span) -> Span:
    """'Feb. 3, 2022' preceded by 'Thursday,' : take the weekday in."""
    doc, start = ent.doc, ent.start
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].lower_ in _WEEKDAY_WORDS:
        return doc[start - 2 : ent.end]
    return ent


def _future(span: Span) -> bool:
    """Whether the sentence speaks of the future ('will meet on Monday', 'is scheduled for')."""
    head = span.root.head
    words = {t.lower_ for t in head.children} | {head.lower_}
    if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
        verb = head.head
        words |= {t.lower_ for t in verb.children} | {verb.lower_}
    return bool(words & _FUTURE)


def in_range(times: list[TimeRef], start: int, end: int) -> TimeRef | None:
    """The most precise dated expression between these offsets (an event's sentence)."""
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    inside = [t for t in times if start <= t.start and t.end <= end and t.value]
    return min(inside, key=lambda t: (rank.get(t.precision, 9), t.start)) if inside else None

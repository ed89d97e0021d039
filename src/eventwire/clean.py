"""Clean one article's text: the steps, in order,

1. normalise (Unicode NFC, line ends, invisible characters, non-breaking spaces);
2. cut the text into lines, each tagged with its block (blocks are separated by blank lines);
3. drop site marks and boilerplate; take bylines and date lines into metadata; move captions
   and photo credits to `captions`;
4. find the headline (the first title-like line), drop its repeats;
5. keep each repeated block once: a line seen before is dropped, and a repeated sentence-like line
   before the story starts is a caption (dumps repeat "headline, caption, caption");
6. join hard-wrapped lines into paragraphs; drop pull quotes (a short paragraph repeated inside
   another one);
7. read the dateline ("KYIV, Ukraine (AP) — ") off the first paragraph into metadata;
8. detect the language; warn when it is not English.

Every rule works on classes of lines (see ingest/lines.py), never on one sample's strings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from .ingest import dates
from .ingest import lines as L
from .ingest.dates import parse_date
from .lang import detect_language
from .model import Document

# Formats whose text comes one paragraph per line (extracted from markup): lines are never joined.
LINE_PARAGRAPH_FORMATS = frozenset({"html", "feed", "warc"})
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2007\u202f\t]")


@dataclass(slots=True)
class _Line:
    text: str
    block: int


@dataclass(slots=True)
class _Found:
    headline: str | None = None
    captions: list[str] = field(default_factory=list)
    byline: str | None = None
    dates: list[str] = field(default_factory=list)
    url: str | None = None
    source: str | None = None


def clean_document(document: Document, *, detect: bool = True, published: str | None = None) -> Document:
    """A cleaned copy of `document`; metadata it already has (headline, published...) is kept.
    `published` is the fallback date (`--published`): the article's own date wins over it, and
    its year completes a dateline date such as "Aug 7"."""
    text = normalise_text(document.body)
    found = _Found(headline=_clean_headline(document.headline, document.source))
    lines = _split_lines(text)
    body_lines = _classify(lines, found)
    paragraphs = _paragraphs(body_lines, join=document.format not in LINE_PARAGRAPH_FORMATS)
    paragraphs = _drop_pull_quotes(paragraphs)
    dateline = None
    dateline_date = None
    source = document.source or found.source
    if paragraphs:
        found_dateline = L.find_dateline(paragraphs[0])
        if found_dateline:
            dateline = found_dateline.place or None
            source = source or found_dateline.agency
            dateline_date = dates.month_day(found_dateline.date)
            paragraphs[0] = paragraphs[0][found_dateline.end:].lstrip()
    body = "\n\n".join(p for p in paragraphs if p)
    cleaned = replace(
        document,
        body=body,
        headline=found.headline,
        captions=_unique(tuple(document.captions) + tuple(found.captions)),
        byline=document.byline or found.byline,
        url=document.url or found.url,
        dateline=document.dateline or dateline,
        source=source,
        published=_published(document.published, found.dates)
        or _dateline_published(dateline_date, found.captions, published)
        or published,
    )
    return _with_language(cleaned) if detect else replace(cleaned, language=cleaned.language or "en")


def normalise_text(text: str) -> str:
    text = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def _clean_headline(headline: str | None, source: str | None) -> str | None:
    """A given headline without a site mark suffix ("Title | Site", "Title - Site")."""
    if not headline:
        return None
    headline = re.sub(r"\s+", " ", normalise_text(headline)).strip()
    match = re.match(r"^(?P<title>.{12,}?)\s+[|–—•·-]\s+(?P<site>[^|–—•·]{2,60})$", headline)
    if match:
        site = match.group("site")
        if (source and L.normalise_key(source) in L.normalise_key(site)) or (
            L.word_count(site) <= 4 and L.is_name_like(site)
        ):
            headline = match.group("title")
    return headline or None


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    block = 0
    for raw in text.split("\n"):
        if not raw:
            block += 1
            continue
        out.append(_Line(raw, block))
    return out


def _classify(lines: list[_Line], found: _Found) -> list[_Line]:
    """Lines that remain story text; everything else goes into `found` or is dropped."""
    kept: list[_Line] = []
    seen: set[str] = set()
    headline_key = L.normalise_key(found.headline) if found.headline else None
    in_header = True
    block_text: dict[int, list[str]] = {}
    for line in lines:
        block_text.setdefault(line.block, []).append(line.text)
    story_blocks = {b for b, texts in block_text.items() if _is_story_text(" ".join(texts))}
    for i, line in enumerate(lines):
        s = line.text
        key = L.normalise_key(s)
        if not key or L.is_site_mark(s) or L.is_boilerplate(s):
            continue
        if L.is_caption(s) and not (_wraps_on(lines, i) and not L.ends_sentence(s)):
            found.captions.append(s)
            seen.add(key)
            continue
        if in_header and _take_field(s, found):
            headline_key = L.normalise_key(found.headline) if found.headline else None
            continue
        if L.is_url(s):
            found.url = found.url or (s if in_header else None)
            continue
        if _wraps_on(lines, i):
            seen.add(key)
            kept.append(line)
            in_header = in_header and line.block not in story_blocks
            continue
        if headline_key is None and in_header and not kept and _headline_here(lines, i):
            found.headline = s
            headline_key = key
            continue
        if key == headline_key:
            continue
        byline = L.byline_name(s) if in_header or L.word_count(s) <= 8 else None
        if byline:
            found.byline = found.byline or byline
            continue
        if L.is_date(s):
            found.dates.append(s)
            continue
        if L.is_caption(s, in_header=in_header) or (in_header and key in seen and L.word_count(s) >= 5):
            found.captions.append(s)
            seen.add(key)
            continue
        if key in seen and L.word_count(s) >= 3:
            continue
        seen.add(key)
        kept.append(line)
        if in_header and (_is_story_text(s) or line.block in story_blocks):
            in_header = False
    return kept


def _take_field(line: str, found: _Found) -> bool:
    """A scraper's "Title: ...", "URL: ...", "Date: ..." line before the story: into metadata."""
    field_ = L.metadata_field(line)
    if field_ is None:
        return False
    name, value = field_
    if name == "headline":
        found.headline = found.headline or value
    elif name == "url":
        found.url = found.url or value
    elif name == "date":
        found.dates.insert(0, value)
    elif name == "byline":
        found.byline = found.byline or value
    elif name == "source":
        found.source = found.source or value
    return True


def _headline_here(lines: list[_Line], i: int) -> bool:
    """Line i opens the text and reads as a headline with story text after it."""
    if not L.looks_like_headline(lines[i].text):
        return False
    rest = lines[i + 1 : i + 40]
    if any(L.normalise_key(x.text) == L.normalise_key(lines[i].text) for x in rest[:12]):
        return True
    if not rest or (rest[0].block == lines[i].block and L.ends_sentence(lines[i].text)):
        return False
    blocks: dict[int, list[str]] = {}
    for line in rest:
        blocks.setdefault(line.block, []).append(line.text)
    return any(_is_story_text(" ".join(texts)) for texts in blocks.values())


def _wraps_on(lines: list[_Line], i: int) -> bool:
    """Line i is cut mid-sentence: the next line of its block goes on in lower case."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and nxt.block == lines[i].block and nxt.text[:1].islower()


def _is_story_text(line: str) -> bool:
    return L.word_count(line) >= 12 and L.ends_sentence(line)


def _paragraphs(lines: list[_Line], *, join: bool) -> list[str]:
    """Lines -> paragraphs. With `join`, consecutive lines of one block are one paragraph when a
    line does not end a sentence or the next starts in lower case (hard-wrapped text)."""
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if (
            join
            and previous is not None
            and previous.block == line.block
            and (not L.ends_sentence(previous.text) or line.text[:1].islower())
        ):
            paragraphs[-1] = _join(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
        previous = line
    return _unique_paragraphs(paragraphs)


def _join(left: str, right: str) -> str:
    if left.endswith("-") and not left.endswith(" -") and right[:1].islower():
        return left[:-1] + right
    return f"{left} {right}"


def _unique_paragraphs(paragraphs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for p in paragraphs:
        key = L.normalise_key(p)
        if key in seen and L.word_count(p) >= 3:
            continue
        seen.add(key)
        out.append(p)
    return out


def _drop_pull_quotes(paragraphs: list[str]) -> list[str]:
    """A short paragraph found word for word inside a longer one is a pull quote (a very short
    one only when it is a quotation, so "The army denied it." stays)."""
    keys = [L.normalise_key(p) for p in paragraphs]
    out = []
    for i, p in enumerate(paragraphs):
        words = L.word_count(p)
        short = words <= 45 and (words >= 8 or (words >= 3 and p[:1] in "\"“‘'"))
        if short and any(j != i and len(keys[j]) > len(keys[i]) and keys[i] in keys[j] for j in range(len(keys))):
            continue
        out.append(p)
    return out


def _published(given: str | None, date_lines: list[str]) -> str | None:
    if given:
        return parse_date(given) or given
    ranked = sorted(date_lines, key=lambda s: 1 if re.search(r"updated|modified", s, re.I) else 0)
    for line in ranked:
        found = parse_date(line)
        if found:
            return found
    return None


def _dateline_published(
    month_day: tuple[int, int] | None, captions: list[str], fallback: str | None
) -> str | None:
    if month_day is None:
        return None
    return dates.complete_date(*month_day, texts=captions, fallback=fallback)


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = L.normalise_key(item)
        if key and key not in seen:
            seen.add(key)
            out.append(item.strip())
    return tuple(out)


def _with_language(document: Document) -> Document:
    sample = f"{document.headline or ''}\n{document.body}"
    if not sample.strip():
        return replace(document, language=document.language or "en")
    found = detect_language(sample)
    if found.code == "en":
        return replace(document, language="en")
    warning = (
        f"language: detected {found.code!r} (confidence {found.confidence:.2f}); the article is kept "
        "but the English-only stages are skipped"
    )
    return replace(document, language=found.code, warnings=(*document.warnings, warning))


__all__ = ["clean_document", "normalise_text"]

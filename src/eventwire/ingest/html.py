"""HTML pages -> article text and metadata with trafilatura; HTML fragments (feed entries) -> text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document
from .dates import parse_date

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "tr", "figcaption", "pre")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    date: str | None
    author: str | None
    sitename: str | None
    url: str | None


def extract_page(data: bytes | str, *, url: str | None = None) -> Page | None:
    """Main text and metadata of one HTML page, or None when no article text is found."""
    import trafilatura

    if isinstance(data, str):
        data = _CONTROL.sub("", data)
    result = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if result is None:
        return None
    text = (getattr(result, "text", None) or "").strip()
    if not text:
        return None
    return Page(
        text=text,
        title=getattr(result, "title", None),
        date=parse_date(getattr(result, "date", None)),
        author=getattr(result, "author", None),
        sitename=getattr(result, "sitename", None),
        url=getattr(result, "url", None) or url,
    )


def page_document(page: Page, *, ref: str, fmt: str = "html") -> Document:
    return Document(
        ref=ref,
        body=page.text,
        headline=page.title,
        published=page.date,
        url=page.url,
        source=page.sitename,
        byline=page.author,
        format=fmt,
    )


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per line (block elements and <br> break lines)."""
    fragment = _CONTROL.sub("", fragment)
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several unrelated types on broken markup
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        el.text = "\n" + (el.text or "")
    text = root.text_content()
    lines = (re.sub(r"[ \t\u00a0]+", " ", s).strip() for s in text.split("\n"))
    return "\n".join(s for s in lines if s)


__all__ = ["Page", "extract_page", "fragment_text", "page_document"]

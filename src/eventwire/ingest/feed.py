"""RSS and Atom feeds: each entry is an article (its full content when the feed carries it,
else its summary)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..model import Document, Rejection
from .html import fragment_text


def iter_feed(name: str, data: bytes) -> Iterator[Document | Rejection]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except (UnicodeError, ValueError) as exc:  # feedparser decodes the XML declaration without a guard
        yield Rejection(name, f"feed cannot be decoded ({exc}); check its XML declaration and encoding", "malformed_feed")
        return
    entries = parsed.get("entries") or []
    if not entries:
        why = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        yield Rejection(name, f"feed has no entries{why}; check that it is a complete RSS or Atom file", "malformed_feed")
        return
    source = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        ref = f"{name}#{n}"
        body = fragment_text(_entry_html(entry))
        if not body.strip():
            yield Rejection(ref, "feed entry has no text, only a title or link; save the linked page and pass it as HTML", "no_text")
            continue
        yield Document(
            ref=ref,
            body=body,
            headline=(entry.get("title") or "").strip() or None,
            published=_entry_date(entry),
            url=entry.get("link") or None,
            source=source,
            byline=entry.get("author") or None,
            format="feed",
        )


def _entry_html(entry) -> str:  # type: ignore[no-untyped-def]
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _entry_date(entry) -> str | None:  # type: ignore[no-untyped-def]
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain lookup: FeedParserDict.get maps keys with a warning
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


__all__ = ["iter_feed"]

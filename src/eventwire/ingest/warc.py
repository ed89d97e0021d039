"""WARC web archives: each HTML response (status 200) is an article, read one record at a time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..model import Document, Rejection
from .html import extract_page, page_document


def iter_warc(name: str, stream: BinaryIO, *, max_record_bytes: int) -> Iterator[Document | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or not _is_html(record):
                continue
            n += 1
            ref = f"{name}#{n}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            data = _payload(record, max_record_bytes + 1)
            if len(data) > max_record_bytes:
                yield Rejection(ref, f"HTML response over {max_record_bytes:,} bytes; skipped", "too_large")
                continue
            page = extract_page(data, url=url)
            if page is None:
                yield Rejection(ref, f"no article text found in the page {url or ''}".rstrip(), "no_text")
                continue
            yield page_document(page, ref=ref, fmt="warc")
    except (ArchiveLoadFailed, _Damaged) as exc:
        yield Rejection(name, f"damaged WARC file after {n} HTML response(s): {exc}", "malformed_warc")
    except (AttributeError, ValueError, LookupError) as exc:  # warcio on truncated or garbled headers
        yield Rejection(name, f"damaged WARC file after {n} HTML response(s): headers cut or garbled "
                        f"({type(exc).__name__})", "malformed_warc")
    if n == 0:
        yield Rejection(name, "WARC file holds no HTML responses", "no_text")


class _Damaged(Exception):
    """A record's payload cannot be decoded (cut inside chunked or compressed content)."""


def _payload(record, limit: int) -> bytes:  # type: ignore[no-untyped-def]
    try:
        return record.content_stream().read(limit)  # type: ignore[no-any-return]
    except Exception as exc:  # zlib, brotli and chunked decoders raise their own types
        raise _Damaged(f"payload cannot be decoded ({type(exc).__name__}: {exc})") from exc


def _is_html(record) -> bool:  # type: ignore[no-untyped-def]
    headers = record.http_headers
    if headers is None:
        return False
    status = headers.get_statuscode() or ""
    kind = (headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and ("html" in kind or not kind)


__all__ = ["iter_warc"]

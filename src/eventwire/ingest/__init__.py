"""Ingest: inputs (paths, globs, directories, `-`) -> cleaned `Document`s or `Rejection`s.

For each input, in order: expand it into sources (sources.py), look at its first bytes to choose
the format (sniff.py) and the text encoding, read it with the format's module (text.py for plain
text and dumps, html.py, feed.py, warc.py, jsonl.py), clean each article (clean.py), then apply
`--published` where the article gives no date and cut over-long articles into parts. Everything
streams: a large input is never read whole, except an HTML page, a feed or a JSON array, which
are read whole up to `MAX_MARKUP_BYTES`.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from .. import clean
from ..errors import EventwireError, InputError
from ..model import Document, Rejection
from ..settings import Settings
from . import sniff as sniffing
from .feed import iter_feed
from .html import extract_page, page_document
from .jsonl import iter_json_array, iter_jsonl
from .sources import HEAD_BYTES, Source, choose_encoding, expand_inputs, peek
from .text import iter_pieces
from .warc import iter_warc

READY = True
MAX_MARKUP_BYTES = 64 * 1024 * 1024  # an HTML page, feed or JSON array is parsed whole


def iter_documents(
    inputs: Iterable[str], *, published: str | None = None, settings: Settings | None = None
) -> Iterator[Document | Rejection]:
    """Cleaned Documents and Rejections, in input order, lazily. Never raises for bad input."""
    settings = settings or Settings()
    for source in expand_inputs(inputs, max_bytes=settings.max_input_bytes):
        if isinstance(source, Rejection):
            yield source
            continue
        for item in _read_source(source, settings):
            yield item if isinstance(item, Rejection) else _cleaned(item, published, settings)


def _cleaned(document: Document, published: str | None, settings: Settings) -> Document | Rejection:
    try:
        return from_raw(document, published, settings)
    except OSError as exc:
        # The machine, not the text: a full disk or temp folder fails every article alike, and a
        # rejection would mark the input done, so the articles would be lost for good.
        raise EventwireError(
            f"{document.ref or '?'}: cleaning stopped because the system refused a file operation "
            f"({exc}); free disk space (also in the temp folder) or fix permissions, then run the "
            "command again: what was stored is kept and the rest is read again"
        ) from exc
    except Exception as exc:  # a cleaning bug on odd text must not stop the batch; it is reported
        return Rejection(
            document.ref or "?",
            f"could not be cleaned because of an internal error ({type(exc).__name__}: {exc}); please report this input",
            "internal_error",
        )


def from_raw(document: Document, published: str | None, settings: Settings) -> Document | Rejection:
    """A raw Document from a format reader -> cleaned, dated, checked (or a Rejection)."""
    cleaned = clean.clean_document(document, detect=settings.language_check, published=published)
    if not cleaned.body.strip():
        return Rejection(
            cleaned.ref or "?", "no article text left after removing headline, captions and boilerplate", "no_text"
        )
    if "\ufffd" in cleaned.body:
        cleaned = replace(cleaned, warnings=(*cleaned.warnings, "text holds undecodable bytes, shown as U+FFFD"))
    return cleaned


def _read_source(source: Source, settings: Settings) -> Iterator[Document | Rejection]:
    try:
        stream = source.open()
    except OSError as exc:
        yield Rejection(source.name, f"cannot be opened ({exc.strerror or exc})", "unreadable")
        return
    try:
        yield from _read_stream(source.name, stream, settings, depth=0)
    except InputError as exc:
        yield Rejection(exc.input_name, exc.reason, exc.code)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:  # zlib.error: damaged deflate data
        yield Rejection(source.name, f"read failed ({exc})", "unreadable")
    except Exception as exc:  # a reader bug on odd input must not stop the batch; it is reported
        yield Rejection(
            source.name,
            f"could not be read because of an internal error ({type(exc).__name__}: {exc}); "
            "the rest of the batch goes on; please report this input",
            "internal_error",
        )
    finally:
        if source.name != "<stdin>":
            stream.close()


def _read_stream(name: str, stream: BinaryIO, settings: Settings, *, depth: int) -> Iterator[Document | Rejection]:
    head, stream = peek(stream)
    kind = sniffing.sniff(name, head)
    if kind == "gzip":
        yield from _read_gzip(name, stream, settings, depth)
        return
    if kind == "warc":
        yield from _over_long(iter_warc(name, stream, max_record_bytes=MAX_MARKUP_BYTES), settings)
        return
    complete = len(head) < HEAD_BYTES
    encoding = choose_encoding(name, head, complete=complete)
    if kind == "text":
        yield from _with_warning(_read_text(name, stream, encoding.name, settings), encoding.warning)
    elif kind == "jsonl":
        yield from _with_warning(_read_jsonl(name, stream, encoding.name, settings), encoding.warning)
    else:
        data = _read_whole(name, stream)
        if kind == "json":
            items = iter_json_array(name, data, encoding=encoding.name)
        elif kind == "feed":
            items = iter_feed(name, data)
        else:
            items = _read_html(name, data)
        yield from _with_warning(_over_long(items, settings), encoding.warning)


def _read_gzip(name: str, stream: BinaryIO, settings: Settings, depth: int) -> Iterator[Document | Rejection]:
    """Read what a gzip file holds (a .warc.gz, a gzipped dump or JSON Lines) as if uncompressed."""
    if depth > 0:
        raise InputError(name, "nested gzip archives are not read; decompress the file first", "unknown_format")
    inner = gzip.GzipFile(fileobj=stream)
    yield from _read_stream(name, inner, settings, depth=depth + 1)  # type: ignore[arg-type]


def _read_whole(name: str, stream: BinaryIO) -> bytes:
    data = stream.read(MAX_MARKUP_BYTES + 1)
    if len(data) > MAX_MARKUP_BYTES:
        raise InputError(name, f"markup file over {MAX_MARKUP_BYTES:,} bytes; split it into pages", "too_large")
    return data


def _read_html(name: str, data: bytes) -> Iterator[Document | Rejection]:
    page = extract_page(data)
    if page is None:
        yield Rejection(name, "no article text could be extracted from this HTML (malformed or not an article page)", "malformed_html")
        return
    yield page_document(page, ref=name)


def _read_text(name: str, stream: BinaryIO, encoding: str, settings: Settings) -> Iterator[Document | Rejection]:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)
    pieces = iter_pieces(text, max_chars=settings.max_article_chars)
    first = next(pieces, None)
    if first is None:
        yield Rejection(name, "empty input: nothing to read", "empty")
        return
    second = next(pieces, None)
    many = second is not None or first.part > 0
    for piece in _chain(first, second, pieces):
        ref = _piece_ref(name, piece.article, piece.part, many)
        if piece.too_long:
            yield Rejection(
                ref,
                f"a paragraph of {piece.too_long:,} characters has no line break to split at and is over "
                f"max_article_chars ({settings.max_article_chars:,}); it was skipped",
                "too_large",
            )
            continue
        warnings = (_part_warning(piece.part, settings),) if piece.part else ()
        yield Document(ref=ref, body=piece.text, warnings=warnings, format="text")


def _chain(first, second, rest):  # type: ignore[no-untyped-def]
    yield first
    if second is not None:
        yield second
    yield from rest


def _piece_ref(name: str, article: int, part: int, many: bool) -> str:
    ref = f"{name}#{article}" if many else name
    return f"{ref}-part{part}" if part else ref


def _part_warning(part: int, settings: Settings) -> str:
    return (
        f"article longer than max_article_chars ({settings.max_article_chars:,}): split at paragraph "
        f"breaks; this is part {part}"
    )


def _read_jsonl(name: str, stream: BinaryIO, encoding: str, settings: Settings) -> Iterator[Document | Rejection]:
    if encoding.startswith(("utf-16", "utf-32")):
        raise InputError(name, f"JSON Lines in {encoding} are not read; convert the file to UTF-8", "encoding")
    max_line = 8 * settings.max_article_chars + 65536
    records = iter_jsonl(name, stream, encoding=encoding, max_line_bytes=max_line)
    yield from _over_long(records, settings)


def _with_warning(items: Iterable[Document | Rejection], warning: str | None) -> Iterator[Document | Rejection]:
    for item in items:
        if warning and isinstance(item, Document):
            item = replace(item, warnings=(*item.warnings, warning))
        yield item


def _over_long(items: Iterable[Document | Rejection], settings: Settings) -> Iterator[Document | Rejection]:
    """Documents over max_article_chars -> parts cut at paragraph breaks."""
    limit = settings.max_article_chars
    for item in items:
        if isinstance(item, Rejection) or len(item.body) <= limit:
            yield item
            continue
        yield from _split_document(item, limit)


def _split_document(document: Document, limit: int) -> Iterator[Document | Rejection]:
    total = len(document.body)
    paragraphs = document.body.replace("\r\n", "\n").split("\n")
    part: list[str] = []
    size = 0
    number = 0
    for paragraph in paragraphs:
        if len(paragraph) > limit:
            yield Rejection(
                f"{document.ref}-part{number + 1}",
                f"a paragraph of {len(paragraph):,} characters is over max_article_chars ({limit:,}); it was skipped",
                "too_large",
            )
            continue
        if size + len(paragraph) + 1 > limit and part:
            number += 1
            yield _part(document, part, number, limit, total)
            part, size = [], 0
        part.append(paragraph)
        size += len(paragraph) + 1
    if part:
        number += 1
        yield _part(document, part, number, limit, total)


def _part(document: Document, paragraphs: list[str], number: int, limit: int, total: int) -> Document:
    warning = (
        f"article of {total:,} characters is longer than max_article_chars ({limit:,}): split at "
        f"paragraph breaks; this is part {number}"
    )
    return replace(
        document,
        ref=f"{document.ref}-part{number}",
        body="\n".join(paragraphs),
        warnings=(*document.warnings, warning),
    )


__all__ = ["READY", "from_raw", "iter_documents"]

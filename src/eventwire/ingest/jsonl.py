"""JSON Lines (`{"id", "text", "headline"?, "published"?, "url"?, "source"?}` per line), streamed
line by line; a broken line is reported with its number and the rest is read. A JSON array of
such records is read too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..model import Document, Rejection
from .html import fragment_text

_HEADLINE_KEYS = ("headline", "title")
_MARKUP = re.compile(r"</(?:p|div|li|h[1-6])>|<br\s*/?>", re.I)
_DATE_KEYS = ("published", "date", "published_at", "datetime")


def iter_jsonl(name: str, stream: BinaryIO, *, encoding: str, max_line_bytes: int) -> Iterator[Document | Rejection]:
    count = 0
    for lineno, raw in enumerate(_lines(stream, max_line_bytes), 1):
        where = f"{name}:{lineno}"
        if isinstance(raw, int):
            yield Rejection(where, f"line is {raw:,} bytes, over the {max_line_bytes:,} allowed for one record; split the record", "too_large")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode(encoding, errors="strict"))
        except UnicodeDecodeError as exc:
            yield Rejection(where, f"not valid {encoding} ({exc.reason} at byte {exc.start})", "encoding")
            continue
        except ValueError as exc:
            yield Rejection(where, f"not valid JSON ({exc})", "malformed_json")
            continue
        except RecursionError:  # json's C parser gives up on deep nesting: this line, not the file
            yield Rejection(where, "not valid JSON for an article (nested too deeply)", "malformed_json")
            continue
        count += 1
        yield record_document(where, record, n=count, name=name)


def iter_json_array(name: str, data: bytes, *, encoding: str) -> Iterator[Document | Rejection]:
    try:
        value = json.loads(data.decode(encoding, errors="strict"))
    except (ValueError, UnicodeDecodeError) as exc:
        yield Rejection(name, f"not valid JSON ({exc})", "malformed_json")
        return
    except RecursionError:
        yield Rejection(name, "not valid JSON for articles (nested too deeply)", "malformed_json")
        return
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        yield Rejection(name, "unknown format: JSON that is not an object or a list of objects", "unknown_format")
        return
    for n, record in enumerate(value, 1):
        yield record_document(f"{name}[{n - 1}]", record, n=n, name=name)


def record_document(where: str, record: Any, *, n: int, name: str) -> Document | Rejection:
    """One JSON record -> a raw Document; its `id` is the ref (else FILE#n)."""
    if not isinstance(record, dict):
        return Rejection(where, f"expected a JSON object, got {type(record).__name__}", "malformed_json")
    text = record.get("text")
    if not isinstance(text, str):
        return Rejection(where, 'record has no "text" string', "malformed_json")
    ident = record.get("id")
    markup = bool(_MARKUP.search(text))
    return Document(
        ref=str(ident) if ident is not None else f"{name}#{n}",
        body=fragment_text(text) if markup else text,
        headline=_first_str(record, _HEADLINE_KEYS),
        published=_first_str(record, _DATE_KEYS),
        url=_first_str(record, ("url", "link")),
        source=_first_str(record, ("source", "site", "outlet")),
        byline=_first_str(record, ("byline", "author")),
        format="html" if markup else "jsonl",
    )


def _first_str(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | int]:
    """Lines as bytes; an int (the line's size) for a line over `limit` bytes, skipped unread."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                more = stream.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield size
            continue
        yield line


__all__ = ["iter_json_array", "iter_jsonl", "record_document"]

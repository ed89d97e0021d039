"""The format of an input, from its first bytes (never from its file name)."""

from __future__ import annotations

import json
import re

from ..errors import InputError

FORMATS = ("text", "html", "feed", "warc", "jsonl", "json", "gzip")

# Binary files people pass by mistake, named so the message says what the file is.
_MAGIC = (
    (b"%PDF-", "a PDF document; extract its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive or Office document; unpack it or save as text"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "a bzip2 archive; decompress it first"),
    (b"\xfd7zXZ", "an xz archive; decompress it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it first"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file; export its text column to JSON Lines"),
)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main|header|h1)[\s>/]", re.I)
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF|channel)[\s>]", re.I)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|li|ul|table|td|tr|img|script|style|article|section)\b[^>]*>", re.I)


def sniff(name: str, head: bytes) -> str:
    """One of FORMATS; InputError (code binary, empty or unknown_format) when it cannot be read."""
    if not head.strip():
        raise InputError(name, "empty input: nothing to read", "empty")
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(name, f"binary file: looks like {what}", "binary")
    if _is_binary(head):
        raise InputError(name, "binary file: not text, HTML, a feed, WARC or JSON Lines", "binary")
    return sniff_text(name, head.decode("utf-8", errors="replace"))


def sniff_text(name: str, text: str) -> str:
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("{"):
        pretty = start.split("\n", 1)[0].strip() == "{"
        return "json" if pretty and not first_json_line_ok(start) else "jsonl"
    if start.startswith("["):
        return "json"
    if start.startswith("<"):
        window = start[:4000]
        if _FEED.search(window):
            return "feed"
        if _HTML_START.search(window):
            return "html"
        root = re.match(r"<(?:\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<)?([\w:-]+)", start, re.S)
        what = f"an XML document with root <{root.group(1)}>" if root else "markup"
        raise InputError(name, f"unknown format: {what}, neither HTML nor an RSS/Atom feed", "unknown_format")
    if len(_TAG.findall(start[:8000])) >= 8:
        return "html"
    if _looks_like_table(start):
        raise InputError(
            name,
            "unknown format: looks like a CSV/TSV table; convert it to JSON Lines with an \"id\" and a \"text\" field",
            "unknown_format",
        )
    return "text"


def _is_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte order mark
    sample = head[:8192]
    if sample.count(b"\x00") > max(2, len(sample) // 100):  # a stray NUL is a damaged record, not a binary file
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / max(len(sample), 1) > 0.05


def _looks_like_table(text: str) -> bool:
    lines = [s for s in text.splitlines()[:6] if s.strip()]
    if len(lines) < 3:
        return False
    for sep in ("\t", ",", ";"):
        header = lines[0].split(sep)
        if len(header) < 3 or not all(re.fullmatch(r"[\w .\"'-]{1,40}", h.strip()) for h in header):
            continue
        if all(line.count(sep) >= len(header) - 1 for line in lines[1:]):
            return True
    return False


def first_json_line_ok(text: str) -> bool:
    """Whether the first non-blank line parses as a JSON object (else the file is one JSON value)."""
    line = next((s for s in text.splitlines() if s.strip()), "")
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


__all__ = ["FORMATS", "first_json_line_ok", "sniff", "sniff_text"]

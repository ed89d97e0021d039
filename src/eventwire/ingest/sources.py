"""Inputs -> byte streams: paths, directories (every non-hidden file, sorted), globs, and `-` for
standard input; and the choice of a text encoding from the first bytes of a stream."""

from __future__ import annotations

import codecs
import glob
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Rejection

HEAD_BYTES = 64 * 1024  # how much of a stream is looked at to sniff format and encoding
STDIN_NAME = "<stdin>"
_GLOB_CHARS = re.compile(r"[*?\[]")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    open: Callable[[], BinaryIO]
    size: int | None = None


def expand_inputs(inputs: Iterable[str], *, max_bytes: int) -> Iterator[Source | Rejection]:
    """Each input name -> the sources it stands for, in order; problems as Rejections."""
    for name in inputs:
        if name == "-":
            yield Source(STDIN_NAME, lambda: sys.stdin.buffer)
        elif _URL.match(name):
            yield Rejection(name, "URLs are not downloaded; save the page or feed to a file and pass the file", "unsupported")
        elif Path(name).is_dir():
            yield from _directory(Path(name), max_bytes)
        elif Path(name).exists():
            yield _file(Path(name), name, max_bytes)
        elif _GLOB_CHARS.search(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield Rejection(name, "no file matches this pattern", "not_found")
            for match in matches:
                path = Path(match)
                yield from _directory(path, max_bytes) if path.is_dir() else [_file(path, match, max_bytes)]
        else:
            yield Rejection(name, "no such file or directory", "not_found")


def _directory(root: Path, max_bytes: int) -> Iterator[Source | Rejection]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p.relative_to(root)))
    if not files:
        yield Rejection(str(root), "directory holds no files", "empty")
    for path in files:
        yield _file(path, str(path), max_bytes)


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "__")) for part in relative.parts)


def _file(path: Path, name: str, max_bytes: int) -> Source | Rejection:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Rejection(name, f"cannot be read ({exc.strerror or exc})", "unreadable")
    if not path.is_file():
        return Rejection(name, "not a regular file", "unreadable")
    if size > max_bytes:
        return Rejection(
            name,
            f"file is {size:,} bytes, over max_input_bytes ({max_bytes:,}); split it or raise the setting",
            "too_large",
        )
    return Source(name, lambda: path.open("rb"), size)


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were already read: gives them back first."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._rest is not sys.stdin.buffer:
            self._rest.close()
        super().close()


def peek(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, io.BufferedReader]:
    """The first `size` bytes of `stream`, and a stream that still starts at the beginning."""
    head = stream.read(size) or b""
    return head, io.BufferedReader(_Rewound(head, stream), buffer_size=HEAD_BYTES)


@dataclass(frozen=True, slots=True)
class Encoding:
    name: str
    warning: str | None = None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of invalid sequences below which a UTF-8 text is read with replacement characters.
MAX_INVALID_UTF8 = 0.001


def choose_encoding(name: str, head: bytes, *, complete: bool) -> Encoding:
    """UTF-8 when valid (or nearly so), else a detected legacy encoding; InputError if neither."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return Encoding(codec)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return Encoding("utf-8")
    except UnicodeDecodeError:
        pass
    bad = _invalid_utf8(head)
    if bad / max(len(head), 1) <= MAX_INVALID_UTF8 and _has_utf8_multibyte(head):
        return Encoding("utf-8", f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
    legacy = _detect_legacy(head)
    if legacy:
        return Encoding(legacy, f"not UTF-8: decoded as {legacy} (detected)")
    raise InputError(
        name,
        "not valid UTF-8 and its encoding could not be identified; convert it to UTF-8 "
        "(for example: iconv -f WINDOWS-1256 -t UTF-8 FILE)",
        "encoding",
    )


def _invalid_utf8(data: bytes) -> int:
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))


def _has_utf8_multibyte(data: bytes) -> bool:
    return bool(re.search(rb"[\xc2-\xf4][\x80-\xbf]", data))


def _detect_legacy(head: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    if best.chaos > 0.3:
        return None
    return best.encoding


__all__ = ["HEAD_BYTES", "STDIN_NAME", "Encoding", "Source", "choose_encoding", "expand_inputs", "peek"]

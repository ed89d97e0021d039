"""Shards: the unit of work and of resumption of `eventwire run`.

A shard is one input file, or a fixed byte slice of a large JSON Lines file (the lines that start
inside the slice). Its id is a hash of the file's absolute path and the slice, so the same corpus
gives the same shards on every run and on every machine that sees the same paths. A shard is done
when its marker `_shards/<id>.done` exists in the output folder; the marker is written (to a
temporary name, then renamed) only after every output file of the shard has been renamed into
place, so a killed run leaves either a finished shard or one that is redone from scratch.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .. import ingest
from ..errors import ConfigError
from ..ingest.jsonl import record_document
from ..model import Document, Rejection
from ..settings import Settings

MARKER_DIR = "_shards"
MARKER_SUFFIX = ".done"  # not .json: `eventwire load out/` reads every .json/.jsonl/.parquet below out/
DEFAULT_SLICE_BYTES = 32 * 1024 * 1024
_BRACES = re.compile(r"\{([^{}]*)\}")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Shard:
    id: str
    path: str
    size: int
    mtime_ns: int
    start: int = 0
    end: int | None = None  # end of the byte slice of a JSON Lines file; None: the whole file

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Shard:
        return cls(**data)

    @property
    def name(self) -> str:
        return self.path if self.end is None else f"{self.path}@{self.start}-{self.end}"


def expand_braces(pattern: str) -> list[str]:
    """`a/*.{jsonl,html}` -> [`a/*.jsonl`, `a/*.html`] (shell-style, nested groups expanded too)."""
    match = _BRACES.search(pattern)
    if match is None:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    return [p for alt in match.group(1).split(",") for p in expand_braces(head + alt + tail)]


def expand_inputs(patterns: Iterable[str]) -> tuple[list[Path], list[Rejection]]:
    """Files named by paths, directories (recursively, hidden files skipped) and globs (with `**`
    and `{a,b}`), each once, sorted; a pattern that names nothing is a Rejection."""
    files: dict[Path, None] = {}
    missing: list[Rejection] = []
    for pattern in patterns:
        found = [f for p in expand_braces(pattern) for f in _expand_one(p)]
        if not found:
            missing.append(Rejection(pattern, "no file matches this input", "not_found"))
        files.update((f.resolve(), None) for f in found)
    return sorted(files), missing


def _expand_one(pattern: str) -> list[Path]:
    path = Path(pattern)
    if path.is_dir():
        return [p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))]
    if path.is_file():
        return [path]
    return [Path(m) for m in glob.glob(pattern, recursive=True) if Path(m).is_file()]


def _hidden(relative: Path) -> bool:
    return any(part.startswith((".", "__")) for part in relative.parts)


def plan_shards(files: Iterable[Path], *, slice_bytes: int = DEFAULT_SLICE_BYTES) -> list[Shard]:
    """Input files -> shards; an uncompressed JSON Lines file over `slice_bytes` is cut in slices."""
    shards: list[Shard] = []
    for path in files:
        stat = path.stat()
        if path.suffix.lower() in _JSONL_SUFFIXES and stat.st_size > slice_bytes:
            for start in range(0, stat.st_size, slice_bytes):
                end = min(start + slice_bytes, stat.st_size)
                shards.append(_shard(path, stat, start, end))
        else:
            shards.append(_shard(path, stat, 0, None))
    return shards


def _shard(path: Path, stat: os.stat_result, start: int, end: int | None) -> Shard:
    key = f"{path}\0{start}\0{end}".encode()
    ident = hashlib.sha256(key).hexdigest()[:16]
    return Shard(id=ident, path=str(path), size=stat.st_size, mtime_ns=stat.st_mtime_ns, start=start, end=end)


def read_shard(shard: Shard, *, published: str | None, settings: Settings) -> Iterator[Document | Rejection]:
    """The cleaned Documents and Rejections of one shard, in order."""
    if shard.end is None:
        yield from ingest.iter_documents([shard.path], published=published, settings=settings)
        return
    for item in _slice_records(shard):
        yield item if isinstance(item, Rejection) else _clean(item, published, settings)


def _clean(document: Document, published: str | None, settings: Settings) -> Document | Rejection:
    try:
        return ingest.from_raw(document, published, settings)
    except OSError:  # the machine's fault (disk, temp folder), not the text's: stop, redo the shard later
        raise
    except Exception as exc:  # as ingest does: a cleaning bug on odd text is reported, not fatal
        return Rejection(document.ref or "?", f"could not be cleaned ({type(exc).__name__}: {exc})", "internal_error")


def _slice_records(shard: Shard) -> Iterator[Document | Rejection]:
    """Records of the JSON Lines lines whose first byte lies in [start, end)."""
    assert shard.end is not None
    name = shard.name
    with open(shard.path, "rb") as fh:
        if shard.start > 0:
            fh.seek(shard.start - 1)
            fh.readline()  # the line that holds byte start-1 belongs to the previous slice
        n = 0
        while fh.tell() < shard.end:
            offset = fh.tell()
            line = fh.readline()
            if not line:
                return
            if not line.strip():
                continue
            where = f"{shard.path}@{offset}"
            try:
                record = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                yield Rejection(where, f"not valid UTF-8 JSON ({exc})", "malformed_json")
                continue
            n += 1
            yield record_document(where, record, n=n, name=name)


def marker_path(output: Path, shard: Shard) -> Path:
    return output / MARKER_DIR / f"{shard.id}{MARKER_SUFFIX}"


def attempt_path(output: Path, shard: Shard) -> Path:
    """Exists while a worker is on the shard: left behind, it says an attempt died half-way."""
    return output / MARKER_DIR / f"{shard.id}.started"


def is_done(output: Path, shard: Shard) -> bool:
    """Done when its marker exists and was made from the same file (size and modification time)."""
    path = marker_path(output, shard)
    if not path.exists():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    source = data.get("shard", {})
    return source.get("size") == shard.size and source.get("mtime_ns") == shard.mtime_ns


def mark_done(output: Path, shard: Shard, info: dict[str, Any]) -> Path:
    """Write the shard's marker atomically (temporary file, fsync, rename)."""
    path = marker_path(output, shard)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps({"shard": shard.as_dict(), **info}, indent=1).encode())
    return path


@contextlib.contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """One run at a time per output folder. An OS file lock, so a killed run never leaves it held."""
    path = output / MARKER_DIR / "run.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise ConfigError(f"{output} is being written by another eventwire run (pid {holder}); "
                              "wait for it to finish or use another --output") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


__all__ = [
    "DEFAULT_SLICE_BYTES",
    "Shard",
    "atomic_write",
    "attempt_path",
    "expand_braces",
    "expand_inputs",
    "is_done",
    "mark_done",
    "marker_path",
    "output_lock",
    "plan_shards",
    "read_shard",
]

"""Ingest: inputs (paths, globs, directories, `-`) -> cleaned `Document`s or `Rejection`s.

Placeholder until the ingest stage is built: reads each file as one UTF-8 plain-text article.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Document, Rejection
from ..settings import Settings

READY = False


def iter_documents(
    inputs: Iterable[str], *, published: str | None = None, settings: Settings | None = None
) -> Iterator[Document | Rejection]:
    for name in inputs:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Rejection(name, str(exc))
            continue
        if not text.strip():
            yield Rejection(name, "empty input", "empty")
            continue
        yield Document(ref=name, body=text.strip(), published=published, language="en")

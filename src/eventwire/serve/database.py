"""How the server reads the database: one read-only connection per request, closed at its end.

DuckDB lets one process write a file, or several processes read it, never both. The server
holds no connection between requests, so `eventwire ingest` can start on the same file at any
time; while the ingest runs, requests that need the database answer 503 `database_busy` (with
Retry-After) and succeed again, with the new data, as soon as it finishes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from ..settings import Settings
from ..store import EventStore
from ..store import open as open_store
from .errors import store_error


class Database:
    def __init__(self, path: str | Path, settings: Settings) -> None:
        self.path = str(path)
        self.settings = settings

    @contextmanager
    def read(self) -> Iterator[EventStore]:
        try:
            store = open_store(self.path, settings=self.settings)
        except StoreError as exc:
            raise store_error(exc) from exc
        try:
            yield store
        finally:
            store.close()

"""The event database (DuckDB): idempotent resumable ingest, deduplicated clusters, queries.

`ingest()` writes (one writer process per file), `open()` reads; the SQL is all in queries.py,
the schema and its named migrations in schema.py.
"""

from __future__ import annotations

from .api import ActorStats, Cluster, EventStore, StoredEvent, Summary, open
from .db import Store, connect, migrate
from .filters import EventFilter, Near
from .load import load
from .runner import IngestSummary, Progress, ingest

__all__ = [
    "ActorStats",
    "Cluster",
    "EventFilter",
    "EventStore",
    "IngestSummary",
    "Near",
    "Progress",
    "Store",
    "StoredEvent",
    "Summary",
    "connect",
    "ingest",
    "load",
    "migrate",
    "open",
]

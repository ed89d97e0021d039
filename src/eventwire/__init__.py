"""eventwire: political event data from news, each event traced to its sentence.

The records are imported eagerly; the pipeline (spaCy) and the store (DuckDB) load on first use,
so `import eventwire` and `eventwire --help` stay fast.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .model import (
    Acled,
    Action,
    Actor,
    Article,
    Document,
    Event,
    Mention,
    Place,
    Quote,
    Rejection,
    TimeRef,
)
from .settings import Settings, load_settings

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

_LAZY = {"Extractor": "pipeline", "extract_inputs": "pipeline", "open": "store"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


__all__ = [
    "Acled",
    "Action",
    "Actor",
    "Article",
    "Document",
    "Event",
    "Extractor",
    "Mention",
    "Place",
    "Quote",
    "Rejection",
    "Settings",
    "TimeRef",
    "__version__",
    "extract_inputs",
    "load_settings",
    "open",
]

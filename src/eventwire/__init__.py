"""eventwire: political event data from news, each event traced to its sentence."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

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
from .pipeline import Extractor, extract_inputs
from .settings import Settings, load_settings

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

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
]

"""One small exception tree. Every message says what went wrong and how to fix it."""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose (a user error, not a bug)."""


class InputError(EventwireError):
    """An input could not be read as news: it names the input and the reason."""

    def __init__(self, input_name: str, reason: str, code: str = "unreadable") -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason
        self.code = code


class ConfigError(EventwireError):
    """A settings file, environment variable or data overlay is invalid."""


class ModelError(EventwireError):
    """The spaCy model cannot be loaded."""


class StoreError(EventwireError):
    """The database cannot be opened or written."""

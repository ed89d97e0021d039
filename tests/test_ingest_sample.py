"""The shared scraped dump (../shared/samples, read in place, never copied) splits into its two
articles with clean bodies. Skips cleanly when ../shared is absent."""

from __future__ import annotations

import pytest

from eventwire.ingest import iter_documents
from eventwire.model import Document
from eventwire.settings import Settings

pytestmark = pytest.mark.shared


def test_shared_dump_splits_into_two_clean_articles(shared_dir) -> None:
    path = shared_dir / "samples" / "asharq-syria-2articles.txt"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    raw = path.read_text(encoding="utf-8")
    items = list(iter_documents([str(path)], settings=Settings()))
    assert all(isinstance(d, Document) for d in items)
    assert [d.ref for d in items] == [f"{path}#1", f"{path}#2"]
    for doc in items:
        assert doc.headline and raw.count(doc.headline) >= 2  # the headline block was repeated
        assert doc.headline not in doc.body
        assert len(doc.captions) == 1 and doc.captions[0] not in doc.body
        lines = doc.body.split("\n")
        assert all(len(line) > 4 for line in lines if line)  # no site mark left
        paragraphs = doc.body.split("\n\n")
        assert len(paragraphs) == len(set(paragraphs)) >= 8
        assert all(p[-1] in ".”\"" for p in paragraphs)  # whole paragraphs, nothing cut
        assert doc.language == "en"
    first, second = items
    assert "Belarus" in first.headline and "Tsikhanouskaya" in first.body and "Fidan" not in first.body
    assert "Assad" in second.headline and "Fidan" in second.body and "Tsikhanouskaya" not in second.body
    for doc in items:
        assert not any(doc.body.startswith(c[:40]) for c in doc.captions)

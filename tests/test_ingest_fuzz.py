"""Whatever the bytes, ingest answers with Documents or Rejections, never an exception; and
clean never leaves a caption in the body or an empty paragraph."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.clean import clean_document
from eventwire.ingest import iter_documents
from eventwire.model import Document, Rejection
from eventwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
_SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir())]
_LINES = st.sampled_from(
    [
        "TT", "Advertisement", "By Jane Roe | Wire", "Monday, 3 June, 2024 - 10:00", "(AP)",
        "Police detained 40 people in the capital on Monday, the ministry said.",
        "A man walks past a burnt car in the capital. (Reuters)", "Read more: earlier story",
        "BEIRUT (AFP) - Shelling killed two people on Sunday, a monitor said.", "", "", "{", "<p>",
        "\"Quoted words here\"", "Headline About Talks", "ÿþ", "\x00", "—",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(_SEEDS), cut=st.integers(0, 4000), noise=st.binary(max_size=64))
def test_any_bytes_give_documents_or_rejections(tmp_path, seed: bytes, cut: int, noise: bytes) -> None:
    path = tmp_path / "input"
    path.write_bytes(seed[:cut] + noise + seed[cut:])
    items = list(iter_documents([str(path)], settings=Settings(max_article_chars=2000)))
    assert items
    for item in items:
        assert isinstance(item, (Document, Rejection))
        if isinstance(item, Document):
            assert item.body.strip() and item.language


@settings(max_examples=80, deadline=None)
@given(lines=st.lists(_LINES, max_size=30))
def test_clean_keeps_captions_out_of_the_body(lines: list[str]) -> None:
    doc = clean_document(Document(ref="t", body="\n".join(lines)))
    for caption in doc.captions:
        assert caption not in doc.body.split("\n\n")
    assert "\n\n\n" not in doc.body
    assert all(p.strip() for p in doc.body.split("\n\n")) or doc.body == ""

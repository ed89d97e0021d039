"""Bad input: each kind is reported as `input: reason` with a code; the batch goes on."""

from __future__ import annotations

import json
import random
import tracemalloc
from itertools import islice
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.ingest import iter_documents
from eventwire.model import Document, Rejection
from eventwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

ARABIC = (
    "الجيش السوري يتصدى لهجوم في ريف إدلب\n\n"
    "قالت وزارة الدفاع السورية يوم الاثنين إن قواتها تصدت لهجوم شنته جماعات مسلحة على مواقعها في ريف إدلب "
    "الجنوبي، وأضافت أن الهجوم أسفر عن مقتل جنديين وإصابة خمسة آخرين.\n\n"
    "وقال المرصد السوري لحقوق الإنسان إن الاشتباكات استمرت عدة ساعات.\n"
)
FRENCH = (
    "Tunisie : le président limoge le Premier ministre\n\n"
    "TUNIS (AFP) - Le président tunisien a limogé dimanche le Premier ministre et suspendu le parlement, "
    "provoquant des manifestations à Tunis. Les opposants dénoncent un coup d'État, selon l'agence officielle.\n"
)
ENGLISH = "Police in Dhaka arrested 12 opposition activists on Monday after clashes near the election commission, officials said.\n"


def _read(*inputs: str | Path, **settings) -> list[Document | Rejection]:
    return list(iter_documents([str(i) for i in inputs], published=None, settings=Settings(**settings)))


def _one_rejection(path: Path, **settings) -> Rejection:
    (item,) = _read(path, **settings)
    assert isinstance(item, Rejection), item
    assert item.message().startswith(f"{path}: ")
    return item


def test_empty_and_blank_files(tmp_path) -> None:
    for content in (b"", b"  \n\n\t\n"):
        path = tmp_path / "empty.txt"
        path.write_bytes(content)
        assert _one_rejection(path).code == "empty"


def test_binary_files_named(tmp_path) -> None:
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    rejection = _one_rejection(pdf)
    assert rejection.code == "binary" and "PDF" in rejection.reason
    blob = tmp_path / "blob.bin"
    rnd = random.Random(1)
    blob.write_bytes(bytes(rnd.randrange(256) for _ in range(5000)))
    assert _one_rejection(blob).code == "binary"


def test_legacy_encodings_decoded_with_a_warning(tmp_path) -> None:
    arabic = tmp_path / "arabic.txt"
    arabic.write_bytes(ARABIC.encode("cp1256"))
    french = tmp_path / "french.txt"
    french.write_bytes(FRENCH.encode("latin-1"))
    ar, fr = _read(arabic, french)
    assert isinstance(ar, Document) and isinstance(fr, Document)
    assert ar.language == "ar" and "المرصد السوري" in ar.body
    assert any("cp1256" in w for w in ar.warnings)
    assert fr.language == "fr" and "limogé" in fr.body and "d'État" in fr.body
    assert any("not UTF-8" in w for w in fr.warnings)


def test_a_few_invalid_utf8_bytes_are_replaced_and_reported(tmp_path) -> None:
    path = tmp_path / "mostly.txt"
    text = (Path(__file__).resolve().parents[1] / "samples" / "georgia-belarus-2articles.txt").read_bytes()
    path.write_bytes(text.replace(b"overnight", b"overnight\xff", 1))
    docs = [d for d in _read(path) if isinstance(d, Document)]
    assert len(docs) == 2
    assert "\ufffd" in docs[0].body
    assert any("U+FFFD" in w for w in docs[0].warnings)


def test_undecodable_bytes_rejected_with_the_fix(tmp_path) -> None:
    rnd = random.Random(3)
    path = tmp_path / "mystery.txt"
    path.write_bytes(bytes(rnd.choice([*range(0x80, 0x100), 0x20, 0x41, 0x61]) for _ in range(4000)))
    rejection = _one_rejection(path)
    assert rejection.code == "encoding" and "UTF-8" in rejection.reason


def test_malformed_html_is_read_or_rejected_cleanly(tmp_path) -> None:
    (doc,) = _read(FIXTURES / "malformed.html")
    assert isinstance(doc, Document) and "police detained 40 protesters" in doc.body
    hollow = tmp_path / "hollow.html"
    hollow.write_text("<html><head><title>x</title></head><body><div><span></div></body>", encoding="utf-8")
    assert _one_rejection(hollow).code == "malformed_html"


def test_jsonl_broken_line_reported_with_its_number_and_rest_read(tmp_path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": ENGLISH}) for i in range(1, 6)]
    lines[2] = lines[2][:-5]
    lines.insert(4, json.dumps(["not", "an", "object"]))
    lines.insert(5, json.dumps({"id": "no-text", "body": "x"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(path)
    assert [d.ref for d in items if isinstance(d, Document)] == ["r1", "r2", "r4", "r5"]
    bad = {r.input: r.code for r in items if isinstance(r, Rejection)}
    assert bad == {f"{path}:3": "malformed_json", f"{path}:5": "malformed_json", f"{path}:6": "malformed_json"}


def test_unknown_formats(tmp_path) -> None:
    assert _one_rejection(FIXTURES / "unknown.xml").code == "unknown_format"
    rejection = _one_rejection(FIXTURES / "table.csv")
    assert rejection.code == "unknown_format" and "JSON Lines" in rejection.reason


def test_missing_url_and_unmatched_glob(tmp_path) -> None:
    items = _read(tmp_path / "missing.txt", "https://example.org/news", f"{tmp_path}/*.nothing")
    assert [r.code for r in items] == ["not_found", "unsupported", "not_found"]


def test_input_over_max_bytes_rejected_unread(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 100, encoding="utf-8")
    rejection = _one_rejection(path, max_input_bytes=1000)
    assert rejection.code == "too_large" and f"{path.stat().st_size:,}" in rejection.reason


def test_line_without_breaks_over_the_limit_rejected_with_size(tmp_path) -> None:
    path = tmp_path / "oneline.txt"
    path.write_text("Headline Of A Broken Dump\n\n" + "word " * 3000 + "\n\n" + ENGLISH, encoding="utf-8")
    items = _read(path, max_article_chars=5000)
    rejections = [r for r in items if isinstance(r, Rejection)]
    assert len(rejections) == 1 and rejections[0].code == "too_large"
    assert "15,000 characters" in rejections[0].reason
    assert any(isinstance(d, Document) and "Dhaka" in d.body for d in items)


@pytest.mark.slow
def test_100_mb_dump_is_streamed_with_bounded_memory(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    article = (FIXTURES / "dump-afp-3blank.txt").read_text(encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < 100 * 1024 * 1024:
            n += 1
            out.write(article.replace("12", str(n)) + "\n\n\n\n")
    tracemalloc.start()
    try:
        first = list(islice(iter_documents([str(path)], settings=Settings()), 6))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert all(isinstance(d, Document) for d in first)
    assert [d.ref for d in first][:2] == [f"{path}#1", f"{path}#2"]
    assert peak < 20 * 1024 * 1024, f"peak {peak:,} bytes while reading a 100 MB file"


@pytest.mark.slow
def test_100_mb_line_rejected_with_its_size_in_bounded_memory(tmp_path) -> None:
    path = tmp_path / "flat.txt"
    chunk = "x" * (1 << 20)
    with path.open("w", encoding="ascii") as out:
        out.write(ENGLISH + "\n\n")
        for _ in range(100):
            out.write(chunk)
    tracemalloc.start()
    try:
        items = list(iter_documents([str(path)], settings=Settings()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], Rejection) and "104,857,600 characters" in items[-1].reason
    assert peak < 20 * 1024 * 1024


def _bad_inputs(tmp_path: Path) -> list[str]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    rnd = random.Random(3)
    (tmp_path / "mystery.txt").write_bytes(bytes(rnd.choice([*range(0x80, 0x100), 0x20]) for _ in range(3000)))
    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": "oops\n', encoding="utf-8")
    return [
        str(tmp_path / "empty.txt"),
        str(tmp_path / "image.png"),
        str(tmp_path / "mystery.txt"),
        str(tmp_path / "broken.jsonl"),
        str(FIXTURES / "unknown.xml"),
        str(tmp_path / "missing.txt"),
    ]


@pytest.mark.slow
def test_cli_extract_reports_each_bad_input_and_keeps_going(tmp_path) -> None:
    inputs = _bad_inputs(tmp_path)
    good = str(FIXTURES / "dump-tight.txt")
    result = CliRunner().invoke(cli, ["extract", "--format", "jsonl", *inputs[:3], good, *inputs[3:]])
    assert result.exit_code == 0, result.output
    articles = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["ref"] for a in articles] == [f"{good}#1", f"{good}#2"]
    for name in inputs:
        assert f"{name}" in result.stderr
    assert f"{inputs[3]}:1: " in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_cli_extract_fails_when_nothing_could_be_read(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["extract", *_bad_inputs(tmp_path)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert len([line for line in result.stderr.splitlines() if ": " in line]) >= 6

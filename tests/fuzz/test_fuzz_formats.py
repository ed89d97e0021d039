"""Fuzzing every ingest format: whatever the bytes, each input ends as Documents or as Rejections
with a named code, never as an exception and never as an `internal_error` (a reader bug).

tests/test_ingest_fuzz.py mutates the fixture files; these build each format from its parts
(WARC records, JSON Lines records, encodings, compression) and break them in the ways the web does.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.ingest import iter_documents
from eventwire.model import Document, Rejection
from eventwire.settings import Settings

STORY = ("Police arrested {n} opposition activists in Dhaka on Monday after clashes near the election "
         "commission, officials said. The interior ministry said the detained would appear in court.")
_FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def read(path: Path, **overrides: int) -> list[Document | Rejection]:
    items = list(iter_documents([str(path)], settings=Settings(**overrides)))
    assert items, "every input ends as at least one Document or Rejection"
    for item in items:
        assert isinstance(item, (Document, Rejection))
        if isinstance(item, Document):
            assert item.body.strip()
        else:
            assert item.code != "internal_error", item.message()
            assert item.reason and item.code
    return items


def documents(items: list[Document | Rejection]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


# --- random bytes behind every format's magic ------------------------------------------------

_MAGIC = [b"", b"WARC/1.0\r\n", b"\x1f\x8b\x08\x00", b"<?xml version='1.0'?><rss>", b"<feed xmlns=",
          b"<!DOCTYPE html><html><body><p>", b"{\"text\": \"", b"[{\"text\": ", b"\xef\xbb\xbf",
          b"\xff\xfe", b"%PDF-1.4", b"PK\x03\x04"]


@_FUZZ
@given(magic=st.sampled_from(_MAGIC), body=st.binary(max_size=3000), suffix=st.sampled_from(
    ["", ".txt", ".html", ".jsonl", ".json", ".xml", ".warc", ".gz", ".warc.gz"]))
def test_random_bytes_behind_any_magic(tmp_path: Path, magic: bytes, body: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(magic + body)
    read(path)


# --- JSON Lines: every kind of broken record, one bad line never costs the others ---------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_BAD_LINES = st.one_of(
    # bytes of any value but control characters: a control-heavy file is binary as a whole (sniff.py)
    st.lists(st.integers(32, 255), min_size=1, max_size=200).map(bytes),
    _JSON.map(lambda v: json.dumps(v).encode()),  # valid JSON that is not an article record
    st.dictionaries(st.sampled_from(["text", "headline", "published", "id", "url", "source"]), _JSON,
                    max_size=6).map(lambda d: json.dumps(d).encode()),
    st.integers(1000, 50_000).map(lambda n: b"[" * n + b"]" * n),  # nesting past the parser's depth
    st.integers(1000, 50_000).map(lambda n: b'{"text": ' + b"[" * n + b"]" * n + b"}"),
    st.just(b'{"text": "caf\xe9 ' + b"x" * 40 + b'"}'),  # Latin-1 inside UTF-8 JSON
    st.just(b'{"text": "\\ud800 lone surrogate escape"}'),
    st.just(b'{"text": "' + b"word " * 30_000 + b'"}'),  # over the line limit below
)


@_FUZZ
@given(lines=st.lists(st.tuples(st.booleans(), _BAD_LINES), min_size=1, max_size=12))
@example(lines=[(False, b"[" * 30_000 + b"]" * 30_000), (True, b"")])
def test_json_lines_each_line_answers_for_itself(tmp_path: Path, lines: list[tuple[bool, bytes]]) -> None:
    raw, good = [], []
    for n, (is_good, bad) in enumerate(lines, 1):
        if is_good:
            raw.append(json.dumps({"id": f"good-{n}", "text": STORY.format(n=n)}).encode())
            good.append(f"good-{n}")
        else:
            raw.append(bad)
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"{\"id\": \"first\", \"text\": \"" + STORY.format(n=0).encode() + b"\"}\n"
                     + b"\n".join(raw) + b"\n")
    items = read(path, max_article_chars=20_000)
    assert [d.ref for d in documents(items) if d.ref.startswith(("first", "good-"))] == ["first", *good]


# --- WARC: truncated, damaged, compressed, non-HTML records ------------------------------------

def _warc(pages: list[tuple[str, bytes, str, bool]], *, gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for n, (status, body, kind, encoded) in enumerate(pages):
        headers = [("Content-Type", kind)]
        if encoded:
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example/{n}", "response",
                                           payload=io.BytesIO(body), http_headers=http)
        writer.write_record(record)
    return out.getvalue()


def _page(n: int, extra: bytes = b"") -> bytes:
    return (b"<html><head><title>Arrests in Dhaka</title></head><body><article><h1>Arrests</h1><p>"
            + STORY.format(n=n).encode() + b"</p><p>" + STORY.format(n=n + 1).encode() + b"</p>" + extra
            + b"</article></body></html>")


_RECORD = st.tuples(
    st.sampled_from(["200 OK", "200 OK", "404 Not Found", "301 Moved", "500 Error"]),
    st.one_of(st.integers(0, 99).map(_page), st.binary(max_size=400),
              st.integers(0, 99).map(lambda n: _page(n)[: n * 3])),
    st.sampled_from(["text/html; charset=utf-8", "text/html", "application/json", "image/png", ""]),
    st.booleans(),
)


@_FUZZ
@given(records=st.lists(_RECORD, min_size=1, max_size=5), gzipped=st.booleans(),
       cut=st.one_of(st.none(), st.integers(0, 4000)), noise=st.binary(max_size=40))
def test_warc_damaged_anywhere(tmp_path: Path, records: list, gzipped: bool, cut: int | None,
                               noise: bytes) -> None:
    data = _warc(records, gzipped=gzipped)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data if cut is None else data[:cut] + noise)
    items = read(path)
    if cut is None and not noise:
        whole = [r for r in records if r[0].startswith("200") and "html" in r[2] and r[1].startswith(b"<html>")
                 and r[1].endswith(b"</html>")]
        assert len(documents(items)) >= len(whole)


def test_gzip_bomb_inside_a_warc_is_cut_off_in_bounded_memory(tmp_path: Path) -> None:
    bomb = _page(1, extra=b"<p>" + b"\x00" * 200_000_000 + b"</p>")  # ~200 KB compressed, 200 MB inflated
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(_warc([("200 OK", _page(2), "text/html", False), ("200 OK", bomb, "text/html", True),
                            ("200 OK", _page(3), "text/html", False)], gzipped=True))
    assert path.stat().st_size < 2_000_000
    tracemalloc.start()
    try:
        items = read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [i.code for i in items if isinstance(i, Rejection)] == ["too_large"]
    assert len(documents(items)) == 2  # the pages around the bomb are still read
    assert peak < 200_000_000, f"peak {peak:,} bytes"


def test_gzip_bomb_of_text_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(STORY.format(n=1).encode() + b"\n\n")
        for _ in range(20):
            out.write(b"a" * 10_000_000)
    tracemalloc.start()
    try:
        items = read(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "too_large" in [i.code for i in items if isinstance(i, Rejection)]
    assert peak < 120_000_000, f"peak {peak:,} bytes"


# --- markup: deep nesting, entity expansion, enormous single lines -----------------------------

def test_deeply_nested_html_is_read_or_rejected(tmp_path: Path) -> None:
    for depth in (1_000, 100_000):
        path = tmp_path / f"deep{depth}.html"
        path.write_bytes(b"<html><body>" + b"<div>" * depth + b"<p>" + STORY.format(n=1).encode()
                         + b"</p>" + b"</div>" * depth + b"</body></html>")
        read(path)
        unclosed = tmp_path / f"open{depth}.html"
        unclosed.write_bytes(b"<html><body>" + b"<span><b><i>" * depth + STORY.format(n=2).encode())
        read(unclosed)


def test_a_feed_with_a_broken_encoding_declaration_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"  # found by tests/fuzz/atheris_ingest.py
    path.write_bytes(b'<?xml version="1.0" encoding="u\xfftf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                     b"<title>x</title><entry><title>t</title><summary>" + STORY.format(n=1).encode()
                     + b"</summary></entry></feed>")
    (item,) = read(path)
    assert isinstance(item, Rejection) and item.code == "malformed_feed"


def test_a_dateline_without_a_date_group_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"  # found by tests/fuzz/atheris_ingest.py
    path.write_text("Thai Co\u00a0\u00a0 (Reuters) - Thailand's Constitutional Court on Wednesday dissolved the "
                    "main opposition party, officials said.\n\nThe ruling was read in Bangkok.", encoding="utf-8")
    assert documents(read(path))


def test_entity_expansion_in_a_feed_does_not_blow_up(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    path = tmp_path / "laughs.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><rss version="2.0"><channel>'
                    "<title>x</title><item><title>t</title><description>&e9;</description></item>"
                    "</channel></rss>", encoding="utf-8")
    for item in documents(read(path)):
        assert len(item.body) < 10_000, "an entity was expanded"


def test_enormous_single_lines_in_every_line_format(tmp_path: Path) -> None:
    line = b"word " * 2_000_000  # 10 MB without a line break
    cases = {"big.txt": STORY.format(n=1).encode() + b"\n\n" + line,
             "big.jsonl": b'{"text": "' + STORY.format(n=1).encode() + b'"}\n{"text": "' + line + b'"}\n',
             "big.html": b"<html><body><p>" + STORY.format(n=1).encode() + b"</p><p>" + line + b"</p></body></html>"}
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        items = read(path, max_article_chars=50_000)
        assert documents(items) or any(i.code == "too_large" for i in items if isinstance(i, Rejection)), name


# --- encoding mistakes ------------------------------------------------------------------------

_TEXTS = ["Police in Dhaka arrested 12 activists on Monday, officials said.",
          "Le président a limogé le Premier ministre à Tunis, selon l'agence officielle.",
          "قالت وزارة الدفاع السورية إن قواتها تصدت لهجوم في ريف إدلب.",
          "Полиция задержала 12 активистов в Москве в понедельник.", "東京で抗議デモが行われた。"]
_CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1",
           "cp1256", "koi8-r", "shift_jis", "mac_roman", "cp437"]


@_FUZZ
@given(text=st.sampled_from(_TEXTS), codec=st.sampled_from(_CODECS), second=st.sampled_from(_CODECS),
       mix=st.integers(0, 3), tail=st.integers(0, 3),
       newline=st.sampled_from(["\n", "\r\n", "\r", "\u2028"]), fmt=st.sampled_from(["txt", "jsonl", "html"]))
def test_every_encoding_mistake(tmp_path: Path, text: str, codec: str, second: str, mix: int, tail: int,
                                newline: str, fmt: str) -> None:
    body = newline.join([f"Headline {n}" if n == 0 else text for n in range(4)])
    if fmt == "jsonl":
        body = json.dumps({"text": body}, ensure_ascii=False)
    elif fmt == "html":
        body = f"<html><body><p>{body}</p></body></html>"
    data = body.encode(codec, errors="replace")
    if mix:  # a paragraph pasted from a file in another encoding
        data += (newline + text).encode(second, errors="replace") * mix
    if tail:  # cut inside a multibyte sequence, stray NULs
        data = data[:-tail] + b"\x00" * tail
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(data)
    for doc in documents(read(path)):
        doc.body.encode("utf-8")  # no lone surrogate: the text can be stored and served as UTF-8


def test_a_stray_nul_costs_only_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    good = [json.dumps({"id": f"good-{n}", "text": STORY.format(n=n)}).encode() for n in range(3)]
    path.write_bytes(b"\n".join([good[0], b'{"text": "broken \x00 record"}', good[1], good[2]]) + b"\n")
    assert [d.ref for d in documents(read(path))] == ["good-0", "good-1", "good-2"]

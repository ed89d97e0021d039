"""Ingest of each format, from the team's fixtures (WARC and gzip built in the test)."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sys
from pathlib import Path

from eventwire.ingest import iter_documents
from eventwire.model import Document, Rejection
from eventwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ROOT = Path(__file__).resolve().parents[1]


def _read(*inputs: str | Path, published: str | None = None, **settings) -> list[Document | Rejection]:
    return list(iter_documents([str(i) for i in inputs], published=published, settings=Settings(**settings)))


def _docs(items: list[Document | Rejection]) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def test_dump_split_at_wide_gaps_with_refs_and_clean_bodies() -> None:
    path = FIXTURES / "dump-afp-3blank.txt"
    docs = _docs(_read(path))
    assert [d.ref for d in docs] == [f"{path}#1", f"{path}#2"]
    gaza, pakistan = docs
    assert gaza.headline == "Israeli Strikes Kill 12 in Central Gaza, Civil Defence Says"
    assert gaza.published == "2024-12-07" and gaza.source == "AFP"
    assert gaza.dateline == "GAZA CITY, Palestinian Territories"
    assert gaza.body.startswith("Israeli air strikes killed at least 12 people")
    assert gaza.body.count("We were asleep") == 1  # the pull quote went
    assert "Advertisement" not in gaza.body and "TT" not in gaza.body.split()
    assert len(gaza.captions) == 1 and "(AFP)" in gaza.captions[0]
    assert pakistan.headline.startswith("Pakistan Arrests")
    assert "Read more" not in pakistan.body
    assert pakistan.body.endswith("vowed that the march would go ahead.")


def test_dump_split_at_repeated_headline_blocks_without_wide_gaps() -> None:
    docs = _docs(_read(FIXTURES / "dump-tight.txt"))
    assert [d.headline for d in docs] == ["Mali Junta Expels French Ambassador", "Chad Opposition Calls Boycott of Legislative Vote"]
    for doc in docs:
        assert len(doc.captions) == 1
        assert doc.headline not in doc.body
        assert len(doc.body.split("\n\n")) == 2


def test_single_article_ref_is_the_path_and_published_falls_back() -> None:
    path = FIXTURES / "single-hardwrapped.txt"
    (doc,) = _read(path, published="2024-08-07")
    assert isinstance(doc, Document)
    assert doc.ref == str(path)
    assert doc.published == "2024-08-07"
    assert doc.byline == "Somchai Rattanakul and Anna Weber"
    assert "\n" not in doc.body.split("\n\n")[0]
    assert "Reporting by" not in doc.body


def test_metadata_date_beats_published_option() -> None:
    (gaza, _) = _docs(_read(FIXTURES / "dump-afp-3blank.txt", published="2020-01-01"))
    assert gaza.published == "2024-12-07"


def test_html_page() -> None:
    (doc,) = _read(FIXTURES / "page.html")
    assert isinstance(doc, Document)
    assert doc.headline == "Armenia and Azerbaijan Agree on Border Commission"
    assert doc.source == "Caucasus Wire"
    assert doc.published == "2024-04-20"
    assert doc.byline and "Harutyunyan" in doc.byline
    assert doc.body.startswith("Armenia and Azerbaijan agreed on Friday")
    assert "Advertisement" not in doc.body and "Copyright" not in doc.body and "Home" not in doc.body
    assert len(doc.body.split("\n\n")) == 4


def test_rss_and_atom_feeds_each_entry_an_article() -> None:
    rss = FIXTURES / "feed-rss.xml"
    docs = _docs(_read(rss, FIXTURES / "feed-atom.xml"))
    assert [d.ref for d in docs[:2]] == [f"{rss}#1", f"{rss}#2"]
    assert docs[0].url == "https://example.org/somalia-town"
    assert docs[0].published == "2024-03-12" and docs[0].source == "Horn of Africa Monitor"
    assert docs[0].body.split("\n\n")[1].startswith('"Our forces are now')
    assert docs[2].headline == "Peru's Congress votes to remove interior minister"
    assert docs[2].byline == "Carla Quispe" and docs[2].published == "2024-05-02"


def _warc(path: Path, pages: list[tuple[str, bytes]], *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://example.org/", "request", http_headers=req))


def test_warc_each_html_response_an_article(tmp_path) -> None:
    page = (FIXTURES / "page.html").read_bytes()
    other = (FIXTURES / "malformed.html").read_bytes()
    for gz in (False, True):
        path = tmp_path / ("a.warc.gz" if gz else "a.warc")
        _warc(path, [("https://example.org/armenia", page), ("https://example.org/yerevan", other)], gz=gz)
        docs = _docs(_read(path))
        assert [d.url for d in docs] == ["https://example.org/armenia", "https://example.org/yerevan"]
        assert docs[0].ref == f"{path}#1" and docs[0].format == "warc"
        assert docs[0].headline == "Armenia and Azerbaijan Agree on Border Commission"
        assert "Thousands of people rallied in Yerevan" in docs[1].body


def test_jsonl_ids_are_refs_and_broken_line_reported(tmp_path) -> None:
    path = FIXTURES / "records.jsonl"
    items = _read(path)
    assert isinstance(items[0], Document) and items[0].ref == "wire-001"
    assert items[0].headline == "Sudan army repels RSF attack" and items[0].published == "2024-09-14"
    assert isinstance(items[1], Rejection) and items[1].input == f"{path}:2" and items[1].code == "malformed_json"
    assert isinstance(items[2], Document) and items[2].ref == f"{path}#2" and items[2].source == "AP"


def test_json_array(tmp_path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"id": 7, "text": "Police in Lagos arrested 40 protesters on Monday, a spokesman said."}, 3]', encoding="utf-8")
    items = _read(path)
    assert isinstance(items[0], Document) and items[0].ref == "7"
    assert isinstance(items[1], Rejection) and items[1].code == "malformed_json"


def test_directory_glob_and_gzip(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "dump-tight.txt", corpus / "b.txt")
    shutil.copy(FIXTURES / "french.txt", corpus / "sub" / "a.txt")
    (corpus / ".hidden").write_text("not news", encoding="utf-8")
    with gzip.open(corpus / "c.jsonl.gz", "wb") as out:
        out.write((FIXTURES / "records.jsonl").read_bytes())
    refs = [d.ref for d in _docs(_read(corpus))]
    assert refs == [f"{corpus}/b.txt#1", f"{corpus}/b.txt#2", "wire-001", f"{corpus}/c.jsonl.gz#2", f"{corpus}/sub/a.txt"]
    globbed = _read(f"{corpus}/*.txt")
    assert [d.ref for d in _docs(globbed)] == [f"{corpus}/b.txt#1", f"{corpus}/b.txt#2"]


def test_stdin(monkeypatch) -> None:
    data = (FIXTURES / "dump-tight.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs = _docs(_read("-"))
    assert [d.ref for d in docs] == ["<stdin>#1", "<stdin>#2"]


def test_non_english_kept_with_warning() -> None:
    (doc,) = _read(FIXTURES / "french.txt")
    assert isinstance(doc, Document)
    assert doc.language == "fr" and doc.warnings
    assert doc.headline == "Le gouvernement malien expulse l'ambassadeur de France"


def test_language_check_can_be_switched_off() -> None:
    (doc,) = _read(FIXTURES / "french.txt", language_check=False)
    assert doc.language == "en" and not doc.warnings


def test_over_long_article_split_into_parts(tmp_path) -> None:
    paragraphs = [
        f"On day {i} the army said that it had repelled an attack on its positions near the border town. " * 5
        for i in range(40)
    ]
    path = tmp_path / "long.txt"
    path.write_text("Army Repels Attack Near Border\n\n" + "\n\n".join(p.strip() for p in paragraphs), encoding="utf-8")
    docs = _docs(_read(path, max_article_chars=5000))
    assert len(docs) >= 4
    assert [d.ref for d in docs[:2]] == [f"{path}#1-part1", f"{path}#1-part2"]
    assert all(len(d.body) <= 5000 for d in docs)
    assert all(any("part" in w for w in d.warnings) for d in docs)
    assert docs[0].headline == "Army Repels Attack Near Border"
    assert sum(d.body.count("repelled an attack") for d in docs) == 200


def test_demo_corpus_reads_into_eight_clean_articles() -> None:
    docs = _docs(_read(ROOT / "samples"))
    assert len(docs) == 8
    for doc in docs:
        assert doc.headline and doc.published and doc.language == "en"
        assert doc.headline not in doc.body
        assert not any(c in doc.body for c in doc.captions)
        assert 150 <= len(doc.body.split()) <= 400, doc.ref
        for junk in ("Advertisement", "\nTT\n", "Read more", "Share this", "Subscribe"):
            assert junk not in doc.body, (doc.ref, junk)


def test_jsonl_text_holding_html_is_turned_into_paragraphs(tmp_path) -> None:
    path = tmp_path / "html.jsonl"
    record = {
        "id": "h1",
        "text": "<p>CARACAS (Reuters) - Venezuelan police detained 25 protesters on Sunday.</p>"
        "<p>Advertisement</p><p>The opposition said the arrests were illegal.</p>",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = _read(path)
    assert isinstance(doc, Document)
    assert doc.body == "Venezuelan police detained 25 protesters on Sunday.\n\nThe opposition said the arrests were illegal."


def test_dump_with_rule_lines_and_scraper_fields(tmp_path) -> None:
    path = tmp_path / "scraped.txt"
    path.write_text(
        "Title: Bolivian Troops Withdraw From Square After Failed Coup Bid\n"
        "URL: https://example.org/bolivia-coup\n"
        "Date: 2024-06-27\n"
        "Source: Andes Wire\n\n"
        "LA PAZ (Reuters) - Bolivian troops withdrew from the main square in La Paz on Wednesday after "
        "President Luis Arce named a new army chief, hours after armoured vehicles rammed the palace doors.\n\n"
        "The former army commander was arrested, the interior minister said.\n"
        "----------\n"
        "Title: Ecuador Declares State of Emergency in Three Provinces\n"
        "https://example.org/ecuador-emergency\n\n"
        "QUITO (AP) — Ecuador's president declared a 60-day state of emergency in three provinces on Monday "
        "after a wave of attacks on police stations blamed on drug gangs.\n",
        encoding="utf-8",
    )
    bolivia, ecuador = _docs(_read(path))
    assert bolivia.headline == "Bolivian Troops Withdraw From Square After Failed Coup Bid"
    assert bolivia.url == "https://example.org/bolivia-coup"
    assert bolivia.published == "2024-06-27" and bolivia.source == "Andes Wire"
    assert bolivia.body.startswith("Bolivian troops withdrew") and "URL" not in bolivia.body
    assert ecuador.headline.startswith("Ecuador Declares") and ecuador.url == "https://example.org/ecuador-emergency"
    assert ecuador.body.startswith("Ecuador's president declared")


def test_dump_of_headless_stories_split_at_datelines(tmp_path) -> None:
    path = tmp_path / "bodies.txt"
    path.write_text(
        "DHAKA (Reuters) - Bangladesh police arrested 30 opposition activists on Friday after clashes in the capital.\n\n"
        "The opposition said the arrests were politically motivated.\n\n\n"
        "The interior ministry later said 12 of them had been released.\n\n\n"
        "COLOMBO, Sri Lanka (AP) — Sri Lanka's president dissolved parliament on Tuesday and called a snap election.\n",
        encoding="utf-8",
    )
    docs = _docs(_read(path))
    assert [d.dateline for d in docs] == ["DHAKA", "COLOMBO, Sri Lanka"]
    assert docs[0].body.endswith("12 of them had been released.")
    assert docs[0].headline is None


def test_pretty_printed_json_object(tmp_path) -> None:
    path = tmp_path / "one.json"
    record = {"id": "p1", "text": "Police in Lima detained 15 protesters on Saturday, officials said."}
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    (doc,) = _read(path)
    assert isinstance(doc, Document) and doc.ref == "p1"


def test_over_long_jsonl_record_split_with_its_size(tmp_path) -> None:
    path = tmp_path / "long.jsonl"
    text = "\n".join(f"On day {i} the ministry said that talks with the rebels would resume next week." for i in range(100))
    path.write_text(json.dumps({"id": "L", "text": text}) + "\n", encoding="utf-8")
    docs = _docs(_read(path, max_article_chars=3000))
    assert [d.ref for d in docs[:2]] == ["L-part1", "L-part2"] and len(docs) >= 3
    assert all(f"{len(text):,} characters" in d.warnings[-1] for d in docs)
    assert sum(d.body.count("talks with the rebels") for d in docs) == 100


def test_dump_of_several_outlets_house_styles() -> None:
    docs = _docs(_read(FIXTURES / "dump-mixed-outlets.txt"))
    assert len(docs) == 4
    china, russia, westbank, pakistan = docs
    assert china.source == "Xinhua" and china.dateline == "BEIJING"
    assert "Editor:" not in china.body and china.body.startswith("China's foreign ministry on Friday")
    assert russia.source == "TASS" and russia.dateline == "MOSCOW"
    assert russia.body.startswith("Russia's Foreign Ministry on Monday declared")
    assert westbank.headline == "Israeli raids kill five in occupied West Bank"
    assert westbank.published == "2024-02-12" and "Follow" not in westbank.body
    assert westbank.body.split("\n\n")[1].startswith("Israeli forces killed five")
    assert pakistan.dateline == "KARACHI" and pakistan.published == "2024-05-14"
    assert pakistan.url == "https://example.net/n/abc123"
    assert pakistan.body.startswith("Police in Pakistan's southern port city")
    assert "Short Url" not in pakistan.body


def test_dump_mixing_languages_gives_each_article_its_own(tmp_path) -> None:
    path = tmp_path / "mixed.txt"
    english = (FIXTURES / "dump-tight.txt").read_text(encoding="utf-8").split("Chad Opposition")[0].strip()
    arabic = (
        "الجيش السوري يتصدى لهجوم في ريف إدلب\n\n"
        "قالت وزارة الدفاع السورية يوم الاثنين إن قواتها تصدت لهجوم شنته جماعات مسلحة على مواقعها في ريف إدلب "
        "الجنوبي، وأضافت أن الهجوم أسفر عن مقتل جنديين وإصابة خمسة آخرين في اشتباكات استمرت ساعات.\n"
    )
    path.write_text(english + "\n\n\n\n" + arabic, encoding="utf-8")
    mali, syria = _docs(_read(path))
    assert mali.language == "en" and not mali.warnings
    assert syria.language == "ar" and syria.headline == "الجيش السوري يتصدى لهجوم في ريف إدلب"
    assert syria.warnings and "إدلب" in syria.body

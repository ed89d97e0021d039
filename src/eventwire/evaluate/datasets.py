"""Loaders for the development sets in ../shared/eval (read in place, never copied).

Each loader returns plain records; PLOVER-GSR becomes `GoldArticle`s so that it is scored by the
same event-matching rules as the project's own gold files.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .gold import GoldArticle, GoldEvent
from .metrics import NON_STATE_HEADS, split_code

SHARED_FILES = {
    "plover-gsr": "plover_gsr_cameo.json",
    "confli-class": "confli_cameo_class_dev.tsv",
    "confli-spans": "confli_cameo_spans_dev.txt",
    "lgl": "geo/lgl.xml",
    "geovirus": "geo/GeoVirus.xml",
}


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    ref: str
    text: str
    label: int


@dataclass(frozen=True, slots=True)
class SpanSentence:
    """A CoNLL sentence rebuilt as text: `offsets[i]` are the (start, end) of token i."""

    ref: str
    text: str
    offsets: tuple[tuple[int, int], ...]
    tags: tuple[str, ...]

    def token_indexes(self, start: int, end: int) -> set[int]:
        return {i for i, (s, e) in enumerate(self.offsets) if s < end and start < e}

    def gold_tokens(self, role: str) -> set[int]:
        return {i for i, t in enumerate(self.tags) if t in (f"B-{role}", f"I-{role}")}


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class GeoArticle:
    """`ungrounded` are annotated toponyms with no gazetteer entry (streets ...): not scored, and a
    predicted place on one is not a false positive."""

    ref: str
    text: str
    toponyms: tuple[Toponym, ...]
    ungrounded: tuple[tuple[int, int], ...] = ()


def shared_path(data_dir: Path, name: str) -> Path:
    return data_dir / SHARED_FILES[name]


def present(data_dir: Path | None, name: str) -> bool:
    return data_dir is not None and shared_path(data_dir, name).is_file()


def load(name: str, data_dir: Path) -> list[Any]:
    path = shared_path(data_dir, name)
    if not path.is_file():
        raise InputError(str(path), f"dataset {name!r} is not present; pass --data DIR (../shared/eval)")
    return _LOADERS[name](path)


# PLOVER-GSR -------------------------------------------------------------------------------------


def load_plover_gsr(path: Path) -> list[GoldArticle]:
    """One GoldArticle per distinct sentence; each record is one of its events."""
    records = json.loads(path.read_text(encoding="utf-8"))
    by_text: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        if rec.get("event") != "DOCUMENT" and isinstance(rec.get("text"), str) and rec["text"].strip():
            by_text[rec["text"]].append(rec)
    articles = []
    for text, recs in by_text.items():
        articles.append(
            GoldArticle(
                ref=recs[0]["id"],
                text=text,
                published=recs[0].get("date"),
                events=tuple(_gsr_event(r) for r in recs),
            )
        )
    return articles


def _gsr_event(rec: dict[str, Any]) -> GoldEvent:
    sources = _gsr_actors(rec.get("source"))
    targets = _gsr_actors(rec.get("target"))
    info = rec.get("textInfo")
    markup = str(info.get("markup", "")) if isinstance(info, dict) else str(info or "")
    if not targets and "SRC/TAR" in markup:
        targets = sources  # symmetric events ("A and B agreed"): either side may be the target
    loc = rec.get("eventLoc") or {}
    return GoldEvent(
        sources=sources,
        targets=targets,
        plover=str(rec.get("event") or ""),
        trigger=rec.get("eventText"),
        fatalities=_count(rec.get("dead")),
        injured=_count(rec.get("injured")),
        place=loc.get("name") if isinstance(loc, dict) else None,
    )


def _gsr_actors(value: Any) -> tuple[str, ...]:
    """Country code + the first three letters of the sector ('***' = none given)."""
    if not isinstance(value, list):
        return ()
    codes = []
    for actor in value:
        if not isinstance(actor, dict) or not actor.get("code"):
            continue
        head, _ = split_code(actor["code"])
        sector = re.sub(r"[^A-Z]", "", str(actor.get("sector") or "")[:3].upper())
        keep = len(sector) == 3 and head not in NON_STATE_HEADS
        codes.append(head + sector if keep else head)
    return tuple(dict.fromkeys(codes))


def _count(value: Any) -> int | None:
    try:
        return int(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None


# ConfliBERT -------------------------------------------------------------------------------------


def load_confli_class(path: Path) -> list[LabelledSentence]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text, _, label = line.rpartition("\t")
        if text.strip() and label.strip().isdigit():
            out.append(LabelledSentence(f"confli-class:{n}", text.strip(), int(label)))
    return out


_NO_SPACE_BEFORE = re.compile(r"^([.,;:!?%)\]}”]|'s|'|’s|n't|'re|'ve|'ll|'d|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "“"}
_CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}
_APOSTROPHES = {"'", "’"}


def load_confli_spans(path: Path) -> list[SpanSentence]:
    blocks = [b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return [_span_sentence(f"confli-spans:{i}", block) for i, block in enumerate(blocks, 1)]


def _span_sentence(ref: str, block: str) -> SpanSentence:
    """Tokens are re-joined the way news prints them, so the tagger sees ordinary text."""
    tokens, tags = [], []
    for line in block.strip().split("\n"):
        token, _, tag = line.rpartition(" ")
        if not token:
            token, tag = tag, "O"
        tokens.append(token)
        tags.append(tag)
    text, offsets = "", []
    for i, token in enumerate(tokens):
        if text and not _glued(tokens, i):
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
    return SpanSentence(ref, text, tuple(offsets), tuple(tags))


def _hyphen_at(tokens: list[str], i: int) -> bool:
    """Token i is a hyphen between two word tokens (the data splits hyphenated words)."""
    return (0 < i < len(tokens) - 1 and tokens[i] == "-" and tokens[i - 1][-1:].isalnum()
            and tokens[i + 1][:1].isalnum())


def _glued(tokens: list[str], i: int) -> bool:
    """True when token i is printed without a space before it."""
    token, prev = tokens[i], tokens[i - 1]
    nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    if prev in _NO_SPACE_AFTER:
        return True
    if token in _APOSTROPHES and nxt in _CLITICS:  # "Trump ’ s" -> "Trump’s"
        return True
    if prev in _APOSTROPHES and token.lower() in _CLITICS:
        return True
    if _hyphen_at(tokens, i) or _hyphen_at(tokens, i - 1):  # "rebel - held" -> "rebel-held"
        return True
    return bool(_NO_SPACE_BEFORE.match(token))


# Geo -----------------------------------------------------------------------------------------------


def load_lgl(path: Path) -> list[GeoArticle]:
    root = ET.parse(path).getroot()
    out = []
    for i, art in enumerate(root.iter("article"), 1):
        text = art.findtext("text") or ""
        tops, ungrounded = [], []
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            if gaz is None or gaz.findtext("lat") is None:
                ungrounded.append((int(t.findtext("start") or 0), int(t.findtext("end") or 0)))
                continue
            gid = gaz.get("geonameid")
            tops.append(
                Toponym(
                    int(t.findtext("start") or 0), int(t.findtext("end") or 0), t.findtext("phrase") or "",
                    float(gaz.findtext("lat") or 0), float(gaz.findtext("lon") or 0),
                    int(gid) if gid and gid.isdigit() else None,
                )
            )
        out.append(GeoArticle(f"lgl:{art.get('docid') or i}", text, tuple(tops), tuple(ungrounded)))
    return out


def load_geovirus(path: Path) -> list[GeoArticle]:
    root = ET.parse(path).getroot()
    out = []
    for i, art in enumerate(root.iter("article"), 1):
        text = art.findtext("text") or ""
        tops = []
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            if loc.findtext("lat") is None or not name:
                continue
            start = _locate(text, name, int(loc.findtext("start") or 0))
            tops.append(
                Toponym(
                    start, start + len(name), name,
                    float(loc.findtext("lat") or 0), float(loc.findtext("lon") or 0),
                )
            )
        tops.sort(key=lambda t: t.start)
        out.append(GeoArticle(f"geovirus:{i}", text, tuple(tops)))
    return out


def _locate(text: str, name: str, start: int) -> int:
    """GeoVirus offsets are one past the name's start; take the occurrence nearest the given one."""
    for guess in (start - 1, start, start + 1):
        if text[guess : guess + len(name)] == name:
            return guess
    found = [m.start() for m in re.finditer(re.escape(name), text)]
    return min(found, key=lambda s: abs(s - start)) if found else max(0, start - 1)


_LOADERS = {
    "plover-gsr": load_plover_gsr,
    "confli-class": load_confli_class,
    "confli-spans": load_confli_spans,
    "lgl": load_lgl,
    "geovirus": load_geovirus,
}

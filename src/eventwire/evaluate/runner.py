"""Runs a dataset through the real pipeline and scores it: `run_dataset`, `run_all`."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Document, article_id
from . import datasets
from .datasets import GeoArticle, LabelledSentence, SpanSentence
from .geo import EndToEndScores, ResolveScores
from .gold import GoldArticle, load_gold
from .scoring import ArticleScores, ErrorLog, score_article
from .sentences import PentaScores, SpanScores

SHARED_SETS = tuple(datasets.SHARED_FILES)
PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass
class DatasetResult:
    name: str
    items: int
    limit: int | None
    figures: dict[str, float]
    seconds: dict[str, float]
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    breakdown: dict[str, Any] = field(default_factory=dict)

    def as_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "items": self.items,
            "limit": self.limit,
            "figures": self.figures,
            "seconds": self.seconds,
        }
        if self.notes:
            out["notes"] = self.notes
        if self.breakdown:
            out["breakdown"] = self.breakdown
        if with_errors:
            out["errors"] = self.errors
        return out


def default_data_dir() -> Path | None:
    """../shared/eval beside the project (or beside the working directory), when present."""
    for base in (Path.cwd(), PROJECT_ROOT):
        candidate = base.parent / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return None


def default_gold_files() -> list[Path]:
    for base in (Path.cwd(), PROJECT_ROOT):
        found = sorted((base / "eval" / "gold").glob("*.jsonl"))
        if found:
            return found
    return []


def expand(spec: str, data_dir: Path | None) -> list[str]:
    """'all' -> every shared set present plus gold:FILE for each eval/gold/*.jsonl."""
    if spec != "all":
        return [spec]
    names = [n for n in SHARED_SETS if datasets.present(data_dir, n)]
    return names + [f"gold:{p}" for p in default_gold_files()]


def result_key(name: str) -> str:
    """The name a result is stored under: gold:eval/gold/wire.jsonl -> gold:wire."""
    return f"gold:{Path(name[5:]).stem}" if name.startswith("gold:") else name


def check(spec: str, data_dir: Path | None) -> list[str]:
    """The dataset names `spec` stands for; InputError (before any model loads) when one is
    unknown or absent."""
    names = expand(spec, data_dir)
    if not names:
        raise InputError(spec, "no dataset found: pass --data DIR (../shared/eval) or add eval/gold/*.jsonl")
    for name in names:
        if name.startswith("gold:"):
            if not Path(name[5:]).is_file():
                raise InputError(name, "gold file not found; give gold:PATH to a .jsonl file (docs/eval.md)")
        elif name not in SHARED_SETS:
            known = ", ".join((*SHARED_SETS, "gold:FILE", "all"))
            raise InputError(name, f"unknown dataset; use one of {known}")
        elif not datasets.present(data_dir, name):
            raise InputError(name, "the shared evaluation data is not present; pass --data DIR (../shared/eval)")
    return names


def run_all(spec: str, extractor: Any, *, data_dir: Path | None = None, limit: int | None = None,
            limits: dict[str, int] | None = None) -> dict[str, DatasetResult]:
    data_dir = data_dir if data_dir is not None else default_data_dir()
    names = check(spec, data_dir)
    out = {}
    for name in names:
        n = limit if limit is not None else (limits or {}).get(result_key(name))
        out[result_key(name)] = run_dataset(name, extractor, data_dir=data_dir, limit=n)
    return out


def run_dataset(name: str, extractor: Any, *, data_dir: Path | None = None,
                limit: int | None = None) -> DatasetResult:
    """Loads `name` (a shared set or gold:FILE), runs the pipeline on it, and scores it."""
    log = ErrorLog(result_key(name))
    before = dict(extractor.timings.seconds)
    started = time.perf_counter()
    extra: dict[str, float] = {}
    notes: list[str] = []
    breakdown: dict[str, Any] = {}
    if name.startswith("gold:"):
        items: Sequence[Any] = _limited(load_gold(name[5:]), limit)
        figures = _run_gold(items, extractor, log, breakdown)
    elif name in SHARED_SETS:
        if data_dir is None:
            raise InputError(name, "the shared evaluation data is not present; pass --data DIR (../shared/eval)")
        items = _limited(datasets.load(name, data_dir), limit)
        if name == "plover-gsr":
            figures = _run_gold(items, extractor, log, breakdown)
        elif name == "confli-class":
            figures = _run_penta(items, extractor, log, breakdown)
        elif name == "confli-spans":
            figures = _run_spans(items, extractor, log)
        else:
            figures = _run_geo(items, extractor, log, extra, notes)
    else:
        known = ", ".join((*SHARED_SETS, "gold:FILE", "all"))
        raise InputError(name, f"unknown dataset; use one of {known}")
    seconds = {k: round(v - before.get(k, 0.0), 3) for k, v in extractor.timings.seconds.items()}
    seconds = {k: v for k, v in seconds.items() if v > 0} | extra
    seconds["total"] = round(time.perf_counter() - started, 3)
    failed = [e for e in log.items if e["kind"] == "pipeline_error"]
    if failed:
        notes.append(f"the pipeline raised on {len(failed)} item(s), scored as empty; first: {failed[0]['error']}")
    if items:
        seconds["per_item_ms"] = round(1000 * seconds["total"] / len(items), 1)
    return DatasetResult(result_key(name), len(items), limit, figures, seconds, log.items, notes, breakdown)


def _limited(items: list[Any], limit: int | None) -> list[Any]:
    return items if limit is None or limit <= 0 else items[:limit]


def _extract(extractor: Any, texts: Sequence[tuple[str, str, str | None]], log: ErrorLog) -> list[Article]:
    """Each text cleaned (timed as the `clean` stage) and run as one article."""
    from ..clean import clean_document

    started = time.perf_counter()
    docs = [clean_document(Document(ref=ref, body=text, published=published, language="en"))
            for ref, text, published in texts]
    extractor.timings.add("clean", started)
    return extract_robustly(extractor, docs, log)


def extract_robustly(extractor: Any, docs: list[Document], log: ErrorLog) -> list[Article]:
    """Articles for `docs` in order. A stage that raises must not stop the evaluation of every
    other item: the failing batch is retried one document at a time, and a document that still
    fails is scored as an empty article and logged as a `pipeline_error`."""
    size = max(1, int(getattr(extractor.settings, "batch_size", 16)))
    out: list[Article] = []
    for i in range(0, len(docs), size):
        chunk = docs[i : i + size]
        try:
            out.extend(extractor.extract(chunk))
        except Exception:  # noqa: BLE001 - any stage failure is reported per document below
            out.extend(_extract_one(extractor, d, log) for d in chunk)
    return out


def _extract_one(extractor: Any, doc: Document, log: ErrorLog) -> Article:
    try:
        return next(iter(extractor.extract([doc])))
    except Exception as exc:  # noqa: BLE001 - reported, and the item scores as found-nothing
        reason = f"{type(exc).__name__}: {exc}"
        log.add(doc.ref or "?", "pipeline_error", doc.body[:300], error=reason)
        return Article(id=article_id(doc.body), ref=doc.ref, source=doc.source, url=doc.url,
                       headline=doc.headline, published=doc.published, captions=doc.captions,
                       body=doc.body, language=doc.language or "en", warnings=(f"pipeline failed: {reason}",))


def _run_gold(items: Sequence[GoldArticle], extractor: Any, log: ErrorLog,
              breakdown: dict[str, Any]) -> dict[str, float]:
    scores = ArticleScores()
    plain = [g for g in items if not g.input]
    articles = _extract(extractor, [(g.ref, g.text, g.published) for g in plain], log)
    for gold, article in zip(plain, articles, strict=True):
        score_article(gold, article, scores, log)
    clean = _CleanScore()
    for gold in (g for g in items if g.input):
        article = _extract_input(gold, extractor, log)
        clean.add(gold, article)
        score_article(gold, article, scores, log)
    if scores.by_type:
        breakdown["events_by_type"] = {
            t: {"gold": n, "matched": m, "recall": round(m / n, 4)} for t, (n, m) in sorted(scores.by_type.items())
        }
    return scores.figures() | clean.figures()


def _extract_input(gold: GoldArticle, extractor: Any, log: ErrorLog) -> Article:
    """Gold keyed by `input` ("samples/x.txt#2"): ingest reads and cleans the file, as in
    `eventwire extract`; the n-th article of the file (1-based) is scored."""
    from .. import ingest

    assert gold.input is not None
    path, _, nth = gold.input.partition("#")
    file = Path(path)
    if not file.is_absolute() and not file.exists():
        file = PROJECT_ROOT / path
    started = time.perf_counter()
    docs = [d for d in ingest.iter_documents([str(file)], published=gold.published,
                                             settings=extractor.settings) if isinstance(d, Document)]
    extractor.timings.add("ingest", started)
    index = int(nth) - 1 if nth.isdigit() else 0
    by_ref = [d for d in docs if d.ref and d.ref.endswith(gold.input)]
    if by_ref:
        doc = by_ref[0]
    elif 0 <= index < len(docs):
        doc = docs[index]
    else:  # ingest did not split the file as the gold expects: scored as found-nothing
        doc = Document(ref=gold.input, body="", published=gold.published)
        log.add(gold.ref, "pipeline_error", gold.text[:300],
                error=f"ingest found {len(docs)} article(s) in {path}, the gold expects #{nth}")
        return _extract_one(extractor, doc, log)
    return _extract_one(extractor, doc, log)


@dataclass
class _CleanScore:
    """For gold given by `input` with a `text`: how close the cleaned body is to the gold body
    (word-level F1 over word multisets)."""

    total: float = 0.0
    exact: int = 0
    n: int = 0

    def add(self, gold: GoldArticle, article: Article) -> None:
        if not gold.text:
            return
        from collections import Counter

        from .metrics import norm_text

        g, p = Counter(norm_text(gold.text).split()), Counter(norm_text(article.body).split())
        common = sum((g & p).values())
        prec = common / sum(p.values()) if p else 0.0
        rec = common / sum(g.values()) if g else 0.0
        self.total += 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        self.exact += norm_text(gold.text) == norm_text(article.body)
        self.n += 1

    def figures(self) -> dict[str, float]:
        if not self.n:
            return {}
        return {"clean.body_f1": round(self.total / self.n, 4), "clean.exact": round(self.exact / self.n, 4)}


def _run_penta(items: Sequence[LabelledSentence], extractor: Any, log: ErrorLog,
               breakdown: dict[str, Any]) -> dict[str, float]:
    scores = PentaScores()
    articles = _extract(extractor, [(s.ref, s.text, None) for s in items], log)
    for item, article in zip(items, articles, strict=True):
        scores.add(item, article, log)
    breakdown["confusion"] = scores.confusion()
    return scores.figures()


def _run_spans(items: Sequence[SpanSentence], extractor: Any, log: ErrorLog) -> dict[str, float]:
    scores = SpanScores()
    articles = _extract(extractor, [(s.ref, s.text, None) for s in items], log)
    for item, article in zip(items, articles, strict=True):
        scores.add(item, article, log)
    return scores.figures()


def _run_geo(items: Sequence[GeoArticle], extractor: Any, log: ErrorLog, seconds: dict[str, float],
             notes: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {"articles": len(items)}
    resolver = getattr(extractor.geo, "resolve_toponyms", None)
    if resolver is None:
        notes.append("places.Geoparser.resolve_toponyms is not available: resolution of gold toponyms not scored")
    else:
        resolve = ResolveScores()
        started = time.perf_counter()
        for item in items:
            spans = [(t.start, t.end) for t in item.toponyms]
            try:
                places = list(resolver(item.text, spans)) if spans else []
            except Exception as exc:  # noqa: BLE001 - reported; the item's toponyms count as unresolved
                log.add(item.ref, "pipeline_error", item.text[:300], error=f"{type(exc).__name__}: {exc}")
                places = []
            resolve.add(item, places, log)
        seconds["places.resolve_toponyms"] = round(time.perf_counter() - started, 3)
        figures |= resolve.figures("resolve")
    e2e = EndToEndScores()
    docs = [Document(ref=i.ref, body=i.text, language="en") for i in items]
    for item, article in zip(items, extract_robustly(extractor, docs, log), strict=True):
        e2e.add(item, article, log)
    return figures | e2e.figures("e2e")

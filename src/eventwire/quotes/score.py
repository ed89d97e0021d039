"""Scoring quotes against gold (one article at a time; `total_scores` sums articles).

Definitions (docs/quotes.md):
- A quote is the set of word tokens (`\\w+` runs of the body) its span covers. A gold quote is
  located by its exact text in the body (else by its word sequence, case-insensitive).
- Predicted and gold quotes of the same kind (direct/indirect) are paired one-to-one, greedily by
  Dice overlap of their token sets. A pair with Dice >= 0.5 is a match.
- span P/R/F1 (token overlap): overlap tokens of all pairs / tokens of all predicted (P) or all
  gold (R) quotes. match P/R/F1: matches / predicted, matches / gold.
- speaker accuracy: of the matched gold quotes that name a speaker, the share whose predicted
  speaker matches it; speaker recall: correct speakers / all gold quotes that name one.
- A speaker matches when the mention text or its actor's name equals the gold name by surname
  (last word, unless a generic word like "ministry"), by one being a word subset of the other,
  or as an acronym ("SOHR").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import Mention, Quote

_WORD = re.compile(r"\w+")
_DROP = frozenset({"the", "a", "an", "s", "mr", "mrs", "ms", "dr", "of", "for", "and"})
_GENERIC_WORDS = """ministry office council forces force army police government agency committee party
    department spokesman spokeswoman spokesperson official officials authority authorities
    minister president court military command group front movement coalition union
    observatory organization organisation commission service services"""
_GENERIC = frozenset(_GENERIC_WORDS.split())
MATCH_DICE = 0.5
_COUNTS = (
    "pred",
    "gold",
    "matched",
    "overlap",
    "pred_tokens",
    "gold_tokens",
    "speaker_ok",
    "speaker_named",
    "speaker_all",
)


def score_quotes(predicted: list[Quote], gold: list[dict[str, Any]], body: str) -> dict[str, Any]:
    """Counts and figures for one article, overall and per kind (direct_*, indirect_*)."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(body)]
    located = _locate(gold, body, words)
    out: dict[str, Any] = {"unlocated_gold": sum(1 for g in located if g[1] is None)}
    for kind, flag in (("direct", True), ("indirect", False)):
        preds = [(q, _cover(words, q.start, q.end)) for q in predicted if q.direct == flag]
        golds = [(g, toks) for g, toks in located if bool(g.get("direct", True)) == flag]
        counts = _score_kind(preds, golds)
        out.update({f"{kind}_{k}": v for k, v in counts.items()})
    return _figures(out)


def total_scores(per_article: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Sums the counts of several `score_quotes` results and recomputes the figures."""
    total: dict[str, Any] = {"unlocated_gold": 0}
    for scores in per_article:
        for key, value in scores.items():
            if key == "unlocated_gold" or any(key.endswith("_" + c) for c in _COUNTS):
                total[key] = total.get(key, 0) + value
    return _figures(total)


def same_speaker(predicted: Mention | None, gold: str) -> bool:
    """True when the predicted speaker (mention text or actor name) names the gold speaker."""
    if predicted is None or not gold:
        return False
    names = [predicted.text] + ([predicted.actor.name] if predicted.actor is not None else [])
    return any(_same_name(n, gold) for n in names)


def _same_name(a: str, b: str) -> bool:
    ta, tb = _name_words(a), _name_words(b)
    if not ta or not tb:
        return False
    if ta[-1] == tb[-1] and ta[-1] not in _GENERIC:
        return True
    if set(ta) <= set(tb) or set(tb) <= set(ta):
        return True
    return _acronym(a) in (b.replace(".", "").upper(),) or _acronym(b) == a.replace(".", "").upper()


def _name_words(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name)
    return [w for w in _WORD.findall(name.lower()) if w not in _DROP]


def _acronym(name: str) -> str:
    return "".join(w[0] for w in _WORD.findall(name) if w[0].isupper())


def _cover(words: list[tuple[int, int]], lo: int, hi: int) -> frozenset[int]:
    return frozenset(i for i, (s, e) in enumerate(words) if s < hi and e > lo)


def _locate(
    gold: list[dict[str, Any]], body: str, words: list[tuple[int, int]]
) -> list[tuple[dict[str, Any], frozenset[int] | None]]:
    used: set[int] = set()
    lowered = [body[s:e].lower() for s, e in words]
    out: list[tuple[dict[str, Any], frozenset[int] | None]] = []
    for g in gold:
        text = g.get("text", "").strip()
        at = body.find(text) if text else -1
        while at >= 0 and at in used:
            at = body.find(text, at + 1)
        if at >= 0:
            used.add(at)
            out.append((g, _cover(words, at, at + len(text))))
            continue
        seq = _WORD.findall(text.lower())
        hit = next(
            (
                i
                for i in range(len(lowered) - len(seq) + 1)
                if seq and lowered[i : i + len(seq)] == seq
            ),
            None,
        )
        out.append((g, frozenset(range(hit, hit + len(seq))) if hit is not None else None))
    return out


def _score_kind(
    preds: list[tuple[Quote, frozenset[int]]],
    golds: list[tuple[dict[str, Any], frozenset[int] | None]],
) -> dict[str, int]:
    pairs = []
    for i, (_, p) in enumerate(preds):
        for j, (_, g) in enumerate(golds):
            if g and p and (inter := len(p & g)):
                pairs.append((2 * inter / (len(p) + len(g)), inter, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    c = dict.fromkeys(_COUNTS, 0)
    for dice, inter, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        c["overlap"] += inter
        if dice >= MATCH_DICE:
            c["matched"] += 1
            if golds[j][0].get("speaker"):
                c["speaker_named"] += 1
                c["speaker_ok"] += int(same_speaker(preds[i][0].speaker, golds[j][0]["speaker"]))
    c["pred"] = len(preds)
    c["gold"] = len(golds)
    c["pred_tokens"] = sum(len(p) for _, p in preds)
    c["gold_tokens"] = sum(len(g or ()) for _, g in golds)
    c["speaker_all"] = sum(1 for g, _ in golds if g.get("speaker"))
    return c


def _figures(counts: dict[str, Any]) -> dict[str, Any]:
    out = dict(counts)
    for kind in ("direct", "indirect", "all"):

        def get(c: str, kind: str = kind) -> int:
            if kind == "all":
                return counts.get(f"direct_{c}", 0) + counts.get(f"indirect_{c}", 0)
            return counts.get(f"{kind}_{c}", 0)

        prefix = "" if kind == "all" else f"{kind}_"
        p = _ratio(get("overlap"), get("pred_tokens"))
        r = _ratio(get("overlap"), get("gold_tokens"))
        out[f"{prefix}span_p"], out[f"{prefix}span_r"], out[f"{prefix}span_f1"] = p, r, _f1(p, r)
        mp, mr = _ratio(get("matched"), get("pred")), _ratio(get("matched"), get("gold"))
        out[f"{prefix}match_p"], out[f"{prefix}match_r"], out[f"{prefix}match_f1"] = (
            mp,
            mr,
            _f1(mp, mr),
        )
        out[f"{prefix}speaker_accuracy"] = _ratio(get("speaker_ok"), get("speaker_named"))
        out[f"{prefix}speaker_recall"] = _ratio(get("speaker_ok"), get("speaker_all"))
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_gold(articles: Iterable[dict[str, Any]], extract: Any) -> dict[str, Any]:
    """Totals over gold articles (the gold format's dicts with "quotes"); `extract(text,
    published)` returns a contract `Article` (e.g. `Extractor().extract_text`)."""
    results = []
    for gold in articles:
        if "quotes" not in gold:
            continue
        article = extract(gold["text"], gold.get("published"))
        results.append(score_quotes(list(article.quotes), gold["quotes"], article.body))
    return total_scores(results)

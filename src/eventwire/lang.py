"""Language of an article: ISO 639-1 code with py3langid, careful with short texts.

langid is unreliable on a few words ("Text." comes out as Extremaduran), so short texts are
judged by their script alone, and an uncertain non-English verdict on Latin-script text falls
back to English, the language the pipeline is built for.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Below this many letters the script decides, not the character n-gram model.
MIN_LETTERS = 40
# A non-English verdict under this probability on Latin text is not trusted.
MIN_FOREIGN_CONFIDENCE = 0.6
# Languages langid may answer: those with an ISO 639-1 code, minus constructed and dead ones.
_EXCLUDED = {"vo", "wa", "an", "eo", "la", "sa"}
# Unicode script word (from the character name) -> the most likely language written in it.
_SCRIPT_LANGUAGE = {
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "HEBREW": "he",
    "GREEK": "el",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "THAI": "th",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "ETHIOPIC": "am",
}
_SAMPLE_CHARS = 1200


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    confidence: float
    method: str  # "model", "script" or "default"


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    codes = sorted({c for c in identifier.nb_classes if len(c) == 2} - _EXCLUDED)
    identifier.set_languages(codes)
    return identifier


def detect_language(text: str) -> Language:
    """The language of `text` (only its first few thousand characters are looked at)."""
    sample = text[:_SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    script = _main_script(letters)
    if len(letters) < MIN_LETTERS:
        if script is None or script == "LATIN":
            return Language("en", 0.0, "default")
        return Language(_SCRIPT_LANGUAGE.get(script, "und"), 0.5, "script")
    ranked = _identifier().rank(sample)
    code, prob = ranked[0]
    if code != "en" and script == "LATIN" and prob < MIN_FOREIGN_CONFIDENCE:
        english = dict(ranked).get("en", 0.0)
        if english > 0.05:
            return Language("en", float(english), "default")
    return Language(code, float(prob), "model")


def _main_script(letters: list[str]) -> str | None:
    counts: dict[str, int] = {}
    for ch in letters[:200]:
        name = unicodedata.name(ch, "")
        word = name.split(" ", 1)[0] if name else ""
        if word:
            counts[word] = counts.get(word, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.__getitem__)


def is_english(code: str | None) -> bool:
    return code in (None, "en")


__all__ = ["Language", "detect_language", "is_english"]

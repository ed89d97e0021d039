"""The cue lexicon (data/cues.tsv) and the words that name a medium of speech."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError

# Nouns that make "in a statement", "during a press conference", "on Telegram" the medium.
_MEDIUM_WORDS = """interview statement speech address post tweet message broadcast briefing conference remarks
    letter article column video communique communiqué declaration op-ed editorial blog podcast
    session hearing meeting rally sermon talk show program programme channel television tv radio
    newspaper paper daily magazine outlet agency network platform page account x twitter telegram
    facebook instagram youtube truth tiktok weibo wechat whatsapp media"""
MEDIUM_NOUNS = frozenset(_MEDIUM_WORDS.split())
MEDIUM_PREPS = frozenset({"in", "during", "at", "on", "via", "through", "to"})


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    uses: frozenset[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Cue]:
    """lemma -> Cue, read once from the package's data/cues.tsv."""
    text = resources.files(__package__).joinpath("data/cues.tsv").read_text(encoding="utf-8")
    cues: dict[str, Cue] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise ConfigError(
                f"quotes/data/cues.tsv line {n}: expected 'lemma<TAB>uses', got {line!r}"
            )
        cues[parts[0]] = Cue(parts[0], frozenset(u.strip() for u in parts[1].split(",")))
    return cues


@functools.lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Common nouns naming a person (data/person_nouns.txt)."""
    text = (
        resources.files(__package__).joinpath("data/person_nouns.txt").read_text(encoding="utf-8")
    )
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def cue_tokens(doc) -> list:  # type: ignore[no-untyped-def]
    """The tokens of `doc` that may be cues, found on the doc's lemma array without making a
    Token for every word (the stage must stay cheap next to the parse)."""
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return []
    wanted = _cue_hashes()
    lemmas = doc.to_array(LEMMA).tolist()
    lowers = doc.to_array(LOWER).tolist()
    hits = [
        i
        for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True))
        if lemma in wanted or lower in wanted
    ]
    return [t for t in (doc[i] for i in hits) if cue_of(t) is not None]


@functools.lru_cache(maxsize=1)
def _cue_hashes() -> frozenset[int]:
    """spaCy's string ids of the cue lemmas (their spellings as lemmas), and of "according"."""
    from spacy.strings import get_string_id

    words = {w for lemma in lexicon() for w in (lemma, lemma.title())} | {"according"}
    return frozenset(get_string_id(w) for w in words)


def cue_of(token) -> Cue | None:  # type: ignore[no-untyped-def]
    """The cue a token is, when it is a verb of reported speech ("said", "warned", "according")."""
    if token.lemma not in _cue_hashes() and token.lower not in _cue_hashes():
        return None  # most tokens: decided on integer ids, no strings built
    if token.lower_ == "according":
        return lexicon()["accord"]
    if token.pos_ not in ("VERB", "AUX"):
        return None
    return lexicon().get(token.lemma_.lower())


def has_use(token, use: str) -> bool:  # type: ignore[no-untyped-def]
    cue = cue_of(token)
    return cue is not None and use in cue.uses

"""The predicate lexicon: verbs, nouns and phrases -> CAMEO codes (format in docs/events.md).

Entries are indexed once at import by (part of speech, lemma); matching a token is one dict lookup
plus a check of the few dependents an entry names in its `when` column.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ConfigError
from .ontology import DATA, cameo_codes

if TYPE_CHECKING:
    from spacy.tokens import Token

# `when` dependency names -> the spaCy labels they stand for
_DEP_ALIASES: dict[str, frozenset[str]] = {
    "prt": frozenset({"prt", "prep", "advmod"}),
    "prep": frozenset({"prep", "agent", "dative"}),
    "dobj": frozenset({"dobj", "nsubjpass", "attr"}),
    "amod": frozenset({"amod", "compound", "nmod"}),
    "compound": frozenset({"compound", "amod", "nmod"}),
    "xcomp": frozenset({"xcomp", "ccomp"}),
    "ccomp": frozenset({"ccomp"}),
    "acomp": frozenset({"acomp"}),
    "npadvmod": frozenset({"npadvmod", "prep", "advmod"}),
}

DERIVED = "derived:"  # id prefix of noun readings derived from a verb entry ("deportation" <- deport)

FLAGS = frozenset({
    "speech", "appeal", "intent", "demand", "reject", "threaten", "consider", "permit", "sym", "light",
    "plan", "hypo",
})


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    pos: str  # "V" verb head, "N" noun head
    lemma: str
    dep: str | None  # the dependent the entry needs, e.g. "prt" for "carry out"
    words: frozenset[str]  # lemmas or forms that dependent may have; "*" = any
    cameo: str | None  # None for light and planning verbs (no event of their own)
    flags: frozenset[str]

    @property
    def rule(self) -> str:
        if self.id.startswith(DERIVED):
            return f"rule:derived-noun:{self.id[len(DERIVED):]}"
        return f"lex:{self.id}"

    def has(self, flag: str) -> bool:
        return flag in self.flags


def _parse(line: str, lineno: int) -> Entry:
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 5:
        raise ConfigError(f"lexicon.tsv line {lineno}: expected 6 tab-separated columns, got {len(cols)}")
    ident, pos, lemma, when, code = cols[:5]
    flags = frozenset(f for f in (cols[5] if len(cols) > 5 else "").split(",") if f)
    if pos not in {"V", "N"} or not flags <= FLAGS:
        raise ConfigError(f"lexicon.tsv line {lineno}: bad part of speech {pos!r} or flags {sorted(flags)}")
    if code != "-" and code not in cameo_codes():
        raise ConfigError(f"lexicon.tsv line {lineno}: unknown CAMEO code {code!r}")
    dep, words = None, frozenset()
    if when:
        dep, _, alts = when.partition(":")
        words = frozenset(alts.split("|"))
    return Entry(ident, pos, lemma, dep, words, None if code == "-" else code, flags)


@functools.cache
def entries() -> tuple[Entry, ...]:
    text = (DATA / "lexicon.tsv").read_text(encoding="utf-8")
    found = tuple(
        _parse(line, n)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    )
    seen: set[str] = set()
    for e in found:
        if e.id in seen:
            raise ConfigError(f"lexicon.tsv: entry id {e.id!r} is used twice; ids name the rule of each event")
        seen.add(e.id)
    return found


@functools.cache
def index() -> dict[tuple[str, str], tuple[Entry, ...]]:
    """(pos, lemma) -> entries, the most specific first (object conditions, particles, bare)."""
    out: dict[tuple[str, str], list[Entry]] = {}
    for e in entries():
        out.setdefault((e.pos, e.lemma), []).append(e)
    return {k: tuple(sorted(v, key=_specificity)) for k, v in out.items()}


def _specificity(e: Entry) -> int:
    """Objects name a reading most precisely ("hand over medicine"), then particles, then nothing."""
    if e.dep is None:
        return 2
    return 1 if e.dep in {"prt", "prep", "npadvmod"} else 0


def _dependent_matches(token: Token, entry: Entry) -> bool:
    labels = _DEP_ALIASES.get(entry.dep or "", frozenset({entry.dep}))
    for child in token.children:
        if child.dep_ not in labels:
            continue
        if entry.dep in {"xcomp", "ccomp"} and child.pos_ not in {"VERB", "AUX"}:
            continue  # "considers X an offshoot" is an opinion, not a complement clause
        if "*" in entry.words or child.lemma_.lower() in entry.words or child.lower_ in entry.words:
            return True
    if entry.dep == "dobj":
        # light-verb noun complements reached through a preposition ("engage in talks")
        for child in token.children:
            if child.dep_ == "prep":
                for g in child.children:
                    if g.dep_ == "pobj" and (g.lemma_.lower() in entry.words or g.lower_ in entry.words):
                        return True
    return False


def _lemma_guesses(token: Token) -> list[str]:
    """Stems to try when the tagger's lemma is not in the lexicon ("staged" -> "stag" -> "stage")."""
    low = token.lower_
    out = [low]
    if low.endswith("ied") or low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("ed") or low.endswith("es"):
        out += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            out.append(low[:-3])  # "planned" -> "plan"
    elif low.endswith("en"):
        out += [low[:-1], low[:-2]]  # "retaken" -> "retake", "beaten" -> "beat"
    elif low.endswith("ing"):
        out += [low[:-3], low[:-3] + "e"]
    elif low.endswith("s"):
        out.append(low[:-1])
    return out


_NOMINAL_SUFFIXES = (
    ("ation", ("ate", "", "e")), ("ition", ("", "e")), ("ment", ("",)), ("sion", ("d", "de", "t")),
    ("ion", ("e", "")), ("al", ("", "e")), ("ance", ("", "e")), ("ure", ("e",)), ("ing", ("", "e")),
)


@functools.cache
def derived_noun(lemma: str) -> Entry | None:
    """A noun read through the verb it is made from ("deportation" -> deport, "harassment" ->
    harass): the fallback for nouns not in the lexicon, coded like the bare verb entry."""
    for suffix, endings in _NOMINAL_SUFFIXES:
        if not lemma.endswith(suffix) or len(lemma) <= len(suffix) + 2:
            continue
        stem = lemma[: -len(suffix)]
        for ending in endings:
            verbs = index().get(("V", stem + ending), ())
            bare = next((e for e in verbs if e.dep is None and e.cameo and not e.flags & {"speech"}), None)
            if bare is not None:
                return Entry(DERIVED + bare.id, "N", lemma, None, frozenset(), bare.cameo, bare.flags)
    return None


def match(token: Token, pos: str) -> Entry | None:
    """The lexicon entry that codes this token as a verb ("V") or noun ("N") predicate, if any;
    for nouns outside the lexicon, the reading derived from their verb."""
    table = index()
    found = table.get((pos, token.lemma_.lower()))
    if not found:
        found = next((table[(pos, g)] for g in _lemma_guesses(token) if (pos, g) in table), None)
    if not found:
        return derived_noun(token.lemma_.lower()) if pos == "N" else None
    for entry in found:
        if entry.dep is None or _dependent_matches(token, entry):
            return entry
    return None


__all__ = ["DERIVED", "Entry", "derived_noun", "entries", "index", "match"]

index()  # built once at import: matching is then one dict lookup per token

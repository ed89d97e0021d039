"""Indirect quotes: reported claims without marks.

- "X said (that) CLAUSE", "CLAUSE, X said", "X told Y that CLAUSE", "X warned that ..." -- the
  clausal complement of a claim verb (data/cues.tsv, use `claim`);
- "according to X, CLAUSE" / "CLAUSE, according to X" -- the clause the phrase modifies;
- "X described Y as Z" -- the object and its characterisation (use `as`).
Questions ("did not say whether ...") are not claims. A clause that is mostly a direct quote is
left to the direct quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Quote
from .cues import cue_of, has_use
from .phrases import SUBJECTS, addressee_of
from .speaker import SpeakerFinder

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_QUESTION_MARKS = frozenset(
    {"whether", "if", "why", "how", "what", "when", "where", "who", "which", "whom", "whose"}
)
_MARKS = "“”«»„\"‘’'"


def indirect_quotes(doc: Doc, finder: SpeakerFinder) -> list[Quote]:
    text = finder.text
    out: list[Quote] = []
    for token in finder.cues:
        if finder.in_quote(token.idx):
            continue
        for tokens in _claims(token):
            quote = _quote(text, token, tokens, finder)
            if quote is not None:
                out.append(quote)
    return out


def _claims(cue: Token) -> list[list[Token]]:
    if cue.lower_ == "according":
        return [_according(cue)]
    if cue.pos_ not in ("VERB", "AUX") or cue.dep_ in ("relcl", "acl", "amod"):
        return []  # "..., a charge Paris denies": a relative clause reports no new claim
    found: list[list[Token]] = []
    if any(c.dep_ == "neg" for c in cue.children):
        return []  # "did not say that ..." reports no claim
    # "CLAUSE, a charge X denies": an object besides an addressee means the clause is no complement
    objected = any(c.dep_ == "dobj" for c in cue.children) and not has_use(cue, "object")
    if has_use(cue, "claim") and not objected:
        for clause in _claim_clauses(cue):
            found.append(_claim_tokens(cue, clause))
        if not found and cue.dep_ == "parataxis" and cue.head.i < cue.i:
            found.append(_parenthetical(cue))
    if has_use(cue, "as"):
        objs = [c for c in cue.children if c.dep_ == "dobj"]
        preps = [c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"]
        if objs and not preps:  # the parser often hangs "as Z" on the object
            preps = [c for c in objs[0].children if c.dep_ == "prep" and c.lower_ == "as"]
        if objs and preps:
            found.append(sorted({*objs[0].subtree, *preps[0].subtree}, key=lambda t: t.i))
    return found


def _parenthetical(cue: Token) -> list[Token]:
    """In "CLAUSE, police said, ...": the clause the parser attached the cue to, up to the cue."""
    first = min(t.i for t in cue.subtree)
    return [t for t in cue.head.subtree if t.i < first]


def _claim_clauses(cue: Token) -> list[Token]:
    """The clausal complements of a claim verb, including "said at a briefing that X ...", which
    the parser reads as a relative clause of the medium noun."""
    clauses = [_inner(c) for c in cue.children if c.dep_ == "ccomp" and _is_claim(c)]
    if clauses:
        return clauses
    for prep in cue.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            for rel in obj.children:
                if rel.dep_ in ("relcl", "acl") and _that_clause(rel) and _is_claim(rel):
                    return [rel]
    return []


def _inner(clause: Token) -> Token:
    """In "said [X would respond, the agency reported]": the claim is X, attributed twice."""
    if cue_of(clause) is not None and any(c.dep_ == "nsubj" for c in clause.children):
        inner = [c for c in clause.children if c.dep_ == "ccomp" and c.i < clause.i]
        if inner:
            return inner[0]
    return clause


def _that_clause(clause: Token) -> bool:
    first = min(clause.subtree, key=lambda t: t.i)
    return first.lower_ == "that" and any(c.dep_ in SUBJECTS for c in clause.children)


def _claim_tokens(cue: Token, clause: Token) -> list[Token]:
    """The clause, with what the parser wrongly hung on the cue as conjuncts ("maintains that X
    prevents ..., blocks ... and deters ...", "said X ... and that Y ..."), without nested speech
    adjuncts (", stressing that ...": a claim of its own)."""
    tokens = list(clause.subtree)
    for sibling in cue.rights:
        if sibling.i < clause.i or sibling.dep_ != "conj":
            continue
        marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in sibling.children)
        bare = not any(c.dep_ in (*SUBJECTS, "ccomp") for c in sibling.children)
        if marked or (bare and sibling.pos_ in ("VERB", "AUX")):
            tokens.extend(
                t for t in cue.doc[clause.i : sibling.i] if t.dep_ == "cc" and t.head is cue
            )
            tokens.extend(sibling.subtree)
        else:
            break
    nested = {
        t.i
        for d in clause.subtree
        if d is not clause and cue_of(d) is not None and _attributes(d)
        for t in d.subtree
    }
    return sorted((t for t in tokens if t.i not in nested), key=lambda t: t.i)


def _attributes(verb: Token) -> bool:
    """A speech verb inside a claim that attributes it anew (", stressing that ...", "..., the
    agency reported")."""
    return verb.dep_ in ("advcl", "conj", "parataxis") or any(
        c.dep_ == "nsubj" for c in verb.children
    )


def _is_claim(clause: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False  # "declared the country to be in ...": a decision, not a reported claim
    if any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in clause.children):
        return False
    first = min(clause.subtree, key=lambda t: t.i)
    if first.lower_ in _QUESTION_MARKS and first.tag_.startswith("W"):
        return False
    return clause.pos_ in ("VERB", "AUX") or any(c.dep_ in SUBJECTS for c in clause.children)


def _according(cue: Token) -> list[Token]:
    """The clause "according to X" modifies, without the phrase itself."""
    head = cue.head
    while head.dep_ not in ("ROOT", "ccomp") and head.head is not head:
        head = head.head
    phrase = {t.i for t in cue.subtree}
    return [t for t in head.subtree if t.i not in phrase] if head is not cue else []


def _quote(text: str, cue: Token, tokens: list[Token], finder: SpeakerFinder) -> Quote | None:
    para = finder.paragraph(cue.idx)
    words = [
        t
        for t in tokens
        if not (t.is_punct or t.is_space or t.text in _MARKS or finder.in_dateline(t.idx))
        and para[0] <= t.idx < para[1]
    ]
    while (
        words
        and (words[0].dep_ == "mark" or words[0].tag_ in ("WDT", "IN"))
        and words[0].lower_ in ("that", "as")
    ):
        words = words[1:]
    while words and words[-1].dep_ == "cc":
        words = words[:-1]
    if len(words) < 2:
        return None
    outside = [t for t in words if not finder.in_quote(t.idx)]
    if len(outside) < 2:
        return None  # the claim is a direct quote, reported as such
    speaker = finder.speaker_of(cue)
    if speaker is None:
        return None
    start = words[0].idx
    last = words[-1]
    end = last.idx + len(last.text)
    addressee = None if cue.lower_ == "according" else addressee_of(cue)
    return Quote(text[start:end], start, end, False, speaker, cue.text, addressee)

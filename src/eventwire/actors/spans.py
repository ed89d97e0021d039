"""Finding actor phrases in a parsed Doc: named spans (NER + KB names NER missed), title
extensions of person names, and noun phrases headed by role nouns ("Turkish artillery")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import roles
from .kb import KB, Hit, norm

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_PREMODS = {"amod", "compound", "poss", "nmod", "case", "punct", "cc", "conj", "quantmod"}
_NAME_PREMODS = {"amod", "compound", "poss", "nmod", "case", "punct"}
_LOWER_OK = re.compile(r"^(al|el|ad|an|as|ash|at|az)-", re.I)


@dataclass
class Candidate:
    """A phrase that may name an actor: token range [start, end), its label and its head."""

    start: int
    end: int
    label: str
    head: int
    hits: tuple[Hit, ...] = ()
    title_start: int | None = None  # where a person's title premodifiers begin


def kb_spans(doc: Doc, kb: KB, words: list[str]) -> list[Candidate]:
    """KB names by longest match over the tokens (catches names NER missed or mislabelled).
    `words` are the token texts (one pass over the Doc, shared by the stage)."""
    found: list[Candidate] = []
    i, n = 0, len(doc)
    starts: list[int] | None = None
    text = doc.text
    while i < n:
        width = kb.first_words.get(norm(words[i])) if words[i][:1].isalnum() else None
        best = None
        if width:
            if starts is None:
                starts = [t.idx for t in doc]
            for j in range(min(n, i + width + 1), i, -1):
                if j - 1 > i and not words[j - 1][:1].isalnum():
                    continue
                piece = text[starts[i] : starts[j - 1] + len(words[j - 1])]
                hits = _usable(kb.lookup(piece), piece)
                if hits:
                    best = Candidate(i, j, _label(hits), j - 1, tuple(hits))
                    break
        if best:
            found.append(best)
            i = best.end
        else:
            i += 1
    return found


def _usable(hits: list[Hit], text: str) -> list[Hit]:
    """Capitalised names match only capitalised text ("Male" the city, not "male")."""
    if not hits:
        return hits
    text = re.sub(r"^\s*the\s+", "", text, flags=re.I)
    first = text[:1]
    if first.isupper() or first.isdigit() or _LOWER_OK.match(text):
        return hits
    return [h for h in hits if not h.exact[:1].isupper()]


def _label(hits: list[Hit] | tuple[Hit, ...]) -> str:
    kinds = {h.kind for h in hits}
    if "entry" in kinds:
        entry = next(h.entry for h in hits if h.kind == "entry")
        return "PERSON" if entry and entry.type == "person" else "ORG"
    if kinds & {"state", "seat"}:
        return "GPE"
    return "NORP"


def named_spans(doc: Doc, kb: KB, words: list[str]) -> list[Candidate]:
    """NER entities of actor labels merged with KB matches; KB fixes the label when it knows better."""
    ents = [Candidate(e.start, e.end, e.label_, e.root.i) for e in doc.ents if e.label_ in ACTOR_LABELS]
    ents = _add_surnames(doc, words, [_extend_name(doc, c) for c in _split_places(doc, kb, ents)])
    taken = {i for c in ents for i in range(c.start, c.end)}
    out: list[Candidate] = []
    for c in ents:
        span = doc[c.start : c.end]
        hits = _usable(kb.lookup(span.text), span.text)
        if hits:
            c.hits, c.label = tuple(hits), _fix_label(c.label, hits)
        elif c.label in {"ORG", "GPE", "NORP", "FAC"} and _after_title(doc, c):
            c.label = "PERSON"
        out.append(c)
    for k in kb_spans(doc, kb, words):
        cover = set(range(k.start, k.end))
        if not cover & taken:
            out.append(k)
            taken |= cover
        elif _contains(k, out):
            out = [c for c in out if c.end <= k.start or c.start >= k.end]
            out.append(k)
    out.sort(key=lambda c: c.start)
    return _merge_branches(_merge_peoples(doc, out))


def _merge_branches(cands: list[Candidate]) -> list[Candidate]:
    """"Amnesty International" + "Kenya" -> the organisation's national branch, one span."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        org = prev is not None and prev.hits and prev.hits[0].kind == "entry" and prev.hits[0].entry is not None \
            and prev.hits[0].entry.type in {"ngo", "igo"}
        if org and prev is not None and prev.end == c.start and c.hits and c.hits[0].kind == "state":
            out[-1] = Candidate(prev.start, c.end, prev.label, prev.head, prev.hits)
            continue
        out.append(c)
    return out


def _after_title(doc: Doc, c: Candidate) -> bool:
    """A name right after a person's title ("police spokesman [Resila Onyango]") is a person,
    whatever label NER gave it."""
    if c.start == 0 or c.end - c.start > 4:
        return False
    prev = doc[c.start - 1]
    return prev.lower_ in roles.PERSON_NOUNS and prev.dep_ == "compound" and c.start <= prev.head.i < c.end


def _merge_peoples(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """"Iraqi" + "Kurds" (two NORP spans) -> one phrase "Iraqi Kurds"."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == c.start and c.label == "NORP" and not c.hits
                and any(h.kind == "adjective" for h in prev.hits) and doc[c.end - 1].tag_ in {"NNPS", "NNS"}):
            out[-1] = Candidate(prev.start, c.end, "NORP", c.head)
            continue
        out.append(c)
    return out


def _split_places(doc: Doc, kb: KB, ents: list[Candidate]) -> list[Candidate]:
    """NER sometimes glues a country to a name ("[Syria Alexander Lavrentiev]" of "Envoy to
    Syria Alexander Lavrentiev"): a PERSON span opening with a country or capital is split."""
    out: list[Candidate] = []
    for c in ents:
        if c.label == "PERSON" and c.end - c.start >= 3:
            for cut in (2, 1):
                head = doc[c.start : c.start + cut]
                hits = [h for h in _usable(kb.lookup(head.text), head.text) if h.kind in {"state", "seat"}]
                if hits and c.end - (c.start + cut) >= 2:
                    out.append(Candidate(c.start, c.start + cut, "GPE", c.start + cut - 1, tuple(hits)))
                    c = Candidate(c.start + cut, c.end, "PERSON", doc[c.start + cut : c.end].root.i)
                    break
        out.append(c)
    return out


def _extend_name(doc: Doc, cand: Candidate) -> Candidate:
    """NER often stops a name early ("Espen Barth" of "Espen Barth Eide"): follow the compounds."""
    if cand.label != "PERSON":
        return cand
    end = cand.end
    while end < len(doc) and doc[end - 1].dep_ in {"compound", "flat"} and doc[end - 1].head.i == end \
            and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
        end += 1
    if end == cand.end:
        return cand
    return Candidate(cand.start, end, cand.label, doc[cand.start : end].root.i)


def _add_surnames(doc: Doc, words: list[str], ents: list[Candidate]) -> list[Candidate]:
    """A later bare surname NER missed ("Eide said ...") becomes a PERSON span."""
    surnames = {words[c.end - 1] for c in ents if c.label == "PERSON" and c.end - c.start > 1}
    if not surnames:
        return ents
    taken = {i for c in ents for i in range(c.start, c.end)}
    extra = [Candidate(i, i + 1, "PERSON", i) for i, w in enumerate(words)
             if w in surnames and i not in taken and doc[i].pos_ == "PROPN"]
    return sorted([*ents, *extra], key=lambda c: c.start)


def _contains(k: Candidate, cands: list[Candidate]) -> bool:
    """A KB name larger than the NER spans it overlaps ("Guinea" of "Guinea-Bissau", "UN" of
    "UN refugee agency") replaces them."""
    overlapping = [c for c in cands if c.start < k.end and k.start < c.end]
    return bool(overlapping) and all(
        k.start <= c.start and c.end <= k.end and (c.end - c.start) < (k.end - k.start)
        for c in overlapping
    )


def _fix_label(label: str, hits: list[Hit]) -> str:
    fixed = _label(hits)
    if label == "NORP" and fixed == "NORP":
        return label
    if label in {"GPE", "LOC"} and fixed == "GPE":
        return label
    return fixed


def extend_person(doc: Doc, cand: Candidate) -> None:
    """Grow a PERSON span leftwards over its title ("Belarusian Defense Minister Viktor Khrenin")."""
    root = doc[cand.start : cand.end].root
    start = cand.start
    for child in sorted(root.lefts, key=lambda t: -t.i):
        if child.i >= cand.start:
            continue
        if child.dep_ not in _NAME_PREMODS or child.i != start - 1 and child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    while start < cand.start and doc[start].dep_ in {"punct", "cc", "det"}:
        start += 1
    if start < cand.start:
        cand.title_start = start


def role_heads(doc: Doc, words: list[str], covered: set[int], persons: set[int]) -> list[Candidate]:
    """Noun phrases headed by a role noun ("Turkish artillery", "the ministry", "protesters")."""
    out: list[Candidate] = []
    table = roles.role_words()
    for i, w in enumerate(words):
        if i in covered or w.lower() not in table and w.lower().rstrip("s") not in table:
            continue
        tok = doc[i]
        if tok.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            continue
        word = roles.lookup(tok.lower_) or roles.lookup(tok.lemma_)
        if word is None or word.head == "-" or (tok.pos_ == "ADJ" and tok.dep_ != "nsubj"):
            continue
        if tok.dep_ == "compound" and _is_role_noun(tok.head):
            continue
        if tok.dep_ in {"compound", "amod"} and tok.head.i in covered:
            continue
        start = np_start(tok, persons)
        out.append(Candidate(start, tok.i + 1, "NP", tok.i))
    return out


def _is_role_noun(tok: Token) -> bool:
    word = roles.lookup(tok.lower_) or roles.lookup(tok.lemma_)
    return word is not None and word.head != "-" and tok.pos_ in {"NOUN", "PROPN"}


def np_start(head: Token, persons: set[int]) -> int:
    """First token of the noun phrase ending at `head` (premodifiers, possessors; no determiner).
    A person's name never joins a role noun phrase (`persons`: its tokens)."""
    start = head.i
    lefts = list(head.lefts)
    if head.dep_ == "compound":
        lefts = [t for t in head.head.lefts if t.i < head.i] + lefts
    for child in sorted(lefts, key=lambda t: -t.i):
        if child.dep_ not in _PREMODS:
            break
        edge = child.left_edge.i
        if child.right_edge.i < start - 1 or any(i in persons for i in range(edge, start)):
            break
        start = edge
    doc = head.doc
    while start < head.i and (doc[start].dep_ in {"punct", "cc", "det", "predet"} or doc[start].is_punct):
        start += 1
    return start


def words(doc: Doc, start: int, end: int) -> list[str]:
    return [t.lower_ for t in doc[start:end]]


def span_text(span: Span) -> str:
    return span.text

"""Finding the predicates of one sentence and how they relate: light verbs carrying nominal events,
control verbs composing with their complement, reporting verbs, merged casualty clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .compose import FAMILIES, compose
from .lexicon import Entry, match

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_MERGE_VERBS = frozenset({"kill", "injure", "wound", "hit", "destroy", "damage", "target", "leave", "claim", "strike"})
_COMPLEMENT_MODE = {
    "appeal": "demanded", "demand": "demanded", "intent": "planned", "reject": "negated",
    "threaten": "hypothetical", "consider": "hypothetical", "permit": "hypothetical",
}
# motion and dispatch: "sent a team to investigate", "arrived to deliver aid": the purpose is the event
_MOTION_LEMMAS = frozenset({"send", "dispatch", "deploy", "arrive", "travel", "go", "come", "fly", "move"})
_SPEECH_REACH = 6
# heads whose event is their modifier: "a mediation effort", "a bombing campaign", "a peace mission"
_GENERIC_HEADS = frozenset({"effort", "mission", "bid", "drive", "attempt", "process", "initiative", "program", "programme", "plan", "operation", "campaign", "action", "round", "message"})
_OBLIGATION = frozenset({"must", "should", "ought"})
_WILL = frozenset({"will", "would", "wo", "shall", "'ll", "could", "may", "might"})
_COERCIVE = frozenset({"14", "16", "17", "18", "19", "20"})


@dataclass
class Pred:
    """One predicate of a sentence and what the sentence says around it."""

    token: Token
    entry: Entry
    code: str
    rule: str
    carrier: Token | None = None  # light verb carrying a nominal event
    merged: Token | None = None  # verb folded into a nominal event ("strikes killed two")
    parent: Pred | None = None  # control predicate this one is the complement of
    complement: Pred | None = None
    complement_verb: Token | None = None  # an uncoded complement clause ("threatened to cut off X")
    forced_mode: str | None = None
    reporter: Pred | None = None
    consumed: set[int] = field(default_factory=set)  # token indexes that are part of the phrase

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def anchor(self) -> Token:
        """The verb that carries the clause: the light verb, else the predicate itself."""
        return self.carrier if self.carrier is not None else self.token


def _is_verb(t: Token) -> bool:
    return t.pos_ == "VERB" or (t.pos_ == "AUX" and t.lemma_ == "be" and any(c.dep_ == "acomp" for c in t.children))


def find_predicates(sent: Span) -> list[Pred]:
    """Every lexicon match in the sentence, with light verbs, control, reporting and merges resolved."""
    raw: dict[int, tuple[Token, Entry]] = {}
    for t in sent:
        if t.dep_ == "amod" and t.pos_ == "VERB":
            continue  # adjectival participles ("wounded soldiers") describe, they do not report
        if t.dep_ == "acl" and t.tag_ == "VBN" and not any(c.dep_ in {"agent", "dobj"} for c in t.children):
            continue  # "a document released Monday": a reduced relative with no agent names no actor
        entry = match(t, "V") if _is_verb(t) else match(t, "N") if t.pos_ in {"NOUN", "PROPN"} else None
        if entry is not None:
            raw[t.i] = (t, entry)
    modifiers: dict[int, int] = {}
    for t in sent:
        if t.i not in raw and t.lemma_ in _GENERIC_HEADS and t.pos_ == "NOUN":
            found = _modifier_event(t, raw)
            if found is not None:
                raw[t.i] = (t, found[0])
                modifiers[t.i] = found[1]
    preds: dict[int, Pred] = {}
    carriers: dict[int, tuple[Token, Entry]] = {}
    for i, (t, e) in raw.items():
        if e.cameo is None:
            carriers[i] = (t, e)
        else:
            preds[i] = Pred(t, e, e.cameo, e.rule)
            if i in modifiers:
                preds[i].consumed.add(modifiers[i])  # the modifier is the event's own word
    _consume_phrase_objects(preds)
    _attach_carriers(preds, carriers)
    _announced_events(preds)
    _merge_casualty_verbs(preds)
    _compose_control(preds)
    _speech_obligations(preds)
    _claimed_acts(preds)
    _warnings(preds)
    _absorb_objects(preds)
    _absorb_purposes(preds)
    _mark_reported(preds)
    return sorted(preds.values(), key=lambda p: p.token.i)


def _modifier_event(head: Token, raw: dict[int, tuple[Token, Entry]]) -> tuple[Entry, int] | None:
    """The event a generic head noun stands for through its modifier ("mediation effort"), and
    the modifier's index."""
    for c in head.children:
        if c.dep_ in {"compound", "amod", "nmod"} and c.i in raw and raw[c.i][1].pos == "N":
            return raw.pop(c.i)[1], c.i
        if c.dep_ == "prep" and c.lower_ == "of":  # "a round of talks", "a campaign of strikes"
            for g in c.children:
                if g.dep_ == "pobj" and g.i in raw and raw[g.i][1].pos == "N":
                    return raw.pop(g.i)[1], g.i
    return None


def _consume_phrase_objects(preds: dict[int, Pred]) -> None:
    """ "cut ties", "impose sanctions": the object noun is part of the verb's phrase, not an event."""
    for p in list(preds.values()):
        e = p.entry
        if e.dep != "dobj" or "*" in e.words:
            continue
        for c in p.token.children:
            cands = [c] if c.dep_ in {"dobj", "nsubjpass", "attr"} else [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
            for n in cands:
                if n.lemma_.lower() in e.words or n.lower_ in e.words:
                    p.consumed.add(n.i)
                    preds.pop(n.i, None)


def _noun_complements(t: Token, *, preps: bool = True) -> list[Token]:
    """Nouns a carrier verb may carry: its object or subject, or the object of "in"/"on"/"for"
    ("engaged in talks", "remained on alert", "converged for a rally")."""
    out = [c for c in t.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}]
    if preps:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "on", "for", "under", "as"}:
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _attach_carriers(preds: dict[int, Pred], carriers: dict[int, tuple[Token, Entry]]) -> None:
    for t, e in carriers.values():
        if e.has("plan") or e.has("hypo"):
            mode = "planned" if e.has("plan") else "hypothetical"
            for c in t.children:
                if c.dep_ in {"xcomp", "ccomp"} and c.i in preds and preds[c.i].forced_mode is None:
                    preds[c.i].forced_mode = mode
            for n in _noun_complements(t, preps=False):
                p = preds.get(n.i)
                if p is not None and p.entry.pos == "N" and p.carrier is None:
                    p.carrier, p.forced_mode = t, mode
            continue
        for n in _noun_complements(t):
            p = preds.get(n.i)
            if p is not None and p.entry.pos == "N" and p.carrier is None:
                if n.dep_ == "pobj" and p.root == "01":
                    continue  # "attempted ... in a statement": the statement is how it was said
                p.carrier = t
                break


_HARM = frozenset({"kill", "injure", "wound"})


def _announced_events(preds: dict[int, Pred]) -> None:
    """ "announced a suspension of links", "declared a ceasefire": the announced act is the event."""
    for p in list(preds.values()):
        if not p.entry.has("speech"):
            continue
        for c in p.token.children:
            n = preds.get(c.i)
            if c.dep_ == "dobj" and n is not None and n.entry.pos == "N" and n.carrier is None and n.root != "01":
                n.carrier = p.token
                preds.pop(p.token.i, None)
                break


def _merge_casualty_verbs(preds: dict[int, Pred]) -> None:
    """ "artillery strikes killed two", "killed in an airstrike", "shelled and killed", "killed one
    and wounded two": one event. A kill or wound with no one doing it is a count, not an event."""
    owner: dict[int, Pred] = {}
    for v in sorted(preds.values(), key=lambda q: q.token.i):
        t = v.token
        if v.entry.pos != "V" or t.lemma_ not in _MERGE_VERBS | _HARM:
            continue
        host = _casualty_host(t, preds, owner)
        if host is not None and host is not v and (host.merged is None or t.lemma_ in _HARM):
            host.merged = host.merged or t
            owner[t.i] = host
            preds.pop(t.i, None)
        elif t.lemma_ in _HARM and not _has_agent(t):
            preds.pop(t.i, None)  # "28 people were killed in riots": counted on the riots
    for n in preds.values():
        death = _death_verb(n.token) if n.entry.pos == "N" and n.root in _VIOLENT_ROOTS else None
        if death is not None and n.merged is None:
            n.merged = death  # "died of torture", "died after being beaten"


_DIE = frozenset({"die", "perish", "succumb"})


def _death_verb(noun: Token) -> Token | None:
    t = noun
    for _ in range(4):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_ in _DIE:
            return t
        if t.pos_ == "VERB":
            return None
    return None


def _casualty_host(t: Token, preds: dict[int, Pred], owner: dict[int, Pred]) -> Pred | None:
    for c in t.children:
        if c.dep_ == "nsubj" and c.i in preds and preds[c.i].root in _VIOLENT_ROOTS:
            return preds[c.i]
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"in", "by", "during"}:
            for g in c.children:
                if g.dep_ == "pobj" and g.i in preds and preds[g.i].root in _VIOLENT_ROOTS | {"14"}:
                    return preds[g.i]
    if t.dep_ in {"conj", "advcl"} and t.lemma_ in _HARM:
        # up through "damaging X and wounding eight": the clause chain to the violent act
        h = t
        for _ in range(3):
            h = h.head
            carried = next((q for q in preds.values() if q.carrier is not None and q.carrier.i == h.i), None)
            head = owner.get(h.i) or preds.get(h.i) or carried
            if head is not None:
                return head if head.root in _VIOLENT_ROOTS else None
            if h.dep_ not in {"conj", "advcl"}:
                break
    return None


def _has_agent(t: Token) -> bool:
    if t.dep_ in {"amod", "acl"} or t.tag_ == "VBN" and not any(c.dep_ in {"nsubj", "agent"} for c in t.children):
        return any(c.dep_ == "agent" for c in t.children)
    return any(c.dep_ in {"nsubj", "agent"} for c in t.children) or t.dep_ in {"conj", "xcomp", "advcl"}


def _inside_protest(t: Token, preds: dict[int, Pred], carried: dict[int, Pred]) -> bool:
    a = t
    for _ in range(4):
        if a.head.i == a.i:
            return False
        a = a.head
        q = preds.get(a.i) or carried.get(a.i)
        if q is not None and q.root == "14":
            return True
    return False


def _absorb_purposes(preds: dict[int, Pred]) -> None:
    """ "gave a grant to finance projects", "blocked roads demanding reforms": a purpose clause
    under a coded predicate is part of that event, not an event of its own."""
    carried = {p.carrier.i: p for p in preds.values() if p.carrier is not None}
    for p in list(preds.values()):
        t = p.token
        if p.entry.pos != "V" or p.parent is not None or t.dep_ not in {"advcl", "xcomp", "acl", "conj"}:
            continue
        if p.root in {"02", "10"} and t.tag_ == "VBG" and _inside_protest(t, preds, carried):
            preds.pop(t.i, None)  # "marched through the centre demanding X": what the protest wants
            continue
        head = preds.get(t.head.i) or carried.get(t.head.i)
        if head is None or head is p or head.complement is p:
            continue
        purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        demand_in_protest = head.root == "14" and p.root in {"02", "10"}
        if purpose and head.anchor.lemma_ in _MOTION_LEMMAS and p.root not in {"15", "04"}:
            preds.pop(head.token.i, None)
        elif purpose or demand_in_protest:
            preds.pop(t.i, None)


def _clause_children(t: Token) -> list[Token]:
    """Complement clauses of a verb, also through "is ready/prepared to" and infinitives the
    parser attached as adverbial clauses ("sworn to fight")."""
    out = []
    for c in t.children:
        if c.dep_ in {"xcomp", "ccomp", "acl"} or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.append(c)
        elif c.dep_ == "acomp":
            out.extend(g for g in c.children if g.dep_ in {"xcomp", "ccomp"})
    return out


def _complement_of(p: Pred, preds: dict[int, Pred]) -> Pred | None:
    t = p.token
    for c in _clause_children(t):
        if c.i in preds:
            return preds[c.i]
        # "refused to hold talks": the light verb's noun
        for q in preds.values():
            if q.carrier is not None and q.carrier.i == c.i:
                return q
    for c in t.children:
        if c.dep_ in {"dobj", "nsubjpass"} and c.i in preds and preds[c.i].entry.pos == "N":
            return preds[c.i]
        if c.dep_ == "prep" and c.lower_ in {"for", "to", "of", "on", "against", "with"}:
            for g in c.children:
                if g.dep_ == "pobj" and g.i in preds and preds[g.i].entry.pos == "N":
                    return preds[g.i]
                if g.dep_ == "pcomp" and g.i in preds:
                    return preds[g.i]
    return None


def _nested_complement(p: Pred, preds: dict[int, Pred]) -> Pred | None:
    """A coded act deeper in the complement clause ("urged the bloc to do more to free prisoners",
    "agreed on a plan for Rwanda to withdraw"): the nearest one stands for the complement."""
    clause = next((c for c in p.token.children if c.dep_ in {"xcomp", "ccomp"}), None)
    if clause is None:
        clause = next((g for c in p.token.children if c.dep_ == "prep" and c.lower_ in {"on", "to", "for"}
                       for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"}), None)
    if clause is None:
        return None
    found = [q for q in preds.values() if q is not p and q.parent is None
             and clause.left_edge.i <= q.token.i <= clause.right_edge.i]
    return min(found, key=lambda q: abs(q.token.i - clause.i)) if found else None


def _complement_clause(token: Token) -> Token | None:
    """The clause a control word governs, also through its adjective ("is willing to send")."""
    for c in token.children:
        if c.dep_ in {"xcomp", "ccomp"}:
            return c
    for c in token.children:
        if c.dep_ == "acomp":
            found = next((g for g in c.children if g.dep_ in {"xcomp", "ccomp"}), None)
            if found is not None:
                return found
    return None


def _against(p: Pred) -> bool:
    """The act is aimed at someone named with "against" or "on" ("sanctions against X")."""
    for head in (p.token, p.carrier):
        if head is not None and any(c.dep_ == "prep" and c.lower_ in {"against", "on"} for c in head.children):
            return True
    return False


def _compose_control(preds: dict[int, Pred]) -> None:
    for p in sorted(preds.values(), key=lambda q: -q.token.i):
        family = next((f for f in FAMILIES if p.entry.has(f)), None)
        if family is None:
            continue
        direct = _complement_of(p, preds)
        comp = direct or _nested_complement(p, preds)
        if comp is None or comp is p:
            p.complement_verb = _complement_clause(p.token)
            continue
        if family == "intent" and comp is direct and comp.root in _COERCIVE:
            family = "threaten"  # "vowed to fight", "is prepared to impose martial law"
            p.code, p.rule = "130", p.rule + "+rule:coercive-intent"
        if family in {"appeal", "demand"} and comp is direct and comp.root in _COERCIVE - {"14"} and _against(comp):
            # "called for sanctions against X", "urged workers to mobilize against X"
            p.code, p.rule, p.complement = "113", p.rule + "+rule:rally-against", comp
            comp.parent, comp.forced_mode = p, comp.forced_mode or "demanded"
            continue
        p.code = compose(family, p.code, comp.code)
        comp.parent = p
        p.complement = comp
        comp.forced_mode = comp.forced_mode or _COMPLEMENT_MODE[family]


_CLAIM = frozenset({"claim", "admit", "acknowledge", "boast"})


def _claimed_acts(preds: dict[int, Pred]) -> None:
    """ "the Houthis claimed that they had attacked X": a claim of responsibility (015) for the act."""
    for p in preds.values():
        if p.entry.lemma not in _CLAIM or not p.entry.has("speech"):
            continue
        clause = next((c for c in p.token.children if c.dep_ == "ccomp"), None)
        comp = preds.get(clause.i) if clause is not None else None
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
        if comp is None or subj is None or subj.lower_ not in {"they", "it", "we", "he", "she"}:
            continue
        if comp.root in {"14", "15", "17", "18", "19", "20"}:
            p.code, p.rule, p.complement = "015", p.rule + "+rule:claimed-act", comp
            comp.parent = p


def _warnings(preds: dict[int, Pred]) -> None:
    """ "warned that Pyongyang would respond" threatens (130); "warned that the efforts are
    undermining the process" is a pessimistic comment (012)."""
    for p in preds.values():
        if p.entry.lemma != "warn" or p.code != "130":
            continue
        clause = next((c for c in p.token.children if c.dep_ == "ccomp"), None)
        if clause is not None and not any(c.dep_ == "aux" and c.lower_ in _WILL for c in clause.children):
            p.code, p.rule = "012", p.rule + "+rule:warning-comment"


def _speech_obligations(preds: dict[int, Pred]) -> None:
    """ "X said Y must withdraw": a demand of the speaker on the subject of the clause."""
    for p in list(preds.values()):
        if not p.entry.has("speech"):
            continue
        clause = next((c for c in p.token.children if c.dep_ == "ccomp"), None)
        if clause is None or not any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in clause.children):
            continue
        comp = preds.get(clause.i) or next((q for q in preds.values() if q.carrier is not None and q.carrier.i == clause.i), None)
        p.code = compose("demand", "100", comp.code if comp else None)
        p.rule = p.rule + "+rule:obligation"
        p.complement_verb = clause
        if comp is not None:
            comp.parent, p.complement = p, comp
            comp.forced_mode = comp.forced_mode or "demanded"


def _absorb_objects(preds: dict[int, Pred]) -> None:
    """ "provided assistance", "condemned the attack": the object noun specifies the verb's event,
    unless it names its own actor ("condemned Israel's attack on Gaza")."""
    for n in list(preds.values()):
        t = n.token
        if n.entry.pos != "N" or n.parent is not None or n.carrier is not None or t.dep_ != "dobj":
            continue
        head = preds.get(t.head.i)
        if head is None or head.entry.pos != "V":
            continue
        if any(c.dep_ in {"poss", "agent"} or (c.dep_ == "prep" and c.lower_ == "by") for c in t.children):
            continue
        head.consumed.add(t.i)
        preds.pop(t.i, None)


def _mark_reported(preds: dict[int, Pred]) -> None:
    """Predicates inside the clause a reporting verb introduces are reported by its subject."""
    speech = {p.token.i: p for p in preds.values() if p.entry.has("speech")}
    accuse = {p.token.i: p for p in preds.values() if p.root == "11"}
    if not speech and not accuse:
        return
    for q in preds.values():
        t = q.anchor
        for _ in range(_SPEECH_REACH):
            head = t.head
            if head.i == t.i:
                break
            if t.dep_ in {"ccomp", "parataxis"} and head.i in speech and speech[head.i] is not q:
                q.reporter = speech[head.i]
                q.forced_mode = q.forced_mode or "reported"
                break
            if t.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in {"of", "for"} and head.head.i in accuse:
                q.reporter = accuse[head.head.i]
                q.forced_mode = q.forced_mode or "reported"
                break
            t = head


__all__ = ["Pred", "find_predicates"]

"""Event coder (`eventwire.events.v1`): predicates of each sentence -> coded `Event`s.

For each sentence: find lexicon predicates (predicates.py), read their source and target from the
parse (arguments.py), their mode (modality.py), casualties (casualties.py), the ACLED type
(acled.py), the clause's place and date, and who reports it. Every event names the lexicon entry
that coded it in `rule`; no event is made without a coded action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Event, Mention, Place, Quote, TimeRef
from .acled import acled_sub_type
from .arguments import (
    NON_AGENTS,
    clause_actors,
    conjunct_mentions,
    hosts,
    inner_actors,
    locatives,
    mention_for,
    noun_arguments,
    noun_target_candidates,
    prep_object,
    purposes,
    verb_subject,
    verb_targets,
)
from .casualties import find_casualties
from .compose import FAMILIES, compose, refine
from .modality import governing_mode, mode_of
from .ontology import make_action
from .predicates import Pred, find_predicates
from .situate import Clause, event_date, event_place, sentence_clauses

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..actors import ArticleActors
    from ..places import ArticlePlaces

READY = True
RULESET = "eventwire.events.v1"

_MATERIAL_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
_CASUALTY_ROOTS = frozenset({"14", "17", "18", "19", "20"})
_ARMED_ROLES = frozenset({"MIL", "REB", "INS", "COP", "SPY"})
_ARMED_WORDS = frozenset({"army", "troops", "forces", "soldiers", "militants", "rebels", "fighters", "police", "militia", "military", "artillery", "jets", "gunmen"})
_MAX_PAIRS = 3


class _Ctx:
    """What every sentence of one article shares."""

    def __init__(
        self, doc: Doc, actors: ArticleActors, places: ArticlePlaces, times: list[TimeRef], quotes: list[Quote]
    ) -> None:
        self.actors = actors
        self.places = places
        self.times = sorted(times, key=lambda t: t.start)
        self.quotes = [q for q in quotes if q.speaker is not None]
        self.lemmas = [t.lemma_.lower() for t in doc]  # read once: clause cues are slices of it
        self._clauses: dict[int, list[Clause]] = {}

    def clauses(self, sent: Span) -> list[Clause]:
        if sent.start not in self._clauses:
            self._clauses[sent.start] = sentence_clauses(sent)
        return self._clauses[sent.start]


def code_events(
    doc: Doc,
    actors: ArticleActors,
    places: ArticlePlaces,
    times: list[TimeRef],
    quotes: list[Quote],
) -> list[Event]:
    """Every coded event of a parsed article, in text order."""
    ctx = _Ctx(doc, actors, places, times, quotes)
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(_code_sentence(sent, ctx))
    return events


def main_event(events: list[Event]) -> Event | None:
    """The event a sentence is about. A bare "said" (010) is transparent: what was said wins;
    otherwise the most confident event, and main-clause events carry more confidence."""
    if not events:
        return None

    def rank(e: Event) -> tuple[bool, float]:
        return (e.action.cameo != "010", e.confidence)

    return max(events, key=rank)


def _code_sentence(sent: Span, ctx: _Ctx) -> list[Event]:
    preds = find_predicates(sent)
    if not preds:
        return []
    attributed = _according_to(sent, ctx)
    casualties = _assign_casualties(sent, preds)
    out: list[Event] = []
    coded: set[int] = set()
    # a complement is coded inside its control event ("agreed to meet" -> 036); it stands on its own
    # (with mode planned, demanded, negated...) only when its control predicate made no event
    for p in sorted(preds, key=lambda q: q.parent is not None):
        if p.parent is not None and id(p.parent) in coded:
            continue
        events = _events_of(p, sent, ctx, attributed, casualties.get(p.token.i, (None, None)))
        if events:
            coded.add(id(p))
            out.extend(events)
    return sorted(out, key=lambda e: e.id)


def _events_of(
    p: Pred, sent: Span, ctx: _Ctx, attributed: str | None, counts: tuple[int | None, int | None]
) -> list[Event]:
    sources, targets = _arguments(p, ctx)
    if not sources and not targets and p.root not in {"18", "19", "20"}:
        return []  # only violence is worth recording with no one named on either side
    if not sources and p.root == "04":
        return []  # a visit or meeting with no one making it ("were flown to Moscow")
    if _bare_nominal(p) and not _nominal_has_parties(p, sources, targets):
        return []
    if p.entry.has("sym") and p.entry.pos == "N" and not (sources and targets) and not _waged(p):
        return []  # "the war", "after days of fighting", "if war starts": a state of conflict
    mode = _mode(p, ctx)
    reporter = _reporter_text(p, ctx)
    # the acting party's own name is not where it acted; a target may well be ("shelled Gaza")
    args = [(m.start, m.end) for m, _ in sources]
    local = _bare_nominal(p)  # a nominal reference carries only its own place and time
    clauses = ctx.clauses(sent)
    place = event_place(ctx.places, p.anchor, sent, clauses, args, local=local)
    sources = [_placed(a, ctx, place) for a in sources]
    targets = [_placed(a, ctx, place) for a in targets]
    pairs = _pairs(p, sources, targets)
    date = event_date(ctx.times, p.anchor, sent, clauses, local=local)
    cues = _cues(p, ctx, sent)
    code, rule = _future_intent(p, refine(p.code, cues), mode)
    if code[:2] == "14" and _official(sources) and p.entry.lemma == "protest":
        code, rule = "114", rule + "+rule:official-protest"  # a government protests by complaint
    if code == "152" and (len(sources) > 1 or len(targets) > 0 and p.entry.has("sym")):
        code, rule = "062", rule + "+rule:joint-exercise"  # exercises held together are cooperation
    text = sent.text.rstrip()  # spaCy keeps the paragraph break in the sentence's last token
    events: list[Event] = []
    for k, (src, tgt) in enumerate(pairs[: _MAX_PAIRS * _MAX_PAIRS]):
        acled = _acled(code, cues, src, tgt)
        events.append(
            Event(
                id=f"ev{p.token.idx}" + (f".{k}" if k else ""),
                sentence=text,
                start=sent.start_char,
                end=sent.start_char + len(text),
                source=src[0] if src else None,
                target=tgt[0] if tgt else None,
                action=make_action(_action_text(p), code, acled),
                mode=mode,
                place=place,
                date=date,
                fatalities=counts[0],
                injured=counts[1],
                attributed_to=reporter or attributed,
                confidence=_confidence(p, src, tgt),
                rule=rule,
            )
        )
    return events


Arg = tuple[Mention, bool]

_FUTURE_AUX = frozenset({"will", "wo", "would", "shall", "'ll"})


# roles whose members are, unless the text says otherwise, of the country they act in
_RESIDENT_ROLES = frozenset({"CVL", "OPP", "COP", "GOV", "LEG", "JUD", "EDU", "LAB", "AGR", "BUS", "REL", "PTY"})


def _placed(arg: Arg, ctx: _Ctx, place: Place | None) -> Arg:
    """A role-only party takes its country from a place named in its own phrase ("people in
    Hong Kong"), else, for residents (protesters, police, students), from where the event is."""
    m, ok = arg
    actor = m.actor
    if actor is None or actor.country or not actor.role or actor.type in {"igo", "ngo"}:
        return arg
    inside = ctx.places.in_range(m.start, m.end)
    where = inside or (place if actor.role in _RESIDENT_ROLES else None)
    placed = ctx.actors.placed(actor, where.country if where is not None else None)
    return (Mention(m.text, m.start, m.end, placed, m.label), ok) if placed is not actor else arg


def _announced(p: Pred) -> bool:
    """A future, reported or failed act ("will not lift", "said it would not accept", "failed to
    reach agreement"), not a mere non-event."""
    a = p.anchor
    failed = a.dep_ == "xcomp" and a.head.lemma_ in {"fail", "refuse"}
    return failed or p.reporter is not None or any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in a.children)


def _ultimatum(p: Pred) -> bool:
    """ "will withdraw its force unless X ...": a future act made conditional on the target."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in p.anchor.children
    )


_COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
_COERCIVE_ROOTS = frozenset({"14", "16", "17", "18", "19", "20"})


def _future_intent(p: Pred, code: str, mode: str) -> tuple[str, str]:
    """A cooperative act announced for the future is an intent (CAMEO 03: "will visit" -> 036),
    a coercive one a threat (13: "will impose a curfew" -> 1323); the mode stays planned. A
    cooperative act refused for the future is a rejection ("will not lift the ban" -> 1241)."""
    if p.parent is not None or any(p.entry.has(f) for f in FAMILIES):
        return code, p.rule
    if mode == "negated" and code[:2] in _COOPERATIVE_ROOTS | {"03"} and _announced(p):
        return compose("reject", "120", code), p.rule + "+rule:refusal"
    conditional = any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in p.anchor.children)
    future = not conditional and (mode == "planned" or (mode == "hypothetical" and p.reporter is not None))
    if not future:
        return code, p.rule
    if _ultimatum(p):
        return compose("threaten", "130", code), p.rule + "+rule:ultimatum"
    if code[:2] in _COOPERATIVE_ROOTS:
        return compose("intent", "030", code), p.rule + "+rule:future-intent"
    if code[:2] in _COERCIVE_ROOTS:
        return compose("threaten", "130", code), p.rule + "+rule:future-threat"
    return code, p.rule


_STATE_ROLES = frozenset({"GOV", "MIL", "JUD", "LEG", "COP"})


def _official(sources: list[Arg]) -> bool:
    """The source is a state organ or a state ("China protested the arms sale")."""
    actor = sources[0][0].actor if sources else None
    return actor is not None and (actor.role in _STATE_ROLES or actor.type == "state")


def _waged(p: Pred) -> bool:
    """Someone carries the nominal event ("Russia waged war", "X held talks"), not only
    a verb of happening ("fighting erupted", "war starts")."""
    if p.carrier is None:
        return False
    subj = verb_subject(p.carrier)
    return subj is not None and subj.i != p.token.i


def _bare_nominal(p: Pred) -> bool:
    return p.entry.pos == "N" and p.carrier is None and p.merged is None and p.parent is None


def _nominal_has_parties(p: Pred, sources: list[Arg], targets: list[Arg]) -> bool:
    """A bare nominal reference is an event with both parties, or a forceful act with one."""
    if sources and targets:
        return True
    return bool(sources) and p.root in _MATERIAL_ROOTS or bool(targets) and p.root in {"17", "18", "19", "20"}


def _arguments(p: Pred, ctx: _Ctx) -> tuple[list[Arg], list[Arg]]:
    t = p.token
    skip = set(p.consumed) | {t.i}
    if p.complement is not None:
        skip.add(p.complement.token.i)
    src_tok: Token | None = None
    tgt_cands: list[Token] = []
    between: list[Token] = []
    forced: Token | None = None
    if p.entry.pos == "N":
        src_tok, _, between = noun_arguments(t, skip)
        for verb in (p.carrier, p.merged):
            # "launched strikes", "aircraft killed 46 civilians in an attack": who does the verb
            if src_tok is None and verb is not None:
                src_tok = verb_subject(verb)
                if src_tok is not None and src_tok.i == t.i:
                    src_tok = None
        tgt_cands = noun_target_candidates(t, skip)
        if p.carrier is not None:
            tgt_cands += verb_targets(p.carrier, skip | {t.i})
    elif p.entry.has("speech") and p.complement_verb is None and p.complement is None:
        src_tok = verb_subject(t)
        tgt_cands = [a for a in [_addressee(t)] if a is not None]
    else:
        src_tok = verb_subject(t)
        seized = [doc_tok for i in sorted(p.consumed) if (doc_tok := t.doc[i]).lemma_.lower() in _TERRITORY]
        if p.entry.has("appeal") or p.entry.has("demand"):
            # "urged the bloc to free prisoners": the one urged is the target, named or not
            forced = next((c for c in t.children if c.dep_ in {"dobj", "dative"} and c.i not in skip), None)
            if forced is not None and not any(c.dep_ in {"xcomp", "ccomp"} for c in t.children) and not mention_for(forced, ctx.actors)[1]:
                forced = None  # "demanded autonomy from X": a thing demanded, not the one urged
        tgt_cands = seized + verb_targets(t, skip, ("with",) if p.root == "04" else (), instruments=p.root == "15")
        tgt_cands += _consumed_targets(p)
    if p.merged is not None and p.merged.lemma_ in {"die", "perish", "succumb"}:
        tgt_cands = [c for c in p.merged.children if c.dep_ == "nsubj"] + tgt_cands
    elif p.merged is not None:
        # the host's own target first ("struck positions of the SDF, killing three"), then victims
        tgt_cands = tgt_cands + verb_targets(p.merged, skip) if tgt_cands else verb_targets(p.merged, skip)
    if p.complement is not None or p.complement_verb is not None:
        tgt_cands += _complement_targets(p)
    if p.root == "13" or _ultimatum(p):
        # "threatened to strike unless Baghdad accepts": who must comply is the one threatened
        tgt_cands = _conditioned(p) + tgt_cands
    if p.root == "14":
        # protests name their target in the clause that says what they want
        for head in (p.token, p.carrier):
            for c in head.children if head is not None else ():
                if c.dep_ in {"advcl", "xcomp", "acl"} or (c.dep_ == "prep" and c.lower_ in {"against", "in"}):
                    tgt_cands += clause_actors(c) if c.pos_ == "VERB" else [g for g in c.children if g.dep_ == "pobj"]
    if p.root == "04":
        tgt_cands += hosts(p.anchor)  # "arrived in Amman": the host is met
    tgt_cands += purposes(p.anchor)
    if p.root not in {"01", "04"}:
        tgt_cands += locatives(p.anchor) + [x for i in p.consumed for x in locatives(t.doc[i])]
    if not between and p.carrier is not None:
        between = noun_arguments(p.carrier, skip)[2]
    if between:
        first = conjunct_mentions(between[0], ctx.actors)[:1]
        rest = [m for b in between[1:] for m in conjunct_mentions(b, ctx.actors)[:1]]
        if src_tok is None:
            return first, rest
        return conjunct_mentions(src_tok, ctx.actors), first + rest
    sources = conjunct_mentions(src_tok, ctx.actors) if src_tok is not None else []
    src_starts = {m.start for m, _ in sources}
    src_codes = {m.actor.code for m, _ in sources if m.actor is not None}
    tgt_tok, placed = (forced, None) if forced is not None else _best_target(tgt_cands, ctx, src_starts, src_codes)
    if placed is not None:
        return sources, [(placed, True)]
    targets = conjunct_mentions(tgt_tok, ctx.actors) if tgt_tok is not None else []
    return sources, targets


def _best_target(
    cands: list[Token], ctx: _Ctx, src_starts: set[int], src_codes: set[str] = frozenset()
) -> tuple[Token | None, Mention | None]:
    """The first candidate that names an actor (not the source), or the actor named inside a
    candidate that is a thing ("suspended an aid program for Bolivia"), or the country of a
    place ("lifted the emergency in Darfur": Sudan); else a named phrase the KB does not know.
    Plain things ("eased emergency measures") are no target. The mention is set when it is
    not the candidate's own."""
    inner_found: Token | None = None
    placed: tuple[Token, Mention] | None = None
    named: Token | None = None
    itself: Token | None = None
    for c in cands:
        m, has_actor = mention_for(c, ctx.actors)
        if m is None or m.start in src_starts:
            continue
        own = has_actor and m.actor is not None and m.actor.code in src_codes
        if own:
            itself = itself or c  # "to show their anger at X": the source's own thing, X is aimed at
        elif has_actor:
            return c, None
        for inner in inner_actors(c) if inner_found is None else ():
            im, ok = mention_for(inner, ctx.actors)
            if ok and im is not None and im.start not in src_starts and not (im.actor and im.actor.code in src_codes):
                inner_found = inner
                break
        if own:
            continue
        if placed is None and not (m.actor is None and m.label in _NAME_LABELS - {"GPE"}):
            place = ctx.places.in_range(m.start, m.end)
            state = ctx.actors.state_of(place.country) if place is not None else None
            if state is not None:
                placed = c, Mention(m.text, m.start, m.end, state, m.label)
        if named is None and (c.ent_type_ in _NAME_LABELS or c.pos_ == "PROPN"):
            named = c
    if inner_found is not None:
        return inner_found, None
    if placed is not None:
        return placed
    return named or itself, None


_TERRITORY = frozenset({
    "town", "city", "village", "territory", "area", "region", "district", "province", "border",
    "crossing", "airport", "base", "position", "post", "stronghold", "camp", "port", "capital",
})


def _consumed_targets(p: Pred) -> list[Token]:
    """ "imposed sanctions on X", "cut ties with X", "rejected Damascus' demand", "lifted a ban
    imposed on X"."""
    out: list[Token] = []
    doc = p.token.doc
    for i in sorted(p.consumed):
        noun = doc[i]
        out += [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        out += verb_targets(noun, {i})
        out += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        for acl in (c for c in noun.children if c.dep_ == "acl"):
            out += verb_targets(acl, {i, p.token.i})
    return out


def _complement_targets(p: Pred) -> list[Token]:
    """ "demanded that X withdraw", "threatened to cut off electricity to X", "refused to meet Y"."""
    comp = p.complement
    clause = comp.anchor if comp is not None else p.complement_verb
    out: list[Token] = []
    for c in p.token.children:
        if c.dep_ == "ccomp":  # "demanded that Mugabe abandon ...": the one who must act
            out += [s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"} and s.pos_ != "PRON"]
    if clause is not None and clause.dep_ == "ccomp":
        out += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON"]
    if comp is not None:
        skip = set(comp.consumed) | {comp.token.i}
        if comp.entry.pos == "N":
            # "rejected Iran's offer", "demanded Israel's withdrawal": the complement's own actor
            src, tgt, between = noun_arguments(comp.token, skip)
            out += [x for x in [src, tgt, *between[:1]] if x is not None and x.pos_ != "PRON"]
            if comp.carrier is not None:
                out += verb_targets(comp.carrier, skip)
        else:
            out += verb_targets(comp.token, skip, instruments=comp.root == "15") + _consumed_targets(comp)
    elif clause is not None and clause.pos_ in {"VERB", "AUX"}:
        out += verb_targets(clause, {p.token.i})
    if clause is not None:
        out += locatives(clause)  # "refused to deploy peacekeepers in Somalia"
        out += purposes(clause)
    return out


_CONDITION_MARKS = frozenset({"if", "unless", "until"})


def _conditioned(p: Pred) -> list[Token]:
    """Subjects of the conditions a threat sets ("... if the United States goes ahead")."""
    heads = [h for h in (p.token, p.anchor, p.complement.anchor if p.complement else p.complement_verb) if h is not None]
    heads += [c for c in p.token.children if c.dep_ in {"xcomp", "ccomp"}]
    out: list[Token] = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS for m in c.children):
                out += [s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"} and s.pos_ != "PRON" and s not in out]
    return out


def _addressee(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "dative" or (c.dep_ == "dobj" and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}):
            return c
    return prep_object(t, set(), ("to",))


def _pairs(p: Pred, sources: list[Arg], targets: list[Arg]) -> list[tuple[Arg | None, Arg | None]]:
    # meetings, ties and cooperation of a compound subject are mutual ("A and B restored ties")
    mutual = p.entry.has("sym") or p.root in {"04", "05", "06"} or p.entry.lemma in {"agree", "sign"}
    if mutual and len(sources) > 1 and not any(ok and not _among(m, sources) for m, ok in targets):
        return [(a, b) for a in sources[:_MAX_PAIRS] for b in sources[:_MAX_PAIRS] if a is not b]
    srcs: list[Arg | None] = list(sources[:_MAX_PAIRS]) or [None]
    tgts: list[Arg | None] = list(targets[:_MAX_PAIRS]) or [None]
    out = [(s, t) for s in srcs for t in tgts if not (s and t and s[0].start == t[0].start)]
    return out or [(srcs[0], None)]


def _among(m: Mention, sources: list[Arg]) -> bool:
    """The target is one of the parties of a compound source ("A and B said their countries
    should cooperate")."""
    country = m.actor.country if m.actor is not None else None
    if m.actor is not None and m.actor.type != "state" and m.text.split()[0].lower() not in {"their", "each"}:
        return False
    return country is not None and any(s.actor is not None and s.actor.country == country for s, _ in sources)


_FAMILY_MODE = {"intent": "planned", "appeal": "demanded", "demand": "demanded"}
_NEGATIVE_IDIOMS = frozenset({"tolerate"})


def _mode(p: Pred, ctx: _Ctx) -> str:
    """Negation first; then what a control verb imposes; then the clause's own modals; then
    reporting (a reported plan is a plan: who reports it is in `attributed_to`). An intent is
    `planned` ("pledged to provide aid") and an appeal or demand `demanded` ("urged X to")."""
    own = mode_of(p.token, p.carrier)
    if own == "negated" and p.entry.lemma in _NEGATIVE_IDIOMS:
        return "planned"  # "will not tolerate": the negation is the threat itself
    if own == "negated":
        return own
    if p.forced_mode and p.forced_mode != "reported":
        return p.forced_mode
    family = next((f for f in _FAMILY_MODE if p.entry.has(f)), None)
    if family is not None and (p.complement is not None or p.complement_verb is not None):
        return _FAMILY_MODE[family]
    if own != "asserted":
        return own
    governed = governing_mode(p.anchor)
    if governed:
        return governed
    if p.forced_mode or _in_quote(p, ctx):
        return "reported"
    return "asserted"


def _in_quote(p: Pred, ctx: _Ctx) -> bool:
    idx = p.token.idx
    return any(q.start <= idx < q.end for q in ctx.quotes)


def _reporter_text(p: Pred, ctx: _Ctx) -> str | None:
    if p.reporter is not None:
        subj = verb_subject(p.reporter.token)
        if subj is not None:
            return _source_name(subj, ctx)
    idx = p.token.idx
    for q in ctx.quotes:
        if q.start <= idx < q.end and q.speaker is not None:
            return q.speaker.text if q.speaker.label != "PRON" or not q.speaker.actor else q.speaker.actor.name
    return None


def _according_to(sent: Span, ctx: _Ctx) -> str | None:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            obj = next((g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"), None)
            if obj is not None:
                return _source_name(obj, ctx)
    return None


_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_NAME_PREPS = frozenset({"of", "for", "on"})


def _source_name(token: Token, ctx: _Ctx) -> str | None:
    """Who reports, as the text names them ("local activists", "the Syrian Observatory for Human
    Rights"); a pronoun is replaced by the actor it stands for; clauses about them are left out."""
    if token.lemma_.lower() in NON_AGENTS:
        return None
    m, has_actor = mention_for(token, ctx.actors)
    if token.pos_ == "PRON":
        return m.actor.name if m is not None and has_actor and m.actor else None
    if m is not None and m.label in _NAME_LABELS and token.ent_type_:
        return m.text
    keep = [token]
    for c in token.children:
        if c.dep_ in {"compound", "amod", "nmod", "poss", "nummod"} or (c.dep_ == "prep" and c.lower_ in _NAME_PREPS):
            keep.extend(c.subtree)
    keep = sorted({w.i: w for w in keep}.values(), key=lambda w: w.i)
    return token.doc[keep[0].i : keep[-1].i + 1].text.strip(" ,()") or None


def _cues(p: Pred, ctx: _Ctx, sent: Span) -> set[str]:
    """Lemmas of the predicate's own clause: weapons, victims, domains ("drone strike", "defense
    ties"); relative and reported clauses inside it describe something else."""
    lemmas: set[str] = set()
    for anchor in (p.token, p.carrier, p.merged):
        if anchor is None:
            continue
        cut = [(lo, hi) for lo, hi, _ in ctx.clauses(sent) if not (lo <= anchor.i <= hi)]
        for i in range(anchor.left_edge.i, anchor.right_edge.i + 1):
            if not any(lo <= i <= hi for lo, hi in cut):
                lemmas.add(ctx.lemmas[i])
    return lemmas


def _acled(code: str, cues: set[str], src: Arg | None, tgt: Arg | None) -> str | None:
    s_actor = src[0].actor if src else None
    t_actor = tgt[0].actor if tgt else None
    s_text = src[0].text.lower() if src else ""
    armed = bool(s_actor and s_actor.role in _ARMED_ROLES) or any(w in s_text.split() for w in _ARMED_WORDS)
    return acled_sub_type(
        code,
        cues,
        target_text=tgt[0].text if tgt else "",
        target_role=t_actor.role if t_actor else None,
        source_role=s_actor.role if s_actor else None,
        source_armed=armed,
    )


def _action_text(p: Pred) -> str:
    toks = {p.token}
    for head in (p.carrier, p.token):
        if head is None:
            continue
        toks.add(head)
        toks.update(c for c in head.children if c.dep_ == "prt" or c.dep_ == "neg")
    if p.entry.dep and p.entry.dep != "dobj":
        toks.update(c for c in p.token.children if c.lemma_.lower() in p.entry.words or c.lower_ in p.entry.words)
    toks.update(p.token.doc[i] for i in p.consumed)
    if p.merged is not None:
        toks.add(p.merged)
    return " ".join(t.text for t in sorted(toks, key=lambda t: t.i))


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 8:
        token = token.head
        depth += 1
    return depth


def _confidence(p: Pred, src: Arg | None, tgt: Arg | None) -> float:
    """Lexicon verbs over nouns, named parties over bare phrases, main clauses over embedded ones."""
    score = 0.75 if p.entry.pos == "V" else 0.65
    score += 0.1 if src and src[1] else -0.2 if not src else -0.05
    score += 0.05 if tgt and tgt[1] else -0.05 if not tgt else 0.0
    score += (0.08, 0.03, 0.0, -0.03)[min(_depth(p.anchor), 3)]
    if not src and (p.merged is not None or p.entry.pos == "N") and p.root in {"18", "19", "20"}:
        score += 0.1  # "a car bomb killed ...": violence reported without a named perpetrator
    if p.anchor.dep_ == "relcl":
        score -= 0.1  # background told in a relative clause
    if p.rule.startswith("rule:derived"):
        score -= 0.1  # a noun read through its verb, not a lexicon entry of its own
    if p.parent is not None:
        score *= 0.6
    return round(min(0.98, max(0.05, score)), 2)


def _assign_casualties(sent: Span, preds: list[Pred]) -> dict[int, tuple[int | None, int | None]]:
    """Casualty counts tied to the violent event whose clause states them (nearest in the tree)."""
    found = find_casualties(sent)
    violent = [p for p in preds if p.root in _CASUALTY_ROOTS or p.code == "175"]
    if not found or not violent:
        return {}
    totals: dict[int, list[int | None]] = {}
    for cue, kind, n in found:
        owner = _owner_of(cue, violent)
        slot = totals.setdefault(owner.token.i, [None, None])
        k = 0 if kind == "killed" else 1
        slot[k] = (slot[k] or 0) + n
    return {i: (v[0], v[1]) for i, v in totals.items()}


def _owner_of(cue: Token, violent: list[Pred]) -> Pred:
    by_token = {p.token.i: p for p in violent}
    by_token.update({p.merged.i: p for p in violent if p.merged is not None})
    t = cue
    for _ in range(6):
        if t.i in by_token:
            return by_token[t.i]
        if t.head.i == t.i:
            break
        t = t.head
    for p in violent:
        if p.token.head.i == cue.i or any(c.i == p.token.i for c in cue.subtree):
            return p
    return min(violent, key=lambda p: abs(p.token.i - cue.i))


__all__ = ["READY", "RULESET", "code_events", "main_event"]

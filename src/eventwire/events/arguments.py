"""Arguments of predicates in the dependency parse: who acts (source) and who is acted upon (target).

Verbal predicates: subject (or passive agent), direct object (or passive subject), prepositional
targets; subjects are inherited through control ("plans to deploy"), coordination and participle
clauses. Nominal predicates: possessor, demonym or named modifier, "by", "between X and Y",
prepositional targets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors import ArticleActors

TARGET_PREPS = ("against", "on", "upon", "with", "to", "toward", "towards", "at", "into", "from", "for")
_WEAK_PREPS = frozenset({"from", "for", "at", "to", "into"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# verbs whose object is the subject of their complement ("urged Iran to stop")
OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "order", "force", "persuade", "invite", "encourage", "allow", "press",
    "pressure", "push", "request", "tell", "instruct", "help", "enable", "compel", "permit", "lead",
})
NON_AGENTS = frozenset({
    "it", "this", "that", "there", "which", "what", "move", "step", "decision", "report", "plan",
    "document", "statement", "deal", "agreement", "matter", "issue", "situation", "process",
    "other", "others", "another", "several", "many", "some", "more", "all", "both", "each",
    "anyone", "anybody", "everyone", "everybody", "someone", "somebody", "those", "provocation",
    "act", "action", "launch", "result", "results", "one",
})
# NER labels that never name an actor
_NOT_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# forces moved or deployed are the instrument of the act, not its target
INSTRUMENT_NOUNS = frozenset({
    "troop", "troops", "force", "forces", "soldier", "soldiers", "reinforcement", "reinforcements",
    "unit", "units", "tank", "tanks", "warship", "warships", "jet", "jets", "weapon", "weapons",
    "peacekeeper", "peacekeepers", "reservist", "reservists", "personnel", "contingent", "battalion",
    "battalions", "army", "navy", "marines", "police", "observers", "monitors", "material", "equipment",
    "missile", "missiles", "rocket", "rockets",
})
# verbs that move or give forces: what they move is the instrument, where it goes the target
# ("sent troops to X", "withdrew its forces from X", "deployed peacekeepers in X")
MOTION_VERBS = frozenset({
    "send", "deploy", "withdraw", "contribute", "dispatch", "pull", "move", "station", "mobilize",
    "mobilise", "redeploy", "commit", "offer", "provide", "supply", "ship", "airlift", "despatch",
})
_LOCATIVE_LABELS = frozenset({"GPE", "LOC", "FAC"})


_DOCUMENTS = frozenset({
    "declaration", "statement", "letter", "report", "resolution", "communique", "decree", "note",
    "message", "appeal", "petition", "bill", "law", "order", "video",
})


def verb_subject(token: Token, depth: int = 0) -> Token | None:
    """The token of the acting subject of a verb, following passives, control and coordination."""
    for child in token.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in _RELATIVE and token.dep_ == "relcl":
                return token.head
            return child
    if any(c.dep_ == "nsubjpass" for c in token.children) or depth > 4:
        return None
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in {"of", "for"}:
        # "accused Ankara of acting", "criticized X for sending": the object acts
        obj = next((c for c in head.head.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is not None:
            return obj
    if token.dep_ == "xcomp" and head.lemma_ in OBJECT_CONTROL:
        obj = next((c for c in head.children if c.dep_ in {"dobj", "dative"}), None)
        if obj is not None:
            return obj
    if token.dep_ in {"xcomp", "conj", "advcl", "pcomp"}:
        return verb_subject(head, depth + 1)
    if token.dep_ == "pobj" or (token.dep_ == "prep" and head.pos_ == "VERB"):
        return verb_subject(head, depth + 1)
    if token.dep_ in {"acl", "relcl"} and (token.tag_ == "VBG" or any(c.dep_ == "dobj" for c in token.children)):
        head = token.head
        if head.lemma_.lower() in _DOCUMENTS and head.dep_ in {"dobj", "pobj"}:
            # "the PKK issued a declaration demanding X": the issuer speaks through the document
            return verb_subject(head.head if head.dep_ == "dobj" else head.head.head, depth + 1)
        return head  # "troops advancing on the town", "the air force carried out strikes"
    return None


def verb_targets(
    token: Token, skip: set[int], first_preps: tuple[str, ...] = (), *, instruments: bool = False
) -> list[Token]:
    """Candidate targets of a verb, best first: passive subject, object, prepositional objects.
    With `instruments`, forces moved or deployed are skipped for where they go."""
    out: list[Token] = []
    instruments = instruments or token.lemma_.lower() in MOTION_VERBS
    if first_preps:
        found = prep_object(token, skip, first_preps)
        if found is not None:
            out.append(found)
    for child in token.children:
        if child.dep_ == "nsubjpass":
            out.append(token.head if child.lower_ in _RELATIVE and token.dep_ == "relcl" else child)
    if token.dep_ == "acl" and token.tag_ == "VBN":
        out.append(token.head)  # "villages shelled by the army"
    moved = False
    for child in token.children:
        if child.dep_ in {"dobj", "dative"} and child.i not in skip and usable_argument(child):
            if instruments and (child.lemma_.lower() in INSTRUMENT_NOUNS or child.lower_ in INSTRUMENT_NOUNS):
                moved = True
                continue
            out.append(child)
            out.extend(_objects_of_preps(child, ("with", "against", "on", "to", "for")))  # "ties with X"
        elif child.dep_ in {"prt", "advmod"} and child.lower_ == "up":
            out.extend(_objects_of_preps(child, ("to",)))  # "kidnapped up to 16 advisers"
    preps = ("to", "into", "toward", "towards", "against", "near", "along") if moved else TARGET_PREPS
    out.extend(t for t in _objects_of_preps(token, preps) if t.i not in skip and t not in out)
    if moved:  # where forces go or leave is their target, even a place ("withdrew from Lebanon")
        out.extend(t for t in _place_objects(token, ("from", "in", "inside", "out")) if t not in out)
    return out


def _place_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        g for c in token.children if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children if g.dep_ == "pobj" and _locative(g)
    ]


def _locative(token: Token) -> bool:
    """A place name, or a place noun named by one ("Montenegro province", "the Gaza Strip")."""
    if token.ent_type_ in _LOCATIVE_LABELS:
        return True
    return any(c.dep_ in {"compound", "amod"} and c.ent_type_ in _LOCATIVE_LABELS for c in token.children)


def _objects_of_preps(token: Token, preps: tuple[str, ...]) -> list[Token]:
    found: list[tuple[int, Token]] = []
    for child in token.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
            found.extend(
                (preps.index(child.lower_), g) for g in child.children
                if g.dep_ == "pobj" and usable_argument(g, child.lower_)
            )
    return [t for _, t in sorted(found, key=lambda x: x[0])]


def prep_object(token: Token, skip: set[int], preps: tuple[str, ...] = TARGET_PREPS) -> Token | None:
    return next((t for t in _objects_of_preps(token, preps) if t.i not in skip), None)


def usable_argument(token: Token, prep: str = "") -> bool:
    """Dates, numbers alone and places after locative prepositions are not participants."""
    if token.ent_type_ in _NOT_ACTOR_LABELS:
        return _of_object(token) is not None  # "thousands of protesters" names a group
    return not (prep in {"at", "in", "near", "from"} and token.ent_type_ in _LOCATIVE_LABELS)


def noun_arguments(token: Token, skip: set[int]) -> tuple[Token | None, Token | None, list[Token]]:
    """(source, target, between-parties) of a nominal event ("Erdogan's invitation to Assad")."""
    source: Token | None = None
    target: Token | None = None
    between: list[Token] = []
    for child in token.children:
        if child.dep_ == "poss":
            source = child
        elif child.dep_ in {"amod", "compound", "nmod"} and child.i not in skip and _names_actor(child):
            source = source or child
        elif child.dep_ == "prep":
            low = child.lower_
            objs = [g for g in child.children if g.dep_ == "pobj" and g.i not in skip and usable_argument(g, child.lower_)]
            if not objs:
                continue
            if low == "between" or low == "among":
                between = [objs[0], *objs[0].conjuncts]
            elif low == "by":
                source = objs[0]
            elif low == "of" and source is None and target is None or low in TARGET_PREPS and (target is None or low not in _WEAK_PREPS):
                target = objs[0]
    return source, target, between


def noun_target_candidates(token: Token, skip: set[int]) -> list[Token]:
    """Every target a nominal event may have, best first: its own target, then the actors inside
    its "of"-object ("a suspension of air links with Serbia", "the release of X's prisoners")."""
    _, target, _ = noun_arguments(token, skip)
    out = [target] if target is not None else []
    for obj in _objects_of_preps(token, ("of",)):
        out += [c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        out += _objects_of_preps(obj, ("with", "to", "against", "on", "from", "of"))
    return out


def _names_actor(token: Token) -> bool:
    return token.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or token.pos_ == "PROPN"


def span_of(token: Token) -> tuple[int, int]:
    """Token index range of the noun phrase headed by `token`: left modifiers, "of"-phrase."""
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        of_noun = child.dep_ == "prep" and child.lower_ == "of" and any(g.dep_ == "pobj" for g in child.children)
        if child.dep_ in {"compound", "flat", "nummod"} or of_noun:
            end = max(end, child.right_edge.i + 1)
        elif child.dep_ == "appos" and child.ent_type_:
            continue
        else:
            break
    return start, end


_PERSONAL = frozenset({"he", "she", "it", "they", "we", "his", "her", "its", "their", "our"})


def antecedent(token: Token) -> Token | None:
    """A personal pronoun's antecedent within its sentence: the subject of a verb above it
    ("Syria says it will not accept": Syria; "the rebels said they would release": the rebels)."""
    t = token
    for _ in range(8):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ not in {"VERB", "AUX"}:
            continue
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and subj.i < token.i and subj.lower_ not in _PERSONAL and subj.pos_ != "PRON":
            return subj
    return None


def mention_for(token: Token, actors: ArticleActors) -> tuple[Mention | None, bool]:
    """(mention, has_actor): the actor mention of the phrase headed by `token`, or a bare one."""
    if token.lower_ in _PERSONAL:
        # a subject above it in the same sentence beats a guess across sentences
        # ("The Syrian army said it had targeted ...": the army)
        ante = antecedent(token)
        if ante is not None:
            found = _mention_for(ante, actors)
            if found[1]:
                return found
    return _mention_for(token, actors)


def clause_actors(verb: Token) -> list[Token]:
    """Actors named inside a clause: its targets and the owners of its object ("to protest
    Sweden's decision", "demanding the resignation of X", "calling for independence from Iraq")."""
    out = verb_targets(verb, {verb.i})
    for obj in [c for c in verb.children if c.dep_ == "dobj"] + _objects_of_preps(verb, ("for", "against", "on")):
        out += [c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        out += _objects_of_preps(obj, ("of", "by", "from", "against", "on"))
    return out


def locatives(token: Token) -> list[Token]:
    """Places the act happened in ("lifted the curfew in Montenegro"): last-resort targets."""
    own = _place_objects(token, ("in", "at", "inside"))
    # "eased emergency measures in Bahia", "resume attacks in Israel": the place may hang on the object
    return own + [t for c in token.children if c.dep_ in {"dobj", "nsubjpass"} for t in _place_objects(c, ("in", "inside"))]


def hosts(token: Token) -> list[Token]:
    """Where a visit goes ("arrived in Amman", "flew to Beijing"): its host."""
    return _place_objects(token, ("in", "to", "into"))


_NAMED_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def inner_actors(token: Token) -> list[Token]:
    """Named words inside a phrase that is no actor itself, in text order: the actor a thing
    belongs to or is for ("an aid program for Bolivia", "demands from UNITA", "Iran's offer")."""
    return [
        t for t in token.subtree
        if t.i != token.i and t.ent_type_ in _NAMED_LABELS and (t.dep_ not in {"compound", "flat"} or _last_of_name(t))
    ]


def _last_of_name(token: Token) -> bool:
    """The last word of a name used as a modifier ("United Nations planes": Nations)."""
    doc = token.doc
    return token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I"


def purposes(token: Token) -> list[Token]:
    """Who a purpose clause acts on ("opened fire to disperse demonstrators", "send material to
    help defend X"): the targets of infinitive clauses under the verb, two levels deep."""
    out: list[Token] = []
    level = [token]
    for _ in range(2):
        level = [
            c for h in level for c in h.children
            if c.pos_ == "VERB" and (c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        ]
        for v in level:
            out += verb_targets(v, {token.i})
    return out


# places and things an act hits: their owner is the target ("positions of the SDF", "SDF posts")
_THING_HEADS = frozenset({
    "position", "base", "post", "outpost", "checkpoint", "headquarters", "home", "house", "village",
    "area", "camp", "territory", "facility", "depot", "convoy", "vehicle", "site", "target", "stronghold",
    "office", "embassy", "consulate", "infrastructure", "property", "asset", "ship", "vessel",
    "city", "town", "region", "province", "district", "capital", "port", "enclave", "neighbourhood",
    "neighborhood", "suburb", "outskirts",
})


def _owned_by(token: Token) -> Token | None:
    """The owner of a struck place or thing; coordinated things share it ("villages and
    positions controlled by X")."""
    if token.lemma_.lower() not in _THING_HEADS:
        return None
    for t in (token, *token.conjuncts):
        if t.lemma_.lower() in _THING_HEADS and (found := _own_owner(t)) is not None:
            return found
    return None


def _own_owner(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ in {"of", "belonging"}:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return _owner(token)


# quantities and members stand for the group named after "of" ("thousands of protesters",
# "fighters of the SDF") when the group is the better-known actor
_QUANTITY_HEADS = frozenset({
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores", "million",
    "millions", "number", "group", "some", "many", "most", "all", "crowd", "batch",
})
_MEMBER_HEADS = frozenset({
    "member", "fighter", "soldier", "official", "leader", "supporter", "militant", "commander",
    "delegation", "representative", "spokesman", "spokeswoman", "troop", "force", "unit", "head",
    "minister", "envoy", "lawmaker", "activist", "elder", "chief",
})


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _mention_for(token: Token, actors: ArticleActors) -> tuple[Mention | None, bool]:
    doc = token.doc
    lemma = token.lemma_.lower()
    if lemma in _QUANTITY_HEADS or token.pos_ == "NUM":
        group = _of_object(token)
        if group is not None:
            return _mention_for(group, actors)
    owned = _owned_by(token)
    if owned is not None:
        m = actors.for_span(doc[slice(*span_of(owned))])
        if m is not None and m.actor is not None and m.label not in _NOT_ACTOR_LABELS:
            return m, True
    start, end = span_of(token)
    span = doc[start:end]
    mention = actors.for_span(span)
    if lemma in _MEMBER_HEADS:
        group = _of_object(token)
        m = actors.for_span(doc[slice(*span_of(group))]) if group is not None else None
        if m is not None and m.actor is not None and m.actor.country:
            return m, True
    if mention is not None and mention.label not in _NOT_ACTOR_LABELS and mention.actor is not None:
        return mention, True
    # a phrase with no actor of its own may name one inside ("positions held by the SDF")
    owner = _owner(token)
    if owner is not None:
        m = actors.for_span(doc[slice(*span_of(owner))])
        if m is not None and m.label not in _NOT_ACTOR_LABELS:
            return m, m.actor is not None
    if mention is not None and mention.label not in _NOT_ACTOR_LABELS:
        return mention, False
    if token.lower_ in NON_AGENTS or token.lemma_.lower() in NON_AGENTS or token.pos_ in {"NUM", "ADJ", "VERB", "ADV"}:
        return None, False
    text_span = doc[start:end]
    label = token.ent_type_ or ("PRON" if token.pos_ == "PRON" else "NP")
    return Mention(text_span.text, text_span.start_char, text_span.end_char, None, label), False


def _owner(token: Token) -> Token | None:
    """The agent of a participle modifying a noun ("villages controlled by X", "X-held areas")."""
    for child in token.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for g in child.children:
                if g.dep_ == "agent":
                    return next((p for p in g.children if p.dep_ == "pobj"), None)
        if child.dep_ in {"compound", "amod", "npadvmod"} and (child.ent_type_ or child.pos_ == "PROPN"):
            return child
    return None


def conjunct_mentions(token: Token, actors: ArticleActors) -> list[tuple[Mention, bool]]:
    """Mentions of the token and of the phrases coordinated with it ("Russia and Iran")."""
    tokens = [token, *token.conjuncts] if token.dep_ != "conj" else [token]
    out: list[tuple[Mention, bool]] = []
    seen: set[tuple[int, int]] = set()
    for t in tokens[:4]:
        m, ok = mention_for(t, actors)
        if m is not None and (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append((m, ok))
    if len(out) == 1 and out[0][1] and len(tokens) == 1:
        # "Hungarian and Romanian officials": one phrase, two actors (the actors stage splits it)
        split = actors.conjuncts(token.doc[slice(*span_of(token))])
        if len(split) > 1:
            return [(m, True) for m in split[:4]]
    return out


__all__ = [
    "INSTRUMENT_NOUNS",
    "NON_AGENTS",
    "antecedent",
    "clause_actors",
    "hosts",
    "inner_actors",
    "locatives",
    "MOTION_VERBS",
    "OBJECT_CONTROL",
    "conjunct_mentions",
    "mention_for",
    "noun_arguments",
    "noun_target_candidates",
    "prep_object",
    "purposes",
    "span_of",
    "usable_argument",
    "verb_subject",
    "verb_targets",
]

"""Composing an actor from a phrase and its context: KB names, demonyms and country names in
modifiers, role nouns and titles, and references back to earlier mentions of the article."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..model import Actor, Mention
from . import roles
from .backrefs import BackReferences
from .context import (
    ALWAYS_AMBIGUOUS,
    ATTRIBUTIVE,
    INSTITUTIONS,
    US_NAMESAKES,
    Ref,
    attributive,
    best,
    dominant,
    evidence,
    foreign,
    group_with_role,
    is_definite,
    names_part,
    of_object,
    person_actor,
    role_word,
    stronger,
    us_local,
)
from .kb import KB, Hit, norm
from .records import KBEntry
from .spans import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_GROUPISH = {"armed_group", "organization", "igo", "ngo", "media"}
# "X General" titles that are not soldiers.
_CIVIL_GENERALS = {"attorney": "JUD", "solicitor": "JUD", "prosecutor": "JUD", "inspector": "GOV",
                   "secretary": "GOV", "director": "GOV", "consul": "GOV", "governor": "GOV",
                   "surgeon": "HLH", "postmaster": "GOV", "auditor": "GOV"}
_STATE_ROLES = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG"}
_PLACE_PREPS = {"in", "inside", "across", "throughout", "within", "near", "at", "around"}
# Roles whose country a careful coder takes from the story when the phrase gives none
# ("protesters", "the Interior Minister", "riot police" in a story about one country).
_INFER_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "CVL", "REB", "INS", "CRM", "EDU", "LAB",
                "BUS", "AGR", "HLH", "REL", "SPY", "PTY", "UAF"}
# People who are, by what the word says, often not of the country they are in.
_OUTSIDERS = {"settlers", "settler", "mercenaries", "volunteers", "tourists", "foreigners", "migrants",
              "refugees", "peacekeepers", "diplomats", "envoy", "envoys", "ambassador", "observers"}
_BACKREF_ROLES = {"STATE", "GROUP", "SAME"}
# Roles whose members usually belong where the text places them ("protesters in Georgia");
# not troops, refugees or reporters, who are often foreign.
_RESIDENT_ROLES = {"CVL", "OPP", "EDU", "LAB", "REB", "INS", "COP", "JUD", "LEG", "GOV", "BUS", "REL", "AGR"}
_FORMER = {"former", "ex", "ex-", "ousted", "deposed", "toppled", "exiled", "late", "onetime", "erstwhile"}


class Composer(BackReferences):
    def __init__(self, kb: KB, doc: Doc, published: str | None, named: list[Candidate],
                 words: list[str]) -> None:
        self.kb, self.doc, self.date = kb, doc, published
        self.refs: list[Ref] = []
        self.token_hits: dict[int, tuple[Hit, ...]] = {}
        self.token_cand: dict[int, Candidate] = {}
        self._sent_starts = [s.start for s in doc.sents] if doc.has_annotation("DEP") else [0]
        for cand in named:
            for i in range(cand.start, cand.end):
                self.token_cand[i] = cand
                if cand.hits:
                    self.token_hits[i] = cand.hits
        self.evidence = evidence(doc, named)
        self.us_local = us_local(words)
        self.dominant = dominant(self.evidence)

    def _sent(self, i: int) -> int:
        return bisect.bisect_right(self._sent_starts, i) - 1

    # -- entry point ---------------------------------------------------------------------------
    def resolve(self, cand: Candidate) -> Ref:
        if cand.label == "NP":
            return self._noun_phrase(cand)
        if cand.hits:
            ref = self._from_hits(cand)
            if ref is not None:
                return ref
        people = self._population(cand)
        if people is not None:
            return people
        if cand.label == "PERSON":
            return self._person(cand)
        if cand.end - cand.start == 1:
            linked = self._earlier_person(cand)
            if linked is not None:
                return linked
        if cand.label in {"ORG", "NORP"}:
            return self._organisation(cand)
        return self._ref(cand, None, "place")

    def remember(self, ref: Ref, mention: Mention) -> None:
        ref.mention = mention
        self.refs.append(ref)

    def base_country(self, cand: Candidate) -> str | None:
        for hit in cand.hits:
            if hit.country:
                return hit.country
        return None

    # -- named spans ---------------------------------------------------------------------------
    @staticmethod
    def actor_of_hits(kb: KB, hits: tuple[Hit, ...] | list[Hit], date: str | None) -> Actor | None:
        hit = best(hits)
        if hit.kind == "entry" and hit.entry is not None:
            return hit.entry.actor(date)
        if hit.kind in {"state", "adjective"} and hit.country:
            return kb.state(hit.country)
        if hit.kind in {"people", "seat"} and hit.country:
            return kb.role_actor(hit.country, hit.role or "GOV")
        return None

    def _from_hits(self, cand: Candidate) -> Ref | None:
        hit = best(cand.hits, self._article_countries())
        if hit.kind in {"seat", "state"} and not self._plausible_place(hit, cand):
            return self._ref(cand, None, "place")
        if hit.kind in {"seat", "state"} and self._naming_modifier(cand):
            ref = self._ref(cand, None, "place")  # "the Astana Process", "the Taiwan issue"
            ref.place_of = self.kb.state(hit.country) if hit.country else None
            return ref
        if hit.kind in {"seat", "state"} and self._locative(cand, strict=hit.kind == "state"):
            ref = self._ref(cand, None, "place")
            ref.place_of = self.kb.state(hit.country) if hit.country else None
            return ref
        if hit.kind == "entry" and hit.entry is not None:
            entry = hit.entry
            if entry.type == "person":
                actor = entry.actor(self.date)
                if cand.title_start is not None or self._has_appos(cand):
                    actor = self._titled(entry, actor, cand)
                ref = self._ref(cand, actor, "person")
                ref.gender, ref.surname = entry.gender, norm(entry.name.split()[-1])
                term = entry.term_at(self.date) if entry.terms else None
                ref.title = term.title if term else None
                return ref
            kind = "group" if entry.type in _GROUPISH else entry.type
            actor = entry.actor(self.date, prefer=self.dominant)
            return self._ref(cand, actor, kind, plural=entry.type == "armed_group")
        if hit.kind in {"state", "adjective"} and attributive(self.doc, cand):
            return self._ref(cand, None, "place")
        actor = self.actor_of_hits(self.kb, [hit], self.date)
        if hit.kind == "people" and actor is not None:
            # a people living elsewhere is coded where it lives ("ethnic Albanians in Serbia": SRBCVL)
            where = self._where(self.doc[cand.start : cand.end].root)
            if where is not None and where != actor.country:
                actor = self.kb.role_actor(where, "CVL")
        kind = {"state": "state", "adjective": "adjective", "seat": "role", "people": "role"}[hit.kind]
        return self._ref(cand, actor, kind, plural=hit.kind == "people")

    def _plausible_place(self, hit: Hit, cand: Candidate) -> bool:
        """A foreign capital or an ambiguous country name ("Georgia", "Athens", "Lebanon") in a
        story set in the United States, with nothing else of that country, is a US place."""
        name = norm(self.doc[cand.start : cand.end].text)
        if hit.country == "USA" or self.evidence[hit.country or ""] > 0:
            return True
        if name in ALWAYS_AMBIGUOUS:
            return False
        return not self.us_local or hit.kind == "state" and name not in US_NAMESAKES

    def _plausible_person(self, entry: KBEntry, cand: Candidate) -> bool:
        """A bare surname the KB does not list as an alias ("Henry") is the KB's person only when
        the article also names that person's country (or the person in full)."""
        span = self.doc[cand.start : cand.end]
        if len(span) > 1 or cand.title_start is not None or norm(span.text) == norm(entry.name):
            return True
        countries = {t.country for t in entry.terms} | {entry.country}
        return any(self.evidence[c] > 0 for c in countries if c) or any(
            r.actor is not None and r.actor.id == entry.id for r in self.refs)

    def _titled(self, entry: KBEntry, actor: Actor, cand: Candidate) -> Actor:
        """What the text's title adds to the KB: "former" (ELI), an office the KB does not date
        on this day, or a second role ("army chief" Burhan, president: SDNGOVMIL)."""
        country, role, _, _ = self._title_context(cand)
        if role is None:
            return actor
        active = self.date is None or any(t.active(self.date) for t in entry.terms)
        country = country or actor.country
        if role == "ELI" and active and actor.role not in {None, "ELI"}:
            # "jailed former prime minister Imran Khan", now opposition: PAKOPPELI
            return Actor(actor.id, actor.name, "person", actor.country, actor.role, actor.code + "ELI")
        if role == "ELI":
            if actor.role == "ELI":
                return actor
            office = actor.role or "GOV"
            return Actor(actor.id, actor.name, "person", country, "ELI", f"{country or ''}ELI{office}")
        if not active:
            return Actor(actor.id, actor.name, "person", country, role, (country or "") + role)
        if role[:3] != actor.role and role[:3] in _STATE_ROLES and actor.role in _STATE_ROLES and country == actor.country:
            return Actor(actor.id, actor.name, "person", country, actor.role, actor.code + role)
        return actor

    def _has_appos(self, cand: Candidate) -> bool:
        root = self.doc[cand.start : cand.end].root
        return any(c.dep_ == "appos" for c in root.children)

    def _locative(self, cand: Candidate, strict: bool = False) -> bool:
        """"talks in Ankara", "fighting in Syria": a place, not an actor. Countries are places
        only after the plainly locative prepositions (a country "to" or "over" is often a party)."""
        head = self.doc[cand.head]
        preps = _PLACE_PREPS if strict else roles.LOCATIVE
        return head.dep_ == "pobj" and head.head.lower_ in preps

    def _naming_modifier(self, cand: Candidate) -> bool:
        """"the Astana Process", "Moscow time": a capital naming a thing, not acting."""
        head = self.doc[cand.head]
        return head.dep_ == "compound" and role_word(head.head) is None

    def _inner_group(self, cand: Candidate) -> Actor | None:
        """The longest KB organisation named inside an unknown name ("Islamic State in Syria")."""
        words = [t.text for t in self.doc[cand.start : cand.end]]
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                piece = self.doc[cand.start + i : cand.start + i + size].text
                hits = [h for h in self.kb.lookup(piece) if h.kind == "entry" and h.entry is not None
                        and h.entry.type != "person" and (piece[:1].isupper() or not h.exact[:1].isupper())]
                if hits:
                    return hits[0].entry.actor(self.date)  # type: ignore[union-attr]
        return None

    def _earlier_person(self, cand: Candidate) -> Ref | None:
        """A surname NER mislabelled ("Lavrentiev" as ORG) of a person named in full before."""
        word = norm(self.doc[cand.start].text)
        for ref in reversed(self.refs):
            if ref.kind == "person" and ref.actor is not None and ref.surname == word:
                return self._copy(cand, ref)
        return None

    def _population(self, cand: Candidate) -> Ref | None:
        """"Bosnian Serbs", "Iraqi Kurds": a people named with the country they live in."""
        span = self.doc[cand.start : cand.end]
        last = span[-1]
        if len(span) < 2 or last.tag_ not in {"NNPS", "NNS"} or not span[0].text[:1].isupper():
            return None
        if any(role_word(t) is not None for t in span):
            return None  # "Nigerian Union of Teachers": an organisation, not a people
        country, _, group = self._scan(list(span[:-1]), None)
        if country is None or group is not None:
            return None
        return self._ref(cand, self.kb.role_actor(country, "CVL"), "role", plural=True)

    def _person(self, cand: Candidate) -> Ref:
        span = self.doc[cand.start : cand.end]
        surname = norm(span[-1].text)
        words = norm(span.text).split()
        for ref in reversed(self.refs):
            if ref.kind == "person" and ref.actor is not None and (
                ref.surname == surname or names_part(words, norm(ref.actor.name).split())
            ):
                return self._copy(cand, ref)
        if len(span) == 1 and cand.title_start is None:
            entries = self.kb.surnames.get(surname, [])
            if len(entries) == 1 and self._plausible_person(entries[0], cand):
                ref = self._ref(cand, entries[0].actor(self.date), "person")
                ref.gender, ref.surname = entries[0].gender, surname
                return ref
        country, role, title, group = self._title_context(cand)
        if group is not None and group.type in {"igo", "armed_group", "organization"}:
            actor = person_actor(span.text, group.country, group.role or "", code=group.code)
            ref = self._ref(cand, actor, "person", surname=surname)
            ref.title = title
            return ref
        if role is None:
            return self._ref(cand, None, "person", surname=surname)
        if country is None and role[:3] in _INFER_ROLES | {"ELI"}:
            country = self.dominant
        actor = person_actor(span.text, country, role, code=(country or "") + "ELIGOV" if role == "ELI" else None)
        ref = self._ref(cand, actor, "person", surname=surname)
        ref.title = title
        return ref

    def _title_context(self, cand: Candidate) -> tuple[str | None, str | None, str | None, Actor | None]:
        """Country, role and office from a name's title and appositive."""
        tokens: list[Token] = []
        root = self.doc[cand.start : cand.end].root
        title = root.head.head if root.dep_ == "pobj" else None
        if title is not None and title.i < cand.start and role_word(title) is not None:
            tokens.extend(self.doc[title.left_edge.i : title.i + 1])  # "Envoy to Syria Alexander X"
        if cand.title_start is not None:
            tokens.extend(self.doc[cand.title_start : cand.start])
        for child in root.children:
            if child.dep_ == "appos" and child.i >= cand.end:
                tokens.extend(t for t in child.subtree if t.i < child.i + 1 or t.head.dep_ == "prep")
        if root.dep_ == "appos" and root.head.i < cand.start:
            tokens.extend(t for t in root.head.subtree if t.i < root.head.i + 1)
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                tokens.extend(child.subtree)
        if not tokens:
            return None, None, None, None
        country, role, group = self._scan(tokens, head=None)
        title = roles.find_title([t.lower_ for t in tokens])
        if role is None:
            for tok in reversed(tokens):
                word = role_word(tok)
                if tok.lower_ == "general" and tok.i > 0 and self.doc[tok.i - 1].lower_ in _CIVIL_GENERALS:
                    role = _CIVIL_GENERALS[self.doc[tok.i - 1].lower_]  # "Attorney General"
                    break
                if word is not None and word.head != "-" and word.role not in _BACKREF_ROLES:
                    role = word.role
                    break
        if role is None and title:
            role = "OPP" if title == "opposition leader" else "GOV"
        if role in {"GOV", "MIL", "LEG", "JUD"} and any(t.lower_ in _FORMER for t in tokens):
            role = "ELI"
        return country, role, title, group

    def _organisation(self, cand: Candidate) -> Ref:
        tokens = list(self.doc[cand.start : cand.end])
        root = self.doc[cand.start : cand.end].root
        for child in root.lefts:  # "Israel's Cabinet", "the Houthi-run [health ministry]"
            if child.dep_ in {"poss", "compound", "amod", "npadvmod", "nmod"} and child.i < cand.start:
                tokens = list(child.subtree) + tokens
        heads = [t for t in tokens if role_word(t) and role_word(t).head != "-"]  # type: ignore[union-attr]
        country, mod_role, group = self._scan(tokens, head=heads[-1] if heads else None)
        role = None
        if heads:
            word = role_word(heads[-1])
            assert word is not None
            role = word.role if word.role not in {"STATE", "GROUP", "SAME"} else mod_role
            if word.head == "weak" and mod_role:
                role = mod_role
        role = role or mod_role
        group = group or self._inner_group(cand)
        if group is not None and group.type == "ngo" and country and country != group.country:
            return self._ref(cand, self.kb.role_actor(country, group.role or "NGO"), "group")
        if group is not None:
            return self._ref(cand, group, "group")
        if role and not country and role[:3] in _INFER_ROLES and not foreign(tokens):
            country = self.dominant
        if country and role:
            return self._ref(cand, self.kb.role_actor(country, role), "group")
        if country and cand.label == "NORP" and root.tag_ in {"NNPS", "NNS"}:
            return self._ref(cand, self.kb.role_actor(country, "CVL"), "role", plural=True)
        if role and heads and heads[-1].lower_ in INSTITUTIONS and is_definite(root):
            back = self._recent_role(heads[-1].i, role)
            if back is not None:
                return self._ref(cand, back, "group")
        if role and heads and heads[-1].lower_ in INSTITUTIONS:
            return self._ref(cand, self.kb.role_actor(None, role), "group")  # "the health ministry"
        return self._ref(cand, None, "group")

    # -- noun phrases --------------------------------------------------------------------------
    def _noun_phrase(self, cand: Candidate) -> Ref:
        head = self.doc[cand.head]
        word = role_word(head)
        assert word is not None
        tokens = list(self.doc[cand.start : cand.head])
        for child in head.lefts:
            if child.dep_ == "poss" and child.i < cand.start:
                tokens = list(child.subtree) + tokens
        of_obj = of_object(head)
        country, mod_role, group = self._scan(tokens, head)
        if country is None and group is None and of_obj is not None and word.head == "strong":
            inner = self._phrase_actor(of_obj)
            if inner is not None and inner.type == "state":
                country = inner.country
        if country is None and group is None and word.role[:3] in _RESIDENT_ROLES:
            country = self._where(head)
        plural = word.plural or head.tag_ in {"NNS", "NNPS"}
        role = word.role
        if word.head == "weak" and mod_role:
            role = mod_role
        if role == "GROUP" and mod_role:
            role = mod_role
        if (word.head == "weak" or role in {"SAME", "GROUP"}) and of_obj is not None and not mod_role:
            inner = self._phrase_actor(of_obj)
            if inner is not None:
                return self._ref(cand, inner, "group" if inner.type in _GROUPISH else "role", plural)
        if group is not None and role not in {"STATE"}:
            return self._ref(cand, group_with_role(group, role), "group", plural)
        if role == "STATE":
            return self._state_phrase(cand, country, plural)
        if role in {"GROUP", "SAME"}:
            return self._definite_group(cand, head)
        title = roles.find_title([c.lower_ for c in head.lefts if c.dep_ in {"compound", "amod"}] + [head.lower_])
        if title and country is None:
            country = self._context_country(head)
        if title and country is None and is_definite(head):
            for ref in self._recent(head.i, "person"):
                if ref.title == title:
                    return self._copy(cand, ref)
        if country is None and role[:3] in _INFER_ROLES and not foreign([*tokens, head]) and head.lower_ not in _OUTSIDERS:
            backers = self._backers(tokens)
            country = self.dominant if self.dominant not in backers else None
        if title and country:
            holders = self.kb.holders(country, title, self.date)
            if len(holders) == 1:
                ref = self._ref(cand, holders[0].actor(self.date), "person")
                ref.gender, ref.title = holders[0].gender, title
                return ref
        if title and country is None and is_definite(head):
            for ref in self._recent(head.i, "person"):
                if ref.title == title:
                    return self._copy(cand, ref)
        phrase_head = head.head if head.dep_ == "compound" else head
        if country is None and is_definite(phrase_head) and head.lemma_.lower() in INSTITUTIONS:
            back = self._recent_role(head.i, role)
            if back is not None:
                return self._ref(cand, back, "role", plural)
        kind = "person" if head.lower_ in roles.PERSON_NOUNS else "role"
        ref = self._ref(cand, self.kb.role_actor(country, role), kind, plural)
        ref.title = title
        return ref

    def _backers(self, tokens: list[Token]) -> set[str]:
        """"Turkish-backed", "Iranian-made": countries the phrase says it is not of."""
        out: set[str] = set()
        for t in tokens:
            if t.i + 2 < len(self.doc) and self.doc[t.i + 1].text == "-" and self.doc[t.i + 2].lower_ in ATTRIBUTIVE:
                out |= {h.country for h in self.kb.lookup(t.text) if h.country}
        return out

    def _where(self, head: Token) -> str | None:
        """"opposition parties in Nepal", "students throughout Indonesia": the country they are in."""
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in {"in", "throughout", "across", "inside"}:
                for obj in child.children:
                    hits = self.token_hits.get(obj.i) if obj.dep_ == "pobj" else None
                    hit = best(hits, self._article_countries()) if hits else None
                    if hit is not None and hit.kind in {"state", "seat"}:
                        return hit.country
        return None

    def _context_country(self, head: Token) -> str | None:
        """A country from a possessive pronoun ("his country"), else None."""
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ == "PRON":
                m = self.pronoun(child)
                if m is not None and m.actor is not None:
                    return m.actor.country
        return None

    def _state_phrase(self, cand: Candidate, country: str | None, plural: bool) -> Ref:
        head = self.doc[cand.head]
        country = country or self._context_country(head)
        if country:
            return self._ref(cand, self.kb.state(country), "state", plural)
        if is_definite(head) and not plural:
            for ref in self._recent(head.i, None):
                if ref.kind == "place" and ref.place_of is not None and ref.place_of.country:
                    return self._ref(cand, self.kb.state(ref.place_of.country), "state")  # "in Syria ... the country"
                if ref.kind in {"state", "person"} and ref.actor is not None and ref.actor.country:
                    return self._ref(cand, self.kb.state(ref.actor.country), "state")
        return self._ref(cand, None, "state", plural)

    def _definite_group(self, cand: Candidate, head: Token) -> Ref:
        if is_definite(head):
            for ref in self._recent(head.i, "group"):
                return self._copy(cand, ref)
        return self._ref(cand, None, "group")

    def _phrase_actor(self, tok: Token, depth: int = 0) -> Actor | None:
        for ref in reversed(self.refs):
            if ref.mention is not None and ref.start == tok.i:
                return ref.actor
        hits = self.token_hits.get(tok.i)
        if hits:
            return self.actor_of_hits(self.kb, hits, self.date)
        word = role_word(tok)
        if word is not None and word.head != "-" and depth < 2 and tok.pos_ in {"NOUN", "PROPN"}:
            from .spans import np_start

            cand = Candidate(np_start(tok, set()), tok.i + 1, "NP", tok.i)
            return self._noun_phrase(cand).actor
        return None

    def _scan(self, tokens: list[Token], head: Token | None) -> tuple[str | None, str | None, Actor | None]:
        """Country, strongest modifier role, and a KB group among a phrase's modifier tokens."""
        country: str | None = None
        mod_role: str | None = None
        group: Actor | None = None
        seen: set[int] = set()
        for tok in tokens:
            hits = self.token_hits.get(tok.i)
            cand = self.token_cand.get(tok.i)
            if hits and cand is not None and cand.start not in seen:
                seen.add(cand.start)
                if attributive(self.doc, cand):
                    continue
                hit = best(hits, self._article_countries())
                if hit.kind == "entry" and hit.entry is not None:
                    if hit.entry.type == "person":
                        country = country or hit.entry.actor(self.date).country
                    else:
                        group = group or hit.entry.actor(self.date)
                elif hit.country:
                    country = country or hit.country
                continue
            if not hits and tok.text[:1].isupper() and not tok.is_punct:
                inner = [h for h in self.kb.lookup(tok.text) if h.kind in {"adjective", "state", "seat"}]
                before = self.doc[max(0, tok.i - 2) : tok.i]
                pro = len(before) == 2 and before[1].text == "-" and before[0].lower_ in {"pro", "anti"}
                if inner and not pro and not (tok.i + 2 < len(self.doc) and self.doc[tok.i + 1].text == "-"):
                    country = country or inner[0].country
                    continue
            if tok.dep_ == "poss" and tok.pos_ == "PRON":
                m = self.pronoun(tok)
                if m is not None and m.actor is not None and m.actor.country:
                    country = country or m.actor.country
                continue
            word = role_word(tok)
            if word and word.mod and tok is not head and word.role not in {"STATE", "GROUP", "SAME"}:
                mod_role = stronger(mod_role, word.role)
        return country, mod_role, group

    def narrow(self, span: Span, mention: Mention) -> Mention:
        """A part of a coordinated phrase ("Egyptian warships" of "French and Egyptian
        warships") takes the country named in the part."""
        actor = mention.actor
        inside = mention.start <= span.start_char and span.end_char <= mention.end
        if actor is None or actor.role is None or not inside or (span.start_char, span.end_char) == (
                mention.start, mention.end):
            return mention
        country, _, group = self._scan(list(span), None)
        if group is not None or country is None or country == actor.country:
            return mention
        narrowed = self.kb.role_actor(country, actor.role)
        return Mention(span.text, span.start_char, span.end_char, narrowed, mention.label)

    def coordinated(self, cand: Candidate, ref: Ref) -> list[tuple[Candidate, Ref]]:
        """"U.S. and British warplanes": one mention per country ("U.S.", "British warplanes"),
        each with the phrase's role."""
        actor = ref.actor
        head = self.doc[cand.head]
        if actor is None or actor.role is None or actor.country is None:
            return []
        first = next((c for c in head.children if c.dep_ in {"amod", "compound", "nmod"} and c.conjuncts
                      and cand.start <= c.i < cand.head and c.i in self.token_hits), None)
        if first is None:
            return []
        members = [first, *[c for c in first.conjuncts if c.i in self.token_hits and c.i < cand.head]]
        countries = [next((h.country for h in self.token_hits[t.i] if h.country), None) for t in members]
        if len(members) < 2 or None in countries or len(set(countries)) < len(countries):
            return []
        role = actor.code[3:] if actor.code.startswith(actor.country) else actor.role
        out: list[tuple[Candidate, Ref]] = []
        for n, (tok, country) in enumerate(zip(members, countries, strict=True)):
            named = self.token_cand[tok.i]
            last = n == len(members) - 1
            part = Candidate(named.start if n else cand.start, cand.end if last else named.end, "NP" if last else named.label, cand.head if last else tok.i)
            part_ref = self._ref(part, self.kb.role_actor(country, role), ref.kind, ref.plural)
            out.append((part, part_ref))
        return out

    def split_adjectives(self, root: Token, mention: Mention) -> list[Mention]:
        """"Hungarian and Romanian officials" -> one mention per country, same role."""
        actor = mention.actor
        if actor is None or actor.role is None:
            return []
        out: list[Mention] = []
        for child in root.children:
            if child.dep_ in {"amod", "compound"} and child.i in self.token_hits:
                for tok in (child, *child.conjuncts):
                    hits = self.token_hits.get(tok.i)
                    country = next((h.country for h in hits or () if h.country), None)
                    if country:
                        out.append(Mention(mention.text, mention.start, mention.end,
                                           self.kb.role_actor(country, actor.role), mention.label))
        return out if len(out) > 1 else []

    def _ref(self, cand: Candidate, actor: Actor | None, kind: str, plural: bool = False,
             surname: str | None = None) -> Ref:
        dep = self.doc[cand.head].dep_
        return Ref(actor, cand.head, self._sent(cand.head), kind, plural, surname=surname, dep=dep)

    def _copy(self, cand: Candidate, ref: Ref) -> Ref:
        new = self._ref(cand, ref.actor, ref.kind, ref.plural, ref.surname)
        new.gender, new.title = ref.gender, ref.title
        return new

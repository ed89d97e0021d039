"""The article context the composer reads: the Ref record of a resolved phrase, country evidence
and the story's dominant country, US-namesake guards, and small parse helpers."""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..model import Actor, Mention
from . import roles
from .kb import Hit, norm
from .spans import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Modifier roles, strongest first ("rebel commander" is REB, "military spokesman" MIL).
STRONG_MODS = ("OPP", "REB", "INS", "UAF", "MIL", "COP", "SPY", "JUD", "LEG", "NGO", "MED", "REF", "CVL")
# "the government", "the army": one per country, so a definite one refers back to the last seen.
INSTITUTIONS = {"government", "army", "military", "police", "ministry", "parliament", "court",
                 "opposition", "authority", "authorities", "regime", "junta", "cabinet",
                 "administration", "navy", "presidency", "judiciary", "legislature", "senate"}
# Modifiers saying the phrase is not the story's own country's.
FOREIGN = {"foreign", "international", "western", "multinational", "overseas", "exiled",
            "regional", "global", "allied", "coalition", "peacekeeping", "u.n.", "un", "nato"}


@dataclass
class Ref:
    """A resolved phrase as later phrases see it."""

    actor: Actor | None
    start: int = 0  # token index of the phrase head
    sent: int = 0
    kind: str = ""  # person | state | group | role
    plural: bool = False
    gender: str | None = None
    title: str | None = None
    surname: str | None = None
    mention: Mention | None = None
    dep: str = ""
    place_of: Actor | None = None  # a place's country, for event arguments ("attacks in Syria")


def dominant(evidence: collections.Counter[str]) -> str | None:
    """The story's country: most named, at least half of all country mentions, twice the next.
    Evidence weights: 2 for a state, demonym or capital, 1 for a group's or person's country."""
    ranked = evidence.most_common(2)
    if not ranked:
        return None
    top, count = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0
    total = sum(evidence.values())
    return top if count >= 2 * runner and 2 * count >= total and count >= 2 else None


def foreign(tokens: list[Token]) -> bool:
    return any(t.lower_ in FOREIGN for t in tokens)


def names_part(words: list[str], name: list[str]) -> bool:
    """"Barth Eide" is part of "Espen Barth Eide": same last word, all words in the name."""
    return bool(words) and words[-1] == name[-1] and all(w in name for w in words)


def evidence(doc: Doc, named: list[Candidate]) -> collections.Counter[str]:
    """Countries the article names: states, demonyms, KB actors, capitals that are no US namesakes."""
    counts: collections.Counter[str] = collections.Counter()
    for cand in named:
        if attributive(doc, cand):
            continue
        for hit in cand.hits[:1]:
            if hit.kind == "entry" and hit.entry is not None and hit.entry.type == "person":
                country = hit.entry.actor(None).country
                if country:
                    counts[country] += 1
                continue
            if not hit.country or norm(hit.exact) in US_NAMESAKES:
                continue
            if hit.kind in {"state", "adjective", "people"} or (
                    hit.kind == "seat" and norm(hit.exact) not in US_NAMESAKE_CAPITALS):
                counts[hit.country] += 2
            elif hit.kind == "entry":
                counts[hit.country] += 1  # a group's country is weaker evidence of the story's
    return counts


def us_local(words: list[str]) -> bool:
    states = us_states()
    return any(w in states for w in words) or any(f"{a} {b}" in states for a, b in zip(words, words[1:], strict=False))


@functools.lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    text = resources.files("eventwire.actors").joinpath("data", "us_states.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


# Country names that are also US states or common US place names.
US_NAMESAKES = {"georgia", "jordan", "lebanon", "mexico", "panama", "peru", "cuba", "china", "poland"}
US_NAMESAKE_CAPITALS = {"athens", "dublin", "paris", "moscow", "cairo", "rome", "berlin", "vienna",
                         "warsaw", "lima", "amsterdam", "london", "santiago", "havana", "damascus",
                         "lisbon", "madrid", "toledo", "victoria", "canberra", "managua", "manila"}
# A US state as often as a country in English news: needs another sign of the country
# ("Georgian", "Tbilisi") to be read as the state.
ALWAYS_AMBIGUOUS = {"georgia"}


def best(hits: tuple[Hit, ...] | list[Hit], countries: set[str] | None = None) -> Hit:
    order = {"entry": 0, "state": 1, "seat": 2, "adjective": 3, "people": 4}
    ranked = sorted(hits, key=lambda h: (order.get(h.kind, 9), not (countries and h.country in countries)))
    return ranked[0]


def role_word(tok: Token) -> roles.RoleWord | None:
    if tok.pos_ not in {"NOUN", "PROPN", "ADJ", "VERB"}:
        return None
    return roles.lookup(tok.lower_) or roles.lookup(tok.lemma_)


def stronger(current: str | None, new: str) -> str:
    if current is None:
        return new
    rank = {r: i for i, r in enumerate(STRONG_MODS)}
    return new if rank.get(new[:3], 99) < rank.get(current[:3], 99) else current


def of_object(head: Token) -> Token | None:
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "from"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def pronoun_filter(word: str) -> Callable[[Ref], bool] | None:
    if word in roles.PERSON_PRONOUNS:
        gender = roles.PERSON_PRONOUNS[word]
        return lambda r: r.kind == "person" and r.actor is not None and r.gender in (None, gender)
    if word in roles.THING_PRONOUNS:
        return lambda r: r.kind in {"group", "state"} and r.actor is not None and not r.plural
    if word in roles.PLURAL_PRONOUNS:
        return lambda r: r.actor is not None and r.kind not in {"person", "adjective"} and (
            r.plural or r.kind == "group")
    return None


ATTRIBUTIVE = {"backed", "based", "allied", "aligned", "funded", "sponsored", "supported",
                "brokered", "controlled", "held", "born", "made", "built", "owned", "trained",
                "armed", "linked", "affiliated", "style", "speaking"}


def attributive(doc: Doc, cand: Candidate) -> bool:
    """"Turkish-backed", "Russian-made", "pro-Iranian": a country that is not the actor's own."""
    after = doc[cand.end : cand.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in ATTRIBUTIVE:
        return True
    before = doc[max(0, cand.start - 2) : cand.start]
    return len(before) == 2 and before[1].text == "-" and before[0].lower_ in {"pro", "anti"}


def is_definite(head: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "his", "her", "their"}
               for c in head.children)


def copular_it(tok: Token) -> bool:
    verb = tok.head
    return verb.lemma_ in {"be", "seem", "appear", "remain", "take"} or any(
        c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i for c in verb.children if verb.lemma_ == "be"
    )


def group_with_role(group: Actor, role: str) -> Actor:
    if group.type == "igo" and role == "MIL" and not group.code.endswith("MIL"):
        return Actor(f"{group.id}-mil", f"{group.name} (military)", "igo", group.country, "MIL", group.code + "MIL")
    return group


def person_actor(name: str, country: str | None, role: str, code: str | None = None) -> Actor:
    slug = re.sub(r"[^a-z0-9]+", "-", norm(name)).strip("-") or "person"
    return Actor(f"person-{slug}", name, "person", country, role[:3] or None, code or (country or "") + role)


def at(tok: Token, actor: Actor) -> Mention:
    return Mention(tok.text, tok.idx, tok.idx + len(tok.text), actor, "PRON")

"""Roles from language: nouns and titles -> CAMEO role codes (data/roles.tsv), office titles."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class RoleWord:
    role: str  # CAMEO role, or STATE / GROUP / SAME (resolved against context)
    head: str  # strong | weak | -
    mod: bool
    plural: bool


@functools.lru_cache(maxsize=1)
def role_words() -> dict[str, RoleWord]:
    text = resources.files("eventwire.actors").joinpath("data", "roles.tsv").read_text(encoding="utf-8")
    words: dict[str, RoleWord] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, role, head, mod, number = line.split("\t")
        words[word] = RoleWord(role, head, mod == "y", number == "pl")
    return words


def lookup(word: str) -> RoleWord | None:
    return role_words().get(word.lower())


# Office titles as they appear before names or as heads ("Foreign Minister", "the Turkish
# president"), normalised to the titles used in the KB's terms.
TITLES: dict[tuple[str, ...], str] = {
    ("president",): "president",
    ("vice", "president"): "vice president",
    ("vice-president",): "vice president",
    ("prime", "minister"): "prime minister",
    ("premier",): "prime minister",
    ("chancellor",): "prime minister",
    ("foreign", "minister"): "foreign minister",
    ("foreign", "secretary"): "foreign minister",
    ("secretary", "of", "state"): "foreign minister",
    ("minister", "of", "foreign", "affairs"): "foreign minister",
    ("external", "affairs", "minister"): "foreign minister",
    ("defense", "minister"): "defence minister",
    ("defence", "minister"): "defence minister",
    ("defense", "secretary"): "defence minister",
    ("defence", "secretary"): "defence minister",
    ("secretary", "of", "defense"): "defence minister",
    ("minister", "of", "defense"): "defence minister",
    ("minister", "of", "defence"): "defence minister",
    ("war", "secretary"): "defence minister",
    ("king",): "king",
    ("emir",): "king",
    ("sultan",): "king",
    ("crown", "prince"): "crown prince",
    ("supreme", "leader"): "supreme leader",
    ("opposition", "leader"): "opposition leader",
    ("leader", "of", "the", "opposition"): "opposition leader",
}
_MAX_TITLE = max(len(k) for k in TITLES)


def find_title(words: list[str]) -> str | None:
    """The longest office title among lowercase `words` (a name's premodifiers or a head phrase)."""
    best: tuple[int, str] | None = None
    for i in range(len(words)):
        for n in range(min(_MAX_TITLE, len(words) - i), 0, -1):
            title = TITLES.get(tuple(words[i : i + n]))
            if title and (best is None or n > best[0]):
                best = (n, title)
                break
    return best[1] if best else None


# Singular role nouns that name one person ("the foreign minister ... he said").
PERSON_NOUNS = {
    "minister", "president", "premier", "chancellor", "king", "queen", "emir", "sultan", "monarch",
    "prince", "governor", "mayor", "diplomat", "ambassador", "envoy", "negotiator", "secretary",
    "leader", "spokesman", "spokeswoman", "spokesperson", "official", "commander", "general",
    "prosecutor", "judge", "lawmaker", "legislator", "senator", "mp", "soldier", "serviceman",
    "policeman", "policewoman", "officer", "journalist", "reporter", "cleric", "imam", "bishop",
    "priest", "chief", "head", "adviser", "businessman", "businesswoman", "activist", "dissident",
    "resident", "citizen", "civilian", "refugee", "migrant", "student", "militant", "fighter",
    "gunman", "attacker", "archbishop", "cardinal", "pope", "rabbi", "ayatollah", "colonel",
    "admiral", "marshal", "sergeant", "captain", "lieutenant", "representative", "member",
}

# Pronouns the resolver links to earlier mentions.
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
THING_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
# Prepositions after which a capital is a place, not a government ("talks in Ankara").
LOCATIVE = {"in", "at", "near", "outside", "around", "inside", "across", "throughout", "within",
            "into", "over", "toward", "towards", "via", "through", "north", "south", "east", "west"}

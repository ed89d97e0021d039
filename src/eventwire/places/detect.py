"""Toponym detection: gazetteer matching over proper-noun runs, with guards.

spaCy's labels are evidence, not the decision: the small model calls "Tel Abyad" a person and
"Manbij" an organisation. Every run of capitalised proper nouns is matched against the gazetteer,
longest span first; inside a longer name only its head counts ("Texas Forest Service", not "Taco
Bell"). A match labelled GPE/LOC is kept (unless it only names small villages); any other match
must show that it is a place: a locative word before it ("in", "near", "shelled" ...), an area word
after it ("Idlib province", "the Ain Issa countryside"), a qualifier ("Columbus, Ohio"), a
place-forming first word ("Tel", "Ain", "Deir", "Kafr" ...), a people word after it ("Alexandria
woman"), a county word ("Madison County"), or being a country, state, region or large city.
People's names, titles ("coach Ripley"), acronyms and stop words are kept out. A name shown to be a
place once is a place wherever it recurs. Demonyms ("Syrian", "the Russian Foreign Ministry") are
reported as mentions of their country.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer
from .normalise import AREA_SUFFIXES, DIRECTION_PREFIXES, key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_WORDS = 7
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NEVER_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
LOCATIVE = frozenset({
    "in", "at", "near", "from", "to", "outside", "inside", "into", "around", "toward", "towards",
    "across", "through", "via", "between", "throughout", "within", "nearby", "off",
    "entered", "reached", "captured", "seized", "shelled", "bombed", "struck", "visited", "besieged",
})
_PLACE_WORDS = frozenset({"tal", "ayn", "dayr", "kafr", "jabal", "ras", "bayt", "umm", "qasr", "wadi", "khirbet", "tall", "mt", "ft", "st", "port", "lake"})
_CONNECTORS = frozenset({"of", "and", "the", "de", "del", "la", "le", "upon", "da", "do", "di", "du", "des"})
_RUN_BREAK = frozenset({"the", "a", "an", "i", "this", "that", "it", "we", "he", "she", "they", "you", "and", "or", "but", "if", "when", "as"})


def _stopwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(key(w) for w in text.splitlines() if w.strip() and not w.startswith("#"))


_STOP = _stopwords()


@dataclass(frozen=True, slots=True)
class Found:
    start: int  # body offsets of the whole mention, suffixes included ("Idlib province")
    end: int
    demonym: bool = False  # "Syrian", "Russians": stands for the country (as LGL annotates)
    modifier: bool = False  # the head of a longer name: "Texas Forest Service", "Astana Process"


def find_toponyms(doc: Doc, gaz: Gazetteer) -> list[Found]:
    """Toponym spans of a parsed text, in text order, without overlaps."""
    ent_label = _entity_labels(doc)
    person_words = _person_words(doc, gaz)
    place_keys = {key(e.text.removeprefix("the ")) for e in doc.ents if e.label_ in _PLACE_LABELS}
    taken = [False] * len(doc)
    out: list[Found] = []
    run_end = {m: run[1] for run in _runs(doc, ent_label) for m in _matches(doc, run, gaz) if _fits_run(doc, m, run, gaz)}
    matches = list(run_end)
    accepted = {m for m in matches if _accept(doc, m[0], m[1], ent_label, person_words, place_keys, gaz)}
    # a name shown to be a place once is a place wherever it recurs ("Aleppo was shelled")
    known = {key(doc[s:e].text) for s, e in accepted}
    for start, end in matches:
        if any(taken[start:end]):
            continue
        if (start, end) in accepted or (key(doc[start:end].text) in known and not _person_here(doc, start, end, person_words)):
            span = _extend(doc, start, end)
            modifier = end < run_end[(start, end)] and doc[end].lower_ not in AREA_SUFFIXES
            out.append(Found(span[0], span[1], modifier=modifier))
            for i in range(start, end):
                taken[i] = True
    for ent in doc.ents:
        if ent.label_ in ("NORP", "GPE") and not any(taken[ent.start:ent.end]) and gaz.demonym(ent.text):
            out.append(Found(ent.start_char, ent.end_char, demonym=True))
        elif ent.label_ == "ORG" and len(ent) > 1:  # "the Russian Foreign Ministry"
            head = ent[1] if ent[0].lower_ == "the" and len(ent) > 2 else ent[0]
            if not taken[head.i] and head.text[:1].isupper() and gaz.demonym(head.text):
                out.append(Found(head.idx, head.idx + len(head.text), demonym=True, modifier=True))
    out.sort(key=lambda f: f.start)
    return out


def _entity_labels(doc: Doc) -> list[str]:
    labels = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


def _person_words(doc: Doc, gaz: Gazetteer) -> set[str]:
    """Words of multi-word PERSON names: 'Henry' of 'Chiquita Raquel Henry' is not Henry, Illinois.
    Well-known places are left out: spaCy also calls "Alexandria Police Spokeswoman" a person."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(key(t.text) for t in ent if t.is_title and not _prominent(t.text, gaz))
    return words


def _capital(tok: Token) -> bool:
    """A word that can be part of a name: capitalised and a proper noun (or inside an entity)."""
    text = tok.text
    if text.lower() in ("al", "el") and tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]
        return nxt.text == "-" or nxt.text[:1].isupper()
    if not text[:1].isupper() or text.lower() in _RUN_BREAK:
        return False
    return tok.tag_ in ("NNP", "NNPS", "NN", "NNS", "JJ") or (bool(tok.ent_type_) and tok.ent_type_ not in _NEVER_LABELS)


# Words after a place name inside a longer name that keep it a place: "Kanawha County Sheriff's
# Office", "Rapides Parish Fire District", "Columbus City Schools", "Aleppo Governorate".
_INSTITUTIONS = frozenset({
    "police", "sheriff", "sheriff's", "fire", "county", "city", "council", "township", "board",
    "commission", "commissioners", "court", "courthouse", "airport", "chamber", "metropolitan",
    "municipal", "public", "regional", "area", "department", "schools", "school", "district",
    "times", "post", "herald", "tribune", "gazette", "journal", "register", "observer",
    "hospital", "general", "state", "medical", "transit", "port", "harbor", "mayor", "governor",
    "'s", "’s", "province", "governorate", "parish", "borough", "village", "town", "countryside",
})


def _fits_run(doc: Doc, match: tuple[int, int], run: tuple[int, int], gaz: Gazetteer) -> bool:
    """A match inside a longer name is a place only at its head ("Texas Forest Service", "Henderson
    County Jail", "Athens-Clarke"); not "Taco Bell", "Glacier Ridge", "Wal-Mart"."""
    start, end = match
    for i in range(start - 1, run[0] - 1, -1):
        if doc[i].lower_ in _CONNECTORS:  # "University of Texas": the run that counts starts after "of"
            run = (i + 1, run[1])
            break
    for i in range(end, run[1]):
        if doc[i].lower_ in _CONNECTORS:  # "Texas and Oklahoma": the name ends before "and"
            run = (run[0], i)
            break
    if start > run[0] and doc[start - 1].text in ("-", "–") and start - 1 > run[0]:
        before = doc[start - 2].text
        if len(before) == 1 or gaz.has(before) or gaz.demonym(before):
            return True  # "Egyptian-US relations", "Athens-Clarke", "Sen. Smith, D-Charleston"
    if any(doc[i].lower_ not in _HEAD_WORDS for i in range(run[0], start)):
        return False
    if end >= run[1]:
        return True
    if doc[end].lower_ in _COMPANY_WORDS:
        return False  # "Columbia University", "Dublin Inc."
    if doc[end].text not in ("-", "'", "’"):
        return True
    # "Athens-Clarke" (both places, labelled a place), not "Wal-Mart"
    return end + 1 < run[1] and doc[start].ent_type_ in _PLACE_LABELS and gaz.has(doc[end + 1].text)


_HEAD_WORDS = DIRECTION_PREFIXES | {"the", "metro"}
_COMPANY_WORDS = frozenset({"university", "college", "inc", "inc.", "corp", "corp.", "co", "co.", "company", "stores", "ltd", "llc"})


def _runs(doc: Doc, ent_label: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (hyphens and abbreviation dots allowed inside)."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if ent_label[i] in _NEVER_LABELS or not _capital(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i < 14:
            tok = doc[j]
            if tok.text in ("-", "'", "’") and j + 1 < len(doc) and not doc[j].whitespace_ and not doc[j - 1].whitespace_:
                j += 1
                continue
            if tok.lower_ in _CONNECTORS and _connects(doc, j, ent_label):
                j += 1  # "Gulf of Aden", "Bosnia and Herzegovina", "Democratic Republic of the Congo"
                continue
            if ent_label[j] in _NEVER_LABELS or not _capital(tok):
                break
            j += 1
        while j > i + 1 and (doc[j - 1].text in ("-", "'", "’") or doc[j - 1].lower_ in _CONNECTORS):
            j -= 1  # "Gainesville-area": the hyphen belongs to what follows
        runs.append((i, j))
        i = j
    return runs


def _connects(doc: Doc, j: int, ent_label: list[str]) -> bool:
    """A connector ("of", "of the", "and") inside a name: a capitalised name word follows."""
    k = j + 1
    while k < len(doc) and k - j <= 2 and doc[k].lower_ in _CONNECTORS:
        k += 1
    return k < len(doc) and ent_label[k] not in _NEVER_LABELS and _capital(doc[k])


def _matches(doc: Doc, run: tuple[int, int], gaz: Gazetteer) -> list[tuple[int, int]]:
    """Longest gazetteer matches inside a run, left to right."""
    out = []
    i, end = run
    while i < end:
        if doc[i].is_punct:
            i += 1
            continue
        demonym = next((j for j in range(min(end, i + 3), i, -1) if gaz.demonym(doc[i:j].text)), None)
        if demonym is not None:
            i = demonym  # "Sri Lankan" is a demonym, not the town "Sri"
            continue
        if doc[i].lower_ in _CONNECTORS:
            i += 1
            continue
        for j in range(min(end, i + MAX_WORDS), i, -1):
            text = doc[i:j].text
            if doc[j - 1].text in ("-", "'", "’") or doc[j - 1].lower_ in _CONNECTORS:
                continue
            if _known(text, gaz):
                out.append((i, j))
                i = j
                break
        else:
            i += 1
    return out


def _known(text: str, gaz: Gazetteer) -> bool:
    k = key(text)
    return len(k) >= 2 and k not in _STOP and gaz.has(text)


def _extend(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span including a direction word before and an area word after."""
    s, e = start, end
    if s > 0 and doc[s - 1].lower_ in DIRECTION_PREFIXES:
        s -= 1
    if e < len(doc) and doc[e].lower_ in AREA_SUFFIXES:
        e += 1
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


_TITLES = frozenset({
    "coach", "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
    "sheriff", "officer", "judge", "chief", "sgt", "lt", "capt", "col", "gen", "deputy", "pastor",
    "rev", "father", "sister", "brother", "uncle", "aunt", "mayor", "minister", "secretary", "prof",
    "professor", "st", "saint", "king", "queen", "prince", "princess", "lord", "lady", "sir",
})


def _person_here(doc: Doc, start: int, end: int, person_words: set[str]) -> bool:
    """Part of a longer PERSON name here, or a word of a person's name seen in the article."""
    tok = doc[start]
    in_long_person = tok.ent_type_ == "PERSON" and any(
        e.start <= start < e.end and len(e) > end - start for e in doc.ents if e.label_ == "PERSON"
    )
    return in_long_person or (end - start == 1 and key(tok.text) in person_words)


def _accept(doc: Doc, start: int, end: int, ent_label: list[str],
            person_words: set[str], place_keys: set[str], gaz: Gazetteer) -> bool:
    labels = {ent_label[i] for i in range(start, end)}
    text = doc[start:end].text
    k = key(text)
    words = k.split()
    letters = len(k.replace(" ", ""))
    senior = [e for e in gaz.find(text) if e.feature in ("country", "admin1", "region", "continent")]
    if (letters < 3 or (text.isupper() and letters <= 4)) and not senior:
        return False  # acronyms: "DUI", "GBI", "TIF"
    villages_only = len(words) == 1 and not senior and all(e.population < 5000 for e in gaz.find(text))
    if (labels & _PLACE_LABELS or k in place_keys) and not villages_only:
        return not _sentence_initial_person(doc, start, end, person_words)
    strong = _locative_before(doc, start) or _area_after(doc, end) or words[0] in _PLACE_WORDS or _qualified(doc, end, gaz)
    if len(words) == 1 and words[0] in person_words:
        return False
    if start > 0 and doc[start - 1].lower_.rstrip(".") in _TITLES:
        return False  # "coach Ripley", "Sen. Lincoln"
    if any(t.tag_[:2] in ("VB", "RB", "IN", "DT", "CC", "PR", "MD") for t in doc[start:end]) and not senior:
        return False  # title-case headline words: "Belarus to Send 200 Troops"
    if _county(text, gaz):
        return True
    return strong or _resident_after(doc, end) or ("PERSON" not in labels and _prominent(text, gaz))


def _county(text: str, gaz: Gazetteer) -> bool:
    """'Madison County', 'Rapides Parish': the area word makes the name a place wherever it stands."""
    last = text.split()[-1].lower()
    return last in ("county", "parish", "borough") and any(e.feature == "admin2" for e in gaz.find(text))


def _prominent(text: str, gaz: Gazetteer) -> bool:
    """Names that are nearly always the place: countries, states, regions, cities of 250,000+."""
    return any(
        e.feature in ("country", "admin1", "region", "continent") or e.population >= 250_000
        for e in gaz.find(text)
    )


def _sentence_initial_person(doc: Doc, start: int, end: int, person_words: set[str]) -> bool:
    return end - start == 1 and key(doc[start].text) in person_words and doc[start].ent_type_ not in _PLACE_LABELS


def _locative_before(doc: Doc, start: int) -> bool:
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("the", "of", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "downtown", "rural"):
        if doc[i].lower_ == "of" and i > 0 and doc[i - 1].lower_ in ("city", "town", "village", "province", "county", "region", "outskirts", "state", "capital", "north", "south", "east", "west", "parts", "areas", "countryside"):
            return True
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].text == "," and i >= 2 and doc[i - 2].like_num:
        return True  # "John Smith, 41, of Grovetown"
    return i >= 0 and doc[i].lower_ in LOCATIVE


_RESIDENTS = frozenset({
    "woman", "man", "women", "men", "resident", "residents", "native", "natives", "police", "officials",
    "mayor", "council", "teen", "teenager", "boy", "girl", "family", "families", "couple", "area",
    "community", "schools", "school", "county", "city", "township", "neighborhood", "neighbourhood",
    "home", "homes", "supporters", "voters", "leaders", "department", "firefighters", "deputies",
    "restaurant", "business", "businesses", "store", "church", "prison", "jail", "airport", "station",
    "-", "based",
})


def _resident_after(doc: Doc, end: int) -> bool:
    """'Alexandria woman', 'Manbij residents': a place name used as a modifier of people."""
    return end < len(doc) and doc[end].lower_ in _RESIDENTS


def _area_after(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].lower_ in AREA_SUFFIXES


def _qualified(doc: Doc, end: int, gaz: Gazetteer) -> bool:
    """'Columbus, Ohio' / 'Alexandria, La.' / 'Manbij, Syria': followed by a state or country."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    nxt: Span = doc[end + 1 : min(len(doc), end + 4)]
    for j in range(len(nxt), 0, -1):
        text = nxt[:j].text
        if j == 1 and len(text) == 2 and text.isupper():
            return gaz.admin1("US", text) is not None
        if any(e.feature in ("admin1", "country") for e in gaz.find(text)):
            return True
    return False

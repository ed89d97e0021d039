"""A deterministic benchmark corpus of wire-style articles (300-1,000 words each).

Sentences are drawn from templates over a broad vocabulary of actors, predicates, places and
dates, so that every stage (actors, places, times, quotes, events) has real work to do. Text
is written as JSON Lines so the same corpus feeds `extract`, `ingest` and `run`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

COUNTRIES = [
    ("Turkish", "Turkey", "Ankara"), ("Russian", "Russia", "Moscow"), ("Syrian", "Syria", "Damascus"),
    ("Iranian", "Iran", "Tehran"), ("Israeli", "Israel", "Jerusalem"), ("Ukrainian", "Ukraine", "Kyiv"),
    ("French", "France", "Paris"), ("German", "Germany", "Berlin"), ("Chinese", "China", "Beijing"),
    ("Indian", "India", "New Delhi"), ("Pakistani", "Pakistan", "Islamabad"), ("Nigerian", "Nigeria", "Abuja"),
    ("Sudanese", "Sudan", "Khartoum"), ("Ethiopian", "Ethiopia", "Addis Ababa"), ("Malian", "Mali", "Bamako"),
    ("Colombian", "Colombia", "Bogota"), ("Mexican", "Mexico", "Mexico City"), ("Brazilian", "Brazil", "Brasilia"),
    ("Egyptian", "Egypt", "Cairo"), ("Iraqi", "Iraq", "Baghdad"), ("Lebanese", "Lebanon", "Beirut"),
    ("Yemeni", "Yemen", "Sanaa"), ("Afghan", "Afghanistan", "Kabul"), ("Somali", "Somalia", "Mogadishu"),
]
PLACES = [
    "Aleppo", "Idlib", "Raqqa", "Kharkiv", "Donetsk", "Mosul", "Kirkuk", "Gaza City", "Rafah", "Tripoli",
    "Benghazi", "El Fasher", "Omdurman", "Goma", "Maiduguri", "Kandahar", "Peshawar", "Quetta", "Marib",
    "Hodeidah", "Timbuktu", "Gao", "Mekelle", "Bahir Dar", "Cali", "Medellin", "Culiacan", "Port-au-Prince",
]
GROUPS = ["the Syrian Democratic Forces", "Hezbollah", "Hamas", "the Houthis", "al-Shabaab", "the Taliban",
          "the Rapid Support Forces", "M23 rebels", "Boko Haram", "the Islamic State group", "JNIM"]
PEOPLE = [("President", "Amina Diallo"), ("Foreign Minister", "Pavel Rusu"), ("Defense Minister", "Omar Haddad"),
          ("Prime Minister", "Lena Kovac"), ("opposition leader", "Marta Reyes"), ("army spokesman", "Ali Karimi")]
FORCES = ["troops", "forces", "artillery", "warplanes", "police", "soldiers", "drones", "militants"]
VIOLENT = ["shelled", "attacked", "bombed", "struck", "raided", "ambushed", "fired rockets at", "targeted"]
VERBAL = ["condemned", "accused", "criticized", "warned", "praised", "urged", "called on", "thanked"]
COOP = ["signed an agreement with", "held talks with", "met with", "agreed to cooperate with",
        "sent humanitarian aid to", "offered to mediate between the parties and"]
DATES = ["on Monday", "on Tuesday", "last week", "on Friday", "earlier this month", "on March 3",
         "in recent weeks", "since 2015", "in August 2020", "on Thursday, Feb. 3, 2022"]
MONITORS = ["the Syrian Observatory for Human Rights", "local officials", "the United Nations",
            "a military source", "witnesses", "state media"]
NUMBERS = ["two", "three", "at least 15", "a dozen", "seven", "dozens of", "12", "four"]


def _sentence(rng: random.Random) -> str:
    adj, country, capital = rng.choice(COUNTRIES)
    adj2, country2, _ = rng.choice(COUNTRIES)
    place = rng.choice(PLACES)
    kind = rng.randrange(7)
    if kind == 0:
        return (f"{adj} {rng.choice(FORCES)} {rng.choice(VIOLENT)} positions held by {rng.choice(GROUPS)} near "
                f"{place} {rng.choice(DATES)}, killing {rng.choice(NUMBERS)} fighters, according to "
                f"{rng.choice(MONITORS)}.")
    if kind == 1:
        title, name = rng.choice(PEOPLE)
        return f"{adj} {title} {name} {rng.choice(VERBAL)} {country2} over the fighting in {place} {rng.choice(DATES)}."
    if kind == 2:
        return f"{capital} {rng.choice(COOP)} {country2} {rng.choice(DATES)}, the ministry said in a statement."
    if kind == 3:
        title, name = rng.choice(PEOPLE)
        return (f"\u201cWe will not accept any attack on our people in {place},\u201d {name}, the {adj2} "
                f"{title.lower()}, told reporters {rng.choice(DATES)}.")
    if kind == 4:
        return (f"Hundreds of protesters gathered in {place} {rng.choice(DATES)} to demand the release of "
                f"detained journalists, and police arrested {rng.choice(NUMBERS)} people.")
    if kind == 5:
        return (f"Clashes erupted between {rng.choice(GROUPS)} and {adj} {rng.choice(FORCES)} in the {place} "
                f"countryside, leaving {rng.choice(NUMBERS)} civilians wounded.")
    return (f"The European Union imposed new sanctions on {country} {rng.choice(DATES)}, accusing its "
            f"government of supplying weapons to {rng.choice(GROUPS)}.")


def make_article(rng: random.Random, index: int) -> dict[str, str]:
    target_words = rng.randint(300, 1000)
    paragraphs: list[str] = []
    words = 0
    while words < target_words:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(para)
        words += len(para.split())
    adj, _country, _ = rng.choice(COUNTRIES)
    day = 1 + index % 28
    return {
        "id": f"bench-{index:06d}",
        "headline": f"{adj} officials respond to fighting near {rng.choice(PLACES)}",
        "published": f"2024-{1 + index % 12:02d}-{day:02d}",
        "source": rng.choice(["Wire A", "Wire B", "Wire C"]),
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(path: Path, n_articles: int, seed: int = 7) -> Path:
    """Write `n_articles` articles as JSON Lines to `path` (reused when it already matches)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = path.with_suffix(".meta")
    want = f"{n_articles}:{seed}"
    if path.exists() and stamp.exists() and stamp.read_text() == want:
        return path
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n_articles):
            out.write(json.dumps(make_article(rng, i), ensure_ascii=False) + "\n")
    stamp.write_text(want)
    return path


def load_texts(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]

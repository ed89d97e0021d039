from __future__ import annotations

import json
import re

from eventwire.model import (
    Acled,
    Action,
    Actor,
    Article,
    Event,
    Mention,
    Place,
    Quote,
    TimeRef,
    article_id,
)

from .conftest import SHARED


def _sample_article() -> Article:
    actor = Actor("Q1", "Syrian Democratic Forces", "armed_group", "SYR", "REB", "SYRREB")
    src = Mention("the SDF", 20, 27, actor, "ORG")
    tgt = Mention("Turkish bases", 36, 49, Actor("turmil", "Turkey military", "state", "TUR", "MIL", "TURMIL"), "NORP")
    place = Place("Ain Issa", 172863, 36.39, 38.86, "SY", "Raqqa", "town", ((59, 67),))
    when = TimeRef("Friday", 0, 6, "2024-11-08", "day", "published")
    action = Action("shelled", "194", "19", "Fight with artillery and tanks", "ASSAULT", "heavy-weapons", 4, -10.0,
                    Acled("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    event = Event("e1", "In retaliation, the SDF shelled Turkish bases.", 0, 46, src, tgt, action, "asserted",
                  place, when, 2, None, "SOHR", 0.9, "lexicon:shell")
    quote = Quote("somewhat neutral", 5, 21, True, src, "stated", None)
    return Article(article_id("body"), "x#1", "AP", None, "Head", "2024-11-09", ("cap",), "body", "en",
                   (src, tgt), (event,), (quote,), (place,), (when,), ("w",))


def test_round_trip_through_json() -> None:
    art = _sample_article()
    again = Article.from_dict(json.loads(json.dumps(art.to_dict())))
    assert again == art


def test_serialisation_has_every_field_of_the_spec() -> None:
    spec = (SHARED / "spec" / "output.md")
    d = _sample_article().to_dict()
    required = {
        "Article": set(d),
        "Event": set(d["events"][0]),
        "Actor": set(d["entities"][0]["actor"]),
        "Mention": set(d["entities"][0]),
        "Quote": set(d["quotes"][0]),
        "Place": set(d["places"][0]),
        "TimeRef": set(d["times"][0]),
        "action": set(d["events"][0]["action"]),
    }
    if spec.exists():
        text = spec.read_text()
        for section, keys in required.items():
            if section == "action":
                spec_keys = set(re.findall(r'"(\w+)":', text.split("| action |")[1].split("\n")[0]))
                spec_keys -= {"event_type", "sub_event_type"}
            else:
                block = text.split(f"## {section}\n")[1].split("\n## ")[0]
                rows = re.findall(r"^\| (\w+)(?:, (\w+))? \|", block, re.M)
                spec_keys = {k for pair in rows for k in pair if k} - {"field"}
                if block.startswith("`"):
                    spec_keys |= set(re.findall(r'"(\w+)":', block.split("\n")[0]))
            assert spec_keys, section
            assert spec_keys <= keys, (section, spec_keys - keys)
    for keys in required.values():
        assert keys


def test_article_id_is_stable_and_whitespace_insensitive() -> None:
    assert article_id("a  b\n\nc") == article_id("a b c")
    assert article_id("a b c") != article_id("a b d")
    assert re.fullmatch(r"[0-9a-f]{16}", article_id("x"))

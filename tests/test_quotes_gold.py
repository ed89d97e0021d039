"""Quotes against the team's gold (eval/gold/quotes.jsonl) and the shared sample, through the real
Extractor; the scorer and the event linking on hand-made records."""

from __future__ import annotations

import json
import re

import pytest

from eventwire.model import Acled, Action, Actor, Event, Mention, Quote
from eventwire.quotes import link_quotes, score_quotes
from eventwire.quotes.score import same_speaker, score_gold

from .conftest import ROOT

GOLD = ROOT / "eval" / "gold" / "quotes.jsonl"

# Floors under the figures reached (docs/quotes.md); a drop below one is a regression.
FLOORS = {
    "direct_span_f1": 0.95,
    "direct_speaker_accuracy": 0.92,
    "span_f1": 0.92,
    "match_f1": 0.92,
    "speaker_accuracy": 0.92,
}


def _gold() -> list[dict]:
    return [
        json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def test_gold_is_well_formed() -> None:
    articles = _gold()
    quotes = [q for a in articles for q in a["quotes"]]
    assert len(articles) >= 15 and len(quotes) >= 45
    assert sum(q["direct"] for q in quotes) >= 45
    for article in articles:
        assert article["ref"] and article["text"]
        for q in article["quotes"]:
            assert q["text"] in article["text"], (article["ref"], q["text"])
            assert q["speaker"] and isinstance(q["direct"], bool)


@pytest.mark.model
@pytest.mark.slow
def test_gold_figures_stay_above_floors(extractor) -> None:
    figures = score_gold(
        _gold(), lambda text, published: extractor.extract_text(text, published=published)
    )
    low = {k: figures[k] for k, floor in FLOORS.items() if figures[k] < floor}
    assert not low, f"below floors {FLOORS}: {low}"


# Speakers of the sample's quotations in text order, by surname or name words.
SAMPLE_SPEAKERS = ["draft agreement", "Tsikhanouskaya", "Lavrentiev", "Fidan", "Türkiye"]


@pytest.mark.model
@pytest.mark.shared
def test_every_quotation_of_the_sample_has_the_right_speaker(shared_dir) -> None:
    from eventwire.model import Article
    from eventwire.pipeline import extract_inputs

    path = shared_dir / "samples" / "asharq-syria-2articles.txt"
    articles = [a for a in extract_inputs([str(path)]) if isinstance(a, Article)]
    direct = [q for a in articles for q in a.quotes if q.direct]
    marks = sum(len(re.findall("“", a.body)) for a in articles)
    assert len(direct) == marks == len(SAMPLE_SPEAKERS)
    for quote, speaker in zip(direct, SAMPLE_SPEAKERS, strict=True):
        assert same_speaker(quote.speaker, speaker), (quote.text, quote.speaker)


# --- scorer ------------------------------------------------------------------------------------

BODY = (
    "“We will fight on,” Olena Marchenko said. Officials said the bridge was destroyed overnight."
)


def _q(text: str, direct: bool, speaker: str | None) -> Quote:
    start = BODY.index(text)
    mention = Mention(speaker, 0, 0, None, "PERSON") if speaker else None
    return Quote(text, start, start + len(text), direct, mention, "said", None)


def test_score_perfect_and_partial() -> None:
    gold = [
        {"text": "We will fight on,", "speaker": "Olena Marchenko", "direct": True},
        {"text": "the bridge was destroyed overnight", "speaker": "Officials", "direct": False},
    ]
    perfect = score_quotes(
        [
            _q("We will fight on,", True, "Marchenko"),
            _q("the bridge was destroyed overnight", False, "Officials"),
        ],
        gold,
        BODY,
    )
    assert perfect["span_f1"] == 1.0 and perfect["speaker_accuracy"] == 1.0
    partial = score_quotes([_q("the bridge was destroyed", False, "Marchenko")], gold, BODY)
    assert partial["direct_match_r"] == 0.0
    assert partial["indirect_span_p"] == 1.0 and partial["indirect_span_r"] == 0.8
    assert partial["indirect_speaker_accuracy"] == 0.0


def test_speaker_names_match_by_surname_subset_and_acronym() -> None:
    def m(text: str, actor: str | None = None) -> Mention:
        return Mention(
            text, 0, 0, Actor("x", actor, "person", None, None, "X") if actor else None, "PERSON"
        )

    assert same_speaker(m("Fidan"), "Hakan Fidan")
    assert same_speaker(m("She", "Sviatlana Tsikhanouskaya"), "Sviatlana Tsikhanouskaya")
    assert same_speaker(m("SOHR"), "Syrian Observatory for Human Rights")
    assert same_speaker(m("the Syrian Foreign Ministry"), "Foreign Ministry")
    assert not same_speaker(m("the Defense Ministry"), "Foreign Ministry")
    assert not same_speaker(None, "Hakan Fidan")


# --- linking -----------------------------------------------------------------------------------


def _event(eid: str, root: str, text: str, start: int, end: int, source: Mention | None) -> Event:
    action = Action(text, root + "0", root, "x", "CONSULT", None, 1, 0.0, Acled("a", "b"))
    return Event(
        eid,
        BODY[start:end],
        start,
        end,
        source,
        None,
        action,
        "asserted",
        None,
        None,
        None,
        None,
        None,
        0.9,
    )


def test_link_quotes_to_the_statement_event_of_the_same_cue() -> None:
    speaker = Mention("Olena Marchenko", 20, 35, None, "PERSON")
    quote = Quote("We will fight on,", 1, 18, True, speaker, "said", None)
    events = [
        _event("e-attack", "19", "destroyed", 41, len(BODY), None),
        _event("e-say", "01", "said", 0, 41, speaker),
    ]
    (linked,) = link_quotes([quote], events)
    assert linked.event_id == "e-say"
    (unlinked,) = link_quotes([quote], events[:1])
    assert unlinked.event_id is None

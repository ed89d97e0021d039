"""The evaluation harness: matching rules, gold format, dataset loaders, the `eval` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.errors import InputError
from eventwire.evaluate import datasets
from eventwire.evaluate.gold import GoldArticle, GoldEvent, load_gold, parse_article
from eventwire.evaluate.metrics import (
    NO_CLASS,
    code_matches,
    haversine_km,
    macro_f1,
    normalise_plover,
    penta_class,
    split_code,
    text_matches,
)
from eventwire.evaluate.scoring import ArticleScores, ErrorLog, score_article
from eventwire.model import Action, Actor, Article, Event, Mention, Place, TimeRef

ROOT = Path(__file__).resolve().parents[1]


# matching primitives -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "country", "ok"),
    [
        ("TUR", "TURMIL", "TUR", True),  # a bare country matches any code of that country
        ("TURMIL", "TURMIL", "TUR", True),
        ("TURMIL", "TURGOV", "TUR", False),  # a full code needs the role too
        ("TURMIL", "TURGOVMIL", "TUR", True),
        ("SYR", "TURMIL", "TUR", False),
        ("IGO", "IGOUNO", None, True),
        ("IGOUNO", "IGOWHO", None, False),
        ("JAP", "JPNGOV", "JPN", True),  # CAMEO-era alias in gold
        ("USA", None, None, False),
    ],
)
def test_code_matches(gold: str, predicted: str | None, country: str | None, ok: bool) -> None:
    assert code_matches(gold, predicted, country) is ok


def test_split_code_and_plover_drafts() -> None:
    assert split_code("syrreb") == ("SYR", ("REB",))
    assert split_code("USAGOVMIL") == ("USA", ("GOV", "MIL"))
    assert normalise_plover("DEMAND") == "REQUEST"
    assert normalise_plover("fight") == "ASSAULT"
    assert normalise_plover("PROTEST") == "PROTEST"


@pytest.mark.parametrize(
    ("cameo", "cls"),
    [("010", 0), ("02", 0), ("036", 1), ("057", 1), ("073", 2), ("112", 3), ("1382", 3), ("145", 4),
     ("194", 4), ("20", 4), ("", NO_CLASS), ("x1", NO_CLASS), ("21", NO_CLASS)],
)
def test_penta_class(cameo: str, cls: int) -> None:
    assert penta_class(cameo) == cls


def test_macro_f1_counts_missing_predictions_as_wrong() -> None:
    assert macro_f1([0, 1, 2], [0, 1, 2], range(3)) == 1.0
    assert macro_f1([0, 0], [NO_CLASS, NO_CLASS], range(1)) == 0.0
    assert macro_f1([0, 1], [0, 0], range(2)) == pytest.approx((2 / 3 + 0) / 2)


def test_haversine_and_text_matches() -> None:
    assert haversine_km(36.39, 38.86, 36.39, 38.86) == 0
    assert 340 < haversine_km(48.8566, 2.3522, 51.5074, -0.1278) < 346  # Paris-London, 343.5 km
    assert text_matches("Ain Issa", "the Ain Issa countryside")
    assert text_matches("Türkiye", "turkiye")
    assert not text_matches("Issa", "Ain Issawi")


# gold format --------------------------------------------------------------------------------------


def test_gold_parse_and_errors(tmp_path: Path) -> None:
    good = {"ref": "x", "text": "Body.", "events": [{"source": "TURMIL", "target": ["SYRREB", "SYR"],
                                                     "plover": "ASSAULT", "fatalities": "2"}]}
    art = parse_article(good, "here")
    assert art.events == (GoldEvent(("TURMIL",), ("SYRREB", "SYR"), plover="ASSAULT", fatalities=2),)
    assert art.actors is None  # absent = not annotated
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + "{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"g\.jsonl:3"):
        load_gold(path)
    with pytest.raises(InputError, match="text"):
        parse_article({"ref": "y"}, "here")
    with pytest.raises(InputError, match="events"):
        parse_article({"text": "a", "events": [{"target": "TUR"}, 3]}, "here")


def _actor(code: str, country: str | None) -> Actor:
    return Actor(id=code.lower(), name=code, type="state", country=country, role=code[3:6] or None, code=code)


def _event(src: str | None, tgt: str | None, plover: str, cameo: str, **kw: object) -> Event:
    def mention(code: str | None) -> Mention | None:
        return Mention(code, 0, 3, _actor(code, code[:3]), "ORG") if code else None

    action = Action("x", cameo, cameo[:2], "n", plover, None, 4, -10.0)
    fields = {"mode": "asserted", "place": None, "date": None, "fatalities": None, "injured": None,
              "attributed_to": None} | kw
    return Event("e", "S.", 0, 2, mention(src), mention(tgt), action, confidence=0.9, **fields)  # type: ignore[arg-type]


def _article(events: list[Event], **kw: object) -> Article:
    return Article("id", "r", None, None, None, None, (), "In Ain Issa on Friday.", "en",
                   events=tuple(events), **kw)  # type: ignore[arg-type]


def test_event_scoring_rules() -> None:
    gold = GoldArticle("r", "t", events=(
        GoldEvent(("TURMIL",), ("SYRREB",), plover="ASSAULT", fatalities=2),
        GoldEvent(("SYR",), (), cameo="112"),  # no target: not checked
    ), not_events=(GoldEvent(("BLR",), ("SYR",), plover="ASSAULT"),))
    found = [
        _event("SYRREB", "TURMIL", "ASSAULT", "194"),  # reversed roles: a false positive
        _event("TURMIL", "SYRREBKUR", "ASSAULT", "195", fatalities=2),
        _event("SYRGOV", "TUR", "ACCUSE", "111"),
        _event("BLRMIL", "SYRGOV", "ASSAULT", "190"),  # forbidden by not_events
    ]
    scores, log = ArticleScores(), ErrorLog("t")
    score_article(gold, _article(found), scores, log)
    fig = scores.figures()
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (2, 2, 0)
    assert fig["events.fatalities.accuracy"] == 1.0
    assert fig["not_events.avoided"] == 0.0
    kinds = {e["kind"] for e in log.items}
    assert {"event_false_positive", "not_event_found"} <= kinds


def test_places_and_times_scoring() -> None:
    gold = GoldArticle("r", "t", places=(
        parse_article({"text": "x", "places": [{"text": "Ain Issa", "lat": 36.39, "lon": 38.86}]}, "w").places or ()
    ), times=parse_article({"text": "x", "times": [{"text": "Friday", "value": "2024-11-08"}]}, "w").times)
    near = Place("Ain Issa", 1, 36.5, 38.9, "SY", None, "city", ((3, 11),))
    far = Place("Ain Issa", 2, 33.0, 35.0, "LB", None, "city", ((3, 11),))
    friday = TimeRef("Friday", 15, 21, "2024-11-08", "day", "published")
    scores = ArticleScores()
    score_article(gold, _article([], places=(near,), times=(friday,)), scores, ErrorLog("t"))
    score_article(gold, _article([], places=(far,), times=()), scores, ErrorLog("t"))
    assert (scores.places.tp, scores.places.fp, scores.places.fn) == (1, 1, 1)
    assert (scores.times.tp, scores.times.fn) == (1, 1)


# shared development sets -------------------------------------------------------------------------


@pytest.mark.shared
def test_shared_loaders(shared_dir: Path) -> None:
    data = shared_dir / "eval"
    gsr = datasets.load("plover-gsr", data)
    assert len(gsr) > 300 and all(a.events for a in gsr)
    assert sum(len(a.events or ()) for a in gsr) == 322
    assert all(e.plover != "DOCUMENT" for a in gsr for e in a.events or ())
    classes = datasets.load("confli-class", data)
    assert len(classes) == 1349 and {s.label for s in classes} == {0, 1, 2, 3, 4}
    spans = datasets.load("confli-spans", data)
    assert len(spans) == 1153
    for s in spans:  # every token sits at its offsets in the rebuilt text
        assert all(s.text[a:b].strip() == s.text[a:b] and s.text[a:b] for a, b in s.offsets)
    for name, n in (("lgl", 588), ("geovirus", 229)):
        arts = datasets.load(name, data)
        assert len(arts) == n
        for a in arts:
            assert all(a.text[t.start : t.end] == t.text for t in a.toponyms)
    lgl = datasets.load("lgl", data)
    assert sum(len(a.toponyms) for a in lgl) + sum(len(a.ungrounded) for a in lgl) == 5088


# the command ---------------------------------------------------------------------------------------


@pytest.mark.model
def test_eval_command_on_a_gold_file(tmp_path: Path) -> None:
    from eventwire.cli import cli

    gold = tmp_path / "mini.jsonl"
    rows = [
        {"ref": "a", "published": "2024-11-09", "text": "Turkish artillery shelled Kurdish fighters near Ain Issa on Friday.",
         "events": [{"source": "TURMIL", "target": "SYRREB", "plover": "ASSAULT"}],
         "places": [{"text": "Ain Issa", "lat": 36.39, "lon": 38.86}]},
        {"ref": "b", "text": "The United Nations called for calm in Sudan.",
         "events": [{"source": "IGOUNO", "target": "SDN", "cameo": "0"}]},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "results.json"
    result = CliRunner().invoke(cli, ["eval", f"gold:{gold}", "--json", "--errors", "--output", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    res = doc["datasets"]["gold:mini"]
    assert res["items"] == 2
    for key in ("events.precision", "events.recall", "events.f1", "places.f1"):
        assert 0.0 <= res["figures"][key] <= 1.0
    assert "total" in res["seconds"] and isinstance(res["errors"], list)
    assert json.loads(out.read_text())["datasets"]["gold:mini"]["figures"] == res["figures"]
    table = CliRunner().invoke(cli, ["eval", f"gold:{gold}"])
    assert table.exit_code == 0 and "events.f1" in table.output


def test_eval_command_rejects_unknown_dataset() -> None:
    from eventwire.cli import cli

    result = CliRunner().invoke(cli, ["eval", "nosuchset"])
    assert result.exit_code == 2
    assert "unknown dataset" in result.output


# the project's own gold files ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["wire", "demo"])
def test_project_gold_files_are_well_formed(name: str) -> None:
    articles = load_gold(ROOT / "eval" / "gold" / f"{name}.jsonl")
    assert len({a.ref for a in articles}) == len(articles)
    for a in articles:
        assert a.events, a.ref
        for item in (*(a.actors or ()), *(a.places or ()), *(a.times or ()), *(a.quotes or ())):
            assert item.text in a.text, (a.ref, item.text)  # annotations quote the body exactly
        for e in (*a.events, *(a.not_events or ())):
            assert e.sources and (e.plover or e.cameo), (a.ref, e)


def test_wire_gold_covers_the_event_kinds() -> None:
    articles = load_gold(ROOT / "eval" / "gold" / "wire.jsonl")
    assert len(articles) >= 20
    events = [e for a in articles for e in a.events or ()]
    kinds = {normalise_plover(e.plover) for e in events}
    assert {"CONSULT", "AGREE", "PROTEST", "ASSAULT", "AID", "SANCTION", "COERCE", "ACCUSE", "REQUEST",
            "THREATEN", "REJECT"} <= kinds
    assert any(e.cameo == "173" for e in events)  # arrests
    assert sum(bool(a.not_events) for a in articles) >= 5


class _FailingStage:
    """A stand-in for the Extractor whose stages raise on one kind of text: the harness must
    score everything else and report the failure, not stop."""

    def __init__(self) -> None:
        from eventwire.pipeline import Timings
        from eventwire.settings import Settings

        self.settings = Settings(batch_size=2)
        self.timings = Timings()

    def extract(self, docs):  # type: ignore[no-untyped-def]
        for d in docs:
            if "boom" in d.body:
                raise RuntimeError("stage exploded")
        return [Article("i", d.ref, None, None, None, None, (), d.body, "en") for d in docs]


def test_a_failing_stage_does_not_stop_the_evaluation(tmp_path: Path) -> None:
    from eventwire.evaluate.runner import run_dataset

    gold = tmp_path / "g.jsonl"
    rows = [{"ref": f"r{i}", "text": "boom" if i == 1 else f"Text {i}.", "events": [{"source": "USA", "plover": "AID"}]}
            for i in range(5)]
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run_dataset(f"gold:{gold}", _FailingStage())
    assert result.items == 5 and result.figures["events.recall"] == 0.0
    assert [e["ref"] for e in result.errors if e["kind"] == "pipeline_error"] == ["r1"]
    assert any("raised on 1 item" in n for n in result.notes)
    assert result.breakdown["events_by_type"]["AID"] == {"gold": 5, "matched": 0, "recall": 0.0}


def test_conll_tokens_are_rejoined_as_printed() -> None:
    block = "\n".join(f"{t} {g}" for t, g in [
        ("Trump", "B-S"), ("’", "I-S"), ("s", "I-S"), ("rebel", "O"), ("-", "O"), ("held", "O"),
        ("“", "O"), ("dangerous", "O"), ("”", "O"), ("(", "O"), ("UN", "B-T"), (")", "O"), (",", "O"),
        ("the", "O"), ("army", "O"), ("'s", "O"), ("5", "O"), ("%", "O"), (".", "O")])
    s = datasets._span_sentence("x", block)
    assert s.text == "Trump’s rebel-held “dangerous” (UN), the army's 5%."
    assert [s.text[a:b] for a, b in s.offsets][:3] == ["Trump", "’", "s"]
    assert s.gold_tokens("S") == {0, 1, 2} and s.gold_tokens("T") == {10}
    start = s.text.index("UN")
    assert s.token_indexes(start, start + 2) == {10}

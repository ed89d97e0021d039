"""The event ontologies and the predicate lexicon: tables complete and consistent."""

from __future__ import annotations

import pytest

from eventwire.errors import EventwireError
from eventwire.events import ontology
from eventwire.events.casualties import parse_number
from eventwire.events.compose import compose, refine
from eventwire.events.lexicon import entries, index


def test_every_cameo_root_and_about_300_codes():
    codes = ontology.cameo_codes()
    assert len(codes) >= 290
    assert {c[:2] for c in codes} == {f"{r:02d}" for r in range(1, 21)}
    for c in codes.values():
        assert -10.0 <= c.goldstein <= 10.0
        assert c.name


def test_plover_types_are_the_16_and_every_code_maps_to_one():
    types = ontology.plover_types()
    assert len(types) == 16
    for c in ontology.cameo_codes().values():
        if c.root == "01":
            assert c.plover == ""  # statements have no PLOVER type
        else:
            assert c.plover in types, c.code
            if c.plover_mode:
                assert c.plover_mode in types[c.plover].modes, c.code


def test_acled_has_6_types_and_25_sub_event_types():
    types = ontology.acled_types()
    assert len(types) == 6
    assert sum(len(v) for v in types.values()) == 25
    assert ontology.acled("Air/drone strike").event_type == "Explosions/Remote violence"
    with pytest.raises(EventwireError):
        ontology.acled("Drone strike")


@pytest.mark.parametrize(
    ("code", "quad", "penta"),
    [("010", 1, 0), ("0256", 1, 0), ("036", 1, 1), ("057", 1, 1), ("073", 2, 2), ("0871", 2, 2),
     ("112", 3, 3), ("1384", 3, 3), ("141", 4, 4), ("194", 4, 4), ("2042", 4, 4)],
)
def test_quad_and_penta_class(code, quad, penta):
    assert ontology.quad_class(code) == quad
    assert ontology.penta_class(code) == penta


def test_make_action_of_shelling():
    a = ontology.make_action("shelled", "194", "Shelling/artillery/missile attack")
    assert (a.root, a.plover, a.plover_mode, a.quad_class, a.goldstein) == ("19", "ASSAULT", "heavy-weapons", 4, -10.0)
    assert a.acled.event_type == "Explosions/Remote violence"
    with pytest.raises(EventwireError):
        ontology.make_action("x", "999")


def test_lexicon_covers_all_roots_with_verbs_and_nouns():
    coded = [e for e in entries() if e.cameo]
    roots = {e.cameo[:2] for e in coded}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert {e.pos for e in coded} == {"V", "N"}
    ids = [e.id for e in entries()]
    assert len(ids) == len(set(ids))
    assert len(coded) > 400


def test_conditional_entries_come_first():
    meets = index()[("V", "meet")]
    assert meets[0].dep is not None and meets[-1].dep is None


@pytest.mark.parametrize(
    ("words", "n"),
    [("two", 2), ("15", 15), ("1,200", 1200), ("a dozen", 12), ("two dozen", 24), ("at least 15", 15),
     ("twenty-one", 21), ("10 million", 10_000_000), ("several", None)],
)
def test_parse_number(nlp, words, n):
    assert parse_number(list(nlp.make_doc(words))) == n


@pytest.mark.parametrize(
    ("family", "base", "comp", "code"),
    [("intent", "030", "040", "036"), ("reject", "120", "040", "125"), ("appeal", "020", "0841", "0253"),
     ("demand", "100", "087", "1056"), ("threaten", "130", "194", "1384"), ("threaten", "130", "163", "1312"),
     ("reject", "120", None, "120"), ("intent", "030", "190", "030")],
)
def test_compose_control_codes(family, base, comp, code):
    assert compose(family, base, comp) == code


def test_refine_by_weapon_and_domain():
    assert refine("190", {"artillery", "strike"}) == "194"
    assert refine("190", {"drone"}) == "195"
    assert refine("070", {"humanitarian", "aid"}) == "073"
    assert refine("060", {"talk"}) == "060"


def test_nouns_outside_the_lexicon_are_read_through_their_verb():
    from eventwire.events.lexicon import derived_noun

    e = derived_noun("deportation")
    assert e is not None and e.cameo == "174" and e.rule == "rule:derived-noun:deport/v"
    assert derived_noun("building") is None  # "build" codes nothing
    assert derived_noun("statement") is None or derived_noun("statement").cameo  # never uncoded

"""The event coder on one-sentence articles, through the real pipeline: one test per construction."""

from __future__ import annotations

import pytest

from eventwire.events import main_event
from eventwire.model import Event

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def code(extractor):
    def run(text: str) -> list[Event]:
        return list(extractor.extract_text(text).events)

    return run


def _one(events: list[Event], root: str) -> Event:
    found = [e for e in events if e.action.root == root]
    assert found, [(e.action.cameo, e.action.text) for e in events]
    return found[0]


def _has(mention, word: str) -> bool:
    return mention is not None and word.lower() in mention.text.lower()


def test_active_verb_with_subject_and_object(code):
    e = _one(code("Government troops shelled rebel positions near Idlib on Tuesday."), "19")
    assert e.action.cameo == "194" and e.action.plover == "ASSAULT"
    assert _has(e.source, "troops") and _has(e.target, "positions")
    assert e.action.acled.sub_event_type == "Shelling/artillery/missile attack"
    assert e.rule == "lex:shell/v" and e.mode == "asserted"


def test_passive_with_agent(code):
    e = _one(code("The convoy was attacked by militants in the north."), "19")
    assert _has(e.source, "militants") and _has(e.target, "convoy")


def test_light_verb_carries_nominal_event(code):
    e = _one(code("The army launched an offensive against the rebels."), "19")
    assert _has(e.source, "army") and _has(e.target, "rebels")
    assert "launched" in e.action.text and "offensive" in e.action.text
    e = _one(code("The two foreign ministers held talks with the UN envoy in Geneva."), "04")
    assert e.action.plover == "CONSULT" and _has(e.target, "envoy")


def test_nominal_clash_between_two_parties(code):
    events = [e for e in code("Heavy clashes broke out between the army and Islamist militants.") if e.action.root == "19"]
    assert events
    parties = {events[0].source.text.lower(), events[0].target.text.lower()}
    assert any("army" in p for p in parties) and any("militants" in p for p in parties)
    assert events[0].action.acled.sub_event_type == "Armed clash"


def test_attack_noun_subject_of_kill_gives_one_event_with_fatalities(code):
    events = code("An Israeli air strike killed three Hamas fighters in Gaza.")
    e = _one(events, "19")
    assert e.action.cameo == "195" and e.fatalities == 3
    assert e.action.acled.sub_event_type == "Air/drone strike"
    assert not [x for x in events if x.rule == "lex:kill/v"]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [("Gunmen attacked a bus, killing at least 15 passengers and wounding a dozen others.", 15, 12),
     ("Two soldiers were killed when militants attacked a checkpoint.", 2, None)],
)
def test_casualties_in_words_and_digits(code, text, killed, injured):
    e = _one(code(text), "19")
    assert e.fatalities == killed
    assert e.injured == injured


def test_planned_by_plan_verb_and_future(code):
    e = _one(code("Belarus plans to deploy troops to Syria."), "15")
    assert e.mode == "planned" and _has(e.target, "Syria")
    # a cooperative act announced for the future is coded as an intent (CAMEO 03), still planned
    e = _one(code("Egypt will send humanitarian aid to Gaza."), "03")
    assert e.mode == "planned" and e.action.cameo == "0333" and e.rule.endswith("rule:future-intent")


def test_negated(code):
    e = _one(code("The rebels did not attack the town."), "19")
    assert e.mode == "negated"


def test_refusal_to_meet_is_a_rejected_meeting(code):
    e = _one(code("Iran refused to meet the American envoy."), "12")
    assert e.action.cameo == "125" and e.action.plover == "REJECT"
    assert _has(e.source, "Iran") and _has(e.target, "envoy")


def test_appeal_with_object_control(code):
    events = code("The UN urged both sides to release all prisoners.")
    e = _one(events, "02")
    assert e.action.cameo == "0253" and _has(e.source, "UN")
    assert not [x for x in events if x.action.cameo.startswith("084")]  # coded inside the appeal


def test_demand_stands_alone_when_its_control_is_not_an_event(code):
    events = code("Calls for the release of the detained journalists grew louder.")
    release = [x for x in events if x.action.cameo.startswith("084")]
    assert release and all(x.mode == "demanded" for x in release)


def test_obligation_in_reported_clause_is_a_demand(code):
    e = _one(code("Russia said on Tuesday that Sudan must return the captured helicopter."), "10")
    assert e.action.plover == "REQUEST" and _has(e.target, "Sudan")


def test_purpose_clause_is_part_of_the_event(code):
    events = code("Thousands of students staged demonstrations in the capital to demand political reforms.")
    assert _one(events, "14")
    assert not [x for x in events if x.action.root == "10"]


def test_threat_composes_with_the_threatened_act(code):
    e = _one(code("North Korea threatened to strike American bases."), "13")
    assert e.action.cameo == "1384"


def test_reported_speech_and_according_to(code):
    events = code("The ministry said that rebels had shelled the airport, according to state media.")
    said = _one(events, "01")
    shelled = _one(events, "19")
    assert shelled.mode == "reported" and shelled.attributed_to
    assert said.action.plover == ""
    assert main_event(events) is shelled


def test_accusation_target_and_reported_content(code):
    e = _one(code("Moscow accused Kyiv of shelling the power plant."), "11")
    assert e.action.cameo == "112" and _has(e.target, "Kyiv")


def test_protest_and_arrests_get_acled_types(code):
    e = _one(code("Thousands of students demonstrated in the capital against the new law."), "14")
    assert e.action.acled.sub_event_type == "Peaceful protest"
    e = _one(code("Police arrested twelve opposition activists in Minsk."), "17")
    assert e.action.acled.sub_event_type == "Arrests" and e.action.cameo == "173"


def test_every_event_is_coded_and_traceable(code):
    events = code("Turkey condemned the attack and called for calm, while Russia offered to mediate.")
    assert events
    for e in events:
        assert e.action.cameo and e.rule.startswith(("lex:", "rule:"))
        assert 0.0 < e.confidence <= 1.0
        assert e.sentence and e.end > e.start
    assert len({e.id for e in events}) == len(events)


def test_no_event_without_a_predicate(code):
    assert code("The weather in the capital was mild and sunny.") == []


def test_main_event_prefers_asserted_specific_events():
    assert main_event([]) is None


def test_place_is_where_the_act_happened_not_the_actor(code):
    e = _one(code("Russia has waged a military campaign in Syria since 2015."), "19")
    assert e.place is not None and e.place.country == "SY"
    assert e.date is not None and e.date.value.startswith("2015")


def test_date_of_a_relative_clause_is_not_the_event_date(code):
    text = ("The opposition leader, who left the country after a disputed vote in August 2020, "
            "strongly criticized the government.")
    e = _one(code(text), "11")
    assert e.date is None


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(code):
    e = _one(code("Syria says it will not accept any more refugees."), "12")
    assert _has(e.source, "Syria") or (e.source.actor and e.source.actor.country == "SYR")
    assert e.rule.endswith("rule:refusal")


def test_conditional_future_act_is_an_ultimatum(code):
    e = _one(code("Nigeria will withdraw its troops from Chad unless the rebels agree to a ceasefire."), "13")
    assert e.rule.endswith("rule:ultimatum")


def test_announced_act_is_the_event(code):
    events = code("Italy announced a suspension of air links with Serbia.")
    e = _one(events, "16")
    assert _has(e.source, "Italy") and _has(e.target, "Serbia")
    assert not [x for x in events if x.action.cameo == "010"]


def test_vow_to_fight_is_a_threat(code):
    e = _one(code("The rebels vowed to attack government positions."), "13")
    assert e.action.cameo.startswith("138")


def test_intent_is_planned_and_appeal_is_demanded(code):
    e = _one(code("Japan pledged to provide emergency aid to the Philippines."), "03")
    assert e.mode == "planned"
    e = _one(code("The president urged parliament to approve the budget."), "02")
    assert e.mode == "demanded" and _has(e.target, "parliament")


def test_quantity_of_a_group_names_the_group(code):
    e = _one(code("Riot police fired tear gas at thousands of protesters in the capital."), "17")
    assert _has(e.target, "protesters")
    assert e.action.acled.sub_event_type == "Excessive force against protesters"


def test_derived_noun_codes_with_its_verb_and_less_confidence(code):
    e = _one(code("The government's deportation of hundreds of migrants to Libya drew criticism."), "17")
    assert e.action.cameo == "174" and e.rule.startswith("rule:derived-noun")


def test_warning_of_own_action_threatens_warning_about_a_state_comments(code):
    e = _one(code("The minister warned that the army would respond with force."), "13")
    assert e.action.cameo == "130"
    e = _one(code("The minister warned that the crisis is undermining the peace process."), "01")
    assert e.action.cameo == "012"


def test_claimed_attack_is_a_claim_of_responsibility(code):
    e = _one(code("The rebels claimed that they had attacked the airport."), "01")
    assert e.action.cameo == "015" and e.rule.endswith("rule:claimed-act")


def test_failed_agreement_is_a_rejection(code):
    e = _one(code("Britain and France failed to reach agreement on the treaty."), "12")
    assert e.rule.endswith("rule:refusal")


def test_round_of_talks_is_the_talks(code):
    e = _one(code("Egypt held a new round of talks with Hamas in Cairo."), "04")
    assert "talks" in e.action.text and _has(e.target, "Hamas")


def _code_of(mention) -> str | None:
    return mention.actor.code if mention is not None and mention.actor is not None else None


def test_forces_moved_are_the_instrument_and_their_destination_the_target(code):
    e = _one(code("Chile is willing to send engineers to Peru, its defence minister said."), "03")
    assert _code_of(e.target) == "PER"
    e = _one(code("Syria says it is willing to withdraw its troops from Lebanon."), "03")
    assert _code_of(e.target) == "LBN"
    e = _one(code("Kenya refused to deploy peacekeepers in Somalia."), "12")
    assert _code_of(e.target) == "SOM"


def test_a_visit_targets_its_host(code):
    e = _one(code("The Iraqi president arrived in Amman on a surprise visit."), "04")
    assert _code_of(e.target) == "JOR"


def test_a_thing_gives_the_actor_inside_it_or_no_target(code):
    e = _one(code("The United States suspended part of an aid program for Bolivia."), "16")
    assert _code_of(e.target) == "BOL"
    e = _one(code("Brazil eased emergency measures on Monday."), "08")
    assert e.target is None


def test_the_acting_party_of_a_prevented_act_is_its_target(code):
    e = _one(code("Turkish police prevented a demonstration by students in Ankara."), "17")
    assert _has(e.target, "students")


def test_threat_targets_the_party_that_must_comply(code):
    e = _one(code("Iran threatened to launch a new offensive unless Baghdad accepted its terms."), "13")
    assert _code_of(e.target) and _code_of(e.target).startswith("IRQ")
    e = _one(code("Moscow threatened to quit the talks if Washington deploys new missiles."), "13")
    assert _code_of(e.target) and _code_of(e.target).startswith("USA")


def test_the_killer_of_a_casualty_merge_is_the_source(code):
    e = _one(code("Russian aircraft killed 30 fighters in an attack on a village."), "19")
    assert _has(e.source, "aircraft") and e.fatalities == 30


def test_a_thing_demanded_is_not_the_one_urged(code):
    e = _one(code("The minority is demanding autonomy from Serbian authorities."), "10")
    assert _has(e.target, "authorities")


def test_residents_take_the_country_where_the_event_is(code):
    e = _one(code("Israeli soldiers and Egyptian police clashed with protesters in Cairo."), "19")
    assert _code_of(e.target) == "EGYCVL"
    assert {_code_of(x.source) for x in code("Israeli soldiers and Egyptian police clashed with protesters in Cairo.")
            if x.action.root == "19"} == {"ISRMIL", "EGYCOP"}


def test_the_source_own_thing_is_no_target_what_it_is_aimed_at_is(code):
    e = _one(code("Demonstrators in Baghdad blocked a road to show their anger at the United States' policies."), "14")
    assert _code_of(e.target) == "USA"


def test_a_purpose_clause_names_the_target(code):
    e = _one(code("Egyptian police opened fire to disperse Islamist demonstrators on Monday."), "19")
    assert _has(e.target, "demonstrators")
    e = _one(code("Chile is willing to send material to help defend Peru if it is attacked."), "03")
    assert _code_of(e.target) == "PER"


def test_compound_parties_restoring_ties_act_on_each_other(code):
    events = [e for e in code("Chile and Bolivia have restored their diplomatic ties after a long break.") if e.action.root == "05"]
    assert {(_code_of(e.source), _code_of(e.target)) for e in events} == {("CHL", "BOL"), ("BOL", "CHL")}


def test_event_sentence_is_its_body_slice_without_the_paragraph_break(extractor) -> None:
    text = "Turkish drones struck SDF positions near Qamishli on Saturday.\n\nThe SDF denied it."
    article = extractor.extract_text(text, published="2024-11-03")
    assert article.events
    for e in article.events:
        assert e.sentence == article.body[e.start:e.end]
        assert e.sentence == e.sentence.strip()

"""Quotes stage: marks, speakers, indirect quotes, robustness (real spaCy model, real actors)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.actors import ActorResolver
from eventwire.model import Document, Quote
from eventwire.quotes import READY, find_quotes
from eventwire.quotes.marks import find_marked
from eventwire.quotes.score import same_speaker
from eventwire.settings import Settings


@pytest.fixture(scope="module")
def quotes_of(nlp):
    resolver = ActorResolver(Settings())

    def run(text: str) -> list[Quote]:
        doc = nlp(text)
        return find_quotes(doc, resolver.resolve(doc, Document(ref=None, body=text)))

    return run


def _marked(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked(text)]


def _direct(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.direct]


def test_ready() -> None:
    assert READY is True


# --- marks -------------------------------------------------------------------------------------


def test_curly_straight_and_guillemet_marks() -> None:
    text = '“One,” he said. "Two," she said. «Three», they said.'
    assert _marked(text) == ["One,", "Two,", "Three"]


def test_nested_single_quotes_stay_inside_the_outer_quote() -> None:
    text = "He said: “The so-called ‘peace plan’ is a trap.”"
    assert _marked(text) == ["The so-called ‘peace plan’ is a trap."]


def test_british_single_quotes_and_apostrophes() -> None:
    text = "‘We are not leaving,’ the ministers’ spokesman said of Belarus’ plan, ‘not now.’"
    assert _marked(text) == ["We are not leaving,", "not now."]


def test_multi_paragraph_quote_closes_at_the_end() -> None:
    text = "He said: “First part.\n\n“Second part.\n\n“Third part,” he added.\n\nAfter."
    spans = find_marked(text)
    assert len(spans) == 1 and spans[0].paragraphs == 3
    assert text[spans[0].start : spans[0].end].endswith("Third part,")


def test_stray_marks_never_swallow_the_article() -> None:
    text = "A stray “ mark here and 5'10\" tall.\n\nNext paragraph says “fine” words.\n\nLast one."
    assert _marked(text) == ["fine"]


def test_unclosed_quote_opening_a_paragraph_ends_with_it() -> None:
    text = "“We will not leave this place\n\nThe army said it was ready."
    assert _marked(text) == ["We will not leave this place"]


@pytest.mark.parametrize(
    "text",
    ["", "“", "”", '"', "‘’", "“”“”", '"""', "“\n\n“\n\n“", "x “ y ” z “", "’’’ ‘‘‘", "«" * 50],
)
def test_degenerate_marks_do_not_crash(text: str, quotes_of) -> None:
    for span in find_marked(text):
        assert 0 <= span.start <= span.end <= len(text)
    quotes_of(text or " ")


# --- speakers of direct quotes -----------------------------------------------------------------


@pytest.mark.model
def test_trailing_attribution_and_pronoun_continuation(quotes_of) -> None:
    text = (
        "Defense Minister Olena Marchenko visited the front on Monday.\n\n"
        "“We will not back down,” she said. “This is our land.”"
    )
    direct = _direct(quotes_of(text))
    assert [q.text for q in direct] == ["We will not back down,", "This is our land."]
    assert all(same_speaker(q.speaker, "Olena Marchenko") for q in direct)
    assert direct[0].cue == "said"


@pytest.mark.model
def test_inverted_attribution_with_title_and_apposition(quotes_of) -> None:
    text = '"The talks were constructive," said Col. Ahmed Hassan, the army spokesman.'
    (q,) = _direct(quotes_of(text))
    assert same_speaker(q.speaker, "Ahmed Hassan")


@pytest.mark.model
def test_leading_attribution_with_addressee(quotes_of) -> None:
    text = "Prime Minister Karim Haddad told The Associated Press: “The border will stay closed.”"
    (q,) = _direct(quotes_of(text))
    assert same_speaker(q.speaker, "Karim Haddad")
    assert q.addressee == "The Associated Press"


@pytest.mark.model
def test_split_quote_both_halves_have_the_speaker(quotes_of) -> None:
    text = "“We are ready to talk,” Foreign Minister Lina Sabri said, “but not under fire.”"
    direct = _direct(quotes_of(text))
    assert len(direct) == 2
    assert all(same_speaker(q.speaker, "Lina Sabri") for q in direct)


@pytest.mark.model
def test_partial_quote_and_medium(quotes_of) -> None:
    text = "Hakan Fidan stated in a televised interview that Russia remains “somewhat neutral” on the talks."
    quotes = quotes_of(text)
    (partial,) = _direct(quotes)
    assert partial.text == "somewhat neutral"
    assert same_speaker(partial.speaker, "Hakan Fidan")
    assert partial.addressee == "a televised interview"


@pytest.mark.model
def test_multi_paragraph_quote_attributed_from_its_first_paragraph(quotes_of) -> None:
    text = (
        "President Amara Diallo said: “We have waited long enough.\n\n"
        "“Our patience has limits and the world must know it.”\n\n"
        "The opposition rejected the speech."
    )
    (q,) = _direct(quotes_of(text))
    assert same_speaker(q.speaker, "Amara Diallo")
    assert q.text.startswith("We have waited") and q.text.endswith("know it.")


@pytest.mark.model
def test_quote_only_paragraph_continues_the_previous_speaker(quotes_of) -> None:
    text = (
        "“The shelling went on all night,” said Mayor Ivan Petrenko.\n\n"
        "“Nobody slept. Children were crying in the basements.”"
    )
    direct = _direct(quotes_of(text))
    assert len(direct) == 2 and same_speaker(direct[1].speaker, "Ivan Petrenko")


# --- indirect quotes ---------------------------------------------------------------------------


@pytest.mark.model
def test_said_that_and_according_to(quotes_of) -> None:
    text = (
        "The Interior Ministry said that three police officers were killed in the attack. "
        "According to the Syrian Observatory for Human Rights, the strike hit a market."
    )
    indirect = [q for q in quotes_of(text) if not q.direct]
    texts = {q.text: q for q in indirect}
    assert "three police officers were killed in the attack" in texts
    assert "the strike hit a market" in texts
    assert same_speaker(
        texts["the strike hit a market"].speaker, "Syrian Observatory for Human Rights"
    )


@pytest.mark.model
def test_questions_are_not_claims(quotes_of) -> None:
    text = "The minister did not say whether the troops would stay."
    assert [q for q in quotes_of(text) if not q.direct] == []


@pytest.mark.model
def test_offsets_point_into_the_body(quotes_of) -> None:
    text = "Officials said on Tuesday that the dam had “structural damage”, the agency reported."
    for q in quotes_of(text):
        assert text[q.start : q.end] == q.text


# --- robustness on arbitrary text --------------------------------------------------------------

_MARKY = st.text(alphabet=st.sampled_from(list("ab Xy.,:;\n“”‘’\"'«»—")), max_size=160)


@given(_MARKY)
@settings(max_examples=300, deadline=None)
def test_marks_stay_in_bounds_and_in_their_paragraph(text: str) -> None:
    for span in find_marked(text):
        assert 0 <= span.start <= span.end <= len(text)
        if span.paragraphs == 1:
            assert "\n" not in text[span.start : span.end]


@pytest.mark.model
@given(_MARKY)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_find_quotes_never_crashes_on_stray_marks(quotes_of, text: str) -> None:
    body = "Officials said " + text + " the minister told reporters."
    for q in quotes_of(body):
        assert body[q.start : q.end] == q.text


@pytest.mark.model
def test_documents_speak_for_their_issuer(quotes_of) -> None:
    text = (
        "A statement from the Interior Ministry said three officers were wounded. "
        "The Revolutionary Guards said in a statement that the ship was seized.\n\n"
        '"The tanker was seized after a judicial order," the statement said.'
    )
    quotes = quotes_of(text)
    first = next(q for q in quotes if q.text == "three officers were wounded")
    assert same_speaker(first.speaker, "Interior Ministry")
    (direct,) = _direct(quotes)
    assert same_speaker(direct.speaker, "Revolutionary Guards")


@pytest.mark.model
def test_according_to_after_a_quote_and_a_parenthetical_said(quotes_of) -> None:
    text = (
        "“We are ready for any scenario,” according to Colonel Ali Reza, the base commander.\n\n"
        "Gunmen abducted 28 students early Friday, police and residents said, the latest such attack."
    )
    quotes = quotes_of(text)
    assert same_speaker(_direct(quotes)[0].speaker, "Ali Reza")
    indirect = [q for q in quotes if not q.direct]
    assert [q.text for q in indirect] == ["Gunmen abducted 28 students early Friday"]


@pytest.mark.model
def test_an_office_named_elsewhere_is_its_holder_and_decisions_are_no_claims(quotes_of) -> None:
    text = (
        "Ecuador’s president declared the country to be in an “internal armed conflict” on Tuesday.\n\n"
        "President Daniel Herrera said in a decree that the military would act."
    )
    quotes = quotes_of(text)
    (direct,) = _direct(quotes)
    assert same_speaker(direct.speaker, "Daniel Herrera")
    assert [q.text for q in quotes if not q.direct] == ["the military would act"]

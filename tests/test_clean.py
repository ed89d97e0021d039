"""clean_document on small wire-style texts written by the team (several outlets' habits)."""

from __future__ import annotations

from eventwire.clean import clean_document
from eventwire.ingest import lines as L
from eventwire.lang import detect_language
from eventwire.model import Document


def _clean(text: str, **kw) -> Document:
    return clean_document(Document(ref="t", body=text, **kw))


HEADER_DUMP = """Yemen's Houthis Claim Attack on Tanker in Red Sea

A tanker sails in the Red Sea off the coast of Yemen, Monday, Jan. 15, 2024. (AP Photo/Staff, File)
A tanker sails in the Red Sea off the coast of Yemen, Monday, Jan. 15, 2024. (AP Photo/Staff, File)
XW

Yemen's Houthis Claim Attack on Tanker in Red Sea

A tanker sails in the Red Sea off the coast of Yemen, Monday, Jan. 15, 2024. (AP Photo/Staff, File)

Tuesday, 16 January, 2024 - 08:12
By Ahmed al-Haj | Associated Press

SANAA, Yemen (AP) — Yemen's Houthi rebels said Tuesday they had fired missiles at a Greek-owned tanker in the Red Sea, the latest in a campaign of attacks on shipping.

ADVERTISEMENT

A Houthi military spokesman said in a televised speech that the group would keep targeting ships linked to Israel "until the aggression on Gaza stops."

Story continues below advertisement

The U.S. military's Central Command said the missile missed the ship and caused no injuries.
"""


def test_repeated_header_block_kept_once_and_metadata_read() -> None:
    doc = _clean(HEADER_DUMP)
    assert doc.headline == "Yemen's Houthis Claim Attack on Tanker in Red Sea"
    assert doc.captions == ("A tanker sails in the Red Sea off the coast of Yemen, Monday, Jan. 15, 2024. (AP Photo/Staff, File)",)
    assert doc.byline == "Ahmed al-Haj | Associated Press"
    assert doc.published == "2024-01-16"
    assert doc.dateline == "SANAA, Yemen"
    assert doc.source == "AP"
    paragraphs = doc.body.split("\n\n")
    assert paragraphs[0].startswith("Yemen's Houthi rebels said Tuesday")
    assert len(paragraphs) == 3
    for junk in ("XW", "ADVERTISEMENT", "advertisement", "Tanker in Red Sea", "(AP"):
        assert junk not in doc.body


def test_captions_credits_in_story_move_out() -> None:
    text = (
        "Protesters Clash With Police in Belgrade\n\n"
        "BELGRADE, Serbia (AP) — Police fired tear gas at protesters who tried to storm city hall in Belgrade on Sunday.\n\n"
        "Photo: Riot police stand guard outside city hall in Belgrade. Reuters\n\n"
        "FILE - Demonstrators hold flags during a rally in Belgrade, Serbia, Dec. 30, 2023. (AP Photo/Staff, File)\n\n"
        "Protesters hurl stones at police in Belgrade on Sunday. REUTERS/Staff\n\n"
        "The interior minister said eight officers were injured and 38 people were detained.\n"
    )
    doc = _clean(text)
    assert len(doc.captions) == 3
    assert "Riot police" not in doc.body and "Demonstrators hold" not in doc.body and "hurl stones" not in doc.body
    assert doc.body.endswith("38 people were detained.")


def test_story_parentheses_are_not_credits() -> None:
    text = (
        "Turkish artillery shelled positions of the Syrian Democratic Forces (SDF)\n"
        "near Manbij on Friday, according to the Syrian Observatory for Human Rights (SOHR).\n\n"
        "Ankara considers the People's Protection Units (YPG) a terrorist group (a view not shared by Washington)\n"
    )
    doc = _clean(text)
    assert doc.captions == ()
    assert "(SOHR)." in doc.body and "(YPG)" in doc.body


def test_pull_quote_and_duplicate_paragraph_dropped() -> None:
    text = (
        "MANILA (Reuters) - The Philippines accused China's coast guard on Monday of firing water cannon at a supply boat near Second Thomas Shoal.\n\n"
        '"We will not be intimidated," the national security adviser told reporters in Manila on Monday.\n\n'
        '"We will not be intimidated"\n\n'
        "China's foreign ministry said the boat had entered Chinese waters without permission.\n\n"
        "China's foreign ministry said the boat had entered Chinese waters without permission.\n"
    )
    doc = _clean(text)
    assert doc.body.count("We will not be intimidated") == 1
    assert doc.body.count("without permission") == 1


def test_hard_wrapped_lines_are_joined_and_trailer_dropped() -> None:
    text = (
        "Kenyan Court Blocks Police Deployment to Haiti\n\n"
        "NAIROBI (Reuters) - A Kenyan court on Friday blocked the\n"
        "government's plan to send 1,000 police officers to Haiti,\n"
        "ruling that it was unconstitutional.\n\n"
        "(Reporting by Jane Mwangi; Editing by Tom Hale)\n"
    )
    doc = _clean(text)
    assert doc.body == (
        "A Kenyan court on Friday blocked the government's plan to send 1,000 police officers to Haiti, "
        "ruling that it was unconstitutional."
    )
    assert doc.dateline == "NAIROBI" and doc.source == "Reuters"


def test_share_and_subscribe_lines_dropped_but_similar_story_text_kept() -> None:
    text = (
        "Opposition Wins Mayoral Race in Istanbul\n\n"
        "ISTANBUL (AFP) - The opposition candidate won the Istanbul mayoral race on Sunday, official results showed.\n\n"
        "Share on Facebook | Twitter | WhatsApp\n\n"
        "Read more: Turkey's local elections explained\n\n"
        "Supporters who read more than 200 messages of congratulation said the victory was historic.\n\n"
        "Sign up for our free daily newsletter\n\n"
        "Copyright 2024 Wire Co. All rights reserved.\n"
    )
    doc = _clean(text)
    assert "Share on" not in doc.body and "Read more:" not in doc.body
    assert "Sign up" not in doc.body and "Copyright" not in doc.body
    assert "Supporters who read more than 200 messages" in doc.body


def test_single_sentence_is_body_not_headline() -> None:
    doc = _clean("Turkish artillery shelled positions near Manbij on Friday.")
    assert doc.headline is None
    assert doc.body == "Turkish artillery shelled positions near Manbij on Friday."
    assert doc.language == "en"


def test_given_headline_loses_site_suffix_and_its_repeat() -> None:
    doc = clean_document(
        Document(
            ref="t",
            headline="Iran Summons British Envoy Over Sanctions | Gulf Daily",
            body="Iran Summons British Envoy Over Sanctions\nTehran summoned the British ambassador on Monday to protest against new sanctions, state media said.",
            format="html",
        )
    )
    assert doc.headline == "Iran Summons British Envoy Over Sanctions"
    assert doc.body.startswith("Tehran summoned")


def test_metadata_given_is_kept() -> None:
    doc = _clean("Police arrested 12 people in Dhaka on Monday, officials said.", published="2024-08-05T10:00:00Z")
    assert doc.published == "2024-08-05"


def test_non_english_article_kept_with_language_and_warning() -> None:
    doc = _clean(
        "Le président tunisien a limogé dimanche le Premier ministre et suspendu le parlement, "
        "provoquant des manifestations à Tunis, selon l'agence officielle."
    )
    assert doc.language == "fr"
    assert any("'fr'" in w for w in doc.warnings)
    assert "limogé" in doc.body


def test_language_of_short_texts() -> None:
    assert detect_language("Text.").code == "en"
    assert detect_language("قصف مدفعي").code == "ar"
    assert detect_language("Обстрел Харькова").code == "ru"
    long_de = "Die Bundesregierung hat am Montag neue Sanktionen gegen Russland beschlossen, teilte ein Sprecher mit."
    assert detect_language(long_de).code == "de"


def test_line_classes() -> None:
    assert L.is_site_mark("TT") and L.is_site_mark("***") and not L.is_site_mark("Iran")
    assert L.is_boilerplate("Advertisement") and L.is_boilerplate("Story continues below advertisement")
    assert not L.is_boilerplate("The advertisement was banned by the election commission on Monday.")
    assert L.byline_name("By Maria Lopez and Tom Reed, Reuters") == "Maria Lopez and Tom Reed, Reuters"
    assert L.byline_name("By the end of the week the army had withdrawn") is None
    dl = L.find_dateline("MINSK, Belarus, Feb. 3 (Reuters) - Belarus said on Thursday...")
    assert dl is not None and dl.place == "MINSK, Belarus" and dl.agency == "Reuters"
    assert L.find_dateline("NATO - Russia talks ended without agreement.") is None
    assert L.find_dateline("WARNING: graphic content") is None
    assert L.looks_like_headline("Ankara: Assad Does Not Want Peace in Syria")
    assert not L.looks_like_headline("Turkish forces shelled the town on Friday.")


def test_other_outlets_caption_styles_and_bare_agency_dateline() -> None:
    text = (
        "Tunisian Police Arrest Opposition Figures\n\n"
        "Image source, Reuters\n"
        "Image caption, Supporters of the detained politicians gathered outside the court in Tunis\n\n"
        "(CNN) — Tunisian police arrested three opposition politicians on Saturday, their lawyers said.\n\n"
        "Relatives wait outside a police station in Tunis. Photograph: Staff/AFP via Getty Images\n\n"
        "Updated 3 hours ago\n\n"
        "The interior ministry said the three were suspected of plotting against state security.\n"
    )
    doc = _clean(text)
    assert doc.headline == "Tunisian Police Arrest Opposition Figures"
    assert len(doc.captions) == 3
    assert doc.source == "CNN" and doc.dateline is None
    assert doc.body == (
        "Tunisian police arrested three opposition politicians on Saturday, their lawyers said.\n\n"
        "The interior ministry said the three were suspected of plotting against state security."
    )


def test_hard_wrapped_text_without_headline_is_not_given_one() -> None:
    text = (
        "Turkish artillery shelled positions of the\n"
        "Syrian Democratic Forces near Manbij on Friday, killing two fighters,\n"
        "a war monitor said.\n"
    )
    doc = _clean(text)
    assert doc.headline is None
    assert doc.body == (
        "Turkish artillery shelled positions of the Syrian Democratic Forces near Manbij on Friday, "
        "killing two fighters, a war monitor said."
    )


def test_colon_datelines_and_labels() -> None:
    dl = L.find_dateline("NEW DELHI: India's election commission on Monday announced a seven-phase vote.")
    assert dl is not None and dl.place == "NEW DELHI" and dl.agency is None
    assert L.find_dateline("UPDATE: The ministry later corrected the figure.") is None
    assert L.find_dateline("EXCLUSIVE: Rebels Seize Town") is None
    assert L.find_dateline("MOSCOW, March 3. /TASS/. Russia said...").agency == "TASS"


def test_published_from_a_dateline_date() -> None:
    text = (
        "WARSAW, Aug 7 (Reuters) - Polish prosecutors on Wednesday charged a former deputy minister "
        "with abuse of power over the handling of a state fund, the national prosecutor's office said.\n"
    )
    assert _clean(text).published is None  # no year anywhere: not guessed
    assert clean_document(Document(ref="t", body=text), published="2024-08-09").published == "2024-08-07"
    assert clean_document(Document(ref="t", body=text), published="2025-01-03").published == "2024-08-07"
    with_caption = "A court building in Warsaw, Poland, Aug. 7, 2023. (Reuters)\n\n" + text
    assert _clean(with_caption).published == "2023-08-07"
    dated = "Published: 9 August 2024\n\n" + text
    assert clean_document(Document(ref="t", body=dated), published="2020-01-01").published == "2024-08-09"


def test_credit_alone_on_its_line() -> None:
    for credit in ("REUTERS/Thomas Mukoya", "AFP via Getty Images", "(AP Photo/Evan Vucci, File)", "Anadolu Agency"):
        assert L.is_caption(credit), credit
    for text in ("Reuters", "The AP", "Police"):
        assert not L.is_caption(f"{text} said on Monday that 12 people were arrested."), text


def test_headline_suffix_dropped_only_when_it_names_a_site() -> None:
    def headline(title: str) -> str | None:
        return clean_document(Document(ref="t", headline=title, body="Text of the story goes here, officials said.", format="html")).headline

    assert headline("Sudan army retakes Wad Madani - BBC News") == "Sudan army retakes Wad Madani"
    assert headline("Sudan's war - one year on") == "Sudan's war - one year on"

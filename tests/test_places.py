from __future__ import annotations

import math

import pytest

from eventwire.places import READY, ArticlePlaces, Geoparser
from eventwire.places.gazetteer import load_gazetteer


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def geo() -> Geoparser:
    return Geoparser()


def places_of(nlp, geo: Geoparser, text: str) -> ArticlePlaces:
    return geo.resolve(nlp(text), None, None)


def by_text(text: str, found: ArticlePlaces) -> dict[str, object]:
    return {text[s:e]: p for p in found.places for s, e in p.mentions}


def test_stage_is_ready() -> None:
    assert READY is True


# gazetteer ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "lat", "lon"),
    [
        ("Tel Abyad", "SY", 36.70, 38.95),
        ("Tall Abyad", "SY", 36.70, 38.95),
        ("Ain Issa", "SY", 36.39, 38.86),
        ("Manbij", "SY", 36.53, 37.95),
        ("Al-Qamishli", "SY", 37.05, 41.23),
        ("Kobani", "SY", 36.89, 38.35),
        ("Deir ez-Zor", "SY", 35.34, 40.14),
    ],
)
def test_gazetteer_finds_transliterated_names(name: str, country: str, lat: float, lon: float) -> None:
    found = [e for e in load_gazetteer().find(name) if e.country == country]
    assert any(km(e.lat, e.lon, lat, lon) < 30 for e in found)


def test_gazetteer_has_countries_states_counties_and_own_regions() -> None:
    gaz = load_gazetteer()
    assert gaz.country("SY").geonameid == 163843
    assert gaz.country("US").geonameid == 6252001
    ohio = [e for e in gaz.find("Ohio") if e.feature == "admin1"]
    assert ohio and ohio[0].geonameid == 5165418 and km(ohio[0].lat, ohio[0].lon, 40.25, -83.0) < 161
    assert any(e.feature == "admin2" and e.admin1 == "KY" for e in gaz.find("Laurel County"))
    assert any(e.feature == "region" for e in gaz.find("the Gaza Strip"))
    assert any(e.feature == "region" and e.country == "UA" for e in gaz.find("Donbass"))
    assert gaz.demonym("Syrians").country == "SY"


def test_cache_file_is_named_by_the_sources_and_written_atomically(tmp_path, monkeypatch) -> None:
    import pickle

    from eventwire.places import gazetteer as g

    path = g._cache_path(str(tmp_path))
    assert path.parent == tmp_path and g._sources_digest() in path.name
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path / "env"))
    assert g._cache_path(None).parent == tmp_path / "env"
    g._write_atomic(path, {"names": ["X"]})
    assert pickle.loads(path.read_bytes()) == {"names": ["X"]}
    assert not list(tmp_path.glob("*.tmp"))
    (tmp_path / "file").touch()
    g._write_atomic(tmp_path / "file" / "x.pickle", {})  # unwritable: no cache, and no error
    assert len(load_gazetteer()) > 230_000


# resolution given toponym offsets -----------------------------------------------------------------


def _resolve(geo: Geoparser, text: str, *names: str):
    spans = []
    for name in names:
        start = text.index(name)
        spans.append((start, start + len(name)))
    return geo.resolve_toponyms(text, spans)


def test_explicit_province_context_disambiguates(geo: Geoparser) -> None:
    text = "Fighting broke out near Manbij, in Aleppo province."
    manbij, aleppo = _resolve(geo, text, "Manbij", "Aleppo province")
    assert manbij.country == "SY" and manbij.precision == "city"
    assert aleppo.feature == "admin1" and aleppo.precision == "region"


def test_state_qualifier_picks_the_right_namesake(geo: Geoparser) -> None:
    text = "The fire in Alexandria, La., destroyed a home; Rapides Parish deputies investigated."
    (alex,) = _resolve(geo, text, "Alexandria")
    assert alex.country == "US" and alex.admin1 == "Louisiana"


def test_country_context_beats_population(geo: Geoparser) -> None:
    text = "Protesters gathered in Paris, Texas, and later marched through Lamar County."
    (paris,) = _resolve(geo, text, "Paris")
    assert paris.country == "US" and paris.admin1 == "Texas"
    text = "Ministers met in Paris before flying to Berlin and Madrid."
    (paris,) = _resolve(geo, text, "Paris")
    assert paris.country == "FR"


def test_country_mentions_stay_country_level(geo: Geoparser) -> None:
    text = "Belarus will send troops to Syria."
    belarus, syria = _resolve(geo, text, "Belarus", "Syria")
    assert syria.feature == "country" and syria.precision == "country" and syria.geonameid == 163843
    assert belarus.country == "BY" and belarus.admin1 is None


def test_unknown_names_resolve_to_none(geo: Geoparser) -> None:
    text = "He lives in Zzyzxqtown."
    assert _resolve(geo, text, "Zzyzxqtown") == [None]


# detection on parsed text ------------------------------------------------------------------------


@pytest.mark.model
def test_detection_does_not_trust_ner_labels(nlp, geo: Geoparser) -> None:
    text = (
        "Turkish forces shelled villages west of Tel Abyad on Friday, while clashes erupted near "
        "Manbij. In retaliation, the SDF shelled Turkish bases in the Ain Issa countryside."
    )
    found = by_text(text, places_of(nlp, geo, text))
    assert found["Tel Abyad"].country == "SY"
    assert found["Manbij"].country == "SY"
    ain = found["Ain Issa countryside"]
    assert ain.precision == "region" and km(ain.lat, ain.lon, 36.39, 38.86) < 20


@pytest.mark.model
def test_people_and_common_words_are_not_places(nlp, geo: Geoparser) -> None:
    text = (
        "Chiquita Raquel Henry, 19, was arrested. Henry told police she was sorry. "
        "Belarus to Send 200 Troops to Syria. Syrian President Bashar al-Assad met Erdogan, "
        "and the invitation to Assad stands."
    )
    found = by_text(text, places_of(nlp, geo, text))
    assert "Henry" not in found
    assert "Send" not in found
    assert "Assad" not in found
    assert found["Syria"].feature == "country"


@pytest.mark.model
def test_places_are_deduplicated_with_all_mentions(nlp, geo: Geoparser) -> None:
    text = "Aleppo was shelled. Residents of Aleppo fled to Idlib. Aleppo remains tense."
    found = places_of(nlp, geo, text)
    aleppo = [p for p in found.places if p.name == "Aleppo"]
    assert len(aleppo) == 1
    assert [text[s:e] for s, e in aleppo[0].mentions] == ["Aleppo"] * 3
    assert len({p.geonameid for p in found.places}) == len(found.places)


@pytest.mark.model
def test_regions_news_uses(nlp, geo: Geoparser) -> None:
    text = (
        "Russia moved troops from Siberia and the Far East to Belarus. Shelling continued in "
        "northern Syria, the Gaza Strip and Donbas, and drought hit the Sahel."
    )
    found = by_text(text, places_of(nlp, geo, text))
    assert found["Siberia"].country == "RU"
    assert found["northern Syria"].precision == "region" and found["northern Syria"].country == "SY"
    assert found["Gaza Strip"].country == "PS" or found.get("the Gaza Strip").country == "PS"
    assert found["Donbas"].country == "UA"
    assert any(k.endswith("Sahel") for k in found)


@pytest.mark.model
def test_in_range_gives_the_most_specific_place(nlp, geo: Geoparser) -> None:
    text = "In Syria, Turkish drones struck a car near Qamishli. Syrian officials condemned it."
    found = places_of(nlp, geo, text)
    first = text.index(".") + 1
    place = found.in_range(0, first)
    assert place is not None and place.country == "SY" and place.precision == "city"
    assert found.in_range(first, len(text)) is None  # "Syrian" names a country, not a place


@pytest.mark.model
def test_us_local_news(nlp, geo: Geoparser) -> None:
    text = (
        "LONDON, Ky. - Laurel County deputies arrested two men Tuesday. The men were taken to the "
        "Laurel County Detention Center in London."
    )
    found = by_text(text, places_of(nlp, geo, text))
    assert found["Laurel County"].feature == "admin2" and found["Laurel County"].admin1 == "Kentucky"
    assert found["London"].country == "US"


def _acc161(geo: Geoparser, items) -> tuple[float, int]:
    ok = total = 0
    for art in items:
        places = geo.resolve_toponyms(art.text, [(t.start, t.end) for t in art.toponyms])
        for top, place in zip(art.toponyms, places, strict=True):
            total += 1
            ok += place is not None and km(top.lat, top.lon, place.lat, place.lon) <= 161
    return ok / total, total


@pytest.mark.shared
@pytest.mark.slow
def test_lgl_resolution_floor(shared_dir, geo: Geoparser) -> None:
    """Given the gold toponyms of LGL, at least 82% within 161 km (measured: 84.5%)."""
    from eventwire.evaluate.datasets import load_lgl

    acc, total = _acc161(geo, load_lgl(shared_dir / "eval" / "geo" / "lgl.xml"))
    assert total > 4000 and acc >= 0.82


@pytest.mark.shared
@pytest.mark.slow
def test_geovirus_resolution_floor(shared_dir, geo: Geoparser) -> None:
    """Given the gold locations of GeoVirus, at least 80% within 161 km (measured: 82.7%)."""
    from eventwire.evaluate.datasets import load_geovirus

    acc, total = _acc161(geo, load_geovirus(shared_dir / "eval" / "geo" / "GeoVirus.xml"))
    assert total > 2000 and acc >= 0.80


@pytest.mark.model
def test_one_place_per_gazetteer_entry_but_each_mention_keeps_its_precision(nlp, geo: Geoparser) -> None:
    text = "Drones struck villages in northern Raqqa. Later, protests spread to Raqqa itself."
    found = places_of(nlp, geo, text)
    raqqa = [p for p in found.places if p.country == "SY" and p.feature == "city"]
    assert len(raqqa) == 1 and len(raqqa[0].mentions) == 2 and raqqa[0].precision == "city"
    first = text.index(".") + 1
    assert found.in_range(0, first).precision == "region"
    assert found.in_range(first, len(text)).precision == "city"


@pytest.mark.model
def test_names_with_of_and_and(nlp, geo: Geoparser) -> None:
    text = (
        "Pirates struck in the Gulf of Aden. Troops from Bosnia and Herzegovina and the Democratic "
        "Republic of the Congo met the Governor of Texas."
    )
    found = by_text(text, places_of(nlp, geo, text))
    assert found["Gulf of Aden"].feature == "region"
    assert found["Bosnia and Herzegovina"].country == "BA"
    assert found["Democratic Republic of the Congo"].country == "CD"
    assert found["Texas"].feature == "admin1"

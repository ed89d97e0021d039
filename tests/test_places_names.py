from __future__ import annotations

import pytest

from eventwire.places.normalise import key, skeleton, split_area


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tel Abyad", "Tall Abyad"),
        ("Tell Tamr", "Tal Tamr"),
        ("Ain Issa", "'Ayn 'Isa"),
        ("Ain Issa", "‘Ayn ‘Īsá"),
        ("Al-Raqqa", "Raqqa"),
        ("ar-Raqqa", "Ar Raqqa"),
        ("As-Suwayda", "Suwayda"),
        ("Deir ez-Zor", "Dayr ez Zor"),
        ("St. Louis", "Saint Louis"),
        ("São Paulo", "Sao Paulo"),
        ("Winston-Salem", "Winston Salem"),
        ("Mount Vernon", "Mt. Vernon"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert key(a) == key(b)


def test_different_places_keep_different_keys() -> None:
    assert key("Aleppo") != key("Idlib")
    assert key("El Paso") != key("Paso Robles")


def test_skeleton_survives_vowel_and_final_h_variants() -> None:
    assert skeleton("Raqqa") == skeleton("Raqqah")
    assert skeleton("Manbij") == skeleton("Minbij")


@pytest.mark.parametrize(
    ("text", "core", "kind", "directional"),
    [
        ("Idlib province", "Idlib", "admin1", False),
        ("Ain Issa countryside", "Ain Issa", "region", False),
        ("Hasakah governorate", "Hasakah", "admin1", False),
        ("northern Syria", "Syria", None, True),
        ("Manbij", "Manbij", None, False),
    ],
)
def test_split_area(text: str, core: str, kind: str | None, directional: bool) -> None:
    assert split_area(text) == (core, kind, directional)

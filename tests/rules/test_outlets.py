"""Table-driven tests of :mod:`pipeline.rules.outlets`: ``OutletTable.lookup``, ``canonicalize`` and ``fold``.

Invented outlets, except where the outlet table itself is under test.
"""

from __future__ import annotations

import pytest

from pipeline.rules.outlets import fold

# ================================================================================================
# outlets.OutletTable
# ================================================================================================

LOOKUPS = [
    # canonical names and listed variants
    pytest.param("Reuters", "Reuters", id="canonical"),
    pytest.param("AFP", "Agence France-Presse", id="acronym-afp"),
    pytest.param("Agence France-Press", "Agence France-Presse", id="misspelt-afp"),
    pytest.param("Agence-France Presse", "Agence France-Presse", id="hyphen-moved"),
    pytest.param("New York Times", "The New York Times", id="variant-without-the"),
    pytest.param("al-Jazira", "Al Jazeera", id="transliteration-variant"),
    pytest.param("Associated Press (AP)", "Associated Press", id="name-with-acronym"),
    # folding: accents, case, punctuation, leading "The"
    pytest.param("THE GUARDIAN", "The Guardian", id="upper-case"),
    pytest.param("the Washington Post", "The Washington Post", id="lower-the"),
    pytest.param("Washington Post.", "The Washington Post", id="trailing-period"),
    pytest.param("LIBERATION", "Libération", id="accent-and-case"),
    pytest.param("Le Republicain", "Le Républicain", id="accent-folded"),
    pytest.param("L'Express", "L’Express", id="straight-apostrophe"),
    # fuzzy matches of misspellings
    pytest.param("Asociated Press", "Associated Press", id="fuzzy-missing-letter"),
    pytest.param("Agence Frence-Presse", "Agence France-Presse", id="fuzzy-wrong-vowel"),
    pytest.param("Washingtn Post", "The Washington Post", id="fuzzy-dropped-letter"),
    # must-not-merge pairs
    pytest.param("Le Monde", "Le Monde", id="le-monde"),
    pytest.param("Le Monde diplomatique", "Le Monde diplomatique", id="le-monde-diplomatique"),
    pytest.param("AP", "Associated Press", id="ap"),
    pytest.param("The Times", "The Times", id="the-times"),
    pytest.param("The New York Times", "The New York Times", id="the-new-york-times"),
    pytest.param("The Sunday Times", None, id="sunday-times-is-not-the-times"),
    pytest.param("Washington Times", None, id="washington-times-is-not-the-post"),
    pytest.param("APF", None, id="short-unknown-not-fuzzy-matched-to-afp"),
    pytest.param(
        "France 2", None, id="france-2-is-not-france-24",
    ),
    # unknown outlets
    pytest.param("Harbour Gazette", None, id="unknown"),
    pytest.param("The Korvana Tribune", None, id="unknown-with-the"),
]


@pytest.mark.parametrize(("written", "expected"), LOOKUPS)
def test_outlet_lookup(outlet_table, written, expected):
    assert outlet_table.lookup(written) == expected


CANONICALIZE = [
    pytest.param(
        ["Reuters", "AFP", "Harbour Gazette"],
        {"Reuters": "Reuters", "AFP": "Agence France-Presse", "Harbour Gazette": "Harbour Gazette"},
        id="known-and-unknown-kept-as-written",
    ),
    pytest.param(
        ["Le Monde", "Le Monde diplomatique", "LeMonde"],
        {"Le Monde": "Le Monde", "Le Monde diplomatique": "Le Monde diplomatique", "LeMonde": "Le Monde"},
        id="le-monde-pair-stays-apart",
    ),
    pytest.param(
        ["AP", "AFP", "The Times", "The New York Times"],
        {"AP": "Associated Press", "AFP": "Agence France-Presse", "The Times": "The Times",
         "The New York Times": "The New York Times"},
        id="must-not-merge-pairs",
    ),
    pytest.param(
        ["Le Reveil de Korvana", "Le Réveil de Korvana"],
        {"Le Reveil de Korvana": "Le Réveil de Korvana", "Le Réveil de Korvana": "Le Réveil de Korvana"},
        id="unknown-accent-variants-grouped-on-accented",
    ),
    pytest.param(
        ["Le Réveil de Korvana", "LE REVEIL DE KORVANA"],
        {"Le Réveil de Korvana": "Le Réveil de Korvana", "LE REVEIL DE KORVANA": "Le Réveil de Korvana"},
        id="unknown-accent-and-case-variants-grouped",
    ),
    pytest.param(
        ["Harbour Gazette", "The Harbour Gazette"],
        {"Harbour Gazette": "Harbour Gazette", "The Harbour Gazette": "Harbour Gazette"},
        id="unknown-the-variant-grouped-first-seen",
    ),
    pytest.param(
        ["Harbour  Gazette"], {"Harbour  Gazette": "Harbour Gazette"}, id="unknown-white-space-normalised",
    ),
    pytest.param(
        ["Korvana Today", "Korvana Tonight"],
        {"Korvana Today": "Korvana Today", "Korvana Tonight": "Korvana Tonight"},
        id="distinct-unknowns-stay-apart",
    ),
    pytest.param([], {}, id="empty"),
]


@pytest.mark.parametrize(("outlets", "expected"), CANONICALIZE)
def test_outlet_canonicalize(outlet_table, outlets, expected):
    assert outlet_table.canonicalize(outlets) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("The Times", "times", id="leading-the-dropped"),
        pytest.param("The", "the", id="the-alone-kept"),
        pytest.param("L’Indépendant", "l independant", id="accents-and-apostrophe"),
        pytest.param("  Le  Monde. ", "le monde", id="spaces-and-punctuation"),
        pytest.param("Agence France-Presse", "agence france presse", id="hyphen"),
    ],
)
def test_fold(name, expected):
    assert fold(name) == expected

"""Table-driven tests of :mod:`pipeline.rules.aliases`: ``derived_word``, ``_same_skeleton``,
``clean_mention`` and ``expand_name``.

Every person, group and town is invented; the countries are real because the rules are about them.
"""

from __future__ import annotations

import pytest

from pipeline.rules.aliases import (
    EntityRules,
    _same_skeleton,
    clean_mention,
    derived_word,
    expand_name,
)
from pipeline.rules.outlets import OutletTable
from pipeline.rules.places import PlaceNames
from pipeline.rules.resources import load_json


@pytest.fixture(scope="module")
def places() -> PlaceNames:
    return PlaceNames(load_json("places.json"))


@pytest.fixture(scope="module")
def entity_rules(places) -> EntityRules:
    """The rules as the ``ctc_entities`` factory builds them with its default settings."""
    return EntityRules.build(
        {"fuzzy_cutoff": 88.0, "skeleton_min_length": 5, "endnote_vote_weight": 3},
        load_json("names.json"),
        places,
        OutletTable(load_json("outlets.json")),
        load_json("citation_rules.json")["organisation_words"],
    )


# ================================================================================================
# derived_word: one form extends the other by letters other than a plural "s"
# ================================================================================================

DERIVED = [
    pytest.param("Niger", "Nigeria", True, id="niger-nigeria"),
    pytest.param("Africa", "African", True, id="africa-african"),
    pytest.param("Mali", "Malian", True, id="mali-malian"),
    pytest.param("Sudan", "Sudanese", True, id="sudan-sudanese"),
    pytest.param("Algeria", "Algerians", True, id="demonym-plural"),
    pytest.param("Islamist", "Islamists", False, id="plural-s"),
    pytest.param("Tuareg", "Tuaregs", False, id="plural-s-name"),
    pytest.param("Ametetai", "Ametettai", False, id="spelling-variant"),
    pytest.param("Amesrar", "Amesrar", False, id="same-form"),
    pytest.param("Amesrar", "AMESRAR", False, id="case-only"),
    pytest.param("Ménaka", "Menaka", False, id="accent-only"),
    pytest.param("Tamerzit", "Tamerzout", False, id="different-ending"),
]


@pytest.mark.parametrize(("a", "b", "expected"), DERIVED)
def test_derived_word(a, b, expected):
    assert derived_word(a, b) is expected
    assert derived_word(b, a) is expected


# ================================================================================================
# _same_skeleton: transliteration variants (minimum length 5, the factory default)
# ================================================================================================

SKELETONS = [
    pytest.param("Idlib", "Idleb", True, id="idlib-idleb"),
    pytest.param("Mokhtar", "Mukhtar", True, id="vowel-change"),
    pytest.param("Qaida", "Qaeda", True, id="vowel-change-same-length"),
    pytest.param("Mohammed", "Muhammad", True, id="two-vowel-changes"),
    pytest.param("Abu Bakr", "Abu Bakar", True, id="inserted-vowel-two-words"),
    pytest.param("Ménaka", "Menaka", True, id="accent"),
    pytest.param("Niger", "Nigeria", False, id="niger-nigeria-length"),
    pytest.param("Mali", "Male", False, id="too-short"),
    pytest.param("Hama", "Homa", False, id="too-short-four-letters"),
    pytest.param("Usama", "Osama", False, id="first-letter-differs"),
    pytest.param("Abu Bakr", "Abubakr", False, id="word-count-differs"),
    pytest.param("Tamerzit", "Tamerzout", True, id="vowels-differ-length-by-one"),
    pytest.param("Tamerzit", "Tamersit", False, id="consonant-differs"),
    pytest.param("Amesrar", "Ameesraar", False, id="length-differs-by-two"),
]


@pytest.mark.parametrize(("a", "b", "expected"), SKELETONS)
def test_same_skeleton(a, b, expected):
    assert _same_skeleton(a, b, 5) is expected
    assert _same_skeleton(b, a, 5) is expected


def test_same_skeleton_minimum_length_is_a_setting():
    assert _same_skeleton("Mali", "Male", 4) is True
    assert _same_skeleton("Idlib", "Idleb", 6) is False


# ================================================================================================
# clean_mention: (text, label) → (surface, start) with the mention starting at offset 100
# ================================================================================================

CLEAN = [
    pytest.param("the Sahel Reconnaissance Unit", "ORG", ("Sahel Reconnaissance Unit", 104), id="leading-the"),
    pytest.param("the Amesrar Region", "LOC", ("Amesrar Region", 104), id="leading-the-place"),
    pytest.param("President Nadia Ferrat", "PERSON", ("Nadia Ferrat", 110), id="title-person"),
    pytest.param("Sheikh Abdelkrim Tahiri", "PERSON", ("Abdelkrim Tahiri", 107), id="religious-title"),
    pytest.param("Gen. Oumar Sidibaye", "PERSON", ("Oumar Sidibaye", 105), id="abbreviated-title"),
    pytest.param("Colonel Idris Wazzani’s", "PERSON", ("Idris Wazzani", 108), id="title-and-curly-possessive"),
    pytest.param("President Nadia Ferrat", "ORG", ("President Nadia Ferrat", 100), id="title-kept-outside-person"),
    pytest.param("Karim Oudaya's", "PERSON", ("Karim Oudaya", 100), id="straight-possessive"),
    pytest.param("Nadia Ferrat[12]’s", "PERSON", ("Nadia Ferrat", 100), id="marker-and-possessive"),
    pytest.param("Tamerzit[4]", "GPE", ("Tamerzit", 100), id="marker"),
    # a name stops at a marker inside the span, so its text is the text at its offsets
    pytest.param("Tamerzit [4] Ridge", "GPE", ("Tamerzit", 100), id="marker-inside-cuts-the-name"),
    pytest.param("Nadia[3] Ferrat", "PERSON", ("Nadia", 100), id="marker-glued-inside"),
    pytest.param("Tamerzit.", "GPE", ("Tamerzit", 100), id="trailing-stop"),
    pytest.param("’Wadi Brigade", "ORG", ("Wadi Brigade", 101), id="leading-apostrophe"),
    pytest.param("al-Wadi", "ORG", ("al-Wadi", 100), id="lower-case-al-prefix"),
    pytest.param("ag Haddou", "PERSON", ("ag Haddou", 100), id="lower-case-ag-prefix"),
    pytest.param("the", "ORG", None, id="only-the"),
    pytest.param("the group", "ORG", None, id="nothing-name-like"),
    pytest.param("Prime Minister Salif Dembara", "PERSON", ("Salif Dembara", 115), id="two-word-title",),
]


@pytest.mark.parametrize(("text", "label", "expected"), CLEAN)
def test_clean_mention(entity_rules, text, label, expected):
    result = clean_mention(text, 100, label, entity_rules)
    assert result == expected
    if result is not None:
        surface, start = result
        assert text[start - 100 : start - 100 + len(surface)] == surface


# ================================================================================================
# expand_name: (text, the NER's span, label) → the widened span
# ================================================================================================

EXPAND = [
    pytest.param("The commander Yusuf ag Haddou said", "Yusuf", "PERSON", "Yusuf ag Haddou", id="particle-right"),
    pytest.param("The commander Yusuf ag Haddou said", "Yusuf ag", "PERSON", "Yusuf ag Haddou", id="span-ends-in-particle"),
    pytest.param("The commander Yusuf Ag Haddou said", "Yusuf", "PERSON", "Yusuf Ag Haddou", id="capitalised-particle"),
    pytest.param("Yusuf ag Haddou said", "Haddou", "PERSON", "Yusuf ag Haddou", id="particle-left-at-start"),
    pytest.param("led by Salem Ould Bouamra in", "Salem", "PERSON", "Salem Ould Bouamra", id="ould"),
    pytest.param("met Hamid el Khatib in Amesrar", "Hamid", "PERSON", "Hamid el Khatib", id="el"),
    pytest.param("the emir Abdelkrim bin Saleh spoke", "Abdelkrim", "PERSON", "Abdelkrim bin Saleh", id="bin"),
    pytest.param("told Nadia de Souza that", "Nadia", "PERSON", "Nadia de Souza", id="de"),
    pytest.param("Nadia Ferrat said", "Nadia Ferrat", "PERSON", "Nadia Ferrat", id="full-name-unchanged"),
    pytest.param("Karim Oudaya and Nadia Ferrat met", "Karim Oudaya", "PERSON", "Karim Oudaya", id="next-name-not-taken"),
    pytest.param("fighting in Tamerzit city on Monday", "Tamerzit", "GPE", "Tamerzit city", id="descriptor"),
    pytest.param("the village of Amesrar town", "Amesrar", "GPE", "Amesrar town", id="descriptor-town"),
    pytest.param("fighting in the Amesrar region on Monday", "Amesrar", "GPE", "Amesrar region", id="administrative-lower-case"),
    pytest.param("the Tamerzit district council", "Tamerzit", "GPE", "Tamerzit district", id="district"),
    pytest.param("hiding in the Tiferdine mountains", "Tiferdine", "LOC", "Tiferdine mountains", id="natural-feature"),
    pytest.param("hiding in the Tiferdine Mountains", "Tiferdine", "LOC", "Tiferdine Mountains", id="natural-feature-capitalised"),
    pytest.param("Nadia Ferrat town hall", "Nadia Ferrat", "PERSON", "Nadia Ferrat", id="descriptor-not-after-person"),
    pytest.param("The commander Yusuf ag Haddou said", "Haddou", "PERSON", "Yusuf ag Haddou", id="particle-left-mid-sentence",),
    pytest.param("led by Salem Ould Bouamra in", "Bouamra", "PERSON", "Salem Ould Bouamra", id="particle-left-after-lower-case",),
    pytest.param("fighting in the Amesrar Region on Monday", "Amesrar", "GPE", "Amesrar Region", id="administrative-capitalised",),
]


@pytest.mark.parametrize(("text", "span", "label", "expected"), EXPAND)
def test_expand_name(entity_rules, text, span, label, expected):
    start = text.index(span)
    begin, end = expand_name(text, start, start + len(span), label, entity_rules)
    assert text[begin:end] == expected

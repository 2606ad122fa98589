"""Table-driven tests of :mod:`pipeline.entities` (``derived_word``, ``_same_skeleton``,
``clean_mention``, ``expand_name``), :meth:`pipeline.gazetteer.PlaceNames.same_place`, and the
clustering of aliases through the full English pipeline on small invented articles.

Every person, group, town and outlet in the articles is invented; the countries are real because the
must-not-merge rules are about them. Rows marked ``xfail(strict=True)`` keep the result a demanding
user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

import pytest

from pipeline.rules.aliases import EntityRules, _same_skeleton, clean_mention, derived_word, expand_name
from pipeline.rules.places import PlaceNames
from pipeline.rules.outlets import OutletTable
from pipeline.rules.resources import load_json
from pipeline.contract.schemas import load_schema


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


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


# ================================================================================================
# PlaceNames.same_place / is_place
# ================================================================================================

SAME_PLACE = [
    pytest.param("Kidal", "Kidal city", True, id="city-descriptor"),
    pytest.param("Kidal", "Kidal town", True, id="town-descriptor"),
    pytest.param("Amesrar", "Amesrar oasis", True, id="oasis-descriptor"),
    pytest.param("Gao", "Gao Region", False, id="administrative-region"),
    pytest.param("Gao", "Gao region", False, id="administrative-lower-case"),
    pytest.param("Amesrar", "Amesrar Province", False, id="administrative-unknown-name"),
    pytest.param("Niger", "Niger River", False, id="country-and-river"),
    pytest.param("Mali", "Mali Valley", False, id="country-and-valley"),
    pytest.param("Mopti", "Mopti Mountains", False, id="known-city-and-feature"),
    pytest.param("Tiferdine", "Tiferdine Valley", True, id="unknown-name-and-valley"),
    pytest.param("Tiferdine", "Tiferdine valley", True, id="unknown-name-and-lower-case-valley"),
    pytest.param("Tiferdine", "Tiferdine Mountains", True, id="unknown-name-and-mountains"),
    pytest.param("Chad", "Lake Chad", False, id="feature-word-in-front"),
    pytest.param("Tiferdine", "Tiferdine Valley Road", False, id="two-extra-words"),
    pytest.param("Tiferdine Valley", "Tiferdine", False, id="arguments-reversed"),
    pytest.param("Kidal", "Kidal", False, id="same-name"),
    pytest.param("Kidal", "Kidalcity", False, id="no-space"),
]


@pytest.mark.parametrize(("short", "long", "expected"), SAME_PLACE)
def test_same_place(places, short, long, expected):
    assert places.same_place(short, long) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Niger", True, id="country"),
        pytest.param("nigeria", True, id="country-folded"),
        pytest.param("Côte d’Ivoire", True, id="extra-country-curly-apostrophe"),
        pytest.param("the Netherlands", True, id="extra-country-with-the"),
        pytest.param("Mopti", True, id="city"),
        pytest.param("Lake Chad", False, id="lake"),
        pytest.param("Tiferdine", False, id="unknown"),
    ],
)
def test_is_place(places, name, expected):
    assert places.is_place(name) is expected


# ================================================================================================
# clustering through the full English pipeline (two small invented articles, parsed once)
# ================================================================================================

ARTICLE_UNIT = """In March 2014, the Sahel Border Reconnaissance Unit (SBRU) moved two companies north of Tinzerit. The SBRU had been created a year earlier, and by June the SBRU controlled every well on the road. Officers of the SBRU said the smugglers had left.[1]

The unit was commanded by Colonel Moussa Keltani, a veteran of earlier campaigns. Keltani told reporters that the border would stay closed, and Keltani later repeated the claim in Tinzerit.[2]

The smuggling network was led by Ibrahim ag Assaleh until his arrest in 2015. Local notables, among them Yusuf ag Haddou, opposed the closure of the border.[3]

[1] “Border unit moves north,” Sahel Courier, March 4, 2014.

[2] Interview with a local official, Tinzerit, April 2014.

[3] Ibid.
"""

ARTICLE_BORDERS = """Fighters crossed from Niger into Nigeria in 2015, while refugees from Chad gathered on the shores of Lake Chad. Officials in Niger denied that Nigeria had asked for help, and Chad closed its border.[1]

The town of Amesrar was attacked twice, and the fighting spread across the Amesrar Region within a month. Residents of Amesrar said the Amesrar Region had been abandoned by the state.[2]

Harakat al-Nasr claimed the attacks on the convoy. Harakat al-Nasr in the Western Sahel (HNWS), a splinter faction, denied any role, and Harakat al-Nasr later accused the HNWS of treason. The HNWS answered within days.[3]

[1] “Border tensions rise,” Desert Herald, May 2, 2015.

[2] Ibid.

[3] Ibid.
"""

ARTICLES = {"unit": ARTICLE_UNIT, "borders": ARTICLE_BORDERS}


@pytest.fixture(scope="module")
def clustered(model_nlp) -> dict[str, tuple[str, list[dict]]]:
    """Each article's text and its entity records."""
    result = {}
    for name, text in ARTICLES.items():
        doc = model_nlp(text)
        result[name] = (doc.text, doc._.ctc_entities)
    return result


def _entity_of(entities: list[dict], alias: str) -> dict | None:
    return next((e for e in entities if any(a["text"] == alias for a in e["aliases"])), None)


def _aliases(entity: dict) -> dict[str, int]:
    return {a["text"]: a["count"] for a in entity["aliases"]}


def test_acronym_defined_then_used_alone_is_one_entity(clustered):
    _, entities = clustered["unit"]
    entity = _entity_of(entities, "SBRU")
    assert entity is not None
    assert _aliases(entity) == {"SBRU": 4, "Sahel Border Reconnaissance Unit": 1}
    assert entity["canonical"] == "Sahel Border Reconnaissance Unit"
    assert entity["label"] == "ORG"
    assert [(e["kind"], {e["a"], e["b"]}) for e in entity["evidence"]] == [
        ("acronym", {"SBRU", "Sahel Border Reconnaissance Unit"})
    ]


def test_acronym_of_a_longer_name_is_one_entity(clustered):
    _, entities = clustered["borders"]
    entity = _entity_of(entities, "HNWS")
    assert entity is not None
    assert _aliases(entity) == {"HNWS": 3, "Harakat al-Nasr in the Western Sahel": 1}


def test_surname_joins_the_full_name(clustered):
    _, entities = clustered["unit"]
    entity = _entity_of(entities, "Moussa Keltani")
    assert entity is not None
    assert _aliases(entity) == {"Moussa Keltani": 1, "Keltani": 2}
    assert entity["canonical"] == "Moussa Keltani"
    assert entity["label"] == "PERSON"
    assert {e["kind"] for e in entity["evidence"]} == {"name-part"}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Ibrahim ag Assaleh", id="ag-name"),
        pytest.param("Yusuf ag Haddou", id="ag-name-tagged-product",),
    ],
)
def test_name_with_lower_case_particle_is_found_whole(clustered, name):
    _, entities = clustered["unit"]
    entity = _entity_of(entities, name)
    assert entity is not None, [e["canonical"] for e in entities]
    assert entity["label"] == "PERSON"
    assert entity["canonical"] == name


MUST_NOT_MERGE = [
    pytest.param("borders", "Niger", "Nigeria", id="niger-nigeria"),
    pytest.param("borders", "Amesrar", "Amesrar Region", id="town-and-its-region"),
    pytest.param("borders", "Harakat al-Nasr", "Harakat al-Nasr in the Western Sahel", id="group-and-its-regional-branch"),
    pytest.param("unit", "Moussa Keltani", "Ibrahim ag Assaleh", id="two-people"),
    pytest.param("borders", "Chad", "Lake Chad", id="chad-and-lake-chad",),
]


@pytest.mark.parametrize(("article", "a", "b"), MUST_NOT_MERGE)
def test_must_not_merge(clustered, article, a, b):
    text, entities = clustered[article]
    first, second = _entity_of(entities, a), _entity_of(entities, b)
    assert first is not None, f"{a!r} not found"
    assert second is not None, f"{b!r} not found"
    assert first is not second
    # and no mention of the shorter name sits inside an occurrence of the longer one
    shorter = first if len(b) > len(a) else second
    long_form = b if len(b) > len(a) else a
    occurrences = [i for i in range(len(text)) if text.startswith(long_form, i)]
    for mention in shorter["mentions"]:
        assert not any(o <= mention["start"] < o + len(long_form) for o in occurrences), mention


EVIDENCE_KINDS = frozenset(load_schema("entity")["properties"]["evidence"]["items"]["properties"]["kind"]["enum"])


@pytest.mark.parametrize("article", list(ARTICLES))
def test_every_join_records_documented_evidence(clustered, article):
    _, entities = clustered[article]
    for entity in entities:
        forms = set(_aliases(entity))
        assert len(entity["evidence"]) == len(forms) - 1, entity["canonical"]
        linked = {next(iter(forms))}
        for _ in forms:
            for join in entity["evidence"]:
                assert join["kind"] in EVIDENCE_KINDS
                assert {join["a"], join["b"]} <= forms
                if join["a"] in linked or join["b"] in linked:
                    linked |= {join["a"], join["b"]}
        assert linked == forms, entity["canonical"]


@pytest.mark.parametrize("article", list(ARTICLES))
def test_mentions_point_at_the_text(clustered, article):
    text, entities = clustered[article]
    for entity in entities:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
        assert sum(_aliases(entity).values()) == len(entity["mentions"])


def test_nationalities_join_only_singular_and_plural(model_nlp):
    from collections import Counter

    from pipeline.rules.aliases import Mention

    clusterer = model_nlp.get_pipe("ctc_entities").clusterer
    forms = ["Nigerien", "Nigerian", "Nigeriens", "Nigerians", "Omani"]
    mentions = [Mention(i * 20, i * 20 + len(f), f, "NORP", "body", "ner", Counter({"NORP": 1})) for i, f in enumerate(forms)]
    groups = sorted(sorted(a["text"] for a in e["aliases"]) for e in clusterer.cluster(mentions, []))
    assert groups == [["Nigerian", "Nigerians"], ["Nigerien", "Nigeriens"], ["Omani"]]

"""The ``ctc_entities`` component (:mod:`pipeline.components.entities`): the clustering of aliases
through the full English pipeline on small invented articles.

Every person, group, town and outlet in the articles is invented; the countries are real because the
must-not-merge rules are about them.
"""

from __future__ import annotations

import pytest

from pipeline.contract.schemas import load_schema

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

ARTICLE_EVIDENCE = """The Varnel Taliban (ZTV) attacked Tamerzit in 2016. Officials said the ZTV had lost ground, and the Varnel Taliban denied it. Analysts in the U.S. said the group had grown; U.S. officials disagreed.[1]

The Oudaya Brothers, known as the Sahel Lions, fought the Sahel Lions' rivals for years.[2]

[1] “Fighting near Tamerzit,” Sahel Courier, May 2, 2016.

[2] Ibid.
"""

ARTICLE_HEADLINES = """Fighters of al-Zarqawa crossed into Chad in 2016, and the Sahel Border Union sent troops to the border. The bombing of the Tamerzit Palace hotel followed.[1]

A panel, the Watch Group on Chad and Niger, reported that al-Zarqawa had grown.[2]

[1] Amir Haddou, “Al Zarqawa Overruns Sahel Border Union Base,” Sahel Courier, May 2, 2016.

[2] “SBU Troops Return to Tamerzit,” Desert Herald, May 3, 2016.
"""

ARTICLE_FOREIGN_NAMES = """Fighters retreated into the Tiferdine Valley in 2017, and the African Union sent observers to the valley. Patrols later crossed the Zaouat mountains east of Tiferdine.[1]

The Zaouat range had sheltered the group for years, and the African Union said that the Zaouat passes were closed. Residents of Tiferdine left.[2]

[1] “Les combats dans la vallée d’Tiferdinne,” Le Courrier du Sahel, May 2, 2017.

[2] “L’Union africaine ferme l’Adrar de Zaouât,” Le Courrier du Sahel, June 3, 2017.
"""

ARTICLE_PERMUTED = """The Harbor Defence League of Tarn (HDLT) blocked the port in 2018. Reports in French call the HDLT the LDHT, and the LDHT said the port would stay closed. A rival group, the DLTH Movement, denied it.[1]

[1] “Port blocked,” Sahel Courier, May 2, 2018.
"""

ARTICLES = {"unit": ARTICLE_UNIT, "borders": ARTICLE_BORDERS, "evidence": ARTICLE_EVIDENCE, "headlines": ARTICLE_HEADLINES,
            "foreign": ARTICLE_FOREIGN_NAMES}


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


def test_an_acronym_with_the_letters_of_a_defined_one_in_another_order_is_a_mention_of_it(blank_nlp):
    """Without the NER (rules only), the permuted acronym is found as a mention of the defined one."""
    entities = blank_nlp(ARTICLE_PERMUTED)._.ctc_entities
    entity = _entity_of(entities, "LDHT")
    assert entity is not None and entity is _entity_of(entities, "HDLT")
    assert ("acronym", {"HDLT", "LDHT"}) in [(e["kind"], {e["a"], e["b"]}) for e in entity["evidence"]]


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


def test_parenthesised_acronym_after_a_name_joins_it(clustered):
    _, entities = clustered["evidence"]
    entity = _entity_of(entities, "ZTV")
    assert entity is not None
    assert set(_aliases(entity)) == {"ZTV", "Varnel Taliban"}
    assert _aliases(entity)["Varnel Taliban"] == 2  # the second mention found by re-matching the known name


def test_abbreviation_keeps_its_period(clustered):
    _, entities = clustered["evidence"]
    entity = _entity_of(entities, "U.S.")
    assert entity is not None and _aliases(entity) == {"U.S.": 2}
    assert _entity_of(entities, "U.S") is None


def test_nationalities_join_only_singular_and_plural(model_nlp):
    from collections import Counter

    from pipeline.rules.aliases import Mention

    clusterer = model_nlp.get_pipe("ctc_entities").clusterer
    forms = ["Nigerien", "Nigerian", "Nigeriens", "Nigerians", "Omani"]
    mentions = [Mention(i * 20, i * 20 + len(f), f, "NORP", "body", "ner", Counter({"NORP": 1})) for i, f in enumerate(forms)]
    groups = sorted(sorted(a["text"] for a in e["aliases"]) for e in clusterer.cluster(mentions, []))
    assert groups == [["Nigerian", "Nigerians"], ["Nigerien", "Nigeriens"], ["Omani"]]


HEADLINE_CLASSES = [
    # coverage and wrong splits of issue 16 in endnote headlines, which fool the NER
    pytest.param("Al Zarqawa", "al-Zarqawa", id="name-cut-out-of-a-headline-clause"),
    pytest.param("SBU", "Sahel Border Union", id="acronym-of-a-known-name's-initials"),
]


@pytest.mark.parametrize(("alias", "owner"), HEADLINE_CLASSES)
def test_headline_names_join_the_body_name(clustered, alias, owner):
    _, entities = clustered["headlines"]
    assert alias in _aliases(_entity_of(entities, owner))


@pytest.mark.parametrize(("alias", "label"), [("Tamerzit Palace hotel", "FAC"), ("Watch Group on Chad and Niger", "ORG")])
def test_name_with_its_facility_word_or_mandate_is_found_whole(clustered, alias, label):
    _, entities = clustered["headlines"]
    entity = _entity_of(entities, alias)
    assert entity is not None and entity["label"] == label


FOREIGN_NAMES = [
    # coverage and wrong splits of issue 16: a place's bare name, its spellings in French
    # headlines, its name under a Berber word, and an organisation's French name
    pytest.param("Tiferdine Valley", {"Tiferdine Valley": 1, "Tiferdine": 3, "Tiferdinne": 1}, "LOC", id="bare-name-and-doubled-letter"),
    pytest.param("Zaouat mountains", {"Zaouat mountains": 1, "Zaouat": 3, "Adrar de Zaouât": 1, "Zaouât": 1}, "LOC",
                 id="adrar-de-and-its-bare-name"),
    pytest.param("African Union", {"African Union": 2, "Union africaine": 1}, "ORG", id="organisation-in-french"),
]


@pytest.mark.parametrize(("canonical", "aliases", "label"), FOREIGN_NAMES)
def test_names_in_other_languages_join_the_entity(clustered, canonical, aliases, label):
    _, entities = clustered["foreign"]
    entity = _entity_of(entities, canonical)
    assert entity is not None and entity["canonical"] == canonical and entity["label"] == label
    assert _aliases(entity) == aliases


def test_a_bare_name_nests_inside_its_feature_s_name(clustered):
    _, entities = clustered["foreign"]
    mentions = _entity_of(entities, "Tiferdine Valley")["mentions"]
    valley = next(m for m in mentions if m["text"] == "Tiferdine Valley")
    assert any(m["text"] == "Tiferdine" and m["start"] == valley["start"] for m in mentions)

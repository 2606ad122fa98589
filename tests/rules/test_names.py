"""Table-driven tests of :mod:`pipeline.rules.names`: ``NameShape.is_person_name`` and ``split_names``.

Every person, place, outlet and sentence below is invented.
"""

from __future__ import annotations

import pytest

from pipeline.rules.names import NameShape, name_shape
from pipeline.rules.resources import load_json

# ================================================================================================
# names.NameShape
# ================================================================================================


@pytest.fixture(scope="module")
def names() -> NameShape:
    return name_shape(load_json("names.json"))


PERSON_NAMES = [
    pytest.param("Hamid Rasheed", True, id="plain"),
    pytest.param("Clara", True, id="single-surname"),
    pytest.param("J. R. Haldane", True, id="initials"),
    pytest.param("Jean-Luc Morvand", True, id="hyphenated-first-name"),
    pytest.param("Liam O’Connell", True, id="apostrophe"),
    pytest.param("Mohamed ag Intalla", True, id="particle-ag"),
    pytest.param("Yusuf al-Karimi", True, id="particle-al-hyphen"),
    pytest.param("al-Karimi", True, id="short-form-surname-with-al"),
    pytest.param("Sidi Ould Bekaye", True, id="particle-ould"),
    pytest.param("Osama bin Tariq", True, id="particle-bin"),
    pytest.param("Pierre de Montclair", True, id="particle-de"),
    pytest.param("Joost van Riel", True, id="particle-van"),
    pytest.param("Abu Bakr al-Sudani", True, id="abu-and-al"),
    pytest.param("Dr. Clara Voss", True, id="honorific-dr"),
    pytest.param("Colonel Idris Maabo", True, id="honorific-rank"),
    pytest.param("Dr.", False, id="honorific-alone"),
    pytest.param("de", False, id="particle-alone"),
    pytest.param("Clara de", False, id="ends-with-particle"),
    pytest.param("Joost van", False, id="ends-with-van"),
    pytest.param("Clara voss", False, id="lowercase-word"),
    pytest.param("the militia", False, id="lowercase-words"),
    pytest.param("Officials say", False, id="sentence-fragment"),
    pytest.param("Ministry of the Interior", False, id="institution-with-of-the"),
    pytest.param("Agent 47", False, id="digits"),
    pytest.param("3rd Battalion", False, id="leading-digit"),
    pytest.param("Clara Voss,", False, id="trailing-comma"),
    pytest.param("A B C D E F G", False, id="too-many-words"),
    pytest.param("", False, id="empty"),
    pytest.param(
        "Ana Maria de la Cruz y Rivera", True, id="long-spanish-name-with-particles",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PERSON_NAMES)
def test_is_person_name(names, text, expected):
    assert names.is_person_name(text) is expected


SPLITS = [
    pytest.param("Hamid Rasheed", ["Hamid Rasheed"], id="one"),
    pytest.param("Hamid Rasheed and Clara Voss", ["Hamid Rasheed", "Clara Voss"], id="two-and"),
    pytest.param("Hamid Rasheed & Clara Voss", ["Hamid Rasheed", "Clara Voss"], id="two-ampersand"),
    pytest.param("Hamid Rasheed, Clara Voss and Tomas Lindqvist", ["Hamid Rasheed", "Clara Voss", "Tomas Lindqvist"],
                 id="three"),
    pytest.param("Hamid Rasheed, Clara Voss, and Tomas Lindqvist",
                 ["Hamid Rasheed", "Clara Voss", "Tomas Lindqvist"], id="three-oxford-comma"),
    pytest.param("Clara Voss and Joost van Riel", ["Clara Voss", "Joost van Riel"], id="with-particle"),
    pytest.param("Mohamed ag Intalla and Sidi Ould Bekaye", ["Mohamed ag Intalla", "Sidi Ould Bekaye"],
                 id="two-with-particles"),
    pytest.param("Voss and Rasheed", ["Voss", "Rasheed"], id="surnames"),
    pytest.param("Hamid Rasheed and the militia", None, id="one-part-not-a-name"),
    pytest.param("Clara Voss and 12 others", None, id="digits"),
    pytest.param("officials in Tarvella", None, id="lowercase"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_split_names(names, text, expected):
    assert names.split_names(text) == expected

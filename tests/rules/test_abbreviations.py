"""Table-driven tests of :mod:`pipeline.abbreviations`: ``find_definitions`` and ``is_permutation``.

Every organisation, place and sentence below is invented. Rows marked ``xfail(strict=True)`` keep the
result a demanding user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

import pytest

from pipeline.rules.abbreviations import find_definitions, is_permutation


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# ================================================================================================
# find_definitions: (text, [(short, long, ordered), ...])
# ================================================================================================

DEFINITIONS = [
    # ordinary acronyms, every word an initial
    pytest.param(
        "Staff at the Regional Security Office (RSO) met on Monday.",
        [("RSO", "Regional Security Office", True)],
        id="ordinary",
    ),
    pytest.param(
        "In 2012, the Sahel Reconnaissance Unit (SRU) moved north.",
        [("SRU", "Sahel Reconnaissance Unit", True)],
        id="ordinary-after-comma-clause",
    ),
    pytest.param(
        "An improvised explosive device (IED) struck the convoy.",
        [("IED", "improvised explosive device", True)],
        id="lower-case-long-form",
    ),
    # lower-case function words inside the long form are skipped by the initials
    pytest.param(
        "The Movement for Justice and Dignity in the Sahel (MJDS) claimed the raid.",
        [("MJDS", "Movement for Justice and Dignity in the Sahel", True)],
        id="function-words",
    ),
    pytest.param(
        "The Group for the Defense of the Western Oases (GDOO) issued a statement.",
        [("GDOO", "Group for the Defense of the Western Oases", True)],
        id="function-words-repeated-letter",
    ),
    pytest.param(
        "The Ministry of Defense (MoD) declined to comment.",
        [("MoD", "Ministry of Defense", True)],
        id="mixed-case-short-form",
    ),
    pytest.param(
        "A raid by Jamaat Nusrat al-Wadi (JNW) left six dead.",
        [("JNW", "Jamaat Nusrat al-Wadi", True)],
        id="transliterated-with-al-",
    ),
    # hyphenated long forms
    pytest.param(
        "The Anti-Terrorism Coordination Unit (ATCU) was created in 2011.",
        [("ATCU", "Anti-Terrorism Coordination Unit", True)],
        id="hyphen-one-initial",
    ),
    pytest.param(
        "The Joint Counter-Terrorism Task Force (JCTTF) met weekly.",
        [("JCTTF", "Joint Counter-Terrorism Task Force", True)],
        id="hyphen-both-parts-initials",
    ),
    pytest.param(
        "A vehicle-borne improvised explosive device (VBIED) struck the gate.",
        [("VBIED", "vehicle-borne improvised explosive device", True)],
        id="hyphen-lower-case",
    ),
    pytest.param(
        "Fighters of the Tuareg-led Northern Coalition (TNC) held the town.",
        [("TNC", "Tuareg-led Northern Coalition", True)],
        id="hyphen-lower-case-second-part",
    ),
    # acronyms kept in another language's word order (French initials, English long form)
    pytest.param(
        "The Islamic Front of the Eastern Sahel (FISO) claimed the ambush.",
        [("FISO", "Islamic Front of the Eastern Sahel", False)],
        id="french-order-fiso",
    ),
    pytest.param(
        "The statement of the Patriotic Front for Resistance (FPR) was read on the radio.",
        [("FPR", "Patriotic Front for Resistance", False)],
        id="french-order-fpr",
    ),
    # two-letter acronyms
    pytest.param(
        "Members of the National Guard (NG) patrolled the market.",
        [("NG", "National Guard", True)],
        id="two-letters",
    ),
    pytest.param(
        "Soldiers of the Sahel Force (SF) and the African Union (AU) met in the capital.",
        [("SF", "Sahel Force", True), ("AU", "African Union", True)],
        id="two-letters-twice",
    ),
    # several definitions in one sentence
    pytest.param(
        "The Movement for Justice and Dignity in the Sahel (MJDS) claimed the raid, and the "
        "Joint Counter-Terrorism Task Force (JCTTF) responded.",
        [
            ("MJDS", "Movement for Justice and Dignity in the Sahel", True),
            ("JCTTF", "Joint Counter-Terrorism Task Force", True),
        ],
        id="two-definitions",
    ),
    # parentheses that are not acronym definitions
    pytest.param("The attack (see below) was never claimed.", [], id="see-below"),
    pytest.param("The report (2014) listed 40 incidents.", [], id="year"),
    pytest.param("The communiqué (in French) was read aloud.", [], id="in-french"),
    pytest.param("Fighters loyal to the rebels (pictured) withdrew.", [], id="lower-case-word"),
    pytest.param("The figure (p. 12) shows the routes.", [], id="page-reference"),
    pytest.param("The rebels (MNLT) fought on.", [], id="acronym-without-long-form"),
    pytest.param("Fighters of Tadamakat (FLT) withdrew.", [], id="one-word-before"),
    # long form after the acronym: not supported, nothing found
    pytest.param("The RSO (Regional Security Office) was closed.", [], id="long-after-short"),
    pytest.param(
        "The MNLT (National Movement for the Liberation of Tadamakat) rejected the deal.",
        [],
        id="long-after-short-function-words",
    ),
    pytest.param(
        "Alerts come from the Zentari Weather Office’s (ZWO’s) radio.",
        [("ZWO", "Zentari Weather Office", True)],
        id="possessive-acronym",
    ),
    pytest.param(
        "Members of the Eastern Energy Area (EEA) met in Varnel.",
        [("EEA", "Eastern Energy Area", True)],
        id="initials-where-letters-repeat-inside-a-word",
    ),
    pytest.param(
        "Its seat is the Zentari Department of Wells (DOW) in Varnel.",
        [("DOW", "Department of Wells", True)],
        id="initials-with-a-minor-word",
    ),
    # defects
    pytest.param(
        "Fighters of the Front for the Liberation of Tadamakat (FLT) withdrew north.",
        [("FLT", "Front for the Liberation of Tadamakat", True)],
        id="first-letter-also-starts-function-word",
    ),
    pytest.param(
        "Funding from the U.S. Office for Sahel Stabilization (USOSS) ended in 2016.",
        [("USOSS", "U.S. Office for Sahel Stabilization", True)],
        id="dotted-initialism-in-long-form",
    ),
]


def _triples(text: str) -> list[tuple[str, str, bool]]:
    return [(d.short, d.long, d.ordered) for d in find_definitions(text)]


@pytest.mark.parametrize(("text", "expected"), DEFINITIONS)
def test_find_definitions(text, expected):
    assert _triples(text) == expected


POSITIVE = [p for p in DEFINITIONS if p.values[1] and not p.marks]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_definition_offsets_point_at_the_text(text, expected):
    found = find_definitions(text)
    assert found, "a definition was expected"
    for definition in found:
        assert text[definition.long_start : definition.long_start + len(definition.long)] == definition.long
        assert text[definition.short_start : definition.short_start + len(definition.short)] == definition.short
        assert text[definition.short_start - 1] == "("
        assert definition.long_start + len(definition.long) < definition.short_start


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        pytest.param("", "The Anti-Terrorism Coordination Unit (ATCU) was created.", id="at-start"),
        pytest.param("Report.\n\n", "The Anti-Terrorism Coordination Unit (ATCU) was created.", id="after-paragraph"),
        pytest.param(
            "According to a report released last week by officials in the capital, ",
            "the Anti-Terrorism Coordination Unit (ATCU) was created.",
            id="after-long-clause",
        ),
    ],
)
def test_definition_offsets_shift_with_the_text(prefix, sentence):
    (alone,) = find_definitions(sentence)
    (shifted,) = find_definitions(prefix + sentence)
    assert shifted.long == alone.long == "Anti-Terrorism Coordination Unit"
    assert shifted.long_start == alone.long_start + len(prefix)
    assert shifted.short_start == alone.short_start + len(prefix)


# ================================================================================================
# is_permutation
# ================================================================================================

PERMUTATIONS = [
    pytest.param("FISO", "IFSO", True, id="four-letters-other-order"),
    pytest.param("MJDS", "JMSD", True, id="four-letters-reversed-pairs"),
    pytest.param("ABCDE", "EDCBA", True, id="five-letters-reversed"),
    pytest.param("fiso", "IFSO", True, id="case-insensitive"),
    pytest.param("FISO", "FISO", False, id="equal"),
    pytest.param("fiso", "FISO", False, id="equal-ignoring-case"),
    pytest.param("FPR", "PFR", False, id="three-letters"),
    pytest.param("NG", "GN", False, id="two-letters"),
    pytest.param("FISO", "FISA", False, id="one-letter-differs"),
    pytest.param("FISO", "FISOS", False, id="extra-letter"),
    pytest.param("FISO", "FIISO", False, id="doubled-letter"),
    pytest.param("FC-G5", "G5-FC", False, id="not-letters"),
]


@pytest.mark.parametrize(("a", "b", "expected"), PERMUTATIONS)
def test_is_permutation(a, b, expected):
    assert is_permutation(a, b) is expected
    assert is_permutation(b, a) is expected

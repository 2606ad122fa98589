"""Table-driven tests of the pure rule functions: dates, outlets, languages, names, markers,
claim support and the segmenter.

Every person, place, outlet and sentence below is invented (well-known outlets appear only where the
outlet table itself is under test). Rows marked ``xfail(strict=True)`` keep the result a demanding
user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

import re

import pytest

from pipeline.rules.claims import assign_support, strip_markers
from pipeline.rules.written_dates import normalize_date
from pipeline.rules.language import choose_languages, language_candidates
from pipeline.rules.markers import find_markers, marker_numbers
from pipeline.rules.names import NameShape, name_shape
from pipeline.rules.outlets import fold
from pipeline.rules.resources import load_json
from pipeline.rules.layout import is_heading_like, segment


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# ================================================================================================
# dates.normalize_date
# ================================================================================================

DATES = [
    # precision follows what was written
    pytest.param("January 10, 2013", ("2013-01-10", True), id="day-mdy"),
    pytest.param("14 March 2016", ("2016-03-14", True), id="day-dmy"),
    pytest.param("10 January, 2013", ("2013-01-10", True), id="day-dmy-comma"),
    pytest.param("March 3, 2014.", ("2014-03-03", True), id="day-trailing-period"),
    pytest.param("January\u00a010, 2013", ("2013-01-10", True), id="day-non-breaking-space"),
    pytest.param("2013-04-05", ("2013-04-05", True), id="day-iso"),
    pytest.param("March 2013", ("2013-03", True), id="month"),
    pytest.param("Feb 2014", ("2014-02", True), id="month-abbreviated"),
    pytest.param("December 2012", ("2012-12", True), id="month-december"),
    pytest.param("2013", ("2013", True), id="year"),
    # impossible days are invalid, never shifted
    pytest.param("June 31, 2012", (None, False), id="june-31-invalid"),
    pytest.param("31 April 2016", (None, False), id="april-31-dmy-invalid"),
    pytest.param("Sept 31, 2014", (None, False), id="sept-31-invalid"),
    pytest.param("January 32, 2013", (None, False), id="day-32-invalid"),
    pytest.param("April 0, 2013", (None, False), id="day-0-invalid"),
    pytest.param("february 30, 2012", (None, False), id="february-30-lowercase-invalid"),
    # leap years
    pytest.param("February 29, 2012", ("2012-02-29", True), id="leap-day-2012"),
    pytest.param("February 29, 2013", (None, False), id="leap-day-2013-invalid"),
    pytest.param("February 29, 2000", ("2000-02-29", True), id="leap-day-2000"),
    pytest.param("February 29, 1900", (None, False), id="leap-day-1900-invalid"),
    # ranges
    pytest.param("January 9-10, 2013", ("2013-01-09/2013-01-10", True), id="range-hyphen"),
    pytest.param("January 9–10, 2013", ("2013-01-09/2013-01-10", True), id="range-en-dash"),
    pytest.param("May 1-3, 2014", ("2014-05-01/2014-05-03", True), id="range-three-days"),
    pytest.param("January 30-32, 2013", (None, False), id="range-impossible-end"),
    pytest.param(
        "3-5 May 2014", ("2014-05-03/2014-05-05", True), id="range-day-month-year",
    ),
    pytest.param(
        "January 31-February 2, 2013", ("2013-01-31/2013-02-02", True), id="range-across-months",
    ),
    # ordinals and abbreviations
    pytest.param("March 3rd, 2014", ("2014-03-03", True), id="ordinal-rd"),
    pytest.param("March 1st, 2014", ("2014-03-01", True), id="ordinal-st"),
    pytest.param("2nd May 2014", ("2014-05-02", True), id="ordinal-dmy"),
    pytest.param("Sept. 5, 2014", ("2014-09-05", True), id="abbrev-sept"),
    pytest.param("Sep. 5, 2014", ("2014-09-05", True), id="abbrev-sep"),
    pytest.param("Dec. 31, 2012", ("2012-12-31", True), id="abbrev-dec"),
    # seasons
    pytest.param("Spring 2012", ("2012-SP", True), id="season-spring"),
    pytest.param("Summer 2015", ("2015-SU", True), id="season-summer"),
    pytest.param("Fall 2011", ("2011-FA", True), id="season-fall"),
    pytest.param("Autumn 2011", ("2011-FA", True), id="season-autumn"),
    pytest.param("Winter 2014", ("2014-WI", True), id="season-winter"),
    pytest.param("SPRING, 2012.", ("2012-SP", True), id="season-caps-comma-period"),
    # not dates
    pytest.param("", (None, False), id="empty"),
    pytest.param("not a date", (None, False), id="words"),
]


@pytest.mark.parametrize(("raw", "expected"), DATES)
def test_normalize_date(raw, expected):
    assert normalize_date(raw) == expected


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


# ================================================================================================
# language
# ================================================================================================

TITLES = [
    pytest.param("Why the Ceasefire Collapsed in the Hills", ["en"], id="english"),
    pytest.param("A New Front on the Coast", ["en"], id="english-short-words"),
    pytest.param("L’armée reprend le contrôle du port", ["fr"], id="french-elision"),
    pytest.param("Les rebelles quittent la ville", ["fr"], id="french"),
    pytest.param("L’offensive d’hiver", ["fr"], id="french-elided-articles-only"),
    pytest.param("Los rebeldes toman el control de la frontera", ["es"], id="spanish"),
    pytest.param("La ofensiva de los rebeldes", ["es"], id="spanish-short"),
    pytest.param("Die Miliz und der Krieg im Norden", ["de"], id="german"),
    pytest.param("La crisis en Korvana", ["es", "fr"], id="tie-spanish-french"),
    pytest.param("Korvana: Harbor Seized", [], id="no-evidence"),
    pytest.param("Yusuf al-Karimi", [], id="hyphenated-particle-stays-whole"),
    pytest.param("", [], id="empty"),
    pytest.param(
        "Three Soldiers Die in Ambush Near Tarvella", ["en"], id="english-headline-with-die",
        marks=xfail("'in' is a function word of English, German and Italian, so the only evidence is a "
                    "three-way tie ['de', 'en', 'it']; choose_languages settles it on the default only"),
    ),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_language_candidates(stopwords, title, expected):
    assert language_candidates(title, stopwords) == expected


CHOICES = [
    pytest.param([["en"], ["fr"], ["es"], ["de"]], "en", ["en", "fr", "es", "de"], id="sole-candidates"),
    pytest.param([[], ["fr"]], "en", ["en", "fr"], id="no-evidence-gets-default"),
    pytest.param([[]], None, [None], id="no-evidence-no-default"),
    pytest.param([["es", "fr"], ["fr"], ["fr"], ["es"]], "en", ["fr", "fr", "fr", "es"],
                 id="tie-broken-by-other-titles"),
    pytest.param([["es", "fr"], ["es"]], "fr", ["fr", "es"], id="default-wins-a-tie-it-is-part-of"),
    pytest.param([["en", "fr"]], "en", ["en"], id="tie-without-prior-default-candidate"),
    pytest.param([["es", "fr"]], "en", [None], id="tie-without-prior-default-not-candidate"),
    pytest.param([["es", "fr"], ["fr"], ["es"]], "es", ["es", "fr", "es"], id="tied-prior-falls-back-to-default"),
    pytest.param([], "en", [], id="no-titles"),
]


@pytest.mark.parametrize(("candidates", "default", "expected"), CHOICES)
def test_choose_languages(candidates, default, expected):
    assert choose_languages(candidates, default) == expected


DOCUMENT_TITLES = [
    pytest.param(
        ["La crisis en Korvana", "Los rebeldes toman el puerto", "La ofensiva de los rebeldes"], "en",
        ["es", "es", "es"], id="spanish-document-resolves-tie",
    ),
    pytest.param(
        ["La crisis en Korvana", "Les rebelles quittent la ville", "L’armée reprend le port"], "en",
        ["fr", "fr", "fr"], id="french-document-resolves-tie",
    ),
    pytest.param(
        ["Harbor Seized", "Why the Ceasefire Collapsed"], "en", ["en", "en"], id="no-evidence-and-english",
    ),
    pytest.param(
        ["A Raid on Port Ellis", "L’armée reprend le port", "Les rebelles quittent la ville"], "en",
        ["en", "fr", "fr"], id="english-title-in-french-heavy-document",
    ),
]


@pytest.mark.parametrize(("titles", "default", "expected"), DOCUMENT_TITLES)
def test_document_languages(stopwords, titles, default, expected):
    assert choose_languages([language_candidates(t, stopwords) for t in titles], default) == expected


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


# ================================================================================================
# markers
# ================================================================================================

MARKER_NUMBERS = [
    pytest.param("12", ([12], None), id="single"),
    pytest.param("6-8", ([6, 7, 8], None), id="range-hyphen"),
    pytest.param("6–8", ([6, 7, 8], None), id="range-en-dash"),
    pytest.param("6 - 8", ([6, 7, 8], None), id="range-spaced"),
    pytest.param("6, 8", ([6, 8], None), id="list"),
    pytest.param("6,8", ([6, 8], None), id="list-no-space"),
    pytest.param("3-5, 9", ([3, 4, 5, 9], None), id="range-and-list"),
    pytest.param("5-5", ([5], None), id="degenerate-range"),
    pytest.param("8-6", ([8, 6], "marker range [8-6] cannot be expanded"), id="reversed-range"),
    pytest.param("1-100", ([1, 100], "marker range [1-100] cannot be expanded"), id="implausible-range"),
]


@pytest.mark.parametrize(("inner", "expected"), MARKER_NUMBERS)
def test_marker_numbers(inner, expected):
    assert marker_numbers(inner) == expected


def _blocks(text: str, spans: list[tuple[str, str]]) -> list[dict]:
    """Blocks from (kind, exact text) pairs found in order in ``text``."""
    blocks, pos = [], 0
    for kind, piece in spans:
        start = text.index(piece, pos)
        blocks.append({"kind": kind, "start": start, "end": start + len(piece)})
        pos = start + len(piece)
    return blocks


MARKER_DOC = (
    "The Harbor Militias[1]\n"
    "Who Profits[2]\n"
    "Officials said [the] port was closed.[3] Later [sic] reports differed.[4-6] Others agreed.[7, 9]\n"
    "Clara Voss is a fellow at the Institute.[10]\n"
    "Notes\n"
    "[3] Clara Voss, “Port Seized [sic],” BBC, 2013 [updated].\n"
    "[4] Ibid. See [5].\n"
    "Share [11]\n"
)
MARKER_BLOCKS = [
    ("title", "The Harbor Militias[1]"),
    ("heading", "Who Profits[2]"),
    ("body", "Officials said [the] port was closed.[3] Later [sic] reports differed.[4-6] Others agreed.[7, 9]"),
    ("bio", "Clara Voss is a fellow at the Institute.[10]"),
    ("endnotes_heading", "Notes"),
    ("endnote", "[3] Clara Voss, “Port Seized [sic],” BBC, 2013 [updated]."),
    ("endnote", "[4] Ibid. See [5]."),
    ("boilerplate", "Share [11]"),
]


def test_find_markers_in_citing_blocks_only():
    found = find_markers(MARKER_DOC, _blocks(MARKER_DOC, MARKER_BLOCKS))
    assert [(m["raw"], m["numbers"], m["error"]) for m in found] == [
        ("[1]", [1], None),
        ("[2]", [2], None),
        ("[3]", [3], None),
        ("[4-6]", [4, 5, 6], None),
        ("[7, 9]", [7, 9], None),
        ("[10]", [10], None),
    ]
    assert all(MARKER_DOC[m["start"] : m["end"]] == m["raw"] for m in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("He said [the] levy was fair.", [], id="bracketed-word"),
        pytest.param("The levy [sic] was doubled.[4]", ["[4]"], id="sic-then-marker"),
        pytest.param("It fell.[12] It rose.[ 13 ]", ["[12]", "[ 13 ]"], id="two-markers-spaced"),
        pytest.param("They were “heroes.”[6–8]", ["[6–8]"], id="after-closing-quote-en-dash"),
        pytest.param("Fighters [from Tarvella] and [2a] boats.", [], id="bracketed-phrase-and-alnum"),
        pytest.param("A reversed range.[8-6]", ["[8-6]"], id="reversed-range-still-a-marker"),
    ],
)
def test_find_markers_in_body(text, expected):
    found = find_markers(text, [{"kind": "body", "start": 0, "end": len(text)}])
    assert [m["raw"] for m in found] == expected


def test_find_markers_reports_reversed_range():
    text = "A reversed range.[8-6]"
    (marker,) = find_markers(text, [{"kind": "body", "start": 0, "end": len(text)}])
    assert marker["numbers"] == [8, 6]
    assert marker["error"] == "marker range [8-6] cannot be expanded"


# ================================================================================================
# claims.strip_markers / assign_support
# ================================================================================================

_ANY_MARKER = re.compile(r"\[\d[\d\s,–-]*\]")


def _markers(text: str, offset: int) -> list[dict]:
    return [{"start": offset + m.start(), "end": offset + m.end()} for m in _ANY_MARKER.finditer(text)]


STRIPS = [
    pytest.param("Fighters came [2] to the port.[3]", 0, "Fighters came to the port.", id="inside-and-end"),
    pytest.param("Fighters came [2] to the port.[3]", 250, "Fighters came to the port.", id="document-offset"),
    pytest.param("He said “no.”[4] Then he left.", 17, "He said “no.” Then he left.", id="after-quote"),
    pytest.param("The port fell.[2][3]", 0, "The port fell.", id="adjacent-markers"),
    pytest.param("The port fell. [2]", 0, "The port fell.", id="marker-after-space-at-end"),
    pytest.param("The port fell.[6-8]", 0, "The port fell.", id="range-marker"),
    pytest.param("  No markers here.  ", 0, "No markers here.", id="no-markers-stripped"),
    pytest.param(
        "The port fell [2], then rose again.", 0, "The port fell, then rose again.", id="marker-before-comma",
    ),
]


@pytest.mark.parametrize(("text", "offset", "expected"), STRIPS)
def test_strip_markers(text, offset, expected):
    assert strip_markers(text, offset, _markers(text, offset)) == expected


def test_strip_markers_ignores_markers_outside_the_text():
    text = "The port fell.[2]"  # at document offset 100
    markers = [{"start": 90, "end": 93}, {"start": 114, "end": 117}, {"start": 140, "end": 143}]
    assert strip_markers(text, 100, markers) == "The port fell."


SUPPORT = [
    pytest.param([[3]], [("direct", [3], None)], id="direct"),
    pytest.param([[]], [("none", [], None)], id="none"),
    pytest.param([[], [3]], [("inherited", [3], "c2"), ("direct", [3], None)], id="inherited-from-next"),
    pytest.param([[3], []], [("direct", [3], None), ("none", [], None)], id="trailing-sentence-unsupported"),
    pytest.param(
        [[], [], [4, 5]],
        [("inherited", [4, 5], "c3"), ("inherited", [4, 5], "c3"), ("direct", [4, 5], None)],
        id="two-inherit-from-the-same",
    ),
    pytest.param(
        [[], [2], [], [7]],
        [("inherited", [2], "c2"), ("direct", [2], None), ("inherited", [7], "c4"), ("direct", [7], None)],
        id="nearest-later-sentence-wins",
    ),
    pytest.param([], [], id="empty-paragraph"),
]


@pytest.mark.parametrize(("footnotes", "expected"), SUPPORT)
def test_assign_support(footnotes, expected):
    claims = [{"id": f"c{i}", "footnotes": list(f)} for i, f in enumerate(footnotes, 1)]
    assign_support(claims)
    assert [(c["support"], c["footnotes"], c["inherited_from"]) for c in claims] == expected


def test_assign_support_copies_inherited_footnotes():
    claims = [{"id": "c1", "footnotes": []}, {"id": "c2", "footnotes": [9]}]
    assign_support(claims)
    claims[0]["footnotes"].append(10)
    assert claims[1]["footnotes"] == [9]


# ================================================================================================
# segment
# ================================================================================================

HEADINGS = [
    pytest.param("A Fragile Truce", True, id="title-case"),
    pytest.param("Why the Ceasefire Failed", True, id="minor-words-lowercase"),
    pytest.param("What Comes Next?", True, id="question"),
    pytest.param("Conclusion", True, id="one-word"),
    pytest.param("Smuggling Routes in 2014", True, id="with-year"),
    pytest.param("2014: A Turning Point", True, id="starts-with-digit"),
    pytest.param("Al-Shabaab’s Next Move", True, id="hyphen-apostrophe"),
    pytest.param("The Militias and the State", True, id="several-minor-words"),
    pytest.param("The port was closed.", False, id="sentence-with-period"),
    pytest.param("The port was closed", False, id="sentence-case-no-period"),
    pytest.param("Brokers take a cut of every load", False, id="sentence-case-long"),
    pytest.param("It failed.", False, id="short-sentence"),
    pytest.param("lowercase heading here", False, id="lowercase-start"),
    pytest.param("The Response[3]", False, id="ends-with-marker"),
    pytest.param("The Role of Local Militias:", False, id="ends-with-colon"),
    pytest.param("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen", False,
                 id="too-many-words"),
    pytest.param("", False, id="empty"),
]


@pytest.mark.parametrize(("line", "expected"), HEADINGS)
def test_is_heading_like(segmenter_rules, line, expected):
    assert is_heading_like(line, segmenter_rules) is expected


FULL_DOC = """The Harbor Militias of Eastern Korvana
By Clara Voss and Hamid Rasheed

In the spring of 2014, armed groups seized the harbor of
Port Ellis and imposed a levy on every fishing boat that
entered the bay.[1] Local officials fled to the capital.[2]

Within weeks the militias had split over the proceeds.[3]

A Fragile Truce
The truce brokered in June collapsed within a month.[4-5] Fighting resumed near the old customs house.

Clara Voss is a senior fellow at the Institute for Coastal Security. Hamid Rasheed is a journalist based in Port Ellis.

Notes
[1] Tomas Lindqvist, “Harbor Seized,” Reuters, April 3, 2014.
[2] Ibid.
[3] Author interview, fisherman, Port Ellis, May 2014.
[4] “Truce Signed,” Harbour Gazette, June 9, 2014.
[5] Ibid., p. 2.

Stay Informed
Sign up to receive updates.
"""

NO_NOTES_DOC = """Smuggling Routes After the Ceasefire

Smugglers along the northern border have adapted quickly.

Who Profits
Brokers in Tarvella take a cut of every load.
"""

NUMBERED_NOTES_DOC = """Smuggling Routes After the Ceasefire

Smugglers along the northern border have adapted quickly.[1]

Endnotes
1. Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016.
2. Ibid.
10. “Customs Figures,” Korvana Tribune, 2015.
"""

HEADING_OR_SENTENCE_DOC = """Port Economies of the Southern Coast

The harbor levy funds the militia.
Who Profits
Brokers in Tarvella take a cut of every load, according to
Harbor Authority
Officials who spoke on condition of anonymity.

Divided Loyalties.
The second truce lasted a week.
"""

CONTINUATION_DOC = """Skip to content
Smugglers along the northern border have adapted quickly.[1]

The customs service has not published figures since 2015.[2]

[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016. The article was later
updated with new figures.
[2] Ibid.

Share this
Copyright 2016 Institute for Coastal Security
"""

NUMBERED_LIST_DOC = """Port Economies of the Southern Coast

The council debated two options.

1. Tax the fishing fleet directly.
2. Disarm the harbor brigades.
"""

NOTES_HEADING_WITHOUT_LABELS_DOC = """Port Economies of the Southern Coast

The harbor levy funds the militia.

Notes
The figures above are estimates.
"""

BIO_FALSE_POSITIVE_DOC = """Smuggling Routes After the Ceasefire

Smugglers along the northern border have adapted quickly.[1]

Idris Maabo was killed in a clash with customs officers near Tarvella in March 2015.[2]

[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016.
[2] “Militia Leader Killed,” Korvana Tribune, March 4, 2015.
"""

HEADING_BEFORE_LIST_DOC = """Port Economies of the Southern Coast

The council debated two options.

Options for the Government
1. Tax the fishing fleet directly.
2. Disarm the harbor brigades.
"""

HONORIFIC_BYLINE_DOC = """Port Economies of the Southern Coast
By Dr. Clara Voss

The harbor levy funds the militia.[1]

[1] “Levy Doubled,” Harbour Gazette, May 2014.
"""

SEGMENTS = [
    pytest.param(
        FULL_DOC,
        {
            "title": "The Harbor Militias of Eastern Korvana",
            "authors": ["Clara Voss", "Hamid Rasheed"],
            "bio": "Clara Voss is a senior fellow at the Institute for Coastal Security. "
                   "Hamid Rasheed is a journalist based in Port Ellis.",
            "sections": [None, "A Fragile Truce"],
            "blocks": [
                ("title", "The Harbor Militias of Eastern Korvana"),
                ("byline", "By Clara Voss and Hamid Rasheed"),
                ("body", "In the spring of 2014, armed groups seized the harbor of\nPort Ellis and imposed a levy "
                         "on every fishing boat that\nentered the bay.[1] Local officials fled to the capital.[2]"),
                ("body", "Within weeks the militias had split over the proceeds.[3]"),
                ("heading", "A Fragile Truce"),
                ("body", "The truce brokered in June collapsed within a month.[4-5] Fighting resumed near the old "
                         "customs house."),
                ("bio", "Clara Voss is a senior fellow at the Institute for Coastal Security. Hamid Rasheed is a "
                        "journalist based in Port Ellis."),
                ("endnotes_heading", "Notes"),
                ("endnote", "[1] Tomas Lindqvist, “Harbor Seized,” Reuters, April 3, 2014."),
                ("endnote", "[2] Ibid."),
                ("endnote", "[3] Author interview, fisherman, Port Ellis, May 2014."),
                ("endnote", "[4] “Truce Signed,” Harbour Gazette, June 9, 2014."),
                ("endnote", "[5] Ibid., p. 2."),
                ("boilerplate", "Stay Informed"),
                ("boilerplate", "Sign up to receive updates."),
            ],
        },
        id="full-document",
    ),
    pytest.param(
        NO_NOTES_DOC,
        {
            "title": "Smuggling Routes After the Ceasefire",
            "authors": [],
            "bio": None,
            "sections": [None, "Who Profits"],
            "blocks": [
                ("title", "Smuggling Routes After the Ceasefire"),
                ("body", "Smugglers along the northern border have adapted quickly."),
                ("heading", "Who Profits"),
                ("body", "Brokers in Tarvella take a cut of every load."),
            ],
        },
        id="no-endnotes",
    ),
    pytest.param(
        NUMBERED_NOTES_DOC,
        {
            "title": "Smuggling Routes After the Ceasefire",
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Smuggling Routes After the Ceasefire"),
                ("body", "Smugglers along the northern border have adapted quickly.[1]"),
                ("endnotes_heading", "Endnotes"),
                ("endnote", "1. Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016."),
                ("endnote", "2. Ibid."),
                ("endnote", "10. “Customs Figures,” Korvana Tribune, 2015."),
            ],
        },
        id="numbered-notes-after-endnotes-heading",
    ),
    pytest.param(
        HEADING_OR_SENTENCE_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None, "Who Profits"],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The harbor levy funds the militia."),
                ("heading", "Who Profits"),
                ("body", "Brokers in Tarvella take a cut of every load, according to\nHarbor Authority\n"
                         "Officials who spoke on condition of anonymity."),
                ("body", "Divided Loyalties.\nThe second truce lasted a week."),
            ],
        },
        id="headings-vs-short-lines",
    ),
    pytest.param(
        CONTINUATION_DOC,
        {
            "title": None,
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("boilerplate", "Skip to content"),
                ("body", "Smugglers along the northern border have adapted quickly.[1]"),
                ("body", "The customs service has not published figures since 2015.[2]"),
                ("endnote", "[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016. The article was "
                            "later\nupdated with new figures."),
                ("endnote", "[2] Ibid."),
                ("boilerplate", "Share this"),
                ("boilerplate", "Copyright 2016 Institute for Coastal Security"),
            ],
        },
        id="untitled-wrapped-endnote-trailing-boilerplate",
    ),
    pytest.param(
        NUMBERED_LIST_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The council debated two options."),
                ("body", "1. Tax the fishing fleet directly.\n2. Disarm the harbor brigades."),
            ],
        },
        id="numbered-list-without-notes-heading-is-body",
    ),
    pytest.param(
        NOTES_HEADING_WITHOUT_LABELS_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None, "Notes"],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The harbor levy funds the militia."),
                ("heading", "Notes"),
                ("body", "The figures above are estimates."),
            ],
        },
        id="notes-heading-without-labelled-notes",
    ),
    pytest.param(
        BIO_FALSE_POSITIVE_DOC,
        {
            "title": "Smuggling Routes After the Ceasefire",
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Smuggling Routes After the Ceasefire"),
                ("body", "Smugglers along the northern border have adapted quickly.[1]"),
                ("body", "Idris Maabo was killed in a clash with customs officers near Tarvella in March 2015.[2]"),
                ("endnote", "[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016."),
                ("endnote", "[2] “Militia Leader Killed,” Korvana Tribune, March 4, 2015."),
            ],
        },
        id="closing-paragraph-about-a-militant-is-not-a-bio",
    ),
    pytest.param(
        HEADING_BEFORE_LIST_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None, "Options for the Government"],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The council debated two options."),
                ("heading", "Options for the Government"),
                ("body", "1. Tax the fishing fleet directly.\n2. Disarm the harbor brigades."),
            ],
        },
        id="heading-followed-by-numbered-list",
    ),
    pytest.param(
        HONORIFIC_BYLINE_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": ["Clara Voss"],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("byline", "By Dr. Clara Voss"),
                ("body", "The harbor levy funds the militia.[1]"),
                ("endnote", "[1] “Levy Doubled,” Harbour Gazette, May 2014."),
            ],
        },
        id="byline-with-honorific",
    ),
]


def _layout_record(text: str, layout) -> dict:
    return {
        "title": layout.title,
        "authors": layout.authors,
        "bio": layout.bio["text"] if layout.bio else None,
        "sections": [s["title"] for s in layout.sections],
        "blocks": [(b.kind, text[b.start : b.end]) for b in sorted(layout.blocks, key=lambda b: b.start)],
    }


@pytest.mark.parametrize(("text", "expected"), SEGMENTS)
def test_segment(segmenter_rules, text, expected):
    assert _layout_record(text, segment(text, segmenter_rules)) == expected


@pytest.mark.parametrize("text", [pytest.param(p.values[0], id=p.id) for p in SEGMENTS])
def test_segment_blocks_are_ordered_disjoint_and_trimmed(segmenter_rules, text):
    layout = segment(text, segmenter_rules)
    blocks = sorted(layout.blocks, key=lambda b: b.start)
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))
    assert all(b.start < b.end and text[b.start : b.end] == text[b.start : b.end].strip() for b in blocks)


def test_segment_bio_offsets(segmenter_rules):
    layout = segment(FULL_DOC, segmenter_rules)
    assert FULL_DOC[layout.bio["start"] : layout.bio["end"]] == layout.bio["text"]


def test_segment_empty_text(segmenter_rules):
    layout = segment("", segmenter_rules)
    assert (layout.blocks, layout.title, layout.authors, layout.bio, layout.sections) == ([], None, [], None, [])

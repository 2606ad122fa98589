"""Table-driven tests of :mod:`pipeline.rules.markers`: ``marker_numbers`` and ``find_markers``.

Every person, place, outlet and sentence below is invented.
"""

from __future__ import annotations

import pytest

from pipeline.rules.markers import find_markers, marker_numbers

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

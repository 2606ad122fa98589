"""Table-driven tests of :mod:`pipeline.rules.claims`: ``strip_markers`` and ``assign_support``.

Every person, place, outlet and sentence below is invented.
"""

from __future__ import annotations

import re

import pytest

from pipeline.rules.claims import assign_support, strip_markers

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

"""``Intervals.overlaps`` and ``holding`` answer exactly what a scan over every span would."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.rules.intervals import Intervals, holding


@pytest.mark.parametrize(
    ("spans", "query", "expected"),
    [
        ([], (0, 5), False),
        ([(2, 4)], (4, 6), False),  # touching is not overlapping
        ([(2, 4)], (0, 2), False),
        ([(2, 4)], (3, 3), True),  # a position strictly inside a span counts, as in the scan it replaces
        ([(2, 4)], (3, 9), True),
        ([(0, 100), (10, 12)], (50, 60), True),  # a long early span reaches past later short ones
        ([(10, 12), (0, 3)], (5, 8), False),
    ],
)
def test_overlaps(spans, query, expected):
    assert Intervals(spans).overlaps(*query) is expected


SPAN = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(SPAN, max_size=25), SPAN)
def test_overlaps_agrees_with_a_scan(spans, query):
    start, end = query
    assert Intervals(spans).overlaps(start, end) == any(s < end and start < e for s, e in spans)


@pytest.mark.parametrize(
    ("spans", "offset", "expected"),
    [
        ([], 3, None),
        ([(2, 4), (6, 9)], 2, 0),
        ([(2, 4), (6, 9)], 4, None),  # the end is outside
        ([(2, 4), (6, 9)], 8, 1),
        ([(2, 4), (6, 9)], 1, None),
        ([(2, 4), (4, 9)], 4, 1),
    ],
)
def test_holding_finds_the_span_of_an_offset(spans, offset, expected):
    assert holding([a for a, _ in spans], [b for _, b in spans], offset) == expected


@given(st.lists(st.integers(1, 5), max_size=12), st.integers(0, 70))
def test_holding_agrees_with_a_scan_over_disjoint_spans(lengths, offset):
    spans, at = [], 0
    for n in lengths:
        spans.append((at, at + n))
        at += n + (n % 2)  # gaps between some of them
    scan = next((k for k, (a, b) in enumerate(spans) if a <= offset < b), None)
    assert holding([a for a, _ in spans], [b for _, b in spans], offset) == scan

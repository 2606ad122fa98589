"""``Intervals.overlaps`` answers exactly what a scan over every span would."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.rules.intervals import Intervals


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

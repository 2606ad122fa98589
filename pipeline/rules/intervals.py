"""A fixed set of character spans that answers "does any of them overlap [start, end)?" in
logarithmic time — the check every rule that must not claim characters twice makes — and the
span of an ordered, disjoint list that holds an offset (:func:`holding`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """Half-open spans ``[start, end)``, sorted once."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))  # furthest end among the first k

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span overlaps ``[start, end)``: one that starts before ``end`` reaches past ``start``."""
        before = bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start


def holding(starts: list[int], ends: list[int], offset: int) -> int | None:
    """The index of the span ``[starts[k], ends[k])`` that holds ``offset``, the spans being
    disjoint and in order (sentences, blocks); ``None`` when none does."""
    k = bisect_right(starts, offset) - 1
    return k if k >= 0 and offset < ends[k] else None

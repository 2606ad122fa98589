"""A fixed set of character spans that answers "does any of them overlap [start, end)?" in
logarithmic time — the check every rule that must not claim characters twice makes."""

from __future__ import annotations

from bisect import bisect_left
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

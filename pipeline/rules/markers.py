"""Footnote markers — ``[12]``, ranges ``[6-8]`` and lists ``[6, 8]`` — as single tokens.

Out of the box spaCy glues markers to their neighbours (``criminals.[2``, ``”[1``). The factory
adds the marker pattern to the tokenizer's prefixes and suffixes; the component then merges the
pieces of each marker (``[``, ``6``, ``-``, ``8``, ``]``) into one token and records every citation
marker in ``doc._.ctc_markers`` as ``{start, end, raw, numbers}``. Bracketed words such as
``[the]`` are text. Labels opening an endnote are not citation markers and are not recorded.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[\s*(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\s*\]")
MARKER_PATTERN = r"\[\s*\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\s*\]"
MAX_RANGE = 50
CITING_BLOCKS = frozenset({"body", "heading", "title", "bio"})


def marker_numbers(inner: str) -> tuple[list[int], str | None]:
    """Numbers a marker stands for, and an error message when a range cannot be expanded.

    ``"6-8"`` → ``[6, 7, 8]``; ``"6, 8"`` → ``[6, 8]``; a reversed or implausibly long range keeps
    its two ends and reports why.
    """
    numbers: list[int] = []
    error = None
    for part in re.split(r"\s*,\s*", inner.strip()):
        ends = [int(x) for x in re.split(r"\s*[-–]\s*", part)]
        if len(ends) == 1:
            numbers.append(ends[0])
        elif len(ends) == 2 and ends[0] <= ends[1] and ends[1] - ends[0] <= MAX_RANGE:
            numbers.extend(range(ends[0], ends[1] + 1))
        else:
            numbers.extend(ends)
            error = f"marker range [{inner}] cannot be expanded"
    return numbers, error


def find_markers(text: str, blocks: list[dict]) -> list[dict]:
    """Citation markers inside citing blocks (body, headings, title, bio), in document order."""
    found = []
    for block in blocks:
        if block["kind"] not in CITING_BLOCKS:
            continue
        for match in MARKER.finditer(text, block["start"], block["end"]):
            numbers, error = marker_numbers(match.group(1))
            found.append(
                {"start": match.start(), "end": match.end(), "raw": match.group(0), "numbers": numbers, "error": error}
            )
    return found

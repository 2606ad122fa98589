"""Stage 2: footnote markers — ``[12]``, ranges ``[6-8]`` and lists ``[6, 8]`` — as single tokens.

Out of the box spaCy glues markers to their neighbours (``criminals.[2``, ``”[1``). The factory
adds the marker pattern to the tokenizer's prefixes and suffixes; the component then merges the
pieces of each marker (``[``, ``6``, ``-``, ``8``, ``]``) into one token and records every citation
marker in ``doc._.ctc_markers`` as ``{start, end, raw, numbers}``. Bracketed words such as
``[the]`` are text. Labels opening an endnote are not citation markers and are not recorded.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_prefix_regex, compile_suffix_regex, filter_spans

from .problems import fail_soft

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


def add_marker_rules(nlp: Language) -> None:
    """Make the tokenizer split markers off the words they are glued to (idempotent)."""
    tokenizer = nlp.tokenizer
    if not hasattr(tokenizer, "suffix_search"):
        return
    if tokenizer.suffix_search is not None and MARKER_PATTERN in tokenizer.suffix_search.__self__.pattern:
        return
    prefixes = [MARKER_PATTERN] + list(nlp.Defaults.prefixes or [])
    suffixes = [MARKER_PATTERN] + list(nlp.Defaults.suffixes or [])
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def _span_footnotes(span: Span) -> list[int]:
    markers = span.doc._.ctc_markers or []
    return [n for m in markers if span.start_char <= m["start"] < span.end_char for n in m["numbers"]]


if not Doc.has_extension("ctc_markers"):
    Doc.set_extension("ctc_markers", default=None)
if not Span.has_extension("ctc_footnotes"):
    Span.set_extension("ctc_footnotes", getter=_span_footnotes)


@Language.factory(
    "ctc_markers",
    default_config={},
    requires=["doc._.ctc_blocks"],
    assigns=["doc._.ctc_markers", "span._.ctc_footnotes"],
)
def make_marker_tokens(nlp: Language, name: str) -> MarkerTokens:
    add_marker_rules(nlp)
    return MarkerTokens()


class MarkerTokens:
    """Merges each marker (and endnote label) into one token; records citation markers."""

    @fail_soft
    def __call__(self, doc: Doc) -> Doc:
        text, blocks = doc.text, doc._.ctc_blocks or []
        markers = find_markers(text, blocks)
        labels = [
            m.span() for b in blocks if b["kind"] == "endnote" and (m := MARKER.match(text, b["start"], b["end"]))
        ]
        spans = [doc.char_span(start, end) for start, end in [(m["start"], m["end"]) for m in markers] + labels]
        with doc.retokenize() as retokenizer:
            for span in filter_spans([s for s in spans if s is not None and len(s) > 1]):
                retokenizer.merge(span)
        doc._.ctc_markers = markers
        return doc

"""``ctc_markers``: footnote markers — ``[12]``, ranges ``[6-8]`` and lists ``[6, 8]`` — as single tokens.

The rules are :mod:`pipeline.rules.markers`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_prefix_regex, compile_suffix_regex, filter_spans

from ..rules.markers import MARKER, MARKER_PATTERN, find_markers
from .doc_text import text_of


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
    retokenizes=True,
)
def make_marker_tokens(nlp: Language, name: str) -> MarkerTokens:
    add_marker_rules(nlp)
    return MarkerTokens()


class MarkerTokens:
    """Merges each marker (and endnote label) into one token; records citation markers."""

    def __call__(self, doc: Doc) -> Doc:
        text, blocks = text_of(doc), doc._.ctc_blocks or []
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

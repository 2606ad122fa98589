"""``ctc_sentence_bounds``: sentence-boundary constraints around blocks, markers, quotes and ellipses.

Runs before the parser (or after a rule-based sentencizer) and sets ``Token.is_sent_start``,
which the parser respects:

- every block (paragraph, heading, endnote) starts a sentence, so no sentence crosses blocks;
- a marker never starts a sentence: in ``…vehicles.”[1] Then`` the marker closes the quoted
  sentence and ``Then`` starts the next one;
- a marker inside a sentence (``“sea wolves”[7] and``) does not end it;
- a closing quotation mark after final punctuation stays with its sentence;
- an ellipsis followed by a lower-case word (``the town…the soldiers fled``), also inside an
  editor's brackets (``the alert ... [to] remove``), does not end a sentence;
- a sentence given a start goes on past its first word (``See | Table 1 for …`` is one sentence).
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

FINAL_PUNCT = frozenset({".", "!", "?", "…", "...", ".”", "?”", "!”"})
CLOSERS = frozenset({"”", "’", '"', "'", ")", "]", "»"})
ELLIPSES = frozenset({"…", "..."})
OPENERS = frozenset({"[", "("})
"""Brackets an editor's insertion opens after an ellipsis (``… [to] remove``)."""


def _ids(doc: Doc, texts: frozenset[str]) -> numpy.ndarray:
    """The ``ORTH`` values of ``texts``."""
    return numpy.array([doc.vocab.strings[t] for t in sorted(texts)], dtype="uint64")


def _next_word(doc: Doc, i: int) -> Token | None:
    """The first non-space token after index ``i``."""
    for token in doc[i + 1 :]:
        if not token.is_space:
            return token
    return None


def _ends_in_final_punct(token: Token | None) -> bool:
    """Whether ``token`` (the last one before a marker that is neither a marker nor a closing
    quote or bracket) is final punctuation."""
    return token is not None and (token.text in FINAL_PUNCT or token.text[-1:] in ".!?…")


def _after_first_word(doc: Doc, first: Token, starts: set[int]) -> Token | None:
    """The word after a sentence's first word, which must not start a sentence ("See | Table 1 …"
    is one sentence: the parser sometimes closes one right after a start it was given); ``None``
    when there is no such word."""
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if nxt is not None and first.is_alpha and nxt.is_alpha and not first.whitespace_.count("\n") and nxt.idx not in starts:
        return nxt
    return None


def constrain(doc: Doc, blocks: list[dict], markers: list[dict]) -> None:
    """Set the sentence-start constraints described in the module docstring, all in one write
    (setting ``Token.is_sent_start`` one token at a time rescans the document each time),
    visiting only the tokens a constraint can start from: block and marker starts, closers and
    ellipses."""
    decided: dict[int, bool] = {}

    def _set(token: Token | None, value: bool) -> None:
        if token is not None and token.i > 0:
            decided[token.i] = value

    starts = {b["start"] for b in blocks}
    marker_starts = {m["start"] for m in markers}
    offsets, orths = doc.to_array(IDX), doc.to_array(ORTH)
    at_block, at_marker = numpy.isin(offsets, list(starts)), numpy.isin(offsets, list(marker_starts))
    closer, ellipsis = numpy.isin(orths, _ids(doc, CLOSERS)), numpy.isin(orths, _ids(doc, ELLIPSES))
    # the last token up to each that is neither a marker nor a closer
    last_plain = numpy.maximum.accumulate(numpy.where(at_marker | closer, -1, numpy.arange(len(doc))))
    for i in numpy.flatnonzero(at_block | at_marker | closer | ellipsis).tolist():
        token = doc[i]
        if at_block[i]:
            _set(token, True)
            _set(_after_first_word(doc, token, starts), False)
            continue
        if at_marker[i]:
            _set(token, False)
            nxt = _next_word(doc, token.i)
            if nxt is None or nxt.idx in marker_starts or nxt.idx in starts:
                continue
            if _ends_in_final_punct(doc[int(last_plain[i])] if last_plain[i] >= 0 else None):
                if nxt.text[:1].isupper() or nxt.text[:1] in "“\"‘'(" or nxt.text[:1].isdigit():
                    _set(nxt, True)
                    _set(_after_first_word(doc, nxt, starts), False)
            else:
                _set(nxt, False)
        elif closer[i] and i > 0 and doc[i - 1].text in FINAL_PUNCT:
            _set(token, False)
        elif ellipsis[i]:
            nxt = word = _next_word(doc, token.i)
            while word is not None and word.text in OPENERS:
                word = _next_word(doc, word.i)
            if nxt is not None and word is not None and word.text[:1].islower() and nxt.idx not in starts:
                _set(nxt, False)
                _set(word, False)
    if decided:
        values = doc.to_array([SENT_START]).astype("int64")
        for i, value in decided.items():
            values[i] = 1 if value else -1
        doc.from_array([SENT_START], values.astype("uint64"))


@Language.factory(
    "ctc_sentence_bounds",
    default_config={},
    requires=["doc._.ctc_blocks", "doc._.ctc_markers"],
    assigns=["token.is_sent_start"],
)
def make_sentence_bounds(nlp: Language, name: str) -> SentenceBounds:
    return SentenceBounds()


class SentenceBounds:
    """Thin wrapper around :func:`constrain`."""

    def __call__(self, doc: Doc) -> Doc:
        constrain(doc, doc._.ctc_blocks or [], doc._.ctc_markers or [])
        return doc

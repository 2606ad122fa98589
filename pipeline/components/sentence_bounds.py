"""``ctc_sentence_bounds``: sentence-boundary constraints around blocks, markers, quotes and ellipses.

Runs before the parser (or after a rule-based sentencizer) and sets ``Token.is_sent_start``,
which the parser respects:

- every block (paragraph, heading, endnote) starts a sentence, so no sentence crosses blocks;
- a marker never starts a sentence: in ``…vehicles.”[1] Then`` the marker closes the quoted
  sentence and ``Then`` starts the next one;
- a marker inside a sentence (``“sea wolves”[7] and``) does not end it;
- a closing quotation mark after final punctuation stays with its sentence;
- an ellipsis followed by a lower-case word (``the town…the soldiers fled``) does not end a sentence;
- a sentence given a start goes on past its first word (``See | Table 1 for …`` is one sentence).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

FINAL_PUNCT = frozenset({".", "!", "?", "…", "...", ".”", "?”", "!”"})
CLOSERS = frozenset({"”", "’", '"', "'", ")", "]", "»"})
ELLIPSES = frozenset({"…", "..."})


def _set(token: Token | None, value: bool) -> None:
    if token is not None and token.i > 0:
        token.is_sent_start = value


def _next_word(doc: Doc, i: int) -> Token | None:
    """The first non-space token after index ``i``."""
    for token in doc[i + 1 :]:
        if not token.is_space:
            return token
    return None


def _closes_sentence(doc: Doc, marker: Token, marker_starts: set[int]) -> bool:
    """Whether the tokens before ``marker`` (other markers, closing quotes) end in final punctuation."""
    i = marker.i - 1
    while i >= 0 and (doc[i].idx in marker_starts or doc[i].text in CLOSERS):
        i -= 1
    return i >= 0 and (doc[i].text in FINAL_PUNCT or doc[i].text[-1:] in ".!?…")


def _no_one_word_sentence(doc: Doc, first: Token, starts: set[int]) -> None:
    """A sentence that starts with a word goes on past it ("See | Table 1 …" is one sentence):
    the parser sometimes closes one right after a start it was given."""
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if nxt is not None and first.is_alpha and nxt.is_alpha and not first.whitespace_.count("\n") and nxt.idx not in starts:
        _set(nxt, False)


def constrain(doc: Doc, blocks: list[dict], markers: list[dict]) -> None:
    """Set the sentence-start constraints described in the module docstring."""
    starts = {b["start"] for b in blocks}
    marker_starts = {m["start"] for m in markers}
    for token in doc:
        if token.idx in starts:
            _set(token, True)
            _no_one_word_sentence(doc, token, starts)
            continue
        if token.idx in marker_starts:
            _set(token, False)
            nxt = _next_word(doc, token.i)
            if nxt is None or nxt.idx in marker_starts or nxt.idx in starts:
                continue
            if _closes_sentence(doc, token, marker_starts):
                if nxt.text[:1].isupper() or nxt.text[:1] in "“\"‘'(" or nxt.text[:1].isdigit():
                    _set(nxt, True)
                    _no_one_word_sentence(doc, nxt, starts)
            else:
                _set(nxt, False)
        elif token.text in CLOSERS and token.i > 0 and doc[token.i - 1].text in FINAL_PUNCT:
            _set(token, False)
        elif token.text in ELLIPSES:
            nxt = _next_word(doc, token.i)
            if nxt is not None and nxt.text[:1].islower() and nxt.idx not in starts:
                _set(nxt, False)


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

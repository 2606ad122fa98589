"""The text of a ``Doc``, read once per document.

``Doc.text`` joins every token's text anew on each read (a ``Token`` object per token). The text
of a document never changes once it is tokenised (retokenising keeps it), so the components read
it through :func:`text_of`, which keeps it in ``doc._.ctc_text`` after the first read; whoever
tokenised the text can give it at once (:func:`keep_text`).
"""

from __future__ import annotations

from spacy.tokens import Doc

if not Doc.has_extension("ctc_text"):
    Doc.set_extension("ctc_text", default=None)


def text_of(doc: Doc) -> str:
    """``doc.text``, computed on the first call for this document only."""
    text = doc._.ctc_text
    if text is None:
        text = doc._.ctc_text = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """``doc``, with ``text`` (the text it was tokenised from, which must be ``doc.text``) kept as
    its text, so that it is never joined from the tokens."""
    doc._.ctc_text = text
    return doc

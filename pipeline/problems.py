"""What the pipeline could not resolve, as data: ``doc._.ctc_problems``.

Every stage may add problems with :func:`add_problems`; each is ``{code, message, start, end,
footnote}`` with offsets into the document text (or null) and a message in words for a user.
"""

from __future__ import annotations

from spacy.tokens import Doc

if not Doc.has_extension("ctc_problems"):
    Doc.set_extension("ctc_problems", default=None)


def problem(code: str, message: str, start: int | None = None, end: int | None = None, footnote: int | None = None) -> dict:
    return {"code": code, "message": message, "start": start, "end": end, "footnote": footnote}


def add_problems(doc: Doc, problems: list[dict]) -> None:
    """Add ``problems`` to the document's list, kept in document order."""
    merged = (doc._.ctc_problems or []) + problems
    doc._.ctc_problems = sorted(merged, key=lambda p: (p["start"] is None, p["start"] or 0, p["code"]))

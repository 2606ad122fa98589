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


def fail_soft(call):
    """Decorate a component's ``__call__``: an exception inside it is recorded in
    ``doc.user_data["ctc_failure"]`` (stage, error class, message; the first one wins) and the doc
    goes on, so one bad document never stops a batch — the runner reports it instead of writing it."""

    def wrapped(self, doc: Doc) -> Doc:
        try:
            return call(self, doc)
        except Exception as err:  # noqa: BLE001 - any failure of one document must be contained
            doc.user_data.setdefault(
                "ctc_failure", {"stage": type(self).__name__, "error": type(err).__name__, "message": str(err)[:500]}
            )
            return doc

    wrapped.__doc__, wrapped.__name__ = call.__doc__, call.__name__
    return wrapped


def add_problems(doc: Doc, problems: list[dict]) -> None:
    """Add ``problems`` to the document's list, kept in document order."""
    merged = (doc._.ctc_problems or []) + problems
    doc._.ctc_problems = sorted(merged, key=lambda p: (p["start"] is None, p["start"] or 0, p["code"]))

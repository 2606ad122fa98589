"""What the pipeline could not resolve, as data.

A problem is ``{code, message, start, end, footnote}``: a code from the list in
``pipeline/contract/schemas``, a message in words for a user, offsets into the document text (or
null) and the endnote number it concerns (or null).
"""

from __future__ import annotations


def problem(code: str, message: str, start: int | None = None, end: int | None = None, footnote: int | None = None) -> dict:
    return {"code": code, "message": message, "start": start, "end": end, "footnote": footnote}


def sort_problems(problems: list[dict]) -> list[dict]:
    """``problems`` in document order (those without offsets last), by code at one offset; stable."""
    return sorted(problems, key=lambda p: (p["start"] is None, p["start"] or 0, p["code"]))

"""One claim per body sentence, with its footnotes and how it is supported.

``support`` is ``direct`` when the sentence carries a marker; ``inherited`` when it has none but a
later sentence of the same paragraph does (it takes the footnotes of the nearest such sentence,
named in ``inherited_from``); ``none`` otherwise. A "sentence" that is nothing but markers is
not a claim. ``text`` is the sentence with markers removed;
``start``/``end`` span the sentence in the document text, markers included.
"""

from __future__ import annotations


def strip_markers(text: str, offset: int, markers: list[dict]) -> str:
    """``text`` (starting at document offset ``offset``) without the markers inside it.

    A marker preceded by a space takes that space with it, so ``came [2] to`` reads ``came to``
    and ``fell [2], then`` reads ``fell, then``.
    """
    pieces, pos = [], 0
    for marker in markers:
        start, end = marker["start"] - offset, marker["end"] - offset
        if start < pos or end > len(text):
            continue
        cut = start
        while cut > pos and text[cut - 1] in " \t" and (end == len(text) or text[end] in " \t\n,.;:!?)”’"):
            cut -= 1
        pieces.append(text[pos:cut])
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces).strip()


def assign_support(claims: list[dict]) -> None:
    """Set ``support``/``footnotes``/``inherited_from`` on the claims of one paragraph, in order."""
    donor = None
    for claim in reversed(claims):
        if claim["footnotes"]:
            claim["support"], claim["inherited_from"] = "direct", None
            donor = claim
        elif donor is not None:
            claim["support"], claim["footnotes"], claim["inherited_from"] = "inherited", list(donor["footnotes"]), donor["id"]
        else:
            claim["support"], claim["inherited_from"] = "none", None

"""Stage 4: one claim per body sentence, with its footnotes and how it is supported.

``support`` is ``direct`` when the sentence carries a marker; ``inherited`` when it has none but a
later sentence of the same paragraph does (it takes the footnotes of the nearest such sentence,
named in ``inherited_from``); ``none`` otherwise. A "sentence" that is nothing but markers is
not a claim. ``text`` is the sentence with markers removed;
``start``/``end`` span the sentence in the document text, markers included.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from .problems import fail_soft


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


def build_claims(doc: Doc) -> list[dict]:
    """Claims of every body paragraph of ``doc`` (needs sentences, blocks and markers)."""
    text, doc_id = doc.text, doc._.ctc_doc_id
    body = [b for b in doc._.ctc_blocks or [] if b["kind"] == "body"]
    sections = doc._.ctc_sections or []
    section_starts = [s["start"] for s in sections]
    markers = doc._.ctc_markers or []
    body_starts = [b["start"] for b in body]
    per_paragraph: list[list[dict]] = [[] for _ in body]
    for sent in doc.sents:
        p = bisect_right(body_starts, sent.start_char) - 1
        while 0 <= p < len(body) and body[p]["start"] < sent.end_char:
            block = body[p]
            start, end = max(sent.start_char, block["start"]), min(sent.end_char, block["end"])
            raw = text[start:end]
            start, end = start + len(raw) - len(raw.lstrip()), end - len(raw) + len(raw.rstrip())
            inside = [m for m in markers if start <= m["start"] and m["end"] <= end]
            words = strip_markers(text[start:end], start, inside) if start < end else ""
            if words:
                per_paragraph[p].append(
                    {
                        "start": start,
                        "end": end,
                        "text": words,
                        "paragraph": p,
                        "footnotes": [n for m in inside for n in m["numbers"]],
                    }
                )
            if block["end"] >= sent.end_char:
                break
            p += 1
    claims = []
    for paragraph in per_paragraph:
        for claim in paragraph:
            claim["id"] = f"{doc_id}:c{len(claims) + 1}"
            s = bisect_right(section_starts, claim["start"]) - 1
            claim["section"] = sections[s]["title"] if s >= 0 else None
            claims.append(claim)
        assign_support(paragraph)
    return claims


if not Doc.has_extension("ctc_claims"):
    Doc.set_extension("ctc_claims", default=None)


@Language.factory(
    "ctc_claims",
    default_config={},
    requires=["doc._.ctc_blocks", "doc._.ctc_markers", "token.is_sent_start"],
    assigns=["doc._.ctc_claims"],
)
def make_claims(nlp: Language, name: str) -> Claims:
    return Claims()


class Claims:
    """Thin wrapper around :func:`build_claims`."""

    @fail_soft
    def __call__(self, doc: Doc) -> Doc:
        doc._.ctc_claims = build_claims(doc)
        return doc

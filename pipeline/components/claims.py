"""``ctc_claims``: one claim per body sentence, with its footnotes and how it is supported.

The rules are :mod:`pipeline.rules.claims`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from ..rules.claims import assign_support, strip_markers
from .doc_text import text_of


def build_claims(doc: Doc) -> list[dict]:
    """Claims of every body paragraph of ``doc`` (needs sentences, blocks and markers)."""
    text, doc_id = text_of(doc), doc._.ctc_doc_id
    body = [b for b in doc._.ctc_blocks or [] if b["kind"] == "body"]
    sections = doc._.ctc_sections or []
    section_starts = [s["start"] for s in sections]
    markers = doc._.ctc_markers or []
    marker_starts = [m["start"] for m in markers]  # in document order
    body_starts = [b["start"] for b in body]
    per_paragraph: list[list[dict]] = [[] for _ in body]
    for sent in doc.sents:
        p = bisect_right(body_starts, sent.start_char) - 1
        while 0 <= p < len(body) and body[p]["start"] < sent.end_char:
            block = body[p]
            start, end = max(sent.start_char, block["start"]), min(sent.end_char, block["end"])
            raw = text[start:end]
            start, end = start + len(raw) - len(raw.lstrip()), end - len(raw) + len(raw.rstrip())
            first = bisect_left(marker_starts, start)
            inside = [m for m in markers[first : bisect_left(marker_starts, end)] if m["end"] <= end]
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
    requires=["doc._.ctc_doc_id", "doc._.ctc_blocks", "doc._.ctc_sections", "doc._.ctc_markers", "token.is_sent_start"],
    assigns=["doc._.ctc_claims"],
)
def make_claims(nlp: Language, name: str) -> Claims:
    return Claims()


class Claims:
    """Thin wrapper around :func:`build_claims`."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.ctc_claims = build_claims(doc)
        return doc

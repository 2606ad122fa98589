"""``ctc_linker``: resolve references between endnotes, link claims to sources, and report problems.

The rules are :mod:`pipeline.rules.references`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations


from spacy.language import Language
from spacy.tokens import Doc

from ..rules.problems import add_problems, fail_soft
from ..rules.references import link, link_entities, link_out, note_problems, resolve_references


@Language.factory(
    "ctc_linker",
    default_config={"short_form_cutoff": 90.0},
    requires=["doc._.ctc_claims", "doc._.ctc_endnotes", "doc._.ctc_markers"],
    assigns=["doc._.ctc_problems"],
)
def make_linker(nlp: Language, name: str, short_form_cutoff: float) -> Linker:
    return Linker(short_form_cutoff)


class Linker:
    """Runs :func:`resolve_references`, :func:`note_problems`, :func:`link` and :func:`link_out`."""

    def __init__(self, short_form_cutoff: float):
        self.cutoff = short_form_cutoff

    @fail_soft
    def __call__(self, doc: Doc) -> Doc:
        notes, claims, markers = doc._.ctc_endnotes or [], doc._.ctc_claims or [], doc._.ctc_markers or []
        problems = note_problems(notes) + resolve_references(notes, self.cutoff) + link(claims, notes, markers)
        link_out(claims, {"date": doc._.ctc_dates or [], "quote": doc._.ctc_quotes or []})
        link_entities(claims, doc._.ctc_quotes or [], doc._.ctc_entities or [])
        add_problems(doc, problems)
        return doc

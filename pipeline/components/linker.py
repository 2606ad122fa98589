"""``ctc_linker``: every cross-reference between the other components' results, and the
document's problem list — the one component that reads them all.

It runs last and changes nothing it reads: the links (Ibid. and short forms resolved, claims →
sources, dates, quotes and entities, notes → citing claims, speakers → entities) go to
``doc._.ctc_links`` and the problems (the model's and the quotes stage's, and its own) to
``doc._.ctc_problems``.
The rules are :func:`pipeline.rules.references.cross_references`; records merge the links in.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..rules.references import cross_references

for _name in ("ctc_links", "ctc_problems"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "ctc_linker",
    default_config={"short_form_cutoff": 90.0},
    requires=["doc._.ctc_claims", "doc._.ctc_endnotes", "doc._.ctc_bibliography", "doc._.ctc_markers", "doc._.ctc_dates", "doc._.ctc_quotes",
              "doc._.ctc_quote_problems", "doc._.ctc_model_problems", "doc._.ctc_entities"],
    assigns=["doc._.ctc_links", "doc._.ctc_problems"],
)
def make_linker(nlp: Language, name: str, short_form_cutoff: float) -> Linker:
    return Linker(short_form_cutoff)


class Linker:
    """Sets ``doc._.ctc_links`` and ``doc._.ctc_problems`` from :func:`cross_references`."""

    def __init__(self, short_form_cutoff: float):
        self.cutoff = short_form_cutoff

    def __call__(self, doc: Doc) -> Doc:
        x = doc._
        x.ctc_links, x.ctc_problems = cross_references(
            x.ctc_claims, x.ctc_endnotes, x.ctc_markers, x.ctc_dates, x.ctc_quotes, x.ctc_entities,
            (x.ctc_model_problems or []) + x.ctc_quote_problems, self.cutoff, x.ctc_bibliography or [],
        )
        return doc

"""``ctc_endnotes``: parse every endnote block into structured sources.

The rules are :mod:`pipeline.rules.notes`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..rules.citations import CitationGrammar
from ..rules.names import name_shape
from ..rules.outlets import OutletTable
from ..rules.resources import load_json
from ..rules.notes import EndnoteParser


if not Doc.has_extension("ctc_endnotes"):
    Doc.set_extension("ctc_endnotes", default=None)


@Language.factory(
    "ctc_endnotes",
    default_config={
        "citation_rules_path": None,
        "names_path": None,
        "outlets_path": None,
        "stopwords_path": None,
        "default_language": "en",
    },
    requires=["doc._.ctc_blocks"],
    assigns=["doc._.ctc_endnotes"],
)
def make_endnotes(
    nlp: Language,
    name: str,
    citation_rules_path: str | None,
    names_path: str | None,
    outlets_path: str | None,
    stopwords_path: str | None,
    default_language: str | None,
) -> Endnotes:
    outlets = OutletTable(load_json(outlets_path or "outlets.json"))
    grammar = CitationGrammar(
        load_json(citation_rules_path or "citation_rules.json"),
        name_shape(load_json(names_path or "names.json")),
        known_outlet=outlets.knows,
    )
    stopwords = load_json(stopwords_path or "stopwords.json")
    return Endnotes(EndnoteParser(grammar, outlets, stopwords, default_language))


class Endnotes:
    """Thin wrapper around :meth:`EndnoteParser.parse`."""

    def __init__(self, parser: EndnoteParser):
        self.parser = parser

    def __call__(self, doc: Doc) -> Doc:
        doc._.ctc_endnotes = self.parser.parse(doc.text, doc._.ctc_blocks or [], doc._.ctc_doc_id)
        return doc

"""``ctc_endnotes``: parse every endnote block into structured sources, and the bibliography's
entries into sources of their own (``ctc_bibliography``).

The rules are :mod:`pipeline.rules.notes`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..rules.citations import CitationGrammar
from ..rules.names import name_shape
from ..rules.notes import EndnoteParser
from ..rules.outlets import OutletTable, open_outlet_entries
from ..rules.written_dates import DateReader
from .doc_text import text_of
from .rule_files import RuleFileComponent

for _name in ("ctc_endnotes", "ctc_bibliography"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "ctc_endnotes",
    default_config={
        "citation_rules_path": None,
        "names_path": None,
        "outlets_path": None,
        "open_outlets_path": None,
        "stopwords_path": None,
        "default_language": "en",
        "outlet_cutoff": 90.0,
        "outlet_min_fuzzy_length": 6,
    },
    requires=["doc._.ctc_doc_id", "doc._.ctc_blocks", "doc._.ctc_hints"],  # hints: italics and links from the markup (absent on plain text)
    assigns=["doc._.ctc_endnotes", "doc._.ctc_bibliography"],
)
def make_endnotes(
    nlp: Language,
    name: str,
    citation_rules_path: str | None,
    names_path: str | None,
    outlets_path: str | None,
    open_outlets_path: str | None,
    stopwords_path: str | None,
    default_language: str | None,
    outlet_cutoff: float,
    outlet_min_fuzzy_length: int,
) -> Endnotes:
    paths = {"citation_rules.json": citation_rules_path, "names.json": names_path, "outlets.json": outlets_path,
             "open_outlets.json": open_outlets_path, "stopwords.json": stopwords_path}
    return Endnotes(paths, default_language, {"cutoff": outlet_cutoff, "min_fuzzy_length": outlet_min_fuzzy_length})


class Endnotes(RuleFileComponent):
    """Thin wrapper around :meth:`EndnoteParser.parse` and :meth:`EndnoteParser.parse_bibliography`."""

    def __init__(self, paths: dict[str, str | None], default_language: str | None, outlet_settings: dict):
        self.default_language, self.outlet_settings = default_language, outlet_settings
        super().__init__(paths)

    def compile(self, data: dict) -> None:
        outlets = OutletTable(data["outlets.json"], exact_entries=open_outlet_entries(data["open_outlets.json"]),
                              **self.outlet_settings)
        grammar = CitationGrammar(data["citation_rules.json"], name_shape(data["names.json"]), known_outlet=outlets.knows)
        self.parser = EndnoteParser(grammar, outlets, data["stopwords.json"], self.default_language,
                                    DateReader(data["citation_rules.json"]))

    def __call__(self, doc: Doc) -> Doc:
        hints = doc._.ctc_hints or {}
        italics = hints.get("italics", [])
        doc._.ctc_endnotes = self.parser.parse(text_of(doc), doc._.ctc_blocks or [], doc._.ctc_doc_id, italics, hints.get("hrefs", []))
        doc._.ctc_bibliography = self.parser.parse_bibliography(text_of(doc), doc._.ctc_blocks or [], doc._.ctc_doc_id, italics)
        return doc

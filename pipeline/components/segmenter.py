"""``ctc_segmenter``: segment a document into blocks — title, byline, headings, body paragraphs, author bio, endnotes heading, endnotes and site boilerplate.

The rules are :mod:`pipeline.rules.layout`; this module registers the factory and the extension
and sets the results on the ``Doc``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..rules.layout import SegmenterRules, document_id, segment
from .doc_text import text_of
from .rule_files import RuleFileComponent

for _name in ("ctc_doc_id", "ctc_blocks", "ctc_title", "ctc_authors", "ctc_bio", "ctc_sections", "ctc_metadata", "ctc_hints"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
# ``ctc_metadata`` ({title, authors, published}) and ``ctc_hints`` ({headings, italics, tables}) are
# set by whoever makes the Doc (the engine, from the input's markup); the segmenter prefers them
# to its own guesses, and the dates component anchors on ``ctc_metadata["published"]``. The engine
# also sets ``ctc_doc_id`` (from the source path and the text); on a Doc without one the segmenter
# derives it from the text alone.


@Language.factory(
    "ctc_segmenter",
    default_config={"rules_path": None, "names_path": None},
    requires=["doc._.ctc_metadata", "doc._.ctc_hints"],  # set by the engine from the markup (absent on plain text)
    assigns=["doc._.ctc_doc_id", "doc._.ctc_blocks", "doc._.ctc_title", "doc._.ctc_authors", "doc._.ctc_bio", "doc._.ctc_sections"],
)
def make_segmenter(nlp: Language, name: str, rules_path: str | None, names_path: str | None) -> Segmenter:
    return Segmenter({"segmenter.json": rules_path, "names.json": names_path})


class Segmenter(RuleFileComponent):
    """Sets the document's layout (blocks, title, authors, bio, sections) and its id."""

    def compile(self, data: dict) -> None:
        self.rules = SegmenterRules.from_data(data["segmenter.json"], data["names.json"])

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        layout = segment(text, self.rules, doc._.ctc_metadata, doc._.ctc_hints)
        doc._.ctc_doc_id = doc._.ctc_doc_id or document_id(text)
        doc._.ctc_blocks = [b.as_dict() for b in sorted(layout.blocks, key=lambda b: b.start)]
        doc._.ctc_title = layout.title
        doc._.ctc_authors = layout.authors
        doc._.ctc_bio = layout.bio
        doc._.ctc_sections = layout.sections
        return doc

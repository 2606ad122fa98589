"""The one adapter from a processed ``Doc`` to plain records.

:func:`doc_results` reads the components' extensions (plain lists and dicts) off the ``Doc``;
:func:`pipeline.contract.records.build_records` turns them into records.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from ..components.doc_text import text_of
from ..contract.records import build_records
from ..ingest.read import SourceDocument

RESULTS = {
    "doc_id": "ctc_doc_id", "title": "ctc_title", "authors": "ctc_authors", "bio": "ctc_bio", "sections": "ctc_sections",
    "blocks": "ctc_blocks", "markers": "ctc_markers", "problems": "ctc_problems", "claims": "ctc_claims",
    "endnotes": "ctc_endnotes", "bibliography": "ctc_bibliography", "dates": "ctc_dates", "quotes": "ctc_quotes", "entities": "ctc_entities", "links": "ctc_links",
}


def doc_results(doc: Doc) -> dict:
    """The document text, what its markup said (publication date, italics) and every
    component's result on ``doc``, by result name."""
    given = {"published": (doc._.ctc_metadata or {}).get("published"), "italics": (doc._.ctc_hints or {}).get("italics", [])}
    return {"text": text_of(doc), **given, **{key: getattr(doc._, ext) for key, ext in RESULTS.items()}}


def pipeline_info(nlp: Language) -> dict:
    """Provenance: this package's version and the spaCy pipeline that produced the records."""
    return {
        "package": "ctc-pipeline",
        "version": __version__,
        "spacy_model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "spacy_model_version": nlp.meta.get("version"),
        "components": list(nlp.pipe_names),
    }


def layout_rules(nlp: Language) -> dict | None:
    """The rule data of ``nlp``'s segmenter (``segmenter.json``), whose endnote headings and
    dateline pattern ingest reads too (``None``: no segmenter, so ingest uses the bundled file)."""
    if "ctc_segmenter" not in nlp.pipe_names:
        return None
    return nlp.get_pipe("ctc_segmenter").data["segmenter.json"]


def records_for(doc: Doc, source: SourceDocument, info: dict) -> dict[str, list[dict]]:
    """All records of one processed document, keyed by record type."""
    described = {"source_path": source.source_path, "format": source.format, "sha256": source.sha256}
    return build_records(doc_results(doc), described, info)

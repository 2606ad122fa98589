"""JSONL records — the output contract.

Six record types (document, claim, footnote, date, quote, entity), each with ``type``,
``schema_version``, ``doc_id`` and a stable ``id``: ``{doc_id}``, claims ``{doc_id}:c{i}``, notes
``{doc_id}:n{n}`` (``~k`` added for the k-th note of a repeated number), sources
``{doc_id}:n{n}.s{k}``, dates ``:d{i}``, quotes ``:q{i}``, entities ``:e{i}``. Every
``start``/``end`` indexes into the document record's ``text``. JSON Schemas, with these ids as
patterns: ``pipeline/contract/schemas``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import __version__
from . import SCHEMA_VERSION
from ..ingest.read import SourceDocument

RECORD_FILES = {
    "document": "documents.jsonl",
    "claim": "claims.jsonl",
    "footnote": "footnotes.jsonl",
    "date": "dates.jsonl",
    "quote": "quotes.jsonl",
    "entity": "entities.jsonl",
}


def pipeline_info(nlp: Language) -> dict:
    """Provenance: this package's version and the spaCy pipeline that produced the records."""
    return {
        "package": "ctc-pipeline",
        "version": __version__,
        "spacy_model": f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}",
        "spacy_model_version": nlp.meta.get("version"),
        "components": [name for name in nlp.pipe_names],
    }


def _header(kind: str, doc_id: str, record_id: str) -> dict:
    return {"type": kind, "schema_version": SCHEMA_VERSION, "doc_id": doc_id, "id": record_id}


def document_record(doc: Doc, source: SourceDocument, info: dict) -> dict:
    doc_id = doc._.ctc_doc_id
    return {
        **_header("document", doc_id, doc_id),
        "text": doc.text,
        "source_path": source.source_path,
        "format": source.format,
        "sha256": source.sha256,
        "title": doc._.ctc_title,
        "authors": doc._.ctc_authors or [],
        "author_bio": doc._.ctc_bio,
        "sections": doc._.ctc_sections or [],
        "blocks": doc._.ctc_blocks or [],
        "markers": [{k: m[k] for k in ("start", "end", "raw", "numbers")} for m in doc._.ctc_markers or []],
        "problems": doc._.ctc_problems or [],
        "pipeline": info,
    }


def claim_records(doc: Doc) -> list[dict]:
    doc_id = doc._.ctc_doc_id
    fields = ("text", "start", "end", "section", "paragraph", "footnotes", "support", "inherited_from", "source_ids", "date_ids", "quote_ids", "entity_ids")
    return [{**_header("claim", doc_id, c["id"]), **{k: c[k] for k in fields}} for c in doc._.ctc_claims or []]


def footnote_records(doc: Doc) -> list[dict]:
    doc_id = doc._.ctc_doc_id
    fields = ("n", "raw", "start", "end", "kind", "refers_to", "commentary", "pinpoint", "sources", "cited_by")
    return [{**_header("footnote", doc_id, n["id"]), **{k: n[k] for k in fields}} for n in doc._.ctc_endnotes or []]


def _plain_records(kind: str, doc: Doc, items: list[dict] | None) -> list[dict]:
    """Records of a stage whose items are already record-shaped (dates, quotes, entities)."""
    doc_id = doc._.ctc_doc_id
    return [{**_header(kind, doc_id, item["id"]), **{k: v for k, v in item.items() if k != "id"}} for item in items or []]


def records_for(doc: Doc, source: SourceDocument, info: dict) -> dict[str, list[dict]]:
    """All records of one document, keyed by record type."""
    return {
        "document": [document_record(doc, source, info)],
        "claim": claim_records(doc),
        "footnote": footnote_records(doc),
        "date": _plain_records("date", doc, doc._.ctc_dates),
        "quote": _plain_records("quote", doc, doc._.ctc_quotes),
        "entity": _plain_records("entity", doc, doc._.ctc_entities),
    }

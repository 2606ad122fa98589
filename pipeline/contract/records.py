"""JSONL records — the output contract, built from plain data (no spaCy).

Six record types (document, claim, footnote, date, quote, entity), each with ``type``,
``schema_version``, ``doc_id`` and a stable ``id``: ``{doc_id}``, claims ``{doc_id}:c{i}``, notes
``{doc_id}:n{n}`` (``~k`` added for the k-th note of a repeated number), sources
``{doc_id}:n{n}.s{k}``, dates ``:d{i}``, quotes ``:q{i}``, entities ``:e{i}``. Every
``start``/``end`` indexes into the document record's ``text``. JSON Schemas, with these ids as
patterns: ``schemas/``.

:func:`build_records` takes one document's *results* — the plain values the components leave on
a ``Doc`` (see :func:`pipeline.engine.doc_records.doc_results`) — and merges the linker's
cross-references into the records they belong to.
"""

from __future__ import annotations

from pathlib import Path

from . import SCHEMA_VERSION

RECORD_FILES = {
    "document": "documents.jsonl",
    "claim": "claims.jsonl",
    "footnote": "footnotes.jsonl",
    "date": "dates.jsonl",
    "quote": "quotes.jsonl",
    "entity": "entities.jsonl",
}
ERRORS_FILE = "errors.jsonl"
"""The inputs that could not be processed, one error record each."""
CURRENT = ".current"
"""In an output folder, the link to the generation folder that holds the current record files
(each top-level ``*.jsonl`` name links through it)."""
CLAIM_FIELDS = ("text", "start", "end", "section", "paragraph", "footnotes", "support", "inherited_from")
CLAIM_LINKS = {"source_ids": [], "date_ids": [], "quote_ids": [], "entity_ids": []}
NOTE_FIELDS = ("n", "raw", "start", "end", "kind", "commentary", "pinpoint", "sources")
NOTE_LINKS = {"refers_to": None, "cited_by": []}
NO_LINKS = {"claims": {}, "notes": {}, "sources": {}, "speakers": {}}


def record_folder(outdir: Path) -> Path:
    """The folder holding ``outdir``'s current record files, resolved once so that every file is
    read from the same generation: where ``.current`` points, or ``outdir`` itself for a folder
    written before generations."""
    current = outdir / CURRENT
    return current.resolve() if current.is_symlink() else outdir


def header(kind: str, doc_id: str, record_id: str) -> dict:
    return {"type": kind, "schema_version": SCHEMA_VERSION, "doc_id": doc_id, "id": record_id}


def document_record(results: dict, source: dict, info: dict) -> dict:
    doc_id = results["doc_id"]
    return {
        **header("document", doc_id, doc_id),
        "text": results["text"],
        "source_path": source["source_path"],
        "format": source["format"],
        "sha256": source["sha256"],
        "title": results["title"],
        "authors": results["authors"] or [],
        "published": results.get("published"),
        "italics": [{"start": s, "end": e} for s, e in results.get("italics") or []],
        "bibliography": [{**s, "short_form_of": None} for s in results.get("bibliography") or []],
        "author_bio": results["bio"],
        "sections": results["sections"] or [],
        "blocks": results["blocks"] or [],
        "markers": [{k: m[k] for k in ("start", "end", "raw", "numbers")} for m in results["markers"] or []],
        "problems": results["problems"] or [],
        "pipeline": info,
    }


def claim_records(results: dict, links: dict) -> list[dict]:
    return [
        {**header("claim", results["doc_id"], c["id"]), **{k: c[k] for k in CLAIM_FIELDS}, **links["claims"].get(c["id"], CLAIM_LINKS)}
        for c in results["claims"] or []
    ]


def footnote_records(results: dict, links: dict) -> list[dict]:
    def source(s: dict) -> dict:
        return {**s, "short_form_of": links["sources"].get(s["id"])}

    return [
        {**header("footnote", results["doc_id"], n["id"]), **{k: n[k] for k in NOTE_FIELDS}, **links["notes"].get(n["id"], NOTE_LINKS),
         "sources": [source(s) for s in n["sources"]]}
        for n in results["endnotes"] or []
    ]


def quote_records(results: dict, links: dict) -> list[dict]:
    def speaker(q: dict) -> dict | None:
        return q["speaker"] and {**q["speaker"], "entity_id": links["speakers"].get(q["id"])}

    return [{**_plain("quote", results["doc_id"], q), "speaker": speaker(q)} for q in results["quotes"] or []]


def _plain(kind: str, doc_id: str, item: dict) -> dict:
    """The record of a stage item that is already record-shaped (dates, quotes, entities)."""
    return {**header(kind, doc_id, item["id"]), **{k: v for k, v in item.items() if k != "id"}}


def build_records(results: dict, source: dict, info: dict) -> dict[str, list[dict]]:
    """All records of one document, keyed by record type. ``source`` gives ``source_path``,
    ``format`` and ``sha256``; ``info`` is the provenance block (package and model versions)."""
    links = results["links"] or NO_LINKS
    return {
        "document": [document_record(results, source, info)],
        "claim": claim_records(results, links),
        "footnote": footnote_records(results, links),
        "date": [_plain("date", results["doc_id"], d) for d in results["dates"] or []],
        "quote": quote_records(results, links),
        "entity": [_plain("entity", results["doc_id"], e) for e in results["entities"] or []],
    }

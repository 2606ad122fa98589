"""The archive's tables: their columns, and one document's records flattened into rows.

Every table is keyed by the record ids of the JSONL (``doc_id``, ``…:c3``, ``…:n4.s1``…). Lists
(authors) are joined with ``"; "``; variable-precision dates ("2013", "2016-02", "2016-02-09")
keep their written form in one column, with ``…_precision`` (``year``/``month``/``day``) and the
first and last day they cover (``…_first``, ``…_last``, ISO dates that cast) beside it. The
identity columns (``work_id``, ``archive_entity_id``) are filled in by :mod:`.index` once the
whole archive is known. The works of a document's bibliography are sources with no ``note_id``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "source_path", "sha256", "title", "authors", "published", "format", "claims", "notes",
                  "sources", "quotes", "dates", "entities", "problems"),
    "claims": ("id", "doc_id", "text", "start", "end", "section", "paragraph", "support", "inherited_from", "footnotes"),
    "claim_sources": ("claim_id", "source_id", "doc_id"),
    "notes": ("id", "doc_id", "n", "kind", "raw", "commentary", "pinpoint", "refers_to", "start", "end"),
    "sources": ("id", "doc_id", "note_id", "work_id", "type", "authors", "title", "outlet", "outlet_canonical", "date",
                "date_precision", "date_first", "date_last", "accessed", "url", "short_form_of", "unparsed", "raw"),
    "quotes": ("id", "doc_id", "claim_id", "text", "kind", "speaker", "speaker_entity_id", "archive_entity_id", "cue",
               "attribution", "start", "end"),
    "dates": ("id", "doc_id", "claim_id", "text", "timex_type", "value", "start_date", "end_date", "anchor", "start", "end"),
    "entities": ("id", "doc_id", "archive_entity_id", "evidence", "label", "canonical", "aliases", "mentions"),
    "mentions": ("entity_id", "doc_id", "text", "zone", "start", "end"),
    "problems": ("doc_id", "code", "message", "start", "end"),
}
"""Table → its columns, in order; the first column of each is its key (``mentions``,
``claim_sources`` and ``problems`` have none of their own)."""
DOCUMENT_TABLES = tuple(TABLES)
"""Tables whose rows belong to one document (all of them carry ``doc_id``)."""
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_span(value: str | None) -> tuple[str | None, str | None, str | None]:
    """(precision, first day, last day) of an ISO date of any precision; Nones when not one (and
    no days for an impossible date such as ``2012-06-31``, which the records keep as written)."""
    match = _ISO.match(value or "")
    if not match:
        return None, None, None
    year, month, day = match.groups()
    if day:
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            return "day", None, None
        return "day", value, value
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return "month", f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return "year", f"{year}-01-01", f"{year}-12-31"


def _joined(items: list[str] | None) -> str | None:
    return "; ".join(items) if items else None


def document_rows(group: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    """One document's records (keyed by record type, as the store yields them) as table rows."""
    document = group["document"][0]
    doc_id = document["doc_id"]
    notes = group.get("footnote", [])
    sources = [(note["id"], source) for note in notes for source in note["sources"]]
    sources += [(None, source) for source in document.get("bibliography") or []]
    claims = group.get("claim", [])
    rows = {
        "documents": [(doc_id, document["source_path"], document["sha256"], document.get("title"),
                       _joined(document.get("authors")), document.get("published"), document.get("format"), len(claims),
                       len(notes), len(sources), len(group.get("quote", [])), len(group.get("date", [])),
                       len(group.get("entity", [])), len(document.get("problems") or []))],
        "claims": [(c["id"], doc_id, c["text"], c["start"], c["end"], c["section"], c["paragraph"], c["support"],
                    c["inherited_from"], ",".join(map(str, c["footnotes"])) or None) for c in claims],
        "claim_sources": [(c["id"], s, doc_id) for c in claims for s in c["source_ids"]],
        "notes": [(n["id"], doc_id, n["n"], n["kind"], n["raw"], n["commentary"], n["pinpoint"], n["refers_to"],
                   n["start"], n["end"]) for n in notes],
        "sources": [(s["id"], doc_id, note_id, None, s["type"], _joined(s["authors"]), s["title"], s["outlet"],
                     s["outlet_canonical"], s["date"], *date_span(s["date"]), s["accessed"], s["url"], s["short_form_of"],
                     s["unparsed"], s["raw"]) for note_id, s in sources],
        "quotes": [(q["id"], doc_id, q["claim_id"], q["text"], q["kind"], (q["speaker"] or {}).get("text"),
                    (q["speaker"] or {}).get("entity_id"), None, (q["cue"] or {}).get("text"), q["attribution"],
                    q["start"], q["end"]) for q in group.get("quote", [])],
        "dates": [(d["id"], doc_id, d["claim_id"], d["text"], d["timex_type"], d["value"], d["start_date"], d["end_date"],
                   d["anchor"], d["start"], d["end"]) for d in group.get("date", [])],
        "entities": [(e["id"], doc_id, None, None, e["label"], e["canonical"], _joined([a["text"] for a in e["aliases"]]),
                      len(e["mentions"])) for e in group.get("entity", [])],
        "mentions": [(e["id"], doc_id, m["text"], m["zone"], m["start"], m["end"])
                     for e in group.get("entity", []) for m in e["mentions"]],
        "problems": [(doc_id, p["code"], p["message"], p.get("start"), p.get("end")) for p in document.get("problems") or []],
    }
    return rows

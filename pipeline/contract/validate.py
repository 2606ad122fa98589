"""Checking an output folder against the record contract.

Every line must be JSON valid against its type's schema (``pipeline/contract/schemas``: this
``schema_version``, ids and id references of their pattern, no unknown field); ids must be unique;
every ``start``/``end`` must lie inside its document's text and reproduce what the record says
stands there (a claim's text is its span minus markers, a footnote's and a source's ``raw`` are
their spans); every id a record points to must exist.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..rules.claims import strip_markers
from ..rules.markers import MARKER
from .records import ERRORS_FILE, RECORD_FILES, record_folder
from .schemas import validator as schema_validator


def _read(path: Path, kind: str, errors: list[str]) -> list[tuple[int, dict]]:
    validator = schema_validator(kind)
    rows = []
    if not path.exists():
        errors.append(f"{path.name}: missing")
        return rows
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                errors.append(f"{path.name}:{lineno}: not JSON ({err.msg})")
                continue
            problems = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
            for problem in problems[:3]:
                where = "/".join(str(p) for p in problem.path) or "(record)"
                errors.append(f"{path.name}:{lineno}: {where}: {problem.message}")
            if not problems:
                rows.append((lineno, record))
    return rows


def _check_span(where: str, text: str, item: dict, errors: list[str], expected: str | None = None) -> None:
    start, end = item.get("start"), item.get("end")
    if start is None and end is None:
        return
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        errors.append(f"{where}: offsets {start}..{end} fall outside the text (length {len(text)})")
    elif expected is not None and text[start:end] != expected:
        errors.append(f"{where}: text[{start}:{end}] is {text[start:end][:60]!r}, not {expected[:60]!r}")


def validate_outdir(outdir: Path) -> tuple[int, list[str]]:
    """Validate the JSONL files of ``outdir``'s current generation; returns (records read, violations)."""
    errors: list[str] = []
    folder = record_folder(outdir)
    rows = {kind: _read(folder / name, kind, errors) for kind, name in RECORD_FILES.items()}
    failures = _read(folder / ERRORS_FILE, "error", errors) if (folder / ERRORS_FILE).exists() else []
    texts = {r["doc_id"]: r["text"] for _, r in rows["document"]}
    ids: dict[str, str] = {}
    for kind, items in rows.items():
        for lineno, record in items:
            where = f"{RECORD_FILES[kind]}:{lineno}"
            if record["id"] in ids:
                errors.append(f"{where}: id {record['id']} repeats an id of {ids[record['id']]}")
            ids[record["id"]] = where
            if record["doc_id"] not in texts:
                errors.append(f"{where}: doc_id {record['doc_id']} has no document record")
    source_ids = {s["id"] for _, r in rows["footnote"] for s in r["sources"]} | {
        s["id"] for _, r in rows["document"] for s in r["bibliography"]}
    claim_ids = {r["id"] for _, r in rows["claim"]}
    footnote_ids = {r["id"] for _, r in rows["footnote"]}
    date_ids = {r["id"] for _, r in rows["date"]}
    quote_ids = {r["id"] for _, r in rows["quote"]}
    entity_ids = {r["id"] for _, r in rows["entity"]}
    for lineno, doc in rows["document"]:
        where, text = f"documents.jsonl:{lineno}", doc["text"]
        if doc["author_bio"]:
            _check_span(f"{where}: author_bio", text, doc["author_bio"], errors, doc["author_bio"]["text"])
        for name in ("sections", "blocks", "problems"):
            for i, item in enumerate(doc[name]):
                _check_span(f"{where}: {name}[{i}]", text, item, errors)
        for i, marker in enumerate(doc["markers"]):
            _check_span(f"{where}: markers[{i}]", text, marker, errors, marker["raw"])
        for i, work in enumerate(doc["bibliography"]):
            _check_span(f"{where}: bibliography[{i}]", text, work, errors, work["raw"])
    for lineno, claim in rows["claim"]:
        where, text = f"claims.jsonl:{lineno}", texts.get(claim["doc_id"], "")
        _check_span(where, text, claim, errors)
        span = text[claim["start"] : claim["end"]]
        markers = [{"start": claim["start"] + m.start(), "end": claim["start"] + m.end()} for m in MARKER.finditer(span)]
        if span != span.strip() or strip_markers(span, claim["start"], markers) != claim["text"]:
            errors.append(f"{where}: text does not match the span {claim['start']}..{claim['end']} without its markers")
        targets = {"source_ids": source_ids, "date_ids": date_ids, "quote_ids": quote_ids, "entity_ids": entity_ids}
        missing = [i for key, known in targets.items() for i in claim[key] if i not in known]
        if missing or (claim["inherited_from"] and claim["inherited_from"] not in claim_ids):
            errors.append(f"{where}: points to ids that do not exist: {missing or claim['inherited_from']}")
    for lineno, note in rows["footnote"]:
        where, text = f"footnotes.jsonl:{lineno}", texts.get(note["doc_id"], "")
        _check_span(where, text, note, errors, note["raw"])
        for k, source in enumerate(note["sources"]):
            _check_span(f"{where}: sources[{k}]", text, source, errors, source["raw"])
            if source["short_form_of"] and source["short_form_of"] not in source_ids:
                errors.append(f"{where}: sources[{k}].short_form_of {source['short_form_of']} does not exist")
        dangling = [i for i in note["cited_by"] if i not in claim_ids]
        if dangling or (note["refers_to"] and note["refers_to"] not in footnote_ids):
            errors.append(f"{where}: points to ids that do not exist: {dangling or note['refers_to']}")
    for kind in ("date", "quote"):
        for lineno, item in rows[kind]:
            where, text = f"{RECORD_FILES[kind]}:{lineno}", texts.get(item["doc_id"], "")
            _check_span(where, text, item, errors, item["text"])
            for part in ("cue", "speaker"):
                if item.get(part):
                    _check_span(f"{where}: {part}", text, item[part], errors, item[part]["text"])
            if item["claim_id"] is not None and item["claim_id"] not in claim_ids:
                errors.append(f"{where}: claim_id {item['claim_id']} does not exist")
            speaker = item.get("speaker") or {}
            if speaker.get("mention"):
                _check_span(f"{where}: speaker.mention", text, speaker["mention"], errors, speaker["mention"]["text"])
            if speaker.get("entity_id") and speaker["entity_id"] not in entity_ids:
                errors.append(f"{where}: speaker entity_id {speaker['entity_id']} does not exist")
    for lineno, entity in rows["entity"]:
        where, text = f"entities.jsonl:{lineno}", texts.get(entity["doc_id"], "")
        for i, mention in enumerate(entity["mentions"]):
            _check_span(f"{where}: mentions[{i}]", text, mention, errors, mention["text"])
    return sum(len(items) for items in rows.values()) + len(failures), errors

"""The JSON Schemas as a contract: each is a valid Draft 2020-12 schema, the sample's real records
pass them, table-driven broken records fail them, every object is closed and every field is
described, and the version and problem codes agree with the code that writes the records."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing.exceptions import NoSuchResource

from pipeline.contract import SCHEMA_VERSION
from pipeline.contract.schemas import (
    SCHEMA_DIR,
    load_schema,
    registry,
    schema_names,
    validator,
)
from pipeline.engine.process import error_record

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"
RECORD_SCHEMAS = ["claim", "date", "document", "entity", "error", "footnote", "quote"]


KEYWORDS = {"$schema", "$id", "$ref", "$defs", "title", "description", "type", "const", "enum", "pattern", "minLength",
            "minimum", "minItems", "items", "properties", "required", "additionalProperties", "anyOf"}
"""The keywords the schemas use; :func:`_subschemas` knows which of them hold subschemas."""


def _subschemas(schema: dict, path: str = "#"):
    """(JSON pointer, schema) of ``schema`` and of every schema nested in it."""
    yield path, schema
    for key in ("$defs", "properties"):
        for name, sub in schema.get(key, {}).items():
            yield from _subschemas(sub, f"{path}/{key}/{name}")
    if "items" in schema:
        yield from _subschemas(schema["items"], f"{path}/items")
    for i, sub in enumerate(schema.get("anyOf", [])):
        yield from _subschemas(sub, f"{path}/anyOf/{i}")


def test_the_schema_files_are_the_record_types_and_common():
    assert schema_names() == sorted(RECORD_SCHEMAS + ["common"])


@pytest.mark.parametrize("name", schema_names())
def test_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize("name", schema_names())
def test_every_object_schema_is_closed(name):
    schemas = list(_subschemas(load_schema(name)))
    assert [(path, set(s) - KEYWORDS) for path, s in schemas if set(s) - KEYWORDS] == []  # the walk saw everything
    objects = [(path, s) for path, s in schemas if s.get("type") == "object" or "properties" in s]
    assert objects or name == "common"
    assert [path for path, s in objects if s.get("additionalProperties") is not False] == []


@pytest.mark.parametrize("name", schema_names())
def test_every_field_has_a_one_line_description(name):
    fields = [(f"{path}/properties/{key}", prop) for path, s in _subschemas(load_schema(name))
              for key, prop in s.get("properties", {}).items()]
    assert [path for path, prop in fields if not prop.get("description") or "\n" in prop["description"]] == []


def test_schema_version_const_is_the_code_s_version():
    assert load_schema("common")["$defs"]["schema_version"]["const"] == SCHEMA_VERSION
    for name in RECORD_SCHEMAS:
        assert load_schema(name)["properties"]["schema_version"]["$ref"] == "common.schema.json#/$defs/schema_version"
        assert "schema_version" in load_schema(name)["required"]


def test_problem_codes_are_the_codes_the_code_emits_and_each_is_documented():
    emitted = {code for path in PACKAGE.rglob("*.py")
               for code in re.findall(r'\bproblem\(\s*"([a-z-]+)"', path.read_text(encoding="utf-8"))}
    enum = load_schema("common")["$defs"]["problem"]["properties"]["code"]["enum"]
    assert sorted(enum) == sorted(emitted) and len(enum) == len(set(enum))
    changelog = (SCHEMA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    assert [code for code in enum if f"| `{code}` |" not in changelog] == []


def test_references_resolve_offline_only():
    assert registry().get_or_retrieve("ctc-pipeline/common.schema.json").value.contents == load_schema("common")
    with pytest.raises(NoSuchResource):
        registry().get_or_retrieve("https://example.org/common.schema.json")


def test_the_sample_s_records_are_valid(sample_records):
    errors = [(kind, record["id"], e.message) for kind, records in sample_records.items() for record in records
              for e in validator(kind).iter_errors(record)]
    assert errors == [] and all(sample_records[kind] for kind in sample_records)
    assert list(validator("error").iter_errors(ERROR)) == []


DELETE = object()
ERROR = {**error_record("a.txt", "ingest", "InputError", "a.txt: the file is empty"), "time": "2026-01-01T00:00:00Z"}  # a run adds its time

# (record type, path to the field, value or DELETE); ``{d}`` in a value stands for the doc_id
INVALID = [
    pytest.param("claim", ("extra",), 1, id="claim-extra-property"),
    pytest.param("document", ("pipeline", "host"), "x", id="pipeline-block-extra-property"),
    pytest.param("document", ("problems", 0, "hint"), "x", id="problem-extra-property"),
    pytest.param("footnote", ("sources", 0, "isbn"), "x", id="source-extra-property"),
    pytest.param("quote", ("speaker", "role"), "x", id="speaker-extra-property"),
    pytest.param("entity", ("mentions", 0, "label"), "ORG", id="mention-extra-property"),
    pytest.param("error", ("doc_id",), "{d}", id="error-extra-property"),
    pytest.param("claim", ("schema_version",), "1.2", id="claim-older-version"),
    pytest.param("date", ("schema_version",), 1.3, id="date-version-not-a-string"),
    pytest.param("document", ("schema_version",), DELETE, id="document-without-version"),
    pytest.param("error", ("schema_version",), DELETE, id="error-without-version"),
    pytest.param("error", ("schema_version",), "1.2", id="error-older-version"),
    pytest.param("document", ("doc_id",), "CA3B6FBC35C47009", id="doc-id-upper-case"),
    pytest.param("document", ("id",), "{d}0", id="document-id-17-digits"),
    pytest.param("claim", ("id",), "{d}:c0", id="claim-id-from-zero"),
    pytest.param("claim", ("id",), "{d}:claim1", id="claim-id-spelled-out"),
    pytest.param("footnote", ("id",), "{d}:n1~1", id="footnote-id-first-repeat"),
    pytest.param("footnote", ("id",), "{d}:n01", id="footnote-id-leading-zero"),
    pytest.param("footnote", ("sources", 0, "id"), "{d}:n1s1", id="source-id-without-dot"),
    pytest.param("date", ("id",), "{d}:q1", id="date-id-of-a-quote"),
    pytest.param("quote", ("id",), "{d}:d1", id="quote-id-of-a-date"),
    pytest.param("entity", ("id",), "{d}:e", id="entity-id-without-number"),
    pytest.param("claim", ("source_ids", 0), "{d}:n1", id="source-ids-holds-a-footnote"),
    pytest.param("claim", ("date_ids",), ["{d}:e1"], id="date-ids-holds-an-entity"),
    pytest.param("claim", ("quote_ids",), ["{d}:c1"], id="quote-ids-holds-a-claim"),
    pytest.param("claim", ("entity_ids", 0), "e1", id="entity-ids-without-doc-id"),
    pytest.param("claim", ("inherited_from",), "{d}:n1", id="inherited-from-a-footnote"),
    pytest.param("footnote", ("refers_to",), "{d}:c1", id="refers-to-a-claim"),
    pytest.param("footnote", ("cited_by", 0), "{d}:n1.s1", id="cited-by-a-source"),
    pytest.param("footnote", ("sources", 0, "short_form_of"), "{d}:n1", id="short-form-of-a-footnote"),
    pytest.param("date", ("claim_id",), "{d}:d1", id="date-claim-id-a-date"),
    pytest.param("quote", ("speaker", "entity_id"), "{d}:c4", id="speaker-entity-id-a-claim"),
    pytest.param("document", ("problems", 0, "code"), "note-is-odd", id="unknown-problem-code"),
    pytest.param("document", ("problems", 0, "start"), -1, id="problem-negative-offset"),
    pytest.param("error", ("stage",), "", id="error-empty-stage"),
]


@pytest.mark.parametrize(("kind", "path", "value"), INVALID)
def test_broken_records_are_rejected(sample_records, kind, path, value):
    records = [ERROR] if kind == "error" else sample_records[kind]
    doc_id = sample_records["document"][0]["doc_id"]
    record = next(r for r in map(copy.deepcopy, records) if _at(r, path[:-1]) is not None)
    parent = _at(record, path[:-1])
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = json.loads(json.dumps(value).replace("{d}", doc_id))
    errors = list(validator(kind).iter_errors(record))
    assert errors and all(_on_the_way(tuple(e.absolute_path), path) for e in errors)


def _on_the_way(found: tuple, changed: tuple) -> bool:
    """Whether an error at ``found`` is about the field at ``changed``: one path starts the other."""
    n = min(len(found), len(changed))
    return found[:n] == changed[:n]


def _at(record: dict, path: tuple):
    """The object or non-empty list at ``path`` in ``record``; None where there is none (absent, null, empty)."""
    node = record
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node if isinstance(node, dict) or (isinstance(node, list) and node) else None

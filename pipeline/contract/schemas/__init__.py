"""JSON Schemas of the output records (``document``, ``claim``, ``footnote``, ``date``, ``quote``,
``entity``, and ``error`` for errors.jsonl), with the definitions they share in ``common``.

The record schemas ``$ref`` ``common.schema.json``; :func:`validator` resolves those references
from the files here, never over the network. ``CHANGELOG.md`` lists the versions.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).parent


@cache
def load_schema(name: str) -> dict:
    """The JSON Schema ``{name}.schema.json`` as written (its ``$ref``s unresolved)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def schema_names() -> list[str]:
    """Every schema file here, by name (``common`` included)."""
    return sorted(path.name.removesuffix(".schema.json") for path in SCHEMA_DIR.glob("*.schema.json"))


@cache
def registry() -> Registry:
    """Every schema here under its ``$id``; a reference to anything else is an error, not a fetch."""
    resources = [Resource.from_contents(load_schema(name)) for name in schema_names()]
    return Registry().with_resources((resource.id(), resource) for resource in resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """A Draft 2020-12 validator of the schema ``name`` that resolves its references offline."""
    return Draft202012Validator(load_schema(name), registry=registry())

"""JSON Schemas of the output records (``document``, ``claim``, ``footnote``, ``date``, ``quote``, ``entity``, and ``error`` for errors.jsonl)."""

import json
from functools import cache
from pathlib import Path


@cache
def load_schema(record_type: str) -> dict:
    """The JSON Schema of one record type."""
    return json.loads((Path(__file__).parent / f"{record_type}.schema.json").read_text(encoding="utf-8"))

"""The output contract: record builders, JSON Schemas and validation. No spaCy."""

SCHEMA_VERSION = "1.5"
"""The version of the record contract, carried by every record as ``schema_version`` and fixed by
the schemas' ``const`` (``schemas/common.schema.json``); its history is ``schemas/CHANGELOG.md``."""

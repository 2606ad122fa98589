"""The output contract: record builders, JSON Schemas and validation."""

SCHEMA_VERSION = "1.2"
"""The version of the record contract, carried by every record as ``schema_version``."""

"""The output contract: record builders, JSON Schemas and validation. No spaCy."""

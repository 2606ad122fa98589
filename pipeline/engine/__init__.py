"""Orchestration: assembling the spaCy pipeline, processing one text, running batches into a store."""

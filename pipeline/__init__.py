"""Citation and claim extraction for footnoted analysis articles, as spaCy components.

The layers, from the input to the output (see the README's "Layout")::

    ingest/      bytes → normalised document text (plain text, Markdown, HTML)
    components/  spaCy components, one per factory, in the order models/pipeline.cfg gives
    rules/       the pure rules the components call (no spaCy)
    engine/      builds the pipeline, processes one text or a batch, runs into a store
    contract/    records, JSON Schemas, validation (no spaCy)
    store/       the output folder (no spaCy)
    report/      the HTML report, from records alone (no spaCy)
    commands/    the command line

``pipeline.process(data, name)`` returns the records of one text (plain dicts by record type,
as in the JSONL). Importing this package loads nothing heavy: spaCy comes with ``process``.
"""

from .contract import SCHEMA_VERSION  # noqa: F401 - re-exported (the contract package itself holds only constants)

__version__ = "0.4.0"


def __getattr__(name: str):
    if name in ("process", "Records"):
        from .engine import process as module

        return getattr(module, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


__all__ = ["SCHEMA_VERSION", "Records", "__version__", "process"]

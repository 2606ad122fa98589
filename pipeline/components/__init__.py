"""spaCy components: one module per factory, each a thin adapter over :mod:`pipeline.rules`.

In the order ``models/pipeline.cfg`` runs them: ``segmenter``, ``markers``, ``places``,
``sentence_bounds`` (before the statistical model), ``body_model`` (the model on the body and
the endnotes), then ``claims``, ``endnotes``, ``dates``,
``quotes``, ``entities``, ``linker``. Importing this package registers every factory.
``rule_files`` (the rule data a component loads and saves) and ``doc_text`` (the document's text,
read once) serve them all.
"""

from . import (  # noqa: F401
    body_model,
    claims,
    dates,
    endnotes,
    entities,
    linker,
    markers,
    places,
    quotes,
    segmenter,
    sentence_bounds,
)

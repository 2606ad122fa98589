"""Building the pipeline (:mod:`pipeline.engine.build`): where ``add_components`` places the
components, in a pipeline with a parser and in a blank one with a sentencizer."""

from __future__ import annotations

import spacy

from pipeline.engine.build import add_components


def test_components_fit_a_pipeline_with_a_parser(model_nlp):
    names = model_nlp.pipe_names
    assert names.index("ctc_sentence_bounds") < names.index("parser") < names.index("ctc_claims")


def test_add_components_to_blank_pipeline_puts_bounds_after_sentencizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    assert nlp.pipe_names.index("sentencizer") < nlp.pipe_names.index("ctc_sentence_bounds")
    assert nlp.pipe_names.index("ctc_markers") < nlp.pipe_names.index("sentencizer")

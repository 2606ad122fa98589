"""Sentence-boundary constraints around markers (``ctc_sentence_bounds``), on the rule-only pipeline.

Every sentence below is invented.
"""

from __future__ import annotations

import pytest

from pipeline.engine.process import tokenize


def _bounded(nlp, text: str):
    """``text`` through the components up to and including ``ctc_sentence_bounds``."""
    doc = tokenize(nlp, text)
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "ctc_sentence_bounds":
            return doc
    raise AssertionError("no ctc_sentence_bounds in the pipeline")


@pytest.mark.parametrize("markers", [1, 3, 300, 30_000])
def test_glued_markers_close_their_sentence_and_the_next_word_starts_one(blank_nlp, markers):
    """A run of markers after final punctuation closes the sentence however long it is (the word
    before the run was found by walking back over every marker: quadratic, a minute at 10,000)."""
    text = "The port closed." + "[1]" * markers + " Then it opened.\n\n[1] “Port Closed,” Coastal Wire, 2019.\n"
    doc = _bounded(blank_nlp, text)
    then = next(t for t in doc if t.text == "Then")
    marks = [t for t in doc if t.text.startswith("[1]") and t.idx < then.idx]  # a long run is one token (tokenize)
    assert "".join(t.text for t in marks) == "[1]" * markers and then.is_sent_start is True
    assert all(t.is_sent_start is False for t in marks)


def test_markers_inside_a_sentence_keep_it_whole_however_many(blank_nlp):
    text = "The port" + "[1]" * 5_000 + " closed again.\n\n[1] “Port Closed,” Coastal Wire, 2019.\n"
    doc = _bounded(blank_nlp, text)
    assert next(t for t in doc if t.text == "closed").is_sent_start is False

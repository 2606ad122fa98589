"""Sentence-start constraints of ``ctc_sentence_bounds`` on a blank pipeline (no parser)."""

from __future__ import annotations

import pytest
import spacy

from pipeline.components.sentence_bounds import constrain

ELLIPSES = [
    pytest.param("They said the harbour … the boats left.", "the", False, id="ellipsis-lower-case"),
    pytest.param("They asked for a way ... [to] reach the coast.", "[", False, id="ellipsis-editorial-bracket"),
    pytest.param("They asked for a way ... [to] reach the coast.", "to", False, id="word-inside-the-bracket"),
]


@pytest.mark.parametrize("text,word,starts", ELLIPSES)
def test_an_ellipsis_before_a_lower_case_word_does_not_end_the_sentence(text, word, starts):
    doc = spacy.blank("en")(text)
    constrain(doc, [{"start": 0, "end": len(text), "kind": "body"}], [])
    token = [t for t in doc if t.text == word][-1]
    assert token.is_sent_start is starts

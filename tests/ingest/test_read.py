"""Property tests of :mod:`pipeline.ingest.read`: ``normalize_text`` and ``make_document`` on any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.read import normalize_text


@given(st.text())
def test_normalize_text_is_idempotent_and_drops_carriage_returns(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\r" not in once and "\u00a0" not in once


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_any_bytes_give_a_document_or_a_clear_input_error(data, name):
    from pipeline.ingest.read import InputError, make_document

    try:
        document = make_document(data, name)
    except InputError as err:
        assert str(err).startswith(name + ":")
    else:
        assert document.text.strip() and document.format in ("text", "markdown", "html")

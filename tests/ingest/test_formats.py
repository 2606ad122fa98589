"""Markdown and HTML inputs: the converters on small invented pages, and the sample article's
Markdown and HTML renderings giving the same claims, footnotes and sources as its plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.engine.doc_records import pipeline_info, records_for
from pipeline.ingest.formats import markdown_to_text, prepare_html
from pipeline.ingest.read import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEADINGS = frozenset({"notes", "endnotes"})

MARKDOWN = [
    ("# Title\n\nA claim.[^1] More *text* and **bold**.\n\n[^1]: “Raid,” Wire, 2019.\n",
     "Title\n\nA claim.[1] More text and bold.\n\n[1] “Raid,” Wire, 2019.\n"),
    ("Text with a [link](https://x.org/a_(b)) and [^a].\n\n[^a]: First line\n    continued here.\n",
     "Text with a link and [1].\n\n[1] First line continued here.\n"),
    ("- item one[12]\n- item two\n\n> quoted line\n", "item one[12]\nitem two\n\nquoted line\n"),
    ("Al-Qa`ida and Shari`a keep their backticks; snake_case_words stay.\n",
     "Al-Qa`ida and Shari`a keep their backticks; snake_case_words stay.\n"),
]


@pytest.mark.parametrize("source,expected", MARKDOWN, ids=["footnotes-emphasis", "links-labels", "lists-quotes", "backticks"])
def test_markdown_to_text(source, expected):
    assert markdown_to_text(source) == expected


def test_prepare_html_turns_markers_and_linked_endnotes_into_text():
    page = ('<html><body><p>A claim.<sup><a href="#n1">1</a></sup> Another.<sup>[2]</sup></p>'
            '<ol><li id="n1">“Raid,” Wire, 2019. <a href="#r1">↑</a></li><li id="n2">Second note.</li></ol></body></html>')
    prepared = prepare_html(page, HEADINGS)
    assert "A claim.[1] Another.[2]" in prepared
    assert "<p>[1] “Raid,” Wire, 2019.</p>" in prepared and "<p>[2] Second note.</p>" in prepared and "<ol" not in prepared


def test_prepare_html_finds_an_unlinked_list_after_a_notes_heading():
    page = "<html><body><p>Claim.[1]</p><h2>Notes</h2><ol start=\"1\"><li>First.</li><li>Second.</li></ol></body></html>"
    prepared = prepare_html(page, HEADINGS)
    assert "<p>[1] First.</p>" in prepared and "<p>[2] Second.</p>" in prepared


def _records(model_nlp, path: Path) -> dict:
    source = read_document(path)
    return records_for(model_nlp(source.text), source, pipeline_info(model_nlp))


def _content(records: dict) -> dict:
    squash = lambda text: " ".join(text.split())  # noqa: E731 - converters may fold runs of spaces
    fields = ("authors", "title", "outlet", "outlet_canonical", "date", "date_valid", "volume", "issue", "language")
    return {
        "claims": [(squash(c["text"]), c["support"], c["footnotes"]) for c in records["claim"]],
        "footnotes": [(f["n"], f["kind"], [tuple(str(s[k]) for k in fields) for s in f["sources"]]) for f in records["footnote"]],
        "quotes": [(squash(q["text"]), q["kind"]) for q in records["quote"]],
    }


@pytest.mark.parametrize("rendering", ["sample-article.md", "sample-article.html"])
def test_renderings_of_the_sample_give_the_same_claims_and_sources(model_nlp, sample_records, rendering):
    plain = _content(sample_records)  # the plain text's records, as read_document and the model give them
    other = _content(_records(model_nlp, FIXTURES / rendering))
    assert other["claims"] == plain["claims"]
    assert other["footnotes"] == plain["footnotes"]
    assert other["quotes"] == plain["quotes"]


def test_html_page_drops_navigation_scripts_and_signup(sample_path):
    text = read_document(FIXTURES / "sample-article.html").text
    for junk in ("Publications", "Share:", "Stay Informed", "Sign up", "Privacy Policy", "dataLayer", "Tracking note", "↑"):
        assert junk not in text
    assert text.startswith("Mali’s Crisis") and "[39] Djamila Ould Khettab" in text

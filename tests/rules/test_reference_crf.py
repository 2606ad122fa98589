"""The CRF fallback (:mod:`pipeline.rules.reference_crf`): its features, its gate, and what it adds
to the note grammar — on invented references and invented commentary."""

from __future__ import annotations

import pytest

from pipeline.rules.citations import parse_note
from pipeline.rules.reference_crf import TaggedReference, sequence_features


def test_features_mark_years_initials_and_neighbours():
    features = sequence_features(["Voss,", "C.", "(2013)."])
    assert features[1]["initial"] and features[2]["year"] and features[0]["1w"] == "c" and features[0]["-1w"] == "BOS"


@pytest.mark.parametrize(
    ("tagged", "accepted"),
    [
        pytest.param(TaggedReference({"authors": "Voss, C.", "title": "Harbor tides.", "date_raw": "(2013)."}, 0.9,
                                     "author"), True, id="reference"),
        pytest.param(TaggedReference({"title": "Harbor tides.", "date_raw": "2013"}, 0.9, "title"), False,
                     id="no-author-container-or-publisher"),
        pytest.param(TaggedReference({"authors": "Voss, C.", "title": "Harbor tides."}, 0.9, "author"), False,
                     id="no-year"),
        pytest.param(TaggedReference({"authors": "Voss, C.", "title": "Harbor tides.", "date_raw": "2013"}, 0.2,
                                     "author"), False, id="improbable"),
        pytest.param(TaggedReference({"outlet": "The port", "title": "Harbor “tides.", "date_raw": "2013"}, 0.9,
                                     "container-title"), False, id="opens-with-a-container-and-unbalanced-quote"),
    ],
)
def test_gate(grammar, tagged, accepted):
    assert grammar.tagger.accepts(tagged) is accepted


TAGGED_NOTES = [
    pytest.param(
        "Voss, C. (2013). Harbor tides and the northern coast. Port Ellis: Korvana University Press.",
        {"type": "book", "authors": ["C. Voss"], "title": "Harbor tides and the northern coast", "date_raw": "2013",
         "publisher": "Korvana University Press", "place": "Port Ellis"},
        id="apa-book",
    ),
    pytest.param(
        "Okafor L, Voss C. Harbor tides and the northern coast. Coast Stud Q. 2011;14(3):201-9.",
        {"type": "journal", "authors": ["Okafor L", "Voss C."], "title": "Harbor tides and the northern coast",
         "outlet": "Coast Stud Q", "date_raw": "2011", "volume": "14", "issue": "3", "pages": "201-9"},
        id="vancouver-journal",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TAGGED_NOTES)
def test_references_read(grammar, text, expected):
    source = parse_note(text, grammar).sources[0]
    assert {k: getattr(source, k) for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The harbor authority, created in March 2014, published its first survey in May 2015 after the "
                     "floods.", id="prose-with-dates"),
        pytest.param("The brigade withdrew from Port Ellis in 2013, according to several residents.", id="prose-with-year"),
    ],
)
def test_commentary_stays_commentary(grammar, text):
    assert parse_note(text, grammar).kind == "commentary"

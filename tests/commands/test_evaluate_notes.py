"""Note-field scores of ``eval --dev`` (:mod:`pipeline.commands.evaluate_notes`) on invented notes."""

from __future__ import annotations

import pytest

from pipeline.commands.evaluate_notes import FIELDS, align, normalise_field, score_notes


def gold_source(**fields) -> dict:
    return {"type": "article", "authors": []} | dict.fromkeys(FIELDS[1:]) | fields


def record_source(sid: str, **fields) -> dict:
    return gold_source(**fields) | {"id": sid, "short_form_of": fields.get("short_form_of")}


VOSS = gold_source(authors=["Clara Voss"], title="Port Seized", outlet="Harbour Gazette", date="2013-01-11")
RASHEED = gold_source(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Delta Wire", date="2013-01-10",
                      accessed="2014-03-05", url="https://example.org/b")


@pytest.mark.parametrize(("name", "a", "b", "equal"), [
    ("authors", ["Clara Voss"], ["Voss, Clara"], True),
    ("title", "Port Seized!", "port seized", True),
    ("pages", "pp. 5-6", "5–6", True),
    ("url", "https://www.example.org/a.", "http://example.org/a", True),
    ("date", "2013-01", "2013-01-11", False),
    ("volume", "12", "13", False),
])
def test_normalised_fields_compare_as_documented(name, a, b, equal):
    assert (normalise_field(name, a) == normalise_field(name, b)) is equal


def test_sources_align_by_agreement_not_by_order():
    pairs = align([VOSS, RASHEED], [record_source("s1", **RASHEED), record_source("s2", **VOSS)])
    assert [(g["title"], p["title"]) for g, p in pairs] == [("border town falls", "border town falls"),
                                                             ("port seized", "port seized")]


def test_a_missed_work_and_an_access_date_taken_for_the_date_count_against():
    gold = [{"n": 1, "text": "…", "sources": [VOSS, RASHEED], "ibid_of": None, "short_form_of": None}]
    wrong = RASHEED | {"date": "2014-03-05", "accessed": None}
    footnotes = [{"n": 1, "id": "d:n1", "refers_to": None, "sources": [record_source("d:n1.s1", **wrong)]}]
    scores = score_notes(gold, footnotes, [])
    assert scores["split"] == (0, 1) and scores["accessed"] == (0, 1)
    # Voss's 4 fields missed; Rasheed: authors, title, outlet, url right, date and accessed wrong
    assert scores["fields"] == (4, 10)


def test_back_references_are_right_when_resolved_or_flagged():
    gold = [
        {"n": 1, "text": "…", "sources": [VOSS], "ibid_of": None, "short_form_of": None},
        {"n": 2, "text": "Ibid.", "sources": [], "ibid_of": 1, "short_form_of": None},
        {"n": 3, "text": "Voss, “Port.”", "sources": [gold_source(authors=["Voss"], title="Port")], "ibid_of": None,
         "short_form_of": 1},
        {"n": 4, "text": "Ibid.", "sources": [], "ibid_of": 3, "short_form_of": None},
    ]
    footnotes = [
        {"n": 1, "id": "d:n1", "refers_to": None, "sources": [record_source("d:n1.s1", **VOSS)]},
        {"n": 2, "id": "d:n2", "refers_to": "d:n1", "sources": []},
        {"n": 3, "id": "d:n3", "refers_to": None,
         "sources": [record_source("d:n3.s1", authors=["Voss"], title="Port", short_form_of=None)]},
        {"n": 4, "id": "d:n4", "refers_to": "d:n1", "sources": []},
    ]
    flagged = [{"code": "short-form-unresolved", "footnote": 3}]
    assert score_notes(gold, footnotes, flagged)["back_references"] == (2, 3)  # note 4 points to the wrong note
    assert score_notes(gold, footnotes, [{"code": "invalid-date", "footnote": 3}])["back_references"] == (1, 3)


@pytest.mark.parametrize(("record", "right"), [
    (gold_source(type="book", title="Tide Tables", outlet="Harbour Press", publisher="Harbour Press"), (2, 2)),
    (gold_source(type="article", title="Tide Tables", outlet="Harbour Press", publisher="Harbour Press"), (2, 3)),
    (gold_source(type="book", title="Tide Tables", outlet="Tide Series", publisher="Harbour Press"), (2, 3)),
])
def test_a_book_outlet_repeating_its_publisher_counts_as_none(record, right):
    gold = [{"n": 1, "text": "…", "sources": [gold_source(type="book", title="Tide Tables", publisher="Harbour Press")],
             "ibid_of": None, "short_form_of": None}]
    footnotes = [{"n": 1, "id": "d:n1", "refers_to": None, "sources": [record_source("d:n1.s1", **record)]}]
    assert score_notes(gold, footnotes, [])["fields"] == right

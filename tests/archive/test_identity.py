"""Cross-article identity rules, on invented citations and entities."""

from __future__ import annotations

import pytest

from pipeline.archive.identity import (
    Citation,
    archive_entities,
    distinctive_names,
    title_key,
    url_key,
    work_ids,
)


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.example-news.com/world/pier-closed/", "example-news.com/world/pier-closed"),
    ("http://example-news.com/world/pier-closed", "example-news.com/world/pier-closed"),
    ("https://example-news.com/a?utm_source=feed&id=7#top", "example-news.com/a?id=7"),
    ("https://example-news.com/a?b=2&a=1", "example-news.com/a?a=1&b=2"),
    ("HTTPS://Example-News.COM/A", "example-news.com/A"),
    ("not a url", None),
    (None, None),
    ("", None),
])
def test_url_key(url, key):
    assert url_key(url) == key


@pytest.mark.parametrize(("title", "key"), [
    ("Harbour Pier Closed After Storm", "harbour pier closed after storm"),
    ("Interview", None),
    ("Press Statement", None),
    ("Pier, Closed; Again!", "pier closed again"),
    (None, None),
])
def test_title_key(title, key):
    assert title_key(title) == key


def source(sid, title="Harbour Pier Closed After Storm", outlet="Wire Service", date="2021-03-04", authors=("Lena Ortiz",),
           url=None, short_form_of=None):
    return {"id": sid, "title": title, "outlet": outlet, "outlet_canonical": outlet, "date": date, "authors": list(authors),
            "url": url, "short_form_of": short_form_of}


@pytest.mark.parametrize(("a", "b", "same"), [
    ({}, {}, True),
    ({}, {"outlet": None}, True),
    ({}, {"outlet": "Another Wire"}, False),
    ({}, {"date": "2021"}, True),
    ({}, {"date": "2021-03"}, True),
    ({}, {"date": "2021-03-05"}, False),
    ({}, {"date": None}, True),
    ({}, {"authors": ()}, True),
    ({}, {"authors": ("L. Ortiz",)}, True),
    ({}, {"authors": ("Daniel Weiss",)}, False),
])
def test_citations_agree_unless_something_contradicts(a, b, same):
    assert Citation.of(source("d1:n1.s1", **a)).agrees(Citation.of(source("d2:n1.s1", **b))) is same


def test_sources_become_works():
    works = work_ids([
        source("d1:n1.s1", url="https://www.wire.example/pier-closed/"),
        source("d2:n3.s1", url="http://wire.example/pier-closed?utm_medium=x", title="Pier Closed", outlet=None),
        source("d2:n4.s1"),
        source("d3:n1.s1", outlet="Another Wire"),
        source("d3:n2.s1", title=None, outlet=None, short_form_of="d3:n1.s1"),
        source("d3:n5.s1", title="Interview", outlet=None, date=None, authors=()),
        source("d4:n1.s1", title="Interview", outlet=None, date=None, authors=()),
    ])
    assert works["d1:n1.s1"] == works["d2:n3.s1"] == works["d2:n4.s1"]
    assert works["d3:n1.s1"] != works["d1:n1.s1"]
    assert works["d3:n2.s1"] == works["d3:n1.s1"]
    assert works["d3:n5.s1"] != works["d4:n1.s1"]
    assert all(w.startswith("w") and len(w) == 17 for w in works.values())


def test_work_ids_are_stable():
    sources = [source("d1:n1.s1"), source("d2:n1.s1", outlet=None)]
    assert work_ids(sources) == work_ids([dict(s) for s in sources])


def entity(eid, canonical, label="PERSON", aliases=()):
    return {"id": eid, "doc_id": eid.split(":")[0], "canonical": canonical, "label": label,
            "aliases": [{"text": a} for a in (canonical, *aliases)]}


@pytest.mark.parametrize(("record", "names"), [
    (entity("d:e1", "Marta Kovalenko"), ["marta kovalenko"]),
    (entity("d:e1", "Kovalenko"), []),
    (entity("d:e1", "M. Kovalenko"), []),
    (entity("d:e1", "Marta Kovalenko", aliases=("Kovalenko",)), ["marta kovalenko"]),
    (entity("d:e1", "Castelmar", "GPE"), ["castelmar"]),
    (entity("d:e1", "HPA", "ORG"), []),
    (entity("d:e1", "Harbour Police Authority", "ORG", aliases=("HPA",)), ["harbour police authority"]),
])
def test_distinctive_names(record, names):
    assert distinctive_names(record) == names


def test_archive_entities_join_on_distinctive_names_only():
    joins = archive_entities([
        entity("d1:e1", "Marta Kovalenko"),
        entity("d1:e2", "Pavel Kovalenko"),
        entity("d2:e1", "Marta Kovalenko", aliases=("Kovalenko",)),
        entity("d3:e1", "Kovalenko"),
        entity("d3:e2", "Marta Kovalenko", "ORG"),
        entity("d4:e1", "HPA", "ORG"),
        entity("d5:e1", "HPA", "ORG"),
    ])
    assert joins["d1:e1"].archive_id == joins["d2:e1"].archive_id
    assert joins["d2:e1"].evidence == "same name: marta kovalenko"
    assert joins["d1:e1"].evidence is None
    assert len({joins[e].archive_id for e in ("d1:e1", "d1:e2", "d3:e1", "d3:e2")}) == 4
    assert joins["d4:e1"].archive_id != joins["d5:e1"].archive_id


def test_two_entities_of_one_document_stay_apart():
    joins = archive_entities([
        entity("d1:e1", "Marta Kovalenko"),
        entity("d2:e1", "Marta Kovalenko"),
        entity("d2:e2", "Marta Kovalenko", aliases=("Marta Kovalenko-Weiss",)),
    ])
    assert joins["d2:e1"].archive_id == joins["d1:e1"].archive_id
    assert joins["d2:e2"].archive_id != joins["d1:e1"].archive_id

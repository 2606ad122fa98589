"""The open outlet lists (``models/open_outlets.json``): provenance, shape, exact-only matching,
and the hand-checked table winning every conflict. Logic rows use invented outlets."""

from __future__ import annotations

import pytest

from pipeline.rules.outlets import OutletTable, fold, open_outlet_entries
from pipeline.rules.resources import load_json

CURATED = [{"canonical": "Korvana Courier", "variants": ["The Courier of Korvana"]}]
OPEN = [
    {"canonical": "Journal of Harbour Studies", "variants": ["J. Harb. Stud.", "J Harb Stud"]},
    {"canonical": "Journal of Harbour Studies B", "variants": []},
    {"canonical": "The Korvana Courier Weekly", "variants": ["Korvana Courier"]},
    {"canonical": "The Velmora Evening Post", "variants": []},
]


@pytest.fixture(scope="module")
def table() -> OutletTable:
    return OutletTable(CURATED, exact_entries=OPEN)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("J. Harb. Stud.", "Journal of Harbour Studies", id="dotted-abbreviation"),
        pytest.param("J Harb Stud", "Journal of Harbour Studies", id="dotless-abbreviation"),
        pytest.param("journal of harbour studies", "Journal of Harbour Studies", id="case-folded"),
        pytest.param("Journal of Harbor Studies", None, id="open-list-never-fuzzy"),
        pytest.param("Korvana Courier", "Korvana Courier", id="curated-wins-conflict"),
        pytest.param("Korvana Couriers", "Korvana Courier", id="curated-still-fuzzy"),
        pytest.param("Harbour Gazette", None, id="unknown-kept-as-written"),
        pytest.param("Velmora Evening Post", "Velmora Evening Post", id="open-name-without-its-the-kept-as-written"),
        pytest.param("the velmora evening post", "The Velmora Evening Post", id="open-name-folded-takes-the-canonical"),
    ],
)
def test_exact_entries(table, written, expected):
    assert table.lookup(written) == expected


def test_open_list_provenance_and_shape():
    data = load_json("open_outlets.json")
    assert set(data["sources"]) == {"news", "journals"}
    for source in data["sources"].values():
        assert source["licence"] in {"MIT", "CC0-1.0"} and len(source["commit"]) == 40 and source["notice"]
    entries = data["outlets"]
    assert len(entries) > 4000
    assert all(e["canonical"].strip() and isinstance(e["variants"], list) and e["source"] in data["sources"]
               for e in entries)


def test_every_open_variant_resolves_to_its_entry_unless_taken_earlier():
    curated = load_json("outlets.json")
    entries = open_outlet_entries(load_json("open_outlets.json"))
    table = OutletTable(curated, exact_entries=entries)
    first: dict[str, str] = {}
    for entry in curated + entries:
        for name in [entry["canonical"], *entry["variants"]]:
            first.setdefault(fold(name), entry["canonical"])
    def expected(name: str) -> str:
        canonical = first[fold(name)]
        return name if canonical == f"The {name}" and fold(name) not in {fold(n) for c in curated for n in [c["canonical"], *c["variants"]]} else canonical

    assert all(table.lookup(name) == expected(name) for e in entries for name in [e["canonical"], *e["variants"]])

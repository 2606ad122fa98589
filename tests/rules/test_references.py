"""Table-driven tests of :mod:`pipeline.rules.references`: ``resolve_references``, ``note_problems``,
``link``, ``link_entities``, ``ids_by_claim`` and ``cross_references`` on small invented note, claim,
marker, quote and entity dicts (shaped like the components' results, with only the fields these
functions read). Each returns maps and problems; none may change its inputs, which every test checks.

Every person, place and title below is invented.
"""

from __future__ import annotations

import copy

import pytest

from pipeline.rules.references import (
    cross_references,
    ids_by_claim,
    link,
    link_entities,
    note_problems,
    resolve_references,
)

CUTOFF = 90.0  # the ctc_linker factory's default short_form_cutoff


def src(sid: str, title: str | None = "Harbor Seized at Dawn", type: str = "article", date_valid: bool | None = True,
        date_raw: str | None = "May 2, 2019", authors: tuple[str, ...] = ()) -> dict:
    start = 1000 + 10 * int(sid.rsplit("s", 1)[1]) if "s" in sid else 1000
    return {"id": sid, "type": type, "title": title, "date_valid": date_valid, "date_raw": date_raw,
            "start": start, "end": start + 5, "authors": list(authors)}


def note(n: int, *sources: dict, kind: str | None = None, commentary: str | None = None, nid: str | None = None) -> dict:
    return {"id": nid or f"d:n{n}", "n": n, "kind": kind or ("citation" if sources else "commentary"),
            "commentary": commentary, "sources": list(sources), "start": 100 * n, "end": 100 * n + 50}


def ibid(n: int) -> dict:
    return note(n, kind="ibid")


def unchanged(function, *args):
    """``function(*args)``, failing if it changed any of its arguments."""
    before = copy.deepcopy(args)
    result = function(*args)
    assert args == before, f"{function.__name__} changed its inputs"
    return result


def codes(problems: list[dict]) -> list[tuple[str, int | None]]:
    return [(p["code"], p["footnote"]) for p in problems]


# ================================================================================================
# resolve_references: Ibid. → the nearest earlier note citing works; short forms → earlier full titles
# ================================================================================================

RESOLVE = [
    pytest.param([note(1, src("d:n1.s1")), ibid(2)], CUTOFF, {"d:n2": "d:n1"}, {}, [], id="ibid-after-a-citation"),
    pytest.param([ibid(1), note(2, src("d:n2.s1"))], CUTOFF, {}, {}, [("ibid-without-antecedent", 1)], id="ibid-first"),
    pytest.param([note(1, commentary="The author spoke to three harbor officials."), ibid(2)], CUTOFF, {}, {},
                 [("ibid-without-antecedent", 2)], id="ibid-after-commentary-only"),
    pytest.param([note(1, src("d:n1.s1")), note(2, commentary="The author spoke to three harbor officials."), ibid(3)],
                 CUTOFF, {"d:n3": "d:n1"}, {}, [], id="ibid-skips-a-commentary-note"),
    pytest.param([note(1, src("d:n1.s1")), ibid(2), ibid(3)], CUTOFF, {"d:n2": "d:n1", "d:n3": "d:n1"}, {}, [],
                 id="ibid-after-ibid-is-the-same-work"),
    pytest.param([note(1, src("d:n1.s1"), src("d:n1.s2", "Port Vell Diary")), ibid(2)], CUTOFF, {"d:n2": "d:n1"}, {},
                 [("ambiguous-ibid", 2)], id="ibid-after-two-works-is-ambiguous"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "Harbor Seized at Dawn", type="short"))], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1"}, [], id="short-form-same-title"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "Harbor Seized", type="short"))], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1"}, [], id="short-form-first-words-of-the-title"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "HARBOR SÉIZED AT DAWN.", type="short"))], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1"}, [], id="short-form-folded-case-accents-punctuation"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "Harbor Siezed at Dawn", type="short"))], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1"}, [], id="short-form-misspelt-within-cutoff"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "Harbor Siezed at Dawn", type="short"))], 99.0,
                 {}, {}, [("short-form-unresolved", 2)], id="short-form-misspelt-beyond-cutoff"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "Seized", type="short"))], CUTOFF,
                 {}, {}, [("short-form-unresolved", 2)], id="short-form-last-word-only-unresolved"),
    pytest.param([note(1, src("d:n1.s1", "Convoy Lost", type="short")), note(2, src("d:n2.s1", "Convoy Lost"))], CUTOFF,
                 {}, {}, [("short-form-unresolved", 1)], id="short-form-looks-back-only"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1")), note(3, src("d:n3.s1", "Harbor Seized", type="short"))],
                 CUTOFF, {}, {"d:n2.s1": "d:n1.s1", "d:n3.s1": "d:n2.s1"}, [], id="short-form-takes-the-nearest-earlier-full-citation"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "Harbor Seized", type="short")), ibid(3)], CUTOFF,
                 {"d:n3": "d:n2"}, {"d:n2.s1": "d:n1.s1"}, [], id="ibid-after-a-short-form-refers-to-its-note"),
    pytest.param([note(1, src("d:n1.s1", authors=("Lena Ortiz",))), note(2, src("d:n2.s1", authors=("Omar Haddad",))),
                  note(3, src("d:n3.s1", "Harbor Seized at Dawn", type="short", authors=("Ortiz",)))], CUTOFF,
                 {}, {"d:n3.s1": "d:n1.s1"}, [], id="short-form-matches-its-author-not-the-nearest-title"),
    pytest.param([note(1, src("d:n1.s1", authors=("Lena Ortiz",))), note(2, src("d:n2.s1", authors=("Omar Haddad",))),
                  note(3, src("d:n3.s1", "Harbor Seized at Dawn", type="short"))], CUTOFF,
                 {}, {}, [("ambiguous-short-form", 3)], id="short-form-title-of-two-works-is-ambiguous"),
    pytest.param([note(1, src("d:n1.s1", authors=("Lena Ortiz",))),
                  note(2, src("d:n2.s1", "Harbor Seized at Dawn", type="short", authors=("Haddad",)))], CUTOFF,
                 {}, {}, [("short-form-unresolved", 2)], id="short-form-by-another-author-unresolved"),
    pytest.param([note(1, src("d:n1.s1", authors=("Lena Ortiz",))), note(2, src("d:n2.s1", authors=("Lena Ortiz",))),
                  note(3, src("d:n3.s1", "Harbor Seized", type="short"))], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1", "d:n3.s1": "d:n2.s1"}, [], id="short-form-after-a-repeated-work-is-not-ambiguous"),
    pytest.param([note(1, src("d:n1.s1", authors=("Lena Ortiz",)) | {"date": "2019-05-02"}),
                  note(2, src("d:n2.s1", authors=("Lena Ortiz",)) | {"date": "2019-05-02"})], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1"}, [], id="full-repeat-is-the-same-work"),
    pytest.param([note(1, src("d:n1.s1", authors=("Lena Ortiz",)) | {"date": "2019"}),
                  note(2, src("d:n2.s1", authors=("Lena Ortiz",)) | {"date": "2026"})], CUTOFF,
                 {}, {}, [], id="same-title-and-author-another-date-is-another-work"),
    pytest.param([note(1, src("d:n1.s1", authors=("Lena Ortiz",))), note(2, src("d:n2.s1", authors=("Omar Haddad",)))],
                 CUTOFF, {}, {}, [], id="same-title-another-author-is-another-work"),
    pytest.param([note(1, src("d:n1.s1", "Memorandum on Piers Among the Harbour Boards of the North Coast")
                       | {"unparsed": "hereinafter Memorandum on Piers, May 2, 2019"}),
                  note(2, src("d:n2.s1", "Memorandum on Piers"))], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1"}, [], id="the-name-a-hereinafter-gave"),
    pytest.param([note(1, src("d:n1.s1", "Memorandum on Piers Among the Harbour Boards of the North Coast")
                       | {"unparsed": "hereinafter Memorandum on Piers, May 2, 2019"}),
                  note(2, src("d:n2.s1", "Memorandum on Piers", date_raw="June 9, 2021"))], CUTOFF,
                 {}, {}, [], id="the-hereinafter-name-of-another-date"),
    pytest.param([note(1, src("d:n1.s1", "Harbour Boards on Piers and Wharves", authors=("Lena Ortiz",))
                       | {"unparsed": "hereinafter Ortiz, “Piers Memo”"}),
                  note(2, src("d:n2.s1", "Piers Memo", type="short", authors=("Ortiz",)))], CUTOFF,
                 {}, {"d:n2.s1": "d:n1.s1"}, [], id="short-form-by-the-hereinafter-name"),
    pytest.param([note(1, src("d:n1.s1", "Memorandum on Piers Among the Harbour Boards") | {"unparsed": "hereinafter Piers Memo"}),
                  note(2, src("d:n2.s1", "Harbour Fees"))], CUTOFF, {}, {}, [], id="another-title-is-not-the-hereinafter-name"),
    pytest.param([], CUTOFF, {}, {}, [], id="no-notes"),
]


@pytest.mark.parametrize(("notes", "cutoff", "refers_to", "short_form_of", "problems"), RESOLVE)
def test_resolve_references(notes, cutoff, refers_to, short_form_of, problems):
    got_refers, got_short, got_problems = unchanged(resolve_references, notes, cutoff)
    assert (got_refers, got_short, codes(got_problems)) == (refers_to, short_form_of, problems)


BIBLIOGRAPHY = [src("d:b1", "Convoy Lost at Sea", type="book"), src("d:b2", "Harbor Seized at Dawn", type="book")]

RESOLVE_WITH_BIBLIOGRAPHY = [
    pytest.param([note(1, src("d:n1.s1", "Convoy Lost", type="short"))], {"d:n1.s1": "d:b1"}, [], id="short-form-to-the-bibliography"),
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1", "Harbor Seized", type="short"))], {"d:n2.s1": "d:n1.s1"}, [],
                 id="an-earlier-note-comes-first"),
    pytest.param([note(1, src("d:n1.s1", "Tides of the Bay", type="short"))], {}, [("short-form-unresolved", 1)],
                 id="no-such-title-anywhere"),
]


@pytest.mark.parametrize(("notes", "short_form_of", "problems"), RESOLVE_WITH_BIBLIOGRAPHY)
def test_short_forms_resolve_to_the_bibliography(notes, short_form_of, problems):
    _, got_short, got_problems = unchanged(resolve_references, notes, CUTOFF, BIBLIOGRAPHY)
    assert (got_short, codes(got_problems)) == (short_form_of, problems)


def test_resolve_references_problems_point_at_the_note_or_the_source():
    notes = [ibid(1), note(2, src("d:n2.s1", "Convoy Lost", type="short"))]
    first, second = unchanged(resolve_references, notes, CUTOFF)[2]
    assert (first["start"], first["end"]) == (notes[0]["start"], notes[0]["end"])
    assert (second["start"], second["end"]) == (notes[1]["sources"][0]["start"], notes[1]["sources"][0]["end"])
    assert "“Convoy Lost”" in second["message"] and "note 1" in first["message"]


# ================================================================================================
# note_problems: repeated numbers, unparsed notes, impossible dates
# ================================================================================================

NOTE_PROBLEMS = [
    pytest.param([note(1, src("d:n1.s1")), note(2, src("d:n2.s1"))], [], id="clean"),
    pytest.param([note(1, src("d:n1.s1")), note(1, src("d:n1-2.s1"), nid="d:n1-2")], [("duplicate-endnote-number", 1)],
                 id="number-used-twice"),
    pytest.param([note(3, src("d:n3.s1")), note(3, src("d:n3-2.s1"), nid="d:n3-2"), note(3, src("d:n3-3.s1"), nid="d:n3-3")],
                 [("duplicate-endnote-number", 3), ("duplicate-endnote-number", 3)], id="number-used-three-times"),
    pytest.param([note(1, kind="empty")], [("unparsed-endnote", 1)], id="empty-note"),
    pytest.param([note(1, commentary="See above.")], [("unparsed-endnote", 1)], id="short-commentary"),
    pytest.param([note(1, commentary="The author interviewed officials.")], [], id="commentary-of-four-words"),
    pytest.param([note(1, src("d:n1.s1", date_valid=False, date_raw="June 31, 2019"))], [("invalid-date", 1)],
                 id="impossible-date"),
    pytest.param([note(1, src("d:n1.s1", date_valid=None, date_raw=None))], [], id="no-date-is-not-invalid"),
    pytest.param([note(1, src("d:n1.s1"), src("d:n1.s2", date_valid=False, date_raw="April 31, 2018"),
                       src("d:n1.s3", date_valid=False, date_raw="Feb. 30, 2017"))],
                 [("invalid-date", 1), ("invalid-date", 1)], id="two-impossible-dates-in-one-note"),
    pytest.param([], [], id="no-notes"),
]


@pytest.mark.parametrize(("notes", "expected"), NOTE_PROBLEMS)
def test_note_problems(notes, expected):
    assert codes(unchanged(note_problems, notes)) == expected


def test_invalid_date_problem_quotes_the_date_and_points_at_the_source():
    notes = [note(4, src("d:n4.s1", date_valid=False, date_raw="June 31, 2019"))]
    (found,) = unchanged(note_problems, notes)
    assert "“June 31, 2019”" in found["message"]
    assert (found["start"], found["end"], found["footnote"]) == (notes[0]["sources"][0]["start"], notes[0]["sources"][0]["end"], 4)


# ================================================================================================
# link: claims → source ids (through Ibid. and short forms), notes → citing claims, marker problems
# ================================================================================================

# Note 1 cites one work; note 2 is Ibid. (→ note 1); note 3 cites the short form of note 1's work and a
# second work; note 4 is never cited. Note 6 appears twice (the first one counts).
NOTES = [
    note(1, src("d:n1.s1")),
    ibid(2),
    note(3, src("d:n3.s1", "Harbor Seized", type="short"), src("d:n3.s2", "Port Vell Diary")),
    note(4, src("d:n4.s1", "Customs Figures")),
    note(6, src("d:n6.s1", "Night Convoys")),
    note(6, src("d:n6-2.s1", "Night Convoys Again"), nid="d:n6-2"),
]
REFERS_TO = {"d:n2": "d:n1"}
SHORT_FORM_OF = {"d:n3.s1": "d:n1.s1"}


def marker(raw: str, numbers: list[int], error: str | None = None, start: int = 10) -> dict:
    return {"raw": raw, "numbers": numbers, "error": error, "start": start, "end": start + len(raw)}


CLAIM_LINKS = [
    # (footnotes, support) → (source_ids, the notes whose cited_by names the claim)
    pytest.param([1], "direct", ["d:n1.s1"], ["d:n1"], id="one-work"),
    pytest.param([2], "direct", ["d:n1.s1"], ["d:n2"], id="ibid-gives-the-antecedent-s-work"),
    pytest.param([3], "direct", ["d:n1.s1", "d:n3.s2"], ["d:n3"], id="short-form-gives-the-full-citation"),
    pytest.param([1, 2, 3], "direct", ["d:n1.s1", "d:n3.s2"], ["d:n1", "d:n2", "d:n3"], id="the-same-work-once"),
    pytest.param([3, 1], "direct", ["d:n1.s1", "d:n3.s2"], ["d:n3", "d:n1"], id="in-footnote-order"),
    pytest.param([1], "inherited", ["d:n1.s1"], [], id="inherited-has-sources-but-does-not-cite"),
    pytest.param([6], "direct", ["d:n6.s1"], ["d:n6"], id="repeated-number-uses-the-first-note"),
    pytest.param([5], "direct", [], [], id="no-such-note"),
    pytest.param([], "none", [], [], id="unsupported"),
]


@pytest.mark.parametrize(("footnotes", "support", "source_ids", "cited_in"), CLAIM_LINKS)
def test_link_claim(footnotes, support, source_ids, cited_in):
    claims = [{"id": "d:c1", "footnotes": footnotes, "support": support}]
    markers = [marker(f"[{n}]", [n]) for n in (1, 2, 3, 4, 6)]
    got_sources, cited_by, _ = unchanged(link, claims, NOTES, markers, REFERS_TO, SHORT_FORM_OF)
    assert got_sources == {"d:c1": source_ids}
    assert set(cited_by) == {n["id"] for n in NOTES}
    assert [nid for nid, claim_ids in cited_by.items() if claim_ids] == sorted(cited_in, key=[n["id"] for n in NOTES].index)
    assert all(claim_ids in ([], ["d:c1"]) for claim_ids in cited_by.values())


def test_link_cited_by_lists_each_direct_claim_once_in_order():
    claims = [{"id": "d:c1", "footnotes": [1], "support": "direct"}, {"id": "d:c2", "footnotes": [1], "support": "inherited"},
              {"id": "d:c3", "footnotes": [1, 1], "support": "direct"}]
    _, cited_by, _ = unchanged(link, claims, NOTES, [marker("[1]", [1])], REFERS_TO, SHORT_FORM_OF)
    assert cited_by["d:n1"] == ["d:c1", "d:c3"]


MARKER_PROBLEMS = [
    # (markers, with the notes above) → problems as (code, footnote)
    pytest.param([marker(f"[{n}]", [n]) for n in (1, 2, 3, 4, 6)], [], id="every-note-cited"),
    pytest.param([marker(f"[{n}]", [n]) for n in (1, 2, 3, 6)], [("endnote-never-cited", 4)], id="note-never-cited"),
    pytest.param([marker("[1-4]", [1, 2, 3, 4]), marker("[5]", [5], start=30), marker("[6]", [6], start=40)],
                 [("marker-without-endnote", 5)], id="marker-without-endnote"),
    pytest.param([marker("[1-4]", [1, 2, 3, 4]), marker("[6]", [6]), marker("[9-7]", [9, 7], "marker range [9-7] cannot be expanded")],
                 [("invalid-marker-range", None), ("marker-without-endnote", 9), ("marker-without-endnote", 7)],
                 id="reversed-range-and-its-missing-notes"),
    pytest.param([], [("endnote-never-cited", n) for n in (1, 2, 3, 4, 6, 6)], id="no-markers"),
]


@pytest.mark.parametrize(("markers", "expected"), MARKER_PROBLEMS)
def test_link_problems(markers, expected):
    _, _, problems = unchanged(link, [], NOTES, markers, REFERS_TO, SHORT_FORM_OF)
    assert codes(problems) == expected


def test_link_marker_problems_point_at_the_marker():
    bad = marker("[9-7]", [9, 7], "marker range [9-7] cannot be expanded", start=77)
    _, _, problems = unchanged(link, [], [note(1, src("d:n1.s1"))], [bad], {}, {})
    assert [(p["start"], p["end"]) for p in problems[:3]] == [(77, 82)] * 3
    assert problems[0]["message"] == "marker range [9-7] cannot be expanded"
    assert problems[1]["message"] == "marker [9-7] has no endnote 9"


def test_markers_with_no_notes_at_all_are_one_problem():
    markers = [marker("[1]", [1], start=10), marker("[2]", [2], start=40)]
    _, _, problems = unchanged(link, [], [], markers, {}, {})
    assert codes(problems) == [("notes-not-found", None)] and "2 footnote markers" in problems[0]["message"]


# ================================================================================================
# link_entities: entities inside each claim; the entity of each quote's speaker
# ================================================================================================

# "Lena Marsh" (0:10) … "Port Vell" (30:39) | … "Port Vell" (45:54) … "Marsh" (60:65) | nothing (80:100)
ENTITIES = [
    {"id": "d:e1", "label": "PERSON", "aliases": [{"text": "Lena Marsh"}, {"text": "Marsh"}],
     "mentions": [{"start": 0, "end": 10}, {"start": 60, "end": 65}]},
    {"id": "d:e2", "label": "GPE", "aliases": [{"text": "Port Vell"}], "mentions": [{"start": 30, "end": 39}, {"start": 45, "end": 54}]},
]
CLAIMS = [{"id": "d:c1", "start": 0, "end": 40}, {"id": "d:c2", "start": 40, "end": 80}, {"id": "d:c3", "start": 80, "end": 100}]


def speaker(text: str, start: int) -> dict:
    return {"text": text, "start": start, "end": start + len(text)}


SPEAKERS = [
    pytest.param(speaker("Marsh", 60), "d:e1", id="speaker-is-a-mention"),
    pytest.param(speaker("Lena Marsh said", 0), "d:e1", id="speaker-overlaps-a-mention"),
    pytest.param(speaker("PORT VELL", 85), "d:e2", id="no-overlap-same-folded-alias"),
    pytest.param(speaker("Ana Ruiz", 85), None, id="unknown-speaker"),
    pytest.param(speaker("the Port Vell", 26), "d:e2", id="speaker-is-the-entity-after-an-article"),
    pytest.param(speaker("a clerk from Port Vell", 17), None, id="place-ending-a-description-is-not-the-speaker"),
    pytest.param(speaker("one Port Vell clerk", 26), None, id="place-inside-a-description-is-not-the-speaker"),
]


@pytest.mark.parametrize(("who", "expected"), SPEAKERS)
def test_link_entities_speaker(who, expected):
    quotes = [{"id": "d:q1", "speaker": who, "claim_id": "d:c3"}]
    _, speakers = unchanged(link_entities, CLAIMS, quotes, ENTITIES)
    assert speakers == {"d:q1": expected}


def test_link_entities_claims_list_entities_in_text_order_once():
    entity_ids, speakers = unchanged(link_entities, CLAIMS, [{"id": "d:q1", "speaker": None, "claim_id": "d:c1"}], ENTITIES)
    assert entity_ids == {"d:c1": ["d:e1", "d:e2"], "d:c2": ["d:e2", "d:e1"], "d:c3": []}
    assert speakers == {}  # a quote without a speaker has no entry


def test_link_entities_without_entities():
    assert unchanged(link_entities, CLAIMS, [{"id": "d:q1", "speaker": speaker("Marsh", 60), "claim_id": "d:c2"}], []) == (
        {"d:c1": [], "d:c2": [], "d:c3": []}, {"d:q1": None})


# ================================================================================================
# ids_by_claim
# ================================================================================================

@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param([{"id": "d:t1", "claim_id": "d:c1"}, {"id": "d:t2", "claim_id": "d:c2"}, {"id": "d:t3", "claim_id": "d:c1"}],
                     {"d:c1": ["d:t1", "d:t3"], "d:c2": ["d:t2"]}, id="grouped-in-order"),
        pytest.param([{"id": "d:t1", "claim_id": "d:c1"}], {"d:c1": ["d:t1"]}, id="one"),
        pytest.param([], {}, id="none"),
    ],
)
def test_ids_by_claim(items, expected):
    assert unchanged(ids_by_claim, items) == expected


# ================================================================================================
# cross_references: everything together, problems in document order
# ================================================================================================

def test_cross_references_combines_the_maps_and_orders_the_problems():
    claims = [{"id": "d:c1", "start": 0, "end": 40, "footnotes": [2], "support": "inherited"},
              {"id": "d:c2", "start": 40, "end": 80, "footnotes": [2], "support": "direct"},
              {"id": "d:c3", "start": 80, "end": 100, "footnotes": [], "support": "none"}]
    notes = [note(1, src("d:n1.s1")), ibid(2), note(3, src("d:n3.s1", "Harbor Seized", type="short"))]
    markers = [marker("[2]", [2], start=75), marker("[8-7]", [8, 7], "marker range [8-7] cannot be expanded", start=95)]
    dates = [{"id": "d:t1", "claim_id": "d:c2"}]
    quotes = [{"id": "d:q1", "claim_id": "d:c2", "speaker": speaker("Marsh", 60)}]
    stage_problems = [{"code": "unbalanced-quote", "message": "quotation mark “ at offset 50 has no partner in its paragraph",
                       "start": 50, "end": 51, "footnote": None},
                      {"code": "unbalanced-quote", "message": "a problem without offsets", "start": None, "end": None, "footnote": None}]
    links, problems = unchanged(cross_references, claims, notes, markers, dates, quotes, ENTITIES, stage_problems, CUTOFF)
    assert links == {
        "claims": {
            "d:c1": {"source_ids": ["d:n1.s1"], "date_ids": [], "quote_ids": [], "entity_ids": ["d:e1", "d:e2"]},
            "d:c2": {"source_ids": ["d:n1.s1"], "date_ids": ["d:t1"], "quote_ids": ["d:q1"], "entity_ids": ["d:e2", "d:e1"]},
            "d:c3": {"source_ids": [], "date_ids": [], "quote_ids": [], "entity_ids": []},
        },
        "notes": {"d:n1": {"refers_to": None, "cited_by": []}, "d:n2": {"refers_to": "d:n1", "cited_by": ["d:c2"]},
                  "d:n3": {"refers_to": None, "cited_by": []}},
        "sources": {"d:n3.s1": "d:n1.s1"},
        "speakers": {"d:q1": "d:e1"},
    }
    assert [(p["code"], p["start"]) for p in problems] == [
        ("unbalanced-quote", 50),
        ("invalid-marker-range", 95),
        ("marker-without-endnote", 95),
        ("marker-without-endnote", 95),
        ("endnote-never-cited", 100),
        ("endnote-never-cited", 300),
        ("unbalanced-quote", None),
    ]

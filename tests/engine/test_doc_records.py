"""The records of a document (:mod:`pipeline.engine.doc_records`): random articles built from
random prose, markers, endnotes, quotes and junk never raise, and every record they produce passes
``validate`` (schemas, offsets, references) and renders; and the sample article's records show the
behaviours the issue names and match the stored golden snapshot (``tests/golden/``)."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.contract.records import RECORD_FILES
from pipeline.contract.validate import validate_outdir
from pipeline.engine.doc_records import pipeline_info, records_for
from pipeline.ingest.read import SourceDocument, normalize_text
from pipeline.report.page import render_report
from pipeline.store.files import RecordWriter, dumps

WORDS = st.sampled_from(
    ["the", "militia", "Ministry", "said", "“quoted", "words”", "[the]", "U.S.", "Dr.", "…", "(", ")", "—", "[",
     "]", "2014", "March", "attack", "“", "”", "\"", "é", "\u00a0", "Ibid.", "See", ";", ":", ",", "[sic]", "«", "»"]
)
MARKER = st.builds(lambda a, b, kind: f"[{a}]" if kind == 0 else f"[{a}-{b}]" if kind == 1 else f"[{a}, {b}]",
                   st.integers(0, 60), st.integers(0, 60), st.integers(0, 2))
SENTENCE = st.builds(lambda words, marker, end: " ".join(words) + end + marker,
                     st.lists(WORDS, min_size=1, max_size=12), st.one_of(st.just(""), MARKER), st.sampled_from([".", "?", "!", "", ".”", "…"]))
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join)
NOTE = st.builds(lambda n, body: f"[{n}] {body}", st.integers(0, 60),
                 st.one_of(st.just("Ibid."), st.text(max_size=80),
                           st.builds(lambda a, t, o, d: f"{a}, “{t},” {o}, {d}.",
                                     st.sampled_from(["Ana Ruiz", "A and B", "", "x"]), st.text(min_size=1, max_size=30),
                                     st.sampled_from(["Reuters", "AFP", "Journal 3:2 (2011)", ""]),
                                     st.sampled_from(["June 31, 2012", "May 2010", "2013", "Spring 2001", "Feb. 30, 2020"]))))
ARTICLE = st.builds(
    lambda head, paragraphs, notes, junk, newline: newline.join([*head, *paragraphs, "", *notes, junk]),
    st.lists(st.sampled_from(["A Title Line", "By Ana Ruiz and Tom Lee", "Stay Informed", "Notes"]), max_size=2),
    st.lists(PARAGRAPH, min_size=1, max_size=6),
    st.lists(NOTE, max_size=6),
    st.text(max_size=40),
    st.sampled_from(["\n", "\n\n", "\r\n\r\n"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ARTICLE)
def test_random_articles_validate(blank_nlp, tmp_path_factory, raw):
    text = normalize_text(raw)
    doc = blank_nlp(text)
    records = records_for(doc, SourceDocument(text=text, source_path="random.txt", sha256="0" * 64), pipeline_info(blank_nlp))
    outdir = tmp_path_factory.mktemp("out")
    with RecordWriter(outdir, RECORD_FILES) as writer:
        writer.write(records)
    count, errors = validate_outdir(outdir)
    assert errors == [] and count == sum(len(v) for v in records.values())
    for claim in records["claim"]:
        assert claim["text"] and text[claim["start"] : claim["end"]].strip() == text[claim["start"] : claim["end"]]
    _assert_report_is_sound(records)


def _assert_report_is_sound(records: dict) -> None:
    """The report of any record set parses, holds one button per marker and one item per
    endnote, and carries no markup but its own (one script, one style, no handlers)."""
    page = lxml.html.fromstring(render_report(records))
    assert len(page.xpath("//article//button")) == len(records["document"][0]["markers"])
    assert len(page.xpath("//ol[@class='notes']/li")) == len(records["footnote"])
    assert len(page.xpath("//script")) == 1 and len(page.xpath("//style")) == 1
    assert not [name for el in page.iter() if isinstance(el.tag, str) for name in el.attrib if name.startswith("on")]


# --- the sample article's records: the behaviours the issue names -----------------------

def test_all_39_markers_link_to_a_direct_claim(sample_records):
    direct = [n for c in sample_records["claim"] if c["support"] == "direct" for n in c["footnotes"]]
    assert sorted(direct) == list(range(1, 40))


def test_marker_after_closing_quote_stays_with_the_quote(sample_records):
    first = next(c for c in sample_records["claim"] if 1 in c["footnotes"] and c["support"] == "direct")
    assert first["text"].endswith("armored vehicles.”")
    follower = next(c for c in sample_records["claim"] if c["paragraph"] == 1)
    assert not follower["text"].startswith("[") and 1 not in follower["footnotes"]


def test_editorial_brackets_are_text_not_markers(sample_records):
    claim = next(c for c in sample_records["claim"] if "[the]" in c["text"])
    assert claim["support"] == "inherited" and claim["footnotes"] == [26]


def test_ibid_and_short_form_resolved(sample_records):
    notes = {f["n"]: f for f in sample_records["footnote"]}
    assert notes[4]["kind"] == "ibid" and notes[4]["refers_to"] == notes[3]["id"]
    short = notes[5]["sources"][0]
    assert short["type"] == "short" and short["short_form_of"] == notes[2]["sources"][0]["id"]
    claim = next(c for c in sample_records["claim"] if c["footnotes"] == [4] and c["support"] == "direct")
    assert claim["source_ids"] == [notes[3]["sources"][0]["id"]]


def test_impossible_date_kept_raw_and_flagged(sample_records):
    source = next(s for f in sample_records["footnote"] for s in f["sources"] if s["date_raw"] == "June 31, 2012")
    assert source["date"] is None and source["date_valid"] is False
    problems = sample_records["document"][0]["problems"]
    assert [p["code"] for p in problems] == ["invalid-date"] and problems[0]["footnote"] == 29


def test_no_heading_bio_or_boilerplate_claim(sample_records):
    document = sample_records["document"][0]
    excluded = [b for b in document["blocks"] if b["kind"] in ("heading", "bio", "boilerplate", "endnote")]
    for claim in sample_records["claim"]:
        assert not any(b["start"] <= claim["start"] < b["end"] for b in excluded), claim["text"]
    assert document["authors"] == ["Derek Henry Flood"] and document["title"] is None


# --- the golden snapshot: every record of the sample article through the default model ---------

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
REFRESH = "CTC_UPDATE_GOLDEN"


def _snapshot(records: dict) -> dict[str, str]:
    """The JSONL text of each record file, as ``run`` writes it, without what changes with
    versions (every ``schema_version``, the document's ``pipeline`` block) and with the source
    path relative to the repository (``corpus/…``), so the snapshot holds in any checkout."""
    files = {}
    for kind, name in RECORD_FILES.items():
        lines = []
        for record in copy.deepcopy(records[kind]):
            record.pop("schema_version")
            if kind == "document":
                record.pop("pipeline")
                record["source_path"] = Path(record["source_path"]).resolve().relative_to(ROOT).as_posix()
            lines.append(dumps(record) + "\n")
        files[name] = "".join(lines)
    return files


def test_sample_records_match_the_golden_snapshot(sample_records):
    current = _snapshot(sample_records)
    if os.environ.get(REFRESH) == "1":
        GOLDEN.mkdir(exist_ok=True)
        for name, text in current.items():
            (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
        pytest.skip(f"{REFRESH}=1: rewrote the golden snapshot in {GOLDEN}; review `git diff tests/golden/` and commit it")
    how = (f"if the change is intended, refresh the snapshot with `{REFRESH}=1 python -m pytest "
           f"tests/engine/test_doc_records.py -k golden`, review `git diff tests/golden/` and commit it")
    assert sorted(p.name for p in GOLDEN.glob("*.jsonl")) == sorted(current), f"the snapshot's files differ; {how}"
    for name, text in current.items():
        stored = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
        lines = text.splitlines()
        changed = next((i for i, (a, b) in enumerate(zip(stored, lines)) if a != b), min(len(stored), len(lines)))
        assert lines == stored, (
            f"tests/golden/{name} differs from the records of the sample at line {changed + 1} "
            f"({len(stored)} stored lines, {len(lines)} now): {how}"
        )

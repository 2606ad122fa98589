"""Golden tests: every stage's score against the hand-checked gold annotations is pinned — the
sample article and two held-out articles written independently of the code (other formats:
title and byline, hard-wrapped paragraphs, a "Notes" heading, straight quotes, books,
interviews, missing and uncited notes) — and the behaviours the issue names are asserted
directly on the sample's records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.commands.evaluate import evaluate_files
from pipeline.contract.records import RECORD_FILES

GOLD_DIR = Path(__file__).parent / "gold"

# Pinned scores: a drop in any of these is a regression. (stage, metric) -> minimum score.
PERFECT = {
    ("segment", "headings"): 1.0,
    ("segment", "boilerplate lines"): 1.0,
    ("segment", "author bio accuracy"): 1.0,
    ("segment", "authors accuracy"): 1.0,
    ("segment", "title accuracy"): 1.0,
    ("sentences", "body sentences"): 1.0,
    ("markers", "marker→sentence accuracy"): 1.0,
    ("claims", "support accuracy"): 1.0,
    ("claims", "footnotes accuracy"): 1.0,
    ("claims", "inherited sentences"): 1.0,
    ("endnotes", "kind accuracy"): 1.0,
    ("endnotes", "commentary accuracy"): 1.0,
    ("endnotes", "sources"): 1.0,
    ("endnotes", "Ibid. target accuracy"): 1.0,
    **{("endnote fields", f"{name} accuracy"): 1.0 for name in (
        "authors", "title", "outlet", "outlet_canonical", "date", "date_raw", "date_valid",
        "volume", "issue", "language", "short_form_of")},
}



def extraction(dates_found, date_values, quote_kinds, aliases_found, alias_pairs) -> dict:
    """Pins of the extraction stages; quotations, speakers, cues, TIMEX types and modifiers are
    perfect on all three articles, and no must-not-merge pair may ever share an entity."""
    return {
        ("dates", "found (recall) accuracy"): dates_found,
        ("dates", "precision accuracy"): 1.0,
        ("dates", "value accuracy"): date_values,
        ("dates", "timex_type accuracy"): 1.0,
        ("dates", "mod accuracy"): 1.0,
        ("quotes", "quotations"): 1.0,
        ("quotes", "kind accuracy"): quote_kinds,
        ("quotes", "speaker accuracy"): 1.0,
        ("quotes", "cue accuracy"): 1.0,
        ("entities", "gold aliases found accuracy"): aliases_found,
        ("entities", "alias pairs"): alias_pairs,
        ("entities", "must-not-merge kept apart accuracy"): 1.0,
    }


PINNED = {
    # Date misses: a year-less "February" takes the nearest earlier year (2012) by rule where the
    # narrative means 2013, "now" in a quote, dates counted from an event ("four months into").
    "ctc-sentinel-2013-flood-mali-serval": {**PERFECT, **extraction(0.96, 0.80, 1.0, 0.89, 0.83)},
    # One quotation ("break the will of [the] contributing countries.") is a judgement call
    # between fragment and statement.
    "heldout-1-somalia-shabaab": {**PERFECT, **extraction(0.92, 0.92, 0.87, 0.79, 0.66)},
    # One romanised Arabic title has no function word to tell its language by; most missed alias
    # pairs need knowledge the text does not give (a French acronym, an Arabic translation).
    "heldout-2-syria-hts": {**PERFECT, ("endnote fields", "language accuracy"): 0.95, **extraction(1.0, 1.0, 1.0, 0.82, 0.31)},
}
ROWS = [(name, key) for name, keys in PINNED.items() for key in sorted(keys)]


@pytest.fixture(scope="module")
def reports(model_nlp):
    return {name: evaluate_files(model_nlp, [GOLD_DIR / f"{name}.gold.json"]) for name in PINNED}


def test_every_gold_file_is_pinned():
    assert {p.name.removesuffix(".gold.json") for p in GOLD_DIR.glob("*.gold.json")} == set(PINNED)


@pytest.mark.parametrize("name,key", ROWS, ids=[f"{n}:{k[0]}:{k[1]}" for n, k in ROWS])
def test_pinned_scores(reports, name, key):
    report = reports[name]
    rows = {(r["stage"], r["metric"]): r for r in report["rows"]}
    assert key in rows, f"metric {key} is no longer reported"
    assert rows[key]["score"] >= PINNED[name][key], report["misses"]


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


def test_validate_passes_and_output_is_byte_identical(tmp_path, run_cli, sample_path):
    for name in ("a", "b"):
        assert run_cli("run", str(sample_path), "-o", str(tmp_path / name)).returncode == 0
    for file in RECORD_FILES.values():
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    result = run_cli("validate", str(tmp_path / "a"))
    assert result.returncode == 0, result.stdout
    assert "0 violations" in result.stdout
    lines = (tmp_path / "a" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(list(json.loads(line)) == sorted(json.loads(line)) for line in lines)

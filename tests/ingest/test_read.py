"""Real-document ingest on invented pages: zones that are never claims, metadata on the record,
notes that cannot be found, input names and formats; and the development set's CRS report giving
the same claim → note links as HTML and as Markdown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.engine.process import process
from pipeline.ingest.read import InputError, collect_inputs, make_document

DEV_DOCS = Path(__file__).resolve().parents[1] / "dev" / "docs"
PROSE = "The committee met in Washington to consider the bill and its amendments at length."

ESSAY_MD = f"""---
layout: post
title: "Rivers and Roads"
author: Jane Roe
date: 2019-03-04
tags: [essay]
---

# Rivers and Roads

Contents

- [Background](#background)
- [Findings](#findings)

## Background

{PROSE}[^1] The river rose in May.[^2]

Figure 1. Flood levels on the river, 2018–2019

Source: Army Corps of Engineers.

Jump to top

{{% include figure.html caption="River gauges at the ford" filename="gauges.png" %}}

## Bibliography

Doe, John. *Rivers of America*. New York: Press, 2001.

Smith, Ann. “Roads.” *Journal of Roads* 3 (2004): 1–20.

[^1]: Doe, *Rivers of America*, 12.
[^2]: Smith, “Roads,” 4.
"""

NOT_CLAIMS = ["layout", "Rivers of America. New York", "Journal of Roads 3", "Flood levels on the river", "Army Corps",
              "Jump to top", "Background Findings", "include", "River gauges"]


@pytest.fixture(scope="module")
def essay(blank_nlp):
    return process(ESSAY_MD, "essay.md", blank_nlp)


def test_front_matter_bibliography_contents_and_captions_are_never_claims(essay):
    claims = " ".join(c["text"] for c in essay["claim"])
    assert [c["text"] for c in essay["claim"]][:1] == [PROSE]
    for text in NOT_CLAIMS:
        assert text not in claims
    kinds = {essay["document"][0]["text"][b["start"]:b["end"]]: b["kind"] for b in essay["document"][0]["blocks"]}
    assert kinds["Figure 1. Flood levels on the river, 2018–2019"] == "caption"
    assert kinds["Source: Army Corps of Engineers."] == "caption"
    assert kinds["Jump to top"] == "navigation"
    assert kinds["Background"] in ("contents", "heading") and kinds["Doe, John. Rivers of America. New York: Press, 2001."] == "bibliography_entry"


def test_the_bibliography_is_parsed_into_sources_that_short_forms_resolve_to(essay):
    works = essay["document"][0]["bibliography"]
    assert [(w["id"].split(":")[1], w["title"], w["authors"]) for w in works] == [("b1", "Rivers of America", ["John Doe"]),
                                                                                  ("b2", "Roads", ["Ann Smith"])]
    assert [s["short_form_of"] for f in essay["footnote"] for s in f["sources"]] == [w["id"] for w in works]
    assert [c["source_ids"] for c in essay["claim"] if c["footnotes"]] == [[works[0]["id"]], [works[1]["id"]]]


def test_front_matter_is_the_record_metadata(essay):
    document = essay["document"][0]
    assert (document["title"], document["authors"], document["published"]) == ("Rivers and Roads", ["Jane Roe"], "2019-03-04")
    assert [document["text"][i["start"]:i["end"]] for i in document["italics"]][:2] == ["Rivers of America", "Journal of Roads"]


TABLE_OF_CONTENTS_TXT = f"""A Report on Roads

Updated May 1, 2024

Contents

Introduction

Findings

Introduction

{PROSE}[1]

Notes

[1] A note, 2001.
"""


def test_plain_text_contents_and_dateline(blank_nlp):
    records = process(TABLE_OF_CONTENTS_TXT, "report.txt", blank_nlp)
    document = records["document"][0]
    blocks = [(b["kind"], document["text"][b["start"]:b["end"]]) for b in document["blocks"]]
    assert blocks[:6] == [("title", "A Report on Roads"), ("dateline", "Updated May 1, 2024"), ("heading", "Contents"),
                          ("contents", "Introduction"), ("contents", "Findings"), ("heading", "Introduction")]
    assert document["published"] == "2024-05-01" and [c["text"] for c in records["claim"]] == [PROSE]


CONTENTS_NAMING_A_BIBLIOGRAPHY_MD = f"""# A Report on Bridges

## Contents

* [Introduction](#intro)
* [Further Reading](#reading)
* [Findings](#findings)

## Introduction

{PROSE}[^1]

## Findings

{PROSE}

## Further Reading

Doe, Jane. Bridges of the North. Northtown: Press, 2003.

[^1]: A note, 2001.
"""


def test_a_contents_list_naming_a_bibliography_stays_contents(blank_nlp):
    document = process(CONTENTS_NAMING_A_BIBLIOGRAPHY_MD, "report.md", blank_nlp)["document"][0]
    blocks = [(b["kind"], document["text"][b["start"]:b["end"]]) for b in document["blocks"]]
    assert blocks[1:5] == [("heading", "Contents"), ("contents", "Introduction"), ("contents", "Further Reading"),
                           ("contents", "Findings")]
    assert ("heading", "Further Reading") in blocks and blocks[-2][0] == "bibliography_entry"


def test_date_given_by_the_user_wins_and_unknown_dates_stay_null(blank_nlp):
    assert process(TABLE_OF_CONTENTS_TXT, "r.txt", blank_nlp, published="2024-06")["document"][0]["published"] == "2024-06"
    assert process(f"{PROSE}[1]\n\n[1] A note.\n", "r.txt", blank_nlp)["document"][0]["published"] is None


def test_markers_without_any_note_are_one_problem(blank_nlp):
    problems = process(f"{PROSE}[1] {PROSE}[2] {PROSE}[3]\n", "r.txt", blank_nlp)["document"][0]["problems"]
    assert [p["code"] for p in problems] == ["notes-not-found"] and "3 footnote markers" in problems[0]["message"]


def test_a_missing_note_among_found_ones_is_still_named(blank_nlp):
    note = "[1] Jane Roe, “A Title,” Wire, May 1, 2019."
    problems = process(f"{PROSE}[1] {PROSE}[2]\n\n{note}\n", "r.txt", blank_nlp)["document"][0]["problems"]
    assert [p["code"] for p in problems] == ["marker-without-endnote"]


@pytest.mark.parametrize("name", ["A.HTML", "b.htm", "c.xhtml", "d.markdown", "e.MD", "f.TXT"])
def test_suffixes_in_any_case_are_read(tmp_path, name):
    (tmp_path / name).write_text("<p>x</p>" if "htm" in name.lower() else "x", encoding="utf-8")
    skipped: list[Path] = []
    assert collect_inputs([tmp_path], skipped) == [tmp_path / name] and skipped == []


@pytest.mark.parametrize("name,data", [("report.pdf", b"%PDF-1.7\n\x00\x01"), ("notes.docx", b"PK\x03\x04\x00"),
                                       ("mystery.bin", b"%PDF-1.4 \x00")])
def test_unsupported_formats_are_named(name, data):
    with pytest.raises(InputError, match=r"unsupported format \.(pdf|docx) \(supported: \.txt, \.md, \.html\)"):
        make_document(data, name)


def test_standard_input_is_sniffed_and_named_by_its_content():
    page = make_document(b"<!DOCTYPE html><html><body><p>A claim here.<sup>1</sup></p></body></html>", "<stdin:x>")
    assert page.format == "html" and page.text.startswith("A claim here.[1]")
    assert make_document(b"<p>kept as text</p>", "<stdin:x>", fmt="txt").text == "<p>kept as text</p>"


def test_two_documents_piped_in_turn_keep_apart_and_skipped_files_are_counted(tmp_path):
    out = tmp_path / "out"
    for text in (f"{PROSE}[1]\n\n[1] One.\n", f"{PROSE}[1]\n\n[1] Two.\n"):
        result = subprocess.run([sys.executable, "-m", "pipeline", "run", "-", "-o", str(out), "--model", "blank:en", "-q"],
                                input=text.encode("utf-8"), capture_output=True, check=False)
        assert result.returncode == 0, result.stderr
    names = [json.loads(line)["source_path"] for line in (out / "documents.jsonl").read_text().splitlines()]
    assert len(set(names)) == 2 and all(n.startswith("<stdin:") for n in names)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{PROSE}\n", encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF")
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", str(folder), "-o", str(tmp_path / "o2"), "--model", "blank:en", "-q"],
                            capture_output=True, text=True, check=False)
    assert "not read   1" in result.stdout


def _links(nlp, path: Path) -> list[tuple[str, list[int]]]:
    records = process(path.read_bytes(), str(path), nlp)
    return [(" ".join(c["text"].split()), c["footnotes"]) for c in records["claim"] if c["footnotes"]]


@pytest.mark.parametrize("report,least", [("crs-R45210-farm-bills", 11), ("crs-R44467-drug-courts", 48), ("crs-R48632-national-alerts", 69)])
def test_a_crs_report_gives_the_same_claim_note_links_in_html_and_markdown(blank_nlp, report, least):
    if not (DEV_DOCS / f"{report}.md").exists():
        pytest.skip("the development set is not in this checkout")
    html_links = _links(blank_nlp, DEV_DOCS / f"{report}.html")
    assert len(html_links) >= least and html_links == _links(blank_nlp, DEV_DOCS / f"{report}.md")


def test_the_pipelines_segmenter_rules_reach_html_ingest():
    from pipeline.rules.resources import load_json

    page = b"<html><body><p>A claim that is long enough to be kept.[1]</p><h2>Sources Consulted</h2><ol><li>First source.</li></ol></body></html>"
    rules = {**load_json("segmenter.json"), "endnote_headings": ["sources consulted"]}
    assert "[1] First source." in make_document(page, "page.html", layout_rules=rules).text
    assert "[1] First source." not in make_document(page, "page.html").text

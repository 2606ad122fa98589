"""The fact-checker's HTML report (:mod:`pipeline.report.page`): nesting of annotations, the
sample's page against its records, inert rendering of hostile input, and writing the pages of an
output folder. (The ``report`` and ``run --html`` commands are tested in ``tests/commands/``.)"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.contract.records import RECORD_FILES
from pipeline.engine.doc_records import pipeline_info, records_for
from pipeline.ingest.read import read_document
from pipeline.report.page import (
    ARCHIVE_PAGE,
    Mark,
    ReportError,
    clip_to_atomic,
    date_title,
    file_name,
    render_report,
    render_span,
    write_reports,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INJECTION = FIXTURES / "injection-article.txt"


# --- render_span: annotations as nested elements ------------------------------------------

@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("plain", [], "plain"),
        ("a<b>&c", [], "a&lt;b&gt;&amp;c"),
        ("abcdef", [Mark(1, 3, 0, "<x>", "</x>")], "a<x>bc</x>def"),
        # nested: the lower rank encloses the higher one
        ("abcdef", [Mark(2, 3, 1, "<y>", "</y>"), Mark(0, 6, 0, "<x>", "</x>")], "<x>ab<y>c</y>def</x>"),
        # crossing: the higher rank is closed and reopened at the boundary
        ("abcdef", [Mark(0, 3, 0, "<x>", "</x>"), Mark(2, 5, 1, "<y>", "</y>")], "<x>ab<y>c</y></x><y>de</y>f"),
        # ``after`` comes once, at the mark's real end, not where a fragment is closed
        ("abcdef", [Mark(0, 3, 0, "<x>", "</x>"), Mark(2, 5, 1, "<y>", "</y>", "<b/>")], "<x>ab<y>c</y></x><y>de</y><b/>f"),
        # empty marks are ignored
        ("abc", [Mark(1, 1, 0, "<x>", "</x>")], "abc"),
    ],
)
def test_render_span_nests_and_escapes(text, marks, expected):
    assert render_span(text, 0, len(text), marks) == expected


def test_render_span_clips_marks_to_the_range():
    marks = [Mark(0, 10, 0, "<x>", "</x>", "!")]
    assert render_span("0123456789", 3, 6, marks) == "<x>345</x>"


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        # a mark ending inside an atomic one ends where the atomic one starts
        ([Mark(0, 4, 0, "<x>", "</x>"), Mark(2, 6, 5, "<b>", "</b>", atomic=True)], [(0, 2), (2, 6)]),
        # a mark starting inside an atomic one starts where it ends
        ([Mark(3, 9, 0, "<x>", "</x>"), Mark(2, 6, 5, "<b>", "</b>", atomic=True)], [(6, 9), (2, 6)]),
        # enclosing and disjoint marks are kept as they are; one left empty is dropped
        ([Mark(0, 9, 0, "<x>", "</x>"), Mark(7, 8, 1, "<y>", "</y>"), Mark(2, 6, 5, "<b>", "</b>", atomic=True)],
         [(0, 9), (7, 8), (2, 6)]),
        ([Mark(3, 6, 0, "<x>", "</x>"), Mark(2, 6, 5, "<b>", "</b>", atomic=True)], [(2, 6)]),
    ],
)
def test_clip_to_atomic_keeps_marker_buttons_whole(marks, expected):
    assert [(m.start, m.end) for m in clip_to_atomic(marks)] == expected


def test_a_speaker_crossing_a_marker_leaves_one_button_per_marker():
    marks = [Mark(0, 8, 2, "<i>", "</i>"), Mark(6, 12, 5, "<button>", "</button>", atomic=True)]
    assert render_span("March.[0, 0]", 0, 12, clip_to_atomic(marks)).count("<button>") == 1


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.ok = [], [], True

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        self.ok &= bool(self.stack) and self.stack.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="ab <>&\"'”“x", min_size=1, max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 5)), max_size=8),
)
def test_render_span_is_always_balanced_and_keeps_the_text(text, spans):
    tags = "abcdef"
    marks = [Mark(min(a, b), max(a, b), r, f"<{tags[r]}>", f"</{tags[r]}>") for a, b, r in spans]
    parser = _Balance()
    parser.feed(render_span(text, 0, len(text), marks))
    parser.close()
    assert parser.ok and parser.stack == []
    assert "".join(parser.text) == text


# --- the sample's report against its records -----------------------------------------------

@pytest.fixture(scope="module")
def sample_output(model_nlp, sample_path, tmp_path_factory) -> Path:
    """An output folder holding the sample article, and its report written from those files."""
    from pipeline.engine.batch import run

    out = tmp_path_factory.mktemp("sample") / "out"
    run(model_nlp, [sample_path], out)
    write_reports(out, out / "html")
    return out


@pytest.fixture(scope="module")
def sample_records(sample_output):
    """The sample's records as read back from the JSONL files the report was written from."""
    return {kind: [json.loads(line) for line in (sample_output / name).read_text(encoding="utf-8").splitlines()]
            for kind, name in RECORD_FILES.items()}


@pytest.fixture(scope="module")
def sample_page(sample_output):
    (page,) = (p for p in (sample_output / "html").iterdir() if p.name != ARCHIVE_PAGE)
    return lxml.html.fromstring(page.read_text(encoding="utf-8"))


def test_header_counts_match_claims_and_footnotes_jsonl(sample_records, sample_page):
    counts = {el.get("data-count"): int(el.xpath("string(.//span[@class='n'])")) for el in sample_page.xpath("//div[@data-count]")}
    support = Counter(c["support"] for c in sample_records["claim"])
    sources = [s for f in sample_records["footnote"] for s in f["sources"]]
    assert counts == {
        "claims": len(sample_records["claim"]),
        "claims-direct": support["direct"],
        "claims-inherited": support["inherited"],
        "claims-none": support["none"],
        "footnotes": len(sample_records["footnote"]),
        "sources": len(sources),
        "outlets": len({s["outlet_canonical"] or s["outlet"] or "(no outlet)" for s in sources}),
        "quotes": len(sample_records["quote"]),
        "entities": len(sample_records["entity"]),
        "problems": len(sample_records["document"][0]["problems"]),
    }
    assert counts["claims"] == 96 and counts["footnotes"] == 39


def test_every_claim_is_shaded_by_its_support(sample_records, sample_page):
    for claim in sample_records["claim"]:
        classes = {el.get("class") for el in sample_page.xpath(f"//article//span[@id='{claim['id'].split(':')[1]}']")}
        assert classes == {f"claim support-{claim['support']}"}


def test_every_marker_opens_the_notes_it_cites(sample_records, sample_page):
    document = sample_records["document"][0]
    buttons = sample_page.xpath("//article//button[contains(@class, 'marker')]")
    assert len(buttons) == len(document["markers"]) == 39
    by_number = {f["n"]: f["id"].split(":")[1] for f in sample_records["footnote"]}
    for button, marker in zip(buttons, document["markers"]):
        assert button.text_content() == marker["raw"]
        assert button.get("data-notes").split() == [by_number[n] for n in marker["numbers"]]
        assert button.get("data-missing") == ""


def test_endnotes_show_their_parsed_sources(sample_records, sample_page):
    for note in sample_records["footnote"]:
        item = sample_page.get_element_by_id(note["id"].split(":")[1])
        assert int(item.get("data-n")) == note["n"]
        outlets = [dd.text_content() for dd in item.xpath(".//dd[contains(@class, 'outlet')]")]
        assert len(outlets) == sum(1 for s in note["sources"] if s["outlet"])
        for source in note["sources"]:
            if source["outlet_canonical"]:
                assert any(o.startswith(source["outlet_canonical"]) for o in outlets)
            if source["date"] and source["date_valid"]:
                assert any(source["date"] in dd.text_content() for dd in item.xpath(".//dd[@class='date']"))


def test_flags_show_ibid_short_forms_and_invalid_dates(sample_records, sample_page):
    ibid = next(n for n in sample_records["footnote"] if n["kind"] == "ibid")
    item = sample_page.get_element_by_id(ibid["id"].split(":")[1])
    assert item.get("data-refers") == ibid["refers_to"].split(":")[1]
    assert "resolves to" in item.xpath("string(.//p[@class='resolution'])")
    invalid = [n for n in sample_records["footnote"] if any(s["date_valid"] is False for s in n["sources"])]
    assert invalid
    for note in invalid:
        flags = sample_page.get_element_by_id(note["id"].split(":")[1]).xpath(".//dd[@class='date invalid']/span[@class='flag']")
        assert [f.text_content() for f in flags] == ["invalid date, kept as written"]
    short = [s for n in sample_records["footnote"] for s in n["sources"] if s["short_form_of"]]
    assert len(sample_page.xpath("//dd[@class='resolved']")) == len(short) >= 1


@pytest.mark.parametrize(("date", "expected"), [
    ({"timex_type": "DATE", "value": "2013-02", "mod": None, "anchor": "2013", "anchor_kind": "narrative", "unresolved": None},
     "DATE 2013-02 · anchor 2013 (narrative)"),
    ({"timex_type": "DATE", "value": "2011-10-28", "mod": "END", "anchor": "2011-11-02", "anchor_kind": "published", "unresolved": None},
     "DATE 2011-10-28 END · anchor 2011-11-02 (published)"),
    ({"timex_type": "DURATION", "value": "P4M", "mod": None, "anchor": None, "anchor_kind": None, "unresolved": None},
     "DURATION P4M · as written"),
    ({"timex_type": "DATE", "value": None, "mod": None, "anchor": None, "anchor_kind": None, "unresolved": "no year is given"},
     "unresolved: no year is given"),
])
def test_a_date_shows_its_value_and_anchor(date, expected):
    assert date_title(date) == expected


def test_every_date_on_the_page_carries_its_value_and_anchor(sample_records, sample_page):
    spans = sample_page.xpath("//article//span[@class='date']")
    assert len(spans) == len(sample_records["date"]) > 0
    for span, date in zip(spans, sorted(sample_records["date"], key=lambda d: d["start"]), strict=True):
        assert (span.get("title"), span.get("data-value"), span.get("data-anchor")) == (
            date_title(date), date["value"] or "", date["anchor"] or "")


def test_quotes_carry_speaker_and_cue(sample_records, sample_page):
    badges = [el.text_content() for el in sample_page.xpath("//article//span[starts-with(@class, 'quote-by')]")]
    expected = [(f"{q['speaker']['text']}" if q["speaker"] else "unattributed") + (f" ({q['cue']['text']})" if q["cue"] else "")
                for q in sample_records["quote"]]
    assert badges == expected


def test_entity_panel_lists_every_entity_with_its_mentions(sample_records, sample_page):
    buttons = sample_page.xpath("//ul[@id='entity-list']//button")
    assert len(buttons) == len(sample_records["entity"])
    mentions = Counter(el.get("data-entity") for el in sample_page.xpath("//span[contains(@class, 'ent ') and @data-entity]"))
    for entity in sample_records["entity"]:
        eid = entity["id"].split(":")[1]
        assert mentions[eid] == len(entity["mentions"])


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_admits_only_the_page_s_own_script_and_style(sample_page):
    policy = sample_page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    (script,), (style,) = sample_page.xpath("//script"), sample_page.xpath("//style")
    assert "default-src 'none'" in policy
    assert f"script-src {_csp_hash(script.text)};" in policy and f"style-src {_csp_hash(style.text)};" in policy
    assert not sample_page.xpath("//*[@src] | //link[@rel='stylesheet']")


# --- hostile input renders as text -------------------------------------------------------

@pytest.fixture(scope="module")
def injection_html(model_nlp):
    source = read_document(INJECTION)
    return render_report(records_for(model_nlp(source.text), source, pipeline_info(model_nlp)))


def test_injected_markup_renders_as_text(injection_html):
    page = lxml.html.fromstring(injection_html)
    assert len(page.xpath("//script")) == 1 and len(page.xpath("//style")) == 1
    assert not page.xpath("//img | //iframe | //object | //embed | //form | //body//style | //body//meta")
    handlers = [(el.tag, name) for el in page.iter() if isinstance(el.tag, str) for name in el.attrib if name.lower().startswith("on")]
    assert handlers == []
    links = page.xpath("//a/@href")
    assert all(href.startswith(("#", "http")) for href in links), links
    text = page.text_content()
    for hostile in ("<script>window.__pwned", "onerror=window.__pwned='attr'", "javascript:alert(document.cookie)",
                    "<style>body{display:none}</style>", "<iframe src="):
        assert hostile in text


def test_a_javascript_url_is_shown_not_linked():
    from pipeline.report.page import _url

    assert _url("javascript:alert(1)") == "<code>javascript:alert(1)</code>"
    assert _url("JAVASCRIPT:alert(1)").startswith("<code>")
    assert _url('https://example.org/a?b=1&c="d"') == (
        '<a href="https://example.org/a?b=1&amp;c=&quot;d&quot;" rel="noopener noreferrer nofollow">'
        "https://example.org/a?b=1&amp;c=&quot;d&quot;</a>"
    )


def test_unknown_labels_and_ids_cannot_escape_their_attributes():
    records = {
        "document": [{
            "doc_id": "d", "text": "Zed met Ann.", "title": None, "authors": [], "source_path": "x.txt", "format": "text",
            "problems": [], "markers": [], "blocks": [{"kind": "body", "start": 0, "end": 12}],
            "pipeline": {"package": "p", "version": "0", "spacy_model": "m", "spacy_model_version": "0"},
        }],
        "entity": [{"id": 'd:e1" onclick="x', "label": 'X" onmouseover="y', "canonical": "Zed", "aliases": [{"text": "Zed", "count": 1}],
                    "mentions": [{"start": 0, "end": 3, "text": "Zed"}]}],
    }
    page = lxml.html.fromstring(render_report(records))
    assert not [name for el in page.iter() if isinstance(el.tag, str) for name in el.attrib if name.startswith("on")]
    assert page.xpath("//article//span/@class") == ["ent ent-OTHER"]


@pytest.mark.parametrize("path", sorted((FIXTURES.parent / "heldout").glob("*.txt")) + sorted(FIXTURES.glob("sample-article.*")),
                         ids=lambda p: p.name)
def test_other_articles_and_formats_render_every_marker_and_note(path, blank_nlp):
    source = read_document(path)
    records = records_for(blank_nlp(source.text), source, pipeline_info(blank_nlp))
    page = lxml.html.fromstring(render_report(records))
    markers = records["document"][0]["markers"]
    assert len(page.xpath("//article//button")) == len(markers) > 10
    assert [li.get("data-n") for li in page.xpath("//ol[@class='notes']/li")] == [str(f["n"]) for f in records["footnote"]]
    headings = [b for b in records["document"][0]["blocks"] if b["kind"] == "heading"]
    assert len(page.xpath("//article/h3")) == len(headings)


# --- writing reports --------------------------------------------------------------------

def test_file_names_add_the_document_id_only_when_stems_clash():
    assert file_name("a/report.txt", "abc", set()) == "report.html"
    assert file_name("a/report.txt", "abc", {"report"}) == "report-abc.html"
    assert file_name("a/<odd> name!.md", "abc", set()) == "odd_name.html"


def test_a_long_input_name_gives_a_short_distinct_report_name():
    first, second = (file_name(f"a/{'x' * 240}{end}.txt", "abc", set()) for end in "12")
    assert len(first.encode()) <= 120 and len(second.encode()) <= 120 and first != second
    assert first.startswith("x" * 80) and first.endswith(".html")


def _outdir(tmp_path: Path, blank_nlp, *texts: tuple[str, str]) -> Path:
    from pipeline.engine.batch import run

    inputs = tmp_path / "in"
    for name, text in texts:
        (inputs / name).parent.mkdir(parents=True, exist_ok=True)
        (inputs / name).write_text(text, encoding="utf-8")
    run(blank_nlp, [inputs], tmp_path / "out")
    return tmp_path / "out"


ARTICLE = "A claim about a port.[1]\n\nNotes\n\n[1] Ana Lopes, \"Port Story,\" Coastal Wire, May 2, 2020.\n"


def test_write_reports_names_one_page_per_document(tmp_path, blank_nlp):
    out = _outdir(tmp_path, blank_nlp, ("one/story.txt", ARTICLE), ("two/story.txt", ARTICLE + "More.\n"), ("other.md", ARTICLE))
    written = write_reports(out, tmp_path / "pages")
    assert written[-1].name == ARCHIVE_PAGE
    names = sorted(p.name for p in written[:-1])
    assert len(names) == 3 and "other.html" in names and all(n.startswith("story-") for n in names if n != "other.html")
    assert all(p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") for p in written)
    umask = os.umask(0)
    os.umask(umask)
    assert {p.stat().st_mode & 0o777 for p in written} == {0o666 & ~umask}, "the permissions of any new file, not mkstemp's 0600"
    with pytest.raises(ReportError, match="holds 3 documents"):
        write_reports(out, tmp_path / "one.html")


def test_records_older_than_the_marker_list_are_refused(tmp_path, blank_nlp):
    out = _outdir(tmp_path, blank_nlp, ("story.txt", ARTICLE))
    documents = out / "documents.jsonl"
    record = json.loads(documents.read_text(encoding="utf-8"))
    record["schema_version"] = "1.1"
    documents.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(ReportError, match="schema 1.1.*run --force"):
        write_reports(out, tmp_path / "pages")

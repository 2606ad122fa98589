"""Markdown and HTML inputs: the converters on small invented pages, and the sample article's
Markdown and HTML renderings giving the same claims, footnotes and sources as its plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.engine.doc_records import pipeline_info, records_for
from pipeline.engine.process import make_doc
from pipeline.ingest.formats import Block, join_run_on
from pipeline.ingest.markdown import front_matter
from pipeline.ingest.read import make_document, read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _text(source: str, name: str) -> str:
    return make_document(source.encode("utf-8"), name).text


MARKDOWN = [
    ("# Title\n\nA claim.[^1] More *text* and **bold**.\n\n[^1]: “Raid,” Wire, 2019.\n",
     "Title\n\nA claim.[1] More text and bold.\n\n[1] “Raid,” Wire, 2019.\n"),
    ("Text with a [link](https://x.org/a_(b)) and [^a].\n\n[^a]: First line\n    continued here.\n",
     "Text with a link and [1].\n\n[1] First line continued here.\n"),
    ("- item one[12]\n- item two\n\n> quoted line\n", "item one[12]\n\nitem two\n\nquoted line\n"),
    ("Al-Qa`ida and Shari`a keep their backticks; snake_case_words stay.\n",
     "Al-Qa`ida and Shari`a keep their backticks; snake_case_words stay.\n"),
    ("---\nlayout: post\ntitle: \"An Essay\"\nauthor: Jane Roe\ndate: 2019-03-04\n---\n\n### Heading ###\n\nSmelter[1](https://x.gov/r.html#fn1) works&#58; <u>yes</u>.\n\n<center>Notes</center>\n",
     "Heading\n\nSmelter[1] works: yes.\n\nNotes\n"),
    ("Body.\n\n|  |  |\n| --- | --- |\n| [1](https://x.gov/r.html#ifn1). | A *Book*, 2001. |\n",
     "Body.\n\n[1] A Book, 2001.\n"),
    ("A claim.<sup>2</sup>\n\n| Year | Votes |\n| --- | --- |\n| 1965 | 219-150 |\n",
     "A claim.[2]\n\nYear | Votes\n\n1965 | 219-150\n"),
    ("Late.[^5] Early.[^2] Named.[^b] Again.[^5]\n\n[^2]: Two.\n\n[^5]: Five.\n\n[^b]: Bee.\n",
     "Late.[1] Early.[2] Named.[3] Again.[1]\n\n[1] Five.\n\n[2] Two.\n\n[3] Bee.\n"),
    ("A claim.[^1]\n\n[^1]: First paragraph.\n\n    Second paragraph, indented.\n\nBody again.\n",
     "A claim.[1]\n\nBody again.\n\n[1] First paragraph. Second paragraph, indented.\n"),
    ("{% include toc.html %}\n\nSee [the data]({{ site.baseurl }}/a.csv).\n\n{% include figure.html caption=\"A plot\" %}\n\nEnd.\n",
     "See the data.\n\nEnd.\n"),
    ("See the [Useful\nResources](#res) section.\n", "See the Useful Resources section.\n"),
    ("A *Notice**: Of a Rule*, the *Land Act* *Ame**nded*, 2 * 3, \\*kept\\* and **bold**.\n",
     "A Notice: Of a Rule, the Land Act Amended, 2 * 3, *kept* and bold.\n"),
]


@pytest.mark.parametrize("source,expected", MARKDOWN, ids=["footnotes-emphasis", "links-labels", "lists-quotes", "backticks",
                                                         "front-matter-entities-html", "notes-table", "data-table",
                                                         "notes-numbered-as-read", "note-of-two-paragraphs", "liquid-tags",
                                                         "line-break-in-link",
                                                         "stray-emphasis-marks"])
def test_markdown_layout(source, expected):
    assert _text(source, "a.md") == expected


def test_markdown_front_matter_is_metadata_and_italics_are_hints():
    source = "---\ntitle: 'An Essay'\nauthors:\n  - Jane Roe\n  - John Doe\ndate: March 4, 2019\n---\n\nSee *The Book*.[^1]\n\n[^1]: Roe, *A Title*, 2001.\n"
    document = make_document(source.encode("utf-8"), "a.md")
    assert document.metadata == {"title": "An Essay", "authors": ["Jane Roe", "John Doe"], "published": "2019-03-04"}
    assert [document.text[s:e] for s, e in document.hints["italics"]] == ["The Book", "A Title"]
    assert "layout" not in document.text and "title" not in document.text


NOTE_LINKS = [
    pytest.param("A claim.[^1]\n\n[^1]: Port Board, “[Tide Rules](https://port.example.org/rules),” 2019.\n", "a.md",
                 [("Tide Rules", "https://port.example.org/rules")], id="markdown-footnote"),
    pytest.param("A claim.[1](https://port.example.org/r.html#fn1)\n\n|  |  |\n| --- | --- |\n"
                 "| [1](https://port.example.org/r.html#ifn1). | See the “[Tides](https://port.example.org/r.html#_Ref9)” section; "
                 "and [Ferry Notes](https://ferry.example.org/n). |\n", "a.md",
                 [("Ferry Notes", "https://ferry.example.org/n")], id="markdown-notes-table-own-page-dropped"),
    pytest.param('<html><body><p>A claim.<sup><a href="#fn1">1</a></sup></p><ol class="footnotes"><li id="fn1">Port Board, '
                 '<a href="//port.example.org/rules"><em>Tide Rules</em></a>, 2019; see <a href="#sec">above</a>.</li></ol></body></html>',
                 "a.html", [("Tide Rules", "https://port.example.org/rules")], id="html-note-protocol-relative"),
]


@pytest.mark.parametrize("source,name,expected", NOTE_LINKS)
def test_links_inside_notes_are_hints_with_their_targets(source, name, expected):
    document = make_document(source.encode("utf-8"), name)
    assert [(document.text[s:e], url) for s, e, url in document.hints["hrefs"]] == expected


@pytest.mark.parametrize("front,expected", [
    ("title: |\n    A Folded\n    Title\nlayout: post\n", {"title": "A Folded Title"}),
    ("title: >-\n  One Line\nabstract: |\n  Not the title.\ndate: 2017-09-13\n", {"title": "One Line", "abstract": "Not the title.", "date": "2017-09-13"}),
    ("tags: [a, b]\nauthors:\n    - Jane Roe\n", {"tags": ["a", "b"], "authors": ["Jane Roe"]}),
])
def test_front_matter_block_scalars_and_lists(front, expected):
    assert {k: v for k, v in front_matter(front).items() if k in expected} == expected


LONG = "The committee met in Washington to consider the bill and its amendments at length over two days."
HTML_PAGES = [
    ("marker-links", '<html><body><p>A claim.<sup><a href="#n1">1</a></sup> Another.<sup>[2]</sup> Range.<sup>4–6</sup></p>'
     '<ol><li id="n1">“Raid,” Wire, 2019. <a href="#r1">↑</a></li><li id="n2">Second note.</li></ol></body></html>',
     ["A claim.[1] Another.[2] Range.[4–6]", "[1] “Raid,” Wire, 2019.", "[2] Second note."]),
    ("notes-heading", "<html><body><p>Claim.[1]</p><h2>Notes</h2><ol start=\"1\"><li>First.</li><li>Second.</li></ol></body></html>",
     ["Claim.[1]", "Notes", "[1] First.", "[2] Second."]),
    ("crs-table", '<div><h1>A Report</h1><div>Updated May 1, 2024 (R1)<br><a href="#Content">Jump to Main Text of Report</a></div>'
     '<h2><a name="_Toc1"></a>Introduction</h2><p>Alerts save lives.<sup><a href="#fn1" name="ifn1">1</a></sup></p>'
     '<h2>Footnotes</h2><table><tr><td><a href="#ifn1" name="fn1">1</a>.</td><td><p> FEMA, <em>Alerts</em>, 2020.</p></td></tr></table></div>',
     ["A Report", "Updated May 1, 2024 (R1) Jump to Main Text of Report", "Introduction", "Alerts save lives.[1]", "Footnotes",
      "[1] FEMA, Alerts, 2020."]),
    ("pandoc-section", '<html><body><p>Text.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></p>'
     '<section class="footnotes" role="doc-endnotes"><hr><ol><li id="fn1"><p>A note.<a href="#fnref1" class="footnote-back">↩︎</a></p></li></ol></section></body></html>',
     ["Text.[1]", "[1] A note."]),
    ("mediawiki", '<html><body><p>Fact.<sup id="cite_ref-a_3-0" class="reference"><a href="#cite_note-a-3">[3]</a></sup></p>'
     '<h2>References</h2><ol class="references"><li id="cite_note-a-3"><span class="mw-cite-backlink"><b><a href="#cite_ref-a_3-0">^</a></b></span> '
     '<span class="reference-text"><style>.cs1{color:red}</style><cite class="citation">Doe, J. (2001). "Title". <i>Journal</i>.</cite></span></li></ol></body></html>',
     ["Fact.[3]", "References", '[3] Doe, J. (2001). "Title". Journal.']),
    ("text-box", '<html><body><p>Intro text.</p><table><tr><td><strong>Box Title</strong></td></tr><tr><td><p>Inside the box.<sup>1</sup></p></td></tr></table>'
     '<table><tr><td>Year</td><td>Votes</td></tr><tr><td>1965</td><td>219</td></tr></table><h3>Notes</h3><ol><li>A note.</li></ol></body></html>',
     ["Intro text.", "Box Title", "Inside the box.[1]", "Year | Votes", "1965 | 219", "Notes", "[1] A note."]),
    ("space-only-italics", f"<html><body><p>{LONG} It shifted its<em><span> formal</span></em><em> </em>course.</p></body></html>",
     [f"{LONG} It shifted its formal course."]),
    ("repeated-headings-hidden-formulas", f'<html><body><h3>Laws</h3><p>{LONG}</p><h3>Laws</h3><p>{LONG} Of '
     '<img class="mwe-math-fallback-image-inline" alt="x_{j}" src="f.svg">.<span style="display: none">hidden</span></p>'
     '<ul><li><a href="https://a.org">A Resource Guide</a> https://a.org</li></ul></body></html>',
     ["Laws", LONG, "Laws", f"{LONG} Of x_{{j}}.", "A Resource Guide https://a.org"]),
]


@pytest.mark.parametrize("name,page,expected", HTML_PAGES, ids=[p[0] for p in HTML_PAGES])
def test_html_layout(name, page, expected):
    assert _text(page, "page.html").split("\n\n") == [*expected[:-1], expected[-1] + "\n"]


def test_html_hints_mark_headings_and_link_lists():
    page = f'<html><body><h2>Further reading</h2><ul><li><a href="https://a.org">A Guide</a></li></ul><p>{LONG}</p></body></html>'
    document = make_document(page.encode("utf-8"), "page.html")
    span = lambda key: [document.text[s:e] for s, e in document.hints[key]]
    assert span("headings") == ["Further reading"] and span("links") == ["A Guide"]


def test_a_heading_over_a_list_of_links_survives_extraction():
    page = (f'<html><body><div><h2>Contents</h2><ul><li><a href="#s1">Background</a></li></ul><div><h2>Tables</h2><ul>'
            '<li><a href="#t1">Table 1. Harbour Tolls, 2001-2009</a></li><li><a href="#t2">Table 2. Ferry Crossings</a></li></ul></div></div>'
            f'<div><h2 id="s1">Background</h2><p>{LONG}</p></div></body></html>')
    document = make_document(page.encode("utf-8"), "page.html")
    span = lambda key: [document.text[s:e] for s, e in document.hints[key]]
    assert "Tables" in span("headings") and "Table 2. Ferry Crossings" in span("links")


RESOURCE_ITEMS = [
    pytest.param('<li>The Harbour Toolkit <a href="https://t.org/kit/">https://t.org/kit/</a></li>', True, id="name-and-its-address"),
    pytest.param('<li>The toolkit was released in May. <a href="https://t.org/kit/">https://t.org/kit/</a></li>', False,
                 id="a-sentence-before-the-address"),
    pytest.param('<li>The Harbour Toolkit, <a href="https://t.org/kit/">its home page</a></li>', False, id="link-text-not-a-url"),
]


@pytest.mark.parametrize("item,is_link", RESOURCE_ITEMS)
def test_a_list_item_naming_a_resource_and_its_address_is_a_link_item(item, is_link):
    page = f"<html><body><p>{LONG}</p><h2>Software</h2><ul>{item}<li>Another item of the list, a sentence of some length.</li></ul></body></html>"
    document = make_document(page.encode("utf-8"), "page.html")
    assert bool([document.text[s:e] for s, e in document.hints["links"]]) is is_link


def test_a_wiki_page_is_dated_by_its_revision():
    page = ('<html><head><meta name="generator" content="MediaWiki 1.35">'
            '<script type="application/ld+json">{"datePublished": "2013-06-23T20:26:06Z", "dateModified": "2019-10-25T15:47:35Z"}</script>'
            "</head><body><p>Some text that is long enough to be kept by the extraction.</p></body></html>")
    assert make_document(page.encode("utf-8"), "page.html").metadata["published"] == "2019-10-25"


def test_html_metadata_is_read_from_json_ld_and_meta():
    page = ('<html><head><title>An Essay | Site</title><meta name="author" content="Jane Roe">'
            '<script type="application/ld+json">{"@type": "Article", "datePublished": "2019-03"}</script></head>'
            "<body><h1>An Essay</h1><p>Some text that is long enough to be kept by the extraction.</p></body></html>")
    document = make_document(page.encode("utf-8"), "page.html")
    assert document.metadata["published"] == "2019-03" and document.metadata["authors"] == ["Jane Roe"]


def _records(model_nlp, path: Path) -> dict:
    source = read_document(path)
    return records_for(model_nlp(make_doc(model_nlp, source)), source, pipeline_info(model_nlp))


def _content(records: dict) -> dict:
    squash = lambda text: " ".join(text.split())
    fields = ("authors", "title", "outlet", "outlet_canonical", "date", "date_valid", "volume", "issue", "language")
    return {
        "claims": [(squash(c["text"]), c["support"], c["footnotes"]) for c in records["claim"]],
        "footnotes": [(f["n"], f["kind"], [tuple(str(s[k]) for k in fields) for s in f["sources"]]) for f in records["footnote"]],
        "quotes": [(squash(q["text"]), q["kind"]) for q in records["quote"]],
    }


@pytest.mark.parametrize("rendering", ["sample-article.md", "sample-article.html"])
def test_renderings_of_the_sample_give_the_same_claims_and_sources(model_nlp, sample_records, rendering):
    plain = _content(sample_records)  # the plain text's records, as read_document and the model give them
    other = _content(_records(model_nlp, FIXTURES / rendering))
    assert other["claims"] == plain["claims"]
    assert other["footnotes"] == plain["footnotes"]
    assert other["quotes"] == plain["quotes"]


def test_html_page_drops_navigation_scripts_and_signup(sample_path):
    text = read_document(FIXTURES / "sample-article.html").text
    for junk in ("Publications", "Share:", "Stay Informed", "Sign up", "Privacy Policy", "dataLayer", "Tracking note", "↑"):
        assert junk not in text
    assert text.startswith("Mali’s Crisis") and "[39] Djamila Ould Khettab" in text


RUN_ON = [
    (["The plan has parts involving", "roads and bridges,", "*schools*; and", "clinics.[4]", "Next paragraph."],
     ["The plan has parts involving roads and bridges, *schools*; and clinics.[4]", "Next paragraph."]),
    (["The plan includes", "roads, or", "bridges.”[2][3]"], ["The plan includes roads, or bridges.”[2][3]"]),
    (["A heading like this", "Body text follows here."], ["A heading like this", "Body text follows here."]),
    (["The list never ends", "roads,", "bridges,"], ["The list never ends", "roads,", "bridges,"]),
    (["Ends with a colon:", "roads,", "bridges."], ["Ends with a colon:", "roads,", "bridges."]),
    (["A lead in the lower case", "Roads,", "bridges."], ["A lead in the lower case", "Roads,", "bridges."]),
]


@pytest.mark.parametrize("texts,expected", RUN_ON, ids=["items", "or-and-markers", "no-items", "no-full-stop", "colon", "capital-item"])
def test_a_sentence_running_on_into_a_list_is_one_block(texts, expected):
    blocks = [Block("body", t.replace("*", ""), [(t.index("*"), t.rindex("*") - 1)] if "*" in t else []) for t in texts]
    joined = join_run_on(blocks)
    assert [b.text for b in joined] == [t.replace("*", "") for t in expected]
    assert [joined[0].text[s:e] for s, e in joined[0].italics] == (["schools"] if "*" in expected[0] else [])

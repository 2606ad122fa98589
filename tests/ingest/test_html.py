"""Preparing an HTML page (``pipeline.ingest.html``): elements replaced by text in place, markers
turned into ``[N]``, on pages of thousands of them. Every page below is invented."""

from __future__ import annotations

import pytest
from lxml import html

from pipeline.ingest.html import _markers, _replace, _unwrap

REPLACED = [
    # (fragment, tags of the elements replaced, their text, the fragment after)
    ("<p>A<b>x</b>B<i>y</i>C</p>", ["b"], "1", "<p>A1B<i>y</i>C</p>"),
    ("<p><b>x</b>B<i>y</i>C</p>", ["b", "i"], "-", "<p>-B-C</p>"),
    ("<p>A<i>y</i><b>x</b><b>z</b>D<u>k</u>E</p>", ["b"], "2", "<p>A<i>y</i>22D<u>k</u>E</p>"),
    ("<p>A<i>y</i>B<b>x</b></p>", ["b"], "", "<p>A<i>y</i>B</p>"),
    ("<div><p>A<b>x<b>z</b></b>B</p><b>q</b>C</div>", ["b"], "3", "<div><p>A3B</p>3C</div>"),
]


@pytest.mark.parametrize(("fragment", "tags", "text", "expected"), REPLACED)
def test_replace_puts_each_text_where_its_element_stood(fragment, tags, text, expected):
    root = html.fragment_fromstring(fragment)
    _replace([(e, text) for tag in tags for e in root.iter(tag)])
    assert html.tostring(root, encoding="unicode") == expected


UNWRAPPED = [
    # (fragment, tags of the elements unwrapped, the fragment after): as lxml's drop_tag, one element at a time
    ("<p>A<a>x</a>B</p>", ["a"], "<p>AxB</p>"),
    ("<p><a>x<b>y</b>z</a>B<a></a>C<i>k</i></p>", ["a"], "<p>x<b>y</b>zBC<i>k</i></p>"),
    ("<p>A<i>k</i>B<a>x<b>y</b></a>C</p>", ["a"], "<p>A<i>k</i>Bx<b>y</b>C</p>"),
    ("<div><p>A<a>x<a>y</a>z</a>B</p><a>q</a>C</div>", ["a"], "<div><p>AxyzB</p>qC</div>"),
    ("<div>A<span>s<a>x</a>t</span>B</div>", ["span", "a"], "<div>AsxtB</div>"),
]


@pytest.mark.parametrize(("fragment", "tags", "expected"), UNWRAPPED)
def test_unwrap_keeps_text_and_children_in_place(fragment, tags, expected):
    one_at_a_time = html.fragment_fromstring(fragment)
    for element in [e for tag in tags for e in one_at_a_time.iter(tag)]:
        element.drop_tag()
    root = html.fragment_fromstring(fragment)
    _unwrap([e for tag in tags for e in root.iter(tag)])
    assert html.tostring(root, encoding="unicode") == html.tostring(one_at_a_time, encoding="unicode") == expected


def test_thousands_of_name_anchors_in_a_paragraph_are_unwrapped():
    """20,000 anchors: lxml's drop_tag, one at a time, took 184 s; one pass per parent now."""
    root = html.fragment_fromstring("<p>Start." + "".join(f'<a name="a{k}">w{k % 10}</a> x' for k in range(20_000)) + "</p>")
    _unwrap(root.xpath("//a"))
    assert html.tostring(root, encoding="unicode") == "<p>Start." + "".join(f"w{k % 10} x" for k in range(20_000)) + "</p>"


def test_a_paragraph_of_thousands_of_sup_markers_becomes_their_numbers():
    """30,000 markers: replaced one at a time, each removal re-joined the paragraph's text so far
    (quadratic, 26 s at 50,000); now one join per paragraph."""
    sups = "".join(f'<sup><a href="#fn{k % 3 + 1}">{k % 3 + 1}</a></sup>' for k in range(30_000))
    notes = "".join(f'<li id="fn{k}">Note {k}.</li>' for k in (1, 2, 3))
    root = html.document_fromstring(f"<html><body><p>The port closed.{sups} Then</p><ol>{notes}</ol></body></html>")
    targets, own = _markers(root)
    (paragraph,) = root.iter("p")
    assert html.tostring(paragraph, encoding="unicode") == "<p>The port closed." + "[1][2][3]" * 10_000 + " Then</p>"
    assert targets == {"fn1": "1", "fn2": "2", "fn3": "3"} and own == set()


def test_a_bare_link_to_a_note_is_a_marker_unless_its_target_went_with_a_replaced_link():
    page = ('<html><body><p>One.<a href="#fn1">1</a> Two.<a href="#fn2" id="fn9">2</a> Three.<a href="#fn9">3</a></p>'
            '<ol><li id="fn1">Note.</li><li id="fn2">Other.</li></ol></body></html>')
    root = html.document_fromstring(page)
    targets, own = _markers(root)
    (paragraph,) = root.iter("p")
    assert paragraph.text_content() == "One.[1] Two.[2] Three.3" and targets == {"fn1": "1", "fn2": "2"} and own == {"fn9"}

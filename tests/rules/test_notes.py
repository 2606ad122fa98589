"""The italic-title hint of :mod:`pipeline.rules.notes` on invented notes."""

from __future__ import annotations

import pytest

from pipeline.rules.notes import parse_with_italics, with_link_targets


def _fix(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A note written with ``*…*`` round its italic spans: the text and the spans."""
    parts = marked.split("*")
    text, spans = parts[0], []
    for k, piece in enumerate(parts[1:], 1):
        if k % 2:
            spans.append((len(text), len(text) + len(piece)))
        text += piece
    return text, spans


ITALIC_NOTES = [
    pytest.param("Ortal, *Rivers and Roads*, 12.", "Rivers and Roads", ["Ortal"], id="short-form-book"),
    pytest.param("Marta Vell, *Harbours of the North*, vol. 2, 2011.", "Harbours of the North", ["Marta Vell"], id="author-and-book"),
    pytest.param("Office of Ports, *Notice of Rules: In the Matter of Harbours*, August 4, 2004.",
                 "Notice of Rules: In the Matter of Harbours", ["Office of Ports"], id="agency-document"),
    pytest.param("Harbourwise, *Ferry Rules of the North*, May 2019, https://example.org/f.pdf.", "Ferry Rules of the North",
                 ["Harbourwise"], id="one-word-name-then-italic-title-not-an-inverted-name"),
    pytest.param("Port Authority, *Tidal* *Survey* *Methods*, 2019.", "Tidal Survey Methods", ["Port Authority"], id="italics-word-by-word"),
    pytest.param("Marta Vell, *Harbours* *of the North*, 2011.", "Harbours of the North", ["Marta Vell"],
                 id="italic-runs-apart-by-a-space-are-one-title"),
    pytest.param("HBA, *Order*: In the Matter of *Harbour Rules*, May 2, 2019, p. 3.", "Order: In the Matter of Harbour Rules",
                 ["HBA"], id="italic-runs-apart-by-upright-words-open-and-close-one-title"),
    pytest.param("HBA, *Order*: In the Matter of Harbour Rules, May 2, 2019, p. 3.", "Order: In the Matter of Harbour Rules",
                 ["HBA"], id="italic-title-with-an-upright-subtitle"),
]


@pytest.mark.parametrize("marked,title,authors", ITALIC_NOTES)
def test_an_italic_span_is_the_title_the_grammar_did_not_find(grammar, marked, title, authors):
    text, spans = _fix(marked)
    source = parse_with_italics(text, grammar, spans).sources[0]
    assert (source.title, source.authors) == (title, authors)
    assert source.raw == text[source.start : source.end] and "“" not in source.raw


TITLE_FOUND = [
    pytest.param("Ben Ortal, “Rivers and *Roads*,” Harbour Gazette, May 4, 2012.", "Rivers and Roads", id="quoted-title-kept"),
    pytest.param("Ibid., *12*.", None, id="ibid-untouched"),
    pytest.param("This view is argued at length elsewhere, with *much* care.", None, id="emphasis-in-commentary"),
]


@pytest.mark.parametrize("marked,title", TITLE_FOUND)
def test_italics_change_nothing_where_the_grammar_reads_the_note(grammar, marked, title):
    text, spans = _fix(marked)
    parsed = parse_with_italics(text, grammar, spans)
    assert [s.title for s in parsed.sources][:1] == ([title] if title else [])


PUBLISHED = [
    pytest.param("Dana Voss, *Ferry Safety in Ports*, Harbour Research Institute, May 2014, p. 2, https://example.org/ferry.pdf.",
                 None, "Harbour Research Institute", id="institution-after-an-italic-title-publishes-it"),
    pytest.param("HBA, *Tide Rules Explained*, Harbour News, May 2, 2012, https://example.org/n.", "Harbour News", None,
                 id="a-periodical-after-an-italic-title-stays-the-outlet"),
]


@pytest.mark.parametrize("marked,outlet,publisher", PUBLISHED)
def test_an_italic_title_stands_alone_so_an_institution_after_it_publishes_it(grammar, marked, outlet, publisher):
    text, spans = _fix(marked)
    source = parse_with_italics(text, grammar, spans).sources[0]
    assert (source.outlet, source.publisher) == (outlet, publisher)



TARGET = "https://port.example.org/rules"


def _linked(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """A note written with ``[…]`` round its links (all to :data:`TARGET`): the text and the links."""
    text, links = "", []
    for k, piece in enumerate(marked.replace("]", "[").split("[")):
        if k % 2:
            links.append((len(text), len(text) + len(piece), TARGET))
        text += piece
    return text, links


LINKED = [
    pytest.param("Port Board, “[Tide Rules],” May 2, 2019, https://port.example.org/all.", [(TARGET, None)],
                 id="the-title-link-wins-over-the-written-url"),
    pytest.param("Port Board, “Tide Rules,” May 2, 2019, [PDF].", [(TARGET, None)], id="a-link-inside-a-source-without-url"),
    pytest.param("Port Board, “Tide Rules,” May 2, 2019, https://port.example.org/all [PDF].",
                 [("https://port.example.org/all", None)], id="the-written-url-wins-over-another-link"),
    pytest.param("The files can be downloaded from [Harbourhub].", [(TARGET, "Harbourhub")], id="a-link-in-commentary-is-a-source"),
    pytest.param("Ibid., [12].", [], id="ibid-untouched"),
]


@pytest.mark.parametrize("marked,expected", LINKED)
def test_link_targets_give_the_urls(grammar, marked, expected):
    """Each source's URL, and the raw text of a source that a link alone made."""
    text, links = _linked(marked)
    parsed = with_link_targets(parse_with_italics(text, grammar, []), text, links)
    assert [(s.url, s.raw if s.title is None else None) for s in parsed.sources] == expected
    assert all(s.raw == text[s.start : s.end] or s.title for s in parsed.sources)

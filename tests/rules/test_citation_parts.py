"""The pieces of the note grammar on invented strings: author lists (:mod:`pipeline.rules.author_lists`),
the text after a title (:mod:`pipeline.rules.citation_tail`) and written dates in other languages."""

from __future__ import annotations

import pytest

from pipeline.rules.author_lists import parse_authors
from pipeline.rules.citation_tail import parse_tail, split_trailing
from pipeline.rules.names import name_shape
from pipeline.rules.resources import load_json
from pipeline.rules.written_dates import normalize_date


@pytest.fixture(scope="module")
def names():
    return name_shape(load_json("names.json"))


AUTHORS = [
    pytest.param("Hamid Rasheed, Clara Voss, and Tomas Lindqvist", ["Hamid Rasheed", "Clara Voss", "Tomas Lindqvist"],
                 id="reading-order"),
    pytest.param("Voss and Rasheed", ["Voss", "Rasheed"], id="surnames-joined-by-and"),
    pytest.param("Voss, Clara", ["Clara Voss"], id="inverted"),
    pytest.param("Berg, Anna van den; Voss, Clara", ["Anna van den Berg", "Clara Voss"], id="inverted-with-the-surname-s-particles-last"),
    pytest.param("Voss, C. R.", ["C. R. Voss"], id="inverted-initials"),
    pytest.param("Voss, C., Rasheed, H., & Okafor, L.", ["C. Voss", "H. Rasheed", "L. Okafor"], id="apa-list"),
    pytest.param("Voss, C. R.; Rasheed, H.; Okafor, L.", ["C. R. Voss", "H. Rasheed", "L. Okafor"], id="semicolons"),
    pytest.param("Voss, C. R., H. Rasheed, and L. Okafor.", ["C. R. Voss", "H. Rasheed", "L. Okafor"],
                 id="first-inverted-then-reading-order"),
    pytest.param("Voss, Clara and Rasheed, Hamid", ["Clara Voss", "Hamid Rasheed"], id="two-inverted-with-and"),
    pytest.param("Voss, Clara.", ["Clara Voss"], id="final-full-stop"),
    pytest.param("- C. VOSS", ["C. VOSS"], id="list-dash-capitals"),
    pytest.param("Clara Voss et al.", ["Clara Voss"], id="et-al"),
    pytest.param("Voss, C., Rasheed, H., ... Okafor, L.", ["C. Voss", "H. Rasheed", "L. Okafor"], id="ellipsis"),
    pytest.param("Voss CR, Rasheed H.", ["Voss CR", "Rasheed H."], id="vancouver-kept-as-written"),
    pytest.param("Dr. Clara Voss", ["Clara Voss"], id="honorific"),
    pytest.param("Hamid Rasheed and the militia", None, id="not-a-name"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("text", "expected"), AUTHORS)
def test_parse_authors(names, text, expected):
    assert parse_authors(text, names) == expected


@pytest.fixture(scope="module")
def tail_grammar(grammar):
    return grammar.tail


TAILS = [
    pytest.param("Coastal Times, May 2, 2013", {"outlet": "Coastal Times", "date_raw": "May 2, 2013"}, id="outlet-date"),
    pytest.param("Coastal Times, May 2, 2013, accessed June 1, 2014, https://example.org/a",
                 {"outlet": "Coastal Times", "date_raw": "May 2, 2013", "accessed_raw": "June 1, 2014",
                  "url": "https://example.org/a"}, id="accessed"),
    pytest.param("Coastal Wiki, updated June 1, 2014", {"outlet": "Coastal Wiki", "date_raw": "June 1, 2014"},
                 id="updated-is-the-date"),
    pytest.param("(London: Hurst, 2015), 12", {"place": "London", "publisher": "Hurst", "date_raw": "2015", "pages": "12"},
                 id="imprint"),
    pytest.param("London: Hurst, 2015", {"place": "London", "publisher": "Hurst", "date_raw": "2015"}, id="bare-imprint"),
    pytest.param("(Harbour Press, 2011)", {"place": None, "publisher": "Harbour Press", "date_raw": "2011"}, id="imprint-without-place"),
    pytest.param("Harbour Notes: The Coastal Course on the Web, https://example.org/d/5",
                 {"outlet": "Harbour Notes: The Coastal Course on the Web", "place": None, "publisher": None,
                  "url": "https://example.org/d/5"}, id="undated-name-with-colon-is-no-imprint"),
    pytest.param("Harbour Notes: Tides and Boats of the North, https://example.org/d/6",
                 {"outlet": "Harbour Notes: Tides and Boats of the North", "place": None, "publisher": None},
                 id="undated-name-with-a-long-subtitle-is-no-imprint"),
    pytest.param("Leeds: Hurst Books", {"outlet": None, "place": "Leeds", "publisher": "Hurst Books"},
                 id="undated-short-place-and-publisher-is-an-imprint"),
    pytest.param("Coastal Review 11:4 (2013): 5-9", {"outlet": "Coastal Review", "volume": "11", "issue": "4",
                                                      "date_raw": "2013", "pages": "5-9"}, id="volume-colon-issue"),
    pytest.param("Coastal Review 12, no. 3 (2014): 1-9", {"outlet": "Coastal Review", "volume": "12", "issue": "3",
                                                           "date_raw": "2014", "pages": "1-9"}, id="volume-no-issue"),
    pytest.param("J Coast Stud. 2009;106(2):14-27", {"outlet": "J Coast Stud", "date_raw": "2009", "volume": "106",
                                                      "issue": "2", "pages": "14-27"}, id="vancouver"),
    pytest.param("Coastal Review, 4(2), 1-9", {"outlet": "Coastal Review", "volume": "4", "issue": "2", "pages": "1-9"},
                 id="apa"),
    pytest.param("Coastal Review 4, 25-32, 1977", {"outlet": "Coastal Review", "volume": "4", "pages": "25-32",
                                                    "date_raw": "1977"}, id="outlet-volume-before-pages"),
    pytest.param("in Coastal Review, 36, 5 (2009), pp. 58-71", {"outlet": "Coastal Review", "volume": "36", "issue": "5",
                                                                "date_raw": "2009", "pages": "58-71"}, id="volume-comma-issue-year"),
    pytest.param("Tidal Board, Tech. Rep., 1988", {"publisher": "Tidal Board", "outlet": None, "date_raw": "1988",
                                                   "report": True, "unparsed": ["Tech. Rep"]}, id="institution-then-report-mark"),
    pytest.param("Ph.D. dissertation, Tidal University, 2004", {"publisher": "Tidal University", "outlet": None,
                                                                "report": True, "unparsed": ["Ph.D. dissertation"]},
                 id="thesis-then-institution"),
    pytest.param("Tech. Report HB-TR 8, pp. 338-349, 1992", {"outlet": None, "volume": None, "pages": "338-349",
                                                            "unparsed": ["Tech. Report HB-TR 8"]}, id="numbered-report-no-outlet"),
    pytest.param("Harbour Studies: A Survey. Leeds: Hurst, 2005: 160-179",
                 {"outlet": "Harbour Studies: A Survey", "place": "Leeds", "publisher": "Hurst", "date_raw": "2005",
                  "pages": "160-179"}, id="container-subtitle-then-imprint"),
    pytest.param("Harbour Dictionary. Tidal University Press, 1992",
                 {"outlet": "Harbour Dictionary", "publisher": "Tidal University Press", "date_raw": "1992", "container": True},
                 id="container-then-press"),
    pytest.param("PhD thesis, Department of Tides, Tidal University, 1994",
                 {"outlet": None, "publisher": "Department of Tides, Tidal University", "date_raw": "1994",
                  "unparsed": ["PhD thesis"]}, id="thesis-department-university"),
    pytest.param("Harbour Essays since 1970, 2005, 4-9", {"outlet": "Harbour Essays since 1970", "volume": None,
                                                          "date_raw": "2005", "pages": "4-9"},
                 id="year-ending-an-outlet-is-no-volume"),
    pytest.param("Harbour Dictionary. 10th ed. 1993", {"outlet": "Harbour Dictionary", "date_raw": "1993",
                                                       "unparsed": ["10th ed"]}, id="edition-then-year"),
    pytest.param("Tidewater, TX, 1993", {"place": "Tidewater, TX", "outlet": None, "date_raw": "1993"}, id="town-and-state"),
    pytest.param("Coastal Review, Tidewater, N.J., 1993", {"outlet": "Coastal Review", "place": "Tidewater, N.J",
                                                            "date_raw": "1993"}, id="outlet-town-and-abbreviated-state"),
    pytest.param("in Harbour Studies, Leeds: 22-28", {"outlet": "Harbour Studies", "place": "Leeds", "publisher": None,
                                                      "pages": "22-28", "container": True}, id="place-then-pages"),
    pytest.param("in Coastal Review 73: 93-105", {"outlet": "Coastal Review", "volume": "73", "pages": "93-105",
                                                  "container": True}, id="container-volume-colon-pages"),
    pytest.param("In Kessler and Ortal, 196–203", {"outlet": None, "editors": ["Kessler and Ortal"], "pages": "196–203",
                                                   "container": True}, id="in-editors-surnames-short-form"),
    pytest.param("Coastal Letters 98, 041101 (2011)", {"outlet": "Coastal Letters", "volume": "98", "pages": "041101",
                                                       "date_raw": "2011"}, id="outlet-volume-then-article-number"),
    pytest.param("Harbor & Tide XIV:4 (1994), 409-418", {"outlet": "Harbor & Tide", "volume": "XIV", "issue": "4",
                                                         "date_raw": "1994", "pages": "409-418"}, id="roman-volume-colon-issue"),
    pytest.param("Coastal Review, XLIII (Spring, 1965), pp. 49-62", {"outlet": "Coastal Review", "volume": "XLIII",
                                                                    "date_raw": "Spring, 1965", "pages": "49-62"},
                 id="roman-volume-chunk"),
    pytest.param("Coastal Review, vol 79-3, 2006, pp. 483-508", {"outlet": "Coastal Review", "volume": "79", "issue": "3",
                                                                "date_raw": "2006", "pages": "483-508"}, id="vol-volume-dash-issue"),
    pytest.param("Revue côtière 75.1, 2011, p. 15-36", {"outlet": "Revue côtière", "volume": "75", "issue": "1",
                                                        "date_raw": "2011", "pages": "15-36"}, id="outlet-volume-dot-issue"),
    pytest.param("Channel 9, May 2, 2013", {"outlet": "Channel 9", "date_raw": "May 2, 2013"}, id="digits-in-outlet-name"),
    pytest.param("Coastal Times 15 Feb. 1993: 48-51", {"outlet": "Coastal Times", "date_raw": "15 Feb. 1993",
                                                        "pages": "48-51"}, id="mla-date-colon-pages"),
    pytest.param("Coastal Review (2015): 1-10", {"outlet": "Coastal Review", "date_raw": "2015", "pages": "1-10"},
                 id="parenthesised-year-pages"),
    pytest.param("in Harbor Studies, ed. Ruth Kessler (London: Hurst, 2001), 5-9",
                 {"outlet": "Harbor Studies", "editors": ["Ruth Kessler"], "place": "London", "publisher": "Hurst",
                  "date_raw": "2001", "pages": "5-9", "container": True}, id="chapter-chicago"),
    pytest.param(" in Ruth Kessler (ed.), Harbor Studies (Hurst Press, 2001), pp. 5-9",
                 {"outlet": "Harbor Studies", "editors": ["Ruth Kessler"], "publisher": "Hurst Press", "date_raw": "2001",
                  "pages": "5-9", "container": True}, id="chapter-editor-first-publisher-year"),
    pytest.param(" In Ruth Kessler and Ben Ortal, Editors, Harbor Studies, 5-9. Leeds: Hurst, 2001",
                 {"outlet": "Harbor Studies", "editors": ["Ruth Kessler and Ben Ortal"], "place": "Leeds",
                  "publisher": "Hurst", "date_raw": "2001", "pages": "5-9", "container": True},
                 id="chapter-editors-word-then-imprint-after-pages"),
    pytest.param(", Ruth Kessler (dir.), Harbor Studies, 2001, p. 5-9",
                 {"outlet": "Harbor Studies", "editors": ["Ruth Kessler"], "date_raw": "2001", "pages": "5-9",
                  "container": True}, id="chapter-editor-without-in"),
    pytest.param("Coastal Review (January-February, 1965), 5-9",
                 {"outlet": "Coastal Review", "publisher": None, "date_raw": "January-February, 1965", "pages": "5-9"},
                 id="parenthesised-months-are-no-publisher"),
    pytest.param("In R. Kessler (Ed.), Harbor Studies (pp. 5-9). London: Hurst",
                 {"outlet": "Harbor Studies (pp. 5-9)", "editors": ["R. Kessler"], "place": "London", "publisher": "Hurst",
                  "container": True},
                 id="chapter-apa", marks=pytest.mark.xfail(reason="pages in parentheses after an APA book title stay "
                                                                  "in the outlet", strict=True)),
]


@pytest.mark.parametrize(("text", "expected"), TAILS)
def test_parse_tail(tail_grammar, text, expected):
    tail = parse_tail(text, tail_grammar)
    assert {k: getattr(tail, k) for k in expected} == expected
    assert tail.unparsed == expected.get("unparsed", [])


SPLITS = [
    pytest.param("BBC, May 2, 2013. The figure was revised.", "BBC, May 2, 2013.", "The figure was revised.",
                 id="sentence-after-date"),
    pytest.param("BBC, May 2, 2013 and Clara Voss, “Port,” BBC, 2014.", "BBC, May 2, 2013", "Clara Voss, “Port,” BBC, 2014.",
                 id="and-after-date"),
    pytest.param("BBC, May 2, 2013, see also “Port,” BBC, 2014.", "BBC, May 2, 2013", "“Port,” BBC, 2014.",
                 id="see-also-after-date"),
    pytest.param("BBC, May 2, 2013. Accessed June 1, 2014.", "BBC, May 2, 2013. Accessed June 1, 2014.", "",
                 id="field-cue-is-not-a-boundary"),
    pytest.param("Proc. Coastal Soc. 2009, 12, 1-9.", "Proc. Coastal Soc. 2009, 12, 1-9.", "", id="abbreviations"),
    pytest.param("Harbor Studies, 5-9. Leeds: Hurst, 2001.", "Harbor Studies, 5-9. Leeds: Hurst, 2001.", "",
                 id="imprint-after-pages-is-no-boundary"),
    pytest.param("Harbor Studies, 7. Leeds: Hurst Books.", "Harbor Studies, 7. Leeds: Hurst Books.", "",
                 id="imprint-without-year-is-no-boundary"),
    pytest.param("Harbor Studies, 5-9. Leeds Board: the minutes.", "Harbor Studies, 5-9.", "Leeds Board: the minutes.",
                 id="colon-without-year-is-a-boundary"),
    pytest.param("(London: Hurst, 2015). The book is out of print.", "(London: Hurst, 2015).", "The book is out of print.",
                 id="sentence-after-imprint"),
]


@pytest.mark.parametrize(("text", "head", "rest"), SPLITS)
def test_split_trailing(tail_grammar, text, head, rest):
    end, start = split_trailing(text, tail_grammar)
    assert (text[:end], text[start:]) == (head, rest)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("15 novembre 1925", ("1925-11-15", True), id="french"),
        pytest.param("mars 2007", ("2007-03", True), id="french-month"),
        pytest.param("5 de marzo de 2013", ("2013-03-05", True), id="spanish"),
        pytest.param("3. Mai 2014", ("2014-05-03", True), id="german"),
        pytest.param("August-September, 1921", ("1921-08/1921-09", True), id="month-range"),
        pytest.param("mai-juin 2009", ("2009-05/2009-06", True), id="french-month-range"),
        pytest.param("31 juin 2012", (None, False), id="impossible-french-day"),
    ],
)
def test_normalize_date_languages(raw, expected):
    assert normalize_date(raw) == expected


def test_source_record_keeps_access_date_apart():
    from pipeline.commands.evaluate_references import default_parser
    from pipeline.rules.citations import parse_note

    parser = default_parser()
    text = "Clara Voss, “Port Seized,” Coastal Times, September 27, 2010, accessed March 5, 2013, https://example.org/port."
    record = parser.source_dict(parse_note(text, parser.grammar).sources[0], 0, "n1.s1")
    assert {k: record[k] for k in ("date", "date_raw", "accessed", "accessed_raw", "url", "unparsed")} == {
        "date": "2010-09-27", "date_raw": "September 27, 2010", "accessed": "2013-03-05",
        "accessed_raw": "March 5, 2013", "url": "https://example.org/port", "unparsed": None}

"""Table-driven tests of :mod:`pipeline.rules.layout`: ``is_heading_like`` and ``segment`` (title, byline,
body, headings, bio, endnotes, boilerplate).

Every person, place, outlet and sentence below is invented (well-known outlets appear only in endnote text).
"""

from __future__ import annotations

import pytest

from pipeline.rules.layout import is_heading_like, segment

# ================================================================================================
# segment
# ================================================================================================

HEADINGS = [
    pytest.param("A Fragile Truce", True, id="title-case"),
    pytest.param("Why the Ceasefire Failed", True, id="minor-words-lowercase"),
    pytest.param("What Comes Next?", True, id="question"),
    pytest.param("Conclusion", True, id="one-word"),
    pytest.param("Smuggling Routes in 2014", True, id="with-year"),
    pytest.param("2014: A Turning Point", True, id="starts-with-digit"),
    pytest.param("Al-Shabaab’s Next Move", True, id="hyphen-apostrophe"),
    pytest.param("The Militias and the State", True, id="several-minor-words"),
    pytest.param("The port was closed.", False, id="sentence-with-period"),
    pytest.param("The port was closed", False, id="sentence-case-no-period"),
    pytest.param("Brokers take a cut of every load", False, id="sentence-case-long"),
    pytest.param("It failed.", False, id="short-sentence"),
    pytest.param("lowercase heading here", False, id="lowercase-start"),
    pytest.param("The Response[3]", False, id="ends-with-marker"),
    pytest.param("The Role of Local Militias:", False, id="ends-with-colon"),
    pytest.param("One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen", False,
                 id="too-many-words"),
    pytest.param("", False, id="empty"),
]


@pytest.mark.parametrize(("line", "expected"), HEADINGS)
def test_is_heading_like(segmenter_rules, line, expected):
    assert is_heading_like(line, segmenter_rules) is expected


FULL_DOC = """The Harbor Militias of Eastern Korvana
By Clara Voss and Hamid Rasheed

In the spring of 2014, armed groups seized the harbor of
Port Ellis and imposed a levy on every fishing boat that
entered the bay.[1] Local officials fled to the capital.[2]

Within weeks the militias had split over the proceeds.[3]

A Fragile Truce
The truce brokered in June collapsed within a month.[4-5] Fighting resumed near the old customs house.

Clara Voss is a senior fellow at the Institute for Coastal Security. Hamid Rasheed is a journalist based in Port Ellis.

Notes
[1] Tomas Lindqvist, “Harbor Seized,” Reuters, April 3, 2014.
[2] Ibid.
[3] Author interview, fisherman, Port Ellis, May 2014.
[4] “Truce Signed,” Harbour Gazette, June 9, 2014.
[5] Ibid., p. 2.

Stay Informed
Sign up to receive updates.
"""

NO_NOTES_DOC = """Smuggling Routes After the Ceasefire

Smugglers along the northern border have adapted quickly.

Who Profits
Brokers in Tarvella take a cut of every load.
"""

NUMBERED_NOTES_DOC = """Smuggling Routes After the Ceasefire

Smugglers along the northern border have adapted quickly.[1]

Endnotes
1. Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016.
2. Ibid.
10. “Customs Figures,” Korvana Tribune, 2015.
"""

HEADING_OR_SENTENCE_DOC = """Port Economies of the Southern Coast

The harbor levy funds the militia.
Who Profits
Brokers in Tarvella take a cut of every load, according to
Harbor Authority
Officials who spoke on condition of anonymity.

Divided Loyalties.
The second truce lasted a week.
"""

CONTINUATION_DOC = """Skip to content
Smugglers along the northern border have adapted quickly.[1]

The customs service has not published figures since 2015.[2]

[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016. The article was later
updated with new figures.
[2] Ibid.

Share this
Copyright 2016 Institute for Coastal Security
"""

NUMBERED_LIST_DOC = """Port Economies of the Southern Coast

The council debated two options.

1. Tax the fishing fleet directly.
2. Disarm the harbor brigades.
"""

NOTES_HEADING_WITHOUT_LABELS_DOC = """Port Economies of the Southern Coast

The harbor levy funds the militia.

Notes
The figures above are estimates.
"""

BIO_FALSE_POSITIVE_DOC = """Smuggling Routes After the Ceasefire

Smugglers along the northern border have adapted quickly.[1]

Idris Maabo was killed in a clash with customs officers near Tarvella in March 2015.[2]

[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016.
[2] “Militia Leader Killed,” Korvana Tribune, March 4, 2015.
"""

HEADING_BEFORE_LIST_DOC = """Port Economies of the Southern Coast

The council debated two options.

Options for the Government
1. Tax the fishing fleet directly.
2. Disarm the harbor brigades.
"""

HONORIFIC_BYLINE_DOC = """Port Economies of the Southern Coast
By Dr. Clara Voss

The harbor levy funds the militia.[1]

[1] “Levy Doubled,” Harbour Gazette, May 2014.
"""

SEGMENTS = [
    pytest.param(
        FULL_DOC,
        {
            "title": "The Harbor Militias of Eastern Korvana",
            "authors": ["Clara Voss", "Hamid Rasheed"],
            "bio": "Clara Voss is a senior fellow at the Institute for Coastal Security. "
                   "Hamid Rasheed is a journalist based in Port Ellis.",
            "sections": [None, "A Fragile Truce"],
            "blocks": [
                ("title", "The Harbor Militias of Eastern Korvana"),
                ("byline", "By Clara Voss and Hamid Rasheed"),
                ("body", "In the spring of 2014, armed groups seized the harbor of\nPort Ellis and imposed a levy "
                         "on every fishing boat that\nentered the bay.[1] Local officials fled to the capital.[2]"),
                ("body", "Within weeks the militias had split over the proceeds.[3]"),
                ("heading", "A Fragile Truce"),
                ("body", "The truce brokered in June collapsed within a month.[4-5] Fighting resumed near the old "
                         "customs house."),
                ("bio", "Clara Voss is a senior fellow at the Institute for Coastal Security. Hamid Rasheed is a "
                        "journalist based in Port Ellis."),
                ("endnotes_heading", "Notes"),
                ("endnote", "[1] Tomas Lindqvist, “Harbor Seized,” Reuters, April 3, 2014."),
                ("endnote", "[2] Ibid."),
                ("endnote", "[3] Author interview, fisherman, Port Ellis, May 2014."),
                ("endnote", "[4] “Truce Signed,” Harbour Gazette, June 9, 2014."),
                ("endnote", "[5] Ibid., p. 2."),
                ("boilerplate", "Stay Informed"),
                ("boilerplate", "Sign up to receive updates."),
            ],
        },
        id="full-document",
    ),
    pytest.param(
        NO_NOTES_DOC,
        {
            "title": "Smuggling Routes After the Ceasefire",
            "authors": [],
            "bio": None,
            "sections": [None, "Who Profits"],
            "blocks": [
                ("title", "Smuggling Routes After the Ceasefire"),
                ("body", "Smugglers along the northern border have adapted quickly."),
                ("heading", "Who Profits"),
                ("body", "Brokers in Tarvella take a cut of every load."),
            ],
        },
        id="no-endnotes",
    ),
    pytest.param(
        NUMBERED_NOTES_DOC,
        {
            "title": "Smuggling Routes After the Ceasefire",
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Smuggling Routes After the Ceasefire"),
                ("body", "Smugglers along the northern border have adapted quickly.[1]"),
                ("endnotes_heading", "Endnotes"),
                ("endnote", "1. Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016."),
                ("endnote", "2. Ibid."),
                ("endnote", "10. “Customs Figures,” Korvana Tribune, 2015."),
            ],
        },
        id="numbered-notes-after-endnotes-heading",
    ),
    pytest.param(
        HEADING_OR_SENTENCE_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None, "Who Profits"],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The harbor levy funds the militia."),
                ("heading", "Who Profits"),
                ("body", "Brokers in Tarvella take a cut of every load, according to\nHarbor Authority\n"
                         "Officials who spoke on condition of anonymity."),
                ("body", "Divided Loyalties.\nThe second truce lasted a week."),
            ],
        },
        id="headings-vs-short-lines",
    ),
    pytest.param(
        CONTINUATION_DOC,
        {
            "title": None,
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("boilerplate", "Skip to content"),
                ("body", "Smugglers along the northern border have adapted quickly.[1]"),
                ("body", "The customs service has not published figures since 2015.[2]"),
                ("endnote", "[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016. The article was "
                            "later\nupdated with new figures."),
                ("endnote", "[2] Ibid."),
                ("boilerplate", "Share this"),
                ("boilerplate", "Copyright 2016 Institute for Coastal Security"),
            ],
        },
        id="untitled-wrapped-endnote-trailing-boilerplate",
    ),
    pytest.param(
        NUMBERED_LIST_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The council debated two options."),
                ("body", "1. Tax the fishing fleet directly.\n2. Disarm the harbor brigades."),
            ],
        },
        id="numbered-list-without-notes-heading-is-body",
    ),
    pytest.param(
        NOTES_HEADING_WITHOUT_LABELS_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None, "Notes"],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The harbor levy funds the militia."),
                ("heading", "Notes"),
                ("body", "The figures above are estimates."),
            ],
        },
        id="notes-heading-without-labelled-notes",
    ),
    pytest.param(
        BIO_FALSE_POSITIVE_DOC,
        {
            "title": "Smuggling Routes After the Ceasefire",
            "authors": [],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Smuggling Routes After the Ceasefire"),
                ("body", "Smugglers along the northern border have adapted quickly.[1]"),
                ("body", "Idris Maabo was killed in a clash with customs officers near Tarvella in March 2015.[2]"),
                ("endnote", "[1] Ines Moravec, “Night Convoys,” Harbour Gazette, May 2, 2016."),
                ("endnote", "[2] “Militia Leader Killed,” Korvana Tribune, March 4, 2015."),
            ],
        },
        id="closing-paragraph-about-a-militant-is-not-a-bio",
    ),
    pytest.param(
        HEADING_BEFORE_LIST_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": [],
            "bio": None,
            "sections": [None, "Options for the Government"],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("body", "The council debated two options."),
                ("heading", "Options for the Government"),
                ("body", "1. Tax the fishing fleet directly.\n2. Disarm the harbor brigades."),
            ],
        },
        id="heading-followed-by-numbered-list",
    ),
    pytest.param(
        HONORIFIC_BYLINE_DOC,
        {
            "title": "Port Economies of the Southern Coast",
            "authors": ["Clara Voss"],
            "bio": None,
            "sections": [None],
            "blocks": [
                ("title", "Port Economies of the Southern Coast"),
                ("byline", "By Dr. Clara Voss"),
                ("body", "The harbor levy funds the militia.[1]"),
                ("endnote", "[1] “Levy Doubled,” Harbour Gazette, May 2014."),
            ],
        },
        id="byline-with-honorific",
    ),
]


def _layout_record(text: str, layout) -> dict:
    return {
        "title": layout.title,
        "authors": layout.authors,
        "bio": layout.bio["text"] if layout.bio else None,
        "sections": [s["title"] for s in layout.sections],
        "blocks": [(b.kind, text[b.start : b.end]) for b in sorted(layout.blocks, key=lambda b: b.start)],
    }


@pytest.mark.parametrize(("text", "expected"), SEGMENTS)
def test_segment(segmenter_rules, text, expected):
    assert _layout_record(text, segment(text, segmenter_rules)) == expected


@pytest.mark.parametrize("text", [pytest.param(p.values[0], id=p.id) for p in SEGMENTS])
def test_segment_blocks_are_ordered_disjoint_and_trimmed(segmenter_rules, text):
    layout = segment(text, segmenter_rules)
    blocks = sorted(layout.blocks, key=lambda b: b.start)
    assert all(a.end <= b.start for a, b in zip(blocks, blocks[1:]))
    assert all(b.start < b.end and text[b.start : b.end] == text[b.start : b.end].strip() for b in blocks)


def test_segment_bio_offsets(segmenter_rules):
    layout = segment(FULL_DOC, segmenter_rules)
    assert FULL_DOC[layout.bio["start"] : layout.bio["end"]] == layout.bio["text"]


def test_segment_empty_text(segmenter_rules):
    layout = segment("", segmenter_rules)
    assert (layout.blocks, layout.title, layout.authors, layout.bio, layout.sections) == ([], None, [], None, [])

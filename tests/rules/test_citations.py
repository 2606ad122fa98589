"""Golden-style tests of the endnote grammar: parse_note, parse_citation, split_outside_quotes.

Every name, outlet and headline below is invented. Rows marked ``xfail(strict=True)`` keep the
result a demanding user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.rules.citations import (
    ParsedNote,
    ParsedSource,
    institution_publishes,
    parse_citation,
    parse_note,
    split_outside_quotes,
)

FIELDS = ("type", "authors", "title", "outlet", "date_raw", "volume", "issue", "pages", "url", "accessed_raw",
          "publisher", "place", "editors")


def src(type: str = "article", **fields) -> dict:
    """An expected source: every field of FIELDS, unset ones empty."""
    unknown = set(fields) - set(FIELDS)
    assert not unknown, f"unknown source fields {unknown}"
    record = {"type": type, "authors": [], "title": None, "outlet": None, "date_raw": None,
              "volume": None, "issue": None, "pages": None, "url": None, "accessed_raw": None,
              "publisher": None, "place": None, "editors": []}
    record.update(fields)
    return record


def note(kind: str, *sources: dict, commentary: str | None = None, pinpoint: str | None = None) -> dict:
    return {"kind": kind, "commentary": commentary, "pinpoint": pinpoint, "sources": list(sources)}


def as_record(parsed: ParsedNote) -> dict:
    return {
        "kind": parsed.kind,
        "commentary": parsed.commentary,
        "pinpoint": parsed.pinpoint,
        "sources": [{f: getattr(s, f) for f in FIELDS} for s in parsed.sources],
    }


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


NOTES = [
    # --- news articles and authors -------------------------------------------------------------
    pytest.param(
        "Hamid Rasheed, “Border Town Falls to Militants,” Reuters, January 10, 2013.",
        note("citation", src(authors=["Hamid Rasheed"], title="Border Town Falls to Militants",
                             outlet="Reuters", date_raw="January 10, 2013")),
        id="news-one-author",
    ),
    pytest.param(
        "Hamid Rasheed and Clara Voss, “Border Town Falls to Militants,” Reuters, January 10, 2013.",
        note("citation", src(authors=["Hamid Rasheed", "Clara Voss"], title="Border Town Falls to Militants",
                             outlet="Reuters", date_raw="January 10, 2013")),
        id="news-two-authors",
    ),
    pytest.param(
        "Hamid Rasheed & Clara Voss, “Border Town Falls to Militants,” Reuters, January 10, 2013.",
        note("citation", src(authors=["Hamid Rasheed", "Clara Voss"], title="Border Town Falls to Militants",
                             outlet="Reuters", date_raw="January 10, 2013")),
        id="news-two-authors-ampersand",
    ),
    pytest.param(
        "Hamid Rasheed, Clara Voss and Tomas Lindqvist, “Harbor Brigades Split Over Levy,” Associated Press, "
        "February 6, 2014.",
        note("citation", src(authors=["Hamid Rasheed", "Clara Voss", "Tomas Lindqvist"],
                             title="Harbor Brigades Split Over Levy", outlet="Associated Press",
                             date_raw="February 6, 2014")),
        id="news-three-authors",
    ),
    pytest.param(
        "Hamid Rasheed, Clara Voss, and Tomas Lindqvist, “Harbor Brigades Split Over Levy,” Associated Press, "
        "February 6, 2014.",
        note("citation", src(authors=["Hamid Rasheed", "Clara Voss", "Tomas Lindqvist"],
                             title="Harbor Brigades Split Over Levy", outlet="Associated Press",
                             date_raw="February 6, 2014")),
        id="news-three-authors-oxford-comma",
    ),
    pytest.param(
        "“Coastal Militia Seizes Fishing Port,” Agence France-Presse, February 6, 2014.",
        note("citation", src(title="Coastal Militia Seizes Fishing Port", outlet="Agence France-Presse",
                             date_raw="February 6, 2014")),
        id="news-no-author",
    ),
    pytest.param(
        'Clara Voss, "Port Seized After Night Raid," BBC, January 11, 2013.',
        note("citation", src(authors=["Clara Voss"], title="Port Seized After Night Raid", outlet="BBC",
                             date_raw="January 11, 2013")),
        id="news-straight-quotes",
    ),
    pytest.param(
        "Lena Okafor, “Who Runs the Harbor?”, Reuters, May 3, 2015.",
        note("citation", src(authors=["Lena Okafor"], title="Who Runs the Harbor?", outlet="Reuters",
                             date_raw="May 3, 2015")),
        id="title-question-mark-then-comma",
    ),
    pytest.param(
        "Lena Okafor, “Can the Ceasefire in Varsoria Hold?,” Foreign Policy, May 3, 2015.",
        note("citation", src(authors=["Lena Okafor"], title="Can the Ceasefire in Varsoria Hold?",
                             outlet="Foreign Policy", date_raw="May 3, 2015")),
        id="title-question-mark-and-comma-inside",
    ),
    pytest.param(
        "“Militia’s Leader Says He Won’t Negotiate,” Reuters, May 4, 2012.",
        note("citation", src(title="Militia’s Leader Says He Won’t Negotiate", outlet="Reuters",
                             date_raw="May 4, 2012")),
        id="title-with-apostrophes",
    ),
    pytest.param(
        "Clara Voss, “The Militia's Gambit,” Reuters, May 4, 2012.",
        note("citation", src(authors=["Clara Voss"], title="The Militia's Gambit", outlet="Reuters",
                             date_raw="May 4, 2012")),
        id="title-with-straight-apostrophe",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 11, 2013, p. 4.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC",
                             date_raw="January 11, 2013", pages="4")),
        id="news-with-page",
    ),
    # --- journals ------------------------------------------------------------------------------
    pytest.param(
        "Lena Okafor, “Can the Ceasefire in Varsoria Hold?” Coastal Security Review 11:4 (2013).",
        note("citation", src("journal", authors=["Lena Okafor"], title="Can the Ceasefire in Varsoria Hold?",
                             outlet="Coastal Security Review", volume="11", issue="4", date_raw="2013")),
        id="journal-question-title-no-comma",
    ),
    pytest.param(
        "Peter Haldane, “Smugglers, Brokers, and the ‘Desert Economy’ of the Eastern Corridor,” "
        "Studies in Conflict & Terrorism 35:2 (2012): pp. 101-120.",
        note("citation", src("journal", authors=["Peter Haldane"],
                             title="Smugglers, Brokers, and the ‘Desert Economy’ of the Eastern Corridor",
                             outlet="Studies in Conflict & Terrorism", volume="35", issue="2",
                             date_raw="2012", pages="101-120")),
        id="journal-title-commas-single-quotes-pp",
    ),
    pytest.param(
        "Lena Okafor, “Rethinking Deradicalisation,” Perspectives on Terrorism 8:3 (2014): 101–120.",
        note("citation", src("journal", authors=["Lena Okafor"], title="Rethinking Deradicalisation",
                             outlet="Perspectives on Terrorism", volume="8", issue="3", date_raw="2014",
                             pages="101–120")),
        id="journal-pages-en-dash",
    ),
    pytest.param(
        "Ruth Kessler, “The Northern Front After the Truce,” CTC Sentinel 6:3 (2013).",
        note("citation", src("journal", authors=["Ruth Kessler"], title="The Northern Front After the Truce",
                             outlet="CTC Sentinel", volume="6", issue="3", date_raw="2013")),
        id="journal-ctc-sentinel",
    ),
    pytest.param(
        "Lena Okafor, “Rethinking Deradicalisation,” Journal of Conflict Studies 12:1-2 (Winter 2014): 33-51.",
        note("citation", src("journal", authors=["Lena Okafor"], title="Rethinking Deradicalisation",
                             outlet="Journal of Conflict Studies", volume="12", issue="1-2",
                             date_raw="Winter 2014", pages="33-51")),
        id="journal-double-issue-season",
    ),
    pytest.param(
        "Lena Okafor, “Rethinking Deradicalisation,” Journal of Conflict Studies vol. 12, no. 1 (2014).",
        note("citation", src("journal", authors=["Lena Okafor"], title="Rethinking Deradicalisation",
                             outlet="Journal of Conflict Studies", volume="12", issue="1", date_raw="2014")),
        id="journal-vol-no-style",
    ),
    # --- books ---------------------------------------------------------------------------------
    pytest.param(
        "Ruth Kessler, The Long Retreat: Insurgency on the Plateau (New York: Penguin, 2010), p. 45.",
        note("citation", src("book", authors=["Ruth Kessler"], title="The Long Retreat: Insurgency on the Plateau",
                             outlet="Penguin", date_raw="2010", pages="45", publisher="Penguin", place="New York")),
        id="book-penguin-page",
    ),
    pytest.param(
        "Ruth Kessler and Tom Abara, The Long Retreat (London: Hurst, 2015).",
        note("citation", src("book", authors=["Ruth Kessler", "Tom Abara"], title="The Long Retreat",
                             outlet="Hurst", date_raw="2015", publisher="Hurst", place="London")),
        id="book-two-authors-no-pages",
    ),
    pytest.param(
        "Ruth Kessler, The Long Retreat (Boulder, CO: Lynne Rienner, 2012), 45-47.",
        note("citation", src("book", authors=["Ruth Kessler"], title="The Long Retreat", outlet="Lynne Rienner",
                             date_raw="2012", pages="45-47", publisher="Lynne Rienner", place="Boulder, CO")),
        id="book-place-with-state",
    ),
    pytest.param(
        "Ruth Kessler, ed., The Long Retreat (London: Hurst, 2015).",
        note("citation", src("book", authors=["Ruth Kessler"], title="The Long Retreat", outlet="Hurst",
                             date_raw="2015", publisher="Hurst", place="London")),
        id="book-edited-volume",
    ),
    # --- interviews ----------------------------------------------------------------------------
    pytest.param(
        "Author interview, Hassan Delacroix, former militia commander, Tarvella, March 12, 2014.",
        note("citation", src("interview", date_raw="March 12, 2014")),
        id="interview-author",
    ),
    pytest.param(
        "Personal interview, senior police official, Port Ellis, June 2013.",
        note("citation", src("interview", date_raw="June 2013")),
        id="interview-personal",
    ),
    pytest.param(
        "Telephone interview, Ines Moravec, aid worker, April 2, 2015.",
        note("citation", src("interview", date_raw="April 2, 2015")),
        id="interview-telephone",
    ),
    pytest.param(
        "Author’s interview, local journalist, Tarvella, 12 May 2016.",
        note("citation", src("interview", date_raw="12 May 2016")),
        id="interview-authors-curly-apostrophe-dmy",
    ),
    pytest.param(
        "E-mail interview, Ines Moravec, April 2, 2015.",
        note("citation", src("interview", date_raw="April 2, 2015")),
        id="interview-email",
    ),
    # --- issue 11: access and update dates ---------------------------------------------------------
    pytest.param(
        "Clara Voss, “Port Seized,” Coastal Times, September 27, 2010, accessed March 5, 2013, https://example.org/port.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Times",
                             date_raw="September 27, 2010", accessed_raw="March 5, 2013", url="https://example.org/port")),
        id="accessed-date-kept-apart",
    ),
    pytest.param(
        "“Port Seized,” Coastal Times, retrieved on 4 March 2015 from https://example.org/port.",
        note("citation", src(title="Port Seized", outlet="Coastal Times", accessed_raw="4 March 2015",
                             url="https://example.org/port")),
        id="retrieved-date-no-publication-date",
    ),
    pytest.param(
        "“Harbor Authority,” Coastal Wiki, last modified May 9, 2013, https://example.org/wiki/harbor.",
        note("citation", src(title="Harbor Authority", outlet="Coastal Wiki", date_raw="May 9, 2013",
                             url="https://example.org/wiki/harbor")),
        id="last-modified-is-the-date",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” Coastal Times, June 1, 2014, updated June 2, 2014.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Times", date_raw="June 1, 2014")),
        id="updated-after-a-date",
    ),
    pytest.param(
        "Voss, Clara. “Port Seized.” Coastal Times 2 Aug. 2001. 23 Jan. 2002 <https://example.org/port>.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Times", date_raw="2 Aug. 2001",
                             accessed_raw="23 Jan. 2002", url="https://example.org/port")),
        id="mla-access-date-before-url",
    ),
    pytest.param(
        "Ministry of the Interior, “Annual Report 2014,” March 2015.",
        note("citation", src("document", authors=["Ministry of the Interior"], title="Annual Report 2014", date_raw="March 2015")),
        id="year-in-quoted-title",
    ),
    pytest.param(
        "Coastal Department of Fisheries, 2024 Harbor Survey: Northern Ports, 2025.",
        note("citation", src("document", authors=["Coastal Department of Fisheries"], title="2024 Harbor Survey: Northern Ports",
                             date_raw="2025")),
        id="year-opening-unquoted-title",
    ),
    pytest.param(
        "Harbor Intelligence Unit, Country Report: Varsoria, March 2014.",
        note("citation", src("document", authors=["Harbor Intelligence Unit"], title="Country Report: Varsoria",
                             date_raw="March 2014")),
        id="organisation-then-unquoted-title",
    ),
    # --- issue 11: several works -----------------------------------------------------------------
    pytest.param(
        "See Clara Voss, “Port Seized,” BBC, January 11, 2013 and Hamid Rasheed, “Border Town Falls,” Reuters, "
        "January 10, 2013.",
        note("citation",
             src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             src(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Reuters", date_raw="January 10, 2013")),
        id="see-a-and-b",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 11, 2013; and Hamid Rasheed, “Border Town Falls,” Reuters, "
        "January 10, 2013.",
        note("citation",
             src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             src(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Reuters", date_raw="January 10, 2013")),
        id="semicolon-and",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 11, 2013, see also Hamid Rasheed, “Border Town Falls,” Reuters, "
        "January 10, 2013.",
        note("citation",
             src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             src(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Reuters", date_raw="January 10, 2013")),
        id="comma-see-also",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 11, 2013; cf. Hamid Rasheed, “Border Town Falls,” Reuters, "
        "January 10, 2013.",
        note("citation",
             src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             src(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Reuters", date_raw="January 10, 2013")),
        id="semicolon-cf",
    ),
    # --- issue 11: author lists, bibliography and author-date forms -------------------------------
    pytest.param(
        "Voss, Clara. “Port Seized.” Coastal Times, January 11, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Times",
                             date_raw="January 11, 2013")),
        id="bibliography-surname-given",
    ),
    pytest.param(
        "Voss, Clara, and Hamid Rasheed. “Port Seized.” Coastal Times, January 11, 2013.",
        note("citation", src(authors=["Clara Voss", "Hamid Rasheed"], title="Port Seized", outlet="Coastal Times",
                             date_raw="January 11, 2013")),
        id="bibliography-inverted-then-reading-order",
    ),
    pytest.param(
        "Voss, C. R.; Rasheed, H. “Harbor Tides.” Coastal Review 2009, 12, 101–120.",
        note("citation", src("journal", authors=["C. R. Voss", "H. Rasheed"], title="Harbor Tides", outlet="Coastal Review",
                             date_raw="2009", volume="12", pages="101–120")),
        id="authors-split-by-semicolons",
    ),
    pytest.param(
        "Voss, C., & Rasheed, H. (2013). Harbor politics in the north. Coastal Review, 4(2), 1-9.",
        note("citation", src("journal", authors=["C. Voss", "H. Rasheed"], title="Harbor politics in the north",
                             outlet="Coastal Review", date_raw="2013", volume="4", issue="2", pages="1-9")),
        id="author-date-apa",
    ),
    pytest.param(
        "W. Voss and B. G. Rasheed. Harbor politics in the north. Coastal Review, 4(2), 1983.",
        note("citation", src("journal", authors=["W. Voss", "B. G. Rasheed"], title="Harbor politics in the north",
                             outlet="Coastal Review", date_raw="1983", volume="4", issue="2")),
        id="initials-then-full-stop-title",
    ),
    pytest.param(
        "A. Voss, C. R. Rasheed, Harbor politics in the north, Coastal Review, 4, 1-9, 2013.",
        note("citation", src("journal", authors=["A. Voss", "C. R. Rasheed"], title="Harbor politics in the north",
                             outlet="Coastal Review", date_raw="2013", volume="4", pages="1-9")),
        id="initials-then-comma-title",
    ),
    pytest.param(
        "Voss CR, Rasheed H. Harbor politics in the north. J Coast Stud. 2009;106(2):14-27.",
        note("citation", src("journal", authors=["Voss CR", "Rasheed H."], title="Harbor politics in the north",
                             outlet="J Coast Stud", date_raw="2009", volume="106", issue="2", pages="14-27")),
        id="vancouver",
    ),
    pytest.param(
        "Clara Voss, ‘Port Seized,’ Coastal Times, 3 December 2006.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Times", date_raw="3 December 2006")),
        id="title-in-single-quotes",
    ),
    # --- issue 11: books and chapters --------------------------------------------------------------
    pytest.param(
        "Kessler, Ruth. The Long Retreat. London: Hurst, 2015.",
        note("citation", src("book", authors=["Ruth Kessler"], title="The Long Retreat", outlet="Hurst", date_raw="2015",
                             publisher="Hurst", place="London")),
        id="book-bibliography-no-parentheses",
    ),
    pytest.param(
        "Ruth Kessler, The Long Retreat, London: Hurst, 2015.",
        note("citation", src("book", authors=["Ruth Kessler"], title="The Long Retreat", outlet="Hurst", date_raw="2015",
                             publisher="Hurst", place="London")),
        id="book-note-no-parentheses",
    ),
    pytest.param(
        "Lena Okafor, “Harbor Wars,” in The Long Coast, ed. Ruth Kessler (London: Hurst, 2001), pp. 193–226.",
        note("citation", src("chapter", authors=["Lena Okafor"], title="Harbor Wars", outlet="The Long Coast",
                             date_raw="2001", pages="193–226", publisher="Hurst", place="London", editors=["Ruth Kessler"])),
        id="chapter-in-edited-book",
    ),
    # --- issue 11: journals and newspapers -----------------------------------------------------------
    pytest.param(
        "Lena Okafor, “Harbor Wars,” Coastal Review 22 (1971): 23-80.",
        note("citation", src("journal", authors=["Lena Okafor"], title="Harbor Wars", outlet="Coastal Review",
                             date_raw="1971", volume="22", pages="23-80")),
        id="journal-volume-year-pages",
    ),
    pytest.param(
        "Lena Okafor, “Harbor Wars,” Coastal Review 35.4 (2001): 12-19.",
        note("citation", src("journal", authors=["Lena Okafor"], title="Harbor Wars", outlet="Coastal Review",
                             date_raw="2001", volume="35", issue="4", pages="12-19")),
        id="journal-volume-dot-issue",
    ),
    pytest.param(
        "Lena Okafor, “Harbor Wars,” Coastal Review, Vol. 74, no. 1, pp. 1–6, 2016.",
        note("citation", src("journal", authors=["Lena Okafor"], title="Harbor Wars", outlet="Coastal Review",
                             date_raw="2016", volume="74", issue="1", pages="1–6")),
        id="journal-vol-no-pp-chunks",
    ),
    pytest.param(
        "Clara Voss, « Le port », Travail, mer et société, 2009, n° 1, pp. 91-106.",
        note("citation", src("journal", authors=["Clara Voss"], title="Le port", outlet="Travail, mer et société",
                             date_raw="2009", issue="1", pages="91-106")),
        id="outlet-with-commas",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” Coastal Times, July 20, 1994, D1.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Times", date_raw="July 20, 1994",
                             pages="D1")),
        id="newspaper-page-after-date",
    ),
    pytest.param(
        "Clara Voss et al., “Port Seized,” Coastal Times, May 2, 2013, sec. 4, 1+.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Times", date_raw="May 2, 2013",
                             pages="sec. 4, 1+")),
        id="newspaper-section-and-page",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” Coastal Bulletin (August-September, 1921).",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Bulletin",
                             date_raw="August-September, 1921")),
        id="date-in-parentheses-after-outlet",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” Coastal Review, 2013, pp. xii–xiv.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="Coastal Review", date_raw="2013",
                             pages="xii–xiv")),
        id="roman-pages",
    ),
    pytest.param(
        "Clara Voss, “Harbor Wars,” Coastal Review, 2013, doi:10.1234/cr.2013.4.",
        note("citation", src(authors=["Clara Voss"], title="Harbor Wars", outlet="Coastal Review", date_raw="2013",
                             url="doi:10.1234/cr.2013.4")),
        id="doi",
    ),
    pytest.param(
        "Bawer, Clara. “Harbor Lights.” Review of The Long Retreat, by Ruth Kessler. Coastal Review of Books, June 21, "
        "1998, 11.",
        note("citation", src(authors=["Clara Bawer"], title="Harbor Lights. Review of The Long Retreat, by Ruth Kessler",
                             outlet="Coastal Review of Books", date_raw="June 21, 1998", pages="11")),
        id="book-review-title",
    ),
    pytest.param(
        "Coastal Rights Watch, Annual Survey of the Eastern Hills (Port Ellis: Coastal Rights Watch, 2014).",
        note("citation", src("book", title="Annual Survey of the Eastern Hills", outlet="Coastal Rights Watch", date_raw="2014",
                             publisher="Coastal Rights Watch", place="Port Ellis")),
        id="organisation-as-author-of-report",
        marks=xfail("an organisation before an unquoted title with an imprint is not an author list, so the note is "
                    "left as commentary"),
    ),
    # --- institutions' documents with unquoted titles ----------------------------------------
    pytest.param(
        "HBA, Office of Tidal Surveys (OTS), Survey Methods: Part 4, Section B, of the Harbour Manual, hearings, May 3, 2019, "
        "p. 4, "
        "https://hba.example/survey.pdf.",
        note("citation", src("document", authors=["HBA, Office of Tidal Surveys (OTS)"],
                             title="Survey Methods: Part 4, Section B, of the Harbour Manual", date_raw="May 3, 2019",
                             pages="4",
                             url="https://hba.example/survey.pdf")),
        id="agency-hierarchy-unquoted-title",
    ),
    pytest.param(
        "Harbour Board, Keeping Piers Safe, Harbour Safety Series, HB 2040, Fact Sheet, October 2004.",
        note("citation", src("document", authors=["Harbour Board"], title="Keeping Piers Safe",
                             outlet="Harbour Safety Series", date_raw="October 2004")),
        id="agency-series-number-kind",
    ),
    pytest.param(
        "HBA, Tidal Survey Methods: A Manual, p. 9; and Ruth Kessler, “Harbour Records,” Port Gazette, May 2, 2019.",
        note("citation", src("short", authors=["HBA"], title="Tidal Survey Methods: A Manual", pages="9"),
             src(authors=["Ruth Kessler"], title="Harbour Records", outlet="Port Gazette", date_raw="May 2, 2019")),
        id="agency-short-form-with-pages",
    ),
    pytest.param(
        "Port Ellis Office of Records, District of Lanwick, Wharves, https://records.example/wharves.",
        note("citation", src("document", authors=["Port Ellis Office of Records, District of Lanwick"], title="Wharves",
                             url="https://records.example/wharves")),
        id="agency-title-then-link",
    ),
    pytest.param(
        "The board met twice that year. It kept no minutes in 2001. Ruth Kessler, “Harbour Records,” Port Gazette, "
        "May 2, 2019, p. 4, https://records.example/harbour.pdf.",
        note("mixed", src(authors=["Ruth Kessler"], title="Harbour Records", outlet="Port Gazette", date_raw="May 2, 2019",
                          pages="4", url="https://records.example/harbour.pdf"),
             commentary="The board met twice that year. It kept no minutes in 2001."),
        id="citation-after-commentary-sentences",
    ),
    pytest.param(
        "Tides rose. HBA, Tide Tables, June 2020, https://hba.example/t.pdf. They fell. HBA, Tide Charts, July 2020.",
        note("mixed", src("document", authors=["HBA"], title="Tide Tables", date_raw="June 2020",
                          url="https://hba.example/t.pdf"),
             src("document", authors=["HBA"], title="Tide Charts", date_raw="July 2020"),
             commentary="Tides rose. They fell."),
        id="citations-between-commentary-sentences",
    ),
    pytest.param(
        "For an example, see the rule of the northern district: Port Ellis Office of Records, District of Lanwick, "
        "Wharves, https://records.example/wharves.",
        note("mixed", src("document", authors=["Port Ellis Office of Records, District of Lanwick"], title="Wharves",
                          url="https://records.example/wharves"),
             commentary="the rule of the northern district:"),  # "For …, see" is a cue
        id="citation-after-a-colon",
    ),
    pytest.param(
        "The term is defined in law. HBA, “Harbour Terms,” https://hba.example/terms; 12 U.S.C. §4.",
        note("mixed", src(authors=["HBA"], title="Harbour Terms", url="https://hba.example/terms"),
             src("document", outlet="U.S.C.", volume="12", pages="4"),
             commentary="The term is defined in law. 12 U.S.C. §4."),  # a statute keeps its place in the commentary
        id="statute-after-semicolon-not-vancouver",
    ),
    pytest.param(
        "Ruth Kessler, “Harbour Records,” Port Gazette, April 2, 1982 (hereinafter Kessler, “Records (Port)”).",
        note("citation", src(authors=["Ruth Kessler"], title="Harbour Records", outlet="Port Gazette",
                             date_raw="April 2, 1982")),
        id="hereinafter-is-no-outlet-or-volume",
    ),
    # --- wiki-style (CS1) references --------------------------------------------------------------
    pytest.param(
        'Kessler, Ruth; Haddad, Omar B. (2017-07-01). "Tide Tables Revisited" (PDF). Journal of Harbour Studies. '
        "23 (7): 17–52. arXiv:1512.01655. doi:10.1000/jhs.2017.1. ISSN 1077-2626. PMID 28113434.",
        note("citation", src("journal", authors=["Ruth Kessler", "Omar B. Haddad"], title="Tide Tables Revisited",
                             outlet="Journal of Harbour Studies", date_raw="2017-07-01", volume="23", issue="7",
                             pages="17–52", url="doi:10.1000/jhs.2017.1")),
        id="wiki-journal-iso-date-identifiers",
    ),
    pytest.param(
        'Vell, M.; Ortal, B. (2009). "Piers of the North". Proceedings of the Harbour Symposium: 4–11.',
        note("citation", src(authors=["M. Vell", "B. Ortal"], title="Piers of the North",
                             outlet="Proceedings of the Harbour Symposium", date_raw="2009", pages="4–11")),
        id="wiki-proceedings-pages-after-colon",
    ),
    pytest.param(
        "Vell, Marta; Ortal, Lina (2017-10-04). Piers of the North. Harbour Symposium 2017 – 4th Meeting on Harbours. "
        "pp. 188–203. doi:10.1000/piers.13.",
        note("citation", src(authors=["Marta Vell", "Lina Ortal"], title="Piers of the North",
                             outlet="Harbour Symposium 2017 – 4th Meeting on Harbours", date_raw="2017-10-04",
                             pages="188–203", url="doi:10.1000/piers.13")),
        id="wiki-unquoted-title-pages-after-a-full-stop",
    ),
    pytest.param(
        "HBA, Report and Order: In the Matter of Piers, November 10, 1994, p. 1813, 1815, 1819, https://hba.example/o.pdf.",
        note("citation", src("document", authors=["HBA"], title="Report and Order: In the Matter of Piers",
                             date_raw="November 10, 1994", pages="1813, 1815, 1819", url="https://hba.example/o.pdf")),
        id="list-of-pages-no-year-no-access-date",
    ),
    pytest.param(
        "Ruth Kessler, “Tides,” Port Gazette, May 2, 2019, pp. 15, 17.",
        note("citation", src(authors=["Ruth Kessler"], title="Tides", outlet="Port Gazette", date_raw="May 2, 2019",
                             pages="15, 17")),
        id="list-of-pages-after-the-date",
    ),
    pytest.param(
        "HBA, Tide Tables, p. 5, 2019.",
        note("citation", src("document", authors=["HBA"], title="Tide Tables", date_raw="2019", pages="5")),
        id="a-year-after-a-page-is-the-date",
    ),
    pytest.param(
        "CRS Testimony TE101, Piers and Wharves, by Ruth Kessler.",
        note("citation", src("document", authors=["Ruth Kessler"], title="Piers and Wharves", publisher="CRS")),
        id="testimony-in-a-report-series",
    ),
    # --- executive orders, bills, sections of acts ---------------------------------------------
    pytest.param(
        "Executive Order (E.O.) 10401 of May 2, 1961, “Opening the Harbours,” 26 Federal Register 4410, May 4, 1961, "
        "https://register.example/1961.pdf (hereinafter E.O. 10401, “Opening the Harbours”).",
        note("citation", src("document", title="Executive Order (E.O.) 10401 of May 2, 1961, “Opening the Harbours”",
                             outlet="Federal Register", volume="26", pages="4410", date_raw="May 4, 1961",
                             url="https://register.example/1961.pdf")),
        id="executive-order-in-the-register",
    ),
    pytest.param(
        "E.O. 10401, “Opening the Harbours.” The order was revoked in 1970.",
        note("mixed", src("short", title="E.O. 10401, “Opening the Harbours”"), commentary="The order was revoked in 1970."),
        id="executive-order-short-form-then-commentary",
    ),
    pytest.param(
        "The board closed in 1979 pursuant to E.O. 12001 of July 2, 1979, “Closing Boards,” 44 Federal Register 900.",
        note("mixed", src("document", title="E.O. 12001 of July 2, 1979, “Closing Boards”", outlet="Federal Register",
                          volume="44", pages="900", date_raw="July 2, 1979"),
             commentary="The board closed in 1979 pursuant to E.O. 12001 of July 2, 1979, “Closing Boards,” 44 Federal Register 900."),
        id="executive-order-inside-commentary",
    ),
    pytest.param(
        "The board found these rules by searching for “piers” on HarbourRules.gov (the archive tab) on May 2, 2020. "
        "None was older than 1990.",
        note("mixed", src("document", outlet="HarbourRules.gov", accessed_raw="May 2, 2020"),
             commentary="The board found these rules by searching for “piers” on HarbourRules.gov (the archive tab) on "
                        "May 2, 2020. None was older than 1990."),
        id="site-searched-on-a-date",
    ),
    pytest.param("The board met on May 2, 2020, on the pier of Port Ellis.", note("commentary",
                 commentary="The board met on May 2, 2020, on the pier of Port Ellis."), id="a-date-without-a-site-visited"),
    pytest.param(
        "Reorganization Plan No. 2 of 1970, 35 Federal Register 700, 84 Stat. 20, https://register.example/1970.",
        note("citation", src("document", title="Reorganization Plan No. 2 of 1970", outlet="Federal Register", volume="35",
                             pages="700", url="https://register.example/1970")),
        id="reorganization-plan-in-the-register",
    ),
    pytest.param(
        "CRS Report R1, Piers and Wharves, by Ruth Kessler, explains the rules. CRS In Focus IF2, Harbour Fees, by "
        "Omar Haddad, lists the fees.",
        note("mixed", src("document", authors=["Ruth Kessler"], title="Piers and Wharves", publisher="CRS"),
             src("document", authors=["Omar Haddad"], title="Harbour Fees", publisher="CRS"),
             commentary="explains the rules. lists the fees."),
        id="two-reports-each-with-commentary",
    ),
    pytest.param(
        "Conversation between the author and the Harbour Board on April 1, 2016.",
        note("mixed", src("interview", authors=["Harbour Board"], date_raw="April 1, 2016"),
             commentary="Conversation between the author and the Harbour Board on April 1, 2016."),
        id="conversation-on-a-date",
    ),
    pytest.param(
        "Piers are inspected yearly. Based on CRS discussions with HBA's Office of Piers, April 5, 2025.",
        note("mixed", src("interview", authors=["HBA's Office of Piers"], date_raw="April 5, 2025"),
             commentary="Piers are inspected yearly. Based on CRS discussions with HBA's Office of Piers, April 5, 2025."),
        id="discussions-with-an-office-not-a-titled-document",
    ),
    pytest.param(
        "Based on correspondence with Port Ellis Records in January 2018, the pier was still closed.",
        note("mixed", src("interview", authors=["Port Ellis Records"], date_raw="January 2018"),
             commentary="Based on correspondence with Port Ellis Records in January 2018, the pier was still closed."),
        id="correspondence-in-a-month",
    ),
    pytest.param("H.R. 12; S. 7.", note("citation", src("document", title="H.R. 12"), src("document", title="S. 7")),
                 id="bills"),
    pytest.param("H.Rept. 118-20.", note("citation", src("document", title="H.Rept. 118-20")), id="house-report"),
    pytest.param("Harbour Safety Act §4(b).", note("citation", src("document", title="Harbour Safety Act", pages="4(b)")),
                 id="act-section"),
    # --- Ibid. -----------------------------------------------------------------------------------
    pytest.param("Ibid.", note("ibid"), id="ibid"),
    pytest.param("Ibid., p. 12.", note("ibid", pinpoint="p. 12"), id="ibid-page"),
    pytest.param("Ibid., pp. 3-4.", note("ibid", pinpoint="pp. 3-4"), id="ibid-page-range"),
    pytest.param("ibid", note("ibid"), id="ibid-lowercase-no-period"),
    pytest.param("Ibidem.", note("ibid"), id="ibidem"),
    pytest.param("Id.", note("ibid"), id="id"),
    pytest.param(
        "Ibid. p. 12.",
        note("ibid", pinpoint="p. 12"),
        id="ibid-page-without-comma",
    ),
    pytest.param(
        "Ibid. The spokesman repeated the claim a week later.",
        note("ibid", commentary="The spokesman repeated the claim a week later."),
        id="ibid-followed-by-commentary",
    ),
    # --- short forms -------------------------------------------------------------------------------
    pytest.param(
        "Rasheed, “Border Town Falls,” p. 4.",
        note("citation", src("short", authors=["Rasheed"], title="Border Town Falls", pages="4")),
        id="short-form-author-title-page",
    ),
    pytest.param(
        "Rasheed, “Border Town Falls.”",
        note("citation", src("short", authors=["Rasheed"], title="Border Town Falls")),
        id="short-form-author-title",
    ),
    pytest.param(
        "“Harbor Brigades Split Over Levy.”",
        note("citation", src("short", title="Harbor Brigades Split Over Levy")),
        id="short-form-title-only",
    ),
    pytest.param(
        "Voss, “Korvana Turns to the U.S.”",
        note("citation", src("short", authors=["Voss"], title="Korvana Turns to the U.S.")),
        id="short-form-title-ending-in-abbreviation",
    ),
    pytest.param(
        "“Waiting for the Convoy...”",
        note("citation", src("short", title="Waiting for the Convoy...")),
        id="short-form-title-ending-in-ellipsis",
    ),
    # --- several sources -------------------------------------------------------------------------
    pytest.param(
        "Hamid Rasheed, “Border Town Falls,” Reuters, January 10, 2013; Clara Voss, “Port Seized,” BBC, "
        "January 11, 2013.",
        note("citation",
             src(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Reuters", date_raw="January 10, 2013"),
             src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013")),
        id="two-sources-semicolon",
    ),
    pytest.param(
        "“Rebels Say Port Is Theirs; Army Denies,” Reuters, May 4, 2012; Clara Voss, “Port Seized,” BBC, "
        "January 11, 2013.",
        note("citation",
             src(title="Rebels Say Port Is Theirs; Army Denies", outlet="Reuters", date_raw="May 4, 2012"),
             src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013")),
        id="semicolon-inside-quoted-title",
    ),
    pytest.param(
        "“Port Seized,” Reuters, March 2013; “Port Retaken,” Reuters, April 2013; “Port Calm,” Reuters, May 2013.",
        note("citation",
             src(title="Port Seized", outlet="Reuters", date_raw="March 2013"),
             src(title="Port Retaken", outlet="Reuters", date_raw="April 2013"),
             src(title="Port Calm", outlet="Reuters", date_raw="May 2013")),
        id="three-sources-month-year",
    ),
    pytest.param(
        "Hamid Rasheed, “Border Town Falls,” Reuters, January 10, 2013; Rasheed, “Border Town Falls,” p. 2.",
        note("citation",
             src(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Reuters", date_raw="January 10, 2013"),
             src("short", authors=["Rasheed"], title="Border Town Falls", pages="2")),
        id="full-then-short-form",
    ),
    # --- commentary ----------------------------------------------------------------------------
    pytest.param(
        "The term “sea wolves” was first used by relief workers in the region.",
        note("commentary", commentary="The term “sea wolves” was first used by relief workers in the region."),
        id="commentary-quoted-word",
    ),
    pytest.param(
        "The phrase “martyrdom brigade” appears in several communiqués, and “soft targets” in others.",
        note("commentary", commentary="The phrase “martyrdom brigade” appears in several communiqués, "
                                      "and “soft targets” in others."),
        id="commentary-two-quoted-phrases",
    ),
    pytest.param(
        "Locals call the brigade “the Lions of Harrow,” a name borrowed from an older militia.",
        note("commentary", commentary="Locals call the brigade “the Lions of Harrow,” a name borrowed from an "
                                      "older militia."),
        id="commentary-quoted-name-with-comma",
    ),
    pytest.param(
        "“Sea wolves” are fast skiffs fitted with heavy machine guns.",
        note("commentary", commentary="“Sea wolves” are fast skiffs fitted with heavy machine guns."),
        id="commentary-opening-with-quoted-word",
    ),
    pytest.param("See above.", note("commentary", commentary="See above."), id="commentary-see-above"),
    pytest.param("See note 12.", note("commentary", commentary="See note 12."), id="commentary-cross-reference"),
    # --- mixed notes and cues ----------------------------------------------------------------------
    pytest.param(
        "Several officials disputed this account. See Hamid Rasheed, “Border Town Falls,” Reuters, "
        "January 10, 2013; Clara Voss, “Port Seized,” BBC, January 11, 2013.",
        note("mixed",
             src(authors=["Hamid Rasheed"], title="Border Town Falls", outlet="Reuters", date_raw="January 10, 2013"),
             src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             commentary="Several officials disputed this account."),
        id="mixed-commentary-see-two-sources",
    ),
    pytest.param(
        "The group called itself “Harbor Shield.” See Clara Voss, “Port Seized,” BBC, January 11, 2013.",
        note("mixed", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             commentary="The group called itself “Harbor Shield.”"),
        id="mixed-commentary-ending-in-quote-then-see",
    ),
    pytest.param(
        "For more on this, see Clara Voss, “Port Seized,” BBC, January 11, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013")),
        id="lead-in-for-more-see",
    ),
    pytest.param(
        "This account is disputed. For a different view, see Lena Okafor, “Rethinking Deradicalisation,” "
        "Perspectives on Terrorism, Spring 2012.",
        note("mixed", src(authors=["Lena Okafor"], title="Rethinking Deradicalisation",
                          outlet="Perspectives on Terrorism", date_raw="Spring 2012"),
             commentary="This account is disputed."),
        id="mixed-commentary-then-lead-in-season",
    ),
    pytest.param(
        "See also Clara Voss, “Port Seized,” BBC, January 11, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013")),
        id="cue-see-also",
    ),
    pytest.param(
        "Cf. Clara Voss, “Port Seized,” BBC, January 11, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013")),
        id="cue-cf",
    ),
    pytest.param(
        "See, for example, Clara Voss, “Port Seized,” BBC, January 11, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013")),
        id="cue-see-for-example",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 11, 2013. The broadcaster later revised the casualty figure.",
        note("mixed", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             commentary="The broadcaster later revised the casualty figure."),
        id="citation-then-commentary",
    ),
    pytest.param(
        "“Port Seized,” Reuters, May 4, 2012. See also “Port Retaken,” Reuters, May 9, 2012.",
        note("citation",
             src(title="Port Seized", outlet="Reuters", date_raw="May 4, 2012"),
             src(title="Port Retaken", outlet="Reuters", date_raw="May 9, 2012")),
        id="citation-then-see-also-citation",
    ),
    pytest.param(
        "Estimates vary; see “Port Seized,” BBC, January 11, 2013.",
        note("mixed", src(title="Port Seized", outlet="BBC", date_raw="January 11, 2013"),
             commentary="Estimates vary"),
        id="commentary-semicolon-see",
    ),
    # --- URLs ----------------------------------------------------------------------------------
    pytest.param(
        "“Statement on the Attack in Port Ellis,” Ministry of the Interior, March 2, 2015, available at "
        "https://www.example.gov/statements/2015/03/02.",
        note("citation", src(title="Statement on the Attack in Port Ellis", outlet="Ministry of the Interior",
                             date_raw="March 2, 2015", url="https://www.example.gov/statements/2015/03/02")),
        id="url-available-at-https",
    ),
    pytest.param(
        "“Port Seized,” BBC, January 11, 2013, available at www.example.org/port.",
        note("citation", src(title="Port Seized", outlet="BBC", date_raw="January 11, 2013",
                             url="www.example.org/port")),
        id="url-www",
    ),
    pytest.param(
        "“Port Seized,” BBC, January 11, 2013, <https://example.org/port>.",
        note("citation", src(title="Port Seized", outlet="BBC", date_raw="January 11, 2013",
                             url="https://example.org/port")),
        id="url-angle-brackets",
    ),
    pytest.param(
        "“Port Seized,” BBC, January 11, 2013, available at https://example.org/port, accessed May 3, 2016.",
        note("citation", src(title="Port Seized", outlet="BBC", date_raw="January 11, 2013",
                             url="https://example.org/port", accessed_raw="May 3, 2016")),
        id="url-then-accessed-date",
    ),
    # --- dates -----------------------------------------------------------------------------------
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, 14 March 2016.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="14 March 2016")),
        id="date-day-month-year",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” The Economist, March 2016.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="The Economist",
                             date_raw="March 2016")),
        id="date-month-year",
    ),
    pytest.param(
        "Liam O’Connell, “The Coastguard’s Dilemma,” Perspectives on Terrorism, Spring 2012.",
        note("citation", src(authors=["Liam O’Connell"], title="The Coastguard’s Dilemma",
                             outlet="Perspectives on Terrorism", date_raw="Spring 2012")),
        id="date-season",
    ),
    pytest.param(
        "“Annual Threat Assessment,” Institute for Regional Security, 2011.",
        note("citation", src(title="Annual Threat Assessment", outlet="Institute for Regional Security",
                             date_raw="2011")),
        id="date-bare-year",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, Sept. 5, 2014.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="Sept. 5, 2014")),
        id="date-abbreviated-month",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 9-10, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC",
                             date_raw="January 9-10, 2013")),
        id="date-day-range",
    ),
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 31-February 2, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC",
                             date_raw="January 31-February 2, 2013")),
        id="date-cross-month-range",
    ),
    pytest.param(
        "Ministry of Defence press release, March 3, 2014.",
        note("citation", src("document", title="Ministry of Defence press release", date_raw="March 3, 2014")),
        id="untitled-document",
    ),
    # --- languages ---------------------------------------------------------------------------------
    pytest.param(
        "“L’armée reprend le contrôle de la ville de Borvane,” Le Monde, March 7, 2013.",
        note("citation", src(title="L’armée reprend le contrôle de la ville de Borvane", outlet="Le Monde",
                             date_raw="March 7, 2013")),
        id="french-title",
    ),
    pytest.param(
        "« La ville est tombée », Le Monde, March 7, 2013.",
        note("citation", src(title="La ville est tombée", outlet="Le Monde", date_raw="March 7, 2013")),
        id="french-title-guillemets",
    ),
    pytest.param(
        "“Los rebeldes toman el control de la frontera,” Diario de Varsoria, March 5, 2013.",
        note("citation", src(title="Los rebeldes toman el control de la frontera", outlet="Diario de Varsoria",
                             date_raw="March 5, 2013")),
        id="spanish-title",
    ),
    pytest.param(
        "“Los rebeldes toman el control de la frontera,” Diario de Varsoria, 5 de marzo de 2013.",
        note("citation", src(title="Los rebeldes toman el control de la frontera", outlet="Diario de Varsoria",
                             date_raw="5 de marzo de 2013")),
        id="spanish-title-spanish-date",
    ),
    # --- names with particles, organisations -----------------------------------------------------
    pytest.param(
        "Mohamed ag Intalla, “Desert Alliances,” Jeune Afrique, April 2, 2013.",
        note("citation", src(authors=["Mohamed ag Intalla"], title="Desert Alliances", outlet="Jeune Afrique",
                             date_raw="April 2, 2013")),
        id="particle-ag",
    ),
    pytest.param(
        "Yusuf al-Karimi, “Desert Alliances,” Al Jazeera, April 2, 2013.",
        note("citation", src(authors=["Yusuf al-Karimi"], title="Desert Alliances", outlet="Al Jazeera",
                             date_raw="April 2, 2013")),
        id="particle-al-hyphen",
    ),
    pytest.param(
        "Ahmed Ould Bekaye, “Les rebelles quittent la ville,” Jeune Afrique, June 2, 2015.",
        note("citation", src(authors=["Ahmed Ould Bekaye"], title="Les rebelles quittent la ville",
                             outlet="Jeune Afrique", date_raw="June 2, 2015")),
        id="particle-ould",
    ),
    pytest.param(
        "Osama bin Tariq and Zainab bint Salim, “Ports and Power,” Al-Hayat, 2 June 2015.",
        note("citation", src(authors=["Osama bin Tariq", "Zainab bint Salim"], title="Ports and Power",
                             outlet="Al-Hayat", date_raw="2 June 2015")),
        id="particle-bin-bint",
    ),
    pytest.param(
        "Pierre de Montclair, “Le port sous tutelle,” Le Figaro, April 2, 2013.",
        note("citation", src(authors=["Pierre de Montclair"], title="Le port sous tutelle", outlet="Le Figaro",
                             date_raw="April 2, 2013")),
        id="particle-de",
    ),
    pytest.param(
        "Joost van Riel, “Desert Alliances,” Haagse Koerier, April 2, 2013.",
        note("citation", src(authors=["Joost van Riel"], title="Desert Alliances", outlet="Haagse Koerier",
                             date_raw="April 2, 2013")),
        id="particle-van",
    ),
    pytest.param(
        "Coastal Rights Watch, “They Burned Everything: Abuses in the Eastern Hills,” March 2014.",
        note("citation", src(authors=["Coastal Rights Watch"], title="They Burned Everything: Abuses in the Eastern Hills",
                             date_raw="March 2014")),
        id="organisation-before-title",
    ),
    pytest.param(
        "Coastal Rights Watch, “Burned Villages,” Harbour Gazette, March 4, 2014.",
        note("citation", src(authors=["Coastal Rights Watch"], title="Burned Villages", outlet="Harbour Gazette",
                             date_raw="March 4, 2014")),
        id="corporate-author-and-outlet",
    ),
    pytest.param(
        "Clara Voss et al., “Port Seized,” BBC, January 11, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="January 11, 2013")),
        id="authors-et-al",
    ),
    pytest.param(
        "Dr. Clara Voss, “Port Seized,” BBC, 2013.",
        note("citation", src(authors=["Clara Voss"], title="Port Seized", outlet="BBC", date_raw="2013")),
        id="author-with-honorific",
    ),
    pytest.param(
        "Reuters, May 4, 2012.",
        note("citation", src(outlet="Reuters", date_raw="May 4, 2012")),
        id="wire-story-without-title",
    ),
    # --- statutes and regulations, in citations and inside commentary ------------------------------
    pytest.param(
        "12 U.S.C. §4471(b).",
        note("citation", src("document", outlet="U.S.C.", volume="12", pages="4471(b)")),
        id="code-section",
    ),
    pytest.param(
        "See 9 C.F.R. §§30.2-30.7; 9 C.F.R. §31.",
        note("citation", src("document", outlet="C.F.R.", volume="9", pages="30.2-30.7"),
             src("document", outlet="C.F.R.", volume="9", pages="31")),
        id="regulations-after-see",
    ),
    pytest.param(
        "See P.L. 88-12, 201 Stat. 45.",
        note("citation", src("document", title="P.L. 88-12", outlet="Stat.", volume="201", pages="45")),
        id="public-law-with-statutes-at-large",
    ),
    pytest.param(
        "Under 12 U.S.C. §4471, a harbour pilot must hold a licence.",
        note("mixed", src("document", outlet="U.S.C.", volume="12", pages="4471"),
             commentary="Under 12 U.S.C. §4471, a harbour pilot must hold a licence."),
        id="code-section-inside-commentary",
    ),
    pytest.param(
        "The fund was created under Title II of the Clean Harbours Act of 1987 (P.L. 100-4).",
        note("mixed", src("document", title="Clean Harbours Act of 1987, P.L. 100-4"),
             commentary="The fund was created under Title II of the Clean Harbours Act of 1987 (P.L. 100-4)."),
        id="named-act-with-public-law",
    ),
    pytest.param(
        "See https://example.org/port/ and https://www.example.org/tides.asp.",
        note("citation", src("document", url="https://example.org/port/"), src("document", url="https://www.example.org/tides.asp")),
        id="bare-links-after-see",
    ),
    pytest.param(
        "The board later moved its archive to https://example.org/archive.",
        note("mixed", src("document", url="https://example.org/archive"),
             commentary="The board later moved its archive to https://example.org/archive."),
        id="bare-link-inside-commentary",
    ),
    pytest.param(
        "Section 12 of the charter was amended twice.",
        note("commentary", commentary="Section 12 of the charter was amended twice."),
        id="a-section-without-a-code-is-no-citation",
    ),
    # --- numbered reports of a series ---------------------------------------------------------------
    pytest.param(
        "See Harbour Board Report R4816, Tidal Surveys: An Overview.",
        note("citation", src("document", title="Tidal Surveys: An Overview", publisher="Harbour Board")),
        id="report-series-number-title",
    ),
    pytest.param(
        "Harbour Board In Focus IF1326, Port Rules: Key Provisions, Statutes, and Rulings, by L. Clara Voss, "
        "gives an overview.",
        note("mixed", src("document", authors=["L. Clara Voss"], title="Port Rules: Key Provisions, Statutes, and Rulings",
                          publisher="Harbour Board"), commentary="gives an overview."),
        id="report-series-by-authors-then-commentary",
    ),
    pytest.param(
        "Harbour Board Working Paper WP-12, Boats and Tides, by Dana A. Voss and Ben Ortal, p. 12.",
        note("citation", src("document", authors=["Dana A. Voss", "Ben Ortal"], title="Boats and Tides",
                             publisher="Harbour Board", pages="12")),
        id="report-series-two-authors-and-page",
    ),
    # --- statutes by units, codified laws, a work at two dates, correspondence --------------------
    pytest.param(
        "Congress left these boats out (12 U.S.C. Subtitle II, Chapter 4, Subchapter IX), as it did for ferries.",
        note("mixed", src("document", outlet="U.S.C.", volume="12", pages="Subtitle II, Chapter 4, Subchapter IX"),
             commentary="Congress left these boats out (12 U.S.C. Subtitle II, Chapter 4, Subchapter IX), as it did for ferries."),
        id="statute-by-subtitle-chapter-subchapter",
    ),
    pytest.param(
        "The Clean Harbours Act, P.L. 101-22, is codified at 33 U.S.C. §§1401-1445 (1990).",
        note("mixed", src("document", title="The Clean Harbours Act, P.L. 101-22", outlet="U.S.C.", volume="33",
                          pages="1401-1445", date_raw="1990"),
             commentary="The Clean Harbours Act, P.L. 101-22, is codified at 33 U.S.C. §§1401-1445 (1990)."),
        id="public-law-codified-at-is-one-work",
    ),
    pytest.param(
        "The ferry provisions of the Harbour Safety Act are codified at 46 U.S.C. §§ 3301-3318 (formerly 46 U.S.C. §391).",
        note("mixed", src("document", title="Harbour Safety Act", outlet="U.S.C.", volume="46", pages="3301-3318"),
             commentary="The ferry provisions of the Harbour Safety Act are codified at 46 U.S.C. §§ 3301-3318 (formerly 46 U.S.C. §391)."),
        id="act-codified-at-and-its-former-place-no-work",
    ),
    pytest.param(
        "Harbour Board, Annual Survey of Tides, May 2010, p. 6, and June 2012, p. 9, https://harbour.example.org/surveys.",
        note("citation",
             src("document", authors=["Harbour Board"], title="Annual Survey of Tides", date_raw="May 2010", pages="6",
                 url="https://harbour.example.org/surveys"),
             src("document", authors=["Harbour Board"], title="Annual Survey of Tides", date_raw="June 2012", pages="9",
                 url="https://harbour.example.org/surveys")),
        id="one-work-at-two-dates-is-two-sources",
    ),
    pytest.param(
        "Figures on ferry traffic were given to the author from the Port Office through correspondence on May 3, 2018.",
        note("mixed", src("interview", authors=["Port Office"], date_raw="May 3, 2018"),
             commentary="Figures on ferry traffic were given to the author from the Port Office through correspondence on May 3, 2018."),
        id="from-someone-through-correspondence-on-a-date",
    ),
    pytest.param(
        "Ferries run twice a day. Based on discussions with the Harbour Board's Tide Division, April 5, 2021.",
        note("mixed", src("interview", authors=["Harbour Board's Tide Division"], date_raw="April 5, 2021"),
             commentary="Ferries run twice a day. Based on discussions with the Harbour Board's Tide Division, April 5, 2021."),
        id="discussions-after-commentary-not-read-as-a-reference",
    ),
    pytest.param(
        "According to the Harbour Board's “Tide Rules,” ferries must dock by noon.",
        note("mixed", src("document", authors=["Harbour Board"], title="Tide Rules"), commentary="ferries must dock by noon."),
        id="according-to-an-organisation-s-quoted-title",
    ),
    pytest.param(
        "Harbour Board, “Annex IV,” in Tide Plan, May 2, 1970, p. IV-2.",
        note("citation", src(authors=["Harbour Board"], title="Annex IV", outlet="Tide Plan", date_raw="May 2, 1970", pages="IV-2")),
        id="pages-numbered-within-a-roman-annex",
    ),
    pytest.param(
        "Clara Voss, Tide Tables of the North (Harbour Press, 2011).",
        note("citation", src("book", authors=["Clara Voss"], title="Tide Tables of the North", outlet="Harbour Press",
                             publisher="Harbour Press", date_raw="2011")),
        id="imprint-publisher-and-year-without-place",
    ),
    pytest.param(
        "HBA, Ferry Court Now Open, May 2, 2015, https://example.org/f.",
        note("citation", src("document", authors=["HBA"], title="Ferry Court Now Open", date_raw="May 2, 2015",
                             url="https://example.org/f")),
        id="acronym-then-a-four-word-title-is-no-inverted-name",
    ),
    pytest.param(
        "Harbour Pilot Services, Northern District of Tides, Ferry Diversion Court, https://example.org/ferry.",
        note("citation", src("document", authors=["Harbour Pilot Services, Northern District of Tides"], title="Ferry Diversion Court",
                             url="https://example.org/ferry")),
        id="organisations-then-a-title-named-like-one-before-the-link",
    ),
    pytest.param(
        "It was amended by the Comprehensive Harbour Recovery Act of 2016 (CHRA; P.L. 114-198).",
        note("mixed", src("document", title="Comprehensive Harbour Recovery Act of 2016, P.L. 114-198"),
             commentary="It was amended by the Comprehensive Harbour Recovery Act of 2016 (CHRA; P.L. 114-198)."),
        id="act-with-its-abbreviation-before-the-public-law",
    ),
    pytest.param(
        "Ana Ruiz, “Tide Alerts,” hearings, Harbour Board, May 2, 2018, p. 30.",
        note("citation", src(authors=["Ana Ruiz"], title="Tide Alerts", date_raw="May 2, 2018", pages="30")),
        id="a-lower-case-aside-is-no-outlet",
    ),
    pytest.param(
        "Lena Ortal, “Trust in Harbour Radio,” paper presented at the Third Conference on Tidal Computing, September 2012, p. 62.",
        note("citation", src(authors=["Lena Ortal"], title="Trust in Harbour Radio", outlet="Third Conference on Tidal Computing",
                             date_raw="September 2012", pages="62")),
        id="paper-presented-at-a-conference",
    ),
    pytest.param(
        "See discussion of research later in this report, and various research cited by the Harbour Institute of Tides (HIT), "
        "Overview of Ferry Courts, July 2020, https://example.org/ferry-courts.",
        note("mixed", src("document", authors=["Harbour Institute of Tides (HIT)"], title="Overview of Ferry Courts",
                          date_raw="July 2020", url="https://example.org/ferry-courts"),
             commentary="discussion of research later in this report, and various research cited by the"),
        id="a-citation-after-cited-by-in-commentary",
    ),
    pytest.param(
        "Dana Voss, “Tidal Locks,” Harbour Board, Tech. Rep., 1988.",
        note("citation", src("document", authors=["Dana Voss"], title="Tidal Locks", date_raw="1988", publisher="Harbour Board")),
        id="quoted-title-technical-report",
    ),
    pytest.param(
        "Voss, Clara D. 2011. “Tidal Locks.” Harbour Review 5 175-185.",
        note("citation", src("journal", authors=["Clara D. Voss"], title="Tidal Locks", outlet="Harbour Review",
                             date_raw="2011", volume="5", pages="175-185")),
        id="author-date-year-after-full-stop-volume-pages-unpunctuated",
    ),
    pytest.param(
        "Voss, Clara. 2011. “Tidal Locks.” Harbour Review pp. 1–22.",
        note("citation", src(authors=["Clara Voss"], title="Tidal Locks", outlet="Harbour Review", date_raw="2011",
                             pages="1–22")),
        id="author-date-outlet-then-marked-pages",
    ),
    pytest.param(
        "C. Voss & B. Ortal [Jan 1993], “Tidal Locks,” Harbour Review, 71-84.",
        note("citation", src(authors=["C. Voss", "B. Ortal"], title="Tidal Locks", outlet="Harbour Review",
                             date_raw="Jan 1993", pages="71-84")),
        id="date-in-brackets-after-authors",
    ),
    pytest.param(
        "2010. “Tidal Locks.” Harbour Review 6(2): 1-12.",
        note("citation", src("journal", title="Tidal Locks", outlet="Harbour Review", date_raw="2010", volume="6", issue="2",
                             pages="1-12")),
        id="year-alone-before-quoted-title",
    ),
    # --- empty and garbage -------------------------------------------------------------------------
    pytest.param("", note("empty"), id="empty-string"),
    pytest.param("   \t ", note("empty"), id="whitespace-only"),
    pytest.param("asdf;;; ,,", note("commentary", commentary="asdf;;; ,,"), id="garbage-punctuation"),
    pytest.param(";;;", note("commentary", commentary=";;;"), id="garbage-semicolons"),
    pytest.param("12345", note("commentary", commentary="12345"), id="garbage-number"),
    pytest.param(
        "“Unclosed title, Reuters, May 2012.",
        note("commentary", commentary="“Unclosed title, Reuters, May 2012."),
        id="garbage-unclosed-quote",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOTES)
def test_parse_note(grammar, text, expected):
    assert as_record(parse_note(text, grammar)) == expected


OFFSET_ROWS = [pytest.param(p.values[0], id=p.id) for p in NOTES if not p.marks and p.values[1]["sources"]]


@pytest.mark.parametrize("text", OFFSET_ROWS)
def test_source_offsets_point_at_raw_text(grammar, text):
    """Each source's raw text is exactly the slice of the note its offsets name."""
    for source in parse_note(text, grammar).sources:
        assert 0 <= source.start < source.end <= len(text)
        assert text[source.start : source.end] == source.raw


CITATIONS = [
    pytest.param(
        "Clara Voss, “Port Seized,” BBC, January 11, 2013. The broadcaster later revised the figure.",
        ("Clara Voss, “Port Seized,” BBC, January 11, 2013.", "article", "The broadcaster later revised the figure."),
        id="article-with-trailing-commentary",
    ),
    pytest.param(
        "Hamid Rasheed, “Border Town Falls,” Reuters, January 10, 2013",
        ("Hamid Rasheed, “Border Town Falls,” Reuters, January 10, 2013", "article", ""),
        id="article-no-final-period",
    ),
    pytest.param(
        "Ruth Kessler, The Long Retreat (London: Hurst, 2015).",
        ("Ruth Kessler, The Long Retreat (London: Hurst, 2015).", "book", ""),
        id="book",
    ),
    pytest.param(
        "Telephone interview, Ines Moravec, aid worker, April 2, 2015.",
        ("Telephone interview, Ines Moravec, aid worker, April 2, 2015.", "interview", ""),
        id="interview",
    ),
    pytest.param(
        "  Ministry of Defence press release, March 3, 2014.  ",
        ("Ministry of Defence press release, March 3, 2014.", "document", ""),
        id="document-surrounding-space",
    ),
    pytest.param("The term “sea wolves” was first used by relief workers.", None, id="quoted-word-in-prose"),
    pytest.param("Officials did not respond to requests for comment.", None, id="plain-prose"),
    pytest.param("asdf", None, id="garbage"),
]


@pytest.mark.parametrize(("segment", "expected"), CITATIONS)
def test_parse_citation(grammar, segment, expected):
    result = parse_citation(segment, grammar)
    if expected is None:
        assert result is None
    else:
        source, trailing = result
        assert (source.raw, source.type, trailing) == expected


QUOTE_PAIRS = [("“", "”"), ('"', '"'), ("«", "»")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a; b; c", ["a", " b", " c"], id="plain"),
        pytest.param("“x; y”; z", ["“x; y”", " z"], id="curly-quotes-protect"),
        pytest.param('"x; y"; z', ['"x; y"', " z"], id="straight-quotes-protect"),
        pytest.param("« x; y »; z", ["« x; y »", " z"], id="guillemets-protect"),
        pytest.param("(see x; y); z", ["(see x; y)", " z"], id="parentheses-protect"),
        pytest.param("Rebels' port; Army's reply", ["Rebels' port", " Army's reply"], id="apostrophes-do-not-open"),
        pytest.param("“unclosed; title; z", ["“unclosed; title; z"], id="unclosed-quote-swallows-rest"),
        pytest.param("no separator", ["no separator"], id="no-separator"),
        pytest.param("", [""], id="empty"),
        pytest.param(";", ["", ""], id="only-separator"),
    ],
)
def test_split_outside_quotes(text, expected):
    spans = split_outside_quotes(text, ";", QUOTE_PAIRS)
    assert [text[s:e] for s, e in spans] == expected
    # the spans tile the text, separators excluded
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] + 1 == b[0] for a, b in zip(spans, spans[1:]))


def test_split_outside_quotes_other_separator():
    text = "“Port, Seized”, BBC, 2013"
    assert [text[s:e] for s, e in split_outside_quotes(text, ",", QUOTE_PAIRS)] == ["“Port, Seized”", " BBC", " 2013"]


# --- adversarial notes: the work per character stays flat -----------------------------------------

def _scanned(monkeypatch) -> list[int]:
    """Counts the characters the grammar's Python-level scans visit (quote state, tail boundaries)."""
    from pipeline.rules import citation_tail as tail
    from pipeline.rules import citations

    count = [0]
    flags, quotes = tail._outside_flags, citations._outside_quotes

    def counted_flags(text):
        for flag in flags(text):
            count[0] += 1
            yield flag

    def counted_quotes(text, pairs):
        count[0] += len(text)
        return quotes(text, pairs)

    monkeypatch.setattr(tail, "_outside_flags", counted_flags)
    monkeypatch.setattr(citations, "_outside_quotes", counted_quotes)
    return count


@pytest.mark.parametrize("work", ["“Port Report {k},” Coastal Wire, May {d}, 2019.", "Coastal Wire, May {d}, 2019."])
def test_chained_citations_cost_the_same_per_character_at_any_length(grammar, monkeypatch, work):
    """Citations chained by full stops were parsed by recursion, each level scanning the rest of
    the note again (quadratic, and a recursion error at 20,000 characters)."""
    count = _scanned(monkeypatch)
    per_char = []
    for n in (5, 20, 80):
        text = " ".join(work.format(k=k, d=k % 28 + 1) for k in range(n))
        count[0] = 0
        parsed = parse_note(text, grammar)
        assert parsed.kind == "citation" and len(parsed.sources) == n
        assert [s.date_raw for s in parsed.sources[:2]] == ["May 1, 2019", "May 2, 2019"]
        per_char.append(count[0] / len(text))
    assert max(per_char) < 1.5 * min(per_char) + 1, per_char


@settings(max_examples=15, deadline=None)
@given(spaces=st.integers(min_value=1, max_value=4_000), at=st.sampled_from(["after-title", "after-comma", "before-date"]))
def test_a_run_of_spaces_in_a_citation_is_parsed_without_error(grammar, spaces, at):
    """A run of spaces after an unquoted title made the date pattern backtrack (cubic: minutes at
    2,000 spaces); any such run now parses, its sources inside the note."""
    run = " " * spaces
    text = {"after-title": f"Ana Ruiz, Port Report{run}Coastal Wire, May 2, 2019.",
            "after-comma": f"Ana Ruiz, Port Report,{run}Coastal Wire, May 2, 2019.",
            "before-date": f"Ana Ruiz, “Port Report,” Coastal Wire,{run}May 2, 2019."}[at]
    parsed = parse_note(text, grammar)
    assert parsed.kind in ("citation", "commentary")
    assert all(0 <= s.start < s.end <= len(text) for s in parsed.sources)


def test_two_thousand_spaces_after_a_title_give_what_they_gave_before(grammar):
    """The issue's case, which took minutes: the same source as before the patterns were made possessive."""
    parsed = parse_note(f"Ana Ruiz, Port Report{' ' * 2000}Coastal Wire, May 2, 2019.", grammar)
    assert [(s.start, s.end, s.title, s.outlet, s.date_raw, s.authors) for s in parsed.sources] == [
        (0, 2047, "Port Report Coastal Wire", None, "May 2, 2019", ["Ana Ruiz"])]


PUBLISHERS = [
    pytest.param("HBA, Office of Tides (OT)", "HB 2040, Final Report", None, "HBA, Office of Tides (OT)", "HB 2040, Final Report",
                 id="institutions-then-number"),
    pytest.param("Harbour Research, Final Report", None, None, "Harbour Research", "Final Report", id="tagger-joined-outlet"),
    pytest.param("Reuters", None, "Reuters", None, None, id="known-outlet-stays"),
    pytest.param("Coastal Review", "4", "Coastal Review", None, "4", id="no-institution-stays"),
]


@pytest.mark.parametrize(("outlet", "unparsed", "kept_outlet", "publisher", "left"), PUBLISHERS)
def test_an_institution_after_an_unquoted_title_is_its_publisher(grammar, outlet, unparsed, kept_outlet, publisher, left):
    source = ParsedSource(0, 0, "", "article", title="Tide Tables", outlet=outlet, unparsed=unparsed)
    institution_publishes(source, grammar)
    assert (source.outlet, source.publisher, source.unparsed) == (kept_outlet, publisher, left)


GRAMMAR_ALONE = [
    pytest.param("Voss, Clara 1988 [1964]. “Tidal Locks.” Harbour Studies. Ed. Ruth Kessler. Leeds, UK: Hurst.",
                 src("chapter", authors=["Clara Voss"], title="Tidal Locks", outlet="Harbour Studies", date_raw="1988",
                     publisher="Hurst", place="Leeds, UK", editors=["Ruth Kessler"]),
                 id="mla-container-editor-imprint-year-after-name"),
]


@pytest.mark.parametrize(("text", "expected"), GRAMMAR_ALONE)
def test_grammar_without_the_tagger(outlet_table, text, expected):
    from pipeline.rules.citations import CitationGrammar
    from pipeline.rules.names import name_shape
    from pipeline.rules.resources import load_json

    rules = {**load_json("citation_rules.json"), "reference_tagger": {}}
    alone = CitationGrammar(rules, name_shape(load_json("names.json")), known_outlet=outlet_table.knows)
    assert alone.tagger is None
    assert as_record(parse_note(text, alone))["sources"] == [expected]


class _StubTagger:
    """A tagger that always reads the same fields."""

    def __init__(self, fields: dict):
        self.fields = fields

    def tag(self, text):
        from pipeline.rules.reference_crf import TaggedReference

        return TaggedReference(self.fields, 1.0, "author")

    def accepts(self, tagged):
        return True


def _stubbed(grammar, fields: dict):
    import copy

    stubbed = copy.copy(grammar)
    stubbed.tagger = _StubTagger(fields)
    return stubbed


def test_the_tagger_reading_keeps_the_grammar_date_it_lacks(grammar):
    stubbed = _stubbed(grammar, {"authors": "Clara Voss", "title": "“Tidal Locks”", "outlet": "Harbour Studies",
                                 "publisher": "Hurst"})
    source, _ = parse_citation("Clara Voss, “Tidal Locks,” in Harbour Studies (Leeds: Hurst, 2004).", stubbed)
    assert (source.outlet, source.publisher, source.place, source.date_raw) == ("Harbour Studies", "Hurst", None, "2004")


def test_a_tagger_reading_with_an_access_date_for_outlet_is_dropped(grammar):
    stubbed = _stubbed(grammar, {"authors": "Harbour Board", "title": "“Tides”", "outlet": "Accessed May", "date_raw": "2, 2013"})
    source, _ = parse_citation("Harbour Board. “Tides.” Accessed May 2, 2013. https://example.org/tides.", stubbed)
    assert (source.title, source.outlet, source.date_raw, source.accessed_raw) == ("Tides", None, None, "May 2, 2013")

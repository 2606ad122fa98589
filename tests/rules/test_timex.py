"""Table-driven tests of :mod:`pipeline.temporal`: ``normalize``, ``interval``, ``candidate_spans``
and ``advance``.

Every place and sentence below is invented. Rows marked ``xfail(strict=True)`` keep the result a
demanding user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.rules.resources import load_json
from pipeline.rules.timex import (
    Anchor,
    TemporalRules,
    advance,
    candidate_spans,
    interval,
    normalize,
)


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


@pytest.fixture(scope="module")
def rules() -> TemporalRules:
    return TemporalRules(load_json("temporal.json"), load_json("citation_rules.json")["months"])


def anchor(year: int | None = None, day: str | None = None, ref: int | None = None) -> Anchor:
    return Anchor(year=year, day=date.fromisoformat(day) if day else None, reference_year=ref)


NO_ANCHOR = anchor()

# ================================================================================================
# normalize: (text, anchor, expected fields). ``value`` None means a reason must be given.
# ================================================================================================


def ok(timex_type: str, value: str, mod: str | None = None, **more) -> dict:
    return {"timex_type": timex_type, "value": value, "mod": mod, **more}


def null(timex_type: str = "DATE", reason: str | None = None, mod: str | None = None) -> dict:
    """An unresolved expression; ``reason`` is a fragment the explanation must contain."""
    return {"timex_type": timex_type, "value": None, "mod": mod, "reason": reason}


NORMALIZE = [
    # explicit calendar dates, at the precision written
    pytest.param("January 11, 2013", NO_ANCHOR, ok("DATE", "2013-01-11", start_date="2013-01-11", end_date="2013-01-11", anchor=None),
                 id="day-mdy"),
    pytest.param("11 January 2013", NO_ANCHOR, ok("DATE", "2013-01-11"), id="day-dmy"),
    pytest.param("Sept. 11, 2013", NO_ANCHOR, ok("DATE", "2013-09-11"), id="day-abbreviated-sept"),
    pytest.param("March 2012", NO_ANCHOR, ok("DATE", "2012-03", start_date="2012-03-01", end_date="2012-03-31"), id="month"),
    pytest.param("2014", NO_ANCHOR, ok("DATE", "2014", start_date="2014-01-01", end_date="2014-12-31"), id="year"),
    pytest.param("January 2013", anchor(year=2010), ok("DATE", "2013-01", anchor=None), id="explicit-year-beats-anchor"),
    pytest.param("March 2013’s", NO_ANCHOR, ok("DATE", "2013-03"), id="possessive"),
    pytest.param("February 29, 2016", NO_ANCHOR, ok("DATE", "2016-02-29"), id="leap-day"),
    # modifiers
    pytest.param("mid-2015", NO_ANCHOR, ok("DATE", "2015", "MID"), id="mid-year"),
    pytest.param("mid-March 2013", NO_ANCHOR, ok("DATE", "2013-03", "MID"), id="mid-month"),
    pytest.param("late March 2012", NO_ANCHOR, ok("DATE", "2012-03", "END", start_date="2012-03-01", end_date="2012-03-31"),
                 id="late-month"),
    pytest.param("early 2015", NO_ANCHOR, ok("DATE", "2015", "START"), id="early-year"),
    pytest.param("the end of 2013", NO_ANCHOR, ok("DATE", "2013", "END"), id="the-end-of"),
    pytest.param("the beginning of March 2012", NO_ANCHOR, ok("DATE", "2012-03", "START"), id="the-beginning-of"),
    pytest.param("around 2010", NO_ANCHOR, ok("DATE", "2010", "APPROX"), id="around"),
    # decades
    pytest.param("the 1990s", NO_ANCHOR, ok("DATE", "199X", start_date="1990-01-01", end_date="1999-12-31"), id="decade"),
    pytest.param("1980s", NO_ANCHOR, ok("DATE", "198X"), id="decade-bare"),
    pytest.param("the early 1990s", NO_ANCHOR, ok("DATE", "199X", "START"), id="decade-early"),
    pytest.param("the mid-1990s", NO_ANCHOR, ok("DATE", "199X", "MID"), id="decade-mid"),
    pytest.param("the late 2000s", NO_ANCHOR, ok("DATE", "200X", "END"), id="decade-late"),
    # year ranges
    pytest.param("between 2009 and 2011", NO_ANCHOR, ok("DATE", "2009/2011", start_date="2009-01-01", end_date="2011-12-31"),
                 id="between-years"),
    pytest.param("from 2004 to 2007", NO_ANCHOR, ok("DATE", "2004/2007"), id="from-to-years"),
    pytest.param("from 2009 until 2011", NO_ANCHOR, ok("DATE", "2009/2011"), id="from-until-years"),
    pytest.param("2009-2011", NO_ANCHOR, ok("DATE", "2009/2011"), id="hyphen-years"),
    # day ranges, the year taken from the narrative when none is written
    pytest.param("March 4-6", anchor(year=2014), ok("DATE", "2014-03-04/2014-03-06", anchor="2014",
                                                    start_date="2014-03-04", end_date="2014-03-06"), id="day-range-narrative-year"),
    pytest.param("March 4 and 5", anchor(year=2014), ok("DATE", "2014-03-04/2014-03-05", anchor="2014"), id="day-pair-and"),
    pytest.param("March 4 to 6", anchor(year=2010), ok("DATE", "2010-03-04/2010-03-06"), id="day-range-to"),
    pytest.param("March 4-6", anchor(ref=2016), ok("DATE", "2016-03-04/2016-03-06", anchor="2016"), id="day-range-reference-year"),
    pytest.param("January 10 and 11, 2013", NO_ANCHOR, ok("DATE", "2013-01-10/2013-01-11", anchor=None), id="day-pair-explicit-year"),
    pytest.param("March 4-6, 2013", anchor(year=2010), ok("DATE", "2013-03-04/2013-03-06", anchor=None), id="day-range-explicit-year"),
    # year-less dates
    pytest.param("July", anchor(year=2012), ok("DATE", "2012-07", anchor="2012", start_date="2012-07-01", end_date="2012-07-31"),
                 id="month-anchor-year"),
    pytest.param("July 14", anchor(year=2012, ref=2019), ok("DATE", "2012-07-14", anchor="2012"), id="narrative-year-before-reference"),
    pytest.param("July", anchor(ref=2019), ok("DATE", "2019-07", anchor="2019"), id="month-reference-year"),
    pytest.param("9 January", anchor(year=2013), ok("DATE", "2013-01-09"), id="day-first-anchor-year"),
    pytest.param("early January", anchor(year=2014), ok("DATE", "2014-01", "START", anchor="2014"), id="early-month-anchor-year"),
    pytest.param("July", NO_ANCHOR, null(reason="no year"), id="month-no-anchor"),
    pytest.param("March 4", NO_ANCHOR, null(reason="no year"), id="day-no-anchor"),
    pytest.param("spring", NO_ANCHOR, null(reason="no year"), id="season-no-anchor"),
    # seasons
    pytest.param("summer 2014", NO_ANCHOR, ok("DATE", "2014-SU", start_date="2014-06-01", end_date="2014-08-31"), id="season"),
    pytest.param("winter 2014", NO_ANCHOR, ok("DATE", "2014-WI", start_date="2014-12-01"), id="season-winter"),
    pytest.param("the summer", anchor(year=2011), ok("DATE", "2011-SU", anchor="2011"), id="season-anchor-year"),
    # impossible dates: null with the reason, never shifted
    pytest.param("February 30, 2015", NO_ANCHOR, null(reason="not a calendar date"), id="february-30"),
    pytest.param("June 31", anchor(year=2014), null(reason="not a calendar date"), id="june-31-anchor-year"),
    pytest.param("February 29, 2015", NO_ANCHOR, null(reason="not a calendar date"), id="leap-day-non-leap-year"),
    # durations
    pytest.param("three weeks", NO_ANCHOR, ok("DURATION", "P3W", start_date=None, end_date=None), id="duration-weeks"),
    pytest.param("decades", NO_ANCHOR, ok("DURATION", "PXDE"), id="duration-decades"),
    pytest.param("the nearly 10 months", NO_ANCHOR, ok("DURATION", "P10M", "APPROX"), id="duration-the-nearly"),
    pytest.param("several days", NO_ANCHOR, ok("DURATION", "PXD"), id="duration-several"),
    pytest.param("a few months", NO_ANCHOR, ok("DURATION", "PXM"), id="duration-a-few"),
    pytest.param("48 hours", NO_ANCHOR, ok("DURATION", "PT48H"), id="duration-hours"),
    pytest.param("for three years", NO_ANCHOR, ok("DURATION", "P3Y"), id="duration-for"),
    pytest.param("more than a decade", NO_ANCHOR, ok("DURATION", "P1DE", "APPROX"), id="duration-more-than"),
    pytest.param("some three years", NO_ANCHOR, ok("DURATION", "P3Y", "APPROX"), id="duration-some"),
    # relative to the last exact day (or, for years, the narrative year)
    pytest.param("the following day", anchor(year=2013, day="2013-01-10"), ok("DATE", "2013-01-11", anchor="2013-01-10"),
                 id="following-day"),
    pytest.param("the next day", anchor(day="2012-12-31"), ok("DATE", "2013-01-01"), id="next-day-across-year"),
    pytest.param("the previous night", anchor(day="2013-03-01"), ok("DATE", "2013-02-28"), id="previous-night-across-month"),
    pytest.param("the same day", anchor(day="2013-01-01"), ok("DATE", "2013-01-01"), id="same-day"),
    pytest.param("two days later", anchor(day="2013-01-10"), ok("DATE", "2013-01-12", anchor="2013-01-10"), id="two-days-later"),
    pytest.param("three days earlier", anchor(day="2013-03-02"), ok("DATE", "2013-02-27"), id="three-days-earlier"),
    pytest.param("three weeks later", anchor(day="2013-01-31"), ok("DATE", "2013-02-21"), id="weeks-later"),
    pytest.param("the previous month", anchor(day="2013-01-10"), ok("DATE", "2012-12"), id="previous-month"),
    pytest.param("the next year", anchor(year=2013), ok("DATE", "2014", anchor="2013"), id="next-year-from-narrative-year"),
    pytest.param("the previous year", anchor(year=2014), ok("DATE", "2013"), id="previous-year"),
    pytest.param("two years ago", anchor(year=2015), ok("DATE", "2013"), id="years-ago"),
    pytest.param("the following day", anchor(year=2013), null(reason="no earlier exact date"), id="following-day-without-day"),
    pytest.param("yesterday", NO_ANCHOR, null(reason="no earlier exact date"), id="yesterday-no-anchor"),
    pytest.param("yesterday", anchor(day="2013-03-01"), ok("DATE", "2013-02-28"), id="yesterday-with-anchor"),
    pytest.param("days later", anchor(day="2013-03-02"), null(), id="vague-days-later"),
    pytest.param("several days later", anchor(day="2013-03-02"), null(), id="vague-several-days-later"),
    # counted from an undated event
    pytest.param("four months into the intervention", anchor(year=2013), null(reason="counts from an event"), id="months-into"),
    pytest.param("two weeks into the siege", anchor(day="2013-03-01"), null(reason="counts from an event"), id="weeks-into-with-day"),
    # sets
    pytest.param("every year", NO_ANCHOR, ok("SET", "P1Y"), id="set-every-year"),
    pytest.param("annually", NO_ANCHOR, ok("SET", "P1Y"), id="set-annually"),
    pytest.param("each month", NO_ANCHOR, ok("SET", "P1M"), id="set-each-month"),
    pytest.param("weekly", NO_ANCHOR, ok("SET", "P1W"), id="set-weekly"),
    pytest.param("per month", NO_ANCHOR, ok("SET", "P1M"), id="set-per-month"),
    # parts of a year
    pytest.param("the first three months of 2016", NO_ANCHOR,
                 ok("DATE", "2016-Q1", start_date="2016-01-01", end_date="2016-03-31"), id="first-three-months-quarter"),
    pytest.param("the last three months of 2013", NO_ANCHOR,
                 ok("DATE", "2013-Q4", start_date="2013-10-01", end_date="2013-12-31"), id="last-three-months-quarter"),
    pytest.param("the first six months of 2013", NO_ANCHOR,
                 ok("DATE", "2013-H1", start_date="2013-01-01", end_date="2013-06-30"), id="first-six-months-half"),
    pytest.param("the first two months of 2013", NO_ANCHOR,
                 ok("DATE", "2013-01/2013-02", start_date="2013-01-01", end_date="2013-02-28"), id="first-two-months"),
    pytest.param("the last two months of 2016", NO_ANCHOR, ok("DATE", "2016-11/2016-12", end_date="2016-12-31"), id="last-two-months"),
    # parts of a day with their date
    pytest.param("the early hours of February 26, 2016", NO_ANCHOR,
                 ok("TIME", "2016-02-26", "START", start_date="2016-02-26", end_date="2016-02-26"), id="early-hours-of-day"),
    pytest.param("the morning of January 10", anchor(year=2013), ok("TIME", "2013-01-10", anchor="2013"), id="morning-of-year-less-day"),
    pytest.param("the evening of March 3, 2014", NO_ANCHOR, ok("TIME", "2014-03-03"), id="evening-of-day"),
    # deictic expressions
    pytest.param("now", NO_ANCHOR, ok("DATE", "PRESENT_REF", start_date=None, end_date=None), id="deictic-now"),
    pytest.param("currently", anchor(year=2013, day="2013-01-10"), ok("DATE", "PRESENT_REF", anchor=None), id="deictic-ignores-anchor"),
    pytest.param("the near future", NO_ANCHOR, ok("DATE", "FUTURE_REF"), id="deictic-future"),
    pytest.param("recently", NO_ANCHOR, ok("DATE", "PAST_REF"), id="deictic-past"),
    pytest.param("the middle of the year", anchor(year=2012), null(reason="part of a period", mod="MID"), id="middle-of-undated-period"),
    # defects
    pytest.param("Feb. 4, 2013", NO_ANCHOR, ok("DATE", "2013-02-04"), id="day-abbreviated-feb",),
    pytest.param("4-6 March 2013", NO_ANCHOR, ok("DATE", "2013-03-04/2013-03-06"), id="day-first-range",),
    pytest.param("January 31-February 2, 2013", NO_ANCHOR, ok("DATE", "2013-01-31/2013-02-02"), id="range-across-months",),
    pytest.param("the summer of 2014", NO_ANCHOR, ok("DATE", "2014-SU"), id="season-of-year",),
    pytest.param("between March and May 2013", NO_ANCHOR, ok("DATE", "2013-03/2013-05"), id="month-range",
                 marks=xfail("ranges of months are not parsed, only ranges of years and days")),
    pytest.param("2013-14", NO_ANCHOR, ok("DATE", "2013/2014"), id="year-range-two-digit-end",),
    pytest.param("that year", anchor(year=2013), ok("DATE", "2013"), id="that-year",),
    pytest.param("the following week", anchor(day="2013-01-10"), ok("DATE", "2013-W03"), id="following-week",),
]


@pytest.mark.parametrize(("text", "at", "expected"), NORMALIZE)
def test_normalize(rules, text, at, expected):
    timex = normalize(text, at, rules)
    expected = dict(expected)
    reason = expected.pop("reason", None)
    assert {k: getattr(timex, k) for k in expected} == expected
    if expected["value"] is None:
        assert timex.unresolved, "a null value needs a reason"
        assert timex.start_date is None and timex.end_date is None
        if reason:
            assert reason in timex.unresolved
    else:
        assert timex.unresolved is None


def test_normalize_does_not_change_the_anchor(rules):
    at = anchor(year=2013, day="2013-01-10", ref=2019)
    normalize("two days later", at, rules)
    normalize("July", at, rules)
    assert at == anchor(year=2013, day="2013-01-10", ref=2019)


def test_time_label_keeps_time_type_for_relative_night(rules):
    timex = normalize("the following night", anchor(day="2013-01-10"), rules, label="TIME")
    assert (timex.timex_type, timex.value) == ("TIME", "2013-01-11")


def test_plural_relative_period_is_not_one_month(rules):
    timex = normalize("the coming months", anchor(day="2013-01-01"), rules)
    # left unresolved with a reason, a vague duration of months, or TIMEX3's future reference
    assert (timex.value is None and timex.unresolved) or (timex.timex_type, timex.value) in (
        ("DURATION", "PXM"), ("DATE", "FUTURE_REF"))


# ================================================================================================
# interval
# ================================================================================================

INTERVALS = [
    pytest.param("2013-01-11", ("2013-01-11", "2013-01-11"), id="day"),
    pytest.param("2012-02", ("2012-02-01", "2012-02-29"), id="month-leap-february"),
    pytest.param("2013-02", ("2013-02-01", "2013-02-28"), id="month-february"),
    pytest.param("2013-12", ("2013-12-01", "2013-12-31"), id="month-december"),
    pytest.param("2014", ("2014-01-01", "2014-12-31"), id="year"),
    pytest.param("199X", ("1990-01-01", "1999-12-31"), id="decade"),
    pytest.param("2013-01-09/2013-01-10", ("2013-01-09", "2013-01-10"), id="day-range"),
    pytest.param("2009/2011", ("2009-01-01", "2011-12-31"), id="year-range"),
    pytest.param("2016-01/2016-03", ("2016-01-01", "2016-03-31"), id="month-range"),
    pytest.param("2014-SU", ("2014-06-01", "2014-08-31"), id="summer"),
    pytest.param("2013-SP", ("2013-03-01", "2013-05-31"), id="spring"),
    pytest.param("2013-FA", ("2013-09-01", "2013-11-30"), id="fall"),
    pytest.param("2013-WI", ("2013-12-01", "2014-02-28"), id="winter-crosses-year"),
    pytest.param("P3W", (None, None), id="duration"),
    pytest.param("PXDE", (None, None), id="vague-duration"),
    pytest.param("2015-WI", ("2015-12-01", "2016-02-29"), id="winter-ending-in-leap-year",),
]


@pytest.mark.parametrize(("value", "expected"), INTERVALS)
def test_interval(rules, value, expected):
    assert interval(value, rules.seasons) == expected


# ================================================================================================
# candidate_spans
# ================================================================================================

SPAN_TEXT = (
    "Talks in Tessarout on January 9-10 failed. Smuggling had grown since the 1980s, and between 2001 "
    "and 2003 the route doubled. On February 7 and 8 patrols resumed."
)


def _body(text: str) -> list[dict]:
    return [{"kind": "body", "start": 0, "end": len(text)}]


@pytest.mark.parametrize(
    "surface",
    [
        pytest.param("January 9-10", id="day-range"),
        pytest.param("the 1980s", id="decade"),
        pytest.param("between 2001 and 2003", id="year-range"),
        pytest.param("February 7 and 8", id="day-pair"),
    ],
)
def test_candidate_spans_patterns(rules, surface):
    spans = candidate_spans(SPAN_TEXT, _body(SPAN_TEXT), [], rules)
    start = SPAN_TEXT.index(surface)
    assert (start, start + len(surface), "DATE") in spans


def test_candidate_spans_finds_exactly_the_patterns(rules):
    spans = candidate_spans(SPAN_TEXT, _body(SPAN_TEXT), [], rules)
    assert [SPAN_TEXT[s:e] for s, e, _ in spans] == ["January 9-10", "the 1980s", "between 2001 and 2003", "February 7 and 8"]


def test_candidate_spans_joins_an_overlapping_entity_and_trims_the_preposition(rules):
    start = SPAN_TEXT.index("on January")
    entity = (start, start + len("on January 9-10 failed."), "DATE")
    spans = candidate_spans(SPAN_TEXT, _body(SPAN_TEXT), [entity], rules)
    assert [SPAN_TEXT[s:e] for s, e, _ in spans] == ["January 9-10 failed", "the 1980s", "between 2001 and 2003", "February 7 and 8"]


def test_candidate_spans_keeps_the_entity_label_unless_joined_with_a_date(rules):
    text = "The raid began at dawn and ended that night."
    first, second = text.index("dawn"), text.index("that night")
    spans = candidate_spans(text, _body(text), [(first, first + 4, "TIME"), (second, second + 10, "TIME")], rules)
    assert spans == [(first, first + 4, "TIME"), (second, second + 10, "TIME")]


def test_candidate_spans_deictic_and_set_words(rules):
    text = "Fighters now control the road, and convoys pass daily."
    spans = candidate_spans(text, _body(text), [], rules)
    assert [text[s:e] for s, e, _ in spans] == ["now", "daily"]


def test_candidate_spans_join_a_part_of_day_with_its_date(rules):
    text = "In the early hours of February 26, 2016, the base was attacked."
    part, day = text.index("the early hours"), text.index("February 26")
    entities = [(part, part + len("the early hours"), "TIME"), (day, day + len("February 26, 2016"), "DATE")]
    spans = candidate_spans(text, _body(text), entities, rules)
    assert [(text[s:e], label) for s, e, label in spans] == [("the early hours of February 26, 2016", "DATE")]


def test_candidate_spans_only_in_body_blocks(rules):
    heading = "Smuggling since the 1980s"
    text = heading + "\n\nTalks on January 9-10 failed."
    blocks = [{"kind": "heading", "start": 0, "end": len(heading)}, {"kind": "body", "start": len(heading) + 2, "end": len(text)}]
    outside = (text.index("1980s"), text.index("1980s") + 5, "DATE")
    spans = candidate_spans(text, blocks, [outside], rules)
    assert [text[s:e] for s, e, _ in spans] == ["January 9-10"]


def test_candidate_spans_empty_without_body(rules):
    assert candidate_spans(SPAN_TEXT, [], [], rules) == []


# ================================================================================================
# advance: expressions normalised in order, each moving the anchor
# ================================================================================================


def _run(texts: list[str], at: Anchor, rules: TemporalRules) -> list[str | None]:
    values = []
    for text in texts:
        timex = normalize(text, at, rules)
        advance(at, timex)
        values.append(timex.value)
    return values


SEQUENCES = [
    pytest.param(["January 10, 2013", "two days later", "the following day"], anchor(),
                 ["2013-01-10", "2013-01-12", "2013-01-13"], id="relative-days-chain"),
    pytest.param(["March 2012", "July", "2014", "July"], anchor(ref=2019),
                 ["2012-03", "2012-07", "2014", "2014-07"], id="year-less-months-follow-the-narrative"),
    pytest.param(["January 10, 2013", "three weeks", "the following day"], anchor(),
                 ["2013-01-10", "P3W", "2013-01-11"], id="duration-does-not-move-the-anchor"),
    pytest.param(["2013", "March 4-6", "the following day"], anchor(),
                 ["2013", "2013-03-04/2013-03-06", "2013-03-07"], id="range-end-is-the-anchor-day"),
    pytest.param(["January 10, 2013", "four months into the intervention", "the next day"], anchor(),
                 ["2013-01-10", None, "2013-01-11"], id="unresolved-does-not-move-the-anchor"),
    pytest.param(["the 1990s", "July"], anchor(ref=2019), ["199X", "2019-07"], id="decade-gives-no-year"),
    pytest.param(["between 2009 and 2011", "March"], anchor(), ["2009/2011", "2009-03"], id="year-range-gives-its-first-year"),
    pytest.param(["the first three months of 2016", "May"], anchor(), ["2016-Q1", "2016-05"], id="quarter-gives-its-year"),
    pytest.param(["the morning of January 10", "the following day"], anchor(year=2013), ["2013-01-10", "2013-01-11"],
                 id="part-of-day-sets-the-anchor-day"),
    pytest.param(["the following day", "January 10, 2013", "the following day"], anchor(),
                 [None, "2013-01-10", "2013-01-11"], id="anchor-starts-empty"),
    pytest.param(["January 10, 2013", "the next year", "July"], anchor(), ["2013-01-10", "2014", "2014-07"],
                 id="relative-year-moves-the-narrative-year",),
    pytest.param(["January 10, 2013", "2015", "the following day"], anchor(), ["2013-01-10", "2015", None],
                 id="stale-day-after-a-later-year",),
]


@pytest.mark.parametrize(("texts", "at", "expected"), SEQUENCES)
def test_advance_sequence(rules, texts, at, expected):
    assert _run(texts, at, rules) == expected


ADVANCE = [
    pytest.param("January 11, 2013", anchor(), (2013, date(2013, 1, 11)), id="exact-day-sets-year-and-day"),
    pytest.param("March 2014", anchor(year=2013, day="2013-01-11"), (2014, None), id="later-month-drops-the-old-day"),
    pytest.param("July", anchor(year=2013, ref=2019), (2013, None), id="anchored-month-keeps-year"),
    pytest.param("two days later", anchor(year=2013, day="2013-01-11"), (2013, date(2013, 1, 13)), id="relative-day-moves-day"),
    pytest.param("three weeks", anchor(year=2013, day="2013-01-11"), (2013, date(2013, 1, 11)), id="duration-no-change"),
    pytest.param("every year", anchor(year=2013), (2013, None), id="set-no-change"),
    pytest.param("yesterday", anchor(year=2013), (2013, None), id="unresolved-no-change"),
    pytest.param("February 30, 2015", anchor(year=2013), (2013, None), id="impossible-date-no-change"),
    pytest.param("between 2009 and 2011", anchor(), (2009, None), id="year-range"),
    pytest.param("January 9-10, 2013", anchor(), (2013, date(2013, 1, 10)), id="day-range-last-day"),
]


@pytest.mark.parametrize(("text", "at", "expected"), ADVANCE)
def test_advance(rules, text, at, expected):
    advance(at, normalize(text, at, rules))
    assert (at.year, at.day) == expected

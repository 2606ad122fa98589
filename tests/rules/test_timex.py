"""Table-driven tests of the dates rules: ``normalize`` and ``advance`` (:mod:`pipeline.rules.timex`),
each handler of the table (:mod:`pipeline.rules.timex_handlers`), ``interval`` and ``candidate_spans``
(:mod:`pipeline.rules.timex_spans`).

Every place and sentence below is invented.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from pipeline.rules.resources import load_json
from pipeline.rules.timex import (
    Anchor,
    TemporalRules,
    advance,
    interval,
    normalize,
    normalize_tail,
)
from pipeline.rules.timex_spans import candidate_spans


@pytest.fixture(scope="module")
def rules() -> TemporalRules:
    return TemporalRules(load_json("temporal.json"), load_json("citation_rules.json"))


def anchor(year: int | None = None, day: str | None = None, ref: int | None = None, published: str | None = None,
           first: str | None = None, period: str | None = None) -> Anchor:
    iso = lambda d: date.fromisoformat(d) if d else None  # noqa: E731
    return Anchor(year=year, day=iso(day), reference_year=ref, published=iso(published), first_day=iso(first), period=period)


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
    pytest.param("the 1990s", NO_ANCHOR, ok("DATE", "199", start_date="1990-01-01", end_date="1999-12-31"), id="decade"),
    pytest.param("1980s", NO_ANCHOR, ok("DATE", "198"), id="decade-bare"),
    pytest.param("the early 1990s", NO_ANCHOR, ok("DATE", "199", "START"), id="decade-early"),
    pytest.param("the mid-1990s", NO_ANCHOR, ok("DATE", "199", "MID"), id="decade-mid"),
    pytest.param("the late 2000s", NO_ANCHOR, ok("DATE", "200", "END"), id="decade-late"),
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
    pytest.param("more than a decade", NO_ANCHOR, ok("DURATION", "P10Y", "MORE_THAN"), id="duration-more-than"),
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
    pytest.param("several days later", anchor(day="2013-03-02"), ok("DURATION", "PXD"), id="vague-several-days-later"),
    # counted from an undated event
    pytest.param("four months into the blockade", anchor(year=2013), null(reason="counts from an event"), id="months-into"),
    pytest.param("four months into the blockade", anchor(year=2013, first="2013-01-11"),
                 ok("DATE", "2013-05", anchor="2013-01-11", anchor_kind="first_date"), id="months-into-from-the-opening-day"),
    pytest.param("the early days of the blockade", anchor(year=2014, first="2014-03-02"), ok("DATE", "2014-03", "START"),
                 id="early-days-of-the-opening-event"),
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
    # rows that were once defects
    pytest.param("Feb. 4, 2013", NO_ANCHOR, ok("DATE", "2013-02-04"), id="day-abbreviated-feb",),
    pytest.param("4-6 March 2013", NO_ANCHOR, ok("DATE", "2013-03-04/2013-03-06"), id="day-first-range",),
    pytest.param("January 31-February 2, 2013", NO_ANCHOR, ok("DATE", "2013-01-31/2013-02-02"), id="range-across-months",),
    pytest.param("the summer of 2014", NO_ANCHOR, ok("DATE", "2014-SU"), id="season-of-year",),
    pytest.param("between March and May 2013", NO_ANCHOR, ok("DATE", "2013-03/2013-05", end_date="2013-05-31"), id="month-range"),
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
# handlers of the table, anchored on a publication date (Wednesday, November 2, 2011): (handler,
# text, tense of the sentence, expected fields). Each row also checks that the named handler is
# the one of the table that takes the text.
# ================================================================================================

PUB = "2011-11-02"
PUBLISHED = {"anchor_kind": "published"}

HANDLER_ROWS = [
    ("set_word", "daily", None, ok("SET", "P1D")),
    ("set_word", "per week", None, ok("SET", "P1W")),
    ("set_frequency", "twice a week", None, ok("SET", "P1W", freq="2X")),
    ("set_frequency", "three times a year", None, ok("SET", "P1Y", freq="3X")),
    ("set_every", "every Tuesday", None, ok("SET", "XXXX-WXX-2", quant="EVERY")),
    ("set_every", "each month", None, ok("SET", "P1M", quant="EACH")),
    ("set_every", "every other week", None, ok("SET", "P2W", quant="EVERY")),
    ("set_weekdays", "Mondays", None, ok("SET", "XXXX-WXX-1")),
    ("set_weekdays", "Tuesday nights", None, ok("SET", "XXXX-WXX-2TNI")),
    ("set_every", "each July", None, ok("SET", "XXXX-07", quant="EACH")),
    ("set_every", "every summer", None, ok("SET", "XXXX-SU", quant="EVERY")),
    ("ref", "the past", None, ok("DATE", "PAST_REF")),
    ("ref", "at the time", None, ok("DATE", "PAST_REF")),
    ("ref", "right now", None, ok("DATE", "PRESENT_REF")),
    ("duration", "recent years", None, ok("DURATION", "PXY")),
    ("deictic_day", "today", None, ok("DATE", "2011-11-02", anchor=PUB, **PUBLISHED)),
    ("deictic_day", "yesterday", None, ok("DATE", "2011-11-01", **PUBLISHED)),
    ("deictic_day", "tomorrow", None, ok("DATE", "2011-11-03")),
    ("deictic_day", "yesterday morning", None, ok("TIME", "2011-11-01TMO")),
    ("deictic_day", "this afternoon", None, ok("TIME", "2011-11-02TAF")),
    ("deictic_day", "last night", None, ok("TIME", "2011-11-01TNI")),
    ("anaphoric_day", "the day before", None, ok("DATE", "2011-11-01", **PUBLISHED)),
    ("into", "four months into the blockade", None, {"timex_type": "DATE", "value": None}),  # the text gives no opening day
    ("event_start", "the early days of the blockade", None, {"timex_type": "DATE", "value": None, "mod": "START"}),
    ("weekday", "Friday", None, ok("DATE", "2011-10-28", **PUBLISHED)),
    ("weekday", "Friday", "future", ok("DATE", "2011-11-04")),
    ("weekday", "Wednesday", None, ok("DATE", "2011-11-02")),
    ("weekday", "last Monday", None, ok("DATE", "2011-10-31")),
    ("weekday", "next Monday", None, ok("DATE", "2011-11-07")),
    ("weekday", "this Friday", None, ok("DATE", "2011-11-04")),
    ("weekday", "Saturday night", None, ok("TIME", "2011-10-29TNI")),
    ("weekday", "Tuesday", "future", ok("DATE", "2011-11-08")),
    ("weekday", "the following Friday", None, ok("DATE", "2011-11-04", anchor_kind="published")),
    ("holiday", "Thanksgiving", None, ok("DATE", "2011-11-24", **PUBLISHED)),
    ("holiday", "Thanksgiving", "past", ok("DATE", "2010-11-25")),
    ("holiday", "last Christmas", None, ok("DATE", "2010-12-25")),
    ("holiday", "Christmas Day 2009", None, ok("DATE", "2009-12-25", anchor=None)),
    ("holiday", "Memorial Day", "past", ok("DATE", "2011-05-30")),
    ("holiday", "Election Day", "future", ok("DATE", "2011-11-08")),
    ("holiday", "Easter week", "past", ok("DATE", "2011-W16", start_date="2011-04-18", end_date="2011-04-24")),
    ("holiday", "next Good Friday", None, ok("DATE", "2012-04-06")),
    ("week_of", "the week of March 6, 2010", None, ok("DATE", "2010-W09", start_date="2010-03-01")),
    ("part_of_day_of", "the evening of October 3", None, ok("TIME", "2011-10-03")),
    ("part_of_day", "the morning", None, ok("TIME", "2011-11-02TMO", **PUBLISHED)),
    ("part_of_day", "mid-afternoon", None, ok("TIME", "2011-11-02TAF", "MID")),
    ("clock", "8 p.m.", None, ok("TIME", "2011-11-02T20:00")),
    ("clock", "7:15 a.m. Tuesday", None, ok("TIME", "2011-11-01T07:15")),
    ("clock", "noon", None, ok("TIME", "2011-11-02T12:00")),
    ("clock", "noon Tuesday", None, ok("TIME", "2011-11-01T12:00")),
    ("clock", "5 p.m. EST, Oct. 14", None, ok("TIME", "2011-10-14T17:00")),
    ("fiscal_year", "fiscal 2010", None, ok("DATE", "2010")),
    ("fiscal_year", "FY2012", None, ok("DATE", "2012")),
    ("fiscal_relative", "the current fiscal year", None, ok("DATE", "2011")),
    ("in_relative_year", "June last year", None, ok("DATE", "2010-06", **PUBLISHED)),
    ("in_relative_year", "early March next year", None, ok("DATE", "2012-03", "START")),
    ("quarter", "the third quarter", None, ok("DATE", "2011-Q3", start_date="2011-07-01", end_date="2011-09-30")),
    ("quarter", "third-quarter", None, ok("DATE", "2011-Q3")),
    ("quarter", "the fourth quarter of 2009", None, ok("DATE", "2009-Q4", anchor=None)),
    ("quarter", "the second half of 2010", None, ok("DATE", "2010-H2", end_date="2010-12-31")),
    ("quarter", "the quarter", None, ok("DATE", "2011-Q3")),
    ("quarter", "the current quarter", None, ok("DATE", "2011-Q4")),
    ("quarter", "the year-earlier quarter", None, ok("DATE", "2010-Q3")),
    ("quarter", "Q2 2010", None, ok("DATE", "2010-Q2")),
    ("quarter", "the last half of 2010", None, ok("DATE", "2010-H2")),
    ("latest_period", "the latest period", None, ok("DATE", "2011-Q3")),
    ("quarter", "as early as next year's first quarter", None, ok("DATE", "2012-Q1")),
    ("part_of_year", "the first six months of 2010", None, ok("DATE", "2010-H1")),
    ("year_period", "the 2010 quarter", None, ok("DATE", "2010-QX")),
    ("year_period", "the 2010 half", None, ok("DATE", "2010-HX")),
    ("year_period", "last year's quarter", None, ok("DATE", "2010-QX")),
    ("period_end", "year-end", None, ok("DATE", "2011", "END", **PUBLISHED)),
    ("period_end", "the year's end", None, ok("DATE", "2011", "END")),
    ("period_end", "month-end", None, ok("DATE", "2011-11", "END")),
    ("span_duration", "the past two years", None, ok("DURATION", "P2Y")),
    ("span_duration", "the next few days", None, ok("DURATION", "PXD")),
    ("span_duration", "the first nine months", None, ok("DURATION", "P9M")),
    ("span_duration", "the latest nine months", None, ok("DURATION", "P9M")),
    ("span_duration", "the last twenty four hours", None, ok("DURATION", "PT24H")),
    ("unit_relative", "this year", None, ok("DATE", "2011", **PUBLISHED)),
    ("unit_relative", "last year", None, ok("DATE", "2010")),
    ("unit_relative", "next year", None, ok("DATE", "2012")),
    ("unit_relative", "this week", None, ok("DATE", "2011-W44", start_date="2011-10-31", end_date="2011-11-06")),
    ("unit_relative", "last week", None, ok("DATE", "2011-W43")),
    ("unit_relative", "next month", None, ok("DATE", "2011-12")),
    ("unit_relative", "the last decade", None, ok("DATE", "200", start_date="2000-01-01", end_date="2009-12-31")),
    ("unit_relative", "this century", None, ok("DATE", "20")),
    ("unit_relative", "the past decade", None, ok("DURATION", "P10Y")),
    ("quarter", "this quarter", None, ok("DATE", "2011-Q4")),
    ("month_relative", "last November", None, ok("DATE", "2010-11")),
    ("month_relative", "next March", None, ok("DATE", "2012-03")),
    ("month_relative", "this summer", None, ok("DATE", "2011-SU")),
    ("month_relative", "last Oct. 23", None, ok("DATE", "2011-10-23")),
    ("month_relative", "this past spring", None, ok("DATE", "2011-SP")),
    ("year_relative", "year-earlier", None, ok("DATE", "2010")),
    ("ago", "two years ago", None, ok("DATE", "2009", **PUBLISHED)),
    ("ago", "three weeks ago", None, ok("DATE", "2011-10-12")),
    ("ago", "a month ago", None, ok("DATE", "2011-10")),
    ("ago", "several years ago", None, ok("DATE", "PAST_REF")),
    ("offset", "two days later", None, ok("DATE", "2011-11-04", **PUBLISHED)),
    ("offset", "a few days later", None, ok("DURATION", "PXD", anchor=None)),
    ("offset", "an hour later", None, ok("DURATION", "PT1H")),
    ("offset", "90 minutes earlier", None, ok("DURATION", "PT90M")),
    ("offset", "a minute and a half later", None, ok("DURATION", "PT1M30S")),
    ("century", "the 19th century", None, ok("DATE", "18")),
    ("century", "the late nineteenth century", None, ok("DATE", "18", "END")),
    ("decade", "the 1960s", None, ok("DATE", "196")),
    ("decade", "the '90s", None, ok("DATE", "199")),
    ("years", "1994", None, ok("DATE", "1994")),
    ("across_months", "May 30-June 2, 2010", None, ok("DATE", "2010-05-30/2010-06-02")),
    ("month_range", "March-May 2010", None, ok("DATE", "2010-03/2010-05", start_date="2010-03-01")),
    ("month_range", "from Sept. to Nov. 2009", None, ok("DATE", "2009-09/2009-11")),
    ("undated_part", "the year", None, ok("DATE", "2011", **PUBLISHED)),
    ("undated_part", "the weekend", None, ok("DATE", "2011-W43-WE")),
    ("undated_part", "the weekend", "future", ok("DATE", "2011-W44-WE")),
    ("undated_part", "the full year", None, ok("DATE", "2011")),
    ("unit_relative", "the next year or so", None, ok("DATE", "2012", "APPROX")),
    ("ago", "a week or so ago", None, ok("DATE", "2011-10-26", "APPROX")),
    ("duration", "a decade", None, ok("DURATION", "P10Y")),
    ("duration", "two centuries", None, ok("DURATION", "P200Y")),
    ("duration", "three-month", None, ok("DURATION", "P3M")),
    ("duration", "24-hour", None, ok("DURATION", "PT24H")),
    ("duration", "a year and a half", None, ok("DURATION", "P1Y6M")),
    ("duration", "2 1/2 years", None, ok("DURATION", "P2Y6M")),
    ("duration", "5 1/2 hours", None, ok("DURATION", "PT5H30M")),
    ("duration", "a day and a half", None, ok("DURATION", "P1DT12H")),
    ("duration", "a minute and a half", None, ok("DURATION", "PT1M30S")),
    ("duration", "1.25 years", None, ok("DURATION", "P1Y3M")),
    ("duration", "2.3 years", None, ok("DURATION", "P2.3Y")),
    ("duration", "two quarters", None, ok("DURATION", "P6M")),
    ("duration", "almost a hundred years", None, ok("DURATION", "P100Y", "APPROX")),
    ("duration", "more than two thousand years", None, ok("DURATION", "P2000Y", "MORE_THAN")),
    ("duration", "about two years", None, ok("DURATION", "P2Y", "APPROX")),
    ("duration", "more than three weeks", None, ok("DURATION", "P3W", "MORE_THAN")),
    ("duration", "less than an hour", None, ok("DURATION", "PT1H", "LESS_THAN")),
    ("duration", "at least 72 hours", None, ok("DURATION", "PT72H", "EQUAL_OR_MORE")),
    ("duration", "up to 180 days", None, ok("DURATION", "P180D", "EQUAL_OR_LESS")),
    ("duration", "two more weeks", None, ok("DURATION", "P2W")),
    ("duration", "an additional year", None, ok("DURATION", "P1Y")),
    ("duration", "eight trading days", None, ok("DURATION", "P8D")),
    ("duration", "the weeks ahead", None, ok("DURATION", "PXW")),
    ("duration", "just over an hour", None, ok("DURATION", "PT1H", "MORE_THAN")),
    ("duration", "as long as a month", None, ok("DURATION", "P1M", "EQUAL_OR_LESS")),
    ("ref", "these days", None, ok("DATE", "PRESENT_REF")),
    ("ref", "the near term", None, ok("DATE", "FUTURE_REF")),
    ("unit_relative", "future quarters", None, ok("DATE", "FUTURE_REF")),
    ("calendar", "May", None, ok("DATE", "2011-05", **PUBLISHED)),
    ("calendar", "December", None, ok("DATE", "2011-12")),
    ("calendar", "December", "past", ok("DATE", "2011-12")),
    ("calendar", "March", "past", ok("DATE", "2011-03")),
    ("calendar", "January", "future", ok("DATE", "2012-01")),
    ("calendar", "January", None, ok("DATE", "2012-01")),
    ("calendar", "Friday, Aug. 5", None, ok("DATE", "2011-08-05")),
    ("calendar", "Sunday, March eighth", None, ok("DATE", "2012-03-08")),
    ("calendar", "May the twenty-first, 2010", None, ok("DATE", "2010-05-21")),
    ("years", "nineteen ninety-four", None, ok("DATE", "1994")),
    ("calendar", "March", None, ok("DATE", "2012-03")),
    ("calendar", "the winter of nineteen ninety-four", None, ok("DATE", "1994-WI")),
    ("numeric_date", "10/26/89", None, ok("DATE", "1989-10-26")),
    ("numeric_date", "2010-06-30", None, ok("DATE", "2010-06-30")),
]


def _handler_taking(text: str, rules: TemporalRules) -> str:
    """The name of the handler that normalises ``text`` (tried as the normaliser tries it)."""
    from pipeline.rules import timex, timex_handlers
    from pipeline.rules.timex_values import Context

    at = anchor(published=PUB)
    core = timex._spelled_days(timex._spelled_years(" ".join(text.split()), rules), rules)
    ctx = Context(at, rules, again=lambda part: normalize(part, at, rules))
    stripped = timex._strip_modifiers(core, rules)[0]
    for candidate in (core, stripped, timex._OR_SO.sub("", stripped)):
        for pattern, handler in rules.table:
            if pattern.fullmatch(candidate) and handler(pattern.fullmatch(candidate), ctx) is not None:
                return next(name for name, h in timex_handlers.HANDLERS.items() if h is handler)
    return "none"


@pytest.mark.parametrize(("handler", "text", "tense", "expected"), [pytest.param(*row, id=f"{row[0]}:{row[1]}:{row[2] or ''}")
                                                                    for row in HANDLER_ROWS])
def test_handler(rules, handler, text, tense, expected):
    timex = normalize(text, anchor(published=PUB), rules, tense=tense)
    assert {k: getattr(timex, k) for k in expected} == expected
    assert _handler_taking(text, rules) == handler


def test_every_handler_has_rows_and_every_row_a_handler(rules):
    from pipeline.rules.timex_handlers import HANDLERS

    assert set(HANDLERS) == {row[0] for row in HANDLER_ROWS}
    assert {name for name, _ in load_json("temporal.json")["patterns"]} == set(HANDLERS)


NO_PUBLICATION = [
    pytest.param("Friday", anchor(day="2013-01-10"), ok("DATE", "2013-01-04", anchor_kind="narrative"), id="weekday-narrative-day"),
    pytest.param("Friday", NO_ANCHOR, ok("DATE", "XXXX-WXX-5"), id="weekday-without-any-day"),
    pytest.param("this year", anchor(ref=2016), ok("DATE", "2016", anchor_kind="reference_year"), id="this-year-reference-year"),
    pytest.param("the third quarter", NO_ANCHOR, ok("DATE", "XXXX-Q3"), id="quarter-without-year"),
    pytest.param("May", anchor(year=2012, published="2013-02-15"), ok("DATE", "2012-05", anchor_kind="narrative"),
                 id="narrative-year-beats-publication"),
    pytest.param("last year", anchor(year=2009, published="2013-02-15"), ok("DATE", "2012", anchor_kind="published"),
                 id="deictic-year-from-publication-not-narrative"),
    pytest.param("the following day", anchor(day="2013-01-10", published="2013-02-15"), ok("DATE", "2013-01-11", anchor_kind="narrative"),
                 id="anaphoric-day-from-narrative-not-publication"),
    pytest.param("a year earlier", anchor(period="2012-Q3", published="2013-02-15"), ok("DATE", "2011-Q3"), id="year-earlier-period"),
    pytest.param("a year earlier", anchor(period="2012-Q3"), ok("DATE", "2011-Q3", anchor="2012-Q3", anchor_kind="narrative"),
                 id="year-earlier-period-without-publication"),
    pytest.param("the latest period", anchor(period="2012-Q2", published="2013-02-15"), ok("DATE", "2012-Q2", anchor_kind="narrative"),
                 id="latest-period-is-the-narrative-period"),
    pytest.param("the 2011 quarter", anchor(period="2012-Q3", published="2013-02-15"), ok("DATE", "2011-Q3", anchor_kind="narrative"),
                 id="a-year's-quarter-is-the-narrative-quarter"),
    pytest.param("the 2011 period", anchor(period="2012-H1"), ok("DATE", "2011-H1", anchor="2012-H1"),
                 id="a-year's-period-is-the-narrative-period"),
    pytest.param("last year's quarter", anchor(period="2012-Q3", published="2012-11-02"), ok("DATE", "2011-Q3"),
                 id="last-year's-quarter-is-the-narrative-quarter"),
    pytest.param("8 p.m.", NO_ANCHOR, ok("TIME", "XXXX-XX-XXT20:00"), id="clock-without-day"),
    pytest.param("8 p.m.", anchor(day="2013-01-10", published="2013-02-15"), ok("TIME", "2013-01-10T20:00", anchor_kind="narrative"),
                 id="clock-on-the-narrative-day"),
]


TAILS = [  # (candidate, offset of the part normalised, its type and value); published November 2, 2011
    pytest.param("an interview several months", 13, "DURATION", "PXM", id="noise-before-a-duration"),
    pytest.param("later in the day", 9, "DATE", "2011-11-02", id="the-day-inside-a-phrase"),
    pytest.param("coup last year", 5, "DATE", "2010", id="a-word-before-a-deictic-year"),
    pytest.param("last year", 0, "DATE", "2010", id="whole-span-taken"),
    pytest.param("this very century", 0, "DATE", None, id="never-a-unit-alone"),
    pytest.param("the eighth day", 0, "DATE", None, id="never-a-unit-alone-after-an-ordinal"),
]


@pytest.mark.parametrize(("text", "offset", "timex_type", "value"), TAILS)
def test_normalize_tail(rules, text, offset, timex_type, value):
    found, timex = normalize_tail(text, anchor(published=PUB), rules)
    assert (found, timex.timex_type, timex.value) == (offset, timex_type, value)


YEAR_OF_A_MONTH = [  # published May 10, 2011
    pytest.param("September", "past", "2010-09", id="past-tense-month-ahead"),
    pytest.param("June", "past", "2011-06", id="past-tense-month-soon-due"),
    pytest.param("February", "future", "2012-02", id="future-tense-month-past"),
    pytest.param("April", "future", "2011-04", id="future-tense-month-just-past"),
    pytest.param("December", None, "2010-12", id="no-tense-nearest-is-last-year"),
    pytest.param("October", "present", "2011-10", id="present-tense-nearest-ahead"),
]


@pytest.mark.parametrize(("text", "tense", "value"), YEAR_OF_A_MONTH)
def test_year_of_a_year_less_month(rules, text, tense, value):
    assert normalize(text, anchor(published="2011-05-10"), rules, tense=tense).value == value


@pytest.mark.parametrize(("text", "at", "expected"), NO_PUBLICATION)
def test_anchor_choice(rules, text, at, expected):
    timex = normalize(text, at, rules)
    assert {k: getattr(timex, k) for k in expected} == expected


# ================================================================================================
# interval
# ================================================================================================

INTERVALS = [
    pytest.param("2013-01-11", ("2013-01-11", "2013-01-11"), id="day"),
    pytest.param("2012-02", ("2012-02-01", "2012-02-29"), id="month-leap-february"),
    pytest.param("2013-02", ("2013-02-01", "2013-02-28"), id="month-february"),
    pytest.param("2013-12", ("2013-12-01", "2013-12-31"), id="month-december"),
    pytest.param("2014", ("2014-01-01", "2014-12-31"), id="year"),
    pytest.param("199", ("1990-01-01", "1999-12-31"), id="decade"),
    pytest.param("19", ("1900-01-01", "1999-12-31"), id="century"),
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


def _surfaces(text: str, entities=(), rules=None) -> list[tuple[str, str | None]]:
    return [(text[c.start : c.end], c.reading) for c in candidate_spans(text, _body(text), list(entities), rules)]


def test_candidate_spans_finds_exactly_the_patterns(rules):
    assert _surfaces(SPAN_TEXT, rules=rules) == [
        ("January 9-10", None), ("the 1980s", None), ("2001", None), ("2003", None),
        ("February 7", "February 7"), ("8", "February 8"),
    ]


def _entity(text: str, surface: str, label: str = "DATE") -> tuple[int, int, str]:
    start = text.index(surface)
    return start, start + len(surface), label


# (sentence, model entities as (surface, label), expected (surface, reading) candidates)
SPANS = [
    pytest.param("Patrols left on Friday and returned Sunday night.", [], [("Friday", None), ("Sunday night", None)], id="weekdays"),
    pytest.param("The ferry docks at 4 a.m. EDT Thursday.", [("4 a.m. EDT", "TIME"), ("Thursday", "DATE")], [("4 a.m. EDT Thursday", None)],
                 id="clock-with-its-zone-joins-its-day"),
    pytest.param("The ferry docks at 6 a.m. on the quay.", [], [("6 a.m.", None)], id="clock-the-model-missed"),
    pytest.param("Ferries sail today and tomorrow, the port said.", [], [("today", None), ("tomorrow", None)], id="deictic-days"),
    pytest.param("Ferries stopped after the Aug. 7 storm and 2 June, and since the January 1998 flood; we may 5 times.", [],
                 [("Aug. 7", None), ("2 June", None), ("January 1998", None)], id="written-dates-the-model-missed"),
    pytest.param("Sales rose in the third quarter of 2011.", [], [("the third quarter", None)], id="quarter-pattern"),
    pytest.param("Its third-quarter profit fell.", [("third-quarter", "DATE")], [("third-quarter", None)], id="hyphenated-quarter"),
    pytest.param("The company's fiscal 2012 results were late.", [], [("fiscal 2012", None)], id="fiscal-year"),
    pytest.param("Profit in the latest period fell.", [], [("the latest period", None)], id="latest-period"),
    pytest.param("The port was busy from 1994 to 1998.", [("1994 to 1998", "DATE")], [("1994", None), ("1998", None)],
                 id="year-range-split"),
    pytest.param("Crossings were logged in 1994, 1995 and 1997.", [("1994, 1995 and 1997", "DATE")],
                 [("1994", None), ("1995", None), ("1997", None)], id="listed-years-split"),
    pytest.param("Fighting peaked in 2004-2006.", [("2004-2006", "DATE")], [("2004", None), ("2006", None)], id="hyphen-years-split"),
    pytest.param("Convoys moved in April and June 2011.", [("April and June 2011", "DATE")],
                 [("April", "April 2011"), ("June 2011", None)], id="months-and-split"),
    pytest.param("Rain fell from late May-early June 2009.", [("late May-early June 2009", "DATE")],
                 [("late May", "late May 2009"), ("early June 2009", None)], id="month-range-split"),
    pytest.param("Results for the year ended March 31 were poor.", [("the year ended March 31", "DATE")],
                 [("the year", "a year"), ("March 31", None)], id="year-ended-split"),
    pytest.param("A 6-year-old boy and a man of 52 years old were hurt.", [("6-year-old", "DATE"), ("52 years old", "DATE")], [],
                 id="ages-are-not-dates"),
    pytest.param("The 44-year-old mayor resigned.", [("44-year-old", "DATE")], [], id="hyphenated-age"),
    pytest.param("She moved to Tier 1 at number 52.", [("1", "DATE"), ("52", "DATE")], [], id="bare-numbers"),
    pytest.param("The third attempt failed.", [("third", "DATE")], [], id="ordinal"),
    pytest.param("Four months into the siege of Barvel, the wells ran dry.", [("Four months", "DATE")],
                 [("Four months into the siege of Barvel", None)], id="into-an-event-extends"),
    pytest.param("By 2011 into the league's top ranks she climbed.", [("2011", "DATE")], [("2011", None)],
                 id="a-year-before-into-does-not-extend"),
    pytest.param("In the early days of the blockade, prices rose.", [("the early days", "DATE")],
                 [("the early days of the blockade", None)], id="early-days-of-an-event-extends"),
    pytest.param("They trade daily and now.", [], [("daily", None), ("now", None)], id="set-and-deictic-words"),
    pytest.param("Ferries ran from Aug. 26 to Oct. 20, 2010.", [("Aug. 26 to Oct. 20, 2010", "DATE")],
                 [("Aug. 26", "Aug. 26 2010"), ("Oct. 20, 2010", None)], id="date-range-split"),
    pytest.param("Stalls stay open today through Nov. 17.", [("today through Nov. 17", "DATE")],
                 [("today", None), ("Nov. 17", None)], id="deictic-to-date-range-split"),
    pytest.param("Wait two to three weeks.", [("two to three weeks", "DATE")], [("two to three weeks", None)],
                 id="a-range-of-numbers-is-not-split"),
    pytest.param("Bids close at 9 a.m. EST Tuesday, the port said.", [("9 a.m.", "TIME"), ("Tuesday", "DATE")],
                 [("9 a.m. EST Tuesday", None)], id="clock-joins-its-day"),
    pytest.param("Markets shut for Thanksgiving and Christmas trees sold.", [], [("Thanksgiving", None), ("Christmas", None)],
                 id="holidays"),
    pytest.param("The mill keeps at least 30 days of stock.", [("at least 30 days", "DATE")], [("at least 30 days", None)],
                 id="at-least-kept"),
    pytest.param("He cited Friday's vote.", [("Friday's", "DATE")], [("Friday", None)], id="possessive-dropped"),
    pytest.param("Buses leave every day and each other Monday.", [], [("every day", None), ("each other Monday", None)],
                 id="every-and-each"),
    pytest.param("Ferries sail on Tuesday nights and each July.", [], [("Tuesday nights", None), ("each July", None)],
                 id="sets-of-a-part-of-a-day-and-of-a-month"),
    pytest.param("Sales beat the 2010 period and last year's quarter.", [("2010", "DATE")],
                 [("the 2010 period", None), ("last year's quarter", None)], id="a-year's-period"),
]


@pytest.mark.parametrize(("text", "entities", "expected"), SPANS)
def test_candidate_spans(rules, text, entities, expected):
    assert _surfaces(text, [_entity(text, s, label) for s, label in entities], rules) == expected


def test_candidate_spans_joins_an_overlapping_entity_and_trims_the_preposition(rules):
    start = SPAN_TEXT.index("on January")
    entity = (start, start + len("on January 9-10 failed."), "DATE")
    assert [s for s, _ in _surfaces(SPAN_TEXT, [entity], rules)][:2] == ["January 9-10 failed", "the 1980s"]


def test_candidate_spans_keeps_the_entity_label_unless_joined_with_a_date(rules):
    text = "The raid began at dawn and ended that night."
    first, second = text.index("dawn"), text.index("that night")
    spans = candidate_spans(text, _body(text), [(first, first + 4, "TIME"), (second, second + 10, "TIME")], rules)
    assert [tuple(c[:3]) for c in spans] == [(first, first + 4, "TIME"), (second, second + 10, "TIME")]


def test_candidate_spans_join_a_part_of_day_with_its_date(rules):
    text = "In the early hours of February 26, 2016, the base was attacked."
    part, day = text.index("the early hours"), text.index("February 26")
    entities = [(part, part + len("the early hours"), "TIME"), (day, day + len("February 26, 2016"), "DATE")]
    spans = candidate_spans(text, _body(text), entities, rules)
    assert [(text[c.start : c.end], c.label) for c in spans] == [("the early hours of February 26, 2016", "DATE")]


def test_candidate_spans_only_in_body_blocks(rules):
    heading = "Smuggling since the 1980s"
    text = heading + "\n\nTalks on January 9-10 failed."
    blocks = [{"kind": "heading", "start": 0, "end": len(heading)}, {"kind": "body", "start": len(heading) + 2, "end": len(text)}]
    outside = (text.index("1980s"), text.index("1980s") + 5, "DATE")
    spans = candidate_spans(text, blocks, [outside], rules)
    assert [text[c.start : c.end] for c in spans] == ["January 9-10"]


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
    pytest.param(["January 10, 2013", "several days later", "the next day"], anchor(),
                 ["2013-01-10", "PXD", "2013-01-11"], id="vague-offset-is-a-duration-that-does-not-move-the-anchor"),
    pytest.param(["January 10, 2013", "February 30", "the next day"], anchor(),
                 ["2013-01-10", None, "2013-01-11"], id="unresolved-does-not-move-the-anchor"),
    pytest.param(["January 10, 2013", "four months into the blockade", "the next day"], anchor(),
                 ["2013-01-10", "2013-05", "2013-01-11"], id="counted-from-the-opening-day-keeps-the-day"),
    pytest.param(["the third quarter of 2011", "a year earlier"], anchor(published="2011-11-02"), ["2011-Q3", "2010-Q3"],
                 id="a-year-earlier-than-the-quarter-spoken-of"),
    pytest.param(["the third quarter of 2011", "the year-earlier quarter", "a year earlier"], anchor(published="2011-11-02"),
                 ["2011-Q3", "2010-Q3", "2010-Q3"], id="a-quarter-counted-back-does-not-become-the-period"),
    pytest.param(["the 1990s", "July"], anchor(ref=2019), ["199", "2019-07"], id="decade-gives-no-year"),
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


# ================================================================================================
# extract_dates: what the parse says about an expression's sentence (the model is needed)
# ================================================================================================

CONTEXT = [
    pytest.param("The talks in Varno had stalled. The envoy told reporters on March 3, 2011: “Of course, now we must act.”",
                 None, "now", ok("DATE", "2011-03-03", anchor_kind="narrative"), id="now-in-dated-quoted-words"),
    pytest.param("The convoy reached Varno on March 3, 2011. The militias now controlled the only pass.",
                 None, "now", null(reason="past-tense"), id="narrative-now-before-past-verb"),
    pytest.param("Talks in Varno began on June 5, 2011. Veterans of the January 2009 revolt joined them. In May the army withdrew.",
                 None, "May", ok("DATE", "2011-05", anchor_kind="narrative"), id="a-date-naming-an-event-does-not-move-the-year"),
    pytest.param("The mayor of Varno resigned on Friday after a long dispute over the harbour.", "2011-11-02", "Friday",
                 ok("DATE", "2011-10-28", anchor="2011-11-02", anchor_kind="published"), id="weekday-past-tense"),
    pytest.param("The council of Varno will vote on Friday on the harbour plan.", "2011-11-02", "Friday",
                 ok("DATE", "2011-11-04", anchor_kind="published"), id="weekday-future-tense"),
    pytest.param("The council of Varno will appeal Friday's ruling on the harbour.", "2011-11-02", "Friday",
                 ok("DATE", "2011-10-28"), id="possessive-weekday-names-an-event"),
    pytest.param("Results for the year ended March 31 were poor in Varno.", "2011-11-02", "March 31",
                 ok("DATE", "2011-03-31"), id="participle-modifier-is-past"),
    pytest.param("The envoy, in Varno since July 2009, will open the talks on March 12.", "2011-11-02", "March 12",
                 ok("DATE", "2012-03-12", anchor_kind="published"), id="future-sentence-leaves-a-past-narrative-year"),
    pytest.param("The police in Varno had not named a suspect until Friday.", "2011-11-02", "Friday",
                 ok("DATE", "2011-10-28"), id="until-in-a-past-sentence-is-past"),
    pytest.param("Stocks in Varno rose before Friday's auction.", "2011-11-02", "Friday",
                 ok("DATE", "2011-10-28"), id="before-a-named-event-keeps-the-past"),
    pytest.param("The envoys of Varno met to sign the pact on Friday.", "2011-11-02", "Friday",
                 ok("DATE", "2011-10-28"), id="infinitive-under-a-past-verb-is-not-future"),
    pytest.param("The council of Varno will study a September agreement on the harbour.", "2011-05-10", "September",
                 ok("DATE", "2010-09"), id="a-date-naming-an-event-is-past"),
    pytest.param("The vote in Varno had been due to take place on Friday.", "2011-11-02", "Friday",
                 ok("DATE", "2011-10-28"), id="past-perfect-of-a-future-verb-is-past"),
    pytest.param("The council of Varno will vote on Friday on the harbour plan, the mayor had said.", "2011-11-02", "Friday",
                 ok("DATE", "2011-11-04"), id="future-under-a-past-perfect-stays-future"),
    pytest.param("The ferry to Varno may sail as soon as Tuesday.", "2011-11-02", "Tuesday",
                 ok("DATE", "2011-11-08"), id="as-soon-as-is-future"),
    pytest.param("The harbour of Varno reopened yesterday after the storm.", "2011-11-02", "yesterday",
                 ok("DATE", "2011-11-01", anchor_kind="published"), id="yesterday-from-publication"),
    pytest.param("The harbour of Varno reopened yesterday after the storm.", None, "yesterday",
                 null(reason="no earlier exact date"), id="yesterday-without-publication"),
]


def _dates(nlp, text: str, published: str | None) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.ctc_metadata = {"title": None, "authors": [], "published": published}
    return nlp(doc)._.ctc_dates


@pytest.mark.parametrize(("text", "published", "surface", "expected"), CONTEXT)
def test_dates_in_context(model_nlp, text, published, surface, expected):
    record = next(r for r in _dates(model_nlp, text, published) if r["text"] == surface)
    expected = dict(expected)
    reason = expected.pop("reason", None)
    assert {k: record[k] for k in expected} == expected
    if reason:
        assert reason in record["unresolved"]


def test_adjective_set_or_reference_is_not_a_date(model_nlp):
    text = "The ministry in Varno began to regulate daily life, and the current dispute grew."
    assert [r["text"] for r in _dates(model_nlp, text, "2011-11-02")] == []


# ================================================================================================
# eval --timeml: reading a .tml file and the TempEval-3 scores
# ================================================================================================

INVENTED_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>invented</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2011-11-02" functionInDocument="CREATION_TIME">20111102</TIMEX3></DCT>
<TEXT>
VARNO, <TIMEX3 tid="t1" type="DATE" value="2011-11-01">Nov. 1</TIMEX3> --

The harbour of Varno <EVENT eid="e1">reopened</EVENT> <TIMEX3 tid="t2" type="DATE" value="2011-10-28">Friday</TIMEX3> after
<TIMEX3 tid="t3" type="DURATION" value="P3W">three weeks</TIMEX3> &amp; more.
</TEXT>
</TimeML>
"""


def test_read_tml(tmp_path):
    from pipeline.commands.evaluate_timeml import read_tml

    path = tmp_path / "invented.tml"
    path.write_text(INVENTED_TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2011-11-02"
    assert [(doc.text[t.start : t.end], t.timex_type, t.value) for t in doc.timexes] == [
        ("Nov. 1", "DATE", "2011-11-01"), ("Friday", "DATE", "2011-10-28"), ("three weeks", "DURATION", "P3W")]
    assert "--\n\n" not in doc.text and "& more." in doc.text  # the dateline joins its paragraph, same length


def test_timeml_scores_as_tempeval3_defines_them():
    from pipeline.commands.evaluate_timeml import GoldTimex, TimemlDocument, TimexScores

    text = "Talks end Friday after three weeks."
    gold = TimemlDocument("x", text, "2011-11-02", [GoldTimex(10, 16, "DATE", "2011-10-28"), GoldTimex(23, 34, "DURATION", "P3W")])
    predicted = [  # one exact and right, one overlapping with the wrong value, one spurious
        {"start": 10, "end": 16, "text": "Friday", "timex_type": "DATE", "value": "2011-10-28"},
        {"start": 17, "end": 34, "text": "after three weeks", "timex_type": "DURATION", "value": "P2W"},
        {"start": 0, "end": 5, "text": "Talks", "timex_type": "DATE", "value": None},
    ]
    scores = TimexScores()
    scores.add(gold, predicted)
    report = scores.report()
    assert report["strict"] == {"precision": 1 / 3, "recall": 1 / 2, "f1": pytest.approx(0.4)}
    assert report["relaxed"]["f1"] == pytest.approx(0.8)
    assert report["value_f1"] == pytest.approx(0.5 * 0.8) and report["type_f1"] == pytest.approx(0.8)
    assert {kind: len(lines) for kind, lines in report["errors"].items()} == {
        "value": 1, "type": 0, "extent": 0, "missed": 0, "spurious": 1}  # the overlapping one counts under its value
    assert report["value_errors_by_form"] == {"after three weeks": 1}


def test_timeml_error_report_lists_every_miss_by_kind():
    from pipeline.commands.evaluate_timeml import format_timeml_report

    report = {"documents": 1, "gold": 2, "system": 2, "value_f1": 0.5, "type_f1": 1.0,
              "strict": {"precision": 0.5, "recall": 0.5, "f1": 0.5}, "relaxed": {"precision": 1.0, "recall": 1.0, "f1": 1.0},
              "misses": ["x: 'Friday' DATE 2011-11-04 vs 'Friday' DATE 2011-10-28"],
              "errors": {"value": ["x: 'Friday' DATE 2011-11-04 vs 'Friday' DATE 2011-10-28"], "type": [], "extent": [], "missed": [],
                         "spurious": []},
              "value_errors_by_form": {"WEEKDAY": 1}}
    lines = format_timeml_report(report, errors=True).splitlines()
    assert lines[lines.index("value errors by form (1):") + 1].split() == ["1", "WEEKDAY"]
    assert "value (1):" in lines and "spurious (0):" in lines


@pytest.mark.parametrize(("text", "form"), [("Friday night", "WEEKDAY night"), ("Aug. 7", "MONTH N"), ("A year earlier", "a year earlier"),
                                            ("the 1988 quarter", "the N quarter"), ("10:35 a.m.", "N a.m.")])
def test_timeml_text_form(text, form):
    from pipeline.commands.evaluate_timeml import text_form

    assert text_form(text) == form


TIMEML_DIR = Path(os.environ.get("CTC_TIMEML", "/work/data/timeml"))


@pytest.mark.skipif(not any(TIMEML_DIR.rglob("*.tml")), reason=f"no TimeML copy in {TIMEML_DIR} (set CTC_TIMEML)")
def test_timeml_development_figures(model_nlp):
    """A floor on a few TimeBank files (the full-set figures are in the README); the corpus is
    LDC-licensed and never committed."""
    from pipeline.commands.evaluate_timeml import evaluate_timeml

    report = evaluate_timeml(model_nlp, sorted(TIMEML_DIR.rglob("*.tml"))[:12])
    assert report["relaxed"]["f1"] >= 0.85 and report["value_f1"] >= 0.6, report["misses"][:20]

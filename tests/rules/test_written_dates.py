"""Table-driven tests of :mod:`pipeline.rules.written_dates`: ``normalize_date`` on dates as endnotes write them.
"""

from __future__ import annotations

import itertools

import pytest

from pipeline.rules.written_dates import _bundled, common_form, normalize_date

# ================================================================================================
# dates.normalize_date
# ================================================================================================

DATES = [
    # precision follows what was written
    pytest.param("January 10, 2013", ("2013-01-10", True), id="day-mdy"),
    pytest.param("14 March 2016", ("2016-03-14", True), id="day-dmy"),
    pytest.param("10 January, 2013", ("2013-01-10", True), id="day-dmy-comma"),
    pytest.param("March 3, 2014.", ("2014-03-03", True), id="day-trailing-period"),
    pytest.param("January\u00a010, 2013", ("2013-01-10", True), id="day-non-breaking-space"),
    pytest.param("2013-04-05", ("2013-04-05", True), id="day-iso"),
    pytest.param("March 2013", ("2013-03", True), id="month"),
    pytest.param("Feb 2014", ("2014-02", True), id="month-abbreviated"),
    pytest.param("December 2012", ("2012-12", True), id="month-december"),
    pytest.param("2013", ("2013", True), id="year"),
    # impossible days are invalid, never shifted
    pytest.param("June 31, 2012", (None, False), id="june-31-invalid"),
    pytest.param("31 April 2016", (None, False), id="april-31-dmy-invalid"),
    pytest.param("Sept 31, 2014", (None, False), id="sept-31-invalid"),
    pytest.param("January 32, 2013", (None, False), id="day-32-invalid"),
    pytest.param("April 0, 2013", (None, False), id="day-0-invalid"),
    pytest.param("february 30, 2012", (None, False), id="february-30-lowercase-invalid"),
    # leap years
    pytest.param("February 29, 2012", ("2012-02-29", True), id="leap-day-2012"),
    pytest.param("February 29, 2013", (None, False), id="leap-day-2013-invalid"),
    pytest.param("February 29, 2000", ("2000-02-29", True), id="leap-day-2000"),
    pytest.param("February 29, 1900", (None, False), id="leap-day-1900-invalid"),
    # ranges
    pytest.param("January 9-10, 2013", ("2013-01-09/2013-01-10", True), id="range-hyphen"),
    pytest.param("January 9–10, 2013", ("2013-01-09/2013-01-10", True), id="range-en-dash"),
    pytest.param("May 1-3, 2014", ("2014-05-01/2014-05-03", True), id="range-three-days"),
    pytest.param("January 30-32, 2013", (None, False), id="range-impossible-end"),
    pytest.param(
        "3-5 May 2014", ("2014-05-03/2014-05-05", True), id="range-day-month-year",
    ),
    pytest.param(
        "January 31-February 2, 2013", ("2013-01-31/2013-02-02", True), id="range-across-months",
    ),
    # ordinals and abbreviations
    pytest.param("March 3rd, 2014", ("2014-03-03", True), id="ordinal-rd"),
    pytest.param("March 1st, 2014", ("2014-03-01", True), id="ordinal-st"),
    pytest.param("2nd May 2014", ("2014-05-02", True), id="ordinal-dmy"),
    pytest.param("Sept. 5, 2014", ("2014-09-05", True), id="abbrev-sept"),
    pytest.param("Sep. 5, 2014", ("2014-09-05", True), id="abbrev-sep"),
    pytest.param("Dec. 31, 2012", ("2012-12-31", True), id="abbrev-dec"),
    # seasons
    pytest.param("Spring 2012", ("2012-SP", True), id="season-spring"),
    pytest.param("Summer 2015", ("2015-SU", True), id="season-summer"),
    pytest.param("Fall 2011", ("2011-FA", True), id="season-fall"),
    pytest.param("Autumn 2011", ("2011-FA", True), id="season-autumn"),
    pytest.param("Winter 2014", ("2014-WI", True), id="season-winter"),
    pytest.param("SPRING, 2012.", ("2012-SP", True), id="season-caps-comma-period"),
    pytest.param("2005b", ("2005", True), id="author-date-year-letter"),
    # not dates
    pytest.param("", (None, False), id="empty"),
    pytest.param("not a date", (None, False), id="words"),
]


@pytest.mark.parametrize(("raw", "expected"), DATES)
def test_normalize_date(raw, expected):
    assert normalize_date(raw) == expected


# --- the common forms read without dateparser give dateparser's values ---------------------------

COMMON_FORMS = ("{M} {d}, {y}", "{M} {d} {y}", "{M}. {d}, {y}", "{d} {M} {y}", "{d} {M}, {y}", "{M} {y}", "{M}, {y}",
                "{y}", "{y}-{m:02d}-{d:02d}")


def test_the_common_forms_read_directly_equal_dateparser():
    reader = _bundled()
    checked = 0
    for (name, number), day, year, form in itertools.product(reader.english_months.items(), (1, 13, 29, 31), (1999, 2012, 2024), COMMON_FORMS):
        text = form.format(M=name.title(), d=day, y=year, m=number)
        value = common_form(text, reader.english_months)
        if value is not None:
            checked += 1
            assert value == reader.dateparser_value(text), text
    assert checked > 2000  # the impossible days (February 31, …) fall through


@pytest.mark.parametrize("text", ["Mai 2013", "2013-13-05", "Sometime 2013", "0999", "February 30, 2012", "Marchy 5, 2013",
                                  "5 March 13", "March 5, 2013 at noon"])
def test_other_forms_are_left_to_dateparser(text):
    assert common_form(text, _bundled().english_months) is None

"""Normalising written calendar dates ("January 10, 2013", "March 2013", "Spring 2012", "2013",
an author–date year "2005b", day ranges such as "January 9-10, 2013" → ``2013-01-09/2013-01-10``, month ranges, and dates
written in the languages of ``date_languages`` in ``models/citation_rules.json``: "15 novembre 1925",
"5 de marzo de 2013").

``normalize_date`` returns the ISO value truncated to the precision that was written (a month
never gains a day) and whether the date exists. Impossible dates ("June 31, 2012") are reported
invalid with a ``None`` value — never shifted to a neighbouring day. The common English forms
("March 5, 2013", "5 March 2013", "2013-03-05", "March 2013", "2013") are read directly
(:func:`common_form`, the same values as dateparser's, tested form by form); dateparser does the
rest, with settings that make the result independent of the day the pipeline runs; results are
cached.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime
from functools import cache, lru_cache

from dateparser.date import DateDataParser

from .resources import load_json

_SETTINGS = {
    "RELATIVE_BASE": datetime(2000, 1, 1),
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_TIME_AS_PERIOD": False,
    "DATE_ORDER": "MDY",
}
_PRECISION = {"day": 10, "month": 7, "year": 4}
_COMMON = (
    ("mdy", re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")),
    ("dmy", re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")),
    ("my", re.compile(r"([A-Za-z]+)\.?,?\s+(\d{4})")),
    ("iso", re.compile(r"(\d{4})-(\d{2})-(\d{2})")),
    ("y", re.compile(r"(\d{4})")),
)


def common_form(text: str, months: dict[str, int]) -> str | None:
    """The ISO value of ``text`` written in one of the common forms with an English month name or
    abbreviation of ``months`` (a day that exists, a year from 1000), else ``None``."""
    for form, pattern in _COMMON:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        return None
    parts = match.groups()
    if form in ("y", "iso"):
        year, month, day = (int(p) for p in parts + (0,) * (3 - len(parts)))
    else:
        name, day, year = parts if form == "mdy" else (parts[1], parts[0], parts[2]) if form == "dmy" else (parts[0], 0, parts[1])
        month, day, year = months.get(name.lower()), int(day), int(year)
        if month is None:
            return None
    if year < 1000 or (form == "iso" and not 1 <= month <= 12):
        return None
    if form in ("mdy", "dmy", "iso") and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def _range_ends(text: str) -> tuple[str, str] | None:
    """The two dates of a day or month range: "January 9-10, 2013", "3-5 May 2014",
    "January 31-February 2, 2013", "August-September 1921"; ``None`` for anything else."""
    year = r"(,?\s+\d{4})"
    months = re.fullmatch(r"([^\W\d]+\.?)\s*[-–/]\s*([^\W\d]+\.?),?\s+(\d{4})", text)
    if months:
        return f"{months.group(1)} {months.group(3)}", f"{months.group(2)} {months.group(3)}"
    across = re.fullmatch(r"([A-Za-z]+\.?\s+\d{1,2})\s*[-–]\s*([A-Za-z]+\.?\s+\d{1,2})" + year, text)
    if across:
        return across.group(1) + across.group(3), across.group(2) + across.group(3)
    month_first = re.fullmatch(r"(.*?)(\d{1,2})\s*[-–]\s*(\d{1,2})" + year, text)
    if month_first:
        return tuple(month_first.group(1) + day + month_first.group(4) for day in month_first.group(2, 3))
    day_first = re.fullmatch(r"(\d{1,2})\s*[-–]\s*(\d{1,2})(\s+[A-Za-z]+\.?" + year + ")", text)
    if day_first:
        return day_first.group(1) + day_first.group(3), day_first.group(2) + day_first.group(3)
    return None


class DateReader:
    """Written dates read with one pipeline's calendar words — ``months``,
    ``months_other_languages``, ``seasons`` and ``date_languages`` of its ``citation_rules.json``
    — so an override of that file reaches every stage that reads dates; results are cached."""

    def __init__(self, rules: dict):
        self.months = {**rules["months"], **rules["months_other_languages"]}
        self.english_months = rules["months"]
        self.seasons = rules["seasons"]
        self.parser = DateDataParser(languages=rules["date_languages"], settings=_SETTINGS)
        self.normalize = lru_cache(maxsize=4096)(self._normalize)

    def _impossible_day(self, raw: str) -> bool:
        """Whether ``raw`` names a day its month does not have (e.g. June 31, February 30)."""
        words = re.findall(r"[A-Za-z]+|\d+", raw.lower())
        month = next((self.months[w] for w in words if w in self.months), None)
        numbers = [int(w) for w in words if w.isdigit()]
        year = next((n for n in numbers if n >= 1000), None)
        days = [n for n in numbers if n < 1000]
        if month is None or year is None or not days:
            return False
        return any(not 1 <= d <= calendar.monthrange(year, month)[1] for d in days)

    def _normalize(self, raw: str) -> tuple[str | None, bool]:
        """(ISO value at the written precision or None, whether the written date is valid)."""
        text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", raw.strip().rstrip("."))
        text = re.sub(r"^(\d{4})[a-z]$", r"\1", text)  # author–date "2005b": the year
        season = re.fullmatch(r"([A-Za-z]+),?\s+(\d{4})", text)
        if season and season.group(1).lower() in self.seasons:
            return f"{season.group(2)}-{self.seasons[season.group(1).lower()]}", True
        ends = _range_ends(text)
        if ends:
            (first, valid_a), (last, valid_b) = self.normalize(ends[0]), self.normalize(ends[1])
            if not (valid_a and valid_b):
                return None, False
            return f"{first}/{last}", True
        if self._impossible_day(text):
            return None, False
        value = common_form(text, self.english_months) or self.dateparser_value(text)
        return value, value is not None

    def dateparser_value(self, text: str) -> str | None:
        """dateparser's reading of ``text`` at the precision it found, or ``None``."""
        data = self.parser.get_date_data(text)
        if data.date_obj is None:
            return None
        return data.date_obj.date().isoformat()[: _PRECISION.get(data.period, 10)]


@cache
def _bundled() -> DateReader:
    return DateReader(load_json("citation_rules.json"))


def normalize_date(raw: str) -> tuple[str | None, bool]:
    """:meth:`DateReader.normalize` with the bundled ``citation_rules.json`` (for callers outside a pipeline)."""
    return _bundled().normalize(raw)

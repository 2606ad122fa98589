"""The values of TIMEX3 expressions: the narrative anchor, the record of one expression, and the
calendar arithmetic the handlers share (intervals, shifts, the reference a value was resolved
against). Pure functions over plain data."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # only named in annotations; timex imports this module
    from .timex import TemporalRules


NOT_TAKEN = "a vague or relative expression the rules do not resolve"  # why a span no handler takes has no value


@dataclass
class Anchor:
    """What relative and year-less expressions resolve against, updated in document order."""

    year: int | None = None
    day: date | None = None
    reference_year: int | None = None
    published: date | None = None
    first_day: date | None = None
    period: str | None = None


@dataclass
class Timex:
    timex_type: str
    value: str | None = None
    mod: str | None = None
    quant: str | None = None
    freq: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    unresolved: str | None = None
    anchor: str | None = None
    anchor_kind: str | None = None
    explicit_year: bool = field(default=False, repr=False)


@dataclass
class Context:
    """One expression's surroundings, for handlers: the anchor, the rules, the model's label, and
    the tense its sentence speaks in ("future": a weekday or month then lies ahead; "past"); ``again``
    normalises a part of the expression in the same context ("the morning of" + "January 10")."""

    anchor: Anchor
    rules: TemporalRules
    label: str = "DATE"
    tense: str | None = None
    again: Callable[[str], Timex] | None = None


def number(word: str | None, rules: TemporalRules) -> str:
    """A number written in digits or words ("twenty-four", "two thousand"), "X" when vague or absent."""
    if word is None or word.lower() in rules.vague:
        return "X"
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return word.rstrip("0").rstrip(".") if "." in word else word
    parts = re.split(r"[\s-]+", word.lower())
    if " ".join(parts) in rules.numbers:
        return str(rules.numbers[" ".join(parts)])
    total = 0
    for part in parts:
        n = rules.numbers[part]
        total = (total or 1) * n if n in (100, 1000) else total + n
    return str(total)


def unit_code(form: str, rules: TemporalRules) -> tuple[str, bool]:
    """The TIMEX3 unit of a unit word ("weeks" → W) and whether it is a unit of clock time."""
    unit = rules.unit_forms[form.lower()]
    return rules.units[unit], unit in rules.time_units


def interval(value: str, seasons: dict) -> tuple[str | None, str | None]:
    """The ISO first and last day a DATE value covers (``None`` when it is not a calendar date);
    ``seasons`` maps season names to (code, first MM-DD, last MM-DD)."""
    if "/" in value:
        first, last = value.split("/", 1)
        return interval(first, seasons)[0], interval(last, seasons)[1]
    value = value.split("T")[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    if re.fullmatch(r"\d{2,3}", value):  # a decade ("199": the 1990s) or a century ("19": 1900-1999)
        return f"{value}{'0' * (4 - len(value))}-01-01", f"{value}{'9' * (4 - len(value))}-12-31"
    part = re.fullmatch(r"(\d{4})-([QH])(\d)", value)
    if part:
        months = 3 if part.group(2) == "Q" else 6
        first = (int(part.group(3)) - 1) * months + 1
        return interval(f"{part.group(1)}-{first:02d}/{part.group(1)}-{first + months - 1:02d}", seasons)
    season = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if season:
        code = next(v for v in seasons.values() if v[0] == season.group(2))
        year, end_year = int(season.group(1)), int(season.group(1)) + (code[2] < code[1])
        end = code[2] if code[2] != "02-28" else f"02-{calendar.monthrange(end_year, 2)[1]}"
        return f"{year}-{code[1]}", f"{end_year}-{end}"
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return None, None


def dated(timex: Timex, rules: TemporalRules) -> Timex:
    """``timex`` with the interval of its value."""
    timex.start_date, timex.end_date = interval(timex.value, rules.seasons)
    return timex




def shift(day: date, n: int, unit: str) -> str:
    """``day`` moved by ``n`` units (D, W, M, Q, Y), as a value at that unit's precision."""
    if unit in ("D", "W"):
        return (day + timedelta(days=n * (7 if unit == "W" else 1))).isoformat()
    if unit == "M":
        months = day.year * 12 + day.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    if unit == "Q":
        quarters = day.year * 4 + (day.month - 1) // 3 + n
        return f"{quarters // 4:04d}-Q{quarters % 4 + 1}"
    return f"{day.year + n:04d}"


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def deictic_day(anchor: Anchor) -> tuple[date, str] | None:
    """The day deictic expressions count from: the publication date, else the narrative's day."""
    if anchor.published:
        return anchor.published, "published"
    return (anchor.day, "narrative") if anchor.day else None


def deictic_year(anchor: Anchor) -> tuple[int, str] | None:
    """The year of "this year": the publication year, else the narrative's, else the reference year."""
    if anchor.published:
        return anchor.published.year, "published"
    narrative = anchor.day.year if anchor.day else anchor.year
    if narrative:
        return narrative, "narrative"
    return (anchor.reference_year, "reference_year") if anchor.reference_year else None


def narrative_year(anchor: Anchor) -> tuple[int, str] | None:
    """The year of a year-less date: the narrative's, else the publication year, else the reference year."""
    if anchor.year:
        return anchor.year, "narrative"
    if anchor.published:
        return anchor.published.year, "published"
    return (anchor.reference_year, "reference_year") if anchor.reference_year else None


def narrative_day(anchor: Anchor) -> tuple[date, str] | None:
    """The day anaphoric expressions count from: the narrative's last exact day, else the publication date."""
    if anchor.day:
        return anchor.day, "narrative"
    return (anchor.published, "published") if anchor.published else None


def year_back(anchor: Anchor, years: int, found: tuple[int, str]) -> tuple[str, tuple]:
    """``years`` before the period the narrative speaks of ("a year earlier" after "the third
    quarter" is the third quarter of the year before), else before the year ``found``."""
    if anchor.period:
        return f"{int(anchor.period[:4]) - years:04d}{anchor.period[4:]}", (anchor.period, "narrative")
    return f"{found[0] - years:04d}", found


def resolved(timex_type: str, value: str, rules, base: tuple | None = None, explicit_year: bool = False, **fields) -> Timex:
    """A resolved expression with its interval; ``base`` is the (anchor, kind) it counted from."""
    anchor, kind = base if base else (None, None)
    anchor = anchor.isoformat() if isinstance(anchor, date) else None if anchor is None else str(anchor)
    return dated(Timex(timex_type, value=value, anchor=anchor, anchor_kind=kind, explicit_year=explicit_year, **fields), rules)


def unresolved(timex_type: str, reason: str, **fields) -> Timex:
    return Timex(timex_type, unresolved=reason, **fields)

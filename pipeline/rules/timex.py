"""Temporal expressions in the body, normalised TimeML/TIMEX3-style.

Candidates are the model's DATE/TIME entities inside body paragraphs plus patterns the model
splits or misses (day ranges "January 9-10" / "February 7 and 8", decades "the 1980s", year ranges
"between 2009 and 2011", deictic "now" / "currently"); overlapping candidates are joined, and so
is a part of a day with its date ("the early hours of February 26, 2016"). Nothing else is parsed, and
dateparser only ever sees a candidate's calendar core (never ``search_dates`` over prose).

``normalize(text, anchor, rules)`` is a pure function. It returns the TIMEX type (DATE, DURATION,
SET, TIME), the value ("2013-01-11", "2012-06", "198X", "P10M", "2013-01-09/2013-01-10"), the
modifier (START, MID, END, APPROX), the ISO interval a date covers, and — when the value stays
null — the reason. Year-less dates take the narrative's year: that of the nearest preceding
expression with an explicit year, else the document's reference year (its latest cited source).
Relative expressions ("the following night", "two days later") resolve against the nearest
preceding exact day, and are left null when there is none or when they count from an event
("four months into the intervention").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .written_dates import normalize_date


@dataclass
class Anchor:
    """What relative and year-less expressions resolve against, updated in document order."""

    year: int | None = None
    day: date | None = None
    reference_year: int | None = None


@dataclass
class Timex:
    timex_type: str
    value: str | None = None
    mod: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    unresolved: str | None = None
    anchor: str | None = None
    explicit_year: bool = field(default=False, repr=False)


class TemporalRules:
    """Compiled ``models/temporal.json`` plus the month names of ``citation_rules.json``."""

    def __init__(self, data: dict, months: dict[str, int]):
        self.modifiers = [(re.compile(rf"^{re.escape(w)}\b-?\s*" if w[-1].isalpha() else rf"^{re.escape(w)}\s*"), m)
                          for w, m in data["modifiers"]]
        self.numbers = data["numbers"]
        self.vague = set(data["vague_numbers"])
        self.units = data["units"]
        self.time_units = set(data["time_units"])
        self.relative_days = data["relative_days"]
        self.relative_offsets = data["relative_offsets"]
        self.relative_units = data["relative_units"]
        self.sets = data["sets"]
        self.deictic = data["deictic"]
        deictic = "|".join(re.escape(w) for w in sorted(self.deictic, key=len, reverse=True))
        self.deictic_pattern = re.compile(rf"\b(?:{deictic})\b", re.IGNORECASE)
        sets = "|".join(re.escape(w) for w in sorted(self.sets, key=len, reverse=True))
        self.set_pattern = re.compile(rf"\b(?:{sets})\b", re.IGNORECASE)
        self.part_of_day = re.compile(rf"^(?:the\s+)?(?P<mod>early|late)?\s*(?:{'|'.join(data['parts_of_day'])})\s+of\s+(?P<date>.+)$",
                                      re.IGNORECASE)
        self.temporal_words = re.compile(r"\b(?:%s)s?\b" % "|".join(data["temporal_words"]), re.IGNORECASE)
        self.seasons = data["seasons"]
        self.months = months
        month = r"(?:%s)\.?" % "|".join(sorted(months, key=len, reverse=True))
        number = r"(?:\d+|%s)" % "|".join(sorted(self.numbers, key=len, reverse=True))
        unit = r"(?:%s)s?" % "|".join(self.units)
        vague = "|".join(sorted(self.vague, key=len, reverse=True))
        self.month = month
        self.day_range = re.compile(rf"\b{month}\s+\d{{1,2}}\s*(?:[-–]|and|to)\s*\d{{1,2}}(?:,?\s+\d{{4}})?\b", re.IGNORECASE)
        self.decade = re.compile(r"\b(?:the\s+)?(?:early\s+|mid-?|late\s+)?\d{3}0s\b", re.IGNORECASE)
        self.year_range = re.compile(r"\b(?:between|from)\s+\d{4}\s+(?:and|to|until)\s+\d{4}\b", re.IGNORECASE)
        self.duration = re.compile(rf"^(?:for\s+)?(?:the\s+)?(?:(?P<n>{number}|{vague})\s+)?(?P<unit>{unit})$", re.IGNORECASE)
        self.offset = re.compile(rf"^(?P<n>{number})\s+(?P<unit>{unit})\s+(?P<dir>{'|'.join(self.relative_offsets)})$", re.IGNORECASE)
        self.next_unit = re.compile(rf"^(?:the\s+)?(?P<dir>{'|'.join(self.relative_units)})\s+(?P<unit>{unit})$", re.IGNORECASE)
        self.part_of_year = re.compile(rf"^(?:the\s+)?(?P<side>first|last)\s+(?P<n>{number})\s+months\s+of\s+(?P<year>\d{{4}})$", re.IGNORECASE)
        self.into = re.compile(rf"^(?P<n>{number})\s+(?P<unit>{unit})\s+(?:into|after the start of|since)\b", re.IGNORECASE)
        self.calendar = re.compile(
            rf"^(?:(?P<month>{month})(?:\s+(?P<day>\d{{1,2}})(?:\s*(?:[-–]|and|to)\s*(?P<day2>\d{{1,2}}))?)?,?\s*(?P<year>\d{{4}})?"
            rf"|(?P<dayfirst>\d{{1,2}})(?:\s*[-–]\s*(?P<dayfirst2>\d{{1,2}}))?\s+(?P<month2>{month}),?\s*(?P<year2>\d{{4}})?"
            rf"|(?P<season>{'|'.join(self.seasons)})(?:\s+of)?,?\s*(?P<year3>\d{{4}})?)$",
            re.IGNORECASE,
        )
        self.years = re.compile(r"^(?:between\s+|from\s+)?(?P<a>\d{4})(?:\s*(?:[-–]|and|to|until)\s*(?P<b>\d{4}|\d{2}))?$", re.IGNORECASE)
        self.across_months = re.compile(rf"^{month}\s+\d{{1,2}}\s*[-–]\s*{month}\s+\d{{1,2}},?\s+\d{{4}}$", re.IGNORECASE)
        self.decade_value = re.compile(r"^(?:the\s+)?(?P<d>\d{3})0s$", re.IGNORECASE)


def _number(word: str | None, rules: TemporalRules) -> str:
    if word is None or word.lower() in rules.vague:
        return "X"
    return word if word.isdigit() else str(rules.numbers[word.lower()])


def _unit_code(unit: str, rules: TemporalRules) -> tuple[str, bool]:
    base = unit.lower().rstrip("s")
    return rules.units[base], base in rules.time_units


def interval(value: str, seasons: dict) -> tuple[str | None, str | None]:
    """The ISO first and last day a DATE value covers (``None`` when it is not a calendar date);
    ``seasons`` maps season names to (code, first MM-DD, last MM-DD)."""
    if "/" in value:
        first, last = value.split("/", 1)
        return interval(first, seasons)[0], interval(last, seasons)[1]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, value
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    if re.fullmatch(r"\d{3}X", value):
        return f"{value[:3]}0-01-01", f"{value[:3]}9-12-31"
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


def _shift(day: date, n: int, unit: str) -> tuple[str, str]:
    """``day`` moved by ``n`` units, as a value at that unit's precision."""
    if unit in ("D", "W"):
        return (day + timedelta(days=n * (7 if unit == "W" else 1))).isoformat(), "day"
    if unit == "M":
        months = day.year * 12 + day.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "month"
    return f"{day.year + n:04d}", "year"


def _strip_modifiers(text: str, rules: TemporalRules) -> tuple[str, str | None]:
    mod, changed = None, True
    while changed:
        changed = False
        text = re.sub(r"^the\s+(?!following|next|previous|same|day|night|end|beginning|start|middle)", "", text, flags=re.IGNORECASE)
        for pattern, code in rules.modifiers:
            match = pattern.match(text)
            if match and match.end() < len(text):
                text, mod, changed = text[match.end() :], mod or code, True
                break
    return text.strip(), mod


def normalize(text: str, anchor: Anchor, rules: TemporalRules, label: str = "DATE") -> Timex:
    """Normalise one temporal expression (see the module docstring)."""
    core = re.sub(r"[’']s$", "", text.strip()).strip()
    lowered = core.lower()
    if lowered in rules.sets:
        return Timex("SET", value=rules.sets[lowered])
    if lowered in rules.deictic:
        return Timex("DATE", value=rules.deictic[lowered])
    part = rules.part_of_day.match(core)
    if part:
        inner = normalize(part.group("date"), anchor, rules)
        mod = {"early": "START", "late": "END"}.get((part.group("mod") or "").lower())
        inner.timex_type, inner.mod = "TIME", mod or inner.mod
        return inner
    if lowered in rules.relative_days:
        return _relative(anchor, rules.relative_days[lowered], "D", "TIME" if "night" in lowered and label == "TIME" else "DATE", rules)
    core, mod = _strip_modifiers(core, rules)
    relative = rules.next_unit.match(core)
    if relative:
        unit, _ = _unit_code(relative.group("unit"), rules)
        step = rules.relative_units[relative.group("dir").lower()]
        if relative.group("unit").lower().endswith("s"):
            return Timex("DATE", value="FUTURE_REF" if step > 0 else "PAST_REF" if step < 0 else "PRESENT_REF", mod=mod)
        return _relative(anchor, step, unit, "DATE", rules, mod, week=unit == "W")
    part = rules.part_of_year.match(core)
    if part:
        n, year = int(_number(part.group("n"), rules)), part.group("year")
        first, last = (1, n) if part.group("side").lower() == "first" else (13 - n, 12)
        named = {3: f"Q{(first + 2) // 3}", 6: f"H{(first + 5) // 6}"}.get(n)
        value = f"{year}-{named}" if named else f"{year}-{first:02d}/{year}-{last:02d}"
        timex = Timex("DATE", value=value, mod=mod, explicit_year=True)
        timex.start_date, timex.end_date = interval(f"{year}-{first:02d}/{year}-{last:02d}", rules.seasons)
        return timex
    if rules.into.match(core):
        return Timex("DATE", mod=mod, unresolved="counts from an event whose date the text does not give")
    offset = rules.offset.match(core)
    if offset and offset.group("n").lower() not in rules.vague:
        unit, _ = _unit_code(offset.group("unit"), rules)
        n = int(_number(offset.group("n"), rules)) * rules.relative_offsets[offset.group("dir").lower()]
        return _relative(anchor, n, unit, "DATE", rules, mod)
    decade = rules.decade_value.match(core)
    if decade:
        return _dated(Timex("DATE", value=f"{decade.group('d')}X", mod=mod, explicit_year=True), rules)
    years = rules.years.match(core)
    if years:
        first, last = years.group("a"), years.group("b")
        if last and len(last) == 2:
            last = first[:2] + last
        if last and last <= first:
            return Timex("DATE", mod=mod, unresolved=f"“{core}” is not a range of years")
        value = first + (f"/{last}" if last else "")
        return _dated(Timex("DATE", value=value, mod=mod, explicit_year=True), rules)
    if rules.across_months.match(core):
        value, valid = normalize_date(core)
        if not valid:
            return Timex("DATE", mod=mod, unresolved=f"“{core}” is not a calendar date")
        return _dated(Timex("DATE", value=value, mod=mod, explicit_year=True), rules)
    duration = rules.duration.match(core)
    if duration and mod in ("START", "MID", "END") and duration.group("n") is None:
        return Timex("TIME" if label == "TIME" else "DATE", mod=mod, unresolved="part of a period the text does not date")
    if duration:
        unit, is_time = _unit_code(duration.group("unit"), rules)
        value = f"P{'T' if is_time else ''}{_number(duration.group('n'), rules)}{unit}"
        return Timex("DURATION", value=value, mod=mod)
    found = rules.calendar.match(core)
    if found:
        return _calendar(found, anchor, rules, mod)
    reason = "a vague or relative expression the rules do not resolve"
    return Timex("TIME" if label == "TIME" else "DATE", mod=mod, unresolved=reason)


def _relative(anchor: Anchor, n: int, unit: str, timex_type: str, rules: TemporalRules, mod: str | None = None,
              week: bool = False) -> Timex:
    """``n`` units after (before, if negative) the anchor: the last exact day, or for years the
    narrative year; ``week`` gives an ISO week ("2013-W03") rather than a day."""
    if unit == "Y" and anchor.year is not None:
        year = anchor.day.year if anchor.day else anchor.year
        return _dated(Timex(timex_type, value=f"{year + n:04d}", mod=mod, anchor=str(year), explicit_year=True), rules)
    if anchor.day is None:
        return Timex(timex_type, mod=mod, unresolved="relative to an exact date, and no earlier exact date is given")
    if week:
        iso = (anchor.day + timedelta(weeks=n)).isocalendar()
        return _dated(Timex(timex_type, value=f"{iso.year}-W{iso.week:02d}", mod=mod, anchor=anchor.day.isoformat()), rules)
    value, _ = _shift(anchor.day, n, unit)
    return _dated(Timex(timex_type, value=value, mod=mod, anchor=anchor.day.isoformat()), rules)


def _calendar(found: re.Match, anchor: Anchor, rules: TemporalRules, mod: str | None) -> Timex:
    year = found.group("year") or found.group("year2") or found.group("year3")
    used_anchor = None
    if year is None:
        narrative = anchor.year or anchor.reference_year
        if narrative is None:
            return Timex("DATE", mod=mod, unresolved="no year is given and none precedes it in the text")
        year, used_anchor = str(narrative), str(narrative)
    if found.group("season"):
        code = rules.seasons[found.group("season").lower()][0]
        return _dated(Timex("DATE", value=f"{year}-{code}", mod=mod, anchor=used_anchor, explicit_year=used_anchor is None), rules)
    month = found.group("month") or found.group("month2")
    if month is None:
        return _dated(Timex("DATE", value=year, mod=mod, explicit_year=True), rules)
    day, day2 = found.group("day") or found.group("dayfirst"), found.group("day2") or found.group("dayfirst2")
    written = f"{month} {day}-{day2}, {year}" if day2 else f"{month} {day}, {year}" if day else f"{month} {year}"
    value, valid = normalize_date(written)
    if not valid:
        return Timex("DATE", mod=mod, unresolved=f"“{written}” is not a calendar date", anchor=used_anchor)
    return _dated(Timex("DATE", value=value, mod=mod, anchor=used_anchor, explicit_year=used_anchor is None), rules)


def _dated(timex: Timex, rules: TemporalRules) -> Timex:
    timex.start_date, timex.end_date = interval(timex.value, rules.seasons)
    return timex


def advance(anchor: Anchor, timex: Timex) -> None:
    """Move the narrative anchor past a resolved expression."""
    if timex.value is None or timex.timex_type not in ("DATE", "TIME") or timex.start_date is None and timex.anchor is None:
        return
    first = timex.value.split("/")[0]
    if timex.explicit_year and first[:4].isdigit():
        anchor.year = int(first[:4])
        if anchor.day and timex.start_date and not timex.start_date <= anchor.day.isoformat() <= timex.end_date:
            anchor.day = None
    last = timex.value.split("/")[-1]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", last):
        anchor.day = date.fromisoformat(last)


def candidate_spans(text: str, blocks: list[dict], entities: list[tuple[int, int, str]], rules: TemporalRules) -> list[tuple[int, int, str]]:
    """Candidate (start, end, label) spans inside body blocks, overlapping ones joined."""
    body = [b for b in blocks if b["kind"] == "body"]
    spans = [(s, e, label) for s, e, label in entities if any(b["start"] <= s < b["end"] for b in body)]
    for block in body:
        for pattern in (rules.day_range, rules.decade, rules.year_range, rules.deictic_pattern, rules.set_pattern):
            spans.extend((m.start(), m.end(), "DATE") for m in pattern.finditer(text, block["start"], block["end"]))
    joined: list[list] = []
    for start, end, label in sorted(spans):
        if joined and (start < joined[-1][1] or text[joined[-1][1] : start] == " of " and joined[-1][2] == "TIME"):
            joined[-1][1] = max(joined[-1][1], end)
            joined[-1][2] = "DATE" if "DATE" in (label, joined[-1][2]) else label
        else:
            joined.append([start, end, label])
    return [_trim(text, s, e, label) for s, e, label in joined]


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    """Drop a leading preposition and trailing punctuation from a candidate."""
    lead = re.match(r"(?:in|on|by|since|during|until|of|at|from)\s+(?=\S)", text[start:end], re.IGNORECASE)
    if lead and lead.end() < end - start:
        start += lead.end()
    while end > start and text[end - 1] in ",.;:":
        end -= 1
    return start, end, label


_INTO_EVENT = re.compile(r"\s+into\s+(?:the\s+)?[^,.;:]{1,60}?(?=[,.;:]|\s+(?:on|in|at|when)\s)")


def reference_year(notes: list[dict]) -> int | None:
    """The year of the latest dated source cited: the article was written after it."""
    years = [int(s["date"][:4]) for n in notes for s in n["sources"] if s["date"] and s["date"][:4].isdigit()]
    return max(years, default=None)

"""Candidate temporal expressions in body paragraphs.

Candidates are the model's DATE/TIME entities inside body blocks plus patterns the model splits or
misses (written dates "Aug. 7", "January 1998", day ranges "January 9-10", decades "the 1980s", year ranges "between 2009 and 2011",
weekdays, quarters and fiscal years, deictic "now" / "currently", sets "per month"); overlapping
candidates are joined, and so is a part of a day with its date ("the early hours of February 26,
2016"). As TimeML annotates them, conjoined dates are one expression each: "February 7 and 8" gives
"February 7" and "8" (read as "February 8"), "2009-2011" gives "2009" and "2011", "1994, 1995 and 1997" each year, "April and June
2024" gives "April" (read with the year) and "June 2024". Ages ("a 6-year-old", "52 years old"),
bare numbers and ordinals are never dates. Only these spans ever reach dateparser.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .intervals import Intervals
from .timex import TemporalRules


class Candidate(NamedTuple):
    start: int
    end: int
    label: str
    reading: str | None = None  # the text to normalise when it is not the span's own ("8" → "February 8")


_AGE = re.compile(r"\d+[\s-]+(?:years?|months?)[\s-]+olds?\b|\b(?:aged?|ages)\s+\d+|\w+-year-olds?\b", re.IGNORECASE)
_DATE_WORDS = re.compile(r"\b(?:1[0-9]|20)\d{2}s?\b|'\d0s\b|\d{1,2}:\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\b(?:quarter|fiscal|noon|midnight|"
                         r"[ap]\.m|[ap]m|Q[1-4]|H[12]|century|centuries)\b", re.IGNORECASE)
_INTO_EVENT = re.compile(r"\s+into\s+(?:the\s+)?[^,.;:]{1,60}?(?=[,.;:]|\s+(?:on|in|at|when)\s)")
_OF_EVENT = re.compile(r"\s+of\s+the\s+[^,.;:]{1,60}?(?=[,.;:]|\s+(?:on|in|at|when)\s)")
_TAIL = re.compile(r"(?:[\s,;:]+|[’']s|(?<!\b[A-Z][a-z]{2})(?<!\bSept)\.|\s+(?:and|or|to))$")
_DETERMINER = re.compile(r"(?:its|their|his|her|our)\s+|(?:the|a|an)\s+(?=\w+-(?:quarter|year|month|week|day)\b|\d{1,2}(?:st|nd|rd|th)\s"
                         r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?\s+\d)", re.IGNORECASE)
_LEAD = re.compile(r"(?:in|on|by|since|during|until|of|at(?!\s+(?:least|most)\b)|from|between)\s+(?=\S)", re.IGNORECASE)
_CLOCK = re.compile(r"(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b\.?|noon|midnight)", re.IGNORECASE)
_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b\.?", re.IGNORECASE)
_MERIDIEM_STOP = re.compile(r"[ap]\.m\.(?=\s+[a-z(]|[,;:)])", re.IGNORECASE)  # "6 a.m. on the quay", not "at 6 a.m."
_ZONE = re.compile(r",?\s+(?:(?:[ECMP][SD]T|GMT|UTC)\b,?\s+)?(?:on\s+)?")
_RANGE = re.compile(r"(?P<a>.+?)\s+(?:to|through|until|till)\s+(?P<b>.+)", re.IGNORECASE)


def candidate_spans(text: str, blocks: list[dict], entities: list[tuple[int, int, str]], rules: TemporalRules) -> list[Candidate]:
    """Candidate spans inside body blocks, overlapping ones joined, conjoined dates split."""
    body = [b for b in blocks if b["kind"] == "body"]
    inside = Intervals((b["start"], b["end"]) for b in body)
    spans = [(s, e, label) for s, e, label in entities if inside.overlaps(s, s + 1)]
    for block in body:
        for pattern in (rules.written_date, rules.day_range, rules.day_pair, rules.decade, rules.year_range, rules.deictic_candidates, rules.set_pattern,
                        rules.weekday_pattern, rules.quarter, rules.holiday_pattern):
            spans.extend((m.start(), m.end(), "DATE") for m in pattern.finditer(text, block["start"], block["end"]))
        spans.extend((m.start(), m.end(), "TIME") for m in _CLOCK_TIME.finditer(text, block["start"], block["end"]))
    joined: list[list] = []
    for start, end, label in sorted(spans):
        if joined and (start < joined[-1][1] or text[joined[-1][1] : start] == " of " and joined[-1][2] == "TIME"
                       or _clock_before(text, joined[-1], start)):
            joined[-1][1] = max(joined[-1][1], end)
            joined[-1][2] = "DATE" if "DATE" in (label, joined[-1][2]) else label
        else:
            joined.append([start, end, label])
    out: list[Candidate] = []
    for start, end, label in joined:
        start, end = _trim(text, start, end)
        if _is_date_like(text[start:end], rules):
            out.extend(_split(text, Candidate(start, _into_event(text, start, end, rules), label), rules))
    return out


def _clock_before(text: str, previous: list, start: int) -> bool:
    """Whether ``previous`` is a clock time (with its zone or not) written before the day it falls
    on ("9 a.m. EST Tuesday")."""
    clock = _CLOCK.match(text, previous[0], previous[1])
    return bool(clock and _ZONE.fullmatch(text, clock.end(), start))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading preposition, a determiner TimeML leaves out ("its fourth quarter", "the Aug.
    7 attack", "a third-quarter loss") and trailing punctuation, conjunction ("now and") or
    possessive ("Friday's") — but the full stop of "a.m." inside a sentence stays."""
    lead = _LEAD.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    tail = _TAIL.search(text, start, end)
    while tail and tail.start() > start:
        end = tail.start()
        tail = _TAIL.search(text, start, end)
    if _MERIDIEM_STOP.match(text, end - 3) and end - 3 >= start:
        end += 1
    determiner = _DETERMINER.match(text, start, end)
    if determiner and determiner.end() < end:
        start = determiner.end()
    return start, end


def _into_event(text: str, start: int, end: int, rules: TemporalRules) -> int:
    """The end of "four months" extended over "into the blockade" and of "the early days" over
    "of the blockade", where they count from an event."""
    surface = text[start:end]
    if re.fullmatch(rf"{rules.words['number']}\s+{rules.words['unit']}", surface, re.IGNORECASE):
        into = _INTO_EVENT.match(text, end)
    elif re.fullmatch(r"(?:the\s+)?(?:early|first|opening)\s+(?:days|weeks|months)", surface, re.IGNORECASE):
        into = _OF_EVENT.match(text, end)
    else:
        into = None
    return into.end() if into else end


def _is_date_like(surface: str, rules: TemporalRules) -> bool:
    """Whether a span can be a temporal expression at all: a year, a clock time, a month, weekday,
    temporal word or quarter — and not an age, a bare number, an ordinal or a part of a day alone
    ("night", which TimeML leaves to the day it belongs to)."""
    if _AGE.search(surface) or surface.lower() in rules.not_alone:
        return False
    return any(p.search(surface) for p in (_DATE_WORDS, rules.temporal_words, rules.month_pattern, rules.deictic_pattern,
                                           rules.weekday_pattern, rules.set_pattern, rules.spelled_year, rules.holiday_pattern, rules.quarter))


def _split(text: str, candidate: Candidate, rules: TemporalRules) -> list[Candidate]:
    """One candidate per date of a conjunction or a hyphenated range of years."""
    start, end, label, _ = candidate
    surface = text[start:end]
    pair = re.fullmatch(rf"(?P<month>{rules.month})\s+(?P<a>\d{{1,2}})\s+and\s+(?P<b>\d{{1,2}})(?P<year>,?\s+\d{{4}})?", surface,
                        re.IGNORECASE)
    if pair:
        year = pair.group("year") or ""
        second = start + pair.start("b")
        return [Candidate(start, start + pair.end("a"), label, f"{pair.group('month')} {pair.group('a')}{year}"),
                Candidate(second, end, label, f"{pair.group('month')} {pair.group('b')}{year}")]
    listed = re.fullmatch(r"\d{4}(?:,\s*\d{4})+(?:,?\s+and\s+\d{4})?", surface)
    if listed:
        return [Candidate(start + y.start(), start + y.end(), label) for y in re.finditer(r"\d{4}", surface)]
    years = re.fullmatch(r"(?P<a>\d{4})\s*(?:[-–]|and|to|until|through)\s*(?P<b>\d{4})", surface)
    if years:
        return [Candidate(start, start + years.end("a"), label), Candidate(start + years.start("b"), end, label)]
    ended = re.fullmatch(r"(?P<a>.+?)\s+(?:ended|ending)\s+(?P<b>.+)", surface, re.IGNORECASE)
    if ended:
        period = "a year" if re.fullmatch(r"the\s+(?:fiscal\s+)?year", ended.group("a"), re.IGNORECASE) else None
        return [Candidate(start, start + ended.end("a"), label, period), *_split(text, Candidate(start + ended.start("b"), end, label), rules)]
    ranged = _RANGE.fullmatch(surface)
    if ranged and all(_is_date_like(ranged.group(g), rules) and not ranged.group(g).isdigit() for g in "ab"):
        year = re.search(r",?\s+(\d{4})$", ranged.group("b"))
        reading = f"{ranged.group('a')} {year.group(1)}" if year and not re.search(r"\d{4}", ranged.group("a")) else None
        return [Candidate(start, start + ranged.end("a"), label, reading),
                *_split(text, Candidate(start + ranged.start("b"), end, label), rules)]
    months = re.fullmatch(rf"(?P<a>(?:(?:early|mid-?|late)\s*)?{rules.month})\s*(?:and|[-–]|or)\s*"
                          rf"(?P<b>(?:(?:early|mid-?|late)\s*)?{rules.month},?\s+(?P<year>\d{{4}}))", surface, re.IGNORECASE)
    if months:
        return [Candidate(start, start + months.end("a"), label, f"{months.group('a')} {months.group('year')}"),
                Candidate(start + months.start("b"), end, label)]
    return [candidate]

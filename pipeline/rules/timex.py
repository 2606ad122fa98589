"""Temporal expressions normalised TimeML/TIMEX3-style: the normaliser and the narrative anchor.

``normalize(text, anchor, rules)`` is a pure function over one candidate span (found by
:mod:`pipeline.rules.timex_spans`). It strips a leading modifier ("early", "about", "more than") and a trailing "or so",
then tries the ordered table of ``models/temporal.json`` ``patterns`` — each row a regular
expression and the name of a handler in :mod:`pipeline.rules.timex_handlers` — and the first row
that matches the whole span and whose handler accepts it gives the TIMEX type (DATE, TIME,
DURATION, SET), the ``value`` ("2013-01-11", "1989-Q3", "198" for the 1980s, "P10M", "XXXX-WXX-5",
"PRESENT_REF"), ``mod``, ``quant``/``freq`` for sets, the ISO interval a date covers and the
anchor it was resolved against — or, when the value stays null, the reason.

What an expression resolves against (:class:`Anchor`): deictic expressions ("today", "last
year", "Friday", "this quarter") against the publication date when there is one; year-less dates
("May 10", "early December") take the narrative's year — that of the nearest preceding expression
with an explicit year — else the publication year; anaphoric ones ("the following day", "two days
later") the narrative's last exact day. Without a publication date, deictic expressions fall back
on the narrative and year-less dates on the year of the latest cited source; ``anchor_kind``
says which was used ("published", "narrative", "reference_year", "first_date").
"""

from __future__ import annotations

import re
from datetime import date

from . import timex_handlers
from .timex_values import NOT_TAKEN, Anchor, Context, Timex, interval, number
from .written_dates import DateReader

__all__ = ["Anchor", "Timex", "TemporalRules", "advance", "interval", "normalize", "normalize_tail", "reference_year"]


def _alternation(words) -> str:
    """A regular expression matching any of ``words``, longest first."""
    return "(?:%s)" % "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class TemporalRules:
    """Compiled ``models/temporal.json`` plus the calendar words of ``citation_rules.json`` (month
    names, and the written-date reader built on them)."""

    def __init__(self, data: dict, citation_rules: dict):
        self.modifiers = [(re.compile(rf"^(?:the\s+)?{re.escape(w)}\b-?\s*" if w[-1].isalpha() else rf"^(?:the\s+)?{re.escape(w)}\s*",
                                     re.IGNORECASE), m)
                          for w, m in data["modifiers"]]
        self.numbers = data["numbers"]
        self.ordinals = data["ordinals"]
        self.vague = set(data["vague_numbers"])
        self.units = data["units"]
        self.time_units = set(data["time_units"])
        self.unit_in_years = data["unit_in_years"]
        self.relative_days = data["relative_days"]
        self.relative_offsets = data["relative_offsets"]
        self.relative_units = data["relative_units"]
        self.sets = data["sets"]
        self.frequencies = data["frequencies"]
        self.deictic = data["deictic"]
        self.not_alone = set(data["not_alone"])
        self.tense_cues = {name: set(words) for name, words in data["tense_cues"].items()}
        self.weekdays = data["weekdays"]
        self.parts_of_day = data["parts_of_day"]
        self.seasons = data["seasons"]
        self.holidays = data["holidays"]
        self.months = citation_rules["months"]
        self.dates = DateReader(citation_rules)
        plurals = data["unit_plurals"]
        self.unit_forms = {form: unit for unit in self.units for form in (unit, plurals.get(unit, unit + "s"))}
        self.temporal_words = re.compile(r"\b(?:%s)s?\b" % "|".join(data["temporal_words"]), re.IGNORECASE)
        tens = "|".join(w for w, n in self.numbers.items() if n in (20, 30, 40, 50, 60, 70, 80, 90))
        ones = "|".join(w for w, n in self.numbers.items() if 1 <= n <= 9 and w not in ("a", "an"))
        month = r"(?:%s)\b\.?" % "|".join(sorted(self.months, key=len, reverse=True))
        words = {
            "month": month,
            "number": rf"(?:\d+(?:\.\d+)?|(?:{tens})[\s-](?:{ones})|(?:{ones})\s+(?:hundred|thousand)|{_alternation(self.numbers)})",
            "vague": _alternation(self.vague),
            "unit": _alternation(self.unit_forms),
            "weekday": _alternation(self.weekdays),
            "part": _alternation(self.parts_of_day),
            "season": _alternation(self.seasons),
            "set": _alternation(self.sets),
            "frequency": _alternation(self.frequencies),
            "ref": _alternation(self.deictic),
            "relative_day": _alternation(self.relative_days),
            "relative_unit": _alternation(self.relative_units),
            "offset": _alternation(self.relative_offsets),
            "ordinal": _alternation(self.ordinals),
            "holiday": _alternation(self.holidays),
        }
        self.spelled_year = re.compile(rf"\b(?:the\s+year\s+)?(?:(?P<century>nineteen|twenty)[\s-]+(?P<rest>{words['number']})"
                                       rf"|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<units>{ones}))?)\b(?![\s-]+{words['unit']}\b)", re.IGNORECASE)
        self.month = month
        self.spelled_day = re.compile(rf"\b(?P<month>{month})\s+(?:the\s+)?(?:(?P<tens>twenty|thirty)[\s-])?(?P<ordinal>{words['ordinal']})\b",
                                      re.IGNORECASE)
        self.bare_unit = re.compile(rf"(?:fiscal\s+)?{words['unit']}", re.IGNORECASE)
        self.month_pattern = re.compile(rf"\b{month}", re.IGNORECASE)
        self.words = words
        fill = lambda pattern: re.sub(r"\{([a-z_]+)\}", lambda m: words[m.group(1)], pattern)  # noqa: E731
        self.table = [(re.compile(fill(pattern), re.IGNORECASE), timex_handlers.HANDLERS[name]) for name, pattern in data["patterns"]]
        self.deictic_pattern = re.compile(rf"\b{words['ref']}\b", re.IGNORECASE)
        self.deictic_candidates = re.compile(rf"\b{_alternation(data['deictic_candidates'])}\b", re.IGNORECASE)
        self.set_pattern = re.compile(rf"\b(?:{words['set']}|(?:every|each)\s+(?:other\s+)?(?:{words['unit']}|{words['weekday']}|{month}|{words['season']}))\b",
                                      re.IGNORECASE)
        parts = _alternation(w for w, code in self.parts_of_day.items() if code and " " not in w)
        self.weekday_pattern = re.compile(rf"\b{words['weekday']}(?:\s+{parts}s?)?\b", re.IGNORECASE)  # "Friday", "Friday night(s)"
        named = _alternation(" ".join(w[:1].upper() + w[1:] for w in name.split()) for name in self.holidays)
        self.holiday_pattern = re.compile(rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\s+)?{named}(?:\s+[Ww]eek(?:end)?)?\b")
        written_month = r"(?:%s)" % "|".join(re.escape(m.capitalize()) + (r"\b\.?" if len(m) < 5 else r"\b")
                                            for m in sorted(self.months, key=len, reverse=True))
        self.written_date = re.compile(rf"\b{written_month}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?|\d{{4}}\b)"
                                       rf"|\b\d{{1,2}}\s+{written_month}(?:,?\s+\d{{4}}\b)?")  # "Aug. 7", "January 1998", "7 August"
        self.day_range = re.compile(rf"\b{month}\s+\d{{1,2}}\s*(?:[-–]|to)\s*\d{{1,2}}(?:,?\s+\d{{4}})?\b", re.IGNORECASE)
        self.day_pair = re.compile(rf"\b(?P<first>{month}\s+\d{{1,2}})\s+and\s+(?P<second>\d{{1,2}})(?P<year>,?\s+\d{{4}})?\b", re.IGNORECASE)
        self.decade = re.compile(r"\b(?:the\s+)?(?:early\s+|mid-?|late\s+)?\d{3}0s\b", re.IGNORECASE)
        self.year_range = re.compile(r"\b(?:between|from)\s+\d{4}\s+(?:and|to|until)\s+\d{4}\b", re.IGNORECASE)
        self.quarter = re.compile(r"\b(?:the\s+)?(?:(?:first|second|third|fourth)[\s-]+(?:fiscal\s+)?quarter|fiscal\s+(?:year\s+)?\d{4}"
                                  r"|latest\s+period|(?:\d{4}|(?:last|this|next)\s+year['’]s)\s+(?:quarter|half|period))\b",
                                  re.IGNORECASE)


_OR_SO = re.compile(r"\s+or\s+so\b", re.IGNORECASE)


def _strip_modifiers(text: str, rules: TemporalRules) -> tuple[str, str | None]:
    mod, changed = None, True
    while changed:
        changed = False
        for pattern, code in rules.modifiers:
            match = pattern.match(text)
            if match and match.end() < len(text):
                text, mod, changed = text[match.end() :], mod or code, True
                break
    return text.strip(), mod


def _apply(core: str, ctx: Context) -> Timex | None:
    for pattern, handler in ctx.rules.table:
        match = pattern.fullmatch(core)
        if match:
            timex = handler(match, ctx)
            if timex is not None:
                return timex
    return None


def _spelled_years(text: str, rules: TemporalRules) -> str:
    """ "nineteen ninety-four" → "1994", "the year two thousand" → "2000" (as transcripts write them)."""
    def digits(m: re.Match) -> str:
        if m.group("century"):
            rest = int(number(m.group("rest"), rules))
            return m.group(0) if rest > 99 else f"{19 if m.group('century').lower() == 'nineteen' else 20}{rest:02d}"
        return f"{2000 + (int(number(m.group('units'), rules)) if m.group('units') else 0)}"

    return rules.spelled_year.sub(digits, text)


def _spelled_days(text: str, rules: TemporalRules) -> str:
    """ "March eighth" → "March 8", "May the twenty-first" → "May 21" (as transcripts write them)."""
    def digits(m: re.Match) -> str:
        day = rules.ordinals[m.group("ordinal").lower()] + {"twenty": 20, "thirty": 30}.get((m.group("tens") or "").lower(), 0)
        return f"{m.group('month')} {day}"

    return rules.spelled_day.sub(digits, text)


def normalize(text: str, anchor: Anchor, rules: TemporalRules, label: str = "DATE", tense: str | None = None) -> Timex:
    """Normalise one temporal expression (see the module docstring)."""
    core = _spelled_days(_spelled_years(" ".join(re.sub(r"[’']s$", "", text.strip()).split()), rules), rules)
    ctx = Context(anchor, rules, label, tense, again=lambda part: normalize(part, anchor, rules, tense=tense))
    timex = _apply(core, ctx)
    if timex is not None:
        return timex
    stripped, mod = _strip_modifiers(core, rules)
    timex = _apply(stripped, ctx) if stripped != core else None
    if timex is None and _OR_SO.search(stripped):
        stripped, mod = _OR_SO.sub("", stripped), mod or "APPROX"  # "the next year or so", "a week or so ago"
        timex = _apply(stripped, ctx)
    if timex is None:
        return Timex("TIME" if label == "TIME" else "DATE", mod=mod, unresolved=NOT_TAKEN)
    timex.mod = timex.mod or mod
    return timex


def normalize_tail(text: str, anchor: Anchor, rules: TemporalRules, label: str = "DATE", tense: str | None = None) -> tuple[int, Timex]:
    """:func:`normalize` of ``text`` and 0 — or, when the table takes none of it, of its longest tail
    that resolves ("an interview several months" → "several months", "later in the day" → "the
    day"; never a unit word alone) and that tail's offset in ``text``."""
    timex = normalize(text, anchor, rules, label, tense)
    if timex.unresolved == NOT_TAKEN:
        for gap in re.finditer(r"\s+", text):
            if rules.bare_unit.fullmatch(text, gap.end()):
                break  # "this century", "2 1/2 years": the unit alone is not what was meant
            tail = normalize(text[gap.end() :], anchor, rules, label, tense)
            if tail.value is not None:
                return gap.end(), tail
    return 0, timex


def advance(anchor: Anchor, timex: Timex) -> None:
    """Move the narrative anchor past a resolved expression."""
    if timex.value is None or timex.timex_type not in ("DATE", "TIME") or timex.start_date is None:
        return
    first = timex.value.split("/")[0]
    if re.fullmatch(r"\d{4}-[QH]\d", first) and not re.fullmatch(r"\d{4}-[QH]\d", timex.anchor or ""):
        anchor.period = first  # the period the narrative speaks of, unless counted from it
    if timex.explicit_year and re.match(r"\d{4}", first):
        anchor.year = int(first[:4])
        if anchor.day and not timex.start_date <= anchor.day.isoformat() <= timex.end_date:
            anchor.day = None
    last = timex.value.split("/")[-1].split("T")[0]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", last):
        anchor.day = date.fromisoformat(last)
        anchor.first_day = anchor.first_day or anchor.day


def reference_year(notes: list[dict]) -> int | None:
    """The year of the latest dated source cited: the article was written after it."""
    years = [int(s["date"][:4]) for n in notes for s in n["sources"] if s["date"] and s["date"][:4].isdigit()]
    return max(years, default=None)

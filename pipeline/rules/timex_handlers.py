"""Handlers of the normaliser's table (``models/temporal.json`` ``patterns``).

Each handler is a pure function ``(match, ctx) -> Timex | None`` of one row's regular-expression
match over a whole candidate and its :class:`~pipeline.rules.timex_values.Context`; ``None`` means
"not mine", and the next row is tried. Values follow TIMEX3 (TimeML 1.2.1): quarters ``1989-Q3``,
halves ``1989-H2``, a fiscal year as its calendar year (``fiscal 1989`` → ``1989``, as TimeBank
annotates it), weekdays of an unknown week ``XXXX-WXX-5``, parts of days ``1998-08-07TNI``,
decades ``198`` (the 1980s) and centuries ``19`` (the 20th) with no ``X`` after them, as TempEval-3
writes them, durations ``P3W``/``PT48H``/``P10Y`` (a decade is ten
years; ``PXDE`` when vague).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .timex_values import (
    NOT_TAKEN,
    Context,
    Timex,
    deictic_day,
    deictic_year,
    iso_week,
    narrative_day,
    narrative_year,
    number,
    resolved,
    shift,
    unit_code,
    unresolved,
    year_back,
)

NO_DAY = "relative to an exact date, and no earlier exact date is given"
NO_YEAR = "no year is given and none precedes it in the text"


def _type(ctx: Context, default: str = "DATE") -> str:
    return "TIME" if ctx.label == "TIME" else default


def set_word(m: re.Match, ctx: Context) -> Timex:
    return Timex("SET", value=ctx.rules.sets[m.group(0).lower()])


def set_frequency(m: re.Match, ctx: Context) -> Timex:
    unit, is_time = unit_code(m.group("unit"), ctx.rules)
    times = m.group("freq").lower()
    count = ctx.rules.frequencies.get(times) or number(times.split()[0], ctx.rules)
    return Timex("SET", value=f"P{'T' if is_time else ''}1{unit}", freq=f"{count}X")


def set_every(m: re.Match, ctx: Context) -> Timex:
    """every Tuesday, each month, every other week, every morning, each July, every summer (quant EVERY or EACH)."""
    word, quant = m.group("unit").lower(), m.group("quant").upper()
    if word in ctx.rules.weekdays:
        return Timex("SET", value=f"XXXX-WXX-{ctx.rules.weekdays[word]}", quant=quant)
    if word.rstrip(".") in ctx.rules.months:
        return Timex("SET", value=f"XXXX-{ctx.rules.months[word.rstrip('.')]:02d}", quant=quant)
    if word in ctx.rules.seasons:
        return Timex("SET", value=f"XXXX-{ctx.rules.seasons[word][0]}", quant=quant)
    if word in ctx.rules.parts_of_day:
        code = ctx.rules.parts_of_day[word]
        return Timex("SET", value=f"XXXX-XX-XXT{code}" if code else "P1D", quant=quant)
    unit, is_time = unit_code(word, ctx.rules)
    n = "2" if "other" in m.group(0).lower() else number(m.group("n").strip(), ctx.rules) if m.group("n") else "1"
    return Timex("SET", value=f"P{'T' if is_time else ''}{n}{unit}", quant=quant)


def set_weekdays(m: re.Match, ctx: Context) -> Timex:
    """Mondays, Tuesday nights: that day (or part of it) of every week."""
    part = _part_code(m.group("part"), ctx)
    weekday = (m.group("weekday") or m.group("weekday2")).lower()
    return Timex("SET", value=f"XXXX-WXX-{ctx.rules.weekdays[weekday]}" + (f"T{part}" if part else ""))


def ref(m: re.Match, ctx: Context) -> Timex:
    return Timex("DATE", value=ctx.rules.deictic[m.group(0).lower()])


def _part_code(part: str | None, ctx: Context) -> str | None:
    return ctx.rules.parts_of_day.get(part.lower()) if part else None


def _day_value(day: date, part: str | None, ctx: Context) -> tuple[str, str]:
    code = _part_code(part, ctx)
    return (f"{day.isoformat()}T{code}", "TIME") if code else (day.isoformat(), "DATE")


def deictic_day_word(m: re.Match, ctx: Context) -> Timex | None:
    """today, tonight, yesterday, tomorrow (morning), this morning, last night."""
    word, part = m.group("day").lower(), m.group("part")
    if word == "last" and part.lower() != "night":
        return None
    base = deictic_day(ctx.anchor)
    if base is None:
        return unresolved(_type(ctx), NO_DAY)
    day = base[0] + timedelta(days={"yesterday": -1, "last": -1, "tomorrow": 1}.get(word, 0))
    if part is None:
        return resolved("DATE", day.isoformat(), ctx.rules, base)
    value, timex_type = _day_value(day, part, ctx)
    return resolved(timex_type, value, ctx.rules, base)


def anaphoric_day(m: re.Match, ctx: Context) -> Timex:
    """the following day, the same night, the day before: the narrative's last exact day."""
    text = m.group(0).lower()
    base = narrative_day(ctx.anchor) if text not in ("today", "yesterday") else deictic_day(ctx.anchor)
    timex_type = "TIME" if "night" in text and ctx.label == "TIME" else "DATE"
    if base is None:
        return unresolved(timex_type, NO_DAY)
    return resolved(timex_type, (base[0] + timedelta(days=ctx.rules.relative_days[text])).isoformat(), ctx.rules, base)


def weekday(m: re.Match, ctx: Context) -> Timex:
    """Friday, last Friday, next Tuesday, Sunday night: the nearest such day before the reference
    day (after it, when the sentence speaks of the future or the word says "next"); "the previous
    Friday" and "the following Monday" count from the narrative's day."""
    target = ctx.rules.weekdays[m.group("weekday").lower()]
    rel = (m.group("rel") or "").lower()
    base = narrative_day(ctx.anchor) if m.group("the") or rel == "following" else deictic_day(ctx.anchor)
    part = m.group("part")
    if base is None:
        code = _part_code(part, ctx)
        return Timex("TIME" if code else "DATE", value=f"XXXX-WXX-{target}" + (f"T{code}" if code else ""))
    day = base[0]
    back = (day.isoweekday() - target) % 7
    ahead = (target - day.isoweekday()) % 7
    if rel in ("last", "past", "previous"):
        offset = -(back or 7)
    elif rel in ("next", "coming", "following"):
        offset = ahead or 7
    elif rel == "this":
        offset = target - day.isoweekday()
    else:
        offset = ahead if ctx.tense == "future" else -back
    value, timex_type = _day_value(day + timedelta(days=offset), part, ctx)
    return resolved(timex_type, value, ctx.rules, base)


def part_of_day(m: re.Match, ctx: Context) -> Timex:
    """the morning, mid-afternoon (a TIME the model found alone): that part of the narrative's day."""
    base = narrative_day(ctx.anchor)
    if base is None:
        return unresolved("TIME", NO_DAY)
    return resolved("TIME", f"{base[0].isoformat()}T{ctx.rules.parts_of_day[m.group('part').lower()]}", ctx.rules, base)


def part_of_day_of(m: re.Match, ctx: Context) -> Timex | None:
    """the early hours of February 26, the morning of January 10: the day's value, as a TIME."""
    inner = ctx.again(m.group("inner"))
    if inner.value is None and inner.unresolved == NOT_TAKEN:
        return None
    inner.timex_type = "TIME"
    return inner


def clock(m: re.Match, ctx: Context) -> Timex | None:
    """8 p.m., 7:15 a.m. Friday, noon: a time of the day written, else of the narrative's day
    (the event being told), else of the publication date."""
    named = m.groupdict().get("named")
    if named:
        hour, minute = (12, 0) if named.lower() == "noon" else (24, 0)
    else:
        hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
        if hour > 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
    day_text = (m.groupdict().get("inner") or m.groupdict().get("after") or "").strip()
    if day_text:
        day = ctx.again(re.sub(r"^(?:on|of)\s+", "", day_text))
        if day.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value.split("T")[0]):
            return None
        base, kind = date.fromisoformat(day.value[:10]), day.anchor_kind
    else:
        found = narrative_day(ctx.anchor)
        if found is None:
            return Timex("TIME", value=f"XXXX-XX-XXT{hour:02d}:{minute:02d}")
        base, kind = found
    if hour == 24:
        return resolved("TIME", f"{base.isoformat()}T24:00", ctx.rules, (base, kind))
    return resolved("TIME", f"{base.isoformat()}T{hour:02d}:{minute:02d}", ctx.rules, (base, kind))


def _year(text: str) -> int:
    text = text.lstrip("'")
    return int(text) if len(text) == 4 else (1900 if int(text) > 30 else 2000) + int(text)


def fiscal_year(m: re.Match, ctx: Context) -> Timex:
    return resolved("DATE", f"{_year(m.group('year')):04d}", ctx.rules, explicit_year=True)


def fiscal_relative(m: re.Match, ctx: Context) -> Timex:
    """the fiscal year, the current fiscal year, last fiscal year: a year from the publication year."""
    found = deictic_year(ctx.anchor)
    if found is None:
        return unresolved("DATE", NO_YEAR)
    step = ctx.rules.relative_units.get((m.group("dir") or "this").lower(), 0)
    return resolved("DATE", f"{found[0] + step:04d}", ctx.rules, found)


def in_relative_year(m: re.Match, ctx: Context) -> Timex | None:
    """February this year, June last year, early October next year: the month of that year."""
    found = deictic_year(ctx.anchor)
    if found is None:
        return unresolved("DATE", NO_YEAR)
    year = found[0] + {"this": 0, "last": -1, "next": 1}[m.group("dir").lower()]
    inner = ctx.again(f"{m.group('inner')} {year}")
    if inner.value is None:
        return None
    inner.explicit_year, inner.anchor, inner.anchor_kind = False, str(found[0]), found[1]
    return inner


def latest_period(m: re.Match, ctx: Context) -> Timex:
    """the latest period: the quarter (or half) the narrative speaks of, else the latest quarter."""
    if ctx.anchor.period:
        return resolved("DATE", ctx.anchor.period, ctx.rules, (ctx.anchor.period, "narrative"))
    return ctx.again("the latest quarter")


def quarter(m: re.Match, ctx: Context) -> Timex | None:
    """the third quarter (of 1989), third-quarter, the latest quarter, the first half, Q3 2013."""
    groups = m.groupdict()
    ordinal = (groups.get("ord") or "").lower()
    part = (groups.get("part") or ordinal[:1]).lower()
    letter = "H" if part.startswith("h") else "Q"
    count = 4 if letter == "Q" else 2
    index = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(ordinal)
    if ordinal[:1] in ("q", "h") and ordinal[1:].isdigit():
        index = int(ordinal[1:])
    if index is not None and index > count:
        return None
    rel = " ".join((groups.get("rel") or "").lower().split())
    words = m.group(0).lower()
    shift_years = -1 if re.search(r"year-(?:earlier|ago)|last year|prior", words) else 1 if "next year" in words else 0
    if groups.get("year"):
        year, base = int(groups["year"]), None
    else:
        found = deictic_year(ctx.anchor)
        if found is None:
            return Timex("DATE", value=f"XXXX-{letter}{index or 'X'}")
        year, base = found[0] + shift_years, found
    if index is None and rel == "last" and groups.get("year"):
        index = count  # the last half of 2010: its second half
    if index is None:
        if ctx.anchor.published is None or groups.get("year"):
            return Timex("DATE", value=f"{year}-{letter}X")
        published = ctx.anchor.published
        current = (published.month - 1) // (12 // count) + 1
        index = current if rel in ("current", "this") else current - 1
        if index == 0:
            year, index = year - 1, count
    if shift_years and base:
        base = (f"{year - shift_years:04d}-{letter}{index}", base[1])  # counted from this quarter, which stays the period
    return resolved("DATE", f"{year:04d}-{letter}{index}", ctx.rules, base, explicit_year=bool(groups.get("year")))


def year_period(m: re.Match, ctx: Context) -> Timex:
    """the 1988 quarter, the 1989 period, last year's quarter: the quarter (or half) the narrative
    speaks of, in that year; a comparison, so the narrative stays in its own year."""
    year, part = m.group("year"), m.group("part").lower()
    if year is None:
        found = deictic_year(ctx.anchor)
        if found is None:
            return unresolved("DATE", NO_YEAR)
        year = str(found[0] + ctx.rules.relative_units[m.group("rel").lower()])
    period = ctx.anchor.period
    letter = {"quarter": "Q", "half": "H"}.get(part, period[5] if period else "Q")
    if period is None or period[5] != letter:
        return Timex("DATE", value=f"{year}-{letter}X")
    return resolved("DATE", f"{year}-{period[5:]}", ctx.rules, (period, "narrative"))


def period_end(m: re.Match, ctx: Context) -> Timex | None:
    """year-end, year's end, month-end: the period ("the year") with mod END."""
    inner = ctx.again(f"the {m.group('unit')}")
    if inner.value is None:
        return None
    inner.mod = "END"
    return inner


def part_of_year(m: re.Match, ctx: Context) -> Timex:
    """the first three months of 2016 → 2016-Q1; the last two months of 2013 → 2013-11/2013-12."""
    n, year = int(number(m.group("n"), ctx.rules)), m.group("year")
    first, last = (1, n) if m.group("side").lower() == "first" else (13 - n, 12)
    named = {3: f"Q{(first + 2) // 3}", 6: f"H{(first + 5) // 6}"}.get(n)
    value = f"{year}-{named}" if named else f"{year}-{first:02d}/{year}-{last:02d}"
    return resolved("DATE", value, ctx.rules, explicit_year=True)


def span_duration(m: re.Match, ctx: Context) -> Timex:
    """the past two years, the next few days, the first nine months: a DURATION."""
    unit, is_time = unit_code(m.group("unit"), ctx.rules)
    return _duration(number(m.group("n"), ctx.rules), unit, is_time, ctx)


def _duration(n: str, unit: str, is_time: bool, ctx: Context, mod: str | None = None) -> Timex:
    years = ctx.rules.unit_in_years.get(unit)
    if years and n != "X":
        if unit == "Q":
            return Timex("DURATION", value=f"P{_amount(float(n) * 3, 'M', False)}", mod=mod)
        return Timex("DURATION", value=f"P{_amount(float(n) * years, 'Y', False)}", mod=mod)
    if unit == "WE":
        return Timex("DURATION", value=f"P{'2' if n in ('1', 'X') else _plain(float(n) * 2)}D" if n != "X" else "PXWE", mod=mod)
    amount = f"X{unit}" if n == "X" else _amount(float(n), unit, is_time)
    return Timex("DURATION", value=f"P{'T' if is_time else ''}{amount}", mod=mod)


def _plain(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


# a unit's next smaller one, how many of it make one, and whether it is a clock unit
_SMALLER = {("Y", False): (12, "M", False), ("M", False): (30, "D", False), ("W", False): (7, "D", False),
            ("D", False): (24, "H", True), ("H", True): (60, "M", True), ("M", True): (60, "S", True)}


def _amount(x: float, unit: str, is_time: bool) -> str:
    """``x`` units as TIMEX3 writes them, a fraction in the next smaller unit when it comes out
    whole (2.5 years → ``2Y6M``, 1.5 hours → ``1H30M``, 1.5 days → ``1DT12H``), else a decimal."""
    whole, part = int(x), x - int(x)
    smaller = _SMALLER.get((unit, is_time))
    if not part or smaller is None or not (part * smaller[0]).is_integer():
        return f"{_plain(x)}{unit}"
    count, small, small_is_time = smaller
    return (f"{whole}{unit}" if whole else "") + ("T" if small_is_time and not is_time else "") + f"{int(part * count)}{small}"


def unit_relative(m: re.Match, ctx: Context) -> Timex | None:
    """this year, last week, next month, the previous year, the same day, this quarter, the last decade."""
    word = m.group("unit").lower()
    plural = word != ctx.rules.unit_forms[word] or word == "weekends"
    step = ctx.rules.relative_units[" ".join(m.group("dir").lower().split())]
    if plural:
        return Timex("DATE", value="FUTURE_REF" if step > 0 else "PAST_REF" if step < 0 else "PRESENT_REF")
    unit, is_time = unit_code(word, ctx.rules)
    anaphoric = m.group("the") is not None or m.group("dir").lower() in ("following", "previous", "preceding", "that", "same", "prior")
    if is_time:
        return Timex("DURATION", value=f"PT1{unit}") if step < 0 else None
    if m.group("dir").lower() == "past" and unit in ("D", "W", "M", "Y", "DE", "CE"):
        return _duration("1", unit, False, ctx)
    if unit in ("DE", "CE"):  # the last decade → 198 (from 1998), this century → 19
        found = narrative_year(ctx.anchor) if anaphoric else deictic_year(ctx.anchor)
        if found is None:
            return unresolved("DATE", NO_YEAR)
        return resolved("DATE", str(found[0] // (10 if unit == "DE" else 100) + step), ctx.rules, found)
    if unit == "Y":
        found = narrative_year(ctx.anchor) if anaphoric else deictic_year(ctx.anchor)
        if found is None:
            return unresolved("DATE", NO_YEAR)
        return resolved("DATE", f"{found[0] + step:04d}", ctx.rules, found, explicit_year=anaphoric)
    base = narrative_day(ctx.anchor) if anaphoric else deictic_day(ctx.anchor)
    if base is None:
        return unresolved(_type(ctx), NO_DAY)
    day = base[0]
    if unit == "W":
        return resolved("DATE", iso_week(day + timedelta(weeks=step)), ctx.rules, base)
    if unit == "WE":
        return resolved("DATE", iso_week(day + timedelta(weeks=step)) + "-WE", ctx.rules, base)
    return resolved(_type(ctx), shift(day, step, unit), ctx.rules, base)


def month_relative(m: re.Match, ctx: Context) -> Timex:
    """last November, this summer, next March: the nearest such month before (after) the reference day."""
    base = deictic_day(ctx.anchor)
    if base is None:
        return unresolved("DATE", NO_YEAR)
    day, rel = base[0], m.group("dir").lower()
    if m.group("month"):
        month = ctx.rules.months[m.group("month").lower().rstrip(".")]
        code = f"{month:02d}-{int(m.group('day')):02d}" if m.group("day") else None
    else:
        code, first = ctx.rules.seasons[m.group("season").lower()][:2]
        month = int(first[:2])
    year = day.year
    if rel in ("last", "past"):
        year -= month >= day.month
    elif rel in ("next", "coming"):
        year += month <= day.month
    value = f"{year:04d}-{code}" if code else f"{year:04d}-{month:02d}"
    if code and code[0].isdigit() and ctx.rules.dates.normalize(f"{value}")[0] is None:
        return unresolved("DATE", f"“{m.group(0)}” is not a calendar date")
    return resolved("DATE", value, ctx.rules, base)


def year_relative(m: re.Match, ctx: Context) -> Timex:
    """year-earlier, the year-ago period: the year before the publication year."""
    found = deictic_year(ctx.anchor)
    if found is None:
        return unresolved("DATE", NO_YEAR)
    value, base = year_back(ctx.anchor, 1, found)
    return resolved("DATE", value, ctx.rules, base)


def ago(m: re.Match, ctx: Context) -> Timex:
    """two years ago, three weeks ago: counted back from the publication date."""
    unit, is_time = unit_code(m.group("unit"), ctx.rules)
    n = number(m.group("n"), ctx.rules)
    if n == "X":
        return Timex("DATE", value="PAST_REF")
    if is_time or "." in n:
        return None
    if unit in ctx.rules.unit_in_years:
        n, unit = str(int(float(n) * ctx.rules.unit_in_years[unit] * (4 if unit == "Q" else 1))), "Q" if unit == "Q" else "Y"
    if unit == "Y":
        found = deictic_year(ctx.anchor)
        if found is None:
            return unresolved("DATE", NO_YEAR)
        value, base = year_back(ctx.anchor, int(n), found)
        return resolved("DATE", value, ctx.rules, base)
    base = deictic_day(ctx.anchor)
    if base is None:
        return unresolved("DATE", NO_DAY)
    return resolved("DATE", shift(base[0], -int(n), unit), ctx.rules, base)


def into(m: re.Match, ctx: Context) -> Timex:
    """four months into the blockade: counted from the event the text opens with, its first exact day."""
    unit, is_time = unit_code(m.group("unit"), ctx.rules)
    first = ctx.anchor.first_day
    if first is None or is_time:
        return unresolved("DATE", "counts from an event whose date the text does not give")
    n = int(number(m.group("n"), ctx.rules))
    return resolved("DATE", shift(first, n, unit), ctx.rules, (first, "first_date"))


def event_start(m: re.Match, ctx: Context) -> Timex:
    """the early days of the blockade: the start of the event the text opens with."""
    first = ctx.anchor.first_day
    if first is None:
        return unresolved("DATE", "counts from an event whose date the text does not give", mod="START")
    unit = m.group("unit").lower()
    value = first.isoformat()[:7] if unit in ("days", "weeks") else first.isoformat()[:4]
    return resolved("DATE", value, ctx.rules, (first, "first_date"), mod="START")


def offset(m: re.Match, ctx: Context) -> Timex:
    """two days later, a year earlier: counted from the narrative's last exact day (or year). A
    vague count, a unit of clock time or a half ("a few days later", "an hour later", "a day and a
    half later") gives no date: the expression is its DURATION, as TimeML annotates it ("later"
    the signal)."""
    unit, is_time = unit_code(m.group("unit"), ctx.rules)
    amount = number(m.group("n"), ctx.rules)
    if m.group("frac") and amount != "X":
        amount = _plain(float(amount) + 0.5)
    if amount == "X" or is_time or m.group("frac"):
        return _duration(amount, unit, is_time, ctx)
    n = int(float(amount)) * ctx.rules.relative_offsets[m.group("dir").lower()]
    if unit == "Y" and n < 0 and ctx.anchor.period:
        value, base = year_back(ctx.anchor, -n, (0, None))
        return resolved("DATE", value, ctx.rules, base)
    if unit == "Y":
        found = narrative_day(ctx.anchor)
        year = (found[0].year, found[1]) if found else narrative_year(ctx.anchor)
        if year is None:
            return unresolved("DATE", NO_YEAR)
        return resolved("DATE", f"{year[0] + n:04d}", ctx.rules, year, explicit_year=True)
    base = narrative_day(ctx.anchor)
    if base is None:
        return unresolved("DATE", NO_DAY)
    return resolved("DATE", shift(base[0], n, unit), ctx.rules, base)


def century(m: re.Match, ctx: Context) -> Timex:
    """the 19th century → 18, the twentieth century → 19."""
    n = int(m.group("n")) if m.groupdict().get("n") else ctx.rules.ordinals[m.group("word").lower()]
    return Timex("DATE", value=f"{n - 1:02d}")


def decade(m: re.Match, ctx: Context) -> Timex:
    d = m.group("d")
    return resolved("DATE", d if len(d) == 3 else "19" + d, ctx.rules, explicit_year=True)


def years(m: re.Match, ctx: Context) -> Timex:
    first, last = m.group("a"), m.group("b")
    if last and len(last) == 2:
        last = first[:2] + last
    if last and last <= first:
        return unresolved("DATE", f"“{m.group(0)}” is not a range of years")
    return resolved("DATE", first + (f"/{last}" if last else ""), ctx.rules, explicit_year=True)


def month_range(m: re.Match, ctx: Context) -> Timex | None:
    """between March and May 2013, March-May 2013: the months from the first to the last."""
    first, last = (ctx.rules.months[m.group(g).lower().rstrip(".")] for g in "ab")
    if last <= first:
        return None
    year = m.group("year")
    return resolved("DATE", f"{year}-{first:02d}/{year}-{last:02d}", ctx.rules, explicit_year=True)


def across_months(m: re.Match, ctx: Context) -> Timex:
    value, valid = ctx.rules.dates.normalize(m.group(0))
    if not valid:
        return unresolved("DATE", f"“{m.group(0)}” is not a calendar date")
    return resolved("DATE", value, ctx.rules, explicit_year=True)


def undated_part(m: re.Match, ctx: Context) -> Timex:
    """the year, the week, the day: the publication's, else undated."""
    unit = m.group("unit").lower()
    base = deictic_day(ctx.anchor) if ctx.anchor.published else None
    if base is None:
        return unresolved(_type(ctx), "part of a period the text does not date")
    day = base[0]
    if unit == "weekend" and ctx.tense != "future" and (ctx.tense == "past" or day.isoweekday() <= 3):
        day -= timedelta(weeks=1)  # early in the week, or in the past tense, "the weekend" is the one gone by
    value = {"year": str(day.year), "month": day.isoformat()[:7], "week": iso_week(day), "weekend": iso_week(day) + "-WE",
             "day": day.isoformat(),
             "decade": str(day.year)[:3], "century": str(day.year)[:2]}[unit]
    return resolved("DATE", value, ctx.rules, base)


def duration(m: re.Match, ctx: Context) -> Timex:
    unit, is_time = unit_code(m.group("unit"), ctx.rules)
    n = m.group("n")
    value = number(n, ctx.rules)
    if (m.group("frac") or m.group("half")) and value != "X":
        value = _plain(float(value) + 0.5)
    return _duration(value, unit, is_time, ctx)


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar, the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_day(rule: list, year: int) -> date:
    """The day a ``models/temporal.json`` ``holidays`` rule gives in ``year``: ``["MM-DD"]``, the nth
    weekday of a month ``[month, n, weekday]`` (n = -1: the last) or ``["easter"]``, each with an
    optional number of days after it."""
    if rule[0] == "easter":
        return _easter(year) + timedelta(days=rule[1] if len(rule) > 1 else 0)
    if isinstance(rule[0], str):
        return date(year, int(rule[0][:2]), int(rule[0][3:]))
    month, n, weekday_number, *after = rule
    if n > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday_number - first.isoweekday()) % 7 + 7 * (n - 1))
    else:
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        day = last - timedelta(days=(last.isoweekday() - weekday_number) % 7)
    return day + timedelta(days=after[0] if after else 0)


def holiday(m: re.Match, ctx: Context) -> Timex:
    """Thanksgiving, Christmas Day 1998, last Easter, Easter week: the day (or its week) in the
    year written, else the nearest such day to the reference day — before it when the sentence
    speaks of the past or the word says "last", after it for the future or "next"; this year's for
    "this" and in a narrative's year."""
    rule = ctx.rules.holidays[" ".join(m.group("name").lower().replace("’", "'").split())]
    week = (m.group("week") or "").strip().lower()
    base = None
    if m.group("year"):
        day = _holiday_day(rule, int(m.group("year")))
    else:
        base = deictic_day(ctx.anchor) if ctx.anchor.year is None or m.group("rel") else (date(ctx.anchor.year, 12, 31), "narrative")
        if base is None:
            return unresolved("DATE", NO_YEAR)
        reference, rel = base[0], (m.group("rel") or "").lower()
        days = [_holiday_day(rule, reference.year + step) for step in (-1, 0, 1)]
        if rel == "this" or base[1] == "narrative":
            day = days[1]
        elif rel == "next" or (not rel and ctx.tense == "future"):
            day = next(d for d in days if d >= reference)
        elif rel == "last" or ctx.tense == "past":
            day = [d for d in days if d <= reference][-1]
        else:
            day = min(days, key=lambda d: abs(d - reference))
    value = iso_week(day) + ("-WE" if week == "weekend" else "") if week else day.isoformat()
    return resolved("DATE", value, ctx.rules, base, explicit_year=bool(m.group("year")))


def week_of(m: re.Match, ctx: Context) -> Timex | None:
    """the week of March 6: the ISO week of that day."""
    inner = ctx.again(m.group("inner"))
    if inner.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", inner.value):
        return None
    return resolved("DATE", iso_week(date.fromisoformat(inner.value)), ctx.rules, (inner.anchor, inner.anchor_kind) if inner.anchor_kind else None,
                    explicit_year=inner.explicit_year)


def calendar_date(m: re.Match, ctx: Context) -> Timex:
    """January 11, 2013; 11 January; March 2012; May; summer 2014; Friday, Aug. 7. A year-less date
    takes the narrative's year, except in a sentence about the future told after that year."""
    year = m.group("year") or m.group("year2") or m.group("year3")
    base = None
    if year is None:
        base = narrative_year(ctx.anchor)
        if base is None:
            return unresolved("DATE", NO_YEAR)
        if ctx.tense == "future" and ctx.anchor.published and base[0] < ctx.anchor.published.year:
            base = (ctx.anchor.published.year, "published")  # what lies ahead is not in a year gone by
        year = str(base[0])
    if m.group("season"):
        code = ctx.rules.seasons[m.group("season").lower()][0]
        return resolved("DATE", f"{year}-{code}", ctx.rules, base, explicit_year=base is None)
    month = m.group("month") or m.group("month2")
    if month is None:
        return resolved("DATE", year, ctx.rules, explicit_year=True)
    if base and base[1] == "published":
        year = str(base[0] + _year_step(ctx.rules.months[month.lower().rstrip(".")], ctx))
    day, day2 = m.group("day") or m.group("dayfirst"), m.group("day2") or m.group("dayfirst2")
    written = f"{month} {day}-{day2}, {year}" if day2 else f"{month} {day}, {year}" if day else f"{month} {year}"
    value, valid = ctx.rules.dates.normalize(written)
    if not valid:
        return unresolved("DATE", f"“{written}” is not a calendar date", anchor=str(base[0]) if base else None)
    return resolved("DATE", value, ctx.rules, base, explicit_year=base is None)


def _year_step(month: int, ctx: Context) -> int:
    """A year-less month counted from the publication date: next year's when the sentence speaks
    of the future and the month is more than two months past, last year's when it speaks of the
    past and the month is more than two months ahead (a past-tense report of something soon due
    keeps the year), else the nearest such month."""
    published = ctx.anchor.published.month
    if ctx.tense == "future":
        return int(published - month > 2)
    if ctx.tense == "past":
        return -int(month - published > 2)
    return 1 if published - month > 6 else -1 if month - published > 6 else 0


def numeric_date(m: re.Match, ctx: Context) -> Timex | None:
    """10/26/89, 1998-08-07; "9/11" is not matched (no year)."""
    y, mo, d = _year(m.group("y")), int(m.group("m")), int(m.group("d"))
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    return resolved("DATE", day.isoformat(), ctx.rules, explicit_year=True)


HANDLERS = {
    "set_word": set_word, "set_frequency": set_frequency, "set_every": set_every, "set_weekdays": set_weekdays,
    "ref": ref, "deictic_day": deictic_day_word, "anaphoric_day": anaphoric_day, "weekday": weekday,
    "part_of_day": part_of_day, "part_of_day_of": part_of_day_of, "clock": clock, "fiscal_year": fiscal_year, "fiscal_relative": fiscal_relative,
    "in_relative_year": in_relative_year, "latest_period": latest_period, "quarter": quarter,
    "year_period": year_period, "period_end": period_end, "part_of_year": part_of_year, "span_duration": span_duration, "unit_relative": unit_relative,
    "month_relative": month_relative, "year_relative": year_relative, "ago": ago, "into": into,
    "event_start": event_start, "offset": offset, "century": century, "decade": decade, "years": years,
    "month_range": month_range, "across_months": across_months, "holiday": holiday, "week_of": week_of, "undated_part": undated_part, "duration": duration, "calendar": calendar_date,
    "numeric_date": numeric_date,
}

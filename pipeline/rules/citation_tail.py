"""The part of a citation after its title: outlet, imprint, volume and issue, dates, pages, links.

Cascade (each step removes what it recognises from the text, so later steps see only the rest)::

    tail     := body [boundary next-citation-or-commentary]
    body     := "(hereinafter SHORT FORM)", identifiers "ISSN 1234-5678", "arXiv:1701.00001"
                anywhere                                        (unparsed: no field); "(PDF)" dropped
                url and "accessed DATE" / "updated DATE" anywhere
                imprint "(Place: Publisher, Year)", else "(Publisher, Year)" (not a date)   anywhere
                volume block                                   first of:
                    "11:4 (2013)", "35.4 (2001)", "12, no. 1 (2014): 1-9", "36, 5 (2009)", "22 (1971): 23-80",
                    "2009;106(2):1-9" (Vancouver), "4(2), 1-9" (APA)
                editors first: "in X (ed.)," / "In X, editors," / ", X (dir.)," opening the tail
                chunks separated by "," ";" or a sentence end, each one of:
                    date | pages ("pp. 1-9", "A44", "C1+") | "vol. 4" | "no. 2" | "ed. X" / "X (Ed.)"
                    | "in Container" | "Place: Publisher" | "Container 2009" | number | outlet | rest

The first chunk nothing else claims is the outlet (the container: newspaper, journal, site, book
of a chapter) unless it is a short aside all in lower case ("hearings", "mimeo"); later
unclaimed chunks go to ``unparsed``. A bare number is the volume when page
numbers follow, else the pages. The publication date is a plain date; failing one, an "updated"
or "last modified" date; an "accessed"/"retrieved" date is kept apart. A boundary is a sentence
end, "and" or "see also" right after a date, pages, an imprint or a link, when what follows does
not start with a field cue ("Accessed", "pp.", "Available at") or an imprint ("Leeds: Hurst, 2001"):
the rest is returned as trailing text (another citation, or commentary).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

_NOT_A_YEAR = r"(?!(?:1[5-9]|20)\d\d(?![\d\-–]))"
_PAGES = r"(?:[A-Z]?\d+\+?(?:\s*[-–—]\s*[A-Z]?\d+)?|[ivxlc]+[-–]\d+(?:\s*[-–—]\s*[ivxlc]+[-–]\d+)?|[ivxlc]+(?:\s*[-–—]\s*[ivxlc]+)?)"


@dataclass
class Tail:
    outlet: str | None = None
    date_raw: str | None = None
    updated_raw: str | None = None
    accessed_raw: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    url: str | None = None
    publisher: str | None = None
    place: str | None = None
    container: bool = False
    report: bool = False
    editors: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)


def _words(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


class TailGrammar:
    """Compiled patterns for :func:`parse_tail` (from ``models/citation_rules.json``)."""

    def __init__(self, rules: dict, date: str):
        year = date.replace(r"\d{4}", r"(?:1[5-9]|20)\d\d")  # a year, not any four digits
        date = rf"(?<![\w.]){year}(?!\d)"
        self.date = date
        self.date_anywhere = re.compile(rf"(?<!\w){date}(?!\w)", re.IGNORECASE)
        self.date_only = re.compile(rf"\(?(?P<date>{date})\)?\.?", re.IGNORECASE)
        page = _words(rules["page_markers"])
        self.pages = re.compile(rf"(?:(?:{page})\s*)?(?P<pages>{_PAGES})", re.IGNORECASE)
        self.marked_pages = re.compile(rf"(?:{page})\s*(?P<pages>{_PAGES})", re.IGNORECASE)
        self.url = re.compile(
            rf"(?:(?:{_words(rules['url_cues'])})\s*)?<?(?P<url>(?:https?://|www\.)\S+?|doi:\s*10\.\S+?|10\.\d{{4,9}}/\S+?)>?"
            r"(?=[.,;)\]]?(?:\s|$))",
            re.IGNORECASE,
        )
        self.hereinafter = re.compile(r",?\s*\(\s*hereinafter\b(?:[^()]|\([^()]*\))*\)", re.IGNORECASE)
        self.accessed = re.compile(rf"(?:[\[(]|(?<!\s))\s*+(?:{rules['accessed_cue']})\s*+:?\s*+(?P<date>{date})\s*[\])]?", re.IGNORECASE)
        self.date_cue = re.compile(rf"(?:{rules['accessed_cue']}|{rules['updated_cue']})\b", re.IGNORECASE)
        self.updated = re.compile(rf"(?:[\[(]|(?<!\s))\s*+(?:{rules['updated_cue']})\s*+:?\s*+(?P<date>{date})\s*[\])]?", re.IGNORECASE)
        self.bare_imprint = re.compile(r",\s*(?P<place>[A-Z][\w.\- ]{1,40}(?:,\s*[A-Z]{2})?):\s*(?P<publisher>[^,:()]+),\s*(?P<year>\d{4}[a-z]?)\b")
        self.imprint = re.compile(r"\((?:(?P<place>[^:()]{2,60}):\s*)(?P<publisher>[^():]+?),?\s+(?P<year>\d{4}[a-z]?)\)")
        self.publisher_year = re.compile(r"\((?P<publisher>[A-Z][^():\d]{1,60}?),\s+(?P<year>\d{4}[a-z]?)\)")
        self.imprint_start = re.compile(
            r"^[A-Z][\w.\- ]{1,40}(?:,\s*[A-Z][\w.]{1,6})?\s*:\s*[A-Z][^,:;()]{1,80}(?:,\s*(?:1[5-9]|20)\d\d\b|\.?$)"
        )
        volume, issue = _words(rules["volume_markers"]), _words(rules["issue_markers"])
        self.volume_marker = re.compile(rf"(?:{volume})\s*(?P<volume>\d+|[IVXLC]+)\b(?:\s*[-/]\s*(?P<issue>\d+))?", re.IGNORECASE)
        self.issue_marker = re.compile(rf"(?:{issue})\s*(?P<issue>\d+(?:\s*[-/–]\s*\d+)?)", re.IGNORECASE)
        pages_after = rf"(?:\s*[:,]\s*(?:(?:{page})\s*)?{_NOT_A_YEAR}(?P<pages>{_PAGES}))?"
        paren_date = r"\((?P<date>[^()]*\d{4}[^()]*)\)"
        self.volume_blocks = [
            re.compile(rf"(?<![\w.\-–])(?P<volume>\d+|(?-i:[IVXLC]+))\s*[:.]\s*(?P<issue>\d+(?:[-/]\d+)?)\s*{paren_date}{pages_after}",
                       re.IGNORECASE),
            re.compile(rf"(?<![\w.\-–])(?:(?:{volume})\s*)?(?P<volume>\d+)\s*,?\s*(?:{issue})\s*(?P<issue>\d+(?:[-/]\d+)?)\s*"
                       rf"{paren_date}{pages_after}", re.IGNORECASE),
            re.compile(rf"(?<![\w.\-–])(?P<volume>\d+),\s*(?P<issue>\d{{1,2}}(?:[-/]\d{{1,2}})?)\s*{paren_date}{pages_after}"),
            re.compile(rf"(?<![\w.\-–])(?:(?:{volume})\s*)?(?P<volume>\d+)\s*{paren_date}{pages_after}", re.IGNORECASE),
            re.compile(rf"(?<![\w.])(?P<date>\d{{4}}[a-z]?(?:\s+[A-Z][a-z]{{2,8}}\.?(?:\s+\d{{1,2}})?)?)\s*;\s*(?P<volume>\d+)"
                       rf"\s*(?:\((?P<issue>[^()]{{1,12}})\))?(?:\s*:\s*(?P<pages>{_PAGES}))?"),
            re.compile(rf"(?<![\w.\-–])(?P<volume>\d+)\s*\((?P<issue>(?!\d{{4}}\))[^()]{{1,12}})\){pages_after}"),
        ]
        self.dated_pages = re.compile(rf"\(?(?P<date>{date})\)?\s*:\s*(?:(?:{page})\s*)?(?P<pages>{_PAGES})(?![\w/])", re.IGNORECASE)
        self.paren_date = re.compile(rf"\((?P<date>{date})\)", re.IGNORECASE)
        self.trailing_number = re.compile(r"(?<!\s)\s++(?P<volume>\d{1,4})(?:\.(?P<issue>\d{1,2}))?$")
        editor_mark = r"\s*(?:\((?:eds?|editors?|hrsg|dir)\.?\)[,.:]?|,\s*(?i:eds\.?|editors?)[,.:]?)\s+"
        self.editors_first = re.compile(
            rf"(?:^\s*|[,.]\s*)(?:in|In):?\s+(?P<names>[^()“”\"]{{2,200}}?){editor_mark}"
            rf"|^[\s,]*(?P<bare_names>[A-Z][^()“”\",]{{1,60}}?){editor_mark}"
        )
        self.editor = re.compile(rf"^(?:{_words(rules['editor_cues'])})\s+(?P<names>.+)$", re.IGNORECASE)
        self.editor_after = re.compile(r"^(?P<names>.+?)\s*\((?:eds?|hrsg|dir)\.?\)$", re.IGNORECASE)
        self.container = re.compile(rf"^(?:{_words(rules['container_cues'])})\s+(?P<name>\S.*)$")
        self.place_publisher = re.compile(r"^(?P<place>[A-Z][\w.\- ]{1,40}(?:,\s*[A-Z]{2})?)\s*:\s*(?P<publisher>\S.*)$")
        self.boundary = re.compile(
            rf"(?:(?<=[.)])|\.)\s++(?=[A-Z“\"«‘])|(?:,|(?<!\s))\s++and\s++(?=[A-Z“\"«])"
            rf"|(?:[,;.]|(?<!\s))\s++(?:{_words(rules['see_cues'])})\s+",
            re.IGNORECASE,
        )
        identifiers = _words(rules["identifier_labels"])
        self.identifier = re.compile(rf"(?<!\w)(?:{identifiers})(?:\s*:\s*|\s+)[\w./-]*\d(?:[\w./-]*[\w/])?(?:\s*\[[\w.\-]+\])?")
        self.outlet_pages = re.compile(
            r"(?P<name>[A-Z].*?[^\W\d]\S*)(?:\s*:\s*|\s+(?:(?P<volume>\d{1,4})(?:\s*:\s*|\s+))?(?:pp?\.\s*)?)"
            r"(?!(?:1[5-9]|20)\d\d\s*[-–—]\s*(?:1[5-9]|20)\d\d$)(?P<pages>\d+(?:\s*[-–—]\s*\d+))"
        )
        self.format_mark = re.compile(r"\s*\((?:PDF|HTML|video|audio|podcast)\)", re.IGNORECASE)
        self.field_start = re.compile(
            rf"^(?:{rules['accessed_cue']}|{rules['updated_cue']}|{page}|{_words(rules['url_cues'])}|https?://|www\.|doi|\d|vol"
            rf"|{identifiers})",
            re.IGNORECASE,
        )
        self.sentence = re.compile(
            r"(?:(?<=[a-z]{5})|(?<=\d{4})|(?<=\d[snrt][tdh] ed)|(?<=[-–]\d)|(?<=[-–]\d\d)|(?<=[-–]\d{3})|(?<=[A-Z]\)))\.\s+(?=[A-Z\d]|pp?\.\s*\d)"
        )
        self.section = re.compile(rf"(?:{_words(rules['section_markers'])})\s*\w+", re.IGNORECASE)
        self.publisher_words = frozenset(rules["publisher_words"])
        self.genre = re.compile(rf"(?:{_words(rules['genre_marks'])})(?:\s+\S*\d\S*|\s+[A-Z][\w/-]*){{0,3}}", re.IGNORECASE)


def _outside_flags(text: str) -> Iterator[bool]:
    """For each character in turn, whether it stands outside quotation marks and parentheses."""
    depth, quote = 0, None
    for ch in text:
        if quote:
            quote = None if ch in "”\"»’" else quote
            yield False
            continue
        if ch in "“«":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        yield depth == 0 and quote is None


def _outside(text: str) -> list[bool]:
    return list(_outside_flags(text))


def _chunks(text: str, grammar: TailGrammar) -> list[str]:
    outside = _outside(text)
    for date in grammar.date_anywhere.finditer(text):
        outside[date.start() : date.end()] = [False] * (date.end() - date.start())
    pieces, start = [], 0
    for i, ch in enumerate(text):
        if ch in ",;" and outside[i]:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    chunks = []
    for piece in pieces:
        chunks.extend(grammar.sentence.split(piece))
    return [c.strip(" .:[]") for c in chunks if c.strip(" .:[]()")]


_PAREN_END = re.compile(r"\([^()]*(?:\d{4}|:)[^()]*\)$")


class _Heads:
    """The last chunk, as :func:`_chunks` cuts it, of each prefix ``rest[:end]`` for growing
    ``end``, with ``rest`` read once: its separators outside quotation marks, parentheses and
    dates, and its sentence breaks, are found as far as the prefixes reach (cutting every prefix
    anew made a note of many candidate boundaries cubic in its length)."""

    def __init__(self, rest: str, grammar: TailGrammar):
        self.rest, self.grammar = rest, grammar
        self.flags, self.outside = _outside_flags(rest), []
        self.dates = grammar.date_anywhere.finditer(rest)
        self.date = next(self.dates, None)
        self.breaks = grammar.sentence.finditer(rest)
        self.next_break = next(self.breaks, None)
        self.separators: list[int] = []
        self.scanned = 0  # characters looked at for separators
        self.break_ends: list[int] = []  # of the breaks a prefix so far holds whole, its next character included

    def outside_at(self, i: int) -> bool:
        """Whether ``rest[i]`` stands outside quotation marks and parentheses."""
        self.outside.extend(islice(self.flags, max(0, i + 1 - len(self.outside))))
        return self.outside[i]

    def last_chunk(self, end: int) -> str:
        """The last non-empty chunk of ``rest[:end]`` (``end`` never smaller than before)."""
        self.outside_at(end - 1)
        for i in range(self.scanned, end):
            while self.date is not None and self.date.end() <= i:
                self.date = next(self.dates, None)
            if self.rest[i] in ",;" and self.outside[i] and not (self.date is not None and self.date.start() <= i):
                self.separators.append(i)
        self.scanned = max(self.scanned, end)
        while self.next_break is not None and self.next_break.end() < end:
            self.break_ends.append(self.next_break.end())
            self.next_break = next(self.breaks, None)
        k = bisect_left(self.separators, end) - 1
        start = self.separators[k] + 1 if k >= 0 else 0
        j = bisect_left(self.break_ends, end) - 1
        if j >= 0 and self.break_ends[j] > start:
            start = self.break_ends[j]
        chunk = self.rest[start:end]
        if chunk.strip(" .:[]()"):
            return chunk.strip(" .:[]")
        return (_chunks(self.rest[:end], self.grammar)[-1:] or [""])[0]  # an empty last chunk: the one before it


def _ends_with_field(head: str, last: str, grammar: TailGrammar) -> bool:
    """Whether ``head``, whose last chunk is ``last``, ends in a date, pages, a link or a
    parenthesis holding a year or a colon."""
    last = last.strip(" ()")
    tail = head.rstrip(" .")
    opened = tail.rfind("(")  # the only "(" a match of _PAREN_END can start at
    return bool(
        grammar.date_only.fullmatch(last) or grammar.pages.fullmatch(last) or grammar.url.search(last)
        or (opened >= 0 and _PAREN_END.search(tail, opened))
    )


def split_trailing(rest: str, grammar: TailGrammar) -> tuple[int, int]:
    """(end of this citation's text, start of what follows it) in ``rest``; both ``len(rest)`` if nothing follows."""
    heads = _Heads(rest, grammar)  # read only as far as the boundary found: linear in this citation
    for m in grammar.boundary.finditer(rest):
        if not heads.outside_at(m.start()) or m.end() >= len(rest):
            continue
        head, after = rest[: m.start()], rest[m.end() :]
        if (head.strip(" ,.") and _ends_with_field(head, heads.last_chunk(m.start()), grammar)
                and not grammar.field_start.match(after) and not grammar.imprint_start.match(after)):
            cue = m.group(0).strip(" ,;.").lower()
            return m.start() + (1 if rest[m.start()] == "." and not cue else 0), m.end()
    return len(rest), len(rest)


def _take(pattern: re.Pattern, text: str) -> tuple[re.Match | None, str]:
    match = pattern.search(text)
    if not match:
        return None, text
    return match, text[: match.start()] + ", " + text[match.end() :]


def parse_tail(body: str, grammar: TailGrammar) -> Tail:
    """The fields of the text after a title (see the module docstring); ``body`` has no trailing text."""
    tail = Tail()
    short, body = _take(grammar.hereinafter, body)
    body = grammar.format_mark.sub("", body)
    identifiers = [m.group(0) for m in grammar.identifier.finditer(body)]
    body = grammar.identifier.sub(", ", body)
    url, body = _take(grammar.url, body)
    if url:
        tail.url = url.group("url")
        while (more := grammar.url.search(body)) is not None:
            body = body[: more.start()] + ", " + body[more.end() :]
    accessed, body = _take(grammar.accessed, body)
    tail.accessed_raw = accessed.group("date") if accessed else None
    updated, body = _take(grammar.updated, body)
    tail.updated_raw = updated.group("date") if updated else None
    imprint, body = _take(grammar.imprint, body)
    if imprint:
        tail.place, tail.publisher = (imprint.group("place") or "").strip() or None, imprint.group("publisher").strip()
        tail.date_raw = imprint.group("year")
    else:
        imprint = grammar.publisher_year.search(body)
        if imprint and not grammar.date_only.fullmatch(f"{imprint.group('publisher')} {imprint.group('year')}"):
            body = body[: imprint.start()] + ", " + body[imprint.end() :]
            tail.publisher, tail.date_raw = imprint.group("publisher").strip(), imprint.group("year")
    for pattern in grammar.volume_blocks:
        block = pattern.search(body)
        if block:
            body = body[: block.start()] + ", " + body[block.end() :]
            groups = block.groupdict()
            tail.volume, tail.issue = groups.get("volume"), groups.get("issue")
            tail.pages = groups.get("pages")
            tail.date_raw = tail.date_raw or (groups.get("date") or "").strip() or None
            break
    editors, body = _take(grammar.editors_first, body)
    if editors:
        tail.editors.append((editors.group("names") or editors.group("bare_names")).strip(" ,"))
        tail.container = True
    for pattern in (grammar.dated_pages, grammar.paren_date):
        found = pattern.search(body) if tail.date_raw is None else None
        if found:
            body = body[: found.start()] + ", " + body[found.end() :]
            tail.date_raw = found.group("date")
            tail.pages = tail.pages or found.groupdict().get("pages")
    _classify(_chunks(body, grammar), tail, grammar)
    if tail.date_raw is None:
        tail.date_raw, tail.updated_raw = tail.updated_raw, None
    if tail.updated_raw:
        tail.unparsed.append(tail.updated_raw)
    tail.unparsed.extend(identifiers)
    if short:
        tail.unparsed.append(" ".join(short.group(0).strip(" ,()").split()))
    return tail


def _trailing_date(chunk: str, grammar: TailGrammar) -> tuple[str, str] | None:
    """(name, date) of a chunk that ends with the longest date it can: "Newsweek 27 May 2002"."""
    for space in re.finditer(r"\s+", chunk):
        head, date = chunk[: space.start()].strip(" ,."), grammar.date_only.fullmatch(chunk[space.end() :])
        if date and re.search(r"[^\W\d]", head):
            return head, date.group("date")
    return None


def _trailing_volume(outlet: str, grammar: TailGrammar) -> tuple[str, str, str | None] | None:
    """(name, volume, issue) of an outlet ending in a number of 1–4 digits after a space (or
    "volume.issue"), the name being one line that opens with a capital and has another letter:
    "Coastal Review 4", "Coastal Review 35.4"."""
    number = grammar.trailing_number.search(outlet)
    name = outlet[: number.start()] if number else ""
    year = re.fullmatch(r"(?:1[5-9]|20)\d\d", number.group("volume")) if number else None
    if name[:1].isupper() and "\n" not in name and re.search(r"[^\W\d]", name[1:]) and not year:
        return name, number.group("volume"), number.group("issue")
    return None


_SURNAMES = re.compile(r"[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+)+")
_REGION = re.compile(r"[A-Z]{2}|[A-Z]\.\s?[A-Z]\.?")  # "TX", "N.J." (a chunk has lost its final full stop)
_SHORT_PLACE = re.compile(r"[A-Z][^\W\d]+(?:\s+[A-Z][^\W\d]+){0,2}")


def _publisher_like(chunk: str, grammar: TailGrammar) -> bool:
    """A capitalised name holding a word such as "Press" or "University": "Tidal University Press"."""
    words = chunk.split()
    return chunk[:1].isupper() and len(words) <= 8 and any(w.strip(".,()").lower() in grammar.publisher_words for w in words)


def _more_pages(number: str, previous: str, tail: Tail) -> bool:
    """Whether ``number`` continues a list of pages just read ("p. 15, 17"): a later page, and
    not a year far from it ("p. 5, 2019")."""
    if not (tail.pages and re.fullmatch(r"\d{1,5}", number) and previous.strip(" ()").endswith(tail.pages.rsplit(", ", 1)[-1])):
        return False
    last = re.findall(r"\d+", tail.pages)[-1]
    return int(number) > int(last) and (len(number) < 4 or int(number) - int(last) < 50)


_SUBTITLE = re.compile(r"(?:The|A|An)\s|(?:\S+\s+){4}\S")
"""What follows a colon when it reads as a subtitle, not a publisher: an article first, or five words or more."""


def _classify(chunks: list[str], tail: Tail, grammar: TailGrammar) -> None:
    numbers: list[str] = []
    dates = [c for c in chunks if grammar.date_only.fullmatch(c)]
    later_dates: list[str] = []
    continues_outlet, section, aside, region = False, None, False, -1
    for i, chunk in enumerate(chunks):
        plain = chunk.strip(" ()")
        if _more_pages(plain, chunks[i - 1] if i else "", tail):
            tail.pages += ", " + plain  # "p. 1813, 1815, 1819"
            continue
        date = grammar.date_only.fullmatch(chunk)
        if date:
            if tail.date_raw is None:
                tail.date_raw = date.group("date")
            elif date.group("date") != tail.date_raw:
                later_dates.append(date.group("date"))
            continue
        if grammar.genre.fullmatch(plain):
            tail.report = True  # "Ph.D. thesis", "Tech. Rep. TR-8": a kind of document, no outlet
            tail.unparsed.append(plain)
            continue
        if grammar.section.fullmatch(plain):
            section = plain  # "sec. 4, 1+": the section belongs to the pages
            continue
        if re.fullmatch(r"\d{1,5}", plain) and tail.pages is None:
            numbers.append(plain)
            continue
        marked = grammar.marked_pages.fullmatch(plain)
        if marked or (re.fullmatch(_PAGES, plain) and any(c.isdigit() for c in plain)):
            tail.pages = tail.pages or (marked.group("pages") if marked else plain)
            continue
        volume, issue = grammar.volume_marker.fullmatch(plain), grammar.issue_marker.fullmatch(plain)
        if volume or issue:
            tail.volume = tail.volume or (volume.group("volume") if volume else None)
            tail.issue = tail.issue or (issue or volume).group("issue")
            continue
        if tail.outlet and tail.volume is None and re.fullmatch(r"[IVXLC]+", plain):
            tail.volume = plain  # "Coastal Review, XLIII, 1965"
            continue
        editor = grammar.editor.match(plain) or grammar.editor_after.match(plain)
        if editor:
            tail.editors.append(editor.group("names").strip())
            continue
        container = grammar.container.match(chunk) if i == 0 else None
        if container and _SURNAMES.fullmatch(container.group("name").strip()):
            tail.editors.append(container.group("name").strip())  # "In Kessler and Ortal, 196-203": their edited book
            tail.container = True
            continue
        if container and tail.outlet is None:
            tail.outlet, tail.container = container.group("name").strip(), True
            paged = grammar.outlet_pages.fullmatch(tail.outlet) if tail.pages is None else None
            if paged:  # "in Coastal Review 73: 93-105"
                tail.outlet, tail.pages, tail.volume = paged.group("name"), paged.group("pages"), tail.volume or paged.group("volume")
            continue
        imprint = grammar.place_publisher.match(chunk)
        if imprint and tail.pages is None and re.fullmatch(_PAGES, imprint.group("publisher").strip()):
            tail.place, tail.pages = imprint.group("place").strip(), imprint.group("publisher").strip()  # "Leeds: 22-28"
            continue
        if imprint and not (dates or tail.date_raw) and _SUBTITLE.match(imprint.group("publisher")):
            imprint = None  # undated, and a subtitle after the colon: "Harbour Notes: The Coastal Course" is an outlet
        if imprint and tail.outlet is None and any(grammar.place_publisher.match(c) for c in chunks[i + 1 :]):
            imprint = None  # "Harbour Studies: A Survey. Leeds: Hurst": the first colon is the container's subtitle
        if imprint and tail.publisher is None:
            tail.place, tail.publisher = imprint.group("place").strip(), imprint.group("publisher").strip()
            if len(tail.place) <= 5 and tail.unparsed and tail.unparsed[-1] == chunks[i - 1] and _SHORT_PLACE.fullmatch(chunks[i - 1]):
                tail.place = f"{tail.unparsed.pop()}, {tail.place}"  # "Hillsdale, NJ: Erlbaum"
            continue
        if tail.place is None and i + 1 < len(chunks) and _SHORT_PLACE.fullmatch(chunk) and _REGION.fullmatch(chunks[i + 1]):
            tail.place, region = f"{chunk}, {chunks[i + 1]}", i + 1  # "Tidewater, TX", "Tidewater, N.J."
            continue
        if i == region:
            continue
        if continues_outlet and chunk[:1].islower():
            tail.outlet += ", " + chunk  # "Travail, genre et société"
            continue
        continues_outlet = False
        dated = _trailing_date(chunk, grammar) if tail.date_raw is None and tail.outlet is None else None
        if dated and not (dates and dated[1].isdigit()):
            tail.outlet, tail.date_raw = dated  # "Coastal Review 12 May 2002", "Proc. Coastal Soc. 2009"
            continue
        paged = grammar.outlet_pages.fullmatch(chunk) if tail.outlet is None and tail.pages is None else None
        if paged:
            tail.outlet, tail.pages = paged.group("name"), paged.group("pages")  # "Proc. Harbour Symposium: 4–11"
            tail.volume = tail.volume or paged.group("volume")  # "Coastal Review 5 175-185", "Coastal Review pp. 1-22"
        elif tail.outlet is None and not aside:
            if chunk.lower() == chunk and len(chunk.split()) <= 3 and chunk.strip():
                aside = True  # "hearings": the outlet's place, no outlet
                tail.unparsed.append(chunk)
            else:
                tail.outlet, continues_outlet = chunk, True
        elif tail.publisher is None and tail.place:
            tail.publisher = chunk
        elif tail.publisher is None and _publisher_like(chunk, grammar):
            tail.publisher, tail.container = chunk, not tail.report  # "Harbour Studies. Tidal University Press, 2001"
        else:
            tail.unparsed.append(chunk)
    for k, number in enumerate(numbers):
        if tail.volume is None and (tail.pages is not None or k + 1 < len(numbers)):
            tail.volume = number
        elif tail.pages is None:
            tail.pages = number
        else:
            tail.unparsed.append(number)
    numbered = _trailing_volume(tail.outlet or "", grammar)
    if numbered and tail.volume and not (tail.pages or tail.issue):
        tail.pages, tail.volume = tail.volume, None  # "Review 98, 041101 (2011)": the block's number is the page
    if numbered and tail.pages and tail.volume is None:
        tail.outlet, tail.volume, tail.issue = numbered[0], numbered[1], tail.issue or numbered[2]  # "Review 4, 25-32", not "France 24"
    if tail.report and tail.outlet and not (tail.container or tail.volume):
        tail.publisher = ", ".join(p for p in (tail.outlet, tail.publisher) if p)  # "NASA, Tech. Rep.", "Ph.D. thesis, Dept. of X, Y University"
        tail.outlet = None
    if later_dates and tail.url and tail.accessed_raw is None:
        tail.accessed_raw = later_dates.pop()  # MLA: "2 Aug. 2001. 23 Jan. 2002 <url>"
    tail.unparsed.extend(later_dates)
    if section and tail.pages:
        tail.pages = f"{section}, {tail.pages}"
    elif section:
        tail.unparsed.append(section)

"""Parsing one endnote into its kind, commentary and cited works — pure functions over a string.

Grammar (Chicago notes and bibliographies, author–date and numbered reference styles)::

    note      := "Ibid." [[","] pinpoint] [commentary]
               | [commentary] [cue] work (separator work)*
    cue       := "See" | "See," | "See also" | "For …, see" | "Cf." | …          (citation_rules.json)
    separator := ";" [and | cue]  |  after a date, pages, imprint or link: "." | "and" | [","] cue
    work      := [authors | organisation | authors "(" year ")"] quoted-title tail
               | authors "(" year ")." title "." tail           (author–date)
               | authors "." title "." tail                      (bibliography, Vancouver)
               | authors "," title ("(" imprint ")" | ", " place ":" publisher ", " year) tail
               | authors-with-initials "," title "," tail
               | interview-cue [", " details] ", " date
               | known-outlet ", " date                            (an untitled wire story)
               | [organisation ", "] short-words ", " date          (an untitled document)
               | what the CRF tagger reads, if it looks like a reference   (reference_crf.py)
    authors   := see author_lists.py            tail := see citation_tail.py

A quoted title counts as a citation only when nothing but author names, an organisation (or
nothing) precedes it, and when it is not followed by a lower-case word, so quoted words inside
commentary ("The term “sea wolves” …", "“Sea wolves” are …") stay commentary. Citations before a
"See also" cue are citations, not commentary. The access date is its own field, never the
publication date. For a reference outside the CTC form (no quoted title, or a quoted title whose
tail leaves text unassigned, names no outlet, or names a publisher or place) that the grammar
read to its end, the tagger's reading replaces the grammar's when it looks like a reference. Every source keeps its raw text, its offsets in the note,
and whatever could not be assigned (``unparsed``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .author_lists import parse_authors
from .citation_tail import Tail, TailGrammar, parse_tail, split_trailing
from .names import NameShape
from .reference_crf import ReferenceTagger
from .resources import data_path


@dataclass
class ParsedSource:
    """One cited work; offsets are relative to the note text."""

    start: int
    end: int
    raw: str
    type: str
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    outlet: str | None = None
    date_raw: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    url: str | None = None
    accessed_raw: str | None = None
    publisher: str | None = None
    place: str | None = None
    editors: list[str] = field(default_factory=list)
    unparsed: str | None = None


@dataclass
class ParsedNote:
    """A parsed endnote: ``kind`` is citation, ibid, commentary, mixed or empty."""

    kind: str
    commentary: str | None = None
    pinpoint: str | None = None
    sources: list[ParsedSource] = field(default_factory=list)


class CitationGrammar:
    """The compiled patterns of ``models/citation_rules.json`` plus a :class:`NameShape`."""

    def __init__(self, rules: dict, names: NameShape, known_outlet: Callable[[str], bool] | None = None):
        self.names = names
        self.known_outlet = known_outlet or _no_outlet
        self.organisation_words = frozenset(rules["organisation_words"])
        self.organisation_minor_words = frozenset(rules["organisation_minor_words"])
        self.periodical_words = frozenset(rules["periodical_words"])
        months = sorted([*rules["months"], *rules["months_other_languages"]], key=len, reverse=True)
        month = r"(?:%s)\.?" % "|".join(months)
        season = r"(?:%s)" % "|".join(rules["seasons"])
        day = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?"
        self.date = (
            rf"(?:{month}\s+\d{{1,2}}\s*[-–]\s*{month}\s+\d{{1,2}},?\s+\d{{4}}|{month}\s*[-–/]\s*{month},?\s+\d{{4}}"
            rf"|{day}\s+(?:de\s+)?{month}\s+(?:de\s+)?\d{{4}}"
            rf"|{month}\s+{day},?\s+\d{{4}}|{day}\s+{month},?\s+\d{{4}}|{month},?\s+\d{{4}}"
            rf"|{season},?\s+\d{{4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{4}})"
        )
        self.date_at_end = re.compile(
            rf"(?:^|,\s*+|(?<!\s)\s++)(?P<date>{self.date})"
            rf"(?P<pages>\s*[,:]\s*(?:pp?\.\s*)?(?-i:[\divxlc]+(?:\s*[-–]\s*[\divxlc]+)?))?(?:\s*\.?\s*$|\.\s+(?=[A-Z“\"]))",
            re.IGNORECASE,
        )
        ibid = "|".join(re.escape(w) if w.endswith(".") else re.escape(w) + r"\b\.?" for w in rules["ibid"])
        self.ibid = re.compile(rf"^\s*(?:{ibid})\s*", re.IGNORECASE)
        self.pinpoint = re.compile(
            r"^,?\s*(?P<pin>(?:(?:pp?\.|pages?|paras?\.|at)\s*)?[\divxlc]+(?:\s*[-–,]\s*[\divxlc]+)*)\.?\s*", re.IGNORECASE
        )
        cues = "|".join(re.escape(c) for c in sorted(rules["see_cues"], key=len, reverse=True))
        self.cue = re.compile(rf"(?:^|(?<=[.!?”\";]\s))(?:{rules['lead_in_see']}|(?:{cues}))\s+", re.IGNORECASE)
        interview = "|".join(re.escape(c) for c in sorted(rules["interview_cues"], key=len, reverse=True))
        self.interview = re.compile(rf"^(?:{interview})s?\b", re.IGNORECASE)
        self.quote_pairs = [tuple(p) for p in rules["quote_pairs"]]
        self.apostrophes = frozenset(rules["apostrophes"])
        self.title_start_words = frozenset(rules["title_start_words"])
        reviews = "|".join(re.escape(c) for c in rules["review_cues"])
        self.review = re.compile(rf"\s*(?P<review>(?:{reviews})\s.+?,\s+by\s+(?:[A-Z]\.\s*)*[^.]+?)\.(?=\s+[A-Z])")
        tagging = rules.get("reference_tagger") or {}
        self.tagger_min_probability = tagging.get("min_probability", 1.0)
        self.tagger = _load_tagger(tagging.get("model"), self.tagger_min_probability)
        self.tail = TailGrammar(rules, self.date)
        self.prefix_year = re.compile(
            r"(?<![A-Z])[.,]?\s*(?:\((?P<year>[^()]{0,12}\d{4}[a-z]?(?:,\s*[^)]{1,20})?|\d{4}-\d\d(?:-\d\d)?|n\.\s?d\.)\)"
            r"|,\s*(?P<bare>\d{4}[a-z]?)|\[(?P<bracket>[^\[\]]{0,12}\d{4}[a-z]?)\])[.,:]?\s*$"
            r"|(?:(?<=\.)|(?<=[a-z])|^)\s*(?P<dotted>\d{4}[a-z]?)(?:\s+\[\d{4}\])?[.,:]?\s*$"
        )
        self.author_date = re.compile(
            r"^(?P<authors>[^()]{2,300}?)(?<![A-Z])[.,]?\s*(?:\((?P<year>\d{4}[a-z]?(?:,\s*[^)]{1,20})?|\d{4}-\d\d(?:-\d\d)?|n\.\s?d\.)\)"
            r"|(?<=\.)\s(?P<plain>\d{4}[a-z]?)(?=\.))"
            r"[.,:]?\s+(?P<rest>\S.*)$"
        )
        self.name_end = re.compile(r"\.\s+(?=[A-Z“\"‘«])")
        self.title_end = re.compile(r"(?<![\s.][A-Z])([.?!])\s+(?=\S)|\s+(?=\((?:[^()]*:|\d{4}\)|[^()]*\bpp?\.))")
        self.document_max_words = rules["document_max_words"]
        self.document_kinds = frozenset(k.lower() for k in rules["document_kinds"])
        self.agency_words = frozenset(rules["agency_words"])
        codes = "|".join(re.escape(c).replace(r"\ ", r"\s?") for c in sorted(rules["legal_codes"], key=len, reverse=True))
        section = r"\d+[a-z]?(?:\.\d+)*(?:\([a-zA-Z0-9]{1,4}\))*"
        unit = r"(?:Title|Subtitle|Chapter|Subchapter|Part|Subpart)\s+(?:[IVXLC]+|\d+)[A-Z]?\b"
        code = (rf"(?P<volume>\d{{1,3}})\s+(?P<code>{codes})\s*(?:§§?\s*)?"
                rf"(?P<section>{section}(?:\s*[-–]\s*{section})?|{unit}(?:,\s*{unit})*)")
        act = r"(?P<act>[A-Z0-9][\w’'-]*\s+(?:(?:[A-Z0-9][\w’'-]*|of|and|for|on|to|in|against)\s+)*Act(?:\s+of\s+\d{4}|,\s+\d{4})?)"
        self.act = re.compile(act)
        bills = "|".join(re.escape(b).replace(r"\.", r"\.\s?") for b in sorted(rules["bill_prefixes"], key=len, reverse=True))
        series = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(rules["report_series"], key=len, reverse=True))
        self.report_series = re.compile(
            rf"^(?P<publisher>[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){{0,5}}?)\s+(?:{series})\s+(?:No\.\s*)?[A-Z]{{0,5}}-?\d[\w.-]*,\s+(?=[“\"]?[A-Z0-9])"
        )
        stop = r"(?<![\s.][A-Z])\.(?:\s*$|\s+(?=[A-Z“\"]))|,\s+(?=(?!and\b|or\b)[a-z])|,\s+(?=pp?\.)|;"
        self.report_by = re.compile(rf",?\s+by\s+(?P<authors>.+?)(?={stop}|$)")
        self.report_title_end = re.compile(rf"(?={stop}|,?\s+by\s)|$")
        self.report_pages = re.compile(r",\s+pp?\.\s*(?P<pages>[\divxlc]+(?:\s*[-–]\s*[\divxlc]+)?)")
        self.legal = re.compile(
            rf"(?<![\w.]){code}(?!\w)"
            rf"|(?:{act}(?:,\s*|\s*\((?:[A-Z][A-Za-z]{{1,11}};\s*)?))?(?<![\w.])(?P<law>P\.\s?L\.\s*\d+-\d+)\)?(?:,\s*(?P<stat>{code.replace('?P<', '?P<stat_')}))?"
            rf"|(?<![\w.])(?P<bill>(?:{bills})\.\s?\d+(?:-\d+)?)(?![\w-])"
            rf"|{act.replace('?P<act>', '?P<act_name>')}\s*§§?\s*(?P<act_section>{section})"
        )
        visit = "|".join(rules["visit_verbs"])
        self.site_visit = re.compile(
            rf"\b(?:{visit})\b[^.;]{{0,80}}?\b(?:on|at|of)\s+(?P<site>[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:gov|com|org|net|edu|int|mil)\b)"
            rf"[^.;]{{0,80}}?\bon\s+(?P<date>(?i:{self.date}))",
            re.IGNORECASE,
        )
        exchange = "|".join(rules["correspondence_words"])
        who = r"[A-Z][\w.&’'-]*(?:\s+(?:of|and|for|the|[A-Z][\w.&’'-]*))*"
        self.correspondence = re.compile(
            rf"(?:\b(?i:{exchange})\s+(?:between\s+(?:the\s+)?[\w.&-]+\s+and|with|from)|\bfrom(?=\s+(?:the\s+)?{who}\s+(?:through|by|via|in)\s+"
            rf"(?:an?\s+)?(?i:{exchange})\b))\s+(?:the\s+)?(?P<who>{who})(?:\s+(?:through|by|via|in)\s+(?:an?\s+)?(?i:{exchange}))?,?\s+"
            rf"(?:(?:on|in)\s+)?(?P<date>(?i:{self.date}))"
        )
        self.executive_order = re.compile(
            rf"(?<![\w.])(?P<order>(?:(?:Executive\s+Order|E\.\s?O\.)(?:\s+\(E\.\s?O\.\))?|Proclamation(?:\s+No\.)?)\s+\d+(?:,\d{{3}})*"
            rf"(?:\s+of\s+(?P<signed>(?i:{self.date})))?|Reorganization\s+Plan\s+No\.\s*\d+\s+of\s+\d{{4}})"
            r"(?:,?\s*[“\"](?P<name>[^”\"]+)[”\"])?"
        )


def _load_tagger(model: str | None, min_probability: float) -> ReferenceTagger | None:
    """The CRF of ``models/`` named by ``reference_tagger.model``; ``None`` without one."""
    if not model:
        return None
    try:
        return ReferenceTagger(str(data_path(model)), min_probability)
    except FileNotFoundError:
        return None


def _no_outlet(name: str) -> bool:
    return False


def _outside_quotes(text: str, pairs: list[tuple[str, str]]) -> list[bool]:
    """For each character, whether it stands outside quotation marks and parentheses."""
    flags, stack = [], []
    opens: dict[str, str] = {}
    for open_, close in pairs:
        opens.setdefault(open_, close)
    for ch in text:
        if stack and ch == stack[-1]:
            stack.pop()
            flags.append(False)
            continue
        closer = opens.get(ch, ")" if ch == "(" else None)
        if closer is not None:
            stack.append(closer)
        flags.append(not stack)
    return flags


def split_outside_quotes(text: str, sep: str, pairs: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Spans of ``text`` between occurrences of ``sep`` that stand outside quotes and parentheses.
    Only the marks, brackets and separators are visited (a regular expression skips the rest), so
    a long text without them costs little."""
    marks = {sep, "(", ")", *(c for pair in pairs for c in pair)}
    opens: dict[str, str] = {}
    for open_, close in pairs:
        opens.setdefault(open_, close)
    spans, start, stack = [], 0, []
    for found in re.finditer("[" + re.escape("".join(sorted(marks))) + "]", text):
        ch, i = found.group(), found.start()
        if stack and ch == stack[-1]:
            stack.pop()
            continue
        closer = opens.get(ch, ")" if ch == "(" else None)
        if closer is not None:
            stack.append(closer)
        elif ch == sep and not stack:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int, chars: str = " \t\n") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _quoted_title(segment: str, grammar: CitationGrammar) -> tuple[int, int, int] | None:
    """(open, close, end) of the earliest quoted title: ``segment[open+1:close]`` is the title.
    A closing mark that doubles as an apostrophe (’) closes only before punctuation or a space;
    guillemets may nest."""
    found = []
    for open_, close in grammar.quote_pairs:
        i = segment.find(open_)
        if i < 0:
            continue
        depth, j = 0, i + 1
        while j < len(segment):
            ch = segment[j]
            if ch == open_ and open_ != close:
                depth += 1
            elif ch == close and (close not in grammar.apostrophes or not segment[j + 1 : j + 2].isalpha()):
                if depth == 0:
                    found.append((i, j, j + 1))
                    break
                depth -= 1
            j += 1
    return min(found) if found else None


def _clean_title(title: str) -> str:
    """A quoted title without the comma or final period that punctuation puts inside the quotes
    (an abbreviation's period, as in "U.S.", and an ellipsis stay)."""
    title = title.strip().rstrip(",").strip()
    if title.endswith(".") and not title.endswith("..") and not re.search(r"(?:^|[\s.])[A-Z]\.$", title):
        title = title[:-1].rstrip()
    return title


def _apply_tail(source: ParsedSource, tail: Tail) -> None:
    """Copy the fields of the text after a title onto ``source``; set its type from them."""
    for name in ("outlet", "date_raw", "accessed_raw", "volume", "issue", "pages", "url", "publisher", "place"):
        setattr(source, name, getattr(tail, name))
    source.editors = tail.editors
    source.unparsed = ", ".join(tail.unparsed) or None
    if (tail.container or tail.editors) and tail.outlet and (tail.publisher or tail.editors):
        source.type = "chapter"  # "In Harbour Studies, ed. X" or MLA's "Harbour Studies. Ed. X. Leeds: Hurst"
    elif tail.volume or tail.issue:
        source.type = "journal"
    elif tail.report:
        source.type = "document"
    elif tail.publisher and not tail.container:
        source.type = "book"
        source.outlet, extra = tail.publisher, tail.outlet
        source.unparsed = ", ".join(([extra] if extra else []) + tail.unparsed) or None


def _parse_after_title(rest: str, source: ParsedSource, grammar: CitationGrammar) -> str:
    """Fill the fields from the text after a title; return the text after this citation."""
    end, next_start = split_trailing(rest, grammar.tail)
    _apply_tail(source, parse_tail(rest[:end], grammar.tail))
    return rest[next_start:]


def _authors_and_date(prefix: str, source: ParsedSource, grammar: CitationGrammar) -> bool:
    """Authors (and an author–date year) before a title, or the year alone ("2010. “Title.” …");
    ``False`` if the prefix is not names."""
    year = grammar.prefix_year.search(prefix)
    if year:
        prefix, source.date_raw = prefix[: year.start()], next(filter(None, year.group("year", "bare", "bracket", "dotted")))
        if not prefix.strip():
            return True
    names = parse_authors(prefix, grammar.names)
    if names is None:
        return False
    source.authors = names
    return True


def _quoted_citation(text: str, quoted: tuple[int, int, int], source: ParsedSource, grammar: CitationGrammar):
    open_, close, after = quoted
    title = text[open_ + 1 : close]
    after_quote = text[after:].lstrip()
    if title.rstrip()[-1:] not in ",.?!" and after_quote[:1].islower() and not grammar.tail.container.match(after_quote):
        return None  # a quoted word opening a sentence: “Sea wolves” are …
    prefix = text[:open_].strip().rstrip(",").strip()
    organisation = None
    according = _ACCORDING.match(prefix)
    if according:
        source.type, source.authors, source.title = "document", [according.group("who")], _clean_title(title)
        if after_quote[:1].islower() and not grammar.tail.field_start.match(after_quote):
            return _finish(source, text, text[after:].lstrip(" ,"))  # the sentence goes on: commentary
        organisation = according.group("who")
    elif prefix and _is_organisation(prefix, grammar):
        organisation = prefix
    elif prefix and not _authors_and_date(prefix, source, grammar):
        return None
    prefix_date = source.date_raw
    source.title = _clean_title(title)
    review = grammar.review.match(text, after)
    if review:  # "“Title.” Review of The Book, by A. Author. Outlet, …": the review's title names the book
        source.title, after = f"{source.title}. {review.group('review')}", review.end()
    trailing = _parse_after_title(text[after:], source, grammar)
    source.date_raw = source.date_raw or prefix_date
    if organisation:
        source.authors = [organisation]  # a corporate author
        if not source.outlet:
            source.type = "document"
    elif not (source.outlet or source.date_raw or source.volume or source.url):
        source.type = "short"
    return _finish(source, text, trailing)


_ACCORDING = re.compile(r"^According\s+to\s+(?:the\s+)?(?P<who>[A-Z][\w.&-]*(?:\s+(?:of|and|for|on|the|[A-Z][\w.&-]*)){0,12}?)(?:['’]s)?$")


def _report_citation(text: str, series: re.Match, source: ParsedSource, grammar: CitationGrammar):
    """``Publisher Series Number, Title[, by Names][, p. N]`` ("Harbour Board Working Paper WP-12,
    Tidal Surveys, by Clara Voss"): the publisher, title, authors and pages; the number has no field."""
    source.type, source.publisher = "document", series.group("publisher")
    end = grammar.report_title_end.search(text, series.end()).start()
    source.title = _clean_title(text[series.end() : end].strip().strip("“”\"").rstrip(",.").strip())
    by = grammar.report_by.match(text, end)
    if by:
        names = by.group("authors")
        source.authors = parse_authors(names, grammar.names) or [names.strip()]
        end = by.end()
    pages = grammar.report_pages.match(text, end)
    if pages:
        source.pages, end = pages.group("pages"), pages.end()
    return _finish(source, text, text[end:].lstrip(".,; ")) if source.title else None


def _executive_order(text: str, order: re.Match, source: ParsedSource, grammar: CitationGrammar):
    """``E.O. 12 of May 2, 1961, “Name,” 26 Federal Register 4, May 4, 1961, link`` (or a
    proclamation, or "Reorganization Plan No. 3 of 1978"): the title is the order, its date and its name; the register (outlet, volume, page), the date of publication
    and the link follow. Without them ("E.O. 12, “Name.” …") it is a short form, and a sentence
    after it is the text that follows."""
    source.type = "document"
    name = order.group("name")
    source.title = order.group("order") + (f", “{_clean_title(name)}”" if name else "")
    rest = text[order.end() :]
    register = grammar.legal.match(rest.lstrip(" ,"))
    if register and register.group("code"):
        rest = rest.lstrip(" ,")[register.end() :]
    elif (name or "").rstrip().endswith(".") or not rest.strip(" ,."):
        source.type = "short" if not order.group("signed") else "document"
        source.date_raw = order.group("signed")
        return _finish(source, text, rest.lstrip(" ."))
    trailing = _parse_after_title(rest, source, grammar) if rest.strip(" ,.") else ""
    if register and register.group("code"):
        if source.outlet:  # a second register or statute ("92 Stat. 3788") has no field
            source.unparsed = ", ".join(p for p in (source.outlet, source.unparsed) if p)
        source.outlet, source.volume, source.pages = register.group("code"), register.group("volume"), register.group("section")
    source.date_raw = source.date_raw or order.group("signed")
    return _finish(source, text, trailing)


def _unquoted_citation(text: str, source: ParsedSource, grammar: CitationGrammar):
    """Books and author–date references without quotation marks around the title:
    ``Authors, Title (Place: Publisher, Year), pages``, ``Authors (Year). Title. Rest``,
    ``Surname, Given. Title. Rest``."""
    dated = grammar.author_date.match(text)
    year = dated and (dated.group("year") or dated.group("plain"))
    if dated and _authors_and_date(dated.group("authors") + " (" + year + ")", source, grammar):
        head, rest = dated.group("rest"), ""
    else:
        head, rest = None, ""
        source.date_raw = None
        authors, sep, remainder = text.partition(", ")
        remainder = _EDITOR.sub("", remainder)
        names = parse_authors(authors, grammar.names) if sep else None
        imprint = grammar.tail.imprint.search(text)
        if imprint is None and names and all(" " in n for n in names):
            imprint = grammar.tail.bare_imprint.search(text)  # "Ruth Kessler, Title, London: Hurst, 2015"
        cut = imprint.start() if imprint else None
        if names and cut is not None and cut > len(authors):
            source.authors = names
            source.title = remainder[: cut - len(text) + len(remainder)].strip(" ,.")
            trailing = _parse_after_title(text[cut:], source, grammar)
            return _finish(source, text, trailing) if source.title else None
        found = _leading_authors(text, grammar) or _comma_authors(text, grammar)
        if found is None:
            return None
        source.authors, head = found
    title_end = grammar.title_end.search(head) or re.search(r"()?,\s+", head)
    if title_end is None:
        return None
    source.title = head[: title_end.start() + (1 if (title_end.group(1) or ".") in "?!" else 0)].strip()
    prefix_date = source.date_raw
    trailing = _parse_after_title(head[title_end.end() :] + rest, source, grammar)
    source.date_raw = source.date_raw or prefix_date
    if not (source.date_raw or source.publisher or source.volume or source.url) or not source.title[:1].isupper():
        return None
    return _finish(source, text, trailing)


def institution_publishes(source: ParsedSource, grammar: CitationGrammar) -> None:
    """After an unquoted title, an institution in the outlet's place is the publisher, with the
    institutions that follow it ("Ruth Kessler, Tide Tables, HBA, Office of Tides (OT), May 2019"),
    when the work bears a report's marks: a link, the institution's acronym or a report number."""
    if not source.outlet or source.publisher or source.volume or grammar.known_outlet(source.outlet):
        return
    if any(w.strip(",.()").lower() in grammar.periodical_words for w in source.outlet.split()):
        return  # "Harbour News", "Tide Review": a periodical
    if not _is_agency(source.outlet.split(", ")[0], grammar):
        return
    outlet, *more = source.outlet.split(", ")  # the tagger reads "HBA, Final Report" as one outlet
    rest = [*more, *(source.unparsed.split(", ") if source.unparsed else [])]
    if not (source.url or _ACRONYM.fullmatch(outlet) or any(_REPORT_NUMBER.fullmatch(p) or "Report" in p for p in rest)):
        return  # a report's marks: a link, an acronym, a report number
    k = 0
    while k < len(rest) and _is_agency(rest[k], grammar) and not _REPORT_NUMBER.fullmatch(rest[k]):
        k += 1
    source.publisher, source.outlet = ", ".join([outlet, *rest[:k]]), None
    source.unparsed = ", ".join(rest[k:]) or None


_NAME_GOES_ON = re.compile(r"[A-Z](?:\.|[\w'’\-]+(?:,|\s+(?:and|&)\s|\.))")


def _leading_authors(text: str, grammar: CitationGrammar) -> tuple[list[str], str] | None:
    """Names before the first full stop that does not end an initial ("Voss, C. R. Title…",
    "Voss CR, Rasheed H. Title…"), and the text after them."""
    for stop in grammar.name_end.finditer(text, 0, 400):
        after = text[stop.end() :]
        if re.search(r"(?:^|[\s.\-])[A-Z]$", text[: stop.start()]) and _NAME_GOES_ON.match(after):
            continue  # "W. Landi and …", "B. G. Ryder. …": the stop ends an initial
        names = parse_authors(text[: stop.start() + 1], grammar.names)
        if names and any(" " in n for n in names):
            return names, after
    return None


def _comma_authors(text: str, grammar: CitationGrammar) -> tuple[list[str], str] | None:
    """The longest run of comma-separated names with initials before a title ("A. Voss, C. R.
    Rasheed, Harbor politics, …", "Voss, A., and Rasheed, C. R., Harbor Politics, …"); a piece
    opening with a word such as "The" or "On" starts the title."""
    best = None
    for comma in re.finditer(r",\s+", text[:400]):
        piece = text[: comma.start()].rsplit(",", 1)[-1].split()
        if len(piece) > 1 and piece[0].lower() in grammar.title_start_words:
            break
        names = parse_authors(text[: comma.start()], grammar.names)
        if names is None:
            continue
        if all(re.search(r"(?:^|\s)(?:[A-Z]\.|[A-Z]{1,3}$)", n) for n in names):
            best = names, text[comma.end() :]
    return best


def parse_citation(segment: str, grammar: CitationGrammar) -> tuple[ParsedSource, str] | None:
    """Parse one citation at the start of ``segment``; returns the source and any trailing text."""
    text = segment.strip()
    source = ParsedSource(start=0, end=len(text), raw=text, type="article")
    series = grammar.report_series.match(text)
    if series:
        return _report_citation(text, series, source, grammar)
    order = grammar.executive_order.match(text)
    if order:
        return _executive_order(text, order, source, grammar)
    quoted = _quoted_title(text, grammar)
    if quoted is not None:
        parsed = _quoted_citation(text, quoted, source, grammar)
        if parsed is not None and (parsed[0].unparsed or not parsed[0].outlet or parsed[0].publisher or parsed[0].place):
            return _better_tagged(text, parsed, grammar)  # not in the CTC form
        return parsed
    interview = grammar.interview.match(text)
    if interview:
        source.type = "interview"
        trailing = _parse_after_title(text[interview.end() :], source, grammar)
        source.unparsed = ", ".join(p for p in (source.outlet, source.place, source.publisher, source.unparsed) if p) or None
        source.outlet = source.place = source.publisher = None
        source.type = "interview"
        return _finish(source, text, trailing)
    parsed = _organisation_citation(text, source, grammar)
    if parsed is not None:
        return parsed
    parsed = _unquoted_citation(text, source, grammar)
    if parsed is not None:
        parsed = _better_tagged(text, parsed, grammar)
        institution_publishes(parsed[0], grammar)
        return parsed
    source = ParsedSource(start=0, end=len(text), raw=text, type="article")
    date = grammar.date_at_end.search(text)
    if date and date.start() > 0 and text[: date.start()].count(" ") < grammar.document_max_words:
        body = text[: date.start()].strip(" ,")
        if (body[:1].isupper() and "," in text[: date.start() + 2] and not _SENTENCE_START.search(body)
                and not grammar.correspondence.search(text)):
            source.date_raw = date.group("date")
            author, _, title = body.partition(", ")
            if grammar.known_outlet(body):
                source.outlet = body
            elif title and _is_organisation(author, grammar):
                source.type, source.authors, source.title = "document", [author], title  # "Harbor Watch, Annual Survey, 2014"
            else:
                source.type, source.title = "document", body
            return _finish(source, text, text[date.end() :])
    return None


_ACRONYM = re.compile(r"(?:[A-Z][A-Z.&]*[A-Z]\.?|[A-Z](?:\.[A-Z])+\.?)(?:\s+\([^()]{1,80}\))?")
_REPORT_NUMBER = re.compile(r"[A-Z][\w.]*\s?[A-Z]*-?\d[\w.-]*")


def _pieces(text: str, grammar: CitationGrammar) -> list[tuple[int, int]]:
    """Spans of ``text`` between commas outside quotes, parentheses and dates, stripped."""
    dates = [m.span() for m in grammar.tail.date_anywhere.finditer(text)]
    spans: list[tuple[int, int]] = []
    for start, end in split_outside_quotes(text, ",", grammar.quote_pairs):
        if spans and any(a <= spans[-1][1] < b for a, b in dates):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [_strip_span(text, s, e) for s, e in spans]


def _is_agency(piece: str, grammar: CitationGrammar) -> bool:
    """An acronym ("FCC", "A.B.C.", "HBA (Harbour Board)"), an organisation's name or a
    title-case name with a word such as "District" or "Services"."""
    if ":" in piece:
        return False  # "Harbour Research: A Survey" is a title
    words = [w.strip(",.()") for w in piece.split()]
    return bool(_ACRONYM.fullmatch(piece)) or _is_organisation(piece, grammar) or (
        len(words) <= 6 and all(w[:1].isupper() or w.lower() in grammar.organisation_minor_words for w in words if w)
        and any(w.lower() in grammar.agency_words for w in words)
    )


def _organisation_citation(text: str, source: ParsedSource, grammar: CitationGrammar):
    """``Organisation[, Sub-organisation …], Title, Date, link or pages[, rest]`` — an institution's
    document with an unquoted title ("HBA, Office of Tides (OT), Tidal Survey Methods, May 2019, p. 4,
    https://…"). The organisations, as written, are the one author; the title runs from the
    first piece that is no organisation to the first date, link, pages or "Place: Publisher" after it,
    less trailing pieces that name a series (the outlet), a report number, a kind of document
    ("Fact Sheet") or a short aside in lower case (unparsed). The tail is read from that date,
    link, pages or imprint; with pages alone, the source is a short form."""
    pieces = _pieces(text, grammar)
    k = 0
    tail = grammar.tail
    while k < len(pieces) and _is_agency(text[slice(*pieces[k])], grammar):
        k += 1
    if 2 <= k < len(pieces) and (tail.date_only.fullmatch(text[slice(*pieces[k])]) or tail.url.fullmatch(text[slice(*pieces[k])])):
        k -= 1  # "HBA, Office of Tides, Tide Court, https://…": the name before the date or link is the title
    if k == 0 or k + 1 >= len(pieces) or not text[pieces[k][0]].isupper():
        return None
    if tail.date_only.fullmatch(text[slice(*pieces[k])]):
        return None
    for end in range(k + 1, len(pieces)):
        piece = text[slice(*pieces[end])]
        if (tail.date_only.fullmatch(piece) or tail.url.fullmatch(piece) or tail.place_publisher.match(piece)
                or tail.marked_pages.fullmatch(piece)):
            break
    else:
        return None
    title, extras = end, []
    while title - 1 > k:
        piece = text[slice(*pieces[title - 1])]
        short_aside = not piece[:1].isupper() and len(piece.split()) <= 3  # "hearings", "2nd sess."
        if not (_REPORT_NUMBER.fullmatch(piece) or short_aside or piece.endswith(" Series")
                or piece.lower() in grammar.document_kinds):
            break
        extras.insert(0, piece)
        title -= 1
    source.type, source.authors = "document", [text[pieces[0][0] : pieces[k - 1][1]]]
    source.title = text[pieces[k][0] : pieces[title - 1][1]]
    trailing = _parse_after_title(text[pieces[end][0] :], source, grammar)
    series = [p for p in extras if p.endswith(" Series")]
    if series and not source.outlet:
        source.outlet = series[0]
    rest = [p for p in extras if p not in series[:1] or source.outlet != p]
    source.unparsed = ", ".join(rest + ([source.unparsed] if source.unparsed else [])) or None
    if not (source.date_raw or source.url or source.outlet or source.publisher):
        source.type = "short"  # "HBA, Tidal Survey Methods, p. 9": a later note's short form
    return _finish(source, text, trailing)


_EDITOR = re.compile(r"^(?:eds?\.|editors?)\s*,?\s*", re.IGNORECASE)


def _is_organisation(prefix: str, grammar: CitationGrammar) -> bool:
    """An outlet the outlet table knows, or a title-case phrase ("Coastal Rights Watch", "Ministry
    of the Interior") containing a word such as "Watch", "Institute" or "Ministry"."""
    words = [w.strip(",.()") for w in prefix.split()]
    title_case = all(w[:1].isupper() or w.lower() in grammar.organisation_minor_words for w in words if w)
    return grammar.known_outlet(prefix) or (
        title_case and any(w.lower() in grammar.organisation_words for w in words)
    )


def _finish(source: ParsedSource, text: str, trailing: str) -> tuple[ParsedSource, str]:
    trailing = trailing.strip()
    if trailing:
        source.end = len(text) - len(trailing)
        source.end -= len(text[: source.end]) - len(_CUT.sub("", text[: source.end]))
        source.raw = text[: source.end]
    return source, trailing


_CUT = re.compile(r"(?:[\s,;]+(?:and|see also|see|cf\.))?[\s,;]*$", re.IGNORECASE)


def _tagged_citation(segment: str, grammar: CitationGrammar) -> tuple[ParsedSource, str] | None:
    """The tagger's reading of a piece the grammar did not claim, if it looks like a reference."""
    if grammar.tagger is None:
        return None
    tagged = grammar.tagger.tag(segment)
    if not grammar.tagger.accepts(tagged):
        return None
    source = _from_tagged(segment, tagged.fields, grammar)
    if source.title and source.title[:1].islower() and not source.authors:
        return None  # "discussion of research later in this report, …": commentary, not a title
    return source, ""


def _better_tagged(text: str, parsed: tuple[ParsedSource, str], grammar: CitationGrammar) -> tuple[ParsedSource, str]:
    """For a reference outside the CTC form that the grammar read to its end, the tagger's
    reading when it looks like a reference; else the grammar's."""
    if grammar.tagger is None or parsed[1]:
        return parsed
    tagged = grammar.tagger.tag(text)
    if not grammar.tagger.accepts(tagged):
        return parsed
    reading = _from_tagged(text, tagged.fields, grammar)
    if reading.outlet and grammar.tail.date_cue.match(reading.outlet):
        return parsed  # "Accessed May" is no outlet: the tagger misread an access date
    reading.date_raw = reading.date_raw or parsed[0].date_raw  # the grammar's date where the tagger found none
    return reading, ""


_AUTHOR_EDITOR_MARK = re.compile(r",?\s*\(?\b(?:eds?|editors?)\b\.?\)?[,.]?\s*$", re.IGNORECASE)


def _from_tagged(text: str, fields: dict[str, str], grammar: CitationGrammar) -> ParsedSource:
    source = ParsedSource(start=0, end=len(text), raw=text, type="article")
    authors = _AUTHOR_EDITOR_MARK.sub("", fields.get("authors", ""))
    source.authors = parse_authors(authors, grammar.names) or ([authors.strip(" ,.;:")] if authors else [])
    source.title = _clean_title(fields["title"].strip(" ,;:.").strip("“”\"‘’«»'").strip(" ,;:"))
    outlet = grammar.tail.format_mark.sub("", fields.get("outlet", "")).strip(" ,.;:")
    container = grammar.tail.container.match(outlet)  # "In Harbour Essays", "paper presented at the Tide Forum"
    source.outlet = (container.group("name") if container else outlet).strip(" ,.;:") or None
    date = grammar.tail.date_anywhere.search(fields.get("date_raw", ""))
    source.date_raw = date.group(0) if date else None
    numbers = re.findall(r"\d+", fields.get("volume", ""))
    source.volume, source.issue = (numbers + [None, None])[:2]
    pages = re.search(r"\d+(?:\s*[-–]+\s*\d+)?", fields.get("pages", ""))
    source.pages = pages.group(0) if pages else None
    source.url = fields.get("url", "").strip(" ,.;<>") or None
    source.publisher = fields.get("publisher", "").strip(" ,.;:()") or None
    source.place = fields.get("place", "").strip(" ,.;:()") or None
    editors = re.sub(r"^(?:in|In):?\s+|\s*\((?:eds?|editors?)\.?\)|,?\s*eds?\.$", "", fields.get("editors", ""))
    source.editors = [editors.strip(" ,.;:")] if editors.strip(" ,.;:") else []
    if source.volume:
        source.type = "journal"
    elif source.outlet and (source.editors or source.publisher):
        source.type = "chapter"
    elif source.publisher:
        source.type, source.outlet = "book", source.publisher
    return source


_BARE_URL = re.compile(r"(?<![\w/])(?:https?://|www\.)[^\s<>]+?(?=[.,;:)]*(?:\s|$))")


def _legal_sources(text: str, sources: list[ParsedSource], grammar: CitationGrammar) -> list[ParsedSource]:
    """Statute and regulation citations and bare links anywhere in the note (commentary included)
    that no source covers, as documents: "34 U.S.C. §10613" (outlet the code, volume its title,
    pages the section), "P.L. 119-74, 140 Stat. 33", "Clean Harbours Act of 1994 (P.L. 103-322)"
    (title the act's name and its public-law number), executive orders (:func:`_executive_order`),
    a conversation or correspondence with someone on a date ("correspondence with the Harbour
    Board in May 2020": an interview, author the other party), a site the author searched or visited, with the date ("searching for “piers” on Harbours.gov on
    May 2, 2020": outlet the site, the access date), bills and congressional reports "H.R. 12",
    "S. 7", "H.Rept. 118-20" (the title), "Harbour Act §4(b)" (title the act, pages the section),
    "see https://…" (the URL alone)."""
    found = []
    for m in grammar.executive_order.finditer(text):
        parsed = None if any(s.start <= m.start() < s.end for s in sources + found) else parse_citation(text[m.start() :], grammar)
        if parsed is not None:
            source = parsed[0]
            source.start, source.end = m.start() + source.start, m.start() + source.end
            found.append(source)
    for m in grammar.correspondence.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in sources + found):
            found.append(ParsedSource(start=m.start(), end=m.end(), raw=m.group(0), type="interview",
                                      authors=[m.group("who")], date_raw=m.group("date")))
    for m in grammar.site_visit.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in sources + found):
            found.append(ParsedSource(start=m.start("site"), end=m.end(), raw=text[m.start("site") : m.end()], type="document",
                                      outlet=m.group("site"), accessed_raw=m.group("date")))
    for m in _BARE_URL.finditer(text):
        if not any(s.start < m.end() and m.start() < s.end for s in sources + found):
            found.append(ParsedSource(start=m.start(), end=m.end(), raw=m.group(0), type="document", url=m.group(0)))
    sources = sources + found
    for m in grammar.legal.finditer(text):
        if any(s.start < m.end() and m.start() < s.end for s in sources) or _FORMERLY.search(text, 0, m.start()):
            continue  # "(formerly 42 U.S.C. §1971)": where the same law stood before, no work of its own
        source = ParsedSource(start=m.start(), end=m.end(), raw=m.group(0), type="document")
        prefix = "stat_" if m.group("law") else ""
        if m.group("law"):
            law = " ".join(m.group("law").replace("P. L.", "P.L.").split())
            source.title = f"{m.group('act')}, {law}" if m.group("act") else law
        elif m.group("bill"):
            source.title = m.group("bill")
        elif m.group("act_section"):
            source.title, source.pages = m.group("act_name"), m.group("act_section")
        if m.group(f"{prefix}code"):
            source.outlet = m.group(f"{prefix}code")
            source.volume, source.pages = m.group(f"{prefix}volume"), m.group(f"{prefix}section")
        found.append(source)
    return _codified(text, found, grammar)


_FORMERLY = re.compile(r"\b(?:formerly|previously)\s+(?:codified\s+)?(?:at\s+|in\s+)?$", re.IGNORECASE)
_CODIFIED = re.compile(r",?\s+(?:is|are|was|were)\s+codified\s+(?:at|in)\s+$")
_CODE_YEAR = re.compile(r"\s*\((?P<year>\d{4})\)")


def _codified(text: str, found: list[ParsedSource], grammar: CitationGrammar) -> list[ParsedSource]:
    """A law and the code that codifies it are one work: "Harbour Act, P.L. 1-2, is codified at
    52 U.S.C. §§1-9 (2002)" (title the law, outlet, volume and pages the code's, the year its
    date), "the provisions of the Harbour Act are codified at 52 U.S.C. §1" (title the act)."""
    for code in [s for s in found if s.outlet and not s.title]:
        phrase = _CODIFIED.search(text, 0, code.start)
        if phrase is None:
            continue
        law = next((s for s in found if s.title and s.end <= phrase.start() and not text[s.end : phrase.start()].strip(" ,")), None)
        act = next((m for m in grammar.act.finditer(text, 0, phrase.start()) if m.end() == phrase.start()), None)
        if law is None and act is None:
            continue
        if law is not None:
            found.remove(law)
            code.start, code.title = law.start, law.title
        else:
            code.title = act.group("act")
        year = _CODE_YEAR.match(text, code.end)
        if year:
            code.date_raw, code.end = year.group("year"), year.end()
        code.raw = text[code.start : code.end]
    return found


_LEADING_CUE = re.compile(r"(?:and|see also|see|cf\.|also)\s+", re.IGNORECASE)


def _only_names(piece: str, grammar: CitationGrammar) -> bool:
    """Whether ``piece`` is an inverted name such as "Voss, C. R." and nothing else."""
    return "," in piece and _quoted_title(piece, grammar) is None and parse_authors(piece, grammar.names) is not None


def _works(text: str, grammar: CitationGrammar) -> list[tuple[int, int]]:
    """The ``;``-separated pieces of ``text``, stripped, with a piece that is only an author list
    ("Voss, C.; Rasheed, H.; …") or that starts with a number (Vancouver "2009;106:1-9") joined
    to its neighbour — unless the number opens a statute or regulation ("; 12 U.S.C. §4")."""
    spans: list[tuple[int, int]] = []
    for start, end in split_outside_quotes(text, ";", grammar.quote_pairs):
        start, end = _strip_span(text, start, end)
        if start == end:
            continue
        vancouver = text[start].isdigit() and not grammar.legal.match(text, start)
        if spans and (vancouver or _only_names(text[spans[-1][0] : spans[-1][1]], grammar)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


_SENTENCE_START = re.compile(r"(?<![\s.][A-Z])(?<!\b[A-Z][a-z])(?<!\bal)[.!?][”\"’]?\s+(?=[A-Z“\"‘])")
_CLAUSE_START = re.compile(rf"{_SENTENCE_START.pattern}|:\s+(?=[A-Z“\"‘])|\b(?:cited|published|issued|released)\s+by\s+(?:the\s+)?(?=[A-Z])")


def _after_commentary(segment: str, grammar: CitationGrammar) -> tuple[int, tuple[ParsedSource, str] | None]:
    """(start, parse) of the first citation that opens a sentence of ``segment`` after
    commentary, or follows its colon ("The board met twice. Harbour Board, Minutes, May 2, 2019,
    p. 4.", "See the board's minutes: Harbour Board, Minutes, …"): a work the
    grammar reads with a title and a date, link, pages, outlet or publisher; ``(0, None)`` if there
    is none."""
    for boundary in _CLAUSE_START.finditer(segment):
        parsed = parse_citation(segment[boundary.end() :], grammar)
        if parsed is not None:
            source = parsed[0]
            if source.title and (source.date_raw or source.url or source.pages or source.outlet or source.publisher):
                return boundary.end(), parsed
    return 0, None


def _another_date(segment: str, previous: ParsedSource, grammar: CitationGrammar) -> tuple[ParsedSource, str] | None:
    """A piece that opens with a date after a titled work ("Harbour Board, Minutes, May 2019, p. 4,
    and June 2020, p. 9, https://…"): the same work at another date, with the tail read from the
    date; a link it gives also serves the earlier date when that has none."""
    if not previous.title or not re.match(rf"(?:{grammar.tail.date})(?:,|\.?\s*$)", segment.strip(), re.IGNORECASE):
        return None
    text = segment.strip()
    source = ParsedSource(start=0, end=len(text), raw=text, type=previous.type, authors=list(previous.authors), title=previous.title)
    trailing = _parse_after_title(text, source, grammar)
    previous.url = previous.url or source.url
    return _finish(source, text, trailing)


def parse_citations(text: str, base: int, grammar: CitationGrammar) -> tuple[list[ParsedSource], list[str]]:
    """Parse ``;``-separated citations; returns sources (offsets shifted by ``base``) and
    the pieces that are not citations (commentary). The text a citation leaves after itself
    (another citation, or commentary) is parsed next, before the following piece, from a stack of
    pieces still to parse: no input deepens a recursion."""
    sources: list[ParsedSource] = []
    leftovers: list[str] = []
    stack = [(text, base, iter(_works(text, grammar)))]
    while stack:
        text, base, works = stack[-1]
        piece = next(works, None)
        if piece is None:
            stack.pop()
            continue
        start, end = piece
        cue = _LEADING_CUE.match(text, start, end)
        if cue and parse_citation(text[cue.end() : end], grammar) is not None:
            start = cue.end()
        segment = text[start:end]
        parsed = parse_citation(segment, grammar) or (None if grammar.correspondence.search(segment) else _tagged_citation(segment, grammar))
        if parsed is None and sources:
            parsed = _another_date(segment, sources[-1], grammar)
        if parsed is None:
            lead, parsed = _after_commentary(segment, grammar)
            if parsed is None:
                leftovers.append(segment)
                continue
            leftovers.append(segment[:lead].strip())
            start, segment = start + lead, segment[lead:]
        source, trailing = parsed
        source.start, source.end = base + start, base + start + source.end
        sources.append(source)
        if trailing:
            stack.append((trailing, base + start + len(segment) - len(trailing), iter(_works(trailing, grammar))))
    return sources, leftovers


def parse_note(text: str, grammar: CitationGrammar) -> ParsedNote:
    """Parse the text of one endnote (without its ``[N]`` label)."""
    if not text.strip():
        return ParsedNote(kind="empty")
    ibid = grammar.ibid.match(text)
    if ibid:
        rest = text[ibid.end() :]
        pin = grammar.pinpoint.match(rest)
        if pin and pin.group("pin"):
            rest = rest[pin.end() :]
        return ParsedNote(kind="ibid", pinpoint=pin.group("pin") if pin else None, commentary=rest.strip() or None)
    outside = _outside_quotes(text, grammar.quote_pairs)
    cue = next((m for m in grammar.cue.finditer(text) if outside[m.start()]), None)
    if cue is not None:
        lead = text[: cue.start()].strip()
        lead_sources, lead_left = parse_citations(lead, 0, grammar) if lead else ([], [])
        sources, leftovers = parse_citations(text[cue.end() :], cue.end(), grammar)
        if lead_sources and not lead_left:
            sources, commentary = lead_sources + sources, []
        else:
            commentary = [lead.rstrip(";").strip()] if lead else []
    else:
        sources, leftovers = parse_citations(text, 0, grammar)
        commentary = []
    commentary = " ".join(commentary + leftovers).strip() or None
    legal = _legal_sources(text, sources, grammar)
    if legal:
        sources = sorted(sources + legal, key=lambda s: s.start)
        if commentary is None and len(legal) == len(sources):
            commentary = text.strip()
        rest = " ".join(_BARE_URL.sub(" ", grammar.legal.sub(" ", commentary or "")).split()).strip(" .,;")
        if re.fullmatch(r"(?:\W|and\b|or\b)*", rest) or grammar.cue.fullmatch(rest + " "):
            commentary = None  # nothing but the citations (and a cue)
    if not sources:
        return ParsedNote(kind="commentary", commentary=text.strip())
    return ParsedNote(kind="mixed" if commentary else "citation", commentary=commentary, sources=sources)

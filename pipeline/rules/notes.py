"""Parse every endnote block into structured sources.

Each endnote in ``doc._.ctc_endnotes`` is ``{id, n, start, end, raw, kind, commentary, pinpoint,
sources}``; each source carries ``authors``, ``title``, ``outlet`` (as written),
``outlet_canonical``, ``date`` (ISO at the written precision), ``date_raw``, ``date_valid``,
``volume``/``issue``/``pages``/``url``, ``accessed`` (ISO) and ``accessed_raw`` (an access or
retrieval date, never the publication date), ``publisher``, ``place`` and ``editors``, the title's ``language``, its own offsets and raw text,
and ``unparsed`` (what no field took). A source whose title the grammar does not find takes the
first italic span of the markup inside it (book and periodical titles are set in italics) as its
title. Cross-note references (Ibid., short forms) are left to the
linker. Grammar: :mod:`pipeline.rules.citations`; outlets: :mod:`pipeline.rules.outlets`.

A note longer than :data:`MAX_NOTE_CHARS` (label included) is not parsed: it is kept whole as commentary (the
linker reports it as ``note-too-long``), so no input can make the grammar's work grow without bound.
"""

from __future__ import annotations

from .citations import (
    CitationGrammar,
    ParsedNote,
    ParsedSource,
    institution_publishes,
    parse_note,
)
from .language import choose_languages, language_candidates
from .layout import ENDNOTE_LABEL
from .outlets import OutletTable
from .written_dates import DateReader

MAX_NOTE_CHARS = 5_000
"""The longest note the grammar parses (the development set's longest is about 1,300)."""


def endnote_id(doc_id: str, n: int, seen: dict[int, int]) -> str:
    """``{doc_id}:n{n}``; a repeated number gets a ``~k`` suffix so ids stay unique."""
    seen[n] = seen.get(n, 0) + 1
    return f"{doc_id}:n{n}" + (f"~{seen[n]}" if seen[n] > 1 else "")


def parse_with_italics(text: str, grammar: CitationGrammar, italics: list[tuple[int, int]]) -> ParsedNote:
    """:func:`parse_note` of ``text``, using the italic spans of the markup (offsets into ``text``)
    where the grammar finds no title: book and periodical titles are set in italics, so when the
    note has no source, a source without a title, one whose title is an italic span but its first word
    ("Voss, *Harbour Tide Tables*" read as the name "Harbour Voss") or one whose unquoted title holds more than an
    italic span (and does not both open and close with one, or open with one and a subtitle:
    "*Order*: *In the Matter of X*", "*Order*: In the Matter of X" are one title), it is read again with each italic span in quotation marks, and that reading is kept if it gives an italic span as a title. Offsets
    and raw text stay those of ``text``."""
    parsed = parse_note(text, grammar)
    spans = _joined(text, italics)
    titles = {text[s:e].strip(" ,.;:") for s, e in spans}
    cut = any(src.title and any(t.endswith(src.title) and len(t[: -len(src.title)].split()) == 1 for t in titles)
              for src in parsed.sources)  # one word of the italic title read as a given name
    guessed = cut or any(src.title and src.title not in titles and any(t in src.title for t in titles)
                  and not any(src.title.startswith(t) and (src.title[len(t):].lstrip().startswith(":")
                                                           or any(src.title.endswith(u) for u in titles)) for t in titles)
                  and not any(f"{mark}{src.title}" in text for mark in "“\"‘«'") for src in parsed.sources)
    if not spans or parsed.kind == "ibid" or (parsed.sources and all(src.title for src in parsed.sources) and not guessed):
        return parsed
    opens, closes = set(), set()
    for s, e in spans:
        piece = text[s:e]
        opens.add(s + len(piece) - len(piece.lstrip()))
        closes.add(e - len(piece) + len(piece.rstrip(" ,.;:")))
    quoted, origin = [], []  # origin[j]: the index in ``text`` of the quoted text's j-th character
    for i in range(len(text) + 1):
        for mark in ("”" if i in closes else "") + ("“" if i in opens else ""):
            quoted.append(mark)
            origin.append(i)
        if i < len(text):
            quoted.append(text[i])
            origin.append(i)
    origin.append(len(text))
    again = parse_note("".join(quoted), grammar)
    if not any(src.title in titles for src in again.sources):
        return parsed
    for src in again.sources:
        if src.title in titles:
            institution_publishes(src, grammar)  # an italic title stands alone: a book or a report
        src.start, src.end = origin[src.start], origin[src.end]
        src.raw = text[src.start : src.end]
        src.unparsed = _unquoted(src.unparsed)
    again.commentary = _unquoted(again.commentary)
    return again


def with_link_targets(parsed: ParsedNote, text: str, hrefs: list[tuple[int, int, str]]) -> ParsedNote:
    """``parsed`` with the links of the markup (``(start, end, url)`` into ``text``) as evidence
    of where the works are: a source takes the target of the link on its title, else keeps the
    URL its text gives, else takes the target of the first link inside it; a link that no source
    covers (one in commentary: "downloaded from *GitHub*") is a source of its own, its text the
    raw text and its target the URL. An Ibid. note is left alone."""
    if not hrefs or parsed.kind == "ibid":
        return parsed
    found = []
    for s, e, url in hrefs:
        source = next((src for src in parsed.sources if src.start <= s < src.end), None)
        if source is None:
            found.append(ParsedSource(start=s, end=e, raw=text[s:e], type="document", url=url))
        elif source.url is None or text[s:e].strip(" “”\"‘’.,;:") == source.title:
            source.url = url
    if found:
        parsed.sources = sorted(parsed.sources + found, key=lambda src: src.start)
        parsed.kind = "mixed" if parsed.commentary else "citation"
    return parsed


def _joined(text: str, italics: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The italic spans with words in them, sorted; spans apart by white space alone are one span
    (``<em>Drug</em> <em>Courts</em>``, ``*Drug* *Courts*``, or a space the markup left upright)."""
    spans: list[tuple[int, int]] = []
    for s, e in sorted(italics):
        if not text[s:e].strip(" ,.;:"):
            continue
        if spans and not text[spans[-1][1] : s].strip():
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    return spans


def _unquoted(value: str | None) -> str | None:
    return (value.replace("“", "").replace("”", "").strip() or None) if value else None


class EndnoteParser:
    """Turns endnote blocks into endnote dicts (see the module docstring)."""

    def __init__(self, grammar: CitationGrammar, outlets: OutletTable, stopwords: dict, default_language: str | None,
                 dates: DateReader):
        self.grammar = grammar
        self.dates = dates
        self.outlets = outlets
        self.stopwords = {lang: frozenset(words) for lang, words in stopwords.items()}
        self.default_language = default_language

    def source_dict(self, source: ParsedSource, offset: int, source_id: str) -> dict:
        date, valid = self.dates.normalize(source.date_raw) if source.date_raw else (None, None)
        accessed = self.dates.normalize(source.accessed_raw)[0] if source.accessed_raw else None
        return {
            "id": source_id,
            "start": offset + source.start,
            "end": offset + source.end,
            "raw": source.raw,
            "type": source.type,
            "authors": source.authors,
            "title": source.title,
            "outlet": source.outlet,
            "outlet_canonical": None,
            "date": date,
            "date_raw": source.date_raw,
            "date_valid": valid,
            "volume": source.volume,
            "issue": source.issue,
            "pages": source.pages,
            "url": source.url,
            "accessed": accessed,
            "accessed_raw": source.accessed_raw,
            "publisher": source.publisher,
            "place": source.place,
            "editors": source.editors,
            "language": None,
            "unparsed": source.unparsed,
            "short_form_of": None,
        }

    def parse(self, text: str, blocks: list[dict], doc_id: str, italics: list[list[int]] | None = None,
              hrefs: list[list] | None = None) -> list[dict]:
        """The endnotes of ``blocks``; ``italics`` are the document's italic spans and ``hrefs`` its
        links ``[start, end, url]`` (markup hints)."""
        notes, seen = [], {}
        for block in blocks:
            if block["kind"] != "endnote":
                continue
            raw = text[block["start"] : block["end"]]
            label = ENDNOTE_LABEL.match(raw)
            n = int(label.group(1) or label.group(2))
            body_start = block["start"] + label.end()
            body = text[body_start : block["end"]]
            spans = [(s - body_start, e - body_start) for s, e in italics or [] if body_start <= s and e <= block["end"]]
            too_long = len(raw) > MAX_NOTE_CHARS
            links = [(s - body_start, e - body_start, url) for s, e, url in hrefs or [] if body_start <= s and e <= block["end"]]
            parsed = (ParsedNote(kind="commentary", commentary=body.strip()) if too_long
                      else with_link_targets(parse_with_italics(body, self.grammar, spans), body, links))
            note_id = endnote_id(doc_id, n, seen)
            notes.append(
                {
                    "id": note_id,
                    "n": n,
                    "start": block["start"],
                    "end": block["end"],
                    "raw": raw,
                    "kind": parsed.kind,
                    "commentary": parsed.commentary,
                    "pinpoint": parsed.pinpoint,
                    "refers_to": None,
                    "sources": [
                        self.source_dict(s, body_start, f"{note_id}.s{k}") for k, s in enumerate(parsed.sources, 1)
                    ],
                }
            )
        self._annotate([s for note in notes for s in note["sources"]])
        return notes

    def parse_bibliography(self, text: str, blocks: list[dict], doc_id: str, italics: list[list[int]] | None = None) -> list[dict]:
        """The works of the document's bibliography (``bibliography_entry`` blocks), read by the
        note grammar: sources like an endnote's, with ids ``{doc_id}:b{k}``; an entry the grammar
        cannot read as a work gives none. Short forms in the notes may resolve to them."""
        sources: list[dict] = []
        for block in blocks:
            if block["kind"] != "bibliography_entry":
                continue
            entry = text[block["start"] : block["end"]]
            spans = [(s - block["start"], e - block["start"]) for s, e in italics or [] if block["start"] <= s and e <= block["end"]]
            parsed = parse_with_italics(entry, self.grammar, spans)
            if parsed.kind in ("citation", "mixed"):
                sources.extend(self.source_dict(s, block["start"], f"{doc_id}:b{len(sources) + k}") for k, s in enumerate(parsed.sources, 1))
        self._annotate(sources)
        return sources

    def _annotate(self, sources: list[dict]) -> None:
        """Set the canonical outlet and the title language of ``sources``."""
        canonical = self.outlets.canonicalize([s["outlet"] for s in sources if s["outlet"]])
        titled = [s for s in sources if s["title"]]
        languages = choose_languages([language_candidates(s["title"], self.stopwords) for s in titled], self.default_language)
        for source, language in zip(titled, languages, strict=True):
            source["language"] = language
        for source in sources:
            source["outlet_canonical"] = canonical.get(source["outlet"])

"""Parse every endnote block into structured sources.

Each endnote in ``doc._.ctc_endnotes`` is ``{id, n, start, end, raw, kind, commentary, pinpoint,
sources}``; each source carries ``authors``, ``title``, ``outlet`` (as written),
``outlet_canonical``, ``date`` (ISO at the written precision), ``date_raw``, ``date_valid``,
``volume``/``issue``/``pages``/``url``, ``accessed`` (ISO) and ``accessed_raw`` (an access or
retrieval date, never the publication date), ``publisher``, ``place`` and ``editors``, the title's ``language``, its own offsets and raw text,
and ``unparsed`` (what no field took). Cross-note references (Ibid., short forms) are left to the
linker. Grammar: :mod:`pipeline.rules.citations`; outlets: :mod:`pipeline.rules.outlets`.

A note longer than :data:`MAX_NOTE_CHARS` (label included) is not parsed: it is kept whole as commentary (the
linker reports it as ``note-too-long``), so no input can make the grammar's work grow without bound.
"""

from __future__ import annotations

from .citations import CitationGrammar, ParsedNote, ParsedSource, parse_note
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

    def parse(self, text: str, blocks: list[dict], doc_id: str) -> list[dict]:
        notes, seen = [], {}
        for block in blocks:
            if block["kind"] != "endnote":
                continue
            raw = text[block["start"] : block["end"]]
            label = ENDNOTE_LABEL.match(raw)
            n = int(label.group(1) or label.group(2))
            body_start = block["start"] + label.end()
            body = text[body_start : block["end"]]
            too_long = len(raw) > MAX_NOTE_CHARS
            parsed = ParsedNote(kind="commentary", commentary=body.strip()) if too_long else parse_note(body, self.grammar)
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
        sources = [s for note in notes for s in note["sources"]]
        canonical = self.outlets.canonicalize([s["outlet"] for s in sources if s["outlet"]])
        titled = [s for s in sources if s["title"]]
        languages = choose_languages([language_candidates(s["title"], self.stopwords) for s in titled], self.default_language)
        for source, language in zip(titled, languages, strict=True):
            source["language"] = language
        for source in sources:
            source["outlet_canonical"] = canonical.get(source["outlet"])
        return notes

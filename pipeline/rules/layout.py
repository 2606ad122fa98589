"""Segment a document into blocks — title, byline, dateline, headings, body paragraphs, author
bio, endnotes heading, endnotes and site boilerplate, and the zones that are not claims: tables of
contents, bibliographies, author boxes, captions, navigation and data-table rows.

``segment(text, rules)`` is a pure function; the ``ctc_segmenter`` component stores its result on
the ``Doc`` as plain values (character offsets, strings), so docs cross process boundaries.

Rules (``models/segmenter.json``):

- Endnotes start at the first line opening with a label ``[N]`` (or ``N.`` after a "Notes"-style
  heading). Later lines without a label continue the note above them; after a blank line a short
  or boilerplate-like line starts the trailing boilerplate instead.
- A heading is a short line with no closing punctuation, in title case, followed by prose.
- The first line is the title when it is heading-like; a following "By …" line is the byline.
- The author bio is the last body paragraph(s) before the endnotes that open with a person's name
  followed by a verb such as "is"/"has" and mention a profession ("analyst", "fellow", …).
- What the page's markup or metadata says wins over these guesses: ``hints["headings"]`` (the
  offsets of HTML/Markdown headings) are the headings when there are any, ``hints["tables"]``
  data-table rows, ``hints["links"]`` navigation (list items that are only a link), and ``metadata["title"]``/``["authors"]`` the title and authors.
- A heading named in ``zone_headings`` (Contents, Bibliography, Author Information, …) opens a
  zone whose blocks take the zone's kind, up to the next heading followed by prose. Lines
  matching ``caption_patterns`` (Figure 1. …, Source: …) are captions, ``navigation_patterns``
  (Jump to …) navigation, and a date line near the top (``dateline_pattern``) the dateline.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache

from .names import NameShape, name_shape
from .written_dates import normalize_date

ENDNOTE_LABEL = re.compile(r"\s*(?:\[\s*(\d{1,4})\s*\]|(\d{1,4})[.)])\s*")
"""The label opening an endnote block, ``[12]`` or ``12.``; group 1 or 2 is the number."""


_LINE_LABEL = re.compile(r"\s*\[\s*(\d{1,4})\s*\]\s*(?=\S)")
_NUMBERED_LABEL = re.compile(r"\s*(\d{1,4})[.)]\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…][”’\"')\]]*(?:\[[\d,\s–-]+\])*$")
_CLOSING_PUNCT = re.compile(r"[.,;:!”\"]$|\[\d[\d,\s–-]*\]$")


@dataclass
class Block:
    """A zone of the document: ``kind`` and its ``[start, end)`` span (no edge white space)."""

    kind: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass
class Layout:
    """Everything the segmenter finds in one document, as offsets into its text."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    bio: dict | None = None
    sections: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class SegmenterRules:
    """Compiled form of ``models/segmenter.json``."""

    heading_max_words: int
    heading_max_chars: int
    unwrapped_line_chars: int
    endnote_headings: frozenset[str]
    boilerplate: tuple[re.Pattern, ...]
    bio_verbs: frozenset[str]
    bio_keywords: re.Pattern
    minor_words: frozenset[str]
    byline: re.Pattern
    names: NameShape
    zone_headings: dict[str, str]
    captions: tuple[re.Pattern, ...]
    navigation: tuple[re.Pattern, ...]
    dateline: re.Pattern

    def zone_of(self, heading: str) -> str | None:
        """The zone a heading opens (``contents``, ``bibliography``, ``author_box``…), if any."""
        return self.zone_headings.get(" ".join(heading.rstrip(":").split()).lower())

    @classmethod
    def from_data(cls, data: dict, names: dict) -> SegmenterRules:
        return cls(
            heading_max_words=data["heading_max_words"],
            heading_max_chars=data["heading_max_chars"],
            unwrapped_line_chars=data["unwrapped_line_chars"],
            endnote_headings=frozenset(data["endnote_headings"]),
            boilerplate=tuple(re.compile(p, re.IGNORECASE) for p in data["boilerplate_patterns"]),
            bio_verbs=frozenset(data["bio_verbs"]),
            bio_keywords=re.compile(r"\b(?:%s)\b" % "|".join(re.escape(k) for k in data["bio_keywords"]), re.IGNORECASE),
            minor_words=frozenset(data["minor_title_words"]),
            byline=re.compile(data["byline_pattern"], re.IGNORECASE),
            names=name_shape(names),
            zone_headings={h: zone for zone, headings in data["zone_headings"].items() for h in headings},
            captions=tuple(re.compile(p, re.IGNORECASE) for p in data["caption_patterns"]),
            navigation=tuple(re.compile(p, re.IGNORECASE) for p in data["navigation_patterns"]),
            dateline=_dateline_pattern(data["dateline_pattern"]),
        )


@cache
def _dateline_pattern(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


DATELINE_LINES = 8
"""How many lines from the top a dateline may stand."""


def dateline_date(text: str, data: dict) -> str | None:
    """The ISO date (as precise as written) of a dateline ("Updated January 15, 2026") among
    the first lines of ``text``; ``data`` is ``segmenter.json``. ``None`` if there is none."""
    pattern = _dateline_pattern(data["dateline_pattern"])
    for line in [line.strip() for line in text.split("\n") if line.strip()][:DATELINE_LINES]:
        match = pattern.match(line)
        if match:
            value, valid = normalize_date(match.group("date"))
            return value if valid else None
    return None


@dataclass
class _Line:
    start: int
    end: int
    text: str
    group: int


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with their stripped spans; ``group`` counts blank-line-separated groups."""
    lines, group, pos, blank_before = [], 0, 0, False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            if blank_before and lines:
                group += 1
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(pos + lead, pos + lead + len(stripped), stripped, group))
            blank_before = False
        else:
            blank_before = True
        pos += len(raw) + 1
    return lines


def is_boilerplate(line: str, rules: SegmenterRules) -> bool:
    return any(p.search(line) for p in rules.boilerplate)


def is_heading_like(line: str, rules: SegmenterRules) -> bool:
    """A short title-case line without closing punctuation or footnote markers."""
    words = line.split()
    if not words or len(words) > rules.heading_max_words or len(line) > rules.heading_max_chars:
        return False
    if _CLOSING_PUNCT.search(line) or not (line[0].isupper() or line[0].isdigit() or line[0] in "“\"'‘"):
        return False
    content = [w for w in words[1:] if w.lower().strip("“”\"'‘’(),:") not in rules.minor_words]
    capitalised = sum(1 for w in content if w.lstrip("“\"'‘(")[:1].isupper() or w[:1].isdigit())
    return not content or capitalised / len(content) >= 0.6


def _is_endnote_heading(line: str, rules: SegmenterRules) -> bool:
    return line.rstrip(":").strip().lower() in rules.endnote_headings


def _endnote_zone_start(lines: list[_Line], rules: SegmenterRules) -> tuple[int, bool]:
    """Index of the first endnote line (len(lines) if none) and whether a notes heading precedes it."""
    for i, line in enumerate(lines):
        if _is_endnote_heading(line.text, rules) and i + 1 < len(lines):
            following = lines[i + 1].text
            if _LINE_LABEL.match(following) or _NUMBERED_LABEL.match(following):
                return i, True
        if _LINE_LABEL.match(line.text):
            return i, False
    return len(lines), False


def person_at_start(sentence: str, rules: SegmenterRules) -> str | None:
    """The name opening a sentence like "Jane Q. Doe is a fellow at …", or ``None``."""
    words = sentence.split()
    for i, word in enumerate(words[:8]):
        if word.rstrip(",") in rules.bio_verbs and i > 0:
            candidate = " ".join(words[:i]).rstrip(",")
            return rules.names.strip_honorifics(candidate) if rules.names.is_person_name(candidate) else None
    return None


def _is_bio(paragraph: str, rules: SegmenterRules) -> bool:
    return person_at_start(paragraph, rules) is not None and rules.bio_keywords.search(paragraph) is not None


def _bio_authors(bio_text: str, rules: SegmenterRules) -> list[str]:
    authors: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", bio_text):
        name = person_at_start(sentence, rules)
        if name and not any(name.split()[-1] == a.split()[-1] for a in authors):
            authors.append(name)
    return authors


def _paragraphs(lines: list[_Line], rules: SegmenterRules, headings: set[tuple[int, int]] | None = None) -> list[tuple[str, int, int]]:
    """Split body lines into ("heading"|"body", start, end) blocks.

    Lines longer than ``unwrapped_line_chars`` are paragraphs of their own; shorter lines of one
    group are a hard-wrapped paragraph, unless a heading-like line follows a finished sentence.
    ``headings`` (spans from the markup), when given, are the headings instead of that guess.
    """
    blocks: list[list] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        new_group = prev is None or prev.group != line.group
        prev_done = prev is None or new_group or _SENTENCE_END.search(prev.text) is not None
        followed_by_prose = nxt is not None and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text[:1] in "“\"'‘")
        if (line.start, line.end) in headings if headings else prev_done and is_heading_like(line.text, rules) and followed_by_prose:
            blocks.append(["heading", line.start, line.end])
            continue
        continues = (
            blocks
            and blocks[-1][0] == "body"
            and not new_group
            and len(prev.text) <= rules.unwrapped_line_chars
            and len(line.text) <= rules.unwrapped_line_chars
        )
        if continues:
            blocks[-1][2] = line.end
        else:
            blocks.append(["body", line.start, line.end])
    return [tuple(b) for b in blocks]


def _is_prose(text: str, rules: SegmenterRules) -> bool:
    """A paragraph of running text, not a list entry: a finished sentence of some length."""
    return len(text) > 2 * rules.heading_max_chars or (_SENTENCE_END.search(text) is not None and len(text.split()) >= 10)


ZONE_KINDS = {"bibliography": "bibliography_entry"}
"""The block kind of a zone's entries, where it is not the zone's name."""


def _zones(blocks: list[Block], text: str, rules: SegmenterRules, tables: set[tuple[int, int]], links: set[tuple[int, int]],
           hinted: bool) -> None:
    """Give the blocks of non-claim zones their kind (see the module docstring), in place. A
    line that names a zone opens it even when nothing marked it as a heading; a heading from the
    markup (``hinted``) closes it, a guessed one only when prose follows it."""
    zone = None
    for i, block in enumerate(blocks):
        line = text[block.start : block.end]
        opened = rules.zone_of(line) if block.kind in ("heading", "body") else None
        if opened and not (zone == "contents" and block.kind == "body"):  # a contents list names sections too
            zone, block.kind = opened, "heading"
            continue
        if block.kind == "heading":
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if zone and not hinted and not (nxt is not None and nxt.kind == "body" and _is_prose(text[nxt.start : nxt.end], rules)):
                block.kind = ZONE_KINDS.get(zone, zone)
            else:
                zone = None
            continue
        if block.kind != "body":
            continue
        if zone == "contents" and _is_prose(line, rules):
            zone = None
        if zone:
            block.kind = ZONE_KINDS.get(zone, zone)
        elif (block.start, block.end) in tables:
            block.kind = "table"
        elif (block.start, block.end) in links or any(p.search(line) for p in rules.navigation):
            block.kind = "navigation"
        elif any(p.search(line) for p in rules.captions):
            block.kind = "caption"
        elif is_boilerplate(line, rules):
            block.kind = "boilerplate"


def _same_title(line: str, title: str) -> bool:
    """Whether a line is the metadata's title (which may carry the site's name after it)."""
    squash = lambda t: re.sub(r"\W+", "", t).casefold()  # noqa: E731
    return bool(squash(line)) and squash(title).startswith(squash(line))


def _head(lines: list[_Line], zone: int, layout: Layout, rules: SegmenterRules, title: str | None, hinted: bool) -> int:
    """Mark the document's head — boilerplate, navigation, title, bylines, dateline — and return
    the index of its first body line."""
    head = 0
    def skip(kinds_allowed: bool) -> None:
        nonlocal head
        while head < zone:
            line = lines[head].text
            kind = ("boilerplate" if is_boilerplate(line, rules) else "navigation" if any(p.search(line) for p in rules.navigation)
                    else "dateline" if kinds_allowed and rules.dateline.match(line) else None)
            if kind is None:
                return
            layout.blocks.append(Block(kind, lines[head].start, lines[head].end))
            head += 1

    skip(False)
    first = lines[head] if head < zone else None
    if first is not None and title is not None and _same_title(first.text, title):
        layout.title = first.text
        layout.blocks.append(Block("title", first.start, first.end))
        head += 1
    elif first is not None and head + 1 < zone and title is None and is_heading_like(first.text, rules) and (
            not hinted or head == 0):
        layout.title = first.text
        layout.blocks.append(Block("title", first.start, first.end))
        head += 1
    for _ in range(4):
        skip(True)
        match = rules.byline.match(lines[head].text) if head < zone else None
        names = rules.names.split_names(match.group("names")) if match else None
        if not names:
            break
        layout.authors.extend(names)
        layout.blocks.append(Block("byline", lines[head].start, lines[head].end))
        head += 1
    skip(True)
    return head


def segment(text: str, rules: SegmenterRules, metadata: dict | None = None, hints: dict | None = None) -> Layout:
    """Segment ``text`` into blocks (see the module docstring for the rules); ``metadata`` and
    ``hints`` are what the page's markup says (see :class:`pipeline.ingest.read.SourceDocument`)."""
    metadata, hints = metadata or {}, hints or {}
    lines = _lines(text)
    layout = Layout(title=metadata.get("title"))
    zone, has_notes_heading = _endnote_zone_start(lines, rules)
    headings = {tuple(h) for h in hints.get("headings", [])}
    head = _head(lines, zone, layout, rules, layout.title, bool(headings))
    if metadata.get("authors"):
        layout.authors = list(metadata["authors"])

    body = [Block(kind, s, e) for kind, s, e in _paragraphs(lines[head:zone], rules, headings)]
    _zones(body, text, rules, {tuple(t) for t in hints.get("tables", [])}, {tuple(t) for t in hints.get("links", [])}, bool(headings))
    tail_bodies = [b for b in body if b.kind == "body"][-2:]
    for block in reversed(tail_bodies):
        if not _is_bio(text[block.start : block.end], rules):
            break
        block.kind = "bio"
    bios = [b for b in body if b.kind == "bio"]
    if bios:
        bio_text = text[bios[0].start : bios[-1].end]
        layout.bio = {"text": bio_text, "start": bios[0].start, "end": bios[-1].end}
        if not layout.authors:
            layout.authors = _bio_authors(bio_text, rules)
    layout.blocks.extend(body)
    layout.blocks.extend(_endnote_blocks(lines[zone:], has_notes_heading, rules))
    layout.sections = _sections(text, layout.blocks)
    return layout


def _endnote_blocks(lines: list[_Line], has_heading: bool, rules: SegmenterRules) -> list[Block]:
    blocks: list[Block] = []
    in_boilerplate = False
    for i, line in enumerate(lines):
        if i == 0 and has_heading:
            blocks.append(Block("endnotes_heading", line.start, line.end))
            continue
        labelled = _LINE_LABEL.match(line.text) or (has_heading and _NUMBERED_LABEL.match(line.text))
        if labelled and not in_boilerplate:
            blocks.append(Block("endnote", line.start, line.end))
            continue
        after_blank = i > 0 and lines[i - 1].group != line.group
        short = len(line.text.split()) <= 12
        if in_boilerplate or is_boilerplate(line.text, rules) or not blocks or (after_blank and short):
            in_boilerplate = True
            blocks.append(Block("boilerplate", line.start, line.end))
        else:
            blocks[-1].end = line.end
    return blocks


def _sections(text: str, blocks: list[Block]) -> list[dict]:
    """Sections of the body: an untitled one before the first heading, then one per heading."""
    sections: list[dict] = []
    for block in blocks:
        if block.kind == "heading":
            sections.append({"title": text[block.start : block.end], "start": block.start, "end": block.end})
        elif block.kind == "body":
            if not sections:
                sections.append({"title": None, "start": block.start, "end": block.end})
            sections[-1]["end"] = block.end
    return sections


def document_id(text: str) -> str:
    """Stable id of a document, derived from its normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

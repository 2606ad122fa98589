"""Input formats: what a converter (:mod:`.markdown`, :mod:`.html`) hands back, and which one a
file name or a format name picks.

A converter turns a page into :class:`Converted`: the document as blocks in reading order —
``title``, ``heading``, ``body``, ``note`` (already ``[N] text``), ``table`` (a row of a
data table) and ``link`` (a list item that is only a link) — each with the italic spans inside it, plus the page's metadata (title, authors,
publication date; ``None`` when the page does not say). :mod:`.read` joins the blocks with
blank lines into the plain-text layout the segmenter reads; the headings and italics become
offsets into that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FORMATS = {"txt": "text", "md": "markdown", "html": "html"}
"""``--format`` names and the format each stands for."""
SUFFIXES = {
    ".txt": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
"""File suffixes (compared in lower case) and their format."""
SUPPORTED = ".txt, .md, .html"
"""The suffixes an error message names (``.htm``, ``.xhtml`` and ``.markdown`` are read too)."""
UNSUPPORTED = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls", ".xlsx", ".ppt", ".pptx")
"""Document formats a user may well give by name and this pipeline cannot read."""
UNSUPPORTED_MAGIC = {b"%PDF": ".pdf", b"PK\x03\x04": ".docx", b"\xd0\xcf\x11\xe0": ".doc", b"{\\rtf": ".rtf"}
"""Leading bytes of those formats, for a file whose name does not say."""


@dataclass
class Block:
    """One block of a converted page: ``kind``, its text on one line, the ``[start, end)``
    spans of italic text within it and, for a note, its links to other pages ``(start, end, url)``
    (the link's text and its target)."""

    kind: str
    text: str
    italics: list[tuple[int, int]] = field(default_factory=list)
    hrefs: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Converted:
    """A converted page: its blocks and metadata (``title``, ``authors``, ``published``)."""

    blocks: list[Block]
    metadata: dict


RUN_ON_LEAD = re.compile(r"[a-z]$")
"""A paragraph that stops on a lower-case word, with no punctuation: its sentence goes on."""
RUN_ON_ITEM = re.compile(r"^[a-z(].*(?:[,;]|[,;]?\s(?:and|or))$")
"""A list item that carries the sentence on: lower-case start, ``,``/``;``/``and``/``or`` end."""
RUN_ON_LAST = re.compile(r"^[a-z(].*[.!?][”\"’)]?(?:\[[\d,\s–-]+\])*$")
"""The item that ends the sentence (with its markers)."""


def join_run_on(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each sentence that runs on into a list ("… a model involving" / "screening,"
    / "supervision, and" / "treatment.[8]") joined into one ``body`` block, as it is read; a run
    that never reaches its full stop is left as it is."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block, end = blocks[i], i + 1
        if block.kind == "body" and RUN_ON_LEAD.search(block.text):
            while end < len(blocks) and blocks[end].kind == "body" and RUN_ON_ITEM.match(blocks[end].text):
                end += 1
            if end > i + 1 and end < len(blocks) and blocks[end].kind == "body" and RUN_ON_LAST.match(blocks[end].text):
                text, italics = block.text, list(block.italics)
                for part in blocks[i + 1:end + 1]:
                    italics += [(s + len(text) + 1, e + len(text) + 1) for s, e in part.italics]
                    text += " " + part.text
                out.append(Block("body", text, italics))
                i = end + 1
                continue
        out.append(block)
        i += 1
    return out


def empty_metadata() -> dict:
    return {"title": None, "authors": [], "published": None}


def format_of(source_path: str) -> str | None:
    """``text``, ``markdown`` or ``html`` by the file's suffix (any case); ``None`` if unknown."""
    return SUFFIXES.get(Path(source_path).suffix.lower())


def unsupported(data: bytes, source_path: str) -> str | None:
    """The suffix of a document format the pipeline cannot read, by name or by leading bytes."""
    suffix = Path(source_path).suffix.lower()
    if suffix in UNSUPPORTED:
        return suffix
    return next((kind for magic, kind in UNSUPPORTED_MAGIC.items() if data.startswith(magic)), None)


def sniff(text: str) -> str:
    """``html`` when text read without a name (standard input) starts like an HTML page, else ``text``."""
    head = text.lstrip()[:512].lower()
    return "html" if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<div" in head[:64] else "text"


def convert(text: str, fmt: str, note_headings: frozenset[str]) -> Converted:
    """The blocks and metadata of a Markdown or HTML page."""
    if fmt == "markdown":
        from .markdown import markdown_blocks

        return markdown_blocks(text)
    from .html import html_blocks

    return html_blocks(text, note_headings)

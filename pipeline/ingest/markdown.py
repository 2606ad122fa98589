"""Markdown → :class:`~.formats.Converted` blocks, parsed by markdown-it-py (CommonMark with
tables) and mdit-py-plugins (footnotes, front matter).

- YAML front matter gives the metadata (``title``; ``author``/``authors``; ``date``,
  ``published`` or ``publication_date``) and never reaches the text;
- headings (``#``…``######``, closing ``#``s too) are headings; paragraphs, list items and
  block quotes are paragraphs (a list item that is nothing but a link is a ``link``: tables of
  contents, lists of resources); a table of notes (first cell a number) gives notes, any other
  table ``table`` rows;
- markers: footnote references ``[^12]``, numbered as a reader sees them (in the order of
  their first reference, whatever the labels), links whose text is a number and whose target is
  a note (``[12](…#fn12)``), ``<sup>12</sup>`` and ``[12]`` as written; definitions ``[^12]: …``
  come back after the text as ``[N] …`` notes under the same numbers;
- emphasis and links keep their text (italic spans are recorded), a backtick inside a word is a
  letter (romanised Arabic: al-Qa`ida), not a code span; entities are decoded, inline
  HTML tags (``<u>``, ``<sup>``) are dropped and an HTML block (``<center>Notes</center>``)
  keeps its text; Liquid template tags (``{% … %}``, ``{{ … }}``) are dropped.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..rules.resources import load_json
from ..rules.written_dates import normalize_date
from .formats import Block, Converted, empty_metadata

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin).use(footnote_plugin)
_PARSER.disable("text_join")
_PARSER.inline.ruler2.disable("fragments_join")
"""Unjoined, an emphasis delimiter left unmatched stays a text token of its own (below)."""
STRAY = "\ue000"
"""Stands for an unmatched ``*`` until its neighbours are known: converters leave runs such as
``*Title**: Subtitle*`` or ``Nation**wide`` from adjacent ``<em>`` elements; such an asterisk
touching a word is dropped, one between spaces (``2 * 3``) is kept."""
MARKER = re.compile(r"^\s*\[?\s*(\d{1,4}(?:\s*[-–,]\s*\d{1,4})*)\s*\]?\s*$")
NOTE_NUMBER = re.compile(r"^\s*(?:\[\s*(\d{1,4})\s*\][.):]?|(\d{1,4})[.):])\s*$")
"""The first cell of a row of a notes table: ``[12]``, ``[12].`` (a linked number) or ``12.``."""
LIQUID_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
"""Jekyll/Liquid template tags (``{% include figure.html … %}``, ``{{ site.baseurl }}``): what
the site's templates put there is not the document's text, so the tags are dropped."""
IN_WORD_BACKTICK = re.compile(r"(?<=\w)`(?=\w)")
EMPHASISED_PUNCTUATION = re.compile(r"(?<=[\w*_])([*_])([,.;:])\1")
"""``Strategy*,*``: emphasis on a punctuation mark alone (left by converters), which CommonMark
cannot open; the mark is kept, the asterisks dropped."""
TITLE_KEYS, AUTHOR_KEYS, DATE_KEYS = ("title",), ("author", "authors", "creator"), ("date", "published", "publication_date", "pubdate")


def front_matter(source: str) -> dict:
    """The ``key: value`` pairs of YAML front matter (scalars, ``[a, b]`` and ``- item`` lists,
    block scalars ``key: |`` / ``key: >`` whose indented lines are joined by spaces); enough YAML
    for metadata, without a YAML library."""
    data: dict = {}
    key, block = None, False
    for line in source.splitlines():
        if block and (line[:1].isspace() or not line.strip()):
            data[key] = " ".join(f"{data[key]} {line.strip()}".split())
            continue
        block = False
        item = re.match(r"^\s+-\s+(.*)$", line) or re.match(r"^-\s+(.*)$", line)
        if item and key is not None:
            data[key] = [*(data[key] if isinstance(data[key], list) else []), _scalar(item.group(1))]
            continue
        pair = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if pair:
            key, value = pair.group(1).lower(), pair.group(2).strip()
            if re.fullmatch(r"[|>][-+]?", value):
                data[key], block = "", True
                continue
            inline = re.fullmatch(r"\[(.*)\]", value)
            data[key] = [_scalar(v) for v in inline.group(1).split(",") if v.strip()] if inline else _scalar(value) if value else []
    return data


def _scalar(value: str) -> str:
    value = value.split(" #")[0].strip()
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value


def _metadata(data: dict) -> dict:
    metadata = empty_metadata()
    title = next((data[k] for k in TITLE_KEYS if isinstance(data.get(k), str) and data[k]), None)
    authors = next((data[k] for k in AUTHOR_KEYS if data.get(k)), [])
    date = next((data[k] for k in DATE_KEYS if isinstance(data.get(k), str) and data[k]), None)
    metadata["title"] = title
    metadata["authors"] = [a for a in (authors if isinstance(authors, list) else re.split(r"\s*(?:;|\band\b)\s*", authors)) if a]
    if date:
        iso = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?=$|[T ])", date)
        metadata["published"] = iso.group(0) if iso else normalize_date(date)[0]
    return metadata


class _Inline:
    """Renders the children of an inline token: text, italic spans, markers."""

    def __init__(self, note_anchor: re.Pattern):
        self.note_anchor = note_anchor
        self.linked: list[str] = []
        """The link texts of the token rendered last."""
        self.own_pages: set[str] = set()
        """The pages the note markers link to (the document's own address)."""

    def only_links(self, text: str) -> bool:
        """Whether ``text`` (the last rendered) is nothing but link text: a list of links."""
        return bool(self.linked) and "".join("".join(self.linked).split()) == "".join(text.split())

    def render(self, token) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]:
        """The text, its italic spans and its links to other pages ``(start, end, url)``."""
        self.linked = []
        out, italics, italic_start, link, sup, hrefs = [], [], [], None, None, []
        for child in token.children or []:
            kind = child.type
            target = sup if sup is not None else link[1] if link is not None else out
            if kind == "text" and child.content and not child.content.strip("*"):
                target.append(STRAY * len(child.content))
            elif kind in ("text", "text_special", "code_inline"):
                target.append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                target.append(" ")
            elif kind == "em_open":
                italic_start.append(len("".join(out)))
            elif kind == "em_close" and italic_start:
                italics.append((italic_start.pop(), len("".join(out))))
            elif kind == "footnote_ref":
                out.append(f"[{child.meta['id'] + 1}]")
            elif kind == "link_open":
                link = (child.attrs.get("href", ""), [])
            elif kind == "link_close" and link is not None:
                href, words = link[0], "".join(link[1])
                number = MARKER.match(words)
                fragment = href.rpartition("#")[2] if "#" in href else ""
                if number and fragment and self.note_anchor.search(fragment):
                    out.append(f"[{number.group(1)}]")
                    self.own_pages.add(href.partition("#")[0])
                else:
                    start = len("".join(out))
                    out.append(words)
                    self.linked.append(words)
                    if href.lower().startswith(("http://", "https://")) and words.strip():
                        hrefs.append((start, start + len(words), href))
                link = None
            elif kind == "html_inline":
                tag = child.content.lower()
                if tag.startswith("<sup"):
                    sup = []
                elif tag.startswith("</sup") and sup is not None:
                    words, sup = "".join(sup), None
                    number = MARKER.match(words)
                    out.append(f"[{number.group(1)}]" if number else words)
            elif kind == "image":
                continue
        text, spans = _collapse("".join(out), italics + [(s, e) for s, e, _ in hrefs])
        links = [(s, e, url) for (s, e), (_, _, url) in zip(spans[len(italics) :], hrefs, strict=True) if s < e]
        return text, [(s, e) for s, e in spans[: len(italics)] if s < e], links


def _collapse(text: str, italics: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with runs of white space collapsed, stray asterisks resolved and ends stripped,
    spans moved along (one for each, empty ones too)."""
    kept, new_index = [], []
    for i, c in enumerate(text):
        new_index.append(len(kept))
        if c == STRAY:
            if text[i - 1:i].strip() == "" and text[i + 1:i + 2].strip() == "":
                kept.append("*")
        elif c.isspace():
            if kept and kept[-1] != " ":
                kept.append(" ")
        else:
            kept.append(c)
    new_index.append(len(kept))
    result = "".join(kept)
    stripped = result.strip()
    lead = len(result) - len(result.lstrip())
    return stripped, [(max(0, new_index[s] - lead), min(len(stripped), new_index[e] - lead)) for s, e in italics]


def _html_text(content: str) -> str:
    try:
        return " ".join(lxml_html.fromstring(content).text_content().split())
    except Exception:  # noqa: BLE001 - an HTML fragment lxml cannot read is dropped
        return ""


def markdown_blocks(source: str) -> Converted:
    """Blocks and metadata of a Markdown document (see the module docstring)."""
    source = LIQUID_TAG.sub("", source)
    tokens = _PARSER.parse(EMPHASISED_PUNCTUATION.sub(r"\2", IN_WORD_BACKTICK.sub(r"\\`", source)))
    anchor = re.compile(load_json("html.json")["note_anchor"], re.IGNORECASE)
    inline = _Inline(anchor)
    metadata = empty_metadata()
    blocks, notes, row = [], [], None
    note, in_heading, in_table, lists = None, False, False, 0
    for token in tokens:
        kind = token.type
        if kind == "front_matter":
            metadata = _metadata(front_matter(token.content))
        elif kind == "footnote_open":
            note = [token.meta["id"] + 1, [], [], []]
        elif kind == "footnote_close" and note is not None:
            n = len(f"[{note[0]}] ")
            notes.append(Block("note", f"[{note[0]}] " + " ".join(note[1]), [(s + n, e + n) for s, e in note[2]],
                               [(s + n, e + n, url) for s, e, url in note[3]]))
            note = None
        elif kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif kind == "table_open":
            in_table = True
        elif kind == "table_close":
            in_table = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            cells = [c for c in row if c[0]]
            number = NOTE_NUMBER.match(cells[0][0]) if len(cells) > 1 else None
            if number:
                text, italics, hrefs = cells[1]
                n = len(prefix := f"[{number.group(1) or number.group(2)}] ")
                notes.append(Block("note", prefix + text, [(s + n, e + n) for s, e in italics], [(s + n, e + n, url) for s, e, url in hrefs]))
            elif cells:
                blocks.append(Block("table", " | ".join(c[0] for c in cells)))
            row = None
        elif kind == "inline":
            text, italics, hrefs = inline.render(token)
            if note is not None:
                shift = sum(len(t) + 1 for t in note[1])
                note[1].append(text)
                note[2].extend((s + shift, e + shift) for s, e in italics)
                note[3].extend((s + shift, e + shift, url) for s, e, url in hrefs)
            elif in_table and row is not None:
                row.append((text, italics, hrefs))
            elif text:
                kind = "heading" if in_heading else "link" if lists and inline.only_links(text) else "body"
                blocks.append(Block(kind, text.rstrip("#").rstrip() if in_heading else text, italics))
        elif kind == "html_block":
            text = _html_text(token.content)
            if text:
                heading = re.match(r"\s*<(center|h[1-6])\b", token.content, re.IGNORECASE) is not None and len(text) <= 120
                blocks.append(Block("heading" if heading else "body", text))
    for block in notes:  # a link to a part of the document itself ("see the “Grants” section") cites no work
        block.hrefs = [h for h in block.hrefs if "#" not in h[2] or h[2].partition("#")[0] not in inline.own_pages]
    return Converted(blocks + notes, metadata)

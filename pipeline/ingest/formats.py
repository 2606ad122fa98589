"""Input formats: Markdown and HTML pages turned into the plain-text layout the segmenter reads.

Blocks (title, headings, paragraphs, endnotes) come out separated by blank lines, footnote
markers as ``[N]`` and endnotes as ``[N] text`` lines; the result is the document ``text`` that
every record's offsets index into.

- **Markdown**: ``#`` headings, footnote references ``[^12]`` (or ``[12]``) and definitions
  ``[^12]: …`` (indented continuation lines included), emphasis, links and list markers removed.
- **HTML**: text extraction is trafilatura's, which drops navigation, sharing widgets, scripts
  and site boilerplate. It would also drop what citations need, so the page is prepared first
  (lxml): superscript markers (``<sup><a href="#n12">12</a></sup>``) become ``[12]``, and the
  endnote list — the ordered list whose items the markers link to, or the one after a
  "Notes"-style heading — becomes paragraphs ``[N] …``.
"""

from __future__ import annotations

import re

from lxml import etree, html

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

_MD_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:\s?(.*)$")
_MD_REFERENCE = re.compile(r"\[\^([^\]]+)\]")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(?<!\^)\[([^\]^][^\]]*)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),
]
_MD_LINE_START = re.compile(r"^(?:\s{0,3}>\s?|\s*[-*+]\s+|\s*\d+[.)]\s+(?=\S))")


def _inline(text: str) -> str:
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


def markdown_to_text(source: str) -> str:
    """Plain-text layout of a Markdown article (see the module docstring)."""
    blocks: list[list[str]] = [[]]
    notes: dict[str, list[str]] = {}
    current_note: str | None = None
    for line in source.splitlines():
        definition = _MD_DEFINITION.match(line)
        if definition:
            current_note = definition.group(1)
            notes[current_note] = [definition.group(2)]
            continue
        if current_note is not None and (line.startswith(("    ", "\t")) or not line.strip()):
            if line.strip():
                notes[current_note].append(line.strip())
            continue
        current_note = None
        heading = _MD_HEADING.match(line)
        if heading:
            blocks.extend([[heading.group(1)], []])
        elif not line.strip():
            blocks.append([])
        elif not re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):
            blocks[-1].append(_MD_LINE_START.sub("", line).rstrip())
    numbers = {label: label if label.isdigit() else str(i) for i, label in enumerate(notes, 1)}
    paragraphs = ["\n".join(_inline(line) for line in block) for block in blocks if block]
    text = "\n\n".join(_MD_REFERENCE.sub(lambda m: f"[{numbers.get(m.group(1), m.group(1))}]", p) for p in paragraphs)
    endnotes = [f"[{numbers[label]}] {_inline(' '.join(lines)).strip()}" for label, lines in notes.items()]
    return text + ("\n\n" + "\n\n".join(endnotes) if endnotes else "") + "\n"


def _number(element) -> str | None:
    digits = re.fullmatch(r"\s*\[?\s*(\d{1,4})\s*\]?\s*", element.text_content() or "")
    return digits.group(1) if digits else None


def _replace(element, text: str) -> None:
    """Put ``text`` where ``element`` stands (keeping what follows it)."""
    parent = element.getparent()
    tail = (text or "") + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def prepare_html(page: str, endnote_headings: frozenset[str]) -> str:
    """The page with markers as ``[N]`` text and the endnote list as ``[N] …`` paragraphs."""
    root = html.fromstring(page)
    targets: dict[str, str] = {}
    for sup in root.xpath("//sup"):
        number = _number(sup)
        if number is None:
            continue
        for link in sup.xpath(".//a[@href]"):
            if link.get("href", "").startswith("#"):
                targets[link.get("href")[1:]] = number
        _replace(sup, f"[{number}]")
    lists = [ol for ol in root.xpath("//ol") if any(li.get("id") in targets for li in ol.xpath("./li"))]
    if not lists:
        for heading in root.xpath("//h1|//h2|//h3|//h4|//h5|//h6|//p[strong]"):
            if heading.text_content().strip().rstrip(":").lower() in endnote_headings:
                following = heading.xpath("following::ol[1]")
                lists.extend(following[:1])
    for ol in lists:
        start = int(ol.get("start", "1"))
        for offset, li in enumerate(ol.xpath("./li")):
            number = targets.get(li.get("id"), str(start + offset))
            paragraph = etree.Element("p")
            body = re.sub(r"^\s*\[?\d{1,4}\]?[.)]?\s+", "", " ".join(li.text_content().split()))
            body = re.sub(r"\s*[↑^]\s*$", "", body)
            paragraph.text = f"[{number}] {body}"
            ol.addprevious(paragraph)
        ol.getparent().remove(ol)
    return html.tostring(root, encoding="unicode")


def html_to_text(page: str, endnote_headings: frozenset[str]) -> str:
    """Plain-text layout of an article page (see the module docstring)."""
    import trafilatura

    prepared = prepare_html(page, endnote_headings)
    extracted = trafilatura.extract(prepared, output_format="xml", with_metadata=True, favor_recall=True,
                                    include_tables=False, include_comments=False, include_formatting=False)
    if not extracted:
        return ""
    document = etree.fromstring(extracted.encode("utf-8"))
    blocks = []
    main = document.find("main")
    for element in list(main.iter("head", "p", "item", "quote")) if main is not None else []:
        if element.tag == "p" and element.getparent() is not None and element.getparent().tag == "quote":
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"

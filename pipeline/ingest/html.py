"""HTML pages → :class:`~.formats.Converted` blocks.

Text extraction is trafilatura's (tables and formatting on), which drops navigation, sharing
widgets, scripts and site boilerplate. It would also drop or garble what citations need, so the
page is prepared first with lxml (rules in ``models/html.json``):

- **markers** — ``<sup>`` holding a number, a range or a list (``12``, ``[12]``, ``4–6``,
  ``4, 5``), with or without a link, and a bare link to a note (``<a href="#fn12">12</a>``)
  become ``[12]`` text;
- **notes** — the elements the markers link to (by ``id`` or ``name``: a list item, a table row,
  a paragraph), the items of a footnote container (``section/div/aside.footnotes``, Pandoc,
  kramdown, Hugo, WordPress; MediaWiki ``ol.references``), or the list or table after a
  "Notes"-style heading — are taken out of the page, their back-links, carets and ``<style>``
  dropped, and come back after the text as ``[N] …`` blocks, with their italics;
- what a reader does not see is dropped (``display:none``, scripts, styles), and a formula
  image (MediaWiki) is its alt text;
- **tables** of one column (text boxes, figure frames) are unwrapped into their paragraphs, the
  box title as a heading; other tables stay tables, and their rows become ``table`` blocks.

Metadata: title and authors from trafilatura (``<meta>``, JSON-LD, ``<title>``); the publication
date from JSON-LD ``datePublished`` or a ``<meta>`` date, at the precision written, else
trafilatura's reading of the page header (never a date guessed from the text).
"""

from __future__ import annotations

import json
import re
from functools import cache

from lxml import etree, html

from ..rules.resources import load_json
from .formats import Block, Converted, empty_metadata

NOTE_TAGS = ("li", "tr", "dd")
"""Elements that hold one note each; a paragraph or division does when no such element is near."""
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ITALIC_TAGS = ("em", "i", "cite")
DATE_META = ("article:published_time", "citation_publication_date", "dc.date", "dc.date.issued", "dcterms.date",
             "date", "pubdate", "publication_date", "og:published_time", "citation_date")
ISO_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
HEADING_MARK = re.compile(r"^⟦([ha])\d+⟧")
"""Opens the text of a heading turned into a paragraph before extraction (trafilatura drops some
headings, and repeated short paragraphs, and keeps unique ones): ``⟦h12⟧``, numbered so that
repeated headings ("Laws", "Federal Statutes") stay; a sequence real text does not hold. ``⟦a12⟧``
likewise opens a list item that is nothing but links (a table of contents, a list of resources)."""
STRAY_MARK = re.compile(r"⟦[ha]\d+⟧")
BARE_URL = re.compile(r"https?://\S+")
RESOURCE_NAME_WORDS = 12
"""At most this many words before a resource's address in a list item (a name, not a sentence)."""


@cache
def _rules() -> dict:
    data = load_json("html.json")
    return {**data, "marker_text": re.compile(data["marker_text"]), "note_number": re.compile(data["note_number"]),
            "backlink_marks": re.compile(data["backlink_marks"])}


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _replace(replacements: list[tuple[object, str]]) -> None:
    """Put each ``(element, text)``'s text where the element stands, keeping what follows it. The
    text gathered between two children a parent keeps is joined once, however many elements stood
    there (one element at a time, a paragraph of thousands of markers took time quadratic in them)."""
    texts: dict[object, dict] = {}
    for element, text in replacements:
        if element.getparent() is not None:
            texts.setdefault(element.getparent(), {})[element] = text or ""
    for parent, replaced in texts.items():
        kept, pieces = None, [parent.text or ""]  # the child whose tail the pieces become (None: the parent's text)
        for child in list(parent):
            if child in replaced:
                pieces += [replaced[child], child.tail or ""]
                parent.remove(child)
                continue
            if kept is None:
                parent.text = "".join(pieces) or None
            else:
                kept.tail = "".join(pieces) or None
            kept, pieces = child, [child.tail or ""]
        if kept is None:
            parent.text = "".join(pieces) or None
        else:
            kept.tail = "".join(pieces) or None


def _unwrap(elements: list) -> None:
    """Put each element's text and children where it stands, as lxml's ``drop_tag`` does, one pass
    per parent (``drop_tag`` one element at a time took a minute over 20,000 anchors in one
    paragraph); the deepest first, so that an element inside another is unwrapped first."""
    levels: dict[int, dict[object, set]] = {}  # depth → parent → its children to unwrap (unwrapping deeper ones moves none of these)
    for element in elements:
        if element.getparent() is not None:
            depth = sum(1 for _ in element.iterancestors())
            levels.setdefault(depth, {}).setdefault(element.getparent(), set()).add(element)
    for depth in sorted(levels, reverse=True):
        for parent, unwrapped in levels[depth].items():
            children, pieces = [], [parent.text or ""]  # pieces: the text after the last of children (or the parent's)
            for child in list(parent):
                if child in unwrapped:
                    pieces.append(child.text or "")
                    if len(child):
                        _set_text_after(parent, children, pieces)
                        children.extend(child)
                        pieces = [children[-1].tail or ""]
                    pieces.append(child.tail or "")
                else:
                    _set_text_after(parent, children, pieces)
                    children.append(child)
                    pieces = [child.tail or ""]
            _set_text_after(parent, children, pieces)
            parent[:] = children


def _set_text_after(parent, children: list, pieces: list[str]) -> None:
    """The joined ``pieces`` as the tail of the last of ``children``, or as ``parent``'s text."""
    if children:
        children[-1].tail = "".join(pieces) or None
    else:
        parent.text = "".join(pieces) or None


def _identified(root) -> dict[str, list]:
    """Every ``id`` and ``name`` of the page, with the elements carrying it in document order."""
    found: dict[str, list] = {}
    for element in root.xpath("//*[@id or @name]"):
        for value in {element.get("id"), element.get("name")} - {None}:
            found.setdefault(value, []).append(element)
    return found


def _inline(element, italic_tags=ITALIC_TAGS) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]:
    """The text of ``element`` on one line (white space collapsed), its italic spans and its links
    to other pages ``(start, end, url)`` (``http(s)://`` or ``//`` targets; ``//`` read as https)."""
    chars: list[tuple[str, bool, str | None]] = []

    def walk(node, italic: bool, href: str | None) -> None:
        inside = italic or (isinstance(node.tag, str) and (node.tag in italic_tags or node.get("rend") == "#i"))
        target = (node.get("href") or "").strip() if isinstance(node.tag, str) and node.tag == "a" else ""
        if target.startswith("//"):
            target = "https:" + target
        linked = target if target.lower().startswith(("http://", "https://")) else href
        if isinstance(node.tag, str) and node.tag in ("br", "lb"):
            chars.append((" ", False, None))
        chars.extend((c, inside, linked) for c in node.text or "")
        for child in node:
            walk(child, inside, linked)
            chars.extend((c, italic, href) for c in child.tail or "")
        if isinstance(node.tag, str) and node.tag in ("p", "div", "li", "td", "th", "cell"):
            chars.append((" ", False, None))

    walk(element, False, None)
    text, mask, targets = [], [], []
    for c, italic, href in chars:
        if c.isspace():
            if text and text[-1] != " ":
                text.append(" ")
                mask.append(False)
                targets.append(href)
        else:
            text.append(c)
            mask.append(italic)
            targets.append(href)
    while text and text[-1] == " ":
        text.pop()
        mask.pop()
        targets.pop()
    return "".join(text), _runs(mask), _runs(targets)


def _runs(values: list) -> list:
    """The ``[start, end)`` runs of true values: ``(start, end)`` for booleans, ``(start, end,
    value)`` for strings (a run ends where the value changes)."""
    runs, start = [], None
    for i, value in enumerate([*values, None]):
        if start is not None and value != values[start]:
            text_value = values[start]
            runs.append((start, i) if text_value is True else (start, i, text_value))
            start = None
        if value and start is None:
            start = i
    return runs


def _markers(root) -> tuple[dict[str, str], set[str]]:
    """Turn markers into ``[N]`` text; return the note ids they link to (→ number) and their own ids."""
    rules = _rules()
    targets: dict[str, str] = {}
    own: set[str] = set()
    replaced = []
    for sup in root.xpath("//sup"):
        match = rules["marker_text"].match(sup.text_content() or "")
        if not match:
            continue
        number = re.sub(r"\s+", "", match.group(1)).replace(",", ", ")
        for node in sup.iter():
            own.update(v for v in (node.get("id"), node.get("name")) if v)
        for link in sup.xpath(".//a[starts-with(@href, '#')]"):
            own_number = re.match(r"\D*(\d+)", link.text_content() or "")
            targets.setdefault(link.get("href")[1:], own_number.group(1) if own_number else re.match(r"\d+", number).group(0))
        replaced.append((sup, f"[{number}]"))
    _replace(replaced)
    replaced, identified = [], _identified(root)
    removed: set = set()  # the links replaced so far, whose ids no longer count
    for link in root.xpath("//a[starts-with(@href, '#')]"):
        target = link.get("href")[1:]
        match = rules["marker_text"].match(link.text_content() or "")
        if match and re.search(rules["note_anchor"], target, re.IGNORECASE) and any(
                not (removed & {e, *e.iterancestors()}) for e in identified.get(target, [])):
            own.update(v for v in (link.get("id"), link.get("name")) if v)
            targets.setdefault(target, match.group(1))
            replaced.append((link, f"[{match.group(1)}]"))
            removed.add(link)
    _replace(replaced)
    return targets, own


def _note_element(anchor):
    """The element holding the note an anchor (``id``/``name``) marks."""
    near, node = None, anchor
    for _ in range(6):
        if node is None or node.tag in ("body", "table", "ol", "ul"):
            break
        if node.tag in NOTE_TAGS:
            return node
        if near is None and node.tag in ("p", "div", "aside", "section"):
            near = node
        node = node.getparent()
    return near if near is not None else anchor


def _clean_note(element, own: set[str]) -> None:
    """Drop a note's back-links (links to a marker, carets, ↩) in place."""
    rules = _rules()
    _replace([(link, "") for link in element.xpath(".//a[starts-with(@href, '#')]")
              if link.get("href")[1:] in own or rules["backlink_marks"].match(link.text_content() or "x")])


def _note_block(element, number: str | None, own: set[str], position: int) -> Block | None:
    """``[N] text`` of one note element (a table row: the cells after the number)."""
    rules = _rules()
    if element.tag == "tr":
        cells = element.xpath("./td|./th")
        if len(cells) > 1 and rules["note_number"].fullmatch((cells[0].text_content() or "").strip() + " "):
            number = number or rules["note_number"].match(cells[0].text_content()).group(1)
            cells = cells[1:]
        body = etree.Element("div")
        body.extend(cells)
        element = body
    _clean_note(element, own)
    text_of = element.xpath(_with_class(rules["note_text_classes"]))
    text, italics, hrefs = _inline(text_of[0] if text_of else element)
    label = rules["note_number"].match(text)
    if label and (number is None or label.group(1) == number):
        number = number or label.group(1)
        cut = label.end()
        text, italics = text[cut:], [(s - cut, e - cut) for s, e in italics if s >= cut]
        hrefs = [(s - cut, e - cut, url) for s, e, url in hrefs if s >= cut]
    text = rules["backlink_marks"].sub("", text) if rules["backlink_marks"].fullmatch(text) else text.rstrip(" ↑↩︎^")
    if not text.strip():
        return None
    prefix = f"[{number or position}] "
    n = len(prefix)
    return Block("note", prefix + text, [(s + n, e + n) for s, e in italics if e <= len(text)],
                 [(s + n, min(e, len(text)) + n, url) for s, e, url in hrefs if s < len(text)])


def _with_class(names: list[str]) -> str:
    """XPath of the descendants carrying one of the classes ``names``."""
    tests = " or ".join(f"contains(concat(' ', @class, ' '), ' {name} ')" for name in names)
    return f".//*[{tests}]"


def _container_notes(container) -> list:
    """The note elements of a footnote container: its list items, else its table rows, else paragraphs."""
    for path in (".//li", ".//tr", "./p|./div/p"):
        found = container.xpath(path)
        if found:
            return found
    return []


def _heading_text(element) -> str:
    return " ".join((element.text_content() or "").split()).rstrip(":").lower()


def _notes_headings(root, note_headings: frozenset[str]) -> list:
    """Elements that read as a notes heading: a heading, or a paragraph or bold run standing alone."""
    found = []
    for element in root.iter(*HEADINGS, "p", "center", "strong", "b", "div"):
        if _heading_text(element) not in note_headings:
            continue
        alone = element.tag not in ("strong", "b") or _heading_text(element.getparent()) == _heading_text(element)
        if alone and not any(a in found for a in element.iterancestors()):
            found.append(element)
    return found


def _notes(root, targets: dict[str, str], own: set[str], note_headings: frozenset[str]) -> tuple[list[Block], str | None]:
    """Take every note out of the page; return them as blocks and the notes heading's text, if any."""
    rules = _rules()
    found: list[tuple[object, str | None]] = []
    seen: set = set()

    def add(element, number: str | None) -> None:
        if element not in seen and not any(a in seen for a in element.iterancestors()):
            seen.add(element)
            found.append((element, number))

    identified = _identified(root)
    for target, number in targets.items():
        if anchors := identified.get(target):
            add(_note_element(anchors[0]), number)
    for parent in {e.getparent() for e, _ in found if e.tag == "li" and e.getparent() is not None}:
        start = int(parent.get("start")) if (parent.get("start") or "").isdigit() else 1
        for offset, item in enumerate(parent.xpath("./li")):  # the unlinked notes of a list the markers link into
            add(item, str(start + offset))
    classes = set(rules["note_container_classes"])
    roles = set(rules["note_container_roles"])
    containers = [e for e in root.iter() if isinstance(e.tag, str) and (_classes(e) & classes or e.get("role") in roles)]
    headings = _notes_headings(root, note_headings)
    for element in headings:
        containers.extend(element.xpath("following::*[self::ol or self::ul or self::table or self::dl][1]"))
    for container in containers:
        if not found or not any(container is e or container in e.iterancestors() or e in container.iterancestors() for e, _ in found):
            start = int(container.get("start", "1")) if (container.get("start") or "").isdigit() else 1
            for offset, item in enumerate(_container_notes(container)):
                add(item, None if item.tag == "tr" else str(start + offset) if container.tag == "ol" or item.tag == "li" else None)
    order = _document_order(root)
    found.sort(key=lambda pair: order.get(pair[0], 0))
    blocks = []
    for position, (element, number) in enumerate(found, 1):
        block = _note_block(element, number, own, position)
        if block is not None:
            blocks.append(block)
    order = _document_order(root)
    first = min((order.get(e, 0) for e, _ in found), default=0)
    before = [h for h in headings if order.get(h, 0) < first]
    heading = " ".join(before[-1].text_content().split()) if found and before else None
    if heading:
        _replace([(before[-1], "")])
    for element, _ in found:
        if element.getparent() is not None:
            element.getparent().remove(element)
    return blocks, heading


def _document_order(root) -> dict:
    return {element: i for i, element in enumerate(root.iter())}


def _unwrap_boxes(root) -> None:
    """Replace one-column tables (text boxes, figure frames) by their content; a bold or header
    first cell becomes the box's heading."""
    for table in reversed(root.xpath("//table")):
        rows = table.xpath("./tr|./tbody/tr|./thead/tr")
        if not rows or any(len([c for c in r.xpath("./td|./th") if (c.text_content() or "").strip() or c.xpath(".//img")]) > 1 for r in rows):
            continue
        content = []
        for i, cell in enumerate(c for r in rows for c in r.xpath("./td|./th")):
            text = " ".join((cell.text_content() or "").split())
            if not text:
                continue
            bold = "".join(" ".join(b.text_content().split()) for b in cell.xpath(".//strong|.//b")) == text
            if i == 0 and len(rows) > 1 and (cell.tag == "th" or bold) and len(text) <= 120:
                heading = etree.Element("h4")
                heading.text = text
                content.append(heading)
                continue
            blocks = cell.xpath("./p|./ul|./ol|./div|./blockquote|./h1|./h2|./h3|./h4|./h5|./h6")
            if blocks:
                content.extend(blocks)
            else:
                paragraph = etree.Element("p")
                paragraph.text, paragraph[:] = cell.text, list(cell)
                content.append(paragraph)
        for element in content:
            table.addprevious(element)
        table.getparent().remove(table)


def _only_links(item) -> bool:
    """Whether a list item holds nothing but links (and bare URLs), or is a resource's name and its
    address: a link whose text is its URL, after a few words with no sentence punctuation."""
    links = item.xpath(".//a[@href]")
    rest = item.text_content() or ""
    for link in links:
        rest = rest.replace(link.text_content() or "", " ", 1)
    if bool(links) and not re.sub(r"[\W_]+", "", BARE_URL.sub("", rest)):
        return True
    addressed = any(BARE_URL.fullmatch((link.text_content() or "").strip()) for link in links)
    return addressed and len(rest.split()) <= RESOURCE_NAME_WORDS and not re.search(r"[.!?;:]\s*$|[.!?]\s", rest.strip())


def _published(root, extracted: str | None) -> str | None:
    """The page's publication date from JSON-LD or ``<meta>``, as precise as written; else
    trafilatura's reading of the page header. A wiki page (``revision_dated_generators``) is
    dated by the revision it shows, JSON-LD ``dateModified``."""
    generator = " ".join(root.xpath("//meta[@name='generator']/@content"))
    key = "dateModified" if any(generator.startswith(g) for g in _rules()["revision_dated_generators"]) else "datePublished"
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            value = isinstance(item, dict) and item.get(key)
            if isinstance(value, str) and ISO_PREFIX.match(value):
                return ISO_PREFIX.match(value).group(0)
    for meta in root.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in DATE_META and ISO_PREFIX.match(meta.get("content").strip()):
            return ISO_PREFIX.match(meta.get("content").strip()).group(0)
    return extracted


def _metadata(page: str, root) -> dict:
    from trafilatura.metadata import extract_metadata

    found = extract_metadata(page, extensive=False)
    metadata = empty_metadata()
    if found is not None:
        metadata["title"] = found.title or None
        metadata["authors"] = [a.strip() for a in (found.author or "").split(";") if a.strip()]
    metadata["published"] = _published(root, found.date if found is not None else None)
    return metadata


def _extracted_blocks(page: str) -> list[Block]:
    """Blocks of trafilatura's extraction of the prepared page, in reading order."""
    import trafilatura

    extracted = trafilatura.extract(page, output_format="xml", favor_recall=True, include_tables=True,
                                    include_comments=False, include_formatting=True, deduplicate=False)
    if not extracted:
        return []
    main = etree.fromstring(extracted.encode("utf-8")).find("main")
    blocks, taken = [], set()
    for element in main.iter("head", "p", "item", "quote", "row") if main is not None else []:
        if any(a in taken for a in element.iterancestors()):
            continue
        taken.add(element)
        if element.tag == "row":
            cells = [_inline(cell)[0] for cell in element.iter("cell")]
            text = " | ".join(c for c in cells if c)
            if text:
                blocks.append(Block("table", text))
            continue
        text, italics, _ = _inline(element)
        mark = HEADING_MARK.match(text)
        cut = mark.end() if mark else 0
        if STRAY_MARK.search(text, cut):  # an extraction that ran blocks together: marks out, spans dropped
            text, italics = text[:cut] + " ".join(STRAY_MARK.sub(" ", text[cut:]).split()), []
        if mark:
            text, italics = text[cut:].strip(), [(s - cut, e - cut) for s, e in italics if s >= cut]
            blocks.append(Block("heading" if mark.group(1) == "h" else "link", text, italics))
        elif text:
            blocks.append(Block("heading" if element.tag == "head" else "body", text, italics))
    return blocks


def html_blocks(page: str, note_headings: frozenset[str]) -> Converted:
    """Blocks and metadata of an HTML page (see the module docstring)."""
    root = html.fromstring(page)
    metadata = _metadata(page, root)
    hidden = root.xpath("//*[contains(translate(@style, ' ', ''), 'display:none')]")
    dropped = root.xpath("//" + " | //".join(_rules()["drop"])) + root.xpath(_with_class(_rules()["drop_classes"])) + hidden
    _replace([(element, "") for element in dropped])
    _replace([(image, image.get("alt") or "") for image in root.xpath(_with_class(_rules()["formula_image_classes"]).replace(".//*", "//img"))])
    targets, own = _markers(root)
    notes, heading = _notes(root, targets, own, note_headings)
    _unwrap(root.xpath("//a[not(@href)]"))  # name anchors make headings look link-dense to trafilatura
    _unwrap_boxes(root)
    # italics holding only a space: the space, which extraction would lose
    _replace([(element, " ") for element in root.xpath("//" + " | //".join(ITALIC_TAGS)) if not (element.text_content() or "").strip()])
    for i, element in enumerate(root.xpath("//" + " | //".join(HEADINGS))):
        element.tag, element.text = "p", f"⟦h{i}⟧" + (element.text or "")
    marked: set = set()  # an item inside a marked one has no links left to make it a link item
    for i, item in enumerate(root.xpath("//li")):
        if not marked.intersection(item.iterancestors()) and _only_links(item):
            item.text = f"⟦a{i}⟧" + (item.text or "")
            marked.add(item)
    _unwrap([link for item in marked for link in item.xpath(".//a")])  # a link item's text is enough, and link density is not boilerplate
    blocks = _extracted_blocks(html.tostring(root, encoding="unicode"))
    if heading and notes:
        blocks.append(Block("heading", heading))
    return Converted(blocks + notes, metadata)

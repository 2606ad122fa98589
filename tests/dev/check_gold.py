#!/usr/bin/env python3
"""Check the development set's gold files (standard library only).

    python3 tests/dev/check_gold.py [GOLD.json ...]     (default: tests/dev/gold/*.gold.json)

For every gold file: its shape (keys, types, numbering, references between notes), and that
every marker sentence, note text, heading, the title and every not_claims string is found in the
document's visible text (HTML tags stripped, Markdown syntax removed, footnote markers removed,
white space collapsed), and so is every entity alias and must-not-merge name of the optional
entity section (``entities`` [{canonical, label, aliases}], ``must_not_merge`` [[a, b]]). It also counts the markers and notes it can see in the document itself
and compares them with the gold. Misses are reported; the exit status is 1 if any check failed.
"""
from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_TYPES = {"article", "book", "chapter", "journal", "report", "web", "government", "legal",
                "interview", "other"}
SOURCE_KEYS = {"type": str, "authors": list, "title": (str, type(None)), "outlet": (str, type(None)),
               "date": (str, type(None)), "accessed": (str, type(None)), "url": (str, type(None)),
               "publisher": (str, type(None)), "place": (str, type(None)),
               "volume": (str, int, type(None)), "issue": (str, int, type(None)),
               "pages": (str, type(None))}
TOP_KEYS = {"document": str, "format": str, "title": str, "authors": list,
            "published": (str, type(None)), "headings": list, "markers": list, "notes": list,
            "not_claims": list}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MARKER_TEXT = re.compile(r"^\s*\[?\s*\d+(\s*[-–,]\s*\d+)*\s*\]?\s*$")
BLOCK = {"p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "tbody", "thead", "h1", "h2", "h3",
         "h4", "h5", "h6", "br", "hr", "section", "aside", "article", "header", "footer", "blockquote",
         "dd", "dt", "dl", "figure", "figcaption", "caption", "center", "body", "html", "nav", "main"}
SKIP = {"script", "style", "noscript", "template", "head", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Visible(HTMLParser):
    """Visible text of an HTML page; <sup> elements that hold only a marker number are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.sup: list[list[str]] | None = None  # stack of text pieces of open <sup>s
        self.sup_depth = 0
        self.markers = 0
        self.stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            hidden = tag in SKIP or re.search(r"display:\s*none", attrs.get("style") or "") is not None
            self.stack.append((tag, hidden))
            if hidden:
                self.skip += 1
        elif tag == "img" and "mwe-math-fallback-image" in (attrs.get("class") or "") and not self.skip:
            self._emit(attrs.get("alt") or "")  # a formula image reads as its alt text (TeX)
        if self.skip:
            return
        if tag == "sup":
            self.sup_depth += 1
            if self.sup_depth == 1:
                self.sup = [[]]
        if tag in BLOCK:
            self._emit(" ")

    def handle_startendtag(self, tag, attrs):
        if tag == "img" or tag in VOID:
            self.handle_starttag(tag, attrs)
        elif tag in BLOCK and not self.skip:
            self._emit(" ")

    def _close(self, tag) -> bool:
        """Pop the element stack down to ``tag``; True if the page was hidden there."""
        if not any(t == tag for t, _ in self.stack):
            return bool(self.skip)
        was_hidden = bool(self.skip)
        while self.stack:
            t, hidden = self.stack.pop()
            if hidden:
                self.skip -= 1
            if t == tag:
                break
        return was_hidden

    def handle_endtag(self, tag):
        if tag in VOID or self._close(tag):
            if tag in BLOCK and not self.skip:
                self._emit(" ")
            return
        if tag == "sup" and self.sup_depth:
            self.sup_depth -= 1
            if self.sup_depth == 0:
                text = "".join(self.sup[0])
                self.sup = None
                if MARKER_TEXT.match(text) and text.strip():
                    self.markers += 1
                else:
                    self.out.append(text)
        if tag in BLOCK:
            self._emit(" ")

    def handle_data(self, data):
        if not self.skip:
            self._emit(data)

    def _emit(self, text):
        if self.sup is not None:
            self.sup[0].append(text)
        else:
            self.out.append(text)


def visible_html(raw: str) -> tuple[str, str, int]:
    """(text with markers removed, text with markers kept, number of marker elements)."""
    parser = _Visible()
    parser.feed(raw)
    parser.close()
    kept = _Kept()
    kept.feed(raw)
    kept.close()
    return collapse("".join(parser.out)), collapse("".join(kept.out)), parser.markers


class _Kept(_Visible):
    def handle_endtag(self, tag):
        if tag == "sup" and self.sup_depth == 1 and not self.skip:
            self._close(tag)
            self.sup_depth = 0
            self.out.append("".join(self.sup[0]))
            self.sup = None
            if tag in BLOCK:
                self._emit(" ")
            return
        super().handle_endtag(tag)


MD_LINK_MARKER = re.compile(r"\[(\d+)\]\([^)\s]*#_?fn(?:ref)?\d+\)")
MD_FOOTREF = re.compile(r"\[\^[^\]\s]+\](?!:)")
MD_FOOTDEF = re.compile(r"^\[\^[^\]\s]+\]:\s?", re.M)


def strip_markdown(text: str) -> str:
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)               # images
    for _ in range(2):                                                   # links (nested once)
        text = re.sub(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)", r"\1", text)
    text = re.sub(r"\[([^\[\]]*)\]\[[^\]]*\]", r"\1", text)             # reference links
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)                  # autolinks
    text = re.sub(r"</?[A-Za-z][^>]*>", " ", text)                       # inline HTML
    text = re.sub(r"^\s{0,3}#{1,6}[ \t]+", "", text, flags=re.M)         # ATX headings
    text = re.sub(r"[ \t]+#+[ \t]*$", "", text, flags=re.M)              # closing #s
    text = re.sub(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", " ", text, flags=re.M)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text, flags=re.M)       # list markers
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)                     # block quotes
    text = text.replace("|", " ")
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"\*\*", "", text)
    # CommonMark lets * (unlike _) open and close inside a word: *Register*1847 -> Register1847
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=[^\s*])\*(?!\*)", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)", "", text)
    text = re.sub(r"(?<=\S)\*(?![\w*])", "", text)
    text = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|:])", r"\1", text)
    return html.unescape(text)


def visible_md(raw: str) -> tuple[str, str, int]:
    markers = len(MD_LINK_MARKER.findall(raw)) + len(MD_FOOTREF.findall(raw))
    without = MD_FOOTDEF.sub("", raw)
    kept = strip_markdown(MD_LINK_MARKER.sub(r"\1", without))
    without = MD_LINK_MARKER.sub("", without)
    without = MD_FOOTREF.sub("", without)
    return collapse(strip_markdown(without)), collapse(kept), markers


def loose(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", "", text).lower()


class Report:
    def __init__(self, name: str) -> None:
        self.name = name
        self.errors: list[str] = []
        self.info: list[str] = []

    def err(self, msg: str) -> None:
        self.errors.append(msg)


def check_types(rep: Report, obj: dict, spec: dict, where: str) -> None:
    for key, typ in spec.items():
        if key not in obj:
            rep.err(f"{where}: missing key {key!r}")
        elif not isinstance(obj[key], typ):
            rep.err(f"{where}: {key!r} has type {type(obj[key]).__name__}")


def check_shape(rep: Report, gold: dict) -> None:
    check_types(rep, gold, TOP_KEYS, "top")
    if gold.get("format") not in {"html", "md", "txt"}:
        rep.err(f"top: format {gold.get('format')!r} is not html, md or txt")
    pub = gold.get("published")
    if pub is not None and not ISO.match(str(pub)):
        rep.err(f"top: published {pub!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    for a in gold.get("authors", []):
        if not isinstance(a, str) or not a.strip():
            rep.err(f"top: author {a!r} is not a non-empty string")
    for h in gold.get("headings", []):
        if not isinstance(h, str) or not h.strip():
            rep.err(f"headings: {h!r} is not a non-empty string")
    notes = gold.get("notes", [])
    numbers = [n.get("n") for n in notes if isinstance(n, dict)]
    if numbers != list(range(1, len(notes) + 1)):
        rep.err(f"notes: numbered {numbers[:5]}... — expected 1..{len(notes)} in order")
    known = set(numbers)
    for i, m in enumerate(gold.get("markers", [])):
        if not isinstance(m, dict) or set(m) != {"n", "sentence"}:
            rep.err(f"markers[{i}]: must be {{n, sentence}}, got {m!r}")
            continue
        if not isinstance(m["n"], int) or m["n"] not in known:
            rep.err(f"markers[{i}]: marker {m['n']!r} has no note")
        if not isinstance(m["sentence"], str) or not m["sentence"].strip():
            rep.err(f"markers[{i}]: empty sentence")
    cited = {m.get("n") for m in gold.get("markers", []) if isinstance(m, dict)}
    uncited = sorted(known - cited)
    if uncited:
        rep.info.append(f"notes never cited by a marker: {uncited}")
    for note in notes:
        if not isinstance(note, dict):
            rep.err(f"notes: {note!r} is not an object")
            continue
        where = f"note {note.get('n')}"
        check_types(rep, note, {"n": int, "text": str, "sources": list,
                                "ibid_of": (int, type(None)), "short_form_of": (int, type(None))}, where)
        extra = set(note) - {"n", "text", "sources", "ibid_of", "short_form_of"}
        if extra:
            rep.err(f"{where}: unknown keys {sorted(extra)}")
        for ref in ("ibid_of", "short_form_of"):
            target = note.get(ref)
            if target is not None and not (isinstance(target, int) and 1 <= target < note.get("n", 0)):
                rep.err(f"{where}: {ref}={target!r} must name an earlier note")
        for j, s in enumerate(note.get("sources", []) or []):
            w = f"{where} source {j + 1}"
            if not isinstance(s, dict):
                rep.err(f"{w}: not an object")
                continue
            check_types(rep, s, SOURCE_KEYS, w)
            extra = set(s) - set(SOURCE_KEYS)
            if extra:
                rep.err(f"{w}: unknown keys {sorted(extra)}")
            if s.get("type") not in SOURCE_TYPES:
                rep.err(f"{w}: type {s.get('type')!r} not in {sorted(SOURCE_TYPES)}")
            for k in ("date", "accessed"):
                if s.get(k) is not None and not ISO.match(s[k]):
                    rep.err(f"{w}: {k} {s[k]!r} is not ISO at some precision")
            if not all(isinstance(a, str) and a.strip() for a in s.get("authors", [])):
                rep.err(f"{w}: authors must be non-empty strings")
            if not (s.get("title") or s.get("outlet") or s.get("url") or s.get("authors")):
                rep.err(f"{w}: has neither title, outlet, url nor authors")


def check_entities(rep: Report, gold: dict) -> None:
    """The optional entity section: ``entities`` [{canonical, label, aliases[]}] with the
    canonical among its aliases and no alias in two clusters; ``must_not_merge`` [[a, b]]."""
    if "entities" not in gold and "must_not_merge" not in gold:
        return
    owner: dict[str, int] = {}
    for i, cluster in enumerate(gold.get("entities", [])):
        where = f"entities[{i}]"
        if not isinstance(cluster, dict) or set(cluster) != {"canonical", "label", "aliases"}:
            rep.err(f"{where}: must be {{canonical, label, aliases}}, got {cluster!r:.80}")
            continue
        if cluster["label"] not in ENTITY_LABELS:
            rep.err(f"{where}: label {cluster['label']!r} not in {sorted(ENTITY_LABELS)}")
        aliases = cluster["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            rep.err(f"{where}: aliases must be non-empty strings")
            continue
        if cluster["canonical"] not in aliases:
            rep.err(f"{where}: canonical {cluster['canonical']!r} is not among its aliases")
        for alias in aliases:
            if alias in owner and owner[alias] != i:
                rep.err(f"{where}: alias {alias!r} is also in entities[{owner[alias]}]")
            owner[alias] = i
    for j, pair in enumerate(gold.get("must_not_merge", [])):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(a, str) and a.strip() for a in pair)):
            rep.err(f"must_not_merge[{j}]: must be two non-empty strings, got {pair!r}")
        elif owner.get(pair[0], -1) == owner.get(pair[1], -2):
            rep.err(f"must_not_merge[{j}]: {pair} are aliases of one gold entity")


def check_text(rep: Report, gold: dict, gold_path: Path) -> None:
    doc = (gold_path.parent / gold["document"]).resolve()
    if not doc.is_file():
        rep.err(f"document {gold['document']} not found")
        return
    raw = doc.read_text(encoding="utf-8")
    if gold["format"] == "html":
        text, kept, seen = visible_html(raw)
    elif gold["format"] == "md":
        text, kept, seen = visible_md(raw)
    else:
        kept = collapse(raw)
        text = collapse(re.sub(r"\[\d+\]", "", raw))
        seen = len(re.findall(r"\[\d+\]", raw))
    ltext, lkept = loose(text), loose(kept)

    def find(label: str, s: str, also_kept: bool = False) -> None:
        c = collapse(s)
        if c in text or (also_kept and c in kept):
            return
        if loose(c) in ltext or (also_kept and loose(c) in lkept):
            rep.info.append(f"{label}: found only ignoring white space/quote style: {c[:80]!r}")
            return
        rep.err(f"{label}: not found in the visible text: {c[:100]!r}")

    find("title", gold["title"])
    for h in gold["headings"]:
        find("heading", h)
    for m in gold["markers"]:
        find(f"marker {m['n']}", m["sentence"])
    for note in gold["notes"]:
        find(f"note {note['n']} text", note["text"], also_kept=True)
    for s in gold["not_claims"]:
        find("not_claims", s, also_kept=True)
    for cluster in gold.get("entities", []):
        for alias in cluster["aliases"]:
            find("entity alias", alias, also_kept=True)
    for pair in gold.get("must_not_merge", []):
        for name in pair:
            find("must_not_merge name", name, also_kept=True)
    n_markers, n_notes = len(gold["markers"]), len(gold["notes"])
    rep.info.append(f"{n_markers} markers, {n_notes} notes, {len(gold['headings'])} headings; "
                    f"marker-like elements seen in the document: {seen}")


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or sorted((HERE / "gold").glob("*.gold.json"))
    failed = 0
    for path in paths:
        rep = Report(path.name)
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"FAIL {path.name}: cannot read: {exc}")
            failed += 1
            continue
        check_shape(rep, gold)
        check_entities(rep, gold)
        if not rep.errors:
            check_text(rep, gold, path.resolve())
        status = "ok  " if not rep.errors else "FAIL"
        print(f"{status} {path.name}")
        for line in rep.info:
            print(f"       {line}")
        for line in rep.errors:
            print(f"     ! {line}")
        failed += bool(rep.errors)
    print(f"{len(paths) - failed} of {len(paths)} gold files pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Field scores of the note grammar on labelled reference strings (AnyStyle's XML format).

An AnyStyle dataset (``<dataset><sequence><author>…</author><title>…</title>…</sequence>…``)
tags every segment of a reference string with its field. The string is rebuilt by joining the
segments with a space, parsed as the body of one endnote (:func:`parse_note`), and its first
source is compared with the tags field by field.

Fields (AnyStyle tag → our source field): ``author`` → ``authors``; ``title`` → ``title``;
``journal`` and ``container-title`` → ``outlet`` (a book's ``outlet`` repeats its publisher, so a
``book`` source's outlet is not scored); ``date`` → ``date`` (the first tagged date);
``volume`` → ``volume`` and ``issue``; ``pages`` → ``pages``; ``url`` and ``doi`` → ``url``; ``publisher`` →
``publisher``; ``location`` → ``place``. Other tags (editor, translator, edition, genre, note, …)
are not scored.

Normalisation, applied to both sides:

- text fields (title, outlet, publisher, place): accents, case and every character that is not a
  letter or digit folded away, white space collapsed; a leading "In" of a container dropped;
- authors: the multiset of the names' words, so a list of names is compared regardless of
  order, of "Surname, Given" inversion and of punctuation; "and", "&", "et al." and editor
  marks ("ed.", "eds.") are not words of a name;
- date: the year (the first four-digit number from 1000 to 2099 in the tagged date; the first
  four characters of our ISO ``date``);
- volume: the numbers it contains, in any order ("Vol. 35, no. 4" and "no. 4, vol. 35" → 35 4;
  ours are ``volume`` and ``issue`` together, while AnyStyle tags both as one volume in written
  order); pages: the sequence of numbers ("pp. 1761–1800" → 1761 1800);
- url: case folded, its first word only, the scheme (or "doi:", "https://doi.org/"), a leading
  "www.", angle brackets and trailing punctuation dropped.

A field counts once per reference: a predicted value equal to the tagged one is a true
positive; a predicted value that differs, or that the reference does not have, is a false
positive; a tagged value not predicted (or predicted wrong) is a false negative. Micro-F1 sums
these counts over fields.

Reference types (from the tags): ``chapter`` (a container with an editor, or "In …"),
``journal`` (a journal, or a container with a volume), ``article`` (another container),
``book`` (a publisher or place and no container), ``web`` (a URL only), ``other``.
Groups: ``ctc-form`` — a quoted title after the authors (or none) and before the container and
the date, as in ``Given Surname, “Title,” Outlet, Date``; ``quoted-title`` — every reference
whose title is in quotation marks; ``all``.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from ..rules.citations import parse_note
from ..rules.notes import EndnoteParser

FIELDS = ("authors", "title", "outlet", "date", "volume", "pages", "url", "publisher", "place")
TAGS = {"author": "authors", "title": "title", "journal": "outlet", "container-title": "outlet", "date": "date",
        "volume": "volume", "pages": "pages", "url": "url", "doi": "url", "publisher": "publisher", "location": "place"}
_OPEN_QUOTES = "“\"‘'«„"
_NAME_NOISE = frozenset({"and", "et", "al", "ed", "eds", "editor", "editors", "&"})


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", plain).split())


def normalise(field: str, value) -> object:
    """The comparable form of one field's value (see the module docstring); ``None`` if empty."""
    if value is None or value == [] or value == "":
        return None
    if field == "authors":
        names = value if isinstance(value, list) else [value]
        words = sorted(w for n in names for w in _fold(n).split() if w not in _NAME_NOISE)
        return tuple(words) or None
    if field == "date":
        year = re.search(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)", value)
        return year.group(1) if year else None
    if field in ("volume", "pages"):
        numbers = re.findall(r"\d+|\b[ivxlc]+\b", " ".join(value) if isinstance(value, list) else value.lower())
        return (tuple(sorted(numbers)) if field == "volume" else tuple(numbers)) or None
    if field == "url":
        url = re.sub(r"^<?(?:doi:\s*|https?://(?:dx\.)?doi\.org/|https?://)?(?:www\.)?", "", value.strip().casefold())
        url = url.split()[0].rstrip(".,;)>") if url.split() else ""
        return url or None
    folded = _fold(value)
    if field == "outlet":
        folded = re.sub(r"^in ", "", folded)
    return folded or None


def read_dataset(path: Path) -> list[list[tuple[str, str]]]:
    """Each reference as its ``(tag, text)`` segments, in order."""
    root = ET.parse(path).getroot()
    return [[(seg.tag, " ".join((seg.text or "").split())) for seg in seq] for seq in root.iter("sequence")]


def reference_text(segments: list[tuple[str, str]]) -> str:
    return " ".join(text for tag, text in segments if text and tag != "citation-number")


def gold_fields(segments: list[tuple[str, str]]) -> dict[str, object]:
    values: dict[str, list[str]] = defaultdict(list)
    for tag, text in segments:
        if tag in TAGS:
            values[TAGS[tag]].append(text)
    gold = {}
    for name in FIELDS:
        found = values.get(name)
        if not found:
            gold[name] = None
        elif name == "date":
            gold[name] = next((v for v in (normalise("date", t) for t in found) if v), None)
        elif name in ("volume", "pages"):
            gold[name] = normalise(name, found)
        else:
            gold[name] = normalise(name, " ".join(found))
    return gold


def reference_type(segments: list[tuple[str, str]]) -> str:
    tags = {tag for tag, _ in segments}
    container = next((text for tag, text in segments if tag == "container-title"), "")
    if "container-title" in tags and ("editor" in tags or container.lower().startswith("in ")):
        return "chapter"
    if "journal" in tags or ("container-title" in tags and "volume" in tags):
        return "journal"
    if "container-title" in tags:
        return "article"
    if tags & {"publisher", "location"}:
        return "book"
    return "web" if "url" in tags else "other"


def reference_groups(segments: list[tuple[str, str]]) -> list[str]:
    tags = [tag for tag, _ in segments if tag not in ("citation-number", "note")]
    title = next((text for tag, text in segments if tag == "title"), "")
    if not title or title[0] not in _OPEN_QUOTES:
        return ["all"]
    groups = ["quoted-title", "all"]
    shape = [t for t in tags if t != "author"][:3]
    if tags[:1] in (["author"], ["title"]) and shape in (["title", "journal", "date"], ["title", "container-title", "date"]):
        groups.insert(0, "ctc-form")
    return groups


def predicted_fields(source: dict | None) -> dict[str, object]:
    if source is None:
        return dict.fromkeys(FIELDS)
    volume = [v for v in (source.get("volume"), source.get("issue")) if v]
    outlet = None if source.get("type") == "book" else source.get("outlet")
    return {
        "authors": normalise("authors", source.get("authors")),
        "title": normalise("title", source.get("title")),
        "outlet": normalise("outlet", outlet),
        "date": (source.get("date") or "")[:4] or None,
        "volume": normalise("volume", volume),
        "pages": normalise("pages", source.get("pages")),
        "url": normalise("url", source.get("url")),
        "publisher": normalise("publisher", source.get("publisher")),
        "place": normalise("place", source.get("place")),
    }


def default_parser() -> EndnoteParser:
    """The endnote parser of a ``ctc_endnotes`` component with its default settings and the bundled rule data."""
    import spacy

    from .. import components  # noqa: F401 - registers the factories

    return spacy.blank("en").add_pipe("ctc_endnotes").parser


class FieldCounts:
    """tp/fp/fn per (group, field) and per (type, field)."""

    def __init__(self):
        self.counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.references: dict[str, int] = defaultdict(int)

    def add(self, keys: list[str], predicted: dict, gold: dict) -> None:
        for key in keys:
            self.references[key] += 1
            for name in FIELDS:
                p, g, c = predicted[name], gold[name], self.counts[(key, name)]
                c[0] += int(p is not None and p == g)
                c[1] += int(p is not None and p != g)
                c[2] += int(g is not None and p != g)

    def scores(self, key: str) -> dict:
        fields, total = {}, [0, 0, 0]
        for name in FIELDS:
            c = self.counts.get((key, name), [0, 0, 0])
            total = [a + b for a, b in zip(total, c, strict=True)]
            if c[0] + c[1] + c[2]:
                fields[name] = _prf(*c)
        return {"references": self.references[key], "fields": fields, "micro": _prf(*total)}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def evaluate_references(path: Path, parser: EndnoteParser | None = None) -> dict:
    """Scores per group (ctc-form, quoted-title, all) and per reference type."""
    parser = parser or default_parser()
    counts = FieldCounts()
    for segments in read_dataset(path):
        text = reference_text(segments)
        parsed = parse_note(text, parser.grammar)
        source = parser.source_dict(parsed.sources[0], 0, "s1") if parsed.sources else None
        kind = reference_type(segments)
        counts.add(reference_groups(segments) + [f"type:{kind}"], predicted_fields(source), gold_fields(segments))
    keys = ["ctc-form", "quoted-title", "all"] + sorted(k for k in counts.references if k.startswith("type:"))
    return {"dataset": str(path), "groups": {k: counts.scores(k) for k in keys if counts.references[k]}}


def format_references_report(report: dict) -> str:
    """Micro P/R/F1 per group and type, then each field's F1 per group."""
    lines = [f"{'group':<16}{'n':>6}{'P':>8}{'R':>8}{'F1':>8}   " + " ".join(f"{f[:9]:>9}" for f in FIELDS)]
    for key, s in report["groups"].items():
        m = s["micro"]
        per_field = " ".join(f"{s['fields'][f]['f1']:>9.3f}" if f in s["fields"] else f"{'-':>9}" for f in FIELDS)
        lines.append(f"{key:<16}{s['references']:>6}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}   {per_field}")
    return "\n".join(lines)

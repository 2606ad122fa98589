"""``ctc-pipeline eval --timeml DIR``: the dates stage scored on TimeML ``.tml`` files.

Each file's ``<TEXT>`` is run through the full pipeline with the document creation time (the
``<DCT>`` TIMEX3) as the publication date, and the dates found are compared with the file's TIMEX3
tags, the creation-time tag itself left out. The scores are those of the TempEval-3 scorer
(UzZaman et al. 2013, "SemEval-2013 Task 1: TempEval-3"): strict extent (same characters) and
relaxed extent (overlapping) precision, recall and F1, each system and gold expression matched at
most once; and for ``value`` and ``type`` an attribute F1 = attribute accuracy over the relaxed
matches × relaxed F1. Every miss is kept with its kind (``value``, ``type``, ``extent``,
``missed``, ``spurious``), and the value errors are counted by the form of the text found
("WEEKDAY", "a year earlier", "MONTH N"), for ``--errors``.

Every paragraph of ``<TEXT>`` is running text, and the dates stage reads only body paragraphs: the
text is given after a one-word lead paragraph the segmenter cannot take for a title, a dateline
paragraph is joined to the paragraph it opens, and the pipeline runs up to the dates stage, whose
input then has every paragraph as a body one (none is a heading or an author's note); the stages
after it, which the scores do not read, are not run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

LEAD = "Text.\n\n"  # one body-like line first, so that the segmenter takes no TimeML line for a title
# a paragraph break after a line that ends no sentence ("BRUSSELS, February 10 (Xinhua) --"), which
# the segmenter would take for a heading, becomes spaces of the same length (offsets are kept)
_DATELINE_BREAK = re.compile(r"(?<=[^\s.!?\"'”’:])\n\s*\n")


@dataclass
class GoldTimex:
    start: int
    end: int
    timex_type: str
    value: str


@dataclass
class TimemlDocument:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> TimemlDocument:
    """The text of ``<TEXT>`` (after :data:`LEAD`), its DCT's date and its TIMEX3 tags as offsets."""
    root = ET.parse(path).getroot()
    dct = next((t.get("value") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    doc = TimemlDocument(Path(path).stem, "", dct[:10] if dct else None)
    pieces: list[str] = [LEAD]

    def walk(element: ET.Element) -> None:
        start = sum(map(len, pieces))
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
            text = "".join(pieces)
            end = len(text)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            doc.timexes.append(GoldTimex(start, end, element.get("type"), element.get("value")))

    text_element = root.find("TEXT")
    if text_element is not None:
        walk(text_element)
    doc.text = _DATELINE_BREAK.sub(lambda m: " " * len(m.group(0)), "".join(pieces).rstrip() + "\n")
    return doc


class TimexScores:
    """Counts for strict and relaxed extent, and correct attributes over relaxed matches."""

    def __init__(self):
        self.system = self.gold = self.strict = self.relaxed = self.value = self.type = 0
        self.misses: list[str] = []
        self.errors: dict[str, list[str]] = {kind: [] for kind in ERROR_KINDS}
        self.value_forms: Counter[str] = Counter()

    def _miss(self, kind: str, line: str) -> None:
        self.misses.append(line)
        self.errors[kind].append(line)

    def add(self, doc: TimemlDocument, predicted: list[dict]) -> None:
        self.system += len(predicted)
        self.gold += len(doc.timexes)
        used: set[int] = set()
        for g in doc.timexes:
            overlapping = [i for i, p in enumerate(predicted) if i not in used and p["start"] < g.end and g.start < p["end"]]
            surface = doc.text[g.start : g.end]
            if not overlapping:
                self._miss("missed", f"{doc.name}: missed {surface!r} ({g.timex_type} {g.value})")
                continue
            i = next((i for i in overlapping if (predicted[i]["start"], predicted[i]["end"]) == (g.start, g.end)), overlapping[0])
            used.add(i)
            p = predicted[i]
            self.relaxed += 1
            self.strict += (p["start"], p["end"]) == (g.start, g.end)
            self.value += p["value"] == g.value
            self.type += p["timex_type"] == g.timex_type
            kind = next((k for k, wrong in (("value", p["value"] != g.value), ("type", p["timex_type"] != g.timex_type),
                                            ("extent", (p["start"], p["end"]) != (g.start, g.end))) if wrong), None)
            if kind:
                self._miss(kind, f"{doc.name}: {p['text']!r} {p['timex_type']} {p['value']} vs {surface!r} {g.timex_type} {g.value}")
            if kind == "value":
                self.value_forms[text_form(p["text"])] += 1
        for i, p in enumerate(predicted):
            if i not in used:
                self._miss("spurious", f"{doc.name}: spurious {p['text']!r} ({p['timex_type']} {p['value']})")

    def report(self) -> dict:
        def prf(tp: int) -> dict:
            p = tp / self.system if self.system else 1.0
            r = tp / self.gold if self.gold else 1.0
            return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}

        relaxed = prf(self.relaxed)
        attribute = {name: (count / self.relaxed if self.relaxed else 0.0) * relaxed["f1"]
                     for name, count in (("value", self.value), ("type", self.type))}
        return {"strict": prf(self.strict), "relaxed": relaxed, "value_f1": attribute["value"], "type_f1": attribute["type"],
                "gold": self.gold, "system": self.system, "misses": self.misses, "errors": self.errors,
                "value_errors_by_form": dict(self.value_forms.most_common())}


ERROR_KINDS = ("value", "type", "extent", "missed", "spurious")  # a relaxed match counts once, under its first wrong attribute
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
                    r"|nov(?:ember)?|dec(?:ember)?)\b\.?", re.IGNORECASE)


def text_form(text: str) -> str:
    """The form of an expression, to count errors by: lower case, weekdays and month names as
    WEEKDAY and MONTH, numbers as N ("Friday night" → "WEEKDAY night", "Aug. 7" → "MONTH N")."""
    text = _MONTH.sub("MONTH", _WEEKDAY.sub("WEEKDAY", " ".join(text.split())))
    return re.sub(r"\d+(?:[.,/:]\d+)*", "N", re.sub(r"\b(?!WEEKDAY|MONTH)\w+", lambda m: m.group(0).lower(), text))


def evaluate_timeml(nlp: Language, paths: list[Path]) -> dict:
    """Run the pipeline up to its dates on each ``.tml`` file, with the DCT as publication date, and score them."""
    scores = TimexScores()
    documents = [read_tml(p) for p in paths]
    docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.ctc_metadata = {"title": None, "authors": [], "published": document.dct}
        docs.append(doc)
    with nlp.select_pipes(enable=nlp.pipe_names[: nlp.pipe_names.index("ctc_dates")]):
        upstream = list(nlp.pipe(docs))
    dates = nlp.get_pipe("ctc_dates")
    for document, doc in zip(documents, upstream, strict=True):
        doc._.ctc_blocks = [dict(block, kind="body") for block in doc._.ctc_blocks or []]  # <TEXT> is all running text
        scores.add(document, dates(doc)._.ctc_dates or [])
    report = scores.report()
    report["documents"] = len(documents)
    return report


def format_timeml_report(report: dict, errors: bool = False) -> str:
    """The TempEval-3 figures as a small table, followed by the first misses — or, with
    ``errors``, the value errors counted by form and then every miss, by kind."""
    lines = [f"{report['documents']} documents, {report['gold']} gold TIMEX3, {report['system']} found",
             f"{'extent':<10}{'P':>7}{'R':>7}{'F1':>7}"]
    for name in ("strict", "relaxed"):
        row = report[name]
        lines.append(f"{name:<10}{row['precision'] * 100:>7.1f}{row['recall'] * 100:>7.1f}{row['f1'] * 100:>7.1f}")
    lines.append(f"value F1 {report['value_f1'] * 100:.1f}   type F1 {report['type_f1'] * 100:.1f}")
    if errors:
        forms = report["value_errors_by_form"]
        lines.append(f"\nvalue errors by form ({sum(forms.values())}):")
        lines.extend(f"  {count:>4}  {form}" for form, count in forms.items())
        for kind in ERROR_KINDS:
            lines.append(f"\n{kind} ({len(report['errors'][kind])}):")
            lines.extend(f"  {m}" for m in report["errors"][kind])
    elif report["misses"]:
        lines.append(f"\n{len(report['misses'])} misses (all of them, by kind: --errors):")
        lines.extend(f"  {m}" for m in report["misses"][:40])
    return "\n".join(lines)

"""``ctc-pipeline eval --brat DIR``: direct quotations and their speakers against BRAT attributions.

``DIR`` holds articles ``NAME.txt`` and Source–Cue–Content attributions ``NAME[_ANNOTATOR].ann``
in BRAT standoff form (PolNeAR's layout: ``DIR/text`` and ``DIR/attributions``, or both in
``DIR``); where several annotators annotated an article, the first ``.ann`` by name is used.
Each article's whole text goes through the pipeline as body text (its title line becomes the
first body paragraph, as the segmenter sees a news article).

What is scored, and how it is matched:

- **Gold quotations.** Quotation-mark pairs (curly or straight, in any mix, within one
  paragraph) inside the Content of an attribution are *direct* when the marks cover at least
  ``DIRECT_COVERAGE`` of the Content's letters and digits — the content is the quotation, not
  a paraphrase with a quoted phrase in it. Each such pair is one gold quotation, with the
  attribution's Source (split and continued quotations of one attribution share it).
- **Detection.** A predicted quotation (kind ``statement`` or ``fragment``) that overlaps a gold
  quotation is a true positive, and a gold quotation overlapped by one is found. A predicted
  quotation inside the Content of a non-direct attribution (a quoted phrase in a paraphrase) is
  out of scope and not counted; any other is a false positive. P, R and F1 follow.
- **Speaker** (accuracy among found gold quotations that have a Source): the prediction is
  right when its speaker span or the span of its mention (``speaker.mention``, the pronoun or
  description in the sentence) overlaps the gold Source, or when its head name (last word,
  case folded) equals the gold Source's. *Pronoun* sources are those whose text is a personal
  pronoun; every other source (names and descriptions) is *named*.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from spacy.language import Language

from ..ingest.read import normalize_text

DIRECT_COVERAGE = 0.9
PRONOUNS = frozenset("i he she we they you it him her us them".split())
_PAIR = re.compile(r"[“\"][^“”\"\n]*[”\"]")
_WORD = re.compile(r"\w")
_SPAN = re.compile(r"(T\d+)\t\S+ ([\d ;]+)\t?(.*)")  # a text-bound annotation; its text may run on to later lines


@dataclass
class Attribution:
    source: list[tuple[int, int]]
    source_text: str
    content: list[tuple[int, int]]


@dataclass
class GoldQuote:
    start: int
    end: int
    source: list[tuple[int, int]]
    source_text: str

    @property
    def pronoun(self) -> bool:
        return self.source_text.strip().lower() in PRONOUNS


def read_ann(text: str) -> list[Attribution]:
    """The attributions of one BRAT ``.ann`` file's text (``T`` spans, ``E`` relations)."""
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    events = []
    for line in text.splitlines():
        if found := _SPAN.match(line):
            tid, offsets, words = found.groups()
            spans[tid] = ([tuple(map(int, part.split())) for part in offsets.split(";")], words)
        elif line[:1] == "E" and "\t" in line:
            events.append(dict(part.split(":", 1) for part in line.split("\t", 1)[1].split()))
    attributions = []
    for roles in events:
        if roles.get("Content") not in spans:
            continue
        source = spans.get(roles.get("Source"), ([], ""))
        attributions.append(Attribution(source[0], source[1], spans[roles["Content"]][0]))
    return attributions


def direct_quotes(text: str, attributions: list[Attribution]) -> tuple[list[GoldQuote], list[tuple[int, int]]]:
    """Gold quotations (see the module docstring) and the content spans that are out of scope."""
    pairs = [m.span() for m in _PAIR.finditer(text)]
    gold, other = [], []
    for attribution in attributions:
        inside = [(a, b) for a, b in pairs if any(a < ce and cs < b for cs, ce in attribution.content)]
        letters = [i for cs, ce in attribution.content for i in range(cs, ce) if _WORD.match(text[i])]
        covered = sum(1 for i in letters if any(a < i < b for a, b in inside))
        if letters and inside and covered >= DIRECT_COVERAGE * len(letters):
            gold.extend(GoldQuote(a, b, attribution.source, attribution.source_text) for a, b in inside)
        else:
            other.extend(attribution.content)
    return gold, other


def _offset_map(raw: str, normal: str):
    """``at(i)``: the offset in ``normal`` of offset ``i`` of ``raw`` (identity when lengths agree)."""
    if raw == normal:
        return lambda i: i
    table = {}
    for a, b, size in SequenceMatcher(None, raw, normal, autojunk=False).get_matching_blocks():
        for k in range(size + 1):
            table[a + k] = b + k
    keys = sorted(table)

    def at(i: int) -> int:
        if i in table:
            return table[i]
        k = keys[min(bisect_left(keys, i), len(keys) - 1)]
        return table[k]

    return at


def load_article(text_path: Path, ann_path: Path) -> tuple[str, list[GoldQuote], list[tuple[int, int]]]:
    """The normalised text of one article, its gold quotations and out-of-scope contents, with
    offsets moved onto the normalised text."""
    raw = text_path.read_text(encoding="utf-8")
    gold, other = direct_quotes(raw, read_ann(ann_path.read_text(encoding="utf-8")))
    text = normalize_text(raw)
    at = _offset_map(raw, text)
    gold = [GoldQuote(at(g.start), at(g.end), [(at(a), at(b)) for a, b in g.source], g.source_text) for g in gold]
    return text, gold, [(at(a), at(b)) for a, b in other]


def articles(folder: Path) -> list[tuple[Path, Path]]:
    """``(text file, .ann file)`` of every annotated article under ``folder``."""
    texts = {p.stem: p for p in sorted(folder.rglob("*.txt"))}
    chosen: dict[str, Path] = {}
    for ann in sorted(folder.rglob("*.ann")):
        stem = ann.stem if ann.stem in texts else ann.stem.rsplit("_", 1)[0]
        if stem in texts:
            chosen.setdefault(stem, ann)
    return [(texts[stem], ann) for stem, ann in sorted(chosen.items())]


def _head(words: str) -> str:
    tokens = re.findall(r"[\w’'.-]+", words)
    return tokens[-1].strip(".’'").lower() if tokens else ""


def speaker_right(quote: dict, gold: GoldQuote) -> bool:
    """Whether a predicted quotation's speaker is the gold source (see the module docstring)."""
    speaker = quote.get("speaker")
    if not speaker or not gold.source:
        return False
    spans = [(speaker["start"], speaker["end"])]
    if speaker.get("mention"):
        spans.append((speaker["mention"]["start"], speaker["mention"]["end"]))
    if any(a < ge and gs < b for a, b in spans for gs, ge in gold.source):
        return True
    return _head(speaker["text"]) == _head(gold.source_text) != ""


@dataclass
class QuoteScores:
    """Counts over a corpus; :meth:`add` scores one article."""

    counts: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, text: str, quotes: list[dict], gold: list[GoldQuote], other: list[tuple[int, int]]) -> None:
        predicted = [q for q in quotes if q["kind"] != "scare"]
        c = self.counts
        for q in predicted:
            if any(q["start"] < g.end and g.start < q["end"] for g in gold):
                c["tp"] += 1
            elif not any(q["start"] < b and a < q["end"] for a, b in other):
                c["fp"] += 1
                self.misses.append(f"{name}: unexpected quotation {q['text'][:70]!r}")
        for g in gold:
            hits = [q for q in predicted if q["start"] < g.end and g.start < q["end"]]
            c["gold"] += 1
            if not hits:
                self.misses.append(f"{name}: missed {text[g.start:g.end][:70]!r}")
                continue
            c["found"] += 1
            if not g.source:
                continue
            best = max(hits, key=lambda q: min(q["end"], g.end) - max(q["start"], g.start))
            group = "pronoun" if g.pronoun else "named"
            right = speaker_right(best, g)
            c[f"{group} total"] += 1
            c[f"{group} right"] += int(right)
            if not right:
                said = (best.get("speaker") or {}).get("text")
                self.misses.append(f"{name}: speaker {said!r}, gold {g.source_text!r} for {text[g.start:g.end][:50]!r}")

    def report(self) -> dict:
        c = self.counts
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["found"] / c["gold"] if c["gold"] else 1.0
        total = c["named total"] + c["pronoun total"]

        def share(right: int, n: int) -> float:
            return right / n if n else 1.0

        return {
            "quotations": c["gold"], "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "speaker": share(c["named right"] + c["pronoun right"], total), "speaker_n": total,
            "named": share(c["named right"], c["named total"]), "named_n": c["named total"],
            "pronoun": share(c["pronoun right"], c["pronoun total"]), "pronoun_n": c["pronoun total"],
            "misses": self.misses,
        }


def evaluate_brat(nlp: Language, folder: Path, limit: int | None = None) -> dict:
    """Run the pipeline on every annotated article under ``folder`` (the first ``limit``) and
    score its direct quotations and speakers."""
    scores = QuoteScores()
    pairs = articles(folder)[:limit]
    loaded = [(text_path.stem, *load_article(text_path, ann)) for text_path, ann in pairs]
    for (name, text, gold, other), doc in zip(loaded, nlp.pipe(t for _, t, _, _ in loaded), strict=True):
        scores.add(name, text, doc._.ctc_quotes or [], gold, other)
    report = scores.report()
    report["documents"] = len(loaded)
    return report


def format_brat_report(report: dict) -> str:
    """The figures as lines of text, followed by the first misses."""
    lines = [
        f"documents {report['documents']}, gold direct quotations {report['quotations']}",
        f"detection  P {report['precision']:.3f}  R {report['recall']:.3f}  F1 {report['f1']:.3f}",
        f"speaker    {report['speaker']:.3f} ({report['speaker_n']})  named {report['named']:.3f} ({report['named_n']})  "
        f"pronoun {report['pronoun']:.3f} ({report['pronoun_n']})",
    ]
    if report["misses"]:
        lines.append(f"\n{len(report['misses'])} misses:")
        lines.extend(f"  {m}" for m in report["misses"][:40])
    return "\n".join(lines)

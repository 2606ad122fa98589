"""``ctc-pipeline eval --dev``: score whole real documents (``tests/dev/gold/*.gold.json``).

A gold file gives ``{document, format, title, authors, published, headings[], markers[{n,
sentence}], notes[{n, text, sources}], not_claims[]}``. Per document:

- **notes found**: a footnote numbered ``n`` whose text (after its label) equals the gold text,
  white space collapsed;
- **marker → sentence**: a claim citing ``n`` whose text is the gold sentence (white space
  collapsed, markers removed); a marker on a heading is linked to the heading's text;
- **headings** P/R/F1 over the displayed headings (the notes heading included, the title not);
- **title, authors, published** right or wrong;
- **note fields** (:mod:`~pipeline.commands.evaluate_notes`): field accuracy of the parsed
  sources, access dates kept apart, notes of several works split, Ibid. and short forms resolved
  to the gold's note or flagged;
- **entities** (when the gold has an ``entities`` section, as in the sample's gold): gold aliases
  found, alias pairs P/R/F1 (pairs of gold aliases sharing an entity) and must-not-merge pairs
  merged (:func:`~pipeline.commands.evaluate.alias_pairs`);
- **not-claim violations**: gold strings (front matter, captions, tables of contents, …) that
  are claims: every place the string stands in the document text lies inside a claim (a
  heading's words that also occur in a sentence are no violation while the heading is not one).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from spacy.language import Language

from ..engine.process import process
from .evaluate import alias_pairs
from .evaluate_notes import score_notes

FORMATS = {"html": "html", "md": "md", "markdown": "md", "txt": "txt", "text": "txt"}
MARKERS = re.compile(r"\[\s*\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\s*\]")
NOTE_LABEL = re.compile(r"^\s*(?:\[\s*\d{1,4}\s*\]|\d{1,4}[.)])\s*")
HEADING_KINDS = ("heading", "endnotes_heading")
NOTE_SCORES = ("fields", "accessed", "split", "back_references")


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def _words(text: str) -> str:
    return _squash(MARKERS.sub(" ", text)).replace(" .", ".").replace(" ,", ",")


def _prf(predicted: list[str], gold: list[str]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) over multisets."""
    hits = sum((Counter(predicted) & Counter(gold)).values())
    return hits, len(predicted), len(gold)


def score_document(nlp: Language, gold_path: Path) -> dict:
    """The scores of one gold document (counts, so that totals add up)."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    document = (Path(gold_path).parent / gold["document"]).resolve()
    records = process(document.read_bytes(), str(document), nlp, fmt=FORMATS[gold["format"]])
    record = records["document"][0]
    text = record["text"]
    notes = {f["n"]: _squash(NOTE_LABEL.sub("", f["raw"], count=1)) for f in records["footnote"]}
    claims = [(set(c["footnotes"]), _words(c["text"])) for c in records["claim"]]
    heading_blocks = [b for b in record["blocks"] if b["kind"] in HEADING_KINDS]
    headings = [_words(text[b["start"]:b["end"]]) for b in heading_blocks]
    claims += [({n for m in record["markers"] if b["start"] <= m["start"] < b["end"] for n in m["numbers"]},
                _words(text[b["start"]:b["end"]])) for b in heading_blocks if b["kind"] == "heading"]
    spans = [(c["start"], c["end"]) for c in records["claim"]]

    def is_claim(words: str) -> bool:
        places = [m.span() for m in re.finditer(r"\s+".join(map(re.escape, words.split())), text)] if words.strip() else []
        return bool(places) and all(any(s <= a and b <= e for s, e in spans) for a, b in places)

    violations = [s for s in gold["not_claims"] if is_claim(_squash(s))]
    where, aliases, predicted_pairs, gold_pairs, merged = alias_pairs(records["entity"], gold)
    fields = score_notes(gold["notes"], records["footnote"], record["problems"])
    return {
        "document": Path(gold_path).name.removesuffix(".gold.json"),
        "notes": (sum(notes.get(g["n"]) == _squash(g["text"]) for g in gold["notes"]), len(gold["notes"])),
        "markers": (sum(any(g["n"] in ns and words == _words(g["sentence"]) for ns, words in claims) for g in gold["markers"]),
                    len(gold["markers"])),
        "headings": _prf(headings, [_words(h) for h in gold["headings"]]),
        "title": _squash(record["title"]) == _squash(gold["title"]),
        "authors": record["authors"] == gold["authors"],
        "published": record["published"] == gold["published"],
        "violations": len(violations),
        "aliases": (sum(a in where for a in aliases), len(aliases)),
        "alias_pairs": _prf(predicted_pairs, gold_pairs),
        "merged": (len(merged), len(gold.get("must_not_merge", []))),
        **{key: fields[key] for key in NOTE_SCORES},
        "missed": {
            **{f"note {key}": fields["missed"][key] for key in NOTE_SCORES},
            "aliases": [a for a in aliases if a not in where],
            "alias pairs": [f"{a} = {b}" for a, b in gold_pairs if (a, b) not in predicted_pairs],
            "must-not-merge": [f"{a} / {b}" for a, b in merged],
            "notes": [g["n"] for g in gold["notes"] if notes.get(g["n"]) != _squash(g["text"])],
            "markers": [g["n"] for g in gold["markers"]
                        if not any(g["n"] in ns and words == _words(g["sentence"]) for ns, words in claims)],
            "not_claims": violations,
        },
    }


def _ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def _f1(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 1.0
    r = hits / gold if gold else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def evaluate_documents(nlp: Language, gold_paths: list[Path]) -> list[dict]:
    return [score_document(nlp, Path(path)) for path in gold_paths]


def format_table(rows: list[dict]) -> str:
    """A per-document table, the totals, and what was missed."""
    w = max([len("document"), *(len(row["document"]) for row in rows)])
    header = (f"{'document':<{w}} {'notes':>7} {'markers':>8} {'head P':>7} {'head R':>7} {'head F1':>7} title authors published violations"
              f" {'aliases':>8} {'pair F1':>7} {'merged':>6}")
    lines = [header]
    for row in rows:
        p, r, f = _f1(*row["headings"])
        lines.append(f"{row['document']:<{w}} {_ratio(row['notes']):>7} {_ratio(row['markers']):>8} {p:>7.3f} {r:>7.3f} {f:>7.3f} "
                     f"{'yes' if row['title'] else 'no':>5} {'yes' if row['authors'] else 'no':>7} {'yes' if row['published'] else 'no':>9} "
                     f"{row['violations']:>10} {_ratio(row['aliases']):>8} {_f1(*row['alias_pairs'])[2]:>7.3f} {_ratio(row['merged']):>6}")
    total = lambda key: tuple(map(sum, zip(*(row[key] for row in rows))))  # noqa: E731
    if rows:
        notes, markers, heads = total("notes"), total("markers"), total("headings")
        p, r, f = _f1(*heads)
        lines.append(f"{'total':<{w}} {_ratio(notes):>7} {_ratio(markers):>8} {p:>7.3f} {r:>7.3f} {f:>7.3f} "
                     f"{sum(r['title'] for r in rows):>3}/{len(rows)} {sum(r['authors'] for r in rows):>5}/{len(rows)} "
                     f"{sum(r['published'] for r in rows):>7}/{len(rows)} {sum(r['violations'] for r in rows):>10}")
        lines.append(f"notes found {notes[0] / notes[1] if notes[1] else 1:.3f}, marker -> sentence {markers[0] / markers[1] if markers[1] else 1:.3f}")
        aliases, pairs = total("aliases"), total("alias_pairs")
        if aliases and aliases[1]:
            p, r, f = _f1(*pairs)
            lines.append(f"entities: gold aliases found {aliases[0]}/{aliases[1]} ({aliases[0] / aliases[1]:.3f}), "
                         f"alias pairs P {p:.3f} R {r:.3f} F1 {f:.3f} (n {pairs[2]}), "
                         f"must-not-merge pairs merged {_ratio(total('merged'))}")
        fields = total("fields")
        lines.append(f"note fields {fields[0] / fields[1] if fields[1] else 1:.3f} ({_ratio(fields)}), access dates apart "
                     f"{_ratio(total('accessed'))}, several works split {_ratio(total('split'))}, "
                     f"Ibid./short forms right or flagged {_ratio(total('back_references'))}")
    for row in rows:
        for kind, missed in row["missed"].items():
            if missed:
                lines.append(f"  {row['document']}: {kind} missed: {', '.join(map(str, missed))[:300]}")
    return "\n".join(lines)

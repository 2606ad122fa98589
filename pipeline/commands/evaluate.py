"""Evaluation harness: scores each stage against hand-checked gold annotations.

A gold file (``tests/gold/*.gold.json``) names its document (relative to the gold file) and lists
title, authors, bio, headings, boilerplate lines, every body sentence with its footnotes and
support, and every endnote field by field. Scores per stage:

- segment:   headings and boilerplate lines (P/R/F1), bio/authors/title exact, body paragraph count;
- sentences: body sentences (P/R/F1, exact text match);
- markers:   each marker attached to the right sentence (accuracy);
- claims:    support label and footnotes of matched sentences (accuracy), inherited (P/R/F1);
- endnotes:  kind, Ibid. target, commentary (accuracy); sources (P/R/F1 by title); each source
             field over matched sources (accuracy);
- dates:     temporal expressions found (P/R/F1, overlapping spans); value, type and modifier of
             the matched ones (accuracy);
- quotes:    quotations (P/R/F1 by their words, scare quotes apart); kind, speaker and cue of the
             matched ones (accuracy);
- entities:  alias pairs that share an entity (pairwise P/R/F1 over the gold aliases), gold
             aliases found, and must-not-merge pairs kept apart (accuracy).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from spacy.language import Language

from ..engine.doc_records import records_for
from ..ingest.read import normalize_text, read_document
from ..rules.outlets import fold

SOURCE_FIELDS = ("authors", "title", "outlet", "outlet_canonical", "date", "date_raw", "date_valid",
                 "volume", "issue", "language", "short_form_of")


class Scores:
    """Counters keyed by (stage, metric): ``tp/fp/fn`` for P/R/F1, ``ok/total`` for accuracy."""

    def __init__(self):
        self.counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.misses: list[str] = []

    def prf(self, stage: str, metric: str, predicted: list, gold: list) -> None:
        remaining = list(gold)
        c = self.counts[(stage, metric)]
        for item in predicted:
            if item in remaining:
                remaining.remove(item)
                c["tp"] += 1
            else:
                c["fp"] += 1
                self.misses.append(f"{stage}/{metric}: unexpected {str(item)[:90]!r}")
        c["fn"] += len(remaining)
        self.misses.extend(f"{stage}/{metric}: missed {str(item)[:90]!r}" for item in remaining)

    def acc(self, stage: str, metric: str, ok: bool, detail: str = "") -> None:
        c = self.counts[(stage, metric)]
        c["ok"] += int(ok)
        c["total"] += 1
        if not ok:
            self.misses.append(f"{stage}/{metric}: {detail}"[:200])

    def report(self) -> dict:
        rows = []
        for (stage, metric), c in self.counts.items():
            if "total" in c:
                rows.append({"stage": stage, "metric": f"{metric} accuracy", "score": c["ok"] / c["total"] if c["total"] else 1.0, "n": c["total"]})
            else:
                p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
                r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
                f = 2 * p * r / (p + r) if p + r else 0.0
                rows.append({"stage": stage, "metric": metric, "precision": p, "recall": r, "f1": f, "score": f, "n": c["tp"] + c["fn"]})
        return {"rows": rows, "misses": self.misses}


def _spanner(doc):
    """``span(item)``: the document text an item's ``start``/``end`` cover (text built once)."""
    text = doc.text
    return lambda item: text[item["start"] : item["end"]]


def _score_segment(scores: Scores, doc, gold: dict) -> None:
    blocks, span = doc._.ctc_blocks, _spanner(doc)
    scores.prf("segment", "headings", [span(b) for b in blocks if b["kind"] == "heading"], [normalize_text(h) for h in gold["headings"]])
    scores.prf("segment", "boilerplate lines", [span(b) for b in blocks if b["kind"] == "boilerplate"], [normalize_text(b) for b in gold["boilerplate"]])
    bio = doc._.ctc_bio["text"] if doc._.ctc_bio else None
    scores.acc("segment", "author bio", bio == (normalize_text(gold["author_bio"]) if gold["author_bio"] else None), f"bio {bio!r:.60}")
    scores.acc("segment", "authors", doc._.ctc_authors == gold["authors"], f"authors {doc._.ctc_authors}")
    scores.acc("segment", "title", doc._.ctc_title == gold["title"], f"title {doc._.ctc_title!r}")
    body = sum(1 for b in blocks if b["kind"] == "body")
    scores.acc("segment", "body paragraph count", body == gold["body_paragraphs"], f"{body} body paragraphs, gold {gold['body_paragraphs']}")


def _score_claims(scores: Scores, doc, gold: dict) -> None:
    span = _spanner(doc)
    claims = {span(c): c for c in doc._.ctc_claims}
    gold_claims = [{**g, "sentence": normalize_text(g["sentence"])} for g in gold["claims"]]
    scores.prf("sentences", "body sentences", list(claims), [g["sentence"] for g in gold_claims])
    marker_home = {n: span(c) for c in doc._.ctc_claims if c["support"] == "direct" for n in c["footnotes"]}
    for g in gold_claims:
        if g["support"] == "direct":
            for n in g["footnotes"]:
                scores.acc("markers", "marker→sentence", marker_home.get(n) == g["sentence"], f"[{n}] attached to {marker_home.get(n)!r:.80}")
        predicted = claims.get(g["sentence"])
        if predicted is None:
            continue
        scores.acc("claims", "support", predicted["support"] == g["support"], f"{predicted['support']} for {g['sentence']!r:.80}")
        scores.acc("claims", "footnotes", predicted["footnotes"] == g["footnotes"], f"{predicted['footnotes']} for {g['sentence']!r:.80}")
    scores.prf("claims", "inherited sentences", [t for t, c in claims.items() if c["support"] == "inherited"],
               [g["sentence"] for g in gold_claims if g["support"] == "inherited"])


def _score_endnotes(scores: Scores, footnotes: list[dict], gold: dict) -> None:
    notes = {n["n"]: n for n in footnotes}
    note_of = {n["id"]: n["n"] for n in footnotes}
    source_note = {s["id"]: n["n"] for n in footnotes for s in n["sources"]}
    for g in gold["endnotes"]:
        note = notes.get(g["n"])
        scores.acc("endnotes", "note found", note is not None, f"note {g['n']} missing")
        if note is None:
            continue
        scores.acc("endnotes", "kind", note["kind"] == g["kind"], f"note {g['n']}: {note['kind']} vs {g['kind']}")
        scores.acc("endnotes", "commentary", note["commentary"] == g["commentary"], f"note {g['n']}: {note['commentary']!r:.60}")
        if g["kind"] == "ibid":
            scores.acc("endnotes", "Ibid. target", note_of.get(note["refers_to"]) == g["refers_to"], f"note {g['n']} → {note['refers_to']}")
        by_title = {fold(s["title"] or ""): s for s in note["sources"]}
        scores.prf("endnotes", "sources", [(g["n"], k) for k in by_title], [(g["n"], fold(s["title"] or "")) for s in g["sources"]])
        for gs in g["sources"]:
            ps = by_title.get(fold(gs["title"] or ""))
            if ps is None:
                continue
            for name in SOURCE_FIELDS:
                value = source_note.get(ps[name]) if name == "short_form_of" and ps[name] else ps[name]
                scores.acc("endnote fields", name, value == gs[name], f"note {g['n']} {name}: {value!r} vs {gs[name]!r}")


def _squash(text: str | None) -> str | None:
    return None if text is None else " ".join(normalize_text(text).split())


def _locate(text: str, items: list[str], start: int) -> list[tuple[int, int] | None]:
    """Positions of ``items`` found in order in ``text`` from ``start``, as whole words."""
    spans, pos = [], start
    for item in items:
        found = re.compile(rf"(?<!\w){re.escape(normalize_text(item))}(?!\w)").search(text, pos)
        spans.append(found.span() if found else None)
        pos = found.start() + 1 if found else pos
    return spans


def _score_dates(scores: Scores, doc, gold: dict) -> None:
    if "dates" not in gold:
        return
    body = min((b["start"] for b in doc._.ctc_blocks if b["kind"] == "body"), default=0)
    spans = _locate(doc.text, [d["text"] for d in gold["dates"]], body)
    predicted = list(doc._.ctc_dates or [])
    matched = set()
    for g, span in zip(gold["dates"], spans, strict=True):
        hit = next((p for p in predicted if span and p["start"] < span[1] and span[0] < p["end"] and id(p) not in matched), None)
        scores.acc("dates", "found (recall)", hit is not None, f"missed date {g['text']!r}")
        if hit is None:
            continue
        matched.add(id(hit))
        scores.acc("dates", "value", hit["value"] == g["value"], f"{g['text']!r}: {hit['value']} vs {g['value']}")
        scores.acc("dates", "timex_type", hit["timex_type"] == g["timex_type"], f"{g['text']!r}: {hit['timex_type']} vs {g['timex_type']}")
        scores.acc("dates", "mod", hit["mod"] == g["mod"], f"{g['text']!r}: {hit['mod']} vs {g['mod']}")
    for p in predicted:
        scores.acc("dates", "precision", id(p) in matched, f"unexpected date {p['text']!r}")


def _score_quotes(scores: Scores, doc, gold: dict) -> None:
    if "quotes" not in gold:
        return
    predicted = {_squash(q["text"]): q for q in doc._.ctc_quotes or []}
    real = [q for q in gold["quotes"] if q["kind"] != "scare"]
    scores.prf("quotes", "quotations", [t for t, q in predicted.items() if q["kind"] != "scare"], [_squash(q["text"]) for q in real])
    for g in gold["quotes"]:
        hit = predicted.get(_squash(g["text"]))
        if hit is None:
            continue
        scores.acc("quotes", "kind", hit["kind"] == g["kind"], f"{g['text'][:40]!r}: {hit['kind']} vs {g['kind']}")
        if g["kind"] == "scare":
            continue
        speaker = _squash((hit["speaker"] or {}).get("text"))
        scores.acc("quotes", "speaker", speaker == _squash(g["speaker"]), f"{g['text'][:40]!r}: {speaker!r} vs {g['speaker']!r}")
        cue = _squash((hit["cue"] or {}).get("text"))
        scores.acc("quotes", "cue", cue == _squash(g["cue"]), f"{g['text'][:40]!r}: {cue!r} vs {g['cue']!r}")


def alias_pairs(entities: list[dict], gold: dict) -> tuple[dict[str, str], list[str], list[tuple], list[tuple], list[tuple]]:
    """Entity records against a gold ``entities`` / ``must_not_merge`` section: the entity each
    alias mostly belongs to, the gold aliases, the predicted and gold pairs of gold aliases
    sharing an entity, and the must-not-merge pairs that are merged."""
    home: dict[str, Counter] = defaultdict(Counter)
    for entity in entities or []:
        for alias in entity["aliases"]:
            home[_squash(alias["text"])][entity["id"]] += alias["count"]
    where = {form: counts.most_common(1)[0][0] for form, counts in home.items()}
    forms = [(_squash(a), i) for i, cluster in enumerate(gold.get("entities", [])) for a in cluster["aliases"]]
    predicted_pairs, gold_pairs = [], []
    for x in range(len(forms)):
        for y in range(x + 1, len(forms)):
            (a, ca), (b, cb) = forms[x], forms[y]
            if ca == cb:
                gold_pairs.append((a, b))
            if a in where and where[a] == where.get(b):
                predicted_pairs.append((a, b))
    merged = [(a, b) for a, b in ((_squash(a), _squash(b)) for a, b in gold.get("must_not_merge", []))
              if a in where and b in where and where[a] == where[b]]
    return where, [form for form, _ in forms], predicted_pairs, gold_pairs, merged


def _score_entities(scores: Scores, doc, gold: dict) -> None:
    if "entities" not in gold:
        return
    where, forms, predicted_pairs, gold_pairs, merged = alias_pairs(doc._.ctc_entities, gold)
    for form in forms:
        scores.acc("entities", "gold aliases found", form in where, f"alias {form!r} not found")
    scores.prf("entities", "alias pairs", predicted_pairs, gold_pairs)
    for a, b in gold.get("must_not_merge", []):
        a, b = _squash(a), _squash(b)
        scores.acc("entities", "must-not-merge kept apart", (a, b) not in merged, f"merged {a!r} with {b!r}")


def evaluate_files(nlp: Language, gold_paths: list[Path]) -> dict:
    """Run the pipeline on each gold file's document and score every stage."""
    scores = Scores()
    for gold_path in gold_paths:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        source = read_document((Path(gold_path).parent / gold["document"]).resolve())
        doc = nlp(source.text)
        _score_segment(scores, doc, gold)
        _score_claims(scores, doc, gold)
        _score_endnotes(scores, records_for(doc, source, {})["footnote"], gold)
        _score_dates(scores, doc, gold)
        _score_quotes(scores, doc, gold)
        _score_entities(scores, doc, gold)
    report = scores.report()
    report["documents"] = len(gold_paths)
    return report


def format_report(report: dict) -> str:
    """The scores as an aligned text table, followed by the first misses."""
    lines = [f"{'stage':<15}{'metric':<32}{'P':>7}{'R':>7}{'F1/acc':>8}{'n':>6}"]
    for row in report["rows"]:
        p = f"{row['precision']:.3f}" if "precision" in row else ""
        r = f"{row['recall']:.3f}" if "recall" in row else ""
        lines.append(f"{row['stage']:<15}{row['metric']:<32}{p:>7}{r:>7}{row['score']:>8.3f}{row['n']:>6}")
    if report["misses"]:
        lines.append(f"\n{len(report['misses'])} misses:")
        lines.extend(f"  {m}" for m in report["misses"][:40])
    return "\n".join(lines)

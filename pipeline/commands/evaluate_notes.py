"""Field accuracy of the parsed notes of a development document against its gold ``notes``.

A gold note is ``{n, text, sources[], ibid_of, short_form_of}``; each gold source gives
``type, authors, title, outlet, date, accessed, url, publisher, place, volume, issue, pages``
(ISO dates at the written precision; ``null`` where the note has no such field). A footnote
record's sources are aligned with the gold sources of the same note greedily, the pair that
agrees on most fields first. Scores (counts, so that documents add up):

- **fields**: over every aligned pair and every field of :data:`FIELDS` that either side fills,
  right when both are equal after :func:`normalise_field`; a gold source with no partner counts
  each of its filled fields wrong, a parsed source with no partner each of its filled fields.
  ``type`` is not scored (the gold's kinds — report, government, legal — are finer than ours);
  a parsed book's ``outlet`` that repeats its publisher (the records' convention) counts as no
  outlet, as in ``eval --anystyle``.
- **accessed apart**: gold sources with an access date whose partner has that ``accessed`` and
  a ``date`` that is not it.
- **split**: gold notes citing two works or more whose record has as many sources.
- **back-references**: gold ``ibid_of`` / ``short_form_of`` notes whose record points to that
  note (``refers_to``, or a source's ``short_form_of`` inside that note), or carry a problem of
  :data:`BACK_REFERENCE_PROBLEMS` (ambiguous or unresolved: flagged, not guessed).
"""

from __future__ import annotations

import re

from .evaluate_references import normalise

FIELDS = ("authors", "title", "outlet", "date", "accessed", "url", "publisher", "place", "volume", "issue", "pages")
BACK_REFERENCE_PROBLEMS = frozenset({"ambiguous-ibid", "ibid-without-antecedent", "ambiguous-short-form", "short-form-unresolved"})
_TEXT = {"title": "title", "outlet": "outlet", "publisher": "publisher", "place": "place"}


def normalise_field(name: str, value) -> object:
    """Comparable form: authors, text fields and URLs as in ``eval --anystyle``; dates as written
    (ISO); volume, issue and pages as their sequence of numbers; ``None`` if empty."""
    if value is None or value == "" or value == []:
        return None
    if name in ("authors", "url") or name in _TEXT:
        return normalise(_TEXT.get(name, name), value)
    if name in ("volume", "issue", "pages"):
        return tuple(re.findall(r"\d+|\b[ivxlc]+\b", str(value).lower())) or None
    return str(value)


def _values(source: dict) -> dict[str, object]:
    repeated = source.get("type") == "book" and source.get("outlet") == source.get("publisher")
    return {name: None if repeated and name == "outlet" else normalise_field(name, source.get(name)) for name in FIELDS}


def _agreement(gold: dict, predicted: dict) -> int:
    return sum(1 for name in FIELDS if gold[name] is not None and gold[name] == predicted[name])


def align(gold_sources: list[dict], predicted_sources: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pairs (gold, predicted) of normalised values; the unmatched of either side paired with ``None``."""
    gold = [_values(s) for s in gold_sources]
    predicted = [_values(s) for s in predicted_sources]
    candidates = sorted(((_agreement(g, p), -i, -j) for i, g in enumerate(gold) for j, p in enumerate(predicted)), reverse=True)
    pairs, used_gold, used_predicted = [], set(), set()
    for score, i, j in candidates:
        if score and -i not in used_gold and -j not in used_predicted:
            used_gold.add(-i)
            used_predicted.add(-j)
            pairs.append((gold[-i], predicted[-j]))
    pairs += [(g, None) for i, g in enumerate(gold) if i not in used_gold]
    pairs += [(None, p) for j, p in enumerate(predicted) if j not in used_predicted]
    return pairs


def score_notes(gold_notes: list[dict], footnotes: list[dict], problems: list[dict]) -> dict:
    """``fields``, ``accessed``, ``split``, ``back_references`` as (right, total), and the misses."""
    by_n = {f["n"]: f for f in footnotes}
    note_of_source = {s["id"]: f["n"] for f in footnotes for s in f["sources"]}
    note_of_id = {f["id"]: f["n"] for f in footnotes}
    flagged = {p["footnote"] for p in problems if p["code"] in BACK_REFERENCE_PROBLEMS}
    counts = {"fields": [0, 0], "accessed": [0, 0], "split": [0, 0], "back_references": [0, 0]}
    missed: dict[str, list[str]] = {"fields": [], "accessed": [], "split": [], "back_references": []}
    for note in gold_notes:
        record = by_n.get(note["n"], {"sources": [], "refers_to": None})
        for gold, predicted in align(note["sources"], record["sources"]):
            for name in FIELDS:
                g, p = (gold or {}).get(name), (predicted or {}).get(name)
                if g is None and p is None:
                    continue
                counts["fields"][1] += 1
                if g == p:
                    counts["fields"][0] += 1
                else:
                    missed["fields"].append(f"{note['n']}.{name}")
            if gold is not None and gold["accessed"] is not None:
                counts["accessed"][1] += 1
                apart = predicted is not None and predicted["accessed"] == gold["accessed"] and predicted["date"] != gold["accessed"]
                counts["accessed"][0] += apart
                if not apart:
                    missed["accessed"].append(str(note["n"]))
        if len(note["sources"]) > 1:
            counts["split"][1] += 1
            right = len(record["sources"]) == len(note["sources"])
            counts["split"][0] += right
            if not right:
                missed["split"].append(f"{note['n']} ({len(record['sources'])}/{len(note['sources'])})")
        for key in ("ibid_of", "short_form_of"):
            target = note.get(key)
            if target is None:
                continue
            counts["back_references"][1] += 1
            if key == "ibid_of":
                pointed = {note_of_id.get(record.get("refers_to"))}
            else:
                pointed = {note_of_source.get(s.get("short_form_of")) for s in record["sources"]}
            right = target in pointed or note["n"] in flagged
            counts["back_references"][0] += right
            if not right:
                missed["back_references"].append(f"{note['n']}->{target}")
    return {key: tuple(value) for key, value in counts.items()} | {"missed": missed}

"""Resolve references between endnotes, link claims to sources, and report problems.

- ``Ibid.`` refers to the nearest earlier note that cites works (``refers_to`` = that note's id).
- A short-form citation (a title with no outlet or date) points to the earlier full citation
  whose title it matches (``short_form_of`` = that source's id).
- Each claim gets ``source_ids``: the works behind its footnotes, through Ibid. and short forms.
- Each endnote gets ``cited_by``: the claims whose sentence carries its marker.
- Each claim gets ``date_ids``, ``quote_ids`` and ``entity_ids``: the temporal expressions,
  quotations and entity mentions standing in it; each quote speaker gets its ``entity_id``.
- ``doc._.ctc_problems`` lists, as data, what could not be resolved: markers without endnotes,
  endnotes never cited, repeated note numbers, unparsed notes, impossible dates, unresolved
  Ibid. or short forms, marker ranges that cannot be expanded.
"""

from __future__ import annotations

from bisect import bisect_left
from rapidfuzz import fuzz
from .outlets import fold
from .problems import problem


def _title_matches(short: str, full: str, cutoff: float) -> bool:
    short_key, full_key = fold(short), fold(full)
    if not short_key:
        return False
    return full_key == short_key or full_key.startswith(short_key + " ") or fuzz.ratio(short_key, full_key) >= cutoff


def resolve_references(notes: list[dict], cutoff: float) -> list[dict]:
    """Set ``refers_to`` on Ibid. notes and ``short_form_of`` on short sources; return problems."""
    problems = []
    antecedent = None
    full_sources: list[dict] = []
    for note in notes:
        if note["kind"] == "ibid":
            if antecedent is None:
                problems.append(
                    problem("ibid-without-antecedent", f"note {note['n']} says Ibid. but no earlier note cites a work",
                            note["start"], note["end"], note["n"])
                )
            else:
                note["refers_to"] = antecedent["id"]
                if len(antecedent["sources"]) > 1:
                    problems.append(
                        problem("ambiguous-ibid", f"note {note['n']} says Ibid. after note {antecedent['n']}, which cites "
                                f"{len(antecedent['sources'])} works; it is linked to all of them",
                                note["start"], note["end"], note["n"])
                    )
            continue
        for source in note["sources"]:
            if source["type"] == "short" and source["title"]:
                match = next(
                    (full for full in reversed(full_sources) if full["title"] and _title_matches(source["title"], full["title"], cutoff)),
                    None,
                )
                if match is not None:
                    source["short_form_of"] = match["id"]
                else:
                    problems.append(
                        problem("short-form-unresolved", f"note {note['n']} cites “{source['title']}” by title only and "
                                "no earlier note cites it in full", source["start"], source["end"], note["n"])
                    )
            else:
                full_sources.append(source)
        if note["sources"]:
            antecedent = note
    return problems


def note_problems(notes: list[dict]) -> list[dict]:
    """Problems visible in the notes alone: repeated numbers, unparsed notes, impossible dates."""
    problems, seen = [], set()
    for note in notes:
        if note["n"] in seen:
            problems.append(problem("duplicate-endnote-number", f"endnote number {note['n']} is used more than once",
                                    note["start"], note["end"], note["n"]))
        seen.add(note["n"])
        if note["kind"] == "empty":
            problems.append(problem("unparsed-endnote", f"endnote {note['n']} is empty", note["start"], note["end"], note["n"]))
        elif note["kind"] == "commentary" and len(note["commentary"].split()) < 4:
            problems.append(problem("unparsed-endnote", f"endnote {note['n']} cites no recognisable work: “{note['commentary']}”",
                                    note["start"], note["end"], note["n"]))
        for source in note["sources"]:
            if source["date_valid"] is False:
                problems.append(problem("invalid-date", f"endnote {note['n']} gives the impossible date “{source['date_raw']}”; "
                                        "it is kept as written", source["start"], source["end"], note["n"]))
    return problems


def link(claims: list[dict], notes: list[dict], markers: list[dict]) -> list[dict]:
    """Set ``source_ids`` on claims and ``cited_by`` on notes; return linking problems."""
    by_n: dict[int, dict] = {}
    for note in notes:
        by_n.setdefault(note["n"], note)
        note["cited_by"] = []
    by_id = {note["id"]: note for note in notes}
    problems = []
    for marker in markers:
        if marker["error"]:
            problems.append(problem("invalid-marker-range", marker["error"], marker["start"], marker["end"]))
        for n in marker["numbers"]:
            if n not in by_n:
                problems.append(problem("marker-without-endnote", f"marker {marker['raw']} has no endnote {n}",
                                        marker["start"], marker["end"], n))
    cited = {n for m in markers for n in m["numbers"]}
    for note in notes:
        if note["n"] not in cited:
            problems.append(problem("endnote-never-cited", f"endnote {note['n']} is not cited in the text",
                                    note["start"], note["end"], note["n"]))
    for claim in claims:
        ids: list[str] = []
        for n in claim["footnotes"]:
            note = by_n.get(n)
            if note is None:
                continue
            if claim["support"] == "direct" and claim["id"] not in note["cited_by"]:
                note["cited_by"].append(claim["id"])
            if note["refers_to"]:
                note = by_id[note["refers_to"]]
            ids.extend(s["short_form_of"] or s["id"] for s in note["sources"])
        claim["source_ids"] = list(dict.fromkeys(ids))
    return problems


def link_entities(claims: list[dict], quotes: list[dict], entities: list[dict]) -> None:
    """Set ``entity_ids`` on claims (entities mentioned inside the sentence) and ``entity_id`` on
    quote speakers (the entity with a mention overlapping the speaker, else one with the same
    alias)."""
    mentions = sorted((m["start"], m["end"], e["id"]) for e in entities for m in e["mentions"])
    starts = [m[0] for m in mentions]
    by_alias = {fold(a["text"]): e["id"] for e in entities for a in e["aliases"]}
    for claim in claims:
        first, last = bisect_left(starts, claim["start"]), bisect_left(starts, claim["end"])
        claim["entity_ids"] = list(dict.fromkeys(m[2] for m in mentions[first:last]))
    for quote in quotes:
        speaker = quote["speaker"]
        if speaker is not None:
            overlapping = [m[2] for m in mentions if m[0] < speaker["end"] and speaker["start"] < m[1]]
            speaker["entity_id"] = overlapping[0] if overlapping else by_alias.get(fold(speaker["text"]))


def link_out(claims: list[dict], records: dict[str, list[dict]]) -> None:
    """Set ``{kind}_ids`` on every claim: the ids of the records of each kind (dates, quotes)
    whose ``claim_id`` is the claim's."""
    for kind, items in records.items():
        by_claim: dict[str, list[str]] = {}
        for item in items:
            by_claim.setdefault(item["claim_id"], []).append(item["id"])
        for claim in claims:
            claim[f"{kind}_ids"] = by_claim.get(claim["id"], [])

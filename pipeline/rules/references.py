"""Cross-references between the stages' results, computed in one place and returned as data.

Nothing here changes its inputs: each function returns maps from record ids to the ids they
refer to, plus the problems found on the way (see :func:`cross_references`, which combines them):

- ``Ibid.`` refers to the nearest earlier note that cites works (``refers_to``: that note's id).
- A short-form citation (a title with no outlet or date) points to the earlier full citation
  whose title it matches, and whose authors' surnames match the short form's when it names any,
  else to the bibliography's work of that title (``short_form_of``: that source's id); when the
  candidates are different works it is left unlinked with an ``ambiguous-short-form`` problem
  naming them. A full citation repeating an earlier one (same title and authors, no other date
  or outlet) points to it the same way: one work; so does a citation of the name an earlier
  note gave its work ("(hereinafter NAME)"), when no earlier title matches.
- Each claim's ``source_ids`` are the works behind its footnotes, through Ibid. and short forms;
  each endnote's ``cited_by`` are the claims whose sentence carries its marker.
- Each claim's ``date_ids``, ``quote_ids`` and ``entity_ids`` are the temporal expressions,
  quotations and entity mentions standing in it; each quote speaker gets an ``entity_id``.
- Problems, as data: markers without endnotes, endnotes never cited, repeated note numbers,
  unparsed notes, impossible dates, unresolved Ibid. or short forms, marker ranges that cannot be
  expanded.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from rapidfuzz import fuzz

from .notes import MAX_NOTE_CHARS
from .outlets import author_surnames, fold
from .problems import problem, sort_problems

ARTICLES = frozenset({"the", "a", "an"})


def _title_matches(short: str, full: str, cutoff: float) -> bool:
    short_key, full_key = fold(short), fold(full)
    if not short_key:
        return False
    return full_key == short_key or full_key.startswith(short_key + " ") or fuzz.ratio(short_key, full_key) >= cutoff


def _short_form_target(short: dict, n: int, earlier: list[dict], bibliography: list[dict], numbers: dict[str, int],
                       cutoff: float) -> tuple[str | None, dict | None]:
    """The full source a short form points to, or a problem: its title must match, and its
    authors' surnames too when the short form names any. Earlier notes are searched first (the
    latest first), then the bibliography. Candidates that are different works (other title or
    authors) make it ambiguous; repeats of one work resolve to the latest."""
    surnames = author_surnames(short["authors"])
    cited = (f"{', '.join(short['authors'])}, “{short['title']}” in short form" if short["authors"]
             else f"“{short['title']}” by title only")
    for pool in (list(reversed(earlier)), list(bibliography)):
        candidates = [full for full in pool if full["title"] and _title_matches(short["title"], full["title"], cutoff)]
        if surnames:
            candidates = [full for full in candidates if surnames & author_surnames(full["authors"])]
        works = {(fold(full["title"]), author_surnames(full["authors"])) for full in candidates}
        if len(works) == 1:
            return candidates[0]["id"], None
        if works:
            names = sorted({f"note {numbers[c['id']]}" if c["id"] in numbers else f"bibliography entry {c['id'].rsplit(':b', 1)[1]}"
                            for c in candidates})
            return None, problem("ambiguous-short-form", f"note {n} cites {cited}, which matches the works of "
                                 f"{', '.join(names[:-1])} and {names[-1]}; it is left unlinked", short["start"], short["end"], n)
    return None, problem("short-form-unresolved", f"note {n} cites {cited} and no earlier note or bibliography entry cites it "
                         "in full", short["start"], short["end"], n)


def _work_key(source: dict) -> tuple[str, frozenset[str]]:
    """What makes two full citations the same work: folded title and author surnames."""
    return fold(source["title"]), author_surnames(source["authors"])


def _repeat_of(source: dict, by_work: dict[tuple, list[dict]]) -> dict | None:
    """The latest earlier source (``by_work``: earlier titled sources by :func:`_work_key`, in
    order) that ``source`` cites again in full: the same title and authors, and no other date or
    outlet."""
    if not source["title"]:
        return None
    for full in reversed(by_work.get(_work_key(source), ())):
        if all(None in (full.get(f), source.get(f)) or full[f] == source[f] for f in ("date", "outlet")):
            return full
    return None


_HEREINAFTER = re.compile(r"\bhereinafter(?:\s+(?:cited|referred\s+to)\s+as)?[\s:]+(?P<name>.+)$", re.IGNORECASE)


def _named_hereinafter(source: dict, named_earlier: list[tuple[dict, re.Match]], cutoff: float) -> dict | None:
    """The latest earlier source (``named_earlier``: those with a "(hereinafter NAME)", with its
    match, in order) whose NAME names ``source``: its title (and authors, when both have some) is
    how NAME begins; a full citation's date, if any, is in NAME too ("Memo on Piers, May 2, 2019"
    is not the memo of another date)."""
    if not source["title"] or (source["type"] != "short" and source.get("date_raw") is None):
        return None
    surnames = author_surnames(source["authors"])
    for full, named in reversed(named_earlier):
        if source["type"] != "short" and fold(source["date_raw"]) not in fold(named.group("name")):
            continue
        if _title_matches(source["title"], named.group("name"), cutoff) and (
                not surnames or not full["authors"] or surnames & author_surnames(full["authors"])):
            return full
        if surnames and _title_matches(f"{', '.join(source['authors'])} {source['title']}", named.group("name"), cutoff):
            return full
    return None


def resolve_references(notes: list[dict], cutoff: float, bibliography: list[dict] = ()) -> tuple[dict[str, str], dict[str, str], list[dict]]:
    """``refers_to`` of each resolved Ibid. note (note id → note id), ``short_form_of`` of each
    resolved short source (source id → source id: an earlier note's, else a ``bibliography``
    work's), and the problems."""
    refers_to: dict[str, str] = {}
    short_form_of: dict[str, str] = {}
    problems = []
    antecedent = None
    full_sources: list[dict] = []
    by_work: dict[tuple, list[dict]] = {}
    named_earlier: list[tuple[dict, re.Match]] = []
    numbers = {source["id"]: note["n"] for note in notes for source in note["sources"]}
    for note in notes:
        if note["kind"] == "ibid":
            if antecedent is None:
                problems.append(
                    problem("ibid-without-antecedent", f"note {note['n']} says Ibid. but no earlier note cites a work",
                            note["start"], note["end"], note["n"])
                )
            else:
                refers_to[note["id"]] = antecedent["id"]
                if len(antecedent["sources"]) > 1:
                    problems.append(
                        problem("ambiguous-ibid", f"note {note['n']} says Ibid. after note {antecedent['n']}, which cites "
                                f"{len(antecedent['sources'])} works; it is linked to all of them",
                                note["start"], note["end"], note["n"])
                    )
            continue
        for source in note["sources"]:
            named = _named_hereinafter(source, named_earlier, cutoff)
            if source["type"] == "short" and source["title"]:
                matched, problem_found = _short_form_target(source, note["n"], full_sources, bibliography, numbers, cutoff)
                if matched is None and named is not None:
                    matched, problem_found = named["id"], None
                if matched is not None:
                    short_form_of[source["id"]] = matched
                if problem_found is not None:
                    problems.append(problem_found)
            else:
                repeated = _repeat_of(source, by_work) or named
                if repeated is not None:
                    short_form_of[source["id"]] = repeated["id"]
                full_sources.append(source)
                if source["title"]:
                    by_work.setdefault(_work_key(source), []).append(source)
                if (hereinafter := _HEREINAFTER.search(source.get("unparsed") or "")) is not None:
                    named_earlier.append((source, hereinafter))
        if note["sources"]:
            antecedent = note
    return refers_to, short_form_of, problems


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
        elif note["kind"] == "commentary" and note["end"] - note["start"] > MAX_NOTE_CHARS:
            problems.append(problem("note-too-long", f"endnote {note['n']} is longer than {MAX_NOTE_CHARS:,} characters: "
                                    "it is kept as written, not parsed", note["start"], note["end"], note["n"]))
        elif note["kind"] == "commentary" and len(note["commentary"].split()) < 4:
            problems.append(problem("unparsed-endnote", f"endnote {note['n']} cites no recognisable work: “{note['commentary']}”",
                                    note["start"], note["end"], note["n"]))
        for source in note["sources"]:
            if source["date_valid"] is False:
                problems.append(problem("invalid-date", f"endnote {note['n']} gives the impossible date “{source['date_raw']}”; "
                                        "it is kept as written", source["start"], source["end"], note["n"]))
    return problems


def link(claims: list[dict], notes: list[dict], markers: list[dict], refers_to: dict[str, str],
         short_form_of: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, list[str]], list[dict]]:
    """``source_ids`` of each claim (claim id → source ids), ``cited_by`` of each note (note id →
    claim ids), and the linking problems."""
    by_n: dict[int, dict] = {}
    for note in notes:
        by_n.setdefault(note["n"], note)
    cited_by: dict[str, list[str]] = {note["id"]: [] for note in notes}
    source_ids: dict[str, list[str]] = {}
    by_id = {note["id"]: note for note in notes}
    problems = []
    if markers and not notes:
        problems.append(problem("notes-not-found", f"the text has {len(markers)} footnote marker{'s' if len(markers) != 1 else ''} "
                                "but no notes were found: they may be missing from the input, or in a layout the reader does not know"))
    for marker in markers:
        if marker["error"]:
            problems.append(problem("invalid-marker-range", marker["error"], marker["start"], marker["end"]))
        for n in marker["numbers"]:
            if n not in by_n and notes:
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
            if claim["support"] == "direct" and claim["id"] not in cited_by[note["id"]]:
                cited_by[note["id"]].append(claim["id"])
            if note["id"] in refers_to:
                note = by_id[refers_to[note["id"]]]
            ids.extend(short_form_of.get(s["id"], s["id"]) for s in note["sources"])
        source_ids[claim["id"]] = list(dict.fromkeys(ids))
    return source_ids, cited_by, problems


def link_entities(claims: list[dict], quotes: list[dict], entities: list[dict]) -> tuple[dict[str, list[str]], dict[str, str | None]]:
    """``entity_ids`` of each claim (the entities mentioned inside its sentence) and the speaker's
    ``entity_id`` of each quote with a speaker: a person whose mention overlaps the speaker, else
    an entity whose mention is the whole speaker but an article ("the Pentagon" — not the "U.S."
    in "one former U.S. official", nor the agency in "a spokeswoman for the agency"), else one
    whose alias is the speaker's text; a description naming no one stays ``None``."""
    mentions = sorted((m["start"], m["end"], e["id"]) for e in entities for m in e["mentions"])
    starts = [m[0] for m in mentions]
    people = {e["id"] for e in entities if e["label"] == "PERSON"}
    by_alias = {fold(a["text"]): e["id"] for e in entities for a in e["aliases"]}
    entity_ids, speakers = {}, {}
    for claim in claims:
        first, last = bisect_left(starts, claim["start"]), bisect_left(starts, claim["end"])
        entity_ids[claim["id"]] = list(dict.fromkeys(m[2] for m in mentions[first:last]))
    longest = max((m[1] - m[0] for m in mentions), default=0)
    for quote in quotes:
        speaker = quote["speaker"]
        if speaker is not None:
            window = mentions[bisect_left(starts, speaker["start"] - longest) : bisect_left(starts, speaker["end"])]
            overlapping = [m for m in window if speaker["start"] < m[1]]
            person = [m[2] for m in overlapping if m[2] in people]
            head = [m[2] for m in overlapping if m[1] >= speaker["end"] and _only_articles(speaker["text"][: m[0] - speaker["start"]])]
            speakers[quote["id"]] = (person or head or [by_alias.get(fold(speaker["text"]))])[0]
    return entity_ids, speakers


def _only_articles(words: str) -> bool:
    """Whether the words before an entity's mention in a speaker are none, or an article."""
    return all(w in ARTICLES for w in words.lower().split())


def ids_by_claim(items: list[dict]) -> dict[str, list[str]]:
    """The ids of ``items`` (dates or quotes) grouped by their ``claim_id``."""
    by_claim: dict[str, list[str]] = {}
    for item in items:
        by_claim.setdefault(item["claim_id"], []).append(item["id"])
    return by_claim


def cross_references(claims: list[dict], notes: list[dict], markers: list[dict], dates: list[dict], quotes: list[dict],
                     entities: list[dict], stage_problems: list[dict], cutoff: float,
                     bibliography: list[dict] = ()) -> tuple[dict, list[dict]]:
    """Every cross-reference of one document and its problem list (``stage_problems``, those the
    stages reported, plus those found here), in document order.

    The links are ``{"claims": {claim id: {source_ids, date_ids, quote_ids, entity_ids}},
    "notes": {note id: {refers_to, cited_by}}, "sources": {source id: short_form_of},
    "speakers": {quote id: entity id or None}}``.
    """
    refers_to, short_form_of, reference_problems = resolve_references(notes, cutoff, bibliography)
    source_ids, cited_by, link_problems = link(claims, notes, markers, refers_to, short_form_of)
    entity_ids, speakers = link_entities(claims, quotes, entities)
    date_ids, quote_ids = ids_by_claim(dates), ids_by_claim(quotes)
    links = {
        "claims": {
            c["id"]: {"source_ids": source_ids.get(c["id"], []), "date_ids": date_ids.get(c["id"], []),
                      "quote_ids": quote_ids.get(c["id"], []), "entity_ids": entity_ids.get(c["id"], [])}
            for c in claims
        },
        "notes": {n["id"]: {"refers_to": refers_to.get(n["id"]), "cited_by": cited_by[n["id"]]} for n in notes},
        "sources": short_form_of,
        "speakers": speakers,
    }
    return links, sort_problems(stage_problems + note_problems(notes) + reference_problems + link_problems)

"""The questions the archive answers, as plain rows (dicts) in a fixed order.

- :func:`search`: claims, quotes and sources whose text holds every word given, ranked by BM25
  (FTS5's ``rank``), ties broken by record id;
- :func:`trace`: every citation of a work (by work id, URL, outlet or title words) with the claims
  that rest on it, or every quote of a person (by archive entity id or name);
- :func:`checks`: claims whose only support is inherited or none; claims citing a source dated
  before the earliest date they state, or after the latest; notes whose source is not fully parsed.
"""

from __future__ import annotations

import re
import sqlite3

from ..rules.outlets import fold
from . import CHECKS
from .identity import url_key


def _rows(db: sqlite3.Connection, sql: str, params: tuple = ()) -> list[dict]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _match_expression(text: str) -> str | None:
    """An FTS5 query requiring every word of ``text`` (each quoted, so no word is an operator)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) or None


def search(db: sqlite3.Connection, text: str, limit: int = 20) -> list[dict]:
    """The best ``limit`` claims, quotes and sources holding every word of ``text``."""
    expression = _match_expression(text)
    if expression is None:
        return []
    return _rows(db, """
        SELECT t.kind, t.record_id AS id, d.source_path, d.published,
               snippet(search_text, 3, '[', ']', '…', 12) AS text
        FROM search_text AS t JOIN documents AS d ON d.doc_id = t.doc_id
        WHERE search_text MATCH ? ORDER BY rank, t.record_id LIMIT ?""", (expression, limit))


_CITATIONS = """
    SELECT s.work_id, d.source_path, d.published, s.note_id, s.outlet_canonical AS outlet, s.date, s.title, s.url,
           c.id AS claim_id, c.text AS claim
    FROM sources AS s JOIN documents AS d ON d.doc_id = s.doc_id
    LEFT JOIN claim_sources AS cs ON cs.source_id = s.id LEFT JOIN claims AS c ON c.id = cs.claim_id
    WHERE s.work_id IN ({works}) ORDER BY d.source_path, s.id, c.start"""


def _works(db: sqlite3.Connection, kind: str, needle: str) -> list[str]:
    if kind == "work":
        sql, params = "SELECT work_id FROM works WHERE work_id = ?", (needle,)
    elif kind == "url":
        key = url_key(needle)
        urls = [u for (u,) in db.execute("SELECT DISTINCT url FROM sources WHERE url IS NOT NULL") if url_key(u) == key]
        sql, params = f"SELECT DISTINCT work_id FROM sources WHERE url IN ({','.join('?' * len(urls))})", tuple(urls)
    elif kind == "outlet":
        names = [o for (o,) in db.execute("SELECT DISTINCT coalesce(outlet_canonical, outlet) FROM sources") if o and fold(o) == fold(needle)]
        sql = f"SELECT DISTINCT work_id FROM sources WHERE coalesce(outlet_canonical, outlet) IN ({','.join('?' * len(names))})"
        params = tuple(names)
    else:
        words = fold(needle).split()
        titles = [(w, t) for w, t in db.execute("SELECT work_id, title FROM works WHERE title IS NOT NULL")]
        return sorted(w for w, t in titles if words and all(word in fold(t).split() for word in words))
    return sorted(w for (w,) in db.execute(sql, params))


def _people(db: sqlite3.Connection, needle: str) -> list[str]:
    exact = [a for (a,) in db.execute("SELECT archive_entity_id FROM archive_entities WHERE archive_entity_id = ?", (needle,))]
    if exact:
        return exact
    folded = fold(needle)
    named = db.execute("SELECT archive_entity_id, canonical, aliases FROM entities WHERE label = 'PERSON'")
    return sorted({a for a, canonical, aliases in named
                   if folded in {fold(canonical), *(fold(x) for x in (aliases or "").split("; "))}})


def trace_kind(needle: str) -> str:
    """What ``needle`` names when the user does not say: a work id, a URL, else an outlet,
    a person or title words (tried in that order by :func:`trace`)."""
    if re.fullmatch(r"w[0-9a-f]{16}", needle):
        return "work"
    if re.match(r"(?i)^(?:https?://|www\.)", needle):
        return "url"
    if re.fullmatch(r"x[0-9a-f]{16}", needle):
        return "person"
    return "auto"


def trace(db: sqlite3.Connection, needle: str, kind: str | None = None) -> tuple[str, list[dict]]:
    """(what was traced, rows): citations with the claims resting on them, or a person's quotes."""
    kinds = [kind] if kind else ([trace_kind(needle)] if trace_kind(needle) != "auto" else ["outlet", "person", "title"])
    for current in kinds:
        if current == "person":
            people = _people(db, needle)
            if people:
                return current, _rows(db, f"""
                    SELECT q.archive_entity_id, q.speaker, d.source_path, d.published, q.id AS quote_id, q.text, q.cue,
                           q.attribution, group_concat(DISTINCT dt.value) AS claim_dates
                    FROM quotes AS q JOIN documents AS d ON d.doc_id = q.doc_id
                    LEFT JOIN dates AS dt ON dt.claim_id = q.claim_id
                    WHERE q.archive_entity_id IN ({','.join('?' * len(people))})
                    GROUP BY q.id ORDER BY d.source_path, q.start""", tuple(people))
            continue
        works = _works(db, current, needle)
        if works:
            return current, _rows(db, _CITATIONS.format(works=",".join("?" * len(works))), tuple(works))
    return kinds[-1], []


def checks(db: sqlite3.Connection, only: tuple[str, ...] = CHECKS) -> dict[str, list[dict]]:
    """Check name → the claims or notes it flags (module docstring)."""
    found: dict[str, list[dict]] = {}
    claim = "SELECT d.source_path, c.id AS claim_id, c.text AS claim FROM claims AS c JOIN documents AS d ON d.doc_id = c.doc_id"
    if "unsupported" in only:
        found["unsupported"] = _rows(db, f"{claim} WHERE c.support = 'none' ORDER BY d.source_path, c.start")
    if "inherited" in only:
        found["inherited"] = _rows(db, """SELECT d.source_path, c.id AS claim_id, c.text AS claim, c.inherited_from
            FROM claims AS c JOIN documents AS d ON d.doc_id = c.doc_id WHERE c.support = 'inherited'
            ORDER BY d.source_path, c.start""")
    spans = """WITH span AS (SELECT claim_id, min(start_date) AS first, max(end_date) AS last FROM dates
                             WHERE start_date IS NOT NULL GROUP BY claim_id)
        SELECT d.source_path, c.id AS claim_id, c.text AS claim, s.id AS source_id, s.date AS source_date,
               span.first AS claim_first, span.last AS claim_last,
               CAST(julianday({gap}) AS INTEGER) AS days
        FROM span JOIN claims AS c ON c.id = span.claim_id JOIN documents AS d ON d.doc_id = c.doc_id
        JOIN claim_sources AS cs ON cs.claim_id = c.id JOIN sources AS s ON s.id = cs.source_id
        WHERE {test} ORDER BY d.source_path, c.start, s.id"""
    if "source-before-event" in only:
        found["source-before-event"] = _rows(db, spans.format(gap="span.first) - julianday(s.date_last",
                                                              test="s.date_last < span.first"))
    if "source-after-event" in only:
        found["source-after-event"] = _rows(db, spans.format(gap="s.date_first) - julianday(span.last",
                                                             test="s.date_first > span.last"))
    if "unparsed-source" in only:
        found["unparsed-source"] = _rows(db, """
            SELECT d.source_path, n.id AS note_id, s.id AS source_id, s.unparsed, n.raw
            FROM sources AS s JOIN notes AS n ON n.id = s.note_id JOIN documents AS d ON d.doc_id = s.doc_id
            WHERE s.unparsed IS NOT NULL OR (s.title IS NULL AND s.outlet IS NULL AND s.short_form_of IS NULL)
            ORDER BY d.source_path, n.start, s.id""")
    return found


TOP = 20
"""Rows in each "most often" list of :func:`overview`."""


def overview(db: sqlite3.Connection, top: int = TOP) -> dict[str, list[dict]]:
    """The archive at a glance: every document with its counts, the works cited most often, the
    outlets, and the people quoted most (each list in a fixed order)."""
    return {
        "documents": _rows(db, """SELECT d.*, EXISTS(SELECT 1 FROM problems AS p WHERE p.doc_id = d.doc_id
                                  AND p.code = 'notes-not-found') AS notes_not_found FROM documents AS d ORDER BY source_path"""),
        "works": _rows(db, "SELECT * FROM works ORDER BY documents DESC, citations DESC, work_id LIMIT ?", (top,)),
        "outlets": _rows(db, """SELECT coalesce(outlet_canonical, outlet) AS outlet, count(*) AS citations,
                                count(DISTINCT doc_id) AS documents, count(DISTINCT work_id) AS works FROM sources
                                WHERE coalesce(outlet_canonical, outlet) IS NOT NULL GROUP BY 1
                                ORDER BY citations DESC, outlet LIMIT ?""", (top,)),
        "people": _rows(db, """SELECT a.archive_entity_id, a.name, count(*) AS quotes, count(DISTINCT q.doc_id) AS documents
                               FROM quotes AS q JOIN archive_entities AS a ON a.archive_entity_id = q.archive_entity_id
                               GROUP BY a.archive_entity_id ORDER BY quotes DESC, a.name LIMIT ?""", (top,)),
    }

"""The archive index: an SQLite database (``OUTDIR/archive.sqlite``) built from the output folder.

SQLite rather than DuckDB: it ships with Python (no dependency to install), answers the point
look-ups and joins the questions need from its B-tree indexes, and its FTS5 module gives ranked
full-text search; the database is one file beside the JSONL. :func:`update_index` is incremental:
documents whose ``sha256`` is already indexed are left alone, replaced or removed documents have
their rows deleted, and only then is cross-article identity (:mod:`.identity`) recomputed over the
whole archive, so an incremental update and a rebuild from nothing give the same tables. The
folder's lock is held while indexing, so a run cannot change the records half-way. A record id
the folder repeats (``validate`` reports it) is indexed once.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..contract.records import RECORD_FILES
from ..store.folder import Store
from .identity import archive_entities, work_ids
from .tables import TABLES, document_rows

INDEX_FILE = "archive.sqlite"
INDEX_VERSION = "1"
"""Version of the database layout; an index of another version is rebuilt from the records."""
IDENTITY_TABLES = {
    "works": ("work_id", "title", "authors", "outlet", "date", "url", "documents", "citations"),
    "archive_entities": ("archive_entity_id", "label", "name", "documents", "mentions"),
}
UNKEYED = ("claim_sources", "mentions", "problems")
"""Tables without a key of their own (their rows are found through their other columns)."""
_LOOKUPS = ("claims(doc_id)", "claim_sources(source_id)", "claim_sources(claim_id)", "notes(doc_id)", "sources(doc_id)",
            "sources(work_id)", "sources(url)", "sources(outlet_canonical)", "quotes(doc_id)", "quotes(archive_entity_id)",
            "dates(doc_id)", "dates(claim_id)", "entities(doc_id)", "entities(archive_entity_id)", "mentions(entity_id)",
            "mentions(doc_id)", "problems(doc_id)")


class ArchiveError(Exception):
    """The archive cannot be read or built as asked; the message says what to do."""


@dataclass
class IndexSummary:
    """What one update did."""

    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    rebuilt: bool = False

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged


def _schema(db: sqlite3.Connection) -> None:
    for table, columns in {**TABLES, **IDENTITY_TABLES}.items():
        key = columns[0] if table not in UNKEYED else None
        cols = ", ".join(f'"{c}" PRIMARY KEY' if c == key else f'"{c}"' for c in columns)
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(kind UNINDEXED, record_id UNINDEXED, "
               "doc_id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE TABLE IF NOT EXISTS meta (key PRIMARY KEY, value)")


def _lookups(db: sqlite3.Connection) -> None:
    """The indexes the queries use (made after a rebuild's inserts, which is faster than before)."""
    for number, lookup in enumerate(_LOOKUPS):
        db.execute(f"CREATE INDEX IF NOT EXISTS lookup_{number} ON {lookup}")


def _version(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _stored_version(path: Path) -> str | None:
    """The layout version of the index at ``path``; ``None`` when absent or not a database."""
    if not path.is_file():
        return None
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        return _version(db)


def _insert(db: sqlite3.Connection, rows: dict[str, list[tuple]]) -> None:
    for table, items in rows.items():
        if items:
            marks = ", ".join("?" * len(TABLES[table]))
            db.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", items)
    doc_id = rows["documents"][0][0]
    text = [("claim", r[0], doc_id, r[2]) for r in rows["claims"]]
    text += [("quote", r[0], doc_id, " ".join(filter(None, (r[3], r[5])))) for r in rows["quotes"]]
    text += [("source", r[0], doc_id, " ".join(filter(None, (r[6], r[5], r[7], r[17])))) for r in rows["sources"]]
    db.executemany("INSERT INTO search_text VALUES (?, ?, ?, ?)", text)


def _delete(db: sqlite3.Connection, doc_id: str) -> None:
    for table in (*TABLES, "search_text"):
        db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))


def _natural(record_id: str) -> tuple:
    """A record id's sort key with its numbers compared as numbers (``n9`` before ``n10``)."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", record_id))


def _identity(db: sqlite3.Connection) -> None:
    """Recompute works and archive entities over the whole archive (see :mod:`.identity`)."""
    order = dict(db.execute("SELECT doc_id, source_path FROM documents"))
    columns = ("id", "doc_id", "title", "authors", "outlet", "outlet_canonical", "date", "url", "short_form_of")
    sources = [dict(zip(columns, row)) for row in db.execute(f"SELECT {', '.join(columns)} FROM sources")]
    for source in sources:
        source["authors"] = source["authors"].split("; ") if source["authors"] else []
    sources.sort(key=lambda s: (order[s["doc_id"]], _natural(s["id"])))
    works = work_ids(sources)
    db.executemany("UPDATE sources SET work_id = ? WHERE id = ?", [(w, s) for s, w in works.items()])
    db.execute("DELETE FROM works")
    members: dict[str, list[dict]] = {}
    for source in sources:
        members.setdefault(works[source["id"]], []).append(source)
    db.executemany("INSERT INTO works VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (work, first["title"], "; ".join(first["authors"]) or None, first["outlet_canonical"] or first["outlet"],
         first["date"], next((s["url"] for s in group if s["url"]), None), len({s["doc_id"] for s in group}), len(group))
        for work, group in members.items() for first in [next((s for s in group if not s["short_form_of"]), group[0])]])

    entities = [{"id": i, "doc_id": d, "label": label, "canonical": c,
                 "aliases": [{"text": a} for a in (aliases or "").split("; ") if a], "mentions": m}
                for i, d, label, c, aliases, m in db.execute("SELECT id, doc_id, label, canonical, aliases, mentions FROM entities")]
    entities.sort(key=lambda e: (order[e["doc_id"]], _natural(e["id"])))
    joins = archive_entities(entities)
    db.executemany("UPDATE entities SET archive_entity_id = ?, evidence = ? WHERE id = ?",
                   [(j.archive_id, j.evidence, e) for e, j in joins.items()])
    db.execute("UPDATE quotes SET archive_entity_id = (SELECT archive_entity_id FROM entities "
               "WHERE entities.id = quotes.speaker_entity_id)")
    db.execute("DELETE FROM archive_entities")
    clusters: dict[str, list[dict]] = {}
    for entity in entities:
        clusters.setdefault(joins[entity["id"]].archive_id, []).append(entity)
    db.executemany("INSERT INTO archive_entities VALUES (?, ?, ?, ?, ?)", [
        (archive, Counter(e["label"] for e in group).most_common(1)[0][0],
         Counter(e["canonical"] for e in group).most_common(1)[0][0], len({e["doc_id"] for e in group}),
         sum(e["mentions"] for e in group)) for archive, group in clusters.items()])


def update_index(outdir: Path, rebuild: bool = False, wait: bool = False) -> IndexSummary:
    """Bring ``OUTDIR/archive.sqlite`` up to date with the folder's records (module docstring)."""
    if not (outdir / RECORD_FILES["document"]).is_file():
        raise ArchiveError(f"{outdir}: not an output folder (no {RECORD_FILES['document']}); run ctc-pipeline run first")
    store = Store(outdir)
    path = outdir / INDEX_FILE
    summary = IndexSummary()
    with store.lock(wait=wait):
        if rebuild or _stored_version(path) != INDEX_VERSION:
            path.unlink(missing_ok=True)
            summary.rebuilt = True
        with closing(sqlite3.connect(path)) as db, db:
            _schema(db)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (INDEX_VERSION,))
            known = dict(db.execute("SELECT doc_id, sha256 FROM documents"))
            seen: set[str] = set()
            for group in store.documents():
                document = group["document"][0]
                doc_id = document["doc_id"]
                if doc_id in seen:
                    continue
                seen.add(doc_id)
                if known.get(doc_id) == document["sha256"]:
                    summary.unchanged += 1
                    continue
                if doc_id in known:
                    _delete(db, doc_id)
                    summary.replaced += 1
                else:
                    summary.added += 1
                _insert(db, document_rows(group))
            for gone in sorted(set(known) - seen):
                _delete(db, gone)
                summary.removed += 1
            _lookups(db)
            if summary.added or summary.replaced or summary.removed:
                _identity(db)
    return summary


@contextmanager
def open_index(outdir: Path) -> Iterator[sqlite3.Connection]:
    """The folder's archive index, read-only; :class:`ArchiveError` when there is none."""
    path = outdir / INDEX_FILE
    if not path.is_file():
        raise ArchiveError(f"{outdir}: no archive index; build it with: ctc-pipeline index {outdir}")
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if _version(db) != INDEX_VERSION:
            raise ArchiveError(f"{path}: an index of another version; rebuild it with: ctc-pipeline index {outdir}")
        yield db
    finally:
        db.close()

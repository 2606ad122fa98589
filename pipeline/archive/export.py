"""The archive's tables as flat files: one CSV or Parquet file per table, plus ``claim_source``;
and each document's dates as a TimeML file, for temporal tools.

``claim_source`` is the table downstream users asked for: one row per claim × cited source, with
the claim's text, the source's title, outlet, URL, work id and its date as written, its precision
and the first and last day it covers (so "2016-02" casts). CSV is written with the standard
library (UTF-8, a header row, empty cells for null); Parquet with pyarrow (the ``archive`` extra),
with column types taken from SQLite's (integers stay integers). Files are written to temporary
names and renamed, so an interrupted export leaves no half-written table.

TimeML (``--format timeml``) is read from the folder's records, not the index: one ``.tml`` per
document, named after its input (``NAME.tml``, or ``NAME.DOCID.tml`` when two inputs share a
name), holding the document's text in ``<TEXT>`` with a ``TIMEX3`` tag (``tid``, ``type``,
``value``, and ``mod``, ``quant``, ``freq`` when set) around every date that has a value, and the
publication date as the document creation time (``<DCT>``, ``functionInDocument=
"CREATION_TIME"``) when the document has one; a date resolved against it says so
(``temporalFunction="true" anchorTimeID="t0"``). Dates without a value are left out: TIMEX3
requires one.
"""

from __future__ import annotations

import csv
import sqlite3
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..store.files import atomic_path, write_text_atomic
from .index import IDENTITY_TABLES, UNKEYED, ArchiveError
from .tables import TABLES

CLAIM_SOURCE = """
    SELECT c.doc_id, d.source_path, c.id AS claim_id, c.text AS claim, c.support, s.id AS source_id, s.note_id,
           s.work_id, s.type AS source_type, s.authors, s.title, s.outlet_canonical AS outlet, s.url, s.date,
           s.date_precision, s.date_first, s.date_last, s.accessed
    FROM claim_sources AS cs JOIN claims AS c ON c.id = cs.claim_id JOIN sources AS s ON s.id = cs.source_id
    JOIN documents AS d ON d.doc_id = c.doc_id ORDER BY d.source_path, c.start, s.id"""


def _queries() -> dict[str, str]:
    tables = {name: f"SELECT * FROM {name} ORDER BY {', '.join(columns if name in UNKEYED else columns[:1])}"
              for name, columns in {**TABLES, **IDENTITY_TABLES}.items()}
    return {**tables, "claim_source": CLAIM_SOURCE}


def _write_csv(cursor: sqlite3.Cursor, handle) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([c[0] for c in cursor.description])
    writer.writerows(cursor)


def _write_parquet(cursor: sqlite3.Cursor, path: str) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ArchiveError('Parquet export needs pyarrow: pip install "ctc-pipeline[archive]"') from None
    names = [c[0] for c in cursor.description]
    rows = cursor.fetchall()
    columns = list(zip(*rows)) if rows else [() for _ in names]
    arrays = []
    for values in columns:
        kinds = {type(v) for v in values if v is not None}
        arrow_type = pa.int64() if kinds == {int} else pa.float64() if kinds <= {int, float} and kinds else pa.string()
        arrays.append(pa.array([v if v is None or arrow_type != pa.string() else str(v) for v in values], type=arrow_type))
    pq.write_table(pa.Table.from_arrays(arrays, names=names), path)


def export_tables(db: sqlite3.Connection, folder: Path, fmt: str) -> list[Path]:
    """Write every table of the index into ``folder`` as ``NAME.csv`` or ``NAME.parquet``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, sql in _queries().items():
        target = folder / f"{name}.{fmt}"
        with atomic_path(target) as temp:
            cursor = db.execute(sql)
            if fmt == "csv":
                with open(temp, "w", encoding="utf-8", newline="") as handle:
                    _write_csv(cursor, handle)
            else:
                _write_parquet(cursor, temp)
        written.append(target)
    return written


def timeml(document: dict, dates: list[dict]) -> str:
    """``document``'s text as a TimeML document with its ``dates`` tagged (see the module docstring)."""
    text, published = document["text"], document.get("published")
    pieces, at = [], 0
    for number, date in enumerate(sorted((d for d in dates if d["value"] is not None), key=lambda d: d["start"]), 1):
        if date["start"] < at:
            continue  # overlapping records never come from the dates stage; a TIMEX3 cannot nest
        attributes = {"tid": f"t{number}", "type": date["timex_type"], "value": date["value"],
                      **{name: date.get(name) for name in ("mod", "quant", "freq") if date.get(name)}}
        if date.get("anchor_kind") == "published" and published:
            attributes.update(temporalFunction="true", anchorTimeID="t0")
        tag = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items())
        pieces += [escape(text[at : date["start"]]), f"<TIMEX3 {tag}>{escape(text[date['start'] : date['end']])}</TIMEX3>"]
        at = date["end"]
    pieces.append(escape(text[at:]))
    dct = (f'<DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(published[:10])} functionInDocument="CREATION_TIME">'
           f"{escape(published[:10])}</TIMEX3></DCT>\n") if published else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n<DOCID>{escape(document["doc_id"])}</DOCID>\n{dct}'
            f"<TEXT>{''.join(pieces)}</TEXT>\n</TimeML>\n")


def export_timeml(documents: Iterable[dict[str, list[dict]]], folder: Path) -> list[Path]:
    """Write one ``.tml`` file per document of ``documents`` (each document's records by type, as
    :meth:`pipeline.store.folder.Store.documents` gives them) into ``folder``."""
    groups = list(documents)
    stems = Counter(Path(g["document"][0]["source_path"]).stem for g in groups)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for group in groups:
        document = group["document"][0]
        stem = Path(document["source_path"]).stem
        target = folder / (f"{stem}.tml" if stems[stem] == 1 else f"{stem}.{document['doc_id']}.tml")
        write_text_atomic(target, timeml(document, group.get("date", [])))
        written.append(target)
    return written

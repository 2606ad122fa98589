"""The archive's tables as flat files: one CSV or Parquet file per table, plus ``claim_source``.

``claim_source`` is the table downstream users asked for: one row per claim × cited source, with
the claim's text, the source's title, outlet, URL, work id and its date as written, its precision
and the first and last day it covers (so "2016-02" casts). CSV is written with the standard
library (UTF-8, a header row, empty cells for null); Parquet with pyarrow (the ``archive`` extra),
with column types taken from SQLite's (integers stay integers). Files are written to temporary
names and renamed, so an interrupted export leaves no half-written table.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from ..store.files import atomic_path
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

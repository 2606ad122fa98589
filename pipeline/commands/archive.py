"""The archive commands: ``index``, ``search``, ``trace``, ``check`` and ``export``.

Each reads the index of one output folder (:mod:`pipeline.archive`); results print as an aligned
table, cells cut to the terminal's width, or with ``--json`` as JSON for tools. None of them
loads spaCy.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from ..archive import CHECKS, EXPORT_FORMATS, TRACE_KINDS

EXIT_OK, EXIT_FOUND = 0, 1


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> dict:
    """Add the archive's sub-commands through ``command(name, one-line summary)``, the command
    line's maker of sub-command parsers; returns name → handler."""
    index = command("index", "build or update the archive index (OUTDIR/archive.sqlite) of an output folder")
    index.add_argument("outdir", type=Path, help="an output folder written by run")
    index.add_argument("--rebuild", action="store_true", help="rebuild the index from the records instead of updating it")
    index.add_argument("--wait", action="store_true", help="wait for a run writing to OUTDIR instead of refusing")

    search = command("search", "claims, quotes and sources of the archive holding every word given, ranked")
    search.add_argument("outdir", type=Path, help="an output folder with an archive index")
    search.add_argument("text", help="the words to look for")
    search.add_argument("--limit", type=int, default=20, help="most results shown")
    search.add_argument("--json", action="store_true", help="print the results as JSON")

    trace = command("trace", "every article and claim citing a work, URL, outlet or title, or every quote of a person")
    trace.add_argument("outdir", type=Path, help="an output folder with an archive index")
    trace.add_argument("needle", help="a work id, URL, outlet, person's name or archive entity id, or title words")
    trace.add_argument("--kind", choices=TRACE_KINDS, default=None,
                       help="what NEEDLE is (default: a work id, URL or entity id by its form, else an outlet, a person, title words)")
    trace.add_argument("--json", action="store_true", help="print the results as JSON")

    check = command("check", "claims and notes a fact-checker should look at (exit 1 when any is found)")
    check.add_argument("outdir", type=Path, help="an output folder with an archive index")
    check.add_argument("--only", choices=CHECKS, action="append", default=None, help="run only this check (repeatable)")
    check.add_argument("--json", action="store_true", help="print the results as JSON")

    export = command("export", "write the archive's tables as CSV or Parquet files, or each document's dates as TimeML")
    export.add_argument("outdir", type=Path, help="an output folder with an archive index")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="file format")
    export.add_argument("-o", "--output", type=Path, default=None, help="folder for the tables (default: OUTDIR/export/)")
    return {"index": _cmd_index, "search": _cmd_search, "trace": _cmd_trace, "check": _cmd_check, "export": _cmd_export}


def archive_errors() -> tuple[type[Exception], ...]:
    from ..archive.index import ArchiveError

    return (ArchiveError,)


def _cmd_index(args: argparse.Namespace) -> int:
    from ..archive.index import INDEX_FILE, update_index

    summary = update_index(args.outdir, rebuild=args.rebuild, wait=args.wait)
    how = "rebuilt" if summary.rebuilt else "updated"
    print(f"{how} {args.outdir / INDEX_FILE}: {summary.documents} documents ({summary.added} added, "
          f"{summary.replaced} replaced, {summary.removed} removed, {summary.unchanged} unchanged)")
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    from ..archive.index import open_index
    from ..archive.queries import search

    with open_index(args.outdir) as db:
        rows = search(db, args.text, args.limit)
    return _show(rows, args.json, ("kind", "source_path", "text"))


def _cmd_trace(args: argparse.Namespace) -> int:
    from ..archive.index import open_index
    from ..archive.queries import trace

    with open_index(args.outdir) as db:
        kind, rows = trace(db, args.needle, args.kind)
    if args.json:
        print(json.dumps({"kind": kind, "rows": rows}, ensure_ascii=False, indent=1))
        return EXIT_OK
    columns = ("speaker", "source_path", "published", "text") if kind == "person" else ("source_path", "outlet", "date", "claim")
    if not rows:
        print(f"nothing in the archive matches {args.needle!r}")
        return EXIT_OK
    return _show(rows, False, columns)


def _cmd_check(args: argparse.Namespace) -> int:
    from ..archive.index import open_index
    from ..archive.queries import checks

    with open_index(args.outdir) as db:
        found = checks(db, tuple(args.only or CHECKS))
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
    else:
        columns = {"source-before-event": ("source_path", "days", "source_date", "claim"),
                   "source-after-event": ("source_path", "days", "source_date", "claim"),
                   "unparsed-source": ("source_path", "note_id", "raw")}
        for name, rows in found.items():
            print(f"{name}: {len(rows)}")
            if rows:
                _show(rows, False, columns.get(name, ("source_path", "claim")))
    return EXIT_FOUND if any(found.values()) else EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from ..archive.export import export_tables, export_timeml
    from ..archive.index import open_index

    folder = args.output or args.outdir / "export"
    if args.format == "timeml":
        from ..archive.index import ArchiveError
        from ..contract.records import RECORD_FILES, record_folder
        from ..store.folder import Store

        if not (record_folder(args.outdir) / RECORD_FILES["document"]).is_file():
            raise ArchiveError(f"{args.outdir}: not an output folder (no {RECORD_FILES['document']}); write one with: ctc-pipeline run")
        written = export_timeml(Store(args.outdir).documents(), folder)
        print(f"wrote {len(written)} TimeML files to {folder}/")
        return EXIT_OK
    with open_index(args.outdir) as db:
        written = export_tables(db, folder, args.format)
    print(f"wrote {len(written)} tables to {folder}/ ({', '.join(p.name for p in written)})")
    return EXIT_OK


def _show(rows: list[dict], as_json: bool, columns: tuple[str, ...]) -> int:
    """Print ``rows`` as JSON, or their ``columns`` as a table fitted to the terminal."""
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        print("no results")
        return EXIT_OK
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 10_000
    cells = [[" ".join(str(row.get(c) if row.get(c) is not None else "").split()) for c in columns] for row in rows]
    sizes = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    fixed = sum(sizes[:-1]) + 2 * (len(columns) - 1)
    sizes[-1] = max(20, min(sizes[-1], width - fixed))
    for line in [list(columns)] + cells:
        print("  ".join(cell[: sizes[i]].ljust(sizes[i]) if i < len(columns) - 1 else cell[: sizes[i]]
                        for i, cell in enumerate(line)))
    return EXIT_OK

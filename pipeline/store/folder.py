"""The output folder as a resumable store of records.

A run commits each finished batch of documents as one *part* file (``.parts/NNNNNN.jsonl``, all
record types mixed, each line ``type<TAB>doc_id<TAB>record JSON`` so the merge routes and orders
lines without parsing them), written to a temporary file, synced and renamed, so a part is either
complete or absent. When the run ends, :func:`merge` rewrites every record file from the
previous output plus the parts — the newest copy of a document wins, documents replaced by a
changed file at the same path are dropped — sorted by source path, each file written to a
temporary file and renamed into place, and only then removes the parts. Killing a run at any
moment therefore loses at most the batches not yet committed; the next run skips every document
already committed (same path and SHA-256) and merges again. Two runs over the same inputs give
byte-identical files.
"""

from __future__ import annotations

import heapq
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from ..contract import SCHEMA_VERSION
from ..contract.records import RECORD_FILES
from .files import RecordWriter, dumps

PARTS = ".parts"
ERRORS_FILE = "errors.jsonl"


def _lines(path: Path) -> Iterator[str]:
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            yield from (line.rstrip("\n") for line in handle if line.strip())


def _main_entries(path: Path) -> Iterator[tuple[str, str]]:
    """(doc_id, JSON line) of each record in a main record file."""
    return ((json.loads(line)["doc_id"], line) for line in _lines(path))


def _part_entries(path: Path, kind: str) -> Iterator[tuple[str, str]]:
    """(doc_id, JSON line) of each record of type ``kind`` in a part."""
    prefix = kind + "\t"
    return (tuple(line[len(prefix):].split("\t", 1)) for line in _lines(path) if line.startswith(prefix))


@dataclass
class StoreIndex:
    """Which documents the folder holds: source path → (sha256, doc_id), and where each doc_id's
    authoritative copy lives (``""`` for the main files, else a part's name)."""

    documents: dict[str, tuple[str, str]] = field(default_factory=dict)
    home: dict[str, str] = field(default_factory=dict)
    order: dict[str, str] = field(default_factory=dict)

    def add(self, record: dict, home: str) -> None:
        previous = self.documents.get(record["source_path"])
        if previous is not None and previous[1] != record["doc_id"]:
            self.home.pop(previous[1], None)
        # records of an older schema never match, so their documents are processed again
        fingerprint = record["sha256"] if record["schema_version"] == SCHEMA_VERSION else None
        self.documents[record["source_path"]] = (fingerprint, record["doc_id"])
        self.home[record["doc_id"]] = home
        self.order[record["doc_id"]] = record["source_path"]

    def drop(self, source_path: str) -> None:
        previous = self.documents.pop(source_path, None)
        if previous is not None:
            self.home.pop(previous[1], None)

    def has(self, source_path: str, sha256: str) -> bool:
        return self.documents.get(source_path, (None,))[0] == sha256


class Store:
    """An output folder: committed parts, the main record files, and the error file."""

    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.parts = outdir / PARTS

    def clear_unfinished(self) -> None:
        """Remove temporary files a killed run left half-written (they were never renamed)."""
        for folder, pattern in ((self.parts, ".part-*.tmp"), (self.outdir, ".*.tmp")):
            if folder.exists():
                for stale in folder.glob(pattern):
                    stale.unlink(missing_ok=True)

    def part_files(self) -> list[Path]:
        return sorted(self.parts.glob("*.jsonl")) if self.parts.exists() else []

    def index(self) -> StoreIndex:
        """What the main files and committed parts hold (parts newer than the main files)."""
        index = StoreIndex()
        for _, line in _main_entries(self.outdir / RECORD_FILES["document"]):
            index.add(json.loads(line), "")
        for part in self.part_files():
            for _, line in _part_entries(part, "document"):
                index.add(json.loads(line), part.name)
        return index

    def documents(self) -> Iterator[dict[str, list[dict]]]:
        """Each document's records from the main files, keyed by record type, in file order (the
        merge writes every file in the same order, so one pass over each file suffices)."""
        streams = {kind: groupby(map(json.loads, _lines(self.outdir / name)), key=lambda r: r["doc_id"])
                   for kind, name in RECORD_FILES.items() if kind != "document"}
        ahead: dict[str, tuple[str, list[dict]]] = {}
        for line in _lines(self.outdir / RECORD_FILES["document"]):
            document = json.loads(line)
            group = {"document": [document]}
            for kind, stream in streams.items():
                if kind not in ahead:
                    doc_id, records = next(stream, (None, iter(())))
                    ahead[kind] = (doc_id, list(records))
                group[kind] = ahead.pop(kind)[1] if ahead[kind][0] == document["doc_id"] else []
            yield group

    def commit(self, records: list[dict]) -> Path:
        """Write one batch of records as the next part, atomically and durably."""
        self.parts.mkdir(parents=True, exist_ok=True)
        number = len(self.part_files()) + 1
        while (self.parts / f"{number:06d}.jsonl").exists():
            number += 1
        fd, temp = tempfile.mkstemp(prefix=".part-", suffix=".tmp", dir=self.parts)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(f"{r['type']}\t{r['doc_id']}\t{dumps(r)}\n" for r in records)
            handle.flush()
            os.fsync(handle.fileno())
        target = self.parts / f"{number:06d}.jsonl"
        os.replace(temp, target)
        return target

    def merge(self, index: StoreIndex, errors: list[dict]) -> dict[str, int]:
        """Rewrite the main files from the main files and parts (see the module docstring);
        returns the number of records per type."""
        streams = [("", self.outdir / name) for name in RECORD_FILES.values()] + [(p.name, p) for p in self.part_files()]
        rank = {doc_id: (path, doc_id) for doc_id, path in index.order.items() if doc_id in index.home}

        def authoritative(path: Path, home: str, kind: str) -> Iterator[tuple[str, str]]:
            entries = _part_entries(path, kind) if home else _main_entries(path)
            return (entry for entry in entries if index.home.get(entry[0]) == home)

        def lines(kind: str) -> Iterator[str]:
            sources = [authoritative(path, home, kind) for home, path in streams if home or path.name == RECORD_FILES[kind]]
            return (line for _, line in heapq.merge(*sources, key=lambda entry: rank[entry[0]]))

        with RecordWriter(self.outdir, {**RECORD_FILES, "error": ERRORS_FILE}) as writer:
            for kind in RECORD_FILES:
                writer.write_lines(kind, lines(kind))
            writer.write({"error": sorted(errors, key=lambda e: (e["source_path"], e["stage"]))})
        for part in self.part_files():
            part.unlink()
        if self.parts.exists() and not any(self.parts.iterdir()):
            self.parts.rmdir()
        return dict(writer.counts)

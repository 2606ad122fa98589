"""The output folder as a resumable store of records.

A run commits each finished batch of documents as one *part* file (``.parts/NNNNNN.jsonl``, all
record types mixed, each line ``type<TAB>doc_id<TAB>record JSON`` so the merge routes and orders
lines without parsing them), written to a temporary file, synced and renamed, so a part is either
complete or absent. When the run ends, :func:`merge` writes every record file anew from the
previous output plus the parts — the newest copy of a document wins, documents replaced by a
changed file at the same path are dropped — sorted by source path, into a new *generation*
folder (``.generations/NNNNNN/``); one rename of the ``.current`` link then switches every file
from the old generation to the new at once, and only then are the parts and the old generation
removed. The top-level ``documents.jsonl``, ``claims.jsonl``, … ``errors.jsonl`` are links
through ``.current``. Killing a run at any moment therefore leaves the old or the new state,
never a mix, and loses at most the batches not yet committed; the next run skips every document
already committed (same path and SHA-256) and merges again. Two runs over the same inputs give
byte-identical files.

One run at a time: a run holds an exclusive lock on the folder (:meth:`Store.lock`, a ``flock`` on
``.lock``, which names its holder), so a second run is refused at once (or waits). Every line
read back is checked: a damaged line in a record file stops the run with its path and line
number, and a damaged part is set aside as ``*.damaged`` (its documents are processed again) —
neither is ever copied on. ``errors.jsonl`` is the folder's current list of failed inputs: an
entry stays until its input succeeds, fails anew, or no longer exists; a failure also removes
the records an earlier version of that input left.
"""

from __future__ import annotations

import fcntl
import heapq
import json
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from ..contract import SCHEMA_VERSION
from ..contract.records import CURRENT, ERRORS_FILE, RECORD_FILES, record_folder
from .files import RecordWriter, dumps

PARTS = ".parts"
LOCK = ".lock"
GENERATIONS = ".generations"
STORE_FILES = {**RECORD_FILES, "error": ERRORS_FILE}


class StoreError(Exception):
    """The output folder cannot be used as it is; the message names the file and what to do."""


def _lines(path: Path) -> Iterator[str]:
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            yield from (line.rstrip("\n") for line in handle if line.strip())


def _record(line: str, path: Path, number: int) -> dict:
    """One record line parsed, or :class:`StoreError` naming the file and line."""
    try:
        record = json.loads(line)
        if isinstance(record, dict) and isinstance(record.get("doc_id"), str):
            return record
    except json.JSONDecodeError:
        pass
    raise StoreError(f"{path}:{number}: damaged record line; remove the line (or the file, to rebuild it with --force)")


def _main_entries(path: Path) -> Iterator[tuple[str, str]]:
    """(doc_id, JSON line) of each record in a main record file, each line checked."""
    return ((_record(line, path, n)["doc_id"], line) for n, line in enumerate(_lines(path), 1))


def _part_entries(path: Path, kind: str) -> Iterator[tuple[str, str]]:
    """(doc_id, JSON line) of each record of type ``kind`` in a part (checked when it was indexed)."""
    prefix = kind + "\t"
    return (tuple(line[len(prefix):].split("\t", 1)) for line in _lines(path) if line.startswith(prefix))


def _sound_part(path: Path) -> bool:
    """Whether every line of a part has its three fields and a whole JSON object."""
    for line in _lines(path):
        fields = line.split("\t", 2)
        if len(fields) != 3 or not (fields[2].startswith("{") and fields[2].endswith("}")):
            return False
        if fields[0] == "document":
            try:
                json.loads(fields[2])
            except json.JSONDecodeError:
                return False
    return True


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
        self.generations = outdir / GENERATIONS

    @property
    def records(self) -> Path:
        """The folder of the current record files (see :func:`pipeline.contract.records.record_folder`)."""
        return record_folder(self.outdir)

    def clear_unfinished(self) -> None:
        """Remove what a killed run left half-done: temporary files (never renamed) and
        generations that are not the current one (never switched to, or already replaced)."""
        for folder, pattern in ((self.parts, ".part-*.tmp"), (self.outdir, ".*.tmp")):
            if folder.exists():
                for stale in folder.glob(pattern):
                    stale.unlink(missing_ok=True)
        self._remove_old_generations()

    def _remove_old_generations(self) -> None:
        current = self.records
        for generation in sorted(self.generations.iterdir()) if self.generations.is_dir() else []:
            if generation != current:
                shutil.rmtree(generation, ignore_errors=True)

    @contextmanager
    def lock(self, wait: bool = False) -> Iterator[None]:
        """Hold the folder's exclusive lock; another holder makes it raise :class:`StoreError`
        at once (or, with ``wait``, blocks until it is free). Checks that the folder is writable."""
        try:
            self.outdir.mkdir(parents=True, exist_ok=True)
            handle = (self.outdir / LOCK).open("a+", encoding="utf-8")
        except OSError as err:
            raise StoreError(f"{self.outdir}: cannot read or write the output folder ({err.strerror or err})") from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another run"
                raise StoreError(f"{self.outdir} is in use by {holder}; wait for that run to end, or pass --wait") from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"process {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
            handle.flush()
            try:
                yield
            finally:
                handle.truncate(0)
                fcntl.flock(handle, fcntl.LOCK_UN)

    def holder(self) -> str | None:
        """Who holds the folder's lock now, or ``None``."""
        path = self.outdir / LOCK
        if not path.exists():
            return None
        with path.open(encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return handle.read().strip() or "another run"
            fcntl.flock(handle, fcntl.LOCK_UN)
        return None

    def part_files(self) -> list[Path]:
        return sorted(self.parts.glob("*.jsonl")) if self.parts.exists() else []

    def set_aside_damaged_parts(self) -> list[Path]:
        """Rename every damaged part to ``*.damaged`` so nothing reads it again; returns them."""
        damaged = [part for part in self.part_files() if not _sound_part(part)]
        for part in damaged:
            part.rename(part.with_name(part.name + ".damaged"))
        return [part.with_name(part.name + ".damaged") for part in damaged]

    def index(self) -> StoreIndex:
        """What the main files and committed parts hold (parts newer than the main files)."""
        index = StoreIndex()
        documents = self.records / RECORD_FILES["document"]
        for number, line in enumerate(_lines(documents), 1):
            index.add(_record(line, documents, number), "")
        for part in self.part_files():
            for _, line in _part_entries(part, "document"):
                index.add(json.loads(line), part.name)
        return index

    def errors(self) -> list[dict]:
        """The failures the folder records (``errors.jsonl``), each line checked."""
        path = self.records / ERRORS_FILE
        failures = []
        for number, line in enumerate(_lines(path), 1):
            try:
                failure = json.loads(line)
            except json.JSONDecodeError:
                failure = None
            if not (isinstance(failure, dict) and isinstance(failure.get("source_path"), str)):
                raise StoreError(f"{path}:{number}: damaged error line; remove the line")
            failures.append(failure)
        return failures

    def documents(self) -> Iterator[dict[str, list[dict]]]:
        """Each document's records from the main files, keyed by record type, in file order (the
        merge writes every file in the same order, so one pass over each file suffices)."""
        folder = self.records
        streams = {kind: groupby(map(json.loads, _lines(folder / name)), key=lambda r: r["doc_id"])
                   for kind, name in RECORD_FILES.items() if kind != "document"}
        ahead: dict[str, tuple[str, list[dict]]] = {}
        for line in _lines(folder / RECORD_FILES["document"]):
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
        target = self.parts / f"{number:06d}.jsonl"
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.writelines(f"{r['type']}\t{r['doc_id']}\t{dumps(r)}\n" for r in records)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return target

    def current_errors(self, index: StoreIndex, failed: list[dict], succeeded: set[str]) -> list[dict]:
        """The folder's failures after a run: this run's ``failed``, plus earlier ones whose input
        neither succeeded now (``succeeded``: source paths), failed anew, nor has disappeared.
        Documents a failed input left from an earlier version are dropped from ``index``."""
        new = {e["source_path"] for e in failed}
        for path in new:
            index.drop(path)
        kept = [e for e in self.errors() if e["source_path"] not in new | succeeded
                and (e["source_path"].startswith("<") or _exists(e["source_path"]))]
        return kept + failed

    def merge(self, index: StoreIndex, errors: list[dict]) -> dict[str, int]:
        """Write the next generation from the current one and the parts (see the module
        docstring), with ``errors`` as the error file, and switch to it; returns the number of
        records per type. On any failure the new generation is removed and the current one stays."""
        current = self.records
        streams = [("", current / name) for name in RECORD_FILES.values()] + [(p.name, p) for p in self.part_files()]
        rank = {doc_id: (path, doc_id) for doc_id, path in index.order.items() if doc_id in index.home}

        def authoritative(path: Path, home: str, kind: str) -> Iterator[tuple[str, str]]:
            entries = _part_entries(path, kind) if home else _main_entries(path)
            return (entry for entry in entries if index.home.get(entry[0]) == home)

        def lines(kind: str) -> Iterator[str]:
            sources = [authoritative(path, home, kind) for home, path in streams if home or path.name == RECORD_FILES[kind]]
            return (line for _, line in heapq.merge(*sources, key=lambda entry: rank[entry[0]]))

        generation = self._new_generation()
        try:
            with RecordWriter(generation, STORE_FILES) as writer:
                for kind in RECORD_FILES:
                    writer.write_lines(kind, lines(kind))
                writer.write({"error": sorted(errors, key=lambda e: (e["source_path"], e["stage"]))})
            _sync(generation)
            self._replace_link(CURRENT, f"{GENERATIONS}/{generation.name}")
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        for name in STORE_FILES.values():
            self._replace_link(name, f"{CURRENT}/{name}")
        for part in self.part_files():
            part.unlink()
        if self.parts.exists() and not any(self.parts.iterdir()):
            self.parts.rmdir()
        self._remove_old_generations()
        return dict(writer.counts)

    def _new_generation(self) -> Path:
        """A new, empty generation folder numbered after every existing one."""
        self.generations.mkdir(parents=True, exist_ok=True)
        numbers = [int(g.name) for g in self.generations.iterdir() if g.name.isdigit()]
        generation = self.generations / f"{max(numbers, default=0) + 1:06d}"
        generation.mkdir()
        return generation

    def _replace_link(self, name: str, target: str) -> None:
        """Make ``outdir/name`` a link to ``target`` (relative) in one rename, unless it is one."""
        path = self.outdir / name
        if path.is_symlink() and os.readlink(path) == target:
            return
        temp = self.outdir / f".{name}.{os.getpid()}.tmp"
        temp.unlink(missing_ok=True)
        os.symlink(target, temp)
        try:
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _sync(self.outdir)


def _exists(source_path: str) -> bool:
    """Whether the file a record's ``source_path`` names is still there (its ``\\xNN`` escapes
    read back as the bytes they stand for; a name too long to exist does not)."""
    raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m[1], 16)]), source_path.encode("utf-8"))
    return os.path.lexists(raw)


def _sync(folder: Path) -> None:
    """Make the names in ``folder`` durable (its entries, not only the files' contents)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

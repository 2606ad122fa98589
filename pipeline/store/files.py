"""Writing JSONL deterministically and atomically.

Records are written with sorted keys, UTF-8 and no ASCII escaping, one per line, as they are
produced, into temporary files inside the output folder; only a run that finishes renames them
over the previous files, so an interrupted run never leaves a truncated file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import jsonlines

dumps = partial(json.dumps, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A hidden temporary file for ``name`` in ``folder``, with the permissions a plain new file
    would get (``mkstemp`` makes it private)."""
    fd, path = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
    return fd, path


class RecordWriter:
    """Context manager writing one JSONL file per record type into ``outdir``."""

    def __init__(self, outdir: Path, files: dict[str, str]):
        self.outdir = outdir
        self.files = files
        self._temp: dict[str, Path] = {}
        self._handles: dict[str, object] = {}
        self._writers: dict[str, jsonlines.Writer] = {}
        self.counts = {kind: 0 for kind in files}

    def __enter__(self) -> RecordWriter:
        self.outdir.mkdir(parents=True, exist_ok=True)
        try:
            for kind, name in self.files.items():
                fd, path = _temporary(self.outdir, name)
                self._temp[kind] = Path(path)
                handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
                self._handles[kind] = handle
                self._writers[kind] = jsonlines.Writer(handle, dumps=dumps, flush=False)
        except BaseException:
            self._discard()
            raise
        return self

    def write(self, records: dict[str, list[dict]]) -> None:
        for kind, items in records.items():
            self._writers[kind].write_all(items)
            self.counts[kind] += len(items)

    def write_lines(self, kind: str, lines: Iterable[str]) -> None:
        """Write records already serialised with :data:`dumps`, one per item, without a newline."""
        handle = self._handles[kind]
        for line in lines:
            handle.write(line + "\n")
            self.counts[kind] += 1

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self._discard()
            return
        try:
            for kind, handle in self._handles.items():
                self._writers[kind].close()
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
            for kind, path in self._temp.items():
                os.replace(path, self.outdir / self.files[kind])
        except BaseException:
            self._discard()
            raise

    def _discard(self) -> None:
        """Close every temporary file, whatever its buffer holds (a full disk cannot take it), and remove it."""
        for handle in self._handles.values():
            try:
                handle.close()
            except OSError:
                pass
        for path in self._temp.values():
            path.unlink(missing_ok=True)


@contextmanager
def atomic_path(path: Path) -> Iterator[str]:
    """A temporary file's name in ``path``'s folder, renamed to ``path`` when the block ends
    without error and removed when it does not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = _temporary(path.parent, path.name)
    os.close(fd)
    try:
        yield temp
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename."""
    with atomic_path(path) as temp, open(temp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)

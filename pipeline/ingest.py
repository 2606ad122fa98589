"""Reading input files into normalised document text.

The normalised ``text`` is what every offset in every record indexes into: line endings become
``\\n``, the text is NFC-normalised, space-like characters (no-break, thin, figure spaces) become
plain spaces and invisible format characters (zero-width space, BOM) are dropped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

INPUT_SUFFIXES = (".txt",)

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")


class InputError(Exception):
    """An input that cannot be processed; the message says why, in words for a user."""


@dataclass(frozen=True)
class SourceDocument:
    """A normalised input: ``text`` plus where it came from and the hash of its bytes."""

    text: str
    source_path: str
    sha256: str


def normalize_text(raw: str) -> str:
    """Normalise line endings, Unicode form and space characters (see module docstring)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 bytes, or raise :class:`InputError` naming what is wrong with them."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data:
        raise InputError(f"{name}: this looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[err.start]:02x} at position {err.start}); "
            "re-save the file as UTF-8"
        ) from None


def read_document(path: Path) -> SourceDocument:
    """Read and normalise one input file."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from None
    text = normalize_text(decode(data, str(path)))
    if not text.strip():
        raise InputError(f"{path}: the file holds only white space")
    return SourceDocument(text=text, source_path=str(path), sha256=hashlib.sha256(data).hexdigest())


def collect_inputs(paths: list[Path]) -> list[Path]:
    """Expand folders into their article files (sorted); a missing path raises InputError."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix in INPUT_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files

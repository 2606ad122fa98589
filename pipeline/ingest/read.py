"""Reading input files (plain text, Markdown, HTML; see :mod:`pipeline.ingest.formats`) into normalised
document text.

The normalised ``text`` is what every offset in every record indexes into: line endings become
``\\n``, the text is NFC-normalised, space-like characters (no-break, thin, figure spaces) become
plain spaces and invisible format characters (zero-width space, BOM) are dropped.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..rules.resources import load_json
from .formats import HTML_SUFFIXES, MARKDOWN_SUFFIXES, html_to_text, markdown_to_text

INPUT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
SKIPPED_NAMES = frozenset({"README", "LICENSE", "CHANGELOG"})

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")


class InputError(Exception):
    """An input that cannot be processed; the message says why, in words for a user."""


@dataclass(frozen=True)
class SourceDocument:
    """A normalised input: ``text`` plus where it came from, its format and the hash of its bytes."""

    text: str
    source_path: str
    sha256: str
    format: str = "text"


def input_format(source_path: str) -> str:
    """``markdown``, ``html`` or ``text``, by file name."""
    suffix = Path(source_path).suffix.lower()
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"


def normalize_text(raw: str) -> str:
    """Normalise line endings, Unicode form and space characters (see module docstring)."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 bytes (or UTF-16 with its byte-order mark), or raise :class:`InputError`
    naming what is wrong with them."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: judged as UTF-8 below
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


STDIN = Path("-")


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of an input (``-`` is standard input), or :class:`InputError`: for a path that
    is not a regular file (a folder, FIFO or device is never opened) and for one larger than
    ``max_bytes``, both decided before reading."""
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(None if max_bytes is None else max_bytes + 1)
        else:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{source_name(path)}: not a regular file (a folder, pipe or device); give files or folders of articles")
            if max_bytes is not None and info.st_size > max_bytes:
                raise InputError(f"{source_name(path)}: {info.st_size:,} bytes is more than the limit of {max_bytes:,} for one input; "
                                 "split the file, or raise the limit with --max-chars")
            data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{source_name(path)}: cannot be read ({err.strerror or err})") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"{source_name(path)}: more than the limit of {max_bytes:,} bytes for one input")
    return data


def source_name(path: Path) -> str:
    """The input's name in records: ``<stdin>``, or the path with any bytes that are not UTF-8
    written as ``\\xNN`` escapes (so the name can always be stored, and tells the file apart)."""
    return "<stdin>" if path == STDIN else os.fsencode(path).decode("utf-8", "backslashreplace")


def make_document(data: bytes, source_path: str, max_chars: int | None = None,
                  note_headings: frozenset[str] | None = None) -> SourceDocument:
    """Decode one input's bytes, convert Markdown or HTML to plain text, and normalise it.
    ``note_headings`` are the headings that open an HTML page's endnotes (by default those of
    the bundled ``segmenter.json``; a pipeline passes its segmenter's own)."""
    fmt = input_format(source_path)
    text = decode(data, source_path)
    if fmt == "markdown":
        text = markdown_to_text(text)
    elif fmt == "html":
        headings = note_headings or frozenset(load_json("segmenter.json")["endnote_headings"])
        try:
            text = html_to_text(text, headings)
        except (ValueError, etree.ParserError) as err:
            raise InputError(f"{source_path}: the HTML cannot be parsed ({err})") from None
    text = normalize_text(text)
    if not text.strip():
        raise InputError(f"{source_path}: the file holds only white space")
    if max_chars is not None and len(text) > max_chars:
        raise InputError(
            f"{source_path}: {len(text):,} characters is more than the limit of {max_chars:,} for one document; "
            "split the file, or raise the limit with --max-chars (the parser needs about 1 GB per 100,000 characters)"
        )
    return SourceDocument(text=text, source_path=source_path, sha256=hashlib.sha256(data).hexdigest(), format=fmt)


def read_document(path: Path, max_chars: int | None = None) -> SourceDocument:
    """Read and normalise one input file."""
    return make_document(read_bytes(path), source_name(path), max_chars)


def _is_article(path: Path) -> bool:
    return path.is_file() and path.suffix in INPUT_SUFFIXES and not path.name.startswith(".") and not path.stem.upper() in SKIPPED_NAMES


def collect_inputs(paths: list[Path], exclude: Path | None = None) -> list[Path]:
    """Files to process: folders (searched recursively), glob patterns and files, each once, in
    sorted order within each argument; ``-`` is standard input. Nothing inside the folder
    ``exclude`` (the output folder, with its reports) is collected from a folder or pattern. A
    path named on its own is taken whatever it is (reading decides, per file); a path that
    matches nothing raises :class:`InputError`."""
    skip = exclude.resolve() if exclude is not None else None

    def wanted(p: Path) -> bool:
        return skip is None or not p.resolve().is_relative_to(skip)

    files: list[Path] = []
    for path in paths:
        if path == STDIN:
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if _is_article(p) and wanted(p)
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.exists() or path.is_symlink():
            files.append(path)
        elif any(c in str(path) for c in "*?["):
            matched = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
            if not matched:
                raise InputError(f"{path}: the pattern matches no file")
            files.extend(p for p in matched if p.is_file() and wanted(p))
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))

"""Reading input files (plain text, Markdown, HTML; see :mod:`pipeline.ingest.formats`) into normalised
document text, with the metadata and layout hints a page carries.

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
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..rules.layout import dateline_date
from ..rules.resources import load_json
from .formats import (
    FORMATS,
    SUPPORTED,
    Converted,
    convert,
    empty_metadata,
    join_run_on,
    format_of,
    sniff,
    unsupported,
)

SKIPPED_NAMES = frozenset({"README", "LICENSE", "CHANGELOG"})

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")


class InputError(Exception):
    """An input that cannot be processed; the message says why, in words for a user."""


@dataclass(frozen=True)
class SourceDocument:
    """A normalised input: ``text`` plus where it came from, its format and the hash of its bytes;
    ``metadata`` (``title``, ``authors``, ``published``: what the page or the user says, ``None``
    or empty when unknown) and layout ``hints`` from the markup (``headings``, ``italics``: lists
    of ``[start, end]`` offsets into ``text``; ``tables``: the rows of data tables, ``links``: list
    items that are only a link; ``hrefs``: ``[start, end, url]`` of the links inside notes)."""

    text: str
    source_path: str
    sha256: str
    format: str = "text"
    metadata: dict = field(default_factory=empty_metadata)
    hints: dict = field(default_factory=lambda: {"headings": [], "tables": [], "links": [], "italics": [], "hrefs": []})


def input_format(source_path: str, fmt: str | None = None) -> str:
    """``markdown``, ``html`` or ``text``: ``fmt`` (a ``--format`` name) if given, else by the
    file's suffix; anything else is plain text."""
    return FORMATS[fmt] if fmt else format_of(source_path) or "text"


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


def source_name(path: Path, data: bytes = b"") -> str:
    """The name records give an input: its path, with any bytes that are not UTF-8 written as
    ``\\xNN`` escapes (so the name can always be stored, and tells the file apart), or for standard
    input ``<stdin:…>`` with the first 12 hex digits of the SHA-256 of what was read (two documents
    piped in turn keep apart)."""
    if path == STDIN:
        return f"<stdin:{hashlib.sha256(data).hexdigest()[:12]}>"
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _layout(converted: Converted) -> tuple[str, dict]:
    """The plain-text layout of converted blocks (one per paragraph, blank lines between) and
    the offsets of its headings and italic spans."""
    parts, italics, hrefs, pos = [], [], [], 0
    hints: dict[str, list] = {"title": [], "heading": [], "table": [], "link": []}
    for block in join_run_on(converted.blocks):
        cuts = sorted({0, len(block.text), *(i for span in block.italics for i in span), *(i for s, e, _ in block.hrefs for i in (s, e))})
        pieces = [normalize_text(block.text[a:b]) for a, b in zip(cuts, cuts[1:])]
        starts = [pos + sum(map(len, pieces[:i])) for i in range(len(pieces) + 1)]
        where = dict(zip(cuts, starts))
        text = "".join(pieces)
        if not text.strip():
            continue
        if block.kind in hints:
            hints[block.kind].append([pos, pos + len(text)])
        italics.extend([where[s], where[e]] for s, e in block.italics if where[s] < where[e])
        hrefs.extend([where[s], where[e], url] for s, e, url in block.hrefs if where[s] < where[e])
        parts.append(text)
        pos += len(text) + 2
    return "\n\n".join(parts) + "\n", {"headings": hints["title"] + hints["heading"], "tables": hints["table"],
                                         "links": hints["link"], "italics": italics, "hrefs": hrefs}


def make_document(data: bytes, source_path: str, max_chars: int | None = None,
                  layout_rules: dict | None = None, fmt: str | None = None,
                  published: str | None = None) -> SourceDocument:
    """Decode one input's bytes, convert Markdown or HTML to plain text, and normalise it.
    ``fmt`` overrides the format the name's suffix says (standard input is sniffed for HTML);
    ``published`` (an ISO date, ``--date``) overrides the page's own date. ``layout_rules`` are the
    segmenter's rule data (``segmenter.json``), whose endnote headings and dateline pattern ingest
    reads too: a pipeline passes its segmenter's own, else the bundled file is used."""
    other = unsupported(data, source_path)
    if other:
        raise InputError(f"{source_path}: unsupported format {other} (supported: {SUPPORTED})")
    text = decode(data, source_path)
    kind = input_format(source_path, fmt) if fmt or not source_path.startswith("<stdin") else sniff(text)
    layout_rules = layout_rules or load_json("segmenter.json")
    metadata, hints = empty_metadata(), {"headings": [], "tables": [], "links": [], "italics": [], "hrefs": []}
    if kind != "text":
        headings = frozenset(layout_rules["endnote_headings"])
        try:
            converted = convert(text, kind, headings)
        except (ValueError, etree.ParserError) as err:
            raise InputError(f"{source_path}: the {kind.upper() if kind == 'html' else 'Markdown'} cannot be parsed ({err})") from None
        text, hints = _layout(converted)
        metadata = {**metadata, **converted.metadata}
    else:
        text = normalize_text(text)
    metadata["published"] = published or metadata["published"] or dateline_date(text, layout_rules)
    if not text.strip():
        raise InputError(f"{source_path}: the file holds only white space")
    if max_chars is not None and len(text) > max_chars:
        raise InputError(
            f"{source_path}: {len(text):,} characters is more than the limit of {max_chars:,} for one document; "
            "split the file, or raise the limit with --max-chars (the parser needs about 1 GB per 100,000 characters)"
        )
    return SourceDocument(text=text, source_path=source_path, sha256=hashlib.sha256(data).hexdigest(), format=kind,
                          metadata=metadata, hints=hints)


def read_document(path: Path, max_chars: int | None = None, fmt: str | None = None) -> SourceDocument:
    """Read and normalise one input file."""
    data = read_bytes(path)
    return make_document(data, source_name(path, data), max_chars, fmt=fmt)


def _is_article(path: Path) -> bool:
    return path.is_file() and format_of(path.name) is not None and not path.name.startswith(".") and not path.stem.upper() in SKIPPED_NAMES


def _skipped(path: Path, root: Path) -> bool:
    """Whether a file met in a folder is left out (not an article, or hidden)."""
    return not _is_article(path) or any(part.startswith(".") for part in path.relative_to(root).parts)


def collect_inputs(paths: list[Path], skipped: list[Path] | None = None, exclude: Path | None = None) -> list[Path]:
    """Files to process: folders (searched recursively), glob patterns and files, each once, in
    sorted order within each argument; ``-`` is standard input. Files left out of a folder (other
    formats, hidden files) are appended to ``skipped``; nothing inside the folder ``exclude`` (the
    output folder, with its reports) is collected from a folder or pattern. A path named on its
    own is taken whatever it is (reading decides, per file); a path that matches nothing raises
    :class:`InputError`."""
    skip = exclude.resolve() if exclude is not None else None

    def wanted(p: Path) -> bool:
        return skip is None or not p.resolve().is_relative_to(skip)

    def is_dir(p: Path) -> bool:
        try:
            return p.is_dir()
        except OSError:  # a name longer than the system allows: reading says so, for this file alone
            return False

    files: list[Path] = []
    for path in paths:
        if path == STDIN:
            files.append(path)
        elif is_dir(path):
            found = sorted(p for p in path.rglob("*") if p.is_file() and wanted(p))
            files.extend(p for p in found if not _skipped(p, path))
            if skipped is not None:
                skipped.extend(p for p in found if _skipped(p, path))
        elif os.path.lexists(path) or len(os.fsencode(path.name)) > os.pathconf(path.anchor or ".", "PC_NAME_MAX"):
            files.append(path)
        elif any(c in str(path) for c in "*?["):
            matched = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
            if not matched:
                raise InputError(f"{path}: the pattern matches no file")
            files.extend(p for p in matched if p.is_file() and wanted(p))
        else:
            raise InputError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))

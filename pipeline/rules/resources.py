"""Loading of the rule data shipped in ``models/`` (installed as ``pipeline.models``).

Every lexicon, pattern list and outlet table is data; components take an optional path to
override the bundled file.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

# ``models/`` sits beside the package in a source checkout (and an editable install); a wheel
# installs the same files as ``pipeline/models/``.
_PACKAGE = Path(__file__).resolve().parents[1]
DATA_DIRS = (_PACKAGE.parent / "models", _PACKAGE / "models")


def data_path(name: str) -> Path:
    """Path of a bundled data file in ``models/``."""
    for folder in DATA_DIRS:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"data file {name!r} is missing from {' and '.join(map(str, DATA_DIRS))}")


@cache
def _load_json(path: str) -> object:
    with (gzip.open if path.endswith(".gz") else open)(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def load_json(name_or_path: str | Path) -> object:
    """Load a JSON data file (gzip-compressed when its name ends in ``.gz``): a bare name is
    looked up in ``models/``, anything else is a path."""
    path = Path(name_or_path)
    if path.parent == Path(".") and not path.exists():
        path = data_path(str(name_or_path))
    return _load_json(str(path.resolve()))

"""Rule data files of a component, kept the way spaCy's ``SpanRuler`` keeps its patterns.

A component is compiled from JSON files: the paths its config names, or the bundled ``models/``
files where a path is null. ``to_disk`` writes the files it was compiled from into the
component's folder of a saved pipeline and ``from_disk`` compiles it again from them, so
``spacy.load`` of a folder written by ``nlp.to_disk`` reproduces the pipeline's output.
"""

from __future__ import annotations

from pathlib import Path

import srsly

from ..rules.resources import load_json


class RuleFileComponent:
    """Base of the components compiled from rule files; subclasses implement :meth:`compile`."""

    def __init__(self, paths: dict[str, str | None]):
        """``paths``: bundled file name → path that overrides it (``None``: the bundled file)."""
        self.data = {name: load_json(path or name) for name, path in paths.items()}
        self.compile(self.data)

    def compile(self, data: dict[str, object]) -> None:
        """Build the component's rules from the loaded files (file name → parsed JSON)."""
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, data in self.data.items():
            srsly.write_json(path / name, data)

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> RuleFileComponent:
        path = Path(path)
        self.data = {name: srsly.read_json(path / name) if (path / name).exists() else data for name, data in self.data.items()}
        self.compile(self.data)
        return self

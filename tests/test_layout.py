"""The package's layering, as the README's "Layout" section draws it, enforced on the imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

ALLOWED = {
    "rules": set(),
    "ingest": {"rules"},
    "contract": {"rules"},
    "store": {"contract"},
    "report": {"store", "contract", "archive"},
    "archive": {"store", "contract", "rules"},
    "components": {"rules"},
    "engine": {"ingest", "components", "rules", "contract", "store"},
    "commands": {"engine", "ingest", "components", "rules", "contract", "store", "report", "archive"},
}
"""Layer → the other layers it may import (every layer may import the package root, ``pipeline``)."""
SPACY_FREE = ("rules", "ingest", "contract", "store", "report", "archive")
HEAVY = ("spacy", "thinc")


def _imports(source: str, module: str) -> list[str]:
    """Absolute names of the modules ``source`` (the module ``module``) imports."""
    found = []
    package = module.split(".")[:-1]  # a package's __init__ is named pkg.__init__, so this holds for it too
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                found.extend([target] if node.module else [f"{target}.{alias.name}" for alias in node.names])
            else:
                found.append(node.module)
    return found


def layer_violations(source: str, module: str) -> list[str]:
    """The imports of ``module`` that its layer does not allow, as ``"module -> imported"``."""
    parts = module.split(".")
    if len(parts) < 3:
        return []
    layer = parts[1]
    bad = []
    for name in _imports(source, module):
        top = name.split(".")
        if top[0] in HEAVY and layer in SPACY_FREE:
            bad.append(f"{module} -> {name}")
        elif top[0] == "pipeline" and len(top) > 1 and top[1] in ALLOWED and top[1] != layer and top[1] not in ALLOWED[layer]:
            bad.append(f"{module} -> {name}")
    return bad


def _modules() -> list[tuple[str, Path]]:
    return [(".".join(("pipeline", *p.relative_to(PACKAGE).with_suffix("").parts)), p) for p in sorted(PACKAGE.rglob("*.py"))]


def test_every_layer_folder_is_known():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(ALLOWED)


def test_imports_follow_the_layers():
    violations = [v for module, path in _modules() for v in layer_violations(path.read_text(encoding="utf-8"), module)]
    assert violations == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("pipeline.rules.names", "from ..components import quotes\n"),
        ("pipeline.rules.names", "import spacy\n"),
        ("pipeline.contract.records", "from spacy.tokens import Doc\n"),
        ("pipeline.contract.records", "from ..store.folder import Store\n"),
        ("pipeline.store.folder", "from ..engine.batch import run\n"),
        ("pipeline.report.page", "from pipeline.engine.process import process\n"),
        ("pipeline.components.claims", "from ..engine import build\n"),
        ("pipeline.engine.batch", "from ..commands.cli import main\n"),
    ],
)
def test_a_forbidden_import_is_caught(module, source):
    assert layer_violations(source, module) == [f"{module} -> {_imports(source, module)[0]}"]


def test_allowed_imports_pass():
    assert layer_violations("from ..rules.names import name_shape\nfrom .. import SCHEMA_VERSION\n", "pipeline.contract.records") == []
    assert layer_violations("from .doc_records import records_for\nimport spacy\n", "pipeline.engine.process") == []


def test_the_record_side_imports_no_spacy():
    modules = [m for m, _ in _modules() if m.split(".")[1:2] and m.split(".")[1] in SPACY_FREE]
    code = f"import sys; import {', '.join(modules)}; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

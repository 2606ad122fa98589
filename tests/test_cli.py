"""The command line on good and bad input: clear one-line errors, never a traceback, and the
other documents' output (or an earlier run's output) is never lost."""

from __future__ import annotations

import json

import pytest

ARTICLE = (
    "Officials in Port Vell said the convoy was attacked at dawn.[1] Two vehicles burned.\n\n"
    "Lena Marsh is a research fellow at the Institute for Coastal Security.\n\n"
    "[1] Ana Ruiz, “Convoy Hit Near Port Vell,” Coastal Wire, May 2, 2019.\n"
)

BAD_INPUTS = [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\t\n ", "the file is empty"),
    ("nbsp-only.txt", "\u00a0\u00a0\n".encode(), "only white space"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("cp1252.txt", "Caf\u00e9 \u201cquoted\u201d text.[1]".encode("cp1252"), "not valid UTF-8"),
]


def _records(folder, name):
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name,data,message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_reported_and_good_documents_are_written(tmp_path, run_cli, name, data, message):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / name).write_bytes(data)
    result = run_cli("run", str(inputs), "-o", str(tmp_path / "out"), "--model", "blank:en")
    assert result.returncode == 1
    assert message in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr
    documents = _records(tmp_path / "out", "documents.jsonl")
    assert [d["source_path"].endswith("good.txt") for d in documents] == [True]
    assert len(_records(tmp_path / "out", "claims.jsonl")) == 2


def test_missing_path_and_unknown_model_leave_earlier_output_alone(tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(article), "-o", str(out), "--model", "blank:en").returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    missing = run_cli("run", str(tmp_path / "nope.txt"), "-o", str(out), "--model", "blank:en")
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    unknown = run_cli("run", str(article), "-o", str(out), "--model", "xx_no_such_model")
    assert unknown.returncode == 2 and "cannot load the spaCy pipeline 'xx_no_such_model'" in unknown.stderr
    for result in (missing, unknown):
        assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_empty_folder_says_so(tmp_path, run_cli):
    result = run_cli("run", str(tmp_path), "-o", str(tmp_path / "out"), "--model", "blank:en")
    assert result.returncode == 2 and "no input files found" in result.stderr


def test_summary_counts(tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("run", str(article), "-o", str(tmp_path / "out"), "--model", "blank:en")
    assert "documents  1" in result.stdout
    assert "claims     2 (direct 1, inherited 0, none 1)" in result.stdout
    assert "footnotes  1" in result.stdout and "failed     0" in result.stdout


def test_validate_reports_broken_offsets_and_schema_violations(tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    run_cli("run", str(article), "-o", str(out), "--model", "blank:en")
    claims = _records(out, "claims.jsonl")
    claims[0]["start"] += 3
    claims[1]["support"] = "maybe"
    (out / "claims.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims) + "{oops\n", encoding="utf-8")
    result = run_cli("validate", str(out))
    assert result.returncode == 1
    assert "claims.jsonl:1: text does not match the span" in result.stdout
    assert "claims.jsonl:2: support: 'maybe' is not one of" in result.stdout
    assert "claims.jsonl:3: not JSON" in result.stdout


def test_validate_missing_folder(tmp_path, run_cli):
    result = run_cli("validate", str(tmp_path / "none"))
    assert result.returncode == 2 and "no such folder" in result.stderr


def test_output_path_that_is_a_file_is_a_clear_error(tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_cli("run", str(article), "-o", str(blocker), "--model", "blank:en")
    assert result.returncode == 2 and "cannot read or write" in result.stderr and str(blocker) in result.stderr
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_standard_input_is_one_document(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "-", "-o", str(out), "--model", "blank:en", "-q"],
                            input=ARTICLE.encode("utf-8"), capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    documents = _records(out, "documents.jsonl")
    assert [d["source_path"][:7] for d in documents] == ["<stdin:"] and len(_records(out, "claims.jsonl")) == 2

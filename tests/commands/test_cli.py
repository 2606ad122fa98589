"""The command line (:mod:`pipeline.commands.cli`) on good and bad input: clear one-line errors,
never a traceback, and the other documents' output (or an earlier run's output) is never lost;
``report`` and ``run --html``; and ``run`` + ``validate`` on the sample article through the default
model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.contract.records import RECORD_FILES

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
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    missing = run_cli("run", str(tmp_path / "nope.txt"), "-o", str(out), "--model", "blank:en")
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    unknown = run_cli("run", str(article), "-o", str(out), "--model", "xx_no_such_model")
    assert unknown.returncode == 2 and "cannot load the spaCy pipeline 'xx_no_such_model'" in unknown.stderr
    for result in (missing, unknown):
        assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


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


# --- real processes: ``python -m pipeline`` as a user runs it ------------------------------

def test_module_entry_point_prints_the_commands():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert all(command in result.stdout for command in ("run", "report", "validate", "eval", "bench"))


def test_standard_input_is_one_document(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "-", "-o", str(out), "--model", "blank:en", "-q"],
                            input=ARTICLE.encode("utf-8"), capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    documents = _records(out, "documents.jsonl")
    assert [d["source_path"][:7] for d in documents] == ["<stdin:"] and len(_records(out, "claims.jsonl")) == 2


# --- report and run --html -----------------------------------------------------------------

REPORT_ARTICLE = "A claim about a port.[1]\n\nNotes\n\n[1] Ana Lopes, \"Port Story,\" Coastal Wire, May 2, 2020.\n"


def test_report_command_from_articles_and_from_an_output_folder(tmp_path, run_cli):
    article = tmp_path / "story.txt"
    article.write_text(REPORT_ARTICLE, encoding="utf-8")
    page = tmp_path / "page.html"
    result = run_cli("report", str(article), "-o", str(page), "--model", "blank:en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {page}"
    assert "Coastal Wire" in page.read_text(encoding="utf-8")

    out = tmp_path / "out"
    result = run_cli("run", str(article), "-o", str(out), "--model", "blank:en", "--html", "-q")
    assert result.returncode == 0, result.stderr
    assert "html       " in result.stdout and (out / "html" / "story.html").is_file()
    result = run_cli("report", str(out), "-o", str(tmp_path / "again"))
    assert result.returncode == 0 and (tmp_path / "again" / "story.html").is_file()


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (lambda d: None, ["missing.txt"], "no such file or folder"),
        (lambda d: [(d / n).write_text(REPORT_ARTICLE) for n in ("a.txt", "b.txt")], ["a.txt", "b.txt", "-o", "one.html"],
         "names one file but 2 articles were given"),
        (lambda d: (d / "empty.txt").write_text("   \n"), ["empty.txt", "-o", "x.html"], "empty"),
    ],
)
def test_report_command_explains_bad_input(tmp_path, run_cli, monkeypatch, setup, args, message):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path)
    result = run_cli("report", *args, "--model", "blank:en")
    assert result.returncode in (1, 2)
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.html").exists()


# --- the sample article through the default model -------------------------------------

def test_validate_passes_and_output_is_byte_identical(tmp_path, run_cli, sample_path):
    for name in ("a", "b"):
        assert run_cli("run", str(sample_path), "-o", str(tmp_path / name)).returncode == 0
    for file in RECORD_FILES.values():
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    result = run_cli("validate", str(tmp_path / "a"))
    assert result.returncode == 0, result.stdout
    assert "0 violations" in result.stdout
    lines = (tmp_path / "a" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(list(json.loads(line)) == sorted(json.loads(line)) for line in lines)

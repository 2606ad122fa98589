"""The output folder as a state an archivist can trust: one writer, checked lines, failures that
stay on record until fixed, interrupts that keep finished work."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.commands.cli import main
from pipeline.contract.validate import validate_outdir
from pipeline.engine.batch import run
from pipeline.store.folder import Store, StoreError

ARTICLE = "Officials in {place} said the convoy was attacked at dawn.[1] Two vehicles burned.\n\n[1] Ana Ruiz, “Convoy Hit,” Coastal Wire, May 2, 2019.\n"


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"article-{i:03d}.txt").write_text(ARTICLE.format(place=f"Port {i}"), encoding="utf-8")
    return folder


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_a_second_writer_is_refused_at_once_naming_the_holder(tmp_path, blank_nlp):
    store = Store(tmp_path / "out")
    with store.lock():
        with pytest.raises(StoreError, match=rf"in use by process {os.getpid()} .*pass --wait"):
            run(blank_nlp, [_corpus(tmp_path / "in", 1)], tmp_path / "out")
        assert store.holder().startswith(f"process {os.getpid()}")
    assert store.holder() is None


def test_wait_blocks_until_the_folder_is_free(tmp_path, blank_nlp):
    store, corpus = Store(tmp_path / "out"), _corpus(tmp_path / "in", 2)
    released = []

    def hold():
        with store.lock():
            time.sleep(0.5)
            released.append(True)

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.1)
    summary = run(blank_nlp, [corpus], tmp_path / "out", wait=True)
    holder.join()
    assert released == [True] and summary.documents == 2 and validate_outdir(tmp_path / "out")[1] == []


def test_an_unwritable_output_is_refused_before_any_processing(tmp_path, blank_nlp):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot read or write the output folder"):
        run(blank_nlp, [_corpus(tmp_path / "in", 1)], blocker)


@pytest.mark.parametrize("damage", ["{not json\n", '{"no_doc_id": 1}\n', "[1, 2]\n"])
def test_a_damaged_record_line_is_reported_with_path_and_line_and_never_copied(tmp_path, blank_nlp, damage):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    run(blank_nlp, [corpus], out)
    documents = out / "documents.jsonl"
    before = documents.read_text(encoding="utf-8")
    documents.write_text(before + damage, encoding="utf-8")
    with pytest.raises(StoreError, match=r"documents\.jsonl:3: damaged record line"):
        run(blank_nlp, [corpus], out)
    assert documents.read_text(encoding="utf-8") == before + damage


def test_a_damaged_part_is_set_aside_and_its_documents_processed_again(tmp_path, blank_nlp):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    store = Store(out)
    (out / ".parts").mkdir(parents=True)
    (out / ".parts" / "000001.jsonl").write_text('document\tabc\t{"type": "document", "doc_id": "abc", "sou\n', encoding="utf-8")
    summary = run(blank_nlp, [corpus], out)
    assert [p.name for p in summary.set_aside] == ["000001.jsonl.damaged"] and store.part_files() == []
    assert summary.documents == 2 and validate_outdir(out)[1] == []


def test_failures_stay_on_record_until_their_input_succeeds(tmp_path, blank_nlp):
    first, second, out = tmp_path / "first", _corpus(tmp_path / "second", 1), tmp_path / "out"
    _corpus(first, 1)
    broken = first / "broken.txt"
    broken.write_bytes(b"\xff\xfe caf\xe9")
    run(blank_nlp, [first], out)
    run(blank_nlp, [second], out)
    (error,) = _lines(out / "errors.jsonl")
    assert error["source_path"] == str(broken) and len(error["sha256"]) == 64 and error["time"].endswith("Z")
    broken.write_text(ARTICLE.format(place="Fixed"), encoding="utf-8")
    run(blank_nlp, [first], out)
    assert _lines(out / "errors.jsonl") == [] and validate_outdir(out)[1] == []


def test_a_failure_of_a_removed_input_is_forgotten(tmp_path, blank_nlp):
    corpus, out = _corpus(tmp_path / "in", 1), tmp_path / "out"
    (corpus / "broken.txt").write_bytes(b"\x00\x01")
    run(blank_nlp, [corpus], out)
    (corpus / "broken.txt").unlink()
    run(blank_nlp, [corpus], out)
    assert _lines(out / "errors.jsonl") == []


def test_a_changed_input_that_fails_loses_its_old_records(tmp_path, blank_nlp):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    run(blank_nlp, [corpus], out)
    (corpus / "article-000.txt").write_bytes(b"\xff\xfe now broken")
    run(blank_nlp, [corpus], out)
    assert [d["source_path"] for d in _lines(out / "documents.jsonl")] == [str(corpus / "article-001.txt")]
    assert [e["source_path"] for e in _lines(out / "errors.jsonl")] == [str(corpus / "article-000.txt")]
    assert validate_outdir(out)[1] == []


def test_status_prints_documents_failures_parts_and_lock(tmp_path, blank_nlp, capsys):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    (corpus / "broken.txt").write_bytes(b"\x00")
    run(blank_nlp, [corpus], out)
    assert main(["status", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "documents  2 (2 merged, 0 in unmerged parts)" in printed and "failures   1" in printed
    assert "broken.txt: ingest:" in printed and "lock       free" in printed
    assert main(["status", str(tmp_path / "missing")]) == 2


def test_ctrl_c_during_a_run_with_workers_keeps_finished_batches(tmp_path):
    corpus, out = _corpus(tmp_path / "in", 40), tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "run", str(corpus), "-o", str(out), "--model", "blank:en",
               "--batch-size", "1", "-j", "2", "-q"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while not list((out / ".parts").glob("*.jsonl")) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=180)
    if child.returncode == 0:
        pytest.skip("the run finished before the interrupt reached it")
    assert child.returncode == 130 and "Traceback" not in stderr
    assert "documents of this run are saved" in stderr and "run the same command again" in stderr
    saved = len(_lines(out / "documents.jsonl"))
    assert validate_outdir(out)[1] == [] and saved >= 1
    subprocess.run(command, check=True, capture_output=True)
    assert len(_lines(out / "documents.jsonl")) == 40 and validate_outdir(out)[1] == []


# --- inputs that must not take the batch down -----------------------------------------------

def test_fifo_folder_and_oversized_inputs_are_per_file_failures(tmp_path, blank_nlp):
    corpus = _corpus(tmp_path / "in", 2)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: its size is known without writing it
        handle.truncate(20_000)
    summary = run(blank_nlp, [corpus, fifo, big], tmp_path / "out", max_chars=1000)
    reasons = {Path(e["source_path"]).name: e["message"] for e in summary.errors}
    assert summary.documents == 2 and set(reasons) == {"pipe.txt", "big.txt"}
    assert "not a regular file" in reasons["pipe.txt"] and "20,000 bytes is more than the limit" in reasons["big.txt"]


def test_a_file_name_that_is_not_utf8_is_kept_with_escapes(tmp_path, blank_nlp):
    corpus = _corpus(tmp_path / "in", 1)
    odd = os.path.join(os.fsencode(corpus), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(ARTICLE.format(place="Odd").encode("utf-8"))
    summary = run(blank_nlp, [corpus], tmp_path / "out")
    names = sorted(d["source_path"] for d in _lines(tmp_path / "out" / "documents.jsonl"))
    assert summary.documents == 2 and names[-1].endswith("caf\\xe9.txt") and validate_outdir(tmp_path / "out")[1] == []


def test_utf16_with_a_byte_order_mark_is_read(tmp_path, blank_nlp):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "wide.txt").write_bytes(ARTICLE.format(place="Wide").encode("utf-16"))
    summary = run(blank_nlp, [corpus], tmp_path / "out")
    assert summary.documents == 1 and "Wide" in _lines(tmp_path / "out" / "documents.jsonl")[0]["text"]


def test_the_output_folder_inside_the_input_folder_is_never_read_back(tmp_path, blank_nlp):
    corpus = _corpus(tmp_path / "in", 1)
    out = corpus / "out"
    assert main(["run", str(corpus), "-o", str(out), "--model", "blank:en", "--html", "-q"]) == 0
    assert list((out / "html").glob("*.html"))
    run(blank_nlp, [corpus], out)
    assert [d["source_path"] for d in _lines(out / "documents.jsonl")] == [str(corpus / "article-000.txt")]

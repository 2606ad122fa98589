"""The output folder as a state an archivist can trust: one writer, checked lines, failures that
stay on record until fixed, interrupts that keep finished work."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.commands.cli import main
from pipeline.contract.records import record_folder
from pipeline.contract.validate import validate_outdir
from pipeline.engine.batch import run
from pipeline.store.files import RecordWriter
from pipeline.store.folder import STORE_FILES, Store, StoreError

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


@pytest.mark.parametrize("name", sorted(STORE_FILES.values()))
@pytest.mark.parametrize("damage", ["{not json\n", '{"no_doc_id": 1}\n', "[1, 2]\n"])
def test_a_damaged_line_in_any_record_file_is_reported_with_path_and_line_and_never_copied(tmp_path, blank_nlp, name, damage):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    (corpus / "broken.txt").write_bytes(b"\x00")
    run(blank_nlp, [corpus], out)
    (corpus / "article-000.txt").write_text(ARTICLE.format(place="Changed"), encoding="utf-8")
    damaged = record_folder(out) / name
    before = damaged.read_text(encoding="utf-8")
    lines = before.count("\n")
    damaged.write_text(before + damage, encoding="utf-8")
    with pytest.raises(StoreError, match=rf"{name.replace('.', '[.]')}:{lines + 1}: damaged (record|error) line"):
        run(blank_nlp, [corpus], out)
    assert record_folder(out) == damaged.parent and damaged.read_text(encoding="utf-8") == before + damage
    assert not any(damage in (out / other).read_text(encoding="utf-8") for other in STORE_FILES.values() if other != name)


@pytest.mark.parametrize("kind", sorted(STORE_FILES.keys() - {"error"}))
def test_a_part_with_a_truncated_record_of_any_type_is_set_aside_and_never_copied(tmp_path, blank_nlp, kind):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    truncated = f'{{"doc_id":"abc","id":"abc:x1","type":"{kind}","text":"Half a rec'
    (out / ".parts").mkdir(parents=True)
    (out / ".parts" / "000001.jsonl").write_text(f"{kind}\tabc\t{truncated}\n", encoding="utf-8")
    summary = run(blank_nlp, [corpus], out)
    assert [p.name for p in summary.set_aside] == ["000001.jsonl.damaged"] and summary.documents == 2
    assert not any("Half a rec" in (out / name).read_text(encoding="utf-8") for name in STORE_FILES.values())
    assert validate_outdir(out)[1] == []


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


# --- the merge switches generations in one step ----------------------------------------------

def _state(out: Path) -> dict[str, bytes]:
    """Every record file of the folder's current generation."""
    folder = record_folder(out)
    return {name: (folder / name).read_bytes() for name in STORE_FILES.values() if (folder / name).exists()}


def _killed_run(nlp, corpus: Path, out: Path, kill_at: int, after: bool) -> None:
    """Run in a forked child that dies (``os._exit``, no clean-up) at its ``kill_at``-th rename,
    just before it or just after it."""
    pid = os.fork()
    if pid == 0:
        calls, replace = [0], os.replace

        def dying(source, target):
            calls[0] += 1
            if calls[0] == kill_at and not after:
                os._exit(9)
            replace(source, target)
            if calls[0] == kill_at:
                os._exit(9)

        try:
            os.replace = dying
            run(nlp, [corpus], out)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def test_a_kill_at_any_rename_of_a_run_leaves_all_old_or_all_new_records(tmp_path, blank_nlp, monkeypatch):
    corpus, out = _corpus(tmp_path / "in", 3), tmp_path / "out"
    run(blank_nlp, [corpus], out)
    old, saved = _state(out), tmp_path / "saved"
    shutil.copytree(out, saved, symlinks=True)
    (corpus / "article-000.txt").write_text(ARTICLE.format(place="Changed"), encoding="utf-8")
    (corpus / "article-009.txt").write_text(ARTICLE.format(place="Added"), encoding="utf-8")
    renames, replace = [], os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (renames.append(b), replace(a, b)))
    run(blank_nlp, [corpus], out)
    monkeypatch.undo()
    new = _state(out)
    assert new != old and len(renames) >= 3  # a part, the generation's files, the .current link
    seen = set()
    for kill_at in range(1, len(renames) + 1):
        for after in (False, True):
            trial = tmp_path / f"trial-{kill_at}-{after}"
            shutil.copytree(saved, trial, symlinks=True)
            _killed_run(blank_nlp, corpus, trial, kill_at, after)
            state = _state(trial)
            assert state in (old, new), (kill_at, after, renames[kill_at - 1])
            assert validate_outdir(trial)[1] == [], (kill_at, after)
            assert [p.name for p in (trial / ".generations").iterdir()] != []
            seen.add("new" if state == new else "old")
            run(blank_nlp, [corpus], trial)
            assert _state(trial) == new and len(list((trial / ".generations").iterdir())) == 1
            assert not list(trial.glob(".*.tmp")) and not (trial / ".parts").exists()
    assert seen == {"old", "new"}


def test_top_level_names_link_into_the_current_generation(tmp_path, blank_nlp):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    run(blank_nlp, [corpus], out)
    first = record_folder(out)
    (corpus / "article-000.txt").write_text(ARTICLE.format(place="Changed"), encoding="utf-8")
    run(blank_nlp, [corpus], out)
    current = record_folder(out)
    assert current != first and not first.exists() and [p.name for p in (out / ".generations").iterdir()] == [current.name]
    for name in STORE_FILES.values():
        assert os.readlink(out / name) == f".current/{name}" and (out / name).read_bytes() == (current / name).read_bytes()


def test_a_folder_written_before_generations_is_taken_over(tmp_path, blank_nlp):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    run(blank_nlp, [corpus], out)
    before = _state(out)
    for name in STORE_FILES.values():  # the flat layout of earlier versions
        (out / name).unlink()
        shutil.copy(record_folder(out) / name, out / name)
    (out / ".current").unlink()
    shutil.rmtree(out / ".generations")
    assert _state(out) == before and validate_outdir(out)[1] == []
    summary = run(blank_nlp, [corpus], out)
    assert summary.skipped == 2 and _state(out) == before and (out / "documents.jsonl").is_symlink()


# --- failures leave no temporary file behind --------------------------------------------------

def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["part", "merge", "link"])
def test_a_full_disk_leaves_no_temporary_file_and_earlier_output_intact(tmp_path, blank_nlp, monkeypatch, capsys, where):
    corpus, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    run(blank_nlp, [corpus], out)
    before = _state(out)
    (corpus / "article-000.txt").write_text(ARTICLE.format(place="Changed"), encoding="utf-8")
    if where == "part":  # the part's bytes cannot be synced
        monkeypatch.setattr(os, "fsync", _full_disk)
    elif where == "merge":  # the new generation's files cannot be written
        monkeypatch.setattr(RecordWriter, "write_lines", _full_disk)
    else:  # the new generation is written, the link to it cannot be made
        monkeypatch.setattr(os, "symlink", _full_disk)
    assert main(["run", str(corpus), "-o", str(out), "--model", "blank:en", "-q"]) == 2
    monkeypatch.undo()
    message = capsys.readouterr().err.strip()
    assert message.count("\n") == 0 and message.endswith("No space left on device") and "Traceback" not in message
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == [] and _state(out) == before and validate_outdir(out)[1] == []
    assert len(list((out / ".generations").iterdir())) == 1


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


def test_a_batch_of_hostile_inputs_records_each_as_a_failure_and_processes_the_rest(tmp_path, capsys):
    corpus = _corpus(tmp_path / "in", 2)
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "wb") as handle:  # a name that is not UTF-8
        handle.write(b"\xff\xfe caf\xe9")  # ... on content that cannot be read either
    with (corpus / "huge.txt").open("wb") as handle:  # 6 GB, sparse: nothing is written
        handle.truncate(6 * 2**30)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    long_name = tmp_path / ("n" * 296 + ".txt")  # 300 bytes, more than a file system allows
    out = tmp_path / "out"
    code = main(["run", str(corpus), str(fifo), str(long_name), "-o", str(out), "--model", "blank:en", "-q", "--html"])
    assert code == 1 and "Traceback" not in capsys.readouterr().err
    reasons = {Path(e["source_path"]).name[:12]: e["message"] for e in _lines(out / "errors.jsonl")}
    assert sorted(reasons) == ["caf\\xe9.txt", "huge.txt", "n" * 12, "pipe.txt"]
    assert "6,442,450,944 bytes is more than the limit" in reasons["huge.txt"] and "not a regular file" in reasons["pipe.txt"]
    assert "File name too long" in reasons["n" * 12] and "not valid UTF-8" in reasons["caf\\xe9.txt"]
    assert [Path(d["source_path"]).name for d in _lines(out / "documents.jsonl")] == ["article-000.txt", "article-001.txt"]
    assert validate_outdir(out)[1] == [] and len(list((out / "html").glob("article-*.html"))) == 2
    # a run over the folder alone keeps the failures of files still there, escaped names included
    assert main(["run", str(corpus), "-o", str(out), "--model", "blank:en", "-q"]) == 1
    assert sorted(Path(e["source_path"]).name for e in _lines(out / "errors.jsonl")) == ["caf\\xe9.txt", "huge.txt", "pipe.txt"]


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

"""Writing JSONL (:mod:`pipeline.store.files`): sorted keys, UTF-8 without escapes, one record a
line, and files replaced only when the writing finished."""

from __future__ import annotations

import pytest

from pipeline.store.files import RecordWriter, write_text_atomic

FILES = {"claim": "claims.jsonl", "quote": "quotes.jsonl"}


def test_records_are_written_with_sorted_keys_one_per_line(tmp_path):
    with RecordWriter(tmp_path, FILES) as writer:
        writer.write({"claim": [{"text": "Café “quoted”", "id": "d:c1"}, {"id": "d:c2", "text": "x"}], "quote": []})
        writer.write_lines("quote", ['{"id":"d:q1"}'])
    assert (tmp_path / "claims.jsonl").read_text(encoding="utf-8") == (
        '{"id":"d:c1","text":"Café “quoted”"}\n{"id":"d:c2","text":"x"}\n')
    assert (tmp_path / "quotes.jsonl").read_text(encoding="utf-8") == '{"id":"d:q1"}\n'
    assert writer.counts == {"claim": 2, "quote": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl", "quotes.jsonl"]


def test_a_failed_write_keeps_the_previous_files_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / "claims.jsonl").write_text('{"id":"old"}\n', encoding="utf-8")
    with pytest.raises(RuntimeError, match="interrupted"), RecordWriter(tmp_path, FILES) as writer:
        writer.write({"claim": [{"id": "new"}]})
        raise RuntimeError("interrupted")
    assert (tmp_path / "claims.jsonl").read_text(encoding="utf-8") == '{"id":"old"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl"]


def test_write_text_atomic_creates_the_folder_and_leaves_only_the_file(tmp_path):
    target = tmp_path / "html" / "page.html"
    write_text_atomic(target, "<p>Café</p>\n")
    write_text_atomic(target, "<p>Port Vell</p>\n")
    assert target.read_text(encoding="utf-8") == "<p>Port Vell</p>\n"
    assert list(target.parent.iterdir()) == [target]


def _full_disk(*args):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_full_disk_at_the_end_keeps_the_previous_files_and_leaves_no_temporary_file(tmp_path, monkeypatch, step):
    (tmp_path / "claims.jsonl").write_text('{"id":"old"}\n', encoding="utf-8")
    monkeypatch.setattr(f"pipeline.store.files.os.{step}", _full_disk)
    with pytest.raises(OSError, match="No space left"), RecordWriter(tmp_path, FILES) as writer:
        writer.write({"claim": [{"id": "new"}]})
    monkeypatch.undo()
    assert (tmp_path / "claims.jsonl").read_text(encoding="utf-8") == '{"id":"old"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl"]

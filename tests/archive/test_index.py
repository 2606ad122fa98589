"""The archive index end to end: two invented articles run, indexed, queried, exported, rebuilt."""

from __future__ import annotations

import json
import sqlite3

import pytest

from pipeline.archive.export import export_tables
from pipeline.archive.index import INDEX_FILE, open_index, update_index
from pipeline.archive.queries import checks, search, trace

HARBOUR = """The harbour authority in Castelmar closed the northern pier on March 3, 2021.[1] “We had no choice but to close it,” said Marta Kovalenko, the port director.[2] Shipping resumed later.

Notes

[1] Lena Ortiz, “Castelmar Pier Closed After Storm Damage,” Reuters, March 4, 2021, https://www.reuters.com/world/castelmar-pier-closed/.

[2] Daniel Weiss, “Port Chief Defends Pier Closure,” Harbor Times, March 5, 2021.
"""
STORM = """Storm damage forced the closure of the northern pier in Castelmar in early March 2021.[1] “The pier will reopen when it is safe,” said Marta Kovalenko.[2] On March 10, 2021, her deputy Pavel Kovalenko disagreed with the decision in public.[3]

Notes

[1] Lena Ortiz, “Castelmar Pier Closed After Storm Damage,” Reuters, March 4, 2021, https://reuters.com/world/castelmar-pier-closed?utm_source=feed.

[2] Interview with the author, April 2021.

[3] Omar Haddad, “Deputy Questions Pier Decision,” Coastal Wire, February 2, 2021.
"""


@pytest.fixture
def archive(tmp_path, run_cli):
    """An output folder of the two articles, indexed; returns the folder."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (inputs / "storm.txt").write_text(STORM, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(inputs), "-o", str(out), "-q").returncode == 0
    assert run_cli("index", str(out)).returncode == 0
    return out


def _records(out, name):
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


def _answers(out) -> str:
    with open_index(out) as db:
        return json.dumps([search(db, "pier"), trace(db, "Reuters"), trace(db, "Marta Kovalenko"), checks(db)], sort_keys=True)


def test_the_same_story_cited_twice_is_one_work(archive):
    with open_index(archive) as db:
        kind, rows = trace(db, "https://reuters.com/world/castelmar-pier-closed")
        works = db.execute("SELECT work_id, documents, citations FROM works WHERE title LIKE 'Castelmar Pier%'").fetchall()
    assert kind == "url"
    assert {r["source_path"].rsplit("/", 1)[-1] for r in rows} == {"harbour.txt", "storm.txt"}
    assert len(works) == 1 and works[0][1:] == (2, 2)


def test_the_same_person_quoted_twice_is_one_entity_and_namesakes_stay_apart(archive):
    with open_index(archive) as db:
        kind, quotes = trace(db, "Marta Kovalenko")
        people = db.execute("SELECT name, documents FROM archive_entities WHERE name LIKE '%Kovalenko'").fetchall()
    assert kind == "person"
    assert {q["source_path"].rsplit("/", 1)[-1] for q in quotes} == {"harbour.txt", "storm.txt"}
    assert len({q["archive_entity_id"] for q in quotes}) == 1
    assert ("Marta Kovalenko", 2) in people
    assert "Pavel Kovalenko" in {name for name, _ in people}


def test_search_results_are_records_of_the_jsonl(archive):
    claims = {c["id"]: c for c in _records(archive, "claims.jsonl")}
    with open_index(archive) as db:
        rows = search(db, "northern pier")
    found = [r for r in rows if r["kind"] == "claim"]
    assert len(found) == 2
    for row in found:
        assert "northern" in claims[row["id"]]["text"] and "pier" in claims[row["id"]]["text"]
    with open_index(archive) as db:
        assert search(db, '"AND OR NOT*') == []


def test_checks_flag_what_the_records_say(archive):
    claims = _records(archive, "claims.jsonl")
    with open_index(archive) as db:
        found = checks(db)
    assert {r["claim_id"] for r in found["unsupported"]} == {c["id"] for c in claims if c["support"] == "none"}
    before = found["source-before-event"]
    assert [(r["source_date"], r["days"]) for r in before] == [("2021-02-02", 36)]
    assert "Pavel Kovalenko" in before[0]["claim"]


def test_an_update_is_incremental_and_equals_a_rebuild(archive, tmp_path, run_cli):
    answers = _answers(archive)
    assert update_index(archive).unchanged == 2
    (tmp_path / "in" / "storm.txt").write_text(STORM.replace("in public", "at a meeting"), encoding="utf-8")
    (tmp_path / "in" / "third.txt").write_text(HARBOUR.replace("northern", "southern"), encoding="utf-8")
    ran = run_cli("run", str(tmp_path / "in"), "-o", str(archive))
    assert ran.returncode == 0 and "(2 added, 0 replaced, 1 removed)" in ran.stdout  # a changed text is a new document
    assert update_index(archive).unchanged == 3
    updated = _answers(archive)
    assert updated != answers
    (archive / INDEX_FILE).unlink()
    assert update_index(archive).rebuilt
    assert _answers(archive) == updated


def test_exports_load_in_pandas_and_duckdb(archive, tmp_path):
    pandas = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    with open_index(archive) as db:
        csv_files = export_tables(db, tmp_path / "csv", "csv")
        parquet_files = export_tables(db, tmp_path / "parquet", "parquet")
    assert {p.stem for p in csv_files} == {p.stem for p in parquet_files}
    pairs = pandas.read_csv(tmp_path / "csv" / "claim_source.csv")
    assert len(pairs) == len(pandas.read_parquet(tmp_path / "parquet" / "claim_source.parquet"))
    assert pandas.to_datetime(pairs["date_first"]).notna().all()
    con = duckdb.connect()
    sources = con.execute(f"SELECT count(*), count(DISTINCT work_id) FROM '{tmp_path / 'parquet' / 'sources.parquet'}'").fetchone()
    assert sources[0] > sources[1] >= 1
    claims = con.execute(f"SELECT count(*) FROM read_csv_auto('{tmp_path / 'csv' / 'claims.csv'}')").fetchone()[0]
    assert claims == len(_records(archive, "claims.jsonl"))
    assert not list((tmp_path / "csv").glob(".*.tmp"))


def test_a_damaged_index_is_rebuilt(archive):
    answers = _answers(archive)
    (archive / INDEX_FILE).write_bytes(b"not a database")
    assert update_index(archive).rebuilt
    assert _answers(archive) == answers


def test_archive_commands(archive, run_cli):
    searched = run_cli("search", str(archive), "pier", "--json")
    assert searched.returncode == 0 and {r["kind"] for r in json.loads(searched.stdout)} >= {"claim", "source"}
    traced = run_cli("trace", str(archive), "Harbor Times")
    assert traced.returncode == 0 and "harbour.txt" in traced.stdout
    assert "nothing in the archive matches" in run_cli("trace", str(archive), "Nobody Atall").stdout
    checked = run_cli("check", str(archive), "--only", "source-before-event")
    assert checked.returncode == 1 and checked.stdout.startswith("source-before-event: 1")
    exported = run_cli("export", str(archive))
    assert exported.returncode == 0 and (archive / "export" / "claim_source.csv").is_file()


@pytest.mark.parametrize("command", [("search", "pier"), ("trace", "Reuters"), ("check",), ("export",)])
def test_commands_without_an_index_say_how_to_build_it(tmp_path, run_cli, command):
    result = run_cli(command[0], str(tmp_path), *command[1:])
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path}: no archive index; build it with: ctc-pipeline index {tmp_path}"


def test_index_of_a_folder_that_is_not_an_output_folder(tmp_path, run_cli):
    result = run_cli("index", str(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "not an output folder" in result.stderr
    assert not (tmp_path / INDEX_FILE).exists()


def test_the_index_is_read_only_for_queries(archive):
    with open_index(archive) as db, pytest.raises(sqlite3.OperationalError):
        db.execute("DELETE FROM claims")


def test_a_run_into_an_indexed_folder_updates_the_index(archive, tmp_path, run_cli):
    (tmp_path / "in" / "third.txt").write_text(HARBOUR.replace("northern", "western"), encoding="utf-8")
    result = run_cli("run", str(tmp_path / "in"), "-o", str(archive))
    assert result.returncode == 0 and "index      " in result.stdout and "(1 added, 0 replaced, 0 removed)" in result.stdout
    with open_index(archive) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 3

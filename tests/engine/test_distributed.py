"""Runs on a Dask cluster (:mod:`pipeline.engine.distributed`): the same bytes as a local run, a
client killed mid-run resumed without duplicates, a worker killed mid-run losing nothing, and a
separately started ``dask scheduler`` / ``dask worker`` pair driven as the README says."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.contract.validate import validate_outdir
from pipeline.engine.batch import run
from pipeline.engine.distributed import SchedulerError, connect, local_worker_config, local_workers

pytest.importorskip("dask.distributed")

ARTICLE = ("Officials in Port {i} said the ferry was delayed at dawn.[1] The harbour reopened later.\n\n"
           "[1] Ana Ruiz, “Ferry Delayed in Port {i},” Coastal Wire, May {day}, 2019.\n")


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"article-{i:03d}.txt").write_text(ARTICLE.format(i=i, day=1 + i % 28), encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".jsonl"}


@pytest.mark.parametrize(("scheduler", "workers"), [("local", os.cpu_count() or 1), ("local:3", 3), ("tcp://h:1", None)])
def test_local_workers(scheduler, workers):
    assert local_workers(scheduler) == workers


@pytest.mark.parametrize(("scheduler", "message"), [
    ("local:0", "needs 1 or more workers"),
    ("somewhere", "give a scheduler address"),
])
def test_bad_schedulers_are_refused_in_one_line(scheduler, message):
    with pytest.raises(SchedulerError, match=message), connect(scheduler):
        pass


def test_local_workers_keep_glibc_memory_trimming_and_run_no_profiler():
    pytest.importorskip("distributed")
    config = local_worker_config()
    assert "MALLOC_TRIM_THRESHOLD_" not in config["distributed.nanny.pre-spawn-environ"]
    assert config["distributed.nanny.pre-spawn-environ"]["OMP_NUM_THREADS"] == 1  # Dask's other settings stay
    assert config["distributed.worker.profile.enabled"] is False


def test_cluster_output_is_byte_identical_to_local_and_workers(tmp_path, blank_nlp):
    corpus = _corpus(tmp_path / "in", 6)
    run(blank_nlp, [corpus], tmp_path / "local")
    run(blank_nlp, [corpus], tmp_path / "forked", workers=2)
    summary = run(blank_nlp, [corpus], tmp_path / "cluster", scheduler="local:2", model="blank:en", batch_size=1)
    assert summary.documents == 6 and not summary.errors
    assert _files(tmp_path / "cluster") == _files(tmp_path / "local") == _files(tmp_path / "forked")
    again = run(blank_nlp, [corpus], tmp_path / "cluster", scheduler="local:2", model="blank:en")
    assert (again.documents, again.skipped) == (0, 6)


def _cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, **kwargs)


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_client_killed_mid_run_resumes_without_duplicates(tmp_path, blank_nlp):
    corpus = _corpus(tmp_path / "in", 30)
    out = tmp_path / "out"
    client = _cli("run", str(corpus), "-o", str(out), "--model", "blank:en", "--scheduler", "local:2", "--batch-size", "1", "-q")
    try:
        assert _wait_for(lambda: len(list((out / ".parts").glob("*.jsonl"))) >= 2, 240), client.stderr.read1().decode()
    finally:
        os.killpg(client.pid, signal.SIGKILL)
        client.wait()
    resumed = run(blank_nlp, [corpus], out, scheduler="local:2", model="blank:en")
    assert resumed.skipped >= 2 and resumed.documents + resumed.skipped == 30
    run(blank_nlp, [corpus], tmp_path / "local")
    assert _files(out) == _files(tmp_path / "local")
    assert validate_outdir(out)[1] == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dask_pair(tmp_path):
    """A ``dask scheduler`` and a ``dask worker`` (2 processes) started as the README says."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = [subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                 "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    started.append(subprocess.Popen([sys.executable, "-m", "dask", "worker", address, "--nworkers", "2", "--nthreads", "1",
                                     "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    start_new_session=True, cwd=tmp_path))
    try:
        yield address
    finally:
        for process in reversed(started):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_a_separate_scheduler_and_a_worker_killed_mid_run_lose_nothing(tmp_path, blank_nlp, dask_pair):
    from dask.distributed import Client

    with Client(dask_pair, timeout="60s") as client:
        client.wait_for_workers(2, timeout=120)
        pids = list(client.run(os.getpid).values())
    corpus = _corpus(tmp_path / "in", 16)
    out = tmp_path / "out"

    def kill_one_worker() -> None:
        if _wait_for(lambda: (out / ".parts").is_dir() and any((out / ".parts").glob("*.jsonl")), 240):
            os.kill(pids[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_one_worker)
    killer.start()
    summary = run(blank_nlp, [corpus], out, scheduler=dask_pair, model="blank:en", batch_size=1)
    killer.join()
    assert summary.documents == 16 and not summary.errors
    run(blank_nlp, [corpus], tmp_path / "local")
    assert _files(out) == _files(tmp_path / "local")

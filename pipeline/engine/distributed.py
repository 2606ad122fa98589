"""Documents on a Dask cluster: the same results as :func:`pipeline.engine.batch.run` computes here.

``--scheduler tcp://HOST:PORT`` connects to a running Dask distributed scheduler;
``--scheduler local[:N]`` starts a ``LocalCluster`` of N single-threaded worker processes on this
machine (default: the number of cores). The client (this process) reads the inputs — it must hash
them to skip what the output folder already holds — and sends each document's text to a worker, one task each;
the worker builds the pipeline once (from the model name; spaCy pipelines with a CRF tagger do not
pickle) and sends back plain records, which the client commits to the store, the only writer. Two
tasks per worker are in flight and at most eight held, so memory stays flat and no worker waits
for a slow document at the head; results are committed in input order.
A task whose worker dies is retried once on another (Dask's ``retries``); if it fails again, its
document becomes an error record (stage ``worker``) and the run goes on. Needs the
``dask`` extra: ``pip install "ctc-pipeline[dask]"``.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from ..ingest.read import SourceDocument
from .process import batches, failed_result, process_batch

IN_FLIGHT_PER_WORKER = 2
HELD_PER_WORKER = 8
_LOADED: dict[str, object] = {}
"""The pipelines this worker process has built, by model name."""


class SchedulerError(Exception):
    """The scheduler cannot be used as given; the message says what to do."""


def _worker_batch(model: str, batch: list[SourceDocument], info: dict) -> list:
    """One batch on a worker: its pipeline, built on first use, over ``batch``."""
    if model not in _LOADED:
        from .build import build_pipeline

        _LOADED[model] = build_pipeline(model)
    return process_batch(_LOADED[model], batch, info)


def local_worker_config() -> dict:
    """Dask settings for a local cluster's workers: glibc's own threshold for trimming freed
    memory (Dask's 64 KiB made the pipeline about 11% slower per document) and no statistical
    profiler sampling the task thread."""
    import dask

    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ").items() if k != "MALLOC_TRIM_THRESHOLD_"}
    return {"distributed.nanny.pre-spawn-environ": environ, "distributed.worker.profile.enabled": False}


def local_workers(scheduler: str) -> int | None:
    """N of ``local[:N]`` (the number of cores for ``local``); ``None`` for a scheduler address."""
    match = re.fullmatch(r"local(?::(\d+))?", scheduler)
    if not match:
        return None
    workers = int(match.group(1) or os.cpu_count() or 1)
    if workers < 1:
        raise SchedulerError(f"--scheduler {scheduler}: a local cluster needs 1 or more workers")
    return workers


@contextmanager
def connect(scheduler: str) -> Iterator[object]:
    """A Dask ``Client`` of ``scheduler`` (module docstring), closed (with its local cluster) on exit."""
    try:
        import dask
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise SchedulerError('--scheduler needs Dask: pip install "ctc-pipeline[dask]"') from None
    workers = local_workers(scheduler)
    if workers is None and not re.match(r"^(?:tcp|tls|inproc|ws|wss)://", scheduler):
        raise SchedulerError(f"--scheduler {scheduler}: give a scheduler address (tcp://HOST:PORT) or local[:N]")
    cluster = None
    try:
        if workers is not None:
            with dask.config.set(local_worker_config()):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="10s")
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise SchedulerError(f"--scheduler {scheduler}: cannot connect ({err})") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _failed(batch: list[SourceDocument], error: BaseException) -> list:
    message = f"lost on the cluster twice ({type(error).__name__}: {error})"
    return [failed_result(s, "worker", type(error).__name__, message) for s in batch]


def cluster_results(client, model: str, sources: Iterator[SourceDocument], info: dict) -> Iterator[list]:
    """Results of ``sources``, one task per document, in input order, computed on
    ``client``'s workers: :data:`IN_FLIGHT_PER_WORKER` tasks per worker are running at any time,
    a new one submitted as soon as any finishes, so a slow batch at the head keeps no worker idle;
    finished results wait for their turn (at most :data:`HELD_PER_WORKER` tasks per worker)."""
    from dask.distributed import wait

    workers = max(1, len(client.nthreads()))
    todo = batches(sources, 1)
    window: deque[tuple[list[SourceDocument], object]] = deque()  # submitted, not yet yielded, in input order
    exhausted = False
    try:
        while True:
            running = [future for _, future in window if not future.done()]
            while not exhausted and len(running) < IN_FLIGHT_PER_WORKER * workers and len(window) < HELD_PER_WORKER * workers:
                batch = next(todo, None)
                if batch is None:
                    exhausted = True
                    break
                window.append((batch, client.submit(_worker_batch, model, batch, info, retries=1, pure=False)))
                running.append(window[-1][1])
            while window and window[0][1].done():
                yield _result(*window.popleft())
            if not window and exhausted:
                return
            if window and not window[0][1].done():
                wait(running, return_when="FIRST_COMPLETED")
    finally:
        for _, future in window:
            future.cancel()


def _result(batch: list[SourceDocument], future) -> list:
    try:
        return future.result()
    except Exception as err:  # noqa: BLE001 - a worker lost twice (KilledWorker) or a batch the handler could not keep
        return _failed(batch, err)

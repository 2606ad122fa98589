"""Running the pipeline over a batch of inputs into a resumable output folder.

Inputs stream from disk one document at a time through :func:`process_batch`, in this process or
in ``workers`` forked worker processes that each hold the pipeline and send back plain records;
every ``batch_size`` finished documents are committed to the store (:mod:`pipeline.store`) as a
part, so memory stays flat and an interrupted run keeps what it finished. A document whose path and SHA-256 are already
in the output is skipped unless ``force``; a changed file replaces its old records. A document
that cannot be read, or fails in a stage, becomes a record in ``errors.jsonl`` (schema version,
path, stage, error class, message) and the others go on.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import multiprocessing.connection
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from ..ingest.read import (
    STDIN,
    InputError,
    SourceDocument,
    collect_inputs,
    make_document,
    read_bytes,
    source_name,
)
from ..store.folder import Store
from .distributed import cluster_results, connect
from .doc_records import layout_rules, pipeline_info
from .process import batches, error_record, failed_result, process_batch

BYTES_PER_CHAR = 16
"""An input file may hold this many bytes per character of the ``max_chars`` limit (room for a
web page's markup); a larger file is refused from its size, before it is read."""
MAX_PARTS = 200  # parts are folded into the main files before the merge would hold too many files open
log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    """What a run did, and what its folder holds after it, for the summary table (:meth:`lines`),
    ``--summary-json`` (:meth:`as_dict`) and the exit status."""

    documents: int = 0
    skipped: int = 0
    not_read: int = 0
    notes_not_found: list[str] = field(default_factory=list)
    words: int = 0
    claims: Counter = field(default_factory=Counter)
    footnotes: int = 0
    sources: int = 0
    extracted: Counter = field(default_factory=Counter)
    problems: int = 0
    errors: list[dict] = field(default_factory=list)
    succeeded: set[str] = field(default_factory=set)
    set_aside: list[Path] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    in_folder: int = 0
    failed_in_folder: int = 0

    def count(self, records: dict[str, list[dict]], source: SourceDocument) -> None:
        """Add one written document's records to the tallies."""
        self.documents += 1
        self.words += len(source.text.split())
        self.claims.update(c["support"] for c in records["claim"])
        self.footnotes += len(records["footnote"])
        self.sources += sum(len(f["sources"]) for f in records["footnote"])
        self.extracted.update({kind: len(records[kind]) for kind in ("quote", "date", "entity")})
        self.problems += len(records["document"][0]["problems"])
        self.succeeded.add(source.source_path)
        if any(p["code"] == "notes-not-found" for p in records["document"][0]["problems"]):
            self.notes_not_found.append(source.source_path)

    @property
    def failures(self) -> list[str]:
        return [f"{e['source_path']}: {e['message']}" if not e["message"].startswith(e["source_path"]) else e["message"]
                for e in self.errors]

    def lines(self) -> list[str]:
        support = ", ".join(f"{k} {self.claims[k]}" for k in ("direct", "inherited"))
        rate = self.words / self.seconds if self.seconds else 0.0
        return [
            f"documents  {self.documents} new / {self.in_folder} in the folder",
            f"skipped    {self.skipped} (already in the output)",
            f"not read   {self.not_read} (files in the folders given that are not .txt, .md or .html, or hidden)",
            f"claims     {sum(self.claims.values())} ({support}, unsupported {self.claims['none']})",
            f"footnotes  {self.footnotes}",
            f"sources    {self.sources}",
            f"quotes     {self.extracted['quote']}",
            f"dates      {self.extracted['date']}",
            f"entities   {self.extracted['entity']}",
            f"problems   {self.problems}",
            *([(f"no notes   {len(self.notes_not_found)} (markers but no notes found: {', '.join(self.notes_not_found[:3])}"
               f"{', …' if len(self.notes_not_found) > 3 else ''})")] if self.notes_not_found else []),
            f"failed     {len(self.errors)} / {self.failed_in_folder} in the folder",
            f"words/s    {rate:,.0f}",
        ]

    def as_dict(self, outdir: Path) -> dict:
        """The summary as plain data; the README's "Summary JSON" lists the keys."""
        return {
            "output": str(outdir),
            "interrupted": self.interrupted,
            "documents": self.documents,
            "documents_in_folder": self.in_folder,
            "skipped": self.skipped,
            "not_read": self.not_read,
            "claims": {"direct": self.claims["direct"], "inherited": self.claims["inherited"], "unsupported": self.claims["none"]},
            "footnotes": self.footnotes,
            "sources": self.sources,
            "quotes": self.extracted["quote"],
            "dates": self.extracted["date"],
            "entities": self.extracted["entity"],
            "problems": self.problems,
            "notes_not_found": self.notes_not_found,
            "failed": [{"source_path": e["source_path"], "stage": e["stage"], "message": e["message"]} for e in self.errors],
            "failed_in_folder": self.failed_in_folder,
            "words": self.words,
            "seconds": round(self.seconds, 3),
        }


class Progress:
    """Progress per document on stderr, silent if ``quiet``: on a terminal a tqdm bar (rate, ETA,
    failures so far, and the file in hand: the one handed to the pipeline, or the latest done, so a
    slow document is named while it runs); elsewhere a log line every ``every`` documents (a tenth of
    the work by default) or ``seconds``, with the elapsed time and the ETA."""

    def __init__(self, total: int, quiet: bool, every: int | None = None, seconds: float = 30.0):
        self.total, self.done, self.failed, self.quiet = total, 0, 0, quiet
        self.every, self.seconds = every or max(1, total // 10), seconds
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)
        self.start = self.logged = time.perf_counter()

    def working_on(self, name: str) -> None:
        """The input ``name`` goes to the pipeline now. Ignored from another thread: the feeder of
        the worker pool hands documents over ahead of their processing."""
        if self.bar is not None and threading.current_thread() is threading.main_thread():
            self.bar.set_postfix_str(f"{self.failed} failed, {Path(name).name[-40:]}")

    def advance(self, name: str, failed: bool = False) -> None:
        """One more input done: ``name`` its source path, ``failed`` whether it became an error."""
        self.done += 1
        self.failed += failed
        now = time.perf_counter()
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.failed} failed, {Path(name).name[-40:]}", refresh=False)
            self.bar.update()
        elif not self.quiet and (self.done % self.every == 0 or self.done == self.total or now - self.logged >= self.seconds):
            self.logged = now
            elapsed = now - self.start
            eta = elapsed / self.done * (self.total - self.done)
            log.info(f"processed {self.done}/{self.total} documents, {self.failed} failed, "
                     f"{_clock(elapsed)} elapsed, ETA {_clock(eta)} ({self.done / max(elapsed, 1e-9):.2f} documents/s)")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _clock(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{second:02d}"


def _sources(files: list[Path], store_index, force: bool, max_chars: int, layout: dict | None,
             summary: RunSummary, progress: Progress, fmt: str | None, published: str | None) -> Iterator[SourceDocument]:
    """Every input still to process; skips and read failures go to ``summary``. ``fmt`` is the
    format of standard input; ``published`` the publication date of every document. A file is
    named by its resolved path (absolute, symlinks followed), and read once however often given."""
    seen: set[str] = set()
    for given in files:
        path = given if given == STDIN else given.resolve()
        name, sha256 = source_name(path), None
        if name in seen:
            progress.advance(name)
            continue
        seen.add(name)
        try:
            data = read_bytes(path, BYTES_PER_CHAR * max_chars)
            name, sha256 = source_name(path, data), hashlib.sha256(data).hexdigest()
            if not force and store_index.has(name, sha256):
                summary.skipped += 1
                summary.succeeded.add(name)
                progress.advance(name)
                continue
            source = make_document(data, name, max_chars, layout, fmt if path == STDIN else None, published)
        except InputError as err:
            summary.errors.append(error_record(name, "ingest", "InputError", str(err), sha256))
            progress.advance(name, failed=True)
            continue
        progress.working_on(source.source_path)
        yield source


_WORKER: tuple[Language, dict] | None = None
"""The pipeline a forked worker process inherits from the run that started it."""


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the run, which stops them (no traceback from each worker), and
    end at once on the SIGTERM it stops them with."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _worker_document(source: SourceDocument) -> list:
    nlp, info = _WORKER
    return process_batch(nlp, [source], info)


class _Worker:
    """A forked process that holds the pipeline and processes one document per request."""

    def __init__(self, context, nlp: Language, info: dict):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, nlp, info), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


def _serve(connection, nlp: Language, info: dict) -> None:
    _ignore_interrupts()
    while (source := connection.recv()) is not None:
        connection.send(process_batch(nlp, [source], info)[0])


def _timed_results(nlp: Language, batches: Iterator[list[SourceDocument]], workers: int, info: dict,
                   seconds: float) -> Iterator[list]:
    """Results of each batch, in input order, from ``workers`` forked processes that each get
    one document at a time; a document still running after ``seconds`` has its worker killed
    (whatever it is doing, compiled code included), becomes a failure, and a fresh worker
    takes its place."""
    context = multiprocessing.get_context("fork")
    idle = [_Worker(context, nlp, info) for _ in range(workers)]
    busy: dict[_Worker, tuple[int, SourceDocument, float]] = {}
    try:
        for batch in batches:
            results: list = [None] * len(batch)
            waiting = list(enumerate(batch))
            while waiting or busy:
                while waiting and idle:
                    worker, (i, source) = idle.pop(), waiting.pop(0)
                    worker.connection.send(source)
                    busy[worker] = (i, source, time.monotonic() + seconds)
                soonest = min(deadline for _, _, deadline in busy.values())
                ready = multiprocessing.connection.wait([w.connection for w in busy], max(0.0, soonest - time.monotonic()))
                for worker in list(busy):
                    i, source, deadline = busy[worker]
                    healthy = worker.connection in ready
                    if healthy:
                        try:
                            results[i] = worker.connection.recv()
                        except EOFError:
                            healthy = False
                            results[i] = failed_result(source, "worker", "WorkerError", "the worker processing it ended unexpectedly")
                    elif time.monotonic() >= deadline:
                        results[i] = failed_result(source, "timeout", "TimeoutError", f"timed out after {seconds:g} s")
                    else:
                        continue
                    del busy[worker]
                    if not healthy:
                        worker.stop()
                        worker = _Worker(context, nlp, info)
                    idle.append(worker)
            yield results
    finally:
        for worker in [*idle, *busy]:
            worker.stop()


def _results(nlp: Language, sources: Iterator[SourceDocument], workers: int, info: dict,
             timeout: float | None = None, cluster: tuple[object, str] | None = None) -> Iterator[list]:
    """The result of each document, alone and in input order: here, or in ``workers`` forked
    processes. One document at a time lets progress move per document and spreads the documents
    over the workers whatever the batch size; it costs no speed (spaCy gains nothing from
    batching documents of article length) and holds less memory. With a ``timeout`` the
    documents always go to forked workers, as many at a time as there are workers. On a Dask
    ``cluster`` (its client and the model name its workers build), one document per task too."""
    if cluster is not None:
        yield from cluster_results(*cluster, sources, info)
        return
    if timeout is not None:
        yield from _timed_results(nlp, batches(sources, workers), workers, info, timeout)
        return
    if workers == 1:
        yield from (process_batch(nlp, [source], info) for source in sources)
        return
    global _WORKER
    _WORKER = (nlp, info)
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts) as pool:
            yield from pool.imap(_worker_document, sources)
    finally:
        _WORKER = None


@contextmanager
def _loaded_objects_frozen() -> Iterator[None]:
    """Everything allocated so far (the loaded pipeline: model, vocabulary, rule data) moved out
    of the garbage collector's generations for the run, so that its full collections do not walk
    it again and again (and forked workers do not write to its pages by walking it)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run(
    nlp: Language,
    paths: list[Path],
    outdir: Path,
    batch_size: int = 8,
    workers: int = 1,
    force: bool = False,
    max_chars: int = 1_000_000,
    quiet: bool = True,
    wait: bool = False,
    fmt: str | None = None,
    published: str | None = None,
    timeout: float | None = None,
    scheduler: str | None = None,
    model: str | None = None,
) -> RunSummary:
    """Process ``paths`` (files, folders, globs, ``-``) into ``outdir``; see the module docstring.
    ``fmt`` (``txt``, ``md``, ``html``) is the format of standard input (sniffed when not given);
    ``published`` (ISO) the publication date of every document, over what they say themselves;
    ``timeout``: seconds a document may take before it becomes a failure (``None``: no limit).

    The run holds the folder's lock throughout (``wait``: wait for another run to end instead of
    refusing). Ctrl-C or SIGTERM stops it: the documents in flight are dropped, finished ones are
    merged, and the summary says ``interrupted``. With ``scheduler`` (an address or ``local[:N]``),
    documents run on a Dask cluster whose workers build ``model`` (:mod:`.distributed`)."""
    if scheduler and model is None:
        raise ValueError("run(scheduler=...) needs the name of the model its workers build")
    not_read: list[Path] = []
    files = collect_inputs(paths, not_read, exclude=outdir)
    store = Store(outdir)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        with store.lock(wait), _loaded_objects_frozen(), (connect(scheduler) if scheduler else nullcontext()) as client:
            cluster = (client, model) if scheduler else None
            if cluster is not None:
                workers = max(1, len(client.nthreads()))  # spreads the documents over the cluster's workers
            summary = _run_locked(nlp, files, store, batch_size, workers, force, max_chars, quiet, fmt, published, timeout, cluster)
            summary.not_read = len(not_read)
            summary.in_folder, summary.failed_in_folder = len(store.index().home), len(store.errors())
            return summary
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_locked(nlp: Language, files: list[Path], store: Store, batch_size: int, workers: int, force: bool,
                max_chars: int, quiet: bool, fmt: str | None, published: str | None, timeout: float | None,
                cluster: tuple[object, str] | None = None) -> RunSummary:
    started = time.perf_counter()
    run_time = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    summary = RunSummary()
    store.clear_unfinished()
    summary.set_aside = store.set_aside_damaged_parts()
    index = store.index()
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    info = pipeline_info(nlp)
    progress = Progress(len(files), quiet)
    pending: list[dict] = []
    pending_documents: list[dict] = []

    def commit() -> None:
        if pending_documents:
            part = store.commit(pending)
            for record in pending_documents:
                index.add(record, part.name)
            if len(store.part_files()) >= MAX_PARTS:
                store.merge(index, store.current_errors(index, stamped(), summary.succeeded))
                index.home = dict.fromkeys(index.home, "")
        pending.clear()
        pending_documents.clear()

    def stamped() -> list[dict]:
        return [{**error, "time": run_time} for error in summary.errors]

    sources = _sources(files, index, force, max_chars, layout_rules(nlp), summary, progress, fmt, published)
    results_of_batches = _results(nlp, sources, workers, info, timeout, cluster)
    try:
        for results in results_of_batches:
            for source, records, failure in results:
                progress.advance(source.source_path, failed=failure is not None)
                if failure is not None:
                    summary.errors.append(failure)
                    continue
                pending.extend(record for kind in records.values() for record in kind)
                pending_documents.extend(records["document"])
                summary.count(records, source)
            if len(pending_documents) >= batch_size:
                commit()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        results_of_batches.close()  # stops the workers now, dropping the batches in flight
    commit()
    progress.close()
    store.merge(index, store.current_errors(index, stamped(), summary.succeeded))
    summary.seconds = time.perf_counter() - started
    return summary

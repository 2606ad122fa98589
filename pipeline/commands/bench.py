"""Benchmark: a full run against bare ``nlp.pipe`` of the same model on the same texts.

Each phase runs in a child process of its own, so load time, run time and peak memory are
measured separately; the phases are interleaved (bare, pipeline, bare, pipeline, … ``repeat``
times) so that a change in the machine's load falls on both, and the figures are medians, the
ratio being the median of each pair's ratio:

- ``bare``: the model loaded, then ``list(nlp.pipe(texts, batch_size=…))``;
- ``pipeline`` with 1 worker, and with ``workers`` if more: :func:`pipeline.engine.batch.run` into
  a fresh output folder (reading, every component, writing);
- with ``scheduler``, the same run on a Dask cluster (``local:N`` starts its cluster inside the
  phase, so its start-up is counted), with its documents/s and speed-up against the run with
  ``workers``.

``ratio_cpu`` is the same ratio of CPU seconds (the phase's process and its workers, user and
system), which other jobs on a shared machine move far less than wall time. Peak memory is the
largest sum of the resident memory of the phase's process and all its descendants (worker processes included), sampled every 50 ms from ``/proc``. ``--docs N`` makes
N distinct documents from the inputs in turn (:func:`variant`: paragraphs shuffled and years moved
on every pass, so neither the texts nor dateparser's cache repeat); the report says how many
input articles they come from. ``growth`` times
every component per 1,000 words on one document made of the first input's body repeated 1, 4,
16 and 64 times, the garbage collector's time apart (its full collections walk the whole heap
and fall in whichever component triggers them). ``pathological`` runs each adversarial input of
:mod:`pipeline.commands.bench_inputs` through the whole pipeline, in this process, at growing
sizes. Figures are reported, never asserted.
"""

from __future__ import annotations

import gc
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..ingest.read import collect_inputs, read_document

_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-2]\d)\b")
_NOTE = re.compile(r"\[\d+\]\s")
COLLECTOR_ROW = "garbage collector"


def variant(text: str, k: int) -> str:
    """The ``k``-th distinct version of an article (``k`` = 0: the article itself): its paragraphs
    before the first endnote shuffled by a generator seeded with ``k``, and every year from 1950 to
    2029 moved on by ``k``, so that the texts and the date expressions dateparser sees all differ."""
    if k == 0:
        return text
    paragraphs = text.rstrip("\n").split("\n\n")
    notes_at = next((i for i, p in enumerate(paragraphs) if i and _NOTE.match(p)), len(paragraphs))
    body, notes = paragraphs[1:notes_at], paragraphs[notes_at:]
    random.Random(k).shuffle(body)
    shifted = "\n\n".join([paragraphs[0], *body, *notes])
    return _YEAR.sub(lambda m: str(int(m.group()) + k), shifted) + "\n"


def make_corpus(paths: list[Path], docs: int, folder: Path) -> tuple[list[Path], int]:
    """``docs`` distinct documents in ``folder``, made from the input articles in turn (each pass
    over them a new :func:`variant`), and how many input articles they come from."""
    texts = [read_document(p).text for p in collect_inputs(paths)]
    made = []
    for i in range(docs):
        path = folder / f"doc-{i:05d}.txt"
        path.write_text(variant(texts[i % len(texts)], i // len(texts)), encoding="utf-8")
        made.append(path)
    return made, min(docs, len(texts))


def _tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB (Linux ``/proc``)."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    pending.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):
            continue
    return total / 1e6


class PeakMemory:
    """Samples the memory of this process tree in a thread; ``peak_mb`` is the largest sum seen."""

    def __enter__(self) -> PeakMemory:
        self.peak_mb, self._done = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            self.peak_mb = max(self.peak_mb, _tree_rss_mb(os.getpid()))

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        self.peak_mb = round(max(self.peak_mb, _tree_rss_mb(os.getpid())), 1)


def _cpu_s() -> float:
    """CPU seconds (user and system) of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _child(phase: str, model: str, folder: str, batch_size: int, workers: int, scheduler: str | None = None) -> dict:
    """One phase, run inside the child process; returns its figures."""
    files = collect_inputs([Path(folder)])
    with PeakMemory() as memory:
        if phase == "bare":
            from ..engine.build import load_model

            start = time.perf_counter()
            nlp = load_model(model)
            loaded = time.perf_counter()
            texts = [read_document(p).text for p in files]
            begin, cpu = time.perf_counter(), _cpu_s()
            for _ in nlp.pipe(texts, batch_size=batch_size):
                pass
        else:
            from ..engine.batch import run
            from ..engine.build import build_pipeline

            start = time.perf_counter()
            nlp = build_pipeline(model)
            loaded = time.perf_counter()
            with tempfile.TemporaryDirectory() as out:
                begin, cpu = time.perf_counter(), _cpu_s()
                run(nlp, [Path(folder)], Path(out), batch_size=batch_size, workers=workers, scheduler=scheduler, model=model)
        ended, cpu = time.perf_counter(), _cpu_s() - cpu
    return {"load_s": loaded - start, "run_s": ended - begin, "cpu_s": cpu, "peak_mb": memory.peak_mb}


def _phase(phase: str, model: str, folder: Path, batch_size: int, workers: int, scheduler: str | None = None) -> dict:
    command = [sys.executable, "-m", "pipeline.commands.bench", phase, model, str(folder), str(batch_size), str(workers),
               scheduler or "-"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def bench(model: str, paths: list[Path], docs: int | None = None, workers: int = 1, batch_size: int = 8,
          repeat: int = 3, scheduler: str | None = None) -> dict:
    """Run the phases (see the module docstring), ``repeat`` interleaved rounds, and return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files, inputs = make_corpus(paths, docs or len(collect_inputs(paths)), folder)
        words = sum(len(read_document(p).text.split()) for p in files)
        bare, one, many, cluster = [], [], [], []
        for _ in range(repeat):
            bare.append(_phase("bare", model, folder, batch_size, 1))
            one.append(_phase("pipeline", model, folder, batch_size, 1))
            if workers > 1:
                many.append(_phase("pipeline", model, folder, batch_size, workers))
            if scheduler:
                cluster.append(_phase("pipeline", model, folder, batch_size, 1, scheduler))
        run_s = _median(one, "run_s")
        report = {
            "documents": len(files),
            "input_articles": inputs,
            "words": words,
            "model": model,
            "batch_size": batch_size,
            "rounds": repeat,
            "model_load_s": round(_median(bare, "load_s"), 3),
            "pipeline_load_s": round(_median(one, "load_s"), 3),
            "bare_nlp_pipe_s": round(_median(bare, "run_s"), 3),
            "pipeline_run_s": round(run_s, 3),
            "ratio": round(statistics.median(p["run_s"] / b["run_s"] for b, p in zip(bare, one, strict=True)), 3),
            "bare_nlp_pipe_cpu_s": round(_median(bare, "cpu_s"), 3),
            "pipeline_run_cpu_s": round(_median(one, "cpu_s"), 3),
            "ratio_cpu": round(statistics.median(p["cpu_s"] / b["cpu_s"] for b, p in zip(bare, one, strict=True)), 3),
            "words_per_s": round(words / run_s),
            "documents_per_s": round(len(files) / run_s, 2),
            "peak_memory_mb": max(r["peak_mb"] for r in one),
            "bare_peak_memory_mb": max(r["peak_mb"] for r in bare),
        }
        if workers > 1:
            report.update({
                f"pipeline_run_s_{workers}_workers": round(_median(many, "run_s"), 3),
                f"speedup_{workers}_workers": round(statistics.median(a["run_s"] / b["run_s"] for a, b in zip(one, many, strict=True)), 2),
                f"peak_memory_mb_{workers}_workers": max(r["peak_mb"] for r in many),
            })
        if scheduler:
            base, name = (many, f"{workers}_workers") if workers > 1 else (one, "1_worker")
            report.update({
                "scheduler": scheduler,
                "pipeline_run_s_scheduler": round(_median(cluster, "run_s"), 3),
                "documents_per_s_scheduler": round(len(files) / _median(cluster, "run_s"), 2),
                f"speedup_scheduler_vs_{name}": round(statistics.median(a["run_s"] / b["run_s"] for a, b in zip(base, cluster, strict=True)), 2),
                "peak_memory_mb_scheduler": max(r["peak_mb"] for r in cluster),
            })
        return report


class CollectorTime:
    """CPU seconds the garbage collector spends while the context is open (``seconds``): a full
    collection walks every live object, so it costs more in a bigger heap, whichever stage
    happens to trigger it."""

    def __init__(self) -> None:
        self.seconds, self._began = 0.0, 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._began = time.process_time()
        else:
            self.seconds += time.process_time() - self._began

    def __enter__(self) -> CollectorTime:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._callback)


def growth(model: str, path: Path, factors: tuple[int, ...] = (1, 4, 16, 64), rounds: int = 2) -> dict[str, dict[str, float]]:
    """CPU milliseconds (this process's, so other jobs on the machine do not count) per 1,000 words
    of every component on one document whose body is ``path``'s body repeated ``factor`` times
    (its endnotes once): {component: {"1x": ms, …}}, the least of ``rounds`` runs of each size (a
    stage of a few milliseconds at 1× is otherwise at the mercy of one timer tick). A component's
    time leaves out the garbage collector's, which is the row :data:`COLLECTOR_ROW` (all
    components together)."""
    from ..engine.build import build_pipeline

    nlp = build_pipeline(model)
    text = read_document(path).text
    notes_at = next((b["start"] for b in nlp(text)._.ctc_blocks if b["kind"] in ("endnotes_heading", "endnote")), len(text))
    body, notes = text[:notes_at].rstrip(), text[notes_at:]
    table: dict[str, dict[str, float]] = {}
    for factor in factors:
        document = "\n\n".join([body] * factor) + "\n\n" + notes
        nlp.max_length = max(nlp.max_length, len(document) + 1)
        words = len(document.split())
        for _ in range(rounds):
            doc = nlp.make_doc(document)
            times = {COLLECTOR_ROW: 0.0}
            for name, component in nlp.pipeline:
                with CollectorTime() as collector:
                    begin = time.process_time()
                    doc = component(doc)
                    spent = time.process_time() - begin
                times[COLLECTOR_ROW] += collector.seconds
                times[name] = spent - collector.seconds
            for name, seconds in times.items():
                row = table.setdefault(name, {})
                row[f"{factor}x"] = min(row.get(f"{factor}x", float("inf")), round(seconds * 1e6 / words, 2))
    return {name: table[name] for name in [*nlp.pipe_names, COLLECTOR_ROW]}


def pathological(model: str, factors: tuple[int, ...] = (1, 4, 16), give_up_s: float = 60.0,
                 names: list[str] | None = None) -> Iterator[dict]:
    """Each input of :data:`~pipeline.commands.bench_inputs.PATHOLOGICAL` at ``factor`` × a
    sixteenth of its issue size, through :func:`pipeline.engine.process.process`: yields one row
    ``{input, size, chars, seconds, cpu_seconds, ms_per_1000_chars, problems, error}`` per run
    (wall-clock and this process's CPU), ``problems``
    being the document's distinct problem codes and ``error`` what it raised. Once a size takes
    longer than ``give_up_s``, the larger ones of that input are not run (``seconds`` is None);
    ``names`` picks some of the inputs."""
    from ..engine.build import build_pipeline
    from ..engine.process import process
    from .bench_inputs import PATHOLOGICAL

    nlp = build_pipeline(model)
    for name, (generate, size) in PATHOLOGICAL.items():
        if names and name not in names:
            continue
        too_slow = False
        for factor in factors:
            n = max(1, size * factor // 16)
            text, fmt = generate(n)
            row = {"input": name, "size": n, "chars": len(text), "seconds": None, "cpu_seconds": None, "ms_per_1000_chars": None,
                   "problems": [], "error": None}
            if too_slow:
                yield row
                continue
            begin, begin_cpu = time.perf_counter(), time.process_time()
            try:
                records = process(text, f"{name}.{fmt}", nlp=nlp, fmt=fmt)
                row["problems"] = sorted({p["code"] for p in records["document"][0]["problems"]})
            except Exception as err:  # noqa: BLE001 - what an input raises is part of the report
                row["error"] = f"{type(err).__name__}: {str(err)[:60]}"
            seconds = time.perf_counter() - begin
            row["seconds"], row["ms_per_1000_chars"] = round(seconds, 3), round(seconds * 1e6 / len(text), 2)
            row["cpu_seconds"] = round(time.process_time() - begin_cpu, 3)
            too_slow = seconds > give_up_s
            yield row


if __name__ == "__main__":
    phase_, model_, folder_, batch_, workers_, scheduler_ = sys.argv[1:7]
    print(json.dumps(_child(phase_, model_, folder_, int(batch_), int(workers_), None if scheduler_ == "-" else scheduler_)))

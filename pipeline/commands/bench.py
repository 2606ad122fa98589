"""Benchmark: a full run against bare ``nlp.pipe`` of the same model on the same texts.

Each phase runs in a child process of its own, so load time, run time and peak memory (the
child's maximum resident set, plus its worker processes') are measured separately:

- ``bare``: ``spacy.load(model)``, then ``list(nlp.pipe(texts, batch_size=…))``;
- ``pipeline`` with 1 worker, and with ``workers`` if more: :func:`pipeline.engine.batch.run` into a fresh
  output folder (reading, every component, writing).

``--docs N`` builds a corpus of N copies of the inputs, each made distinct by a trailing line
(so each has its own ``doc_id``). Figures are reported, never asserted.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..ingest.read import collect_inputs, read_document


def make_corpus(paths: list[Path], docs: int, folder: Path) -> list[Path]:
    """``docs`` copies of the input articles in ``folder``, each with its own trailing line."""
    texts = [read_document(p).text for p in collect_inputs(paths)]
    made = []
    for i in range(docs):
        path = folder / f"copy-{i:05d}.txt"
        path.write_text(texts[i % len(texts)].rstrip("\n") + f"\n\nBenchmark copy {i:05d}\n", encoding="utf-8")
        made.append(path)
    return made


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round((own + workers) / 1024, 1)


def _child(phase: str, model: str, folder: str, batch_size: int, workers: int) -> dict:
    """One phase, run inside the child process; returns its figures."""
    files = collect_inputs([Path(folder)])
    if phase == "bare":
        from ..engine.build import load_model

        start = time.perf_counter()
        nlp = load_model(model)
        loaded = time.perf_counter()
        texts = [read_document(p).text for p in files]
        begin = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        return {"load_s": loaded - start, "run_s": time.perf_counter() - begin, "peak_mb": _peak_mb()}
    from ..engine.batch import run
    from ..engine.build import build_pipeline

    start = time.perf_counter()
    nlp = build_pipeline(model)
    loaded = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        begin = time.perf_counter()
        run(nlp, [Path(folder)], Path(out), batch_size=batch_size, workers=workers)
        return {"load_s": loaded - start, "run_s": time.perf_counter() - begin, "peak_mb": _peak_mb()}


def _phase(phase: str, model: str, folder: Path, batch_size: int, workers: int) -> dict:
    command = [sys.executable, "-m", "pipeline.commands.bench", phase, model, str(folder), str(batch_size), str(workers)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench(model: str, paths: list[Path], docs: int | None = None, workers: int = 1, batch_size: int = 8) -> dict:
    """Run the phases (see the module docstring) and return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_corpus(paths, docs or len(collect_inputs(paths)), folder)
        words = sum(len(read_document(p).text.split()) for p in files)
        bare = _phase("bare", model, folder, batch_size, 1)
        one = _phase("pipeline", model, folder, batch_size, 1)
        report = {
            "documents": len(files),
            "words": words,
            "model": model,
            "batch_size": batch_size,
            "model_load_s": round(bare["load_s"], 3),
            "pipeline_load_s": round(one["load_s"], 3),
            "bare_nlp_pipe_s": round(bare["run_s"], 3),
            "pipeline_run_s": round(one["run_s"], 3),
            "ratio": round(one["run_s"] / bare["run_s"], 3),
            "words_per_s": round(words / one["run_s"]),
            "documents_per_s": round(len(files) / one["run_s"], 2),
            "peak_memory_mb": one["peak_mb"],
            "bare_peak_memory_mb": bare["peak_mb"],
        }
        if workers > 1:
            many = _phase("pipeline", model, folder, batch_size, workers)
            report.update({
                f"pipeline_run_s_{workers}_workers": round(many["run_s"], 3),
                f"speedup_{workers}_workers": round(one["run_s"] / many["run_s"], 2),
                f"peak_memory_mb_{workers}_workers": many["peak_mb"],
            })
        return report


if __name__ == "__main__":
    phase_, model_, folder_, batch_, workers_ = sys.argv[1:6]
    print(json.dumps(_child(phase_, model_, folder_, int(batch_), int(workers_))))

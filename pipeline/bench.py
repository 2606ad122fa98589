"""Benchmark: wall time of a full ``run`` (read, all components, write) against bare ``nlp.pipe``
of the same spaCy model over the same texts, measured in one process, interleaved, median of
``repeat`` rounds after one warm-up. Reports; asserts nothing."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from .build import build_pipeline, load_model
from .ingest import collect_inputs, read_document
from .run import run


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench(model: str, paths: list[Path], repeat: int = 5, batch_size: int = 8) -> dict:
    """Timings and ratio; see the module docstring."""
    texts = [read_document(p).text for p in collect_inputs(paths)]
    load_bare = time.perf_counter()
    bare = load_model(model)
    load_bare = time.perf_counter() - load_bare
    start = time.perf_counter()
    full = build_pipeline(model)
    load_full = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    bare_times, full_times = [], []
    with tempfile.TemporaryDirectory() as out:
        for round_ in range(repeat + 1):
            b = _timed(lambda: list(bare.pipe(texts, batch_size=batch_size)))
            f = _timed(lambda: run(full, paths, Path(out), batch_size=batch_size))
            if round_:
                bare_times.append(b)
                full_times.append(f)
    bare_s, full_s = statistics.median(bare_times), statistics.median(full_times)
    return {
        "documents": len(texts),
        "words": words,
        "model": model,
        "model_load_s": round(load_bare, 3),
        "pipeline_load_s": round(load_full, 3),
        "bare_nlp_pipe_s": round(bare_s, 4),
        "pipeline_run_s": round(full_s, 4),
        "ratio": round(full_s / bare_s, 3),
        "pipeline_words_per_s": round(words / full_s),
        "repeat": repeat,
    }

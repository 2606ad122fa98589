"""The benchmark runs end to end and reports its figures (it asserts no timing)."""

from __future__ import annotations

import pytest

from pipeline.commands import bench as bench_module
from pipeline.commands.bench import (
    COLLECTOR_ROW,
    CollectorTime,
    bench,
    make_corpus,
    variant,
)

ARTICLE = "Officials said the raid failed.[1] Nobody was hurt.\n\n[1] “Raid,” Harbor Wire, May 2, 2019.\n"


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_make_corpus_makes_distinct_documents_with_distinct_years(tmp_path, source):
    out = tmp_path / "out"
    out.mkdir()
    made, inputs = make_corpus([source], 3, out)
    texts = [p.read_text(encoding="utf-8") for p in made]
    assert len(set(texts)) == 3 and texts[0] == ARTICLE and inputs == 1
    assert ["2019" in t for t in texts] == [True, False, False] and "May 2, 2020" in texts[1] and "May 2, 2021" in texts[2]


@pytest.mark.parametrize("k", [1, 2, 7])
def test_a_variant_shuffles_the_body_paragraphs_and_keeps_the_notes_last(k):
    text = "Title\n\nOne in 1990.\n\nTwo.\n\nThree.\n\nFour.\n\n[1] Note, 2001.\n\n[2] Note.\n"
    made = variant(text, k).rstrip("\n").split("\n\n")
    assert made[0] == "Title" and made[-2:] == [f"[1] Note, {2001 + k}.", "[2] Note."]
    assert sorted(made[1:5]) == sorted(["Two.", "Three.", "Four.", f"One in {1990 + k}."])


def test_a_phase_runs_in_a_child_process_and_reports_its_figures(tmp_path, source):
    """One real child process (``python -m pipeline.commands.bench``), as every phase of a benchmark runs."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    make_corpus([source], 2, folder)
    figures = bench_module._phase("pipeline", "blank:en", folder, 2, 1)
    assert set(figures) == {"load_s", "run_s", "cpu_s", "peak_mb"} and all(v > 0 for v in figures.values())


def test_bench_reports_every_figure(source, monkeypatch):
    # each phase in this process instead of a child of its own (the child's side is the test above)
    phases = []

    def in_process(phase, model, folder, batch_size, workers, scheduler=None):
        phases.append((phase, workers))
        return bench_module._child(phase, model, str(folder), batch_size, workers, scheduler)

    monkeypatch.setattr(bench_module, "_phase", in_process)
    report = bench("blank:en", [source], docs=4, workers=2, batch_size=2, repeat=2)
    assert phases == [("bare", 1), ("pipeline", 1), ("pipeline", 2)] * 2  # interleaved rounds
    expected = {"documents", "words", "model_load_s", "pipeline_load_s", "bare_nlp_pipe_s", "pipeline_run_s", "ratio",
                "words_per_s", "documents_per_s", "peak_memory_mb", "speedup_2_workers", "peak_memory_mb_2_workers",
                "bare_nlp_pipe_cpu_s", "pipeline_run_cpu_s", "ratio_cpu"}
    assert expected <= set(report) and report["documents"] == 4 and report["rounds"] == 2 and report["input_articles"] == 1
    assert all(report[k] > 0 for k in ("bare_nlp_pipe_s", "pipeline_run_s", "peak_memory_mb", "pipeline_run_cpu_s", "ratio_cpu"))


def test_bench_times_a_dask_cluster_beside_the_workers(source, monkeypatch):
    pytest.importorskip("dask.distributed")
    phases = []

    def in_process(phase, model, folder, batch_size, workers, scheduler=None):
        phases.append((phase, workers, scheduler))
        return bench_module._child(phase, model, str(folder), batch_size, workers, scheduler)

    monkeypatch.setattr(bench_module, "_phase", in_process)
    report = bench("blank:en", [source], docs=4, workers=2, batch_size=2, repeat=1, scheduler="local:2")
    assert phases == [("bare", 1, None), ("pipeline", 1, None), ("pipeline", 2, None), ("pipeline", 1, "local:2")]
    assert report["scheduler"] == "local:2" and report["documents_per_s_scheduler"] > 0
    assert report["speedup_scheduler_vs_2_workers"] > 0 and report["peak_memory_mb_scheduler"] > 0


def test_growth_times_every_component_at_every_size(tmp_path):
    from pipeline.commands.bench import growth

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    table = growth("blank:en", tmp_path / "a.txt", factors=(1, 2))
    assert {"ctc_segmenter", "ctc_claims", "ctc_linker", COLLECTOR_ROW} <= set(table)
    assert all(set(row) == {"1x", "2x"} and min(row.values()) >= 0 for row in table.values())


def test_the_collector_time_counts_collections_inside_the_context_only():
    import gc

    def cycles() -> None:
        for _ in range(200_000):
            a: list = []
            a.append(a)

    with CollectorTime() as inside:
        cycles()
        gc.collect()
    after = inside.seconds
    cycles()
    gc.collect()
    assert after > 0 and inside.seconds == after


def test_peak_memory_counts_the_children(tmp_path):
    import subprocess
    import sys

    from pipeline.commands.bench import PeakMemory

    with PeakMemory() as alone:
        pass
    with PeakMemory() as with_child:
        subprocess.run([sys.executable, "-c", "import time; x = bytearray(200_000_000); time.sleep(0.5)"], check=True)
    assert with_child.peak_mb > alone.peak_mb + 150


def test_each_pathological_input_grows_with_its_size():
    from pipeline.commands.bench_inputs import PATHOLOGICAL

    for name, (generate, size) in PATHOLOGICAL.items():
        (small, fmt), (large, same) = generate(4), generate(16)
        assert fmt == same and fmt in ("txt", "md", "html") and len(large) > len(small) > 0, name
        assert size >= 16, name


def test_pathological_reports_a_row_per_input_and_size():
    from pipeline.commands.bench import pathological

    rows = list(pathological("blank:en", factors=(1, 2), names=["nested-brackets", "chained-citations"]))
    assert [(r["input"], r["size"]) for r in rows] == [("chained-citations", 25), ("chained-citations", 50),
                                                         ("nested-brackets", 312), ("nested-brackets", 625)]
    assert all(r["error"] is None and r["seconds"] >= 0 and r["cpu_seconds"] >= 0 and r["chars"] > r["size"] for r in rows)

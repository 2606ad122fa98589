"""The benchmark runs end to end and reports its figures (it asserts no timing)."""

from __future__ import annotations

from pipeline.commands.bench import bench, make_corpus

ARTICLE = "Officials said the raid failed.[1] Nobody was hurt.\n\n[1] “Raid,” Harbor Wire, May 2, 2019.\n"


def test_make_corpus_gives_each_copy_its_own_text(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    copies = make_corpus([source], 3, out)
    texts = [p.read_text(encoding="utf-8") for p in copies]
    assert len(set(texts)) == 3 and all(t.startswith(ARTICLE.rstrip("\n")) for t in texts)


def test_bench_reports_every_figure(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    report = bench("blank:en", [source], docs=4, workers=2, batch_size=2)
    expected = {"documents", "words", "model_load_s", "pipeline_load_s", "bare_nlp_pipe_s", "pipeline_run_s", "ratio",
                "words_per_s", "documents_per_s", "peak_memory_mb", "speedup_2_workers", "peak_memory_mb_2_workers"}
    assert expected <= set(report) and report["documents"] == 4
    assert all(report[k] > 0 for k in ("bare_nlp_pipe_s", "pipeline_run_s", "peak_memory_mb"))

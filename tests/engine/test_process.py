"""Every problem code the pipeline can report, through the public API ``pipeline.process``
(:mod:`pipeline.engine.process`) on small invented articles with the rule-only pipeline; and a guard
that fails when the sources emit a code (``problem("…"``) that no test here produces.

Every person, place, outlet and sentence below is invented.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import pipeline
from pipeline.components.doc_text import text_of
from pipeline.contract.schemas import load_schema
from pipeline.engine.process import (
    MAX_PUNCTUATION_RUN,
    MAX_UNBROKEN_CHARS,
    make_doc,
    process_batch,
    tokenize,
)
from pipeline.ingest.read import InputError, SourceDocument
from pipeline.rules.notes import MAX_NOTE_CHARS

PACKAGE = Path(pipeline.__file__).resolve().parent
EMITTED = re.compile(r"\bproblem\(\s*[\"']([a-z][a-z-]*)[\"']")

NOTE = "“Convoy Hit,” Coastal Wire, 2019."
PROBLEM_ARTICLES = {
    # code: (article, every problem code it gives, in document order)
    "marker-without-endnote": (f"Officials said the convoy was attacked.[1] Nobody was hurt.[2]\n\n[1] {NOTE}\n",
                               ["marker-without-endnote"]),
    "notes-not-found": ("Officials said the convoy was attacked.[1] Nobody was hurt.[2]\n", ["notes-not-found"]),
    "endnote-never-cited": (f"The convoy was attacked.[1]\n\n[1] {NOTE}\n\n[2] “Port Closed,” Coastal Wire, 2019.\n",
                            ["endnote-never-cited"]),
    "duplicate-endnote-number": (f"The convoy was attacked.[1]\n\n[1] {NOTE}\n\n[1] “Convoy Hit Again,” Coastal Wire, 2019.\n",
                                 ["duplicate-endnote-number"]),
    "unparsed-endnote": ("The convoy was attacked.[1]\n\n[1] See above.\n", ["unparsed-endnote"]),
    "invalid-date": ("The convoy was attacked.[1]\n\n[1] Ana Ruiz, “Convoy Hit,” Coastal Wire, June 31, 2019.\n", ["invalid-date"]),
    "ibid-without-antecedent": ("The convoy was attacked.[1]\n\n[1] Ibid.\n", ["ibid-without-antecedent"]),
    "ambiguous-ibid": (("The convoy was attacked.[1] The port closed.[2]\n\n[1] Ana Ruiz, “Convoy Hit,” Coastal Wire, May 2, "
                        "2019; Tom Rae, “Port Closed,” Harbor Times, May 3, 2019.\n\n[2] Ibid.\n"), ["ambiguous-ibid"]),
    "short-form-unresolved": ("The convoy was attacked.[1]\n\n[1] Ruiz, “Convoy Hit.”\n", ["short-form-unresolved"]),
    "ambiguous-short-form": (("The convoy was attacked.[1] The port closed.[2] Roads were cut.[3]\n\n[1] Ana Ruiz, “Convoy Hit,” "
                              "Coastal Wire, May 2, 2019.\n\n[2] Tom Rae, “Convoy Hit,” Harbor Times, June 3, 2020.\n\n"
                              "[3] “Convoy Hit.”\n"), ["ambiguous-short-form"]),
    "invalid-marker-range": ((f"The convoy was attacked.[8-6]\n\n[6] {NOTE}\n\n[7] “Port Closed,” Coastal Wire, 2019.\n\n"
                              "[8] “Road Cut,” Coastal Wire, 2019.\n"), ["invalid-marker-range", "endnote-never-cited"]),
    "unbalanced-quote": (f"Lena Marsh said “we will return to the port.[1]\n\nA later paragraph.\n\n[1] {NOTE}\n",
                         ["unbalanced-quote"]),
    "note-too-long": ("The convoy was attacked.[1]\n\n[1] " + " ".join(["Coastal Wire, May 2, 2019."] * (MAX_NOTE_CHARS // 26))
                      + "\n", ["note-too-long"]),
    "notes-beyond-model": (" ".join(f"Talks were held.[{k}-{k + 49}]" for k in range(1, 601, 50)) + "\n\n" + "".join(
        f"[{k}] Ana Ruiz, “Convoy Hit In Port {k},” Coastal Wire, May {k % 28 + 1}, 2019.\n\n" for k in range(1, 601)),
        ["notes-beyond-model"]),
}
MODEL_CODES = {"notes-beyond-model"}
"""Codes only the statistical model's components give: tested with the default pipeline."""


@pytest.mark.parametrize("code", sorted(PROBLEM_ARTICLES))
def test_article_gives_the_problem(request, code):
    text, expected = PROBLEM_ARTICLES[code]
    records = pipeline.process(text, "article.txt", nlp=request.getfixturevalue("model_nlp" if code in MODEL_CODES else "blank_nlp"))
    (document,) = records["document"]
    problems = document["problems"]
    assert [p["code"] for p in problems] == expected
    for found in problems:
        assert found["message"]
        if found["code"] == "notes-not-found":  # about the whole document: no offsets
            assert found["start"] is None and found["end"] is None
        else:
            assert 0 <= found["start"] < found["end"] <= len(document["text"])


def test_a_clean_article_has_no_problems(blank_nlp):
    text = f"The convoy was attacked.[1] Lena Marsh said: “We will return to the port.”[2]\n\n[1] {NOTE}\n\n[2] Ibid.\n"
    assert pipeline.process(text, "article.txt", nlp=blank_nlp)["document"][0]["problems"] == []


def _emitted_codes() -> dict[str, list[str]]:
    """Each code the sources pass to ``problem(…)``, with the files that do."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for code in EMITTED.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(PACKAGE.parent)))
    return found


def test_every_code_the_sources_emit_has_a_test():
    emitted = _emitted_codes()
    assert len(emitted) >= 10, f"the guard no longer finds the problem(...) calls: {sorted(emitted)}"
    untested = {code: files for code, files in emitted.items() if code not in PROBLEM_ARTICLES}
    assert not untested, f"problem codes with no test in PROBLEM_ARTICLES ({__file__}): {untested}"
    assert set(PROBLEM_ARTICLES) <= set(emitted), "a tested code is no longer emitted: drop it from PROBLEM_ARTICLES"


def test_the_schema_lists_exactly_the_emitted_codes():
    schema = load_schema("common")["$defs"]["problem"]["properties"]["code"]["enum"]  # shared by every record
    assert sorted(schema) == sorted(_emitted_codes())


ARTICLE = "A Title For The Test\n\nThe council met in May 2012.[1]\n\n[1] Reuters, May 4, 2012.\n"


def test_process_gives_the_jsonl_records_of_a_text(blank_nlp):
    records = pipeline.process(ARTICLE, "memo.txt", nlp=blank_nlp)
    assert sorted(records) == ["claim", "date", "document", "entity", "footnote", "quote"]
    (claim,) = records["claim"]
    assert claim["footnotes"] == [1] and claim["source_ids"] == [records["footnote"][0]["sources"][0]["id"]]
    assert records["document"][0]["format"] == "text" and records["document"][0]["source_path"] == "memo.txt"


def test_process_reads_bytes_in_the_format_of_the_name(blank_nlp):
    markdown = b"# A Title For The Test\n\nThe council met in May 2012.[^1]\n\n[^1]: Reuters, May 4, 2012.\n"
    records = pipeline.process(markdown, "memo.md", nlp=blank_nlp)
    assert records["document"][0]["format"] == "markdown" and records["claim"][0]["support"] == "direct"


def test_process_refuses_unreadable_input_with_the_reason(blank_nlp):
    with pytest.raises(InputError, match="empty"):
        pipeline.process(b"  \n", "empty.txt", nlp=blank_nlp)


def test_importing_the_package_loads_no_spacy():
    code = "import sys, pipeline; print('spacy' in sys.modules, pipeline.SCHEMA_VERSION == pipeline.__dict__['SCHEMA_VERSION'])"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() == ["False", "True"]


def test_a_batch_reports_the_failing_component_and_keeps_the_others(blank_nlp, monkeypatch):
    component = type(blank_nlp.get_pipe("ctc_claims"))
    original = component.__call__

    def explode(self, doc):
        if "BOOM" in doc.text:
            raise ValueError("cannot cope")
        return original(self, doc)

    monkeypatch.setattr(component, "__call__", explode)
    sources = [SourceDocument(text=t, source_path=f"{i}.txt", sha256="0" * 64, format="text")
               for i, t in enumerate([ARTICLE, "BOOM " + ARTICLE])]
    (good, records, none), (bad, nothing, error) = process_batch(blank_nlp, sources)
    assert none is None and records["claim"] and nothing is None
    assert (error["source_path"], error["stage"], error["error"], error["message"]) == ("1.txt", "ctc_claims", "ValueError", "cannot cope")


UNBROKEN = [
    # (text, tokens the guard must give): a stretch without spaces longer than MAX_UNBROKEN_CHARS
    ("The port closed." + "[1][2-3]" * 40 + " Then it opened.", ["The", "port", "closed", ".", "[1][2-3]" * 40, "Then", "it",
                                                                "opened", "."]),
    ("Port" + "[1]closed[2-3]." * 25 + " Then", ["Port"] + ["[1]", "closed", "[2-3]", "."] * 25 + ["Then"]),
    ("A line: " + "“" * (MAX_PUNCTUATION_RUN + 250) + "\n", ["A", "line", ":", "“" * (MAX_PUNCTUATION_RUN + 250), "\n"]),
    ("x" + "(" * 200 + "y" + ")" * 200 + ".", ["x", "(" * 200, "y", ")" * 200 + "."]),
    ("short “” ((x)) [1][2] stays as the tokenizer makes it.", None),
]


@pytest.mark.parametrize(("text", "tokens"), UNBROKEN)
def test_tokenize_cuts_long_stretches_and_keeps_the_text(blank_nlp, text, tokens):
    doc = tokenize(blank_nlp, text)
    assert doc.text == text
    expected = tokens or [t.text for t in blank_nlp.make_doc(text)]
    assert [t.text for t in doc if not t.is_space or t.text == "\n"] == expected
    assert (len(max(text.split(), key=len)) > MAX_UNBROKEN_CHARS) == (tokens is not None)


@pytest.mark.parametrize(("text", "_"), UNBROKEN)
def test_make_doc_keeps_the_source_text_as_the_doc_text(blank_nlp, text, _):
    """The text the components read (``text_of``) is the source's, never joined from the tokens,
    and it is the document's text."""
    source = SourceDocument(text=text, source_path="kept.txt", sha256="0" * 64, format="text")
    doc = make_doc(blank_nlp, source)
    assert text_of(doc) is source.text
    assert doc.text == source.text


@pytest.mark.parametrize("unit", ["“", '"', "(", "[", "[1]", "<x>", "a.", "”[1]"])
def test_a_long_run_goes_through_the_pipeline(blank_nlp, unit):
    """Adversarial runs of growing size, on which the tokenizer took superlinear time (50,000
    quotation marks took hours), go through the whole rule-only pipeline with their text kept."""
    for size in (50, 500, 5_000, 50_000):
        text = f"The port closed.[1] {unit * size}\n\n[1] {NOTE}\n"
        assert tokenize(blank_nlp, text).text == text
        if size <= 500:
            assert pipeline.process(text, "run.txt", nlp=blank_nlp)["document"][0]["text"] == text

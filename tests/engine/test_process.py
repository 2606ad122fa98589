"""Every problem code the pipeline can report, through the public API ``pipeline.process``
(:mod:`pipeline.engine.process`) on small invented articles with the rule-only pipeline; and a guard
that fails when the sources emit a code (``problem("…"``) that no test here produces.

Every person, place, outlet and sentence below is invented.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import pipeline
from pipeline.contract.schemas import load_schema

PACKAGE = Path(pipeline.__file__).resolve().parent
EMITTED = re.compile(r"\bproblem\(\s*[\"']([a-z][a-z-]*)[\"']")

NOTE = "“Convoy Hit,” Coastal Wire, 2019."
PROBLEM_ARTICLES = {
    # code: (article, every problem code it gives, in document order)
    "marker-without-endnote": ("Officials said the convoy was attacked.[1] Nobody was hurt.\n", ["marker-without-endnote"]),
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
    "invalid-marker-range": ((f"The convoy was attacked.[8-6]\n\n[6] {NOTE}\n\n[7] “Port Closed,” Coastal Wire, 2019.\n\n"
                              "[8] “Road Cut,” Coastal Wire, 2019.\n"), ["invalid-marker-range", "endnote-never-cited"]),
    "unbalanced-quote": (f"Lena Marsh said “we will return to the port.[1]\n\nA later paragraph.\n\n[1] {NOTE}\n",
                         ["unbalanced-quote"]),
}


@pytest.mark.parametrize("code", sorted(PROBLEM_ARTICLES))
def test_article_gives_the_problem(blank_nlp, code):
    text, expected = PROBLEM_ARTICLES[code]
    records = pipeline.process(text, "article.txt", nlp=blank_nlp)
    (document,) = records["document"]
    problems = document["problems"]
    assert [p["code"] for p in problems] == expected
    for found in problems:
        assert found["message"]
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
    schema = load_schema("document")["$defs"]["problem"]["properties"]["code"]["enum"]
    assert sorted(schema) == sorted(_emitted_codes())

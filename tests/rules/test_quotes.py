"""Table-driven tests of :mod:`pipeline.rules.quotes`: ``pair_quotes``, ``classify`` and the rules read
from ``reporting.json``.

Every person, place and sentence below is invented. Rows marked ``xfail(strict=True)`` keep the result a demanding
user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

import pytest

from pipeline.rules.quotes import QuoteRules, classify, is_title, pair_quotes, runs_on
from pipeline.rules.resources import load_json


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


@pytest.fixture(scope="module")
def quote_rules() -> QuoteRules:
    return QuoteRules.from_data(load_json("reporting.json"), load_json("names.json"))


# ================================================================================================
# pair_quotes: (text, quoted words of each pair, unmatched marks)
# ================================================================================================

PAIRS = [
    pytest.param("He said “we will return” and left.", ["we will return"], [], id="curly"),
    pytest.param('He said "we will return" and left.', ["we will return"], [], id="straight"),
    pytest.param("Le chef a dit «nous reviendrons» hier.", ["nous reviendrons"], [], id="guillemets"),
    pytest.param("Le chef a dit « nous reviendrons » hier.", [" nous reviendrons "], [], id="guillemets-french-spacing"),
    pytest.param("He said “they called it ‘the harvest’ openly” in May.", ["they called it ‘the harvest’ openly"], [],
                 id="nested-single-curly"),
    pytest.param("He said \"they called it 'the harvest' openly\" in May.", ["they called it 'the harvest' openly"], [],
                 id="nested-single-straight"),
    pytest.param("Le chef a dit «nous “reviendrons”» hier.", ["nous “reviendrons”"], [], id="nested-curly-in-guillemets"),
    pytest.param("The so-called \"emir\" and the \"council\" met.", ["emir", "council"], [], id="two-straight-pairs"),
    pytest.param("He said “one” and “two.”", ["one", "two."], [], id="two-curly-pairs"),
    pytest.param("“We will return,” he said. “Soon.”", ["We will return,", "Soon."], [], id="split-quotation"),
    pytest.param("The group’s “emir” spoke.", ["emir"], [], id="apostrophe-is-not-a-mark"),
    pytest.param("The ‘emirate’ was declared.", [], [], id="single-quotes-alone-not-paired"),
    # unbalanced marks
    pytest.param("He said “we will return and left.", [], ["“"], id="unclosed-curly"),
    pytest.param('He said "we will return and left.', [], ['"'], id="unclosed-straight"),
    pytest.param("He said we will return” and left.", [], ["”"], id="stray-closing-curly"),
    pytest.param("He said ”wrong” here.", [], ["”", "”"], id="two-closing-marks"),
    pytest.param("He said “we will return» and left.", [], ["“", "»"], id="mismatched-marks"),
    pytest.param('A 5" barrel and "the group" met.', ["the group"], ['"'], id="inch-mark-unmatched"),
    pytest.param("He said “a “nested” one and left.", [], ["“"], id="curly-reopened-unclosed"),
]


@pytest.mark.parametrize(("text", "quoted", "unmatched"), PAIRS)
def test_pair_quotes(text, quoted, unmatched):
    pairs, stray = pair_quotes(text, 0, len(text))
    assert [text[a + 1 : b] for a, b in pairs] == quoted
    assert [text[i] for i in stray] == unmatched
    for a, b in pairs:
        assert text[a] in "“«\"" and text[b] in "”»\""


def test_pair_quotes_within_a_window_only():
    text = "“Before.” He said “we will return” and left. “After"
    start, end = text.index("He"), text.index("left.") + 5
    pairs, stray = pair_quotes(text, start, end)
    assert [text[a + 1 : b] for a, b in pairs] == ["we will return"]
    assert stray == []


def test_pair_quotes_never_crosses_the_window():
    text = "He said “we will return\n\nand left.”"
    first_end = text.index("\n")
    second_start = first_end + 2
    assert pair_quotes(text, 0, first_end) == ([], [text.index("“")])
    assert pair_quotes(text, second_start, len(text)) == ([], [text.index("”")])


# ================================================================================================
# classify: (words, first POS, attributed) → kind
# ================================================================================================

CLASSIFY = [
    # attributed
    pytest.param("We will not negotiate with the occupiers.", "PRON", True, "statement", id="attributed-sentence"),
    pytest.param("We will win", "PRON", True, "statement", id="attributed-three-word-sentence"),
    pytest.param("tactical pause", "ADJ", True, "fragment", id="attributed-short"),
    pytest.param("Soon.", "ADV", True, "fragment", id="attributed-one-word-sentence"),
    pytest.param("strike the convoys", "VERB", True, "fragment", id="attributed-short-verb-phrase"),
    pytest.param("a choice between exile and the grave for all of us", "DET", True, "fragment", id="attributed-long-det-phrase"),
    pytest.param("the region’s new masters, who answer to no one", "DET", True, "fragment", id="attributed-long-det-with-clause"),
    pytest.param("enemies of God and of the nation", "NOUN", True, "fragment", id="attributed-long-noun-phrase"),
    pytest.param("strike the convoys wherever they are found", "VERB", True, "statement", id="attributed-verb-clause-six-plus"),
    pytest.param("punish those who collaborate with them", "VERB", True, "statement", id="attributed-verb-clause-exactly-six"),
    pytest.param("punish those who collaborate today", "VERB", True, "fragment", id="attributed-verb-clause-five"),
    pytest.param("would never again accept foreign troops", "AUX", True, "statement", id="attributed-aux-clause"),
    pytest.param("The Army Has Abandoned Us", "DET", True, "statement", id="attributed-capitalised-det-sentence"),
    # unattributed
    pytest.param("emir", "NOUN", False, "scare", id="unattributed-term"),
    pytest.param("liberated zones", "ADJ", False, "scare", id="unattributed-two-words"),
    pytest.param("Jihad", "PROPN", False, "scare", id="unattributed-capitalised-term"),
    pytest.param("The army has abandoned the north.", "DET", False, "statement", id="unattributed-full-sentence"),
    pytest.param("Nobody will stop us!", "PRON", False, "statement", id="unattributed-exclamation"),
    pytest.param("Nobody will stop us.”", "PRON", False, "statement", id="unattributed-inner-closing-mark"),
    pytest.param("The army has abandoned the north", "DET", False, "scare", id="unattributed-no-final-stop"),
    pytest.param("the army has abandoned the north.", "DET", False, "scare", id="unattributed-lower-case-start"),
    pytest.param("We will return.", "PRON", False, "statement", id="unattributed-three-word-sentence",),
]


@pytest.mark.parametrize(("words", "first_pos", "attributed", "expected"), CLASSIFY)
def test_classify(quote_rules, words, first_pos, attributed, expected):
    assert classify(words, first_pos, attributed, quote_rules) == expected


def test_rules_from_data(quote_rules):
    assert {"said", "told", "warned", "stating"} <= quote_rules.cue_forms
    assert "according to" in quote_rules.phrases
    assert {"president", "colonel"} <= quote_rules.titles
    assert quote_rules.clause_min_words == 6


MIXED = [
    pytest.param('He said "we will return” and left.', ["we will return"], [], id="straight-open-curly-close"),
    pytest.param('He said “we will return" and left.', ["we will return"], [], id="curly-open-straight-close"),
    pytest.param('He said “they called it "the harvest" openly” in May.', ['they called it "the harvest" openly'], [],
                 id="straight-pair-inside-curly"),
]


@pytest.mark.parametrize(("text", "quoted", "unmatched"), MIXED)
def test_pair_quotes_mixed_marks(text, quoted, unmatched):
    pairs, stray = pair_quotes(text, 0, len(text))
    assert [text[a + 1 : b] for a, b in pairs] == quoted
    assert [text[i] for i in stray] == unmatched


RUNS_ON = [
    pytest.param("He said: “We will rebuild the pier.\n\n“And the market.”", True, id="next-paragraph-opens-with-a-mark"),
    pytest.param("He said: “We will rebuild the pier.\n\nNo one believed him.", False, id="next-paragraph-plain"),
    pytest.param("He said: we will rebuild” it.\n\n“And the market.”", False, id="stray-closing-mark-is-no-opening"),
]


@pytest.mark.parametrize(("text", "runs"), RUNS_ON)
def test_runs_on(text, runs):

    first_end = text.index("\n\n")
    _, stray = pair_quotes(text, 0, first_end)
    found = runs_on(text, stray, first_end + 2)
    assert (found is not None) == runs
    if runs:
        assert text[found] == "“"


LABELS = [
    pytest.param("@harbourwatch", True, id="handle"),
    pytest.param("#pierfire", True, id="hashtag"),
    pytest.param("7731040092", True, id="digits"),
    pytest.param("harbourWatch", True, id="inner-capital"),
    pytest.param("rebuild", False, id="a-word"),
    pytest.param("we will rebuild", False, id="words"),
]


@pytest.mark.parametrize(("words", "expected"), LABELS)
def test_is_label(words, expected):
    from pipeline.rules.quotes import is_label

    assert is_label(words) is expected


TITLES = [
    pytest.param("Harbour Support Point", True, id="name"),
    pytest.param("Stronger Together,", True, id="slogan-with-comma"),
    pytest.param("The Night of the Long Pier", True, id="title-small-words"),
    pytest.param("we will rebuild", False, id="lower-case"),
    pytest.param("Rebuild. Now.", False, id="sentence-punctuation"),
]


@pytest.mark.parametrize(("words", "expected"), TITLES)
def test_is_title(quote_rules, words, expected):

    assert is_title(words, quote_rules) is expected


def test_lexicon_by_lemma_and_forms(quote_rules):
    assert {"implore", "fume", "email", "highlight", "believe", "respond", "point"} <= quote_rules.cue_lemmas
    assert {"implored", "fumed", "emailed", "highlights", "dubbed", "decried", "echoes"} <= quote_rules.cue_forms
    assert "dubed" not in quote_rules.cue_forms and quote_rules.particle_verbs["point"] == "out"

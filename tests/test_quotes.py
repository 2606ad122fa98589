"""Table-driven tests of :mod:`pipeline.quotes`: ``pair_quotes``, ``classify`` and, end to end through
the rule-only pipeline (no parser, so the shape fallback finds speakers), the quote records and the
``unbalanced-quote`` problems.

Every person, place and sentence below is invented. Rows marked ``xfail(strict=True)`` keep the result
a demanding user expects; their ``reason`` describes the defect in the current code.
"""

from __future__ import annotations

import pytest

from pipeline.rules.quotes import QuoteRules, classify, pair_quotes
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


# ================================================================================================
# end to end through the rule-only pipeline
# ================================================================================================

ANY = object()  # a field the shape fallback cannot be expected to fill


def q(text: str, kind: str, speaker=ANY, cue=ANY) -> dict:
    return {"text": text, "kind": kind, "speaker": speaker, "cue": cue}


END_TO_END = [
    pytest.param(
        "Officials said: “The convoy left Tamerzit at dawn and never arrived.”",
        [q("The convoy left Tamerzit at dawn and never arrived.", "statement", "Officials", "said")],
        id="cue-colon-before",
    ),
    pytest.param(
        "“We will not negotiate with the occupiers,” said Karim Oudaya.",
        [q("We will not negotiate with the occupiers,", "statement", "Karim Oudaya", "said")],
        id="inverted-cue-after",
    ),
    pytest.param(
        "“We will not negotiate with the occupiers,” Karim Oudaya said.",
        [q("We will not negotiate with the occupiers,", "statement", "Karim Oudaya", "said")],
        id="speaker-then-cue-after",
    ),
    pytest.param(
        "“We have no quarrel with the villagers,” Yusuf ag Haddou told the newspaper.",
        [q("We have no quarrel with the villagers,", "statement", "Yusuf ag Haddou", "told")],
        id="speaker-with-particle",
    ),
    pytest.param(
        "According to Nadia Ferrat, “the militia controls every well between here and the border.”",
        [q("the militia controls every well between here and the border.", "statement", "Nadia Ferrat", "According to")],
        id="according-to",
    ),
    pytest.param(
        "President Nadia Ferrat said: “The state will return to every district of the north.”",
        [q("The state will return to every district of the north.", "statement", "Nadia Ferrat", "said")],
        id="title-dropped",
    ),
    pytest.param(
        "Colonel Idris Wazzani, the regional commander, said: “Our units will hold the bridge whatever it costs.”",
        [q("Our units will hold the bridge whatever it costs.", "statement", "Idris Wazzani", "said")],
        id="appositive-skipped",
    ),
    pytest.param(
        "Nadia Ferrat told reporters, \"The border is closed to everyone until further notice.\"",
        [q("The border is closed to everyone until further notice.", "statement", "Nadia Ferrat", "told")],
        id="straight-quotes",
    ),
    pytest.param(
        "Karim Oudaya said: “They call it ‘the harvest,’ and they mean our sons.”",
        [q("They call it ‘the harvest,’ and they mean our sons.", "statement", "Karim Oudaya", "said")],
        id="nested-single-quotes-one-quotation",
    ),
    pytest.param(
        "Karim Oudaya said the group was “not finished” with the region.",
        [q("not finished", "fragment", "Karim Oudaya", "said")],
        id="fragment",
    ),
    pytest.param(
        "Nadia Ferrat wrote that the movement had become “a franchise without a brand.”",
        [q("a franchise without a brand.", "fragment", "Nadia Ferrat", "wrote")],
        id="fragment-noun-phrase",
    ),
    pytest.param(
        "The governor described the raid as “a warning.”",
        [q("a warning.", "fragment", ANY, "described")],
        id="fragment-speaker-not-name-shaped",
    ),
    pytest.param(
        "The “emirate” collapsed within weeks.",
        [q("emirate", "scare", None, None)],
        id="scare",
    ),
    pytest.param(
        "Smugglers paid the “tax” at every checkpoint, and the “police” of the town collected it.",
        [q("tax", "scare", None, None), q("police", "scare", None, None)],
        id="two-scare-quotes",
    ),
    # defects
    pytest.param(
        "“We will not negotiate with the occupiers,” said Amir Haddad.",
        [q("We will not negotiate with the occupiers,", "statement", "Amir Haddad", "said")],
        id="given-name-amir",
    ),
    pytest.param(
        "The so-called “emirate” collapsed within weeks.",
        [q("emirate", "scare", None, None)],
        id="so-called-is-no-cue",
    ),
    pytest.param(
        "A communiqué signed by Karim Oudaya stated: « Nous ne négocierons jamais avec la France. »",
        [q("Nous ne négocierons jamais avec la France.", "statement", "Karim Oudaya", "stated")],
        id="guillemets-french-spacing",
    ),
]


def _check(quote: dict, expected: dict, text: str) -> None:
    assert quote["text"] == expected["text"]
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert quote["kind"] == expected["kind"]
    if expected["speaker"] is not ANY:
        assert (quote["speaker"] or {}).get("text") == expected["speaker"]
        if quote["speaker"]:
            assert text[quote["speaker"]["start"] : quote["speaker"]["end"]] == expected["speaker"]
    if expected["cue"] is not ANY:
        assert (quote["cue"] or {}).get("text") == expected["cue"]
        if quote["cue"]:
            assert text[quote["cue"]["start"] : quote["cue"]["end"]] == expected["cue"]


@pytest.mark.parametrize(("paragraph", "expected"), END_TO_END)
def test_quotes_end_to_end(blank_nlp, paragraph, expected):
    text = paragraph + "\n"
    doc = blank_nlp(text)
    quotes = doc._.ctc_quotes
    assert len(quotes) == len(expected), [x["text"] for x in quotes]
    for quote, want in zip(quotes, expected, strict=True):
        _check(quote, want, text)
    assert not [p for p in doc._.ctc_problems or [] if p["code"] == "unbalanced-quote"]


def test_scare_quote_has_no_speaker_or_cue(blank_nlp):
    doc = blank_nlp("Karim Oudaya said nothing. The “emirate” collapsed within weeks.\n")
    (quote,) = doc._.ctc_quotes
    assert (quote["kind"], quote["speaker"], quote["cue"]) == ("scare", None, None)


def test_quote_links_to_its_claim(blank_nlp):
    doc = blank_nlp("The town fell in March. Karim Oudaya said: “We will take the next one before the rains.”\n")
    (quote,) = doc._.ctc_quotes
    claim = next(c for c in doc._.ctc_claims if c["id"] == quote["claim_id"])
    assert claim["start"] <= quote["start"] < quote["end"] <= claim["end"]
    assert quote["id"] in doc._.ctc_links["claims"][claim["id"]]["quote_ids"]


# ------------------------------------------------------------------------------------------------
# unbalanced marks: reported as problems, never paired across paragraphs
# ------------------------------------------------------------------------------------------------

UNBALANCED = [
    pytest.param(
        "The spokesman said: “We will return to the valley before the rains.\n\n"
        "No one believed him, and the “council” dissolved within a month.\n",
        ["“"], ["council"],
        id="unclosed-then-scare-in-next-paragraph",
    ),
    pytest.param(
        "The spokesman said: “We will return to the valley before the rains.\n\n"
        "Karim Oudaya said: “Nobody here trusts the spokesman any longer.”\n",
        ["“"], ["Nobody here trusts the spokesman any longer."],
        id="unclosed-then-full-quote-in-next-paragraph",
    ),
    pytest.param(
        "The “liberation front was\n\nsaid to be strong.”\n",
        ["“", "”"], [],
        id="quotation-split-by-paragraph-break",
    ),
    pytest.param(
        "The rebels withdrew.” Then the army entered the town.\n",
        ["”"], [],
        id="stray-closing",
    ),
    pytest.param(
        'Officials said "the road is open and left it there.\n\nThe "council" met twice.\n',
        ['"'], ["council"],
        id="unclosed-straight",
    ),
]


@pytest.mark.parametrize(("text", "marks", "quoted"), UNBALANCED)
def test_unbalanced_quotes(blank_nlp, text, marks, quoted):
    doc = blank_nlp(text)
    problems = [p for p in doc._.ctc_problems or [] if p["code"] == "unbalanced-quote"]
    assert [text[p["start"]] for p in problems] == marks
    for p in problems:
        assert p["end"] == p["start"] + 1
        assert str(p["start"]) in p["message"]
    quotes = doc._.ctc_quotes
    assert [x["text"] for x in quotes] == quoted
    paragraphs = [b for b in doc._.ctc_blocks if b["kind"] == "body"]
    for quote in quotes:
        assert "\n" not in quote["text"]
        assert any(b["start"] <= quote["start"] and quote["end"] <= b["end"] for b in paragraphs)


# ================================================================================================
# quote shapes: mixed marks, quotations of several paragraphs, names and codes in quotation marks
# ================================================================================================

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
    from pipeline.rules.quotes import runs_on

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
    from pipeline.rules.quotes import is_title

    assert is_title(words, quote_rules) is expected


def test_lexicon_by_lemma_and_forms(quote_rules):
    assert {"implore", "fume", "email", "highlight", "believe", "respond", "point"} <= quote_rules.cue_lemmas
    assert {"implored", "fumed", "emailed", "highlights", "dubbed", "decried", "echoes"} <= quote_rules.cue_forms
    assert "dubed" not in quote_rules.cue_forms and quote_rules.particle_verbs["point"] == "out"

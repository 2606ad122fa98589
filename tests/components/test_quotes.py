"""The ``ctc_quotes`` component (:mod:`pipeline.components.quotes`) end to end through the rule-only
pipeline (no parser, so the shape fallback finds speakers): the quote records, their claims, and the
``unbalanced-quote`` problems.

Every person, place and sentence below is invented.
"""

from __future__ import annotations

import pytest

from pipeline.components.quotes import _know_gender
from pipeline.rules.attribution import Candidate

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




# ------------------------------------------------------------------------------------------------
# the speaker just before a cue the parse left without a subject, on hand-tagged words
# ------------------------------------------------------------------------------------------------

ADJACENT = [
    pytest.param(["Verhagen", ",", "58", ",", "told", "the", "radio"],
                 ["PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "DET", "NOUN"], "Verhagen", id="age-between-commas"),
    pytest.param(["Verhagen", ",", "told", "the", "radio"], ["PROPN", "PUNCT", "VERB", "DET", "NOUN"], "Verhagen",
                 id="one-comma"),
    pytest.param(["in", "1958", ",", "told", "the", "radio"], ["ADP", "NUM", "PUNCT", "VERB", "DET", "NOUN"], None,
                 id="a-number-alone-is-no-speaker"),
]


@pytest.mark.parametrize(("words", "pos", "expected"), ADJACENT)
def test_adjacent_subject(blank_nlp, words, pos, expected):
    from spacy.tokens import Doc

    from pipeline.components.quotes import QuoteFinder
    from pipeline.rules.quotes import QuoteRules
    from pipeline.rules.resources import load_json

    finder = QuoteFinder(QuoteRules.from_data(load_json("reporting.json"), load_json("names.json")))
    doc = Doc(blank_nlp.vocab, words=words, pos=pos)
    found = finder._adjacent_subject(doc, doc[words.index("told")])
    assert (found.text if found is not None else None) == expected


def test_the_latest_gendered_candidate_of_a_last_word_is_kept():
    genders: dict = {}
    for candidate in [Candidate(50, 60, "Rein Saar", False, "male"), Candidate(10, 20, "Liis Saar", False, "female"),
                      Candidate(70, 80, "Mart Saar", False, None), Candidate(50, 60, "Rein Saar", False, "female")]:
        _know_gender(genders, candidate)
    assert genders == {("Saar",): (50, "female")}

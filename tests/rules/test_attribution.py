"""Table tests of :mod:`pipeline.rules.attribution` (speakers carried between quotations,
pronouns resolved) and, through the full model pipeline, of the speaker rules of ``ctc_quotes``
— every name, place and sentence invented. Known misses are strict ``xfail`` with the reason."""

from __future__ import annotations

import pytest

from pipeline.rules.attribution import (
    Candidate,
    Slot,
    carry_speakers,
    gender_of,
    resolve_mention,
)
from pipeline.rules.quotes import QuoteRules
from pipeline.rules.resources import load_json

ANY = object()  # an attribution the parse may reach either way


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# ================================================================================================
# carry_speakers: (slots, has speaker, open to one) -> carried
# ================================================================================================

S = Slot
CARRY = [
    pytest.param([S(0, 0, True, True), S(0, 1, True, False)], [True, False], [True, True],
                 [None, (0, "previous-sentence")], id="next-sentence"),
    pytest.param([S(0, 0, True, True), S(0, 1, False, False)], [True, False], [True, True],
                 [None, None], id="not-opening-its-sentence"),
    pytest.param([S(0, 0, True, True), S(0, 5, True, False)], [True, False], [True, True],
                 [None, None], id="too-many-sentences-on"),
    pytest.param([S(0, 0, True, True, last_sentence=3), S(0, 4, True, False)], [True, False], [True, True],
                 [None, (0, "previous-sentence")], id="from-the-last-sentence-of-a-long-quotation"),
    pytest.param([S(0, 0, True, True), S(1, 2, True, True)], [True, False], [True, True],
                 [None, (0, "continued-paragraph")], id="opens-next-paragraph"),
    pytest.param([S(0, 0, True, True), S(1, 2, False, False)], [True, False], [True, True],
                 [None, None], id="inside-next-paragraph"),
    pytest.param([S(0, 0, True, True), S(2, 4, True, True)], [True, False], [True, True],
                 [None, None], id="two-paragraphs-on"),
    pytest.param([S(0, 0, True, True), S(1, 1, True, True, runs_on=True)], [True, False], [True, True],
                 [None, (0, "continued-paragraph")], id="runs-on"),
    pytest.param([S(0, 0, True, True), S(0, 1, True, False), S(0, 2, True, False)], [True, False, False], [True, True, True],
                 [None, (0, "previous-sentence"), (1, "previous-sentence")], id="carried-again"),
    pytest.param([S(0, 0, True, True), S(0, 1, True, False), S(0, 2, True, False)], [True, False, False], [True, False, True],
                 [None, None, None], id="a-closed-quotation-breaks-the-chain"),
    pytest.param([S(0, 0, True, True), S(0, 1, True, False)], [False, False], [True, True],
                 [None, None], id="nothing-to-carry"),
]


@pytest.mark.parametrize(("slots", "has", "open_", "expected"), CARRY)
def test_carry_speakers(slots, has, open_, expected):
    assert carry_speakers(slots, has, open_, 2) == expected


# (slots, has speaker, open to one, terms) -> carried: a title in quotation marks is passed over
CARRY_PAST_TERMS = [
    pytest.param([S(0, 0, True, True), S(0, 0, False, True), S(0, 1, True, False)], [True, False, False],
                 [True, False, True], [False, True, False], [None, None, (0, "previous-sentence")],
                 id="title-between-two-quotations"),
    pytest.param([S(0, 0, True, True), S(0, 0, False, True), S(1, 1, True, True)], [True, False, False],
                 [True, False, True], [False, True, False], [None, None, (0, "continued-paragraph")],
                 id="title-then-next-paragraph"),
    pytest.param([S(0, 0, True, True), S(0, 0, False, True), S(0, 1, True, False)], [True, False, False],
                 [True, False, True], [False, False, False], [None, None, None],
                 id="an-unattributed-quotation-is-no-term-and-breaks-the-chain"),
    pytest.param([S(0, 0, False, True), S(0, 1, True, False)], [False, False],
                 [False, True], [True, False], [None, None], id="only-a-term-before"),
]


@pytest.mark.parametrize(("slots", "has", "open_", "terms", "expected"), CARRY_PAST_TERMS)
def test_carry_speakers_past_terms(slots, has, open_, terms, expected):
    assert carry_speakers(slots, has, open_, 2, terms) == expected


# ================================================================================================
# resolve_mention: (position, plural, gender, role) -> candidate text
# ================================================================================================

PEOPLE = [
    Candidate(0, 10, "Tomas Verhagen", False, "male"),
    Candidate(20, 30, "Ilse Brandt", False, "female"),
    Candidate(40, 50, "Harbour Board", True, None),
    Candidate(60, 70, "Ona Petrauskas", False, None),
    Candidate(80, 90, "spokesman Jaan Tamm", False, "male"),
]

RESOLVE = [
    pytest.param(100, False, None, None, "spokesman Jaan Tamm", id="most-recent"),
    pytest.param(75, False, "female", None, "Ona Petrauskas", id="unknown-gender-is-compatible"),
    pytest.param(55, False, "male", None, "Tomas Verhagen", id="gender-skips-a-woman"),
    pytest.param(55, True, None, None, "Harbour Board", id="plural"),
    pytest.param(35, False, "female", None, "Ilse Brandt", id="only-earlier-candidates"),
    pytest.param(100, False, None, "spokesman", "spokesman Jaan Tamm", id="description-by-role"),
    pytest.param(75, False, None, "spokesman", None, id="no-one-with-the-role"),
    pytest.param(5, False, None, None, None, id="nobody-before"),
]


@pytest.mark.parametrize(("position", "plural", "gender", "role", "expected"), RESOLVE)
def test_resolve_mention(position, plural, gender, role, expected):
    found = resolve_mention(position, plural, gender, PEOPLE, role)
    assert (found.text if found else None) == expected


@pytest.fixture(scope="module")
def gender_table() -> dict[str, str]:
    return QuoteRules.from_data(load_json("reporting.json"), load_json("names.json")).gender


GENDER = [
    pytest.param("Mr. Tomas Verhagen", "male", id="honorific-male"),
    pytest.param("Mrs. Ilse Brandt", "female", id="honorific-female"),
    pytest.param("the spokeswoman", "female", id="role-female"),
    pytest.param("Ona Petrauskas", None, id="name-alone-tells-nothing"),
    pytest.param("Mr. and Mrs. Brandt", None, id="both"),
]


@pytest.mark.parametrize(("words", "expected"), GENDER)
def test_gender_of(gender_table, words, expected):
    assert gender_of(words, gender_table) == expected


# ================================================================================================
# through the model pipeline: (paragraphs, [(quoted words start, speaker, mention, attribution)])
# ================================================================================================

SPEAKERS = [
    pytest.param(
        "“The harbour will reopen in spring,” said Tomas Verhagen. “The dredging is nearly finished.”",
        [("The harbour", "Tomas Verhagen", "Tomas Verhagen", "same-sentence"),
         ("The dredging", "Tomas Verhagen", "Tomas Verhagen", "previous-sentence")],
        id="continuation-next-sentence",
    ),
    pytest.param(
        "“The harbour will reopen in spring,” said Tomas Verhagen.\n\n“The dredging is nearly finished and paid for.”",
        [("The harbour", "Tomas Verhagen", "Tomas Verhagen", "same-sentence"),
         ("The dredging", "Tomas Verhagen", "Tomas Verhagen", "continued-paragraph")],
        id="continuation-next-paragraph",
    ),
    pytest.param(
        "Ilse Brandt runs the permit office in Kessal. “Nobody has complained about the new forms,” she said.",
        [("Nobody", "Ilse Brandt", "she", "pronoun")],
        id="pronoun-resolved-mention-kept",
    ),
    pytest.param(
        "“Nobody has complained about the new forms in Kessal,” she said.",
        [("Nobody", "she", "she", "pronoun")],
        id="pronoun-unresolved-stays-the-pronoun",
    ),
    pytest.param(
        "Mr. Pavel Orlov spoke first. Then Mrs. Ilse Brandt arrived. “The permits are late again this year,” he said.",
        [("The permits", "Pavel Orlov", "he", "pronoun")],
        id="pronoun-gender-from-honorifics",
    ),
    pytest.param(
        "“Why was the bridge never repaired?” Senator Ada Kowal asked.",
        [("Why was", "Ada Kowal", "Ada Kowal", "same-sentence")],
        id="question-mark-keeps-post-posed-cue",
    ),
    pytest.param(
        "“We expected a much larger turnout in the valley,” responded campaign chairman Pieter Hals.",
        [("We expected", "Pieter Hals", None, "same-sentence")],
        id="inverted-cue-with-role",
    ),
    pytest.param(
        "Ona Petrauskas, The Harbour Gazette: “The vote in Kessal was decided before anyone arrived.”",
        [("The vote", "Ona Petrauskas", "Ona Petrauskas", "colon")],
        id="colon-name",
    ),
    pytest.param(
        "Ona Petrauskas has since apologized: “I was wrong to say the vote in Kessal was decided.”",
        [("I was wrong", "Ona Petrauskas", "Ona Petrauskas", "colon")],
        id="colon-after-clause",
    ),
    pytest.param(
        "Tomas Verhagen continued:\n\n“The harbour will reopen in spring and the dredging is paid for.”",
        [("The harbour", "Tomas Verhagen", "Tomas Verhagen", "colon")],
        id="colon-sentence-before-the-quotation",
    ),
    pytest.param(
        "Ilse Brandt runs the permit office. “Normally,” she said, “you have to wait three weeks for a permit.”",
        [("Normally", "Ilse Brandt", "she", "pronoun"), ("you have", "Ilse Brandt", "she", "pronoun")],
        id="split-quotation-both-halves",
    ),
    pytest.param(
        "Tomas Verhagen said: “We will rebuild the pier before the storms come.\n\n“And we will open the fish market by June.”",
        [("We will rebuild", "Tomas Verhagen", "Tomas Verhagen", "same-sentence"),
         ("And we will open", "Tomas Verhagen", "Tomas Verhagen", "continued-paragraph")],
        id="quotation-of-two-paragraphs",
    ),
    pytest.param(
        "The pier would be rebuilt by June, according to one unnamed harbour official.",
        [],
        id="no-quotation-no-record",
    ),
    pytest.param(
        "According to one unnamed harbour official, “the pier will not be rebuilt before the storms.”",
        [("the pier", "one unnamed harbour official", "one unnamed harbour official", "same-sentence")],
        id="description-kept-as-speaker",
    ),
    pytest.param(
        "Chargé d'Affaires Elina Rautio said: “The embassy in Kessal will stay open through the winter.”",
        [("The embassy", "Elina Rautio", None, "same-sentence")],
        id="title-of-several-words-dropped",
    ),
    pytest.param(
        "“The harbour will reopen in spring,” Tomas Verhagen told “Morning Harbour” on Sunday. "
        "“The dredging is nearly finished.”",
        [("The harbour", "Tomas Verhagen", "Tomas Verhagen", "same-sentence"),
         ("The dredging", "Tomas Verhagen", "Tomas Verhagen", "previous-sentence")],
        id="continuation-past-a-show-title",
    ),
    pytest.param(
        'Harbour officials welcomed the plan. "The dredging is nearly finished," said Tomas Verhagen, the pilot.',
        [("The dredging", "Tomas Verhagen", "Tomas Verhagen", "same-sentence")],
        id="cue-after-rather-than-a-verb-in-the-sentence-before",
    ),
    pytest.param(
        '"He closed every one of the piers. Every single pier," said Tomas Verhagen, who had built some of them. '
        '"It\'s not like the crews were quiet about it."',
        [("He closed", "Tomas Verhagen", "Tomas Verhagen", "same-sentence"),
         ("It's not", "Tomas Verhagen", "Tomas Verhagen", ANY)],
        id="speaker-never-inside-a-quotation",
    ),
    pytest.param(
        "Ilse Brandt ended the meeting by saying: “The permits will be ready in the spring.”",
        [("The permits", "Ilse Brandt", "Ilse Brandt", "same-sentence")],
        id="cue-after-a-preposition",
    ),
    pytest.param(
        "Spokesman Jaan Tamm said the pier was safe. “The cracks are on the surface only,” the spokesman said.",
        [("The cracks", "Jaan Tamm", "the spokesman", "pronoun")],
        marks=xfail("the mention kept for a speaker is its name with titles dropped, so the role word "
                    "“Spokesman” is not there to match the description against"),
        id="description-resolved-by-role",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_speakers(model_nlp, text, expected):
    doc = model_nlp(text + "\n")
    quotes = [q for q in doc._.ctc_quotes if q["kind"] != "scare"]
    assert len(quotes) == len(expected), [(q["text"], q["kind"]) for q in doc._.ctc_quotes]
    for quote, (opening, speaker, mention, attribution) in zip(quotes, expected, strict=True):
        assert quote["text"].startswith(opening)
        assert attribution is ANY or quote["attribution"] == attribution
        assert (quote["speaker"] or {}).get("text") == speaker
        if mention is not None:
            assert quote["speaker"]["mention"]["text"] == mention
        for span in (quote["speaker"], quote["speaker"]["mention"]):
            assert doc.text[span["start"] : span["end"]] == span["text"]
    assert not [p for p in doc._.ctc_quote_problems if p["code"] == "unbalanced-quote"]


NOT_STATEMENTS = [
    pytest.param("The convoy reached the base called “Harbour Support Point” before dawn.", id="name-after-called"),
    pytest.param("The mayor’s account “@harbourwatch” posted the notice.", id="handle"),
    pytest.param("He appeared on “Morning Harbour,” the valley’s radio show.", id="show-title"),
]


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_names_titles_and_codes_are_no_statements(model_nlp, text):
    (quote,) = model_nlp(text + "\n")._.ctc_quotes
    assert (quote["kind"], quote["speaker"], quote["attribution"]) == ("scare", None, None)


CUES = [
    pytest.param("“We were promised a new school,” Lena Sarv implored.", "implored", id="verb-added-from-corpus"),
    pytest.param("“The figures are wrong,” Lena Sarv pointed out.", "pointed", id="particle-verb"),
    pytest.param("Lena Sarv states: “The figures are wrong and everyone knows it.”", "states", id="form-before-colon"),
]


@pytest.mark.parametrize(("text", "cue"), CUES)
def test_cues(model_nlp, text, cue):
    (quote,) = model_nlp(text + "\n")._.ctc_quotes
    assert quote["cue"]["text"] == cue
    assert quote["speaker"]["text"] == "Lena Sarv"


def test_resolve_mention_of_two_at_one_place_takes_the_first_added_and_skips_a_name_around_the_position():
    people = [Candidate(0, 10, "Mara Ilves", False, None), Candidate(0, 10, "Mara Ilves-Kask", False, None),
              Candidate(20, 40, "Tarmo Kuusk of the Board", False, None)]
    assert resolve_mention(30, False, None, people).text == "Mara Ilves"
    assert resolve_mention(40, False, None, people).text == "Tarmo Kuusk of the Board"

"""``eval --brat``: reading BRAT attributions, choosing the direct quotations, matching speakers —
on invented articles; the PolNeAR train figures when a local copy is present (else skipped)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.commands.evaluate_quotes import (
    GoldQuote,
    QuoteScores,
    articles,
    direct_quotes,
    load_article,
    read_ann,
    speaker_right,
)
from pipeline.rules.references import link_entities

TEXT = ("Harbour to reopen.\n\n"
        "“The harbour will reopen in spring,” said Tomas Verhagen. He added that the dredging was “nearly done.”\n")
A, B = TEXT.index("“The"), TEXT.index("spring,”") + 8
S = TEXT.index("Tomas")
C = TEXT.index("the dredging")
ANN = (f"T1\tSource {S} {S + 14}\tTomas Verhagen\nT2\tCue {S - 5} {S - 1}\tsaid\nT3\tContent {A} {B}\t{TEXT[A:B]}\n"
       f"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\nT4\tAttribution {S - 5} {S - 1}\tsaid\n"
       f"T5\tSource {C - 13} {C - 11}\tHe\nT6\tContent {C} {len(TEXT) - 2}\tthe dredging was “nearly\ndone.”\n"
       f"E2\tAttribution:T7 Source:T5 Content:T6\n")


def test_read_ann_and_direct_quotes():
    attributions = read_ann(ANN)
    assert [a.source_text for a in attributions] == ["Tomas Verhagen", "He"]
    gold, other = direct_quotes(TEXT, attributions)
    assert [(TEXT[g.start : g.end], g.source_text) for g in gold] == [(TEXT[A:B], "Tomas Verhagen")]
    assert other == [(C, len(TEXT) - 2)]  # a paraphrase with a quoted phrase is out of scope


def test_articles_pair_texts_with_the_first_annotator(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbour.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("b2", "a1"):
        (tmp_path / "attributions" / f"harbour_{annotator}.ann").write_text(ANN, encoding="utf-8")
    ((text_path, ann_path),) = articles(tmp_path)
    assert text_path.name == "harbour.txt" and ann_path.name == "harbour_a1.ann"
    text, gold, _ = load_article(text_path, ann_path)
    assert text == TEXT and len(gold) == 1


SPEAKER = [
    pytest.param({"start": S, "end": S + 14, "text": "Tomas Verhagen"}, "Tomas Verhagen", True, id="same-span"),
    pytest.param({"start": 0, "end": 5, "text": "Verhagen"}, "Tomas Verhagen", True, id="same-head-name-elsewhere"),
    pytest.param({"start": 0, "end": 5, "text": "Tomas Verhagen", "mention": {"start": S, "end": S + 2, "text": "he"}},
                 "he", True, id="mention-overlaps-a-pronoun-source"),
    pytest.param({"start": 0, "end": 5, "text": "Ilse Brandt"}, "Tomas Verhagen", False, id="someone-else"),
    pytest.param(None, "Tomas Verhagen", False, id="no-speaker"),
]


@pytest.mark.parametrize(("speaker", "source_text", "right"), SPEAKER)
def test_speaker_right(speaker, source_text, right):
    gold = GoldQuote(A, B, [(S, S + 14)], source_text)
    assert speaker_right({"speaker": speaker}, gold) is right


def test_scores_count_detection_and_speakers():
    gold = [GoldQuote(A, B, [(S, S + 14)], "Tomas Verhagen")]
    found = {"start": A + 1, "end": B - 2, "text": "x", "kind": "statement", "speaker": {"start": S, "end": S + 14, "text": "Tomas Verhagen"}}
    inside_paraphrase = {"start": C + 20, "end": C + 30, "text": "y", "kind": "fragment", "speaker": None}
    spurious = {"start": 0, "end": 7, "text": "z", "kind": "statement", "speaker": None}
    scores = QuoteScores()
    scores.add("harbour", TEXT, [found, inside_paraphrase, spurious], gold, [(C, len(TEXT) - 2)])
    report = scores.report()
    assert (report["precision"], report["recall"], report["speaker"], report["named_n"]) == (0.5, 1.0, 1.0, 1)


LINKS = [
    pytest.param("Scott Ferrand", [("PERSON", "Scott Ferrand"), ("ORG", "Treasury")], "PERSON", id="person-over-department"),
    pytest.param("one former Kessali official", [("GPE", "Kessali")], None, id="place-inside-a-description"),
    pytest.param("the Harbour Board", [("ORG", "Harbour Board")], "ORG", id="organisation-that-is-the-speaker"),
]


@pytest.mark.parametrize(("speaker", "entities", "expected"), LINKS)
def test_speaker_entity(speaker, entities, expected):
    text = f"Treasury Secretary {speaker} said so."
    records = []
    for k, (label, words) in enumerate(entities):
        start = text.index(words)
        records.append({"id": f"d:e{k}", "label": label, "aliases": [{"text": words, "count": 1}],
                        "mentions": [{"start": start, "end": start + len(words), "text": words}]})
    begin = text.index(speaker)
    quote = {"id": "d:q1", "speaker": {"start": begin, "end": begin + len(speaker), "text": speaker}}
    _, speakers = link_entities([], [quote], records)
    labels = {r["id"]: r["label"] for r in records}
    assert labels.get(speakers["d:q1"]) == expected


POLNEAR = Path(os.environ.get("POLNEAR_TRAIN", "/work/data/polnear/train"))


@pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"no local copy of the PolNeAR train split at {POLNEAR}")
def test_polnear_train_sample(model_nlp):
    """The first 40 train articles: a floor check of the figures README reports on all 840."""
    from pipeline.commands.evaluate_quotes import evaluate_brat

    report = evaluate_brat(model_nlp, POLNEAR, limit=40)
    assert report["f1"] >= 0.93 and report["speaker"] >= 0.85, report["misses"][:20]

"""The AnyStyle-format evaluation of the note grammar: normalisation, types and groups on invented
references, and the figures on AnyStyle's training file pinned as floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.commands.evaluate_references import (
    evaluate_references,
    gold_fields,
    normalise,
    reference_groups,
    reference_text,
    reference_type,
)

CORE = Path(__file__).parents[1] / "data" / "anystyle" / "core.xml"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        pytest.param("title", "“Harbor Brigades Split,”", "harbor brigades split", id="title-quotes-comma"),
        pytest.param("title", "Élan  Vital.", "elan vital", id="title-accents-space"),
        pytest.param("outlet", "In Coastal Studies Review,", "coastal studies review", id="container-in"),
        pytest.param("authors", "Voss, C., & Rasheed, H.", ("c", "h", "rasheed", "voss"), id="authors-inverted"),
        pytest.param("authors", ["Clara Voss", "Hamid Rasheed"], ("clara", "hamid", "rasheed", "voss"), id="authors-list"),
        pytest.param("authors", "Voss, C. et al.", ("c", "voss"), id="authors-et-al"),
        pytest.param("date", "(2011, March 4).", "2011", id="date-year"),
        pytest.param("date", "n.d.", None, id="date-none"),
        pytest.param("volume", ["Vol. 35, no. 4"], ("35", "4"), id="volume-issue"),
        pytest.param("volume", ["no. 4, vol. 35"], ("35", "4"), id="volume-issue-any-order"),
        pytest.param("pages", "pp. 1761–1800).", ("1761", "1800"), id="pages-range"),
        pytest.param("url", "https://www.example.org/a.", "example.org/a", id="url"),
        pytest.param("title", "", None, id="empty"),
    ],
)
def test_normalise(field, value, expected):
    assert normalise(field, value) == expected


def segments(*pairs: str) -> list[tuple[str, str]]:
    return [tuple(p.split("=", 1)) for p in pairs]


@pytest.mark.parametrize(
    ("refs", "kind", "groups"),
    [
        pytest.param(segments("author=Clara Voss,", "title=“Port Seized,”", "journal=Coastal Times,", "date=May 2, 2013."),
                     "journal", ["ctc-form", "quoted-title", "all"], id="ctc-form"),
        pytest.param(segments("author=Voss, C.", "date=(2013).", "title=Port seized.", "journal=Coastal Review,",
                              "volume=4,", "pages=1-9."), "journal", ["all"], id="author-date-journal"),
        pytest.param(segments("author=Clara Voss,", "title=“Port Seized,”", "editor=in Ruth Kessler, ed.,",
                              "container-title=Harbors", "location=(London:", "publisher=Hurst,", "date=2015)."),
                     "chapter", ["quoted-title", "all"], id="chapter"),
        pytest.param(segments("author=Ruth Kessler,", "title=The Long Retreat", "location=(London:", "publisher=Hurst,",
                              "date=2015)."), "book", ["all"], id="book"),
        pytest.param(segments("title=Harbor data", "url=https://example.org"), "web", ["all"], id="web"),
        pytest.param(segments("author=C. Voss,", "journal=Coastal Rev.", "date=2013,", "volume=4,", "pages=19."),
                     "journal", ["all"], id="untitled-not-quoted-title"),
    ],
)
def test_types_and_groups(refs, kind, groups):
    assert reference_type(refs) == kind
    assert reference_groups(refs) == groups


def test_gold_fields_and_text():
    refs = segments("citation-number=[3]", "author=Voss, C.", "date=(2013).", "title=Port seized.",
                    "journal=Coastal Review,", "volume=4(2),", "pages=1-9.")
    assert reference_text(refs) == "Voss, C. (2013). Port seized. Coastal Review, 4(2), 1-9."
    assert gold_fields(refs) == {"authors": ("c", "voss"), "title": "port seized", "outlet": "coastal review",
                                 "date": "2013", "volume": ("2", "4"), "pages": ("1", "9"), "url": None,
                                 "publisher": None, "place": None}


def test_invented_dataset(tmp_path):
    data = tmp_path / "refs.xml"
    data.write_text(
        "<dataset><sequence><author>Clara Voss,</author><title>“Port Seized,”</title>"
        "<journal>Reuters,</journal><date>January 11, 2013.</date></sequence></dataset>",
        encoding="utf-8",
    )
    report = evaluate_references(data)
    assert report["groups"]["ctc-form"]["micro"]["f1"] == 1.0
    assert set(report["groups"]["all"]["fields"]) == {"authors", "title", "outlet", "date"}


# Floors on AnyStyle's training file (development data): a drop is a regression. The shipped CRF
# was trained on this file, so these are not generalisation figures (README: cross-validated ones).
FLOORS = {"ctc-form": 0.99, "quoted-title": 0.94, "all": 0.92}


@pytest.mark.skipif(not CORE.exists(), reason="AnyStyle's core.xml is not in tests/data/anystyle/")
def test_anystyle_floors():
    groups = evaluate_references(CORE)["groups"]
    assert {k: round(groups[k]["micro"]["f1"], 3) >= v for k, v in FLOORS.items()} == dict.fromkeys(FLOORS, True)


def test_cli_eval_anystyle(tmp_path, capsys):
    from pipeline.commands.cli import main

    data = tmp_path / "refs.xml"
    data.write_text("<dataset><sequence><author>Clara Voss,</author><title>“Port Seized,”</title>"
                    "<journal>Reuters,</journal><date>January 11, 2013.</date></sequence></dataset>", encoding="utf-8")
    assert main(["eval", "--anystyle", str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:5] == ["group", "n", "P", "R", "F1"]
    assert lines[1].split()[:5] == ["ctc-form", "1", "1.000", "1.000", "1.000"]

"""TimeML export of a document's dates (:func:`pipeline.archive.export.timeml`): parsed back, every
TIMEX3 sits on the characters its record names. The article below is invented."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pipeline.archive.export import export_timeml, timeml

TEXT = "The harbour of Varno reopened on Friday after three weeks & more; talks resume later."


def _date(surface: str, timex_type: str, value: str | None, **more) -> dict:
    start = TEXT.index(surface)
    return {"start": start, "end": start + len(surface), "text": surface, "timex_type": timex_type, "value": value,
            "mod": None, "quant": None, "freq": None, "anchor": None, "anchor_kind": None, **more}


DOCUMENT = {"doc_id": "abc123", "source_path": "in/varno.txt", "text": TEXT, "published": "2011-11-02"}
DATES = [_date("Friday", "DATE", "2011-10-28", anchor="2011-11-02", anchor_kind="published"),
         _date("three weeks", "DURATION", "P3W", mod="MORE_THAN"),
         _date("later", "DATE", None, unresolved="a vague or relative expression")]


def _tags(xml: str) -> tuple[ET.Element, str, list[tuple[str, dict]]]:
    """The parsed root, the text of ``<TEXT>`` and each TIMEX3 in it as (its text, its attributes),
    checking that each sits where its characters are in the text."""
    root = ET.fromstring(xml)
    body = root.find("TEXT")
    text, tags = body.text or "", []
    for timex in body:
        tags.append((timex.text, dict(timex.attrib)))
        assert TEXT[len(text) : len(text) + len(timex.text)] == timex.text
        text += timex.text + (timex.tail or "")
    return root, text, tags


def test_timeml_parses_back_to_the_text_and_its_dates():
    root, text, tags = _tags(timeml(DOCUMENT, DATES))
    assert text == TEXT
    assert root.findtext("DOCID") == "abc123"
    assert root.find("DCT/TIMEX3").attrib == {"tid": "t0", "type": "DATE", "value": "2011-11-02", "functionInDocument": "CREATION_TIME"}
    assert tags == [
        ("Friday", {"tid": "t1", "type": "DATE", "value": "2011-10-28", "temporalFunction": "true", "anchorTimeID": "t0"}),
        ("three weeks", {"tid": "t2", "type": "DURATION", "value": "P3W", "mod": "MORE_THAN"}),
    ]  # "later" has no value: TIMEX3 requires one


def test_timeml_without_a_publication_date_has_no_creation_time():
    root, text, tags = _tags(timeml(dict(DOCUMENT, published=None), DATES[:1]))
    assert root.find("DCT") is None and text == TEXT
    assert tags == [("Friday", {"tid": "t1", "type": "DATE", "value": "2011-10-28"})]


def test_export_names_each_file_after_its_input(tmp_path):
    groups = [{"document": [DOCUMENT], "date": DATES}, {"document": [dict(DOCUMENT, doc_id="def456", source_path="other/varno.txt")]},
              {"document": [dict(DOCUMENT, doc_id="ghi789", source_path="in/barvel.md")], "date": []}]
    written = export_timeml(groups, tmp_path / "tml")
    assert [p.name for p in written] == ["varno.abc123.tml", "varno.def456.tml", "barvel.tml"]
    assert all(_tags(p.read_text(encoding="utf-8"))[1] == TEXT for p in written)

"""Records flattened into the archive's rows."""

from __future__ import annotations

import pytest

from pipeline.archive.tables import TABLES, date_span, document_rows


@pytest.mark.parametrize(("value", "span"), [
    ("2016", ("year", "2016-01-01", "2016-12-31")),
    ("2016-02", ("month", "2016-02-01", "2016-02-29")),
    ("2015-02", ("month", "2015-02-01", "2015-02-28")),
    ("2016-02-09", ("day", "2016-02-09", "2016-02-09")),
    ("2012-06-31", ("day", None, None)),
    ("June 2012", (None, None, None)),
    (None, (None, None, None)),
])
def test_date_span(value, span):
    assert date_span(value) == span


def test_every_row_has_its_table_width(sample_records):
    group = {kind: list(items) for kind, items in sample_records.items()}
    rows = document_rows(group)
    assert set(rows) == set(TABLES)
    for table, items in rows.items():
        assert all(len(row) == len(TABLES[table]) for row in items), table
    assert len(rows["claims"]) == len(group["claim"])
    assert len(rows["sources"]) == sum(len(n["sources"]) for n in group["footnote"])

"""The archive: one index over every document of an output folder.

The JSONL records stay the source of truth; :mod:`.index` builds an SQLite database from them
(tables keyed by the record ids, full-text search over claims, quotes and sources) and keeps it up
to date as runs add or replace documents. :mod:`.identity` decides which sources are one work and
which entities one archive entity across articles; :mod:`.queries` answers search, trace and the
fact-checker's checks; :mod:`.export` writes the tables as CSV or Parquet, and the dates as
TimeML. No spaCy here.
"""

EXPORT_FORMATS = ("csv", "parquet", "timeml")
"""The file formats :mod:`.export` writes (``timeml``: each document's dates, from the records)."""
CHECKS = ("unsupported", "inherited", "source-before-event", "source-after-event", "unparsed-source")
"""The checks :func:`.queries.checks` runs, in the order it reports them."""
TRACE_KINDS = ("work", "url", "outlet", "title", "person")
"""What :func:`.queries.trace` can be told a needle names."""

"""Running the pipeline over input files and writing the output folder.

Inputs are read and normalised first (an unreadable one is reported and skipped, never fatal to
the others), then streamed through ``nlp.pipe`` in batches; records are written as each document
is finished (see :mod:`pipeline.writer`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .ingest import InputError, SourceDocument, collect_inputs, read_document
from .records import RECORD_FILES, pipeline_info, records_for
from .writer import RecordWriter


@dataclass
class RunSummary:
    """What a run did: counts for the summary and the messages of inputs that failed."""

    documents: int = 0
    claims: Counter = field(default_factory=Counter)
    footnotes: int = 0
    sources: int = 0
    extracted: Counter = field(default_factory=Counter)
    problems: int = 0
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        support = ", ".join(f"{k} {self.claims[k]}" for k in ("direct", "inherited", "none"))
        return [
            f"documents  {self.documents}",
            f"claims     {sum(self.claims.values())} ({support})",
            f"footnotes  {self.footnotes}",
            f"sources    {self.sources}",
            f"quotes     {self.extracted['quote']}",
            f"dates      {self.extracted['date']}",
            f"entities   {self.extracted['entity']}",
            f"problems   {self.problems}",
            f"failed     {len(self.failures)}",
        ]


def read_inputs(paths: list[Path], summary: RunSummary) -> list[SourceDocument]:
    """Read every input; failures are recorded in ``summary`` and skipped."""
    documents = []
    for path in collect_inputs(paths):
        try:
            documents.append(read_document(path))
        except InputError as err:
            summary.failures.append(str(err))
    return documents


def run(nlp: Language, paths: list[Path], outdir: Path, batch_size: int = 8) -> RunSummary:
    """Process ``paths`` (files or folders) with ``nlp`` and write the JSONL files to ``outdir``."""
    summary = RunSummary()
    documents = read_inputs(paths, summary)
    info = pipeline_info(nlp)
    with RecordWriter(outdir, RECORD_FILES) as writer:
        stream = nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=batch_size)
        for doc, source in stream:
            records = records_for(doc, source, info)
            writer.write(records)
            summary.documents += 1
            summary.claims.update(c["support"] for c in records["claim"])
            summary.footnotes += len(records["footnote"])
            summary.sources += sum(len(f["sources"]) for f in records["footnote"])
            summary.extracted.update({kind: len(records[kind]) for kind in ("quote", "date", "entity")})
            summary.problems += len(records["document"][0]["problems"])
    return summary

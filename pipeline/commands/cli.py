"""Command line: ``ctc-pipeline run | report | validate | status | eval | bench``.

Errors a user can cause (a missing file, a model that is not installed, an unreadable input)
are reported in one line on stderr with a non-zero exit status, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine import DEFAULT_MODEL, ModelError, PipelineOrderError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ctc-pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="process articles and write JSONL records")
    run.add_argument("paths", nargs="*", type=Path, help="files, folders, glob patterns, or - for standard input (default: corpus/)")
    run.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder (default: output/)")
    run.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline, or blank:en (default: {DEFAULT_MODEL})")
    run.add_argument("--batch-size", type=_positive, default=8, help="documents per batch (and per committed part)")
    run.add_argument("-j", "--workers", type=_positive, default=1, help="worker processes (spaCy multiprocessing)")
    run.add_argument("--force", action="store_true", help="reprocess documents already in the output")
    run.add_argument("--max-chars", type=_positive, default=1_000_000, help="longest document accepted, in characters")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    run.add_argument("--html", action="store_true", help="also write each document's HTML report into OUTPUT/html/")
    run.add_argument("--wait", action="store_true", help="wait for another run writing to OUTPUT instead of refusing")

    report = commands.add_parser("report", help="write the fact-checker's HTML report of articles or of an output folder")
    report.add_argument("paths", nargs="+", type=Path, help="articles (files, folders, globs, -), or one output folder of a run")
    report.add_argument("-o", "--output", type=Path, default=Path("reports"),
                        help="a file ending in .html for a single document, else a folder (default: reports/)")
    report.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline, or blank:en (default: {DEFAULT_MODEL})")
    report.add_argument("--max-chars", type=_positive, default=1_000_000, help="longest document accepted, in characters")

    validate = commands.add_parser("validate", help="check an output folder against the schemas and offsets")
    validate.add_argument("outdir", type=Path, help="an output folder written by run")

    status = commands.add_parser("status", help="what an output folder holds: documents, failures, unmerged parts, its lock")
    status.add_argument("outdir", type=Path, help="an output folder written by run")

    evaluate = commands.add_parser("eval", help="score the pipeline against hand-checked gold annotations")
    evaluate.add_argument("--gold", type=Path, nargs="*", default=None, help="gold files (default: tests/gold/*.gold.json)")
    evaluate.add_argument("--model", default=DEFAULT_MODEL)
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--brat", type=Path, default=None,
                          help="instead: score direct quotations and speakers against BRAT attributions (.txt + .ann) in this folder")
    evaluate.add_argument("--limit", type=_positive, default=None, help="with --brat: only the first N articles")
    bench = commands.add_parser("bench", help="time a full run against bare nlp.pipe on the same texts")
    bench.add_argument("paths", nargs="*", type=Path, help="articles to copy (default: corpus/)")
    bench.add_argument("--model", default=DEFAULT_MODEL)
    bench.add_argument("--docs", type=_positive, default=None, help="build a corpus of this many copies (default: one each)")
    bench.add_argument("-j", "--workers", type=_positive, default=1, help="also time this many workers")
    bench.add_argument("--batch-size", type=_positive, default=8)
    return parser


def _cmd_bench(args: argparse.Namespace) -> int:
    from .bench import bench

    report = bench(args.model, args.paths or [Path("corpus")], docs=args.docs, workers=args.workers, batch_size=args.batch_size)
    width = max(map(len, report)) + 2
    for key, value in report.items():
        print(f"{key:<{width}}{value}")
    return EXIT_OK


def _pipeline(model: str):
    from ..engine.build import build_pipeline

    return build_pipeline(model)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _cmd_run(args: argparse.Namespace) -> int:
    from ..engine.batch import run
    from ..ingest.read import collect_inputs

    paths = args.paths or [Path("corpus")]
    if not collect_inputs(paths):
        print("error: no input files found (looked for .txt, .md and .html files)", file=sys.stderr)
        return EXIT_USAGE
    nlp = _pipeline(args.model)
    summary = run(nlp, paths, args.output, batch_size=args.batch_size, workers=args.workers, force=args.force,
                  max_chars=args.max_chars, quiet=args.quiet, wait=args.wait)
    for message in summary.failures:
        print(f"error: {message}", file=sys.stderr)
    for part in summary.set_aside:
        print(f"warning: {part} was damaged and is set aside; its documents are processed again", file=sys.stderr)
    if summary.interrupted:
        print(f"interrupted: {summary.documents} documents of this run are saved in {args.output}/; "
              "run the same command again to process the rest", file=sys.stderr)
        return EXIT_INTERRUPTED
    lines = summary.lines() + [f"output     {args.output}/ (failures in errors.jsonl)"]
    if args.html:
        from ..report.page import write_reports

        written = write_reports(args.output, args.output / "html")
        lines.append(f"html       {args.output / 'html'}/ ({len(written)} report{'' if len(written) == 1 else 's'})")
    print("\n".join(lines))
    return EXIT_PROBLEMS if summary.failures else EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    import tempfile

    from ..contract.records import RECORD_FILES
    from ..engine.batch import run
    from ..ingest.read import collect_inputs
    from ..report.page import write_reports

    if len(args.paths) == 1 and (args.paths[0] / RECORD_FILES["document"]).is_file():
        written, failures = write_reports(args.paths[0], args.output), []
    else:
        inputs = collect_inputs(args.paths)
        if not inputs:
            print("error: no input files found (looked for .txt, .md and .html files, or an output folder with documents.jsonl)",
                  file=sys.stderr)
            return EXIT_USAGE
        if args.output.suffix.lower() == ".html" and len(inputs) > 1:
            print(f"error: {args.output} names one file but {len(inputs)} articles were given; give a folder instead",
                  file=sys.stderr)
            return EXIT_USAGE
        nlp = _pipeline(args.model)
        with tempfile.TemporaryDirectory() as scratch:
            summary = run(nlp, args.paths, Path(scratch), max_chars=args.max_chars)
            failures = summary.failures
            written = write_reports(Path(scratch), args.output) if summary.documents else []
    for message in failures:
        print(f"error: {message}", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
    return EXIT_PROBLEMS if failures else EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..contract.validate import validate_outdir

    if not args.outdir.is_dir():
        print(f"error: {args.outdir}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    count, errors = validate_outdir(args.outdir)
    for error in errors:
        print(error)
    print(f"{count} records checked, {len(errors)} violations")
    return EXIT_PROBLEMS if errors else EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from ..store.folder import Store

    if not args.outdir.is_dir():
        print(f"error: {args.outdir}: no such folder", file=sys.stderr)
        return EXIT_USAGE
    store = Store(args.outdir)
    index, errors, holder = store.index(), store.errors(), store.holder()
    merged = sum(1 for home in index.home.values() if not home)
    lines = [f"documents  {len(index.home)} ({merged} merged, {len(index.home) - merged} in unmerged parts)",
             f"parts      {len(store.part_files())} (left by an interrupted run; the next run merges them)",
             f"failures   {len(errors)}"]
    lines += [f"  {e['source_path']}: {e['stage']}: {e['message']}" for e in errors]
    lines.append(f"lock       {holder or 'free'}")
    print("\n".join(lines))
    return EXIT_PROBLEMS if errors else EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    if args.brat is not None:
        return _cmd_eval_brat(args)
    from .evaluate import evaluate_files, format_report

    gold = args.gold or sorted(Path("tests/gold").glob("*.gold.json"))
    if not gold:
        print("error: no gold files given and none in tests/gold/", file=sys.stderr)
        return EXIT_USAGE
    nlp = _pipeline(args.model)
    report = evaluate_files(nlp, gold)
    if args.json:
        import json

        print(json.dumps(report, indent=1, sort_keys=True))
    else:
        print(format_report(report))
    return EXIT_OK


def _cmd_eval_brat(args: argparse.Namespace) -> int:
    from .evaluate_quotes import articles, evaluate_brat, format_brat_report

    if not args.brat.is_dir() or not articles(args.brat):
        print(f"error: {args.brat}: no articles with BRAT annotations (NAME.txt and NAME[_ANNOTATOR].ann)", file=sys.stderr)
        return EXIT_USAGE
    report = evaluate_brat(_pipeline(args.model), args.brat, args.limit)
    if args.json:
        import json

        print(json.dumps(report, indent=1, sort_keys=True))
    else:
        print(format_brat_report(report))
    return EXIT_OK


COMMANDS = {"run": _cmd_run, "report": _cmd_report, "validate": _cmd_validate, "status": _cmd_status, "eval": _cmd_eval,
            "bench": _cmd_bench}


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors a user's input or setup causes, reported in one line. Imported when needed
    (each is defined where it is raised), so that ``--help`` loads nothing heavy."""
    from ..ingest.read import InputError
    from ..report.page import ReportError
    from ..store.folder import StoreError

    return InputError, ModelError, PipelineOrderError, ReportError, StoreError


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        print(f"error: cannot read or write{where}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted; earlier output files are left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as err:
        if not isinstance(err, _user_errors()):
            raise
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE

"""Command line: ``ctc-pipeline run | report | validate | status | eval | bench``.

Errors a user can cause (a missing file, a model that is not installed, an unreadable input)
are reported in one line on stderr with a non-zero exit status, never as a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..engine import DEFAULT_MODEL, ModelError, PipelineOrderError
from ..ingest.formats import FORMATS

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ctc-pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="process articles and write JSONL records")
    run.add_argument("paths", nargs="*", type=Path, help="files, folders, glob patterns, or - for standard input (default: corpus/)")
    run.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder (default: output/)")
    run.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline, or blank:en (default: {DEFAULT_MODEL})")
    run.add_argument("--batch-size", type=_positive, default=8, help="documents per batch (and per committed part)")
    run.add_argument("-j", "--workers", type=_positive, default=1, help="worker processes (forked, each holding the pipeline; default: 1)")
    run.add_argument("--force", action="store_true", help="reprocess documents already in the output")
    run.add_argument("--max-chars", type=_positive, default=1_000_000, help="longest document accepted, in characters")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    run.add_argument("--html", action="store_true", help="also write each document's HTML report into OUTPUT/html/")
    run.add_argument("--wait", action="store_true", help="wait for another run writing to OUTPUT instead of refusing")
    _input_options(run)

    report = commands.add_parser("report", help="write the fact-checker's HTML report of articles or of an output folder")
    report.add_argument("paths", nargs="+", type=Path, help="articles (files, folders, globs, -), or one output folder of a run")
    report.add_argument("-o", "--output", type=Path, default=Path("reports"),
                        help="a file ending in .html for a single document, else a folder (default: reports/)")
    report.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline, or blank:en (default: {DEFAULT_MODEL})")
    report.add_argument("--max-chars", type=_positive, default=1_000_000, help="longest document accepted, in characters")
    _input_options(report)

    validate = commands.add_parser("validate", help="check an output folder against the schemas and offsets")
    validate.add_argument("outdir", type=Path, help="an output folder written by run")

    status = commands.add_parser("status", help="what an output folder holds: documents, failures, unmerged parts, its lock")
    status.add_argument("outdir", type=Path, help="an output folder written by run")

    evaluate = commands.add_parser("eval", help="score the pipeline against hand-checked gold annotations")
    evaluate.add_argument("--gold", type=Path, nargs="*", default=None, help="gold files (default: tests/gold/*.gold.json)")
    evaluate.add_argument("--timeml", type=Path, metavar="DIR", help="score the dates against the TIMEX3 tags of DIR's .tml files instead")
    evaluate.add_argument("--dev", type=Path, nargs="*", default=None, metavar="GOLD",
                          help="score whole documents of the development set instead (default: tests/dev/gold/*.gold.json)")
    evaluate.add_argument("--model", default=DEFAULT_MODEL)
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--anystyle", type=Path, default=None, metavar="FILE",
                          help="instead, score the note grammar on an AnyStyle dataset of tagged references")
    evaluate.add_argument("--brat", type=Path, default=None,
                          help="instead: score direct quotations and speakers against BRAT attributions (.txt + .ann) in this folder")
    evaluate.add_argument("--limit", type=_positive, default=None, help="with --brat: only the first N articles")
    bench = commands.add_parser("bench", help="time a full run against bare nlp.pipe on the same texts")
    bench.add_argument("paths", nargs="*", type=Path, help="articles to make the documents from (default: corpus/ and tests/dev/docs/ where they exist)")
    bench.add_argument("--model", default=DEFAULT_MODEL)
    bench.add_argument("--docs", type=_positive, default=None, help="make this many distinct documents from the articles in turn (default: one each)")
    bench.add_argument("-j", "--workers", type=_positive, default=1, help="also time this many workers")
    bench.add_argument("--batch-size", type=_positive, default=8)
    bench.add_argument("--repeat", type=_positive, default=3, help="interleaved rounds of the phases (medians are reported)")
    bench.add_argument("--growth", action="store_true",
                       help="instead: ms per 1,000 words of every component on the first article's body repeated 1, 4, 16, 64 times")
    return parser


def _cmd_bench(args: argparse.Namespace) -> int:
    from ..ingest.read import collect_inputs
    from .bench import bench, growth

    paths = args.paths or [p for p in (Path("corpus"), Path("tests/dev/docs")) if p.is_dir()] or [Path("corpus")]
    if args.growth:
        table = growth(args.model, collect_inputs(paths)[0])
        factors = list(next(iter(table.values())))
        print(f"{'ms per 1,000 words':<22}" + "".join(f"{f:>10}" for f in factors))
        for name, row in table.items():
            print(f"{name:<22}" + "".join(f"{row[f]:>10.2f}" for f in factors))
        return EXIT_OK
    report = bench(args.model, paths, docs=args.docs, workers=args.workers, batch_size=args.batch_size, repeat=args.repeat)
    width = max(map(len, report)) + 2
    for key, value in report.items():
        print(f"{key:<{width}}{value}")
    return EXIT_OK


def _pipeline(model: str):
    from ..engine.build import build_pipeline

    return build_pipeline(model)


def _input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=sorted(FORMATS), default=None,
                         help="format of standard input (default: HTML if it looks like HTML, else plain text)")
    command.add_argument("--date", type=_iso_date, default=None, metavar="YYYY[-MM[-DD]]",
                         help="publication date of the documents, over what they say themselves")


def _iso_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _cmd_run(args: argparse.Namespace) -> int:
    from ..engine.batch import run
    from ..ingest.read import collect_inputs

    paths = args.paths or [Path("corpus")]
    if not collect_inputs(paths, exclude=args.output):
        print("error: no input files found (looked for .txt, .md and .html files, in any case, and .htm, .xhtml, .markdown)",
              file=sys.stderr)
        return EXIT_USAGE
    nlp = _pipeline(args.model)
    summary = run(nlp, paths, args.output, batch_size=args.batch_size, workers=args.workers, force=args.force,
                  max_chars=args.max_chars, quiet=args.quiet, wait=args.wait, fmt=args.format, published=args.date)
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
            summary = run(nlp, args.paths, Path(scratch), max_chars=args.max_chars, fmt=args.format, published=args.date)
            failures = summary.failures
            written = write_reports(Path(scratch), args.output) if summary.documents else []
    for message in failures:
        print(f"error: {message}", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
    return EXIT_PROBLEMS if failures else EXIT_OK


def _no_folder(path: Path) -> bool:
    """Whether ``path`` is not a folder (said on stderr)."""
    if path.is_dir():
        return False
    print(f"error: {path}: no such folder", file=sys.stderr)
    return True


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..contract.validate import validate_outdir

    if _no_folder(args.outdir):
        return EXIT_USAGE
    count, errors = validate_outdir(args.outdir)
    for error in errors:
        print(error)
    print(f"{count} records checked, {len(errors)} violations")
    return EXIT_PROBLEMS if errors else EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from ..store.folder import Store

    if _no_folder(args.outdir):
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


def _cmd_eval_dev(args: argparse.Namespace) -> int:
    from .evaluate_documents import evaluate_documents, format_table

    gold = args.dev or sorted(Path("tests/dev/gold").glob("*.gold.json"))
    if not gold:
        print("error: no gold files given and none in tests/dev/gold/", file=sys.stderr)
        return EXIT_USAGE
    missing = [path for path in gold if not path.is_file()]
    if missing:
        print(f"error: {missing[0]}: no such gold file", file=sys.stderr)
        return EXIT_USAGE
    rows = evaluate_documents(_pipeline(args.model), gold)
    return _print_report(rows, args.json, format_table)


def _cmd_eval(args: argparse.Namespace) -> int:
    if args.brat is not None:
        from .evaluate_quotes import articles, evaluate_brat, format_brat_report

        if not args.brat.is_dir() or not articles(args.brat):
            print(f"error: {args.brat}: no articles with BRAT annotations (NAME.txt and NAME[_ANNOTATOR].ann)", file=sys.stderr)
            return EXIT_USAGE
        return _print_report(evaluate_brat(_pipeline(args.model), args.brat, args.limit), args.json, format_brat_report)
    if args.anystyle:
        from .evaluate_references import evaluate_references, format_references_report

        return _print_report(evaluate_references(args.anystyle), args.json, format_references_report)
    if args.timeml:
        from .evaluate_timeml import evaluate_timeml, format_timeml_report

        paths = sorted(args.timeml.rglob("*.tml"))
        if not paths:
            print(f"error: no .tml files in {args.timeml}", file=sys.stderr)
            return EXIT_USAGE
        return _print_report(evaluate_timeml(_pipeline(args.model), paths), args.json, format_timeml_report)
    from .evaluate import evaluate_files, format_report

    if args.dev is not None:
        return _cmd_eval_dev(args)
    gold = args.gold or sorted(Path("tests/gold").glob("*.gold.json"))
    if not gold:
        print("error: no gold files given and none in tests/gold/", file=sys.stderr)
        return EXIT_USAGE
    return _print_report(evaluate_files(_pipeline(args.model), gold), args.json, format_report)


def _print_report(report: dict, as_json: bool, formatter) -> int:
    if as_json:
        import json

        print(json.dumps(report, indent=1, sort_keys=True))
    else:
        print(formatter(report))
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

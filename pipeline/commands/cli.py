"""Command line: ``ctc-pipeline run | report | validate | status | index | search | trace | check | export | eval | bench``.

Diagnostics go through :mod:`logging` (logger ``pipeline``) to stderr: ``-q`` keeps warnings and
errors, ``-v`` adds debugging detail. Errors a user can cause (a mistyped option, a missing file,
a model that is not installed, an unwritable folder) are reported in one line with exit status 2,
never as a traceback; a closed standard output (``… | head``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path

from .. import SCHEMA_VERSION, __version__
from ..engine import DEFAULT_MODEL, ModelError, PipelineOrderError
from ..ingest.formats import FORMATS
from .archive import add_commands as add_archive_commands
from .archive import archive_errors

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DESCRIPTION = ("Extract citations, claims, quotations, dates and entities from footnoted articles into JSONL records; "
               "check, report on and score them.")
log = logging.getLogger("pipeline")


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows an option's default after its help, unless there is none to show or the help names it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default in (None, False, argparse.SUPPRESS) or "default" in text:
            return text
        return super()._get_help_string(action)


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser and each command's parser, by name."""
    parser = argparse.ArgumentParser(prog="ctc-pipeline", description=DESCRIPTION, formatter_class=_HelpFormatter)
    parser.add_argument("--version", action="version", version=f"ctc-pipeline {__version__} (records schema {SCHEMA_VERSION})")
    common = argparse.ArgumentParser(add_help=False)
    loudness = common.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", help="also log debugging detail (model loading, timings)")
    loudness.add_argument("-q", "--quiet", action="store_true", help="log only warnings and errors (no progress)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".", parents=[common],
                                   formatter_class=_HelpFormatter)

    run = command("run", "process articles and write their JSONL records into an output folder")
    run.add_argument("paths", nargs="*", type=Path,
                     help="files, folders, glob patterns, or - for standard input (default: corpus/ in the working folder)")
    run.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder")
    run.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline, or blank:LANG (rules only)")
    run.add_argument("--batch-size", type=_positive, default=8, help="documents per committed part")
    run.add_argument("-j", "--workers", type=_positive, default=1, help="worker processes (forked, each holding the pipeline)")
    run.add_argument("--force", action="store_true", help="reprocess documents already in the output")
    run.add_argument("--max-chars", type=_positive, default=1_000_000, help="longest document accepted, in characters")
    run.add_argument("--html", action="store_true", help="also write each document's HTML report into OUTPUT/html/")
    run.add_argument("--wait", action="store_true", help="wait for another run writing to OUTPUT instead of refusing")
    run.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="run the batches on a Dask cluster: a scheduler address (tcp://HOST:PORT) or local[:N] "
                          "to start N worker processes here (default: this process, or -j workers)")
    run.add_argument("--summary-json", type=Path, default=None, metavar="FILE",
                     help="also write the summary as JSON to FILE (keys in the README)")
    run.add_argument("--timeout-per-document", type=_seconds, default=None, metavar="SECONDS",
                     help="record a document still running after SECONDS as a failure and go on (default: no limit)")
    _input_options(run)

    report = command("report", "write the fact-checker's HTML report of articles or of an output folder")
    report.add_argument("paths", nargs="+", type=Path, help="articles (files, folders, globs, -), or one output folder of a run")
    report.add_argument("-o", "--output", type=Path, default=Path("reports"),
                        help="a file ending in .html for a single document, else a folder")
    report.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline, or blank:LANG (rules only)")
    report.add_argument("--max-chars", type=_positive, default=1_000_000, help="longest document accepted, in characters")
    _input_options(report)

    validate = command("validate", "check an output folder's records against the schemas, offsets and id references")
    validate.add_argument("outdir", type=Path, metavar="OUTDIR", help="an output folder written by run")

    status = command("status", "say what an output folder holds: documents, failures, unmerged parts, its lock")
    status.add_argument("outdir", type=Path, metavar="OUTDIR", help="an output folder written by run")

    evaluate = command("eval", "score the pipeline against hand-checked gold annotations")
    evaluate.add_argument("--gold", type=Path, nargs="*", default=None,
                          help="gold files (default: tests/gold/*.gold.json in the working folder)")
    evaluate.add_argument("--timeml", type=Path, metavar="DIR", help="score the dates against the TIMEX3 tags of DIR's .tml files instead")
    evaluate.add_argument("--errors", action="store_true",
                          help="with --timeml: every miss by kind, and the value errors counted by the form of the text")
    evaluate.add_argument("--dev", type=Path, nargs="*", default=None, metavar="GOLD",
                          help="score whole documents of the development set instead (default: tests/dev/gold/*.gold.json)")
    evaluate.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline, or blank:LANG (rules only)")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--anystyle", type=Path, default=None, metavar="FILE",
                          help="instead, score the note grammar on an AnyStyle dataset of tagged references")
    evaluate.add_argument("--brat", type=Path, default=None, metavar="DIR",
                          help="instead: score direct quotations and speakers against BRAT attributions (.txt + .ann) in DIR")
    evaluate.add_argument("--limit", type=_positive, default=None, help="with --brat: only the first N articles")
    ARCHIVE_COMMANDS.update(add_archive_commands(command))

    bench = command("bench", "time a full run against bare nlp.pipe on the same texts")
    bench.add_argument("paths", nargs="*", type=Path,
                       help="articles to make the documents from (default: corpus/ and tests/dev/docs/ of the working folder)")
    bench.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline, or blank:LANG (rules only)")
    bench.add_argument("--docs", type=_positive, default=None, help="make this many distinct documents from the articles in turn (default: one each)")
    bench.add_argument("-j", "--workers", type=_positive, default=1, help="also time this many workers")
    bench.add_argument("--batch-size", type=_positive, default=8,
                       help="documents per nlp.pipe batch of the bare phase, and per committed part of the runs")
    bench.add_argument("--repeat", type=_positive, default=3, help="interleaved rounds of the phases (medians are reported)")
    bench.add_argument("--growth", action="store_true",
                       help="instead: ms per 1,000 words of every component on the first article's body repeated 1, 4, 16, 64 times")
    bench.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="also time the run on a Dask cluster (tcp://HOST:PORT, or local[:N] started in the phase)")
    bench.add_argument("--pathological", action="store_true",
                       help="instead: seconds of each adversarial input (long runs, deep nesting, many markers) at 1, 4, 16 times a size")
    return parser, commands.choices


def _input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=sorted(FORMATS), default=None,
                         help="format of standard input (default: HTML if it looks like HTML, else plain text)")
    command.add_argument("--date", type=_iso_date, default=None, metavar="YYYY[-MM[-DD]]",
                         help="publication date of the documents, over what they say themselves")


def _iso_date(value: str) -> str:
    from datetime import date

    if re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value):
        try:
            date.fromisoformat(value if len(value) == 10 else "2000-01-01")
            return value
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {value}")
    return seconds


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _usage_error(message: str) -> int:
    log.error(message)
    return EXIT_USAGE


def _default_articles(paths: list[Path]) -> list[Path] | None:
    """``paths``, else ``corpus/`` of the working folder; ``None`` (said on stderr) when neither is there."""
    if paths:
        return paths
    if Path("corpus").is_dir():
        return [Path("corpus")]
    log.error("no articles given and no corpus/ folder here; give the articles: files, folders, globs, or - for standard input")
    return None


def _unwritable(folder: Path) -> bool:
    """Whether no file can be written in ``folder``, said on stderr. A missing folder is judged by
    the nearest folder above it that exists (where it would be made); nothing is left behind.
    Writing is tried, not inferred from permissions, so that it holds for root and read-only file
    systems."""
    import tempfile

    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not existing.is_dir():
        log.error(f"{existing} is not a folder; give -o a folder (it is made if missing)")
        return True
    try:
        tempfile.TemporaryFile(dir=existing).close()
    except OSError as err:
        log.error(f"{folder}: cannot write there ({err.strerror or err}); give -o a folder you can write to")
        return True
    return False


def _pipeline(model: str):
    import time

    from ..engine.build import build_pipeline

    started = time.perf_counter()
    nlp = build_pipeline(model)
    log.debug(f"pipeline {model} loaded in {time.perf_counter() - started:.1f} s: {', '.join(nlp.pipe_names)}")
    return nlp


def _cmd_run(args: argparse.Namespace) -> int:
    from ..ingest.read import collect_inputs

    paths = _default_articles(args.paths)
    if paths is None:
        return EXIT_USAGE
    files = collect_inputs(paths, exclude=args.output)
    if not files:
        return _usage_error("no input files found (looked for .txt, .md and .html files, in any case, and .htm, .xhtml, .markdown)")
    if args.summary_json is not None and not args.summary_json.parent.is_dir():
        return _usage_error(f"{args.summary_json}: no such folder {args.summary_json.parent}/ for the summary")
    if _unwritable(args.output):
        return EXIT_USAGE
    if args.scheduler and args.timeout_per_document:
        return _usage_error("--timeout-per-document works with this machine's workers only, not with --scheduler")
    log.debug(f"{len(files)} input files")
    from ..engine.batch import run

    nlp = _pipeline(args.model)
    summary = run(nlp, paths, args.output, batch_size=args.batch_size, workers=args.workers, force=args.force,
                  max_chars=args.max_chars, quiet=args.quiet, wait=args.wait, fmt=args.format, published=args.date,
                  timeout=args.timeout_per_document, scheduler=args.scheduler, model=args.model)
    for message in summary.failures:
        log.error(message)
    for part in summary.set_aside:
        log.warning(f"{part} was damaged and is set aside; its documents are processed again")
    if args.summary_json is not None:
        import json

        args.summary_json.write_text(json.dumps(summary.as_dict(args.output), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if summary.interrupted:
        log.error(f"interrupted; {summary.documents} documents of this run are saved in {args.output}/; "
                  "run the same command again to process the rest")
        return EXIT_INTERRUPTED
    lines = summary.lines() + [f"output     {args.output}/" + (" (failures in errors.jsonl)" if summary.failed_in_folder else "")]
    from ..archive.index import INDEX_FILE, update_index

    if not args.html and (args.output / INDEX_FILE).is_file():  # an index, once built, follows every run (--html: below)
        index = update_index(args.output)
        lines.append(f"index      {args.output / INDEX_FILE} ({index.added} added, {index.replaced} replaced, {index.removed} removed)")
    if args.html:
        from ..report.page import write_reports

        pages = len(write_reports(args.output, args.output / "html")) - 1  # the last is the archive page
        lines.append(f"html       {args.output / 'html'}/ ({pages} report{'' if pages == 1 else 's'} and the archive page index.html)")
    print("\n".join(lines))
    return EXIT_PROBLEMS if summary.failures else EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from ..contract.records import RECORD_FILES
    from ..report.page import write_reports

    folder = args.output.parent if args.output.suffix.lower() == ".html" else args.output
    if len(args.paths) == 1 and (args.paths[0] / RECORD_FILES["document"]).is_file():
        if _unwritable(folder):
            return EXIT_USAGE
        written, failures = write_reports(args.paths[0], args.output), []
    else:
        # imported here: it brings the date rules (dateparser), which an output folder does not need
        from ..ingest.read import collect_inputs

        inputs = collect_inputs(args.paths)
        if not inputs:
            return _usage_error("no input files found (looked for .txt, .md and .html files, or an output folder with documents.jsonl)")
        if args.output.suffix.lower() == ".html" and len(inputs) > 1:
            return _usage_error(f"{args.output} names one file but {len(inputs)} articles were given; give a folder instead")
        if _unwritable(folder):
            return EXIT_USAGE
        import tempfile

        from ..engine.batch import run

        nlp = _pipeline(args.model)
        with tempfile.TemporaryDirectory() as scratch:
            summary = run(nlp, args.paths, Path(scratch), max_chars=args.max_chars, fmt=args.format, published=args.date)
            failures = summary.failures
            written = write_reports(Path(scratch), args.output) if summary.documents else []
    for message in failures:
        log.error(message)
    for path in written:
        print(f"wrote {path}")
    return EXIT_PROBLEMS if failures else EXIT_OK


def _no_folder(path: Path) -> bool:
    """Whether ``path`` is not a folder (said on stderr)."""
    if path.is_dir():
        return False
    log.error(f"{path}: no such folder")
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


def _gold_files(given: list[Path] | None, folder: str, option: str) -> list[Path] | None:
    """``given``, else the ``*.gold.json`` files of ``folder``; ``None`` (said on stderr) when there
    are none or one given is missing."""
    gold = given or sorted(Path(folder).glob("*.gold.json"))
    if not gold:
        log.error(f"no gold files given and none in {folder}/ here; run from the checkout, or pass {option} FILE…")
        return None
    missing = [path for path in gold if not path.is_file()]
    if missing:
        log.error(f"{missing[0]}: no such gold file")
        return None
    return gold


def _cmd_eval(args: argparse.Namespace) -> int:
    if args.brat is not None:
        from .evaluate_quotes import articles, evaluate_brat, format_brat_report

        if not args.brat.is_dir() or not articles(args.brat):
            return _usage_error(f"{args.brat}: no articles with BRAT annotations (NAME.txt and NAME[_ANNOTATOR].ann)")
        return _print_report(evaluate_brat(_pipeline(args.model), args.brat, args.limit), args.json, format_brat_report)
    if args.anystyle:
        from .evaluate_references import evaluate_references, format_references_report

        return _print_report(evaluate_references(args.anystyle), args.json, format_references_report)
    if args.timeml:
        from .evaluate_timeml import evaluate_timeml, format_timeml_report

        paths = sorted(args.timeml.rglob("*.tml"))
        if not paths:
            return _usage_error(f"no .tml files in {args.timeml}")
        return _print_report(evaluate_timeml(_pipeline(args.model), paths), args.json,
                             lambda report: format_timeml_report(report, errors=args.errors))
    if args.dev is not None:
        from .evaluate_documents import evaluate_documents, format_table

        gold = _gold_files(args.dev, "tests/dev/gold", "--dev")
        return EXIT_USAGE if gold is None else _print_report(evaluate_documents(_pipeline(args.model), gold), args.json, format_table)
    from .evaluate import evaluate_files, format_report

    gold = _gold_files(args.gold, "tests/gold", "--gold")
    return EXIT_USAGE if gold is None else _print_report(evaluate_files(_pipeline(args.model), gold), args.json, format_report)


def _print_report(report: dict, as_json: bool, formatter) -> int:
    if as_json:
        import json

        print(json.dumps(report, indent=1, sort_keys=True))
    else:
        print(formatter(report))
    return EXIT_OK


def _cmd_bench(args: argparse.Namespace) -> int:
    from ..ingest.read import collect_inputs
    from .bench import bench, growth, pathological

    if args.pathological:
        print(f"{'input':<24}{'size':>8}{'chars':>10}{'seconds':>10}{'cpu s':>8}{'ms/1k chars':>13}  problems or error")
        for row in pathological(args.model):
            seconds = "skipped" if row["seconds"] is None else f"{row['seconds']:.2f}"
            cpu = "" if row["cpu_seconds"] is None else f"{row['cpu_seconds']:.2f}"
            per = "" if row["ms_per_1000_chars"] is None else f"{row['ms_per_1000_chars']:.2f}"
            print(f"{row['input']:<24}{row['size']:>8}{row['chars']:>10}{seconds:>10}{cpu:>8}{per:>13}  "
                  f"{row['error'] or ', '.join(row['problems']) or '-'}", flush=True)
        return EXIT_OK
    paths = args.paths or [p for p in (Path("corpus"), Path("tests/dev/docs")) if p.is_dir()] or _default_articles(args.paths)
    if paths is None:
        return EXIT_USAGE
    inputs = collect_inputs(paths)
    if not inputs:
        return _usage_error("no input files found (looked for .txt, .md and .html files)")
    if args.growth:
        table = growth(args.model, inputs[0])
        factors = list(next(iter(table.values())))
        print(f"{'ms per 1,000 words':<22}" + "".join(f"{f:>10}" for f in factors))
        for name, row in table.items():
            print(f"{name:<22}" + "".join(f"{row[f]:>10.2f}" for f in factors))
        return EXIT_OK
    report = bench(args.model, paths, docs=args.docs, workers=args.workers, batch_size=args.batch_size, repeat=args.repeat,
                   scheduler=args.scheduler)
    width = max(map(len, report)) + 2
    for key, value in report.items():
        print(f"{key:<{width}}{value}")
    return EXIT_OK



ARCHIVE_COMMANDS: dict = {}
COMMANDS = {"run": _cmd_run, "report": _cmd_report, "validate": _cmd_validate, "status": _cmd_status, "eval": _cmd_eval,
            "bench": _cmd_bench}


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors a user's input or setup causes, reported in one line. Imported when needed
    (each is defined where it is raised), so that ``--help`` loads nothing heavy."""
    from ..engine.distributed import SchedulerError
    from ..ingest.read import InputError
    from ..report.page import ReportError
    from ..store.folder import StoreError

    return InputError, ModelError, PipelineOrderError, ReportError, StoreError, SchedulerError, *archive_errors()


class _LogFormatter(logging.Formatter):
    """Progress and notes as they are; warnings and errors prefixed ``warning:`` / ``error:``."""

    def format(self, record: logging.LogRecord) -> str:
        message = super().format(record)
        return message if record.levelno == logging.INFO else f"{record.levelname.lower()}: {message}"


def _configure_logging(verbose: bool, quiet: bool) -> None:
    """The ``pipeline`` logger writes to the current stderr at the level ``-v``/``-q`` ask for."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LogFormatter())
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)


def _unrecognized(extra: list[str], command: argparse.ArgumentParser) -> str:
    """The one-line message for arguments ``command`` does not know, with the nearest option."""
    import difflib

    options = [option for action in command._actions for option in action.option_strings]
    guesses = [m for arg in extra if arg.startswith("--") for m in difflib.get_close_matches(arg.split("=")[0], options, 1)]
    hint = f" (did you mean {guesses[0]}?)" if guesses else ""
    return f"unrecognized argument{'s' if len(extra) > 1 else ''}: {' '.join(extra)}{hint}"


def main(argv: list[str] | None = None) -> int:
    parser, commands = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        commands[args.command].error(_unrecognized(extra, commands[args.command]))
    _configure_logging(args.verbose, args.quiet)
    try:
        code = {**COMMANDS, **ARCHIVE_COMMANDS}[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        # the reader went away (``… | head``): end quietly, as the Python docs advise for SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        log.error(f"cannot read or write{where}: {err.strerror or err}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        log.error("interrupted; earlier output files are left as they were")
        return EXIT_INTERRUPTED
    except Exception as err:
        if not isinstance(err, _user_errors()):
            raise
        log.error(str(err))
        return EXIT_USAGE

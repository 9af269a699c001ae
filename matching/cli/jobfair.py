"""`python -m matching jobfair …`: the job-fair commands.

`jobfair solve` reads a folder of CSV files (`matching.jobfair.files`) or a stored event (through the
service); both give the core the same input and the same `SolveOptions`, built once from the flags. The
flags of `--method` and of each method's own options come from the method registry.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from matching.cli import exit_codes
from matching.cli.arguments import (
    add_event_source,
    add_option_flags,
    flag_name,
    given_options,
    options_from_args,
)
from matching.cli.timetable import add_timetable_parsers
from matching.jobfair.files import read_contract_dir, write_output
from matching.jobfair.methods import METHODS
from matching.jobfair.pipeline import SolveOptions, solve_frames
from matching.jobfair.result import REASON_TEXT, JobFairResult, Method
from matching.messages import Message, cli_language, render
from matching.options import interface_fields

SOLVE_EPILOG = (
    "DIR holds graduates.csv and positions.csv, and optionally graduate_preferences.csv, "
    "position_preferences.csv and locks.csv (UTF-8, UTF-8 with BOM or GB18030; header row).\n\n"
    "Output columns: graduate_id,position_id,enterprise_id,score,graduate_rank,position_rank,reason.\n"
    "reason codes for unmatched graduates:\n"
    + "\n".join(f"  {reason.value}: {text}" for reason, text in REASON_TEXT.items())
    + "\n\nExit codes: 0 done, 1 internal error, 2 bad input, 3 no solution."
)


def register(subparsers: Any) -> None:
    """Add the `jobfair` command group to the top-level parser's subparsers."""
    jobfair = subparsers.add_parser(
        "jobfair",
        help="job-fair matching: stable and welfare placements, shortlists, the interview timetable",
        description="Job-fair matching of graduates to positions.",
    )
    commands = jobfair.add_subparsers(dest="jobfair_command", required=True, metavar="COMMAND")
    add_solve_parser(commands)
    add_timetable_parsers(commands)


def _method_prefix(method: Method) -> str:
    return f"{method.value}."


def add_solve_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "solve",
        help="match the graduates and positions of a folder of CSV files or of a stored fair",
        description="Solve a job fair given as CSV files in DIR (or a stored fair with --event); the result "
        "goes to FILE (or stdout), a one-line summary and the pre-check's notes to stderr.",
        epilog=SOLVE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_event_source(
        parser,
        "solve a stored job fair instead of DIR; the run and its proposals are saved, and every "
        "approved pair stays fixed and every rejected pair forbidden",
    )
    lang = cli_language()
    parser.add_argument(
        "--method",
        required=True,
        type=Method,
        choices=list(METHODS),
        metavar="{" + ",".join(method.value for method in METHODS) + "}",
        help="; ".join(
            f"{m.value}: {render(spec.label + '.help', lang=lang).rstrip('.')}" for m, spec in METHODS.items()
        ),
    )
    add_option_flags(parser, SolveOptions, exclude=("method",))
    for method, spec in METHODS.items():
        group = parser.add_argument_group(f"--method {method.value}")
        add_option_flags(group, spec.options_type, prefix=_method_prefix(method))
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the result here instead of stdout")
    parser.set_defaults(handler=handle_solve, parser=parser)
    return parser


def options_from_flags(args: argparse.Namespace) -> SolveOptions:
    """The one `SolveOptions` of this command: the method's own flags only with that method."""
    method: Method = args.method
    for other, spec in METHODS.items():
        if other is method:
            continue
        given = given_options(args, spec.options_type, prefix=_method_prefix(other))
        if given:
            field = next(f for f in interface_fields(spec.options_type) if f.name in given)
            args.parser.error(f"{flag_name(field)} applies only to --method {other.value}")
    spec = METHODS[method]
    method_options = options_from_args(args, spec.options_type, prefix=_method_prefix(method))
    return options_from_args(args, SolveOptions, method=method, method_options=method_options)


def solve_dir(directory: Path, options: SolveOptions) -> JobFairResult:
    """Read and validate DIR (InputError naming file, row and column) and solve."""
    started = time.perf_counter()
    frames = read_contract_dir(directory)
    read = time.perf_counter() - started
    result = solve_frames(
        frames.graduates,
        frames.positions,
        frames.graduate_preferences,
        frames.position_preferences,
        frames.locks,
        options,
    )
    result.timings.add("read", read)
    return result


def handle_solve(args: argparse.Namespace) -> int:
    if (args.directory is None) == (args.event is None):
        args.parser.error("give either DIR or --event CODE")
    options = options_from_flags(args)
    if args.event is None:
        return report(solve_dir(args.directory, options), args.out)
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.jobfair import run_event

    summary, result = run_event(db.sessions(), args.event, options, actor=Actor.operator())
    code = report(result, args.out)
    lang = cli_language()
    moved = (
        ""
        if summary.moved is None
        else render(
            "cli.moved_graduates",
            {"moved": summary.moved, "method": Message(f"method.{options.method.value}")},
            lang,
        )
    )
    print(
        render(
            "cli.saved_run", {"run_id": summary.run_id, "kept": summary.kept_decisions, "moved": moved}, lang
        ),
        file=sys.stderr,
    )
    return code


def report(result: JobFairResult, out: Path | None) -> int:
    """Write the result CSV, the summary line and the pre-check's notes; refused input becomes an
    InputError (exit 2: the findings name the file, row and column to change)."""
    lang = cli_language()
    if result.candidates is None and not result.feasibility.feasible:
        raise result.feasibility.input_error()
    if result.has_solution:
        if out is None:
            write_output(result, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as handle:
                write_output(result, handle)
    print(result.summary(lang), file=sys.stderr)
    for note in result.feasibility.notes:
        print(f"  {note.text(lang)}", file=sys.stderr)
    return exit_codes.for_result(result)

"""`python -m matching jobfair schedule|reschedule …`: the fair-day timetable from CSV files.

`add_timetable_parsers(commands)` adds both subcommands to the `jobfair` command group. Handlers return
the exit code: 0 a timetable was written, 3 none exists or none was found (the pre-check's explanation on
stderr); an InputError (exit 2 in `matching.cli`) names file, row and column. The file contract is in
`files`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from matching.arguments import non_negative_int, positive_int, positive_seconds
from matching.errors import InputError, InputProblem
from matching.jobfair.timetable.files import (
    check_output_path,
    read_previous_timetable,
    read_timetable_dir,
    write_html,
    write_output,
)
from matching.jobfair.timetable.model import DEFAULT_TIME_LIMIT_SECONDS, SolveOptions
from matching.jobfair.timetable.pipeline import reschedule_frames, schedule_frames
from matching.jobfair.timetable.reschedule import DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS
from matching.jobfair.timetable.result import REASON_TEXT, TimetableResult

EXIT_OK = 0
EXIT_NO_TIMETABLE = 3

EPILOG = (
    "DIR holds fair.csv, interviews.csv, booths.csv and optionally graduates.csv (UTF-8, header row).\n\n"
    "Output columns: graduate_id,enterprise_id,position_id,start,end,interviewer,moved,reason.\n"
    "reason codes for interviews not scheduled:\n"
    + "\n".join(f"  {reason.value}: {text}" for reason, text in REASON_TEXT.items())
    + "\n\nExit codes: 0 timetable written, 2 bad input, 3 no timetable (the explanation is on stderr)."
)


def add_timetable_parsers(commands: Any) -> None:
    """Add `schedule` and `reschedule` to the `jobfair` subparsers."""
    schedule = commands.add_parser(
        "schedule",
        help="the fair day's interview timetable from CSV files in DIR",
        description="Schedule the fair day's interviews (CP-SAT): as many as possible, weighted by fit and "
        "wish rank, then fewer idle gaps. The timetable goes to FILE (or stdout), a summary line to stderr.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(schedule, DEFAULT_TIME_LIMIT_SECONDS)
    schedule.set_defaults(handler=handle_schedule)

    reschedule = commands.add_parser(
        "reschedule",
        help="re-plan the rest of the fair day after no-shows, walk-ins, late enterprises",
        description="Re-plan the rest of the day after --now: held and started interviews (and those whose "
        "previous start is before --now) stay fixed; the others move as little as possible.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(reschedule, DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS)
    reschedule.add_argument(
        "--previous",
        type=Path,
        metavar="TIMETABLE",
        help="with DIR: the previous timetable (output of schedule: .csv, or .xlsx with its 'timetable' "
        "sheet); with --event the stored latest timetable is used",
    )
    reschedule.add_argument("--now", required=True, metavar="HH:MM", help="the time of the re-plan")
    reschedule.set_defaults(handler=handle_reschedule)


def _add_common(parser: argparse.ArgumentParser, time_limit: float) -> None:
    parser.add_argument(
        "directory", metavar="DIR", type=Path, nargs="?", help="folder with the CSV files (or use --event)"
    )
    parser.add_argument(
        "--event",
        metavar="CODE",
        help="a stored job fair instead of DIR: interviews from its latest shortlist (approved pairs, or all "
        "proposed while none is approved), booths and availability as stored; the timetable is saved as a run",
    )
    parser.add_argument(
        "--time-limit",
        type=positive_seconds,
        default=time_limit,
        metavar="S",
        help=f"seconds for the whole solve, search included (default {time_limit:g})",
    )
    parser.add_argument(
        "--seed", type=non_negative_int, default=0, metavar="N", help="solver seed (default 0)"
    )
    parser.add_argument(
        "--workers", type=positive_int, metavar="N", help="solver threads (default: one per CPU)"
    )
    parser.add_argument(
        "--require-all",
        action="store_true",
        help="every interview must be placed; otherwise no timetable (exit 3) with the reason",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write the timetable to FILE (.csv or .xlsx)"
    )
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write a printable page (.html)")


def options_from_args(args: argparse.Namespace) -> SolveOptions:
    return SolveOptions(
        time_limit_seconds=args.time_limit,
        seed=args.seed,
        workers=args.workers,
        require_all=args.require_all,
    )


def _source(args: argparse.Namespace) -> None:
    if (args.directory is None) == (args.event is None):
        raise InputError(InputProblem("(command line)", "give either DIR or --event CODE"))


def _stored(args: argparse.Namespace, now: str | None = None) -> int:
    """Schedule (or re-schedule) a stored event through the service; the run is saved."""
    from matching.services import db
    from matching.services import timetable as service
    from matching.services.access import Actor

    if now is None:
        _, result = service.schedule_event(
            db.sessions(), args.event, actor=Actor.operator(), time_limit=args.time_limit, seed=args.seed
        )
    else:
        _, result = service.reschedule_event(
            db.sessions(), args.event, now, actor=Actor.operator(), time_limit=args.time_limit, seed=args.seed
        )
    return report(result, args.out, args.html)


def handle_schedule(args: argparse.Namespace) -> int:
    check_output_path(args.out)
    check_output_path(args.html, html=True)
    _source(args)
    if args.event is not None:
        return _stored(args)
    frames = read_timetable_dir(args.directory)
    result = schedule_frames(
        frames.fair, frames.interviews, frames.booths, frames.graduates, options_from_args(args)
    )
    return report(result, args.out, args.html)


def handle_reschedule(args: argparse.Namespace) -> int:
    check_output_path(args.out)
    check_output_path(args.html, html=True)
    _source(args)
    if args.event is not None:
        return _stored(args, now=args.now)
    if args.previous is None:
        raise InputError(InputProblem("(command line)", "reschedule DIR needs --previous TIMETABLE"))
    frames = read_timetable_dir(args.directory)
    previous = read_previous_timetable(args.previous)
    result = reschedule_frames(
        frames.fair,
        frames.interviews,
        frames.booths,
        frames.graduates,
        previous,
        args.now,
        options_from_args(args),
        previous_file=args.previous.name,
    )
    return report(result, args.out, args.html)


def report(result: TimetableResult, out: Path | None, html: Path | None) -> int:
    """Write the timetable (and page) and the summary line; without a timetable, the explanation."""
    if not result.has_timetable:
        print(result.summary(), file=sys.stderr)
        print(result.message, file=sys.stderr)
        explanation = result.precheck.explanation()
        if explanation and not result.precheck.feasible:
            print(explanation, file=sys.stderr)
        return EXIT_NO_TIMETABLE
    write_output(result, out)
    if html is not None:
        write_html(result, html)
    print(result.summary(), file=sys.stderr)
    return EXIT_OK

"""`python -m matching jobfair schedule|reschedule …`: the fair-day timetable from CSV files or a stored fair.

`add_timetable_parsers(commands)` adds both subcommands to the `jobfair` command group. Handlers return
the exit code: 0 a timetable was written (interviews it leaves out have their reason in it), 3 none exists
or none was found (the pre-check's explanation on stderr; with --require-all, one that leaves any out); an InputError (exit 2) names file, row and column. The
file contract is in `matching.jobfair.timetable.files`. The flags of the solver are `SolveOptions`' fields.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from matching.cli import exit_codes
from matching.cli.arguments import add_event_source, add_option_flags, options_from_args
from matching.errors import InputError, InputProblem
from matching.jobfair.timetable.export import Audience, Selection
from matching.jobfair.timetable.files import (
    check_output_path,
    read_previous_timetable,
    read_timetable_dir,
    write_html,
    write_output,
)
from matching.jobfair.timetable.model import DEFAULT_TIME_LIMIT_SECONDS, SolveOptions
from matching.jobfair.timetable.pipeline import reschedule_frames, schedule_frames
from matching.jobfair.timetable.problem import InterviewStatus
from matching.jobfair.timetable.reschedule import DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS
from matching.jobfair.timetable.result import REASON_TEXT, TimetableResult
from matching.messages import cli_language

EPILOG = (
    "DIR holds fair.csv, interviews.csv, booths.csv and optionally graduates.csv (UTF-8, header row).\n\n"
    "Output columns: graduate_id,enterprise_id,position_id,start,end,interviewer,moved,reason.\n"
    "reason codes for interviews not scheduled:\n"
    + "\n".join(f"  {reason.value}: {text}" for reason, text in REASON_TEXT.items())
    + "\n\nExit codes: 0 timetable written, 1 internal error, 2 bad input, 3 no timetable (the explanation "
    "is on stderr)."
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
    _add_day_parsers(commands)


def _add_day_parsers(commands: Any) -> None:
    """The fair day's changes on a stored fair, as the timetable page makes them: marks, walk-ins, booths."""
    mark = commands.add_parser(
        "mark", help="mark a stored fair's interview held, started, no-show, cancelled (or pending again)"
    )
    mark.add_argument("--event", required=True, metavar="CODE")
    mark.add_argument("--graduate", required=True, metavar="CODE")
    mark.add_argument("--enterprise", required=True, metavar="CREDIT_CODE")
    mark.add_argument("status", choices=[status.value for status in InterviewStatus])
    mark.set_defaults(handler=_mark)
    walk_in = commands.add_parser(
        "walk-in", help="a graduate who turned up at a booth: placed by the next reschedule --event"
    )
    walk_in.add_argument("--event", required=True, metavar="CODE")
    walk_in.add_argument("--graduate", required=True, metavar="CODE")
    walk_in.add_argument("--enterprise", required=True, metavar="CREDIT_CODE")
    walk_in.set_defaults(handler=_walk_in)
    booth = commands.add_parser(
        "booth", help="a booth's change on the day: interviewers, arrival, departure (empty clears it)"
    )
    booth.add_argument("--event", required=True, metavar="CODE")
    booth.add_argument("--enterprise", required=True, metavar="CREDIT_CODE")
    booth.add_argument("--interviewers", type=int, metavar="N")
    booth.add_argument("--arrives", metavar="HH:MM")
    booth.add_argument("--leaves", metavar="HH:MM")
    booth.set_defaults(handler=_booth)


def _mark(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services import timetable as service
    from matching.services.access import Actor

    with db.sessions()() as session, session.begin():
        interview = service.mark_interview_of(
            session, args.event, args.graduate, args.enterprise, args.status, Actor.operator()
        )
    print(f"interview {interview} is now {args.status}", file=sys.stderr)
    return exit_codes.DONE


def _walk_in(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services import timetable as service
    from matching.services.access import Actor

    with db.sessions()() as session, session.begin():
        entry = service.add_walk_in(session, args.event, args.graduate, args.enterprise, Actor.operator())
        interview = entry.id
    print(f"walk-in added as interview {interview}; `jobfair reschedule --event` places it", file=sys.stderr)
    return exit_codes.DONE


def _booth(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services import timetable as service
    from matching.services.access import Actor

    if args.interviewers is not None and args.interviewers < 0:
        raise InputError(InputProblem("(command line)", "--interviewers must be 0 or more"))
    with db.sessions()() as session, session.begin():
        booth = service.change_booth(
            session,
            args.event,
            args.enterprise,
            Actor.operator(),
            interviewers=args.interviewers,
            arrives=args.arrives,
            leaves=args.leaves,
        )
        shown = f"{booth.interviewers} interviewers, {booth.arrives or 'opening'}–{booth.leaves or 'closing'}"
    print(f"booth of {args.enterprise}: {shown}", file=sys.stderr)
    return exit_codes.DONE


def _add_common(parser: argparse.ArgumentParser, time_limit: float) -> None:
    add_event_source(
        parser,
        "a stored job fair instead of DIR: interviews from its latest shortlist (approved pairs, or all "
        "proposed while none is approved), booths and availability as stored; the timetable is saved as a run",
    )
    add_option_flags(parser, SolveOptions, defaults={"time_limit": time_limit})
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write the timetable to FILE (.csv or .xlsx)"
    )
    parser.add_argument(
        "--html", type=Path, metavar="FILE", help="also write printable itineraries for A4 (.html)"
    )
    parser.add_argument(
        "--for",
        dest="selection",
        type=_selection,
        default=Selection(),
        metavar="WHO",
        help="with --html: whose itineraries: all (default: a page per graduate, then per booth), "
        "booth[:CREDIT_CODE or BOOTH] (the enterprise's interviewers), graduate[:CODE], or with --event "
        "university[:NAME] (its graduates' interviews, for the employment office)",
    )
    parser.add_argument(
        "--purpose",
        help="with --event and --out/--html: why the timetable is taken out (it names graduates; logged)",
    )


def _selection(text: str) -> Selection:
    try:
        return Selection.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def options_from_flags(args: argparse.Namespace, time_limit: float) -> SolveOptions:
    """The one `SolveOptions` of this command (the command's own default time limit)."""
    options: SolveOptions = options_from_args(args, SolveOptions, time_limit=args.time_limit or time_limit)
    return options


def _source(args: argparse.Namespace) -> None:
    if (args.directory is None) == (args.event is None):
        raise InputError(InputProblem("(command line)", "give either DIR or --event CODE"))
    selection: Selection = args.selection
    if selection.audience is not Audience.ALL and args.html is None:
        raise InputError(InputProblem("(command line)", "--for chooses the itineraries of --html FILE"))
    if selection.audience is Audience.UNIVERSITY and args.event is None:
        raise InputError(
            InputProblem(
                "(command line)", "--for university needs --event (the files of DIR name no university)"
            )
        )


def _stored(args: argparse.Namespace, options: SolveOptions, now: str | None = None) -> int:
    """Schedule (or re-schedule) a stored event through the service; the run is saved."""
    from matching.services import db
    from matching.services import timetable as service
    from matching.services.access import Actor
    from matching.services.disclosure import check_release

    actor = Actor.operator()
    files = [path for path in (args.out, args.html) if path is not None]
    if files:  # the timetable names graduates: refuse before solving, log what is written after
        check_release(actor, personal=True, purpose=args.purpose)
    if now is None:
        summary, result = service.schedule_event(db.sessions(), args.event, options, actor=actor)
    else:
        summary, result = service.reschedule_event(db.sessions(), args.event, now, options, actor=actor)
    if not result.has_timetable:
        return report(result, None, None, to_stdout=False)
    lang = cli_language()
    # Stored, the timetable is the run's; it leaves as files only when asked (never to stdout). The
    # printouts are the service's, made from the stored run (they know the graduates' universities).
    if args.out is not None and args.out.suffix.lower() == ".xlsx":
        content = service.document(
            db.sessions(),
            summary.run_id,
            "timetable.xlsx",
            actor,
            args.purpose,
            lang=lang,
            logged_as=args.out.name,
        )
        args.out.write_bytes(content)
    elif args.out is not None:
        write_output(result, args.out, lang)
        service.release_files(db.sessions(), summary.run_id, [args.out.name], actor, args.purpose)
    if args.html is not None:
        content = service.document(
            db.sessions(),
            summary.run_id,
            "itineraries.html",
            actor,
            args.purpose,
            selection=args.selection,
            lang=lang,
            logged_as=args.html.name,
        )
        args.html.write_bytes(content)
    return report(result, None, None, to_stdout=False)


def handle_schedule(args: argparse.Namespace) -> int:
    check_output_path(args.out)
    check_output_path(args.html, html=True)
    _source(args)
    options = options_from_flags(args, DEFAULT_TIME_LIMIT_SECONDS)
    if args.event is not None:
        return _stored(args, options)
    frames = read_timetable_dir(args.directory)
    result = schedule_frames(frames.fair, frames.interviews, frames.booths, frames.graduates, options)
    return report(result, args.out, args.html, selection=args.selection)


def handle_reschedule(args: argparse.Namespace) -> int:
    check_output_path(args.out)
    check_output_path(args.html, html=True)
    _source(args)
    options = options_from_flags(args, DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS)
    if args.event is not None:
        return _stored(args, options, now=args.now)
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
        options,
        previous_file=args.previous.name,
    )
    return report(result, args.out, args.html, selection=args.selection)


def report(
    result: TimetableResult,
    out: Path | None,
    html: Path | None,
    to_stdout: bool = True,
    selection: Selection | None = None,
) -> int:
    """Write the timetable (and page) and the summary line; without a timetable, the explanation."""
    lang = cli_language()
    if not result.has_timetable:
        print(result.summary(lang), file=sys.stderr)
        print(result.message, file=sys.stderr)
        explanation = result.precheck.explanation(lang=lang)
        if explanation and not result.precheck.feasible:
            print(explanation, file=sys.stderr)
        return exit_codes.for_result(result)
    if out is not None or to_stdout:
        write_output(result, out, lang)
    if html is not None:
        write_html(result, html, selection=selection, lang=lang)
    print(result.summary(lang), file=sys.stderr)
    drops = result.drops(lang)
    if drops:
        print(drops, file=sys.stderr)
    return exit_codes.for_result(result)

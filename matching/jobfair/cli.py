"""`python -m matching jobfair …`: the job-fair commands.

`jobfair solve DIR` runs a method on the CSV files of DIR (see `files`). The DIR code path is
`solve_dir`, so other sources (stored events) can share the handler's output and exit codes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from matching.arguments import non_negative_int, positive_int
from matching.jobfair.candidates import DEFAULT_CANDIDATES_PER_GRADUATE
from matching.jobfair.files import read_contract_dir, write_output
from matching.jobfair.pipeline import SolveOptions, solve
from matching.jobfair.problem import build_problem
from matching.jobfair.result import REASON_TEXT, JobFairResult, Method
from matching.jobfair.shortlist import DEFAULT_RECOMMENDATIONS_PER_GRADUATE
from matching.jobfair.stable import Proposing
from matching.jobfair.timetable.cli import add_timetable_parsers

EXIT_OK = 0
EXIT_NO_SOLUTION = 1

SOLVE_EPILOG = (
    "DIR holds graduates.csv and positions.csv, and optionally graduate_preferences.csv, "
    "position_preferences.csv and locks.csv (UTF-8, header row).\n\n"
    "Output columns: graduate_id,position_id,enterprise_id,score,graduate_rank,position_rank,reason.\n"
    "reason codes for unmatched graduates:\n"
    + "\n".join(f"  {reason.value}: {text}" for reason, text in REASON_TEXT.items())
)


def register(subparsers: Any) -> None:
    """Add the `jobfair` command group to the top-level parser's subparsers."""
    jobfair = subparsers.add_parser(
        "jobfair",
        help="job-fair matching: stable and welfare placements, shortlists",
        description="Job-fair matching of graduates to positions.",
    )
    commands = jobfair.add_subparsers(dest="jobfair_command", required=True, metavar="COMMAND")
    add_solve_parser(commands)
    add_timetable_parsers(commands)


def add_solve_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "solve",
        help="solve a job fair given as CSV files in DIR",
        description="Solve a job fair given as CSV files in DIR; the result goes to FILE (or stdout) and a "
        "one-line summary to stderr.",
        epilog=SOLVE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "directory", metavar="DIR", type=Path, nargs="?", help="folder with the CSV files (or use --event)"
    )
    parser.add_argument(
        "--event",
        metavar="CODE",
        help="solve a stored job fair instead of DIR; the run and its proposals are saved, and every "
        "approved pair stays fixed and every rejected pair forbidden",
    )
    parser.add_argument(
        "--method",
        required=True,
        type=Method,
        choices=list(Method),
        metavar="{" + ",".join(m.value for m in Method) + "}",
        help="stable: deferred acceptance; welfare: maximise total fit; shortlist: K recommendations each",
    )
    parser.add_argument(
        "--proposing",
        type=Proposing,
        choices=list(Proposing),
        metavar="{" + ",".join(p.value for p in Proposing) + "}",
        help="stable only: which side proposes (default graduates, the graduate-optimal matching)",
    )
    parser.add_argument(
        "--per-graduate",
        type=positive_int,
        metavar="K",
        help=f"shortlist: recommendations per graduate (default {DEFAULT_RECOMMENDATIONS_PER_GRADUATE}); "
        f"stable/welfare: positions considered per graduate without a wish list "
        f"(default {DEFAULT_CANDIDATES_PER_GRADUATE})",
    )
    parser.add_argument(
        "--maximise-matches",
        action="store_true",
        help="welfare only: match as many graduates as possible first, then maximise total fit",
    )
    parser.add_argument(
        "--seed", type=non_negative_int, metavar="N", help="lottery seed for ties (default: drawn)"
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the result here instead of stdout")
    parser.set_defaults(handler=handle_solve, parser=parser)
    return parser


def options_from_args(args: argparse.Namespace) -> SolveOptions:
    method: Method = args.method
    if args.proposing is not None and method is not Method.STABLE:
        args.parser.error("--proposing applies only to --method stable")
    if args.maximise_matches and method is not Method.WELFARE:
        args.parser.error("--maximise-matches applies only to --method welfare")
    options: dict[str, Any] = {"method": method, "seed": args.seed, "maximise_matches": args.maximise_matches}
    if args.proposing is not None:
        options["proposing"] = args.proposing
    if args.per_graduate is not None:
        options["per_graduate" if method is Method.SHORTLIST else "candidates_per_graduate"] = (
            args.per_graduate
        )
    return SolveOptions(**options)


def solve_dir(directory: Path, options: SolveOptions) -> JobFairResult:
    """Read and validate DIR (InputError naming file, row and column) and solve."""
    started = time.perf_counter()
    frames = read_contract_dir(directory)
    read = time.perf_counter()
    problem = build_problem(
        frames.graduates,
        frames.positions,
        frames.graduate_preferences,
        frames.position_preferences,
        frames.locks,
    )
    validated = time.perf_counter()
    result = solve(problem, options)
    result.timings.add("read", read - started)
    result.timings.add("validate", validated - read)
    return result


def handle_solve(args: argparse.Namespace) -> int:
    if (args.directory is None) == (args.event is None):
        args.parser.error("give either DIR or --event CODE")
    options = options_from_args(args)
    if args.event is not None:
        return solve_stored_event(args.event, options, args.out)
    result = solve_dir(args.directory, options)
    return report(result, args.out)


def solve_stored_event(event_code: str, options: SolveOptions, out: Path | None) -> int:
    """The same solve on a stored event, saved as a run (imports the database layer only when used)."""
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.jobfair import run_event

    summary, result = run_event(
        db.sessions(),
        event_code,
        options.method,
        proposing=options.proposing,
        per_graduate=options.per_graduate,
        seed=options.seed,
        maximise_matches=options.maximise_matches,
        actor=Actor.operator(),
    )
    code = report(result, out)
    moved = (
        "" if summary.moved is None else f"; {summary.moved} moved since the last {options.method.value} run"
    )
    print(f"saved as run {summary.run_id}; kept {summary.kept_decisions} decisions{moved}", file=sys.stderr)
    return code


def report(result: JobFairResult, out: Path | None) -> int:
    """Write the result CSV and the summary line; refused input becomes an InputError (exit 2)."""
    if result.candidates is None and not result.feasibility.feasible:
        raise result.feasibility.input_error()
    if not result.status.has_solution:
        print(result.summary(), file=sys.stderr)
        return EXIT_NO_SOLUTION
    if out is None:
        write_output(result, sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_output(result, handle)
    print(result.summary(), file=sys.stderr)
    return EXIT_OK

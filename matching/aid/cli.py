"""`python -m matching aid …`: file-based aid pairing.

    aid solve DIR [--objective max|min] [--time-limit SECONDS] [--seed N] [--out FILE]
    aid from-orlib FILE DIR [--problem K] [--force]

`solve` exits 0 when it returns a full pairing, 3 when none exists (the diagnosis and the best
partial pairing are still written), 2 on bad input (raised as InputError, printed by matching.cli).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from matching.aid.files import LOCKS_FILE, PAIRS_FILE, read_aid_dir, write_frames, write_pairing_csv
from matching.aid.orlib import instance_frames, read_orlib
from matching.aid.pairing import SolveOptions
from matching.aid.parameters import AidParameters
from matching.aid.problem import Objective
from matching.aid.run import AidOutcome, pair_villages
from matching.arguments import positive_int, positive_seconds
from matching.errors import InputError, InputProblem

EXIT_PAIRED = 0
EXIT_NO_PAIRING = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    aid = subparsers.add_parser("aid", help="aid pairing: a lead enterprise for every village")
    actions = aid.add_subparsers(dest="aid_command", required=True, metavar="ACTION")

    solve = actions.add_parser(
        "solve",
        help="pair the villages of a folder of CSV files",
        description="Reads DIR/enterprises.csv, DIR/villages.csv and the optional DIR/pairs.csv and "
        "DIR/locks.csv; writes village_id,enterprise_id,value,load; prints the status line to stderr.",
    )
    solve.add_argument("directory", metavar="DIR", type=Path, nargs="?", help="folder with the CSV files")
    solve.add_argument(
        "--year",
        type=int,
        help="pair the stored villages with that year's stored aid offers instead of DIR; the run is saved, "
        "approved pairs stay fixed and rejected ones forbidden, and unapproved pairs move as little as possible",
    )
    solve.add_argument("--objective", choices=[o.value for o in Objective], default=Objective.MAX.value)
    solve.add_argument("--time-limit", type=positive_seconds, default=10.0, metavar="SECONDS")
    solve.add_argument("--seed", type=int, default=0)
    solve.add_argument("--out", type=Path, metavar="FILE", help="output CSV (default: stdout)")
    solve.set_defaults(handler=_solve_command)

    convert = actions.add_parser(
        "from-orlib",
        help="convert an OR-Library generalized-assignment file into a DIR for 'aid solve'",
    )
    convert.add_argument("file", metavar="FILE", type=Path)
    convert.add_argument("directory", metavar="DIR", type=Path)
    convert.add_argument(
        "--problem",
        type=positive_int,
        metavar="K",
        help="with several problems in FILE, convert only the K-th",
    )
    convert.add_argument("--force", action="store_true", help="overwrite CSV files already in DIR")
    convert.set_defaults(handler=_from_orlib_command)


def _check_output(out: Path) -> None:
    if out.is_dir():
        raise InputError(InputProblem(str(out), "is a folder; --out needs a file name"))
    if not out.parent.is_dir():
        raise InputError(InputProblem(str(out), f"folder {out.parent} does not exist"))


def solve_dir(
    directory: Path,
    objective: Objective = Objective.MAX,
    options: SolveOptions | None = None,
    out: Path | None = None,
    parameters: AidParameters | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """The `aid solve` path: read DIR, pair, write the CSV and the status line; returns the exit code."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if out is not None:
        _check_output(out)
    frames = read_aid_dir(directory)
    outcome = pair_villages(
        frames.enterprises,
        frames.villages,
        frames.pairs,
        frames.locks,
        parameters=parameters,
        objective=objective,
        options=options,
        labels=frames.labels,
    )
    _write_output(outcome, out, stdout)
    print(outcome.result.summary_line(), file=stderr)
    if outcome.diagnosis is not None:
        print("no pairing gives every village a lead enterprise:", file=stderr)
        for line in outcome.diagnosis.lines():
            print(line, file=stderr)
    elif not outcome.has_full_pairing:
        print(outcome.result.message, file=stderr)
    return EXIT_PAIRED if outcome.has_full_pairing else EXIT_NO_PAIRING


def _write_output(outcome: AidOutcome, out: Path | None, stdout: TextIO) -> None:
    if out is None:
        write_pairing_csv(outcome.problem, outcome.pairing, stdout)
        return
    with out.open("w", encoding="utf-8", newline="") as handle:
        write_pairing_csv(outcome.problem, outcome.pairing, handle)


def _solve_command(args: argparse.Namespace) -> int:
    if (args.directory is None) == (args.year is None):
        raise InputError(InputProblem("(command line)", "give either DIR or --year YEAR"))
    if args.year is not None:
        return solve_stored_year(args.year, args.time_limit, args.seed, args.out)
    options = SolveOptions(time_limit=args.time_limit, seed=args.seed)
    return solve_dir(args.directory, Objective.parse(args.objective), options, args.out)


def solve_stored_year(year: int, time_limit: float, seed: int, out: Path | None) -> int:
    """The stored data of a year through the service (imports the database layer only when used)."""
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.aid import run_aid

    if out is not None:
        _check_output(out)
    summary, outcome = run_aid(db.sessions(), year, actor=Actor.operator(), time_limit=time_limit, seed=seed)
    _write_output(outcome, out, sys.stdout)
    print(outcome.pairing.summary_line(), file=sys.stderr)
    for line in summary.diagnosis:
        print(line, file=sys.stderr)
    moved = "" if summary.moved is None else f"; {summary.moved} villages moved since the last run"
    print(f"saved as run {summary.run_id}; kept {summary.kept_decisions} decisions{moved}", file=sys.stderr)
    return EXIT_PAIRED if outcome.has_full_pairing else EXIT_NO_PAIRING


def from_orlib(
    file: Path, directory: Path, problem: int | None = None, force: bool = False, stderr: TextIO | None = None
) -> int:
    """Convert FILE; several problems without `problem` go to DIR/problem-1 … DIR/problem-P."""
    stderr = stderr or sys.stderr
    instances = read_orlib(file)
    if problem is not None:
        if problem > len(instances):
            raise InputError(
                InputProblem(
                    str(file), f"holds {len(instances)} problem(s); --problem must be 1 to {len(instances)}"
                )
            )
        targets = [(directory, instances[problem - 1])]
    elif len(instances) == 1:
        targets = [(directory, instances[0])]
    else:
        targets = [(directory / f"problem-{k}", instance) for k, instance in enumerate(instances, start=1)]
    if directory.exists() and not directory.is_dir():
        raise InputError(InputProblem(str(directory), "is a file; DIR must be a folder"))
    for target, _instance in targets:
        for name in ("enterprises.csv", "villages.csv", PAIRS_FILE, LOCKS_FILE):
            if (target / name).exists() and not force:
                raise InputError(
                    InputProblem(
                        str(target / name), "already exists; use --force to overwrite, or another folder"
                    )
                )
    for target, instance in targets:
        if force and (target / LOCKS_FILE).exists():
            (target / LOCKS_FILE).unlink()  # a stale locks.csv would silently change the converted problem
        write_frames(target, instance_frames(instance))
        print(f"wrote {target}: {instance.agents} enterprises, {instance.jobs} villages", file=stderr)
    return 0


def _from_orlib_command(args: argparse.Namespace) -> int:
    return from_orlib(args.file, args.directory, args.problem, args.force)

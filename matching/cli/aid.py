"""`python -m matching aid …`: aid pairing from a folder of CSV files or the stored data of a year.

    aid solve DIR|--year YEAR [--objective max|min] [--time-limit S] [--seed N] [--workers N]
        [--distance-limit …] [--min-villages-per-park CODE=N …] [--min-villages-per-county CODE=N …]
        [--helpers-per-village N [--helper-load-share X] [--helper-max-villages N]]
        [--term-years N (with --year)] [--out FILE]
    aid from-orlib FILE DIR [--problem K] [--force]

Both sources give the core the same `AidOptions`, built once from the flags (the fields of `AidOptions`,
`SolveOptions`, `AidParameters` and `HelperOptions`). The pairing term is an option of a stored run, not
of the core (`PairingTerm`, flags from its fields as well), so it goes with --year only. `solve` exits 0
with a full pairing, 3 when none exists (the diagnosis and the best partial pairing are still written),
2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from matching.aid.files import LOCKS_FILE, PAIRS_FILE, read_aid_dir, write_frames, write_pairing_csv
from matching.aid.helpers import HelperOptions
from matching.aid.orlib import instance_frames, read_orlib
from matching.aid.pairing import SolveOptions
from matching.aid.parameters import AidParameters
from matching.aid.run import AidOptions, AidOutcome, pair_villages
from matching.cli import exit_codes
from matching.cli.arguments import add_option_flags, given_options, options_from_args, positive_int
from matching.errors import InputError, InputProblem
from matching.messages import cli_language, render
from matching.services.pairing_term import PairingTerm

HELPERS = "helpers."  # the prefix of the helper step's parsed flags
TERM = "term."  # the prefix of the pairing term's parsed flags (stored runs only)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    aid = subparsers.add_parser("aid", help="aid pairing: a lead enterprise (and helpers) for every village")
    actions = aid.add_subparsers(dest="aid_command", required=True, metavar="ACTION")

    solve = actions.add_parser(
        "solve",
        help="pair the villages of a folder of CSV files, or the stored villages with a year's offers",
        description="Reads DIR/enterprises.csv, DIR/villages.csv and the optional DIR/pairs.csv and "
        "DIR/locks.csv (or the stored data with --year); writes village_id,enterprise_id,value,load "
        "(and helpers); prints the status line to stderr. Exit codes: 0 done, 1 internal error, "
        "2 bad input, 3 no full pairing (the diagnosis and the best partial pairing are still written).",
    )
    solve.add_argument("directory", metavar="DIR", type=Path, nargs="?", help="folder with the CSV files")
    solve.add_argument(
        "--year",
        type=int,
        help="pair the stored villages with that year's stored aid offers instead of DIR; the run is saved, "
        "approved pairs stay fixed and rejected ones forbidden, and unapproved pairs move as little as possible",
    )
    add_option_flags(solve, AidOptions)
    add_option_flags(solve, SolveOptions)
    add_option_flags(solve, AidParameters)
    helpers = solve.add_argument_group("helper enterprises (一对多、多对一)")
    add_option_flags(helpers, HelperOptions, prefix=HELPERS)
    terms = solve.add_argument_group("pairing terms (with --year)")
    add_option_flags(terms, PairingTerm, prefix=TERM)
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


def options_from_flags(args: argparse.Namespace) -> AidOptions:
    """The one `AidOptions` of this command; the helper step runs when one of its flags is given."""
    helpers = given_options(args, HelperOptions, prefix=HELPERS)
    options: AidOptions = options_from_args(
        args,
        AidOptions,
        parameters=options_from_args(args, AidParameters),
        solve=options_from_args(args, SolveOptions),
        helpers=HelperOptions(**helpers) if helpers else None,
    )
    return options


def _check_output(out: Path) -> None:
    if out.is_dir():
        raise InputError(InputProblem.of(str(out), "cli.out_is_folder"))
    if not out.parent.is_dir():
        raise InputError(InputProblem.of(str(out), "cli.out_folder_missing", folder=str(out.parent)))


def _command_line() -> str:
    """Where a fault of the flags is: the command line, in its language."""
    return render("cli.command_line", lang=cli_language())


def solve_dir(
    directory: Path,
    options: AidOptions | None = None,
    out: Path | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """The `aid solve DIR` path: read DIR, pair, write the CSV and the status line; returns the exit code."""
    if out is not None:
        _check_output(out)
    frames = read_aid_dir(directory)
    outcome = pair_villages(
        frames.enterprises, frames.villages, frames.pairs, frames.locks, options, labels=frames.labels
    )
    return report(outcome, out, stdout or sys.stdout, stderr or sys.stderr)


def report(outcome: AidOutcome, out: Path | None, stdout: TextIO, stderr: TextIO) -> int:
    """The pairing (full, else the best partial one) to `out` or stdout; the status line and any
    diagnosis to stderr. The same for a folder and a stored year."""
    lang = cli_language()
    helpers = outcome.helpers.helpers if outcome.helpers is not None else None
    if out is None:
        write_pairing_csv(outcome.problem, outcome.pairing, stdout, helpers=helpers)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_pairing_csv(outcome.problem, outcome.pairing, handle, helpers=helpers)
    print(outcome.summary(lang), file=stderr)
    if outcome.diagnosis is not None:
        print(render("aid.cli.no_full_pairing", lang=lang), file=stderr)
        for line in outcome.diagnosis.lines(lang=lang):
            print(line, file=stderr)
    elif not outcome.has_full_pairing:
        print(outcome.result.note_text(lang), file=stderr)
    return exit_codes.for_result(outcome)


def _solve_command(args: argparse.Namespace) -> int:
    if (args.directory is None) == (args.year is None):
        raise InputError(InputProblem.of(_command_line(), "aid.cli.dir_or_year"))
    options = options_from_flags(args)
    term_flags = given_options(args, PairingTerm, prefix=TERM)
    if args.year is None:
        if term_flags:
            raise InputError(InputProblem.of(_command_line(), "aid.cli.term_needs_year"))
        return solve_dir(args.directory, options, args.out)
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.aid import run_aid

    if args.out is not None:
        _check_output(args.out)
    summary, outcome = run_aid(
        db.sessions(), args.year, options, actor=Actor.operator(), term=PairingTerm(**term_flags)
    )
    code = report(outcome, args.out, sys.stdout, sys.stderr)
    lang = cli_language()
    moved = "" if summary.moved is None else render("cli.moved_villages", {"moved": summary.moved}, lang)
    print(
        render(
            "cli.saved_run", {"run_id": summary.run_id, "kept": summary.kept_decisions, "moved": moved}, lang
        ),
        file=sys.stderr,
    )
    print(summary.terms_message.text(lang), file=sys.stderr)
    return code


def from_orlib(
    file: Path, directory: Path, problem: int | None = None, force: bool = False, stderr: TextIO | None = None
) -> int:
    """Convert FILE; several problems without `problem` go to DIR/problem-1 … DIR/problem-P."""
    stderr = stderr or sys.stderr
    instances = read_orlib(file)
    if problem is not None:
        if problem > len(instances):
            raise InputError(InputProblem.of(str(file), "aid.cli.orlib_problems", count=len(instances)))
        targets = [(directory, instances[problem - 1])]
    elif len(instances) == 1:
        targets = [(directory, instances[0])]
    else:
        targets = [(directory / f"problem-{k}", instance) for k, instance in enumerate(instances, start=1)]
    if directory.exists() and not directory.is_dir():
        raise InputError(InputProblem.of(str(directory), "aid.cli.orlib_dir_is_file"))
    for target, _instance in targets:
        for name in ("enterprises.csv", "villages.csv", PAIRS_FILE, LOCKS_FILE):
            if (target / name).exists() and not force:
                raise InputError(InputProblem.of(str(target / name), "aid.cli.orlib_exists"))
    for target, instance in targets:
        if force and (target / LOCKS_FILE).exists():
            (target / LOCKS_FILE).unlink()  # a stale locks.csv would silently change the converted problem
        write_frames(target, instance_frames(instance))
        wrote = {"target": str(target), "enterprises": instance.agents, "villages": instance.jobs}
        print(render("aid.cli.orlib_wrote", wrote, cli_language()), file=stderr)
    return 0


def _from_orlib_command(args: argparse.Namespace) -> int:
    return from_orlib(args.file, args.directory, args.problem, args.force)

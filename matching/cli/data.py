"""CLI for the stored data: `data` (import, export, templates), `runs` and `decide`.

The database layer is imported inside the handlers, so `python -m matching jobfair solve DIR` does not pay
for it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

KINDS_HELP = (
    "parks, universities, enterprises, events, positions, graduates, registrations, wishes, booths, villages, "
    "aid_offers, jobfair_outcomes, aid_outcomes"
)
DECISION_ACTIONS = ("approve", "reject", "pin", "reset")


def register(commands: Any) -> None:
    data_parser = commands.add_parser("data", help="import, export and templates for each kind of record")
    data_commands = data_parser.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    kinds = data_commands.add_parser("kinds", help="list the kinds and their columns")
    kinds.set_defaults(handler=_kinds)
    for name, help_text in (
        ("import", "validate a CSV/XLSX file and load it; nothing is written if any row is bad"),
        ("export", "write every stored record of a kind to CSV/XLSX (by the file's suffix)"),
        ("template", "write an empty CSV/XLSX with the kind's columns (XLSX adds a column guide)"),
    ):
        action = data_commands.add_parser(name, help=help_text)
        action.add_argument(
            "kind", choices=KINDS_HELP.split(", "), metavar="KIND", help=f"one of: {KINDS_HELP}"
        )
        action.add_argument("file", help="path ending in .csv or .xlsx")
        if name == "import":
            action.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
        if name == "export":
            action.add_argument(
                "--purpose", help="why personal data is exported (required for graduates and enterprises)"
            )
            action.add_argument(
                "--codes",
                action="store_true",
                help="with MATCHING_LANG=zh: column names and codes instead of Chinese headers and values "
                "(an XLSX file keeps them on its sheet 代码 anyway)",
            )
        action.set_defaults(handler={"import": _import, "export": _export, "template": _template}[name])

    runs_parser = commands.add_parser("runs", help="stored matching runs and their proposals")
    runs_commands = runs_parser.add_subparsers(dest="runs_command", required=True, metavar="ACTION")
    runs_list = runs_commands.add_parser("list", help="every run, newest first")
    runs_list.set_defaults(handler=_runs_list)
    runs_show = runs_commands.add_parser("show", help="a run's proposals (CSV) with scores, ranks and status")
    runs_show.add_argument("run_id", type=int, metavar="RUN")
    runs_show.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    runs_show.add_argument(
        "--purpose",
        help="why the proposals are taken out (required for a job fair's: they are about graduates)",
    )
    runs_show.set_defaults(handler=_runs_show)
    runs_fairness = runs_commands.add_parser(
        "fairness",
        help="a job-fair run's fairness report: match rate and wish rank achieved by university, degree "
        "and home county (CSV)",
    )
    runs_fairness.add_argument("run_id", type=int, metavar="RUN")
    runs_fairness.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    runs_fairness.set_defaults(handler=_runs_fairness)

    runs_compare = runs_commands.add_parser(
        "compare",
        help="two runs of a programme side by side: figures per run on stderr, the subjects whose partner "
        "differs as CSV (subject, first, second)",
    )
    runs_compare.add_argument("first", type=int, metavar="RUN")
    runs_compare.add_argument("second", type=int, metavar="RUN")
    runs_compare.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    runs_compare.add_argument(
        "--purpose", help="why the comparison is taken out (required for a job fair's: it names graduates)"
    )
    runs_compare.set_defaults(handler=_runs_compare)

    runs_blocking = runs_commands.add_parser(
        "blocking",
        help="a stable or welfare run's blocking pairs: a graduate and a position who would both rather be "
        "together than with their partners (CSV); graduates masked unless --purpose is given",
    )
    runs_blocking.add_argument("run_id", type=int, metavar="RUN")
    runs_blocking.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    runs_blocking.add_argument(
        "--purpose", help="why graduates are named by code (logged); without it only masked names leave"
    )
    runs_blocking.set_defaults(handler=_runs_blocking)

    outcomes_parser = commands.add_parser("outcomes", help="what the pairs led to, recorded one at a time")
    outcome_commands = outcomes_parser.add_subparsers(
        dest="outcomes_command", required=True, metavar="ACTION"
    )
    record = outcome_commands.add_parser(
        "record",
        help="record one outcome: a job fair's (interviewed, intent, offer, signed, declined, no_show) of a "
        "graduate and a position, or an aid pair's (yuan, jobs, medical, legal) with its --value",
    )
    record.add_argument("kind", metavar="KIND")
    record.add_argument("--event", metavar="CODE", help="a job fair's outcome: the fair")
    record.add_argument("--graduate", metavar="CODE")
    record.add_argument("--position", metavar="CODE")
    record.add_argument("--enterprise", metavar="CREDIT_CODE", help="an aid outcome: the enterprise")
    record.add_argument("--village", metavar="CODE", help="an aid outcome: the village's division code")
    record.add_argument("--value", type=float, help="an aid outcome's amount (yuan, jobs, services …)")
    record.add_argument("--date", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default today)")
    record.set_defaults(handler=_record_outcome)

    decide = commands.add_parser(
        "decide", help="approve, reject (with --reason), pin or reset a proposal; it holds in later runs"
    )
    decide.add_argument("proposal_id", type=int, metavar="PROPOSAL")
    decide.add_argument("action", choices=DECISION_ACTIONS)
    decide.add_argument("--reason", help="required to reject")
    decide.add_argument(
        "--version", type=int, help="the version you saw (from `runs show`); refused if it changed since"
    )
    decide.set_defaults(handler=_decide)


def _kinds(args: argparse.Namespace) -> int:
    from matching.services.kinds import KINDS

    for kind in KINDS.values():
        columns = ", ".join(c.name + ("*" if c.required else "") for c in kind.columns)
        print(f"{kind.name} ({kind.label_zh}): {columns}")
    print("* = required", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from matching.messages import cli_language
    from matching.services import data_io, db
    from matching.services.access import Actor

    report = data_io.import_file(
        db.sessions(), args.kind, args.file, actor=Actor.operator(), dry_run=args.dry_run
    )
    print(report.summary(cli_language()), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from matching.messages import cli_language
    from matching.services import data_io, db
    from matching.services.access import Actor

    rows = data_io.export_file(
        db.sessions(),
        args.kind,
        args.file,
        actor=Actor.operator(),
        purpose=args.purpose,
        lang=cli_language(),
        codes=args.codes,
    )
    print(f"wrote {rows} {args.kind} rows to {args.file}", file=sys.stderr)
    return 0


def _template(args: argparse.Namespace) -> int:
    from matching.services import data_io

    data_io.write_template(args.kind, args.file)
    print(f"wrote the {args.kind} template to {args.file}", file=sys.stderr)
    return 0


def _runs_list(args: argparse.Namespace) -> int:
    from matching.services import db, review
    from matching.services.access import Actor
    from matching.services.tabular import write_csv

    with db.sessions()() as session:
        frame = review.runs(session, Actor.operator())
    write_csv(frame.drop(columns=["message", "summary"]), sys.stdout)
    return 0


def _runs_fairness(args: argparse.Namespace) -> int:
    import pandas as pd

    from matching.services import db, review
    from matching.services.access import Actor
    from matching.services.tabular import write_csv

    with db.sessions()() as session:
        tables = review.fairness(session, args.run_id, Actor.operator())
    rows = [
        table.rename(columns={attribute: "group"}).assign(attribute=attribute)
        for attribute, table in tables.items()
    ]
    frame = pd.concat(rows, ignore_index=True)[
        ["attribute", "group", "graduates", "matched", "match_rate", "mean_wish_rank"]
    ]
    write_csv(frame, sys.stdout if args.out is None else args.out, float_format="%.4f")
    print(f"run {args.run_id}: match rate and wish rank achieved per {', '.join(tables)}", file=sys.stderr)
    return 0


def _runs_show(args: argparse.Namespace) -> int:
    from matching.services import db, review
    from matching.services.access import Actor
    from matching.services.tabular import write_csv, write_table

    file_name = "-" if args.out is None else args.out.name
    frame = review.proposals_file(db.sessions(), args.run_id, Actor.operator(), file_name, args.purpose)
    if args.out is None:
        write_csv(frame, sys.stdout)
    else:
        write_table(frame, args.out)
    print(f"run {args.run_id}: {len(frame)} proposals", file=sys.stderr)
    return 0


def _runs_compare(args: argparse.Namespace) -> int:
    from matching.services import db, review
    from matching.services.access import Actor
    from matching.services.tabular import write_csv, write_table

    file_name = "-" if args.out is None else args.out.name
    comparison = review.comparison_file(
        db.sessions(), args.first, args.second, Actor.operator(), file_name, args.purpose
    )
    for figures in comparison.figures.itertuples():
        print(
            f"run {figures.run_id} ({figures.method}): {figures.matched} of {figures.subjects} matched, "
            f"mean rank {figures.mean_rank:.2f}, total fit {figures.total_fit:.2f}",
            file=sys.stderr,
        )
    if args.out is None:
        write_csv(comparison.differences, sys.stdout)
    else:
        write_table(comparison.differences, args.out)
    print(f"{len(comparison.differences)} subjects have another partner", file=sys.stderr)
    return 0


def _runs_blocking(args: argparse.Namespace) -> int:
    from matching.messages import cli_language, render
    from matching.services import db, review
    from matching.services.access import Actor
    from matching.services.tabular import write_csv, write_table

    lang = cli_language()
    file_name = "-" if args.out is None else args.out.name
    report = review.blocking_file(db.sessions(), args.run_id, Actor.operator(), file_name, args.purpose)
    if args.out is None:
        write_csv(report.pairs, sys.stdout)
    else:
        write_table(report.pairs, args.out)
    print(report.message.text(lang), file=sys.stderr)
    if report.data_changed:
        print("  " + render("review.blocking.data_changed", {"run_id": args.run_id}, lang), file=sys.stderr)
    return 0


def _record_outcome(args: argparse.Namespace) -> int:
    from matching.errors import InputError, InputProblem
    from matching.services import db, outcomes
    from matching.services.access import Actor

    on = args.date or date.today()
    jobfair = (args.event, args.graduate, args.position)
    aid = (args.enterprise, args.village, args.value)
    if all(jobfair) and not any(aid):
        from matching.messages import cli_language

        with db.sessions()() as session, session.begin():
            recorded = outcomes.record_jobfair_outcome_of(session, *jobfair, args.kind, on, Actor.operator())
        print(recorded.message.text(cli_language()), file=sys.stderr)
        return 0
    if all(value is not None for value in aid) and not any(jobfair):
        with db.sessions()() as session, session.begin():
            change = outcomes.record_aid_outcome_of(
                session, args.enterprise, args.village, args.kind, args.value, on, Actor.operator()
            )
        print(
            f"{change.change}: {args.kind} {args.value:g} of {args.village} by {args.enterprise} on {on}",
            file=sys.stderr,
        )
        return 0
    raise InputError(
        InputProblem(
            "(command line)",
            "give --event, --graduate and --position (a job fair), or --enterprise, --village and --value (aid)",
        )
    )


def _decide(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.decisions import decide_many
    from matching.services.vocabulary import DecisionAction

    try:
        (result,) = decide_many(
            db.sessions(),
            [(args.proposal_id, DecisionAction(args.action), args.reason, args.version)],
            Actor.operator(),
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"proposal {result.proposal_id} is now {result.status.value} (version {result.version})",
        file=sys.stderr,
    )
    return 0

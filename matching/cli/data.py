"""CLI for the stored data: `db`, `demo`, `data`, `runs`, `decide`, `users` and `audit`.

The database layer is imported inside the handlers, so `python -m matching jobfair solve DIR` does not pay
for it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

KINDS_HELP = (
    "parks, universities, enterprises, events, positions, graduates, registrations, wishes, booths, villages, "
    "aid_offers, jobfair_outcomes, aid_outcomes"
)
DECISION_ACTIONS = ("approve", "reject", "pin", "reset")
ROLES = ("admin", "organiser", "park_official", "viewer")


def register(commands: Any) -> None:
    db_parser = commands.add_parser("db", help="database schema")
    db_commands = db_parser.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    migrate = db_commands.add_parser("migrate", help="create or upgrade the schema (Alembic) at DATABASE_URL")
    migrate.set_defaults(handler=_migrate)

    demo_parser = commands.add_parser("demo", help="the synthetic demo data set")
    demo_commands = demo_parser.add_subparsers(dest="demo_command", required=True, metavar="ACTION")
    seed = demo_commands.add_parser("seed", help="load the demo data (migrates first)")
    seed.add_argument(
        "--seed", type=int, default=2026, help="random seed; same seed, same data (default 2026)"
    )
    seed.add_argument(
        "--scale", type=float, default=1.0, help="1 = the city's report; 50 = 100,000 graduates"
    )
    seed.add_argument("--if-empty", action="store_true", help="do nothing when the database already has data")
    seed.set_defaults(handler=_seed)

    reset = demo_commands.add_parser(
        "reset", help="empty every table but the audit log and load the demo data again (demo databases only)"
    )
    reset.add_argument("--seed", type=int, default=2026)
    reset.add_argument("--yes", action="store_true", help="confirm: every stored record is deleted")
    reset.set_defaults(handler=_reset)

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
        action.set_defaults(handler={"import": _import, "export": _export, "template": _template}[name])

    runs_parser = commands.add_parser("runs", help="stored matching runs and their proposals")
    runs_commands = runs_parser.add_subparsers(dest="runs_command", required=True, metavar="ACTION")
    runs_list = runs_commands.add_parser("list", help="every run, newest first")
    runs_list.set_defaults(handler=_runs_list)
    runs_show = runs_commands.add_parser("show", help="a run's proposals (CSV) with scores, ranks and status")
    runs_show.add_argument("run_id", type=int, metavar="RUN")
    runs_show.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    runs_show.set_defaults(handler=_runs_show)
    runs_fairness = runs_commands.add_parser(
        "fairness",
        help="a job-fair run's fairness report: match rate and wish rank achieved by university, degree "
        "and home county (CSV)",
    )
    runs_fairness.add_argument("run_id", type=int, metavar="RUN")
    runs_fairness.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    runs_fairness.set_defaults(handler=_runs_fairness)

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

    users_parser = commands.add_parser("users", help="local accounts")
    users_commands = users_parser.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    create_admin = users_commands.add_parser(
        "create-admin", help="create an administrator; the password is asked for (or read from stdin)"
    )
    create_admin.add_argument("username")
    create_admin.add_argument("--name", default="", help="display name")
    create_admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    create_admin.set_defaults(handler=_create_user, role="admin", park=None)
    create = users_commands.add_parser("create", help="create a user of any role")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--park", metavar="CODE", help="the park of a park official")
    create.add_argument("--name", default="", help="display name")
    create.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    create.set_defaults(handler=_create_user)

    privacy = commands.add_parser("privacy", help="consent and retention of graduates' personal data")
    privacy_commands = privacy.add_subparsers(dest="privacy_command", required=True, metavar="ACTION")
    withdraw = privacy_commands.add_parser(
        "withdraw", help="record that a graduate withdrew consent: in no later run or export"
    )
    withdraw.add_argument("graduate_code")
    withdraw.set_defaults(handler=_withdraw)
    retention = privacy_commands.add_parser(
        "retention",
        help="anonymise graduates past the retention period (MATCHING_RETENTION_DAYS after their last fair, "
        "default 730) and those who withdrew consent; aggregate figures stay the same",
    )
    retention.set_defaults(handler=_retention)

    backup = commands.add_parser("backup", help="back up the SQLite database while it is in use")
    backup.add_argument("file", type=Path, help="where to write the copy")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser(
        "restore", help="restore the SQLite database from a backup (stop the app first)"
    )
    restore.add_argument("file", type=Path, help="a file written by `backup`")
    restore.set_defaults(handler=_restore)

    audit_parser = commands.add_parser("audit", help="the append-only audit log")
    audit_commands = audit_parser.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_commands.add_parser("verify", help="check that no entry was changed or deleted")
    verify.set_defaults(handler=_audit_verify)


def _migrate(args: argparse.Namespace) -> int:
    from matching.services import db

    db.migrate_database()
    print("database is at the latest schema", file=sys.stderr)
    return 0


def _seed(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services.demo import seed_demo

    db.migrate_database()
    report = seed_demo(db.sessions(), seed=args.seed, scale=args.scale, if_empty=args.if_empty)
    print(report.summary(), file=sys.stderr)
    return 0


def _reset(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.demo import reset_demo

    if not args.yes:
        print("error: this deletes every stored record; add --yes to confirm", file=sys.stderr)
        return 2
    report = reset_demo(db.sessions(), Actor.operator(), seed=args.seed)
    print("reset; " + report.summary(), file=sys.stderr)
    return 0


def _kinds(args: argparse.Namespace) -> int:
    from matching.services.kinds import KINDS

    for kind in KINDS.values():
        columns = ", ".join(c.name + ("*" if c.required else "") for c in kind.columns)
        print(f"{kind.name} ({kind.label_zh}): {columns}")
    print("* = required", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from matching.services import data_io, db
    from matching.services.access import Actor

    report = data_io.import_file(
        db.sessions(), args.kind, args.file, actor=Actor.operator(), dry_run=args.dry_run
    )
    print(report.summary(), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from matching.services import data_io, db
    from matching.services.access import Actor

    rows = data_io.export_file(
        db.sessions(), args.kind, args.file, actor=Actor.operator(), purpose=args.purpose
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

    with db.sessions()() as session:
        frame = review.runs(session)
    frame.drop(columns=["message", "summary"]).to_csv(sys.stdout, index=False)
    return 0


def _runs_fairness(args: argparse.Namespace) -> int:
    import pandas as pd

    from matching.services import db, review
    from matching.services.access import Actor

    with db.sessions()() as session:
        tables = review.fairness(session, args.run_id, Actor.operator())
    rows = [
        table.rename(columns={attribute: "group"}).assign(attribute=attribute)
        for attribute, table in tables.items()
    ]
    frame = pd.concat(rows, ignore_index=True)[
        ["attribute", "group", "graduates", "matched", "match_rate", "mean_wish_rank"]
    ]
    if args.out is None:
        frame.to_csv(sys.stdout, index=False, float_format="%.4f")
    else:
        frame.to_csv(args.out, index=False, float_format="%.4f", encoding="utf-8-sig")
    print(f"run {args.run_id}: match rate and wish rank achieved per {', '.join(tables)}", file=sys.stderr)
    return 0


def _runs_show(args: argparse.Namespace) -> int:
    from matching.services import db, review
    from matching.services.access import Actor

    with db.sessions()() as session:
        frame = review.proposals(session, args.run_id, Actor.operator())
    if args.out is None:
        frame.to_csv(sys.stdout, index=False)
    else:
        frame.to_csv(args.out, index=False, encoding="utf-8-sig")
    print(f"run {args.run_id}: {len(frame)} proposals", file=sys.stderr)
    return 0


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


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _create_user(args: argparse.Namespace) -> int:
    from matching.services import db, users
    from matching.services.access import Actor
    from matching.services.vocabulary import Role

    try:
        password = _read_password(args.password_stdin)
        db.migrate_database()
        with db.sessions()() as session, session.begin():
            users.create_user(
                session,
                args.username,
                args.name,
                Role(args.role),
                password,
                Actor.operator(),
                park_code=args.park,
            )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"created {args.role} '{args.username}'", file=sys.stderr)
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.privacy import withdraw_consent

    with db.sessions()() as session, session.begin():
        withdraw_consent(session, args.graduate_code, Actor.operator())
    print(f"consent of {args.graduate_code} withdrawn", file=sys.stderr)
    return 0


def _retention(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.privacy import apply_retention

    with db.sessions()() as session, session.begin():
        count = apply_retention(session, Actor.operator())
    print(f"anonymised {count} graduates", file=sys.stderr)
    return 0


def _backup(args: argparse.Namespace) -> int:
    from matching.services.backup import backup_sqlite
    from matching.services.db import database_url

    try:
        size = backup_sqlite(database_url(), args.file)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"backed up to {args.file} ({size:,} bytes)", file=sys.stderr)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from matching.services.backup import restore_sqlite
    from matching.services.db import database_url

    try:
        restore_sqlite(database_url(), args.file)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"restored from {args.file}", file=sys.stderr)
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from matching.services import audit, db

    with db.sessions()() as session:
        problems = audit.verify_chain(session)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(
        "audit log intact" if not problems else f"audit log BROKEN: {len(problems)} problems", file=sys.stderr
    )
    return 0 if not problems else 1

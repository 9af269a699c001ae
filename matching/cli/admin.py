"""CLI for running the server: `db`, `demo`, `users`, `privacy`, `backup`, `restore` and `audit`.

The database layer is imported inside the handlers, so the solver commands do not pay for it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from matching.messages import Message, cli_language

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
    verify = audit_commands.add_parser(
        "verify",
        help="check every entry's MAC and link and the chain's head against its checkpoint; exit 1 naming "
        "each problem (changed, missing, re-hashed or deleted entries, a missing or different key)",
    )
    verify.set_defaults(handler=_audit_verify)
    restart = audit_commands.add_parser(
        "restart-checkpoint",
        help="after a deliberate restore (pg_restore): checkpoint the log as it now is; refused unless the "
        "log is intact in itself, and logged",
    )
    restart.add_argument("--yes", action="store_true", help="confirm: the old checkpoint is replaced")
    restart.set_defaults(handler=_audit_restart)


def _say(message: Message) -> None:
    """A service's message (code and parameters) on stderr, in the command line's language."""
    print(message.text(cli_language()), file=sys.stderr)


def _migrate(args: argparse.Namespace) -> int:
    _prepare_database()
    print("database is at the latest schema", file=sys.stderr)
    return 0


def _prepare_database() -> None:
    """Migrate; make sure the audit key exists (and say where it is); a new database's log starts its own
    checkpoint, setting aside one an earlier database at the same path left (`make clean-db`)."""
    from matching.services import audit, db
    from matching.services.access import Actor

    new = not db.is_migrated()
    db.migrate_database()
    done = audit.prepare(db.database_url(), Actor.operator(), new_database=new)
    if done.key_file is None:
        _say(Message("audit.key_from_environment"))
    else:
        _say(
            Message(
                "audit.key_created" if done.key_created else "audit.key_file", {"path": str(done.key_file)}
            )
        )
    if done.earlier_checkpoint is not None:
        _say(Message("audit.checkpoint_retired", {"path": str(done.earlier_checkpoint)}))


def _seed(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.demo import seed_demo

    _prepare_database()
    report = seed_demo(
        db.sessions(), Actor.operator(), seed=args.seed, scale=args.scale, if_empty=args.if_empty
    )
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
    from matching.services.access import Actor
    from matching.services.backup import backup_sqlite
    from matching.services.db import database_url

    size = backup_sqlite(database_url(), args.file, Actor.operator())
    _say(Message("backup.done", {"path": str(args.file), "size": f"{size:,}"}))
    return 0


def _restore(args: argparse.Namespace) -> int:
    from matching.services.access import Actor
    from matching.services.backup import restore_sqlite
    from matching.services.db import database_url

    report = restore_sqlite(database_url(), args.file, Actor.operator())
    _say(report.summary())
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from matching.services import audit, db
    from matching.services.access import Actor

    with db.sessions()() as session:
        report = audit.inspect_chain(session, Actor.operator())
    for line in (*report.notes, *report.problems, report.summary()):
        _say(line)
    return 1 if report.problems else 0


def _audit_restart(args: argparse.Namespace) -> int:
    from matching.services import audit, db
    from matching.services.access import Actor

    if not args.yes:
        _say(Message("cli.error", {"text": Message("audit.restart_needs_yes")}))
        return 2
    with db.sessions()() as session, session.begin():
        report = audit.restart_checkpoint(session, Actor.operator(), "audit restart-checkpoint")
    _say(Message("audit.checkpoint_restarted", {"count": report.entries, "path": str(report.checkpoint)}))
    return 0

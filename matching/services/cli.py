"""CLI for the database and the data: `db migrate`, `demo seed`, `data import|export|template|kinds`."""

from __future__ import annotations

import argparse
import sys

from matching.services import data_io, db
from matching.services.access import Actor
from matching.services.kinds import KINDS


def register(commands: argparse._SubParsersAction) -> None:
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
        action.add_argument("kind", choices=list(KINDS), metavar="KIND", help=f"one of: {', '.join(KINDS)}")
        action.add_argument("file", help="path ending in .csv or .xlsx")
        if name == "import":
            action.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
        if name == "export":
            action.add_argument(
                "--purpose", help="why personal data is exported (required for graduates and enterprises)"
            )
        action.set_defaults(handler={"import": _import, "export": _export, "template": _template}[name])


def _migrate(args: argparse.Namespace) -> int:
    db.migrate_database()
    print("database is at the latest schema", file=sys.stderr)
    return 0


def _seed(args: argparse.Namespace) -> int:
    from matching.services.demo import seed_demo

    db.migrate_database()
    report = seed_demo(db.sessions(), seed=args.seed, scale=args.scale, if_empty=args.if_empty)
    print(report.summary(), file=sys.stderr)
    return 0


def _kinds(args: argparse.Namespace) -> int:
    for kind in KINDS.values():
        columns = ", ".join(c.name + ("*" if c.required else "") for c in kind.columns)
        print(f"{kind.name} ({kind.label_zh}): {columns}")
    print("* = required", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    report = data_io.import_file(
        db.sessions(), args.kind, args.file, actor=Actor.operator(), dry_run=args.dry_run
    )
    print(report.summary(), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    rows = data_io.export_file(
        db.sessions(), args.kind, args.file, actor=Actor.operator(), purpose=args.purpose
    )
    print(f"wrote {rows} {args.kind} rows to {args.file}", file=sys.stderr)
    return 0


def _template(args: argparse.Namespace) -> int:
    data_io.write_template(args.kind, args.file)
    print(f"wrote the {args.kind} template to {args.file}", file=sys.stderr)
    return 0

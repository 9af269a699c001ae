"""`python -m matching report`: the city's report (or the aid ledger) for a period and a scope, as XLSX,
CSV, printable HTML or PDF (by the suffix of `--out`).

    report [--year Y | --from D --to D | --event CODE] [--park CODE] [--ledger] --out FILE

The file is in the command line's language (`MATCHING_LANG=zh` for Chinese).

Without a period the report covers the programme as far as it is reported: every fair held and every aid
outcome up to the latest outcome recorded (a fair whose outcomes are not recorded yet is not in it). The file leaves through the disclosure guard and is logged with its row count.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from matching.messages import Message, cli_language

SUFFIXES = (".xlsx", ".csv", ".html", ".pdf")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from error


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "report",
        help="the city's report (figures with definitions, per park, county, university, month and "
        "industry, against the previous period) or the aid ledger, as XLSX, CSV, HTML or PDF",
    )
    period = parser.add_mutually_exclusive_group()
    period.add_argument(
        "--year", type=int, metavar="Y", help="one calendar year (compared with the year before)"
    )
    period.add_argument(
        "--from", dest="start", type=_day, metavar="D", help="first day of a range (YYYY-MM-DD; with --to)"
    )
    period.add_argument("--event", metavar="CODE", help="one job fair (compared with the fair before it)")
    parser.add_argument(
        "--to", dest="end", type=_day, metavar="D", help="last day of the range (with --from)"
    )
    parser.add_argument("--park", metavar="CODE", help="one park's report (default: the whole city)")
    parser.add_argument(
        "--ledger",
        action="store_true",
        help="the aid ledger instead: per pair and year, what was planned and delivered, and the status",
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="FILE.xlsx, FILE.csv, FILE.html or FILE.pdf"
    )
    parser.set_defaults(handler=_report, report_parser=parser)


def _report(args: argparse.Namespace) -> int:
    from matching.services import db
    from matching.services.access import Actor
    from matching.services.report import Period, event_period, reported_to_date
    from matching.services.report_files import export

    parser: argparse.ArgumentParser = args.report_parser
    if (args.start is None) != (args.end is None):
        parser.error("--from and --to go together")
    if args.out.suffix.lower() not in SUFFIXES:
        parser.error(f"--out must end in {', '.join(SUFFIXES)}")
    lang = cli_language()  # the file's language too: MATCHING_LANG (or the global --lang), else English
    actor = Actor.operator()
    sessions = db.sessions()
    if args.event:
        with sessions() as session:
            period = event_period(session, actor, args.event)
    elif args.year is not None:
        period = Period.year(args.year)
    elif args.start is not None:
        period = Period.between(args.start, args.end)
    else:
        with sessions() as session:
            period = reported_to_date(session, actor)
    made = export(
        sessions,
        actor,
        period,
        args.out.name,
        park_code=args.park,
        lang=lang,
        with_ledger=args.ledger,
    )
    args.out.write_bytes(made.content)
    print(Message("report.written", {"file": str(args.out), "rows": made.rows}).text(lang), file=sys.stderr)
    return 0

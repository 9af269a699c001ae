"""`python -m matching …`: every action of the service, headless.

Each area registers its own subcommands; a handler returns the exit code. Bad input is reported on one
line and exits 2, as the README promises.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from matching.errors import ConflictError, InputError, NotFoundError

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    from matching.aid import cli as aid_cli
    from matching.jobfair import cli as jobfair_cli
    from matching.services import cli as data_cli

    parser = argparse.ArgumentParser(
        prog="python -m matching",
        description="Matching service for Dandong's industrial parks (job fairs and aid pairing).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_cli.register(commands)
    jobfair_cli.register(commands)
    aid_cli.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except InputError as error:
        print(f"error: {error.summary()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (NotFoundError, ConflictError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code

"""`python -m matching …`: every action of the service, headless.

Each area registers its own subcommands; a handler returns the exit code. Bad input is reported on one
line and exits 2, as the README promises.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from matching.errors import ConflictError, InputError, NotFoundError

EXIT_BAD_INPUT = 2


# The solver areas load OR-Tools, SciPy and pandas; a command loads only the area it names.
AREAS = {
    "jobfair": ("matching.jobfair.cli", "job-fair matching: placements, shortlists, the interview timetable"),
    "aid": ("matching.aid.cli", "aid pairing: a lead enterprise for every village"),
}


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    from matching.services import cli as data_cli

    parser = argparse.ArgumentParser(
        prog="python -m matching",
        description="Matching service for Dandong's industrial parks (job fairs and aid pairing).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_cli.register(commands)
    named = next((word for word in argv if not word.startswith("-")), None)
    for area, (module, help_text) in AREAS.items():
        if named in (None, area):
            importlib.import_module(module).register(commands)
        else:
            commands.add_parser(area, help=help_text)  # listed in the help, loaded only when used
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
    args = parser.parse_args(words)
    try:
        code: int = args.handler(args)
    except InputError as error:
        print(f"error: {error.summary()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (NotFoundError, ConflictError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code

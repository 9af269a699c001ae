"""`python -m matching …`: every action of the service, headless.

Each area registers its own subcommands; a handler returns the exit code (`exit_codes`). Errors end as one
line on stderr, never a traceback: bad input exits 2 naming the file, row and column; anything unexpected
exits 1 as an internal error (`MATCHING_DEBUG=1` shows the traceback for a developer).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from matching.cli import exit_codes
from matching.errors import ConflictError, InputError, NotFoundError
from matching.messages import cli_language, render
from matching.results import InvalidSolutionError

# The solver areas load OR-Tools, SciPy and pandas; a command loads only the area it names.
AREAS = {
    "jobfair": ("matching.cli.jobfair", "job-fair matching: placements, shortlists, the interview timetable"),
    "aid": ("matching.cli.aid", "aid pairing: a lead enterprise (and helpers) for every village"),
}


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    from matching.cli import admin, data

    parser = argparse.ArgumentParser(
        prog="python -m matching",
        description="Matching service for Dandong's industrial parks (job fairs and aid pairing). "
        "Exit codes: 0 done, 1 internal error, 2 bad input, 3 no solution or only a partial one.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    admin.register(commands)
    data.register(commands)
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
    lang = cli_language()
    try:
        code: int = args.handler(args)
    except InputError as error:
        return _fail(render("cli.error", {"text": error.summary(lang=lang)}, lang), exit_codes.BAD_INPUT)
    except InvalidSolutionError as error:
        return _internal(error, lang)
    except (NotFoundError, ConflictError, OSError, ValueError) as error:
        return _fail(render("cli.error", {"text": _one_line(error)}, lang), exit_codes.BAD_INPUT)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last guard: one line, never a traceback
        return _internal(error, lang)
    return code


def _one_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return " ".join(str(error).split()) or type(error).__name__


def _fail(line: str, code: int) -> int:
    print(line, file=sys.stderr)
    return code


def _internal(error: BaseException, lang: str) -> int:
    if os.environ.get("MATCHING_DEBUG") == "1":
        raise error
    text = f"{type(error).__name__}: {_one_line(error)}"
    return _fail(render("cli.internal_error", {"text": text}, lang), exit_codes.INTERNAL_ERROR)

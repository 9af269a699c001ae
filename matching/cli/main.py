"""`python -m matching …`: every action of the service, headless.

Each area registers its own subcommands; a handler returns the exit code (`exit_codes`). Errors end as one
line on stderr, never a traceback: bad input exits 2 naming the file, row and column; anything unexpected
exits 1 as an internal error (`MATCHING_DEBUG=1` shows the traceback for a developer).

Summaries, findings and errors are said in English unless `MATCHING_LANG=zh` or the global `--lang zh`
(given before the command: `python -m matching --lang zh jobfair solve …`), which wins over the variable.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from matching.cli import exit_codes
from matching.errors import ConflictError, InputError, NotFoundError
from matching.messages import LANGUAGES, cli_language, render
from matching.results import InvalidSolutionError

# The solver areas load OR-Tools, SciPy and pandas; a command loads only the area it names.
AREAS = {
    "jobfair": ("matching.cli.jobfair", "job-fair matching: placements, shortlists, the interview timetable"),
    "aid": ("matching.cli.aid", "aid pairing: a lead enterprise (and helpers) for every village"),
    "report": ("matching.cli.report", "the city's report and the aid ledger: XLSX, CSV, HTML or PDF"),
}


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    from matching.cli import admin, data

    parser = argparse.ArgumentParser(
        prog="python -m matching",
        description="Matching service for Dandong's industrial parks (job fairs and aid pairing). "
        "Exit codes: 0 done, 1 internal error, 2 bad input, 3 no solution or only a partial one.",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="language of summaries, findings and errors: zh (中文) or en; default MATCHING_LANG, else en",
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
    lang, words = _global_language(words)
    if lang is None:
        return _run(words)
    before = os.environ.get("MATCHING_LANG")
    os.environ["MATCHING_LANG"] = lang  # what `cli_language` reads, in every area and in the help
    try:
        return _run(words)
    finally:
        if before is None:
            os.environ.pop("MATCHING_LANG", None)
        else:
            os.environ["MATCHING_LANG"] = before


def _global_language(words: list[str]) -> tuple[str | None, list[str]]:
    """`--lang X` (or `--lang=X`) before the command: the language, and the words without it. A value
    that is not a language is left for the parser to refuse."""
    for index, word in enumerate(words):
        if not word.startswith("-"):
            break  # the command: what follows is its own
        if word.startswith("--lang="):
            value, rest = word.partition("=")[2], words[:index] + words[index + 1 :]
        elif word == "--lang" and index + 1 < len(words):
            value, rest = words[index + 1], words[:index] + words[index + 2 :]
        else:
            continue
        return (value, rest) if value in LANGUAGES else (None, words)
    return None, words


def _run(words: list[str]) -> int:
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

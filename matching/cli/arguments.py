"""Argument types shared by the command-line areas, and flags built from the cores' options types.

`add_option_flags` turns the fields of an options dataclass (see `matching.options.option`) into flags, and
`options_from_args` turns the parsed flags back into that dataclass: there is no second list of keyword
arguments in which an option could be forgotten. A flag that was not given leaves the core's default.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import math
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from matching.messages import cli_language, render
from matching.options import default_of, enum_word, interface_fields, value_type


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None


def positive_int(text: str) -> int:
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, found {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, found {text!r}")
    return value


def bounded_number(kind: type, minimum: float | None, maximum: float | None) -> Callable[[str], Any]:
    """An argparse type for an int or float within [minimum, maximum]."""

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            noun = "a whole number" if kind is int else "a number"
            raise argparse.ArgumentTypeError(f"expected {noun}, found {text!r}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"expected a finite number, found {text!r}")
        if minimum is not None and value < minimum:
            wanted = "0 or more" if minimum == 0 else f"at least {minimum:g}"
            raise argparse.ArgumentTypeError(f"must be {wanted}, got {text}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"must be at most {maximum:g}, got {text}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


def add_event_source(parser: argparse.ArgumentParser, event_help: str) -> None:
    """The two sources of a job-fair command: a folder of CSV files (DIR) or a stored fair (--event)."""
    parser.add_argument(
        "directory", metavar="DIR", type=Path, nargs="?", help="folder with the CSV files (or use --event)"
    )
    parser.add_argument("--event", metavar="CODE", help=event_help)


def enum_parser(kind: type[enum.Enum]) -> Callable[[str], Any]:
    words = {enum_word(member): member for member in kind}

    def parse(text: str) -> Any:
        try:
            return words[text.strip().lower()]
        except KeyError:
            raise argparse.ArgumentTypeError(
                f"invalid {kind.__name__} value: {text!r} (choose from {', '.join(words)})"
            ) from None

    parse.__name__ = kind.__name__
    return parse


def key_count(text: str) -> tuple[str, int]:
    """`CODE=N` (a park or county code and a whole number ≥ 0)."""
    key, sep, count = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected CODE=N, found {text!r}")
    value = whole_number(count.strip())
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value} in {text!r}")
    return key.strip(), value


def flag_name(field: dataclasses.Field[Any]) -> str:
    return str(field.metadata.get("flag") or "--" + field.name.replace("_", "-"))


def add_option_flags(
    parser: argparse.ArgumentParser | Any,
    options_type: type,
    *,
    prefix: str = "",
    exclude: Iterable[str] = (),
    defaults: dict[str, Any] | None = None,
) -> None:
    """One flag per interface field of `options_type`, its help from the translation table.

    Parsed values land in `args.<prefix><field>`, None when the flag is not given. `defaults` overrides the
    default shown in the help (and used) for fields whose command-line default differs from the core's.
    """
    lang = cli_language()
    skipped = set(exclude)
    instance_defaults = defaults or {}
    for field in interface_fields(options_type):
        if field.name in skipped:
            continue
        label = str(field.metadata["label"])
        help_text = render(f"{label}.help", lang=lang)
        kind = value_type(options_type, field.name)
        default = instance_defaults.get(field.name, default_of(field))
        dest = prefix + field.name
        if kind is bool:
            parser.add_argument(
                flag_name(field), dest=dest, action="store_true", default=None, help=help_text
            )
            continue
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            parser.add_argument(
                flag_name(field),
                dest=dest,
                type=enum_parser(kind),
                choices=list(kind),
                metavar="{" + ",".join(enum_word(member) for member in kind) + "}",
                help=_with_default(help_text, default),
            )
            continue
        if typing.get_origin(kind) in (Mapping, dict):
            parser.add_argument(
                flag_name(field),
                dest=dest,
                type=key_count,
                action="append",
                metavar="CODE=N",
                help=f"{help_text} (repeat for several)",
            )
            continue
        if field.name == "time_limit":  # the shared name: seconds, > 0
            number_type: Callable[[str], Any] = positive_seconds
        else:
            number_type = bounded_number(kind, field.metadata.get("minimum"), field.metadata.get("maximum"))
        parser.add_argument(
            flag_name(field),
            dest=dest,
            type=number_type,
            metavar="N" if kind is int else ("SECONDS" if field.name == "time_limit" else "X"),
            help=_with_default(help_text, default),
        )


def _with_default(help_text: str, value: Any) -> str:
    """The help with the default; a None default (drawn, every CPU …) is explained by the help itself."""
    if value is None:
        return help_text
    return f"{help_text} (default {enum_word(value) if isinstance(value, enum.Enum) else value})"


def given_options(args: argparse.Namespace, options_type: type, *, prefix: str = "") -> dict[str, Any]:
    """The interface fields of `options_type` whose flags were given: field name → value (repeated
    `CODE=N` flags become one mapping)."""
    given = {}
    for field in interface_fields(options_type):
        value = getattr(args, prefix + field.name, None)
        if value is not None:
            given[field.name] = dict(value) if isinstance(value, list) else value
    return given


def options_from_args(args: argparse.Namespace, options_type: type, *, prefix: str = "", **fixed: Any) -> Any:
    """`options_type` with every given flag and the `fixed` values; the core's defaults for the rest."""
    return options_type(**{**given_options(args, options_type, prefix=prefix), **fixed})

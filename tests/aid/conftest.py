"""Fixtures of the aid-pairing tests: the CLI with only the aid commands registered."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest

import matching.cli
from matching.aid import cli as aid_cli

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """`matching.cli.main` (its real error handling) with only the aid commands registered."""

    def aid_parser() -> argparse.ArgumentParser:
        parser = argparse.ArgumentParser(prog="python -m matching")
        aid_cli.register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
        return parser

    monkeypatch.setattr(matching.cli, "build_parser", aid_parser)

    def run_cli(*argv: str) -> tuple[int, str, str]:
        code = matching.cli.main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_cli

"""Fixtures of the aid-pairing tests: the CLI as users run it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import matching.cli

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`matching.cli.main`, the real entry point with its error handling."""

    def run_cli(*argv: str) -> tuple[int, str, str]:
        code = matching.cli.main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_cli

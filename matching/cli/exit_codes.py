"""The exit codes of every command (the README's table)."""

from __future__ import annotations

from typing import Any

DONE = 0  # done: the result was written
INTERNAL_ERROR = 1  # a bug or a broken installation (and `audit verify` on a broken chain)
BAD_INPUT = 2  # bad input: one line names the file, row and column (or the record) to fix
NO_SOLUTION = 3  # no solution, or only a partial one: the diagnosis is on stderr


def for_result(result: Any) -> int:
    """DONE for a complete solution, NO_SOLUTION for none or a partial one (any `SolveResult`)."""
    return DONE if result.has_solution and result.complete else NO_SOLUTION

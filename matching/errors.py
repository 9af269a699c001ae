"""Errors that carry where bad input came from, so a person can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """One fault in an input file. `row` is the spreadsheet row (header = 1), None for whole-file faults."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class InputError(ValueError):
    """Bad input: lists every problem found; nothing has been written when it is raised."""

    def __init__(self, problems: list[InputProblem] | InputProblem):
        self.problems = [problems] if isinstance(problems, InputProblem) else list(problems)
        super().__init__(self.summary())

    def summary(self, limit: int = 1) -> str:
        """The first `limit` problems on one line each, plus how many more there are."""
        shown = [str(p) for p in self.problems[:limit]]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(f"(and {hidden} more problem{'s' if hidden > 1 else ''})")
        return "; ".join(shown)


class NotFoundError(LookupError):
    """A named thing (event, park, run …) does not exist."""


class ConflictError(RuntimeError):
    """Someone else changed the row first (optimistic locking), or a decision would be overwritten."""

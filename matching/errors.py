"""Errors that carry where bad input came from, so a person can find and fix it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from matching.messages import DEFAULT_LANGUAGE, render


@dataclass(frozen=True)
class InputProblem:
    """One fault in an input file. `row` is the spreadsheet row (header = 1), None for whole-file faults.

    `message` is the English sentence; `code` and `params`, where set, name it in the translation table
    so that pages can say it in the user's language. `InputProblem.of(file, code, …)` makes one from its
    code alone (the English sentence is rendered from the table).
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    code: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(
        cls, file: str, code: str, /, row: int | None = None, column: str | None = None, **params: Any
    ) -> InputProblem:
        """The problem `code` of the translation table with its parameters, at file, row and column."""
        return cls(file, render(code, params, "en"), row, column, code, params)

    def said(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """What is wrong, without where, in the reader's language (the English sentence if uncoded)."""
        return render(self.code, self.params, lang) if self.code else self.message

    def where(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The file, row and column, in the reader's language."""
        if self.row is not None and self.column:
            return render(
                "where.row_column", {"file": self.file, "row": self.row, "column": self.column}, lang
            )
        if self.row is not None:
            return render("where.row", {"file": self.file, "row": self.row}, lang)
        if self.column:
            return render("where.column", {"file": self.file, "column": self.column}, lang)
        return self.file

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        where = self.where(lang)
        return f"{where}: {self.said(lang)}" if where else self.said(lang)

    def __str__(self) -> str:
        return self.text()


class InputError(ValueError):
    """Bad input: lists every problem found; nothing has been written when it is raised."""

    def __init__(self, problems: list[InputProblem] | InputProblem):
        self.problems = [problems] if isinstance(problems, InputProblem) else list(problems)
        super().__init__(self.summary())

    def summary(self, limit: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
        """The first `limit` problems on one line each, plus how many more there are."""
        shown = [p.text(lang) for p in self.problems[:limit]]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(
                render(
                    "input.more_problems" if hidden > 1 else "input.one_more_problem", {"count": hidden}, lang
                )
            )
        return "; ".join(shown)


class NotFoundError(LookupError):
    """A named thing (event, park, run …) does not exist."""


class ConflictError(RuntimeError):
    """Someone else changed the row first (optimistic locking), or a decision would be overwritten."""

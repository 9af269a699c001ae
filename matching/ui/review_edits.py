"""Turning the review grid's edits into decisions (pure, so it is tested without a browser)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from matching.services.vocabulary import DecisionAction

DECIDE_COLUMN = "decide"
NOTE_COLUMN = "note"
# The decide cell's value before a choice, as shown: a real option (the grid draws an empty choice as a grey
# "None"), and no word, so it reads the same in both languages.
NO_DECISION = "—"


@dataclass(frozen=True)
class PendingDecision:
    proposal_id: int
    action: DecisionAction
    reason: str | None
    version: int

    def as_tuple(self) -> tuple[int, DecisionAction, str | None, int | None]:
        return (self.proposal_id, self.action, self.reason, self.version)


@dataclass(frozen=True)
class EditProblem:
    """Why an edit cannot be saved: `kind` is `no_partner` or `reason_missing`."""

    kind: str
    subject: str
    partner: str

    def __str__(self) -> str:
        if self.kind == "no_partner":
            return f"{self.subject}: nothing is proposed for it, so there is nothing to decide"
        return f"{self.subject} – {self.partner}: a rejection needs a reason"


def decisions_from_edits(
    shown: pd.DataFrame, edited_rows: Mapping[Any, Mapping[str, Any]]
) -> tuple[list[PendingDecision], list[EditProblem]]:
    """The grid's `edited_rows` ({row position: {column: value}}) → decisions, and what stops them."""
    decisions: list[PendingDecision] = []
    problems: list[EditProblem] = []
    for position in sorted(edited_rows, key=int):
        edits = edited_rows[position]
        choice = (edits.get(DECIDE_COLUMN) or "").strip()
        if not choice or choice == NO_DECISION:
            continue
        row = shown.iloc[int(position)]
        note = str(edits.get(NOTE_COLUMN) or "").strip() or None
        action = DecisionAction(choice)
        if not row["partner"]:
            problems.append(EditProblem("no_partner", str(row["subject"]), ""))
            continue
        if action is DecisionAction.REJECT and note is None:
            problems.append(EditProblem("reason_missing", str(row["subject"]), str(row["partner"])))
            continue
        decisions.append(PendingDecision(int(row["proposal_id"]), action, note, int(row["version"])))
    return decisions, problems


def bulk_decisions(
    shown: pd.DataFrame, action: DecisionAction, reason: str | None = None
) -> list[PendingDecision]:
    """The same decision for every shown proposal that is still open and has a partner."""
    open_rows = shown[(shown["status"] == "proposed") & (shown["partner"] != "")]
    return [
        PendingDecision(int(row.proposal_id), action, reason, int(row.version))
        for row in open_rows.itertuples(index=False)
    ]

"""Grid edits become decisions; what cannot be decided is named, not dropped."""

from __future__ import annotations

import pandas as pd

from matching.ui.review_edits import bulk_decisions, decisions_from_edits
from models import DecisionAction

SHOWN = pd.DataFrame(
    {
        "proposal_id": [11, 12, 13, 14],
        "version": [1, 3, 1, 2],
        "status": ["proposed", "proposed", "approved", "proposed"],
        "subject": ["G1", "G2", "G3", "G4"],
        "partner": ["软件工程师", "施工员", "会计", ""],
    }
)


def test_choices_become_decisions_with_the_version_seen() -> None:
    edits = {
        0: {"decide": "approve"},
        "1": {"decide": "reject", "note": "专业不符"},
        2: {"note": "only a note"},
    }
    decisions, problems = decisions_from_edits(SHOWN, edits)
    assert problems == []
    assert [d.as_tuple() for d in decisions] == [
        (11, DecisionAction.APPROVE, None, 1),
        (12, DecisionAction.REJECT, "专业不符", 3),
    ]


def test_a_rejection_without_reason_and_an_unmatched_row_are_named() -> None:
    decisions, problems = decisions_from_edits(SHOWN, {1: {"decide": "reject"}, 3: {"decide": "approve"}})
    assert decisions == []
    assert [str(problem) for problem in problems] == [
        "G2 – 施工员: a rejection needs a reason",
        "G4: nothing is proposed for it, so there is nothing to decide",
    ]
    assert [problem.kind for problem in problems] == ["reason_missing", "no_partner"]


def test_bulk_takes_only_open_pairs() -> None:
    assert [d.proposal_id for d in bulk_decisions(SHOWN, DecisionAction.APPROVE)] == [11, 12]

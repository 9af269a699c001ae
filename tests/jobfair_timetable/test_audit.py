"""The independent validator finds each kind of broken rule (so a silent model bug cannot pass)."""

from __future__ import annotations

import numpy as np
import pytest

from matching.jobfair.timetable import (
    NO_SLOT,
    InvalidTimetableError,
    ViolationKind,
    audit_timetable,
    build_problem,
    plan_schedule,
)
from matching.jobfair.timetable.reschedule import plan_reschedule

from .factories import booths, fair, graduates, interviews


def day():  # type: ignore[no-untyped-def]
    """Four slots (09:00–11:00) and a 10-minute gap; E1 has 1 interviewer and a break 10:00–10:30, E2 has 2."""
    problem = build_problem(
        fair(gap=10),
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1"},
            {"graduate_id": "G1", "enterprise_id": "E2"},
            {"graduate_id": "G2", "enterprise_id": "E1"},
            {"graduate_id": "G3", "enterprise_id": "E2", "status": "no_show"},
            {"graduate_id": "G3", "enterprise_id": "E1", "status": "held", "start": "09:30"},
        ),
        booths(
            {"enterprise_id": "E1", "interviewers": "1", "breaks": "10:00-10:30"},
            {"enterprise_id": "E2", "interviewers": "2"},
        ),
        graduates(
            {"graduate_id": "G1", "max_interviews": "2"}, {"graduate_id": "G2", "unavailable": "09:00-09:30"}
        ),
    )
    return problem, plan_schedule(problem)


VALID = np.array([0, 2, 3, NO_SLOT, 1])  # G1 at E1 09:00 and E2 10:00, G2 at E1 10:30, G3 held at E1 09:30
INTERVIEWERS = np.array([1, 1, 1, 0, 1])


def test_a_valid_timetable_passes() -> None:
    problem, plan = day()
    assert audit_timetable(problem, plan, VALID, INTERVIEWERS).valid


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({0: 7}, ViolationKind.OFF_GRID),
        ({3: 0}, ViolationKind.DROPPED_SCHEDULED),
        ({4: 0, 0: NO_SLOT}, ViolationKind.FIXED_MOVED),
        ({2: 2}, ViolationKind.BOOTH_CLOSED),  # E1's break
        ({1: 1}, ViolationKind.GRADUATE_CLASH),  # G1 at 09:00 and 09:30 with a 10-minute gap
        ({2: 0}, ViolationKind.BOOTH_OVER_CAPACITY),  # E1 has one interviewer
    ],
)
def test_each_broken_rule_is_found(changes: dict[int, int], kind: ViolationKind) -> None:
    problem, plan = day()
    slot = VALID.copy()
    for index, value in changes.items():
        slot[index] = value
    report = audit_timetable(problem, plan, slot)
    assert kind in report.counts()
    with pytest.raises(InvalidTimetableError, match=kind.value):
        report.raise_if_invalid()


def test_graduate_unavailable_is_found() -> None:
    problem = build_problem(
        fair(),
        interviews({"graduate_id": "G1", "enterprise_id": "E1"}),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
        graduates({"graduate_id": "G1", "unavailable": "09:10-09:20"}),
    )
    report = audit_timetable(problem, plan_schedule(problem), np.array([0]))
    assert list(report.counts()) == [ViolationKind.GRADUATE_UNAVAILABLE]


def test_max_interviews_and_interviewer_numbers_are_checked() -> None:
    problem = build_problem(
        fair(),
        interviews(*({"graduate_id": "G1", "enterprise_id": f"E{b}"} for b in range(3))),
        booths(*({"enterprise_id": f"E{b}", "interviewers": "1"} for b in range(3))),
        graduates({"graduate_id": "G1", "max_interviews": "2"}),
    )
    report = audit_timetable(problem, plan_schedule(problem), np.array([0, 1, 2]), np.array([1, 2, 1]))
    assert report.counts() == {ViolationKind.GRADUATE_OVER_LIMIT: 1, ViolationKind.INTERVIEWER_INVALID: 1}


def test_require_all_and_placing_in_the_past_are_checked() -> None:
    problem = build_problem(
        fair(),
        interviews(
            {"graduate_id": "G1", "enterprise_id": "E1"}, {"graduate_id": "G2", "enterprise_id": "E1"}
        ),
        booths({"enterprise_id": "E1", "interviewers": "1"}),
    )
    plan = plan_schedule(problem)
    assert audit_timetable(problem, plan, np.array([0, NO_SLOT]), require_all=True).counts() == {
        ViolationKind.NOT_ALL_SCHEDULED: 1
    }
    previous = interviews(
        {"graduate_id": "G1", "enterprise_id": "E1", "start": "10:00"},
        columns=["graduate_id", "enterprise_id", "position_id", "start"],
    )
    later = plan_reschedule(problem, previous, "09:30")
    assert audit_timetable(problem, later, np.array([2, 0])).counts() == {ViolationKind.PLACED_IN_PAST: 1}

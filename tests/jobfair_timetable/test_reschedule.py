"""Same-day re-scheduling: what happened stays, the rest moves as little as possible, and moves are counted."""

from __future__ import annotations

import pandas as pd
import pytest

from matching.errors import InputError
from matching.jobfair.timetable import UnscheduledReason, reschedule_frames
from matching.jobfair.timetable.result import OUTPUT_COLUMNS

from .factories import FAST, booths, fair, graduates, interviews, starts

PREVIOUS = [
    ("G1", "E1", "09:00", "1"),
    ("G2", "E1", "09:30", "1"),
    ("G3", "E2", "09:30", "1"),
    ("G4", "E3", "10:00", "2"),
    ("G5", "E3", "10:30", "1"),
    ("G6", "E2", "10:30", "1"),
]


def previous_frame(rows: list[tuple[str, str, str, str]] = PREVIOUS) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"graduate_id": g, "enterprise_id": e, "position_id": "", "start": s, "interviewer": n}
            for g, e, s, n in rows
        ]
    )


def interview_frame(
    statuses: dict[str, str] | None = None, extra: list[dict[str, str]] | None = None
) -> pd.DataFrame:
    statuses = {"G1": "held", **(statuses or {})}
    rows = [
        {"graduate_id": g, "enterprise_id": e, "status": statuses.get(g, "pending")}
        for g, e, _, _ in PREVIOUS
    ]
    return interviews(*rows, *(extra or []), columns=["graduate_id", "enterprise_id", "status"])


def booth_frame(**changes: dict[str, str]) -> pd.DataFrame:
    rows = {"E1": {"interviewers": "1"}, "E2": {"interviewers": "1"}, "E3": {"interviewers": "2"}}
    for enterprise, change in changes.items():
        rows[enterprise].update(change)
    return booths(
        *({"enterprise_id": e, **row} for e, row in rows.items()),
        columns=["enterprise_id", "interviewers", "arrives"],
    )


def replan(
    interview_rows: pd.DataFrame,
    booth_rows: pd.DataFrame,
    now: str = "09:30",
    previous: pd.DataFrame | None = None,
    graduate_rows: pd.DataFrame | None = None,
):  # type: ignore[no-untyped-def]
    return reschedule_frames(
        fair(),
        interview_rows,
        booth_rows,
        graduate_rows,
        previous if previous is not None else previous_frame(),
        now,
        FAST,
    )


def test_nothing_moves_when_only_a_no_show_changes() -> None:
    result = replan(interview_frame({"G5": "no_show"}), booth_frame())
    placed = starts(result)
    assert placed == {
        ("G1", "E1"): "09:00",
        ("G2", "E1"): "09:30",
        ("G3", "E2"): "09:30",
        ("G4", "E3"): "10:00",
        ("G5", "E3"): "",
        ("G6", "E2"): "10:30",
    }
    assert result.reason[4] is UnscheduledReason.NO_SHOW
    assert result.moved_count == 0
    assert result.timetable_frame()["interviewer"].tolist() == ["1", "1", "1", "2", "", "1"]  # numbers kept
    assert " moved=0 " in result.summary()


def test_a_late_enterprise_moves_only_its_affected_interview() -> None:
    result = replan(interview_frame(), booth_frame(E2={"arrives": "10:00"}))
    placed = starts(result)
    assert placed[("G3", "E2")] == "10:00"
    assert {k: v for k, v in placed.items() if k != ("G3", "E2")} == {
        ("G1", "E1"): "09:00",
        ("G2", "E1"): "09:30",
        ("G4", "E3"): "10:00",
        ("G5", "E3"): "10:30",
        ("G6", "E2"): "10:30",
    }
    assert result.moved_count == 1
    assert result.timetable_frame()["moved"].tolist() == ["false", "false", "true", "false", "false", "false"]
    assert " moved=1 " in result.summary()


def test_a_walk_in_takes_free_capacity_without_moving_anyone() -> None:
    result = replan(interview_frame(extra=[{"graduate_id": "G7", "enterprise_id": "E3"}]), booth_frame())
    assert starts(result)[("G7", "E3")] in ("09:30", "10:00", "10:30")
    assert result.moved_count == 0


def test_a_walk_in_that_only_fits_by_moving_someone_waits() -> None:
    # G8 can only come at 09:30, when E1 has G2; moving G2 costs more than the walk-in gains.
    result = replan(
        interview_frame(extra=[{"graduate_id": "G8", "enterprise_id": "E1"}]),
        booth_frame(),
        graduate_rows=graduates({"graduate_id": "G8", "unavailable": "10:00-11:00"}),
    )
    assert starts(result)[("G8", "E1")] == ""
    assert result.reason[-1] is UnscheduledReason.BOOTH_FULL
    assert result.moved_count == 0


def test_an_interviewer_who_leaves_moves_one_of_two_parallel_interviews() -> None:
    rows = [*PREVIOUS[:4], ("G7", "E3", "10:00", "1"), PREVIOUS[5]]
    frame = interviews(
        *(
            {"graduate_id": g, "enterprise_id": e, "status": "held" if g == "G1" else ""}
            for g, e, _, _ in rows
        )
    )
    result = replan(frame, booth_frame(E3={"interviewers": "1"}), previous=previous_frame(rows))
    e3 = [starts(result)[("G4", "E3")], starts(result)[("G7", "E3")]]
    assert "10:00" in e3 and len(set(e3)) == 2
    assert result.moved_count == 1
    numbers = result.timetable_frame().set_index("graduate_id")["interviewer"]
    assert numbers["G4"] == numbers["G7"] == "1"


def test_pending_interviews_that_began_before_now_stay_even_if_the_booth_changed() -> None:
    result = replan(interview_frame(), booth_frame(E2={"arrives": "10:30"}), now="09:45")
    placed = starts(result)
    assert placed[("G3", "E2")] == "09:30"  # its slot began at 09:30: taken as held
    assert placed[("G2", "E1")] == "09:30"
    assert placed[("G6", "E2")] == "10:30"
    assert result.plan.plan_from_slot == 2
    assert result.moved_count == 0


def test_started_interviews_without_a_previous_start_use_their_own() -> None:
    frame = interview_frame(
        extra=[{"graduate_id": "G9", "enterprise_id": "E3", "status": "started", "start": "09:30"}]
    )
    frame = frame.assign(start=[""] * 6 + ["09:30"])
    result = replan(frame, booth_frame())
    assert starts(result)[("G9", "E3")] == "09:30"


@pytest.mark.parametrize(
    ("previous_rows", "now", "pattern", "location"),
    [
        (
            [*PREVIOUS, ("G9", "E1", "10:00", "1")],
            "09:30",
            r"graduate 'G9' at enterprise 'E1' is not in interviews.csv; keep the row there and set its status to "
            r"cancelled or no_show instead of deleting it",
            ("previous timetable", 8, "graduate_id"),
        ),
        (
            [*PREVIOUS, PREVIOUS[0]],
            "09:30",
            r"the interview appears again \(first at row 2\)",
            ("previous timetable", 8, None),
        ),
        (
            [("G1", "E1", "09:10", "1")],
            "09:30",
            r"09:10 is not the start of a slot",
            ("previous timetable", 2, "start"),
        ),
        (
            [("G1", "E1", "nine", "1")],
            "09:30",
            r"'nine' is not a time of day",
            ("previous timetable", 2, "start"),
        ),
        (
            [("G1", "E1", "09:00", "x")],
            "09:30",
            r"'x' is not an interviewer number",
            ("previous timetable", 2, "interviewer"),
        ),
        (PREVIOUS, "9.30", r"'9.30' is not a time of day HH:MM", ("--now", None, None)),
        (PREVIOUS, "08:00", r"08:00 is outside the fair's hours 09:00-11:00", ("--now", None, None)),
        (PREVIOUS, "08:59", r"outside the fair's hours", ("--now", None, None)),
        (
            [("G1", "E1", "10:00", "1")],
            "09:30",
            r"a held interview cannot start at 10:00, after --now 09:30",
            ("interviews.csv", 2, "status"),
        ),
        (
            [("G2", "E1", "09:30", "1")],
            "09:30",
            r"a held interview needs its start \(here or in the previous timetable\)",
            ("interviews.csv", 2, "start"),
        ),
    ],
)
def test_bad_re_schedule_input_is_located(
    previous_rows: list[tuple[str, str, str, str]],
    now: str,
    pattern: str,
    location: tuple[str, int | None, str | None],
) -> None:
    with pytest.raises(InputError, match=pattern) as error:
        replan(interview_frame(), booth_frame(), now=now, previous=previous_frame(previous_rows))
    problem = error.value.problems[0]
    assert (problem.file, problem.row, problem.column) == location


def test_the_previous_timetable_needs_the_contract_columns() -> None:
    with pytest.raises(
        InputError, match=r"unknown column; a timetable has graduate_id, enterprise_id"
    ) as error:
        replan(interview_frame(), booth_frame(), previous=previous_frame().rename(columns={"start": "begin"}))
    assert [(p.row, p.column) for p in error.value.problems] == [(1, "begin"), (1, "start")]


def test_a_previous_output_is_accepted_as_it_was_written() -> None:
    first = replan(interview_frame(), booth_frame())
    again = replan(interview_frame(), booth_frame(), previous=first.timetable_frame())
    assert list(first.timetable_frame().columns) == list(OUTPUT_COLUMNS)
    assert starts(again) == starts(first)
    assert again.moved_count == 0

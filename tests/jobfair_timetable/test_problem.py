"""Validation of the contract frames: every fault names file, spreadsheet row and column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from matching.errors import InputError
from matching.jobfair.timetable import InterviewStatus, build_problem
from matching.jobfair.timetable.plan import plan_schedule
from matching.jobfair.timetable.problem import NO_LIMIT, NOT_LISTED, parse_clock, parse_windows

from .factories import booths, fair, graduates, interviews


def valid_parts() -> dict[str, pd.DataFrame]:
    return {
        "fair": fair(),
        "interviews": interviews(
            {
                "graduate_id": "G1",
                "enterprise_id": "E1",
                "position_id": "P1",
                "score": "0.5",
                "wish_rank": "1",
            },
            {
                "graduate_id": "G2",
                "enterprise_id": "E1",
                "position_id": "P1",
                "score": "0.9",
                "wish_rank": "",
            },
        ),
        "booths": booths({"enterprise_id": "E1", "interviewers": "2", "arrives": "", "breaks": ""}),
        "graduates": graduates({"graduate_id": "G1", "max_interviews": "3", "unavailable": ""}),
    }


def build(parts: dict[str, pd.DataFrame]):  # type: ignore[no-untyped-def]
    return build_problem(parts["fair"], parts["interviews"], parts["booths"], parts.get("graduates"))


def only_problem(error: pytest.ExceptionInfo[InputError]) -> tuple[str, int | None, str | None]:
    problem = error.value.problems[0]
    return problem.file, problem.row, problem.column


def test_a_valid_day_builds_typed_arrays() -> None:
    problem = build(valid_parts())
    assert problem.slot_count == 4
    assert problem.fair.gap_slots == 0
    assert problem.interviews.count == 2
    assert problem.graduates.ids.tolist() == ["G1", "G2"]
    assert problem.graduates.row.tolist() == [2, NOT_LISTED]  # G2 only appears in interviews.csv
    assert problem.graduates.max_interviews.tolist() == [3, NO_LIMIT]
    assert problem.interviews.wish_rank.tolist() == [1, -1]
    assert problem.interviews.status == (InterviewStatus.PENDING, InterviewStatus.PENDING)
    assert problem.booth_open().all()


def test_numbers_and_missing_cells_from_a_service_frame_are_accepted() -> None:
    parts = valid_parts()
    parts["booths"] = pd.DataFrame({"enterprise_id": ["E1"], "interviewers": [2]})
    parts["interviews"] = pd.DataFrame(
        {
            "graduate_id": ["G1", "G2"],
            "enterprise_id": ["E1", "E1"],
            "score": [0.5, np.nan],
            "wish_rank": [1.0, None],
        }
    )
    problem = build(parts)
    assert problem.booths.interviewers.tolist() == [2]
    assert np.isnan(problem.interviews.score[1])
    assert problem.interviews.wish_rank.tolist() == [1, -1]


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers() -> None:
    parts = valid_parts()
    parts["interviews"] = interviews(
        {"graduate_id": "G1", "enterprise_id": "E1"},
        {"graduate_id": "", "enterprise_id": ""},
        {"graduate_id": "G2", "enterprise_id": "E1"},
    )
    problem = build(parts)
    assert problem.interviews.row.tolist() == [2, 4]


def test_booth_hours_and_breaks_close_slots() -> None:
    parts = valid_parts()
    parts["booths"] = booths(
        {"enterprise_id": "E1", "interviewers": "1", "arrives": "09:30", "breaks": "10:15-10:20"}
    )
    problem = build(parts)
    assert problem.booth_open().tolist() == [[False, True, False, True]]


def test_graduate_unavailable_times_close_every_touched_slot() -> None:
    parts = valid_parts()
    parts["graduates"] = graduates({"graduate_id": "G1", "unavailable": "09:45-10:05；10:30-11:00"})
    problem = build(parts)
    assert problem.graduate_free()[0].tolist() == [True, False, False, False]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("09:00", 540), ("9:05", 545), ("09：30", 570), ("24:00", 1440), ("25:00", None), ("9h", None)],
)
def test_parse_clock(text: str, minutes: int | None) -> None:
    assert parse_clock(text) == minutes


def test_parse_windows_reports_the_faulty_item() -> None:
    assert parse_windows("12:00-12:30; 15:00~15:15") == [(720, 750), (900, 915)]
    assert parse_windows("12:00-12:30;noon") == "'noon' is not a time range HH:MM-HH:MM"
    assert parse_windows("13:00-12:00") == "'13:00-12:00' ends before it starts"


CASES = [
    # (which frame, column, row index to change, new value, message pattern, file, spreadsheet row, column)
    ("fair", "opens", 0, "nine", r"'nine' is not a time of day", "fair.csv", 2, "opens"),
    ("fair", "closes", 0, "08:00", r"closes at 08:00, not after it opens", "fair.csv", 2, "closes"),
    (
        "fair",
        "closes",
        0,
        "10:50",
        r"not a whole number of 30-minute slots; close at 10:30 or 11:00",
        "fair.csv",
        2,
        "closes",
    ),
    ("fair", "slot_minutes", 0, "0", r"0 is below the minimum 1", "fair.csv", 2, "slot_minutes"),
    ("fair", "slot_minutes", 0, "7.5", r"'7.5' is not a whole number", "fair.csv", 2, "slot_minutes"),
    ("fair", "min_gap_minutes", 0, "-5", r"-5 is below the minimum 0", "fair.csv", 2, "min_gap_minutes"),
    ("booths", "interviewers", 0, "-1", r"-1 is below the minimum 0", "booths.csv", 2, "interviewers"),
    ("booths", "interviewers", 0, "", r"a number is required", "booths.csv", 2, "interviewers"),
    ("booths", "interviewers", 0, "two", r"'two' is not a whole number", "booths.csv", 2, "interviewers"),
    (
        "booths",
        "arrives",
        0,
        "08:00",
        r"08:00 is outside the fair's hours 09:00-11:00",
        "booths.csv",
        2,
        "arrives",
    ),
    ("booths", "arrives", 0, "soon", r"'soon' is not a time of day", "booths.csv", 2, "arrives"),
    ("booths", "breaks", 0, "12:00", r"'12:00' is not a time range", "booths.csv", 2, "breaks"),
    ("booths", "breaks", 0, "10:30-10:00", r"ends before it starts", "booths.csv", 2, "breaks"),
    ("booths", "breaks", 0, "10:30-11:30", r"outside the fair's hours", "booths.csv", 2, "breaks"),
    ("booths", "enterprise_id", 0, "", r"an id is required", "booths.csv", 2, "enterprise_id"),
    (
        "graduates",
        "max_interviews",
        0,
        "-1",
        r"-1 is below the minimum 0",
        "graduates.csv",
        2,
        "max_interviews",
    ),
    (
        "graduates",
        "unavailable",
        0,
        "morning",
        r"'morning' is not a time range",
        "graduates.csv",
        2,
        "unavailable",
    ),
    ("graduates", "graduate_id", 0, "", r"an id is required", "graduates.csv", 2, "graduate_id"),
    ("interviews", "graduate_id", 1, "", r"an id is required", "interviews.csv", 3, "graduate_id"),
    (
        "interviews",
        "enterprise_id",
        1,
        "E9",
        r"enterprise 'E9' has no row in booths.csv",
        "interviews.csv",
        3,
        "enterprise_id",
    ),
    ("interviews", "score", 1, "-0.1", r"-0.1 is below the minimum 0", "interviews.csv", 3, "score"),
    ("interviews", "score", 1, "high", r"'high' is not a number", "interviews.csv", 3, "score"),
    ("interviews", "score", 1, "inf", r"'inf' is not a finite number", "interviews.csv", 3, "score"),
    ("interviews", "wish_rank", 1, "0", r"0 is below the minimum 1", "interviews.csv", 3, "wish_rank"),
    (
        "interviews",
        "status",
        1,
        "done",
        r"unknown status 'done'; use pending, held, started, no_show, cancelled",
        "interviews.csv",
        3,
        "status",
    ),
    (
        "interviews",
        "start",
        1,
        "09:10",
        r"09:10 is not the start of a slot \(slots start at 09:00, 09:30, 10:00 …\)",
        "interviews.csv",
        3,
        "start",
    ),
    ("interviews", "start", 1, "11:00", r"11:00 is not the start of a slot", "interviews.csv", 3, "start"),
    ("interviews", "start", 1, "later", r"'later' is not a time of day", "interviews.csv", 3, "start"),
    ("interviews", "position_id", 1, "P1x", None, None, None, None),  # distinct positions: valid
]


@pytest.mark.parametrize(("part", "column", "index", "value", "pattern", "file", "row", "where"), CASES)
def test_each_fault_is_located(
    part: str, column: str, index: int, value: str, pattern: str | None, file: str, row: int, where: str
) -> None:
    parts = valid_parts()
    frame = parts[part].copy()
    if column not in frame.columns:
        frame[column] = ""
    frame.loc[index, column] = value
    parts[part] = frame
    if pattern is None:
        build(parts)
        return
    with pytest.raises(InputError, match=pattern) as error:
        build(parts)
    assert only_problem(error) == (file, row, where)


def test_a_repeated_interview_names_the_first_row() -> None:
    parts = valid_parts()
    parts["interviews"] = interviews(
        {"graduate_id": "G1", "enterprise_id": "E1", "position_id": "P1"},
        {"graduate_id": "G1", "enterprise_id": "E1", "position_id": "P1"},
    )
    with pytest.raises(InputError, match=r"appear again \(first at row 2\)") as error:
        build(parts)
    assert only_problem(error) == ("interviews.csv", 3, "position_id")


@pytest.mark.parametrize(
    ("part", "frame_ids", "pattern", "file", "column"),
    [
        ("booths", ["E1", "E1"], r"'E1' appears again \(first at row 2\)", "booths.csv", "enterprise_id"),
        ("graduates", ["G1", "G1"], r"'G1' appears again \(first at row 2\)", "graduates.csv", "graduate_id"),
    ],
)
def test_ids_are_unique(part: str, frame_ids: list[str], pattern: str, file: str, column: str) -> None:
    parts = valid_parts()
    key = "enterprise_id" if part == "booths" else "graduate_id"
    extra = {"interviewers": ["1", "1"]} if part == "booths" else {}
    parts[part] = pd.DataFrame({key: frame_ids, **extra})
    with pytest.raises(InputError, match=pattern) as error:
        build(parts)
    assert only_problem(error) == (file, 3, column)


def test_unknown_and_missing_columns_are_refused() -> None:
    parts = valid_parts()
    parts["booths"] = pd.DataFrame({"enterprise_id": ["E1"], "interviewer": ["1"]})
    with pytest.raises(
        InputError, match=r"unknown column; the columns are enterprise_id, interviewers"
    ) as error:
        build(parts)
    problems = error.value.problems
    assert (problems[0].file, problems[0].row, problems[0].column) == ("booths.csv", 1, "interviewer")
    assert (problems[1].column, problems[1].message) == (
        "interviewers",
        "the required column is missing from the header",
    )


def test_fair_needs_exactly_one_row() -> None:
    parts = valid_parts()
    parts["fair"] = pd.concat([fair(), fair()], ignore_index=True)
    with pytest.raises(InputError, match=r"fair.csv: needs exactly one data row, found 2"):
        build(parts)


def test_every_fault_is_reported_at_once() -> None:
    parts = valid_parts()
    parts["interviews"] = interviews(
        {"graduate_id": "G1", "enterprise_id": "E1", "score": "x", "wish_rank": "0"},
    )
    with pytest.raises(InputError, match=r"'x' is not a number.*\(and 1 more problem\)") as error:
        build(parts)
    assert [p.column for p in error.value.problems] == ["score", "wish_rank"]


def test_a_held_interview_without_a_start_cannot_be_scheduled() -> None:
    parts = valid_parts()
    parts["interviews"] = interviews(
        {"graduate_id": "G1", "enterprise_id": "E1", "status": "held", "start": ""}
    )
    problem = build(parts)
    with pytest.raises(InputError, match=r"a held interview needs its start time") as error:
        plan_schedule(problem)
    assert only_problem(error) == ("interviews.csv", 2, "start")

"""Same-day changes: re-plan the rest of the day from --now, keeping what happened and moving as little as possible.

The inputs are the updated files (interviews.csv with `status`, walk-ins as new rows; booths.csv with a
later `arrives`, fewer `interviewers` or an earlier `leaves`) and the previous timetable (the output
contract). For each interview:
- no_show, cancelled: dropped;
- held, started: fixed at its start (`start` in interviews.csv, else the previous timetable's);
- pending with a previous start before --now (its slot has begun): fixed there, taken as held;
- pending with a previous start at or after --now: kept there if possible, a move costs MOVE_PENALTY;
- pending without a previous start (walk-ins, interviews left out before): placed if they fit.
Slots that start before --now are the past: nothing new is placed there.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from matching.errors import InputError, InputProblem
from matching.jobfair.timetable.plan import NO_SLOT, Plan
from matching.jobfair.timetable.problem import (
    FIRST_DATA_ROW,
    INTERVIEWS_FILE,
    NOT_GIVEN,
    InterviewStatus,
    TimetableProblem,
    format_clock,
    parse_clock,
)
from matching.jobfair.timetable.result import OUTPUT_COLUMNS

DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS = 4.0  # a same-day re-plan must answer within 5 s (issue 5)
PREVIOUS_FILE = "previous timetable"  # the name used in messages when the caller gives none
NOW_OPTION = "--now"
PREVIOUS_REQUIRED = ("graduate_id", "enterprise_id", "position_id", "start")


def parse_now(problem: TimetableProblem, now: str) -> int:
    """Minutes after midnight of --now, within the fair's hours."""
    minutes = parse_clock(now)
    if minutes is None:
        raise InputError(InputProblem(NOW_OPTION, f"'{now}' is not a time of day HH:MM"))
    fair = problem.fair
    if not fair.opens <= minutes <= fair.closes:
        raise InputError(
            InputProblem(
                NOW_OPTION,
                f"{format_clock(minutes)} is outside the fair's hours "
                f"{format_clock(fair.opens)}-{format_clock(fair.closes)}",
            )
        )
    return minutes


def plan_reschedule(
    problem: TimetableProblem, previous: pd.DataFrame, now: str, *, previous_file: str = PREVIOUS_FILE
) -> Plan:
    """The plan of a re-schedule at `now` ('HH:MM') from the previous timetable (output contract frame)."""
    now_minutes = parse_now(problem, now)
    fair = problem.fair
    plan_from = math.ceil((now_minutes - fair.opens) / fair.slot_minutes)
    previous_start, previous_interviewer = _read_previous(problem, previous, previous_file)

    interviews = problem.interviews
    count = interviews.count
    fixed = np.full(count, NO_SLOT, dtype=np.int64)
    preferred = np.full(count, NO_SLOT, dtype=np.int64)
    problems = []
    for index, status in enumerate(interviews.status):
        if status.dropped:
            continue
        own = int(interviews.start[index])
        start = own if own != NOT_GIVEN else int(previous_start[index])
        row = int(interviews.row[index])
        if status.happened:
            if start == NOT_GIVEN:
                problems.append(
                    InputProblem(
                        INTERVIEWS_FILE,
                        f"a {status.value} interview needs its start (here or in the previous timetable)",
                        row,
                        "start",
                    )
                )
                continue
            too_late = start >= now_minutes if status is InterviewStatus.HELD else start > now_minutes
            if too_late:
                problems.append(
                    InputProblem(
                        INTERVIEWS_FILE,
                        f"a {status.value} interview cannot start at {format_clock(start)}, after --now "
                        f"{format_clock(now_minutes)}",
                        row,
                        "start" if own != NOT_GIVEN else "status",
                    )
                )
                continue
        if start == NOT_GIVEN:
            continue
        slot = fair.slot_at(start)
        assert slot is not None  # both sources are checked against the slot grid
        if status.happened or slot < plan_from:
            fixed[index] = slot
        else:
            preferred[index] = slot
    if problems:
        raise InputError(problems)
    return Plan(
        plan_from_slot=plan_from,
        fixed_slot=fixed,
        preferred_slot=preferred,
        dropped=interviews.dropped,
        previous_interviewer=previous_interviewer,
        now=now_minutes,
    )


def _read_previous(
    problem: TimetableProblem, previous: pd.DataFrame, file: str
) -> tuple[np.ndarray, np.ndarray]:
    """Start minute and interviewer number per interview from the previous timetable, validated."""
    names = [str(name).strip() for name in previous.columns]
    problems: list[InputProblem] = []
    for name in names:
        if name not in OUTPUT_COLUMNS:
            problems.append(
                InputProblem(file, f"unknown column; a timetable has {', '.join(OUTPUT_COLUMNS)}", 1, name)
            )
    for name in PREVIOUS_REQUIRED:
        if name not in names:
            problems.append(InputProblem(file, "the required column is missing from the header", 1, name))
    if problems:
        raise InputError(problems)
    frame = previous.set_axis(names, axis=1)

    def cells(column: str) -> list[str]:
        if column not in frame.columns:
            return [""] * len(frame)
        return ["" if pd.isna(value) else str(value).strip() for value in frame[column].tolist()]

    interviews = problem.interviews
    key_of = {
        (problem.graduates.ids[g], problem.booths.enterprise_ids[b], p): index
        for index, (g, b, p) in enumerate(
            zip(
                interviews.graduate.tolist(),
                interviews.booth.tolist(),
                interviews.position_ids.tolist(),
                strict=True,
            )
        )
    }
    start = np.full(interviews.count, NOT_GIVEN, dtype=np.int64)
    interviewer = np.zeros(interviews.count, dtype=np.int64)
    seen: dict[int, int] = {}
    columns = zip(
        cells("graduate_id"),
        cells("enterprise_id"),
        cells("position_id"),
        cells("start"),
        cells("interviewer"),
        strict=True,
    )
    for position, (graduate, enterprise, position_id, start_text, interviewer_text) in enumerate(columns):
        row = position + FIRST_DATA_ROW
        if not (graduate or enterprise or position_id or start_text):
            continue
        index = key_of.get((graduate, enterprise, position_id))
        if index is None:
            problems.append(
                InputProblem(
                    file,
                    f"graduate '{graduate}' at enterprise '{enterprise}'"
                    + (f" for position '{position_id}'" if position_id else "")
                    + f" is not in {INTERVIEWS_FILE}; keep the row there and set its status to cancelled or "
                    "no_show instead of deleting it",
                    row,
                    "graduate_id",
                )
            )
            continue
        if index in seen:
            problems.append(
                InputProblem(file, f"the interview appears again (first at row {seen[index]})", row)
            )
            continue
        seen[index] = row
        if start_text:
            minutes = parse_clock(start_text)
            if minutes is None:
                problems.append(
                    InputProblem(file, f"'{start_text}' is not a time of day HH:MM", row, "start")
                )
            elif problem.fair.slot_at(minutes) is None:
                problems.append(
                    InputProblem(
                        file,
                        f"{start_text} is not the start of a slot of fair.csv (slots start at "
                        f"{problem.fair.slot_list_text()})",
                        row,
                        "start",
                    )
                )
            else:
                start[index] = minutes
        if interviewer_text:
            number = _interviewer_number(interviewer_text)
            if number is None:
                problems.append(
                    InputProblem(
                        file, f"'{interviewer_text}' is not an interviewer number 1, 2 …", row, "interviewer"
                    )
                )
            else:
                interviewer[index] = number
    if problems:
        raise InputError(problems)
    return start, interviewer


def _interviewer_number(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number) or not number.is_integer() or number < 1:
        return None
    return int(number)

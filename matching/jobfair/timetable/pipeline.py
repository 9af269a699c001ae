"""The whole timetable pipeline on the contract frames: validate → plan → pre-check and solve → audit.

These two functions are what the service layer calls; the CLI reads the frames from files and calls them
too. A timetable that fails the independent audit is never returned (InvalidTimetableError: a bug).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from matching.jobfair.timetable.audit import audit_timetable
from matching.jobfair.timetable.model import SolveOptions, solve_timetable
from matching.jobfair.timetable.plan import plan_schedule
from matching.jobfair.timetable.problem import build_problem
from matching.jobfair.timetable.reschedule import PREVIOUS_FILE, plan_reschedule
from matching.jobfair.timetable.result import TimetableResult


def schedule_frames(
    fair: pd.DataFrame,
    interviews: pd.DataFrame,
    booths: pd.DataFrame,
    graduates: pd.DataFrame | None = None,
    options: SolveOptions | None = None,
) -> TimetableResult:
    """A fresh timetable for the day. InputError (file, row, column) on bad frames."""
    problem = build_problem(fair, interviews, booths, graduates)
    plan = plan_schedule(problem)
    return audited(solve_timetable(problem, plan, options), options)


def reschedule_frames(
    fair: pd.DataFrame,
    interviews: pd.DataFrame,
    booths: pd.DataFrame,
    graduates: pd.DataFrame | None,
    previous: pd.DataFrame,
    now: str,
    options: SolveOptions | None = None,
    *,
    previous_file: str = PREVIOUS_FILE,
) -> TimetableResult:
    """Re-plan the day from `now` ('HH:MM') given the previous timetable (output contract frame)."""
    problem = build_problem(fair, interviews, booths, graduates)
    plan = plan_reschedule(problem, previous, now, previous_file=previous_file)
    return audited(solve_timetable(problem, plan, options), options)


def audited(result: TimetableResult, options: SolveOptions | None = None) -> TimetableResult:
    """The result with its audit attached; raises InvalidTimetableError when the timetable breaks a rule."""
    if not result.has_timetable:
        return result
    require_all = options.require_all if options is not None else False
    report = audit_timetable(
        result.problem, result.plan, result.slot, result.interviewer, require_all=require_all
    )
    report.raise_if_invalid()
    return dataclasses.replace(result, audit=report)

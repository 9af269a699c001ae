"""Random days: every hard constraint checked by the independent audit, nothing that fits is left out, and on
tiny days the solver's objective equals a brute-force enumeration of every valid timetable."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings

from matching.jobfair.timetable import (
    NO_SLOT,
    InterviewStatus,
    SolveOptions,
    audit_timetable,
    build_problem,
    plan_schedule,
)
from matching.jobfair.timetable.model import build_candidates, objective_of, solve_timetable
from matching.jobfair.timetable.slots import slot_map
from matching.results import SolveStatus

from .strategies import Day, days

OPTIONS = SolveOptions(time_limit=5.0, workers=1)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def solve(day: Day):  # type: ignore[no-untyped-def]
    problem = build_problem(day.fair, day.interviews, day.booths, day.graduates)
    plan = plan_schedule(problem)
    return problem, plan, solve_timetable(problem, plan, OPTIONS)


@SETTINGS
@given(days())
def test_every_timetable_meets_every_hard_constraint(day: Day) -> None:
    problem, plan, result = solve(day)
    assert result.status is not SolveStatus.INFEASIBLE or not result.precheck.feasible
    if not result.precheck.feasible:
        assert result.status is SolveStatus.INFEASIBLE
        return
    assert result.status.has_solution
    report = audit_timetable(problem, plan, result.slot, result.interviewer)
    assert report.valid, report.violations
    for index, status in enumerate(problem.interviews.status):
        if status.dropped:
            assert result.slot[index] == NO_SLOT
            assert result.reason[index] is not None and result.reason[index].value == status.value
        elif status in (InterviewStatus.HELD, InterviewStatus.STARTED):
            assert result.slot[index] == plan.fixed_slot[index]
        assert (result.slot[index] == NO_SLOT) == (result.reason[index] is not None)


@SETTINGS
@given(days())
def test_no_interview_left_out_could_be_added(day: Day) -> None:
    problem, plan, result = solve(day)
    if not result.has_timetable:
        return
    for index in np.flatnonzero((result.slot == NO_SLOT) & plan.free).tolist():
        for slot in range(problem.slot_count):
            trial = result.slot.copy()
            trial[index] = slot
            assert not audit_timetable(problem, plan, trial).valid, (index, slot, result.reason[index])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days(max_interviews=5, max_slots=4))
def test_the_solver_matches_brute_force_on_tiny_days(day: Day) -> None:
    problem = build_problem(day.fair, day.interviews, day.booths, day.graduates)
    plan = plan_schedule(problem)
    # searched to the end (gap_limit 0): the default stops within 1/10,000 of the bound instead
    result = solve_timetable(problem, plan, dataclasses.replace(OPTIONS, gap_limit=0.0))
    if not result.has_timetable:
        return
    slots = slot_map(problem, plan)
    candidates = build_candidates(problem, plan, slots)
    free = np.flatnonzero(plan.free).tolist()
    choices = [[NO_SLOT, *np.flatnonzero(slots.usable[i]).tolist()] for i in free]
    base = np.where(plan.fixed & ~plan.dropped, plan.fixed_slot, NO_SLOT)
    best = None
    for combination in itertools.product(*choices):
        trial = base.copy()
        trial[free] = combination
        if audit_timetable(problem, plan, trial).valid:
            value = objective_of(problem, plan, candidates, trial)
            best = value if best is None else max(best, value)
    assert best is not None  # the empty placement is always valid
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == best
    assert result.bound == best

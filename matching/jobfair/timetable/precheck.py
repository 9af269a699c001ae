"""The pre-check before every solve: what cannot work, and what to change.

Blocking findings mean no timetable exists, so the solver does not run: fixed (held, started, past)
interviews that clash with each other or with the hours, and — when every interview must be placed
(`require_all`) — any interview that cannot be placed. Without `require_all` those are notes: the solver
places as many interviews as it can and each left-out interview gets a reason.

Each finding names the file, row and column to change, as a message code (`timetable.…`, worded in
`matching.messages.findings`) and its parameters; `refs["interviews"]` lists the interviews concerned.
"""

from __future__ import annotations

import enum
import math
from typing import Any

import numpy as np

from matching.errors import InputProblem
from matching.jobfair.timetable.plan import Plan
from matching.jobfair.timetable.problem import (
    BOOTHS_FILE,
    FAIR_FILE,
    GRADUATES_FILE,
    INTERVIEWS_FILE,
    NO_LIMIT,
    NOT_LISTED,
    TimetableProblem,
    format_clock,
)
from matching.jobfair.timetable.slots import SlotMap, max_spaced_slots, slot_map
from matching.messages import Message, render
from matching.results import Finding, FindingReport

MAX_FINDINGS_SHOWN = 20


class FindingKind(enum.StrEnum):
    FIXED_OVER_CAPACITY = (
        "timetable.fixed_over_capacity"  # more fixed interviews at a booth and time than interviewers
    )
    FIXED_OUTSIDE_HOURS = (
        "timetable.fixed_outside_hours"  # a fixed interview when the booth or graduate is away
    )
    FIXED_TOO_CLOSE = "timetable.fixed_too_close"  # two fixed interviews of a graduate within the walking gap
    FIXED_OVER_LIMIT = (
        "timetable.fixed_over_limit"  # more fixed interviews than the graduate's max_interviews
    )
    NO_COMMON_SLOT = "timetable.no_common_slot"  # booth and graduate are never both free
    BOOTH_OVERLOADED = "timetable.booth_overloaded"  # more interviews than open slots × interviewers
    GRADUATE_OVER_LIMIT = "timetable.graduate_over_limit"  # more interviews than max_interviews
    GRADUATE_OVERBOOKED = (
        "timetable.graduate_overbooked"  # more interviews than fit in the graduate's free slots
    )


ALWAYS_BLOCKING = {
    FindingKind.FIXED_OVER_CAPACITY,
    FindingKind.FIXED_OUTSIDE_HOURS,
    FindingKind.FIXED_TOO_CLOSE,
    FindingKind.FIXED_OVER_LIMIT,
}


def _finding(
    code: str,
    params: dict[str, Any],
    blocking: bool,
    location: tuple[str, int | None, str],
    interviews: tuple[int, ...],
) -> Finding:
    """A finding located at (file, row, column), about the given interviews."""
    code, (file, row, column) = str(code), location
    where = InputProblem(file, render(code, params), row, column, code=code, params=params)
    return Finding(code, params, blocking, where, {"interviews": interviews})


def check_feasibility(problem: TimetableProblem, plan: Plan, *, require_all: bool = False) -> FindingReport:
    slots = slot_map(problem, plan)
    findings = [
        *_fixed_over_capacity(problem, plan, slots),
        *_fixed_outside_hours(problem, plan, slots),
        *_fixed_too_close(problem, plan),
        *_fixed_over_limit(problem, plan, slots),
        *_no_common_slot(problem, plan, slots, require_all),
        *_booth_overloaded(problem, plan, slots, require_all),
        *_graduate_limits(problem, plan, slots, require_all),
    ]
    return FindingReport(tuple(findings))


def _booth_name(problem: TimetableProblem, booth: int) -> Message:
    return Message(
        "timetable.booth",
        {"booth": str(problem.booths.labels[booth]), "enterprise": str(problem.booths.enterprise_ids[booth])},
    )


def _interviewers(count: int) -> Message:
    return Message(
        "timetable.interviewers.one" if count == 1 else "timetable.interviewers.many", {"count": count}
    )


def _graduate_location(
    problem: TimetableProblem, graduate: int, column: str, members: np.ndarray
) -> tuple[str, int | None, str]:
    """The graduate's row in graduates.csv, or their last interview's row when they are not listed there."""
    row = int(problem.graduates.row[graduate])
    if row == NOT_LISTED:
        last = int(problem.interviews.row[members].max()) if len(members) else None
        return INTERVIEWS_FILE, last, "graduate_id"
    return GRADUATES_FILE, row, column


def _in_horizon_fixed(plan: Plan) -> np.ndarray:
    return np.flatnonzero(plan.fixed & ~plan.dropped & (plan.fixed_slot >= plan.plan_from_slot))


def _clock(problem: TimetableProblem, slot: int) -> str:
    return format_clock(problem.fair.slot_start(int(slot)))


def _fixed_over_capacity(problem: TimetableProblem, plan: Plan, slots: SlotMap) -> list[Finding]:
    findings = []
    fixed = _in_horizon_fixed(plan)
    over = slots.fixed_per_booth_slot > problem.booths.interviewers[:, None]
    over &= slots.horizon[None, :] & slots.booth_open
    for booth, slot in zip(*np.nonzero(over), strict=True):
        members = fixed[(problem.interviews.booth[fixed] == booth) & (plan.fixed_slot[fixed] == slot)]
        count, limit = len(members), int(problem.booths.interviewers[booth])
        params = {
            "booth": _booth_name(problem, int(booth)),
            "count": count,
            "time": _clock(problem, slot),
            "interviewers": _interviewers(limit),
            "excess": count - limit,
        }
        row = int(problem.interviews.row[members[-1]])
        findings.append(
            _finding(
                FindingKind.FIXED_OVER_CAPACITY,
                params,
                True,
                (INTERVIEWS_FILE, row, "start"),
                tuple(members.tolist()),
            )
        )
    return findings


def _fixed_outside_hours(problem: TimetableProblem, plan: Plan, slots: SlotMap) -> list[Finding]:
    findings = []
    interviews = problem.interviews
    for index in _in_horizon_fixed(plan).tolist():
        slot = int(plan.fixed_slot[index])
        booth, graduate = int(interviews.booth[index]), int(interviews.graduate[index])
        when = _clock(problem, slot)
        if not slots.booth_open[booth, slot]:
            code: str = FindingKind.FIXED_OUTSIDE_HOURS
            params: dict[str, Any] = {"time": when, "booth": _booth_name(problem, booth)}
        elif not slots.graduate_free[graduate, slot]:
            code = "timetable.fixed_outside_hours.graduate"
            params = {"time": when, "graduate": str(problem.graduates.ids[graduate])}
        else:
            continue
        findings.append(
            _finding(code, params, True, (INTERVIEWS_FILE, int(interviews.row[index]), "start"), (index,))
        )
    return findings


def _fixed_too_close(problem: TimetableProblem, plan: Plan) -> list[Finding]:
    """Pairs of fixed interviews of one graduate, at least one in the horizon, within the walking gap."""
    findings = []
    interviews = problem.interviews
    fixed = np.flatnonzero(plan.fixed & ~plan.dropped)
    spacing = problem.fair.gap_slots + 1
    order = fixed[np.lexsort((plan.fixed_slot[fixed], interviews.graduate[fixed]))]
    for earlier, later in zip(order[:-1].tolist(), order[1:].tolist(), strict=True):
        if interviews.graduate[earlier] != interviews.graduate[later]:
            continue
        if plan.fixed_slot[later] < plan.plan_from_slot:
            continue  # both in the past: what happened happened
        if plan.fixed_slot[later] - plan.fixed_slot[earlier] >= spacing:
            continue
        params = {
            "graduate": str(problem.graduates.ids[interviews.graduate[later]]),
            "first": _clock(problem, plan.fixed_slot[earlier]),
            "second": _clock(problem, plan.fixed_slot[later]),
            "gap": int(problem.fair.min_gap_minutes),
        }
        findings.append(
            _finding(
                FindingKind.FIXED_TOO_CLOSE,
                params,
                True,
                (INTERVIEWS_FILE, int(interviews.row[later]), "start"),
                (earlier, later),
            )
        )
    return findings


def _fixed_over_limit(problem: TimetableProblem, plan: Plan, slots: SlotMap) -> list[Finding]:
    findings = []
    limit = problem.graduates.max_interviews
    in_horizon = _in_horizon_fixed(plan)
    graduates_in_horizon = np.unique(problem.interviews.graduate[in_horizon])
    for graduate in graduates_in_horizon.tolist():
        count = int(slots.fixed_per_graduate[graduate])
        if limit[graduate] == NO_LIMIT or count <= limit[graduate]:
            continue
        members = in_horizon[problem.interviews.graduate[in_horizon] == graduate]
        params = {
            "graduate": str(problem.graduates.ids[graduate]),
            "count": count,
            "limit": int(limit[graduate]),
        }
        findings.append(
            _finding(
                FindingKind.FIXED_OVER_LIMIT,
                params,
                True,
                _graduate_location(problem, graduate, "max_interviews", members),
                tuple(members.tolist()),
            )
        )
    return findings


def _no_common_slot(
    problem: TimetableProblem, plan: Plan, slots: SlotMap, require_all: bool
) -> list[Finding]:
    findings = []
    interviews = problem.interviews
    lonely = np.flatnonzero(plan.free & ~slots.window.any(axis=1))
    code = "timetable.no_common_slot.after_now" if plan.plan_from_slot > 0 else FindingKind.NO_COMMON_SLOT
    for index in lonely.tolist():
        booth, graduate = int(interviews.booth[index]), int(interviews.graduate[index])
        params = {"graduate": str(problem.graduates.ids[graduate]), "booth": _booth_name(problem, booth)}
        findings.append(
            _finding(
                code,
                params,
                require_all,
                (INTERVIEWS_FILE, int(interviews.row[index]), "enterprise_id"),
                (index,),
            )
        )
    return findings


# By (the booth has an open slot, it has fixed interviews): the wording of a booth overload.
_BOOTH_OVERLOADED_CODES = {
    (True, False): FindingKind.BOOTH_OVERLOADED,
    (True, True): "timetable.booth_overloaded.with_fixed",
    (False, False): "timetable.booth_overloaded.no_open_slot",
    (False, True): "timetable.booth_overloaded.no_open_slot.with_fixed",
}


def _booth_overloaded(
    problem: TimetableProblem, plan: Plan, slots: SlotMap, require_all: bool
) -> list[Finding]:
    findings = []
    interviews = problem.interviews
    free = np.flatnonzero(plan.free)
    requested = np.bincount(interviews.booth[free], minlength=problem.booths.count)
    open_slots = (slots.booth_open & slots.horizon[None, :]).sum(axis=1)
    places = (slots.booth_capacity * slots.booth_open).sum(axis=1)
    for booth in np.flatnonzero(requested > places).tolist():
        wanted, room = int(requested[booth]), int(places[booth])
        opened = int(open_slots[booth])
        fixed = int(slots.fixed_per_booth_slot[booth][slots.horizon].sum())
        needed = math.ceil((wanted + fixed) / max(opened, 1))
        code = _BOOTH_OVERLOADED_CODES[bool(opened), bool(fixed)]
        params: dict[str, Any] = {
            "booth": _booth_name(problem, booth),
            "wanted": wanted,
            "room": room,
            "opened": opened,
            "interviewers": _interviewers(int(problem.booths.interviewers[booth])),
            "unplaced": wanted - room,
        }
        if fixed:
            params["fixed"] = fixed
        if opened:
            params["needed"] = needed
        members = free[interviews.booth[free] == booth]
        findings.append(
            _finding(
                code,
                params,
                require_all,
                (BOOTHS_FILE, int(problem.booths.row[booth]), "interviewers"),
                tuple(members.tolist()),
            )
        )
    return findings


def _graduate_limits(
    problem: TimetableProblem, plan: Plan, slots: SlotMap, require_all: bool
) -> list[Finding]:
    findings = []
    interviews = problem.interviews
    free = np.flatnonzero(plan.free)
    requested = np.bincount(interviews.graduate[free], minlength=problem.graduates.count)
    spacing = problem.fair.gap_slots + 1
    limit = problem.graduates.max_interviews
    order = free[np.argsort(interviews.graduate[free], kind="stable")]
    bounds = np.searchsorted(interviews.graduate[order], np.arange(problem.graduates.count + 1))
    for graduate in np.flatnonzero(requested > 0).tolist():
        members = order[bounds[graduate] : bounds[graduate + 1]]
        wanted, room = int(requested[graduate]), int(slots.graduate_room[graduate])
        name = str(problem.graduates.ids[graduate])
        if wanted > room:
            fixed = int(slots.fixed_per_graduate[graduate])
            params: dict[str, Any] = {
                "graduate": name,
                "wanted": wanted,
                "limit": int(limit[graduate]),
                "unplaced": wanted - room,
            }
            if fixed:
                params["fixed"] = fixed
            findings.append(
                _finding(
                    "timetable.graduate_over_limit.with_fixed" if fixed else FindingKind.GRADUATE_OVER_LIMIT,
                    params,
                    require_all,
                    _graduate_location(problem, graduate, "max_interviews", members),
                    tuple(members.tolist()),
                )
            )
            continue
        reachable = members[slots.window[members].any(axis=1)]  # the others are NO_COMMON_SLOT findings
        wanted = len(reachable)
        fitting = max_spaced_slots(np.asarray(slots.window[reachable].any(axis=0), dtype=bool), spacing)
        if wanted > fitting:
            params = {
                "graduate": name,
                "wanted": wanted,
                "fitting": int(fitting),
                "gap": int(problem.fair.min_gap_minutes),
                "unplaced": wanted - fitting,
                "file": FAIR_FILE,
            }
            findings.append(
                _finding(
                    FindingKind.GRADUATE_OVERBOOKED,
                    params,
                    require_all,
                    _graduate_location(problem, graduate, "unavailable", members),
                    tuple(members.tolist()),
                )
            )
    return findings

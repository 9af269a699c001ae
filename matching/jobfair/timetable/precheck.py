"""The pre-check before every solve: what cannot work, and what to change.

Blocking findings mean no timetable exists, so the solver does not run: fixed (held, started, past)
interviews that clash with each other or with the hours, and — when every interview must be placed
(`require_all`) — any interview that cannot be placed. Without `require_all` those are notes: the solver
places as many interviews as it can and each left-out interview gets a reason.

Each finding names the file, row and column to change.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

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

MAX_FINDINGS_SHOWN = 20


class FindingKind(enum.StrEnum):
    FIXED_OVER_CAPACITY = "fixed_over_capacity"  # more fixed interviews at a booth and time than interviewers
    FIXED_OUTSIDE_HOURS = "fixed_outside_hours"  # a fixed interview when the booth or graduate is away
    FIXED_TOO_CLOSE = "fixed_too_close"  # two fixed interviews of a graduate within the walking gap
    FIXED_OVER_LIMIT = "fixed_over_limit"  # more fixed interviews than the graduate's max_interviews
    NO_COMMON_SLOT = "no_common_slot"  # booth and graduate are never both free
    BOOTH_OVERLOADED = "booth_overloaded"  # more interviews than open slots × interviewers
    GRADUATE_OVER_LIMIT = "graduate_over_limit"  # more interviews than max_interviews
    GRADUATE_OVERBOOKED = "graduate_overbooked"  # more interviews than fit in the graduate's free slots


ALWAYS_BLOCKING = {
    FindingKind.FIXED_OVER_CAPACITY,
    FindingKind.FIXED_OUTSIDE_HOURS,
    FindingKind.FIXED_TOO_CLOSE,
    FindingKind.FIXED_OVER_LIMIT,
}


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    message: str  # what is wrong and what to change
    blocking: bool
    location: InputProblem | None = None
    interviews: tuple[int, ...] = ()  # the interviews concerned (indices)

    def __str__(self) -> str:
        return str(self.location) if self.location is not None else self.message


@dataclass(frozen=True)
class PrecheckReport:
    findings: tuple[Finding, ...] = ()

    @property
    def feasible(self) -> bool:
        return not self.blocking

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocking]

    @property
    def notes(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.blocking]

    def explanation(self, limit: int = MAX_FINDINGS_SHOWN) -> str:
        """The blocking findings (or, when there are none, the notes), one per line."""
        shown = self.blocking or self.notes
        lines = [str(finding) for finding in shown[:limit]]
        if len(shown) > limit:
            lines.append(f"… and {len(shown) - limit} more")
        return "\n".join(lines)


def check_feasibility(problem: TimetableProblem, plan: Plan, *, require_all: bool = False) -> PrecheckReport:
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
    return PrecheckReport(tuple(findings))


def _booth_name(problem: TimetableProblem, booth: int) -> str:
    return f"booth '{problem.booths.labels[booth]}' (enterprise '{problem.booths.enterprise_ids[booth]}')"


def _graduate_location(
    problem: TimetableProblem, graduate: int, column: str, message: str, members: np.ndarray
) -> InputProblem:
    """The graduate's row in graduates.csv, or their last interview's row when they are not listed there."""
    row = int(problem.graduates.row[graduate])
    if row == NOT_LISTED:
        last = int(problem.interviews.row[members].max()) if len(members) else None
        return InputProblem(INTERVIEWS_FILE, message, last, "graduate_id")
    return InputProblem(GRADUATES_FILE, message, row, column)


def _in_horizon_fixed(plan: Plan) -> np.ndarray:
    return np.flatnonzero(plan.fixed & ~plan.dropped & (plan.fixed_slot >= plan.plan_from_slot))


def _fixed_over_capacity(problem: TimetableProblem, plan: Plan, slots: SlotMap) -> list[Finding]:
    findings = []
    fixed = _in_horizon_fixed(plan)
    over = slots.fixed_per_booth_slot > problem.booths.interviewers[:, None]
    over &= slots.horizon[None, :] & slots.booth_open
    for booth, slot in zip(*np.nonzero(over), strict=True):
        members = fixed[(problem.interviews.booth[fixed] == booth) & (plan.fixed_slot[fixed] == slot)]
        count, limit = len(members), int(problem.booths.interviewers[booth])
        message = (
            f"{_booth_name(problem, int(booth))} has {count} fixed interviews at "
            f"{format_clock(problem.fair.slot_start(int(slot)))} but {limit} interviewer"
            f"{'s' if limit > 1 else ''}: raise interviewers to {count} or change the start of "
            f"{count - limit} of them"
        )
        row = int(problem.interviews.row[members[-1]])
        findings.append(
            Finding(
                FindingKind.FIXED_OVER_CAPACITY,
                message,
                True,
                InputProblem(INTERVIEWS_FILE, message, row, "start"),
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
        when = format_clock(problem.fair.slot_start(slot))
        if not slots.booth_open[booth, slot]:
            message = (
                f"the fixed interview at {when} falls when {_booth_name(problem, booth)} is not staffed "
                "(arrives, leaves, breaks): change its start or the booth's hours"
            )
        elif not slots.graduate_free[graduate, slot]:
            message = (
                f"the fixed interview at {when} falls when graduate '{problem.graduates.ids[graduate]}' is "
                "unavailable: change its start or the graduate's unavailable times"
            )
        else:
            continue
        findings.append(
            Finding(
                FindingKind.FIXED_OUTSIDE_HOURS,
                message,
                True,
                InputProblem(INTERVIEWS_FILE, message, int(interviews.row[index]), "start"),
                (index,),
            )
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
        graduate = problem.graduates.ids[interviews.graduate[later]]
        message = (
            f"graduate '{graduate}' has two fixed interviews at "
            f"{format_clock(problem.fair.slot_start(int(plan.fixed_slot[earlier])))} and "
            f"{format_clock(problem.fair.slot_start(int(plan.fixed_slot[later])))}, closer than one slot plus "
            f"{problem.fair.min_gap_minutes} minutes: change one start"
        )
        findings.append(
            Finding(
                FindingKind.FIXED_TOO_CLOSE,
                message,
                True,
                InputProblem(INTERVIEWS_FILE, message, int(interviews.row[later]), "start"),
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
        message = (
            f"graduate '{problem.graduates.ids[graduate]}' has {count} fixed interviews but max_interviews "
            f"{limit[graduate]}: raise max_interviews to {count}"
        )
        findings.append(
            Finding(
                FindingKind.FIXED_OVER_LIMIT,
                message,
                True,
                _graduate_location(problem, graduate, "max_interviews", message, members),
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
    for index in lonely.tolist():
        booth, graduate = int(interviews.booth[index]), int(interviews.graduate[index])
        message = (
            f"graduate '{problem.graduates.ids[graduate]}' and {_booth_name(problem, booth)} are never free "
            "at the same time"
            + (" after --now" if plan.plan_from_slot > 0 else "")
            + ": change the booth's hours or breaks, or the graduate's unavailable times"
        )
        findings.append(
            Finding(
                FindingKind.NO_COMMON_SLOT,
                message,
                require_all,
                InputProblem(INTERVIEWS_FILE, message, int(interviews.row[index]), "enterprise_id"),
                (index,),
            )
        )
    return findings


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
        staff = int(problem.booths.interviewers[booth])
        message = (
            f"{_booth_name(problem, booth)} has {wanted} interviews to place but {room} places "
            f"({opened} open slots × {staff} interviewer{'s' if staff > 1 else ''}"
            + (f", less {fixed} fixed" if fixed else "")
            + f"): {wanted - room} cannot be placed; "
            + (f"raise interviewers to {needed}, " if opened else "its hours leave no slot; ")
            + "extend its hours or shorten its breaks, or drop interviews"
        )
        members = free[interviews.booth[free] == booth]
        findings.append(
            Finding(
                FindingKind.BOOTH_OVERLOADED,
                message,
                require_all,
                InputProblem(BOOTHS_FILE, message, int(problem.booths.row[booth]), "interviewers"),
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
        name = problem.graduates.ids[graduate]
        if wanted > room:
            message = (
                f"graduate '{name}' has {wanted} interviews to place but max_interviews {limit[graduate]}"
                + (
                    f" with {int(slots.fixed_per_graduate[graduate])} fixed"
                    if slots.fixed_per_graduate[graduate]
                    else ""
                )
                + f": {wanted - room} cannot be placed; raise max_interviews or drop interviews"
            )
            findings.append(
                Finding(
                    FindingKind.GRADUATE_OVER_LIMIT,
                    message,
                    require_all,
                    _graduate_location(problem, graduate, "max_interviews", message, members),
                    tuple(members.tolist()),
                )
            )
            continue
        reachable = members[slots.window[members].any(axis=1)]  # the others are NO_COMMON_SLOT findings
        wanted = len(reachable)
        fitting = max_spaced_slots(np.asarray(slots.window[reachable].any(axis=0), dtype=bool), spacing)
        if wanted > fitting:
            message = (
                f"graduate '{name}' has {wanted} interviews to place but only {fitting} fit in the slots when "
                f"the graduate and the booths are free, with {problem.fair.min_gap_minutes} minutes between "
                f"interviews: {wanted - fitting} cannot be placed; drop interviews, shorten min_gap_minutes in "
                f"{FAIR_FILE}, or free more of the graduate's time"
            )
            findings.append(
                Finding(
                    FindingKind.GRADUATE_OVERBOOKED,
                    message,
                    require_all,
                    _graduate_location(problem, graduate, "unavailable", message, members),
                    tuple(members.tolist()),
                )
            )
    return findings

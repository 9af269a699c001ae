"""Which slot each interview may take, as boolean matrices (numpy; no Python loop over slots × interviews).

Shared by the pre-check (to explain) and the model (to build only the variables that can be true).
Fixed interviews are not variables: they take one place of their booth's capacity (in the horizon) and
block their graduate's slots within the walking gap (in the past too).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.jobfair.timetable.plan import Plan
from matching.jobfair.timetable.problem import NO_LIMIT, BoolArray, IntArray, TimetableProblem

UNLIMITED_ROOM = 1 << 30


@dataclass(frozen=True, eq=False)
class SlotMap:
    horizon: BoolArray  # [slot]: re-planned (at or after plan_from_slot)
    booth_open: BoolArray  # [booth, slot]
    graduate_free: BoolArray  # [graduate, slot]: no class or other unavailability
    fixed_per_booth_slot: IntArray  # [booth, slot]: fixed interviews there
    booth_capacity: IntArray  # [booth, slot]: interviewers left for new placements in the horizon, ≥ 0
    graduate_blocked: BoolArray  # [graduate, slot]: within the walking gap of a fixed interview
    fixed_per_graduate: IntArray  # [graduate]
    graduate_room: IntArray  # [graduate]: interviews left under max_interviews (UNLIMITED_ROOM if no limit)
    window: BoolArray  # [interview, slot]: booth open, graduate free and not blocked, in the horizon
    usable: BoolArray  # [interview, slot]: `window` with capacity and room left; only free interviews


def slot_map(problem: TimetableProblem, plan: Plan) -> SlotMap:
    interviews = problem.interviews
    slot_count = problem.slot_count
    horizon = np.arange(slot_count) >= plan.plan_from_slot
    booth_open = problem.booth_open()
    graduate_free = problem.graduate_free()

    fixed = np.flatnonzero(plan.fixed & ~plan.dropped)
    fixed_slot = plan.fixed_slot[fixed]
    fixed_booth = interviews.booth[fixed]
    fixed_graduate = interviews.graduate[fixed]
    fixed_per_booth_slot = np.zeros((problem.booths.count, slot_count), dtype=np.int64)
    np.add.at(fixed_per_booth_slot, (fixed_booth, fixed_slot), 1)
    booth_capacity = np.where(
        horizon[None, :], np.maximum(problem.booths.interviewers[:, None] - fixed_per_booth_slot, 0), 0
    )

    gap = problem.fair.gap_slots
    graduate_blocked = np.zeros((problem.graduates.count, slot_count), dtype=bool)
    for offset in range(-gap, gap + 1):
        shifted = fixed_slot + offset
        inside = (shifted >= 0) & (shifted < slot_count)
        graduate_blocked[fixed_graduate[inside], shifted[inside]] = True
    fixed_per_graduate = np.bincount(fixed_graduate, minlength=problem.graduates.count).astype(np.int64)
    limit = problem.graduates.max_interviews
    graduate_room = np.where(limit == NO_LIMIT, UNLIMITED_ROOM, np.maximum(limit - fixed_per_graduate, 0))

    graduate = interviews.graduate
    booth = interviews.booth
    window = (
        booth_open[booth]
        & graduate_free[graduate]
        & ~graduate_blocked[graduate]
        & horizon[None, :]
        & plan.free[:, None]
    )
    usable = window & (booth_capacity[booth] > 0) & (graduate_room[graduate] > 0)[:, None]
    return SlotMap(
        horizon=horizon,
        booth_open=booth_open,
        graduate_free=graduate_free,
        fixed_per_booth_slot=fixed_per_booth_slot,
        booth_capacity=booth_capacity.astype(np.int64),
        graduate_blocked=graduate_blocked,
        fixed_per_graduate=fixed_per_graduate,
        graduate_room=graduate_room.astype(np.int64),
        window=window,
        usable=usable,
    )


def max_spaced_slots(available: BoolArray, spacing: int) -> int:
    """Most slots of `available` that can be taken with at least `spacing` slots between two starts.

    Taking the earliest possible slot each time is optimal for unit-length interviews on a line.
    """
    count = 0
    next_allowed = 0
    for slot in np.flatnonzero(available).tolist():
        if slot >= next_allowed:
            count += 1
            next_allowed = slot + spacing
    return count

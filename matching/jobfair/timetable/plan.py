"""What the solver may change: the horizon, the interviews that keep their slot, and the slots to keep if possible.

A fresh schedule plans the whole day: held and started interviews keep their `start`, a pending interview
with a `start` keeps it if it can (a move is penalised, see `weights`). A re-schedule (`reschedule`) plans
only the slots that start at or after `--now` and fixes everything before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.errors import InputError, InputProblem
from matching.jobfair.timetable.problem import (
    INTERVIEWS_FILE,
    NOT_GIVEN,
    BoolArray,
    IntArray,
    TimetableProblem,
)

NO_SLOT = -1


@dataclass(frozen=True, eq=False)
class Plan:
    plan_from_slot: int  # slots before it are the past: fixed there, not re-planned, not checked again
    fixed_slot: IntArray  # per interview: the slot it keeps (held, started, already past), NO_SLOT otherwise
    preferred_slot: IntArray  # the slot to keep if possible (previous timetable or `start`), NO_SLOT if none
    dropped: BoolArray  # no-shows and cancellations: never scheduled
    previous_interviewer: IntArray  # interviewer number of the previous timetable, 0 when unknown
    now: int | None = None  # minutes after midnight of a re-schedule, None for a fresh schedule

    @property
    def free(self) -> BoolArray:
        """Interviews the solver places."""
        return (self.fixed_slot == NO_SLOT) & ~self.dropped

    @property
    def fixed(self) -> BoolArray:
        return self.fixed_slot != NO_SLOT

    @property
    def in_play(self) -> BoolArray:
        """Interviews that belong in the timetable (all but the dropped ones)."""
        return ~self.dropped


def plan_schedule(problem: TimetableProblem) -> Plan:
    """The whole day is planned; held and started interviews keep their start, which they must give."""
    interviews = problem.interviews
    fair = problem.fair
    count = interviews.count
    fixed = np.full(count, NO_SLOT, dtype=np.int64)
    preferred = np.full(count, NO_SLOT, dtype=np.int64)
    problems = []
    for index, status in enumerate(interviews.status):
        start = int(interviews.start[index])
        slot = fair.slot_at(start) if start != NOT_GIVEN else None
        if status.happened:
            if slot is None:
                problems.append(
                    InputProblem(
                        INTERVIEWS_FILE,
                        f"a {status.value} interview needs its start time",
                        int(interviews.row[index]),
                        "start",
                    )
                )
            else:
                fixed[index] = slot
        elif not status.dropped and slot is not None:
            preferred[index] = slot
    if problems:
        raise InputError(problems)
    return Plan(
        plan_from_slot=0,
        fixed_slot=fixed,
        preferred_slot=preferred,
        dropped=interviews.dropped,
        previous_interviewer=np.zeros(count, dtype=np.int64),
    )

"""What the fair day can hold, modelled as the timetable models it, for shortlists that fit the day.

Input: the timetable's own frames (`fair`, `booths`, `graduates` of `jobfair schedule DIR`), read by the
timetable's `build_problem`, so opening hours, slot length, walking gap, arrivals, departures, breaks and
classes mean here exactly what they mean to the timetable:
- a booth holds interviewers × the whole slots it is staffed (after arriving, before leaving, no break);
- a graduate attends at most `max_interviews`, and at most as many interviews as fit, a walking gap apart,
  into the slots outside their classes.
Both are upper bounds the timetable meets when booths and graduates can be paired slot by slot; a
shortlist within them is what `jobfair schedule` can place (bench/bench_fair_day.py measures the share).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.jobfair.arrays import IntArray, ObjectArray
from matching.jobfair.timetable.problem import NO_LIMIT, build_problem
from matching.jobfair.timetable.slots import max_spaced_slots

INTERVIEW_COLUMNS = ["graduate_id", "enterprise_id"]


@dataclass(frozen=True, eq=False)
class DayCapacity:
    enterprise_ids: ObjectArray  # as in booths.csv
    interviews: IntArray  # per booth: interviews its interviewers can hold on the day
    graduate_ids: ObjectArray  # as in graduates.csv
    graduate_limit: IntArray  # per graduate: interviews they can attend on the day

    def booth_interviews(self) -> dict[str, int]:
        return dict(zip(self.enterprise_ids.tolist(), self.interviews.tolist(), strict=True))

    def graduate_interviews(self) -> dict[str, int]:
        return dict(zip(self.graduate_ids.tolist(), self.graduate_limit.tolist(), strict=True))


def day_capacity(fair: pd.DataFrame, booths: pd.DataFrame, graduates: pd.DataFrame) -> DayCapacity:
    """Booth and graduate capacity of the day (InputError, as the timetable raises it, on bad frames)."""
    problem = build_problem(fair, pd.DataFrame(columns=INTERVIEW_COLUMNS), booths, graduates)
    interviews = (problem.booth_open().sum(axis=1) * problem.booths.interviewers).astype(np.int64)
    free = problem.graduate_free()
    spacing = problem.fair.gap_slots + 1
    # most graduates share a handful of days (no class, or one of a few class times): one count each
    patterns, which = np.unique(free, axis=0, return_inverse=True)
    fitting = np.array([max_spaced_slots(row, spacing) for row in patterns], dtype=np.int64)
    fitting = fitting[np.asarray(which).reshape(-1)] if len(free) else np.zeros(0, dtype=np.int64)
    limit = problem.graduates.max_interviews
    graduate_limit = np.where(limit == NO_LIMIT, fitting, np.minimum(limit, fitting)).astype(np.int64)
    return DayCapacity(problem.booths.enterprise_ids, interviews, problem.graduates.ids, graduate_limit)

"""An independent check of a timetable against every hard constraint.

It works from the raw minutes of the problem (opening hours, arrivals, breaks, unavailable times, the gap
in minutes), not from the slot matrices or the variables the model used, so a fault in the model's
pre-filtering shows up here. Interviews before the re-planned horizon are facts and are not checked against
each other; an interview in the horizon is checked against all of them.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass

from matching.jobfair.timetable.plan import NO_SLOT, Plan
from matching.jobfair.timetable.problem import NO_LIMIT, IntArray, TimetableProblem, Window, format_clock
from matching.results import InvalidSolutionError

EXAMPLES_SHOWN = 3


class ViolationKind(enum.StrEnum):
    OFF_GRID = "off_grid"  # not a slot of the day
    DROPPED_SCHEDULED = "dropped_scheduled"  # a no-show or cancelled interview in the timetable
    FIXED_MOVED = "fixed_moved"  # a held, started or past interview not at its slot
    PLACED_IN_PAST = "placed_in_past"  # a re-planned interview before --now
    BOOTH_CLOSED = "booth_closed"  # before arrival, after leaving, or in a break
    GRADUATE_UNAVAILABLE = "graduate_unavailable"
    BOOTH_OVER_CAPACITY = "booth_over_capacity"  # more interviews at once than interviewers
    GRADUATE_CLASH = "graduate_clash"  # two interviews of a graduate overlapping or within the gap
    GRADUATE_OVER_LIMIT = "graduate_over_limit"  # more interviews than max_interviews
    INTERVIEWER_INVALID = "interviewer_invalid"  # number outside 1..interviewers, or used twice at once
    NOT_ALL_SCHEDULED = "not_all_scheduled"  # every interview had to be placed


@dataclass(frozen=True)
class Violation:
    kind: ViolationKind
    message: str
    interviews: tuple[int, ...]


@dataclass(frozen=True)
class AuditReport:
    violations: tuple[Violation, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.violations

    def counts(self) -> dict[ViolationKind, int]:
        counts: dict[ViolationKind, int] = defaultdict(int)
        for violation in self.violations:
            counts[violation.kind] += 1
        return dict(counts)

    def raise_if_invalid(self) -> None:
        if self.violations:
            raise InvalidTimetableError(self)


class InvalidTimetableError(InvalidSolutionError):
    """A timetable broke hard constraints: names every kind of fault with its count and examples."""

    def __init__(self, report: AuditReport):
        self.report = report
        parts = []
        for kind, count in report.counts().items():
            examples = [v.message for v in report.violations if v.kind is kind][:EXAMPLES_SHOWN]
            parts.append(f"{kind.value}={count} (e.g. {'; '.join(examples)})")
        super().__init__("timetable", parts)


def _overlaps(begin: int, end: int, windows: tuple[Window, ...]) -> bool:
    return any(begin < window_end and window_begin < end for window_begin, window_end in windows)


def audit_timetable(
    problem: TimetableProblem,
    plan: Plan,
    slot: IntArray,
    interviewer: IntArray | None = None,
    *,
    require_all: bool = False,
) -> AuditReport:
    """Every hard constraint, checked on `slot` (per interview, NO_SLOT = not scheduled) in minutes."""
    fair = problem.fair
    interviews = problem.interviews
    booths = problem.booths
    graduates = problem.graduates
    length = fair.slot_minutes
    now = fair.opens + plan.plan_from_slot * length  # the first re-planned minute
    found: list[Violation] = []

    def add(kind: ViolationKind, message: str, *members: int) -> None:
        found.append(Violation(kind, message, tuple(members)))

    start: dict[int, int] = {}
    for index in range(interviews.count):
        value = int(slot[index])
        if value == NO_SLOT:
            if require_all and not plan.dropped[index]:
                add(ViolationKind.NOT_ALL_SCHEDULED, f"interview {index} is not scheduled", index)
            continue
        if not 0 <= value < fair.slot_count:
            add(ViolationKind.OFF_GRID, f"interview {index} is at slot {value}", index)
            continue
        start[index] = fair.opens + value * length
        if plan.dropped[index]:
            add(
                ViolationKind.DROPPED_SCHEDULED,
                f"interview {index} is {interviews.status[index].value}",
                index,
            )
        if plan.fixed_slot[index] != NO_SLOT and plan.fixed_slot[index] != value:
            add(ViolationKind.FIXED_MOVED, f"fixed interview {index} moved", index)
        elif plan.fixed_slot[index] == NO_SLOT and start[index] < now:
            add(
                ViolationKind.PLACED_IN_PAST,
                f"interview {index} placed at {format_clock(start[index])}",
                index,
            )

    def checked(index: int) -> bool:
        """Past interviews are facts; everything from the horizon on must meet the rules."""
        return start[index] >= now

    for index, begin in start.items():
        if not checked(index):
            continue
        end = begin + length
        booth = int(interviews.booth[index])
        graduate = int(interviews.graduate[index])
        if (
            begin < booths.arrives[booth]
            or end > booths.leaves[booth]
            or _overlaps(begin, end, booths.breaks[booth])
        ):
            add(
                ViolationKind.BOOTH_CLOSED, f"interview {index} at {format_clock(begin)}: booth closed", index
            )
        if _overlaps(begin, end, graduates.unavailable[graduate]):
            add(
                ViolationKind.GRADUATE_UNAVAILABLE,
                f"interview {index} at {format_clock(begin)}: graduate unavailable",
                index,
            )

    at_booth: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_graduate: dict[int, list[int]] = defaultdict(list)
    for index, begin in start.items():
        at_booth[(int(interviews.booth[index]), begin)].append(index)
        by_graduate[int(interviews.graduate[index])].append(index)

    for (booth, begin), members in at_booth.items():
        if begin < now:
            continue
        limit = int(booths.interviewers[booth])
        if len(members) > limit:
            add(
                ViolationKind.BOOTH_OVER_CAPACITY,
                f"booth {booths.enterprise_ids[booth]} at {format_clock(begin)}: {len(members)} > {limit}",
                *members,
            )
        if interviewer is not None:
            numbers = [int(interviewer[index]) for index in members]
            if any(not 1 <= number <= limit for number in numbers) or len(set(numbers)) != len(numbers):
                add(
                    ViolationKind.INTERVIEWER_INVALID,
                    f"booth {booths.enterprise_ids[booth]} at {format_clock(begin)}: interviewers {numbers}",
                    *members,
                )

    for graduate, members in by_graduate.items():
        members.sort(key=lambda index: start[index])
        for position, earlier in enumerate(members):
            for later in members[position + 1 :]:
                if not (checked(earlier) or checked(later)):
                    continue
                if start[later] < start[earlier] + length + fair.min_gap_minutes:
                    add(
                        ViolationKind.GRADUATE_CLASH,
                        f"graduate {graduates.ids[graduate]}: {format_clock(start[earlier])} and "
                        f"{format_clock(start[later])}",
                        earlier,
                        later,
                    )
                else:
                    break  # later ones start even later
        limit = int(graduates.max_interviews[graduate])
        if limit != NO_LIMIT and len(members) > limit and any(checked(index) for index in members):
            add(
                ViolationKind.GRADUATE_OVER_LIMIT,
                f"graduate {graduates.ids[graduate]}: {len(members)} interviews > {limit}",
                *members,
            )
    return AuditReport(tuple(found))

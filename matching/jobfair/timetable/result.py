"""The typed result of a timetable solve and its frames: the CSV contract, itineraries and booth lists."""

from __future__ import annotations

import enum
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.jobfair.timetable.audit import AuditReport
from matching.jobfair.timetable.plan import NO_SLOT, Plan
from matching.jobfair.timetable.problem import BoolArray, IntArray, TimetableProblem, format_clock
from matching.messages import DEFAULT_LANGUAGE, Message, render
from matching.results import Finding, FindingReport, SolveStatus, Timings

OUTPUT_COLUMNS = (
    "graduate_id",
    "enterprise_id",
    "position_id",
    "start",
    "end",
    "interviewer",
    "moved",
    "reason",
)
TRUE_TEXT, FALSE_TEXT = "true", "false"


class UnscheduledReason(enum.StrEnum):
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    NO_COMMON_SLOT = "no_common_slot"
    GRADUATE_LIMIT = "graduate_limit"
    BOOTH_FULL = "booth_full"
    GRADUATE_BUSY = "graduate_busy"
    BOOTH_AND_GRADUATE_BUSY = "booth_and_graduate_busy"
    NO_TIMETABLE = "no_timetable"

    @property
    def text(self) -> str:
        return REASON_TEXT[self]


REASON_TEXT = {reason: render(f"timetable.drop.{reason.value}") for reason in UnscheduledReason}  # English


def drop_messages(reasons: Iterable[str | None]) -> tuple[Message, ...]:
    """How many interviews were left out for each reason (codes; no-shows and cancellations too): one
    message per reason, in the order of `UnscheduledReason`; empty when every interview is scheduled."""
    counts = Counter(reason for reason in reasons if reason)
    order = [reason.value for reason in UnscheduledReason]
    return tuple(
        Message("timetable.drops.item", {"reason": Message(f"timetable.drop.short.{code}"), "count": n})
        for code, n in sorted(counts.items(), key=lambda item: order.index(item[0]))
    )


def drops_text(reasons: Iterable[str | None], lang: str = DEFAULT_LANGUAGE) -> str:
    """`drop_messages` as one line in `lang` ('' when every interview is scheduled)."""
    items = drop_messages(reasons)
    if not items:
        return ""
    joined = ("；" if lang == "zh" else "; ").join(item.text(lang) for item in items)
    return render("timetable.drops", {"reasons": joined}, lang)


@dataclass(frozen=True, eq=False)
class TimetableResult:
    problem: TimetableProblem
    plan: Plan
    status: SolveStatus
    message: str
    seed: int
    solver_version: str
    precheck: FindingReport
    timings: Timings
    slot: IntArray  # per interview, NO_SLOT when not scheduled
    interviewer: IntArray  # per interview, 1 … the booth's interviewers; 0 when not scheduled
    reason: tuple[UnscheduledReason | None, ...]  # per interview, None when scheduled
    objective: int | None  # the solver's objective of the returned timetable (see `weights`)
    bound: int | None  # best proven upper bound on the objective
    first_solution_seconds: float | None = None  # seconds from the start of the solve to the first timetable
    audit: AuditReport | None = None

    @property
    def has_timetable(self) -> bool:
        return self.status.has_solution

    @property
    def scheduled(self) -> BoolArray:
        scheduled: BoolArray = self.slot != NO_SLOT
        return scheduled

    @property
    def scheduled_count(self) -> int:
        return int(self.scheduled.sum())

    @property
    def requested_count(self) -> int:
        """Interviews that belong in the timetable (no-shows and cancellations excluded)."""
        return int(self.plan.in_play.sum())

    @property
    def moved(self) -> BoolArray:
        """Interviews that had a slot to keep and are now elsewhere or not scheduled."""
        had = self.plan.preferred_slot != NO_SLOT
        moved: BoolArray = (
            had & (self.slot != self.plan.preferred_slot) & self.has_timetable & ~self.plan.dropped
        )
        return moved

    @property
    def moved_count(self) -> int:
        return int(self.moved.sum())

    @property
    def gap(self) -> float:
        """Relative distance between the objective and the best bound: 0 = proven optimal."""
        if self.objective is None or self.bound is None:
            return math.nan
        return max(self.bound - self.objective, 0) / max(abs(self.bound), 1)

    def idle_slots(self) -> int:
        """Slots graduates wait between interviews beyond the walking gap, summed over graduates."""
        spacing = self.problem.fair.gap_slots + 1
        scheduled = np.flatnonzero(self.scheduled)
        graduate = self.problem.interviews.graduate[scheduled]
        slots = self.slot[scheduled]
        order = np.lexsort((slots, graduate))
        graduate, slots = graduate[order], slots[order]
        same = graduate[1:] == graduate[:-1]
        return int(np.maximum(slots[1:] - slots[:-1] - spacing, 0)[same].sum())

    # The `matching.results.SolveResult` protocol.
    @property
    def has_solution(self) -> bool:
        return self.has_timetable

    @property
    def complete(self) -> bool:
        """A timetable is a whole answer: the interviews it leaves out have their reason (with
        `require_all`, leaving any out means no timetable at all)."""
        return self.has_timetable

    @property
    def solver(self) -> str:
        return "cp-sat"

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.precheck.findings

    def summary_message(self) -> Message:
        """status=… scheduled=n/m objective=… bound=… gap=… moved=… idle_slots=… time=… seed=…"""
        return Message(
            "timetable.summary",
            {
                "status": Message(f"solve_status.{self.status.value}"),
                "scheduled": self.scheduled_count,
                "requested": self.requested_count,
                "objective": "" if self.objective is None else str(self.objective),
                "bound": "" if self.bound is None else str(self.bound),
                "gap": "" if math.isnan(self.gap) else f"{self.gap:.6f}",
                "moved": self.moved_count,
                "idle_slots": self.idle_slots() if self.has_timetable else "",
                "seconds": self.timings.total,
                "seed": self.seed,
            },
        )

    def summary(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.summary_message().text(lang)

    def drops(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The interviews left out, counted by reason, in `lang` (see `drops_text`)."""
        return drops_text((reason.value if reason is not None else None for reason in self.reason), lang)

    def timetable_frame(self) -> pd.DataFrame:
        """The CSV contract, one row per interview in the order of interviews.csv (all text cells)."""
        problem = self.problem
        interviews = problem.interviews
        length = problem.fair.slot_minutes
        scheduled = self.scheduled
        begin = problem.fair.opens + self.slot * length
        starts = [format_clock(int(m)) if on else "" for m, on in zip(begin.tolist(), scheduled, strict=True)]
        ends = [
            format_clock(int(m) + length) if on else ""
            for m, on in zip(begin.tolist(), scheduled, strict=True)
        ]
        return pd.DataFrame(
            {
                "graduate_id": problem.graduates.ids[interviews.graduate],
                "enterprise_id": problem.booths.enterprise_ids[interviews.booth],
                "position_id": interviews.position_ids,
                "start": starts,
                "end": ends,
                "interviewer": [str(n) if n > 0 else "" for n in self.interviewer.tolist()],
                "moved": [TRUE_TEXT if moved else FALSE_TEXT for moved in self.moved.tolist()],
                "reason": ["" if reason is None else reason.value for reason in self.reason],
            },
            columns=list(OUTPUT_COLUMNS),
        ).astype(object)

    def entries_frame(self) -> pd.DataFrame:
        """Scheduled interviews with everything a page or printout shows, sorted by nothing in particular."""
        problem = self.problem
        interviews = problem.interviews
        booths = problem.booths
        graduates = problem.graduates
        chosen = np.flatnonzero(self.scheduled)
        length = problem.fair.slot_minutes
        begin = problem.fair.opens + self.slot[chosen] * length
        booth = interviews.booth[chosen]
        graduate = interviews.graduate[chosen]
        return pd.DataFrame(
            {
                "interview": chosen,
                "graduate_order": graduate,
                "booth_order": booth,
                "slot": self.slot[chosen],
                "graduate_id": graduates.ids[graduate],
                "graduate_name": graduates.names[graduate],
                "start": [format_clock(int(m)) for m in begin.tolist()],
                "end": [format_clock(int(m) + length) for m in begin.tolist()],
                "booth": booths.labels[booth],
                "enterprise_id": booths.enterprise_ids[booth],
                "enterprise_name": booths.names[booth],
                "position_id": interviews.position_ids[chosen],
                "position_title": interviews.position_titles[chosen],
                "interviewer": self.interviewer[chosen],
                "moved": self.moved[chosen],
            }
        )

    def itineraries_frame(self) -> pd.DataFrame:
        """Per graduate (in input order) their interviews by time: time, booth, enterprise, position."""
        entries = self.entries_frame().sort_values(["graduate_order", "slot"], kind="stable")
        columns = [
            "graduate_id",
            "graduate_name",
            "start",
            "end",
            "booth",
            "enterprise_id",
            "enterprise_name",
        ]
        columns += ["position_id", "position_title", "interviewer"]
        return entries[columns].reset_index(drop=True)

    def booth_lists_frame(self) -> pd.DataFrame:
        """Per booth (in booths.csv order) its interviews by time and interviewer."""
        entries = self.entries_frame().sort_values(["booth_order", "slot", "interviewer"], kind="stable")
        columns = ["booth", "enterprise_id", "enterprise_name", "start", "end", "interviewer", "graduate_id"]
        columns += ["graduate_name", "position_id", "position_title"]
        return entries[columns].reset_index(drop=True)

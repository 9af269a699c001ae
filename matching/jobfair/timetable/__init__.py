"""The job-fair interview timetable (pure: plain data in, typed results out; no database, no UI).

Pipeline: `build_problem` (validate the contract frames, `problem`) → `plan_schedule` or `plan_reschedule`
(what is fixed, what should stay) → `solve_timetable` (pre-check, CP-SAT with a greedy hint, reasons) →
`audit_timetable` (an independent check of every hard constraint). `schedule_frames` and
`reschedule_frames` run it all; `export` writes XLSX and printable HTML; `files` is the DIR contract
read by `python -m matching jobfair schedule DIR` (the command line lives in `matching.cli`).
"""

from matching.jobfair.timetable.audit import (
    AuditReport,
    InvalidTimetableError,
    Violation,
    ViolationKind,
    audit_timetable,
)
from matching.jobfair.timetable.export import render_html, write_xlsx
from matching.jobfair.timetable.model import DEFAULT_TIME_LIMIT_SECONDS, SolveOptions, solve_timetable
from matching.jobfair.timetable.pipeline import audited, reschedule_frames, schedule_frames
from matching.jobfair.timetable.plan import NO_SLOT, Plan, plan_schedule
from matching.jobfair.timetable.precheck import FindingKind, check_feasibility
from matching.jobfair.timetable.problem import InterviewStatus, TimetableProblem, build_problem
from matching.jobfair.timetable.reschedule import DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS, plan_reschedule
from matching.jobfair.timetable.result import OUTPUT_COLUMNS, REASON_TEXT, TimetableResult, UnscheduledReason
from matching.jobfair.timetable.weights import WEIGHT_SCALE, interview_weights

__all__ = [
    "DEFAULT_RESCHEDULE_TIME_LIMIT_SECONDS",
    "DEFAULT_TIME_LIMIT_SECONDS",
    "NO_SLOT",
    "OUTPUT_COLUMNS",
    "REASON_TEXT",
    "WEIGHT_SCALE",
    "AuditReport",
    "FindingKind",
    "InterviewStatus",
    "InvalidTimetableError",
    "Plan",
    "SolveOptions",
    "TimetableProblem",
    "TimetableResult",
    "UnscheduledReason",
    "Violation",
    "ViolationKind",
    "audit_timetable",
    "audited",
    "build_problem",
    "check_feasibility",
    "interview_weights",
    "plan_reschedule",
    "plan_schedule",
    "render_html",
    "reschedule_frames",
    "schedule_frames",
    "solve_timetable",
    "write_xlsx",
]

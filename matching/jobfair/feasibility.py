"""The pre-check before every solve: what cannot work, and what to change.

Blocking findings stop the solve (status INFEASIBLE) and carry the file location to fix; notes are reported
with the result (for instance fewer headcount than graduates: some stay unmatched, which is allowed). Each
finding is a message code (`jobfair.…`, worded in `matching.messages.findings`) and its parameters.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from matching.errors import InputProblem
from matching.jobfair.arrays import IntArray
from matching.jobfair.problem import LOCKS_FILE, POSITIONS_FILE, JobFairProblem
from matching.messages import render
from matching.results import Finding, FindingReport

EXAMPLES_SHOWN = 3


def check_feasibility(
    problem: JobFairProblem, *, shortlist: bool, interview_capacity: IntArray | None = None
) -> FindingReport:
    """Checks that need only the problem: a placement's fixed pairs against headcounts, one per graduate;
    a shortlist's against interview capacity (its fixed pairs are approved interviews: several per
    graduate, and more than a position's headcount)."""
    findings = []
    if not shortlist:
        findings += _graduate_fixed_twice(problem)
        findings += _over_fixed(
            problem.locks.position,
            problem.positions.capacity,
            problem.positions.ids,
            "jobfair.position_over_fixed",
            "positions",
            problem,
        )
    if shortlist and interview_capacity is not None:
        findings += _over_fixed(
            problem.positions.enterprise_index[problem.locks.position],
            interview_capacity,
            problem.positions.enterprise_ids,
            "jobfair.enterprise_over_fixed",
            "enterprises",
            problem,
        )
    total_capacity = int(problem.positions.capacity.sum())
    if not shortlist and total_capacity < problem.graduate_count:
        findings.append(
            Finding(
                "jobfair.headcount_short",
                {
                    "graduates": int(problem.graduate_count),
                    "headcount": total_capacity,
                    "file": POSITIONS_FILE,
                },
                blocking=False,
            )
        )
    return FindingReport(tuple(findings))


def _graduate_fixed_twice(problem: JobFairProblem) -> list[Finding]:
    """A graduate fixed to a second position in locks.csv (rows after the first are the faults)."""
    locks = problem.locks
    fix_rows = np.flatnonzero(locks.fixed)
    order = fix_rows[np.argsort(locks.row[fix_rows], kind="stable")]
    first_row: dict[int, int] = {}
    findings = []
    for lock in order.tolist():
        graduate, row = int(locks.graduate[lock]), int(locks.row[lock])
        if graduate not in first_row:
            first_row[graduate] = row
            continue
        code = "jobfair.graduate_fixed_twice"
        name = str(problem.graduates.ids[graduate])
        params: dict[str, Any] = {"graduate": name, "first_row": first_row[graduate]}
        location = InputProblem(
            LOCKS_FILE, render(code, params), row, "graduate_id", code=code, params=params
        )
        findings.append(Finding(code, params, blocking=True, location=location, refs={"graduates": (name,)}))
    return findings


def _over_fixed(
    target: IntArray,
    capacity: IntArray,
    names: np.ndarray,
    code: str,
    ref: str,
    problem: JobFairProblem,
) -> list[Finding]:
    locks = problem.locks
    fix_rows = np.flatnonzero(locks.fixed)
    fixed_target = target[fix_rows]  # `target` is aligned with the lock rows
    counts = np.bincount(fixed_target, minlength=len(capacity))
    findings = []
    for index in np.flatnonzero(counts > capacity).tolist():
        fixed, limit = int(counts[index]), int(capacity[index])
        rows = locks.row[fix_rows[fixed_target == index]]
        first_excess_row = int(np.sort(rows)[limit])
        name = str(names[index])
        params: dict[str, Any] = {
            "name": name,
            "fixed": fixed,
            "limit": limit,
            "excess": fixed - limit,
            "file": POSITIONS_FILE,
        }
        location = InputProblem(
            LOCKS_FILE, render(code, params), first_excess_row, "position_id", code=code, params=params
        )
        findings.append(Finding(code, params, blocking=True, location=location, refs={ref: (name,)}))
    return findings


def candidate_notes(
    graduate_ids: np.ndarray,
    position_ids: np.ndarray,
    pairs_per_graduate: IntArray,
    pairs_per_position: IntArray,
    capacity: IntArray,
) -> list[Finding]:
    """Notes that need the candidate set: graduates nobody accepts, positions nobody fits."""
    findings = []
    lonely = np.flatnonzero(pairs_per_graduate == 0)
    if len(lonely):
        ids = tuple(str(graduate_ids[i]) for i in lonely)
        findings.append(
            Finding(
                "jobfair.graduates_without_position",
                {"count": len(ids), "examples": ", ".join(ids[:EXAMPLES_SHOWN])},
                blocking=False,
                refs={"graduates": ids},
            )
        )
    empty = np.flatnonzero((pairs_per_position == 0) & (capacity > 0))
    if len(empty):
        ids = tuple(str(position_ids[i]) for i in empty)
        findings.append(
            Finding(
                "jobfair.positions_without_graduate",
                {"count": len(ids), "examples": ", ".join(ids[:EXAMPLES_SHOWN])},
                blocking=False,
                refs={"positions": ids},
            )
        )
    return findings

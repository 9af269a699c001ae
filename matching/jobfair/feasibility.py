"""The pre-check before every solve: what cannot work, and what to change.

Blocking findings stop the solve (status INFEASIBLE) and carry the file location to fix; notes are reported
with the result (for instance fewer headcount than graduates: some stay unmatched, which is allowed). Each
finding is a message code (`jobfair.…`, worded in `matching.messages.findings`) and its parameters.

On a stored fair (`JobFairProblem.stored`) there are no files: the same findings have their `.stored`
wording, which names the kind of record (岗位) and the officials' decisions to change, and no file location.
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
        params: dict[str, Any] = {"graduates": int(problem.graduate_count), "headcount": total_capacity}
        findings.append(
            Finding(_worded("jobfair.headcount_short", problem), _in_file(params, problem), blocking=False)
        )
    return FindingReport(tuple(findings))


def _worded(code: str, problem: JobFairProblem) -> str:
    """The finding's code for the problem's source: `<code>.stored` for a stored fair."""
    return f"{code}.stored" if problem.stored else code


def _in_file(params: dict[str, Any], problem: JobFairProblem) -> dict[str, Any]:
    """The parameters, with the file to edit when the input is a folder of files."""
    return params if problem.stored else {**params, "file": POSITIONS_FILE}


def _location(
    problem: JobFairProblem, code: str, params: dict[str, Any], row: int, column: str
) -> InputProblem | None:
    """Where to change a folder's input (locks.csv, row and column); a stored fair has no such place."""
    if problem.stored:
        return None
    return InputProblem(LOCKS_FILE, render(code, params), row, column, code=code, params=params)


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
        code = _worded("jobfair.graduate_fixed_twice", problem)
        name = str(problem.graduates.ids[graduate])
        params: dict[str, Any] = {"graduate": name}
        if not problem.stored:
            params["first_row"] = first_row[graduate]
        location = _location(problem, code, params, row, "graduate_id")
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
        worded = _worded(code, problem)
        params = _in_file({"name": name, "fixed": fixed, "limit": limit, "excess": fixed - limit}, problem)
        location = _location(problem, worded, params, first_excess_row, "position_id")
        findings.append(Finding(worded, params, blocking=True, location=location, refs={ref: (name,)}))
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

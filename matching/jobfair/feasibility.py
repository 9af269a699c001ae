"""The pre-check before every solve: what cannot work, and what to change.

Blocking findings stop the solve (status INFEASIBLE) and carry the file location to fix; notes are reported
with the result (for instance fewer headcount than graduates: some stay unmatched, which is allowed).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matching.errors import InputError, InputProblem
from matching.jobfair.arrays import IntArray
from matching.jobfair.problem import LOCKS_FILE, POSITIONS_FILE, JobFairProblem

EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class Finding:
    message: str  # what is wrong and what to change
    blocking: bool
    location: InputProblem | None = None

    def __str__(self) -> str:
        return str(self.location) if self.location is not None else self.message


@dataclass(frozen=True)
class FeasibilityReport:
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

    def with_findings(self, more: list[Finding]) -> FeasibilityReport:
        return FeasibilityReport(self.findings + tuple(more))

    def input_error(self) -> InputError:
        """The blocking findings as an InputError (file, row and column of what to change)."""
        return InputError(
            [finding.location or InputProblem("(problem)", finding.message) for finding in self.blocking]
        )

    def message(self) -> str:
        return "; ".join(finding.message for finding in self.blocking) or "feasible"


def check_feasibility(
    problem: JobFairProblem, *, shortlist: bool, interview_capacity: IntArray | None = None
) -> FeasibilityReport:
    """Checks that need only the problem: fixed pairs against headcounts (and interview capacity)."""
    findings = _over_fixed(
        problem.locks.position,
        problem.positions.capacity,
        problem.positions.ids,
        "position",
        "raise its capacity in positions.csv to {fixed} or remove {excess} of its fix rows",
        problem,
    )
    if shortlist and interview_capacity is not None:
        findings += _over_fixed(
            problem.positions.enterprise_index[problem.locks.position],
            interview_capacity,
            problem.positions.enterprise_ids,
            "enterprise",
            "give its positions {fixed} interview_capacity in all in positions.csv or remove {excess} "
            "of its fix rows",
            problem,
        )
    total_capacity = int(problem.positions.capacity.sum())
    if not shortlist and total_capacity < problem.graduate_count:
        findings.append(
            Finding(
                f"{problem.graduate_count:,} graduates but only {total_capacity:,} headcount in "
                f"{POSITIONS_FILE}: at most {total_capacity:,} can be placed; add headcount to place everyone",
                blocking=False,
            )
        )
    return FeasibilityReport(tuple(findings))


def _over_fixed(
    target: IntArray,
    capacity: IntArray,
    names: np.ndarray,
    kind: str,
    advice: str,
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
        message = (
            f"{kind} '{names[index]}' has {fixed} fixed graduates but room for {limit}: "
            + advice.format(fixed=fixed, excess=fixed - limit)
        )
        findings.append(
            Finding(
                message,
                blocking=True,
                location=InputProblem(LOCKS_FILE, message, first_excess_row, "position_id"),
            )
        )
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
        examples = ", ".join(str(graduate_ids[i]) for i in lonely[:EXAMPLES_SHOWN])
        findings.append(
            Finding(
                f"{len(lonely):,} graduates have no acceptable position (e.g. {examples}): widen their wish "
                "lists, or the positions' accepted majors and minimum degrees, or add them to positions' lists",
                blocking=False,
            )
        )
    empty = np.flatnonzero((pairs_per_position == 0) & (capacity > 0))
    if len(empty):
        examples = ", ".join(str(position_ids[i]) for i in empty[:EXAMPLES_SHOWN])
        findings.append(
            Finding(
                f"{len(empty):,} positions with headcount have no acceptable graduate (e.g. {examples}): relax "
                "their accepted majors or minimum degree",
                blocking=False,
            )
        )
    return findings

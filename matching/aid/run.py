"""The whole pairing step for callers (CLI, service): pre-check → solve → diagnose → check.

Each step is its own function in its own module; this only chains them and keeps the timings.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from matching.aid.audit import check_pairing
from matching.aid.diagnose import Diagnosis, Finding, diagnose, precheck
from matching.aid.pairing import SolveOptions, solve_pairing
from matching.aid.parameters import AidParameters
from matching.aid.problem import AidProblem, Objective
from matching.aid.result import PairingResult, Solver, no_solution
from matching.aid.validate import FileLabels, problem_from_frames
from matching.results import SolveStatus, Timings


@dataclass(frozen=True)
class AidOutcome:
    """`result` is the full pairing (status INFEASIBLE or UNKNOWN when there is none); `diagnosis`
    is set when the problem is infeasible, with the best partial pairing."""

    problem: AidProblem
    result: PairingResult
    findings: tuple[Finding, ...]  # pre-check findings (each proves infeasibility)
    diagnosis: Diagnosis | None
    timings: Timings

    @property
    def has_full_pairing(self) -> bool:
        return self.result.has_solution

    @property
    def pairing(self) -> PairingResult:
        """What to show: the full pairing, else the best partial pairing, else the empty result."""
        if self.result.has_solution or self.diagnosis is None or not self.diagnosis.partial.has_solution:
            return self.result
        return self.diagnosis.partial


def run_pairing(
    problem: AidProblem, options: SolveOptions | None = None, previous: Mapping[str, str] | None = None
) -> AidOutcome:
    """Pre-check, solve with CP-SAT (keeping `previous` pairs where it can), diagnose when there is no
    full pairing, and check every returned pairing with the independent validator."""
    options = options or SolveOptions()
    timings = Timings()
    started = time.perf_counter()
    findings = precheck(problem)
    timings.add("precheck", time.perf_counter() - started)
    if findings:
        result = no_solution(
            problem,
            SolveStatus.INFEASIBLE,
            Solver.CP_SAT,
            f"pre-check: {len(findings)} reason(s) no full pairing exists",
        )
    else:
        result = solve_pairing(problem, options, previous)
        for phase, seconds in result.timings.seconds.items():
            timings.add(phase, seconds)
    diagnosis: Diagnosis | None = None
    if result.status is SolveStatus.INFEASIBLE:
        started = time.perf_counter()
        diagnosis = diagnose(problem, options, findings)
        timings.add("diagnose", time.perf_counter() - started)
    started = time.perf_counter()
    if result.has_solution:
        check_pairing(problem, result.assignment)
    if diagnosis is not None and diagnosis.partial.has_solution:
        check_pairing(problem, diagnosis.partial.assignment, allow_uncovered=True, check_minimums=False)
    timings.add("check", time.perf_counter() - started)
    return AidOutcome(problem, result, tuple(findings), diagnosis, timings)


def pair_villages(
    enterprises: pd.DataFrame,
    villages: pd.DataFrame,
    pairs: pd.DataFrame | None = None,
    locks: pd.DataFrame | None = None,
    parameters: AidParameters | None = None,
    objective: Objective = Objective.MAX,
    options: SolveOptions | None = None,
    previous: Mapping[str, str] | None = None,
    labels: FileLabels | None = None,
) -> AidOutcome:
    """Frames with the CSV contract's columns in, a checked outcome out (raises InputError on bad data)."""
    started = time.perf_counter()
    problem = problem_from_frames(enterprises, villages, pairs, locks, parameters, objective, labels)
    validate_seconds = time.perf_counter() - started
    outcome = run_pairing(problem, options, previous)
    outcome.timings.add("validate_and_score", validate_seconds)
    return outcome

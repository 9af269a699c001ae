"""The pipeline: problem → feasibility check → candidate set (scores) → solver → reasons and audits → result.

`solve` is what the CLI and the service call; each step is also public on its own.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from matching.jobfair import flow, stable
from matching.jobfair.audit import explain_unmatched, find_blocking_pairs
from matching.jobfair.candidates import DEFAULT_CANDIDATES_PER_GRADUATE, build_candidates
from matching.jobfair.feasibility import candidate_notes, check_feasibility
from matching.jobfair.problem import JobFairProblem, build_problem
from matching.jobfair.result import ChosenPairs, JobFairResult, Method
from matching.jobfair.scoring import FitWeights
from matching.jobfair.shortlist import (
    DEFAULT_RECOMMENDATIONS_PER_GRADUATE,
    interview_capacity,
    shortlist_pairs,
)
from matching.jobfair.stable import Proposing, stable_pairs
from matching.jobfair.welfare import welfare_pairs
from matching.results import SolveStatus, Timings

SEED_BOUND = 2**31  # seeds drawn when none is given are below this, so they are easy to type back


@dataclass(frozen=True)
class SolveOptions:
    method: Method = Method.STABLE
    proposing: Proposing = Proposing.GRADUATES  # stable only
    weights: FitWeights = field(default_factory=FitWeights)
    candidates_per_graduate: int = DEFAULT_CANDIDATES_PER_GRADUATE  # for graduates without a wish list
    per_graduate: int = DEFAULT_RECOMMENDATIONS_PER_GRADUATE  # shortlist: recommendations per graduate
    maximise_matches: bool = False  # welfare: match as many graduates as possible first
    seed: int | None = None  # the tie-breaking lottery; drawn and recorded when None

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", Method(self.method))  # unknown values fail loudly
        object.__setattr__(self, "proposing", Proposing(self.proposing))
        if self.candidates_per_graduate < 1:
            raise ValueError(
                f"candidates_per_graduate must be at least 1, got {self.candidates_per_graduate}"
            )
        if self.per_graduate < 1:
            raise ValueError(f"per_graduate must be at least 1, got {self.per_graduate}")
        if self.seed is not None and self.seed < 0:
            raise ValueError(f"seed must be ≥ 0, got {self.seed}")


def draw_seed() -> int:
    return secrets.randbelow(SEED_BOUND)


def solve_frames(
    graduates: pd.DataFrame,
    positions: pd.DataFrame,
    graduate_preferences: pd.DataFrame | None = None,
    position_preferences: pd.DataFrame | None = None,
    locks: pd.DataFrame | None = None,
    options: SolveOptions | None = None,
) -> JobFairResult:
    """Validate the contract frames (InputError on bad input) and solve."""
    started = time.perf_counter()
    problem = build_problem(graduates, positions, graduate_preferences, position_preferences, locks)
    validated = time.perf_counter() - started
    result = solve(problem, options)
    result.timings.add("validate", validated)
    return result


def solve(problem: JobFairProblem, options: SolveOptions | None = None) -> JobFairResult:
    """Check feasibility, build the candidate set, run the method, explain the unmatched and (stable) find
    the blocking pairs. A refused problem comes back with status INFEASIBLE and no candidates; the
    feasibility report says what to change."""
    options = options or SolveOptions()
    method = options.method
    seed = options.seed if options.seed is not None else draw_seed()
    proposing = options.proposing if method is Method.STABLE else None
    version = stable.SOLVER_VERSION if method is Method.STABLE else flow.SOLVER_VERSION
    timings = Timings()

    clock = time.perf_counter()
    shortlist = method is Method.SHORTLIST
    feasibility = check_feasibility(
        problem, shortlist=shortlist, interview_capacity=interview_capacity(problem) if shortlist else None
    )
    clock = _lap(timings, "check", clock)
    if not feasibility.feasible:
        return JobFairResult(
            method,
            SolveStatus.INFEASIBLE,
            feasibility.message(),
            seed,
            version,
            feasibility,
            timings,
            None,
            proposing=proposing,
        )

    per_graduate = options.candidates_per_graduate
    if shortlist:
        per_graduate = max(per_graduate, options.per_graduate)
    candidates = build_candidates(problem, options.weights, seed=seed, candidates_per_graduate=per_graduate)
    feasibility = feasibility.with_findings(
        candidate_notes(
            problem.graduates.ids,
            problem.positions.ids,
            np.diff(candidates.graduate_start),
            np.diff(candidates.position_start),
            problem.positions.capacity,
        )
    )
    clock = _lap(timings, "score", clock)

    if method is Method.STABLE:
        assert proposing is not None
        chosen = ChosenPairs(SolveStatus.OPTIMAL, "", stable_pairs(candidates, proposing))
    elif method is Method.WELFARE:
        chosen = welfare_pairs(candidates, options.maximise_matches)
    elif method is Method.SHORTLIST:
        chosen = shortlist_pairs(candidates, options.per_graduate)
    else:  # pragma: no cover - Method has no other members
        raise ValueError(f"unknown method {method!r}")
    clock = _lap(timings, "solve", clock)

    matched = np.zeros(problem.graduate_count, dtype=bool)
    matched[candidates.graduate[chosen.pairs]] = True
    unmatched = np.flatnonzero(~matched)
    blocking = None
    if method is Method.STABLE:
        blocking = find_blocking_pairs(
            candidates, candidates.graduate[chosen.pairs], candidates.position[chosen.pairs]
        )
    result = JobFairResult(
        method=method,
        status=chosen.status,
        message=chosen.message,
        seed=seed,
        solver_version=version,
        feasibility=feasibility,
        timings=timings,
        candidates=candidates,
        pairs=chosen.pairs,
        unmatched=unmatched,
        unmatched_reasons=explain_unmatched(candidates, unmatched, method),
        blocking_pairs=blocking,
        proposing=proposing,
    )
    _lap(timings, "audit", clock)
    return result


def _lap(timings: Timings, phase: str, since: float) -> float:
    now = time.perf_counter()
    timings.add(phase, now - since)
    return now

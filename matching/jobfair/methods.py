"""The job-fair methods, one registry entry each.

An entry holds what the outer layers need: the method's own options type (its fields become the command
line's flags and the page's controls, see `matching.options.option`), the solver, the independent check of
its answer, the pre-check, the shape of its output rows and the message code of its label. The pipeline,
the command line and the job-fair page are built from `METHODS`; adding a method is one entry here, its
`Method` member and its strings in `matching.messages`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from matching.jobfair import flow, stable
from matching.jobfair.arrays import BoolArray
from matching.jobfair.audit import check_shortlist_validity, check_validity, find_blocking_pairs
from matching.jobfair.candidates import CandidateSet
from matching.jobfair.feasibility import check_feasibility
from matching.jobfair.problem import JobFairProblem
from matching.jobfair.result import ChosenPairs, Method
from matching.jobfair.shortlist import (
    DEFAULT_RECOMMENDATIONS_PER_GRADUATE,
    interview_capacity,
    shortlist_pairs,
)
from matching.jobfair.stable import Proposing, stable_pairs
from matching.jobfair.welfare import DEFAULT_KEEP_TOLERANCE, welfare_pairs
from matching.options import option, option_error
from matching.results import FindingReport, SolveStatus


def _keep_tolerance(method: str) -> Any:
    """The share of the best total fit a re-run may give up to keep the previous run's pairs. Each method
    has its own field, so each has its own flag (a flag may appear once on the command line)."""
    return option(
        DEFAULT_KEEP_TOLERANCE,
        label="jobfair.option.keep_tolerance",
        minimum=0,
        maximum=1,
        flag=f"--{method}-keep-tolerance",
    )


def _check_tolerance(value: float) -> None:
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise option_error("option_error.keep_tolerance", value=value)


@dataclass(frozen=True)
class StableOptions:
    """No keep tolerance: stability is not traded. The stable matching is unique given the preferences
    and the seed's tie-breaks, so a re-run with the same seed and data gives the same pairs; what moves
    after a change is what stability requires."""

    proposing: Proposing = option(Proposing.GRADUATES, label="jobfair.option.proposing")

    def __post_init__(self) -> None:
        object.__setattr__(self, "proposing", Proposing(self.proposing))  # unknown values fail loudly


@dataclass(frozen=True)
class WelfareOptions:
    maximise_matches: bool = option(False, label="jobfair.option.maximise_matches")
    keep_tolerance: float = _keep_tolerance("welfare")

    def __post_init__(self) -> None:
        _check_tolerance(self.keep_tolerance)


@dataclass(frozen=True)
class ShortlistOptions:
    per_graduate: int = option(
        DEFAULT_RECOMMENDATIONS_PER_GRADUATE, label="jobfair.option.per_graduate", minimum=1, maximum=20
    )
    keep_tolerance: float = _keep_tolerance("shortlist")

    def __post_init__(self) -> None:
        if self.per_graduate < 1:
            raise option_error("option_error.per_graduate", value=self.per_graduate)
        _check_tolerance(self.keep_tolerance)


def _placement_violations(candidates: CandidateSet, chosen: ChosenPairs) -> list[str]:
    graduate, position = candidates.graduate[chosen.pairs], candidates.position[chosen.pairs]
    return check_validity(candidates, graduate, position).faults()


def _stable_violations(candidates: CandidateSet, chosen: ChosenPairs, options: Any) -> list[str]:
    """Valid, and no blocking pair. Fixed (approved) pairs may break stability, so a pair whose graduate is
    fixed, or whose position holds a fixed graduate, is not counted: among the rest the matching must be
    stable."""
    faults = _placement_violations(candidates, chosen)
    graduate, position = candidates.graduate[chosen.pairs], candidates.position[chosen.pairs]
    blocking = find_blocking_pairs(candidates, graduate, position)
    holds_fixed = np.bincount(candidates.position[candidates.fixed], minlength=candidates.position_count) > 0
    unexplained = ~candidates.fixed_graduate[blocking.graduate] & ~holds_fixed[blocking.position]
    if unexplained.any():
        ids = candidates.problem.graduates.ids, candidates.problem.positions.ids
        examples = [
            f"{ids[0][g]}–{ids[1][p]}"
            for g, p in zip(
                blocking.graduate[unexplained][:5], blocking.position[unexplained][:5], strict=True
            )
        ]
        faults.append(f"{int(unexplained.sum())} blocking pairs, e.g. {', '.join(examples)}")
    return faults


def _shortlist_violations(
    candidates: CandidateSet, chosen: ChosenPairs, options: ShortlistOptions
) -> list[str]:
    graduate, position = candidates.graduate[chosen.pairs], candidates.position[chosen.pairs]
    return check_shortlist_validity(candidates, graduate, position, options.per_graduate).faults()


def _placement_precheck(problem: JobFairProblem) -> FindingReport:
    return check_feasibility(problem, shortlist=False)


def _shortlist_precheck(problem: JobFairProblem) -> FindingReport:
    return check_feasibility(problem, shortlist=True, interview_capacity=interview_capacity(problem))


def _solve_stable(candidates: CandidateSet, options: StableOptions, keep: BoolArray | None) -> ChosenPairs:
    return ChosenPairs(SolveStatus.OPTIMAL, "", np.sort(stable_pairs(candidates, options.proposing)))


def _solve_welfare(candidates: CandidateSet, options: WelfareOptions, keep: BoolArray | None) -> ChosenPairs:
    return welfare_pairs(candidates, options.maximise_matches, keep, options.keep_tolerance)


def _solve_shortlist(
    candidates: CandidateSet, options: ShortlistOptions, keep: BoolArray | None
) -> ChosenPairs:
    return shortlist_pairs(candidates, options.per_graduate, keep, options.keep_tolerance)


@dataclass(frozen=True)
class MethodSpec:
    """One method: what it takes, how it is solved and checked, and what it gives back."""

    method: Method
    options_type: type[Any]
    # the solver; its last argument marks the previous run's pairs among the candidates (None: first run)
    solve: Callable[[CandidateSet, Any, BoolArray | None], ChosenPairs]
    violations: Callable[[CandidateSet, ChosenPairs, Any], list[str]]  # the independent check
    precheck: Callable[[JobFairProblem], FindingReport]
    solver: str
    solver_version: str
    one_row_per_graduate: bool  # a placement (every graduate, matched or with a reason) or recommendations
    stability: bool = False  # the answer must have no blocking pair; its result reports them
    # positions each graduate without a wish list must be offered for the method to work
    candidates_needed: Callable[[Any], int] = lambda options: 1

    @property
    def label(self) -> str:
        """Message code of the method's name (`<label>.help` explains it)."""
        return f"method.{self.method.value}"

    @property
    def has_bound(self) -> bool:
        return self.solver == "min-cost-flow"  # an exact optimiser: its objective is its bound


METHODS: dict[Method, MethodSpec] = {
    Method.STABLE: MethodSpec(
        Method.STABLE,
        StableOptions,
        _solve_stable,
        _stable_violations,
        _placement_precheck,
        solver="deferred-acceptance",
        solver_version=stable.SOLVER_VERSION,
        one_row_per_graduate=True,
        stability=True,
    ),
    Method.WELFARE: MethodSpec(
        Method.WELFARE,
        WelfareOptions,
        _solve_welfare,
        lambda candidates, chosen, options: _placement_violations(candidates, chosen),
        _placement_precheck,
        solver="min-cost-flow",
        solver_version=flow.SOLVER_VERSION,
        one_row_per_graduate=True,
    ),
    Method.SHORTLIST: MethodSpec(
        Method.SHORTLIST,
        ShortlistOptions,
        _solve_shortlist,
        _shortlist_violations,
        _shortlist_precheck,
        solver="min-cost-flow",
        solver_version=flow.SOLVER_VERSION,
        one_row_per_graduate=False,
        candidates_needed=lambda options: options.per_graduate,
    ),
}


def method_spec(method: Method | str) -> MethodSpec:
    """The entry of a method; an unknown name fails loudly (ValueError naming the known ones)."""
    return METHODS[Method(method)]

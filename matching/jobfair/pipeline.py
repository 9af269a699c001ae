"""The pipeline: problem → pre-check → candidate set (scores) → the method's solver → its independent check →
reasons, blocking pairs and fairness → result. With the previous run of the same method (a re-run), the
solver keeps its pairs as its method allows and the result says what was kept and who moved, and why.

`solve` is what the command line and the service call; each step is also public on its own. The method's
solver, check and pre-check come from its registry entry (`matching.jobfair.methods`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd

from matching.jobfair.audit import explain_unmatched, fairness_report, find_blocking_pairs
from matching.jobfair.candidates import DEFAULT_CANDIDATES_PER_GRADUATE, build_candidates
from matching.jobfair.feasibility import candidate_notes
from matching.jobfair.methods import METHODS, method_spec
from matching.jobfair.moves import PreviousRun, compare, keep_mask
from matching.jobfair.problem import JobFairProblem, build_problem
from matching.jobfair.result import JobFairResult, Method
from matching.jobfair.scoring import FitWeights
from matching.options import check_common, option, option_error, resolve_seed
from matching.results import InvalidSolutionError, Timings


@dataclass(frozen=True)
class SolveOptions:
    """Everything besides the data that shapes a job-fair solve.

    `method_options` is the method's own options object (`METHODS[method].options_type`; None = its
    defaults). `weights` None means the defaults (the service puts in the event's stored weights).
    """

    method: Method = option(Method.STABLE, label="jobfair.option.method")
    method_options: Any = option(None, label="jobfair.option.method_options", interface=False)
    weights: FitWeights | None = option(None, label="jobfair.option.weights", interface=False)
    candidates_per_graduate: int = option(
        DEFAULT_CANDIDATES_PER_GRADUATE, label="jobfair.option.candidates_per_graduate", minimum=1
    )
    seed: int | None = option(None, label="option.seed", minimum=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "method", Method(self.method))  # unknown values fail loudly
        spec = METHODS[self.method]
        if self.method_options is None:
            object.__setattr__(self, "method_options", spec.options_type())
        elif not isinstance(self.method_options, spec.options_type):
            raise ValueError(
                f"method {self.method.value} takes {spec.options_type.__name__}, "
                f"got {type(self.method_options).__name__}"
            )
        if self.candidates_per_graduate < 1:
            raise option_error("option_error.candidates_per_graduate", value=self.candidates_per_graduate)
        check_common(None, None, self.seed)

    @classmethod
    def for_method(cls, method: Method | str, /, **values: Any) -> SolveOptions:
        """The options of `method`: values named like fields of the method's own options type go there,
        the others to `SolveOptions` (e.g. `SolveOptions.for_method("shortlist", per_graduate=3, seed=1)`)."""
        spec = METHODS[Method(method)]
        own = {field.name for field in fields(spec.options_type)}
        method_options = spec.options_type(**{name: value for name, value in values.items() if name in own})
        rest = {name: value for name, value in values.items() if name not in own}
        return cls(method=Method(method), method_options=method_options, **rest)

    @property
    def fit_weights(self) -> FitWeights:
        return self.weights if self.weights is not None else FitWeights()


def solve_frames(
    graduates: pd.DataFrame,
    positions: pd.DataFrame,
    graduate_preferences: pd.DataFrame | None = None,
    position_preferences: pd.DataFrame | None = None,
    locks: pd.DataFrame | None = None,
    options: SolveOptions | None = None,
    previous: PreviousRun | None = None,
    *,
    stored: bool = False,
) -> JobFairResult:
    """Validate the contract frames (InputError on bad input) and solve. `stored`: the frames are a stored
    fair's, so the pre-check's findings name its records (岗位, decisions) rather than files."""
    started = time.perf_counter()
    problem = build_problem(
        graduates, positions, graduate_preferences, position_preferences, locks, stored=stored
    )
    validated = time.perf_counter() - started
    result = solve(problem, options, previous)
    result.timings.add("validate", validated)
    return result


def solve(
    problem: JobFairProblem, options: SolveOptions | None = None, previous: PreviousRun | None = None
) -> JobFairResult:
    """Pre-check, build the candidate set, run the method, check its answer independently (an invalid one
    raises InvalidSolutionError: a bug, never returned), explain the unmatched, find the blocking pairs and
    report fairness. A refused problem comes back with status INFEASIBLE and no candidates; its findings
    say what to change. With `previous`, the solver keeps its pairs as the method allows (welfare and
    shortlist within their `keep_tolerance` of the best total fit; stable as stability does) and the
    result's `keep` and `moves` compare the two runs."""
    options = options or SolveOptions()
    spec = method_spec(options.method)
    seed = resolve_seed(options.seed)
    timings = Timings()

    clock = time.perf_counter()
    feasibility = spec.precheck(problem)
    clock = _lap(timings, "check", clock)
    if not feasibility.feasible:
        return JobFairResult.refused(spec, options.method_options, seed, feasibility, timings)

    per_graduate = max(options.candidates_per_graduate, spec.candidates_needed(options.method_options))
    candidates = build_candidates(
        problem, options.fit_weights, seed=seed, candidates_per_graduate=per_graduate
    )
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

    keep = keep_mask(candidates, previous) if previous is not None else None
    chosen = spec.solve(candidates, options.method_options, keep)
    clock = _lap(timings, "solve", clock)

    graduate, position = candidates.graduate[chosen.pairs], candidates.position[chosen.pairs]
    if chosen.status.has_solution:
        faults = spec.violations(candidates, chosen, options.method_options)
        if faults:
            raise InvalidSolutionError(f"{options.method.value} assignment", faults)
    matched = np.zeros(problem.graduate_count, dtype=bool)
    matched[graduate] = True
    unmatched = np.flatnonzero(~matched)
    blocking = find_blocking_pairs(candidates, graduate, position) if spec.stability else None
    kept, moves = None, None
    if previous is not None and chosen.status.has_solution:
        kept, moves = compare(
            candidates,
            chosen.pairs,
            previous,
            seed=seed,
            stability=spec.stability,
            headcount=spec.one_row_per_graduate,
            given_up=chosen.given_up,
            tolerance=getattr(options.method_options, "keep_tolerance", None),
        )
    result = JobFairResult(
        method=options.method,
        status=chosen.status,
        message=chosen.message,
        seed=seed,
        solver=spec.solver,
        solver_version=spec.solver_version,
        feasibility=feasibility,
        timings=timings,
        candidates=candidates,
        pairs=chosen.pairs,
        unmatched=unmatched,
        unmatched_reasons=explain_unmatched(candidates, unmatched, spec.stability),
        blocking_pairs=blocking,
        method_options=options.method_options,
        fairness=fairness_report(candidates, graduate, position),
        exact=spec.has_bound,
        one_row_per_graduate=spec.one_row_per_graduate,
        keep=kept,
        moves=moves,
    )
    _lap(timings, "audit", clock)
    return result


def _lap(timings: Timings, phase: str, since: float) -> float:
    now = time.perf_counter()
    timings.add(phase, now - since)
    return now

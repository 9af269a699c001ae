"""The whole pairing step for callers (command line, service): pre-check → solve → diagnose → helpers →
check.

Each step is its own function in its own module; this only chains them, keeps the timings and checks
every returned pairing (and helper assignment) with the independent validator. `AidOptions` is the one
options object of the aid core: the objective, the model's parameters, the solver's options and the
optional helper step.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib.metadata import version

import pandas as pd

from matching.aid.audit import InvalidPairing, check_pairing, find_helper_violations
from matching.aid.diagnose import Diagnosis, diagnose, precheck
from matching.aid.helpers import HelperOptions, HelperResult, assign_helpers
from matching.aid.pairing import SolveOptions, solve_pairing
from matching.aid.parameters import AidParameters
from matching.aid.problem import AidProblem, Objective
from matching.aid.result import PairingResult, Solver, format_number, no_solution
from matching.aid.validate import FileLabels, problem_from_frames
from matching.messages import DEFAULT_LANGUAGE, Message
from matching.options import option, option_error, resolve_seed
from matching.results import Finding, SolveStatus, Timings, number_message, solver_message, status_message

SOLVER_VERSIONS = {
    Solver.CP_SAT: f"OR-Tools CP-SAT {version('ortools')}",
    Solver.HIGHS: f"HiGHS (SciPy {version('scipy')})",
    Solver.GREEDY: "greedy",
}


@dataclass(frozen=True)
class AidOptions:
    """Everything besides the data that shapes an aid pairing. `helpers` None: lead enterprises only."""

    objective: Objective = option(Objective.MAX, label="aid.option.objective")
    parameters: AidParameters = option(
        label="aid.option.parameters", default_factory=AidParameters, interface=False
    )
    solve: SolveOptions = option(label="aid.option.solve", default_factory=SolveOptions, interface=False)
    helpers: HelperOptions | None = option(None, label="aid.option.helpers", interface=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "objective", Objective(self.objective))
        if self.helpers is not None and self.objective is not Objective.MAX:
            raise option_error("option_error.helpers_need_max")


@dataclass(frozen=True)
class AidOutcome:
    """The aid core's result (the `matching.results.SolveResult` protocol).

    `result` is the full pairing (status INFEASIBLE or UNKNOWN when there is none); `diagnosis` is set
    when the problem is infeasible, with the best partial pairing; `helpers` when the helper step ran.
    """

    problem: AidProblem
    result: PairingResult
    precheck_findings: tuple[Finding, ...]  # pre-check findings (each proves infeasibility)
    diagnosis: Diagnosis | None
    timings: Timings
    seed: int = 0
    helpers: HelperResult | None = None

    @property
    def has_full_pairing(self) -> bool:
        return self.result.has_solution

    @property
    def pairing(self) -> PairingResult:
        """What to show: the full pairing, else the best partial pairing, else the empty result."""
        if self.result.has_solution or self.diagnosis is None or not self.diagnosis.partial.has_solution:
            return self.result
        return self.diagnosis.partial

    # The SolveResult protocol: status, objective and bound are the full pairing's.
    @property
    def status(self) -> SolveStatus:
        return self.result.status

    @property
    def has_solution(self) -> bool:
        return self.result.has_solution

    @property
    def complete(self) -> bool:
        return self.result.has_solution

    @property
    def objective(self) -> float | None:
        return self.result.objective

    @property
    def bound(self) -> float | None:
        return self.result.best_bound

    @property
    def solver(self) -> str:
        return self.pairing.solver.value

    @property
    def solver_version(self) -> str:
        return SOLVER_VERSIONS[self.pairing.solver]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.diagnosis.findings if self.diagnosis is not None else self.precheck_findings

    @property
    def covered(self) -> int:
        return sum(1 for enterprise in self.pairing.assignment.values() if enterprise is not None)

    def summary_message(self) -> Message:
        """`status=… objective=… bound=… gap=… solver=… seed=… paired=n/m`: the full pairing's status and
        figures; with none, how many villages the best partial pairing covers."""
        result = self.result
        return Message(
            "aid.summary.partial"
            if not result.has_solution and self.pairing is not result
            else "aid.summary",
            {
                "status": status_message(result.status),
                "objective": number_message(result.objective, format_number(result.objective)),
                "bound": number_message(result.best_bound, format_number(result.best_bound)),
                "gap": number_message(result.gap, format_number(result.gap, digits=6)),
                "solver": solver_message(self.solver),
                "seed": self.seed,
                "paired": self.covered,
                "villages": len(self.problem.villages),
                "helpers": ""
                if self.helpers is None
                else Message("aid.summary.helpers", {"count": sum(map(len, self.helpers.helpers.values()))}),
            },
        )

    def summary(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.summary_message().text(lang)


def run_pairing(
    problem: AidProblem,
    options: SolveOptions | None = None,
    previous: Mapping[str, str] | None = None,
    helpers: HelperOptions | None = None,
) -> AidOutcome:
    """Pre-check, solve with CP-SAT (keeping `previous` pairs where it can), diagnose when there is no
    full pairing, add helper enterprises when asked, and check every returned pairing with the
    independent validator (a fault raises InvalidPairing, an InvalidSolutionError: a bug)."""
    options = options or SolveOptions()
    options = replace(options, seed=resolve_seed(options.seed))  # one seed for every phase, reported
    timings = Timings()
    started = time.perf_counter()
    findings = precheck(problem)
    timings.add("precheck", time.perf_counter() - started)
    if findings:
        result = no_solution(
            problem,
            SolveStatus.INFEASIBLE,
            Solver.CP_SAT,
            Message("aid.precheck.refused", {"count": len(findings)}),
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
    helper_result: HelperResult | None = None
    if helpers is not None and result.has_solution:
        started = time.perf_counter()
        helper_options = replace(helpers, seed=options.seed, workers=options.workers)
        helper_result = assign_helpers(problem, result.assignment, helper_options)
        timings.add("helpers", time.perf_counter() - started)
    started = time.perf_counter()
    if result.has_solution:
        check_pairing(problem, result.assignment)
    if diagnosis is not None and diagnosis.partial.has_solution:
        check_pairing(problem, diagnosis.partial.assignment, allow_uncovered=True, check_minimums=False)
    if helpers is not None and helper_result is not None:
        violations = find_helper_violations(
            problem,
            result.assignment,
            helper_result.helpers,
            load_share=helpers.load_share,
            helpers_per_village=helpers.helpers_per_village,
            max_helped_per_enterprise=helpers.max_helped_per_enterprise,
        )
        if violations:
            raise InvalidPairing(violations)
    timings.add("check", time.perf_counter() - started)
    return AidOutcome(problem, result, tuple(findings), diagnosis, timings, options.seed or 0, helper_result)


def pair_villages(
    enterprises: pd.DataFrame,
    villages: pd.DataFrame,
    pairs: pd.DataFrame | None = None,
    locks: pd.DataFrame | None = None,
    options: AidOptions | None = None,
    previous: Mapping[str, str] | None = None,
    labels: FileLabels | None = None,
) -> AidOutcome:
    """Frames with the CSV contract's columns in, a checked outcome out (raises InputError on bad data)."""
    options = options or AidOptions()
    started = time.perf_counter()
    problem = problem_from_frames(
        enterprises, villages, pairs, locks, options.parameters, options.objective, labels
    )
    validate_seconds = time.perf_counter() - started
    outcome = run_pairing(problem, options.solve, previous, options.helpers)
    outcome.timings.add("validate_and_score", validate_seconds)
    return outcome

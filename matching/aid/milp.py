"""The same pairing model through scipy.optimize.milp (HiGHS): for comparison, and as a first solution.

Uses the real (unscaled) values and loads, so it checks the integer scaling of the CP-SAT model too.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array, vstack

from matching.aid.problem import AidProblem, Objective
from matching.aid.result import PairingResult, Solver, assignment_value, no_solution
from matching.messages import Message
from matching.results import SolveStatus, Timings

# HiGHS's default relative gap (1e-4) may call a solution optimal that is not (e.g. OR-Library e20200).
_MIP_REL_GAP = 0.0


def _constraints(problem: AidProblem) -> list[LinearConstraint]:
    arrays = problem.usable
    size = len(arrays)
    columns = np.arange(size)
    villages, enterprises = len(problem.villages), len(problem.enterprises)
    ones = np.ones(size)
    constraints = [
        LinearConstraint(csr_array((ones, (arrays.village, columns)), shape=(villages, size)), 1.0, 1.0),
        LinearConstraint(
            csr_array((arrays.load, (arrays.enterprise, columns)), shape=(enterprises, size)),
            -np.inf,
            problem.capacities,
        ),
    ]
    limits = np.array(
        [np.inf if e.max_villages is None else e.max_villages for e in problem.enterprises], dtype=np.float64
    )
    if np.isfinite(limits).any():
        constraints.append(
            LinearConstraint(
                csr_array((ones, (arrays.enterprise, columns)), shape=(enterprises, size)), -np.inf, limits
            )
        )
    for members, minimums in (
        (problem.park_members, problem.min_villages_per_park),
        (problem.county_members, problem.min_villages_per_county),
    ):
        for key, minimum in minimums.items():
            row = np.isin(arrays.enterprise, members[key]).astype(np.float64)
            constraints.append(LinearConstraint(row.reshape(1, -1), float(minimum), np.inf))
    return constraints


def solve_pairing_milp(problem: AidProblem, time_limit: float = 10.0) -> PairingResult:
    """Every village exactly one lead, best total value, by HiGHS branch and bound."""
    timings = Timings()
    started = time.perf_counter()
    arrays = problem.usable
    sign = -1.0 if problem.objective is Objective.MAX else 1.0  # milp minimises
    if len(problem.villages) == 0:
        return PairingResult(SolveStatus.OPTIMAL, {}, 0.0, 0.0, Solver.HIGHS, timings)
    if len(arrays) == 0:
        return no_solution(
            problem, SolveStatus.INFEASIBLE, Solver.HIGHS, Message("aid.pairing.no_usable_pair"), timings
        )
    constraints = _constraints(problem)
    timings.add("build", time.perf_counter() - started)
    started = time.perf_counter()
    result = milp(
        sign * arrays.value,
        integrality=np.ones(len(arrays)),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"time_limit": max(0.05, time_limit), "mip_rel_gap": _MIP_REL_GAP, "disp": False},
    )
    timings.add("solve", time.perf_counter() - started)
    if result.x is None:
        status = {2: SolveStatus.INFEASIBLE, 1: SolveStatus.UNKNOWN}.get(result.status, SolveStatus.ERROR)
        return no_solution(problem, status, Solver.HIGHS, str(result.message), timings)
    status = SolveStatus.OPTIMAL if result.status == 0 else SolveStatus.FEASIBLE
    assignment: dict[str, str | None] = {v.village_id: None for v in problem.villages}
    for k in np.flatnonzero(result.x > 0.5):
        village = problem.villages[arrays.village[k]].village_id
        assignment[village] = problem.enterprises[arrays.enterprise[k]].enterprise_id
    bound = getattr(result, "mip_dual_bound", None)
    objective = assignment_value(problem, assignment)
    return PairingResult(
        status=status,
        assignment=assignment,
        objective=objective,
        best_bound=objective if status is SolveStatus.OPTIMAL or bound is None else sign * float(bound),
        solver=Solver.HIGHS,
        timings=timings,
        message=str(result.message),
    )


def lp_rounding_start(problem: AidProblem, time_limit: float = 10.0) -> dict[int, int]:
    """village index → usable position of the pairs the LP relaxation takes whole (x = 1); in a
    generalized assignment only a few villages are split, and a greedy step places those."""
    arrays = problem.usable
    if len(arrays) == 0 or len(problem.villages) == 0:
        return {}
    sign = -1.0 if problem.objective is Objective.MAX else 1.0
    result = milp(
        sign * arrays.value,
        integrality=np.zeros(len(arrays)),
        bounds=Bounds(0, 1),
        constraints=_constraints(problem),
        options={"time_limit": max(0.05, time_limit), "disp": False},
    )
    if result.x is None:
        return {}
    whole = np.flatnonzero(result.x > 1 - 1e-6)
    return {int(arrays.village[k]): int(k) for k in whole}


@dataclass(frozen=True)
class LpGuidance:
    """What the LP relaxation's duals say about a complete pairing's distance from the LP bound.

    For a pairing, its value's gap to the LP bound is (up to a constant) the sum of the reduced costs of
    its pairs plus each budget's price times the budget left unused: the enterprises where that sum is
    large are where a better pairing is likely to differ. In value units, as costs: a reduced cost is
    ≥ 0 except for pairs the LP takes whole at their upper bound."""

    reduced_costs: np.ndarray  # per usable pair
    budget_prices: np.ndarray  # per enterprise, value per unit of load


def lp_guidance(problem: AidProblem) -> LpGuidance | None:
    """The LP relaxation's reduced costs and budget prices (HiGHS through scipy's linprog); None when the
    LP has no optimum."""
    arrays = problem.usable
    if len(arrays) == 0 or len(problem.villages) == 0:
        return None
    sign = -1.0 if problem.objective is Objective.MAX else 1.0
    constraints = _constraints(problem)
    # linprog takes A_ub x <= b_ub: each finite upper side as it is, each finite lower side negated
    rows = []
    for constraint in constraints[1:]:
        matrix = csr_array(constraint.A)
        upper, lower = (
            np.broadcast_to(constraint.ub, matrix.shape[:1]),
            np.broadcast_to(constraint.lb, matrix.shape[:1]),
        )
        for keep, side, factor in ((np.isfinite(upper), upper, 1.0), (np.isfinite(lower), lower, -1.0)):
            if keep.any():
                rows.append((factor * matrix[np.flatnonzero(keep)], factor * side[keep]))
    result = linprog(
        sign * arrays.value,
        A_ub=vstack([a for a, _ in rows]) if rows else None,
        b_ub=np.concatenate([b for _, b in rows]) if rows else None,
        A_eq=constraints[0].A,
        b_eq=constraints[0].lb,
        bounds=(0, 1),
        method="highs",
    )
    if result.status != 0:
        return None
    # The budget rows come first among the inequalities (see _constraints).
    prices = -np.asarray(result.ineqlin.marginals[: len(problem.enterprises)], dtype=np.float64)
    reduced = np.asarray(result.lower.marginals + result.upper.marginals, dtype=np.float64)
    return LpGuidance(reduced, np.maximum(prices, 0.0))

"""Optional helper enterprises per village, a second and simpler step after the lead pairing.

A helper gives less than a lead: it uses `load_share` of the pair's load from what its budget has
left after its own lead villages, and helps at most `max_helped_per_enterprise` villages. Each
village gets at most `helpers_per_village` helpers, never its lead; the total value of the helper
pairs is maximised (values are gains, so the problem's objective must be MAX).
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from ortools.sat.python import cp_model

from matching.aid.problem import AidProblem, Objective
from matching.aid.scaling import scaled_capacities, scaled_loads, scaled_values
from matching.options import check_common, option, option_error
from matching.results import SolveStatus, Timings


@dataclass(frozen=True)
class HelperOptions:
    helpers_per_village: int = option(1, label="aid.option.helpers_per_village", minimum=0, maximum=5)
    load_share: float = option(
        0.5, label="aid.option.helper_load_share", minimum=0, maximum=1, flag="--helper-load-share"
    )
    max_helped_per_enterprise: int = option(
        2, label="aid.option.helper_max_villages", minimum=0, flag="--helper-max-villages"
    )
    # the helper step's own solve; `run_pairing` gives it the lead pairing's seed and workers
    time_limit: float = option(5.0, label="option.time_limit", interface=False)
    seed: int | None = option(None, label="option.seed", interface=False)
    workers: int | None = option(None, label="option.workers", interface=False)

    def __post_init__(self) -> None:
        if self.helpers_per_village < 0 or self.max_helped_per_enterprise < 0:
            raise option_error("option_error.helper_counts")
        if not (math.isfinite(self.load_share) and 0 <= self.load_share <= 1):
            raise option_error("option_error.load_share", value=self.load_share)
        check_common(self.time_limit, self.workers, self.seed)


@dataclass(frozen=True)
class HelperResult:
    status: SolveStatus
    helpers: Mapping[str, tuple[str, ...]]  # village id → helper enterprise ids (covered villages only)
    value: float
    timings: Timings = field(default_factory=Timings)
    load_share: float = 0.0  # share of each helper pair's load its helper gives


def lead_loads(problem: AidProblem, lead: Mapping[str, str | None]) -> dict[str, float]:
    """Budget each enterprise uses for its lead villages."""
    used: dict[str, float] = {}
    for village_id, enterprise_id in lead.items():
        if enterprise_id is not None:
            pair = problem.pair(enterprise_id, village_id)
            used[enterprise_id] = used.get(enterprise_id, 0.0) + (0.0 if pair is None else pair.load)
    return used


def assign_helpers(
    problem: AidProblem, lead: Mapping[str, str | None], options: HelperOptions | None = None
) -> HelperResult:
    options = options or HelperOptions()
    if problem.objective is not Objective.MAX:
        raise ValueError("helpers add value, so they need a problem whose objective is 'max'")
    timings = Timings()
    started = time.perf_counter()
    used = lead_loads(problem, lead)
    candidates = [
        index
        for index, pair in enumerate(problem.pairs)
        if pair.value > 0
        and lead.get(pair.village_id) not in (None, pair.enterprise_id)
        and (pair.enterprise_id, pair.village_id) not in problem.forbidden
    ]
    helpers: dict[str, tuple[str, ...]] = {}
    if not candidates or options.helpers_per_village == 0 or options.max_helped_per_enterprise == 0:
        return HelperResult(SolveStatus.OPTIMAL, helpers, 0.0, timings, options.load_share)

    model = cp_model.CpModel()
    x = [model.new_bool_var(f"h{k}") for k in range(len(candidates))]
    pairs = [problem.pairs[index] for index in candidates]
    loads = scaled_loads(np.array([options.load_share * pair.load for pair in pairs]))
    remaining = scaled_capacities(
        np.array([max(0.0, e.capacity - used.get(e.enterprise_id, 0.0)) for e in problem.enterprises])
    )
    by_village: dict[str, list[int]] = {}
    by_enterprise: dict[str, list[int]] = {}
    for k, pair in enumerate(pairs):
        by_village.setdefault(pair.village_id, []).append(k)
        by_enterprise.setdefault(pair.enterprise_id, []).append(k)
    for positions in by_village.values():
        model.add(sum(x[k] for k in positions) <= options.helpers_per_village)
    for enterprise_id, positions in by_enterprise.items():
        e = problem.enterprise_index[enterprise_id]
        model.add(
            cp_model.LinearExpr.weighted_sum([x[k] for k in positions], loads[positions].tolist())
            <= int(remaining[e])
        )
        model.add(sum(x[k] for k in positions) <= options.max_helped_per_enterprise)
    model.maximize(
        cp_model.LinearExpr.weighted_sum(x, scaled_values(np.array([p.value for p in pairs])).tolist())
    )
    timings.add("build", time.perf_counter() - started)

    started = time.perf_counter()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = options.time_limit
    solver.parameters.random_seed = options.seed or 0
    solver.parameters.num_workers = options.workers or 1
    code = solver.solve(model)
    timings.add("solve", time.perf_counter() - started)
    status = SolveStatus.from_cp_sat(code)
    if not status.has_solution:
        return HelperResult(status, helpers, 0.0, timings, options.load_share)
    chosen: dict[str, list[str]] = {}
    value = 0.0
    for k, pair in enumerate(pairs):
        if solver.boolean_value(x[k]):
            chosen.setdefault(pair.village_id, []).append(pair.enterprise_id)
            value += pair.value
    helpers = {village_id: tuple(ids) for village_id, ids in chosen.items()}
    return HelperResult(status, helpers, value, timings, options.load_share)

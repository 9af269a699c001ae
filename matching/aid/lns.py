"""Large-neighbourhood search on a complete pairing: free a few enterprises, re-pair their villages exactly.

Each step picks `ENTERPRISES_PER_STEP` enterprises, frees every village they lead, and lets a small
CP-SAT model re-pair those villages among those enterprises; every other village stays where it is, so
the other budgets, counts and minimums are untouched (the minimums are counted with the kept villages).
Every `VILLAGE_STEP_EVERY`-th step frees `VILLAGES_PER_STEP` villages instead, which may then go to any
enterprise within what the kept villages leave of its budget and count.
The step's model must be at least as good as the current pairing, so the value never gets worse.

Which enterprises: the first is drawn by where the pairing is far from the LP bound (`LpGuidance`: the
reduced costs of its pairs plus its unused budget times the budget's price), each next one by how many
of the freed villages rank it among their best pairs, weighted the same way.

Measured with bench/bench_aid.py on 2 cores, OR-Library d20100 (minimise, 20 × 100, best known 6185):
CP-SAT on one core stalls at 6,370–6,390 (3 %) within 20 s and HiGHS at 6,283; this search, started
from CP-SAT's pairing after 2 s, reached 6,226–6,267 in the remaining 18 s over a dozen runs on a shared
machine, 1 % above the best known at the median (4 enterprises per step; 3, 5, or 3 and 4 by turns did
worse, and so did drawing the enterprises without the LP's guidance: 6,253–6,274).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from matching.aid.milp import LpGuidance
from matching.aid.problem import AidProblem, Objective
from matching.aid.scaling import scaled_capacities, scaled_loads, scaled_values

ENTERPRISES_PER_STEP = 4
# Every third step frees 20 villages instead, drawn by their pairs' reduced costs, and lets them go to any
# enterprise within what the kept villages leave: measured on d20100 (18 s from the same CP-SAT start,
# three seeds each, one process) 6,222–6,228 against 6,238–6,243 with enterprise steps alone.
VILLAGES_PER_STEP = 20
VILLAGE_STEP_EVERY = 3
# A step's time limit: type D steps (4 enterprises, about 20 villages) take 10–50 ms, a few run long.
STEP_SECONDS = 0.1


@dataclass(frozen=True)
class SearchReport:
    steps: int
    improvements: int
    seconds: float


class NeighbourhoodSearch:
    """The problem's usable pairs in the integer form of `PairingModel`, and the current pairing."""

    def __init__(
        self,
        problem: AidProblem,
        chosen: Mapping[int, int],
        seed: int,
        guidance: LpGuidance | None = None,
    ):
        arrays = problem.usable
        self.problem = problem
        self.village = arrays.village
        self.enterprise = arrays.enterprise
        values = scaled_values(arrays.value)
        self.gain = values if problem.objective is Objective.MAX else -values  # larger is better
        self.load = scaled_loads(arrays.load)
        self.capacity = scaled_capacities(problem.capacities)
        self.limit = np.array(
            [-1 if e.max_villages is None else e.max_villages for e in problem.enterprises], dtype=np.int64
        )
        self.minimums: list[tuple[np.ndarray, int]] = []
        for members, minimums in (
            (problem.park_members, problem.min_villages_per_park),
            (problem.county_members, problem.min_villages_per_county),
        ):
            for key, minimum in minimums.items():
                mask = np.zeros(len(problem.enterprises), dtype=bool)
                mask[members[key]] = True
                self.minimums.append((mask, minimum))
        # Each pair's rank among its village's pairs (0: the village's most desirable pair).
        order = np.lexsort((-self.gain, self.village))
        first = np.searchsorted(self.village[order], self.village[order])
        self.rank = np.empty(len(order), dtype=np.int64)
        self.rank[order] = np.arange(len(order)) - first
        self.guidance = guidance
        self.current = np.full(len(problem.villages), -1, dtype=np.int64)
        for village, position in chosen.items():
            self.current[village] = position
        self.rng = np.random.default_rng(seed)

    @property
    def complete(self) -> bool:
        return bool((self.current >= 0).all())

    def chosen(self) -> dict[int, int]:
        return {int(v): int(k) for v, k in enumerate(self.current)}

    def gap_weights(self, leading: np.ndarray) -> np.ndarray:
        """Per enterprise, how far the current pairing there is from the LP bound (uniform without LP)."""
        count = len(self.capacity)
        if self.guidance is None:
            return np.ones(count)
        real_load = self.problem.usable.load[self.current]
        unused = self.problem.capacities - np.bincount(leading, weights=real_load, minlength=count)
        reduced = np.bincount(leading, weights=self.guidance.reduced_costs[self.current], minlength=count)
        weights = np.maximum(self.guidance.budget_prices * unused + reduced, 0.0)
        return weights + 1e-3 * (weights.mean() + 1.0)

    def pick(self, k: int) -> np.ndarray:
        """k enterprises (see the module docstring); only enterprises that lead a village come first."""
        leading = self.enterprise[self.current]
        weights = self.gap_weights(leading)
        first = np.zeros(len(weights))
        first[np.unique(leading)] = weights[np.unique(leading)]
        picked = [int(self.rng.choice(len(first), p=first / first.sum()))]
        related = np.zeros(len(weights))
        emphasis = 0.5 + weights / weights.mean()
        while len(picked) < min(k, len(weights)):
            freed = np.isin(self.village, np.flatnonzero(leading == picked[-1]))
            np.add.at(related, self.enterprise[freed], 1.0 / (1.0 + self.rank[freed]))
            chances = (related + 0.05 * (related.mean() + 1e-9)) * emphasis
            chances[picked] = 0.0
            picked.append(int(self.rng.choice(len(chances), p=chances / chances.sum())))
        return np.array(picked, dtype=np.int64)

    def step(self, enterprises: np.ndarray, seconds: float) -> tuple[bool, bool]:
        """Re-pair the villages `enterprises` lead among them, the rest kept; (the value rose, the step
        was solved to optimality)."""
        leading = self.enterprise[self.current]
        allowed = np.zeros(len(self.capacity), dtype=bool)
        allowed[enterprises] = True
        freed = allowed[leading]
        return self._repair(freed, np.flatnonzero(freed[self.village] & allowed[self.enterprise]), seconds)

    def pick_villages(self, count: int) -> np.ndarray:
        """`count` villages, drawn by how far their pair is from the LP's choice (its reduced cost)."""
        villages = len(self.current)
        weights = np.ones(villages)
        if self.guidance is not None:
            weights = np.maximum(self.guidance.reduced_costs[self.current], 0.0) + 1e-3
        freed = np.zeros(villages, dtype=bool)
        freed[
            self.rng.choice(villages, size=min(count, villages), replace=False, p=weights / weights.sum())
        ] = True
        return freed

    def village_step(self, count: int, seconds: float) -> tuple[bool, bool]:
        """Re-pair `count` villages with any enterprise, within what the kept villages leave of each budget
        and count; (the value rose, the step was solved to optimality)."""
        freed = self.pick_villages(count)
        return self._repair(freed, np.flatnonzero(freed[self.village]), seconds)

    def _repair(self, freed: np.ndarray, positions: np.ndarray, seconds: float) -> tuple[bool, bool]:
        """Choose again among `positions` for the `freed` villages, every other village kept: a small
        CP-SAT model over what the kept villages leave of each budget, count and minimum, never worse."""
        leading = self.enterprise[self.current]
        kept = ~freed
        used = np.bincount(leading[kept], weights=self.load[self.current[kept]], minlength=len(self.capacity))
        counts = np.bincount(leading[kept], minlength=len(self.capacity))
        model = cp_model.CpModel()
        x = {int(k): model.new_bool_var(f"x{k}") for k in positions}
        by_village: dict[int, list[int]] = {}
        by_enterprise: dict[int, list[int]] = {}
        for k in x:
            by_village.setdefault(int(self.village[k]), []).append(k)
            by_enterprise.setdefault(int(self.enterprise[k]), []).append(k)
        for group in by_village.values():
            model.add_exactly_one(x[k] for k in group)
        for e, own in by_enterprise.items():
            room = int(self.capacity[e] - used[e])
            if int(self.load[own].sum()) > room:
                model.add(sum(int(self.load[k]) * x[k] for k in own) <= room)
            if self.limit[e] >= 0 and self.limit[e] - counts[e] < len(own):
                model.add(sum(x[k] for k in own) <= int(self.limit[e] - counts[e]))
        for mask, minimum in self.minimums:
            held = int((mask[leading] & kept).sum())
            inside = [k for k in x if mask[self.enterprise[k]]]
            if inside and minimum > held:
                model.add(sum(x[k] for k in inside) >= minimum - held)
        gain = sum(int(self.gain[k]) * x[k] for k in x)
        before = int(self.gain[self.current[freed]].sum())
        model.add(gain >= before)  # never worse: the current pairing of these villages is a solution
        model.maximize(gain)
        for k, literal in x.items():
            model.add_hint(literal, self.current[self.village[k]] == k)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = int(self.rng.integers(2**31))
        # measured on d20100 steps: without symmetry detection more steps are proved within the limit
        solver.parameters.symmetry_level = 0
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, False
        for k, literal in x.items():
            if solver.boolean_value(literal):
                self.current[self.village[k]] = k
        return round(solver.objective_value) > before, status == cp_model.OPTIMAL

    def run(self, deadline: float, stop: Callable[[], bool] | None = None) -> SearchReport:
        """Steps until `deadline` (time.perf_counter()) or until `stop()`; the value never gets worse."""
        started = time.perf_counter()
        steps = improvements = 0
        if len(self.capacity) < 2 or not self.complete:
            return SearchReport(0, 0, 0.0)
        whole = len(self.capacity) <= ENTERPRISES_PER_STEP  # each step is then the whole problem
        while (left := deadline - time.perf_counter()) > 0.02 and not (stop is not None and stop()):
            if not whole and steps % VILLAGE_STEP_EVERY == VILLAGE_STEP_EVERY - 1:
                gained, proved = self.village_step(VILLAGES_PER_STEP, min(2 * STEP_SECONDS, left))
            else:
                gained, proved = self.step(self.pick(ENTERPRISES_PER_STEP), min(STEP_SECONDS, left))
            improvements += gained
            steps += 1
            if whole and proved:
                break
        return SearchReport(steps, improvements, time.perf_counter() - started)

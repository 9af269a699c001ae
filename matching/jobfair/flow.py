"""Min-cost flow for the welfare and shortlist solvers: networks built and solved with arcs in bulk.

Fit scores become integer costs here and nowhere else (`SCORE_SCALE`, `score_to_cost`): OR-Tools' min-cost
flow works on integers, so two scores closer than 1/SCORE_SCALE count as equal when maximising total fit.

A re-run keeps the previous run's pairs lexicographically (`solve_keeping`): first the best answer, then,
within `tolerance` of its total fit, as many previous pairs as a bonus per kept pair buys. Keeping the most
previous pairs under a fit budget is a matching with one side constraint (NP-hard in general), so the
second step is Lagrangian: with bonus λ per kept pair the answer S_λ maximises fit + λ·kept, hence
fit(best) − fit(S_λ) ≤ λ·(previous pairs not kept by the best answer); the first λ is the largest that this
bound keeps within the tolerance, and larger ones are tried while the measured loss stays within it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.jobfair.arrays import BoolArray, FloatArray, IntArray
from matching.jobfair.result import ChosenPairs
from matching.results import SolveStatus

SCORE_SCALE = 10_000  # one cost unit = 1/10,000 of fit

SOLVER_VERSION = f"ortools {version('ortools')} SimpleMinCostFlow"

SOURCE, SINK, FIRST_FREE_NODE = 0, 1, 2
KEEP_ROUNDS = 4  # bonus levels tried at most in the keep phase (each one is a min-cost-flow solve)
KEEP_BONUS_GROWTH = 4  # each level multiplies the bonus by this


def score_to_cost(score: FloatArray) -> IntArray:
    """Maximising fit = minimising cost: each unit of flow through a pair costs −round(score × SCORE_SCALE)."""
    return -np.rint(np.asarray(score) * SCORE_SCALE).astype(np.int64)


def cost_to_score(cost: int) -> float:
    return -cost / SCORE_SCALE


def match_priority_cost(max_matches: int, bonus: int = 0) -> int:
    """A cost per unmatched unit larger than any total fit (and keep bonus) a match could trade away, so the
    flow matches as many as possible first and maximises fit second."""
    return (SCORE_SCALE + bonus) * (max_matches + 1)


@dataclass(frozen=True, eq=False)
class FlowNetwork:
    """source → left (supply each) → right (one arc per pair, capacity 1) → sink; a source → sink bypass;
    optionally a left node's first unit on an arc of its own (`left_first_cost`)."""

    tails: IntArray
    heads: IntArray
    capacities: IntArray
    costs: IntArray
    supplies: IntArray
    pair_arcs: IntArray  # arc index of each pair arc, in the caller's pair order


def bipartite_network(
    left_supply: IntArray,
    right_capacity: IntArray,
    pair_left: IntArray,
    pair_right: IntArray,
    pair_cost: IntArray,
    bypass_cost: int,
    left_first_cost: IntArray | None = None,
) -> FlowNetwork:
    """Only left and right nodes that have a pair get a node, so the network is as small as its arcs.

    `left_first_cost` (per left item, 0 = none) puts the first unit of a left node's supply on an arc of
    that cost and the rest on the plain arc: a concave reward, e.g. for giving everyone at least one."""
    left_used, left_index = _used(pair_left, len(left_supply))
    right_used, right_index = _used(pair_right, len(right_capacity))
    left_node = left_index[pair_left] + FIRST_FREE_NODE
    right_node = right_index[pair_right] + FIRST_FREE_NODE + len(left_used)
    supply_per_left = left_supply[left_used]
    total_supply = int(supply_per_left.sum())
    left_nodes = np.arange(len(left_used), dtype=np.int64) + FIRST_FREE_NODE
    right_nodes = np.arange(len(right_used), dtype=np.int64) + FIRST_FREE_NODE + len(left_used)
    pair_count = len(pair_left)
    first_cost = (
        np.zeros(len(left_used), dtype=np.int64) if left_first_cost is None else left_first_cost[left_used]
    )
    split = (first_cost != 0) & (supply_per_left > 0)
    tails = np.concatenate(
        [np.full(len(left_used), SOURCE), left_node, right_nodes, [SOURCE], np.full(int(split.sum()), SOURCE)]
    )
    heads = np.concatenate(
        [left_nodes, right_node, np.full(len(right_used), SINK), [SINK], left_nodes[split]]
    )
    capacities = np.concatenate(
        [
            supply_per_left - split,
            np.ones(pair_count, dtype=np.int64),
            right_capacity[right_used],
            [total_supply],
            np.ones(int(split.sum()), dtype=np.int64),
        ]
    )
    costs = np.concatenate(
        [
            np.zeros(len(left_used), dtype=np.int64),
            pair_cost,
            np.zeros(len(right_used), dtype=np.int64),
            [bypass_cost],
            first_cost[split],
        ]
    )
    supplies = np.zeros(FIRST_FREE_NODE + len(left_used) + len(right_used), dtype=np.int64)
    supplies[SOURCE], supplies[SINK] = total_supply, -total_supply
    pair_arcs = np.arange(pair_count, dtype=np.int64) + len(left_used)
    return FlowNetwork(
        tails.astype(np.int64),
        heads.astype(np.int64),
        capacities.astype(np.int64),
        costs.astype(np.int64),
        supplies,
        pair_arcs,
    )


def _used(items: IntArray, count: int) -> tuple[IntArray, IntArray]:
    """The distinct items (sorted) and, for every possible item, its position among them (linear time)."""
    present = np.bincount(items, minlength=count) > 0
    return np.flatnonzero(present), np.cumsum(present) - 1


@dataclass(frozen=True, eq=False)
class FlowSolution:
    status: SolveStatus
    message: str
    pair_flow: IntArray  # flow on each pair arc (0 or 1)
    cost: int | None


_STATUS = {
    min_cost_flow.SimpleMinCostFlow.OPTIMAL: SolveStatus.OPTIMAL,
    min_cost_flow.SimpleMinCostFlow.FEASIBLE: SolveStatus.FEASIBLE,
    min_cost_flow.SimpleMinCostFlow.INFEASIBLE: SolveStatus.INFEASIBLE,
    min_cost_flow.SimpleMinCostFlow.UNBALANCED: SolveStatus.INFEASIBLE,
}


def solve_network(network: FlowNetwork) -> FlowSolution:
    solver = min_cost_flow.SimpleMinCostFlow()
    if len(network.tails) == 0:
        return FlowSolution(SolveStatus.OPTIMAL, "nothing to assign", np.zeros(0, dtype=np.int64), 0)
    solver.add_arcs_with_capacity_and_unit_cost(
        network.tails, network.heads, network.capacities, network.costs
    )
    solver.set_nodes_supplies(np.arange(len(network.supplies)), network.supplies)
    outcome = solver.solve()
    status = _STATUS.get(outcome, SolveStatus.ERROR)
    if not status.has_solution:
        return FlowSolution(
            status, f"min-cost flow ended with {outcome!r}", np.zeros(0, dtype=np.int64), None
        )
    flows = np.asarray(solver.flows(network.pair_arcs), dtype=np.int64)
    return FlowSolution(status, "", flows, int(solver.optimal_cost()))


@dataclass(frozen=True, eq=False)
class KeptFlow:
    """The answer of `solve_keeping`: its flow, its pairs (candidate indices) and what keeping cost."""

    solution: FlowSolution
    pairs: IntArray  # candidate index behind each pair arc of the network the flow is on
    best_fit_cost: int  # the best answer's fit, in cost units (≤ 0)
    fit_cost: int  # this answer's fit, in cost units

    @property
    def chosen(self) -> IntArray:
        return self.pairs[self.solution.pair_flow > 0]

    @property
    def gave_up(self) -> bool:
        return self.fit_cost > self.best_fit_cost


# bonus per kept pair → (the flow solved, candidate index behind each pair arc, score cost of each arc)
FlowSolver = Callable[[int], tuple[FlowSolution, IntArray, IntArray]]


def solve_keeping(
    solve_best: FlowSolver, solve_kept: FlowSolver, keep: BoolArray | None, tolerance: float
) -> KeptFlow:
    """The best answer, `solve_best(0)`; then, when `keep` (per candidate: a previous pair) is given, the
    answer of `solve_kept(λ)` that keeps the most previous pairs while its fit stays within `tolerance`
    of the best (see the module docstring). The measured loss is checked for every λ, so the answer is
    within the tolerance whatever the networks."""
    solution, pairs, score_cost = solve_best(0)
    best_fit = _fit_cost(solution, score_cost)
    answer = KeptFlow(solution, pairs, best_fit, best_fit)
    if keep is None or not solution.status.has_solution:
        return answer
    kept = int(keep[answer.chosen].sum())
    allowed = math.floor(tolerance * abs(best_fit))
    missing = int(keep.sum()) - kept  # at most; pairs that are no arc of the network only lower the bonus
    bonus = allowed // missing if missing > 0 else 0
    for _ in range(KEEP_ROUNDS):
        if missing <= 0 or bonus < 1:
            break
        trial, pairs, score_cost = solve_kept(bonus)
        if not trial.status.has_solution:
            break
        fit = _fit_cost(trial, score_cost)
        if fit - best_fit > allowed:
            break
        trial_kept = int(keep[pairs[trial.pair_flow > 0]].sum())
        if trial_kept > kept:
            answer, kept = KeptFlow(trial, pairs, best_fit, fit), trial_kept
            missing = int(keep[pairs].sum()) - kept
        bonus *= KEEP_BONUS_GROWTH
    return answer


def kept_pairs(answer: KeptFlow, fixed: IntArray) -> ChosenPairs:
    """The solver's answer with the fixed pairs; FEASIBLE, and the fit given up, when keeping cost fit."""
    solution = answer.solution
    if not solution.status.has_solution:
        return ChosenPairs(solution.status, solution.message, fixed)
    chosen = np.sort(np.concatenate([fixed, answer.chosen]))
    if not answer.gave_up:
        return ChosenPairs(solution.status, solution.message, chosen)
    given_up = (answer.fit_cost - answer.best_fit_cost) / SCORE_SCALE
    return ChosenPairs(SolveStatus.FEASIBLE, solution.message, chosen, given_up=given_up)


def _fit_cost(solution: FlowSolution, score_cost: IntArray) -> int:
    return int(score_cost[solution.pair_flow > 0].sum()) if solution.status.has_solution else 0


def keep_bonus_costs(score_cost: IntArray, keep: BoolArray | None, bonus: int) -> IntArray:
    """Pair costs with `bonus` taken off every previous pair (`keep`, aligned with the pairs)."""
    if keep is None or bonus == 0:
        return score_cost
    return score_cost - bonus * keep.astype(np.int64)

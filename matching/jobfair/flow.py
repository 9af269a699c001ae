"""Min-cost flow for the welfare and shortlist solvers: networks built and solved with arcs in bulk.

Fit scores become integer costs here and nowhere else (`SCORE_SCALE`, `score_to_cost`): OR-Tools' min-cost
flow works on integers, so two scores closer than 1/SCORE_SCALE count as equal when maximising total fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

import numpy as np
from ortools.graph.python import min_cost_flow

from matching.jobfair.arrays import FloatArray, IntArray
from matching.results import SolveStatus

SCORE_SCALE = 10_000  # one cost unit = 1/10,000 of fit

SOLVER_VERSION = f"ortools {version('ortools')} SimpleMinCostFlow"

SOURCE, SINK, FIRST_FREE_NODE = 0, 1, 2


def score_to_cost(score: FloatArray) -> IntArray:
    """Maximising fit = minimising cost: each unit of flow through a pair costs −round(score × SCORE_SCALE)."""
    return -np.rint(np.asarray(score) * SCORE_SCALE).astype(np.int64)


def cost_to_score(cost: int) -> float:
    return -cost / SCORE_SCALE


def match_priority_cost(max_matches: int) -> int:
    """A cost per unmatched unit larger than any total fit a match could trade away, so the flow matches as
    many as possible first and maximises fit second."""
    return SCORE_SCALE * (max_matches + 1)


@dataclass(frozen=True, eq=False)
class FlowNetwork:
    """source → left (supply each) → right (one arc per pair, capacity 1) → sink; a source → sink bypass."""

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
) -> FlowNetwork:
    """Only left and right nodes that have a pair get a node, so the network is as small as its arcs."""
    left_used, left_index = _used(pair_left, len(left_supply))
    right_used, right_index = _used(pair_right, len(right_capacity))
    left_node = left_index[pair_left] + FIRST_FREE_NODE
    right_node = right_index[pair_right] + FIRST_FREE_NODE + len(left_used)
    supply_per_left = left_supply[left_used]
    total_supply = int(supply_per_left.sum())
    left_nodes = np.arange(len(left_used), dtype=np.int64) + FIRST_FREE_NODE
    right_nodes = np.arange(len(right_used), dtype=np.int64) + FIRST_FREE_NODE + len(left_used)
    pair_count = len(pair_left)
    tails = np.concatenate([np.full(len(left_used), SOURCE), left_node, right_nodes, [SOURCE]])
    heads = np.concatenate([left_nodes, right_node, np.full(len(right_used), SINK), [SINK]])
    capacities = np.concatenate(
        [supply_per_left, np.ones(pair_count, dtype=np.int64), right_capacity[right_used], [total_supply]]
    )
    costs = np.concatenate(
        [
            np.zeros(len(left_used), dtype=np.int64),
            pair_cost,
            np.zeros(len(right_used), dtype=np.int64),
            [bypass_cost],
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

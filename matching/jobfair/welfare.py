"""Welfare: maximise total fit subject to headcounts, as a min-cost flow (OR-Tools, arcs added in bulk).

Fixed graduates and their headcount are set aside first. With `maximise_matches`, leaving a graduate
unmatched costs more than any fit a match could trade away, so the flow matches as many graduates as
possible first and maximises total fit among those matchings.
"""

from __future__ import annotations

import numpy as np

from matching.jobfair.arrays import IntArray
from matching.jobfair.candidates import CandidateSet
from matching.jobfair.flow import (
    FlowNetwork,
    bipartite_network,
    match_priority_cost,
    score_to_cost,
    solve_network,
)
from matching.jobfair.result import ChosenPairs


def welfare_network(candidates: CandidateSet, maximise_matches: bool = False) -> tuple[FlowNetwork, IntArray]:
    """The flow network of a welfare solve and the candidate index behind each of its pair arcs."""
    capacity = candidates.residual_capacity
    free = ~candidates.fixed_graduate[candidates.graduate] & (capacity[candidates.position] > 0)
    pairs = np.flatnonzero(free)
    graduate = candidates.graduate[pairs]
    bypass_cost = 0
    if maximise_matches:
        matchable = int((np.bincount(graduate, minlength=candidates.graduate_count) > 0).sum())
        bypass_cost = match_priority_cost(matchable)
    network = bipartite_network(
        left_supply=np.ones(candidates.graduate_count, dtype=np.int64),
        right_capacity=capacity,
        pair_left=graduate,
        pair_right=candidates.position[pairs],
        pair_cost=score_to_cost(candidates.score[pairs]),
        bypass_cost=bypass_cost,
    )
    return network, pairs


def welfare_pairs(candidates: CandidateSet, maximise_matches: bool = False) -> ChosenPairs:
    network, pairs = welfare_network(candidates, maximise_matches)
    solution = solve_network(network)
    fixed = np.flatnonzero(candidates.fixed)
    if not solution.status.has_solution:
        return ChosenPairs(solution.status, solution.message, fixed)
    chosen = pairs[solution.pair_flow > 0]
    return ChosenPairs(solution.status, solution.message, np.sort(np.concatenate([fixed, chosen])))

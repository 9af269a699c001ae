"""Welfare: maximise total fit subject to headcounts, as a min-cost flow (OR-Tools, arcs added in bulk).

Fixed graduates and their headcount are set aside first. With `maximise_matches`, leaving a graduate
unmatched costs more than any fit a match could trade away, so the flow matches as many graduates as
possible first and maximises total fit among those matchings. With a previous run's pairs (`keep`), the
best answer comes first and then the one keeping the most previous pairs within `keep_tolerance` of its
total fit (`flow.solve_keeping`); the number matched never drops to keep a pair.
"""

from __future__ import annotations

import numpy as np

from matching.jobfair.arrays import BoolArray, IntArray
from matching.jobfair.candidates import CandidateSet
from matching.jobfair.flow import (
    FlowNetwork,
    FlowSolution,
    bipartite_network,
    keep_bonus_costs,
    kept_pairs,
    match_priority_cost,
    score_to_cost,
    solve_keeping,
    solve_network,
)
from matching.jobfair.result import ChosenPairs

DEFAULT_KEEP_TOLERANCE = 0.01  # share of the best total fit a re-run may give up to keep previous pairs


def welfare_network(
    candidates: CandidateSet,
    maximise_matches: bool = False,
    keep: BoolArray | None = None,
    bonus: int = 0,
) -> tuple[FlowNetwork, IntArray]:
    """The flow network of a welfare solve and the candidate index behind each of its pair arcs; `bonus`
    is taken off the cost of every pair in `keep` (per candidate)."""
    capacity = candidates.residual_capacity
    free = ~candidates.fixed_graduate[candidates.graduate] & (capacity[candidates.position] > 0)
    pairs = np.flatnonzero(free)
    graduate = candidates.graduate[pairs]
    bypass_cost = 0
    if maximise_matches:
        matchable = int((np.bincount(graduate, minlength=candidates.graduate_count) > 0).sum())
        bypass_cost = match_priority_cost(matchable, bonus)
    network = bipartite_network(
        left_supply=np.ones(candidates.graduate_count, dtype=np.int64),
        right_capacity=capacity,
        pair_left=graduate,
        pair_right=candidates.position[pairs],
        pair_cost=keep_bonus_costs(
            score_to_cost(candidates.score[pairs]), None if keep is None else keep[pairs], bonus
        ),
        bypass_cost=bypass_cost,
    )
    return network, pairs


def welfare_pairs(
    candidates: CandidateSet,
    maximise_matches: bool = False,
    keep: BoolArray | None = None,
    keep_tolerance: float = DEFAULT_KEEP_TOLERANCE,
) -> ChosenPairs:
    def solve(bonus: int) -> tuple[FlowSolution, IntArray, IntArray]:
        network, pairs = welfare_network(candidates, maximise_matches, keep, bonus)
        return solve_network(network), pairs, score_to_cost(candidates.score[pairs])

    answer = solve_keeping(solve, solve, keep, keep_tolerance)
    return kept_pairs(answer, np.flatnonzero(candidates.fixed))

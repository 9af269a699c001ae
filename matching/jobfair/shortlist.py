"""Shortlists: up to K recommended positions per graduate and up to an interview capacity per enterprise,
maximising total fit (a b-matching solved as a min-cost flow).

A graduate is recommended at most one position per enterprise (one booth visit), the best-fitting one by
the graduate's own order. Fixed pairs are always recommended and use one of the K places and one interview
of the enterprise; positions with no headcount left after fixed pairs are not recommended.

An enterprise's interview capacity is the sum over its positions of `interview_capacity` (positions.csv),
or DEFAULT_INTERVIEWS_PER_HEADCOUNT × capacity for positions that leave it empty.
"""

from __future__ import annotations

import numpy as np

from matching.jobfair.arrays import IntArray, first_of_groups, sort_by_keys
from matching.jobfair.candidates import CandidateSet
from matching.jobfair.flow import FlowNetwork, bipartite_network, score_to_cost, solve_network
from matching.jobfair.problem import NOT_GIVEN, JobFairProblem
from matching.jobfair.result import ChosenPairs

DEFAULT_RECOMMENDATIONS_PER_GRADUATE = 5
DEFAULT_INTERVIEWS_PER_HEADCOUNT = 3


def interview_capacity(problem: JobFairProblem) -> IntArray:
    """Interview slots per enterprise (indexed like `problem.positions.enterprise_ids`)."""
    positions = problem.positions
    per_position = np.where(
        positions.interview_capacity != NOT_GIVEN,
        positions.interview_capacity,
        DEFAULT_INTERVIEWS_PER_HEADCOUNT * positions.capacity,
    )
    return np.bincount(
        positions.enterprise_index, weights=per_position, minlength=len(positions.enterprise_ids)
    ).astype(np.int64)


def shortlist_network(candidates: CandidateSet, per_graduate: int) -> tuple[FlowNetwork, IntArray]:
    """The flow network (graduates → enterprises) and the candidate index behind each pair arc."""
    problem = candidates.problem
    enterprise_count = len(problem.positions.enterprise_ids)
    enterprise = problem.positions.enterprise_index[candidates.position]
    fixed = candidates.fixed
    interviews_left = np.maximum(
        interview_capacity(problem) - np.bincount(enterprise[fixed], minlength=enterprise_count), 0
    )
    places_left = np.full(candidates.graduate_count, per_graduate, dtype=np.int64) - candidates.fixed_graduate
    graduate_enterprise = candidates.graduate * max(enterprise_count, 1) + enterprise
    taken_by_fixed = np.isin(graduate_enterprise, graduate_enterprise[fixed])
    eligible = np.flatnonzero(~taken_by_fixed & (candidates.residual_capacity[candidates.position] > 0))
    # candidates are sorted by (graduate, graduate's order): the first per (graduate, enterprise) is its best
    visits = graduate_enterprise[eligible]
    by_visit = sort_by_keys([(visits, int(visits.max(initial=0))), (eligible, candidates.pair_count)])
    pairs = np.sort(eligible[by_visit][first_of_groups(visits[by_visit])])
    network = bipartite_network(
        left_supply=np.maximum(places_left, 0),
        right_capacity=interviews_left,
        pair_left=candidates.graduate[pairs],
        pair_right=enterprise[pairs],
        pair_cost=score_to_cost(candidates.score[pairs]),
        bypass_cost=0,
    )
    return network, pairs


def shortlist_pairs(
    candidates: CandidateSet, per_graduate: int = DEFAULT_RECOMMENDATIONS_PER_GRADUATE
) -> ChosenPairs:
    if per_graduate < 1:
        raise ValueError(f"per_graduate must be at least 1, got {per_graduate}")
    network, pairs = shortlist_network(candidates, per_graduate)
    solution = solve_network(network)
    fixed = np.flatnonzero(candidates.fixed)
    if not solution.status.has_solution:
        return ChosenPairs(solution.status, solution.message, fixed)
    chosen = pairs[solution.pair_flow > 0]
    return ChosenPairs(solution.status, solution.message, np.sort(np.concatenate([fixed, chosen])))

"""Welfare (max total fit) against scipy's linear_sum_assignment on capacity-expanded instances, and the
shortlist b-matching against scipy's MILP (HiGHS)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp

from matching.jobfair.audit import check_shortlist_validity, check_validity
from matching.jobfair.candidates import CandidateSet, build_candidates
from matching.jobfair.flow import SCORE_SCALE, cost_to_score, match_priority_cost, score_to_cost
from matching.jobfair.problem import build_problem
from matching.jobfair.shortlist import interview_capacity, recommendation_limit, shortlist_pairs
from matching.jobfair.welfare import welfare_pairs
from matching.results import SolveStatus
from tests.jobfair.helpers import (
    Frames,
    assignment,
    candidates_of,
    graduates_frame,
    positions_frame,
    ranked_frame,
    small_fairs,
    south_wales,
)

DIFFERENTIAL = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEVER = 10**12  # cost of a pair that is not a candidate: always worse than staying unmatched


def scaled(candidates: CandidateSet, pairs: np.ndarray) -> int:
    return int(-score_to_cost(candidates.score[pairs]).sum())


def best_by_assignment(candidates: CandidateSet, maximise_matches: bool) -> tuple[int, int]:
    """(total scaled fit, matched) of the best assignment, by linear_sum_assignment on one column per
    headcount seat plus one 'unmatched' column per graduate. Fixed graduates are set aside first."""
    free = np.flatnonzero(~candidates.fixed_graduate)
    seats = np.repeat(np.arange(candidates.position_count), candidates.residual_capacity)
    cost = np.full((len(free), len(seats) + len(free)), NEVER, dtype=np.int64)
    row_of = {g: i for i, g in enumerate(free.tolist())}
    priority = match_priority_cost(len(free)) if maximise_matches else 0
    for index in range(candidates.pair_count):
        g = int(candidates.graduate[index])
        if g in row_of:
            columns = np.flatnonzero(seats == candidates.position[index])
            cost[row_of[g], columns] = score_to_cost(candidates.score[index : index + 1])[0] - priority
    cost[np.arange(len(free)), len(seats) + np.arange(len(free))] = 0
    rows, columns = linear_sum_assignment(cost)
    chosen = columns < len(seats)
    total = int(-cost[rows[chosen], columns[chosen]].sum()) - priority * int(chosen.sum())
    fixed = np.flatnonzero(candidates.fixed)
    return total + scaled(candidates, fixed), int(chosen.sum()) + len(fixed)


@DIFFERENTIAL
@given(frames=small_fairs(with_locks=True))
def test_welfare_equals_linear_sum_assignment_on_capacity_expanded_instances(frames: Frames) -> None:
    candidates = candidates_of(frames)
    for maximise_matches in (False, True):
        result = welfare_pairs(candidates, maximise_matches)
        assert result.status is SolveStatus.OPTIMAL
        graduate, position = candidates.graduate[result.pairs], candidates.position[result.pairs]
        assert check_validity(candidates, graduate, position).is_valid
        expected_total, expected_matched = best_by_assignment(candidates, maximise_matches)
        assert scaled(candidates, result.pairs) == expected_total
        if maximise_matches:
            assert len(result.pairs) == expected_matched


def test_matching_as_many_as_possible_first_trades_fit_for_a_match() -> None:
    # only wishes score: g1 wants p1 first (1.0) and p2 last (0.2); g2 wants p1 last (0.2)
    wishes = {"g1": ["p1", "p3", "p4", "p5", "p2"], "g2": ["p3", "p4", "p5", "p6", "p1"]}
    capacity = {"p1": 1, "p2": 1, "p3": 0, "p4": 0, "p5": 0, "p6": 0}
    problem = build_problem(
        graduates_frame(["g1", "g2"]),
        positions_frame(capacity),
        ranked_frame(wishes, "graduate_id", "position_id"),
    )
    candidates = build_candidates(problem, seed=0)
    most_fit = welfare_pairs(candidates)
    most_matches = welfare_pairs(candidates, maximise_matches=True)
    assert assignment(candidates, most_fit.pairs) == {"g1": "p1"}
    assert assignment(candidates, most_matches.pairs) == {"g1": "p2", "g2": "p1"}
    assert scaled(candidates, most_fit.pairs) == SCORE_SCALE
    assert scaled(candidates, most_matches.pairs) == round(0.4 * SCORE_SCALE)


def test_scores_become_integer_costs_in_one_place() -> None:
    assert score_to_cost(np.array([0.0, 0.12345, 1.0])).tolist() == [0, -1234, -SCORE_SCALE]
    assert cost_to_score(-SCORE_SCALE) == 1.0
    assert match_priority_cost(10) == SCORE_SCALE * 11


# ---------------------------------------------------------------- shortlist
def best_shortlist(candidates: CandidateSet, per_graduate: int) -> tuple[int, int]:
    """(graduates with a recommendation, total scaled fit) of the lexicographically best shortlist, by two
    0/1 MILPs: most graduates covered, then the best fit among those shortlists; at most `per_graduate`
    (and `max_interviews`) per graduate, one per (graduate, enterprise) and interview capacity per
    enterprise. A booth visit is for the position the graduate prefers most among the enterprise's
    positions with any headcount (a wish list's order can differ from fit), so those pairs and the fixed
    ones are the MILP's variables, with one more variable per graduate: covered or not."""
    problem = candidates.problem
    enterprise = problem.positions.enterprise_index[candidates.position]
    fixed_visits = candidates.graduate[candidates.fixed] * 1000 + enterprise[candidates.fixed]
    open_pair = np.flatnonzero(
        ~candidates.fixed
        & (candidates.capacity[candidates.position] > 0)
        & ~np.isin(candidates.graduate * 1000 + enterprise, fixed_visits)
    )
    visits = pd.DataFrame(
        {"pair": open_pair, "key": candidates.graduate[open_pair] * 1000 + enterprise[open_pair]}
    ).assign(order=candidates.graduate_order[open_pair])
    preferred = visits.loc[visits.groupby("key")["order"].idxmin(), "pair"].to_numpy(dtype=np.int64)
    usable = np.sort(np.concatenate([np.flatnonzero(candidates.fixed), preferred]))
    if len(usable) == 0:
        return 0, 0
    graduates = candidates.graduate_count
    columns = len(usable) + graduates  # x per usable pair, then y per graduate
    weight = -score_to_cost(candidates.score[usable]).astype(float)
    limit = np.maximum(
        recommendation_limit(problem, per_graduate),
        np.bincount(candidates.graduate[candidates.fixed], minlength=graduates),
    )
    rows: list[np.ndarray] = []
    upper: list[float] = []

    def row(pairs: np.ndarray, covered: int | None = None) -> np.ndarray:
        values = np.zeros(columns)
        values[: len(usable)] = pairs.astype(float)
        if covered is not None:
            values[len(usable) + covered] = 1.0
        return values

    for g in range(graduates):
        mine = candidates.graduate[usable] == g
        rows.append(row(mine))
        upper.append(float(limit[g]))
        rows.append(-row(mine) + row(np.zeros(len(usable), dtype=bool), g))  # covered ≤ its pairs
        upper.append(0.0)
        for e in np.unique(enterprise[usable]):
            rows.append(row(mine & (enterprise[usable] == e)))
            upper.append(1)
    capacity = interview_capacity(problem)
    for e in np.unique(enterprise[usable]):
        rows.append(row(enterprise[usable] == e))
        upper.append(float(capacity[e]))
    lower = np.concatenate([np.where(candidates.fixed[usable], 1.0, 0.0), np.zeros(graduates)])
    bounds = Bounds(lower, np.ones(columns))
    constraints = [LinearConstraint(np.array(rows), -np.inf, np.array(upper))]
    coverage = np.concatenate([np.zeros(len(usable)), np.ones(graduates)])
    first = milp(-coverage, constraints=constraints, integrality=np.ones(columns), bounds=bounds)
    assert first.success
    covered = round(-first.fun)
    constraints.append(LinearConstraint(coverage[None, :], covered, np.inf))
    fit = np.concatenate([weight, np.zeros(graduates)])
    second = milp(-fit, constraints=constraints, integrality=np.ones(columns), bounds=bounds)
    assert second.success
    return covered, round(-second.fun)


@DIFFERENTIAL
@given(frames=small_fairs(with_locks=True))
def test_shortlist_covers_the_most_graduates_then_fits_best_as_an_exact_milp(frames: Frames) -> None:
    candidates = candidates_of(frames, per_graduate=4)
    for per_graduate in (1, 2):
        result = shortlist_pairs(candidates, per_graduate)
        assert result.status is SolveStatus.OPTIMAL
        graduate, position = candidates.graduate[result.pairs], candidates.position[result.pairs]
        assert check_shortlist_validity(candidates, graduate, position, per_graduate).is_valid
        covered = len(np.unique(graduate))
        assert (covered, scaled(candidates, result.pairs)) == best_shortlist(candidates, per_graduate)


def test_shortlist_rejects_a_non_positive_length() -> None:
    from matching.jobfair.candidates import build_candidates

    candidates = build_candidates(south_wales().problem(), seed=0)
    with pytest.raises(ValueError, match="per_graduate must be at least 1"):
        shortlist_pairs(candidates, 0)

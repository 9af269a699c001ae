"""Which pairs are candidates, and each side's order of them (own list, else score; lottery for ties)."""

from __future__ import annotations

import numpy as np

from matching.jobfair.candidates import NOT_RANKED, CandidateSet, build_candidates
from matching.jobfair.problem import build_problem
from tests.jobfair.helpers import graduates_frame, locks_frame, positions_frame, ranked_frame


def pairs(candidates: CandidateSet) -> set[tuple[str, str]]:
    graduates, positions = candidates.problem.graduates.ids, candidates.problem.positions.ids
    return {
        (graduates[g], positions[p])
        for g, p in zip(candidates.graduate.tolist(), candidates.position.tolist(), strict=True)
    }


def test_with_both_files_a_pair_must_be_in_both() -> None:
    problem = build_problem(
        graduates_frame(["a", "b"]),
        positions_frame({"p": 1, "q": 1}),
        ranked_frame({"a": ["p", "q"], "b": ["q"]}, "graduate_id", "position_id"),
        ranked_frame({"p": ["a", "b"], "q": ["a"]}, "position_id", "graduate_id"),
    )
    assert pairs(build_candidates(problem, seed=0)) == {("a", "p"), ("a", "q")}


def test_without_a_list_a_side_accepts_by_score_and_filters() -> None:
    problem = build_problem(
        graduates_frame(["a", "b", "c"], degree=["本科", "专科", "本科"]),
        positions_frame({"p": 1, "q": 1}, min_degree=["本科", ""]),
        ranked_frame({"a": ["p"]}, "graduate_id", "position_id"),  # b and c gave no wish list
        ranked_frame({"q": ["c"]}, "position_id", "graduate_id"),  # q lists only c; p has no list
    )
    # a: its wish p (passes the filter); b: p filters 专科 out, q does not list b; c: p by filter, q by list
    assert pairs(build_candidates(problem, seed=0)) == {("a", "p"), ("c", "p"), ("c", "q")}


def test_a_position_list_replaces_the_hard_filters() -> None:
    problem = build_problem(
        graduates_frame(["a"], degree=["专科"], major_code=["050201"]),
        positions_frame({"p": 1}, min_degree=["博士"], accepted_majors=["0809"]),
        None,
        ranked_frame({"p": ["a"]}, "position_id", "graduate_id"),
    )
    assert pairs(build_candidates(problem, seed=0)) == {("a", "p")}


def test_forbidden_pairs_leave_and_fixed_pairs_stay_whatever_the_filters() -> None:
    problem = build_problem(
        graduates_frame(["a", "b"], degree=["专科", "本科"]),
        positions_frame({"p": 1, "q": 1}, min_degree=["博士", ""]),
        ranked_frame({"b": ["q"]}, "graduate_id", "position_id"),
        None,
        locks_frame([("a", "p", "fix"), ("a", "q", "forbid"), ("b", "q", "forbid")]),
    )
    candidates = build_candidates(problem, seed=0)
    assert pairs(candidates) == {("a", "p")}
    assert candidates.fixed.tolist() == [True]
    assert candidates.forbidden_acceptable.tolist() == [1, 1]  # a–q and b–q would have been acceptable
    assert candidates.graduate_rank.tolist() == [1]  # a has no list: 1st by score among its candidates
    assert candidates.residual_capacity.tolist() == [0, 1]


def test_a_fixed_pair_outside_the_lists_is_ranked_last_and_shown_unranked() -> None:
    problem = build_problem(
        graduates_frame(["a", "b"]),
        positions_frame({"p": 2, "q": 1}),
        ranked_frame({"a": ["q"], "b": ["p"]}, "graduate_id", "position_id"),
        ranked_frame({"p": ["b"], "q": ["a"]}, "position_id", "graduate_id"),
        locks_frame([("a", "p", "fix")]),
    )
    candidates = build_candidates(problem, seed=0)
    fixed = int(np.flatnonzero(candidates.fixed)[0])
    assert candidates.graduate_rank[fixed] == NOT_RANKED and candidates.position_rank[fixed] == NOT_RANKED
    assert candidates.graduate_order[fixed] == 1  # after a's own wish q
    assert candidates.position_order[fixed] == 1  # after p's own pick b


def test_orders_follow_the_lists_then_the_scores() -> None:
    problem = build_problem(
        graduates_frame(["a", "b"], major_code=["080901", "050201"]),
        positions_frame({"p": 1, "q": 1, "r": 1}, accepted_majors=["0809", "080901", "05"]),
        ranked_frame({"a": ["q", "p"]}, "graduate_id", "position_id"),
    )
    candidates = build_candidates(problem, seed=0)
    ids = candidates.problem.positions.ids
    a_list = candidates.position[candidates.graduate == 0]
    assert [ids[p] for p in a_list] == ["q", "p"]  # a's own order, not the score (p 0.8 < q 1.0 anyway)
    b_list = candidates.position[candidates.graduate == 1]
    assert [ids[p] for p in b_list] == ["r"]  # b's major is covered only by r
    assert candidates.graduate_rank.tolist() == [1, 2, 1]


def test_ties_are_broken_by_the_seeded_lottery() -> None:
    problem = build_problem(graduates_frame([f"g{i}" for i in range(6)]), positions_frame({"p": 6}))
    orders: dict[int, list[list[int]]] = {}
    for seed in (1, 2, 1):
        candidates = build_candidates(problem, seed=seed)
        assert candidates.seed == seed
        ranked = np.argsort(candidates.position_order)
        orders.setdefault(seed, []).append(candidates.graduate[ranked].tolist())
        # the position's order is the graduates' lottery order: all scores are equal
        assert candidates.graduate[ranked].tolist() == np.argsort(candidates.graduate_lottery).tolist()
    assert orders[1][0] == orders[1][1]
    assert orders[1][0] != orders[2][0]


def test_pair_index_finds_candidates() -> None:
    problem = build_problem(graduates_frame(["a", "b"]), positions_frame({"p": 1, "q": 1}))
    candidates = build_candidates(problem, seed=0)
    found = candidates.pair_index(np.array([0, 1, 1]), np.array([1, 0, 1]))
    assert (candidates.graduate[found] == [0, 1, 1]).all() and (candidates.position[found] == [1, 0, 1]).all()
    lonely = build_candidates(build_problem(graduates_frame(["a"]), positions_frame({"p": 0})), seed=0)
    assert lonely.pair_index(np.array([0]), np.array([0])).tolist() == [0]
    banned = build_problem(
        graduates_frame(["a"]), positions_frame({"p": 1}), locks=locks_frame([("a", "p", "forbid")])
    )
    assert build_candidates(banned, seed=0).pair_index(np.array([0]), np.array([0])).tolist() == [-1]

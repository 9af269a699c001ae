"""Checks on any assignment (validity, blocking pairs, fairness), unmatched reasons, feasibility notes."""

from __future__ import annotations

import numpy as np
import pytest

from matching.jobfair.audit import (
    InvalidAssignmentError,
    check_shortlist_validity,
    check_validity,
    explain_unmatched,
    fairness_report,
    find_blocking_pairs,
)
from matching.jobfair.candidates import CandidateSet, build_candidates
from matching.jobfair.pipeline import SolveOptions, solve
from matching.jobfair.problem import build_problem
from matching.jobfair.result import Method, UnmatchedReason
from tests.jobfair.helpers import Market, graduates_frame, locks_frame, positions_frame, ranked_frame


def market_candidates() -> CandidateSet:
    market = Market(
        {"a": ["p", "q"], "b": ["p"], "c": ["q", "p"]},
        {"p": ["a", "b", "c"], "q": ["c", "a"]},
        {"p": 1, "q": 1},
    )
    return build_candidates(market.problem(locks=[("c", "q", "fix"), ("b", "q", "forbid")]), seed=0)


def test_validity_names_every_fault() -> None:
    candidates = market_candidates()
    a, b, c = 0, 1, 2
    p, q = 0, 1
    report = check_validity(candidates, np.array([a, a, b, b]), np.array([p, q, p, q]))
    assert report.over_capacity == [("p", 2, 1), ("q", 2, 1)]
    assert report.over_assigned == [("a", 2, 1), ("b", 2, 1)]
    assert report.forbidden == [("b", "q")]
    assert report.missing_fixed == [("c", "q")]
    assert report.unacceptable == []
    assert not report.is_valid
    with pytest.raises(InvalidAssignmentError, match=r"over_capacity=\[\('p', 2, 1\), \('q', 2, 1\)\]"):
        report.raise_if_invalid()
    assert check_validity(candidates, np.array([c, a]), np.array([q, p])).is_valid
    unlisted = check_validity(candidates, np.array([c, b]), np.array([q, q]))
    assert unlisted.forbidden == [("b", "q")] and unlisted.over_capacity == [("q", 2, 1)]


def test_unacceptable_pairs_are_named() -> None:
    market = Market({"a": ["p"]}, {"p": ["a"], "q": []}, {"p": 1, "q": 1})
    candidates = build_candidates(market.problem(), seed=0)
    assert check_validity(candidates, np.array([0]), np.array([1])).unacceptable == [("a", "q")]


def test_shortlist_validity() -> None:
    problem = build_problem(
        graduates_frame(["a", "b"]),
        positions_frame(
            {"p": 1, "q": 1, "r": 1}, {"p": "e", "q": "e", "r": "f"}, interview_capacity=["1", "0", ""]
        ),
    )
    candidates = build_candidates(problem, seed=0)
    report = check_shortlist_validity(
        candidates, np.array([0, 0, 0, 1]), np.array([0, 1, 2, 0]), per_graduate=2
    )
    assert report.over_assigned == [("a", 3, 2)]
    assert report.repeated_enterprise == [("a", "e")]
    assert report.over_capacity == [("e", 3, 1)]  # p's 1 + q's 0 interviews
    assert check_shortlist_validity(candidates, np.array([0, 1]), np.array([0, 2]), per_graduate=1).is_valid


def test_blocking_pairs_of_an_empty_and_of_a_stable_assignment() -> None:
    candidates = market_candidates()
    empty = find_blocking_pairs(candidates, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    assert empty.count == candidates.pair_count  # everyone would rather take any acceptable pair
    # a–p, c–q: b wants p, but p prefers a; nobody blocks
    assert find_blocking_pairs(candidates, np.array([0, 2]), np.array([0, 1])).count == 0
    # b–p, c–q: a and p prefer each other
    blocking = find_blocking_pairs(candidates, np.array([1, 2]), np.array([0, 1]))
    assert list(zip(blocking.graduate.tolist(), blocking.position.tolist(), strict=True)) == [(0, 0)]


def test_each_unmatched_graduate_gets_its_reason() -> None:
    problem = build_problem(
        graduates_frame(["top", "second", "picky", "banned", "late"], degree=["本科"] * 4 + ["专科"]),
        positions_frame({"p": 1, "full": 1}, min_degree=["本科", "本科"]),
        ranked_frame({"top": ["p"], "second": ["p"]}, "graduate_id", "position_id"),
        ranked_frame({"p": ["top", "second", "banned"]}, "position_id", "graduate_id"),
        locks_frame([("banned", "p", "forbid"), ("picky", "full", "fix")]),
    )
    result = solve(problem, SolveOptions(seed=0))
    frame = result.unmatched_frame()
    assert dict(zip(frame["graduate_id"], frame["reason"], strict=True)) == {
        "second": "outranked",  # p took top, whom it ranks higher
        "banned": "forbidden_or_capacity",  # its one acceptable pair is forbidden; "full" is fixed to picky
        "late": "no_acceptable_position",  # 专科 below every minimum, and on no list
    }
    assert frame["reason_text"].iloc[0] == "every acceptable position is filled by graduates it ranks higher"
    welfare = solve(problem, SolveOptions(method=Method.WELFARE, seed=0))
    frame = welfare.unmatched_frame()
    lost = frame[frame["graduate_id"].isin(["top", "second"])]  # equal fit: welfare may seat either
    assert lost["reason"].tolist() == ["forbidden_or_capacity"]  # p's headcount went to the other one
    candidates = result.candidates
    assert candidates is not None
    assert explain_unmatched(candidates, np.array([4]), stable=True).tolist() == [
        UnmatchedReason.NO_ACCEPTABLE_POSITION
    ]


def test_fairness_report_by_university_degree_and_home_county() -> None:
    problem = build_problem(
        graduates_frame(
            ["a", "b", "c", "d"],
            university=["辽东学院", "辽东学院", "大连理工大学", ""],
            degree=["本科", "硕士", "本科", "本科"],
            home_county=["210602", "210602", "210603", ""],
        ),
        positions_frame({"p": 1, "q": 1}),
        ranked_frame({"a": ["q", "p"], "b": ["p"], "c": ["p"], "d": ["q"]}, "graduate_id", "position_id"),
    )
    candidates = build_candidates(problem, seed=0)
    report = fairness_report(candidates, np.array([0, 2]), np.array([1, 0]))  # a gets its 1st wish, c its 1st
    university = report.by["university"].set_index("university")
    assert university.loc["辽东学院"].tolist() == [2, 1, 0.5, 1.0]
    assert university.loc["大连理工大学", "match_rate"] == 1.0
    assert university.loc["(unknown)", "matched"] == 0 and np.isnan(
        university.loc["(unknown)", "mean_wish_rank"]
    )
    degree = report.by["degree"].set_index("degree")
    assert degree.loc["本科", "graduates"] == 3 and degree.loc["硕士", "matched"] == 0
    report = fairness_report(candidates, np.array([0]), np.array([0]))  # a gets its 2nd wish
    assert report.by["home_county"].set_index("home_county").loc["210602", "mean_wish_rank"] == 2.0


def test_feasibility_notes_travel_with_the_result() -> None:
    problem = build_problem(
        graduates_frame(["a", "b", "c"], degree=["本科", "本科", "专科"]),
        positions_frame({"p": 1, "q": 1}, min_degree=["本科", "博士"]),
    )
    result = solve(problem, SolveOptions(seed=0))
    notes = [finding.text() for finding in result.feasibility.notes]
    assert notes[0].startswith("3 graduates but only 2 headcount in positions.csv: at most 2 can be placed")
    assert notes[1].startswith("1 graduates have no acceptable position (e.g. c)")
    assert notes[2].startswith("1 positions with headcount have no acceptable graduate (e.g. q)")
    assert result.summary().endswith("s") and ", 3 notes;" in result.summary()

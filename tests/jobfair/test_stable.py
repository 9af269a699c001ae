"""Stable matching: known answers from published instances, and properties on random fairs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from matching.jobfair.audit import check_validity, find_blocking_pairs
from matching.jobfair.candidates import CandidateSet, build_candidates
from matching.jobfair.pipeline import SolveOptions, solve
from matching.jobfair.result import Method
from matching.jobfair.stable import Proposing, graduates_propose, positions_propose, stable_pairs
from tests.jobfair.helpers import (
    DATA,
    Frames,
    Market,
    assignment,
    by_position,
    candidates_of,
    reference_stable,
    small_fairs,
    south_wales,
)

PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def solve_market(market: Market, proposing: Proposing, seed: int = 0) -> dict[str, str]:
    candidates = build_candidates(market.problem(), seed=seed)
    return assignment(candidates, stable_pairs(candidates, proposing))


# ---------------------------------------------------------------- known answers
@pytest.mark.parametrize(
    ("proposing", "solution"),
    [(Proposing.GRADUATES, "resident_solution.json"), (Proposing.POSITIONS, "hospital_solution.json")],
)
def test_psaris_hr_south_wales_resident_and_hospital_optimal(proposing: Proposing, solution: str) -> None:
    expected = json.loads((DATA / "hr_south_wales" / solution).read_text(encoding="utf-8"))
    matching = solve_market(south_wales(), proposing)
    assert by_position(matching) == {hospital: sorted(residents) for hospital, residents in expected.items()}


def test_psaris_hr_south_wales_the_two_optima_differ_for_two_residents() -> None:
    graduate_optimal = solve_market(south_wales(), Proposing.GRADUATES)
    position_optimal = solve_market(south_wales(), Proposing.POSITIONS)
    assert len(graduate_optimal) == len(position_optimal) == 200
    assert sum(graduate_optimal[r] != position_optimal[r] for r in graduate_optimal) == 2


def _numbered_lists(file: str, prefix: str, other: str) -> dict[str, list[str]]:
    lines = (DATA / "sm_sr_small" / file).read_text(encoding="utf-8").split("\n")
    return {
        f"{prefix}{i}": [f"{other}{choice}" for choice in line.split()]
        for i, line in enumerate(filter(None, lines), start=1)
    }


def test_hidakatsu_2016_stable_marriage_8x8_suitor_optimal() -> None:
    expected = json.loads((DATA / "sm_sr_small" / "expected.json").read_text(encoding="utf-8"))[
        "sm_hidakatsu_8x8"
    ]
    market = Market(
        _numbered_lists("male.txt", "m", "f"),
        _numbered_lists("female.txt", "f", "m"),
        {f"f{i}": 1 for i in range(1, 9)},
    )
    matching = solve_market(market, Proposing.GRADUATES)
    assert matching == {f"m{m}": f"f{f}" for m, f in expected["suitor_optimal"].items()}


def _rosetta(file: str) -> dict[str, list[str]]:
    lines = (DATA / "sm_sr_small" / file).read_text(encoding="utf-8").splitlines()
    return {
        name.strip(): [c.strip() for c in choices.split(",")]
        for name, choices in (ln.split(":") for ln in lines if ln)
    }


@pytest.mark.parametrize("proposing", list(Proposing))
def test_rosetta_code_stable_marriage_10x10_has_one_stable_matching(proposing: Proposing) -> None:
    expected = json.loads((DATA / "sm_sr_small" / "expected.json").read_text(encoding="utf-8"))[
        "sm_rosetta_10x10"
    ]
    women = _rosetta("rfemale.txt")
    market = Market(_rosetta("rmale.txt"), women, dict.fromkeys(women, 1))
    assert solve_market(market, proposing) == expected["male_optimal"]


def test_matching_docs_hospital_resident_5x3() -> None:
    case = json.loads((DATA / "sm_sr_small" / "expected.json").read_text(encoding="utf-8"))[
        "hr_matching_docs_5x3"
    ]
    market = Market(case["residents"], case["hospitals"], case["capacities"])
    for proposing in Proposing:
        assert by_position(solve_market(market, proposing)) == {
            h: sorted(r) for h, r in case["resident_optimal"].items()
        }


def test_matching_docs_stable_marriage_3x3() -> None:
    case = json.loads((DATA / "sm_sr_small" / "expected.json").read_text(encoding="utf-8"))[
        "sm_matching_docs_3x3"
    ]
    market = Market(case["suitors"], case["reviewers"], dict.fromkeys(case["reviewers"], 1))
    assert solve_market(market, Proposing.GRADUATES) == case["suitor_optimal"]


# ---------------------------------------------------------------- the array algorithms on their own
def test_graduates_propose_on_plain_arrays() -> None:
    # graduates 0, 1 both want position 0 (capacity 1) first; position 0 prefers graduate 1
    start = np.array([0, 2, 4])
    position = np.array([0, 1, 0, 1])
    position_order = np.array([1, 0, 0, 1])
    held = graduates_propose(start, position, position_order, np.array([1, 1]))
    assert held.tolist() == [1, 2]  # graduate 0 holds pair 1 (position 1), graduate 1 pair 2 (position 0)


def test_positions_propose_on_plain_arrays() -> None:
    # position 0 (capacity 2) lists graduates 0, 1, 2; graduate 1 prefers position 1, which lists it
    start = np.array([0, 3, 4])
    graduate = np.array([0, 1, 2, 1])
    graduate_order = np.array([0, 1, 0, 0])
    held = positions_propose(start, graduate, graduate_order, np.array([2, 1]), graduate_count=3)
    assert held.tolist() == [0, 3, 2]


def test_capacity_zero_and_no_candidates_leave_everyone_unmatched() -> None:
    held = graduates_propose(np.array([0, 1, 1]), np.array([0]), np.array([0]), np.array([0]))
    assert held.tolist() == [-1, -1]
    held = positions_propose(
        np.array([0, 0]), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.array([3]), 2
    )
    assert held.tolist() == [-1, -1]


# ---------------------------------------------------------------- properties on random fairs
def _orders(candidates: CandidateSet, pairs: np.ndarray) -> np.ndarray:
    """Each graduate's order of what it holds (the number of its candidates when unmatched)."""
    result = np.diff(candidates.graduate_start).astype(np.int64)
    result[candidates.graduate[pairs]] = candidates.graduate_order[pairs]
    return result


@PROPERTY_SETTINGS
@given(frames=small_fairs())
def test_stable_matchings_are_valid_stable_and_equal_the_reference(frames: Frames) -> None:
    candidates = candidates_of(frames)
    for proposing in Proposing:
        pairs = stable_pairs(candidates, proposing)
        graduate, position = candidates.graduate[pairs], candidates.position[pairs]
        assert check_validity(candidates, graduate, position).is_valid
        assert find_blocking_pairs(candidates, graduate, position).count == 0
        expected = reference_stable(candidates, graduates_propose=proposing is Proposing.GRADUATES)
        assert set(zip(graduate.tolist(), position.tolist(), strict=True)) == expected


@PROPERTY_SETTINGS
@given(frames=small_fairs())
def test_every_graduate_weakly_prefers_the_graduate_proposing_result(frames: Frames) -> None:
    candidates = candidates_of(frames)
    graduate_optimal = _orders(candidates, stable_pairs(candidates, Proposing.GRADUATES))
    position_optimal = _orders(candidates, stable_pairs(candidates, Proposing.POSITIONS))
    assert (graduate_optimal <= position_optimal).all()


@PROPERTY_SETTINGS
@given(frames=small_fairs(with_locks=True))
def test_locks_are_honoured_and_blocking_pairs_come_only_from_fixing(frames: Frames) -> None:
    candidates = candidates_of(frames)
    locks = candidates.problem.locks
    for proposing in Proposing:
        result = solve(
            candidates.problem, SolveOptions.for_method(Method.STABLE, proposing=proposing, seed=0)
        )
        assert result.candidates is not None
        chosen = result.candidates
        held = set(
            zip(chosen.graduate[result.pairs].tolist(), chosen.position[result.pairs].tolist(), strict=True)
        )
        fixed = set(
            zip(locks.graduate[locks.fixed].tolist(), locks.position[locks.fixed].tolist(), strict=True)
        )
        forbidden = set(
            zip(locks.graduate[~locks.fixed].tolist(), locks.position[~locks.fixed].tolist(), strict=True)
        )
        assert fixed <= held
        assert not forbidden & held
        graduate, position = chosen.graduate[result.pairs], chosen.position[result.pairs]
        assert check_validity(chosen, graduate, position).is_valid
        assert result.blocking_pairs is not None
        if not fixed:
            assert result.blocking_pairs.count == 0
        else:  # every blocking pair involves a fixed graduate or a position holding fixed graduates
            fixed_graduates = {g for g, _ in fixed}
            fixed_positions = {p for _, p in fixed}
            for g, p in zip(
                result.blocking_pairs.graduate.tolist(), result.blocking_pairs.position.tolist(), strict=True
            ):
                assert g in fixed_graduates or p in fixed_positions


def test_fixing_a_pair_reports_the_blocking_pair_it_causes() -> None:
    # g1 and p1 rank each other first, but the organiser fixed g1 to p2
    market = Market(
        {"g1": ["p1", "p2"], "g2": ["p1"]}, {"p1": ["g1", "g2"], "p2": ["g1"]}, {"p1": 1, "p2": 1}
    )
    result = solve(market.problem(locks=[("g1", "p2", "fix")]), SolveOptions(seed=0))
    assert result.candidates is not None
    assert assignment(result.candidates, result.pairs) == {"g1": "p2", "g2": "p1"}
    assert result.blocking_pairs is not None and result.blocking_pairs.count == 1
    ids = result.candidates.problem
    assert ids.graduates.ids[result.blocking_pairs.graduate[0]] == "g1"
    assert ids.positions.ids[result.blocking_pairs.position[0]] == "p1"

"""Fit scores: each component's rule, a score worked by hand, and the dense path against the pair path."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from matching.jobfair.candidates import DENSE_BLOCK_ELEMENTS, build_candidates, top_k_per_row
from matching.jobfair.problem import build_problem
from matching.jobfair.scoring import (
    SCORE_DECIMALS,
    Component,
    FitScorer,
    FitWeights,
    degree_tables,
    salary_fit,
    wish_fit,
)
from tests.jobfair.helpers import (
    ACCEPTED,
    COUNTIES,
    DEGREES,
    ENTERPRISE_INDUSTRIES,
    INDUSTRIES,
    MAJORS,
    PLACES,
    Frames,
    graduates_frame,
    positions_frame,
    small_fairs,
)

NAN = float("nan")


def one_pair(graduate: dict[str, str], position: dict[str, str]) -> dict[Component, float]:
    problem = build_problem(
        graduates_frame(["g"], **{k: [v] for k, v in graduate.items()}),
        positions_frame({"p": 1}, None, **{k: [v] for k, v in position.items()}),
    )
    components = FitScorer(problem, FitWeights()).components(np.array([0]), np.array([0]), np.array([0]))
    return {name: float(values[0]) for name, values in components.items()}


def test_a_score_worked_by_hand() -> None:
    graduate = {
        "major_code": "080901",
        "degree": "本科",
        "home_county": "210602",
        "preferred_places": "2106",
        "preferred_industries": "C",
        "expected_salary": "6000",
    }
    position = {
        "accepted_majors": "0809",
        "min_degree": "bachelor",
        "salary_min": "5000",
        "salary_max": "8000",
        "work_county": "210603",
        "industry_code": "3911",
    }
    components = one_pair(graduate, position)
    assert components[Component.MAJOR] == pytest.approx(0.8)  # a listed class
    assert components[Component.DEGREE] == 1.0  # exactly the minimum
    assert components[Component.PLACE] == pytest.approx(0.8)  # a preferred city beats the home city (0.4)
    assert components[Component.INDUSTRY] == 1.0  # 3911 is in section C
    assert components[Component.SALARY] == pytest.approx(1 - 0.5 * 1000 / 3000)
    assert np.isnan(components[Component.WISH])  # no wish list: the component does not apply
    problem = build_problem(
        graduates_frame(["g"], **{k: [v] for k, v in graduate.items()}),
        positions_frame({"p": 1}, None, **{k: [v] for k, v in position.items()}),
    )
    candidates = build_candidates(problem, seed=0)
    weighted = 0.35 * 0.8 + 0.10 * 1 + 0.20 * 0.8 + 0.10 * 1 + 0.15 * (1 - 1 / 6)
    assert candidates.score.tolist() == [round(weighted / (0.35 + 0.10 + 0.20 + 0.10 + 0.15), SCORE_DECIMALS)]


@pytest.mark.parametrize(
    ("major", "accepted", "fit"),
    [
        ("080901", "080901", 1.0),
        ("080910T", "080910", 1.0),  # the T suffix marks a special major, it is not part of its identity
        ("080902", "0809", 0.8),
        ("080902", "08", 0.6),
        ("080902", "080901;08", 0.6),
        ("080902", "0810;080902", 1.0),
        ("050201", "0809", 0.0),  # not covered: filtered
    ],
)
def test_major_fit(major: str, accepted: str, fit: float) -> None:
    assert one_pair({"major_code": major}, {"accepted_majors": accepted})[Component.MAJOR] == pytest.approx(
        fit
    )


def test_an_empty_accepted_list_or_unknown_major_does_not_apply() -> None:
    assert np.isnan(one_pair({"major_code": "080901"}, {"accepted_majors": ""})[Component.MAJOR])
    assert np.isnan(one_pair({"major_code": ""}, {"accepted_majors": "0809"})[Component.MAJOR])


@pytest.mark.parametrize(
    ("places", "home", "work", "fit"),
    [
        ("210602", "", "210602", 1.0),
        ("2106", "", "210603", 0.8),
        ("21", "", "210102", 0.6),
        ("", "210603", "210603", 0.7),
        ("", "210602", "210603", 0.4),
        ("11", "210602", "210603", 0.4),
        ("11", "", "210603", 0.0),
        ("21", "210603", "210603", 0.7),  # the home county beats a preferred province
    ],
)
def test_place_fit(places: str, home: str, work: str, fit: float) -> None:
    components = one_pair({"preferred_places": places, "home_county": home}, {"work_county": work})
    assert components[Component.PLACE] == pytest.approx(fit)


@pytest.mark.parametrize(
    ("preferred", "enterprise", "fit"),
    [("C", "3911", 1.0), ("39", "3911", 1.0), ("391", "3921", 0.4), ("39", "4710", 0.0), ("6511", "65", 0.4)],
)
def test_industry_fit(preferred: str, enterprise: str, fit: float) -> None:
    components = one_pair({"preferred_industries": preferred}, {"industry_code": enterprise})
    assert components[Component.INDUSTRY] == pytest.approx(fit)


def test_salary_fit() -> None:
    expected = np.array([3000, 5000, 6500, 8000, 12000, 16000, NAN, 6000, 6000])
    low = np.array([5000, 5000, 5000, 5000, 5000, 5000, 5000, NAN, NAN])
    high = np.array([8000, 8000, 8000, 8000, 8000, 8000, 8000, 7000, NAN])
    fit = salary_fit(expected, low, high)
    assert fit[:6].tolist() == pytest.approx([1.0, 1.0, 0.75, 0.5, 0.5 * (1 - 2 * 4000 / 12000), 0.0])
    assert np.isnan(fit[6]) and fit[7] == 1.0 and np.isnan(fit[8])


def test_wish_and_degree_rules() -> None:
    assert wish_fit(np.array([1, 4, 0, 0]), np.array([4, 4, 4, 0]))[:3].tolist() == [1.0, 0.25, 0.0]
    assert np.isnan(wish_fit(np.array([0]), np.array([0]))[0])
    value, ok = degree_tables()
    bachelor, master, doctor = 2, 3, 4  # level + 1
    assert value[bachelor, bachelor] == 1.0 and value[master, bachelor] == 0.75 and value[doctor, 1] == 0.25
    assert not ok[bachelor, master] and ok[master, bachelor]
    assert np.isnan(value[0, master]) and ok[0, master]  # an unknown degree is not filtered


def test_weights_change_the_score() -> None:
    frames = (
        graduates_frame(["g"], major_code=["080901"], expected_salary=["9000"]),
        positions_frame({"p": 1}, accepted_majors=["080901"], salary_min=["5000"], salary_max=["6000"]),
    )
    majors_only = build_candidates(build_problem(*frames), FitWeights(1, 0, 0, 0, 0, 0), seed=0)
    salary_only = build_candidates(build_problem(*frames), FitWeights(0, 0, 0, 0, 1, 0), seed=0)
    assert majors_only.score.tolist() == [1.0]
    assert salary_only.score.tolist() == [round(0.5 * (1 - 2 * 3000 / 9000), SCORE_DECIMALS)]


# ---------------------------------------------------------------- choosing the top K
def test_top_k_breaks_ties_by_lottery_and_skips_unacceptable_pairs() -> None:
    block = np.array([[0.5, 0.5, 0.9, 0.5, -1e9], [-1e9, 0.2, -1e9, -1e9, -1e9]], dtype=np.float32)
    lottery = np.array([3, 1, 4, 0, 2])
    rows, columns = top_k_per_row(block.copy(), 3, lottery)
    chosen = {(int(r), int(c)) for r, c in zip(rows, columns, strict=True)}
    assert chosen == {(0, 2), (0, 3), (0, 1), (1, 1)}  # ties 0, 1, 3 at 0.5: lottery 0 and 1 win


def test_regression_unacceptable_pairs_never_wrap_around_into_the_top_k() -> None:
    """Fault fixed: with 10,000+ positions, UNACCEPTABLE × 10**6 shifted by the lottery bits overflowed
    int64 and wrapped to a large positive key, so unacceptable positions filled the top K."""
    columns = 20_000
    block = np.full((2, columns), -1e9, dtype=np.float32)
    block[0, :5] = 0.5
    rows, chosen = top_k_per_row(block, 20, np.arange(columns))
    assert rows.tolist() == [0] * 5 and sorted(chosen.tolist()) == [0, 1, 2, 3, 4]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=small_fairs(max_graduates=10, max_positions=12))
def test_the_dense_top_k_equals_the_best_pairs_scored_one_by_one(frames: Frames) -> None:
    frames = {**frames, "graduate_preferences": None, "locks": None}
    problem = build_problem(frames["graduates"], frames["positions"], None, frames["position_preferences"])
    k = 3
    candidates = build_candidates(problem, seed=4, candidates_per_graduate=k)
    scorer = FitScorer(problem, FitWeights())
    graduates, positions = np.meshgrid(np.arange(problem.graduate_count), np.arange(problem.position_count))
    graduate, position = graduates.ravel(), positions.ravel()
    components = scorer.components(graduate, position, np.zeros(len(graduate), dtype=np.int64))
    score = scorer.scores(components)
    lists = problem.position_preferences
    listed = set() if lists is None else set(zip(lists.chosen.tolist(), lists.chooser.tolist(), strict=True))
    has_list = scorer.position_has_list
    for g in range(problem.graduate_count):
        mine = np.flatnonzero(graduate == g)
        passes = scorer.passes_filters(graduate[mine], position[mine])
        accepted = [
            i
            for i, passed in zip(mine.tolist(), passes.tolist(), strict=True)
            if ((g, int(position[i])) in listed if has_list[position[i]] else passed)
        ]
        accepted.sort(key=lambda i: (-score[i], candidates.position_lottery[position[i]]))
        expected = {int(position[i]) for i in accepted[:k]}
        got = set(candidates.position[candidates.graduate == g].tolist())
        assert got == expected
        mine_in_candidates = np.flatnonzero(candidates.graduate == g)
        for index in mine_in_candidates:  # the candidate set keeps the exact pair scores
            exact = score[mine][position[mine] == candidates.position[index]][0]
            assert candidates.score[index] == exact


def test_the_dense_top_k_at_a_size_with_several_blocks_and_wide_lottery_keys() -> None:
    rng = np.random.default_rng(7)
    graduate_count, position_count, k = 600, 4_000, 5
    graduates = graduates_frame(
        [f"g{i}" for i in range(graduate_count)],
        major_code=rng.choice(MAJORS, graduate_count),
        degree=rng.choice(DEGREES, graduate_count),
        home_county=rng.choice(COUNTIES, graduate_count),
        preferred_places=rng.choice(PLACES, graduate_count),
        preferred_industries=rng.choice(INDUSTRIES, graduate_count),
        expected_salary=rng.choice(["", "4000", "6000", "9000"], graduate_count),
    )
    positions = positions_frame(
        {f"p{i}": 1 for i in range(position_count)},
        None,
        accepted_majors=rng.choice(ACCEPTED, position_count),
        min_degree=rng.choice(DEGREES, position_count),
        salary_min=rng.choice(["", "3000", "5000"], position_count),
        work_county=rng.choice(COUNTIES, position_count),
        industry_code=rng.choice(ENTERPRISE_INDUSTRIES, position_count),
    )
    problem = build_problem(graduates, positions)
    assert graduate_count * position_count > 2 * DENSE_BLOCK_ELEMENTS  # several blocks, on both threads
    candidates = build_candidates(problem, seed=11, candidates_per_graduate=k)
    scorer = FitScorer(problem, FitWeights())
    graduate = np.repeat(np.arange(graduate_count), position_count)
    position = np.tile(np.arange(position_count), graduate_count)
    score = scorer.scores(scorer.components(graduate, position, np.zeros(len(graduate), dtype=np.int64)))
    acceptable = scorer.passes_filters(graduate, position)
    for g in range(graduate_count):
        mine = np.flatnonzero((graduate == g) & acceptable)
        ranked = mine[np.lexsort((candidates.position_lottery[position[mine]], -score[mine]))]
        expected = set(position[ranked[:k]].tolist())
        assert set(candidates.position[candidates.graduate == g].tolist()) == expected

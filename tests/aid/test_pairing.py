"""CP-SAT pairing: brute-force and HiGHS oracles, locks, minimums, keeping a previous pairing."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from ortools.sat.python import cp_model

from matching.aid.audit import check_pairing, find_violations
from matching.aid.lns import NeighbourhoodSearch
from matching.aid.milp import lp_guidance, solve_pairing_milp
from matching.aid.orlib import instance_problem, read_orlib
from matching.aid.pairing import (
    GRACE_SECONDS,
    FirstSolution,
    HighsRace,
    PairingModel,
    SolveOptions,
    chosen_from_assignment,
    greedy_pairing,
    solve_pairing,
)
from matching.aid.problem import AidProblem, Objective
from matching.aid.result import Solver
from matching.aid.run import AidOptions, pair_villages, run_pairing
from matching.aid.synthetic import gap_frames
from matching.aid.validate import problem_from_frames
from matching.results import SolveStatus
from tests.aid.helpers import ORLIB, brute_force, make_problem, small_problems

FAST = SolveOptions(time_limit=5.0, first_solution=FirstSolution.GREEDY)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems())
def test_random_problems_match_brute_force_and_pass_the_validator(problem: AidProblem) -> None:
    outcome = run_pairing(problem, FAST)
    fewest_uncovered, best_value = brute_force(problem)
    if fewest_uncovered == 0:
        assert outcome.result.status is SolveStatus.OPTIMAL
        assert find_violations(problem, outcome.result.assignment) == []
        assert outcome.result.objective == pytest.approx(best_value)
        assert outcome.diagnosis is None
    else:
        assert outcome.result.status is SolveStatus.INFEASIBLE
        assert outcome.diagnosis is not None
        partial_uncovered, partial_value = brute_force(problem, allow_uncovered=True)
        partial = outcome.diagnosis.partial
        if partial_value is None:  # the fixed pairs alone break a budget or count
            assert not partial.has_solution
            assert outcome.diagnosis.findings
        else:
            assert len(partial.uncovered) == partial_uncovered
            assert partial.objective == pytest.approx(partial_value)
            assert find_violations(problem, partial.assignment, allow_uncovered=True) == []


def test_highs_and_cp_sat_agree_on_seeded_random_instances() -> None:
    for seed in range(6):
        enterprises, villages, pairs = gap_frames(4, 14, seed, pairs_per_village=3, tightness=0.9)
        for objective in Objective:
            problem = problem_from_frames(enterprises, villages, pairs, objective=objective)
            cp_sat = solve_pairing(problem, FAST)
            highs = solve_pairing_milp(problem, time_limit=10)
            assert cp_sat.status is highs.status, (seed, objective)
            if cp_sat.has_solution:
                assert cp_sat.status is SolveStatus.OPTIMAL
                assert cp_sat.objective == pytest.approx(highs.objective), (seed, objective)
                check_pairing(problem, highs.assignment)


def test_fixed_pair_is_kept_even_when_it_is_worse() -> None:
    pairs = [(0, 0, 1, 1), (1, 0, 9, 1), (1, 1, 5, 1)]
    free = solve_pairing(make_problem([10, 10], pairs, 2), FAST)
    assert free.assignment == {"V0": "E1", "V1": "E1"}
    fixed = solve_pairing(make_problem([10, 10], pairs, 2, locks=[(0, 0, "fix")]), FAST)
    assert fixed.assignment == {"V0": "E0", "V1": "E1"}
    assert fixed.objective == 6


def test_forbidden_pair_is_never_chosen() -> None:
    pairs = [(0, 0, 1, 1), (1, 0, 9, 1)]
    result = solve_pairing(make_problem([10, 10], pairs, 1, locks=[(1, 0, "forbid")]), FAST)
    assert result.assignment == {"V0": "E0"}


def test_budget_and_count_are_kept() -> None:
    pairs = [(0, v, 10, 4) for v in range(3)] + [(1, v, 1, 1) for v in range(3)]
    by_budget = solve_pairing(make_problem([8, 10], pairs, 3), FAST)
    assert list(by_budget.assignment.values()).count("E0") == 2
    by_count = solve_pairing(make_problem([100, 10], pairs, 3, max_villages=[1, None]), FAST)
    assert list(by_count.assignment.values()).count("E0") == 1


def test_min_objective_picks_the_cheapest_pairing() -> None:
    pairs = [(0, 0, 5, 1), (1, 0, 3, 1)]
    result = solve_pairing(make_problem([1, 1], pairs, 1, objective=Objective.MIN), FAST)
    assert result.assignment == {"V0": "E1"} and result.objective == 3


def test_park_minimum_moves_villages_to_the_park() -> None:
    pairs = [(0, 0, 9, 1), (0, 1, 9, 1), (1, 0, 1, 1), (1, 1, 1, 1)]
    problem = make_problem([10, 10], pairs, 2, parks=[None, "P1"], min_per_park={"P1": 1})
    result = solve_pairing(problem, FAST)
    assert list(result.assignment.values()).count("E1") == 1
    assert result.objective == 10
    highs = solve_pairing_milp(problem)
    assert highs.objective == 10


def test_fractional_loads_that_fit_exactly_still_fit_after_scaling() -> None:
    problem = make_problem([0.3], [(0, 0, 1, 0.1), (0, 1, 1, 0.2)], 2)
    result = solve_pairing(problem, FAST)
    assert result.status is SolveStatus.OPTIMAL
    assert result.uncovered == ()


def test_no_villages_is_trivially_optimal() -> None:
    result = solve_pairing(make_problem([5], [], 0), FAST)
    assert result.status is SolveStatus.OPTIMAL and result.objective == 0 and result.assignment == {}


@pytest.mark.parametrize("first_solution", list(FirstSolution))
def test_every_first_solution_reaches_the_optimum(first_solution: FirstSolution) -> None:
    enterprises, villages, pairs = gap_frames(5, 20, seed=3, tightness=0.85)
    problem = problem_from_frames(enterprises, villages, pairs, objective=Objective.MIN)
    result = solve_pairing(problem, SolveOptions(time_limit=10, first_solution=first_solution))
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == solve_pairing_milp(problem).objective
    assert {"build", "first_solution", "solve"} <= set(result.timings.seconds)


def test_greedy_pairing_keeps_budgets_and_counts() -> None:
    enterprises, villages, pairs = gap_frames(6, 40, seed=5, pairs_per_village=3, tightness=0.7)
    problem = problem_from_frames(enterprises, villages, pairs)
    chosen = greedy_pairing(problem)
    arrays = problem.usable
    assignment: dict[str, str | None] = {v.village_id: None for v in problem.villages}
    for village, position in chosen.items():
        assignment[problem.villages[village].village_id] = problem.enterprises[
            arrays.enterprise[position]
        ].enterprise_id
    assert find_violations(problem, assignment, allow_uncovered=True) == []


# ------------------------------------------------------------------ keeping a previous pairing

# Two villages, two enterprises; swapping them gains 1 point out of 201 (0.5 %).
KEEP_PAIRS = [(0, 0, 100, 1), (1, 1, 100, 1), (0, 1, 100.5, 1), (1, 0, 100.5, 1)]
PREVIOUS = {"V0": "E0", "V1": "E1"}


def test_previous_pairing_is_kept_within_the_tolerance_and_nothing_moves() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2)
    result = solve_pairing(problem, SolveOptions(time_limit=5, keep_tolerance=0.01), previous=PREVIOUS)
    assert dict(result.assignment) == PREVIOUS
    assert result.moved_villages == () and result.kept_pairs == 2
    assert result.objective == 200 and result.best_bound == 201
    assert "0 of 2 previous pairs moved" in result.message
    # The returned pairing is not the proven best: honest status, its gap, and what was given up.
    assert result.status is SolveStatus.FEASIBLE and result.gap == pytest.approx(1 / 200)
    assert "gave up 1 of the best value 201 (at most 1.0%) to keep 2 previous pairs" in result.message


def test_without_tolerance_the_best_value_wins_and_the_moves_are_counted() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2)
    result = solve_pairing(problem, SolveOptions(time_limit=5, keep_tolerance=0.0), previous=PREVIOUS)
    assert dict(result.assignment) == {"V0": "E1", "V1": "E0"}
    assert result.moved_count == 2 and result.kept_pairs == 0
    assert result.status is SolveStatus.OPTIMAL


def test_a_previous_pair_that_is_now_forbidden_counts_as_moved() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2, locks=[(0, 0, "forbid")])
    result = solve_pairing(problem, SolveOptions(time_limit=5), previous=PREVIOUS)
    assert result.assignment["V0"] == "E1"
    assert result.moved_villages == ("V0", "V1") or result.moved_villages == ("V0",)
    assert find_violations(problem, result.assignment) == []


def test_min_objective_keeps_previous_pairs_within_the_tolerance() -> None:
    problem = make_problem(
        [5, 5],
        [(e, v, 100 - 0.5 * (e != v), 1) for e in range(2) for v in range(2)],
        2,
        objective=Objective.MIN,
    )
    result = solve_pairing(problem, SolveOptions(time_limit=5, keep_tolerance=0.01), previous=PREVIOUS)
    assert dict(result.assignment) == PREVIOUS


def test_profile_pairing_on_the_frames_keeps_last_runs_proposals() -> None:
    from matching.aid.synthetic import ProfileShape, profile_frames

    enterprises, villages = profile_frames(ProfileShape(enterprises=12, villages=14), seed=2)
    first = pair_villages(enterprises, villages, options=AidOptions(solve=FAST))
    assert first.result.status is SolveStatus.OPTIMAL
    previous = {village: lead for village, lead in first.result.assignment.items() if lead is not None}
    again = pair_villages(enterprises, villages, options=AidOptions(solve=FAST), previous=previous)
    assert again.result.moved_count == 0
    assert again.result.objective == pytest.approx(first.result.objective)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"time_limit": 0}, "time_limit must be a positive number of seconds"),
        ({"workers": 0}, "workers must be at least 1"),
        ({"first_solution_share": 1.0}, r"first_solution_share must be in \[0, 1\)"),
        ({"keep_tolerance": -0.1}, "keep_tolerance must be ≥ 0"),
        ({"linearization_level": 3}, "linearization_level must be 0, 1 or 2"),
        ({"lns_after": 0.0}, r"lns_after must be in \(0, 1\]"),
    ],
)
def test_solve_option_errors(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SolveOptions(**arguments)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the HiGHS race beside CP-SAT


@pytest.fixture
def highs_proves_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """HiGHS finishes before CP-SAT starts, as on OR-Library c10200 and c20200."""
    watch = HighsRace.watch

    def wait_then_watch(self: HighsRace, solver: cp_model.CpSolver) -> bool:
        self.wait()
        return watch(self, solver)

    monkeypatch.setattr(HighsRace, "watch", wait_then_watch)


RACE = SolveOptions(time_limit=5, workers=2, race_highs=True)


@pytest.mark.usefixtures("highs_proves_first")
def test_a_highs_proof_that_comes_first_is_adopted() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2)
    result = solve_pairing(problem, replace(RACE, keep_tolerance=0.0))
    assert result.solver is Solver.HIGHS
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == result.best_bound == 201
    assert find_violations(problem, result.assignment) == []


@pytest.mark.usefixtures("highs_proves_first")
def test_after_a_highs_proof_the_previous_pairing_is_still_kept_within_the_tolerance() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2)
    result = solve_pairing(problem, replace(RACE, keep_tolerance=0.01), previous=PREVIOUS)
    assert result.solver is Solver.HIGHS
    assert dict(result.assignment) == PREVIOUS and result.kept_pairs == 2
    assert "0 of 2 previous pairs moved" in result.message


def test_the_race_runs_only_when_a_core_is_free_for_highs_and_when_asked() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2)
    assert RACE.runs_highs_race(problem)
    assert SolveOptions(workers=2).runs_highs_race(problem)  # small problems race by default
    assert not SolveOptions(workers=1).runs_highs_race(problem)
    assert not SolveOptions(workers=4, race_highs=False).runs_highs_race(problem)
    result = solve_pairing(problem, SolveOptions(time_limit=5, race_highs=False))
    assert result.solver is Solver.CP_SAT and result.status is SolveStatus.OPTIMAL


def test_an_invalid_highs_pairing_is_never_adopted() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2)
    race = HighsRace(problem, deadline=time.perf_counter() + 5)
    race.wait()
    race.stop()
    assert race.proof(problem) is not None
    tighter = make_problem([5, 5], KEEP_PAIRS, 2, locks=[(0, 1, "forbid")])
    assert race.proof(tighter) is None  # its pairing uses a pair the other problem forbids


def _race_leftovers() -> tuple[list[object], list[str]]:
    threads = [t.name for t in threading.enumerate() if t.name.startswith("highs-race")]
    return list(multiprocessing.active_children()), threads


def test_nothing_of_a_race_that_cp_sat_wins_outlives_the_solve() -> None:
    problem = make_problem([5, 5], KEEP_PAIRS, 2)
    result = solve_pairing(problem, RACE)
    assert result.status is SolveStatus.OPTIMAL
    assert _race_leftovers() == ([], [])


@pytest.mark.usefixtures("highs_proves_first")
def test_nothing_of_a_race_that_highs_wins_outlives_the_solve() -> None:
    result = solve_pairing(make_problem([5, 5], KEEP_PAIRS, 2), RACE)
    assert result.solver is Solver.HIGHS and _race_leftovers() == ([], [])


@pytest.mark.slow
def test_the_command_exits_0_with_a_pairing_on_every_run_whoever_wins(tmp_path: Path) -> None:
    """A HiGHS thread still inside C++ when Python exited used to abort the process (exit 134)."""
    folder = tmp_path / "a10100"
    convert = [
        sys.executable,
        "-m",
        "matching",
        "aid",
        "from-orlib",
        str(ORLIB / "chu1997" / "a10100"),
        str(folder),
    ]
    subprocess.run(convert, check=True, capture_output=True)
    solvers = set()
    for seed in range(12):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "matching",
                "aid",
                "solve",
                str(folder),
                "--objective",
                "min",
                "--seed",
                str(seed),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.startswith("status=OPTIMAL objective=1360 ")
        solvers.add(done.stderr.split("solver=")[1].split()[0])
    assert solvers <= {"cp-sat", "highs"}


# ------------------------------------------------------------------ large-neighbourhood search


def _assignment(problem: AidProblem, chosen: dict[int, int]) -> dict[str, str | None]:
    return PairingModel(problem).assignment(chosen)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_villages=6, max_enterprises=4))
def test_the_search_keeps_every_rule_and_never_loses_value(problem: AidProblem) -> None:
    start = solve_pairing(problem, replace(FAST, time_limit=1, race_highs=False, lns=False))
    if not start.has_solution:
        return
    model = PairingModel(problem)
    chosen = chosen_from_assignment(problem, start.assignment)
    search = NeighbourhoodSearch(problem, chosen, seed=3, guidance=lp_guidance(problem))
    search.run(time.perf_counter() + 0.3)
    after = model.assignment(search.chosen())
    assert find_violations(problem, after) == []
    value = sum(problem.pairs[problem.pair_index[(e, v)]].value for v, e in after.items() if e is not None)
    assert not problem.better(start.objective or 0.0, value)
    _, best = brute_force(problem)
    assert best is not None and not problem.better(value, best)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(max_villages=6, max_enterprises=4))
def test_a_village_step_keeps_every_rule_and_never_loses_value(problem: AidProblem) -> None:
    start = solve_pairing(problem, replace(FAST, time_limit=1, race_highs=False, lns=False))
    if not start.has_solution:
        return
    model = PairingModel(problem)
    search = NeighbourhoodSearch(problem, chosen_from_assignment(problem, start.assignment), seed=5)
    for _ in range(3):  # villages freed to any enterprise, within what the kept ones leave
        search.village_step(2, 0.2)
        after = model.assignment(search.chosen())
        assert find_violations(problem, after) == []
        value = sum(
            problem.pairs[problem.pair_index[(e, v)]].value for v, e in after.items() if e is not None
        )
        assert not problem.better(start.objective or 0.0, value)


def test_the_search_keeps_a_park_minimum_while_it_moves_villages() -> None:
    # E0–E3 are in park P1, which must lead 3 of the 8 villages; E4 and E5 are better for every village.
    # Six enterprises: each step frees four of them, so the kept villages count towards the minimum.
    pairs = [(e, v, 5 if e >= 4 else 1, 1) for e in range(6) for v in range(8)]
    problem = make_problem([5] * 6, pairs, 8, parks=["P1"] * 4 + [None, None], min_per_park={"P1": 3})
    start = chosen_from_assignment(problem, {f"V{v}": f"E{v % 4}" for v in range(8)})  # all in the park
    search = NeighbourhoodSearch(problem, start, seed=0, guidance=lp_guidance(problem))
    search.run(time.perf_counter() + 1.0)
    after = _assignment(problem, search.chosen())
    assert find_violations(problem, after) == []
    outside = [e for e in after.values() if e in ("E4", "E5")]
    assert len(outside) == 5  # as many as the park's minimum allows


def test_on_one_worker_the_search_takes_over_from_cp_sat_and_says_so() -> None:
    """OR-Library d05100 (type D, 5 × 100): CP-SAT does not prove it in 0.4 s, the search then runs."""
    problem = instance_problem(read_orlib(ORLIB / "chu1997" / "d05100")[0], Objective.MIN)
    options = SolveOptions(time_limit=2.0, seed=0, workers=1, lns_after=0.2)
    result = solve_pairing(problem, options)
    assert result.status is SolveStatus.FEASIBLE and result.solver is Solver.CP_SAT
    assert "large-neighbourhood search: " in result.message
    assert find_violations(problem, result.assignment) == []
    assert result.best_bound is not None and result.best_bound <= result.objective
    assert result.objective >= 6353  # the proven optimum (data.csv)
    before, after = result.message.split("large-neighbourhood search: ")[1].split(" in ")[0].split(" → ")
    assert float(after) == result.objective <= float(before)


def test_highs_answers_with_its_best_pairing_before_the_deadline() -> None:
    """Without a proof in time (d20100 is far from proved in 2.5 s) the child still sends its pairing."""
    problem = instance_problem(read_orlib(ORLIB / "chu1997" / "d20100")[0], Objective.MIN)
    deadline = time.perf_counter() + 2.5
    race = HighsRace(problem, deadline)
    race.wait_for_answer(deadline + GRACE_SECONDS)
    answered = time.perf_counter()
    race.stop()
    answer = race.answer(problem)
    assert answer is not None and answer.status is SolveStatus.FEASIBLE
    assert answered <= deadline + GRACE_SECONDS
    assert find_violations(problem, answer.assignment) == []
    assert answer.best_bound is not None and answer.best_bound < answer.objective
    assert _race_leftovers() == ([], [])

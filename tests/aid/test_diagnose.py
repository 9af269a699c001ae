"""Infeasible inputs give the diagnosis: pre-check findings, binding budgets and counts, minimum
shortfalls, and the best partial pairing with every uncovered village and its reasons."""

from __future__ import annotations

from matching.aid.diagnose import FindingKind, best_partial_pairing, diagnose, precheck
from matching.aid.pairing import FirstSolution, SolveOptions
from matching.aid.run import run_pairing
from matching.results import SolveStatus
from tests.aid.helpers import make_problem

FAST = SolveOptions(time_limit=5.0, first_solution=FirstSolution.GREEDY)


def kinds(findings: object) -> list[FindingKind]:
    return [finding.kind for finding in findings]  # type: ignore[attr-defined]


def test_village_without_acceptable_enterprise_is_named_and_left_uncovered() -> None:
    problem = make_problem([10], [(0, 0, 1, 1)], 2)
    outcome = run_pairing(problem, FAST)
    assert outcome.result.status is SolveStatus.INFEASIBLE
    assert outcome.result.message == "pre-check: 1 reason(s) no full pairing exists"
    assert kinds(outcome.findings) == [FindingKind.NO_ACCEPTABLE_ENTERPRISE]
    assert outcome.findings[0].village_ids == ("V1",)
    assert "village V1 has no acceptable enterprise" in outcome.findings[0].message
    assert outcome.diagnosis is not None
    assert outcome.diagnosis.partial.uncovered == ("V1",)
    assert outcome.diagnosis.uncovered[0].reasons == ("no acceptable enterprise",)
    assert outcome.pairing is outcome.diagnosis.partial
    assert outcome.pairing.assignment == {"V0": "E0", "V1": None}


def test_all_pairs_forbidden() -> None:
    problem = make_problem(
        [10, 10], [(0, 0, 1, 1), (1, 0, 1, 1)], 1, locks=[(0, 0, "forbid"), (1, 0, "forbid")]
    )
    findings = precheck(problem)
    assert kinds(findings) == [FindingKind.ALL_PAIRS_FORBIDDEN]
    assert "all 2 of its acceptable pairs are forbidden" in findings[0].message
    reasons = diagnose(problem, FAST).uncovered[0].reasons
    assert reasons == ("E0: the pair is forbidden", "E1: the pair is forbidden")


def test_no_budget_large_enough_for_the_pair() -> None:
    problem = make_problem([5, 3], [(0, 0, 1, 8), (1, 0, 1, 9)], 1)
    assert kinds(precheck(problem)) == [FindingKind.NO_AFFORDABLE_ENTERPRISE]
    diagnosis = diagnose(problem, FAST)
    assert diagnosis.uncovered[0].reasons[0] == "E0: the pair needs 8, more than its whole budget 5"
    assert FindingKind.BUDGET_BINDING in kinds(diagnosis.findings)


def test_fixed_pairs_over_budget_and_count_make_even_a_partial_pairing_impossible() -> None:
    pairs = [(0, 0, 1, 6), (0, 1, 1, 6), (1, 0, 1, 1), (1, 1, 1, 1)]
    problem = make_problem([10, 10], pairs, 2, max_villages=[1, None], locks=[(0, 0, "fix"), (0, 1, "fix")])
    findings = precheck(problem)
    # V0 and V1 can only go to E0, which takes one village: so there are also too few places.
    assert kinds(findings) == [
        FindingKind.FIXED_OVER_BUDGET,
        FindingKind.FIXED_OVER_COUNT,
        FindingKind.TOO_FEW_PLACES,
    ]
    assert "its fixed pairs use 12 of a budget of 10" in findings[0].message
    assert findings[1].village_ids == ("V0", "V1")
    outcome = run_pairing(problem, FAST)
    assert outcome.diagnosis is not None
    assert not outcome.diagnosis.partial.has_solution
    assert "the fixed pairs alone break a budget or count" in outcome.diagnosis.partial.message
    assert outcome.pairing.assignment == {"V0": None, "V1": None}


def test_too_few_places_leaves_one_village_with_its_reasons() -> None:
    problem = make_problem([100], [(0, v, 1, 1) for v in range(3)], 3, max_villages=[2])
    outcome = run_pairing(problem, FAST)
    assert kinds(outcome.findings) == [FindingKind.TOO_FEW_PLACES]
    assert (
        "the enterprises can lead at most 2 villages together, but 3 need a lead"
        in outcome.findings[0].message
    )
    assert outcome.diagnosis is not None
    [uncovered] = outcome.diagnosis.uncovered
    assert uncovered.reasons == ("E0: already leads 2 of at most 2 villages",)
    assert FindingKind.COUNT_BINDING in kinds(outcome.diagnosis.findings)


def test_total_budget_short() -> None:
    problem = make_problem([5, 5], [(e, v, 1, 4) for e in range(2) for v in range(3)], 3)
    findings = precheck(problem)
    assert kinds(findings) == [FindingKind.BUDGET_SHORT]
    assert findings[0].message.startswith(
        "the villages need at least 12 together, but the budgets add up to 10"
    )


def test_binding_budgets_found_by_the_solver_when_the_precheck_passes() -> None:
    # 3 villages of load 6, two budgets of 10: the totals fit (18 ≤ 20) but each budget holds one.
    problem = make_problem([10, 10], [(e, v, 1, 6) for e in range(2) for v in range(3)], 3)
    assert precheck(problem) == []
    outcome = run_pairing(problem, FAST)
    assert outcome.result.status is SolveStatus.INFEASIBLE
    assert outcome.result.message.startswith("no pairing gives every village a lead enterprise")
    assert outcome.diagnosis is not None
    assert len(outcome.diagnosis.partial.uncovered) == 1
    [uncovered] = outcome.diagnosis.uncovered
    assert uncovered.reasons == (
        "E0: 4 of its budget 10 left, the pair needs 6",
        "E1: 4 of its budget 10 left, the pair needs 6",
    )
    binding = [f for f in outcome.diagnosis.findings if f.kind is FindingKind.BUDGET_BINDING]
    assert [f.enterprise_ids for f in binding] == [("E0",), ("E1",)]
    assert "2 more would let it take one" in binding[0].message
    lines = outcome.diagnosis.lines()
    assert lines[-2].startswith("best partial pairing: 1 of 3 villages uncovered, value 2")
    assert lines[-1].startswith(f"uncovered village {uncovered.village_id}: E0: 4 of its budget")


def test_unreachable_park_minimum_and_minimums_above_the_village_count() -> None:
    pairs = [(0, 0, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)]
    problem = make_problem(
        [10, 10], pairs, 2, max_villages=[1, None], parks=["P1", "P2"], min_per_park={"P1": 2, "P2": 1}
    )
    assert kinds(precheck(problem)) == [FindingKind.MINIMUM_UNREACHABLE, FindingKind.MINIMUMS_EXCEED_VILLAGES]


def test_minimums_that_clash_leave_every_village_covered_and_name_the_shortfall() -> None:
    # E1 (park P1) and E2 (park P2) can both take only V0; each park needs one village.
    pairs = [(0, 1, 5, 1), (1, 0, 1, 1), (2, 0, 1, 1)]
    problem = make_problem([9, 9, 9], pairs, 2, parks=[None, "P1", "P2"], min_per_park={"P1": 1, "P2": 1})
    assert precheck(problem) == []
    outcome = run_pairing(problem, FAST)
    assert outcome.result.status is SolveStatus.INFEASIBLE
    assert outcome.diagnosis is not None
    assert outcome.diagnosis.partial.uncovered == ()
    assert kinds(outcome.diagnosis.findings) == [FindingKind.MINIMUM_SHORT]
    assert (
        "its enterprises lead 0 villages in the best partial pairing, the minimum is 1"
        in outcome.diagnosis.findings[0].message
    )


def test_partial_pairing_prefers_covering_over_value() -> None:
    # E0 can take one of V0 (value 50) or V1 and V2 together (value 1 each): cover two villages.
    pairs = [(0, 0, 50, 10), (0, 1, 1, 5), (0, 2, 1, 5)]
    partial = best_partial_pairing(make_problem([10], pairs, 3), FAST)
    assert partial.status is SolveStatus.OPTIMAL
    assert partial.uncovered == ("V0",)
    assert partial.objective == 2


def test_no_enterprises_at_all() -> None:
    outcome = run_pairing(make_problem([], [], 2), FAST)
    assert outcome.result.status is SolveStatus.INFEASIBLE
    assert kinds(outcome.findings) == [FindingKind.NO_ACCEPTABLE_ENTERPRISE] * 2
    assert outcome.diagnosis is not None
    assert outcome.diagnosis.partial.uncovered == ("V0", "V1")

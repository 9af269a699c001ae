"""Infeasible inputs give the diagnosis: pre-check findings, binding budgets and counts, minimum
shortfalls, and the best partial pairing with every uncovered village and its reasons."""

from __future__ import annotations

from matching.aid.diagnose import FindingKind, best_partial_pairing, diagnose, precheck
from matching.aid.pairing import FirstSolution, SolveOptions
from matching.aid.run import run_pairing
from matching.messages import Message
from matching.results import Finding, SolveStatus
from tests.aid.helpers import make_problem

FAST = SolveOptions(time_limit=5.0, first_solution=FirstSolution.GREEDY)


def codes(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def reason_codes(reasons: tuple[Message, ...]) -> list[tuple[str, dict[str, object]]]:
    return [(reason.code, dict(reason.params)) for reason in reasons]


def test_village_without_acceptable_enterprise_is_named_and_left_uncovered() -> None:
    problem = make_problem([10], [(0, 0, 1, 1)], 2)
    outcome = run_pairing(problem, FAST)
    assert outcome.result.status is SolveStatus.INFEASIBLE
    assert outcome.result.message == "pre-check: 1 reason(s) no full pairing exists"
    [finding] = precheck(problem)
    assert finding.code == "aid.no_acceptable_enterprise" and finding.blocking
    assert finding.params == {"village": "V1"}
    assert finding.refs == {"villages": ("V1",)}
    assert str(finding).startswith("village V1 has no acceptable enterprise: list a pair for it")
    assert outcome.diagnosis is not None
    assert outcome.diagnosis.partial.uncovered == ("V1",)
    assert reason_codes(outcome.diagnosis.uncovered[0].reasons) == [
        ("aid.reason.no_acceptable_enterprise", {})
    ]
    assert outcome.diagnosis.uncovered[0].reason_texts() == ["no acceptable enterprise"]
    assert outcome.pairing is outcome.diagnosis.partial
    assert outcome.pairing.assignment == {"V0": "E0", "V1": None}


def test_all_pairs_forbidden() -> None:
    problem = make_problem(
        [10, 10], [(0, 0, 1, 1), (1, 0, 1, 1)], 1, locks=[(0, 0, "forbid"), (1, 0, "forbid")]
    )
    findings = precheck(problem)
    assert codes(findings) == ["aid.all_pairs_forbidden"]
    assert findings[0].params == {"village": "V0", "count": 2}
    reasons = diagnose(problem, FAST).uncovered[0].reasons
    assert reason_codes(reasons) == [
        ("aid.reason.forbidden", {"enterprise": "E0"}),
        ("aid.reason.forbidden", {"enterprise": "E1"}),
    ]


def test_no_budget_large_enough_for_the_pair() -> None:
    problem = make_problem([5, 3], [(0, 0, 1, 8), (1, 0, 1, 9)], 1)
    [finding] = precheck(problem)
    assert finding.code == "aid.no_affordable_enterprise"
    assert finding.params == {"village": "V0", "count": 2}
    diagnosis = diagnose(problem, FAST)
    assert reason_codes(diagnosis.uncovered[0].reasons)[0] == (
        "aid.reason.over_whole_budget",
        {"enterprise": "E0", "load": "8", "budget": "5"},
    )
    assert diagnosis.uncovered[0].reasons[0].text() == "E0: the pair needs 8, more than its whole budget 5"
    binding = [f for f in diagnosis.findings if f.code == "aid.budget_binding"]
    assert binding and not binding[0].blocking


def test_fixed_pairs_over_budget_and_count_make_even_a_partial_pairing_impossible() -> None:
    pairs = [(0, 0, 1, 6), (0, 1, 1, 6), (1, 0, 1, 1), (1, 1, 1, 1)]
    problem = make_problem([10, 10], pairs, 2, max_villages=[1, None], locks=[(0, 0, "fix"), (0, 1, "fix")])
    findings = precheck(problem)
    # V0 and V1 can only go to E0, which takes one village: so there are also too few places.
    assert codes(findings) == ["aid.fixed_over_budget", "aid.fixed_over_count", "aid.too_few_places"]
    assert findings[0].params == {"enterprise": "E0", "load": "12", "budget": "10"}
    assert findings[1].params == {"enterprise": "E0", "count": 2, "limit": 1}
    assert findings[1].refs == {"villages": ("V0", "V1"), "enterprises": ("E0",)}
    assert findings[2].params == {"places": 1, "villages": 2}
    outcome = run_pairing(problem, FAST)
    assert outcome.diagnosis is not None
    assert not outcome.diagnosis.partial.has_solution
    assert "the fixed pairs alone break a budget or count" in outcome.diagnosis.partial.message
    assert outcome.diagnosis.lines()[-1] == (
        "no partial pairing: even a partial pairing is impossible: the fixed pairs alone break a budget or count"
    )
    assert outcome.pairing.assignment == {"V0": None, "V1": None}


def test_too_few_places_leaves_one_village_with_its_reasons() -> None:
    problem = make_problem([100], [(0, v, 1, 1) for v in range(3)], 3, max_villages=[2])
    outcome = run_pairing(problem, FAST)
    [finding] = precheck(problem)
    assert finding.code == "aid.too_few_places" and finding.params == {"places": 2, "villages": 3}
    assert outcome.diagnosis is not None
    [uncovered] = outcome.diagnosis.uncovered
    assert reason_codes(uncovered.reasons) == [
        ("aid.reason.count_full", {"enterprise": "E0", "count": 2, "limit": 2})
    ]
    [count_binding] = [f for f in outcome.diagnosis.findings if f.code == FindingKind.COUNT_BINDING]
    assert count_binding.params == {"enterprise": "E0", "limit": 2, "count": 1}
    assert count_binding.refs == {"villages": (uncovered.village_id,), "enterprises": ("E0",)}


def test_total_budget_short() -> None:
    problem = make_problem([5, 5], [(e, v, 1, 4) for e in range(2) for v in range(3)], 3)
    findings = precheck(problem)
    assert codes(findings) == ["aid.budget_short"]
    assert findings[0].params == {"needed": "12", "budget": "10"}
    assert str(findings[0]) == (
        "the villages need at least 12 together, but the budgets add up to 10; raise budgets or add enterprises"
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
    assert reason_codes(uncovered.reasons) == [
        ("aid.reason.budget_left", {"enterprise": e, "left": "4", "budget": "10", "load": "6"})
        for e in ("E0", "E1")
    ]
    assert uncovered.reason_texts(limit=1) == ["E0: 4 of its budget 10 left, the pair needs 6", "and 1 more"]
    binding = [f for f in outcome.diagnosis.findings if f.code == FindingKind.BUDGET_BINDING]
    assert [f.refs["enterprises"] for f in binding] == [("E0",), ("E1",)]
    assert binding[0].params == {"enterprise": "E0", "budget": "10", "count": 1, "extra": "2"}
    assert "2 more would let it take one" in str(binding[0])
    lines = outcome.diagnosis.lines()
    assert lines[-2].startswith("best partial pairing: 1 of 3 villages uncovered, value 2")
    assert lines[-1] == (
        f"uncovered village {uncovered.village_id}: E0: 4 of its budget 10 left, the pair needs 6; "
        "E1: 4 of its budget 10 left, the pair needs 6"
    )
    assert outcome.diagnosis.lines(reasons_per_village=1)[-1].endswith("the pair needs 6; and 1 more")
    chinese = outcome.diagnosis.lines(lang="zh")
    assert chinese[-1] == (
        f"无牵头企业的村 {uncovered.village_id}：E0：预算 10 元仅剩 4 元，该结对需要 6 元；"
        "E1：预算 10 元仅剩 4 元，该结对需要 6 元"
    )


def test_unreachable_park_minimum_and_minimums_above_the_village_count() -> None:
    pairs = [(0, 0, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)]
    problem = make_problem(
        [10, 10], pairs, 2, max_villages=[1, None], parks=["P1", "P2"], min_per_park={"P1": 2, "P2": 1}
    )
    findings = precheck(problem)
    assert codes(findings) == [FindingKind.MINIMUM_UNREACHABLE, FindingKind.MINIMUMS_EXCEED_VILLAGES]
    park = Message("aid.scope.park")
    assert findings[0].params == {"scope": park, "key": "P1", "most": 1, "minimum": 2}
    assert findings[0].refs == {"enterprises": ("E0",), "parks": ("P1",)}
    assert findings[1].params == {"scope": park, "total": 3, "villages": 2}
    assert str(findings[1]) == "the park minimums add up to 3, more than the 2 villages; lower them"
    assert findings[1].text("zh") == "各园区的最低村数要求合计 3 个，超过村的总数 2 个；请降低这些要求"


def test_minimums_that_clash_leave_every_village_covered_and_name_the_shortfall() -> None:
    # E1 (park P1) and E2 (park P2) can both take only V0; each park needs one village.
    pairs = [(0, 1, 5, 1), (1, 0, 1, 1), (2, 0, 1, 1)]
    problem = make_problem([9, 9, 9], pairs, 2, parks=[None, "P1", "P2"], min_per_park={"P1": 1, "P2": 1})
    assert precheck(problem) == []
    outcome = run_pairing(problem, FAST)
    assert outcome.result.status is SolveStatus.INFEASIBLE
    assert outcome.diagnosis is not None
    assert outcome.diagnosis.partial.uncovered == ()
    [short] = outcome.diagnosis.findings
    assert short.code == FindingKind.MINIMUM_SHORT and not short.blocking
    assert short.params["count"] == 0 and short.params["minimum"] == 1
    assert short.params["key"] in ("P1", "P2") and short.refs["parks"] == (short.params["key"],)
    assert str(short) == (
        f"park {short.params['key']}: its enterprises lead 0 villages in the best partial pairing, the minimum is 1"
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
    findings = precheck(outcome.problem)
    assert codes(findings) == [FindingKind.NO_ACCEPTABLE_ENTERPRISE] * 2
    assert [f.refs["villages"] for f in findings] == [("V0",), ("V1",)]
    assert outcome.diagnosis is not None
    assert outcome.diagnosis.partial.uncovered == ("V0", "V1")

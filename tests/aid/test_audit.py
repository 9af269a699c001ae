"""The independent validator finds every kind of fault, and names them all at once."""

from __future__ import annotations

import pytest

from matching.aid.audit import (
    InvalidPairing,
    ViolationKind,
    check_pairing,
    find_helper_violations,
    find_violations,
)
from tests.aid.helpers import make_problem

# E0 (park P1): budget 10. E1: budget 10, one village. V2 is fixed to E1; E1–V1 is forbidden.
PAIRS = [(0, 0, 5, 4), (0, 1, 5, 4), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1)]
PROBLEM = make_problem(
    [10, 10],
    PAIRS,
    3,
    max_villages=[None, 1],
    locks=[(1, 2, "fix"), (1, 1, "forbid")],
    parks=["P1", None],
    min_per_park={"P1": 1},
)
VALID: dict[str, str | None] = {"V0": "E0", "V1": "E0", "V2": "E1"}
# Without locks or counts, E0 may also take V2, and park P1 needs all three villages.
OPEN = make_problem([10, 10], [*PAIRS, (0, 2, 5, 4)], 3, parks=["P1", None], min_per_park={"P1": 3})


def kinds_of(assignment: dict[str, str | None], **flags: bool) -> list[ViolationKind]:
    return sorted(v.kind for v in find_violations(PROBLEM, assignment, **flags))


def test_a_valid_pairing_has_no_violations() -> None:
    assert find_violations(PROBLEM, VALID) == []
    check_pairing(PROBLEM, VALID)


@pytest.mark.parametrize(
    ("assignment", "expected"),
    [
        ({**VALID, "V9": "E0"}, [ViolationKind.UNKNOWN_VILLAGE]),
        ({"V0": "E0", "V1": "E0"}, [ViolationKind.MISSING_VILLAGE]),
        ({**VALID, "V0": None}, [ViolationKind.UNCOVERED_VILLAGE]),
        ({**VALID, "V0": "E7"}, [ViolationKind.UNKNOWN_ENTERPRISE]),
        ({**VALID, "V2": "E0"}, [ViolationKind.UNACCEPTABLE_PAIR, ViolationKind.FIXED_PAIR_BROKEN]),
        ({**VALID, "V1": "E1"}, [ViolationKind.FORBIDDEN_PAIR, ViolationKind.OVER_COUNT]),
        ({**VALID, "V2": None}, [ViolationKind.UNCOVERED_VILLAGE, ViolationKind.FIXED_PAIR_BROKEN]),
        ({**VALID, "V0": "E1"}, [ViolationKind.OVER_COUNT]),
    ],
)
def test_each_fault_is_found(assignment: dict[str, str | None], expected: list[ViolationKind]) -> None:
    assert kinds_of(assignment) == sorted(expected)


def test_over_budget_and_missed_minimum() -> None:
    over = find_violations(OPEN, {"V0": "E0", "V1": "E0", "V2": "E0"})
    assert [v.kind for v in over] == [ViolationKind.OVER_BUDGET]
    assert over[0].message == "enterprise E0 uses 12 of a budget of 10"
    missed = find_violations(OPEN, {"V0": "E1", "V1": "E1", "V2": "E1"})
    assert [v.kind for v in missed] == [ViolationKind.MINIMUM_MISSED]
    assert missed[0].message == "park P1: its enterprises lead 0 villages, at least 3 required"
    assert find_violations(OPEN, {"V0": "E1", "V1": "E1", "V2": "E1"}, check_minimums=False) == []


def test_uncovered_is_allowed_in_a_partial_pairing_but_a_fixed_pair_is_not() -> None:
    assert kinds_of({**VALID, "V0": None}, allow_uncovered=True) == []
    assert kinds_of({**VALID, "V2": None}, allow_uncovered=True) == [ViolationKind.FIXED_PAIR_BROKEN]


def test_check_pairing_names_every_fault() -> None:
    with pytest.raises(
        InvalidPairing,
        match=r"^the solver returned an invalid pairing with 2 violation\(s\) \(forbidden_pair, over_count\): "
        r"pair E1–V1 is forbidden; enterprise E1",
    ):
        check_pairing(PROBLEM, {**VALID, "V1": "E1"})


LIMITS = {"load_share": 0.5, "helpers_per_village": 1, "max_helped_per_enterprise": 1}


def test_valid_helpers() -> None:
    assert find_helper_violations(PROBLEM, VALID, {"V0": ("E1",)}, **LIMITS) == []  # type: ignore[arg-type]


def test_helper_that_leads_the_village_or_is_forbidden() -> None:
    faults = find_helper_violations(PROBLEM, VALID, {"V0": ("E0",), "V1": ("E1",)}, **LIMITS)  # type: ignore[arg-type]
    assert [f.kind for f in faults] == [ViolationKind.UNACCEPTABLE_PAIR, ViolationKind.FORBIDDEN_PAIR]
    assert faults[0].message == "E0 both leads and helps V0"


def test_too_many_helpers_and_helped_villages() -> None:
    faults = find_helper_violations(PROBLEM, VALID, {"V0": ("E1", "E1")}, **LIMITS)  # type: ignore[arg-type]
    assert [f.kind for f in faults] == [ViolationKind.OVER_COUNT, ViolationKind.OVER_COUNT]
    assert faults[1].message == "enterprise E1 helps 2 villages, at most 1"


def test_helper_share_over_the_budget_and_helpers_of_an_uncovered_village() -> None:
    lead: dict[str, str | None] = {"V0": "E0", "V1": "E0", "V2": None}
    faults = find_helper_violations(OPEN, lead, {"V2": ("E0",)}, **{**LIMITS, "load_share": 1.0})  # type: ignore[arg-type]
    assert [f.kind for f in faults] == [ViolationKind.UNCOVERED_VILLAGE, ViolationKind.OVER_BUDGET]

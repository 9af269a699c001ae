"""An independent check of a pairing against the problem's rules.

It reads only `AidProblem`'s plain fields (pairs, locks, enterprises, minimums) with real numbers,
never the solver's arrays or integer scaling, so it can catch a fault in either.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from matching.aid.problem import AidProblem, LockAction
from matching.results import InvalidSolutionError

# Budgets are kept to within a millionth of a yuan per yuan of budget (float sums of loads).
BUDGET_TOLERANCE = 1e-9


class ViolationKind(enum.StrEnum):
    UNKNOWN_VILLAGE = "unknown_village"
    MISSING_VILLAGE = "missing_village"
    UNCOVERED_VILLAGE = "uncovered_village"
    UNKNOWN_ENTERPRISE = "unknown_enterprise"
    UNACCEPTABLE_PAIR = "unacceptable_pair"
    FORBIDDEN_PAIR = "forbidden_pair"
    FIXED_PAIR_BROKEN = "fixed_pair_broken"
    OVER_BUDGET = "over_budget"
    OVER_COUNT = "over_count"
    MINIMUM_MISSED = "minimum_missed"


@dataclass(frozen=True)
class Violation:
    kind: ViolationKind
    message: str
    village_id: str | None = None
    enterprise_id: str | None = None


class InvalidPairing(InvalidSolutionError):
    """A pairing breaks the rules; names every fault (a solver bug when raised after solving)."""

    def __init__(self, violations: list[Violation]):
        kinds = sorted({v.kind.value for v in violations})
        super().__init__(
            f"pairing with {len(violations)} violation(s) ({', '.join(kinds)})",
            [v.message for v in violations],
        )
        self.violations = violations


def find_violations(
    problem: AidProblem,
    assignment: Mapping[str, str | None],
    *,
    allow_uncovered: bool = False,
    check_minimums: bool = True,
) -> list[Violation]:
    """Every fault of `assignment` (village id → enterprise id or None): each village once, only
    acceptable and unforbidden pairs, fixed pairs kept, budgets and counts kept, minimums met."""
    violations: list[Violation] = []
    villages = {v.village_id for v in problem.villages}
    enterprises = {e.enterprise_id: e for e in problem.enterprises}
    acceptable = {(p.enterprise_id, p.village_id): p for p in problem.pairs}
    forbidden = {
        (lock.enterprise_id, lock.village_id) for lock in problem.locks if lock.action is LockAction.FORBID
    }
    fixed = {lock.village_id: lock.enterprise_id for lock in problem.locks if lock.action is LockAction.FIX}

    for village_id in assignment:
        if village_id not in villages:
            violations.append(
                Violation(ViolationKind.UNKNOWN_VILLAGE, f"unknown village {village_id}", village_id)
            )
    for village_id in sorted(villages - set(assignment)):
        violations.append(
            Violation(
                ViolationKind.MISSING_VILLAGE, f"village {village_id} is missing from the pairing", village_id
            )
        )

    load: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    for village_id, enterprise_id in assignment.items():
        if village_id not in villages:
            continue
        if enterprise_id is None:
            if not allow_uncovered:
                violations.append(
                    Violation(
                        ViolationKind.UNCOVERED_VILLAGE,
                        f"village {village_id} has no lead enterprise",
                        village_id,
                    )
                )
            if village_id in fixed:
                violations.append(
                    Violation(
                        ViolationKind.FIXED_PAIR_BROKEN,
                        f"village {village_id} is fixed to {fixed[village_id]} but uncovered",
                        village_id,
                        fixed[village_id],
                    )
                )
            continue
        if enterprise_id not in enterprises:
            violations.append(
                Violation(
                    ViolationKind.UNKNOWN_ENTERPRISE,
                    f"unknown enterprise {enterprise_id}",
                    village_id,
                    enterprise_id,
                )
            )
            continue
        key = (enterprise_id, village_id)
        pair = acceptable.get(key)
        if pair is None:
            violations.append(
                Violation(
                    ViolationKind.UNACCEPTABLE_PAIR,
                    f"pair {enterprise_id}–{village_id} is not acceptable",
                    village_id,
                    enterprise_id,
                )
            )
        else:
            load[enterprise_id] += pair.load
        count[enterprise_id] += 1
        if key in forbidden:
            violations.append(
                Violation(
                    ViolationKind.FORBIDDEN_PAIR,
                    f"pair {enterprise_id}–{village_id} is forbidden",
                    village_id,
                    enterprise_id,
                )
            )
        if village_id in fixed and fixed[village_id] != enterprise_id:
            violations.append(
                Violation(
                    ViolationKind.FIXED_PAIR_BROKEN,
                    f"village {village_id} is fixed to {fixed[village_id]} but paired with {enterprise_id}",
                    village_id,
                    enterprise_id,
                )
            )

    for enterprise_id, used in load.items():
        capacity = enterprises[enterprise_id].capacity
        if used > capacity + BUDGET_TOLERANCE * max(1.0, capacity):
            violations.append(
                Violation(
                    ViolationKind.OVER_BUDGET,
                    f"enterprise {enterprise_id} uses {used:g} of a budget of {capacity:g}",
                    enterprise_id=enterprise_id,
                )
            )
    for enterprise_id, taken in count.items():
        limit = enterprises[enterprise_id].max_villages
        if limit is not None and taken > limit:
            violations.append(
                Violation(
                    ViolationKind.OVER_COUNT,
                    f"enterprise {enterprise_id} leads {taken} villages, at most {limit}",
                    enterprise_id=enterprise_id,
                )
            )

    if check_minimums:
        for label, attribute, minimums in (
            ("park", "park_id", problem.min_villages_per_park),
            ("county", "county_code", problem.min_villages_per_county),
        ):
            for group, minimum in minimums.items():
                led = sum(
                    taken for eid, taken in count.items() if getattr(enterprises[eid], attribute) == group
                )
                if led < minimum:
                    violations.append(
                        Violation(
                            ViolationKind.MINIMUM_MISSED,
                            f"{label} {group}: its enterprises lead {led} villages, at least {minimum} required",
                        )
                    )
    return violations


def check_pairing(
    problem: AidProblem,
    assignment: Mapping[str, str | None],
    *,
    allow_uncovered: bool = False,
    check_minimums: bool = True,
) -> None:
    """Raise `InvalidPairing` naming every fault; return quietly for a valid pairing."""
    violations = find_violations(
        problem, assignment, allow_uncovered=allow_uncovered, check_minimums=check_minimums
    )
    if violations:
        raise InvalidPairing(violations)


def find_helper_violations(
    problem: AidProblem,
    lead: Mapping[str, str | None],
    helpers: Mapping[str, tuple[str, ...]],
    *,
    load_share: float,
    helpers_per_village: int,
    max_helped_per_enterprise: int,
) -> list[Violation]:
    """Faults of a helper assignment: helpers only for covered villages and never the lead, acceptable
    and unforbidden pairs, per-village and per-enterprise counts, and budgets (leads plus helper
    shares)."""
    violations: list[Violation] = []
    enterprises = {e.enterprise_id: e for e in problem.enterprises}
    acceptable = {(p.enterprise_id, p.village_id): p for p in problem.pairs}
    forbidden = {
        (lock.enterprise_id, lock.village_id) for lock in problem.locks if lock.action is LockAction.FORBID
    }
    used: dict[str, float] = defaultdict(float)
    for village_id, enterprise_id in lead.items():
        pair = None if enterprise_id is None else acceptable.get((enterprise_id, village_id))
        if enterprise_id is not None and pair is not None:
            used[enterprise_id] += pair.load
    helped: dict[str, int] = defaultdict(int)
    for village_id, helper_ids in helpers.items():
        if lead.get(village_id) is None:
            violations.append(
                Violation(
                    ViolationKind.UNCOVERED_VILLAGE,
                    f"village {village_id} has helpers but no lead",
                    village_id,
                )
            )
        if len(helper_ids) > helpers_per_village or len(set(helper_ids)) != len(helper_ids):
            violations.append(
                Violation(
                    ViolationKind.OVER_COUNT,
                    f"village {village_id} has helpers {', '.join(helper_ids)}, at most {helpers_per_village} distinct",
                    village_id,
                )
            )
        for enterprise_id in helper_ids:
            key = (enterprise_id, village_id)
            pair = acceptable.get(key)
            if enterprise_id == lead.get(village_id):
                violations.append(
                    Violation(
                        ViolationKind.UNACCEPTABLE_PAIR,
                        f"{enterprise_id} both leads and helps {village_id}",
                        village_id,
                        enterprise_id,
                    )
                )
            if pair is None or key in forbidden:
                violations.append(
                    Violation(
                        ViolationKind.FORBIDDEN_PAIR if key in forbidden else ViolationKind.UNACCEPTABLE_PAIR,
                        f"helper pair {enterprise_id}–{village_id} is not allowed",
                        village_id,
                        enterprise_id,
                    )
                )
                continue
            used[enterprise_id] += load_share * pair.load
            helped[enterprise_id] += 1
    for enterprise_id, total in used.items():
        capacity = enterprises[enterprise_id].capacity
        if total > capacity + BUDGET_TOLERANCE * max(1.0, capacity):
            violations.append(
                Violation(
                    ViolationKind.OVER_BUDGET,
                    f"enterprise {enterprise_id} uses {total:g} with its helper shares, budget {capacity:g}",
                    enterprise_id=enterprise_id,
                )
            )
    for enterprise_id, count in helped.items():
        if count > max_helped_per_enterprise:
            violations.append(
                Violation(
                    ViolationKind.OVER_COUNT,
                    f"enterprise {enterprise_id} helps {count} villages, at most {max_helped_per_enterprise}",
                    enterprise_id=enterprise_id,
                )
            )
    return violations

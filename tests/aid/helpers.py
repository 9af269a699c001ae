"""Small problem builders and a brute-force oracle for the aid-pairing tests."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path

from hypothesis import strategies as st

from matching.aid.problem import AidProblem, Enterprise, Lock, LockAction, Objective, Pair, Village

ORLIB = Path(__file__).resolve().parents[1] / "data" / "orlib-gap"


def make_problem(
    capacities: Sequence[float],
    pairs: Sequence[tuple[int, int, float, float]],
    villages: int,
    *,
    max_villages: Sequence[int | None] | None = None,
    locks: Sequence[tuple[int, int, str]] = (),
    objective: Objective = Objective.MAX,
    parks: Sequence[str | None] | None = None,
    min_per_park: Mapping[str, int] | None = None,
) -> AidProblem:
    """Enterprises E0…, villages V0…; pairs as (enterprise, village, value, load)."""
    limits = max_villages or [None] * len(capacities)
    park_ids = parks or [None] * len(capacities)
    return AidProblem(
        enterprises=tuple(
            Enterprise(f"E{i}", float(c), limits[i], park_id=park_ids[i]) for i, c in enumerate(capacities)
        ),
        villages=tuple(Village(f"V{j}") for j in range(villages)),
        pairs=tuple(Pair(f"E{e}", f"V{v}", float(value), float(load)) for e, v, value, load in pairs),
        locks=tuple(Lock(f"E{e}", f"V{v}", LockAction(action)) for e, v, action in locks),
        objective=objective,
        min_villages_per_park=dict(min_per_park or {}),
    )


def brute_force(problem: AidProblem, allow_uncovered: bool = False) -> tuple[int, float | None]:
    """(fewest uncovered villages, best value among the pairings with that many) by enumeration;
    value None when no pairing exists. Only for a handful of villages."""
    from matching.aid.audit import find_violations

    options: list[list[str | None]] = []
    for village in problem.villages:
        choices: list[str | None] = [
            p.enterprise_id for p in problem.pairs if p.village_id == village.village_id
        ]
        if allow_uncovered:
            choices.append(None)
        options.append(choices)
    best: tuple[int, float, float] | None = None  # (uncovered, -desirability, value)
    for combination in itertools.product(*options):
        assignment = {v.village_id: e for v, e in zip(problem.villages, combination, strict=True)}
        if find_violations(
            problem, assignment, allow_uncovered=allow_uncovered, check_minimums=not allow_uncovered
        ):
            continue
        uncovered = sum(1 for e in combination if e is None)
        value = sum(
            problem.pairs[problem.pair_index[(e, v)]].value for v, e in assignment.items() if e is not None
        )
        desirability = value if problem.objective is Objective.MAX else -value
        key = (uncovered, -desirability, value)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is None:
        return len(problem.villages), None
    return best[0], best[2]


@st.composite
def small_problems(draw: st.DrawFn, max_villages: int = 5, max_enterprises: int = 3) -> AidProblem:
    """Random small problems: sparse pairs, tight budgets, counts, locks, sometimes infeasible."""
    enterprises = draw(st.integers(1, max_enterprises))
    villages = draw(st.integers(1, max_villages))
    pairs = []
    for v in range(villages):
        for e in range(enterprises):
            if draw(st.booleans()) or e == v % enterprises:
                pairs.append((e, v, draw(st.integers(-5, 30)), draw(st.integers(0, 12))))
    capacities = [draw(st.integers(0, 45)) for _ in range(enterprises)]
    limits = [draw(st.one_of(st.none(), st.integers(0, 3))) for _ in range(enterprises)]
    locks: list[tuple[int, int, str]] = []
    fixed_villages: set[int] = set()
    for e, v, _value, _load in pairs:
        roll = draw(st.integers(0, 9))
        if roll == 0 and v not in fixed_villages:
            locks.append((e, v, "fix"))
            fixed_villages.add(v)
        elif roll == 1:
            locks.append((e, v, "forbid"))
    # a fixed pair cannot also be forbidden
    fixed_pairs = {(e, v) for e, v, a in locks if a == "fix"}
    locks = [lock for lock in locks if lock[2] == "fix" or (lock[0], lock[1]) not in fixed_pairs]
    objective = draw(st.sampled_from(list(Objective)))
    return make_problem(capacities, pairs, villages, max_villages=limits, locks=locks, objective=objective)

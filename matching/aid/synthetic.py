"""Generated aid-pairing inputs for tests and benchmarks, in the CSV contract's columns.

`profile_frames` draws real Dandong villages and townships from matching.reference; sizes beyond the
656 rural villages reuse them with a numbered suffix. `gap_frames` makes OR-Library-like pairs (type
C: loads 5–25, values 10–50, budgets 80 % of the average load), optionally sparse.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.reference import AID_NEEDS, dandong_townships, dandong_villages

PARKS = tuple(f"park-{k}" for k in range(1, 9))  # Dandong has 8 parks
DEMO_BUDGET_PER_VILLAGE = 4_200_000 / 101  # the demo: about 4.2 million yuan for 101 villages


@dataclass(frozen=True)
class ProfileShape:
    enterprises: int = 96
    villages: int = 101
    villages_per_enterprise: tuple[int, int] = (1, 3)  # max_villages drawn in this range
    budget_per_village: float = DEMO_BUDGET_PER_VILLAGE  # total budget = this × villages
    continuity_share: float = 0.5  # villages with last year's lead enterprise


def _needs(rng: np.random.Generator, low: int, high: int) -> str:
    count = int(rng.integers(low, high + 1))
    picked = rng.choice(len(AID_NEEDS), size=count, replace=False)
    return ";".join(AID_NEEDS[i] for i in sorted(picked))


def profile_frames(shape: ProfileShape, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(enterprises, villages) with profile columns; every cell a string, as read from CSV."""
    rng = np.random.default_rng(seed)
    rural = [unit for unit in dandong_villages() if unit.is_village]
    picks = rng.choice(len(rural), size=shape.villages, replace=shape.villages > len(rural))
    seen: dict[str, int] = {}
    village_ids = []
    for i in picks:
        code = rural[i].code
        seen[code] = seen.get(code, 0) + 1
        village_ids.append(code if seen[code] == 1 else f"{code}-{seen[code]}")
    townships = sorted(dandong_townships())
    enterprise_ids = [f"E{k:04d}" for k in range(1, shape.enterprises + 1)]
    enterprise_townships = [townships[i] for i in rng.integers(0, len(townships), shape.enterprises)]

    raw_budget = rng.lognormal(0.0, 0.5, shape.enterprises)
    budgets = np.round(raw_budget / raw_budget.sum() * shape.budget_per_village * shape.villages, -3)
    budgets = np.maximum(budgets, 10_000)
    low, high = shape.villages_per_enterprise
    enterprises = pd.DataFrame(
        {
            "enterprise_id": enterprise_ids,
            "capacity": [f"{b:.0f}" for b in budgets],
            "max_villages": [str(m) for m in rng.integers(low, high + 1, shape.enterprises)],
            "capabilities": [_needs(rng, 1, 4) for _ in enterprise_ids],
            "county_code": [t[:6] for t in enterprise_townships],
            "township_code": enterprise_townships,
            "park_id": [PARKS[i] for i in rng.integers(0, len(PARKS), shape.enterprises)],
        },
        dtype=object,
    )
    previous = [
        enterprise_ids[int(rng.integers(0, shape.enterprises))]
        if rng.random() < shape.continuity_share
        else ""
        for _ in village_ids
    ]
    villages = pd.DataFrame(
        {
            "village_id": village_ids,
            "name": [rural[i].name for i in picks],
            "county_code": [rural[i].county_code for i in picks],
            "township_code": [rural[i].township_code for i in picks],
            "population": [
                str(int(p)) for p in np.clip(rng.lognormal(np.log(1100), 0.5, shape.villages), 300, 3000)
            ],
            "income": [f"{i:.0f}" for i in np.clip(rng.normal(15_000, 3_500, shape.villages), 8_000, 25_000)],
            "needs": [_needs(rng, 1, 3) for _ in village_ids],
            "previous_enterprise_id": previous,
        },
        dtype=object,
    )
    return enterprises, villages


def gap_frames(
    enterprises: int,
    villages: int,
    seed: int = 0,
    *,
    pairs_per_village: int | None = None,
    tightness: float = 0.8,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(enterprises, villages, pairs) like OR-Library type C; `pairs_per_village` random enterprises
    per village when set (sparse), else every pair. Budget = tightness × expected load per enterprise."""
    rng = np.random.default_rng(seed)
    per_village = enterprises if pairs_per_village is None else min(pairs_per_village, enterprises)
    enterprise_of = np.concatenate(
        [np.sort(rng.choice(enterprises, size=per_village, replace=False)) for _ in range(villages)]
    )
    village_of = np.repeat(np.arange(villages), per_village)
    loads = rng.integers(5, 26, size=len(enterprise_of))
    values = rng.integers(10, 51, size=len(enterprise_of))
    expected = np.bincount(enterprise_of, weights=loads, minlength=enterprises) / per_village
    capacity = np.maximum(np.floor(tightness * expected), 25)
    enterprise_ids = [f"agent-{i + 1}" for i in range(enterprises)]
    village_ids = [f"job-{j + 1}" for j in range(villages)]
    return (
        pd.DataFrame({"enterprise_id": enterprise_ids, "capacity": capacity.astype(np.int64)}),
        pd.DataFrame({"village_id": village_ids}),
        pd.DataFrame(
            {
                "enterprise_id": [enterprise_ids[i] for i in enterprise_of],
                "village_id": [village_ids[j] for j in village_of],
                "value": values,
                "load": loads,
            }
        ),
    )

"""Random fair days in the DIR contract (seeded numpy), for tests and the benchmark.

The demo scale of issue 5: 143 booths with 1–3 interviewers, about 2,000 graduates with up to 3
interviews each (about 5,000 interviews), 09:00–17:00 in 30-minute slots (16 slots). Popular booths are
asked for more interviews than they can hold; some booths arrive late or take a lunch break, some graduates
have a class and a few a lower max_interviews.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.jobfair.timetable.problem import format_clock, parse_clock


@dataclass(frozen=True)
class SyntheticFair:
    fair: pd.DataFrame
    interviews: pd.DataFrame
    booths: pd.DataFrame
    graduates: pd.DataFrame


def synthetic_fair(
    booth_count: int = 143,
    graduate_count: int = 2_000,
    *,
    max_per_graduate: int = 3,
    seed: int = 2026,
    opens: str = "09:00",
    closes: str = "17:00",
    slot_minutes: int = 30,
    min_gap_minutes: int = 0,
    interviewer_weights: tuple[float, ...] = (0.2, 0.4, 0.4),  # share of booths with 1, 2, 3 interviewers
    late_share: float = 0.1,
    break_share: float = 0.3,
    class_share: float = 0.2,
    limit_share: float = 0.1,
) -> SyntheticFair:
    rng = np.random.default_rng(seed)
    open_minutes, close_minutes = parse_clock(opens), parse_clock(closes)
    assert open_minutes is not None and close_minutes is not None
    day = close_minutes - open_minutes

    enterprise_ids = [f"E{b + 1:03d}" for b in range(booth_count)]
    interviewers = rng.choice(np.arange(1, len(interviewer_weights) + 1), booth_count, p=interviewer_weights)
    late = rng.random(booth_count) < late_share
    arrives = [format_clock(open_minutes + 2 * slot_minutes) if is_late else "" for is_late in late]
    has_break = rng.random(booth_count) < break_share
    lunch = open_minutes + (day // 2 // slot_minutes) * slot_minutes
    break_start = lunch + slot_minutes * rng.integers(0, 2, booth_count)
    breaks = [
        f"{format_clock(int(start))}-{format_clock(int(start) + slot_minutes)}" if on else ""
        for on, start in zip(has_break, break_start, strict=True)
    ]
    booths = pd.DataFrame(
        {
            "enterprise_id": enterprise_ids,
            "interviewers": interviewers.astype(str),
            "arrives": arrives,
            "breaks": breaks,
            "booth": [f"{'ABCD'[b % 4]}-{b // 4 + 1:02d}" for b in range(booth_count)],
            "enterprise_name": [f"丹东园区企业{b + 1:03d}" for b in range(booth_count)],
        }
    )

    graduate_ids = [f"G{g + 1:05d}" for g in range(graduate_count)]
    sizes = np.arange(1, max_per_graduate + 1)
    size_weights = sizes.astype(float) ** 2
    per_graduate = rng.choice(sizes, graduate_count, p=size_weights / size_weights.sum())
    per_graduate = np.minimum(per_graduate, booth_count)
    popularity = 1.0 / (np.arange(booth_count) + 10.0) ** 0.5
    popularity = rng.permutation(popularity / popularity.sum())
    # Gumbel top-k: k distinct booths per graduate drawn by popularity, without a Python loop over booths.
    keys = np.log(popularity)[None, :] + rng.gumbel(size=(graduate_count, booth_count))
    ranked = np.argsort(-keys, axis=1)
    rows = []
    for graduate in range(graduate_count):
        count = int(per_graduate[graduate])
        wished = rng.random() < 0.6
        for rank, booth in enumerate(ranked[graduate, :count].tolist(), start=1):
            rows.append(
                (
                    graduate_ids[graduate],
                    enterprise_ids[booth],
                    f"{enterprise_ids[booth]}-P{1 + (graduate + booth) % 5}",
                    f"{rng.uniform(0.3, 1.0):.3f}",
                    str(rank) if wished else "",
                )
            )
    interviews = pd.DataFrame(
        rows, columns=["graduate_id", "enterprise_id", "position_id", "score", "wish_rank"]
    )

    has_class = rng.random(graduate_count) < class_share
    class_start = open_minutes + slot_minutes * rng.integers(
        0, max(1, day // slot_minutes - 2), graduate_count
    )
    class_length = slot_minutes * rng.integers(2, 5, graduate_count)
    unavailable = [
        f"{format_clock(int(start))}-{format_clock(min(int(start + length), close_minutes))}" if on else ""
        for on, start, length in zip(has_class, class_start, class_length, strict=True)
    ]
    limited = rng.random(graduate_count) < limit_share
    graduates = pd.DataFrame(
        {
            "graduate_id": graduate_ids,
            "name": [f"毕业生{g + 1:05d}" for g in range(graduate_count)],
            "max_interviews": ["2" if on else "" for on in limited],
            "unavailable": unavailable,
        }
    )
    fair = pd.DataFrame(
        {
            "opens": [opens],
            "closes": [closes],
            "slot_minutes": [str(slot_minutes)],
            "min_gap_minutes": [str(min_gap_minutes)],
        }
    )
    return SyntheticFair(fair, interviews, booths, graduates)

"""A hypothesis strategy for random small fair days (contract frames), clashes and all."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from hypothesis import strategies as st

from matching.jobfair.timetable.problem import format_clock

OPENS = 9 * 60


@dataclass(frozen=True)
class Day:
    fair: pd.DataFrame
    interviews: pd.DataFrame
    booths: pd.DataFrame
    graduates: pd.DataFrame


@st.composite
def days(draw: st.DrawFn, max_interviews: int = 12, max_slots: int = 6, held: bool = True) -> Day:
    slot = draw(st.sampled_from([20, 30]))
    slot_count = draw(st.integers(2, max_slots))
    closes = OPENS + slot * slot_count
    gap = draw(st.sampled_from([0, 0, 10, slot, 2 * slot]))

    def inside_window() -> st.SearchStrategy[str]:
        starts = st.integers(OPENS // 5, closes // 5 - 1).map(lambda m: m * 5)
        return starts.flatmap(
            lambda begin: st.integers(begin // 5 + 1, closes // 5).map(
                lambda end: f"{format_clock(begin)}-{format_clock(end * 5)}"
            )
        )

    booth_count = draw(st.integers(1, 4))
    booth_rows = []
    for booth in range(booth_count):
        arrives = draw(st.integers(0, slot_count - 1))
        leaves = draw(st.integers(arrives + 1, slot_count))
        booth_rows.append(
            {
                "enterprise_id": f"E{booth}",
                "interviewers": str(draw(st.integers(1, 3))),
                "arrives": format_clock(OPENS + arrives * slot) if draw(st.booleans()) else "",
                "leaves": format_clock(OPENS + leaves * slot)
                if draw(st.booleans()) and leaves > arrives
                else "",
                "breaks": draw(st.one_of(st.just(""), inside_window())),
            }
        )
    # `arrives` and `leaves` drawn independently may cross: keep leaves after arrives.
    for row in booth_rows:
        if row["arrives"] and row["leaves"] and row["leaves"] <= row["arrives"]:
            row["leaves"] = ""

    graduate_count = draw(st.integers(1, 6))
    graduate_rows = [
        {
            "graduate_id": f"G{graduate}",
            "max_interviews": draw(st.sampled_from(["", "", "0", "1", "2", "3"])),
            "unavailable": draw(st.one_of(st.just(""), inside_window())),
        }
        for graduate in range(graduate_count)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, graduate_count - 1), st.integers(0, booth_count - 1)),
            min_size=1,
            max_size=max_interviews,
            unique=True,
        )
    )
    statuses = ["pending"] * 6 + ["no_show", "cancelled"] + (["held", "started"] if held else [])
    interview_rows = []
    for graduate, booth in pairs:
        status = draw(st.sampled_from(statuses))
        start = ""
        if status in ("held", "started") or draw(st.integers(0, 4)) == 0:
            start = format_clock(OPENS + slot * draw(st.integers(0, slot_count - 1)))
        interview_rows.append(
            {
                "graduate_id": f"G{graduate}",
                "enterprise_id": f"E{booth}",
                "position_id": f"P{booth}",
                "score": draw(st.sampled_from(["", "0", "0.3", "0.7", "1", "55"])),
                "wish_rank": draw(st.sampled_from(["", "1", "2", "3"])),
                "status": status,
                "start": start,
            }
        )
    fair = pd.DataFrame(
        {
            "opens": [format_clock(OPENS)],
            "closes": [format_clock(closes)],
            "slot_minutes": [str(slot)],
            "min_gap_minutes": [str(gap)],
        }
    )
    return Day(fair, pd.DataFrame(interview_rows), pd.DataFrame(booth_rows), pd.DataFrame(graduate_rows))

"""Builders for job-fair tests: contract frames from plain Python data, a hypothesis strategy for random
small fairs, and a textbook one-proposal-at-a-time Gale–Shapley to check the vectorised one against."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from matching.jobfair.candidates import CandidateSet, build_candidates
from matching.jobfair.problem import JobFairProblem, build_problem

DATA = Path(__file__).resolve().parents[1] / "data" / "matching-benchmarks"


def graduates_frame(ids: list[str], **profile: list[Any]) -> pd.DataFrame:
    return pd.DataFrame({"graduate_id": ids, **profile})


def positions_frame(
    capacity: dict[str, int], enterprise: dict[str, str] | None = None, **profile: list[Any]
) -> pd.DataFrame:
    ids = list(capacity)
    return pd.DataFrame(
        {
            "position_id": ids,
            "enterprise_id": [(enterprise or {}).get(p, f"E-{p}") for p in ids],
            "capacity": [str(capacity[p]) for p in ids],
            **profile,
        }
    )


def ranked_frame(lists: dict[str, list[str]], chooser: str, chosen: str) -> pd.DataFrame:
    rows = [(who, item, rank) for who, items in lists.items() for rank, item in enumerate(items, start=1)]
    return pd.DataFrame(rows, columns=[chooser, chosen, "rank"]).astype({"rank": str})


def locks_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["graduate_id", "position_id", "action"])


@dataclass(frozen=True)
class Market:
    """A hospitals/residents-style instance: both sides rank, positions have capacities."""

    graduate_lists: dict[str, list[str]]
    position_lists: dict[str, list[str]]
    capacity: dict[str, int]

    def problem(self, locks: list[tuple[str, str, str]] | None = None) -> JobFairProblem:
        graduates = graduates_frame(
            sorted(set(self.graduate_lists) | {g for gs in self.position_lists.values() for g in gs})
        )
        return build_problem(
            graduates,
            positions_frame(self.capacity),
            ranked_frame(self.graduate_lists, "graduate_id", "position_id"),
            ranked_frame(self.position_lists, "position_id", "graduate_id"),
            locks_frame(locks) if locks else None,
        )


def south_wales() -> Market:
    folder = DATA / "hr_south_wales"

    def read(name: str) -> Any:
        return json.loads((folder / name).read_text(encoding="utf-8"))

    return Market(read("residents.json"), read("hospitals.json"), read("capacities.json"))


def assignment(candidates: CandidateSet, pairs: np.ndarray) -> dict[str, str]:
    graduates, positions = candidates.problem.graduates.ids, candidates.problem.positions.ids
    return {
        graduates[g]: positions[p]
        for g, p in zip(candidates.graduate[pairs], candidates.position[pairs], strict=True)
    }


def by_position(matching: dict[str, str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for graduate, position in matching.items():
        result.setdefault(position, []).append(graduate)
    return {position: sorted(graduates) for position, graduates in result.items()}


# ---------------------------------------------------------------- reference Gale–Shapley
def reference_stable(candidates: CandidateSet, graduates_propose: bool) -> set[tuple[int, int]]:
    """One proposal at a time, from Python lists, on the candidate set's strict orders (no locks)."""
    graduate_list: dict[int, list[int]] = {}
    position_list: dict[int, list[int]] = {}
    graduate_rank: dict[tuple[int, int], int] = {}
    position_rank: dict[tuple[int, int], int] = {}
    for index in range(candidates.pair_count):
        g, p = int(candidates.graduate[index]), int(candidates.position[index])
        graduate_rank[g, p] = int(candidates.graduate_order[index])
        position_rank[g, p] = int(candidates.position_order[index])
    for (g, p), _ in sorted(graduate_rank.items(), key=lambda item: item[1]):
        graduate_list.setdefault(g, []).append(p)
    for (g, p), _ in sorted(position_rank.items(), key=lambda item: item[1]):
        position_list.setdefault(p, []).append(g)
    capacity = {p: int(c) for p, c in enumerate(candidates.capacity)}
    if graduates_propose:
        held: dict[int, list[int]] = {p: [] for p in capacity}
        free = deque(sorted(graduate_list))
        next_choice = dict.fromkeys(graduate_list, 0)
        while free:
            g = free.popleft()
            if next_choice[g] >= len(graduate_list[g]):
                continue
            p = graduate_list[g][next_choice[g]]
            next_choice[g] += 1
            held[p].append(g)
            held[p].sort(key=lambda other: position_rank[other, p])
            if len(held[p]) > capacity[p]:
                free.append(held[p].pop())
        return {(g, p) for p, gs in held.items() for g in gs}
    engaged: dict[int, int] = {}
    open_places = dict(capacity)
    next_choice = dict.fromkeys(position_list, 0)
    active = deque(p for p in sorted(position_list) if open_places[p] > 0)
    while active:
        p = active.popleft()
        while open_places[p] > 0 and next_choice[p] < len(position_list[p]):
            g = position_list[p][next_choice[p]]
            next_choice[p] += 1
            current = engaged.get(g)
            if current is None or graduate_rank[g, p] < graduate_rank[g, current]:
                engaged[g] = p
                open_places[p] -= 1
                if current is not None:
                    open_places[current] += 1
                    active.append(current)
    return {(g, p) for g, p in engaged.items()}


# ---------------------------------------------------------------- random small fairs
DEGREES = ["", "专科", "本科", "硕士", "博士"]
MAJORS = ["080901", "080902", "080910T", "120203K", "050201", "081001"]
ACCEPTED = ["", "080901", "0809", "08", "12", "080901;050201", "0810"]
COUNTIES = ["", "210602", "210603", "210681", "210102"]
PLACES = ["", "210602", "2106", "21", "210681;2101", "11"]
INDUSTRIES = ["", "C", "39", "391", "I;65", "6511"]
ENTERPRISE_INDUSTRIES = ["", "3911", "6511", "3921", "4710"]


Frames = dict[str, pd.DataFrame | None]  # the contract frames by build_problem's argument name


@st.composite
def small_fairs(
    draw: st.DrawFn, *, max_graduates: int = 8, max_positions: int = 5, with_locks: bool = False
) -> Frames:
    """Contract frames of a random fair: profiles (so fit scores and their ties matter), optional wish and
    position lists (some people without one), optional locks that a feasible run can honour."""
    graduate_count = draw(st.integers(1, max_graduates))
    position_count = draw(st.integers(1, max_positions))
    graduate_ids = [f"g{i}" for i in range(graduate_count)]
    position_ids = [f"p{i}" for i in range(position_count)]
    profiled = draw(st.booleans())

    def pick(options: list[str], count: int) -> list[str]:
        return [draw(st.sampled_from(options)) if profiled else "" for _ in range(count)]

    graduates = graduates_frame(
        graduate_ids,
        major_code=pick(MAJORS, graduate_count),
        degree=pick(DEGREES, graduate_count),
        home_county=pick(COUNTIES, graduate_count),
        preferred_places=pick(PLACES, graduate_count),
        preferred_industries=pick(INDUSTRIES, graduate_count),
        expected_salary=[str(draw(st.sampled_from(["", "4000", "6000", "9000"]))) for _ in graduate_ids],
    )
    capacity = {p: draw(st.integers(0, 3)) for p in position_ids}
    enterprises = {p: f"e{draw(st.integers(0, max(0, position_count // 2)))}" for p in position_ids}
    positions = positions_frame(
        capacity,
        enterprises,
        accepted_majors=pick(ACCEPTED, position_count),
        min_degree=pick(DEGREES, position_count),
        salary_min=pick(["", "3000", "5000"], position_count),
        salary_max=pick(["", "8000"], position_count),
        work_county=pick(COUNTIES, position_count),
        industry_code=pick(ENTERPRISE_INDUSTRIES, position_count),
    )
    graduate_preferences = position_preferences = None
    if draw(st.booleans()):
        lists = {
            g: draw(st.lists(st.sampled_from(position_ids), unique=True, max_size=position_count))
            for g in graduate_ids
            if draw(st.booleans()) or not profiled
        }
        graduate_preferences = ranked_frame(lists, "graduate_id", "position_id")
    if draw(st.booleans()):
        lists = {
            p: draw(st.lists(st.sampled_from(graduate_ids), unique=True, max_size=graduate_count))
            for p in position_ids
            if draw(st.booleans())
        }
        position_preferences = ranked_frame(lists, "position_id", "graduate_id")
    locks = None
    if with_locks:
        rows = []
        room = dict(capacity)
        for g in graduate_ids:
            action = draw(st.sampled_from(["", "", "fix", "forbid"]))
            p = draw(st.sampled_from(position_ids))
            if action == "fix" and room[p] > 0:
                room[p] -= 1
                rows.append((g, p, "fix"))
            elif action == "forbid":
                rows.append((g, p, "forbid"))
        locks = locks_frame(rows) if rows else None
    return {
        "graduates": graduates,
        "positions": positions,
        "graduate_preferences": graduate_preferences,
        "position_preferences": position_preferences,
        "locks": locks,
    }


def candidates_of(
    frames: dict[str, pd.DataFrame | None], seed: int = 0, per_graduate: int = 3
) -> CandidateSet:
    graduates, positions = frames["graduates"], frames["positions"]
    assert graduates is not None and positions is not None
    problem = build_problem(
        graduates, positions, frames["graduate_preferences"], frames["position_preferences"], frames["locks"]
    )
    return build_candidates(problem, seed=seed, candidates_per_graduate=per_graduate)

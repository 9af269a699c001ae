"""Re-runs: the previous run's pairs in this run's candidate set, and who moved since, with why.

A move is a real change only: a graduate of both runs whose position differs (a placement), or whose set
of recommended positions differs (a shortlist), matched ↔ unmatched included. Graduates new to the fair,
or gone from it, are not moves. The reason is the first of `MoveReason` that applies (see there).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from matching.jobfair.arrays import BoolArray, IntArray
from matching.jobfair.candidates import CandidateSet
from matching.jobfair.result import GraduateMove, KeepReport, MoveReason


@dataclass(frozen=True)
class PreviousRun:
    """The previous run of the same method: one row per pair (`graduate_id`, `position_id`), and a row with
    an empty `position_id` for a graduate it left unmatched (or without a recommendation); its seed."""

    pairs: pd.DataFrame
    seed: int | None = None


@dataclass(frozen=True, eq=False)
class _Previous:
    graduates: IntArray  # graduates of the previous run still in the fair (sorted, distinct)
    graduate: IntArray  # its pairs whose graduate is still in the fair …
    position: IntArray  # … and the position's index (−1: the position is no longer in the fair)
    position_id: np.ndarray  # the position's id, as the previous run had it


def _resolve(candidates: CandidateSet, previous: PreviousRun) -> _Previous:
    problem = candidates.problem
    frame = previous.pairs
    graduate = pd.Index(problem.graduates.ids).get_indexer(frame["graduate_id"].astype(str).to_numpy())
    position_id = frame["position_id"].fillna("").astype(str).to_numpy()
    present = graduate >= 0
    graduates = np.unique(graduate[present]).astype(np.int64)
    paired = present & (position_id != "")
    position = pd.Index(problem.positions.ids).get_indexer(position_id[paired]).astype(np.int64)
    return _Previous(graduates, graduate[paired].astype(np.int64), position, position_id[paired])


def keep_mask(candidates: CandidateSet, previous: PreviousRun) -> BoolArray:
    """Per candidate: a pair of the previous run."""
    resolved = _resolve(candidates, previous)
    known = resolved.position >= 0
    index = candidates.pair_index(resolved.graduate[known], resolved.position[known])
    mask = np.zeros(candidates.pair_count, dtype=bool)
    mask[index[index >= 0]] = True
    return mask


def compare(
    candidates: CandidateSet,
    chosen: IntArray,
    previous: PreviousRun,
    *,
    seed: int,
    stability: bool,
    headcount: bool,
    given_up: float,
    tolerance: float | None,
) -> tuple[KeepReport, tuple[GraduateMove, ...]]:
    """What this run (candidate indices `chosen`) kept of `previous`, and every graduate who moved
    (`headcount`: fixed pairs take headcount, as in a placement)."""
    problem = candidates.problem
    resolved = _resolve(candidates, previous)
    width = max(problem.position_count, 1) + 1  # the last column: a position no longer in the fair
    gone = width - 1
    before_keys = resolved.graduate * width + np.where(resolved.position >= 0, resolved.position, gone)
    chosen_graduate, chosen_position = candidates.graduate[chosen], candidates.position[chosen]
    in_both = np.isin(chosen_graduate, resolved.graduates)
    after_keys = chosen_graduate[in_both] * width + chosen_position[in_both]
    kept = int(np.isin(before_keys[resolved.position >= 0], after_keys).sum())
    report = KeepReport(int((resolved.position >= 0).sum()), kept, max(given_up, 0.0), tolerance)
    moved = np.unique(np.setxor1d(before_keys, after_keys) // width)
    if not len(moved):
        return report, ()
    locks = problem.locks
    forbidden = set((locks.graduate[~locks.fixed] * width + locks.position[~locks.fixed]).tolist())
    fixed_keys = candidates.graduate[candidates.fixed] * width + candidates.position[candidates.fixed]
    fixed_by_graduate: dict[int, set[int]] = {}
    for key in fixed_keys.tolist():
        fixed_by_graduate.setdefault(key // width, set()).add(key % width)
    before: dict[int, list[int]] = {int(g): [] for g in moved}
    before_ids: dict[int, list[str]] = {int(g): [] for g in moved}
    pick = np.isin(resolved.graduate, moved)
    for g, p, name in zip(
        resolved.graduate[pick].tolist(),
        resolved.position[pick].tolist(),
        resolved.position_id[pick].tolist(),
        strict=True,
    ):
        before[g].append(p)
        before_ids[g].append(str(name))
    after: dict[int, list[int]] = {int(g): [] for g in moved}
    pick = np.isin(chosen_graduate, moved)
    for g, p in zip(chosen_graduate[pick].tolist(), chosen_position[pick].tolist(), strict=True):
        after[g].append(p)
    position_ids = problem.positions.ids
    room = candidates.residual_capacity if headcount else candidates.capacity
    new_seed = previous.seed is not None and previous.seed != seed
    moves = []
    for g in moved.tolist():
        lost = [p for p in before[g] if p not in after[g]]
        reason = _reason(
            candidates, g, lost, set(before[g]), fixed_by_graduate.get(g, set()), forbidden, width, room
        )
        if reason is None:
            reason = (
                MoveReason.NEW_SEED
                if new_seed
                else MoveReason.STABILITY
                if stability
                else MoveReason.TOLERANCE
            )
        moves.append(
            GraduateMove(
                str(problem.graduates.ids[g]),
                tuple(before_ids[g]),
                tuple(str(position_ids[p]) for p in after[g]),
                reason,
            )
        )
    return report, tuple(moves)


def _reason(
    candidates: CandidateSet,
    graduate: int,
    lost: list[int],
    before: set[int],
    fixed: set[int],
    forbidden: set[int],
    width: int,
    room: IntArray,
) -> MoveReason | None:
    """The reason a data change or a decision explains; None when only the solve itself does."""
    if not lost:
        return MoveReason.GAINED
    known = [p for p in lost if p >= 0]
    if any(graduate * width + p in forbidden for p in known):
        return MoveReason.REJECTED
    if fixed - before:
        return MoveReason.FIXED_ELSEWHERE
    if len(known) < len(lost):
        return MoveReason.NOT_ACCEPTABLE  # the position is no longer in the fair
    index = candidates.pair_index(np.full(len(known), graduate, dtype=np.int64), np.asarray(known))
    if (index < 0).any():
        return MoveReason.NOT_ACCEPTABLE
    if (room[np.asarray(known)] == 0).any():
        return MoveReason.POSITION_FULL
    return None

"""Stable matching with headcounts: deferred acceptance, either side proposing, vectorised by rounds.

In every round all free proposers propose at once and each receiver keeps its best offers among what it
held and what it was offered (one sort per round). This is the classical deferred-acceptance algorithm run
with simultaneous proposals, which ends in the same proposer-optimal stable matching as the one-at-a-time
version (the order of proposals does not change the outcome). Fixed graduates and their headcount are set
aside first; the market runs on what is left.
"""

from __future__ import annotations

import enum

import numpy as np

from matching.jobfair.arrays import IntArray, concatenated_ranges, distinct, offsets_from_counts
from matching.jobfair.candidates import CandidateSet

# this package's own implementation, version 1 (its name is the message `solver.deferred-acceptance`)
SOLVER_VERSION = "1"


class Proposing(enum.StrEnum):
    GRADUATES = "graduates"  # graduate-optimal: the default
    POSITIONS = "positions"  # position-optimal


def stable_pairs(candidates: CandidateSet, proposing: Proposing = Proposing.GRADUATES) -> IntArray:
    """Candidate indices of the stable matching (fixed pairs included), sorted."""
    free_pair = ~candidates.fixed_graduate[candidates.graduate]
    capacity = candidates.residual_capacity
    if proposing is Proposing.GRADUATES:
        pairs = np.flatnonzero(free_pair)
        start = offsets_from_counts(
            np.bincount(candidates.graduate[pairs], minlength=candidates.graduate_count)
        )
        held = graduates_propose(
            start, candidates.position[pairs], candidates.position_order[pairs], capacity
        )
    elif proposing is Proposing.POSITIONS:
        pairs = candidates.by_position[free_pair[candidates.by_position]]
        start = offsets_from_counts(
            np.bincount(candidates.position[pairs], minlength=candidates.position_count)
        )
        held = positions_propose(
            start,
            candidates.graduate[pairs],
            candidates.graduate_order[pairs],
            capacity,
            candidates.graduate_count,
        )
    else:  # pragma: no cover - an Enum has no other members
        raise ValueError(f"unknown proposing side {proposing!r}")
    chosen = pairs[held[held >= 0]]
    return np.sort(np.concatenate([np.flatnonzero(candidates.fixed), chosen]))


def graduates_propose(
    start: IntArray, position: IntArray, position_order: IntArray, capacity: IntArray
) -> IntArray:
    """Graduate-optimal stable matching.

    Graduate g's list is `position[start[g]:start[g + 1]]`, best first; `position_order` is each pair's
    rank in its position's strict order (lower is better). Returns, per graduate, the index of the pair it
    holds, or −1.
    """
    graduate_count, position_count = len(start) - 1, len(capacity)
    end = start[1:]
    pointer = start[:-1].copy()
    pair_graduate = np.repeat(np.arange(graduate_count, dtype=np.int64), np.diff(start))
    slot_start = offsets_from_counts(capacity)
    slots = np.full(int(slot_start[-1]), -1, dtype=np.int64)  # position p holds slots[slot_start[p]:…+cap]
    empty_rank = int(position_order.max(initial=0)) + 1
    rank_span = empty_rank + 1
    proposing = np.flatnonzero(pointer < end)
    while len(proposing):
        proposals = pointer[proposing]
        targets = position[proposals]
        offered = np.bincount(targets, minlength=position_count)
        touched = np.flatnonzero(offered)
        touched_capacity = capacity[touched]
        slot_index = concatenated_ranges(slot_start[touched], touched_capacity)
        entries = np.concatenate([slots[slot_index], proposals])
        entry_position = np.concatenate([np.repeat(touched, touched_capacity), targets])
        entry_rank = np.where(entries >= 0, position_order[np.maximum(entries, 0)], empty_rank)
        ranked = entries[np.argsort(entry_position * rank_span + entry_rank)]
        group_size = touched_capacity + offered[touched]
        kept = concatenated_ranges(np.cumsum(group_size) - group_size, touched_capacity)
        slots[slot_index] = ranked[kept]
        dropped = np.ones(len(ranked), dtype=bool)
        dropped[kept] = False
        rejected = ranked[dropped]
        losers = pair_graduate[rejected[rejected >= 0]]
        pointer[losers] += 1
        proposing = losers[pointer[losers] < end[losers]]
    held = slots[slots >= 0]
    result = np.full(graduate_count, -1, dtype=np.int64)
    result[pair_graduate[held]] = held
    return result


def positions_propose(
    start: IntArray, graduate: IntArray, graduate_order: IntArray, capacity: IntArray, graduate_count: int
) -> IntArray:
    """Position-optimal stable matching.

    Position p's list is `graduate[start[p]:start[p + 1]]`, best first; `graduate_order` is each pair's rank
    in its graduate's strict order. Each round a position offers its free headcount to the next graduates on
    its list; each graduate keeps the best offer. Returns, per graduate, the index of the pair it holds, or −1.
    """
    position_count = len(start) - 1
    end = start[1:]
    pointer = start[:-1].copy()
    vacancies = capacity.astype(np.int64, copy=True)
    pair_position = np.repeat(np.arange(position_count, dtype=np.int64), np.diff(start))
    held = np.full(graduate_count, -1, dtype=np.int64)
    rank_span = int(graduate_order.max(initial=0)) + 1
    active = np.flatnonzero((vacancies > 0) & (pointer < end))
    while len(active):
        count = np.minimum(vacancies[active], end[active] - pointer[active])
        proposals = concatenated_ranges(pointer[active], count)
        pointer[active] += count
        vacancies[active] -= count
        targets = graduate[proposals]
        current = held[distinct(targets)]
        entries = np.concatenate([current[current >= 0], proposals])
        entry_graduate = graduate[entries]
        order = np.argsort(entry_graduate * rank_span + graduate_order[entries])
        ranked, ranked_graduate = entries[order], entry_graduate[order]
        best = np.ones(len(ranked), dtype=bool)
        best[1:] = ranked_graduate[1:] != ranked_graduate[:-1]
        held[ranked_graduate[best]] = ranked[best]
        lost_position = pair_position[ranked[~best]]
        vacancies += np.bincount(lost_position, minlength=position_count)
        active = distinct(lost_position)
        active = active[pointer[active] < end[active]]
    return held

"""Checks that can be run on any assignment of a candidate set: validity, blocking pairs, fairness, and the
reason each unmatched graduate has.

An assignment is given as two aligned arrays, `graduate` and `position` (indices into the problem).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from matching import reference
from matching.jobfair.arrays import IntArray, ObjectArray
from matching.jobfair.candidates import NOT_RANKED, CandidateSet
from matching.jobfair.result import BlockingPairs, UnmatchedReason
from matching.jobfair.shortlist import interview_capacity, recommendation_limit
from matching.results import InvalidSolutionError

UNKNOWN_GROUP = "(unknown)"
FAIRNESS_ATTRIBUTES = ("university", "degree", "home_county")


@dataclass(frozen=True)
class ValidityReport:
    """Every fault of an assignment; empty lists mean valid."""

    unacceptable: list[tuple[str, str]] = field(default_factory=list)  # (graduate, position) not a candidate
    forbidden: list[tuple[str, str]] = field(default_factory=list)  # a forbidden pair was used
    missing_fixed: list[tuple[str, str]] = field(default_factory=list)  # a fixed pair was left out
    over_capacity: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # (position or enterprise, used, limit)
    over_assigned: list[tuple[str, int, int]] = field(default_factory=list)  # (graduate, assigned, limit)
    repeated_enterprise: list[tuple[str, str]] = field(default_factory=list)  # shortlist: one booth, twice

    @property
    def is_valid(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)

    def faults(self) -> list[str]:
        """One line per kind of fault, with up to five examples."""
        return [
            f"{name}={getattr(self, name)[:5]!r}" for name in self.__dataclass_fields__ if getattr(self, name)
        ]

    def raise_if_invalid(self) -> None:
        if not self.is_valid:
            raise InvalidAssignmentError(self)


class InvalidAssignmentError(InvalidSolutionError):
    """A broken assignment, naming every fault."""

    def __init__(self, report: ValidityReport) -> None:
        self.report = report
        super().__init__("assignment", report.faults())


def check_validity(candidates: CandidateSet, graduate: IntArray, position: IntArray) -> ValidityReport:
    """A placement: at most one position per graduate, headcounts kept, only candidate pairs, locks kept."""
    return _check(candidates, graduate, position, per_graduate=1, shortlist=False)


def check_shortlist_validity(
    candidates: CandidateSet, graduate: IntArray, position: IntArray, per_graduate: int
) -> ValidityReport:
    """A shortlist: per graduate at most `per_graduate` recommendations and at most its `max_interviews`
    (fixed pairs, officials' decisions, may go beyond: never more than them then), one per enterprise
    (unless officials fixed both), interview capacity (the booth's day) kept, only candidate pairs, locks
    kept."""
    return _check(candidates, graduate, position, per_graduate=per_graduate, shortlist=True)


def _check(
    candidates: CandidateSet, graduate: IntArray, position: IntArray, *, per_graduate: int, shortlist: bool
) -> ValidityReport:
    problem = candidates.problem
    graduate_ids, position_ids = problem.graduates.ids, problem.positions.ids
    enterprise_ids = problem.positions.enterprise_ids
    graduate, position = np.asarray(graduate, dtype=np.int64), np.asarray(position, dtype=np.int64)
    pair = candidates.pair_index(graduate, position)
    locks = problem.locks
    width = max(problem.position_count, 1)
    used_keys = graduate * width + position
    forbidden_used = np.isin(used_keys, locks.graduate[~locks.fixed] * width + locks.position[~locks.fixed])
    forbidden = _id_pairs(graduate_ids[graduate[forbidden_used]], position_ids[position[forbidden_used]])
    bad = (pair < 0) & ~forbidden_used
    unacceptable = _id_pairs(graduate_ids[graduate[bad]], position_ids[position[bad]])
    fixed_graduate, fixed_position = locks.graduate[locks.fixed], locks.position[locks.fixed]
    left_out = ~np.isin(fixed_graduate * width + fixed_position, used_keys)
    missing_fixed = _id_pairs(graduate_ids[fixed_graduate[left_out]], position_ids[fixed_position[left_out]])
    per_graduate_count = np.bincount(graduate, minlength=problem.graduate_count)
    graduate_limit = np.full(problem.graduate_count, per_graduate, dtype=np.int64)
    if shortlist:
        fixed_per_graduate = np.bincount(fixed_graduate, minlength=problem.graduate_count)
        graduate_limit = np.maximum(recommendation_limit(problem, per_graduate), fixed_per_graduate)
    over_assigned = [
        (graduate_ids[g], int(per_graduate_count[g]), int(graduate_limit[g]))
        for g in np.flatnonzero(per_graduate_count > graduate_limit).tolist()
    ]
    if shortlist:
        enterprise = problem.positions.enterprise_index[position]
        limit = interview_capacity(problem)
        load = np.bincount(enterprise, minlength=len(enterprise_ids))
        over_capacity = [
            (enterprise_ids[e], int(load[e]), int(limit[e])) for e in np.flatnonzero(load > limit).tolist()
        ]
        visit = graduate * max(len(enterprise_ids), 1) + enterprise
        is_fixed = np.isin(used_keys, fixed_graduate * width + fixed_position)
        visits, times = np.unique(visit, return_counts=True)
        fixed_visits, fixed_times = np.unique(visit[is_fixed], return_counts=True)
        all_fixed = np.zeros(len(visits), dtype=bool)
        where = np.searchsorted(visits, fixed_visits)
        all_fixed[where] = fixed_times == times[where]
        repeated = visits[(times > 1) & ~all_fixed]
        repeated_enterprise = _id_pairs(
            graduate_ids[repeated // max(len(enterprise_ids), 1)],
            enterprise_ids[repeated % max(len(enterprise_ids), 1)],
        )
    else:
        limit = problem.positions.capacity
        load = np.bincount(position, minlength=problem.position_count)
        over_capacity = [
            (position_ids[p], int(load[p]), int(limit[p])) for p in np.flatnonzero(load > limit).tolist()
        ]
        repeated_enterprise = []
    return ValidityReport(
        unacceptable, forbidden, missing_fixed, over_capacity, over_assigned, repeated_enterprise
    )


def _id_pairs(first: ObjectArray, second: ObjectArray) -> list[tuple[str, str]]:
    return list(zip(first.tolist(), second.tolist(), strict=True))


def find_blocking_pairs(candidates: CandidateSet, graduate: IntArray, position: IntArray) -> BlockingPairs:
    """Candidate pairs (g, p) not assigned where g prefers p to its assignment (or has none) and p has room or
    prefers g to its worst assigned graduate. A pair outside the candidates counts as its holders' worst."""
    graduate_count, position_count = candidates.graduate_count, candidates.position_count
    graduate, position = np.asarray(graduate, dtype=np.int64), np.asarray(position, dtype=np.int64)
    assigned = candidates.pair_index(graduate, position)
    worst = np.iinfo(np.int64).max
    own_order = np.full(graduate_count, worst, dtype=np.int64)
    own_order[graduate] = np.where(assigned >= 0, candidates.graduate_order[np.maximum(assigned, 0)], worst)
    holder_order = np.where(assigned >= 0, candidates.position_order[np.maximum(assigned, 0)], worst)
    worst_held = np.full(position_count, -1, dtype=np.int64)
    np.maximum.at(worst_held, position, holder_order)
    load = np.bincount(position, minlength=position_count)
    is_assigned = np.zeros(candidates.pair_count, dtype=bool)
    is_assigned[assigned[assigned >= 0]] = True
    graduate_wants = candidates.graduate_order < own_order[candidates.graduate]
    position_wants = (load[candidates.position] < candidates.capacity[candidates.position]) | (
        candidates.position_order < worst_held[candidates.position]
    )
    blocking = np.flatnonzero(graduate_wants & position_wants & ~is_assigned)
    return BlockingPairs(candidates.graduate[blocking], candidates.position[blocking])


def explain_unmatched(candidates: CandidateSet, unmatched: IntArray, stable: bool) -> ObjectArray:
    """An UnmatchedReason per unmatched graduate (`stable`: positions chose by their own ranking, so a full
    acceptable position means the graduate was outranked)."""
    counts = np.diff(candidates.graduate_start)[unmatched]
    has_room = candidates.residual_capacity[candidates.position] > 0
    with_room = np.bincount(candidates.graduate[has_room], minlength=candidates.graduate_count)[unmatched]
    forbidden = candidates.forbidden_acceptable[unmatched] > 0
    reasons = np.empty(len(unmatched), dtype=object)
    reasons[:] = UnmatchedReason.OUTRANKED if stable else UnmatchedReason.FORBIDDEN_OR_CAPACITY
    reasons[with_room == 0] = UnmatchedReason.FORBIDDEN_OR_CAPACITY
    reasons[(counts == 0) & ~forbidden] = UnmatchedReason.NO_ACCEPTABLE_POSITION
    return reasons


@dataclass(frozen=True)
class FairnessReport:
    """Per attribute (university, degree, home_county): graduates, matched, match_rate and mean_wish_rank
    (the mean rank the matched graduates gave their position: wish rank, or rank by fit without a list)."""

    by: dict[str, pd.DataFrame]

    def to_json(self) -> dict[str, list[dict[str, object]]]:
        """attribute → rows, NaN (no matched graduate ranked the pair) as None: for a stored run."""
        return {
            attribute: table.astype(object).where(table.notna(), None).to_dict("records")
            for attribute, table in self.by.items()
        }


def fairness_report(candidates: CandidateSet, graduate: IntArray, position: IntArray) -> FairnessReport:
    problem = candidates.problem
    graduates = problem.graduates
    graduate, position = np.asarray(graduate, dtype=np.int64), np.asarray(position, dtype=np.int64)
    pair = candidates.pair_index(graduate, position)
    rank = np.where(pair >= 0, candidates.graduate_rank[np.maximum(pair, 0)], NOT_RANKED).astype(np.float64)
    rank[rank == NOT_RANKED] = np.nan
    achieved = np.full(problem.graduate_count, np.nan)
    matched = np.zeros(problem.graduate_count, dtype=bool)
    matched[graduate] = True
    achieved[graduate] = rank
    degree_names = [reference.DEGREE_NAMES_ZH[key] for key in reference.DEGREES]
    groups = {
        "university": graduates.university,
        "degree": np.array(
            [degree_names[level] if level >= 0 else "" for level in graduates.degree_level.tolist()],
            dtype=object,
        ),
        "home_county": graduates.home_county,
    }
    frame = pd.DataFrame({"matched": matched, "wish_rank": achieved})
    report = {}
    for attribute in FAIRNESS_ATTRIBUTES:
        frame["group"] = np.where(groups[attribute] == "", UNKNOWN_GROUP, groups[attribute])
        table = frame.groupby("group", sort=True).agg(
            graduates=("matched", "size"),
            matched=("matched", "sum"),
            match_rate=("matched", "mean"),
            mean_wish_rank=("wish_rank", "mean"),
        )
        report[attribute] = table.rename_axis(attribute).reset_index()
    return FairnessReport(report)

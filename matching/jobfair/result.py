"""The typed result of a job-fair solve, and its frames (the CSV contract and the explained assignments)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from matching.jobfair.arrays import IntArray, ObjectArray
from matching.jobfair.candidates import NOT_RANKED, CandidateSet
from matching.jobfair.scoring import Component
from matching.jobfair.stable import Proposing

if TYPE_CHECKING:
    from matching.jobfair.audit import FairnessReport
from matching.messages import DEFAULT_LANGUAGE, Message
from matching.results import Finding, FindingReport, SolveStatus, Timings, solver_message, status_message

OUTPUT_COLUMNS = (
    "graduate_id",
    "position_id",
    "enterprise_id",
    "score",
    "graduate_rank",
    "position_rank",
    "reason",
)


class Method(enum.StrEnum):
    STABLE = "stable"  # deferred acceptance: no graduate and position would both rather break their pairs
    WELFARE = "welfare"  # maximise total fit subject to headcounts
    SHORTLIST = "shortlist"  # up to K recommendations per graduate within enterprises' interview capacity


class UnmatchedReason(enum.StrEnum):
    NO_ACCEPTABLE_POSITION = "no_acceptable_position"
    OUTRANKED = "outranked"
    FORBIDDEN_OR_CAPACITY = "forbidden_or_capacity"

    @property
    def text(self) -> str:
        return REASON_TEXT[self]


REASON_TEXT = {
    UnmatchedReason.NO_ACCEPTABLE_POSITION: "no position is acceptable to both the graduate and the position "
    "(wish list, positions' own lists, minimum degree, accepted majors)",
    UnmatchedReason.OUTRANKED: "every acceptable position is filled by graduates it ranks higher",
    UnmatchedReason.FORBIDDEN_OR_CAPACITY: "every acceptable position is forbidden for this graduate or has "
    "its headcount (interview capacity, for shortlists) used",
}


@dataclass(frozen=True, eq=False)
class ChosenPairs:
    """What a solver returns: its status and the candidate indices it chose (fixed pairs included)."""

    status: SolveStatus
    message: str
    pairs: IntArray  # sorted
    given_up: float = 0.0  # total fit given up, below the best answer, to keep previous pairs


@dataclass(frozen=True)
class KeepReport:
    """A re-run against the previous run of the same method: how many of its pairs this one kept."""

    previous: int  # previous pairs whose graduate and position are still in the fair
    kept: int
    given_up: float  # total fit given up to keep them (0 when the best answer kept them anyway)
    tolerance: float | None  # the most that could be given up, as a share; None: stable trades nothing


class MoveReason(enum.StrEnum):
    """Why a graduate's position (or set of recommended booths) differs from the previous run's; the
    first that applies."""

    REJECTED = "rejected"  # an official rejected the previous pair
    FIXED_ELSEWHERE = "fixed_elsewhere"  # an official fixed the graduate to another position
    NOT_ACCEPTABLE = "not_acceptable"  # the previous pair is no longer a candidate (wishes, profiles …)
    POSITION_FULL = "position_full"  # fixed pairs now take all of the previous position's headcount
    NEW_SEED = "new_seed"  # another seed: ties are broken by a new lottery
    STABILITY = "stability"  # stable: the stable matching changed with the others' changes
    TOLERANCE = "tolerance"  # keeping it costs more fit than the tolerance allows (or, shortlist, coverage)
    GAINED = "gained"  # only gained: matched (or recommended) where there is room now


@dataclass(frozen=True)
class GraduateMove:
    """A graduate of the previous run and of this one whose position (shortlist: recommended positions)
    changed: a real change, not a new or a departed graduate."""

    graduate_id: str
    before: tuple[str, ...]  # position ids in the previous run (empty: unmatched)
    after: tuple[str, ...]
    reason: MoveReason

    def message(self) -> Message:
        """`jobfair.move`: who, from where to where, and why (`jobfair.move.<reason>`)."""
        return Message(
            "jobfair.move",
            {
                "graduate": self.graduate_id,
                "before": "; ".join(self.before) if self.before else Message("jobfair.move.none"),
                "after": "; ".join(self.after) if self.after else Message("jobfair.move.none"),
                "reason": Message(f"jobfair.move.{self.reason.value}"),
            },
        )


@dataclass(frozen=True, eq=False)
class BlockingPairs:
    """Pairs that would both rather be together than with their current assignment."""

    graduate: IntArray
    position: IntArray

    @property
    def count(self) -> int:
        return len(self.graduate)


@dataclass(frozen=True, eq=False)
class JobFairResult:
    """A job-fair solve (the `matching.results.SolveResult` protocol): the chosen pairs in the candidate
    set, the unmatched graduates with their reasons, blocking pairs (stable) and the fairness report."""

    method: Method
    status: SolveStatus
    message: str  # the solver's own note, if any
    seed: int
    solver: str
    solver_version: str
    feasibility: FindingReport
    timings: Timings
    candidates: CandidateSet | None  # None when the pre-check refused to solve
    pairs: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # chosen candidate indices
    unmatched: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # graduate indices
    unmatched_reasons: ObjectArray = field(
        default_factory=lambda: np.zeros(0, dtype=object)
    )  # UnmatchedReason
    blocking_pairs: BlockingPairs | None = None  # stable only
    method_options: Any = None  # the method's options object, as solved
    fairness: FairnessReport | None = None
    exact: bool = False  # the solver optimises exactly, so its objective is also its bound
    one_row_per_graduate: bool = True  # output: every graduate (a placement), or one row per recommendation
    keep: KeepReport | None = None  # with a previous run: what it kept of it
    moves: tuple[GraduateMove, ...] | None = None  # with a previous run: who moved, and why

    @classmethod
    def refused(
        cls, spec: Any, method_options: Any, seed: int, feasibility: FindingReport, timings: Timings
    ) -> JobFairResult:
        """The pre-check found what must change first: status INFEASIBLE, nothing solved."""
        return cls(
            spec.method,
            SolveStatus.INFEASIBLE,
            "",
            seed,
            spec.solver,
            spec.solver_version,
            feasibility,
            timings,
            None,
            method_options=method_options,
            one_row_per_graduate=spec.one_row_per_graduate,
        )

    @property
    def has_solution(self) -> bool:
        return self.status.has_solution

    @property
    def complete(self) -> bool:
        return self.has_solution  # a placement may leave graduates unmatched: that is an answer, not a part

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.feasibility.findings

    @property
    def proposing(self) -> Proposing | None:
        return getattr(self.method_options, "proposing", None)

    @property
    def objective(self) -> float:
        """Total fit of the chosen pairs."""
        if self.candidates is None:
            return 0.0
        return float(self.candidates.score[self.pairs].sum())

    @property
    def best_objective(self) -> float:
        """Total fit of the best answer: the objective, plus what keeping previous pairs gave up."""
        return self.objective + (self.keep.given_up if self.keep is not None else 0.0)

    @property
    def bound(self) -> float | None:
        """An exact solver's proven best total fit (also when the answer gave some of it up to keep pairs)."""
        gave_up = self.keep is not None and self.keep.given_up > 0  # FEASIBLE only for what it kept
        return self.best_objective if self.exact and (self.status is SolveStatus.OPTIMAL or gave_up) else None

    @property
    def matched_graduates(self) -> int:
        if self.candidates is None:
            return 0
        graduates = np.bincount(
            self.candidates.graduate[self.pairs], minlength=self.candidates.graduate_count
        )
        return int((graduates > 0).sum())

    @property
    def graduate_count(self) -> int:
        return 0 if self.candidates is None else self.candidates.graduate_count

    def assignments_frame(self) -> pd.DataFrame:
        """The chosen pairs with ids, score, every component (`fit_<name>`, NaN = not applicable), both sides'
        ranks (0 = not ranked) and whether the pair was fixed."""
        candidates = self.candidates
        if candidates is None:
            return pd.DataFrame(columns=["graduate_id", "position_id", "enterprise_id", "score"])
        positions = candidates.problem.positions
        pairs = self.pairs
        position = candidates.position[pairs]
        frame = pd.DataFrame(
            {
                "graduate_id": candidates.problem.graduates.ids[candidates.graduate[pairs]],
                "position_id": positions.ids[position],
                "enterprise_id": positions.enterprise_ids[positions.enterprise_index[position]],
                "score": candidates.score[pairs],
                "graduate_rank": candidates.graduate_rank[pairs],
                "position_rank": candidates.position_rank[pairs],
                "fixed": candidates.fixed[pairs],
            }
        )
        for component in Component:
            frame[f"fit_{component.value}"] = candidates.components[component][pairs]
        return frame

    def unmatched_frame(self) -> pd.DataFrame:
        ids = (
            self.candidates.problem.graduates.ids
            if self.candidates is not None
            else np.zeros(0, dtype=object)
        )
        return pd.DataFrame(
            {
                "graduate_id": ids[self.unmatched],
                "reason": [reason.value for reason in self.unmatched_reasons],
                "reason_text": [reason.text for reason in self.unmatched_reasons],
            }
        )

    def output_frame(self) -> pd.DataFrame:
        """The CSV contract, as text: one row per graduate in input order (stable, welfare), or one row per
        recommendation (shortlist). Ranks are blank when a side did not rank the pair, and so are the
        position columns of unmatched graduates, whose `reason` is an UnmatchedReason code."""
        candidates = self.candidates
        if candidates is None:
            return pd.DataFrame(columns=list(OUTPUT_COLUMNS))
        problem = candidates.problem
        if not self.one_row_per_graduate:
            pair = self.pairs  # sorted by candidate index, so by graduate
            graduate = candidates.graduate[pair]
        else:
            graduate = np.arange(problem.graduate_count)
            pair = np.full(problem.graduate_count, -1, dtype=np.int64)
            pair[candidates.graduate[self.pairs]] = self.pairs
        reason = np.full(len(pair), "", dtype=object)
        if self.one_row_per_graduate:
            reason[self.unmatched] = [code.value for code in self.unmatched_reasons]
        columns = {"graduate_id": problem.graduates.ids[graduate]}
        columns.update(_pair_columns(candidates, pair))
        columns["reason"] = reason
        return pd.DataFrame(columns, columns=list(OUTPUT_COLUMNS))

    def summary_message(self) -> Message:
        """What ran, how much was matched, and how to reproduce it."""
        method = Message(f"method.{self.method.value}")
        proposing: Message | str = ""
        if self.proposing is not None:
            proposing = Message(
                "jobfair.summary.proposing", {"side": Message(f"jobfair.side.{self.proposing.value}")}
            )
        status = status_message(self.status)
        if not self.status.has_solution:
            blocking = self.feasibility.blocking
            first: Message | str = blocking[0].message if blocking else self.message
            more: Message | str = (
                Message("jobfair.summary.more_findings", {"count": len(blocking) - 1})
                if len(blocking) > 1
                else ""
            )
            return Message(
                "jobfair.summary.refused",
                {
                    "method": method,
                    "proposing": proposing,
                    "status": status,
                    "first": first,
                    "more": more,
                    "count": len(blocking),
                    "seed": self.seed,
                },
            )
        notes = len(self.feasibility.notes)
        params: dict[str, Any] = {
            "previous": self.previous_message(),
            "method": method,
            "proposing": proposing,
            "status": status,
            "graduates": self.graduate_count,
            "matched": self.matched_graduates,
            "objective": self.objective,
            "notes": ""
            if not notes
            else Message("jobfair.summary.notes" if notes > 1 else "jobfair.summary.note", {"count": notes}),
            "seed": self.seed,
            "solver": self.solver_message(),
            "seconds": self.timings.total,
        }
        if not self.one_row_per_graduate:
            return Message("jobfair.summary.shortlist", {**params, "recommendations": len(self.pairs)})
        params["blocking"] = (
            ""
            if self.blocking_pairs is None
            else Message("jobfair.summary.blocking_pairs", {"count": self.blocking_pairs.count})
        )
        return Message("jobfair.summary.placement", params)

    def solver_message(self) -> Message:
        """The solver's name in the reader's language, with its version (`deferred acceptance (1)`,
        `延迟接受算法（版本 1）`)."""
        return Message(
            "solver.with_version", {"solver": solver_message(self.solver), "version": self.solver_version}
        )

    def previous_message(self) -> Message | str:
        """What a re-run kept of the previous run and who moved ('' for a first run)."""
        keep = self.keep
        if keep is None:
            return ""
        moved = 0 if self.moves is None else len(self.moves)
        params: dict[str, Any] = {"kept": keep.kept, "previous": keep.previous, "moved": moved}
        if keep.given_up > 0 and keep.tolerance is not None:
            params |= {
                "given_up": keep.given_up,
                "best": self.best_objective,
                "tolerance": keep.tolerance,
            }
            return Message("jobfair.summary.kept_gave_up", params)
        return Message("jobfair.summary.kept", params)

    def moves_frame(self) -> pd.DataFrame:
        """One row per moved graduate: graduate_id, before, after (`;`-separated position ids), reason."""
        moves = self.moves or ()
        return pd.DataFrame(
            {
                "graduate_id": [move.graduate_id for move in moves],
                "before": [";".join(move.before) for move in moves],
                "after": [";".join(move.after) for move in moves],
                "reason": [move.reason.value for move in moves],
            },
            columns=["graduate_id", "before", "after", "reason"],
        )

    def summary(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.summary_message().text(lang)


def _pair_columns(candidates: CandidateSet, pair: IntArray) -> dict[str, ObjectArray]:
    """The position columns of the output for candidate indices `pair` (−1 = unmatched: blank)."""
    names = ("position_id", "enterprise_id", "score", "graduate_rank", "position_rank")
    if candidates.pair_count == 0:
        return {name: np.full(len(pair), "", dtype=object) for name in names}
    matched = pair >= 0
    known = np.maximum(pair, 0)
    positions = candidates.problem.positions
    position = candidates.position[known]
    values = (
        positions.ids[position],
        positions.enterprise_ids[positions.enterprise_index[position]],
        _as_text(np.round(candidates.score[known], 6)),
        _rank_text(candidates.graduate_rank[known]),
        _rank_text(candidates.position_rank[known]),
    )
    return {name: np.where(matched, value, "") for name, value in zip(names, values, strict=True)}


def _rank_text(rank: IntArray) -> ObjectArray:
    result: ObjectArray = np.where(rank == NOT_RANKED, "", _as_text(rank))
    return result


def _as_text(values: np.ndarray) -> ObjectArray:
    """Numbers as the shortest text that reads back the same (pyarrow's cast: 0.5, 1, 12)."""
    text: ObjectArray = pc.cast(pa.array(values), pa.string()).to_numpy(zero_copy_only=False).astype(object)
    return text

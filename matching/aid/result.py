"""What a pairing solver returns: status, the pairing, objective, best bound and gap."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from matching.aid.problem import AidProblem, Pair
from matching.messages import DEFAULT_LANGUAGE, Message
from matching.results import SolveStatus, Timings


class Solver(enum.StrEnum):
    CP_SAT = "cp-sat"
    HIGHS = "highs"  # scipy.optimize.milp, for comparison and first solutions
    GREEDY = "greedy"


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """|objective − bound| / max(1, |objective|), CP-SAT's definition; None without both."""
    if objective is None or bound is None:
        return None
    return abs(objective - bound) / max(1.0, abs(objective))


@dataclass(frozen=True)
class PairingResult:
    """`assignment` maps every village id to its lead enterprise id, or None when uncovered (only in
    partial pairings, or when there is no solution at all). `objective` is the total value (cost)
    of the chosen pairs; `best_bound` the solver's proven bound on it. The solver's notes (how it was
    found or proved, what a re-run kept) are `notes`, messages said in the reader's language by
    `note_text`; `message` is their English text (or a note of a solver that gives only text, HiGHS's)."""

    status: SolveStatus
    assignment: Mapping[str, str | None]
    objective: float | None
    best_bound: float | None
    solver: Solver
    timings: Timings = field(default_factory=Timings)
    message: str = ""
    moved_villages: tuple[str, ...] | None = None  # with a previous pairing: villages whose lead changed
    kept_pairs: int | None = None  # with a previous pairing: previous pairs kept
    notes: tuple[Message, ...] = ()

    def __post_init__(self) -> None:
        if self.notes and not self.message:
            object.__setattr__(self, "message", self.note_text())

    def note_text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The solver's notes in `lang`, joined as the language joins a list (else the plain message)."""
        if not self.notes:
            return self.message
        return ("；" if lang == "zh" else "; ").join(note.text(lang) for note in self.notes)

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.best_bound)

    @property
    def has_solution(self) -> bool:
        return self.status.has_solution

    @property
    def uncovered(self) -> tuple[str, ...]:
        return tuple(village for village, enterprise in self.assignment.items() if enterprise is None)

    @property
    def moved_count(self) -> int | None:
        return None if self.moved_villages is None else len(self.moved_villages)

    def chosen_pairs(self, problem: AidProblem) -> list[Pair]:
        chosen = []
        for village_id, enterprise_id in self.assignment.items():
            if enterprise_id is not None:
                pair = problem.pair(enterprise_id, village_id)
                if pair is None:
                    raise ValueError(f"pair {enterprise_id}–{village_id} is not in the problem")
                chosen.append(pair)
        return chosen

    def summary_line(self) -> str:
        """`status=… objective=… bound=… gap=…`, the line the CLI prints to stderr."""
        return (
            f"status={self.status.value} objective={format_number(self.objective)} "
            f"bound={format_number(self.best_bound)} gap={format_number(self.gap, digits=6)}"
        )


def format_number(value: float | None, digits: int = 3) -> str:
    """Whole numbers without decimals, others to `digits` decimals; 'nan' when there is none."""
    if value is None:
        return "nan"
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def no_solution(
    problem: AidProblem,
    status: SolveStatus,
    solver: Solver,
    message: str | Message,
    timings: Timings | None = None,
) -> PairingResult:
    """No pairing; `message` says why (a `Message` where the reason is ours, text where a solver gave it)."""
    return PairingResult(
        status=status,
        assignment={v.village_id: None for v in problem.villages},
        objective=None,
        best_bound=None,
        solver=solver,
        timings=timings or Timings(),
        message="" if isinstance(message, Message) else message,
        notes=(message,) if isinstance(message, Message) else (),
    )


def assignment_value(problem: AidProblem, assignment: Mapping[str, str | None]) -> float:
    """Sum of the real (unscaled) values of the chosen pairs."""
    total = 0.0
    for village_id, enterprise_id in assignment.items():
        if enterprise_id is not None:
            pair = problem.pair(enterprise_id, village_id)
            if pair is None:
                raise ValueError(f"pair {enterprise_id}–{village_id} is not in the problem")
            total += pair.value
    return total

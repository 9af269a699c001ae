"""Result shapes shared by every solver: a status Enum that tells "no solution" from "error"."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class SolveStatus(enum.StrEnum):
    OPTIMAL = "OPTIMAL"  # proven best
    FEASIBLE = "FEASIBLE"  # a valid answer, optimality not proven (time limit)
    INFEASIBLE = "INFEASIBLE"  # proven that no answer meets the hard constraints
    UNKNOWN = "UNKNOWN"  # stopped before finding any answer
    ERROR = "ERROR"  # the model or the solver failed

    @property
    def has_solution(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


@dataclass
class Timings:
    """Wall-clock seconds per named phase (validate, score, build, solve, check …)."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

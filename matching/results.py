"""What every solver returns, shared by the three cores (job fair, timetable, aid pairing).

- `SolveStatus` tells "no solution" from "error"; `SolveStatus.from_cp_sat` is the one CP-SAT status map.
- `Finding` is one thing a pre-check or diagnosis found, as a message code and its parameters (the
  translation table in `matching.messages` says it in the reader's language); `FindingReport` holds them.
- `SolveResult` is the protocol the outer layers read: status, `has_solution`, summary, objective and
  bound where they exist, solver and its version, findings.
- `InvalidSolutionError` is raised when a solver's answer fails the independent check: a bug, never bad
  input, so it is not a `ValueError`.
- Statuses and solver names are messages too (`status_message`, `solver_message`); a stored run keeps its
  summary as message JSON, said again in the reader's language by `stored_summary` (`say_json` renders
  any such JSON: a message, a list joined in the language's way, an item of a list).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from matching.errors import InputError, InputProblem
from matching.messages import DEFAULT_LANGUAGE, MESSAGES, Message, render


class SolveStatus(enum.StrEnum):
    OPTIMAL = "OPTIMAL"  # proven best
    FEASIBLE = "FEASIBLE"  # a valid answer, optimality not proven (time limit)
    INFEASIBLE = "INFEASIBLE"  # proven that no answer meets the hard constraints
    UNKNOWN = "UNKNOWN"  # stopped before finding any answer
    ERROR = "ERROR"  # the model or the solver failed

    @property
    def has_solution(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)

    @classmethod
    def from_cp_sat(cls, status: Any) -> SolveStatus:
        """CP-SAT's `CpSolverStatus` (MODEL_INVALID and anything unexpected are errors)."""
        return _CP_SAT_STATUS.get(getattr(status, "name", str(status)), cls.ERROR)


_CP_SAT_STATUS = {
    "OPTIMAL": SolveStatus.OPTIMAL,
    "FEASIBLE": SolveStatus.FEASIBLE,
    "INFEASIBLE": SolveStatus.INFEASIBLE,
    "UNKNOWN": SolveStatus.UNKNOWN,
}


def status_message(status: SolveStatus | str) -> Message:
    """A run's status as a message (`solve_status.OPTIMAL` …: 已证明最优 / OPTIMAL)."""
    return Message(f"solve_status.{SolveStatus(status).value}")


def solver_message(solver: str) -> Message:
    """A solver's name as a message (`solver.cp-sat` …); the English is the name the command line and the
    stored runs use (`cp-sat`, `highs` …)."""
    return Message(f"solver.{solver}")


def number_message(value: float | None, text: str) -> Message | str:
    """A figure as already formatted, or, when there is none, the message `number.none` (无 / nan)."""
    return Message("number.none") if value is None else text


def stored_solver(text: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A stored run's solver column (`cp-sat OR-Tools CP-SAT 9.15`: the solver's name, then its version)
    with the name in `lang`; text whose first word names no known solver comes back as it is."""
    name, _, version = (text or "").partition(" ")
    if f"solver.{name}" not in MESSAGES:
        return text or ""
    said = solver_message(name).text(lang)
    return render("solver.with_version", {"solver": said, "version": version}, lang) if version else said


def say_json(node: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """Stored message JSON in `lang`: `{"code", "params"}` a message (its parameters said first, so nested
    messages follow the language), `{"join": [...]}` the parts joined by the language's separator,
    `{"item": ...}` one entry of a list (`- …`); anything else as text."""
    if isinstance(node, Mapping):
        if "code" in node:
            params = {key: _said_param(value, lang) for key, value in dict(node.get("params") or {}).items()}
            return render(str(node["code"]), params, lang)
        if "join" in node:
            return ("；" if lang == "zh" else "; ").join(say_json(part, lang) for part in node["join"])
        if "item" in node:
            return "- " + say_json(node["item"], lang)
    return "" if node is None else str(node)


def _said_param(value: Any, lang: str) -> Any:
    return say_json(value, lang) if isinstance(value, Mapping) else value


def stored_summary(
    summary: Mapping[str, Any] | None, message: str | None, lang: str = DEFAULT_LANGUAGE, lines: bool = True
) -> str:
    """A stored run's summary in `lang`: from its message JSON (`MatchingRun.summary`; with `lines`, also
    the detail lines stored with it, such as an aid run's diagnosis, one per line), else, for runs stored
    before summaries were messages, the English text they kept (`MatchingRun.message`)."""
    if not isinstance(summary, Mapping) or "code" not in summary:
        return message or ""
    said = [say_json(summary, lang)]
    if lines:
        said += [say_json(line, lang) for line in summary.get("lines") or ()]
    return "\n".join(said)


@dataclass
class Timings:
    """Wall-clock seconds per named phase (validate, score, build, solve, check …)."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


@dataclass(frozen=True)
class Finding:
    """One thing a pre-check or diagnosis found, with what to change.

    `code` names the message in the translation table and `params` fill it; `blocking` findings prove
    there is no (full) solution, the others are notes. `location` points at the input row to change;
    `refs` lists the ids concerned by kind (`{"villages": ("V1",)}`, `{"interviews": (3, 4)}`).
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    blocking: bool = True
    location: InputProblem | None = None
    refs: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    @property
    def message(self) -> Message:
        return Message(self.code, self.params)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        said = render(self.code, self.params, lang)
        return said if self.location is None else f"{self.location.where(lang)}: {said}"

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class FindingReport:
    """The findings of a pre-check (and any notes added after scoring)."""

    findings: tuple[Finding, ...] = ()

    @property
    def feasible(self) -> bool:
        return not self.blocking

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocking]

    @property
    def notes(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.blocking]

    def with_findings(self, more: list[Finding] | tuple[Finding, ...]) -> FindingReport:
        return FindingReport(self.findings + tuple(more))

    def explanation(self, limit: int = 20, lang: str = DEFAULT_LANGUAGE) -> str:
        """The blocking findings (or, when there are none, the notes), one per line."""
        shown = self.blocking or self.notes
        lines = [finding.text(lang) for finding in shown[:limit]]
        if len(shown) > limit:
            lines.append(render("findings.more", {"count": len(shown) - limit}, lang))
        return "\n".join(lines)

    def input_error(self) -> InputError:
        """The blocking findings as an InputError (file, row and column of what to change)."""
        return InputError(
            [
                InputProblem(
                    finding.location.file if finding.location else "(problem)",
                    finding.text() if finding.location is None else render(finding.code, finding.params),
                    finding.location.row if finding.location else None,
                    finding.location.column if finding.location else None,
                    code=finding.code,
                    params=finding.params,
                )
                for finding in self.blocking
            ]
        )


@runtime_checkable
class SolveResult(Protocol):
    """What the service, the command line and the pages read from any core's result."""

    @property
    def status(self) -> SolveStatus: ...

    @property
    def has_solution(self) -> bool: ...

    @property
    def objective(self) -> float | None: ...

    @property
    def bound(self) -> float | None: ...

    @property
    def solver(self) -> str: ...

    @property
    def solver_version(self) -> str: ...

    @property
    def findings(self) -> tuple[Finding, ...]: ...

    @property
    def complete(self) -> bool:
        """A solution that covers everything asked for (False for a partial pairing or timetable)."""
        ...

    def summary_message(self) -> Message: ...

    def summary(self, lang: str = DEFAULT_LANGUAGE) -> str: ...


class InvalidSolutionError(RuntimeError):
    """A solver returned an answer that breaks a rule of the problem (the independent check caught it).

    A bug in the solver or the model, never bad input: the command line reports it as an internal error.
    `faults` names every fault found.
    """

    def __init__(self, what: str, faults: list[str]) -> None:
        self.faults = list(faults)
        shown = "; ".join(self.faults[:5])
        more = f" (and {len(self.faults) - 5} more)" if len(self.faults) > 5 else ""
        super().__init__(f"the solver returned an invalid {what}: {shown}{more}")

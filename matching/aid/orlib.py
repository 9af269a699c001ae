"""OR-Library generalized-assignment files: parse them and convert them to the aid DIR contract.

Format (whitespace-separated integers, newlines do not matter): `m n`, the m×n cost matrix, the m×n
resource matrix, the m capacities. The original OR-Library files start with the number of problems
P and hold P such blocks; the files of fontanf/generalizedassignmentsolver hold one block without
it. Agents become enterprises (`agent-1` …), jobs become villages (`job-1` …), cost/profit the pair
value and resource the load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from matching.aid.problem import AidProblem, Enterprise, Objective, Pair, Village
from matching.errors import InputError, InputProblem


@dataclass(frozen=True)
class GapInstance:
    costs: np.ndarray  # m × n, int64
    resources: np.ndarray  # m × n, int64
    capacities: np.ndarray  # m, int64

    @property
    def agents(self) -> int:
        return int(self.costs.shape[0])

    @property
    def jobs(self) -> int:
        return int(self.costs.shape[1])


def enterprise_id(agent: int) -> str:
    return f"agent-{agent + 1}"


def village_id(job: int) -> str:
    return f"job-{job + 1}"


def _tokens(text: str, label: str) -> tuple[list[int], list[int]]:
    """Integers and the line each came from."""
    values: list[int] = []
    lines: list[int] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        for token in line.split():
            try:
                values.append(int(token))
            except ValueError:
                raise InputError(
                    InputProblem(label, f"expected an integer, found {token!r}", line_number)
                ) from None
            lines.append(line_number)
    return values, lines


def _block(values: list[int], lines: list[int], start: int, label: str) -> tuple[GapInstance, int]:
    """The block starting at token `start`; returns it and the index after it."""
    if start + 2 > len(values):
        raise InputError(
            InputProblem(label, "file ends before the 'm n' line of a problem", lines[-1] if lines else None)
        )
    m, n = values[start], values[start + 1]
    if m < 1 or n < 1:
        raise InputError(
            InputProblem(label, f"agents m and jobs n must be ≥ 1, found m={m} n={n}", lines[start])
        )
    end = start + 2 + 2 * m * n + m
    if end > len(values):
        raise InputError(
            InputProblem(
                label,
                f"file ends early: m={m}, n={n} needs {2 * m * n + m} numbers after 'm n', found {len(values) - start - 2}",
                lines[-1],
            )
        )
    body = np.array(values[start + 2 : end], dtype=np.int64)
    costs = body[: m * n].reshape(m, n)
    resources = body[m * n : 2 * m * n].reshape(m, n)
    capacities = body[2 * m * n :]
    for offset, what in ((m * n, "resource"), (2 * m * n, "capacity")):
        section = body[offset : offset + (m * n if what == "resource" else m)]
        negative = np.flatnonzero(section < 0)
        if len(negative):
            token = start + 2 + offset + int(negative[0])
            raise InputError(
                InputProblem(label, f"a {what} must be ≥ 0, found {values[token]}", lines[token])
            )
    return GapInstance(costs, resources, capacities), end


def parse_orlib(text: str, label: str = "OR-Library file") -> list[GapInstance]:
    """Every problem in the file, with or without the leading problem-count line."""
    values, lines = _tokens(text, label)
    if not values:
        raise InputError(InputProblem(label, "empty file"))
    if len(values) >= 2:
        m, n = values[0], values[1]
        single = m >= 1 and n >= 1 and 2 + 2 * m * n + m == len(values)
        if single or lines[1] == lines[0]:
            # 'm n' first: one problem (its size must match; _block says what is wrong if not).
            instance, end = _block(values, lines, 0, label)
            if end != len(values):
                raise InputError(
                    InputProblem(
                        label, f"{len(values) - end} number(s) left over after the problem", lines[end]
                    )
                )
            return [instance]
    count = values[0]
    if count < 1:
        raise InputError(
            InputProblem(label, f"expected the number of problems or 'm n', found {count}", lines[0])
        )
    instances = []
    position = 1
    for _ in range(count):
        instance, position = _block(values, lines, position, label)
        instances.append(instance)
    if position != len(values):
        raise InputError(
            InputProblem(
                label,
                f"{len(values) - position} number(s) left over after {count} problem(s)",
                lines[position],
            )
        )
    return instances


def read_orlib(path: Path) -> list[GapInstance]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(InputProblem(str(path), "file not found")) from None
    except UnicodeDecodeError:
        raise InputError(InputProblem(str(path), "not a text file of integers")) from None
    return parse_orlib(text, str(path))


def instance_frames(instance: GapInstance) -> dict[str, pd.DataFrame]:
    """The DIR contract's files: enterprises.csv, villages.csv and pairs.csv (every pair acceptable)."""
    m, n = instance.agents, instance.jobs
    agents = [enterprise_id(i) for i in range(m)]
    jobs = [village_id(j) for j in range(n)]
    return {
        "enterprises.csv": pd.DataFrame({"enterprise_id": agents, "capacity": instance.capacities}),
        "villages.csv": pd.DataFrame({"village_id": jobs}),
        "pairs.csv": pd.DataFrame(
            {
                "enterprise_id": np.repeat(agents, n),
                "village_id": np.tile(jobs, m),
                "value": instance.costs.ravel(),
                "load": instance.resources.ravel(),
            }
        ),
    }


def instance_problem(instance: GapInstance, objective: Objective) -> AidProblem:
    """The problem directly (no frames), for tests and benchmarks."""
    m, n = instance.agents, instance.jobs
    return AidProblem(
        enterprises=tuple(Enterprise(enterprise_id(i), float(instance.capacities[i])) for i in range(m)),
        villages=tuple(Village(village_id(j)) for j in range(n)),
        pairs=tuple(
            Pair(
                enterprise_id(i), village_id(j), float(instance.costs[i, j]), float(instance.resources[i, j])
            )
            for i in range(m)
            for j in range(n)
        ),
        objective=objective,
    )

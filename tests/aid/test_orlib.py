"""OR-Library generalized-assignment files: the parser, the converter, and the known optima.

Known answers: OR-Library's gapinfo.txt (maximisation optima of gap1–gap12, copied into
orlib_gap1-12_optima.csv) and fontanf/generalizedassignmentsolver's data.csv (minimisation optima),
both in tests/data/orlib-gap (see its SOURCES.md). gap1–gap6 are small (5–8 agents, 15–32 jobs); gap7–gap12
(8–10 agents, 30–60 jobs) are solved here by one instance, all of them by bench/bench_aid.py.
"""

from __future__ import annotations

import csv

import pytest

from matching.aid.audit import find_violations
from matching.aid.orlib import instance_frames, instance_problem, parse_orlib, read_orlib
from matching.aid.pairing import FirstSolution, SolveOptions, solve_pairing
from matching.aid.problem import Objective
from matching.aid.run import AidOptions, pair_villages
from matching.errors import InputError
from matching.results import SolveStatus
from tests.aid.helpers import ORLIB

TINY = "2 3\n1 2 3\n4 5 6\n1 1 1\n2 2 2\n2 5\n"


def _optima(files: tuple[str, ...] | None = None) -> list[tuple[str, int, int]]:
    with (ORLIB / "orlib_gap1-12_optima.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (row["instance_file"], int(row["optimum_max"]), int(row["optimum_min"]))
        for row in rows
        if files is None or row["file"] in files
    ]


def _fontanf_rows() -> list[dict[str, str]]:
    with (ORLIB / "data.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _min_optima_fontanf() -> dict[str, int]:
    """Proven minimisation optima (d20200 has a best known value only)."""
    return {row["Path"]: int(row["Optimum"]) for row in _fontanf_rows() if row["Optimum"]}


OPTIONS = SolveOptions(time_limit=10.0, first_solution=FirstSolution.GREEDY)


@pytest.mark.parametrize(
    ("instance", "optimum_max", "optimum_min"),
    _optima(tuple(f"gap{k}" for k in range(1, 7))),
    ids=lambda value: str(value),
)
def test_orlibrary_gap1_to_gap6_optima_from_gapinfo_and_fontanf(
    instance: str, optimum_max: int, optimum_min: int
) -> None:
    gap = read_orlib(ORLIB / instance)[0]
    for objective, optimum in ((Objective.MAX, optimum_max), (Objective.MIN, optimum_min)):
        result = solve_pairing(instance_problem(gap, objective), OPTIONS)
        assert result.status is SolveStatus.OPTIMAL, (instance, objective)
        assert result.objective == optimum, (instance, objective)
        assert result.best_bound == optimum
        assert result.gap == 0


def test_min_optima_table_agrees_with_fontanf_data_csv() -> None:
    fontanf = _min_optima_fontanf()
    rows = _optima()
    assert len(rows) == 60  # gap1..gap12, five problems each
    for instance, _optimum_max, optimum_min in rows:
        assert fontanf[instance] == optimum_min


def test_every_copied_instance_parses_to_the_size_data_csv_gives() -> None:
    rows = _fontanf_rows()
    assert {row["Dataset"] for row in rows} == {"cattrysse1994", "chu1997", "yagiura2004"}
    assert len(rows) == 90
    for row in rows:
        [gap] = read_orlib(ORLIB / row["Path"])
        assert (gap.agents, gap.jobs) == (int(row["Agent number"]), int(row["Item number"])), row["Path"]


def test_gap7_proved_optimal_equals_the_published_optimum_with_the_default_solver() -> None:
    """OR-Library c840-1 (8 agents × 40 jobs) as the command line solves it: the race, the LP start."""
    [(instance, optimum_max, optimum_min)] = [row for row in _optima(("gap7",)) if row[0].endswith("-0")]
    gap = read_orlib(ORLIB / instance)[0]
    for objective, optimum in ((Objective.MAX, optimum_max), (Objective.MIN, optimum_min)):
        problem = instance_problem(gap, objective)
        result = solve_pairing(problem, SolveOptions(time_limit=10.0, seed=1))
        assert (result.status, result.objective, result.gap) == (SolveStatus.OPTIMAL, optimum, 0)
        assert find_violations(problem, result.assignment) == []
    assert (optimum_max, optimum_min) == (942, 646)


def test_chu_beasley_a05100_min_optimum_from_fontanf_data_csv() -> None:
    gap = read_orlib(ORLIB / "chu1997" / "a05100")[0]
    assert (gap.agents, gap.jobs) == (5, 100)
    result = solve_pairing(instance_problem(gap, Objective.MIN), OPTIONS)
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == _min_optima_fontanf()["chu1997/a05100"] == 1698


def test_parse_single_block_without_count_line() -> None:
    [gap] = parse_orlib(TINY)
    assert gap.costs.tolist() == [[1, 2, 3], [4, 5, 6]]
    assert gap.resources.tolist() == [[1, 1, 1], [2, 2, 2]]
    assert gap.capacities.tolist() == [2, 5]


def test_parse_with_count_line_and_newlines_anywhere() -> None:
    flat = " ".join(TINY.split())
    instances = parse_orlib("2\n" + TINY + flat + "\n")
    assert len(instances) == 2
    assert instances[1].costs.tolist() == instances[0].costs.tolist()


def test_parse_errors_name_the_line() -> None:
    with pytest.raises(InputError, match=r"f, row 2: expected an integer, found 'x'"):
        parse_orlib("2 3\n1 x 3\n", "f")
    with pytest.raises(InputError, match=r"file ends early: m=2, n=3 needs 14 numbers"):
        parse_orlib("1\n2 3\n1 2 3\n", "f")
    with pytest.raises(InputError, match=r"f, row 2: agents m and jobs n must be ≥ 1, found m=0 n=3"):
        parse_orlib("1\n0 3\n", "f")
    with pytest.raises(InputError, match=r"f: empty file"):
        parse_orlib("  \n", "f")
    with pytest.raises(InputError, match=r"f, row 4: a resource must be ≥ 0, found -1"):
        parse_orlib("2 3\n1 2 3\n4 5 6\n-1 1 1\n2 2 2\n2 5\n", "f")
    with pytest.raises(InputError, match=r"row 6: a capacity must be ≥ 0, found -5"):
        parse_orlib("2 3\n1 2 3\n4 5 6\n1 1 1\n2 2 2\n2 -5\n", "f")
    with pytest.raises(InputError, match=r"f, row 8: 1 number\(s\) left over after 1 problem"):
        parse_orlib("1\n" + TINY + "9\n", "f")


def test_converted_frames_solve_to_the_same_optimum_as_the_direct_problem() -> None:
    gap = read_orlib(ORLIB / "cattrysse1994" / "gap1-0")[0]
    frames = {name: frame.astype(str) for name, frame in instance_frames(gap).items()}
    outcome = pair_villages(
        frames["enterprises.csv"],
        frames["villages.csv"],
        frames["pairs.csv"],
        options=AidOptions(objective=Objective.MAX, solve=OPTIONS),
    )
    assert outcome.result.objective == 336
    assert len(outcome.problem.pairs) == gap.agents * gap.jobs

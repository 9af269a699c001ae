"""Building the problem from the contract frames: every validation error, and the values it keeps."""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest

from matching.errors import InputError
from matching.jobfair.columns import MAX_PROBLEMS_PER_COLUMN
from matching.jobfair.methods import StableOptions
from matching.jobfair.pipeline import SolveOptions, solve, solve_frames
from matching.jobfair.problem import UNKNOWN_DEGREE, build_problem
from matching.jobfair.result import Method
from matching.jobfair.scoring import FitWeights
from matching.results import SolveStatus
from tests.jobfair.contract_cases import ERRORS, FILES, edited_files
from tests.jobfair.helpers import graduates_frame, positions_frame

FRAME_ARGUMENTS = {
    "graduates.csv": "graduates",
    "positions.csv": "positions",
    "graduate_preferences.csv": "graduate_preferences",
    "position_preferences.csv": "position_preferences",
    "locks.csv": "locks",
}


def frames_of(files: dict[str, str]) -> dict[str, pd.DataFrame]:
    """The frames a service would pass: every cell text, empty cells ''."""
    return {
        FRAME_ARGUMENTS[name]: pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        for name, text in files.items()
    }


PRECHECK_ERRORS = ("fixed graduates but room for", "is already fixed to a position")  # a placement's
INPUT_ERRORS = [case for case in ERRORS if not any(text in case[3] for text in PRECHECK_ERRORS)]


@pytest.mark.parametrize(("file", "edit", "new", "message"), INPUT_ERRORS)
def test_every_validation_error_in_frames(file: str, edit: str, new: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)) as error:
        build_problem(**frames_of(edited_files(file, edit, new)))
    assert str(error.value.problems[0]).startswith(message)  # the first problem is the one made


def test_the_valid_contract_builds() -> None:
    problem = build_problem(**frames_of(dict(FILES)))
    assert problem.graduates.ids.tolist() == ["007", "g2", "g3"]
    assert problem.graduates.degree_level.tolist() == [1, 2, 0]
    assert problem.positions.capacity.tolist() == [1, 1, 1]
    assert problem.positions.enterprise_ids.tolist() == ["e1", "e2"]
    assert problem.positions.enterprise_index.tolist() == [0, 0, 1]
    assert problem.graduate_preferences is not None and len(problem.graduate_preferences) == 4
    assert problem.locks.fixed.tolist() == [False] and problem.locks.row.tolist() == [2]


def test_over_fixing_a_position_is_refused_before_solving() -> None:
    files = edited_files("locks.csv", "append", "g2,p1,fix\n007,p1,fix")
    result = solve(build_problem(**frames_of(files)), SolveOptions(seed=1))
    assert result.status is SolveStatus.INFEASIBLE and result.candidates is None
    [finding] = result.feasibility.blocking
    assert finding.code == "jobfair.position_over_fixed"
    assert finding.params == {"name": "p1", "fixed": 2, "limit": 1, "excess": 1, "file": "positions.csv"}
    assert finding.refs == {"positions": ("p1",)}
    assert str(finding) == (
        "locks.csv, row 4, column 'position_id': position 'p1' has 2 fixed graduates but room for 1: raise its "
        "capacity in positions.csv to 2 or remove 1 of its fix rows"
    )
    location = finding.location
    assert location is not None and (location.file, location.row, location.column) == (
        "locks.csv",
        4,
        "position_id",
    )


def test_a_second_fixed_position_refuses_a_placement_but_not_a_shortlist() -> None:
    locks = "graduate_id,position_id,action\n007,p1,fix\n007,p2,fix\n007,p3,fix\n"
    problem = build_problem(**frames_of({**FILES, "locks.csv": locks}))
    placement = solve(problem, SolveOptions(seed=1))
    assert placement.status is SolveStatus.INFEASIBLE
    assert [str(finding) for finding in placement.feasibility.blocking] == [
        "locks.csv, row 3, column 'graduate_id': graduate '007' is already fixed to a position at row 2; "
        "a graduate takes one position",
        "locks.csv, row 4, column 'graduate_id': graduate '007' is already fixed to a position at row 2; "
        "a graduate takes one position",
    ]
    # approved recommendations: two at one booth, and more than K, because officials said so
    shortlist = solve(problem, SolveOptions.for_method("shortlist", per_graduate=2, seed=1))
    assert shortlist.status is SolveStatus.OPTIMAL
    recommended = shortlist.assignments_frame()
    assert set(recommended.loc[recommended["graduate_id"] == "007", "position_id"]) == {"p1", "p2", "p3"}


def test_every_fault_is_reported_at_once_and_long_lists_are_cut() -> None:
    bad = graduates_frame([f"g{i}" for i in range(30)], degree=["学士"] * 30, home_county=["21"] * 30)
    with pytest.raises(InputError) as error:
        build_problem(bad, positions_frame({"p": 1}))
    problems = error.value.problems
    assert len(problems) == 2 * (MAX_PROBLEMS_PER_COLUMN + 1)
    assert problems[MAX_PROBLEMS_PER_COLUMN].message == "… and 10 more rows with the same kind of fault"
    assert error.value.summary().endswith(f"(and {len(problems) - 1} more problems)")


def test_service_frames_may_hold_numbers_and_missing_values() -> None:
    graduates = pd.DataFrame(
        {"graduate_id": ["a", "b"], "expected_salary": [5000.0, np.nan], "degree": ["bachelor", None]}
    )
    positions = pd.DataFrame(
        {"position_id": ["p"], "enterprise_id": ["e"], "capacity": [3], "salary_min": [pd.NA]}
    ).astype({"salary_min": "Int64"})
    ranks = pd.DataFrame({"graduate_id": ["a"], "position_id": ["p"], "rank": [1]})
    problem = build_problem(graduates, positions, ranks)
    assert problem.graduates.expected_salary[0] == 5000 and np.isnan(problem.graduates.expected_salary[1])
    assert problem.graduates.degree_level.tolist() == [1, UNKNOWN_DEGREE]
    assert problem.positions.capacity.tolist() == [3] and np.isnan(problem.positions.salary_min[0])


def test_lists_take_ascii_and_chinese_separators_and_thousands_separators() -> None:
    graduates = graduates_frame(
        ["a"],
        preferred_places=["210602；2106、 21 ;"],
        preferred_industries=["C、I"],
        expected_salary=["5,500"],
    )
    problem = build_problem(graduates, positions_frame({"p": 1}, accepted_majors=["0809;080910T、12"]))
    assert problem.graduates.preferred_places.code.tolist() == ["210602", "2106", "21"]
    assert problem.graduates.preferred_industries.code.tolist() == ["C", "I"]
    assert problem.graduates.expected_salary.tolist() == [5500.0]
    assert problem.positions.accepted_majors.code.tolist() == ["0809", "080910T", "12"]


def test_degenerate_shapes_solve() -> None:
    nobody = pd.DataFrame({"graduate_id": pd.Series([], dtype=str)})
    nothing = pd.DataFrame(
        {c: pd.Series([], dtype=str) for c in ("position_id", "enterprise_id", "capacity")}
    )
    for graduates, positions in [
        (nobody, positions_frame({"p": 2})),
        (graduates_frame(["a", "b"]), nothing),
        (nobody, nothing),
    ]:
        for method in Method:
            result = solve_frames(graduates, positions, options=SolveOptions(method=method, seed=0))
            assert result.status is SolveStatus.OPTIMAL
            assert result.matched_graduates == 0
            frame = result.output_frame()
            rows = 0 if method is Method.SHORTLIST else len(graduates)
            assert len(frame) == rows
    result = solve_frames(graduates_frame(["a", "b"]), nothing, options=SolveOptions(seed=0))
    assert set(result.unmatched_frame()["reason"]) == {"no_acceptable_position"}


def test_options_and_weights_fail_loudly() -> None:
    with pytest.raises(ValueError, match="'lottery' is not a valid Method"):
        SolveOptions(method="lottery")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'both' is not a valid Proposing"):
        SolveOptions.for_method("stable", proposing="both")
    with pytest.raises(ValueError, match="candidates_per_graduate must be at least 1, got 0"):
        SolveOptions(candidates_per_graduate=0)
    with pytest.raises(ValueError, match="per_graduate must be at least 1, got 0"):
        SolveOptions.for_method("shortlist", per_graduate=0)
    with pytest.raises(ValueError, match="takes ShortlistOptions, got StableOptions"):
        SolveOptions(method=Method.SHORTLIST, method_options=StableOptions())
    with pytest.raises(ValueError, match=re.escape("seed must be 0 or more and below 2147483648, got -1")):
        SolveOptions(seed=-1)
    with pytest.raises(ValueError, match=re.escape("weight salary must be a finite number ≥ 0, got -0.1")):
        FitWeights(salary=-0.1)
    with pytest.raises(ValueError, match=re.escape("weight major must be a finite number ≥ 0, got nan")):
        FitWeights(major=float("nan"))
    with pytest.raises(ValueError, match="at least one weight must be positive"):
        FitWeights(0, 0, 0, 0, 0, 0)

"""The DIR contract: CSV files in, CSV out.

DIR holds `graduates.csv` and `positions.csv` (required) and `graduate_preferences.csv`,
`position_preferences.csv` and `locks.csv` (optional); UTF-8 (a byte-order mark is fine) or GB18030/GBK, a
header row, every cell read as text (ids are strings: '007' stays '007'). `matching.csvfiles` reads them,
as it reads every CSV input; blank rows at the end are dropped, other rows are kept (frame row i is
spreadsheet row i + 2), so a blank row in the middle is reported by the checks of the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd

from matching.csvfiles import read_csv_file, write_csv
from matching.errors import InputError, InputProblem
from matching.jobfair.problem import (
    GRADUATE_PREFERENCES_FILE,
    GRADUATES_FILE,
    LOCKS_FILE,
    POSITION_PREFERENCES_FILE,
    POSITIONS_FILE,
    JobFairProblem,
    build_problem,
)
from matching.jobfair.result import JobFairResult


@dataclass(frozen=True)
class ContractFrames:
    graduates: pd.DataFrame
    positions: pd.DataFrame
    graduate_preferences: pd.DataFrame | None = None
    position_preferences: pd.DataFrame | None = None
    locks: pd.DataFrame | None = None


def read_contract_dir(directory: Path | str) -> ContractFrames:
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(InputProblem.of(str(folder), "folder.not_a_directory"))

    def read(name: str, required: bool) -> pd.DataFrame | None:
        path = folder / name
        if not path.is_file():
            if required:
                raise InputError(InputProblem.of(name, "folder.required_file_missing", folder=str(folder)))
            return None
        return read_csv_frame(path)

    graduates = read(GRADUATES_FILE, True)
    positions = read(POSITIONS_FILE, True)
    assert graduates is not None and positions is not None
    return ContractFrames(
        graduates,
        positions,
        read(GRADUATE_PREFERENCES_FILE, False),
        read(POSITION_PREFERENCES_FILE, False),
        read(LOCKS_FILE, False),
    )


def read_problem_dir(directory: Path | str) -> JobFairProblem:
    frames = read_contract_dir(directory)
    return build_problem(
        frames.graduates,
        frames.positions,
        frames.graduate_preferences,
        frames.position_preferences,
        frames.locks,
    )


def read_csv_frame(path: Path) -> pd.DataFrame:
    """The file as a frame of strings ('' for empty cells), trailing blank rows dropped (cells are trimmed
    when the problem is built)."""
    return read_csv_file(path, blank_rows="trailing")


def write_output(result: JobFairResult, destination: TextIO) -> None:
    """The CSV contract: graduate_id,position_id,enterprise_id,score,graduate_rank,position_rank,reason."""
    write_csv(result.output_frame(), destination)

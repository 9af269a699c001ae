"""The DIR contract: CSV files in, CSV out.

DIR holds `graduates.csv` and `positions.csv` (required) and `graduate_preferences.csv`,
`position_preferences.csv` and `locks.csv` (optional); UTF-8 (a byte-order mark is fine), a header row,
every cell read as text (ids are strings: '007' stays '007'). Reading uses pyarrow's multi-threaded CSV
reader; a file it cannot parse is re-read with Python's csv module to name the faulty row.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from matching.errors import InputError, InputProblem
from matching.jobfair.columns import FIRST_DATA_ROW
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

UTF8_BOM = b"\xef\xbb\xbf"


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
        raise InputError(InputProblem(str(folder), "is not a directory"))

    def read(name: str, required: bool) -> pd.DataFrame | None:
        path = folder / name
        if not path.is_file():
            if required:
                raise InputError(InputProblem(name, f"the required file is missing from {folder}"))
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
    name = path.name
    data = path.read_bytes()
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    if not data.strip():
        raise InputError(InputProblem(name, "the file is empty; it needs a header row"))
    header_end = data.find(b"\n")
    header = data[: header_end if header_end >= 0 else len(data)]
    names = [column.strip() for column in next(csv.reader([_decode(header, name, 1).rstrip("\r")]))]
    _check_header(names, name)
    body = data[header_end + 1 :] if header_end >= 0 else b""
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=True),
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (
        pa.ArrowInvalid
    ):  # bad UTF-8, a malformed row or a quoted line break: the slow reader names the row
        table = _read_with_python(_decode(body, name, FIRST_DATA_ROW), names, name)
    return _drop_trailing_blank_rows(table).to_pandas(types_mapper=pd.ArrowDtype)


def _decode(data: bytes, name: str, first_row: int) -> str:
    """UTF-8 text, or an InputError at the row (counting lines from `first_row`) of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        row = first_row + data[: error.start].count(b"\n")
        raise InputError(
            InputProblem(name, "is not valid UTF-8 text; save the file as CSV UTF-8", row)
        ) from error


def _check_header(names: list[str], name: str) -> None:
    if not names:
        raise InputError(InputProblem(name, "the header row is empty", 1))
    problems = []
    for position, column in enumerate(names, start=1):
        if not column:
            problems.append(InputProblem(name, f"header column {position} has no name", 1))
    seen: set[str] = set()
    for column in names:
        if column and column in seen:
            problems.append(InputProblem(name, "the column appears twice in the header", 1, column))
        seen.add(column)
    if problems:
        raise InputError(problems)


def _read_with_python(text: str, names: list[str], name: str) -> pa.Table:
    records: list[list[str]] = []
    for row, record in enumerate(csv.reader(io.StringIO(text)), start=2):
        fields = record or [""] * len(names)  # a blank line is a row of empty cells
        if len(fields) != len(names):
            raise InputError(
                InputProblem(name, f"the row has {len(fields)} fields but the header has {len(names)}", row)
            )
        records.append(fields)
    columns = list(zip(*records, strict=True)) if records else [() for _ in names]
    return pa.table([pa.array(list(column), type=pa.string()) for column in columns], names=names)


def _drop_trailing_blank_rows(table: pa.Table) -> pa.Table:
    if table.num_rows == 0 or table.num_columns == 0:
        return table
    if any(str(column[-1].as_py()).strip() for column in table.columns):  # the usual case: nothing to drop
        return table
    filled = np.zeros(table.num_rows, dtype=bool)
    for column in table.columns:
        filled |= pc.not_equal(pc.utf8_trim_whitespace(column), "").to_numpy(zero_copy_only=False)
    last = int(np.flatnonzero(filled)[-1]) + 1 if filled.any() else 0
    return table.slice(0, last)


def write_output(result: JobFairResult, destination: TextIO) -> None:
    """The CSV contract: graduate_id,position_id,enterprise_id,score,graduate_rank,position_rank,reason."""
    result.output_frame().to_csv(destination, index=False, lineterminator="\n")

"""Reading one column of a contract frame: text, coded lists, numbers and ids, every fault located.

Frame row i is spreadsheet row i + 2 (the header is row 1). Work is done with pyarrow compute, so a
two-million-row preference file is checked without a Python loop.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from matching.errors import InputError, InputProblem
from matching.jobfair.arrays import FloatArray, IntArray, ObjectArray

FIRST_DATA_ROW = 2  # spreadsheet row of frame row 0: the header is row 1
MAX_PROBLEMS_PER_COLUMN = 20  # enough to show a pattern without flooding the report
LIST_SEPARATOR_PATTERN = r"[;；、]"  # ASCII and full-width semicolons, and the Chinese enumeration comma
NUMBER_PATTERN = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


def spreadsheet_row(frame_position: int) -> int:
    return frame_position + FIRST_DATA_ROW


class ProblemCollector:
    """Gathers every fault before raising, so a person fixes a file in one pass."""

    def __init__(self) -> None:
        self.problems: list[InputProblem] = []

    def add(
        self, file: str, code: str, /, row: int | None = None, column: str | None = None, **params: Any
    ) -> None:
        """The fault `code` of the translation table (`matching/messages/imports.py`) with its params."""
        self.problems.append(InputProblem.of(file, code, row, column, **params))

    def add_rows(
        self,
        file: str,
        column: str,
        positions: IntArray,
        code: str,
        params: Callable[[int], Mapping[str, Any]] | Mapping[str, Any] | None = None,
    ) -> None:
        """One problem `code` per faulty frame row (the first MAX_PROBLEMS_PER_COLUMN, then a count);
        `params` are the message's parameters, or a function of the frame row giving them."""
        if len(positions) == 0:
            return
        for position in positions[:MAX_PROBLEMS_PER_COLUMN].tolist():
            values = params(position) if callable(params) else params or {}
            self.add(file, code, spreadsheet_row(position), column, **values)
        hidden = len(positions) - MAX_PROBLEMS_PER_COLUMN
        if hidden > 0:
            self.add(file, "input.more_rows_same_fault", None, column, count=hidden)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def require_columns(
    frame: pd.DataFrame, file: str, required: Sequence[str], problems: ProblemCollector
) -> bool:
    missing = [name for name in required if name not in frame.columns]
    for name in missing:
        problems.add(file, "input.required_column_absent", None, name)
    return not missing


def text_column(frame: pd.DataFrame, column: str) -> pa.Array:
    """The column as trimmed strings, '' for empty or missing cells."""
    series = frame[column]
    try:
        array = pa.array(series, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed Python objects
        array = pa.array([None if _is_missing(value) else str(value) for value in series], type=pa.string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        array = pc.cast(array, pa.string())
    return pc.utf8_trim_whitespace(pc.fill_null(array, ""))


def optional_text(frame: pd.DataFrame, column: str) -> pa.Array | None:
    return text_column(frame, column) if column in frame.columns else None


def to_objects(values: pa.Array) -> ObjectArray:
    result: ObjectArray = values.to_numpy(zero_copy_only=False).astype(object, copy=False)
    return result


def empty_positions(values: pa.Array) -> IntArray:
    return np.flatnonzero(pc.equal(values, "").to_numpy(zero_copy_only=False)).astype(np.int64)


def pattern_faults(values: pa.Array, pattern: str) -> IntArray:
    """Rows whose non-empty value does not match `pattern`."""
    matches = pc.match_substring_regex(values, pattern).to_numpy(zero_copy_only=False)
    filled = pc.not_equal(values, "").to_numpy(zero_copy_only=False)
    return np.flatnonzero(filled & ~matches).astype(np.int64)


def value_at(values: pa.Array, position: int) -> str:
    text: str = values[position].as_py()
    return text


def parse_numbers(
    values: pa.Array,
    file: str,
    column: str,
    problems: ProblemCollector,
    *,
    whole: bool = False,
    minimum: float | None = 0.0,
) -> FloatArray:
    """Numbers (NaN for empty cells). Thousands separators are allowed: '5,000' is 5000."""
    numbers = _cast_plain_numbers(values)
    if numbers is None:
        numbers = _parse_cell_by_cell(values, file, column, problems, whole)
    with np.errstate(invalid="ignore"):
        if whole:
            fractional = np.flatnonzero(np.isfinite(numbers) & (numbers != np.floor(numbers)))
            problems.add_rows(
                file, column, fractional, "cell.not_integer", lambda i: {"value": value_at(values, i)}
            )
            numbers[fractional] = np.nan
        infinite = np.flatnonzero(np.isinf(numbers))
        problems.add_rows(file, column, infinite, "cell.not_finite", lambda i: {"value": value_at(values, i)})
        numbers[infinite] = np.nan
        if minimum is not None:
            low = np.flatnonzero(numbers < minimum)
            problems.add_rows(
                file,
                column,
                low,
                "cell.below_minimum",
                lambda i: {"value": f"{numbers[i]:g}", "minimum": f"{minimum:g}"},
            )
            numbers[low] = np.nan
    return numbers


def _cast_plain_numbers(values: pa.Array) -> FloatArray | None:
    """The common case, a column of plain numbers, in one cast; None when any cell needs a closer look."""
    try:
        numbers: FloatArray = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return None if np.isnan(numbers).any() else numbers  # 'nan' is text, not a number


def _parse_cell_by_cell(
    values: pa.Array, file: str, column: str, problems: ProblemCollector, whole: bool
) -> FloatArray:
    """NaN for empty cells and for faults, each fault reported."""
    cleaned = pc.replace_substring_regex(pc.replace_substring(values, ",", ""), r"^\+", "")
    is_number = pc.fill_null(pc.match_substring_regex(cleaned, NUMBER_PATTERN), False)
    filled = pc.not_equal(values, "").to_numpy(zero_copy_only=False)
    not_number = filled & ~is_number.to_numpy(zero_copy_only=False)
    problems.add_rows(
        file,
        column,
        np.flatnonzero(not_number),
        "cell.not_integer" if whole else "cell.not_number",
        lambda i: {"value": value_at(values, i)},
    )
    numbers: FloatArray = (
        pc.cast(pc.if_else(is_number, cleaned, pa.scalar(None, pa.string())), pa.float64())
        .to_numpy(zero_copy_only=False)
        .astype(np.float64)  # a writable copy
    )
    return numbers


@dataclass(frozen=True, eq=False)
class CodeList:
    """The items of a ';'-separated cell, one entry per item: `owner` is the frame row it came from."""

    owner: IntArray
    code: ObjectArray

    @staticmethod
    def empty() -> CodeList:
        return CodeList(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))

    def __len__(self) -> int:
        return len(self.owner)


def split_lists(values: pa.Array) -> tuple[IntArray, pa.Array]:
    """(frame row, trimmed item) for every non-empty item of every cell."""
    parts = pc.split_pattern_regex(values, LIST_SEPARATOR_PATTERN)
    owner = pc.list_parent_indices(parts).to_numpy(zero_copy_only=False).astype(np.int64)
    items = pc.utf8_trim_whitespace(pc.list_flatten(parts))
    keep = pc.not_equal(items, "")
    return owner[keep.to_numpy(zero_copy_only=False)], pc.filter(items, keep)


def parse_code_list(
    values: pa.Array,
    file: str,
    column: str,
    problems: ProblemCollector,
    is_valid: Callable[[pa.Array], np.ndarray],
    code: str,
) -> CodeList:
    """Split every cell into codes; each invalid code is reported at its row as the message `code`
    (whose parameter `value` is the first invalid item of the cell)."""
    owner, items = split_lists(values)
    valid = np.asarray(is_valid(items), dtype=bool)
    bad = np.flatnonzero(~valid)
    if len(bad):
        item_text = to_objects(items)
        rows = owner[bad]
        first_bad_per_row = np.unique(rows, return_index=True)[1]
        first_bad = {int(rows[i]): str(item_text[bad[i]]) for i in first_bad_per_row}
        problems.add_rows(file, column, np.unique(rows), code, lambda i: {"value": first_bad[i]})
    return CodeList(owner[valid], to_objects(pc.filter(items, pa.array(valid))))


def matches_pattern(pattern: str) -> Callable[[pa.Array], np.ndarray]:
    def check(items: pa.Array) -> np.ndarray:
        result: np.ndarray = pc.match_substring_regex(items, pattern).to_numpy(zero_copy_only=False)
        return result

    return check


def index_of(values: pa.Array, ids: pa.Array) -> IntArray:
    """Position of each value among `ids`, −1 when absent."""
    found = pc.fill_null(pc.index_in(values, value_set=ids), -1)
    return found.to_numpy(zero_copy_only=False).astype(np.int64)


def duplicate_positions(keys: np.ndarray) -> tuple[IntArray, IntArray]:
    """Later occurrences of repeated keys, each with the position of the key's first occurrence."""
    codes = keys if keys.dtype == np.int64 else pd.factorize(pd.Series(keys))[0]
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    repeated = np.flatnonzero(sorted_codes[1:] == sorted_codes[:-1]) + 1
    if len(repeated) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    group_start = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    first_of_group = group_start[np.searchsorted(group_start, repeated, side="right") - 1]
    later = order[repeated]
    earlier = order[first_of_group]
    by_row = np.argsort(later)
    return later[by_row].astype(np.int64), earlier[by_row].astype(np.int64)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False

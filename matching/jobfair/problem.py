"""The job-fair matching problem as typed arrays, built from the five frames of the DIR contract.

`build_problem` takes pandas frames whose columns are exactly those of the CSV files (`graduates`,
`positions`, and optionally `graduate_preferences`, `position_preferences`, `locks`); the service builds
the same frames from stored events. It validates everything and raises one `InputError` naming every fault
by file, spreadsheet row (frame row i is row i + 2) and column, each fault a message code with its
parameters (`matching/messages/imports.py`), said in the reader's language. Nothing here scores or solves.

Profile columns are optional and an empty cell means "not known": an unknown value never filters a pair
out, it only leaves the matching score component out (see `scoring`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from matching import reference
from matching.jobfair.arrays import BoolArray, FloatArray, IntArray, ObjectArray
from matching.jobfair.columns import (
    CodeList,
    ProblemCollector,
    duplicate_positions,
    empty_positions,
    index_of,
    matches_pattern,
    optional_text,
    parse_code_list,
    parse_numbers,
    pattern_faults,
    require_columns,
    spreadsheet_row,
    text_column,
    to_objects,
    value_at,
)

GRADUATES_FILE = "graduates.csv"
POSITIONS_FILE = "positions.csv"
GRADUATE_PREFERENCES_FILE = "graduate_preferences.csv"
POSITION_PREFERENCES_FILE = "position_preferences.csv"
LOCKS_FILE = "locks.csv"

# 2024 catalogue codes: discipline and class as shipped, major, optional T/K suffix.
MAJOR_CODE_PATTERN = reference.major_code_pattern()  # a class of the catalogue, then the major's digits
ACCEPTED_MAJOR_PATTERN = reference.accepted_major_pattern()  # a discipline, class or major
COUNTY_PATTERN = r"^\d{6}$"
PLACE_PATTERN = r"^\d{2}(\d{2}(\d{2})?)?$"  # province, city or county code

UNKNOWN_DEGREE = -1
NOT_GIVEN = -1  # integer columns (interview_capacity, max_interviews) left empty: no limit given

DEGREE_LEVELS: dict[str, int] = {
    **{key: level for level, key in enumerate(reference.DEGREES)},
    **{reference.DEGREE_NAMES_ZH[key]: level for level, key in enumerate(reference.DEGREES)},
}


class LockAction(enum.StrEnum):
    FIX = "fix"  # the pair is assigned in every run (an organiser's approval)
    FORBID = "forbid"  # the pair is never assigned (an organiser's rejection)


@dataclass(frozen=True, eq=False)
class Graduates:
    ids: ObjectArray
    university: ObjectArray  # '' when not given
    major_code: ObjectArray  # '' when not given
    degree_level: IntArray  # 0 专科 … 3 博士, UNKNOWN_DEGREE when not given
    home_county: ObjectArray  # 6-digit code, '' when not given
    preferred_places: CodeList  # province (2), city (4) or county (6 digits) codes
    preferred_industries: CodeList  # GB/T 4754 codes of any level
    expected_salary: FloatArray  # yuan per month, NaN when not given
    max_interviews: IntArray  # shortlist only: recommendations at most (interviews on the day); NOT_GIVEN

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Positions:
    ids: ObjectArray
    enterprise_index: IntArray  # into `enterprise_ids`
    enterprise_ids: ObjectArray  # distinct, in order of first appearance
    capacity: IntArray
    title: ObjectArray
    accepted_majors: CodeList  # empty for a position = any major
    min_degree_level: IntArray  # UNKNOWN_DEGREE when not given
    salary_min: FloatArray
    salary_max: FloatArray
    work_county: ObjectArray
    industry_code: ObjectArray
    interview_capacity: IntArray  # NOT_GIVEN when empty

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Preferences:
    """One side's ranked lists: `chooser` ranks `chosen` at `rank` (1 = first choice)."""

    chooser: IntArray
    chosen: IntArray
    rank: IntArray

    def __len__(self) -> int:
        return len(self.chooser)


@dataclass(frozen=True, eq=False)
class Locks:
    graduate: IntArray
    position: IntArray
    fixed: BoolArray  # True = fix, False = forbid
    row: IntArray  # spreadsheet row in locks.csv, for messages

    @staticmethod
    def empty() -> Locks:
        none = np.zeros(0, dtype=np.int64)
        return Locks(none, none, np.zeros(0, dtype=bool), none)

    def __len__(self) -> int:
        return len(self.graduate)


@dataclass(frozen=True, eq=False)
class JobFairProblem:
    graduates: Graduates
    positions: Positions
    graduate_preferences: Preferences | None  # graduates rank positions (志愿)
    position_preferences: Preferences | None  # positions rank graduates
    locks: Locks
    # the input is a stored fair's records, not a folder of files: findings name the kind of record (岗位)
    # and the decisions to change, not a file, row and column
    stored: bool = False

    @property
    def graduate_count(self) -> int:
        return self.graduates.count

    @property
    def position_count(self) -> int:
        return self.positions.count


def build_problem(
    graduates: pd.DataFrame,
    positions: pd.DataFrame,
    graduate_preferences: pd.DataFrame | None = None,
    position_preferences: pd.DataFrame | None = None,
    locks: pd.DataFrame | None = None,
    *,
    stored: bool = False,
) -> JobFairProblem:
    """Validate the contract frames and build the problem; raises InputError listing every fault.
    `stored`: the frames come from a stored fair (the pre-check then names records, not files)."""
    problems = ProblemCollector()
    graduate_table = _graduates(graduates, problems)
    position_table = _positions(positions, problems)
    graduate_ids = pa.array(graduate_table.ids.tolist(), type=pa.string()) if graduate_table else None
    position_ids = pa.array(position_table.ids.tolist(), type=pa.string()) if position_table else None
    ranked_positions = ranked_graduates = None
    lock_table = Locks.empty()
    if graduate_preferences is not None:
        ranked_positions = _preferences(
            graduate_preferences,
            GRADUATE_PREFERENCES_FILE,
            ("graduate_id", graduate_ids, GRADUATES_FILE),
            ("position_id", position_ids, POSITIONS_FILE),
            problems,
        )
    if position_preferences is not None:
        ranked_graduates = _preferences(
            position_preferences,
            POSITION_PREFERENCES_FILE,
            ("position_id", position_ids, POSITIONS_FILE),
            ("graduate_id", graduate_ids, GRADUATES_FILE),
            problems,
        )
    if locks is not None:
        lock_table = _locks(locks, graduate_ids, position_ids, problems)
    problems.raise_if_any()
    assert graduate_table is not None and position_table is not None  # else a problem was raised
    return JobFairProblem(
        graduate_table, position_table, ranked_positions, ranked_graduates, lock_table, stored=stored
    )


def _ids(frame: pd.DataFrame, file: str, column: str, problems: ProblemCollector) -> ObjectArray:
    """The id column; empty and repeated ids are faults."""
    values = text_column(frame, column)
    problems.add_rows(file, column, empty_positions(values), "input.column_empty", {"name": column})
    objects = to_objects(values)
    later, earlier = duplicate_positions(objects)
    problems.add_rows(
        file,
        column,
        later[objects[later] != ""],
        "jobfair_input.duplicate_id",
        lambda i: {
            "name": column,
            "value": objects[i],
            "first_row": spreadsheet_row(_first(later, earlier, i)),
        },
    )
    return objects


def _first(later: IntArray, earlier: IntArray, position: int) -> int:
    return int(earlier[np.searchsorted(later, position)])


def _degrees(frame: pd.DataFrame, file: str, column: str, problems: ProblemCollector) -> IntArray:
    values = optional_text(frame, column)
    if values is None:
        return np.full(len(frame), UNKNOWN_DEGREE, dtype=np.int64)
    texts = pd.Series(to_objects(values))
    levels = texts.map(DEGREE_LEVELS)
    unknown = np.flatnonzero((texts != "").to_numpy() & levels.isna().to_numpy())
    problems.add_rows(
        file, column, unknown, "jobfair_input.unknown_degree", lambda i: {"value": texts.iloc[i]}
    )
    return levels.fillna(UNKNOWN_DEGREE).to_numpy(dtype=np.int64)


def _codes(
    frame: pd.DataFrame, file: str, column: str, pattern: str, code: str, problems: ProblemCollector
) -> ObjectArray:
    """A code column; a value not matching `pattern` is the fault `code` (its parameter: `value`)."""
    values = optional_text(frame, column)
    if values is None:
        return np.full(len(frame), "", dtype=object)
    problems.add_rows(
        file, column, pattern_faults(values, pattern), code, lambda i: {"value": value_at(values, i)}
    )
    return to_objects(values)


def _numbers(
    frame: pd.DataFrame, file: str, column: str, problems: ProblemCollector, *, whole: bool = False
) -> FloatArray:
    values = optional_text(frame, column)
    if values is None:
        return np.full(len(frame), np.nan)
    return parse_numbers(values, file, column, problems, whole=whole)


def _known_industry(items: pa.Array) -> np.ndarray:
    known = pa.array(sorted(reference.industries()), type=pa.string())
    result: np.ndarray = pc.is_in(items, value_set=known).to_numpy(zero_copy_only=False)
    return result


INDUSTRY_UNKNOWN = "industry.unknown"  # the message of a code that is not a GB/T 4754-2017 industry


def _graduates(frame: pd.DataFrame, problems: ProblemCollector) -> Graduates | None:
    file = GRADUATES_FILE
    if not require_columns(frame, file, ["graduate_id"], problems):
        return None
    ids = _ids(frame, file, "graduate_id", problems)
    university = optional_text(frame, "university")
    places = optional_text(frame, "preferred_places")
    industries = optional_text(frame, "preferred_industries")
    return Graduates(
        ids=ids,
        university=to_objects(university)
        if university is not None
        else np.full(len(frame), "", dtype=object),
        major_code=_codes(
            frame,
            file,
            "major_code",
            MAJOR_CODE_PATTERN,
            "major.not_a_code",
            problems,
        ),
        degree_level=_degrees(frame, file, "degree", problems),
        home_county=_codes(frame, file, "home_county", COUNTY_PATTERN, "county.not_six_digits", problems),
        preferred_places=CodeList.empty()
        if places is None
        else parse_code_list(
            places,
            file,
            "preferred_places",
            problems,
            matches_pattern(PLACE_PATTERN),
            "jobfair_input.not_place",
        ),
        preferred_industries=CodeList.empty()
        if industries is None
        else parse_code_list(
            industries, file, "preferred_industries", problems, _known_industry, INDUSTRY_UNKNOWN
        ),
        expected_salary=_numbers(frame, file, "expected_salary", problems),
        max_interviews=np.nan_to_num(
            _numbers(frame, file, "max_interviews", problems, whole=True), nan=NOT_GIVEN
        ).astype(np.int64),
    )


def _positions(frame: pd.DataFrame, problems: ProblemCollector) -> Positions | None:
    file = POSITIONS_FILE
    if not require_columns(frame, file, ["position_id", "enterprise_id", "capacity"], problems):
        return None
    ids = _ids(frame, file, "position_id", problems)
    enterprises = text_column(frame, "enterprise_id")
    problems.add_rows(
        file, "enterprise_id", empty_positions(enterprises), "input.column_empty", {"name": "enterprise_id"}
    )
    enterprise_index, enterprise_ids = pd.factorize(pd.Series(to_objects(enterprises)))
    capacity_values = text_column(frame, "capacity")
    problems.add_rows(
        file, "capacity", empty_positions(capacity_values), "input.column_empty", {"name": "capacity"}
    )
    capacity = parse_numbers(capacity_values, file, "capacity", problems, whole=True)
    interview = _numbers(frame, file, "interview_capacity", problems, whole=True)
    salary_min = _numbers(frame, file, "salary_min", problems)
    salary_max = _numbers(frame, file, "salary_max", problems)
    with np.errstate(invalid="ignore"):
        inverted = np.flatnonzero(salary_min > salary_max)
    problems.add_rows(
        file,
        "salary_max",
        inverted,
        "jobfair_input.salary_inverted",
        lambda i: {"high": f"{salary_max[i]:g}", "low": f"{salary_min[i]:g}"},
    )
    majors = optional_text(frame, "accepted_majors")
    title = optional_text(frame, "title")
    return Positions(
        ids=ids,
        enterprise_index=enterprise_index.astype(np.int64),
        enterprise_ids=np.asarray(enterprise_ids, dtype=object),
        capacity=np.nan_to_num(capacity, nan=0).astype(np.int64),
        title=to_objects(title) if title is not None else np.full(len(frame), "", dtype=object),
        accepted_majors=CodeList.empty()
        if majors is None
        else parse_code_list(
            majors,
            file,
            "accepted_majors",
            problems,
            matches_pattern(ACCEPTED_MAJOR_PATTERN),
            "major.not_a_prefix",
        ),
        min_degree_level=_degrees(frame, file, "min_degree", problems),
        salary_min=salary_min,
        salary_max=salary_max,
        work_county=_codes(frame, file, "work_county", COUNTY_PATTERN, "county.not_six_digits", problems),
        industry_code=_industry_codes(frame, file, problems),
        interview_capacity=np.nan_to_num(interview, nan=NOT_GIVEN).astype(np.int64),
    )


def _industry_codes(frame: pd.DataFrame, file: str, problems: ProblemCollector) -> ObjectArray:
    values = optional_text(frame, "industry_code")
    if values is None:
        return np.full(len(frame), "", dtype=object)
    filled = pc.not_equal(values, "").to_numpy(zero_copy_only=False)
    unknown = np.flatnonzero(filled & ~_known_industry(values))
    problems.add_rows(
        file,
        "industry_code",
        unknown,
        INDUSTRY_UNKNOWN,
        lambda i: {"value": value_at(values, i)},
    )
    return to_objects(values)


def _reference_column(
    frame: pd.DataFrame,
    file: str,
    column: str,
    ids: pa.Array | None,
    ids_file: str,
    problems: ProblemCollector,
) -> tuple[IntArray, BoolArray]:
    """Indices into `ids` (−1 where bad) and the mask of good rows."""
    values = text_column(frame, column)
    empty = empty_positions(values)
    problems.add_rows(file, column, empty, "input.column_empty", {"name": column})
    if ids is None:  # the referenced file is itself broken; its faults are reported already
        return np.full(len(frame), -1, dtype=np.int64), np.zeros(len(frame), dtype=bool)
    index = index_of(values, ids)
    unknown = np.flatnonzero(index < 0)
    unknown = np.setdiff1d(unknown, empty, assume_unique=True)
    code = "jobfair_input.unknown_position" if column == "position_id" else "jobfair_input.unknown_graduate"
    problems.add_rows(file, column, unknown, code, lambda i: {"value": value_at(values, i), "file": ids_file})
    return index, index >= 0


def _preferences(
    frame: pd.DataFrame,
    file: str,
    chooser: tuple[str, pa.Array | None, str],
    chosen: tuple[str, pa.Array | None, str],
    problems: ProblemCollector,
) -> Preferences | None:
    chooser_column, chooser_ids, chooser_file = chooser
    chosen_column, chosen_ids, chosen_file = chosen
    if not require_columns(frame, file, [chooser_column, chosen_column, "rank"], problems):
        return None
    chooser_index, chooser_ok = _reference_column(
        frame, file, chooser_column, chooser_ids, chooser_file, problems
    )
    chosen_index, chosen_ok = _reference_column(frame, file, chosen_column, chosen_ids, chosen_file, problems)
    rank_values = text_column(frame, "rank")
    problems.add_rows(file, "rank", empty_positions(rank_values), "input.column_empty", {"name": "rank"})
    rank = parse_numbers(rank_values, file, "rank", problems, whole=True, minimum=1)
    good = chooser_ok & chosen_ok & np.isfinite(rank)
    if chosen_ids is not None and good.any():
        key = np.where(good, chooser_index * len(chosen_ids) + chosen_index, -1 - np.arange(len(good)))
        _report_duplicate_pairs(key, file, chosen_column, frame, problems)
    return Preferences(chooser_index[good], chosen_index[good], rank[good].astype(np.int64))


def _report_duplicate_pairs(
    key: IntArray, file: str, column: str, frame: pd.DataFrame, problems: ProblemCollector
) -> None:
    """Rows repeating an earlier (chooser, chosen) pair; the key is unique per row where a row is bad."""
    ordered = np.sort(key)
    if not (ordered[1:] == ordered[:-1]).any():  # the common case: one plain sort, no stable one
        return
    later, earlier = duplicate_positions(key)
    values = text_column(frame, column)
    problems.add_rows(
        file,
        column,
        later,
        "jobfair_input.twice_for_graduate" if column == "position_id" else "jobfair_input.twice_for_position",
        lambda i: {
            "value": value_at(values, i),
            "first_row": spreadsheet_row(_first(later, earlier, i)),
        },
    )


def _locks(
    frame: pd.DataFrame,
    graduate_ids: pa.Array | None,
    position_ids: pa.Array | None,
    problems: ProblemCollector,
) -> Locks:
    file = LOCKS_FILE
    if not require_columns(frame, file, ["graduate_id", "position_id", "action"], problems):
        return Locks.empty()
    graduate, graduate_ok = _reference_column(
        frame, file, "graduate_id", graduate_ids, GRADUATES_FILE, problems
    )
    position, position_ok = _reference_column(
        frame, file, "position_id", position_ids, POSITIONS_FILE, problems
    )
    actions = pc.utf8_lower(text_column(frame, "action"))
    known = [action.value for action in LockAction]
    bad_action = np.flatnonzero(~pc.is_in(actions, value_set=pa.array(known)).to_numpy(zero_copy_only=False))
    problems.add_rows(
        file,
        "action",
        bad_action,
        "jobfair_input.unknown_action",
        lambda i: {"value": value_at(actions, i)},
    )
    fixed = pc.equal(actions, LockAction.FIX.value).to_numpy(zero_copy_only=False)
    good = graduate_ok & position_ok
    good[bad_action] = False
    if position_ids is not None and good.any():
        key = np.where(good, graduate * len(position_ids) + position, -1 - np.arange(len(good)))
        later, earlier = duplicate_positions(key)
        problems.add_rows(
            file,
            "position_id",
            later,
            "jobfair_input.locked_twice",
            lambda i: {"first_row": spreadsheet_row(_first(later, earlier, i))},
        )
        good[later] = False
    rows = np.flatnonzero(good)
    return Locks(graduate[rows], position[rows], fixed[rows], rows + spreadsheet_row(0))

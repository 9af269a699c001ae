"""Build an `AidProblem` from pandas frames whose columns are the CSV contract, with precise errors.

Frames may hold strings (as read from CSV) or numbers (as the service stores them); empty strings,
None and NaN all mean "not given". Every fault names its file, row and column: the row is the
position in the frame + 2 (the spreadsheet row, the header being row 1), or the row the CSV reader
recorded in `frame.attrs["rows"]` when it skipped blank lines. All faults of a frame are collected
before raising one `InputError`. Each fault is a message code with its parameters (`InputProblem.of`,
codes in `matching/messages/imports.py`), so the command line and the pages say it in the reader's
language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from matching.aid.parameters import AidParameters
from matching.aid.problem import AidProblem, Enterprise, Lock, LockAction, Objective, Pair, Village
from matching.aid.scoring import score_pair, score_pairs
from matching.errors import InputError, InputProblem
from matching.reference import AID_NEED_NAMES_ZH, AID_NEEDS, parse_aid_need

ENTERPRISE_REQUIRED = ("enterprise_id", "capacity")
ENTERPRISE_OPTIONAL = ("max_villages", "name", "capabilities", "county_code", "township_code", "park_id")
VILLAGE_REQUIRED = ("village_id",)
VILLAGE_OPTIONAL = (
    "name",
    "county_code",
    "township_code",
    "population",
    "income",
    "needs",
    "previous_enterprise_id",
)
PAIR_COLUMNS = ("enterprise_id", "village_id", "value", "load")
LOCK_COLUMNS = ("enterprise_id", "village_id", "action")
# Columns that let pairs be scored when pairs.csv is absent.
ENTERPRISE_PROFILE = ("capabilities", "county_code", "township_code")
VILLAGE_PROFILE = ("county_code", "township_code", "population", "income", "needs", "previous_enterprise_id")

# a pair locked one way, then the other: the message says which came first
_CONFLICT = {
    LockAction.FIX: "aid_input.fixed_then_forbidden",
    LockAction.FORBID: "aid_input.forbidden_then_fixed",
}
_LIST_SEPARATOR = re.compile("[;；]")
_NEEDS = ", ".join(AID_NEEDS)
_NEED_NAMES = ", ".join(AID_NEED_NAMES_ZH.values())


@dataclass(frozen=True)
class FileLabels:
    """How errors name each input; the CLI passes paths, the service may pass its own names."""

    enterprises: str = "enterprises.csv"
    villages: str = "villages.csv"
    pairs: str = "pairs.csv"
    locks: str = "locks.csv"
    parameters: str = "parameters"


def first_data_row(position: int) -> int:
    """Spreadsheet row of the frame's `position`-th row (header = row 1)."""
    return position + 2


@dataclass
class _Faults:
    file: str
    problems: list[InputProblem] = field(default_factory=list)

    def add(self, code: str, /, row: int | None = None, column: str | None = None, **params: Any) -> None:
        """The fault `code` of the translation table (`matching/messages/imports.py`) with its params."""
        self.problems.append(InputProblem.of(self.file, code, row, column, **params))


def _is_missing(raw: Any) -> bool:
    if raw is None or raw is pd.NA or raw is pd.NaT:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and not raw.strip()


def _text(raw: Any) -> str | None:
    if _is_missing(raw):
        return None
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # an id stored as a number, e.g. 3.0 from a numeric column
    return str(raw).strip()


class _BadCell(ValueError):
    """A cell that cannot be parsed: the message code and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _found(raw: Any) -> str:
    return raw.strip() if isinstance(raw, str) else str(raw)


def _number(raw: Any) -> float | None:
    if _is_missing(raw):
        return None
    if isinstance(raw, bool):
        raise _BadCell("aid_input.not_number", value=_found(raw))
    try:
        value = float(raw.strip() if isinstance(raw, str) else raw)
    except (TypeError, ValueError):
        raise _BadCell("aid_input.not_number", value=_found(raw)) from None
    if not math.isfinite(value):
        raise _BadCell("aid_input.not_finite", value=_found(raw))
    return value


def _non_negative(raw: Any) -> float | None:
    value = _number(raw)
    if value is not None and value < 0:
        raise _BadCell("aid_input.negative", value=_found(raw))
    return value


def _count(raw: Any) -> int | None:
    value = _non_negative(raw)
    if value is None:
        return None
    if not value.is_integer():
        raise _BadCell("aid_input.not_whole", value=_found(raw))
    return int(value)


def _needs(raw: Any) -> frozenset[str]:
    text = _text(raw)
    if text is None:
        return frozenset()
    result = set()
    for part in _LIST_SEPARATOR.split(text):
        if not part.strip():
            continue
        need = parse_aid_need(part)
        if need is None:
            raise _BadCell("aid_input.unknown_need", value=part.strip(), needs=_NEEDS, names=_NEED_NAMES)
        result.add(need)
    return frozenset(result)


def _code(digits: int) -> Callable[[Any], str | None]:
    def parse(raw: Any) -> str | None:
        text = _text(raw)
        if text is None:
            return None
        if not (text.isascii() and text.isdigit() and len(text) == digits):
            raise _BadCell("aid_input.not_division_code", digits=digits, value=text)
        return text

    return parse


def _check_columns(
    frame: pd.DataFrame, required: tuple[str, ...], optional: tuple[str, ...], faults: _Faults
) -> bool:
    columns = [str(column) for column in frame.columns]
    for column in required:
        if column not in columns:
            faults.add("input.missing_column", column=column, name=column)
    allowed = required + optional
    for column in columns:
        if column not in allowed:
            faults.add("input.unknown_column_of", column=column, columns=", ".join(allowed))
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            faults.add("header.column_twice", column=column)
        seen.add(column)
    return not faults.problems


def _rows(frame: pd.DataFrame) -> Iterator[tuple[int, dict[str, Any]]]:
    """(spreadsheet row, record); `frame.attrs["rows"]` holds the rows when the reader skipped blank lines."""
    columns = [str(column) for column in frame.columns]
    rows = frame.attrs.get("rows")
    if not isinstance(rows, list) or len(rows) != len(frame):
        rows = [first_data_row(position) for position in range(len(frame))]
    for row, values in zip(rows, frame.itertuples(index=False, name=None), strict=True):
        yield row, dict(zip(columns, values, strict=True))


def _cell(
    record: dict[str, Any],
    column: str,
    parse: Callable[[Any], Any],
    row: int,
    faults: _Faults,
    default: Any = None,
) -> Any:
    if column not in record:
        return default
    try:
        return parse(record[column])
    except _BadCell as error:
        faults.add(error.code, row, column, **error.params)
        return default


def _locations(record: dict[str, Any], row: int, faults: _Faults) -> tuple[str | None, str | None]:
    county = _cell(record, "county_code", _code(6), row, faults)
    township = _cell(record, "township_code", _code(9), row, faults)
    if township is not None:
        if county is None:
            county = township[:6]  # a township code starts with its county's code
        elif township[:6] != county:
            faults.add("township.not_in_county", row, "township_code", township=township, county=county)
    return county, township


def _required_id(record: dict[str, Any], column: str, row: int, faults: _Faults) -> str | None:
    value = _text(record.get(column))
    if value is None:
        faults.add("input.column_required", row, column, name=column)
    return value


def read_enterprises(frame: pd.DataFrame, label: str = "enterprises.csv") -> list[Enterprise]:
    faults = _Faults(label)
    if not _check_columns(frame, ENTERPRISE_REQUIRED, ENTERPRISE_OPTIONAL, faults):
        raise InputError(faults.problems)
    enterprises: list[Enterprise] = []
    first_row: dict[str, int] = {}
    for row, record in _rows(frame):
        enterprise_id = _required_id(record, "enterprise_id", row, faults)
        capacity = _cell(record, "capacity", _non_negative, row, faults)
        if capacity is None and not _is_missing_fault(faults, row, "capacity"):
            faults.add("aid_input.capacity_required", row, "capacity")
        max_villages = _cell(record, "max_villages", _count, row, faults)
        capabilities = _cell(record, "capabilities", _needs, row, faults, frozenset())
        county, township = _locations(record, row, faults)
        if enterprise_id is not None:
            if enterprise_id in first_row:
                faults.add(
                    "aid_input.listed_twice",
                    row,
                    "enterprise_id",
                    name="enterprise_id",
                    value=enterprise_id,
                    first_row=first_row[enterprise_id],
                )
            first_row.setdefault(enterprise_id, row)
        if enterprise_id is None or capacity is None:
            continue
        enterprises.append(
            Enterprise(
                enterprise_id=enterprise_id,
                capacity=capacity,
                max_villages=max_villages,
                name=_text(record.get("name")) or "",
                capabilities=capabilities,
                county_code=county,
                township_code=township,
                park_id=_text(record.get("park_id")),
            )
        )
    if faults.problems:
        raise InputError(faults.problems)
    return enterprises


def _is_missing_fault(faults: _Faults, row: int, column: str) -> bool:
    """True when this cell already has a fault (so 'required' would repeat it)."""
    return any(p.row == row and p.column == column for p in faults.problems)


def read_villages(frame: pd.DataFrame, label: str = "villages.csv") -> list[Village]:
    faults = _Faults(label)
    if not _check_columns(frame, VILLAGE_REQUIRED, VILLAGE_OPTIONAL, faults):
        raise InputError(faults.problems)
    villages: list[Village] = []
    first_row: dict[str, int] = {}
    for row, record in _rows(frame):
        village_id = _required_id(record, "village_id", row, faults)
        county, township = _locations(record, row, faults)
        population = _cell(record, "population", _count, row, faults)
        income = _cell(record, "income", _non_negative, row, faults)
        needs = _cell(record, "needs", _needs, row, faults, frozenset())
        if village_id is None:
            continue
        if village_id in first_row:
            faults.add(
                "aid_input.listed_twice",
                row,
                "village_id",
                name="village_id",
                value=village_id,
                first_row=first_row[village_id],
            )
            continue
        first_row[village_id] = row
        villages.append(
            Village(
                village_id=village_id,
                name=_text(record.get("name")) or "",
                county_code=county,
                township_code=township,
                population=population,
                income=income,
                needs=needs,
                # Last year's enterprise may have left the programme: then there is no continuity bonus.
                previous_enterprise_id=_text(record.get("previous_enterprise_id")),
            )
        )
    if faults.problems:
        raise InputError(faults.problems)
    return villages


def _pair_ids(
    record: dict[str, Any],
    row: int,
    faults: _Faults,
    enterprise_ids: Mapping[str, Any],
    village_ids: Mapping[str, Any],
) -> tuple[str, str] | None:
    enterprise_id = _required_id(record, "enterprise_id", row, faults)
    village_id = _required_id(record, "village_id", row, faults)
    if enterprise_id is not None and enterprise_id not in enterprise_ids:
        faults.add("aid_input.unknown_enterprise", row, "enterprise_id", value=enterprise_id)
        enterprise_id = None
    if village_id is not None and village_id not in village_ids:
        faults.add("aid_input.unknown_village", row, "village_id", value=village_id)
        village_id = None
    if enterprise_id is None or village_id is None:
        return None
    return enterprise_id, village_id


def read_pairs(
    frame: pd.DataFrame,
    enterprises: list[Enterprise],
    villages: list[Village],
    label: str = "pairs.csv",
) -> list[Pair]:
    faults = _Faults(label)
    if not _check_columns(frame, PAIR_COLUMNS, (), faults):
        raise InputError(faults.problems)
    enterprise_ids = {e.enterprise_id: e for e in enterprises}
    village_ids = {v.village_id: v for v in villages}
    pairs: list[Pair] = []
    first_row: dict[tuple[str, str], int] = {}
    for row, record in _rows(frame):
        key = _pair_ids(record, row, faults, enterprise_ids, village_ids)
        value = _cell(record, "value", _number, row, faults)
        load = _cell(record, "load", _non_negative, row, faults)
        for column, parsed in (("value", value), ("load", load)):
            if parsed is None and not _is_missing_fault(faults, row, column):
                faults.add("input.column_required", row, column, name=column)
        if key is None or value is None or load is None:
            continue
        if key in first_row:
            faults.add(
                "aid_input.pair_twice",
                row,
                "village_id",
                enterprise=key[0],
                village=key[1],
                first_row=first_row[key],
            )
            continue
        first_row[key] = row
        pairs.append(Pair(key[0], key[1], value, load))
    if faults.problems:
        raise InputError(faults.problems)
    return pairs


def read_locks(
    frame: pd.DataFrame,
    enterprises: list[Enterprise],
    villages: list[Village],
    acceptable: Mapping[tuple[str, str], Pair],
    label: str = "locks.csv",
    pairs_label: str | None = "pairs.csv",
) -> list[Lock]:
    """Locks; a fixed pair must be acceptable when pairs come from `pairs_label` (None: scored)."""
    faults = _Faults(label)
    if not _check_columns(frame, LOCK_COLUMNS, (), faults):
        raise InputError(faults.problems)
    enterprise_ids = {e.enterprise_id: e for e in enterprises}
    village_ids = {v.village_id: v for v in villages}
    locks: list[Lock] = []
    seen: dict[tuple[str, str], tuple[LockAction, int]] = {}
    fixed_village: dict[str, tuple[str, int]] = {}
    for row, record in _rows(frame):
        key = _pair_ids(record, row, faults, enterprise_ids, village_ids)
        action = _cell(record, "action", _action, row, faults)
        if action is None and not _is_missing_fault(faults, row, "action"):
            faults.add("aid_input.action_required", row, "action")
        if key is None or action is None:
            continue
        if key in seen:
            earlier, earlier_row = seen[key]
            if earlier is not action:
                faults.add(
                    _CONFLICT[earlier],
                    row,
                    "action",
                    enterprise=key[0],
                    village=key[1],
                    first_row=earlier_row,
                )
            continue  # the same lock twice changes nothing
        seen[key] = (action, row)
        if action is LockAction.FIX:
            enterprise_id, village_id = key
            if village_id in fixed_village:
                other, other_row = fixed_village[village_id]
                faults.add(
                    "aid_input.village_fixed_twice",
                    row,
                    "enterprise_id",
                    village=village_id,
                    other=other,
                    first_row=other_row,
                )
                continue
            fixed_village[village_id] = (enterprise_id, row)
            if pairs_label is not None and key not in acceptable:
                faults.add(
                    "aid_input.fixed_not_listed",
                    row,
                    "village_id",
                    enterprise=enterprise_id,
                    village=village_id,
                    pairs_file=pairs_label,
                )
                continue
        locks.append(Lock(key[0], key[1], action))
    if faults.problems:
        raise InputError(faults.problems)
    return locks


def _action(raw: Any) -> LockAction | None:
    text = _text(raw)
    if text is None:
        return None
    try:
        return LockAction.parse(text)
    except ValueError:
        raise _BadCell("aid_input.unknown_action", value=text) from None


def _check_minimums(parameters: AidParameters, enterprises: list[Enterprise], label: str) -> None:
    faults = _Faults(label)
    parks = {e.park_id for e in enterprises if e.park_id is not None}
    counties = {e.county_code for e in enterprises if e.county_code is not None}
    for park in parameters.min_villages_per_park:
        if park not in parks:
            faults.add("aid_input.minimum_unknown_park", column="min_villages_per_park", park=park)
    for county in parameters.min_villages_per_county:
        if county not in counties:
            faults.add("aid_input.minimum_unknown_county", column="min_villages_per_county", county=county)
    if faults.problems:
        raise InputError(faults.problems)


def _has_profiles(enterprises: pd.DataFrame, villages: pd.DataFrame) -> bool:
    return any(str(c) in ENTERPRISE_PROFILE for c in enterprises.columns) or any(
        str(c) in VILLAGE_PROFILE for c in villages.columns
    )


def problem_from_frames(
    enterprises: pd.DataFrame,
    villages: pd.DataFrame,
    pairs: pd.DataFrame | None = None,
    locks: pd.DataFrame | None = None,
    parameters: AidParameters | None = None,
    objective: Objective = Objective.MAX,
    labels: FileLabels | None = None,
) -> AidProblem:
    """Validate the frames and build the problem: pairs from `pairs` when given, else scored from the
    profile columns with `parameters`. A fixed lock on a scored pair that is not acceptable (too far,
    no fitting capability, outside the top-k) keeps it anyway: an official approved it."""
    parameters = parameters or AidParameters()
    labels = labels or FileLabels()
    enterprise_list = read_enterprises(enterprises, labels.enterprises)
    village_list = read_villages(villages, labels.villages)
    _check_minimums(parameters, enterprise_list, labels.parameters)
    if pairs is not None:
        pair_list = read_pairs(pairs, enterprise_list, village_list, labels.pairs)
    elif not _has_profiles(enterprises, villages):
        raise InputError(InputProblem.of(labels.pairs, "aid_input.no_pairs"))
    else:
        pair_list = score_pairs(enterprise_list, village_list, parameters)
    acceptable = {(p.enterprise_id, p.village_id): p for p in pair_list}
    lock_list: list[Lock] = []
    if locks is not None:
        lock_list = read_locks(
            locks,
            enterprise_list,
            village_list,
            acceptable,
            labels.locks,
            labels.pairs if pairs is not None else None,
        )
        by_id_e = {e.enterprise_id: e for e in enterprise_list}
        by_id_v = {v.village_id: v for v in village_list}
        for lock in lock_list:
            key = (lock.enterprise_id, lock.village_id)
            if lock.action is LockAction.FIX and key not in acceptable:
                scored = score_pair(by_id_e[lock.enterprise_id], by_id_v[lock.village_id], parameters)
                acceptable[key] = scored.pair
                pair_list.append(scored.pair)
    return AidProblem(
        enterprises=tuple(enterprise_list),
        villages=tuple(village_list),
        pairs=tuple(pair_list),
        locks=tuple(lock_list),
        objective=objective,
        min_villages_per_park=dict(parameters.min_villages_per_park),
        min_villages_per_county=dict(parameters.min_villages_per_county),
    )

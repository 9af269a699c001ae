"""The fair-day timetable problem as typed arrays, built and validated from the frames of the DIR contract.

`build_problem` takes pandas frames whose columns are those of the CSV files (see `files`): `fair`,
`interviews`, `booths` and optionally `graduates`. Cells may be text or numbers; an empty cell (or NaN/None)
means "not given". Every fault is collected and raised together as one `InputError` naming file,
spreadsheet row (frame row i is row i + 2) and column. A row whose cells are all empty is skipped.

Times are minutes after midnight internally; the day is cut into `slot_count` slots of `slot_minutes`.
Nothing here plans or solves.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from matching.errors import InputError, InputProblem

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
ObjectArray = npt.NDArray[np.object_]

FAIR_FILE = "fair.csv"
INTERVIEWS_FILE = "interviews.csv"
BOOTHS_FILE = "booths.csv"
GRADUATES_FILE = "graduates.csv"

FIRST_DATA_ROW = 2  # spreadsheet row of frame row 0: the header is row 1
MAX_PROBLEMS_PER_COLUMN = 20  # enough to show a pattern without flooding the report
NO_LIMIT = -1  # max_interviews left empty
NOT_GIVEN = -1  # a time or rank cell left empty
NOT_LISTED = 0  # spreadsheet row of a graduate who appears only in interviews.csv

CLOCK_PATTERN = re.compile(r"^(\d{1,2})[:：](\d{2})$")  # 9:00, 09:00 and the full-width colon 09：00
LIST_SEPARATOR_PATTERN = re.compile(r"[;；、]")
RANGE_SEPARATOR_PATTERN = re.compile(r"\s*[-–—~～－]\s*")
MINUTES_PER_DAY = 24 * 60

FAIR_COLUMNS = {"opens": True, "closes": True, "slot_minutes": True, "min_gap_minutes": False}
INTERVIEW_COLUMNS = {
    "graduate_id": True,
    "enterprise_id": True,
    "position_id": False,
    "position_title": False,  # printed on itineraries
    "score": False,
    "wish_rank": False,
    "status": False,
    "start": False,
}
BOOTH_COLUMNS = {
    "enterprise_id": True,
    "interviewers": True,
    "arrives": False,
    "leaves": False,
    "breaks": False,
    "booth": False,  # the booth's label on the floor plan, e.g. A-12; printed on itineraries
    "enterprise_name": False,
}
GRADUATE_COLUMNS = {"graduate_id": True, "name": False, "max_interviews": False, "unavailable": False}

Window = tuple[int, int]  # [start, end) in minutes after midnight


class InterviewStatus(enum.StrEnum):
    PENDING = "pending"  # to be placed by the solver
    HELD = "held"  # took place: keeps its start
    STARTED = "started"  # under way: keeps its start
    NO_SHOW = "no_show"  # dropped from the timetable
    CANCELLED = "cancelled"  # dropped from the timetable

    @property
    def dropped(self) -> bool:
        return self in (InterviewStatus.NO_SHOW, InterviewStatus.CANCELLED)

    @property
    def happened(self) -> bool:
        return self in (InterviewStatus.HELD, InterviewStatus.STARTED)


STATUS_HELP = "use " + ", ".join(status.value for status in InterviewStatus)


@dataclass(frozen=True)
class FairDay:
    opens: int  # minutes after midnight
    closes: int
    slot_minutes: int
    min_gap_minutes: int  # free minutes a graduate needs between two interviews (walking between booths)

    @property
    def slot_count(self) -> int:
        return (self.closes - self.opens) // self.slot_minutes

    @property
    def gap_slots(self) -> int:
        """Whole slots a graduate must leave free after an interview before the next one."""
        return math.ceil(self.min_gap_minutes / self.slot_minutes)

    def slot_start(self, slot: int) -> int:
        return self.opens + slot * self.slot_minutes

    def slot_starts(self) -> IntArray:
        return self.opens + self.slot_minutes * np.arange(self.slot_count, dtype=np.int64)

    def slot_at(self, minutes: int) -> int | None:
        """The slot starting exactly at `minutes`, None when no slot starts then."""
        offset = minutes - self.opens
        if offset < 0 or offset % self.slot_minutes or offset // self.slot_minutes >= self.slot_count:
            return None
        return offset // self.slot_minutes

    def slot_list_text(self, shown: int = 3) -> str:
        starts = [format_clock(self.slot_start(s)) for s in range(min(shown, self.slot_count))]
        return ", ".join(starts) + (" …" if self.slot_count > shown else "")


@dataclass(frozen=True, eq=False)
class Booths:
    """One booth per enterprise; `row` is its spreadsheet row in booths.csv."""

    enterprise_ids: ObjectArray
    labels: ObjectArray  # the `booth` column, the enterprise id when empty
    names: ObjectArray  # '' when not given
    interviewers: IntArray
    arrives: IntArray  # minutes; the fair's opening when not given
    leaves: IntArray  # minutes; the fair's closing when not given
    breaks: tuple[tuple[Window, ...], ...]
    row: IntArray

    @property
    def count(self) -> int:
        return len(self.enterprise_ids)


@dataclass(frozen=True, eq=False)
class Graduates:
    """Graduates of graduates.csv in file order, then those only in interviews.csv (row NOT_LISTED)."""

    ids: ObjectArray
    names: ObjectArray
    max_interviews: IntArray  # NO_LIMIT when not given
    unavailable: tuple[tuple[Window, ...], ...]
    row: IntArray

    @property
    def count(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, eq=False)
class Interviews:
    graduate: IntArray  # index into Graduates
    booth: IntArray  # index into Booths
    position_ids: ObjectArray  # '' when not given
    position_titles: ObjectArray
    score: FloatArray  # NaN when not given
    wish_rank: IntArray  # 1 = first choice, NOT_GIVEN when not wished
    status: tuple[InterviewStatus, ...]
    start: IntArray  # minutes, NOT_GIVEN when empty
    row: IntArray  # spreadsheet row in interviews.csv

    @property
    def count(self) -> int:
        return len(self.graduate)

    @property
    def dropped(self) -> BoolArray:
        return np.array([status.dropped for status in self.status], dtype=bool)


@dataclass(frozen=True, eq=False)
class TimetableProblem:
    fair: FairDay
    booths: Booths
    graduates: Graduates
    interviews: Interviews

    @property
    def slot_count(self) -> int:
        return self.fair.slot_count

    def booth_open(self) -> BoolArray:
        """[booth, slot]: the booth is staffed for the whole slot (after arriving, before leaving, no break)."""
        starts = self.fair.slot_starts()
        ends = starts + self.fair.slot_minutes
        open_ = (starts[None, :] >= self.booths.arrives[:, None]) & (
            ends[None, :] <= self.booths.leaves[:, None]
        )
        return open_ & ~_overlaps(self.booths.breaks, starts, ends)

    def graduate_free(self) -> BoolArray:
        """[graduate, slot]: the slot does not touch any of the graduate's unavailable windows."""
        starts = self.fair.slot_starts()
        return ~_overlaps(self.graduates.unavailable, starts, starts + self.fair.slot_minutes)


def _overlaps(windows: Sequence[tuple[Window, ...]], starts: IntArray, ends: IntArray) -> BoolArray:
    result = np.zeros((len(windows), len(starts)), dtype=bool)
    for owner, owned in enumerate(windows):
        for begin, end in owned:
            result[owner] |= (starts < end) & (begin < ends)
    return result


def parse_clock(text: str) -> int | None:
    """Minutes after midnight of 'HH:MM' (or 'H:MM'), None when the text is not a time of day."""
    match = CLOCK_PATTERN.match(text.strip())
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 24 or minutes > 59 or hours * 60 + minutes > MINUTES_PER_DAY:
        return None
    return hours * 60 + minutes


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_windows(text: str) -> list[Window] | str:
    """'12:00-13:00;15:00-15:15' as windows, or the message explaining why it is not."""
    windows = []
    for item in LIST_SEPARATOR_PATTERN.split(text):
        item = item.strip()
        if not item:
            continue
        parts = RANGE_SEPARATOR_PATTERN.split(item)
        times = [parse_clock(part) for part in parts]
        if len(parts) != 2 or times[0] is None or times[1] is None:
            return f"'{item}' is not a time range HH:MM-HH:MM"
        begin, end = times[0], times[1]
        if begin >= end:
            return f"'{item}' ends before it starts"
        windows.append((begin, end))
    return windows


class _Problems:
    """Gathers every fault before raising, so a person fixes the files in one pass."""

    def __init__(self) -> None:
        self.items: list[InputProblem] = []
        self._per_column: dict[tuple[str, str | None], int] = {}

    def add(self, file: str, message: str, row: int | None = None, column: str | None = None) -> None:
        key = (file, column)
        seen = self._per_column.get(key, 0)
        self._per_column[key] = seen + 1
        if seen < MAX_PROBLEMS_PER_COLUMN:
            self.items.append(InputProblem(file, message, row, column))
        elif seen == MAX_PROBLEMS_PER_COLUMN:
            self.items.append(InputProblem(file, "… and more rows with faults in this column", None, column))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


@dataclass
class _Table:
    """A frame as trimmed text cells, with the spreadsheet row of each kept row (blank rows skipped)."""

    file: str
    cells: dict[str, list[str]]
    rows: list[int]

    def column(self, name: str) -> list[str]:
        return self.cells.get(name, [""] * len(self.rows))

    def has(self, name: str) -> bool:
        return name in self.cells


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _table(frame: pd.DataFrame, file: str, known: dict[str, bool], problems: _Problems) -> _Table | None:
    names = [str(name).strip() for name in frame.columns]
    ok = True
    for name in names:
        if name not in known:
            problems.add(file, f"unknown column; the columns are {', '.join(known)}", 1, name)
            ok = False
    if len(set(names)) != len(names):
        problems.add(file, "a column appears twice in the header", 1)
        ok = False
    for name, required in known.items():
        if required and name not in names:
            problems.add(file, "the required column is missing from the header", 1, name)
            ok = False
    if not ok:
        return None
    raw = {name: [_cell_text(value) for value in frame.iloc[:, i].tolist()] for i, name in enumerate(names)}
    filled = [any(raw[name][i] for name in names) for i in range(len(frame))]
    keep = [i for i, is_filled in enumerate(filled) if is_filled]
    return _Table(
        file,
        {name: [values[i] for i in keep] for name, values in raw.items()},
        [i + FIRST_DATA_ROW for i in keep],
    )


def _whole_numbers(
    table: _Table,
    column: str,
    problems: _Problems,
    minimum: int,
    *,
    required: bool,
) -> list[int]:
    """Whole numbers ≥ minimum; NOT_GIVEN for empty (or faulty) cells."""
    values = []
    for text, row in zip(table.column(column), table.rows, strict=True):
        value = NOT_GIVEN
        if not text:
            if required:
                problems.add(table.file, "a number is required", row, column)
        else:
            try:
                number = float(text.replace(",", ""))
            except ValueError:
                number = math.nan
            if not math.isfinite(number) or not number.is_integer():
                problems.add(table.file, f"'{text}' is not a whole number", row, column)
            elif number < minimum:
                problems.add(table.file, f"{int(number)} is below the minimum {minimum}", row, column)
            else:
                value = int(number)
        values.append(value)
    return values


def _times(table: _Table, column: str, problems: _Problems, *, required: bool = False) -> list[int]:
    values = []
    for text, row in zip(table.column(column), table.rows, strict=True):
        value = NOT_GIVEN
        if not text:
            if required:
                problems.add(table.file, "a time HH:MM is required", row, column)
        else:
            parsed = parse_clock(text)
            if parsed is None:
                problems.add(table.file, f"'{text}' is not a time of day HH:MM", row, column)
            else:
                value = parsed
        values.append(value)
    return values


def _window_lists(
    table: _Table, column: str, problems: _Problems, inside: Callable[[Window], str | None]
) -> list[tuple[Window, ...]]:
    result = []
    for text, row in zip(table.column(column), table.rows, strict=True):
        parsed = parse_windows(text) if text else []
        if isinstance(parsed, str):
            problems.add(table.file, parsed, row, column)
            parsed = []
        for window in parsed:
            fault = inside(window)
            if fault:
                problems.add(table.file, fault, row, column)
        result.append(tuple(parsed))
    return result


def _required_ids(table: _Table, column: str, problems: _Problems) -> list[str]:
    values = table.column(column)
    for text, row in zip(values, table.rows, strict=True):
        if not text:
            problems.add(table.file, "an id is required", row, column)
    return values


def _unique(table: _Table, column: str, values: list[str], problems: _Problems) -> None:
    first_row: dict[str, int] = {}
    for text, row in zip(values, table.rows, strict=True):
        if not text:
            continue
        if text in first_row:
            problems.add(table.file, f"'{text}' appears again (first at row {first_row[text]})", row, column)
        else:
            first_row[text] = row


def _fair(frame: pd.DataFrame, problems: _Problems) -> FairDay | None:
    table = _table(frame, FAIR_FILE, FAIR_COLUMNS, problems)
    if table is None:
        return None
    if len(table.rows) != 1:
        problems.add(FAIR_FILE, f"needs exactly one data row, found {len(table.rows)}")
        return None
    before = len(problems.items)
    opens = _times(table, "opens", problems, required=True)[0]
    closes = _times(table, "closes", problems, required=True)[0]
    slot = _whole_numbers(table, "slot_minutes", problems, 1, required=True)[0]
    gap = _whole_numbers(table, "min_gap_minutes", problems, 0, required=False)[0]
    if len(problems.items) > before:
        return None
    row = table.rows[0]
    if closes <= opens:
        problems.add(
            FAIR_FILE, f"the fair closes at {format_clock(closes)}, not after it opens", row, "closes"
        )
        return None
    length = closes - opens
    if length % slot:
        fitted = opens + (length // slot) * slot
        problems.add(
            FAIR_FILE,
            f"{length} minutes from opening to closing is not a whole number of {slot}-minute slots; "
            f"close at {format_clock(fitted)} or {format_clock(fitted + slot)}, or change slot_minutes",
            row,
            "closes",
        )
        return None
    return FairDay(opens, closes, slot, max(gap, 0))


def _booths(frame: pd.DataFrame, fair: FairDay | None, problems: _Problems) -> Booths | None:
    table = _table(frame, BOOTHS_FILE, BOOTH_COLUMNS, problems)
    if table is None:
        return None
    ids = _required_ids(table, "enterprise_id", problems)
    _unique(table, "enterprise_id", ids, problems)
    interviewers = _whole_numbers(table, "interviewers", problems, 0, required=True)  # 0: the booth is closed
    arrives = _times(table, "arrives", problems)
    leaves = _times(table, "leaves", problems)
    if fair is None:
        return None
    for index, row in enumerate(table.rows):
        for column, values in (("arrives", arrives), ("leaves", leaves)):
            value = values[index]
            if value != NOT_GIVEN and not fair.opens <= value <= fair.closes:
                problems.add(
                    BOOTHS_FILE,
                    f"{format_clock(value)} is outside the fair's hours "
                    f"{format_clock(fair.opens)}-{format_clock(fair.closes)}",
                    row,
                    column,
                )
                values[index] = NOT_GIVEN
        arrives[index] = fair.opens if arrives[index] == NOT_GIVEN else arrives[index]
        leaves[index] = fair.closes if leaves[index] == NOT_GIVEN else leaves[index]
        if leaves[index] <= arrives[index]:
            problems.add(BOOTHS_FILE, "the booth leaves before it arrives", row, "leaves")
    breaks = _window_lists(table, "breaks", problems, _within_day(fair))
    labels = [label or enterprise for label, enterprise in zip(table.column("booth"), ids, strict=True)]
    return Booths(
        enterprise_ids=np.array(ids, dtype=object),
        labels=np.array(labels, dtype=object),
        names=np.array(table.column("enterprise_name"), dtype=object),
        interviewers=np.array(interviewers, dtype=np.int64),
        arrives=np.array(arrives, dtype=np.int64),
        leaves=np.array(leaves, dtype=np.int64),
        breaks=tuple(breaks),
        row=np.array(table.rows, dtype=np.int64),
    )


def _within_day(fair: FairDay | None) -> Callable[[Window], str | None]:
    def check(window: Window) -> str | None:
        if fair is None or (fair.opens <= window[0] and window[1] <= fair.closes):
            return None
        return (
            f"{format_clock(window[0])}-{format_clock(window[1])} is outside the fair's hours "
            f"{format_clock(fair.opens)}-{format_clock(fair.closes)}"
        )

    return check


@dataclass
class _GraduateRows:
    ids: list[str]
    names: list[str]
    max_interviews: list[int]
    unavailable: list[tuple[Window, ...]]
    rows: list[int]


def _graduates(frame: pd.DataFrame | None, problems: _Problems) -> _GraduateRows | None:
    if frame is None:
        return _GraduateRows([], [], [], [], [])
    table = _table(frame, GRADUATES_FILE, GRADUATE_COLUMNS, problems)
    if table is None:
        return None
    ids = _required_ids(table, "graduate_id", problems)
    _unique(table, "graduate_id", ids, problems)
    limits = _whole_numbers(table, "max_interviews", problems, 0, required=False)
    unavailable = _window_lists(table, "unavailable", problems, lambda window: None)
    return _GraduateRows(ids, table.column("name"), limits, unavailable, list(table.rows))


def _interviews(
    frame: pd.DataFrame,
    fair: FairDay | None,
    booths: Booths | None,
    graduates: _GraduateRows | None,
    problems: _Problems,
) -> Interviews | None:
    table = _table(frame, INTERVIEWS_FILE, INTERVIEW_COLUMNS, problems)
    if table is None:
        return None
    graduate_ids = _required_ids(table, "graduate_id", problems)
    enterprise_ids = _required_ids(table, "enterprise_id", problems)
    position_ids = table.column("position_id")
    score = _scores(table, problems)
    wish_rank = _whole_numbers(table, "wish_rank", problems, 1, required=False)
    statuses = _statuses(table, problems)
    starts = _times(table, "start", problems)
    first_row: dict[tuple[str, str, str], int] = {}
    for key, row in zip(
        zip(graduate_ids, enterprise_ids, position_ids, strict=True), table.rows, strict=True
    ):
        if key in first_row:
            problems.add(
                INTERVIEWS_FILE,
                f"the same graduate, enterprise and position appear again (first at row {first_row[key]})",
                row,
                "position_id" if table.has("position_id") else "enterprise_id",
            )
        else:
            first_row[key] = row
    if fair is not None:
        for index, (start, row) in enumerate(zip(starts, table.rows, strict=True)):
            if start != NOT_GIVEN and fair.slot_at(start) is None:
                problems.add(
                    INTERVIEWS_FILE,
                    f"{format_clock(start)} is not the start of a slot (slots start at {fair.slot_list_text()})",
                    row,
                    "start",
                )
                starts[index] = NOT_GIVEN
    if booths is None or graduates is None:
        return None
    booth_index = {enterprise: i for i, enterprise in enumerate(booths.enterprise_ids.tolist())}
    booth = []
    for enterprise, row in zip(enterprise_ids, table.rows, strict=True):
        if enterprise and enterprise not in booth_index:
            problems.add(
                INTERVIEWS_FILE,
                f"enterprise '{enterprise}' has no row in {BOOTHS_FILE}",
                row,
                "enterprise_id",
            )
        booth.append(booth_index.get(enterprise, -1))
    graduate_index = {graduate: i for i, graduate in enumerate(graduates.ids)}
    for graduate in graduate_ids:  # graduates not in graduates.csv have no limits
        if graduate and graduate not in graduate_index:
            graduate_index[graduate] = len(graduates.ids)
            graduates.ids.append(graduate)
            graduates.names.append("")
            graduates.max_interviews.append(NO_LIMIT)
            graduates.unavailable.append(())
            graduates.rows.append(NOT_LISTED)
    return Interviews(
        graduate=np.array([graduate_index.get(g, -1) for g in graduate_ids], dtype=np.int64),
        booth=np.array(booth, dtype=np.int64),
        position_ids=np.array(position_ids, dtype=object),
        position_titles=np.array(table.column("position_title"), dtype=object),
        score=np.array(score, dtype=np.float64),
        wish_rank=np.array(wish_rank, dtype=np.int64),
        status=tuple(statuses),
        start=np.array(starts, dtype=np.int64),
        row=np.array(table.rows, dtype=np.int64),
    )


def _scores(table: _Table, problems: _Problems) -> list[float]:
    values = []
    for text, row in zip(table.column("score"), table.rows, strict=True):
        value = math.nan
        if text:
            try:
                value = float(text.replace(",", ""))
            except ValueError:
                problems.add(table.file, f"'{text}' is not a number", row, "score")
            else:
                if not math.isfinite(value):
                    problems.add(table.file, f"'{text}' is not a finite number", row, "score")
                    value = math.nan
                elif value < 0:
                    problems.add(table.file, f"{value:g} is below the minimum 0", row, "score")
                    value = math.nan
        values.append(value)
    return values


def _statuses(table: _Table, problems: _Problems) -> list[InterviewStatus]:
    values = []
    for text, row in zip(table.column("status"), table.rows, strict=True):
        status = InterviewStatus.PENDING
        if text:
            try:
                status = InterviewStatus(text.lower())
            except ValueError:
                problems.add(table.file, f"unknown status '{text}'; {STATUS_HELP}", row, "status")
        values.append(status)
    return values


def build_problem(
    fair: pd.DataFrame,
    interviews: pd.DataFrame,
    booths: pd.DataFrame,
    graduates: pd.DataFrame | None = None,
) -> TimetableProblem:
    """Validate the contract frames and return the typed problem; InputError lists every fault."""
    problems = _Problems()
    fair_day = _fair(fair, problems)
    booth_table = _booths(booths, fair_day, problems)
    graduate_rows = _graduates(graduates, problems)
    interview_table = _interviews(interviews, fair_day, booth_table, graduate_rows, problems)
    problems.raise_if_any()
    assert fair_day is not None and booth_table is not None
    assert graduate_rows is not None and interview_table is not None
    return TimetableProblem(
        fair=fair_day,
        booths=booth_table,
        graduates=Graduates(
            ids=np.array(graduate_rows.ids, dtype=object),
            names=np.array(graduate_rows.names, dtype=object),
            max_interviews=np.array(graduate_rows.max_interviews, dtype=np.int64),
            unavailable=tuple(graduate_rows.unavailable),
            row=np.array(graduate_rows.rows, dtype=np.int64),
        ),
        interviews=interview_table,
    )

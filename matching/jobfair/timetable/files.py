"""The DIR contract of the fair-day timetable: CSV files in, a timetable out.

DIR holds CSV files in UTF-8 (a byte-order mark is fine) or GB18030/GBK with a header row. Ids are text ('007' stays
'007'); times are `HH:MM` (24-hour; `9:00` and a full-width colon also work); lists are separated by `;`
(`；` and `、` also work); time ranges are `HH:MM-HH:MM`. Rows whose cells are all empty are skipped, an
unknown column is an error (so a misspelt optional column is not silently ignored).

`fair.csv` (exactly one row)
    opens*, closes*           the fair's hours, e.g. 09:00 and 17:00
    slot_minutes*             length of one interview slot; the hours must be a whole number of slots
                              (09:00–17:00 with 30 gives 16 slots)
    min_gap_minutes           free minutes a graduate needs between two interviews (walking between
                              booths); 0 (the default) allows back-to-back slots; it is rounded up to whole
                              slots: with 30-minute slots a gap of 10 leaves one slot free
`interviews.csv` (one row per graduate–enterprise interview to schedule)
    graduate_id*, enterprise_id*
    position_id, position_title  the position discussed; graduate + enterprise + position is unique
    score                     fit, ≥ 0, higher is better (any scale: divided by the fair's highest score)
    wish_rank                 1 = the graduate's first choice; empty = not wished
    status                    pending (default), held, started, no_show, cancelled
    start                     HH:MM at a slot start: required for held and started interviews (they keep
                              it); on a pending row it is the slot to keep if possible (moving it counts
                              as a move)
`booths.csv` (one row per enterprise)
    enterprise_id*, interviewers* (whole number ≥ 1, in parallel)
    arrives, leaves           HH:MM within the fair's hours; default: opening and closing
    breaks                    `;`-separated ranges, e.g. `12:00-12:30`
    booth, enterprise_name    the booth's label and the enterprise's name, printed on itineraries
`graduates.csv` (optional; graduates not listed have no limits)
    graduate_id*, name
    max_interviews            whole number ≥ 0; empty = no limit
    unavailable               `;`-separated ranges when the graduate cannot come (classes)

Output (`--out FILE.csv`, `--out FILE.xlsx`, or CSV on stdout): one row per interview of interviews.csv,
in its order, with the columns
    graduate_id, enterprise_id, position_id, start, end (HH:MM; empty when not scheduled),
    interviewer (1 … the booth's interviewers), moved (`true` when the interview had a slot — the
    previous timetable's or its `start` — and is now elsewhere or not scheduled), reason (for rows
    not scheduled: no_show, cancelled, no_common_slot, graduate_limit, booth_full, graduate_busy,
    booth_and_graduate_busy, no_timetable).
The XLSX file is for people, in the command line's language (MATCHING_LANG): a sheet with every interview
(names, times, and the reason in words for those not scheduled), the graduates' itineraries and the
booth lists, then the sheet `timetable` with the rows above (codes; `reschedule --previous` reads it).
`--html FILE` writes printable itineraries for A4 (a page per graduate, then a page per booth; `--for
booth[:CODE]`, `graduate[:CODE]` or, with --event, `university[:NAME]` prints only those). One summary
line goes to stderr:
    status=<OPTIMAL|FEASIBLE|INFEASIBLE|UNKNOWN|ERROR> scheduled=<n>/<m> objective=<n> bound=<n>
    gap=<fraction> moved=<n> idle_slots=<n> time=<s>s seed=<n>
where m counts the interviews that are not no-shows or cancelled. Exit codes: 0 a timetable was written,
3 none exists or none was found (the pre-check's explanation goes to stderr), 2 bad input.

Re-scheduling (`reschedule DIR --previous TIMETABLE --now HH:MM`) reads the same files, updated:
no-shows and cancellations get their status, walk-ins are new rows, a late enterprise has a later
`arrives`, an interviewer who leaves is fewer `interviewers` or an earlier `leaves`. TIMETABLE is the
previous output (CSV, or the `timetable` sheet of the XLSX file); each of its rows must still be in
interviews.csv. See `reschedule` for what stays fixed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd

from matching import csvfiles
from matching.errors import InputError, InputProblem
from matching.jobfair.timetable.export import Selection, render_html, write_xlsx
from matching.jobfair.timetable.problem import (
    BOOTHS_FILE,
    FAIR_FILE,
    GRADUATES_FILE,
    INTERVIEWS_FILE,
    TimetableProblem,
    build_problem,
)
from matching.jobfair.timetable.result import TimetableResult

OUTPUT_SUFFIXES = (".csv", ".xlsx")
TIMETABLE_SHEET = "timetable"


@dataclass(frozen=True)
class TimetableFrames:
    fair: pd.DataFrame
    interviews: pd.DataFrame
    booths: pd.DataFrame
    graduates: pd.DataFrame | None = None


def read_timetable_dir(directory: Path | str) -> TimetableFrames:
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(InputProblem(str(folder), "is not a directory"))

    def read(name: str) -> pd.DataFrame:
        path = folder / name
        if not path.is_file():
            raise InputError(InputProblem(name, f"the required file is missing from {folder}"))
        return read_csv_file(path)

    graduates_path = folder / GRADUATES_FILE
    graduates = read_csv_file(graduates_path) if graduates_path.is_file() else None
    return TimetableFrames(read(FAIR_FILE), read(INTERVIEWS_FILE), read(BOOTHS_FILE), graduates)


def read_problem_dir(directory: Path | str) -> TimetableProblem:
    frames = read_timetable_dir(directory)
    return build_problem(frames.fair, frames.interviews, frames.booths, frames.graduates)


def read_csv_file(path: Path, name: str | None = None) -> pd.DataFrame:
    """The file as a frame of trimmed text cells (header names trimmed too); faults name the row. Blank
    rows are kept here (frame row i is spreadsheet row i + 2): `build_problem` skips them."""
    return csvfiles.read_csv_file(path, name, blank_rows="keep", strip_cells=True)


def read_previous_timetable(path: Path) -> pd.DataFrame:
    """A previous output: CSV, or the `timetable` sheet of the XLSX file."""
    if not path.is_file():
        raise InputError(InputProblem(str(path), "the previous timetable file does not exist"))
    if path.suffix.lower() == ".xlsx":
        try:
            frame = pd.read_excel(path, sheet_name=TIMETABLE_SHEET, dtype=str, keep_default_na=False)
        except ValueError as error:
            raise InputError(
                InputProblem(path.name, f"has no sheet '{TIMETABLE_SHEET}' (write it with --out FILE.xlsx)")
            ) from error
        frame = frame.map(csvfiles.unescape_ooxml)
        csvfiles.refuse_control_characters(frame, path.name)
        return frame
    return read_csv_file(path).map(csvfiles.restore_neutralised)


def check_output_path(path: Path | None, *, html: bool = False) -> None:
    """Refuse an output file we cannot write before spending time on the solve."""
    if path is None:
        return
    suffixes = (".html", ".htm") if html else OUTPUT_SUFFIXES
    if path.suffix.lower() not in suffixes:
        raise InputError(InputProblem(str(path), f"the output file must end in {' or '.join(suffixes)}"))
    if not path.parent.is_dir():
        raise InputError(InputProblem(str(path), f"the folder {path.parent} does not exist"))


def write_timetable_csv(result: TimetableResult, destination: TextIO) -> None:
    csvfiles.write_csv(result.timetable_frame(), destination)


def write_output(result: TimetableResult, out: Path | None, lang: str = "en") -> None:
    """The timetable to `out` (.csv, the contract; or .xlsx, for people in `lang` with the contract as
    its last sheet) or, when None, as CSV to stdout."""
    if out is None:
        write_timetable_csv(result, sys.stdout)
    elif out.suffix.lower() == ".xlsx":
        write_xlsx(result, out, lang)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_timetable_csv(result, handle)


def write_html(
    result: TimetableResult,
    path: Path,
    title: str | None = None,
    selection: Selection | None = None,
    lang: str = "en",
) -> None:
    """The printable itineraries for `selection` (all by default) in `lang`."""
    path.write_text(render_html(result, title=title, selection=selection, lang=lang), encoding="utf-8")

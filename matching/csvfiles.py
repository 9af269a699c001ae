"""The one reader of CSV bytes: a file or an upload becomes a frame of text cells, or an `InputError`.

Every CSV input goes through here — the DIR contracts of `jobfair solve`, `jobfair schedule` (and the
previous timetable of `reschedule`), `aid solve`, and the imports of `matching.services.tabular` — so they
all accept the same files:

- UTF-8, UTF-8 with a byte-order mark, and GB18030 (a superset of GBK and GB2312: what Chinese Excel
  writes); bytes that are none of these, UTF-16, binary files and XLSX workbooks saved as `.csv` are
  refused with one line naming the file;
- one header row (names trimmed); an unnamed or repeated column is an error, except that unnamed
  columns at the right end whose cells are all empty (trailing commas, as spreadsheets write them) are
  dropped;
- every cell is text (`dtype=str`, `keep_default_na=False`: '007' stays '007', 'NA' stays 'NA', an empty
  cell is ''); a row with fewer cells than the header is padded with '', extra cells must be empty;
- blank rows (all cells empty or spaces) are kept, dropped at the end, or skipped, as the contract says
  (`blank_rows`); when rows were skipped, `frame.attrs["rows"]` holds each row's spreadsheet row.

Rows are spreadsheet rows: the header is row 1, frame row i is row i + 2 unless `attrs["rows"]` says
otherwise. Each contract's own rules (required and unknown columns, value formats) stay in its module.

Only the standard library, pandas and `matching.errors` are imported here: the pure cores use it too.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Literal

import pandas as pd

from matching.errors import InputError, InputProblem

BlankRows = Literal["keep", "trailing", "skip"]

HEADER_ROW = 1
FIRST_DATA_ROW = 2  # spreadsheet row of frame row 0
ROWS_ATTR = "rows"  # frame.attrs key: spreadsheet row of each frame row, set when blank rows were skipped

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ZIP_MAGIC = b"PK\x03\x04"
BINARY_SNIFF_BYTES = 65536
# A file whose first undecodable byte comes after this many correctly encoded non-ASCII UTF-8 characters
# is UTF-8 with a damaged byte, not GB18030: decoding it as GB18030 would garble all of its Chinese text.
UTF8_EVIDENCE_CHARS = 8
SAVE_AS_UTF8 = "save the file as CSV UTF-8"
EMPTY_FILE = "the file is empty; it needs a header row"


# ------------------------------------------------------------------------------------ bytes → text


def refuse_non_text(data: bytes, file_name: str) -> None:
    """An InputError for content that is plainly not CSV text: an XLSX/zip archive, UTF-16, binary."""
    if data.startswith(ZIP_MAGIC):
        raise InputError(InputProblem(file_name, "is an XLSX workbook or a zip archive, not a CSV file"))
    if data.startswith(UTF16_BOMS):
        raise InputError(InputProblem(file_name, f"is UTF-16 text, not UTF-8 or GB18030; {SAVE_AS_UTF8}"))
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(InputProblem(file_name, "is a binary file, not a CSV text file"))


def decode_csv_bytes(data: bytes, file_name: str) -> str:
    """The text of a CSV file: UTF-8 (a byte-order mark is dropped) first, GB18030/GBK otherwise.

    Bytes that are neither give one InputError naming the file and the line of the first bad byte.
    """
    refuse_non_text(data, file_name)
    if data.startswith(UTF8_BOM):
        body = data[len(UTF8_BOM) :]
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as error:  # a BOM promises UTF-8: no second guess
            raise _not_text(body, error.start, file_name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error.start
    if _looks_like_damaged_utf8(data, utf8_error):
        raise _not_text(data, utf8_error, file_name)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        # Report where the likelier encoding broke down: the one that decoded further.
        raise _not_text(data, max(utf8_error, error.start), file_name) from None


def _looks_like_damaged_utf8(data: bytes, error_at: int) -> bool:
    prefix = data[:error_at].decode("utf-8")  # valid up to the first bad byte, by definition
    return sum(1 for char in prefix if ord(char) > 0x7F) >= UTF8_EVIDENCE_CHARS


def _not_text(data: bytes, at: int, file_name: str) -> InputError:
    line = data[:at].count(b"\n") + 1
    return InputError(
        InputProblem(
            file_name,
            f"is not text in UTF-8 or GB18030 (byte 0x{data[at]:02x} in line {line}); {SAVE_AS_UTF8}",
        )
    )


# ------------------------------------------------------------------------------------ text → frame


def read_csv_file(
    path: Path | str,
    file_name: str | None = None,
    *,
    blank_rows: BlankRows = "skip",
    strip_cells: bool = False,
) -> pd.DataFrame:
    """The CSV file at `path` as a frame of text cells; `file_name` (default: the path's name) is the name
    errors give. See `read_csv_text` for the options."""
    path = Path(path)
    name = file_name if file_name is not None else path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(InputProblem(name, "file not found")) from None
    except IsADirectoryError:
        raise InputError(InputProblem(name, "is a folder, not a CSV file")) from None
    except OSError as error:
        raise InputError(InputProblem(name, f"cannot be read ({error.strerror or error})")) from None
    return read_csv_bytes(data, name, blank_rows=blank_rows, strip_cells=strip_cells)


def read_csv_bytes(
    data: bytes, file_name: str, *, blank_rows: BlankRows = "skip", strip_cells: bool = False
) -> pd.DataFrame:
    """CSV bytes (an upload, a file's content) as a frame of text cells. See `read_csv_text`."""
    return read_csv_text(
        decode_csv_bytes(data, file_name), file_name, blank_rows=blank_rows, strip_cells=strip_cells
    )


def read_csv_text(
    text: str, file_name: str, *, blank_rows: BlankRows = "skip", strip_cells: bool = False
) -> pd.DataFrame:
    """Decoded CSV text as a frame of text cells, one column per header name.

    `blank_rows`: "keep" every row (frame row i is spreadsheet row i + 2), drop the "trailing" ones only
    (likewise), or "skip" them all (then `frame.attrs["rows"]` holds the spreadsheet rows, if any were
    skipped). `strip_cells` trims spaces around every cell.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(InputProblem(file_name, EMPTY_FILE))
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            skipinitialspace=False,
            on_bad_lines="error",
            engine="c",
        )
        header = [str(value) for value in cells.iloc[0].tolist()] if len(cells) else []
        body = cells.iloc[1:].reset_index(drop=True)
    except (ValueError, csv.Error):  # pandas' ParserError is a ValueError
        # Rows longer than the first, an unclosed quote, …: Python's csv module names the row.
        header, body = _read_with_python(text, file_name)
    return _tidy(header, body, file_name, blank_rows, strip_cells)


def _read_with_python(text: str, file_name: str) -> tuple[list[str], pd.DataFrame]:
    records = _records(text, file_name)
    header = records[0] if records else []
    if not any(cell.strip() for cell in header):
        raise _blank_header(file_name, any(cell.strip() for record in records[1:] for cell in record))
    width = len(header)
    problems: list[InputProblem] = []
    rows: list[list[str]] = []
    for row, record in enumerate(records[1:], start=FIRST_DATA_ROW):
        fields = record
        while len(fields) > width and not fields[-1].strip():
            fields = fields[:-1]  # spreadsheets add empty trailing cells; only real extra values are faults
        if len(fields) > width:
            problems.append(
                InputProblem(file_name, f"the row has {len(record)} fields but the header has {width}", row)
            )
        elif not problems:
            rows.append(fields + [""] * (width - len(fields)))
    if problems:
        raise InputError(problems)
    return header, pd.DataFrame(rows, columns=range(width), dtype=str)


def _blank_header(file_name: str, rows_follow: bool) -> InputError:
    if rows_follow:
        return InputError(InputProblem(file_name, "the header must be the first row", HEADER_ROW))
    return InputError(InputProblem(file_name, EMPTY_FILE))


def _records(text: str, file_name: str) -> list[list[str]]:
    """Every record; a quoted cell that is never closed is an error at the row where it starts."""
    try:
        records = []
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        for record in reader:
            records.append(record)
        return records
    except csv.Error as error:
        row = len(records) + 1
        if "unexpected end of data" in str(error):
            raise InputError(
                InputProblem(
                    file_name, 'a quoted cell starting in this row is never closed (a " is missing)', row
                )
            ) from None
        if "field larger than field limit" in str(error):
            raise InputError(
                InputProblem(file_name, f"a cell is longer than {csv.field_size_limit():,} characters", row)
            ) from None
    # Other strict-mode complaints (text after a closing quote: "a"b) are read leniently, as pandas does.
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InputError(InputProblem(file_name, f"is not a readable CSV file: {error}")) from None


def _tidy(
    header: list[str], body: pd.DataFrame, file_name: str, blank_rows: BlankRows, strip_cells: bool
) -> pd.DataFrame:
    names = [name.strip().lstrip("\ufeff").strip() for name in header]
    if not any(names):
        raise _blank_header(file_name, bool(len(body)) and bool(_filled(body).any()))
    body.columns = pd.RangeIndex(len(names))
    while names and not names[-1] and not _column_filled(body[len(names) - 1]):
        body = body.drop(columns=len(names) - 1)
        names.pop()
    _check_header(names, file_name)
    body.columns = names
    if strip_cells:
        body = pd.DataFrame({name: body[name].str.strip() for name in names}, index=body.index)
    rows: list[int] | None = None
    if blank_rows == "trailing":
        body = _drop_trailing_blank_rows(body)
    elif blank_rows == "skip" and len(body):
        filled = _filled(body)
        if not filled.all():
            rows = [position + FIRST_DATA_ROW for position in filled[filled].index.tolist()]
            body = body[filled].reset_index(drop=True)
    body = body.reset_index(drop=True)
    body.attrs = {ROWS_ATTR: rows} if rows is not None else {}
    return body


def _check_header(names: list[str], file_name: str) -> None:
    problems = [
        InputProblem(file_name, f"header column {position} has no name", HEADER_ROW)
        for position, name in enumerate(names, start=1)
        if not name
    ]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            problems.append(
                InputProblem(file_name, "the column appears twice in the header", HEADER_ROW, name)
            )
        seen.add(name)
    if problems:
        raise InputError(problems)


def _column_filled(column: pd.Series) -> bool:
    return bool(column.str.strip().ne("").any())


def _filled(frame: pd.DataFrame) -> pd.Series:
    """Per row: does any cell hold more than spaces?"""
    filled = pd.Series(False, index=frame.index)
    for position in range(frame.shape[1]):
        filled |= frame.iloc[:, position].str.strip().ne("").to_numpy(dtype=bool)
    return filled


def _drop_trailing_blank_rows(frame: pd.DataFrame) -> pd.DataFrame:
    if len(frame) == 0 or frame.shape[1] == 0:
        return frame
    if any(str(frame.iat[-1, position]).strip() for position in range(frame.shape[1])):
        return frame  # the usual case: nothing to drop, no need to look at every row
    filled = _filled(frame).to_numpy()
    last = int(filled.nonzero()[0][-1]) + 1 if filled.any() else 0
    return frame.iloc[:last]

"""The one reader of CSV bytes, and the one writer of every table that leaves the app (CSV and XLSX).

Reading: a file or an upload becomes a frame of text cells, or an `InputError`.

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

- no control characters: a cell or header name holding one (Unicode category Cc other than tab and line
  feed; a carriage return only as part of a CRLF line end) is refused naming its row and column, wherever
  it is in the file. They are invisible, PostgreSQL cannot store NUL, XLSX cannot hold them, and ESC
  sequences rewrite a terminal.

Rows are spreadsheet rows: the header is row 1, frame row i is row i + 2 unless `attrs["rows"]` says
otherwise (a quoted cell over several lines is still one row). Each contract's own rules (required and
unknown columns, value formats) stay in its module.

Writing (`write_csv`, `csv_text`, `csv_bytes`, `write_xlsx`): every outgoing cell that a spreadsheet
would run as a formula (text starting with = + - @, tab or CR, except plain numbers such as "-5") is made
inert, as OWASP's CSV-injection advice says: in CSV with a leading apostrophe (`restore_neutralised`
undoes it on import), in XLSX as a text cell with Excel's quote prefix (what typing a leading ' does; the
value itself is unchanged). Control characters that reached the store before they were refused become
U+FFFD, so an export never fails on them. Numbers stay numbers.

Only the standard library, pandas, openpyxl (for XLSX, loaded when writing) and the shared modules
`matching.errors` and `matching.messages` are imported here: the pure cores use it too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal, TextIO

import numpy as np
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
# NUL bytes in the sniffed start that make a file binary (or UTF-16 without a BOM) rather than text with a
# stray NUL, which is refused like any other control character, naming its row and column.
BINARY_MIN_NULS = 8
BINARY_NUL_SHARE = 0.01
# A file whose first undecodable byte comes after this many correctly encoded non-ASCII UTF-8 characters
# is UTF-8 with a damaged byte, not GB18030: decoding it as GB18030 would garble all of its Chinese text.
UTF8_EVIDENCE_CHARS = 8


# ------------------------------------------------------------------------------------ bytes → text


def refuse_non_text(data: bytes, file_name: str) -> None:
    """An InputError for content that is plainly not CSV text: an XLSX/zip archive, UTF-16, binary."""
    if data.startswith(ZIP_MAGIC):
        raise InputError(InputProblem.of(file_name, "file.is_zip"))
    if data.startswith(UTF16_BOMS):
        raise InputError(InputProblem.of(file_name, "file.utf16"))
    sample = data[:BINARY_SNIFF_BYTES]
    nuls = sample.count(b"\x00")
    if nuls > max(BINARY_MIN_NULS, len(sample) * BINARY_NUL_SHARE):
        raise InputError(InputProblem.of(file_name, "file.binary"))


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
    return InputError(InputProblem.of(file_name, "file.not_text", byte=f"{data[at]:02x}", line=line))


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
        raise InputError(InputProblem.of(name, "file.not_found")) from None
    except IsADirectoryError:
        raise InputError(InputProblem.of(name, "file.is_folder")) from None
    except OSError as error:
        raise InputError(
            InputProblem.of(name, "file.cannot_read", reason=str(error.strerror or error))
        ) from None
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
        raise InputError(InputProblem.of(file_name, "file.empty"))
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
    if _has_forbidden(text):  # one scan of the text; cells are looked at only when it finds something
        _refuse_control_characters(header, body, file_name)
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
                InputProblem.of(file_name, "file.too_many_fields", row, fields=len(record), width=width)
            )
        elif not problems:
            rows.append(fields + [""] * (width - len(fields)))
    if problems:
        raise InputError(problems)
    return header, pd.DataFrame(rows, columns=range(width), dtype=str)


def _blank_header(file_name: str, rows_follow: bool) -> InputError:
    if rows_follow:
        return InputError(InputProblem.of(file_name, "file.header_not_first", HEADER_ROW))
    return InputError(InputProblem.of(file_name, "file.empty"))


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
            raise InputError(InputProblem.of(file_name, "file.unclosed_quote", row)) from None
        if "field larger than field limit" in str(error):
            raise InputError(
                InputProblem.of(file_name, "file.cell_too_long", row, limit=f"{csv.field_size_limit():,}")
            ) from None
    # Other strict-mode complaints (text after a closing quote: "a"b) are read leniently, as pandas does.
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise InputError(InputProblem.of(file_name, "file.unreadable_csv", reason=str(error))) from None


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
        InputProblem.of(file_name, "file.header_unnamed", HEADER_ROW, position=position)
        for position, name in enumerate(names, start=1)
        if not name
    ]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            problems.append(InputProblem.of(file_name, "file.header_twice", HEADER_ROW, name))
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


# ------------------------------------------------------------------------------ control characters

# Unicode's control characters (category Cc: C0, DEL, C1) except tab and line feed, and a carriage return
# that does not start a CRLF line end. What imports refuse.
FORBIDDEN_IN_INPUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# The same without the carriage-return rule: what an export replaces (CR is legal in CSV and XLSX).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REPLACEMENT_CHARACTER = "\ufffd"
CONTROL_CHARACTER_CODE = "file.control_character"


def _has_forbidden(text: str) -> bool:
    # A character class alone is several times faster than the pattern with the lone-CR lookahead.
    return bool(CONTROL_CHARACTER.search(text)) or ("\r" in text and bool(LONE_CR.search(text)))


LONE_CR = re.compile(r"\r(?!\n)")


def control_character_problem(file_name: str, row: int, column: str, found: str) -> InputProblem:
    """The problem of a cell (or header name, row 1) holding the control character `found`."""
    return InputProblem.of(file_name, CONTROL_CHARACTER_CODE, row, column, char=f"U+{ord(found):04X}")


def shown_name(name: str) -> str:
    """A header name fit for a one-line message: its control characters (tab and line breaks too) written
    as <U+XXXX>, so that none reaches a terminal."""
    return UNPRINTABLE.sub(lambda found: f"<U+{ord(found.group()):04X}>", name)


UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def refuse_control_characters(frame: pd.DataFrame, file_name: str) -> None:
    """An InputError naming each header name and cell of `frame` that holds a control character.

    For frames that did not come through `read_csv_text` (XLSX sheets). Rows are counted as the reader
    counts them: `frame.attrs["rows"]` when set, else frame row i is spreadsheet row i + 2."""
    header = [str(name) for name in frame.columns]
    body = frame.set_axis(pd.RangeIndex(len(header)), axis=1)
    _refuse_control_characters(header, body, file_name, frame.attrs.get(ROWS_ATTR))


def _refuse_control_characters(
    header: Sequence[str], body: pd.DataFrame, file_name: str, rows: Sequence[int] | None = None
) -> None:
    names = [shown_name(name.strip()) or f"#{position}" for position, name in enumerate(header, start=1)]
    found: list[tuple[int, int, str]] = [  # (row, column position, the character)
        (HEADER_ROW, position, hit.group())
        for position, name in enumerate(header)
        if (hit := FORBIDDEN_IN_INPUT.search(name))
    ]
    for position in range(len(header)):
        cells = body.iloc[:, position].astype(str).tolist()
        # One search over the column joined by a line feed (allowed) before looking cell by cell.
        if not FORBIDDEN_IN_INPUT.search("\n".join(cells)):
            continue
        for index, cell in enumerate(cells):
            if hit := FORBIDDEN_IN_INPUT.search(cell):
                found.append(
                    (rows[index] if rows is not None else index + FIRST_DATA_ROW, position, hit.group())
                )
    if found:
        found.sort()  # in file order: the one line a person sees is the first fault in the file
        raise InputError(
            [
                control_character_problem(file_name, row, names[position], char)
                for row, position, char in found
            ]
        )


def scrub_control_characters(text: str) -> str:
    """Text with every control character but tab, LF and CR replaced by U+FFFD (for output)."""
    return CONTROL_CHARACTER.sub(REPLACEMENT_CHARACTER, text)


# ------------------------------------------------------------------------------ formulas


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet reads as a number is no formula: "-5" and "+3.5e2" stay as they are.
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula_text(value: object) -> bool:
    """Would a spreadsheet run this cell as a formula? Text starting with = + - @, tab or CR, unless it is a
    plain number; text that is apostrophes before such text counts too, so that the apostrophe added by
    `neutralise_formula` is always the one `restore_neutralised` takes off."""
    if not isinstance(value, str):
        return False
    bare = value.lstrip("'")
    return bare.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(bare)


def neutralise_formula(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, with a leading apostrophe; others unchanged."""
    return "'" + value if isinstance(value, str) and is_formula_text(value) else value


def restore_neutralised(text: str) -> str:
    """The inverse of `neutralise_formula`, so that an exported CSV imports back to the stored text."""
    return text[1:] if text.startswith("'") and is_formula_text(text) else text


def safe_cells(frame: pd.DataFrame, *, quote_formulas: bool = True) -> pd.DataFrame:
    """A copy of `frame` fit to leave the app: control characters in text replaced by U+FFFD and, with
    `quote_formulas` (CSV), formula text given its apostrophe and a lone CR made a line feed. Only text
    cells change; numbers stay."""
    safe = frame.copy()
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if column.dtype.kind in "biufcmM":  # numbers, booleans, dates: nothing to neutralise
            continue
        try:
            risky = column.str.contains(RISKY_TEXT, na=False)  # vectorised; most cells are fine
        except AttributeError:  # no text in the column at all
            continue
        if risky.any():
            fixed = column.astype(object)
            fixed[risky] = [_safe_text(value, quote_formulas) for value in column[risky]]
            safe.isetitem(position, fixed)
    return safe


# What may need changing: a control character or a lone CR anywhere, or a start that may be a formula.
RISKY_TEXT = re.compile(r"^'*[=+\-@\t\r]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def _safe_text(value: object, quote_formulas: bool) -> object:
    if not isinstance(value, str):
        return value
    text = scrub_control_characters(value)
    if not quote_formulas:
        return text
    # Python's csv writer quotes a cell with a line feed but not one with a lone CR, which a reader then
    # takes for a row end: the old Mac line break becomes a line feed.
    return neutralise_formula(LONE_CR.sub("\n", text) if "\r" in text else text)


def csv_cell(value: object) -> object:
    """One cell as `csv_text` writes it, for code that writes rows itself (`csv.writer`)."""
    return _safe_text(value, quote_formulas=True)


def csv_text(frame: pd.DataFrame, *, float_format: str | None = None) -> str:
    """The frame as CSV text (header row, LF line ends), every cell made safe (see `safe_cells`), the
    header's names too."""
    safe = safe_cells(frame)
    safe.columns = [_safe_text(name, quote_formulas=True) for name in safe.columns]
    return safe.to_csv(index=False, lineterminator="\n", float_format=float_format)


def csv_bytes(frame: pd.DataFrame, *, float_format: str | None = None) -> bytes:
    """The frame as a CSV file's bytes: UTF-8 with a byte-order mark (so Excel shows Chinese), made safe."""
    return UTF8_BOM + csv_text(frame, float_format=float_format).encode("utf-8")


def write_csv(
    frame: pd.DataFrame, destination: Path | str | TextIO, *, float_format: str | None = None
) -> None:
    """The frame as CSV, made safe: to a file (UTF-8 with BOM) or to an open text stream such as stdout
    (as it is: no BOM)."""
    if isinstance(destination, (str, Path)):
        _write_file(Path(destination), csv_bytes(frame, float_format=float_format))
    else:
        destination.write(csv_text(frame, float_format=float_format))


def write_xlsx(
    sheets: pd.DataFrame | Mapping[str, pd.DataFrame],
    destination: Path | str | IO[bytes],
    *,
    sheet_name: str = "data",
) -> None:
    """One frame (sheet `sheet_name`) or several (`{sheet name: frame}`, in order) as an XLSX workbook.

    The header is bold and frozen; every text cell is stored as text, never as a formula, and formula text
    gets Excel's quote prefix (see the module's docstring); numbers stay numbers; empty cells stay empty.
    """
    from openpyxl import Workbook  # only writers need it: the readers of every CSV file do not load it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    frames = {sheet_name: sheets} if isinstance(sheets, pd.DataFrame) else dict(sheets)
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, frame in frames.items():
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        for position, column in enumerate(frame.columns, start=1):
            sheet.column_dimensions[get_column_letter(position)].width = max(
                10, min(40, len(str(column)) + 4)
            )
        header = []
        for column in frame.columns:
            cell = _xlsx_cell(WriteOnlyCell, sheet, str(column))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for values in frame.itertuples(index=False, name=None):
            sheet.append([_xlsx_cell(WriteOnlyCell, sheet, value) for value in values])
    if isinstance(destination, (str, Path)):
        buffer = io.BytesIO()
        workbook.save(buffer)
        _write_file(Path(destination), buffer.getvalue())
    else:
        workbook.save(destination)


def xlsx_bytes(sheets: pd.DataFrame | Mapping[str, pd.DataFrame], *, sheet_name: str = "data") -> bytes:
    """`write_xlsx` into bytes, for a download or a stored document."""
    buffer = io.BytesIO()
    write_xlsx(sheets, buffer, sheet_name=sheet_name)
    return buffer.getvalue()


# OOXML writes characters XML cannot hold as _xHHHH_, so text that looks like such an escape has its
# underscore escaped (_x005F_) or Excel would show another character than the one stored.
OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def unescape_ooxml(text: str) -> str:
    """A cell's text as Excel shows it: each _xHHHH_ escape decoded (_x001B_ is ESC, _x005F_ an underscore).
    An escaped surrogate stays as written: alone it is no character, and no encoding can store it."""
    return OOXML_ESCAPE.sub(_unescaped, text) if "_x" in text else text


def _unescaped(found: re.Match[str]) -> str:
    point = int(found.group(1)[1:5], 16)
    return found.group() if 0xD800 <= point <= 0xDFFF else chr(point)


def _xlsx_cell(make: Any, sheet: Any, value: object) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if value is None or value is pd.NA or value is pd.NaT or value == "" or _is_nan(value):
        return make(sheet, value=None)  # an empty cell, as an empty CSV cell reads
    if not isinstance(value, (str, int, float, bool)) and not hasattr(value, "isoformat"):
        value = str(value)
    if not isinstance(value, str):
        return make(sheet, value=value)
    text = scrub_control_characters(value)
    if "_x" in text:
        text = OOXML_ESCAPE.sub(r"_x005F_\1", text)
    cell = make(sheet, value=text)
    cell.data_type = "s"  # openpyxl makes text starting with "=" a formula; text stays text
    if is_formula_text(value):
        cell.quotePrefix = True  # Excel's own mark of "typed with a leading apostrophe"
    return cell


def _is_nan(value: object) -> bool:
    return isinstance(value, float) and value != value


def _write_file(path: Path, content: bytes) -> None:
    """Write an output file; a folder that does not exist or cannot be written to is bad input, one line."""
    try:
        path.write_bytes(content)
    except FileNotFoundError:
        raise InputError(InputProblem.of(str(path), "file.folder_missing", folder=str(path.parent))) from None
    except IsADirectoryError:
        raise InputError(InputProblem.of(str(path), "file.is_folder_to_write")) from None
    except OSError as error:
        raise InputError(
            InputProblem.of(str(path), "file.cannot_write", reason=str(error.strerror or error))
        ) from None

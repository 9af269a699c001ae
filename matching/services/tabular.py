"""Reading and writing the spreadsheet files officials exchange: CSV (UTF-8, UTF-8 with BOM, GB18030/GBK,
as Chinese Excel writes) and XLSX. Everything is read as text; the kind specs parse it.

CSV bytes are decoded and parsed by `matching.csvfiles`, the reader of every CSV input (blank rows are
skipped; `frame.attrs["rows"]` then holds the spreadsheet row of each record); this module adds the limits
on uploads and reads XLSX."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pandas as pd

from matching.csvfiles import FIRST_DATA_ROW as FIRST_DATA_ROW  # re-exported: data_io counts rows with it
from matching.csvfiles import decode_csv_bytes as decode_csv_bytes  # re-exported for older callers
from matching.csvfiles import read_csv_bytes, refuse_non_text
from matching.errors import InputError, InputProblem

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SUPPORTED_SUFFIXES = (".csv", ".xlsx")

# Limits on what an upload may be, so a hostile or broken file is refused before it costs memory.
MAX_FILE_BYTES = int(float(os.environ.get("MATCHING_MAX_UPLOAD_MB", "25")) * 1024 * 1024)
MAX_ROWS = int(os.environ.get("MATCHING_MAX_ROWS", "250000"))
MAX_COLUMNS = 60
MAX_XLSX_ENTRIES = 500
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 150  # uncompressed / compressed size of one entry; real sheets stay well below
ZIP_MAGIC = b"PK\x03\x04"


def read_table(path: Path | str, data: bytes | None = None, file_name: str | None = None) -> pd.DataFrame:
    """The file as a frame of strings ('' for empty cells), with the header's names stripped.

    `data` lets the app pass an upload's bytes without a temporary file; `file_name` is the name used in
    error messages (defaults to the path's name).
    """
    path = Path(path)
    name = file_name or path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(InputProblem(name, f"unsupported file type '{suffix}'; use .csv or .xlsx"))
    raw = data if data is not None else _read_bytes(path, name)
    check_upload(raw, suffix, name)
    if suffix == ".csv":
        frame = read_csv_bytes(raw, name, blank_rows="skip")
    else:
        frame = _read_xlsx(raw, name)
    if len(frame) > MAX_ROWS:
        raise InputError(InputProblem(name, f"has more than {MAX_ROWS:,} rows; split it into smaller files"))
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    return frame


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(InputProblem(name, _too_large()))
        return path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(InputProblem(name, "file not found")) from error


def _too_large() -> str:
    return f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it into smaller files"


def check_upload(raw: bytes, suffix: str, name: str) -> None:
    """Size, and a type judged by the content (not the name); XLSX archives are inspected before parsing."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(InputProblem(name, _too_large()))
    is_zip = raw.startswith(ZIP_MAGIC)
    if suffix == ".csv":
        refuse_non_text(raw, name)
        header = raw.split(b"\n", 1)[0]
        if header.count(b",") + 1 > MAX_COLUMNS:
            raise InputError(InputProblem(name, f"has more than {MAX_COLUMNS} columns"))
        return
    if not is_zip:
        raise InputError(InputProblem(name, "is not an XLSX workbook (its content is not a zip archive)"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise InputError(InputProblem(name, "is a damaged XLSX workbook")) from error
    if len(entries) > MAX_XLSX_ENTRIES:
        raise InputError(
            InputProblem(name, f"has {len(entries)} parts inside; an XLSX sheet needs far fewer")
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise InputError(
            InputProblem(
                name,
                f"unpacks to {total // (1024 * 1024)} MB; at most {MAX_XLSX_UNCOMPRESSED // (1024 * 1024)} MB",
            )
        )
    for entry in entries:
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_XLSX_RATIO:
            raise InputError(
                InputProblem(name, f"part '{entry.filename}' is compressed suspiciously well (zip bomb?)")
            )


def _read_xlsx(raw: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(io.BytesIO(raw), sheet_name=0, dtype=str, engine="openpyxl", nrows=MAX_ROWS + 1)
    except Exception as error:  # openpyxl raises many kinds for a damaged or non-XLSX file
        raise InputError(
            InputProblem(name, f"not a readable XLSX workbook ({type(error).__name__})")
        ) from error
    if len(frame.columns) > MAX_COLUMNS:
        raise InputError(InputProblem(name, f"has more than {MAX_COLUMNS} columns"))
    frame = frame.fillna("")
    # Excel gives whole numbers typed into General cells as '12.0' and dates as '2026-05-12 00:00:00'.
    return frame.map(_tidy_excel_text)


def _tidy_excel_text(value: object) -> str:
    text = str(value)
    if text.endswith(" 00:00:00") and len(text) == 19:
        return text[:10]
    return text


def neutralise_formula(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula becomes plain text (leading apostrophe)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def restore_neutralised(text: str) -> str:
    """Inverse of neutralise_formula, so that an export imports back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def write_table(frame: pd.DataFrame, path: Path | str, text_columns: list[str] | None = None) -> None:
    """CSV (UTF-8 with BOM, so Excel shows Chinese correctly) or XLSX, chosen by the suffix."""
    path = Path(path)
    safe = frame.copy()
    for column in text_columns if text_columns is not None else list(safe.columns):
        safe[column] = safe[column].map(neutralise_formula)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        safe.to_csv(path, index=False, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        to_xlsx_bytes_file(safe, path)
    else:
        raise InputError(InputProblem(path.name, f"unsupported file type '{suffix}'; use .csv or .xlsx"))


def to_xlsx_bytes_file(frame: pd.DataFrame, target: Path | io.BytesIO, sheet_name: str = "data") -> None:
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet_name)
        sheet = writer.sheets[sheet_name]
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never let Excel read a cell as a formula
        for index, column in enumerate(frame.columns, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
                10, min(40, len(str(column)) + 4)
            )

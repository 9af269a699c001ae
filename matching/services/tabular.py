"""Reading and writing the spreadsheet files officials exchange: CSV (UTF-8, UTF-8 with BOM, GB18030/GBK,
as Chinese Excel writes) and XLSX. Everything is read as text; the kind specs parse it.

CSV bytes are decoded and parsed by `matching.csvfiles`, the reader of every CSV input (blank rows are
skipped; `frame.attrs["rows"]` then holds the spreadsheet row of each record); this module adds the limits
on uploads and reads XLSX. Either way a control character in any cell is refused with its row and column.

Every file the services hand out is written by `matching.csvfiles` through the functions here
(`csv_bytes`, `xlsx_bytes`, `write_table`), which neutralise formulas and control characters; the cores'
own documents use the same writer."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from matching import csvfiles
from matching.csvfiles import FIRST_DATA_ROW as FIRST_DATA_ROW  # re-exported: data_io counts rows with it
from matching.csvfiles import csv_bytes as csv_bytes  # the services' writers, with xlsx_bytes and write_table
from matching.csvfiles import csv_text as csv_text
from matching.csvfiles import decode_csv_bytes as decode_csv_bytes  # re-exported for older callers
from matching.csvfiles import neutralise_formula as neutralise_formula
from matching.csvfiles import read_csv_bytes, refuse_control_characters, refuse_non_text, unescape_ooxml
from matching.csvfiles import restore_neutralised as restore_neutralised
from matching.csvfiles import write_csv as write_csv  # to stdout or a file, for the command line
from matching.errors import InputError, InputProblem

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
        raise InputError(InputProblem.of(name, "file.unsupported_type", suffix=suffix))
    raw = data if data is not None else _read_bytes(path, name)
    check_upload(raw, suffix, name)
    if suffix == ".csv":
        frame = read_csv_bytes(raw, name, blank_rows="skip")
    else:
        frame = _read_xlsx(raw, name)
    if len(frame) > MAX_ROWS:
        raise InputError(InputProblem.of(name, "file.too_many_rows", maximum=f"{MAX_ROWS:,}"))
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    return frame


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(_too_large(name))
        return path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(InputProblem.of(name, "file.not_found")) from error


def _too_large(name: str) -> InputProblem:
    return InputProblem.of(name, "file.too_large", megabytes=MAX_FILE_BYTES // (1024 * 1024))


def check_upload(raw: bytes, suffix: str, name: str) -> None:
    """Size, and a type judged by the content (not the name); XLSX archives are inspected before parsing."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(_too_large(name))
    is_zip = raw.startswith(ZIP_MAGIC)
    if suffix == ".csv":
        refuse_non_text(raw, name)
        header = raw.split(b"\n", 1)[0]
        if header.count(b",") + 1 > MAX_COLUMNS:
            raise InputError(InputProblem.of(name, "file.too_many_columns", maximum=MAX_COLUMNS))
        return
    if not is_zip:
        raise InputError(InputProblem.of(name, "file.not_xlsx"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as error:
        raise InputError(InputProblem.of(name, "file.damaged_xlsx")) from error
    if len(entries) > MAX_XLSX_ENTRIES:
        raise InputError(InputProblem.of(name, "file.too_many_parts", count=len(entries)))
    total = sum(entry.file_size for entry in entries)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise InputError(
            InputProblem.of(
                name,
                "file.unpacks_too_large",
                megabytes=total // (1024 * 1024),
                maximum=MAX_XLSX_UNCOMPRESSED // (1024 * 1024),
            )
        )
    for entry in entries:
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_XLSX_RATIO:
            raise InputError(InputProblem.of(name, "file.zip_bomb", part=entry.filename))


def _read_xlsx(raw: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(io.BytesIO(raw), sheet_name=0, dtype=str, engine="openpyxl", nrows=MAX_ROWS + 1)
    except Exception as error:  # openpyxl raises many kinds for a damaged or non-XLSX file
        raise InputError(
            InputProblem.of(name, "file.unreadable_xlsx", reason=type(error).__name__)
        ) from error
    if len(frame.columns) > MAX_COLUMNS:
        raise InputError(InputProblem.of(name, "file.too_many_columns", maximum=MAX_COLUMNS))
    frame = frame.fillna("")
    # Excel gives whole numbers typed into General cells as '12.0' and dates as '2026-05-12 00:00:00'.
    frame = frame.map(_tidy_excel_text)
    frame.columns = [unescape_ooxml(str(column)) for column in frame.columns]
    refuse_control_characters(frame, name)
    return frame


def _tidy_excel_text(value: object) -> str:
    text = str(value)
    if text.endswith(" 00:00:00") and len(text) == 19:
        return text[:10]
    # Excel writes characters XML cannot hold (ESC, …) as _xHHHH_; openpyxl leaves them so. Decoded, a
    # cell reads as Excel shows it, and a control character is refused like one in a CSV file.
    return unescape_ooxml(text)


def write_table(frame: pd.DataFrame, path: Path | str) -> None:
    """CSV (UTF-8 with BOM, so Excel shows Chinese correctly) or XLSX, chosen by the suffix; every cell made
    safe (`matching.csvfiles`: formulas neutralised, control characters replaced, numbers untouched)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        csvfiles.write_csv(frame, path)
    elif suffix == ".xlsx":
        csvfiles.write_xlsx(frame, path)
    else:
        raise InputError(InputProblem.of(path.name, "file.unsupported_type", suffix=suffix))


def write_tables(sheets: Mapping[str, pd.DataFrame], path: Path | str) -> None:
    """Several sheets to XLSX (in order), or the first of them to CSV, by the suffix; made safe alike."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        csvfiles.write_xlsx(sheets, path)
    else:
        write_table(next(iter(sheets.values())), path)


def tables_bytes(sheets: Mapping[str, pd.DataFrame], file_format: str) -> bytes:
    """Several sheets as "xlsx" bytes, or the first of them as "csv" bytes, for a download button."""
    if file_format == "xlsx":
        return xlsx_bytes(sheets)
    return table_bytes(next(iter(sheets.values())), file_format)


def xlsx_bytes(sheets: pd.DataFrame | Mapping[str, pd.DataFrame], sheet_name: str = "data") -> bytes:
    """An XLSX workbook: one frame on sheet `sheet_name`, or `{sheet name: frame}` in order; made safe."""
    return csvfiles.xlsx_bytes(sheets, sheet_name=sheet_name)


def table_bytes(frame: pd.DataFrame, file_format: str) -> bytes:
    """The frame as "csv" or "xlsx" bytes, for a download button."""
    if file_format == "csv":
        return csv_bytes(frame)
    if file_format == "xlsx":
        return xlsx_bytes(frame)
    raise InputError(InputProblem.of(file_format, "file.unknown_format", format=file_format))

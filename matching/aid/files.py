"""The DIR contract of `python -m matching aid solve`: read its CSV files, write the pairing.

Files are UTF-8 (a byte-order mark is allowed) or GB18030/GBK with a header row, read by
`matching.csvfiles` like every CSV input; every cell is read as a string (ids are strings) and
`validate.py` parses the numbers, so its errors can name row and column. Blank rows are skipped (their
spreadsheet rows are kept in `frame.attrs["rows"]`), short rows are padded with empty cells.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd

from matching.aid.problem import AidProblem
from matching.aid.result import PairingResult, format_number
from matching.aid.validate import FileLabels
from matching.csvfiles import csv_cell, read_csv_file, write_csv
from matching.errors import InputError, InputProblem

ENTERPRISES_FILE = "enterprises.csv"
VILLAGES_FILE = "villages.csv"
PAIRS_FILE = "pairs.csv"
LOCKS_FILE = "locks.csv"
OUTPUT_COLUMNS = ("village_id", "enterprise_id", "value", "load")


@dataclass(frozen=True)
class AidFrames:
    enterprises: pd.DataFrame
    villages: pd.DataFrame
    pairs: pd.DataFrame | None
    locks: pd.DataFrame | None
    labels: FileLabels


def read_csv_strings(path: Path) -> pd.DataFrame:
    """A CSV file as a frame of strings, with InputErrors that name the file (its full path) and row."""
    return read_csv_file(path, str(path), blank_rows="skip")


def read_aid_dir(directory: Path) -> AidFrames:
    """enterprises.csv and villages.csv (required), pairs.csv and locks.csv (optional)."""
    if not directory.is_dir():
        raise InputError(InputProblem.of(str(directory), "folder.not_found"))
    labels = FileLabels(
        enterprises=str(directory / ENTERPRISES_FILE),
        villages=str(directory / VILLAGES_FILE),
        pairs=str(directory / PAIRS_FILE),
        locks=str(directory / LOCKS_FILE),
        parameters="aid solve",
    )
    pairs_path, locks_path = directory / PAIRS_FILE, directory / LOCKS_FILE
    return AidFrames(
        enterprises=read_csv_strings(directory / ENTERPRISES_FILE),
        villages=read_csv_strings(directory / VILLAGES_FILE),
        pairs=read_csv_strings(pairs_path) if pairs_path.exists() else None,
        locks=read_csv_strings(locks_path) if locks_path.exists() else None,
        labels=labels,
    )


def pairing_frame(problem: AidProblem, result: PairingResult, explain: bool = False) -> pd.DataFrame:
    """One row per village in input order: village_id, enterprise_id, value, load (empty enterprise
    when uncovered). With `explain`, the value components and whether the lead moved."""
    moved = set(result.moved_villages or ())
    rows = []
    for village in problem.villages:
        enterprise_id = result.assignment.get(village.village_id)
        pair = None if enterprise_id is None else problem.pair(enterprise_id, village.village_id)
        row: dict[str, object] = {
            "village_id": village.village_id,
            "enterprise_id": enterprise_id or "",
            "value": None if pair is None else pair.value,
            "load": None if pair is None else pair.load,
        }
        if explain:
            components = None if pair is None else pair.components
            row.update(
                fit=None if components is None else components.fit,
                nearness=None if components is None else components.nearness,
                continuity=None if components is None else components.continuity,
                poverty=None if components is None else components.poverty,
                distance=None
                if components is None or components.distance is None
                else components.distance.label,
                explanation="" if components is None else components.explain(),
                moved=village.village_id in moved,
            )
        rows.append(row)
    columns = list(OUTPUT_COLUMNS)
    if explain:
        columns += ["fit", "nearness", "continuity", "poverty", "distance", "explanation", "moved"]
    return pd.DataFrame(rows, columns=columns)


def write_pairing_csv(
    problem: AidProblem,
    result: PairingResult,
    out: TextIO,
    helpers: Mapping[str, tuple[str, ...]] | None = None,
) -> None:
    """The CLI's output: `village_id,enterprise_id,value,load`, numbers without needless decimals; with
    `helpers` (village → helper enterprise ids) a last column `helpers`, `;`-separated."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS + (("helpers",) if helpers is not None else ()))
    for row in pairing_frame(problem, result).itertuples(index=False):
        value = "" if pd.isna(row.value) else format_number(float(row.value), digits=6)
        load = "" if pd.isna(row.load) else format_number(float(row.load), digits=6)
        cells = [row.village_id, row.enterprise_id, value, load]
        if helpers is not None:
            cells.append(";".join(helpers.get(str(row.village_id), ())))
        writer.writerow([csv_cell(cell) for cell in cells])


def write_frames(directory: Path, frames: dict[str, pd.DataFrame]) -> list[Path]:
    """Write `name → frame` as `DIR/name` CSV files (UTF-8, header row); returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        path = directory / name
        write_csv(frame, path)
        written.append(path)
    return written

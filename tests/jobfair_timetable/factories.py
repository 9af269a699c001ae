"""Small fair days for the tests, as contract frames and as DIR folders."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from matching.cli.timetable import add_timetable_parsers
from matching.errors import InputError
from matching.jobfair.timetable import SolveOptions, TimetableResult, schedule_frames

FAST = SolveOptions(time_limit=5.0, workers=1)


def fair(opens: str = "09:00", closes: str = "11:00", slot: int = 30, gap: int = 0) -> pd.DataFrame:
    """Four 30-minute slots by default: 09:00, 09:30, 10:00, 10:30."""
    return pd.DataFrame(
        {"opens": [opens], "closes": [closes], "slot_minutes": [str(slot)], "min_gap_minutes": [str(gap)]}
    )


def table(rows: Sequence[dict[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(
        [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows],
        columns=list(columns),
    )


def booths(*rows: dict[str, object], columns: Sequence[str] | None = None) -> pd.DataFrame:
    names = columns or _columns(rows, ["enterprise_id", "interviewers"])
    return table(rows, names)


def interviews(*rows: dict[str, object], columns: Sequence[str] | None = None) -> pd.DataFrame:
    names = columns or _columns(rows, ["graduate_id", "enterprise_id"])
    return table(rows, names)


def graduates(*rows: dict[str, object], columns: Sequence[str] | None = None) -> pd.DataFrame:
    names = columns or _columns(rows, ["graduate_id"])
    return table(rows, names)


def _columns(rows: Sequence[dict[str, object]], first: list[str]) -> list[str]:
    names = list(first)
    for row in rows:
        names += [name for name in row if name not in names]
    return names


def schedule(
    interview_frame: pd.DataFrame,
    booth_frame: pd.DataFrame,
    fair_frame: pd.DataFrame | None = None,
    graduate_frame: pd.DataFrame | None = None,
    options: SolveOptions = FAST,
) -> TimetableResult:
    return schedule_frames(
        fair_frame if fair_frame is not None else fair(),
        interview_frame,
        booth_frame,
        graduate_frame,
        options,
    )


def starts(result: TimetableResult) -> dict[tuple[str, str], str]:
    """(graduate, enterprise) → start ('' when not scheduled)."""
    frame = result.timetable_frame()
    return {
        (g, e): s
        for g, e, s in zip(frame["graduate_id"], frame["enterprise_id"], frame["start"], strict=True)
    }


def write_dir(
    folder: Path,
    interview_frame: pd.DataFrame,
    booth_frame: pd.DataFrame,
    fair_frame: pd.DataFrame | None = None,
    graduate_frame: pd.DataFrame | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (fair_frame if fair_frame is not None else fair()).to_csv(folder / "fair.csv", index=False)
    interview_frame.to_csv(folder / "interviews.csv", index=False)
    booth_frame.to_csv(folder / "booths.csv", index=False)
    if graduate_frame is not None:
        graduate_frame.to_csv(folder / "graduates.csv", index=False)
    return folder


def run_cli(argv: list[str]) -> int:
    """What `python -m matching jobfair …` does with these subcommands (see matching.cli.main)."""
    parser = argparse.ArgumentParser(prog="jobfair")
    commands = parser.add_subparsers(dest="command", required=True)
    add_timetable_parsers(commands)
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except InputError as error:
        print(f"error: {error.summary()}", file=sys.stderr)
        return 2
    return code

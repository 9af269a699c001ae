"""Every string the pages show: key → (Chinese, English), split by area; a key lives in one module only."""

from __future__ import annotations

from matching.ui.strings import base, data, jobfair, outcomes, report, review, timetable


def _merge(*tables: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        twice = merged.keys() & table.keys()
        if twice:
            raise RuntimeError(f"page strings defined twice: {sorted(twice)}")
        merged.update(table)
    return merged


STRINGS: dict[str, tuple[str, str]] = _merge(
    base.STRINGS,
    data.STRINGS,
    jobfair.STRINGS,
    outcomes.STRINGS,
    review.STRINGS,
    timetable.STRINGS,
    report.STRINGS,
)

"""Every string the pages show: key → (Chinese, English), split by area; a key lives in one module only."""

from __future__ import annotations

from matching.messages import merge_tables
from matching.ui.strings import base, data, jobfair, outcomes, report, review, timetable

STRINGS: dict[str, tuple[str, str]] = merge_tables(
    base.STRINGS,
    data.STRINGS,
    jobfair.STRINGS,
    outcomes.STRINGS,
    review.STRINGS,
    timetable.STRINGS,
    report.STRINGS,
)

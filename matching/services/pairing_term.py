"""The pairing term: an option of a stored aid run (not of the pure core), in a module of its own so that
the command line builds `--term-years` without loading the database layer (`aid solve DIR` stays light)."""

from __future__ import annotations

from dataclasses import dataclass

from matching.options import option, option_error

MAX_TERM_YEARS = 10


@dataclass(frozen=True)
class PairingTerm:
    """How long a pair approved or pinned in this run stands: the runs of the following years of its term
    keep it fixed unless an official rejects it there."""

    years: int = option(
        3, label="aid.option.term_years", minimum=1, maximum=MAX_TERM_YEARS, flag="--term-years"
    )

    def __post_init__(self) -> None:
        if not (isinstance(self.years, int) and 1 <= self.years <= MAX_TERM_YEARS):
            raise option_error("option_error.term_years", maximum=MAX_TERM_YEARS, value=self.years)

"""Pairing terms of the aid programme: which lead pair stands in which year.

A lead pair (village, enterprise) approved or pinned in year Y0 on a proposal whose term is T years stands
for Y0 … Y0+T−1 (a pair carried over from an earlier year keeps that year's start and term). A rejection
in a later year ends it, and a later approval of another enterprise for the village replaces it. Helper
pairs have no term: they stand in the year they were approved or pinned in.

Only the latest decision per pair and year counts (a reset withdraws it), as for the decisions that lock
the runs of the same year (`decisions._standing_decisions`). Proposals stored before terms existed have no
term: read as one year, starting in their run's year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.services.decisions import FIXED_STATUSES, HELPER, LEAD, STATUS_AFTER
from models import Decision, DecisionAction, MatchingRun, Program, Proposal, ProposalStatus
from models.tables import TermKind

OLD_TERM_YEARS = 1  # what a proposal stored without a term stands for


def term_text(start: int, years: int) -> str:
    """`2026–2028`; a one-year term is its year alone."""
    end = start + years - 1
    return str(start) if end == start else f"{start}–{end}"


@dataclass(frozen=True)
class Tenure:
    """A lead pair standing from `start` for `years` years; `kind` as stored on its proposal."""

    village_id: int
    enterprise_id: int
    start: int
    years: int
    kind: TermKind | None = None

    @property
    def end(self) -> int:
        return self.start + self.years - 1

    def covers(self, year: int) -> bool:
        return self.start <= year <= self.end


@dataclass(frozen=True)
class _Decided:
    """The latest decision on one pair in one year's runs, with the term of the proposal it was made on."""

    decision_id: int
    status: ProposalStatus
    tenure: Tenure


def _lead_decisions(session: Session, through_year: int) -> dict[int, list[_Decided]]:
    """Year → the standing decisions (not reset) on lead pairs in that year's runs, oldest first."""
    statement = (
        select(
            MatchingRun.year,
            Proposal.village_id,
            Proposal.enterprise_id,
            Proposal.term_start,
            Proposal.term_years,
            Proposal.term_kind,
            Decision.id,
            Decision.action,
        )
        .join(Proposal, Proposal.run_id == MatchingRun.id)
        .join(Decision, Decision.proposal_id == Proposal.id)
        .where(
            MatchingRun.program == Program.AID,
            MatchingRun.year.is_not(None),
            MatchingRun.year <= through_year,
            Proposal.role == LEAD,
            Proposal.village_id.is_not(None),
            Proposal.enterprise_id.is_not(None),
        )
        .order_by(Decision.id)
    )
    latest: dict[int, dict[tuple[int, int], _Decided]] = {}
    for year, village, enterprise, start, years, kind, decision_id, action in session.execute(statement):
        assert year is not None and village is not None and enterprise is not None  # the WHERE above
        tenure = Tenure(
            village,
            enterprise,
            start if start is not None else year,
            years if years is not None else OLD_TERM_YEARS,
            TermKind(kind) if kind else None,
        )
        status = STATUS_AFTER[DecisionAction(action)]
        latest.setdefault(year, {})[(village, enterprise)] = _Decided(decision_id, status, tenure)
    return {
        year: sorted(
            (d for d in pairs.values() if d.status is not ProposalStatus.PROPOSED),
            key=lambda d: d.decision_id,
        )
        for year, pairs in latest.items()
    }


def _tenures(by_year: Mapping[int, list[_Decided]], through_year: int) -> dict[int, Tenure]:
    """Village → the latest tenure given by the decisions of the years up to `through_year` (it may have
    ended: compare its `end`)."""
    active: dict[int, Tenure] = {}
    for year in sorted(y for y in by_year if y <= through_year):
        for decided in by_year[year]:
            village = decided.tenure.village_id
            if decided.status in FIXED_STATUSES:
                active[village] = decided.tenure
            elif village in active and active[village].enterprise_id == decided.tenure.enterprise_id:
                del active[village]  # rejected: its term ends here
    return active


def _standing_leads(session: Session, year: int) -> dict[int, Tenure]:
    """Village → the lead pair standing in `year`: approved or pinned that year, or within its term."""
    active = _tenures(_lead_decisions(session, year), year)
    return {village: tenure for village, tenure in active.items() if tenure.covers(year)}


def _helper_pairs(session: Session, years: Iterable[int]) -> dict[int, set[tuple[int, int]]]:
    """Year → the (village, enterprise) helper pairs approved or pinned (latest decision) in its runs."""
    statement = (
        select(MatchingRun.year, Proposal.village_id, Proposal.enterprise_id, Decision.action)
        .join(Proposal, Proposal.run_id == MatchingRun.id)
        .join(Decision, Decision.proposal_id == Proposal.id)
        .where(
            MatchingRun.program == Program.AID,
            MatchingRun.year.in_(list(years)),
            Proposal.role == HELPER,
        )
        .order_by(Decision.id)
    )
    latest: dict[tuple[int, int, int], ProposalStatus] = {}
    for year, village, enterprise, action in session.execute(statement):
        assert year is not None and village is not None and enterprise is not None  # helpers have both
        latest[(year, village, enterprise)] = STATUS_AFTER[DecisionAction(action)]
    standing: dict[int, set[tuple[int, int]]] = {}
    for (year, village, enterprise), status in latest.items():
        if status in FIXED_STATUSES:
            standing.setdefault(year, set()).add((village, enterprise))
    return standing


def _pairs_not_standing(
    session: Session, wanted: Iterable[tuple[int, int, int]]
) -> set[tuple[int, int, int]]:
    """Of the (enterprise id, village id, year) triples, those whose pair did not stand in that year: no
    approved or pinned lead pair of the year's runs nor one within its term, and no approved helper pair.
    What an aid outcome must be recorded against (the importer of `aid_outcomes` can ask the same)."""
    triples = set(wanted)
    if not triples:
        return set()
    years = {year for _, _, year in triples}
    by_year = _lead_decisions(session, max(years))
    helpers = _helper_pairs(session, years)
    leads = {}
    for year in years:
        active = _tenures(by_year, year)
        leads[year] = {(t.enterprise_id, v) for v, t in active.items() if t.covers(year)}
    return {
        (enterprise, village, year)
        for enterprise, village, year in triples
        if (enterprise, village) not in leads[year] and (village, enterprise) not in helpers.get(year, set())
    }


@dataclass(frozen=True)
class TermBook:
    """What one run of `year` needs to know about terms: the pairs it keeps within their term, last year's
    standing pairs (continuity, renewals), this year's decided pairs, and the run's own term."""

    year: int
    years: int  # the run's term for the pairs it begins
    kept: dict[int, Tenure]  # village → the pair kept fixed within its term
    previous: dict[int, Tenure]  # village → the pair that stood last year
    decided: dict[tuple[int, int], _Decided]  # (village, enterprise) → this year's standing decision

    def term_of(self, village_id: int, enterprise_id: int) -> tuple[int, int, TermKind]:
        """(first year, years, kind) of a lead pair this run proposes."""
        kept = self.kept.get(village_id)
        if kept is not None and kept.enterprise_id == enterprise_id:
            return kept.start, kept.years, TermKind.KEPT
        stood = self.previous.get(village_id)
        fresh = (
            TermKind.RENEWED if stood is not None and stood.enterprise_id == enterprise_id else TermKind.NEW
        )
        decided = self.decided.get((village_id, enterprise_id))
        if decided is not None and decided.status in FIXED_STATUSES:
            # decided earlier this year: the term it was decided with
            tenure = decided.tenure
            return tenure.start, tenure.years, tenure.kind or fresh
        return self.year, self.years, fresh


def _term_book(session: Session, year: int, years: int, offering: set[int]) -> tuple[TermBook, int]:
    """The run's `TermBook`, and how many pairs within their term cannot be kept because their enterprise
    made no offer this year (they end early)."""
    by_year = _lead_decisions(session, year)
    active = _tenures(by_year, year - 1)
    decided = {(d.tenure.village_id, d.tenure.enterprise_id): d for d in by_year.get(year, [])}
    fixed_now = {village for (village, _), d in decided.items() if d.status in FIXED_STATUSES}
    within = {
        village: tenure
        for village, tenure in active.items()
        if tenure.covers(year)
        and village not in fixed_now  # this year's decision for the village comes first
        and (village, tenure.enterprise_id) not in decided  # rejected this year: freed
    }
    kept = {village: tenure for village, tenure in within.items() if tenure.enterprise_id in offering}
    previous = {village: tenure for village, tenure in active.items() if tenure.covers(year - 1)}
    return TermBook(year, years, kept, previous, decided), len(within) - len(kept)

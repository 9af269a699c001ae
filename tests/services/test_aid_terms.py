"""Pairing terms: a pair approved with a term of T years is kept in the runs of the later years of its term
unless rejected there, freed when it ends (and labelled renewed when chosen again); outcomes only against
pairs that stood in their year; corrections logged with the old and the new value."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from matching.aid.pairing import SolveOptions
from matching.aid.parameters import AidParameters
from matching.aid.problem import Distance
from matching.aid.run import AidOptions
from matching.cli import main
from matching.errors import InputError
from matching.services import data_io, outcomes, review
from matching.services.access import Actor
from matching.services.aid import AidRunSummary, PairingTerm, run_aid
from matching.services.decisions import decide_many
from matching.services.demo import seed_demo
from models import (
    AidOffer,
    AidOutcome,
    AuditEntry,
    DecisionAction,
    Enterprise,
    MatchingRun,
    OutcomeKind,
    Proposal,
    ProposalStatus,
    Role,
    Village,
)

CITY = Actor("coordinator", Role.ADMIN)
# Anywhere in the county is acceptable, so that the small demo pairs every village.
OPTIONS = AidOptions(
    parameters=AidParameters(distance_limit=Distance.OTHER_CITY), solve=SolveOptions(seed=1, time_limit=5)
)
YEARS = (2025, 2026, 2027, 2028)


@pytest.fixture
def programme(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """The small demo with its recorded 2025 pairs taken out, and this year's offers made in every year
    from 2025 to 2028: four years of the same programme, starting afresh in 2025."""
    seed_demo(sessions, CITY, seed=7, scale=0.1)
    with sessions() as session, session.begin():
        session.execute(delete(MatchingRun).where(MatchingRun.method == "recorded"))
        session.execute(delete(AidOffer).where(AidOffer.year != 2026))
        offers = session.scalars(select(AidOffer).where(AidOffer.year == 2026)).all()
        for year in (2025, 2027, 2028):
            session.add_all(
                AidOffer(
                    enterprise_id=o.enterprise_id,
                    year=year,
                    annual_budget=o.annual_budget,
                    max_villages=o.max_villages,
                    capabilities=list(o.capabilities),
                )
                for o in offers
            )
    return sessions


def solve(sessions: sessionmaker[Session], year: int, years: int = 3) -> AidRunSummary:
    summary, _ = run_aid(sessions, year, OPTIONS, actor=CITY, term=PairingTerm(years))
    assert summary.covered == summary.villages, summary.diagnosis
    return summary


def leads(session: Session, run_id: int) -> dict[int | None, Proposal]:
    """village id → its lead proposal."""
    rows = session.scalars(select(Proposal).where(Proposal.run_id == run_id, Proposal.role == "lead"))
    return {p.village_id: p for p in rows}


def approve(sessions: sessionmaker[Session], *proposals: Proposal) -> None:
    decide_many(sessions, [(p.id, DecisionAction.APPROVE, None, p.version) for p in proposals], CITY)


def approve_one_and_make_it_unacceptable(sessions: sessionmaker[Session]) -> Proposal:
    """A 2025 pair with a 3-year term, approved; its enterprise then offers nothing any village needs in the
    later years, so the pair appears in a later run only when that run keeps it fixed."""
    first = solve(sessions, 2025, years=3)
    with sessions() as session:
        chosen = min(leads(session, first.run_id).values(), key=lambda p: p.id)
    approve(sessions, chosen)
    with sessions() as session, session.begin():
        session.execute(
            update(AidOffer)
            .where(AidOffer.enterprise_id == chosen.enterprise_id, AidOffer.year > 2025)
            .values(capabilities=[])
        )
    return chosen


def test_a_pair_approved_for_three_years_is_kept_in_the_next_two_and_freed_in_the_fourth(
    programme: sessionmaker[Session],
) -> None:
    chosen = approve_one_and_make_it_unacceptable(programme)
    for year in (2026, 2027):
        summary = solve(programme, year)
        assert summary.kept_in_term == 1
        with programme() as session:
            kept = leads(session, summary.run_id)[chosen.village_id]
            run = session.get(MatchingRun, summary.run_id)
        assert kept.enterprise_id == chosen.enterprise_id
        assert (kept.term_start, kept.term_years, kept.term_kind) == (2025, 3, "kept")
        assert kept.status is ProposalStatus.PROPOSED  # kept by its term, still open to a rejection
        assert run is not None and run.parameters["term"] == {"years": 3}
        assert run.parameters["kept_in_term"] == 1
    freed = solve(programme, 2028)
    with programme() as session:
        later = leads(session, freed.run_id)[chosen.village_id]
    assert freed.kept_in_term == 0
    assert later.enterprise_id != chosen.enterprise_id and later.term_kind != "kept"
    assert (later.term_start, later.term_years) == (2028, 3)


def test_a_pair_kept_by_its_term_counts_as_paired_in_the_years_it_stands(
    programme: sessionmaker[Session],
) -> None:
    approve_one_and_make_it_unacceptable(programme)  # approved in 2025 for 3 years, no run after
    with programme() as session:
        standing = {year: outcomes.villages_paired(session, CITY, year) for year in (2025, 2026, 2027, 2028)}
        overall = outcomes.villages_paired(session, CITY)
    assert standing == {2025: 1, 2026: 1, 2027: 1, 2028: 0}
    assert overall == 1


def test_a_pair_rejected_within_its_term_is_not_kept_that_year_or_later(
    programme: sessionmaker[Session],
) -> None:
    chosen = approve_one_and_make_it_unacceptable(programme)
    kept = solve(programme, 2026)
    with programme() as session:
        proposal = leads(session, kept.run_id)[chosen.village_id]
    assert proposal.term_kind == "kept"
    decide_many(programme, [(proposal.id, DecisionAction.REJECT, "企业今年无力帮扶", proposal.version)], CITY)
    for year in (2026, 2027):
        again = solve(programme, year)
        with programme() as session:
            moved = leads(session, again.run_id)[chosen.village_id]
        assert again.kept_in_term == 0
        assert moved.enterprise_id != chosen.enterprise_id and moved.term_kind == "new"


def test_last_year_s_pair_chosen_again_after_its_term_is_labelled_renewed(
    programme: sessionmaker[Session],
) -> None:
    first = solve(programme, 2025, years=1)
    with programme() as session:
        before = leads(session, first.run_id)
    approve(programme, *before.values())
    summary = solve(programme, 2026, years=3)
    assert summary.kept_in_term == 0 and summary.renewed >= 1
    assert summary.renewed + summary.new == summary.covered
    with programme() as session:
        after = leads(session, summary.run_id)
        frame = review.proposals(session, summary.run_id, CITY)
    for village, proposal in after.items():
        same = proposal.enterprise_id == before[village].enterprise_id
        assert proposal.term_kind == ("renewed" if same else "new")
        assert (proposal.term_start, proposal.term_years) == (2026, 3)
        if same:  # the continuity score is what prefers it
            assert proposal.components["continuity"] > 0
    renewed = frame[frame["term_kind"] == "renewed"]
    assert len(renewed) == summary.renewed and set(renewed["term"]) == {"2026–2028"}
    assert "renewed" in summary.terms_message.text() and "续签" in summary.terms_message.text("zh")


def test_old_runs_without_a_term_stand_for_their_own_year_only(sessions: sessionmaker[Session]) -> None:
    seed_demo(sessions, CITY, seed=7, scale=0.1)
    with sessions() as session:
        recorded = session.scalars(
            select(MatchingRun).where(MatchingRun.method == "recorded", MatchingRun.year == 2025)
        ).one()
        pair = next(iter(leads(session, recorded.id).values()))
        frame = review.proposals(session, recorded.id, CITY)
    assert set(frame["term"]) == {"2025"} and set(frame["term_years"]) == {1}
    with sessions() as session, session.begin():
        assert pair.enterprise_id is not None and pair.village_id is not None
        outcomes.record_aid_outcome(
            session, pair.enterprise_id, pair.village_id, OutcomeKind.JOBS, 2.0, date(2025, 12, 1), CITY
        )
        with pytest.raises(InputError) as refused:
            outcomes.record_aid_outcome(
                session, pair.enterprise_id, pair.village_id, OutcomeKind.JOBS, 2.0, date(2026, 1, 5), CITY
            )
    assert refused.value.problems[0].code == "aid.outcome.not_paired"
    summary, _ = run_aid(sessions, 2026, OPTIONS, actor=CITY)
    assert summary.kept_in_term == 0 and summary.renewed >= 1  # last year's pairs: continuity, not fixed


def test_outcomes_only_against_pairs_that_stood_in_their_year(programme: sessionmaker[Session]) -> None:
    first = solve(programme, 2025, years=3)
    with programme() as session:
        proposals = sorted(leads(session, first.run_id).values(), key=lambda p: p.id)
        stored_before = stored_outcomes(session)
    approved, open_pair = proposals[0], proposals[1]
    approve(programme, approved)

    def record(proposal: Proposal, day: date) -> outcomes.AidOutcomeChange:
        assert proposal.enterprise_id is not None and proposal.village_id is not None
        with programme() as session, session.begin():
            return outcomes.record_aid_outcome(
                session, proposal.enterprise_id, proposal.village_id, OutcomeKind.YUAN, 500.0, day, CITY
            )

    with pytest.raises(InputError) as refused:
        record(open_pair, date(2025, 6, 1))  # proposed, never approved
    problem = refused.value.problems[0]
    assert problem.code == "aid.outcome.not_paired" and problem.params["year"] == 2025
    assert "\n" not in refused.value.summary() and "2025" in refused.value.summary(lang="zh")
    assert record(approved, date(2025, 6, 1)).change == "recorded"
    assert record(approved, date(2027, 3, 1)).change == "recorded"  # within its term, no 2027 run needed
    with pytest.raises(InputError):
        record(approved, date(2028, 3, 1))  # the term ended with 2027
    with programme() as session:
        assert stored_outcomes(session) == stored_before + 2
        pairs = outcomes.aid_pairs(session, CITY)
    standing = pairs[(pairs["village_id"] == approved.village_id) & (pairs["role"] == "lead")]
    assert list(standing["year"]) == [2025, 2026, 2027] and set(standing["term"]) == {"2025–2027"}
    assert not ((pairs["village_id"] == open_pair.village_id) & (pairs["role"] == "lead")).any()


def stored_outcomes(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AidOutcome)) or 0)


def test_a_correction_is_logged_with_both_values_and_the_same_outcome_twice_changes_nothing(
    programme: sessionmaker[Session],
) -> None:
    first = solve(programme, 2025)
    with programme() as session:
        pair = min(leads(session, first.run_id).values(), key=lambda p: p.id)
    approve(programme, pair)
    assert pair.enterprise_id is not None and pair.village_id is not None
    key = (pair.enterprise_id, pair.village_id, OutcomeKind.MEDICAL)
    day = date(2025, 9, 9)

    def audit_entries(session: Session) -> list[tuple[str, dict[str, object]]]:
        return [
            (action, details)
            for action, details in session.execute(
                select(AuditEntry.action, AuditEntry.details)
                .where(AuditEntry.entity == "aid_outcomes", AuditEntry.action.like("outcome.aid%"))
                .order_by(AuditEntry.id)
            )
        ]

    with programme() as session, session.begin():
        assert outcomes.record_aid_outcome(session, *key, 3.0, day, CITY).change == "recorded"
    with programme() as session, session.begin():
        again = outcomes.record_aid_outcome(session, *key, 3.0, day, CITY)
    assert again.change == "unchanged" and "nothing changed" in again.message.text()
    assert "未作改动" in again.message.text("zh")
    with programme() as session, session.begin():
        corrected = outcomes.record_aid_outcome(session, *key, 5.0, day, CITY)
    assert (corrected.change, corrected.previous, corrected.value) == ("corrected", 3.0, 5.0)
    assert corrected.message.text() == "Corrected from 3 to 5 (both logged)."
    with programme() as session, session.begin():
        deleted = outcomes.delete_aid_outcome(session, *key, day, CITY)
    assert (deleted.change, deleted.previous) == ("deleted", 5.0)
    with programme() as session:
        assert audit_entries(session) == [
            ("outcome.aid", {"value": 3.0}),
            ("outcome.aid.correct", {"old": 3.0, "new": 5.0}),
            ("outcome.aid.delete", {"old": 5.0, "new": None}),
        ]
        assert (
            session.scalars(
                select(AidOutcome).filter_by(
                    enterprise_id=key[0], village_id=key[1], kind=OutcomeKind.MEDICAL, occurred_on=day
                )
            ).all()
            == []
        )


def test_the_command_line_takes_the_term_for_stored_years_only(
    programme: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = programme.kw["bind"].url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    flags = ["--distance-limit", "other_city", "--time-limit", "5", "--seed", "1"]
    assert main(["aid", "solve", "--year", "2025", "--term-years", "2", *flags]) == 0
    err = capsys.readouterr().err
    assert "term 2 years: 0 pairs kept within their term" in err
    with programme() as session:
        run = session.scalars(select(MatchingRun).order_by(MatchingRun.id.desc()).limit(1)).one()
        terms = {(p.term_start, p.term_years, p.term_kind) for p in leads(session, run.id).values()}
    assert run.parameters["term"] == {"years": 2} and terms == {(2025, 2, "new")}
    with pytest.raises(SystemExit) as refused:  # the parser refuses it with a reason
        main(["aid", "solve", "--year", "2025", "--term-years", "11", *flags])
    assert refused.value.code == 2 and "at most 10" in capsys.readouterr().err
    assert main(["aid", "solve", "/nonexistent", "--term-years", "2"]) == 2
    assert "--term-years applies to stored years" in capsys.readouterr().err


def test_an_imported_outcome_needs_a_pair_of_its_year(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    seed_demo(sessions, CITY, seed=7, scale=0.1)
    with sessions() as session:
        enterprise, village = session.execute(
            select(Enterprise.credit_code, Village.division_code)
            .join(Proposal, Proposal.enterprise_id == Enterprise.id)
            .join(Village, Village.id == Proposal.village_id)
            .join(MatchingRun, MatchingRun.id == Proposal.run_id)
            .where(MatchingRun.year == 2025)
            .limit(1)
        ).one()
    stood = tmp_path / "stood.csv"  # the demo's recorded 2025 pairs stand in 2025
    stood.write_text(
        f"enterprise_credit_code,village_code,kind,value,occurred_on\n{enterprise},{village},legal,1,2025-05-01\n",
        encoding="utf-8",
    )
    assert data_io.import_file(sessions, "aid_outcomes", stood, actor=CITY).inserted == 1
    later = tmp_path / "later.csv"  # not paired in 2031
    later.write_text(
        f"enterprise_credit_code,village_code,kind,value,occurred_on\n{enterprise},{village},legal,1,2031-05-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as refused:
        data_io.import_file(sessions, "aid_outcomes", later, actor=CITY)
    (problem,) = refused.value.problems
    assert (problem.file, problem.row, problem.column, problem.code) == (
        "later.csv",
        2,
        "village_code",
        "aid.outcome.not_paired.import",
    )

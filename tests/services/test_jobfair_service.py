"""Job-fair runs on stored events: one transaction per run, and decisions that survive every re-run."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError, NotFoundError
from matching.jobfair.pipeline import SolveOptions
from matching.services.access import Actor
from matching.services.decisions import decide, decide_many
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from models import DecisionAction, JobFairEvent, MatchingRun, Proposal, ProposalStatus, Registration, Role

ORGANISER = Actor("organiser", Role.ORGANISER)
SCALE = 0.1  # 200 graduates: quick, and still every kind of record


@pytest.fixture
def seeded(sessions: sessionmaker[Session]) -> tuple[sessionmaker[Session], str]:
    seed_demo(sessions, Actor.system("test"), seed=7, scale=SCALE)
    with sessions() as session:
        code = session.scalars(select(JobFairEvent.code)).one()
    return sessions, code


def pairs_of(session: Session, run_id: int) -> dict[tuple[int, int], Proposal]:
    proposals = session.scalars(
        select(Proposal).where(Proposal.run_id == run_id, Proposal.position_id.is_not(None))
    ).all()
    return {(p.graduate_id, p.position_id): p for p in proposals if p.graduate_id and p.position_id}


def test_a_run_stores_one_proposal_per_graduate(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, result = run_event(sessions, code, SolveOptions.for_method("stable", seed=3), actor=ORGANISER)
    with sessions() as session:
        run = session.get(MatchingRun, summary.run_id)
        assert run is not None and run.seed == 3 and run.status.value == "OPTIMAL"
        assert run.parameters["method_options"] == {"proposing": "graduates"} and len(run.input_hash) == 64
        proposals = session.scalar(select(func.count()).where(Proposal.run_id == run.id))
        registered = session.scalar(select(func.count()).select_from(Registration))
    assert proposals == registered == summary.graduates
    assert summary.matched == result.matched_graduates > 0
    assert result.blocking_pairs is not None and result.blocking_pairs.count == 0


def test_unmatched_graduates_carry_a_reason(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=3), actor=ORGANISER)
    with sessions() as session:
        reasons = session.scalars(
            select(Proposal.reason).where(Proposal.run_id == summary.run_id, Proposal.position_id.is_(None))
        ).all()
    assert reasons and all(reason for reason in reasons)


@pytest.mark.parametrize("later_method", ["stable", "welfare", "shortlist"])
def test_decisions_hold_in_every_later_run(
    seeded: tuple[sessionmaker[Session], str], later_method: str
) -> None:
    sessions, code = seeded
    first, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ORGANISER)
    with sessions() as session:
        proposals = sorted(pairs_of(session, first.run_id).values(), key=lambda p: p.id)
    approved, rejected = proposals[0], proposals[1]
    decide_many(
        sessions,
        [
            (approved.id, DecisionAction.APPROVE, None, approved.version),
            (rejected.id, DecisionAction.REJECT, "专业不对口", rejected.version),
        ],
        actor=ORGANISER,
    )
    again, _ = run_event(sessions, code, SolveOptions.for_method(later_method, seed=99), actor=ORGANISER)
    assert again.kept_decisions == 2
    with sessions() as session:
        later = pairs_of(session, again.run_id)
    approved_pair = (approved.graduate_id, approved.position_id)
    assert approved_pair in later and later[approved_pair].status is ProposalStatus.APPROVED
    assert (rejected.graduate_id, rejected.position_id) not in later


def test_a_repeated_run_with_the_same_seed_moves_nobody(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    run_event(sessions, code, SolveOptions.for_method("stable", seed=5), actor=ORGANISER)
    again, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=5), actor=ORGANISER)
    assert again.moved == 0


def test_a_decision_on_a_stale_version_is_refused(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=2), actor=ORGANISER)
    with sessions() as session:
        proposal = next(iter(pairs_of(session, summary.run_id).values()))
    with sessions() as session, session.begin():
        decide(session, proposal.id, DecisionAction.APPROVE, ORGANISER, expected_version=proposal.version)
    with (
        pytest.raises(ConflictError, match="changed by someone else"),
        sessions() as session,
        session.begin(),
    ):
        decide(
            session, proposal.id, DecisionAction.REJECT, ORGANISER, "no", expected_version=proposal.version
        )
    with sessions() as session:
        stored = session.get(Proposal, proposal.id)
        assert stored is not None and stored.status is ProposalStatus.APPROVED


def test_a_rejection_needs_a_reason(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=2), actor=ORGANISER)
    with sessions() as session:
        proposal = next(iter(pairs_of(session, summary.run_id).values()))
    with pytest.raises(ValueError, match="needs a reason"), sessions() as session, session.begin():
        decide(session, proposal.id, DecisionAction.REJECT, ORGANISER, "  ")


def test_an_unknown_event_writes_nothing(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, _ = seeded
    with sessions() as session:
        before = session.scalar(select(func.count()).select_from(MatchingRun))
    with pytest.raises(NotFoundError, match="no job fair"):
        run_event(sessions, "NO-SUCH-FAIR", SolveOptions.for_method("stable"), actor=ORGANISER)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(MatchingRun)) == before

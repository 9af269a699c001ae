"""Aid pairing on stored data: one run per solve, decisions that hold, fewest moves, and a diagnosis."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.results import stored_summary
from matching.services.access import Actor, PermissionDenied
from matching.services.aid import run_aid
from matching.services.decisions import decide, decide_many
from matching.services.demo import seed_demo
from models import AidOffer, DecisionAction, Enterprise, MatchingRun, Proposal, ProposalStatus, Role, Village

CITY = Actor("coordinator", Role.ADMIN)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def seeded(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    seed_demo(sessions, CITY, seed=5, scale=0.3)
    return sessions


def pairs_of(session: Session, run_id: int) -> dict[int, Proposal]:
    """village id → its proposal (with or without an enterprise)."""
    return {p.village_id: p for p in session.scalars(select(Proposal).where(Proposal.run_id == run_id))}


def test_a_run_gives_every_village_a_lead_within_budgets(seeded: sessionmaker[Session]) -> None:
    summary, _ = run_aid(seeded, options=AidOptions(solve=AidSolveOptions(seed=1)), actor=CITY)
    assert summary.status.value == "OPTIMAL" and summary.covered == summary.villages
    with seeded() as session:
        villages = session.scalar(select(func.count()).select_from(Village))
        proposals = pairs_of(session, summary.run_id)
        run = session.get(MatchingRun, summary.run_id)
        budgets = dict(
            session.execute(
                select(AidOffer.enterprise_id, AidOffer.annual_budget).where(AidOffer.year == run.year)
            ).all()  # type: ignore[union-attr]
        )
    assert len(proposals) == villages
    used: dict[int, float] = {}
    for proposal in proposals.values():
        assert proposal.enterprise_id is not None and proposal.score is not None and proposal.components
        used[proposal.enterprise_id] = used.get(proposal.enterprise_id, 0.0) + float(proposal.load or 0)
    assert all(used[e] <= budgets[e] + 1e-6 for e in used)


def test_decisions_hold_and_a_rerun_moves_nobody_needlessly(seeded: sessionmaker[Session]) -> None:
    first, _ = run_aid(seeded, options=AidOptions(solve=AidSolveOptions(seed=1)), actor=CITY)
    with seeded() as session:
        proposals = sorted(pairs_of(session, first.run_id).values(), key=lambda p: p.id)
    approved, rejected = proposals[0], proposals[1]
    decide_many(
        seeded,
        [
            (approved.id, DecisionAction.APPROVE, None, approved.version),
            (rejected.id, DecisionAction.REJECT, "企业无农技能力", rejected.version),
        ],
        CITY,
    )
    again, _ = run_aid(seeded, options=AidOptions(solve=AidSolveOptions(seed=2)), actor=CITY)
    assert again.kept_decisions == 2
    with seeded() as session:
        later = pairs_of(session, again.run_id)
    assert later[approved.village_id].enterprise_id == approved.enterprise_id
    assert later[approved.village_id].status is ProposalStatus.APPROVED
    assert later[rejected.village_id].enterprise_id != rejected.enterprise_id
    assert again.moved is not None and again.moved <= 3  # the rejected village and whatever had to make room


def test_park_officials_decide_only_their_own_park_s_pairs(seeded: sessionmaker[Session]) -> None:
    summary, _ = run_aid(seeded, options=AidOptions(solve=AidSolveOptions(seed=1)), actor=CITY)
    with seeded() as session:
        proposal = next(iter(pairs_of(session, summary.run_id).values()))
        park = session.scalar(select(Enterprise.park_id).where(Enterprise.id == proposal.enterprise_id))
    own = Actor("own", Role.PARK_OFFICIAL, park_id=park)
    other = Actor("other", Role.PARK_OFFICIAL, park_id=(park or 0) + 1)
    with pytest.raises(PermissionDenied, match="own park"), seeded() as session, session.begin():
        decide(session, proposal.id, DecisionAction.APPROVE, other)
    with seeded() as session, session.begin():
        assert decide(session, proposal.id, DecisionAction.APPROVE, own).status is ProposalStatus.APPROVED
    with pytest.raises(PermissionDenied):
        run_aid(seeded, actor=own)


def test_without_enough_budget_the_run_says_why_and_keeps_the_best_partial_pairing(
    seeded: sessionmaker[Session],
) -> None:
    with seeded() as session, session.begin():
        year = session.scalar(select(func.max(AidOffer.year)))
        session.execute(update(AidOffer).where(AidOffer.year == year).values(max_villages=0))
        first = session.scalar(
            select(AidOffer.id).where(AidOffer.year == year).order_by(AidOffer.id).limit(1)
        )
        session.execute(update(AidOffer).where(AidOffer.id == first).values(max_villages=3))
    summary, _ = run_aid(seeded, options=AidOptions(solve=AidSolveOptions(seed=1, time_limit=5)), actor=CITY)
    assert summary.status.value == "INFEASIBLE"
    assert summary.diagnosis and 0 < summary.covered <= 3
    with seeded() as session:
        uncovered = [p for p in pairs_of(session, summary.run_id).values() if p.enterprise_id is None]
        run = session.get(MatchingRun, summary.run_id)
    assert len(uncovered) == summary.villages - summary.covered
    assert all(p.reason for p in uncovered)
    assert run is not None and "best partial pairing" in (run.message or "")
    # the stored run is said again in either language: the summary, then the diagnosis line by line
    assert stored_summary(run.summary, run.message, "en") == run.message
    chinese = stored_summary(run.summary, run.message, "zh").splitlines()
    assert chinese == [summary.message.text("zh"), *summary.diagnosis_in("zh")] and len(chinese) > 2
    assert chinese[0].startswith("无解：没有能让每个村都有牵头企业的结对（目标值 无，上界 无，差距 无）")
    assert any(line.startswith("最佳部分结对方案：") for line in chinese)
    assert all(CJK.search(line) and "status=" not in line for line in chinese)

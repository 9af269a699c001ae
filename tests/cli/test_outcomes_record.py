"""`outcomes record`: one outcome from the command line, by the codes on the papers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from fixtures.demo import EVENT_CODE
from matching.jobfair.pipeline import SolveOptions
from matching.services import db, decisions, jobfair
from matching.services.access import Actor
from models import (
    AidOutcome,
    DecisionAction,
    Enterprise,
    Graduate,
    JobFairOutcome,
    MatchingRun,
    Position,
    Proposal,
    Village,
)
from tests.conftest import Run

ADMIN = Actor.system("admin")


def test_an_aid_outcome_is_recorded_corrected_and_refused_outside_its_year(run: Run, on_stored: str) -> None:
    with db.sessions(on_stored)() as session:  # a pair the parks recorded for 2025
        enterprise, village = session.execute(
            select(Enterprise.credit_code, Village.division_code)
            .join(Proposal, Proposal.enterprise_id == Enterprise.id)
            .join(Village, Village.id == Proposal.village_id)
            .join(MatchingRun, MatchingRun.id == Proposal.run_id)
            .where(MatchingRun.year == 2025)
            .limit(1)
        ).one()
    pair = ["--enterprise", enterprise, "--village", village]
    first = run("outcomes", "record", "legal", *pair, "--value", "2", "--date", "2025-03-01")
    assert first[0] == 0 and first[2].startswith("recorded:")
    again = run("outcomes", "record", "legal", *pair, "--value", "3", "--date", "2025-03-01")
    assert again[0] == 0 and again[2].startswith("corrected:")
    with db.sessions(on_stored)() as session:
        stored = session.scalars(
            select(AidOutcome.value)
            .join(Village, Village.id == AidOutcome.village_id)
            .where(
                AidOutcome.kind == "legal",
                Village.division_code == village,
                AidOutcome.occurred_on == date(2025, 3, 1),
            )
        ).all()
    assert 3.0 in stored and 2.0 not in stored
    outside = run("outcomes", "record", "legal", *pair, "--value", "1", "--date", "2031-03-01")
    assert outside[0] == 2 and len(outside[2].splitlines()) == 1
    assert run("outcomes", "record", "legal", "--enterprise", enterprise, "--value", "1")[0] == 2
    assert run("outcomes", "record", "sunshine", *pair, "--value", "1", "--date", "2025-03-01")[0] == 2


def test_a_job_fair_outcome_is_recorded_by_codes(run: Run, on_stored: str) -> None:
    sessions = db.sessions(on_stored)
    placement, _ = jobfair.run_event(
        sessions, EVENT_CODE, SolveOptions.for_method("welfare", seed=1), actor=ADMIN
    )
    with sessions() as session, session.begin():  # outcomes are recorded against an approved placement
        proposal = session.scalars(
            select(Proposal)
            .where(Proposal.run_id == placement.run_id, Proposal.position_id.is_not(None))
            .order_by(Proposal.id)
        ).first()
        assert proposal is not None
        decisions.decide(session, proposal.id, DecisionAction.APPROVE, ADMIN)
        graduate = session.get(Graduate, proposal.graduate_id).code
        position = session.get(Position, proposal.position_id).code
        other = session.scalars(select(Position.code).where(Position.id != proposal.position_id)).first()
    pair = ["--event", EVENT_CODE, "--graduate", graduate, "--position", position]
    status, _, err = run("outcomes", "record", "intent", *pair)
    assert status == 0 and f"recorded intent of {graduate}" in err
    again = run("outcomes", "record", "intent", *pair)
    assert again[0] == 0 and "already recorded: intent of" in again[2] and "nothing changed" in again[2]
    with sessions() as session:
        recorded = session.scalars(
            select(JobFairOutcome.kind)
            .join(Graduate, Graduate.id == JobFairOutcome.graduate_id)
            .where(Graduate.code == graduate)
        ).all()
    assert recorded == ["intent"]
    stranger = run(
        "outcomes",
        "record",
        "intent",
        "--event",
        EVENT_CODE,
        "--graduate",
        graduate,
        "--position",
        str(other),
    )
    assert stranger[0] == 2 and len(stranger[2].splitlines()) == 1
    assert "is neither an approved placement" in stranger[2]
    missing = run(
        "outcomes", "record", "intent", "--event", EVENT_CODE, "--graduate", "G-NONE", "--position", position
    )
    assert missing[0] == 2 and "no graduate with code 'G-NONE'" in missing[2]

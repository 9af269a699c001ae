"""`outcomes record`: one outcome from the command line, by the codes on the papers."""

from __future__ import annotations

from sqlalchemy import select

from matching.services import db
from models import (
    AidOutcome,
    Enterprise,
    Graduate,
    JobFairEvent,
    JobFairOutcome,
    Position,
    Proposal,
    Registration,
    Village,
)
from tests.conftest import Run


def test_an_aid_outcome_is_recorded_corrected_and_refused_outside_its_year(run: Run, on_stored: str) -> None:
    with db.sessions(on_stored)() as session:  # a pair the parks recorded for 2025
        enterprise, village = session.execute(
            select(Enterprise.credit_code, Village.division_code)
            .join(Proposal, Proposal.enterprise_id == Enterprise.id)
            .join(Village, Village.id == Proposal.village_id)
            .limit(1)
        ).one()
    pair = ["--enterprise", enterprise, "--village", village]
    first = run("outcomes", "record", "legal", *pair, "--value", "2", "--date", "2025-03-01")
    assert first[0] == 0 and first[2].startswith("recorded:")
    again = run("outcomes", "record", "legal", *pair, "--value", "3", "--date", "2025-03-01")
    assert again[0] == 0 and again[2].startswith("corrected:")
    with db.sessions(on_stored)() as session:
        stored = session.scalars(select(AidOutcome.value).where(AidOutcome.kind == "legal")).all()
    assert 3.0 in stored and 2.0 not in stored
    outside = run("outcomes", "record", "legal", *pair, "--value", "1", "--date", "2031-03-01")
    assert outside[0] == 2 and len(outside[2].splitlines()) == 1
    assert run("outcomes", "record", "legal", "--enterprise", enterprise, "--value", "1")[0] == 2
    assert run("outcomes", "record", "sunshine", *pair, "--value", "1", "--date", "2025-03-01")[0] == 2


def test_a_job_fair_outcome_is_recorded_by_codes(run: Run, on_stored: str) -> None:
    with db.sessions(on_stored)() as session:
        event = session.scalars(select(JobFairEvent.code)).one()
        graduate = session.scalars(
            select(Graduate.code).join(Registration, Registration.graduate_id == Graduate.id)
        ).first()
        position = session.scalars(select(Position.code)).first()
    assert graduate and position
    status, _, err = run(
        "outcomes", "record", "intent", "--event", event, "--graduate", graduate, "--position", position
    )
    assert status == 0 and f"recorded intent of {graduate}" in err
    with db.sessions(on_stored)() as session:
        assert session.scalars(select(JobFairOutcome.kind)).all() == ["intent"]
    missing = run(
        "outcomes", "record", "intent", "--event", event, "--graduate", "G-NONE", "--position", position
    )
    assert missing[0] == 2 and "no graduate with code 'G-NONE'" in missing[2]

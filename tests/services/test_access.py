"""Who may do what: the role × action × own/other-park matrix, on the rules and on the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from matching.aid.pairing import SolveOptions as AidSolveOptions
from matching.aid.run import AidOptions
from matching.jobfair.pipeline import SolveOptions
from matching.services import data_io, review, users
from matching.services.access import PARK_SCOPED, PERMISSIONS, Action, Actor, PermissionDenied, require
from matching.services.aid import run_aid
from matching.services.decisions import decide
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from matching.services.outcomes import record_aid_outcome, record_jobfair_outcome
from models import (
    DecisionAction,
    Enterprise,
    Graduate,
    JobFairEvent,
    MatchingRun,
    OutcomeKind,
    Park,
    Position,
    Program,
    Proposal,
    Role,
    Village,
)

OWN_PARK, OTHER_PARK = 1, 2
ACTORS = {
    "admin": Actor("a", Role.ADMIN),
    "organiser": Actor("o", Role.ORGANISER),
    "park_official": Actor("p", Role.PARK_OFFICIAL, park_id=OWN_PARK),
    "viewer": Actor("v", Role.VIEWER),
}
EXPECTED_ALLOWED = {
    Role.ADMIN: set(Action),
    Role.ORGANISER: {
        Action.VIEW_DATA,
        Action.VIEW_REPORTS,
        Action.IMPORT_DATA,
        Action.EXPORT_DATA,
        Action.REVEAL_PERSONAL,
        Action.EXPORT_PERSONAL,
        Action.RUN_JOBFAIR,
        Action.DECIDE_JOBFAIR,
        Action.SCHEDULE_JOBFAIR,
        Action.RECORD_JOBFAIR_OUTCOME,
    },
    Role.PARK_OFFICIAL: {
        Action.VIEW_DATA,
        Action.VIEW_REPORTS,
        Action.EXPORT_DATA,
        Action.DECIDE_AID,
        Action.RECORD_AID_OUTCOME,
    },
    Role.VIEWER: {Action.VIEW_REPORTS},
}
MATRIX = [
    (role_name, action, park)
    for role_name in ACTORS
    for action in Action
    for park in ("own", "other", "none")
]


@pytest.mark.parametrize(("role_name", "action", "park"), MATRIX)
def test_the_role_matrix(role_name: str, action: Action, park: str) -> None:
    actor = ACTORS[role_name]
    park_id = {"own": OWN_PARK, "other": OTHER_PARK, "none": None}[park]
    allowed = action in EXPECTED_ALLOWED[actor.role]
    if actor.role is Role.PARK_OFFICIAL and action in PARK_SCOPED:
        allowed = park == "own"
    assert actor.may(action, park_id) is allowed
    if allowed:
        require(actor, action, park_id)
    else:
        with pytest.raises(PermissionDenied):
            require(actor, action, park_id)


def test_the_table_in_the_code_is_the_table_in_the_test() -> None:
    assert {role: set(actions) for role, actions in PERMISSIONS.items()} == EXPECTED_ALLOWED


# ---------------------------------------------------------------------------- the services check too


@pytest.fixture
def world(sessions: sessionmaker[Session]) -> dict[str, object]:
    seed_demo(sessions, seed=3, scale=0.1)
    with sessions() as session:
        parks = list(session.scalars(select(Park.id).order_by(Park.id)))
        event = session.scalars(select(JobFairEvent)).one()
        graduate = session.scalars(select(Graduate).order_by(Graduate.id)).first()
        position = session.scalars(select(Position).order_by(Position.id)).first()
        aid_proposal = session.scalars(
            select(Proposal)
            .join(MatchingRun, MatchingRun.id == Proposal.run_id)
            .where(MatchingRun.program == Program.AID)
            .order_by(Proposal.id)
        ).first()
        assert graduate and position and aid_proposal
        aid_park = session.scalar(
            select(Enterprise.park_id).where(Enterprise.id == aid_proposal.enterprise_id)
        )
        village = session.get(Village, aid_proposal.village_id)
        assert village is not None
    summary, _ = run_event(
        sessions, event.code, SolveOptions.for_method("welfare", seed=1), actor=ACTORS["admin"]
    )
    with sessions() as session:
        jobfair_proposal = session.scalars(
            select(Proposal).where(Proposal.run_id == summary.run_id, Proposal.position_id.is_not(None))
        ).first()
    assert jobfair_proposal is not None
    other_park = next(p for p in parks if p != aid_park)
    return {
        "sessions": sessions,
        "event": event,
        "graduate": graduate,
        "position": position,
        "aid_proposal": aid_proposal,
        "aid_park": aid_park,
        "other_park": other_park,
        "jobfair_proposal": jobfair_proposal,
        "run_id": summary.run_id,
    }


def _service_calls(world: dict[str, object], tmp_path: Path) -> dict[str, object]:
    sessions: sessionmaker[Session] = world["sessions"]  # type: ignore[assignment]
    event: JobFairEvent = world["event"]  # type: ignore[assignment]
    aid: Proposal = world["aid_proposal"]  # type: ignore[assignment]
    job: Proposal = world["jobfair_proposal"]  # type: ignore[assignment]
    graduate: Graduate = world["graduate"]  # type: ignore[assignment]

    def in_transaction(function):  # type: ignore[no-untyped-def]
        def call(actor: Actor) -> None:
            with sessions() as session, session.begin():
                function(session, actor)

        return call

    parks_csv = tmp_path / "parks.csv"
    parks_csv.write_text("code,name,level,county_code\nNEW,新园区,municipal,210602\n", encoding="utf-8")
    return {
        "import": lambda actor: data_io.import_file(sessions, "parks", parks_csv, actor=actor, dry_run=True),
        "export graduates": lambda actor: data_io.export_bytes_for(
            sessions, "graduates", "csv", actor=actor, purpose="x"
        ),
        "export parks": lambda actor: data_io.export_bytes_for(sessions, "parks", "csv", actor=actor),
        "run job fair": lambda actor: run_event(
            sessions, event.code, SolveOptions.for_method("stable", seed=1), actor=actor
        ),
        "run aid": lambda actor: run_aid(
            sessions, options=AidOptions(solve=AidSolveOptions(time_limit=2)), actor=actor
        ),
        "decide job fair": in_transaction(lambda s, a: decide(s, job.id, DecisionAction.PIN, a)),
        "job-fair outcome": in_transaction(
            lambda s, a: record_jobfair_outcome(
                s, event.id, job.graduate_id, job.position_id, OutcomeKind.INTENT, date(2026, 6, 1), a
            )
        ),
        "decide aid": in_transaction(lambda s, a: decide(s, aid.id, DecisionAction.PIN, a)),
        "aid outcome": in_transaction(
            lambda s, a: record_aid_outcome(
                s, aid.enterprise_id, aid.village_id, OutcomeKind.LEGAL, 1.0, date(2026, 6, 1), a
            )
        ),
        "reveal": in_transaction(lambda s, a: review.reveal_graduate(s, graduate.code, a)),
        "see job-fair proposals": in_transaction(lambda s, a: review.proposals(s, job.run_id, a)),
        "create user": in_transaction(
            lambda s, a: users.create_user(s, f"u{id(a)}", "x", Role.VIEWER, "correct horse battery", a)
        ),
    }


SERVICE_EXPECTATIONS = {
    # call: roles allowed (park officials: "own" or "other" park relative to the aid pair)
    "import": {"admin", "organiser"},
    "export graduates": {"admin", "organiser"},
    "export parks": {"admin", "organiser", "official-own", "official-other"},
    "run job fair": {"admin", "organiser"},
    "run aid": {"admin"},
    "decide job fair": {"admin", "organiser"},
    "job-fair outcome": {"admin", "organiser"},
    "decide aid": {"admin", "official-own"},
    "aid outcome": {"admin", "official-own"},
    "reveal": {"admin", "organiser"},
    "see job-fair proposals": {"admin", "organiser"},
    "create user": {"admin"},
}
WHO = ["admin", "organiser", "official-own", "official-other", "viewer"]


@pytest.mark.parametrize("who", WHO)
def test_every_service_checks_role_and_park(world: dict[str, object], tmp_path: Path, who: str) -> None:
    actors = {
        "admin": Actor("admin", Role.ADMIN),
        "organiser": Actor("organiser", Role.ORGANISER),
        "official-own": Actor("own", Role.PARK_OFFICIAL, park_id=world["aid_park"]),  # type: ignore[arg-type]
        "official-other": Actor("other", Role.PARK_OFFICIAL, park_id=world["other_park"]),  # type: ignore[arg-type]
        "viewer": Actor("viewer", Role.VIEWER),
    }
    outcomes = {}
    for name, call in _service_calls(world, tmp_path).items():
        try:
            call(actors[who])  # type: ignore[operator]
            outcomes[name] = True
        except PermissionDenied:
            outcomes[name] = False
    assert outcomes == {name: who in allowed for name, allowed in SERVICE_EXPECTATIONS.items()}

"""A stored run tells who moved since the previous run, from where to where and why, and keeps the
pre-check's notes that its summary counts."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import EVENT_CODE
from matching.jobfair.pipeline import SolveOptions
from matching.messages import render
from matching.services import review
from matching.services.access import Actor, PermissionDenied
from matching.services.decisions import decide_many
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from models import (
    DecisionAction,
    Enterprise,
    Graduate,
    JobFairEvent,
    MatchingRun,
    Position,
    Program,
    Proposal,
    Role,
)

ORGANISER = Actor("organiser", Role.ORGANISER)


@pytest.fixture
def seeded(sessions: sessionmaker[Session]) -> tuple[sessionmaker[Session], str]:
    seed_demo(sessions, Actor.system("test"), seed=7, scale=0.1)
    with sessions() as session:
        code = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
    return sessions, code


def test_a_rejected_pair_moves_its_graduate_and_the_run_says_why(
    seeded: tuple[sessionmaker[Session], str],
) -> None:
    sessions, code = seeded
    first, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ORGANISER)
    with sessions() as session:
        changes = review.run_changes(session, first.run_id, ORGANISER)
        assert changes.previous_run is None and changes.moves.empty
        proposal = session.scalars(
            select(Proposal)
            .where(Proposal.run_id == first.run_id, Proposal.position_id.is_not(None))
            .order_by(Proposal.id)
            .limit(1)
        ).one()
        graduate = session.get(Graduate, proposal.graduate_id)
        position = session.get(Position, proposal.position_id)
        assert graduate is not None and position is not None
        enterprise = session.get(Enterprise, position.enterprise_id)
        assert enterprise is not None
        code_of, name_of, before = graduate.code, graduate.name, f"{position.title} · {enterprise.name}"
    decide_many(sessions, [(proposal.id, DecisionAction.REJECT, "专业不对口", proposal.version)], ORGANISER)

    again, _ = run_event(sessions, code, SolveOptions.for_method("welfare", seed=1), actor=ORGANISER)
    with sessions() as session:
        changes = review.run_changes(session, again.run_id, ORGANISER)
    assert changes.previous_run == first.run_id
    assert len(changes.moves) == again.moved == len(again.moves) >= 1
    row = changes.moves.set_index("subject").loc[code_of]
    assert row["reason"] == "jobfair.move.rejected"
    assert row["before"] == before and row["after"] != before
    assert row["subject_name"] == name_of[0] + "*" * max(1, len(name_of) - 1)
    assert set(changes.moves["reason"]) <= {f"jobfair.move.{m.reason.value}" for m in again.moves}
    assert render(row["reason"], lang="zh") != row["reason"]  # said in both languages


def test_the_notes_the_summary_counts_are_kept_with_the_run(
    seeded: tuple[sessionmaker[Session], str],
) -> None:
    sessions, code = seeded
    summary, result = run_event(sessions, code, SolveOptions.for_method("stable", seed=1), actor=ORGANISER)
    assert result.feasibility.notes, "the demo fair has more graduates than headcount: a note"
    with sessions() as session:
        changes = review.run_changes(session, summary.run_id, ORGANISER)
    assert [note.text("zh") for note in changes.notes] == [
        note.text("zh") for note in result.feasibility.notes
    ]
    assert changes.recorded


def test_a_park_official_sees_no_graduates_moves(seeded: tuple[sessionmaker[Session], str]) -> None:
    sessions, code = seeded
    summary, _ = run_event(sessions, code, SolveOptions.for_method("stable", seed=1), actor=ORGANISER)
    with sessions() as session:
        park = session.scalar(select(Enterprise.park_id).limit(1))
        aid_run = session.scalar(select(MatchingRun.id).where(MatchingRun.program == Program.AID).limit(1))
        with pytest.raises(PermissionDenied):
            review.run_changes(session, summary.run_id, Actor("official", Role.PARK_OFFICIAL, park_id=park))
        assert aid_run is not None
        assert review.run_changes(
            session, aid_run, Actor("official", Role.PARK_OFFICIAL, park_id=park)
        ).moves.empty

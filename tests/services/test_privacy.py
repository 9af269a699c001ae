"""Consent and retention: a withdrawn graduate is in no later run or export; anonymising keeps the figures."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import EVENT_CODE
from matching.jobfair.pipeline import SolveOptions
from matching.services import audit
from matching.services.access import Actor, PermissionDenied
from matching.services.data_io import export_bytes_for
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from matching.services.outcomes import jobfair_totals
from matching.services.privacy import ANONYMOUS_NAME, apply_retention, withdraw_consent
from models import Graduate, JobFairEvent, Proposal, Role

ADMIN = Actor.system("admin")


@pytest.fixture
def seeded(sessions: sessionmaker[Session]) -> tuple[sessionmaker[Session], str, str]:
    seed_demo(sessions, ADMIN, seed=9, scale=0.1)
    with sessions() as session:
        event = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
        graduate = session.scalars(select(Graduate.code).order_by(Graduate.code)).first()
    assert graduate is not None
    return sessions, event, graduate


def test_a_withdrawn_graduate_leaves_later_runs_and_exports(
    seeded: tuple[sessionmaker[Session], str, str],
) -> None:
    sessions, event, code = seeded
    with sessions() as session, session.begin():
        withdraw_consent(session, code, ADMIN)
    summary, _ = run_event(sessions, event, SolveOptions.for_method("stable", seed=1), actor=ADMIN)
    with sessions() as session:
        graduate_id = session.scalars(select(Graduate.id).where(Graduate.code == code)).one()
        in_run = session.scalar(
            select(func.count()).where(Proposal.run_id == summary.run_id, Proposal.graduate_id == graduate_id)
        )
        assert in_run == 0
    for kind in ("graduates", "registrations", "wishes"):
        exported = export_bytes_for(sessions, kind, "csv", actor=ADMIN, purpose="检查撤回同意")
        frame = pd.read_csv(io.BytesIO(exported), dtype=str, encoding="utf-8-sig")
        column = "code" if kind == "graduates" else "graduate_code"
        assert code not in set(frame[column]), kind


def test_retention_anonymises_old_records_without_changing_the_figures(
    seeded: tuple[sessionmaker[Session], str, str],
) -> None:
    sessions, _, code = seeded
    with sessions() as session:
        before = jobfair_totals(session, ADMIN)
        graduates = session.scalar(select(func.count()).select_from(Graduate))
    with sessions() as session, session.begin():
        assert apply_retention(session, ADMIN, now=datetime.now(UTC)) == 0  # the fair is recent
    with sessions() as session, session.begin():
        changed = apply_retention(session, ADMIN, now=datetime.now(UTC) + timedelta(days=3 * 365))
    assert changed == graduates
    with sessions() as session:
        assert jobfair_totals(session, ADMIN) == before
        names = set(session.scalars(select(Graduate.name)))
        phones = set(session.scalars(select(Graduate.phone)))
        assert names == {ANONYMOUS_NAME} and phones == {None}
        assert session.scalar(select(func.count()).where(Graduate.code == code)) == 0
        assert audit.verify_chain(session, ADMIN) == []


def test_only_administrators_apply_retention(seeded: tuple[sessionmaker[Session], str, str]) -> None:
    sessions, _, _ = seeded
    with pytest.raises(PermissionDenied), sessions() as session, session.begin():
        apply_retention(session, Actor("o", Role.ORGANISER))

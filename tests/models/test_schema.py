"""The migrations are the schema: one head, and the models match what they build (on both databases)."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from models import Base, Degree, Enterprise, JobFairEvent, Park, ParkLevel, Position, Proposal, ProposalStatus
from models.session import alembic_config, normalise_url


def test_migrations_have_a_single_head(engine: Engine) -> None:
    heads = ScriptDirectory.from_config(alembic_config(engine)).get_heads()
    assert len(heads) == 1


def test_models_match_the_migrated_schema(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_postgres_style_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def _park_and_enterprise(session: Session) -> Enterprise:
    park = Park(code="P1", name="丹东边境经济合作区", level=ParkLevel.NATIONAL, county_code="210603")
    session.add(park)
    session.flush()
    enterprise = Enterprise(
        credit_code="91350100M000100Y43",
        name="丹东示例科技有限公司",
        park_id=park.id,
        industry_code="6513",
        size="small",
        county_code="210603",
    )
    session.add(enterprise)
    session.flush()
    return enterprise


def test_natural_keys_are_unique(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        _park_and_enterprise(session)
    with pytest.raises(IntegrityError), sessions() as session, session.begin():
        session.add(Park(code="P1", name="另一个园区", level=ParkLevel.MUNICIPAL, county_code="210602"))


def test_negative_headcount_is_refused_by_the_database(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        enterprise = _park_and_enterprise(session)
        event = JobFairEvent(code="E1", name="民营企业高校行", held_on=date(2026, 5, 20))
        session.add(event)
        session.flush()
        ids = (enterprise.id, event.id)
    with pytest.raises(IntegrityError), sessions() as session, session.begin():
        session.add(
            Position(
                code="X1",
                event_id=ids[1],
                enterprise_id=ids[0],
                title="工程师",
                min_degree=Degree.BACHELOR,
                headcount=-1,
                salary_min=1,
                salary_max=2,
                work_county_code="210603",
            )
        )


def test_unknown_enum_values_are_refused(sessions: sessionmaker[Session]) -> None:
    with pytest.raises((StatementError, LookupError)), sessions() as session, session.begin():
        session.add(Park(code="P9", name="x", level="galactic", county_code="210602"))  # type: ignore[arg-type]


def test_a_stale_proposal_update_is_detected(sessions: sessionmaker[Session]) -> None:
    """Optimistic locking: the second writer of the same version fails instead of overwriting."""
    from models import MatchingRun, Program, RunStatus

    with sessions() as session, session.begin():
        enterprise = _park_and_enterprise(session)
        run = MatchingRun(
            program=Program.AID,
            method="m",
            seed=1,
            solver_version="s",
            input_hash="h",
            status=RunStatus.OPTIMAL,
        )
        session.add(run)
        session.flush()
        from models import Village

        village = Village(
            division_code="210602002001",
            name="城隍庙一社区居委会",
            county_code="210602",
            township_code="210602002",
            population=100,
            income_per_capita=1,
        )
        session.add(village)
        session.flush()
        proposal = Proposal(run_id=run.id, enterprise_id=enterprise.id, village_id=village.id)
        session.add(proposal)
        session.flush()
        proposal_id = proposal.id
    first, second = sessions(), sessions()
    mine = first.get(Proposal, proposal_id)
    theirs = second.get(Proposal, proposal_id)
    assert mine is not None and theirs is not None
    mine.status = ProposalStatus.APPROVED
    first.commit()
    theirs.status = ProposalStatus.REJECTED
    with pytest.raises(StaleDataError):
        second.commit()
    second.rollback()
    with sessions() as session:
        stored = session.scalar(select(Proposal).where(Proposal.id == proposal_id))
        assert stored is not None and stored.status is ProposalStatus.APPROVED and stored.version == 2
    first.close()
    second.close()

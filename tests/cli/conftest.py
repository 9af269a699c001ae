"""Fixtures of the command-line tests: the real entry point, and the demo data at a tenth of its size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

import matching.cli
from fixtures.demo import EVENT_CODE
from matching.services import db
from models import JobFairEvent, MatchingRun, Proposal

# ---------------------------------------------------------------- the stored data: demo at a tenth


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('stored') / 'demo.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        assert matching.cli.main(["demo", "seed", "--scale", "0.1", "--seed", "5"]) == 0
    yield url


@pytest.fixture
def on_stored(stored: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", stored)
    return stored


def latest_run(url: str) -> MatchingRun:
    with db.sessions(url)() as session:
        run = session.scalars(select(MatchingRun).order_by(MatchingRun.id.desc()).limit(1)).one()
        session.expunge(run)
        return run


def run_pairs(url: str, run_id: int, *, role: str = "lead") -> set[tuple[int, int]]:
    with db.sessions(url)() as session:
        rows = session.execute(
            select(
                Proposal.graduate_id, Proposal.position_id, Proposal.village_id, Proposal.enterprise_id
            ).where(Proposal.run_id == run_id, Proposal.role == role)
        ).all()
    return {(g or v, p or e) for g, p, v, e in rows if (p or e) is not None}


def event_code(url: str) -> str:
    with db.sessions(url)() as session:
        return str(session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one())

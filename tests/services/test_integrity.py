"""Integrity under concurrent use, tampering, crashes and restores, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from fixtures.demo import EVENT_CODE
from matching.cli import main
from matching.errors import ConflictError
from matching.jobfair.pipeline import SolveOptions
from matching.services import audit
from matching.services.access import Actor
from matching.services.backup import backup_sqlite, restore_sqlite
from matching.services.data_io import import_file
from matching.services.decisions import decide
from matching.services.demo import seed_demo
from matching.services.jobfair import run_event
from models import (
    AuditEntry,
    DecisionAction,
    Graduate,
    JobFairEvent,
    MatchingRun,
    Park,
    Proposal,
    ProposalStatus,
)

ADMIN = Actor.system("admin")
ROOT = Path(__file__).resolve().parents[2]
TRIALS = 10


@pytest.fixture
def seeded(sessions: sessionmaker[Session]) -> tuple[sessionmaker[Session], int]:
    seed_demo(sessions, ADMIN, seed=4, scale=0.1)
    with sessions() as session:
        event = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
    summary, _ = run_event(sessions, event, SolveOptions.for_method("welfare", seed=1), actor=ADMIN)
    return sessions, summary.run_id


def at_once(*calls: Callable[[], str]) -> list[str]:
    """Run the calls in threads released together; each returns what happened to it."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = []

    def run(call: Callable[[], str]) -> None:
        barrier.wait()
        results.append(call())

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(results)


def deciding(
    sessions: sessionmaker[Session], proposal: Proposal, action: DecisionAction, name: str
) -> Callable[[], str]:
    def call() -> str:
        try:
            with sessions() as session, session.begin():
                decide(session, proposal.id, action, Actor(name, ADMIN.role), "理由", proposal.version)
        except ConflictError as error:
            assert "changed by someone else" in str(error)
            return "conflict"
        except Exception as error:  # anything else is a failure the assertions will show
            return f"failed: {type(error).__name__}: {error}"
        return "saved"

    return call


def test_two_officials_deciding_at_once_exactly_one_wins(seeded: tuple[sessionmaker[Session], int]) -> None:
    sessions, run_id = seeded
    with sessions() as session:
        proposals = session.scalars(
            select(Proposal).where(Proposal.run_id == run_id, Proposal.position_id.is_not(None)).limit(TRIALS)
        ).all()
    outcomes = [
        at_once(
            deciding(sessions, proposal, DecisionAction.APPROVE, "official-a"),
            deciding(sessions, proposal, DecisionAction.REJECT, "official-b"),
        )
        for proposal in proposals
    ]
    assert outcomes == [["conflict", "saved"]] * len(proposals)
    with sessions() as session:
        for proposal in proposals:
            stored = session.get(Proposal, proposal.id)
            assert stored is not None and stored.version == proposal.version + 1
            assert stored.status in (ProposalStatus.APPROVED, ProposalStatus.REJECTED)


def test_concurrent_decisions_on_different_pairs_keep_one_audit_chain(
    seeded: tuple[sessionmaker[Session], int],
) -> None:
    sessions, run_id = seeded
    with sessions() as session:
        proposals = session.scalars(
            select(Proposal)
            .where(Proposal.run_id == run_id, Proposal.position_id.is_not(None))
            .limit(2 * TRIALS)
        ).all()
    outcomes = [
        at_once(
            deciding(sessions, first, DecisionAction.PIN, "official-a"),
            deciding(sessions, second, DecisionAction.PIN, "official-b"),
        )
        for first, second in zip(proposals[::2], proposals[1::2], strict=True)
    ]
    assert outcomes == [["saved", "saved"]] * TRIALS
    with sessions() as session:
        assert audit.verify_chain(session, ADMIN) == []
        pinned = session.scalar(
            select(func.count()).where(Proposal.run_id == run_id, Proposal.status == ProposalStatus.PINNED)
        )
    assert pinned == len(proposals)


def test_a_changed_or_deleted_audit_entry_is_detected(
    seeded: tuple[sessionmaker[Session], int], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions, _ = seeded
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["audit", "verify"]) == 0
    with sessions() as session, session.begin():
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert len(entries) > 3
        session.execute(
            text("UPDATE audit_log SET details = :d WHERE id = :id"),
            {"d": '{"inserted": 999}', "id": entries[1].id},
        )
    with sessions() as session:
        assert any(p.code == "audit.entry_changed" for p in audit.verify_chain(session, ADMIN))
    assert main(["audit", "verify"]) == 1
    with sessions() as session, session.begin():
        session.execute(
            text("UPDATE audit_log SET details = :d WHERE id = :id"), {"d": "{}", "id": entries[1].id}
        )
        session.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": entries[2].id})
    with sessions() as session:
        problems = audit.verify_chain(session, ADMIN)
    assert any(p.code == "audit.link_broken" for p in problems)


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from matching.services import db, data_io, jobfair
    from matching.services.access import Actor
    url, what, flag, source = sys.argv[1:5]
    real_apply, real_store = data_io._apply_rows, jobfair._store_proposals

    def apply_then_hang(session, kind, rows, report):
        real_apply(session, kind, rows, report)
        session.flush()
        Path(flag).write_text("written")
        time.sleep(60)

    def store_then_hang(session, run_id, result, decided):
        assignment = real_store(session, run_id, result, decided)
        session.flush()
        Path(flag).write_text("written")
        time.sleep(60)

    data_io._apply_rows, jobfair._store_proposals = apply_then_hang, store_then_hang
    sessions = db.sessions(url)
    if what == "import":
        data_io.import_file(sessions, "parks", source, actor=Actor.system("child"))
    else:
        jobfair.run_event(sessions, source, jobfair.SolveOptions.for_method("stable", seed=1), actor=Actor.system("child"))
    """
)


@pytest.mark.parametrize("what", ["import", "run"])
def test_a_process_killed_mid_write_leaves_nothing_behind(
    seeded: tuple[sessionmaker[Session], int], database_url: str, tmp_path: Path, what: str
) -> None:
    sessions, _ = seeded
    with sessions() as session:
        parks = session.scalar(select(func.count()).select_from(Park))
        runs = session.scalar(select(func.count()).select_from(MatchingRun))
        proposals = session.scalar(select(func.count()).select_from(Proposal))
        event = session.scalars(select(JobFairEvent.code).where(JobFairEvent.code == EVENT_CODE)).one()
    source = tmp_path / "parks.csv"
    source.write_text(
        "code,name,level,county_code\n" + "".join(f"K{i},新园区{i},municipal,210602\n" for i in range(500)),
        encoding="utf-8",
    )
    for trial in range(3):
        flag = tmp_path / f"written-{trial}"
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                database_url,
                what,
                str(flag),
                str(source) if what == "import" else event,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert child.poll() is None, f"the child ended early with {child.returncode}"
            assert time.monotonic() < deadline, "the child never reached the write"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        with sessions() as session:
            assert session.scalar(select(func.count()).select_from(Park)) == parks
            assert session.scalar(select(func.count()).select_from(MatchingRun)) == runs
            assert session.scalar(select(func.count()).select_from(Proposal)) == proposals
            assert audit.verify_chain(session, ADMIN) == []


def test_an_online_backup_restores(
    seeded: tuple[sessionmaker[Session], int], database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        with pytest.raises(ValueError, match="pg_dump"):
            backup_sqlite(database_url, tmp_path / "x.db", ADMIN)
        return
    sessions, _ = seeded
    stop = threading.Event()

    def keep_writing() -> None:  # the app keeps working while the backup runs
        index = 0
        while not stop.is_set():
            with sessions() as session, session.begin():
                audit.record(session, "writer", "tick", "test", str(index))
            index += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        backup_sqlite(database_url, tmp_path / "backup.db", ADMIN)
    finally:
        stop.set()
        writer.join()
    with sessions() as session, session.begin():
        graduates = session.scalar(select(func.count()).select_from(Graduate))
        session.execute(text("DELETE FROM wishes"))
        session.execute(text("DELETE FROM proposals"))
    restore_sqlite(database_url, tmp_path / "backup.db", ADMIN)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Graduate)) == graduates
        assert session.scalar(select(func.count()).select_from(Proposal)) > 0
        assert audit.verify_chain(session, ADMIN) == []


def test_import_of_the_same_file_by_two_processes_at_once_is_safe(
    seeded: tuple[sessionmaker[Session], int], tmp_path: Path
) -> None:
    sessions, _ = seeded
    source = tmp_path / "parks.csv"
    source.write_text("code,name,level,county_code\nZZ,双人导入园区,municipal,210602\n", encoding="utf-8")
    errors: list[BaseException] = []

    def importer() -> None:
        try:
            import_file(sessions, "parks", source, actor=ADMIN)
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=importer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    with sessions() as session:
        assert session.scalar(select(func.count()).where(Park.code == "ZZ")) == 1
    assert len(errors) <= 1  # the loser of the race is told (unique key), never a duplicate

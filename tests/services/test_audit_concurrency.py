"""The audit chain does not fork when separate processes append at the same moment (SQLite: the write lock
is taken before the last hash is read; PostgreSQL: an advisory lock), and the checkpoint the processes write
after their commits follows the committed chain: it never names an entry that was rolled back."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from matching.services import audit
from matching.services.access import Actor
from matching.services.data_io import import_file
from models import AuditEntry

EXPORTS_PER_PROCESS = 50
ADMIN = Actor.system("test")

CHILD = textwrap.dedent(
    """
    import sys, time
    from matching.services import audit, data_io, db
    from matching.services.access import Actor
    url, folder, start, count, mode = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    sessions = db.sessions(url)
    while time.time() < start:  # the processes begin together
        time.sleep(0.001)
    for n in range(count):
        if mode == "export":
            data_io.export_file(sessions, "parks", f"{folder}/parks-{n}.csv", actor=Actor.system("child"))
            continue
        try:  # every other transaction appends and then fails: its entry must never be checkpointed
            with sessions() as session, session.begin():
                audit.record(session, "child", "tick", "test", str(n))
                if n % 2:
                    raise RuntimeError("rolled back on purpose")
        except RuntimeError:
            pass
    """
)


def _parks(sessions: sessionmaker[Session], folder: Path) -> None:
    parks = folder / "parks.csv"
    parks.write_text(
        "code,name,level,county_code\nHZQ,丹东边境经济合作区,national,210603\n", encoding="utf-8"
    )
    import_file(sessions, "parks", parks, actor=ADMIN)


def _run_children(
    database_url: str, folder: Path, modes: list[str], checkpoint: Path
) -> set[tuple[int, str]]:
    """Start the children together; while they run, note every head the checkpoint names."""
    start = time.time() + 3
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                database_url,
                str(folder),
                str(start),
                str(EXPORTS_PER_PROCESS),
                mode,
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        for mode in modes
    ]
    seen: set[tuple[int, str]] = set()
    while any(child.poll() is None for child in children):
        if checkpoint.exists():
            data = json.loads(checkpoint.read_text("utf-8"))  # replaced atomically: never half written
            seen.add((data["last_id"], data["head"]))
        time.sleep(0.002)
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    return seen


def _checkpoint_file(folder: Path, database_url: str) -> Path:
    database = make_url(database_url).database or ""
    name = Path(database).name if database_url.startswith("sqlite") else database
    return folder / f"audit-head.{name}.json"


@pytest.mark.slow
@pytest.mark.parametrize("key", ["environment", "generated"])
def test_simultaneous_exports_in_two_processes_keep_one_chain(
    sessions: sessionmaker[Session],
    database_url: str,
    tmp_path: Path,
    audit_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
) -> None:
    if key == "generated":  # both processes start without a key: they must settle on one
        monkeypatch.delenv("MATCHING_AUDIT_KEY")
    else:
        _parks(sessions, tmp_path)
    checkpoint = _checkpoint_file(audit_folder, database_url)
    _run_children(database_url, tmp_path, ["export", "export"], checkpoint)
    with sessions() as session:
        assert audit.verify_chain(session, ADMIN) == []  # no fork, every MAC valid, the head checkpointed
        exports = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "export")
        )
        total = session.scalar(select(func.count()).select_from(AuditEntry))
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert exports == 2 * EXPORTS_PER_PROCESS
    head = json.loads(checkpoint.read_text("utf-8"))
    assert (head["count"], head["last_id"], head["head"]) == (total, last.id, last.hash)
    if key == "generated":
        assert sorted(path.name for path in audit_folder.iterdir() if "key" in path.name) == ["audit.key"]
        assert stat.S_IMODE((audit_folder / "audit.key").stat().st_mode) == 0o600


@pytest.mark.slow
def test_the_checkpoint_never_names_an_entry_that_was_rolled_back(
    sessions: sessionmaker[Session], database_url: str, tmp_path: Path, audit_folder: Path
) -> None:
    _parks(sessions, tmp_path)
    checkpoint = _checkpoint_file(audit_folder, database_url)
    seen = _run_children(database_url, tmp_path, ["export", "rollback"], checkpoint)
    with sessions() as session:
        assert audit.verify_chain(session, ADMIN) == []
        committed = {(row.id, row.hash) for row in session.execute(select(AuditEntry.id, AuditEntry.hash))}
        ticks = session.scalar(select(func.count()).where(AuditEntry.action == "tick"))
    assert ticks == EXPORTS_PER_PROCESS // 2  # the failed half left nothing behind
    assert len(seen) > 1  # the checkpoint moved while the processes ran
    assert seen <= committed  # and every head it ever named is a committed entry

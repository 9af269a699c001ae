"""The audit chain does not fork when separate processes append at the same moment (SQLite: the write lock
is taken before the last hash is read; PostgreSQL: an advisory lock)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from matching.services import audit
from matching.services.access import Actor
from matching.services.data_io import import_file
from models import AuditEntry

EXPORTS_PER_PROCESS = 50

CHILD = textwrap.dedent(
    """
    import sys, time
    from matching.services import data_io, db
    from matching.services.access import Actor
    url, folder, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    sessions = db.sessions(url)
    while time.time() < start:  # both processes begin together
        time.sleep(0.001)
    for n in range(int(sys.argv[4])):
        data_io.export_file(sessions, "parks", f"{folder}/parks-{n}.csv", actor=Actor.system("child"))
    """
)


@pytest.mark.slow
def test_simultaneous_exports_in_two_processes_keep_one_chain(
    sessions: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    parks = tmp_path / "parks.csv"
    parks.write_text(
        "code,name,level,county_code\nHZQ,丹东边境经济合作区,national,210603\n", encoding="utf-8"
    )
    import_file(sessions, "parks", parks, actor=Actor.system("test"))
    start = time.time() + 3
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, database_url, str(tmp_path), str(start), str(EXPORTS_PER_PROCESS)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    with sessions() as session:
        assert audit.verify_chain(session) == []
        entries = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "export")
        )
    assert entries == 2 * EXPORTS_PER_PROCESS

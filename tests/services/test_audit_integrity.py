"""The audit log proves itself: every kind of tampering someone with the database but without the key can do
is found and named by `audit verify` — an edited entry, an entry deleted or moved, the tail deleted, entries
re-hashed after an edit — and so are a missing or a different key. On SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import InputError
from matching.services import audit, db
from matching.services.access import Actor, PermissionDenied
from models import AuditEntry, Role
from tests.conftest import Run

ADMIN = Actor.system("admin")
ENTRIES = 8


def append(sessions: sessionmaker[Session], count: int = ENTRIES, start: int = 0) -> None:
    for index in range(start, start + count):
        with sessions() as session, session.begin():
            audit.record(session, "official", "export", "graduates", str(index), {"rows": index})


def entries(sessions: sessionmaker[Session]) -> list[AuditEntry]:
    with sessions() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def codes(sessions: sessionmaker[Session]) -> list[tuple[str, dict[str, Any]]]:
    with sessions() as session:
        return [(problem.code, dict(problem.params)) for problem in audit.verify_chain(session, ADMIN)]


def forged_hash(entry: AuditEntry, prev_hash: str, key: bytes | None = None) -> str:
    """What someone who knows the format computes for an entry: plain SHA-256, or an HMAC with a key."""
    payload = json.dumps(
        [prev_hash, entry.actor, entry.action, entry.entity, entry.entity_key, entry.details],
        ensure_ascii=False,
        sort_keys=True,
    ).encode("utf-8")
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def rehash_from(sessions: sessionmaker[Session], first: int, key: bytes | None = None) -> None:
    """Recompute the hash of every entry from the `first`-th (0-based) on, as an attacker would after an edit."""
    rows = entries(sessions)
    prev = rows[first - 1].hash if first else "0" * 64
    with sessions() as session, session.begin():
        for row in rows[first:]:
            new = forged_hash(row, prev, key)
            session.execute(
                update(AuditEntry).where(AuditEntry.id == row.id).values(prev_hash=prev, hash=new)
            )
            prev = new


def test_an_untouched_log_is_intact_and_its_head_is_checkpointed(
    sessions: sessionmaker[Session], audit_folder: Path
) -> None:
    append(sessions)
    assert codes(sessions) == []
    [checkpoint] = audit_folder.glob("audit-head.*.json")
    head = json.loads(checkpoint.read_text("utf-8"))
    last = entries(sessions)[-1]
    assert (head["count"], head["last_id"], head["head"], head["unkeyed"]) == (ENTRIES, last.id, last.hash, 0)


def test_an_edited_entry_is_named(sessions: sessionmaker[Session]) -> None:
    append(sessions)
    edited = entries(sessions)[3]
    with sessions() as session, session.begin():
        session.execute(update(AuditEntry).where(AuditEntry.id == edited.id).values(details={"rows": 0}))
    assert codes(sessions) == [("audit.entry_changed", {"entries": str(edited.id)})]


def test_an_edit_re_hashed_without_the_key_is_named_from_the_edited_entry_on(
    sessions: sessionmaker[Session],
) -> None:
    append(sessions)
    rows = entries(sessions)
    with sessions() as session, session.begin():
        session.execute(update(AuditEntry).where(AuditEntry.id == rows[2].id).values(actor="someone else"))
    rehash_from(sessions, 2)
    assert codes(sessions) == [
        ("audit.entry_unkeyed", {"entries": f"{rows[2].id}–{rows[-1].id}"}),
        ("audit.head_missing", {"position": ENTRIES, "entry": rows[-1].id, "mac": rows[-1].hash[:12]}),
    ]


def test_the_whole_log_re_hashed_without_the_key_is_found(sessions: sessionmaker[Session]) -> None:
    append(sessions)
    rows = entries(sessions)
    rehash_from(sessions, 0)  # every entry now looks like one written before the key existed
    found = codes(sessions)
    assert ("audit.entry_unkeyed", {"entries": f"{rows[0].id}–{rows[-1].id}"}) in found
    assert "audit.head_missing" in {code for code, _ in found}


def test_an_edit_re_hashed_with_a_guessed_key_is_named(sessions: sessionmaker[Session]) -> None:
    append(sessions)
    rows = entries(sessions)
    rehash_from(sessions, 5, key=b"a guess at the key, as long as a real one")
    found = codes(sessions)
    assert found[0] == ("audit.entry_changed", {"entries": f"{rows[5].id}–{rows[-1].id}"})
    assert {code for code, _ in found} == {"audit.entry_changed", "audit.head_missing"}


def test_a_deleted_tail_is_found_and_stays_found_after_more_entries(sessions: sessionmaker[Session]) -> None:
    append(sessions)
    rows = entries(sessions)
    with sessions() as session, session.begin():
        session.execute(delete(AuditEntry).where(AuditEntry.id.in_([row.id for row in rows[-3:]])))
    tail = [
        ("audit.fewer_entries", {"count": ENTRIES - 3, "expected": ENTRIES}),
        ("audit.head_missing", {"position": ENTRIES, "entry": rows[-1].id, "mac": rows[-1].hash[:12]}),
    ]
    assert codes(sessions) == tail
    append(sessions, 5, start=100)  # more entries than were deleted: the checkpoint does not follow the cut
    assert codes(sessions) == tail[1:]


def test_a_deleted_or_moved_entry_is_named(sessions: sessionmaker[Session]) -> None:
    append(sessions)
    rows = entries(sessions)
    with sessions() as session, session.begin():
        session.execute(delete(AuditEntry).where(AuditEntry.id == rows[2].id))
    assert codes(sessions) == [
        ("audit.link_broken", {"entries": str(rows[3].id)}),
        ("audit.fewer_entries", {"count": ENTRIES - 1, "expected": ENTRIES}),
    ]
    with sessions() as session, session.begin():  # two entries swap places (content and hashes)
        for row, other in ((rows[5], rows[6]), (rows[6], rows[5])):
            session.execute(
                update(AuditEntry)
                .where(AuditEntry.id == row.id)
                .values(
                    actor=other.actor,
                    action=other.action,
                    entity=other.entity,
                    entity_key=other.entity_key,
                    details=other.details,
                    prev_hash=other.prev_hash,
                    hash=f"swap-{row.id}",  # hashes are unique: park them first
                )
            )
        for row, other in ((rows[5], rows[6]), (rows[6], rows[5])):
            session.execute(update(AuditEntry).where(AuditEntry.id == row.id).values(hash=other.hash))
    assert [p for c, p in codes(sessions) if c == "audit.link_broken"] == [
        {"entries": str(rows[3].id)},
        {"entries": f"{rows[5].id}–{rows[7].id}"},
    ]


def test_a_different_key_is_named_once_and_appends_nothing(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    append(sessions)
    monkeypatch.setenv("MATCHING_AUDIT_KEY", "another installation's key, long enough to be one")
    found = codes(sessions)
    assert [code for code, _ in found] == ["audit.key_mismatch"]
    with pytest.raises(InputError) as refused, sessions() as session, session.begin():
        audit.record(session, "official", "export", "graduates")  # nothing is appended under that key
    assert refused.value.problems[0].code == "audit.key_refused"
    assert len(entries(sessions)) == ENTRIES


def test_a_missing_key_is_named(sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    append(sessions)
    monkeypatch.delenv("MATCHING_AUDIT_KEY")
    path = os.environ["MATCHING_AUDIT_KEY_FILE"]
    assert codes(sessions) == [("audit.key_missing", {"path": path})]
    assert not Path(path).exists()  # verifying never makes a key


def test_the_key_file_is_made_on_first_use_for_its_owner_only(
    sessions: sessionmaker[Session], audit_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MATCHING_AUDIT_KEY")
    append(sessions, 2)
    key = audit_folder / "audit.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text("utf-8").strip()) == 64
    assert codes(sessions) == []
    key.write_text("0" * 64 + "\n", encoding="utf-8")  # someone swaps the key file
    assert [code for code, _ in codes(sessions)] == ["audit.key_mismatch"]


def test_a_short_key_is_refused_in_one_line(
    run: Run, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("MATCHING_AUDIT_KEY", "secret")
    code, _, err = run("audit", "verify")
    assert code == 2
    assert (
        err.strip()
        == "error: MATCHING_AUDIT_KEY: too short: an audit key has at least 32 characters (e.g. openssl rand -hex 32)"
    )


def test_sqlite_keeps_key_and_checkpoint_beside_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MATCHING_AUDIT_KEY")
    monkeypatch.delenv("MATCHING_AUDIT_KEY_FILE")
    url = f"sqlite:///{tmp_path / 'city.db'}"
    db.migrate_database(url)
    append(db.sessions(url), 1)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("city.db")) == [
        "audit-head.city.db.json",
        "audit-head.city.db.json.lock",
        "audit.key",
    ]


def test_entries_written_before_the_key_are_reported_as_such_and_still_protected(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():  # a log from before the key: plain SHA-256, no checkpoint
        prev = "0" * 64
        for index in range(3):
            entry = AuditEntry(
                actor="old", action="import", entity="parks", entity_key=str(index), details={}
            )
            entry.prev_hash, entry.hash = prev, forged_hash(entry, prev)
            session.add(entry)
            session.flush()
            prev = entry.hash
    old = entries(sessions)
    append(sessions, 3)
    with sessions() as session:
        report = audit.inspect_chain(session, ADMIN)
    assert report.problems == []
    assert [(note.code, dict(note.params)) for note in report.notes] == [
        ("audit.unkeyed_entries", {"entries": f"{old[0].id}–{old[-1].id}"})
    ]
    rehash_from(sessions, 1)  # an old entry changed and re-hashed without the key: the keyed ones are too
    assert ("audit.entry_unkeyed", {"entries": f"{old[-1].id + 1}–{entries(sessions)[-1].id}"}) in codes(
        sessions
    )


def test_a_rolled_back_entry_is_never_checkpointed(
    sessions: sessionmaker[Session], audit_folder: Path
) -> None:
    append(sessions, 2)
    [checkpoint] = audit_folder.glob("audit-head.*.json")
    before = json.loads(checkpoint.read_text("utf-8"))
    with pytest.raises(RuntimeError), sessions() as session, session.begin():
        audit.record(session, "official", "export", "graduates", "lost")
        raise RuntimeError("the action failed after its entry")
    with sessions() as session, session.begin():
        with session.begin_nested():
            audit.record(session, "official", "export", "graduates", "kept")
        try:
            with session.begin_nested():
                audit.record(session, "official", "export", "graduates", "undone")
                raise RuntimeError("a savepoint rolled back")
        except RuntimeError:
            pass
    after = json.loads(checkpoint.read_text("utf-8"))
    assert after["count"] in (before["count"], before["count"] + 1)  # may lag, never leads
    assert codes(sessions) == []


def test_verifying_is_for_maintainers(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, pytest.raises(PermissionDenied):
        audit.verify_chain(session, Actor("organiser", Role.ORGANISER))


def test_audit_verify_prints_one_line_per_problem_and_exits_1(
    run: Run, sessions: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    append(sessions)
    code, _, err = run("audit", "verify")
    assert code == 0 and err.strip().startswith(f"audit log intact: {ENTRIES} entries; checkpoint ")
    rows = entries(sessions)
    with sessions() as session, session.begin():
        session.execute(update(AuditEntry).where(AuditEntry.id == rows[1].id).values(entity="parks"))
        session.execute(delete(AuditEntry).where(AuditEntry.id == rows[-1].id))
    code, _, err = run("audit", "verify")
    assert code == 1
    assert err.splitlines() == [
        f"audit entry {rows[1].id}: changed after it was written (does not match its MAC)",
        f"the audit log holds {ENTRIES - 1} entries but its checkpoint recorded {ENTRIES}: entries were deleted",
        f"the checkpoint's last entry (number {ENTRIES}, id {rows[-1].id}, MAC {rows[-1].hash[:12]}…) is not in "
        "the audit log: its tail was deleted or rewritten",
        "audit log BROKEN: 3 problems",
    ]
    monkeypatch.setenv("MATCHING_LANG", "zh")
    code, _, err = run("audit", "verify")
    assert (
        code == 1 and err.splitlines()[0] == f"审计日志第 {rows[1].id} 条：写入后内容被改动（与其 MAC 不符）"
    )


def test_a_restarted_checkpoint_accepts_an_intact_log_only(
    run: Run, sessions: sessionmaker[Session], database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    append(sessions)
    rows = entries(sessions)
    with sessions() as session, session.begin():  # as after a pg_restore of an older dump
        session.execute(delete(AuditEntry).where(AuditEntry.id.in_([row.id for row in rows[-2:]])))
    assert run("audit", "verify")[0] == 1
    assert run("audit", "restart-checkpoint")[0] == 2
    code, _, err = run("audit", "restart-checkpoint", "--yes")
    assert code == 0 and f"({ENTRIES - 2} entries, and this restart)" in err
    assert run("audit", "verify")[0] == 0
    with sessions() as session:
        restart = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert restart.action == "audit.checkpoint_restarted" and restart.details["previous"]["count"] == ENTRIES
    with sessions() as session, session.begin():
        session.execute(update(AuditEntry).where(AuditEntry.id == rows[0].id).values(entity="parks"))
    code, _, err = run("audit", "restart-checkpoint", "--yes")
    assert code == 2 and err.startswith("error: ") and "the checkpoint was not restarted" in err
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == ENTRIES - 1


def test_a_short_key_stops_the_action_that_would_log(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHING_AUDIT_KEY", "short")
    with pytest.raises(InputError), sessions() as session, session.begin():
        audit.record(session, "official", "export", "graduates")
    assert entries(sessions) == []


def test_a_new_database_at_an_old_path_sets_the_old_checkpoint_aside(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MATCHING_AUDIT_KEY")
    monkeypatch.delenv("MATCHING_AUDIT_KEY_FILE")
    path = tmp_path / "var" / "matching.db"
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    code, _, err = run("db", "migrate")
    assert code == 0 and f"generated the audit key {tmp_path / 'var' / 'audit.key'}" in err
    append(db.sessions(url))
    db.engine(url).dispose()
    for leftover in path.parent.glob("matching.db*"):  # what `make clean-db` deletes
        leftover.unlink()
    code, _, err = run("db", "migrate")
    assert code == 0 and "the audit checkpoint of an earlier database at this path was moved to " in err
    assert f"audit key: {tmp_path / 'var' / 'audit.key'}" in err
    [earlier] = path.parent.glob("audit-head.matching.db.json.earlier-*")
    assert json.loads(earlier.read_text("utf-8"))["count"] == ENTRIES
    append(db.sessions(url), 2)
    assert run("audit", "verify")[0] == 0
    code, _, err = run("db", "migrate")
    assert code == 0 and "moved" not in err  # an existing database keeps its checkpoint


def test_a_log_written_with_a_key_logs_nothing_without_it(
    run: Run,
    sessions: sessionmaker[Session],
    database_url: str,
    audit_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MATCHING_AUDIT_KEY")
    append(sessions, 2)
    key = audit_folder / "audit.key"
    key.unlink()  # the database moved without its key file
    with pytest.raises(InputError) as refused, sessions() as session, session.begin():
        audit.record(session, "official", "export", "graduates")
    assert refused.value.problems[0].code == "audit.key_lost"
    assert len(entries(sessions)) == 2 and not key.exists()  # no second key beside the first one's entries
    monkeypatch.setenv("DATABASE_URL", database_url)
    code, _, err = run("db", "migrate")
    assert code == 2 and err.strip() == (
        f"error: {key}: the audit key is missing but the log was written with one: put the key file back "
        "(or set MATCHING_AUDIT_KEY); nothing was logged or done"
    )

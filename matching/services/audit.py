"""The append-only audit log. Each entry's hash covers its content and the previous entry's hash, so an
edited or deleted entry breaks the chain (`verify_chain`)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from models import AuditEntry

GENESIS_HASH = "0" * 64
AUDIT_LOCK_KEY = 20261127  # any constant the app uses for nothing else


def entry_hash(
    prev_hash: str, actor: str, action: str, entity: str, key: str | None, details: dict[str, Any]
) -> str:
    payload = json.dumps(
        [prev_hash, actor, action, entity, key, details], ensure_ascii=False, sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    key: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction."""
    # Store exactly what is hashed: dates and the like become their text form.
    details = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    # One appender at a time, holding the write lock before it reads the last entry, so two transactions
    # never chain onto the same entry.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    else:
        # Python's sqlite3 begins the transaction only at the first write, so an action whose first write
        # is this entry (an export, a reveal, a failed sign-in) would read the last hash unlocked. A write
        # that changes nothing takes SQLite's write lock now (waiting for busy_timeout), like BEGIN IMMEDIATE.
        session.execute(text("UPDATE audit_log SET id = id WHERE 0"))
    last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    prev = last or GENESIS_HASH
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity=entity,
        entity_key=key,
        details=details,
        prev_hash=prev,
        hash=entry_hash(prev, actor, action, entity, key, details),
    )
    session.add(entry)
    session.flush()
    return entry


def verify_chain(session: Session) -> list[str]:
    """Problems found in the chain, empty when intact."""
    problems: list[str] = []
    prev = GENESIS_HASH
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        expected = entry_hash(prev, entry.actor, entry.action, entry.entity, entry.entity_key, entry.details)
        if entry.prev_hash != prev:
            problems.append(f"entry {entry.id}: previous entry missing or changed")
        if entry.hash != expected:
            problems.append(f"entry {entry.id}: content changed after it was written")
        prev = entry.hash
    return problems

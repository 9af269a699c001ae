"""The append-only audit log, which proves itself.

Each entry's hash is an HMAC-SHA256 of its content and the previous entry's hash, with a key kept outside the
database: `MATCHING_AUDIT_KEY`, or else the key file (`MATCHING_AUDIT_KEY_FILE`; by default `audit.key` beside
the SQLite database, `var/audit.key` for PostgreSQL), generated on first use and readable by its owner only.
Changing an entry, or re-hashing the entries after a changed one, needs the key.

After every commit that appended, the chain's head (entry count, last id and MAC) is checkpointed in a file
beside the key (`audit-head.<database>.json`), so deleting the newest entries is found too. The checkpoint is
written only once the commit is done, so it may lag behind the log but never claims an entry that was rolled
back; and it only moves forward along the chain it recorded, so entries appended after a cut tail do not
paper over the cut. `restart_checkpoint` accepts the chain as it is after a deliberate restore.

Entries written before the key existed are plain SHA-256 (the log before this scheme): they are reported as
such, and the first keyed entry chains onto them, so they cannot be changed unseen either.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, SessionTransaction

from matching.errors import InputError, InputProblem
from matching.messages import Message, render
from matching.services import db
from matching.services.access import Action, Actor, require
from models import AuditEntry
from models.session import DEFAULT_SQLITE_PATH

GENESIS_HASH = "0" * 64
AUDIT_LOCK_KEY = 20261127  # any constant the app uses for nothing else
KEY_ENV = "MATCHING_AUDIT_KEY"
KEY_FILE_ENV = "MATCHING_AUDIT_KEY_FILE"
KEY_FILE_NAME = "audit.key"
MIN_KEY_LENGTH = 32
_STAGED = "matching.audit.staged_head"  # session.info: the head to checkpoint once the commit is done
_FROZEN = "frozen"  # session.info: this transaction's entries do not extend the checkpoint's chain
_log = logging.getLogger(__name__)


# ------------------------------------------------------------------------------------------ files and key


@dataclass(frozen=True)
class _Files:
    key: Path
    checkpoint: Path


def _files(url: URL | str) -> _Files:
    parsed = make_url(url) if isinstance(url, str) else url
    configured = os.environ.get(KEY_FILE_ENV, "").strip()
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        database = Path(parsed.database)
        default_key, name = database.parent / KEY_FILE_NAME, database.name
    else:
        default_key, name = DEFAULT_SQLITE_PATH.parent / KEY_FILE_NAME, parsed.database or "database"
    key = Path(configured) if configured else default_key
    safe_name = re.sub(r"[^\w.-]", "_", name)
    return _Files(key, key.parent / f"audit-head.{safe_name}.json")


def _url(session: Session) -> URL:
    return session.get_bind().engine.url


def _secret(files: _Files) -> bytes | None:
    """The key: from the environment, else the key file; None when there is neither."""
    configured = os.environ.get(KEY_ENV, "").strip()
    if configured:
        return _checked(configured, KEY_ENV)
    try:
        return _checked(files.key.read_text("utf-8").strip(), str(files.key))
    except FileNotFoundError:
        return None


def _writing_secret(files: _Files, last: AuditEntry | None) -> bytes:
    """The key to append with, generated on first start. A log already written with a key that is now
    missing (a database moved without its key file) gets no new one: entries under two keys could never
    be verified, so nothing is logged (and so nothing done) until the key is back."""
    secret = _secret(files)
    if secret is not None:
        return secret
    if last is not None and last.hash != _plain_hash(_entry_payload(last)):
        raise _refused(str(files.key), "audit.key_lost")
    _create_key_file(files.key)
    secret = _secret(files)
    assert secret is not None
    return secret


def _checked(key: str, source: str) -> bytes:
    if len(key) < MIN_KEY_LENGTH:
        raise _refused(source, "audit.key_too_short", minimum=MIN_KEY_LENGTH)
    return key.encode("utf-8")


def _create_key_file(path: Path) -> bool:
    """A new random key at `path`, 0600; False when another process made one first (that one is used)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit-key-")  # mode 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_hex(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # atomic and exclusive: two first starts at once keep one key
        except FileExistsError:
            return False
        _fsync_directory(path.parent)
        return True
    finally:
        os.unlink(temporary)


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _key_id(secret: bytes) -> str:
    """Names the key in the checkpoint without revealing it."""
    return hmac.new(secret, b"matching audit key id", hashlib.sha256).hexdigest()[:16]


# --------------------------------------------------------------------------------------------- entries


def _payload(
    prev_hash: str, actor: str, action: str, entity: str, key: str | None, details: dict[str, Any]
) -> bytes:
    return json.dumps(
        [prev_hash, actor, action, entity, key, details], ensure_ascii=False, sort_keys=True, default=str
    ).encode("utf-8")


def _plain_hash(payload: bytes) -> str:
    """What an entry's hash was before the key (and what someone without the key can compute)."""
    return hashlib.sha256(payload).hexdigest()


def _mac(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()


def _entry_payload(entry: AuditEntry) -> bytes:
    return _payload(entry.prev_hash, entry.actor, entry.action, entry.entity, entry.entity_key, entry.details)


def _take_write_lock(session: Session) -> None:
    """One appender at a time, holding the write lock before it reads the last entry, so two transactions
    never chain onto the same entry."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
    else:
        # Python's sqlite3 begins the transaction only at the first write, so an action whose first write
        # is this entry (an export, a reveal, a failed sign-in) would read the last hash unlocked. A write
        # that changes nothing takes SQLite's write lock now (waiting for busy_timeout), like BEGIN IMMEDIATE.
        session.execute(text("UPDATE audit_log SET id = id WHERE 0"))


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    key: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction; the checkpoint follows once that transaction commits."""
    # Store exactly what is hashed: dates and the like become their text form.
    details = json.loads(json.dumps(details or {}, ensure_ascii=False, default=str))
    _take_write_lock(session)
    files = _files(_url(session))
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    secret = _writing_secret(files, last)
    count_before = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    plan = _plan(session, files, secret, count_before, last)
    prev = last.hash if last is not None else GENESIS_HASH
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity=entity,
        entity_key=key,
        details=details,
        prev_hash=prev,
        hash=_mac(secret, _payload(prev, actor, action, entity, key, details)),
    )
    session.add(entry)
    session.flush()
    _stage(session, plan, count_before, entry)
    return entry


# ---------------------------------------------------------------------------------------------- checkpoint


@dataclass(frozen=True)
class Checkpoint:
    key_id: str
    count: int  # entries in the log when it was written
    last_id: int
    head: str  # the MAC of entry `last_id`, the count-th entry
    unkeyed: int | None  # leading entries written before the key existed; None when not known


class _Unreadable(Exception):
    pass


def _read_checkpoint(path: Path) -> Checkpoint | None:
    try:
        data = json.loads(path.read_text("utf-8"))
        unkeyed = data.get("unkeyed")
        return Checkpoint(
            key_id=str(data["key_id"]),
            count=int(data["count"]),
            last_id=int(data["last_id"]),
            head=str(data["head"]),
            unkeyed=None if unkeyed is None else int(unkeyed),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise _Unreadable(f"{type(error).__name__}: {error}") from error


def _write_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    """Atomically: a reader sees the old checkpoint or the new one, never half of one."""
    data = {"format": 1, **asdict(checkpoint), "written_at": datetime.now(UTC).isoformat(timespec="seconds")}
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit-head-")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


@contextlib.contextmanager
def _checkpoint_lock(path: Path) -> Iterator[None]:
    """Processes committing at once compare and replace the checkpoint one at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield


@dataclass(frozen=True)
class _Staged:
    path: Path
    head: Checkpoint


def _is_keyed(secret: bytes, entry: AuditEntry) -> bool:
    return hmac.compare_digest(entry.hash, _mac(secret, _entry_payload(entry)))


def _plan(
    session: Session, files: _Files, secret: bytes, count_before: int, last: AuditEntry | None
) -> _Staged | str:
    """How this transaction's entries are checkpointed, decided at its first entry, under the write lock:
    the log must still hold the checkpointed head, or the checkpoint stays where it is as evidence. A key
    other than the log's is refused before anything is written: entries under two keys never verify."""
    planned = session.info.get(_STAGED)
    if planned is not None:
        return planned
    key_id = _key_id(secret)
    path = files.checkpoint
    try:
        current = _read_checkpoint(path)
    except _Unreadable:
        _log.warning("audit checkpoint %s cannot be read; left as it is (run `audit verify`)", path)
        return _FROZEN
    if current is None:
        # The key's first use on this log: every entry before it was written without the key.
        first_use = last is None or not _is_keyed(secret, last)
        return _Staged(path, Checkpoint(key_id, 0, 0, "", count_before if first_use else None))
    if current.key_id != key_id:
        source = KEY_ENV if os.environ.get(KEY_ENV, "").strip() else str(files.key)
        raise _refused(source, "audit.key_refused", found=key_id, expected=current.key_id)
    extends = (
        count_before >= current.count
        and session.scalar(select(AuditEntry.hash).where(AuditEntry.id == current.last_id)) == current.head
    )
    if not extends:
        _log.warning("audit checkpoint %s does not match the log; left as it is (run `audit verify`)", path)
        return _FROZEN
    return _Staged(path, current)


def _stage(session: Session, plan: _Staged | str, count_before: int, entry: AuditEntry) -> None:
    """Remember the head to checkpoint once the transaction commits."""
    if isinstance(plan, _Staged):
        head = replace(plan.head, count=count_before + 1, last_id=entry.id, head=entry.hash)
        session.info[_STAGED] = _Staged(plan.path, head)
    else:
        session.info[_STAGED] = plan


def _advance(staged: _Staged) -> None:
    """After the commit: move the checkpoint forward to the committed head (never back: another process may
    have checkpointed a later entry meanwhile). A failure to write leaves it lagging, which verify allows."""
    try:
        with _checkpoint_lock(staged.path):
            current = _read_checkpoint(staged.path)
            if current is None:
                _write_checkpoint(staged.path, staged.head)
            elif current.key_id == staged.head.key_id and current.count < staged.head.count:
                _write_checkpoint(staged.path, replace(staged.head, unkeyed=current.unkeyed))
    except (OSError, _Unreadable) as error:
        _log.warning("audit checkpoint %s not advanced: %s", staged.path, error)


@event.listens_for(Session, "after_commit")
def _checkpoint_after_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: nothing is committed yet
        return
    staged = session.info.pop(_STAGED, None)
    if isinstance(staged, _Staged):
        _advance(staged)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    # A savepoint's rollback too: the next entry stages afresh, so the checkpoint never claims a lost entry.
    session.info.pop(_STAGED, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # closed without a commit, or committed (already popped)
        session.info.pop(_STAGED, None)


# ------------------------------------------------------------------------------------------ verification


@dataclass(frozen=True)
class ChainReport:
    entries: int
    unkeyed: int  # leading entries written before the key existed
    problems: list[Message]  # one line each; empty when the log is intact
    notes: list[Message]  # facts worth saying that are not problems
    checkpoint: Path

    def summary(self) -> Message:
        if self.problems:
            return Message("audit.broken", {"count": len(self.problems)})
        return Message("audit.intact", {"count": self.entries, "path": str(self.checkpoint)})


def verify_chain(session: Session, actor: Actor) -> list[Message]:
    """The problems of the log (edited, missing, reordered, re-hashed or deleted entries, a missing or
    different key), empty when it is intact."""
    return inspect_chain(session, actor).problems


def inspect_chain(
    session: Session, actor: Actor, *, database: str | None = None, against_head: bool = True
) -> ChainReport:
    """The whole report. `database`: whose key and checkpoint to use, when the session's database is a copy
    (a backup being restored is checked with the live database's key). `against_head=False` checks the
    chain without comparing its head with the checkpoint's (an older backup is shorter by nature); the
    checkpoint's key and the number of entries written before the key still apply."""
    require(actor, Action.MAINTAIN)
    return _inspect(session, _files(database or _url(session)), against_head)


def _inspect(session: Session, files: _Files, against_head: bool) -> ChainReport:
    problems: list[Message] = []
    notes: list[Message] = []
    secret = _secret(files)
    try:
        checkpoint = _read_checkpoint(files.checkpoint)
    except _Unreadable as error:
        checkpoint = None
        if against_head:  # otherwise the caller is about to replace it
            problems.append(
                Message("audit.checkpoint_damaged", {"path": str(files.checkpoint), "reason": str(error)})
            )
    key_missing = secret is None
    if secret is not None and checkpoint is not None and checkpoint.key_id != _key_id(secret):
        problems.append(
            Message("audit.key_mismatch", {"found": _key_id(secret), "expected": checkpoint.key_id})
        )
        secret = None  # MACs under another key say nothing about single entries
    legacy_limit = checkpoint.unkeyed if checkpoint is not None else None
    findings: dict[str, list[tuple[int, int]]] = {}  # code -> (position, id) of each entry with it
    legacy: list[int] = []
    unverifiable = 0
    keyed_seen = head_found = False
    prev = GENESIS_HASH
    position = 0
    rows = session.execute(
        select(
            AuditEntry.id,
            AuditEntry.prev_hash,
            AuditEntry.hash,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_key,
            AuditEntry.details,
        ).order_by(AuditEntry.id)
    )
    for row in rows:
        position += 1
        if row.prev_hash != prev:
            findings.setdefault("audit.link_broken", []).append((position, row.id))
        # The entry's own content with the predecessor it names: a deleted entry breaks one link, an edited
        # one its own hash, each reported once.
        payload = _payload(row.prev_hash, row.actor, row.action, row.entity, row.entity_key, row.details)
        if secret is not None and hmac.compare_digest(row.hash, _mac(secret, payload)):
            keyed_seen = True
        elif row.hash == _plain_hash(payload):
            if (position <= legacy_limit) if legacy_limit is not None else not keyed_seen:
                legacy.append(row.id)
            else:
                findings.setdefault("audit.entry_unkeyed", []).append((position, row.id))
        elif secret is not None:
            findings.setdefault("audit.entry_changed", []).append((position, row.id))
        else:
            unverifiable += 1
        if checkpoint is not None and row.id == checkpoint.last_id and row.hash == checkpoint.head:
            head_found = True
        prev = row.hash
    if key_missing and (unverifiable or checkpoint is not None):
        problems.append(Message("audit.key_missing", {"path": str(files.key)}))
    problems.extend(_runs(findings))
    if checkpoint is not None and against_head:
        if position < checkpoint.count:
            problems.append(Message("audit.fewer_entries", {"count": position, "expected": checkpoint.count}))
        if not head_found:
            problems.append(
                Message(
                    "audit.head_missing",
                    {"position": checkpoint.count, "entry": checkpoint.last_id, "mac": checkpoint.head[:12]},
                )
            )
    if legacy:
        notes.append(Message("audit.unkeyed_entries", {"entries": _span(legacy[0], legacy[-1])}))
    if against_head and checkpoint is None and position and not problems:
        notes.append(Message("audit.no_checkpoint", {"path": str(files.checkpoint)}))
    return ChainReport(position, len(legacy), problems, notes, files.checkpoint)


def _runs(findings: dict[str, list[tuple[int, int]]]) -> list[Message]:
    """One line per run of neighbouring entries with the same problem (an edit re-hashed to the end is one
    problem, not a thousand), in the order of the log."""
    lines: list[tuple[int, Message]] = []
    for code, hits in findings.items():
        start = 0
        for index in range(1, len(hits) + 1):
            if index == len(hits) or hits[index][0] != hits[index - 1][0] + 1:
                first, last = hits[start], hits[index - 1]
                lines.append((first[0], Message(code, {"entries": _span(first[1], last[1])})))
                start = index
    return [message for _, message in sorted(lines, key=lambda line: line[0])]


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


# ------------------------------------------------------------------------- restores and new databases


def restart_checkpoint(
    session: Session,
    actor: Actor,
    reason: str,
    details: dict[str, Any] | None = None,
    *,
    previous_to: str | None = None,
) -> ChainReport:
    """Make the checkpoint accept the log as it now is, after a deliberate restore (the restored log is
    shorter than the one checkpointed). Refused unless the log is intact in itself; the restart is an entry
    of the log (with the checkpoint it replaced). `previous_to`: the URL of the copy a restore kept of the
    replaced database, which takes the replaced checkpoint along, so it can be verified later. Call it first
    in its transaction."""
    require(actor, Action.MAINTAIN)
    if _STAGED in session.info:
        raise RuntimeError("restart_checkpoint must come before any entry of its transaction")
    files = _files(_url(session))
    _take_write_lock(session)
    report = _inspect(session, files, against_head=False)
    if report.problems:
        raise _refused(str(files.checkpoint), "audit.restart_refused", problem=report.problems[0])
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    secret = _writing_secret(files, last)
    try:
        previous = _read_checkpoint(files.checkpoint)
    except _Unreadable:
        previous = None
    with _checkpoint_lock(files.checkpoint):
        if previous_to is not None and files.checkpoint.exists():
            shutil.copy2(files.checkpoint, _files(previous_to).checkpoint)
        if last is None:
            files.checkpoint.unlink(missing_ok=True)
        else:
            # Only committed entries: this transaction has written none yet.
            head = Checkpoint(_key_id(secret), report.entries, last.id, last.hash, report.unkeyed)
            _write_checkpoint(files.checkpoint, head)
    record(
        session,
        actor.username,
        "audit.checkpoint_restarted",
        "audit",
        None,
        {"reason": reason, "previous": asdict(previous) if previous else None, **(details or {})},
    )
    return report


@dataclass(frozen=True)
class Preparation:
    key_file: Path | None  # None: the key comes from MATCHING_AUDIT_KEY
    key_created: bool
    earlier_checkpoint: Path | None  # where a new database's stale checkpoint was moved


def prepare(url: str, actor: Actor, *, new_database: bool) -> Preparation:
    """After `db migrate`: the audit key exists (generated now on first start) and is sound. On a database
    the migration has just created (`new_database`; its log is empty), a checkpoint at its path belongs to
    an earlier database there (`make clean-db`): it is renamed, kept rather than deleted, so the new log
    starts its own. Refused when a supposedly new database already has entries, and when the log was
    written with a key that is now missing."""
    require(actor, Action.MAINTAIN)
    files = _files(url)
    with db.sessions(url)() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
    from_environment = bool(os.environ.get(KEY_ENV, "").strip())
    had_key = from_environment or files.key.exists()
    _writing_secret(files, last)  # a key that is too short, or lost, says so now rather than at an action
    earlier = None
    if new_database and files.checkpoint.exists():
        if last is not None:
            raise _refused(str(files.checkpoint), "audit.not_empty")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        earlier = files.checkpoint.with_name(f"{files.checkpoint.name}.earlier-{stamp}")
        with _checkpoint_lock(files.checkpoint):
            os.replace(files.checkpoint, earlier)
    return Preparation(None if from_environment else files.key, not had_key, earlier)


def _refused(subject: str, code: str, **params: Any) -> InputError:
    return InputError(InputProblem(file=subject, message=render(code, params), code=code, params=params))

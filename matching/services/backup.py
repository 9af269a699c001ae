"""Backups. SQLite: the online backup API copies a consistent snapshot while the app keeps working. A restore
takes only a backup of this service's schema at a revision this code knows, whose audit log verifies with this
installation's audit key, and keeps a copy of the database it replaces. PostgreSQL: use the server's own
tools (pg_dump / pg_restore, then `audit restart-checkpoint`); the README gives the commands."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from matching.errors import InputError, InputProblem
from matching.messages import Message, render
from matching.services import audit, db
from matching.services.access import Action, Actor, require
from models import Base
from models.session import alembic_config, make_engine, migrate, session_factory

SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise _refused(parsed.render_as_string(hide_password=True), "backup.postgres")
    return Path(parsed.database)


def backup_sqlite(url: str, target: Path, actor: Actor) -> int:
    """A consistent copy of the live database at `target` (logged); returns its size in bytes. The audit
    key is not in it: it is kept apart, like the key of a safe."""
    require(actor, Action.MAINTAIN)
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise FileNotFoundError(f"{source_path}: no database there")
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(source_path, target)  # pages are copied under SQLite's locks: writers may carry on meanwhile
    size = target.stat().st_size
    with db.sessions(url)() as session, session.begin():
        audit.record(session, actor.username, "backup", "database", str(target), {"bytes": size})
    return size


@dataclass(frozen=True)
class RestoreReport:
    backup: Path
    kept: Path | None  # the copy of the database the restore replaced; None when there was none
    audit_entries: int  # in the restored log

    def summary(self) -> Message:
        if self.kept is None:
            return Message("restore.done_nothing_replaced", {"backup": str(self.backup)})
        return Message("restore.done", {"backup": str(self.backup), "copy": str(self.kept)})


def restore_sqlite(url: str, backup: Path, actor: Actor) -> RestoreReport:
    """Replace the live database with the backup (stop the app first), once the backup has proved to be this
    service's database at a known revision (migrated to the current one) with an intact audit log under
    this installation's key. The replaced database is kept beside it (`<name>.before-restore-<time>`, with
    its audit checkpoint); the restore is the first new entry of the restored log."""
    require(actor, Action.MAINTAIN)
    live = sqlite_path(url)
    if not backup.is_file():
        raise _refused(str(backup), "restore.no_file")
    live.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=live.parent, prefix=".restore-") as folder:
        staged = Path(folder) / live.name
        _stage(backup, staged)
        _check_schema(staged, backup)
        _check_audit(staged, url, backup, actor)
        kept = _keep(live) if live.exists() else None
        _copy(staged, live)
    with db.sessions(url)() as session, session.begin():
        report = audit.restart_checkpoint(
            session,
            actor,
            "restore",
            {"backup": str(backup), "kept": str(kept) if kept else None},
            previous_to=f"sqlite:///{kept}" if kept else None,
        )
    return RestoreReport(backup, kept, report.entries)


def _copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)


def _stage(backup: Path, staged: Path) -> None:
    """A sound SQLite file, copied to where it can be migrated and checked without touching the original."""
    with backup.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _refused(str(backup), "restore.not_sqlite")
    try:
        with closing(sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)) as source:
            verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise _refused(str(backup), "restore.damaged", detail=" ".join(str(verdict).split())[:200])
            with closing(sqlite3.connect(staged)) as copy:
                source.backup(copy)
    except sqlite3.DatabaseError as error:
        raise _refused(str(backup), "restore.damaged", detail=str(error)) from error


def _check_schema(staged: Path, backup: Path) -> None:
    with closing(sqlite3.connect(staged)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            raise _refused(str(backup), "restore.no_revision")
        revisions = [str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")]
    engine = make_engine(f"sqlite:///{staged}")
    try:
        known = {
            script.revision for script in ScriptDirectory.from_config(alembic_config(engine)).walk_revisions()
        }
        if len(revisions) != 1 or revisions[0] not in known:
            raise _refused(str(backup), "restore.unknown_revision", revision=", ".join(revisions) or "-")
        try:
            migrate(engine)  # an older backup is brought to the current schema, as `db migrate` would
            with engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                differences: list[Any] = compare_metadata(context, Base.metadata)
        except (SQLAlchemyError, CommandError) as error:
            raise _refused(str(backup), "restore.schema_differs", detail=_one_line(error)) from error
    finally:
        engine.dispose()
    if differences:
        raise _refused(str(backup), "restore.schema_differs", detail=_describe(differences[0]))


def _check_audit(staged: Path, url: str, backup: Path, actor: Actor) -> None:
    """The backup's log, with the live database's key: a backup from another installation, or one whose
    log was edited or forged (re-hashed without the key), is not restored. Its head is the live log's past,
    so it is not compared with the checkpoint's."""
    engine = make_engine(f"sqlite:///{staged}")
    try:
        with session_factory(engine)() as session:
            report = audit.inspect_chain(session, actor, database=url, against_head=False)
    finally:
        engine.dispose()
    if report.problems:
        raise _refused(
            str(backup), "restore.audit_broken", count=len(report.problems), problem=report.problems[0]
        )


def _keep(live: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = live.with_name(f"{live.name}.before-restore-{stamp}")
    number = 1
    while kept.exists():
        number += 1
        kept = live.with_name(f"{live.name}.before-restore-{stamp}-{number}")
    _copy(live, kept)
    return kept


def _describe(difference: Any) -> str:
    """One of Alembic's differences in a few words: its kind and the table (and column) it is about."""
    first = difference[0] if isinstance(difference, list) else difference
    kind, *subjects = first
    names = [
        getattr(subject, "name", None) or str(subject) for subject in subjects[:3] if subject is not None
    ]
    return " ".join([str(kind), *(name for name in names if isinstance(name, str))])[:200]


def _one_line(error: BaseException) -> str:
    return " ".join(str(getattr(error, "orig", None) or error).split())[:200]


def _refused(subject: str, code: str, **params: Any) -> InputError:
    return InputError(InputProblem(file=subject, message=render(code, params), code=code, params=params))

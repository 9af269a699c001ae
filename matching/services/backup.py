"""Backups. SQLite: the online backup API copies a consistent snapshot while the app keeps working.
PostgreSQL: use the server's own tools (pg_dump / pg_restore); the README gives the commands."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

PG_DUMP_HINT = (
    'for PostgreSQL use the server\'s tools: pg_dump -Fc -d "$DATABASE_URL" -f matching.dump, '
    'and pg_restore --clean -d "$DATABASE_URL" matching.dump to restore'
)


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise ValueError(PG_DUMP_HINT)
    return Path(parsed.database)


def backup_sqlite(url: str, target: Path) -> int:
    """A consistent copy of the live database at `target`; returns its size in bytes."""
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise FileNotFoundError(f"{source_path}: no database there")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)  # pages are copied under SQLite's locks: writers may carry on meanwhile
    return target.stat().st_size


def restore_sqlite(url: str, backup: Path) -> None:
    """Replace the live database's content with the backup's (stop the app first)."""
    target_path = sqlite_path(url)
    if not backup.exists():
        raise FileNotFoundError(f"{backup}: no backup there")
    with sqlite3.connect(backup) as source:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise ValueError(f"{backup} is damaged; not restored")
        with sqlite3.connect(target_path) as live:
            source.backup(live)

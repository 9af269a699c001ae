"""One engine per database URL per process; sessions are opened per action by the callers.

The interfaces name the database only through this module: its URL, its session factory and the two
types (`Session`, `Sessions`) their type hints need; they import neither `models` nor SQLAlchemy.
"""

from __future__ import annotations

from functools import cache
from typing import TypeAlias

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from models import Park
from models import session as store

__all__ = [
    "Session",
    "Sessions",
    "database_url",
    "engine",
    "is_empty",
    "is_migrated",
    "migrate_database",
    "sessions",
]

Sessions: TypeAlias = sessionmaker[Session]  # what `sessions()` returns; call it to open a session


def database_url() -> str:
    """The configured database: `DATABASE_URL` when set, else the embedded SQLite file (read when asked)."""
    return store.database_url()


@cache
def _engine(url: str) -> Engine:
    return store.make_engine(url)


def engine(url: str | None = None) -> Engine:
    return _engine(url or database_url())


def sessions(url: str | None = None) -> Sessions:
    return store.session_factory(engine(url))


def migrate_database(url: str | None = None) -> None:
    store.migrate(engine(url))


def is_migrated(url: str | None = None) -> bool:
    return "alembic_version" in inspect(engine(url)).get_table_names()


def is_empty(session: Session) -> bool:
    """No parks means nothing has been loaded yet (every other record hangs off parks or events)."""
    return not session.scalar(select(func.count()).select_from(Park))

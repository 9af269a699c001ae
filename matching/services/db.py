"""One engine per database URL per process; sessions are opened per action by the callers."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from models import Park
from models.session import database_url, make_engine, migrate, session_factory


@cache
def _engine(url: str) -> Engine:
    return make_engine(url)


def engine(url: str | None = None) -> Engine:
    return _engine(url or database_url())


def sessions(url: str | None = None) -> sessionmaker[Session]:
    return session_factory(engine(url))


def migrate_database(url: str | None = None) -> None:
    migrate(engine(url))


def is_migrated(url: str | None = None) -> bool:
    return "alembic_version" in inspect(engine(url)).get_table_names()


def is_empty(session: Session) -> bool:
    """No parks means nothing has been loaded yet (every other record hangs off parks or events)."""
    return not session.scalar(select(func.count()).select_from(Park))

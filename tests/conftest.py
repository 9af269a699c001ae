"""Databases for the tests: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from TEST_DATABASE_URL (the Makefile and CI set it); each test session creates its own
database there and drops it afterwards. In CI a PostgreSQL that does not answer fails the run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

import matching.cli
from models.base import Base
from models.session import make_engine, migrate, normalise_url, session_factory

pytest_plugins = ["tests.audit_files"]  # one audit key for the session, a checkpoint folder per test

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ["sqlite", "postgres"]


def _postgres_admin_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    return normalise_url(url) if url else None


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session."""
    admin_url = _postgres_admin_url()
    if admin_url is None:
        if os.environ.get("CI"):
            pytest.fail("TEST_DATABASE_URL is not set; CI must test on PostgreSQL")
        pytest.skip("TEST_DATABASE_URL is not set")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"matching_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL does not answer: {error}")
        pytest.skip(f"PostgreSQL does not answer: {error.orig}")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("sqlite") / "test.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{request.param}_database"))


@pytest.fixture(scope="session")
def _engines() -> Iterator[dict[str, Engine]]:
    cache: dict[str, Engine] = {}
    yield cache
    for engine in cache.values():
        engine.dispose()


def _wipe(engine: Engine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as connection:
        for table in tables:  # DELETE beats TRUNCATE on the few rows a test leaves
            connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def engine(database_url: str, _engines: dict[str, Engine]) -> Engine:
    """An empty, migrated database on each backend."""
    if database_url not in _engines:
        _engines[database_url] = make_engine(database_url)
    db_engine = _engines[database_url]
    _wipe(db_engine)
    return db_engine


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`python -m matching …` in this process: `matching.cli.main`, the real entry point with its error
    handling; returns the exit code, stdout and stderr."""

    def run_cli(*argv: str) -> tuple[int, str, str]:
        code = matching.cli.main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run_cli

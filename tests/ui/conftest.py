"""A demo database seeded once for the page tests (read-only use)."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.services import db
from matching.services.demo import seed_demo

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    db.migrate_database(url)
    seed_demo(db.sessions(url))
    return url


@pytest.fixture
def demo_env(demo_database: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", demo_database)
    return demo_database

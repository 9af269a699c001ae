"""A demo database seeded once per test session; each page test works on its own copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from matching.services import db
from matching.services.access import Actor
from matching.services.demo import seed_demo

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    db.migrate_database(url)
    seed_demo(db.sessions(url), Actor.system("test"))
    db.engine(url).dispose()
    return path


@pytest.fixture
def demo_env(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """DATABASE_URL pointing at a fresh copy of the seeded demo database."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("MATCHING_DEMO", raising=False)
    return url


def run_app(page: str | None = None, user: str | None = None, timeout: float = 60) -> AppTest:
    """The app as the demo user `user` (default: the administrator), switched to `page`."""
    app = AppTest.from_file(APP, default_timeout=timeout)
    app.run()
    if user is not None:
        app.selectbox(key="demo_user.zh").select(user).run()
    if page:
        app.switch_page(f"matching/ui/pages/{page}.py").run()
    assert not app.exception, app.exception
    return app

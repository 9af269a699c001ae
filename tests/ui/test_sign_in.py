"""Outside demo mode the app asks for a sign-in; a wrong one gets the one message, a right one the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from matching.services import db, users
from matching.services.access import Actor
from matching.ui.auth import SIGNED_IN_KEY
from models import Role
from tests.ui.conftest import APP

PASSWORD = "辽东 sign-in test 2026"


@pytest.fixture
def deployed(demo_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MATCHING_DEMO", "0")
    with db.sessions(demo_env)() as session, session.begin():
        users.create_user(session, "organiser1", "王芳", Role.ORGANISER, PASSWORD, Actor.system())
    return demo_env


def sign_in(username: str, password: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert app.title[0].value == "登录"
    app.text_input(key="auth.username").input(username)
    app.text_input(key="auth.password").input(password)
    app.button[0].click().run()
    assert not app.exception, app.exception
    return app


def test_no_page_without_signing_in(deployed: str) -> None:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert app.title[0].value == "登录" and not app.metric
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("matching/ui/pages/graduates.py")


def test_a_wrong_password_gets_the_common_message(deployed: str) -> None:
    app = sign_in("organiser1", "wrong password")
    assert "用户名或密码错误" in app.error[0].value


def test_an_unknown_user_gets_the_same_message(deployed: str) -> None:
    app = sign_in("nobody", PASSWORD)
    assert "用户名或密码错误" in app.error[0].value


def test_the_right_password_opens_the_role_s_pages_and_sign_out_ends_it(deployed: str) -> None:
    app = sign_in("organiser1", PASSWORD)
    assert app.title[0].value == "全市概览"
    app.switch_page("matching/ui/pages/jobfair.py").run()
    assert not app.exception
    app.button(key="auth.sign_out").click().run()
    assert app.title[0].value == "登录" and "已退出登录" in app.info[0].value


def test_an_idle_session_is_signed_out(deployed: str) -> None:
    app = sign_in("organiser1", PASSWORD)
    state = app.session_state[SIGNED_IN_KEY]
    state["last_seen"] = state["last_seen"] - timedelta(hours=1)
    app.run()
    assert app.title[0].value == "登录" and "长时间未操作" in app.info[0].value


def test_a_session_past_its_absolute_limit_is_signed_out(deployed: str) -> None:
    app = sign_in("organiser1", PASSWORD)
    state = app.session_state[SIGNED_IN_KEY]
    state["since"] = state["since"] - timedelta(hours=9)
    app.run()
    assert app.title[0].value == "登录" and "最长时限" in app.info[0].value

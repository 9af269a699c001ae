"""Who is using the app: a signed-in local account (or OIDC through st.login when configured); in demo
mode a visible switch picks one demo user per role instead."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import streamlit as st

from matching.services import users
from matching.services.access import Actor
from matching.services.vocabulary import Role
from matching.ui.common import sessions
from matching.ui.i18n import language, t

ACTOR_KEY = "actor"
DEMO_USER_KEY = "demo_username"


def demo_switch() -> Actor | None:
    """The sidebar's role switch; the first demo user (the administrator) by default."""
    accounts = {account.actor.username: account for account in users.demo_accounts(sessions())}
    if not accounts:
        return None
    labels = {name: f"{a.display_name} · {role_label(a.actor.role)}" for name, a in accounts.items()}
    names = list(labels)
    remembered = st.session_state.get(DEMO_USER_KEY)
    # The key carries the language so the labels follow a language switch; the choice is carried over.
    chosen = st.sidebar.selectbox(
        t("auth.demo_user"),
        names,
        index=names.index(remembered) if remembered in names else 0,
        format_func=labels.__getitem__,
        key=f"demo_user.{language()}",
        placeholder=t("table.pick"),
    )
    st.session_state[DEMO_USER_KEY] = chosen
    actor = accounts[chosen].actor
    st.session_state[ACTOR_KEY] = actor
    return actor


def current_actor() -> Actor:
    """The signed-in actor; pages are only built once there is one."""
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        st.stop()
    return actor


def role_label(role: Role) -> str:
    return t(f"role.{role.value}")


IDLE_LIMIT = timedelta(minutes=int(os.environ.get("MATCHING_IDLE_MINUTES", "30")))
SESSION_LIMIT = timedelta(hours=int(os.environ.get("MATCHING_SESSION_HOURS", "8")))
SIGNED_IN_KEY = "signed_in"


def _now() -> datetime:
    return datetime.now(UTC)


def sign_out(reason_key: str | None = None) -> None:
    st.session_state.pop(SIGNED_IN_KEY, None)
    st.session_state.pop(ACTOR_KEY, None)
    if reason_key:
        st.session_state["auth.notice"] = reason_key


def signed_in_actor() -> Actor | None:
    """The signed-in actor, or None once the idle or absolute time-out has passed (which signs out)."""
    state = st.session_state.get(SIGNED_IN_KEY)
    if not state:
        return _single_sign_on()
    now = _now()
    if now - state["since"] > SESSION_LIMIT:
        sign_out("auth.expired")
        return None
    if now - state["last_seen"] > IDLE_LIMIT:
        sign_out("auth.idle")
        return None
    actor: Actor = state["actor"]
    account = users.active_account_of(sessions(), actor.user_id)
    if account is None:
        sign_out("auth.disabled")
        return None
    state["last_seen"] = now
    st.session_state[ACTOR_KEY] = actor
    with st.sidebar:
        st.caption(t("auth.signed_in_as", name=account.display_name, role=role_label(actor.role)))
        if st.button(t("auth.sign_out"), icon=":material/logout:", key="auth.sign_out"):
            sign_out("auth.signed_out")
            st.rerun()
    return actor


def _remember(actor: Actor) -> None:
    now = _now()
    st.session_state[SIGNED_IN_KEY] = {"actor": actor, "since": now, "last_seen": now}
    st.session_state[ACTOR_KEY] = actor


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _single_sign_on() -> Actor | None:
    """With OIDC configured (st.login), a signed-in identity maps to the local user of that e-mail address."""
    if not _oidc_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    email = str(getattr(st.user, "email", "") or "")
    account = users.active_account(sessions(), email)
    if account is None:
        st.session_state["auth.notice"] = "auth.unknown_sso"
        return None
    actor = account.actor
    _remember(actor)
    return actor


def sign_in_page() -> None:
    st.title(t("auth.sign_in"))
    notice = st.session_state.pop("auth.notice", None)
    if notice:
        st.info(t(notice))
    with st.form("sign_in"):
        username = st.text_input(t("auth.username"), key="auth.username")
        password = st.text_input(t("auth.password"), type="password", key="auth.password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if submitted:
        try:
            actor = users.sign_in(sessions(), username, password)
        except users.SignInFailed:
            st.error(t("auth.failed"))
        else:
            _remember(actor)
            st.rerun()
    if _oidc_configured():
        st.button(t("auth.sso"), on_click=st.login, icon=":material/key:")

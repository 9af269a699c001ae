"""Local accounts: argon2id hashes, lockout with a growing delay, one message for every failure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from matching.errors import ConflictError
from matching.services import users
from matching.services.access import Actor, PermissionDenied
from models import Park, ParkLevel, Role, User

ADMIN = Actor.system("admin")
PASSWORD = "丹东 correct horse 2026"
T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def account(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    with sessions() as session, session.begin():
        users.create_user(session, "li.na", "李娜", Role.ORGANISER, PASSWORD, ADMIN)
    return sessions


def test_passwords_are_stored_as_argon2id(account: sessionmaker[Session]) -> None:
    with account() as session:
        stored = session.scalars(select(User.password_hash).where(User.username == "li.na")).one()
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored


def test_the_right_password_signs_in(account: sessionmaker[Session]) -> None:
    actor = users.sign_in(account, "li.na", PASSWORD, now=T0)
    assert actor.role is Role.ORGANISER and actor.username == "li.na"


def test_a_wrong_user_and_a_wrong_password_get_the_same_message(account: sessionmaker[Session]) -> None:
    with pytest.raises(users.SignInFailed) as wrong_user:
        users.sign_in(account, "nobody", PASSWORD, now=T0)
    with pytest.raises(users.SignInFailed) as wrong_password:
        users.sign_in(account, "li.na", "not the password", now=T0)
    assert str(wrong_user.value) == str(wrong_password.value) == users.SIGN_IN_FAILED


def test_repeated_failures_lock_the_account_for_growing_delays(account: sessionmaker[Session]) -> None:
    for attempt in range(users.FREE_ATTEMPTS):
        with pytest.raises(users.SignInFailed):
            users.sign_in(account, "li.na", "wrong", now=T0 + timedelta(seconds=attempt))
    # locked now: even the right password is refused, with the same message
    with pytest.raises(users.SignInFailed):
        users.sign_in(account, "li.na", PASSWORD, now=T0 + timedelta(seconds=10))
    # after the delay it works again, and success resets the count
    assert users.sign_in(account, "li.na", PASSWORD, now=T0 + timedelta(seconds=40)).username == "li.na"
    with account() as session:
        user = session.scalars(select(User).where(User.username == "li.na")).one()
        assert user.failed_sign_ins == 0 and user.locked_until is None


def test_the_delay_doubles_up_to_an_hour() -> None:
    delays = [users.lockout_after(n) for n in range(1, 12)]
    assert delays[: users.FREE_ATTEMPTS - 1] == [None] * (users.FREE_ATTEMPTS - 1)
    assert delays[users.FREE_ATTEMPTS - 1] == timedelta(seconds=30)
    assert delays[users.FREE_ATTEMPTS] == timedelta(seconds=60)
    assert delays[-1] == timedelta(hours=1)


def test_a_disabled_account_cannot_sign_in(account: sessionmaker[Session]) -> None:
    with account() as session, session.begin():
        session.scalars(select(User).where(User.username == "li.na")).one().is_active = False
    with pytest.raises(users.SignInFailed):
        users.sign_in(account, "li.na", PASSWORD, now=T0)


@pytest.mark.parametrize("password", ["short", "aaaaaaaaaaaaaaaa", " leading space 123"])
def test_weak_passwords_are_refused(sessions: sessionmaker[Session], password: str) -> None:
    with pytest.raises(ValueError, match="password"), sessions() as session, session.begin():
        users.create_user(session, "x", "x", Role.VIEWER, password, ADMIN)


def test_only_an_admin_creates_users_and_names_are_unique(account: sessionmaker[Session]) -> None:
    with pytest.raises(PermissionDenied), account() as session, session.begin():
        users.create_user(session, "y", "y", Role.VIEWER, PASSWORD, Actor("o", Role.ORGANISER))
    with pytest.raises(ConflictError), account() as session, session.begin():
        users.create_user(session, "li.na", "again", Role.VIEWER, PASSWORD, ADMIN)


def test_a_park_official_needs_a_known_park(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        session.add(
            Park(code="HZQ", name="丹东边境经济合作区", level=ParkLevel.NATIONAL, county_code="210603")
        )
    with pytest.raises(ValueError, match="needs a park"), sessions() as session, session.begin():
        users.create_user(session, "p", "p", Role.PARK_OFFICIAL, PASSWORD, ADMIN)
    with sessions() as session, session.begin():
        official = users.create_user(session, "p", "p", Role.PARK_OFFICIAL, PASSWORD, ADMIN, park_code="HZQ")
        assert official.park_id is not None
